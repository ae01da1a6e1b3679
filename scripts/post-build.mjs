// Trunk post-build hook. One script, because trunk runs the hooks of a stage at the same
// time and these steps depend on each other's output.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { externalizeLoader } from "./build/loader.mjs";
import { optimizeWasm } from "./build/wasm-opt.mjs";
import { assertNoRelocations, hashParts, splitWasm } from "./build/split.mjs";
import { stampServiceWorker } from "./build/service-worker.mjs";
import { compressAll } from "./build/compress.mjs";
import { writeTexts } from "./build/texts.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("run by trunk as a post_build hook (TRUNK_STAGING_DIR unset)");
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
const release = process.env.TRUNK_PROFILE === "release";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// The main module and its on-demand parts replace trunk's one module; wasm-opt then
// shrinks each of them, and the parts get content-hashed names.
const split = splitWasm(dir, { root, release });
if (release) optimizeWasm(dir);
hashParts(dir, split);
assertNoRelocations(dir);

const file = path.join(dir, "index.html");
let html = externalizeLoader(dir, readFileSync(file, "utf8"), publicUrl);
html = withSplitLoaderPreload(html, split.loader);
html = writeTexts(dir, root, html, publicUrl);
html = atPublicUrl(html, publicUrl);
html = withCspMeta(html, readFileSync(path.join(root, "deploy/csp.txt"), "utf8"));
html = withFreshIntegrity(html, dir);
html = bootLast(html);
writeFileSync(file, html);

stampServiceWorker(dir);
if (release) compressAll(dir);

/** Root-relative addresses written in index.html (`/boot.js`, the shell's links) moved
 * under the public URL; trunk's own links already carry it. */
function atPublicUrl(html, base) {
  html = html.replace(
    /<meta name="rentdesk-base" content="[^"]*"/,
    `<meta name="rentdesk-base" content="${base}"`,
  );
  if (base === "/") return html;
  const prefix = base.replace(/^\/|\/$/g, "");
  const own = new RegExp(`\\b(src|href)="/(?!${prefix}/)`, "g");
  return html.replace(own, `$1="${base}`);
}

/** The policy as a `<meta>` first in `<head>`, for hosts that send no headers.
 * `frame-ancestors` only works as a header, and browsers warn about it in a meta. */
function withCspMeta(html, policy) {
  const content = policy
    .trim()
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d && !d.startsWith("frame-ancestors"))
    .join("; ");
  const meta = `<meta http-equiv="Content-Security-Policy" content="${content}" />`;
  if (!html.includes('<meta charset="utf-8" />')) throw new Error("index.html lost its charset meta");
  return html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${meta}`);
}

/** The split's JS loader, which the main JS imports, preloaded beside it: requested at once
 * rather than after the main JS, and with an `integrity` (filled in below) that the import
 * then honours. The parts it fetches have none (wasm_split's loader passes no integrity). */
function withSplitLoaderPreload(html, loader) {
  const main = html.match(/<link rel="modulepreload" href="([^"]*\/)(rentdesk-[0-9a-f]+\.js)"[^>]*>/);
  if (!main) throw new Error("index.html has no modulepreload of the main JS");
  const tag = main[0].replace(`${main[1]}${main[2]}`, `${main[1]}${loader}`);
  return html.replace(main[0], `${main[0]}\n    ${tag}`);
}

/** Trunk hashed each file for `integrity` before wasm-opt changed the wasm: hash again. */
function withFreshIntegrity(html, dir) {
  return html.replace(/<link\b[^>]*>/g, (link) => {
    const href = link.match(/\bhref="([^"]+)"/)?.[1];
    if (!href || !/\bintegrity="sha384-/.test(link)) return link;
    const bytes = readFileSync(path.join(dir, path.basename(href)));
    const digest = createHash("sha384").update(bytes).digest("base64");
    return link.replace(/\bintegrity="sha384-[^"]*"/, `integrity="sha384-${digest}"`);
  });
}

/** boot.js blocks the parser (it must run before the body paints): last in `<head>`, so
 * the stylesheet, the app's script and the wasm are requested before it, not after. */
function bootLast(html) {
  const boot = /\s*<script src="[^"]*boot\.js"><\/script>/;
  const tag = html.match(boot);
  if (!tag) throw new Error("index.html has no boot.js script");
  return html.replace(boot, "").replace("</head>", `${tag[0].trim()}\n  </head>`);
}
