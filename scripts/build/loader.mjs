// Moves trunk's inline module loader out of index.html into its own hashed file, so the
// Content-Security-Policy can forbid inline script.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";

/** The page with its inline loader replaced by `<script src="{publicUrl}loader-HASH.js">`. */
export function externalizeLoader(dir, html, publicUrl) {
  const inline = /<script type="module">([\s\S]*?)<\/script>/;
  const match = html.match(inline);
  if (!match) throw new Error("no inline module loader found in index.html");
  const code = match[1].trim() + "\n";
  const name = `loader-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
  writeFileSync(path.join(dir, name), code);
  const out = html.replace(inline, `<script type="module" src="${publicUrl}${name}"></script>`);
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(out)) {
    throw new Error("index.html still has an inline script");
  }
  return out;
}
