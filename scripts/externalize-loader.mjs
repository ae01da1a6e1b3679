// Trunk post-build hook: moves trunk's inline module loader out of index.html into its
// own file, so the Content-Security-Policy can forbid inline script.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("run by trunk as a post_build hook (TRUNK_STAGING_DIR unset)");
const file = path.join(dir, "index.html");
const html = readFileSync(file, "utf8");
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) throw new Error("no inline module loader found in index.html");
const code = match[1].trim() + "\n";
const name = `loader-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
writeFileSync(path.join(dir, name), code);
writeFileSync(file, html.replace(inline, `<script type="module" src="/${name}"></script>`));
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(readFileSync(file, "utf8"))) {
  throw new Error("index.html still has an inline script");
}
