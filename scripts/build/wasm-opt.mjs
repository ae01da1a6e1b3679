// Shrinks the app's wasm with binaryen's wasm-opt -Oz (npm binaryen 132, installed by
// scripts/setup.sh: Debian's binaryen 108 emits a module that fails at run time).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const wasmOpt = path.join(root, "node_modules/.bin/wasm-opt");
/** wasm-opt's outputs by their input and arguments: the sub-path build (same compile, other
 * addresses) and a rebuild that changed only CSS or texts reuse them instead of spending
 * about two minutes on the same modules again. */
const cache = path.join(root, "target/wasm-opt-cache");
/** What rustc's wasm32 target emits; wasm-opt must accept (and keep) exactly these. */
const FEATURES = [
  "--enable-bulk-memory",
  "--enable-mutable-globals",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-reference-types",
  "--enable-multivalue",
];

export function optimizeWasm(dir) {
  if (!existsSync(wasmOpt)) throw new Error("wasm-opt is missing: run scripts/setup.sh");
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".wasm"))) {
    const file = path.join(dir, name);
    // PROFILE_NAMES=1 keeps the function names (build with CARGO_PROFILE_RELEASE_STRIP=false)
    // for a CPU profile with names; never for a build that ships.
    const names = process.env.PROFILE_NAMES === "1" ? ["-g"] : [];
    const args = ["-Oz", ...names, ...FEATURES];
    const key = createHash("sha256").update(args.join(" ")).update(readFileSync(file)).digest("hex");
    const kept = path.join(cache, `${key}.wasm`);
    if (!existsSync(kept)) {
      mkdirSync(cache, { recursive: true });
      execFileSync(wasmOpt, [...args, file, "-o", `${kept}.part`], { stdio: "inherit" });
      copyFileSync(`${kept}.part`, kept);
    }
    copyFileSync(kept, file);
  }
}
