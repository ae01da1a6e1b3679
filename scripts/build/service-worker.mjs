// Gives the service worker this build's version and file list, so that a new build is a
// new worker (the browser compares sw.js byte for byte) and it caches exactly this build.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const SKIP = /\.(br|gz)$|^sw\.js$/;

export function stampServiceWorker(dir) {
  const files = readdirSync(dir).filter((n) => !SKIP.test(n)).sort();
  const hash = createHash("sha256");
  for (const name of files) hash.update(name).update(readFileSync(path.join(dir, name)));
  const version = hash.digest("hex").slice(0, 16);
  const file = path.join(dir, "sw.js");
  const code = readFileSync(file, "utf8");
  const stamped = code
    .replace(/^const VERSION = .*;$/m, `const VERSION = ${JSON.stringify(version)};`)
    .replace(/^const FILES = .*;$/m, `const FILES = ${JSON.stringify(files)};`);
  if (stamped === code) throw new Error("sw.js has no VERSION/FILES lines to stamp");
  writeFileSync(file, stamped);
}
