// Cuts the app's wasm into the main module and the parts that arrive on demand
// (`#[wasm_split(.., fallible)]` functions), as cargo-leptos' `--split` does:
//   1. crates/wasm-split (wasm_split_cli_support) cuts cargo's own wasm, linked with
//      --emit-relocs (.cargo/config.toml), into the main module, one wasm per part and a JS
//      loader for them;
//   2. wasm-bindgen runs again, on the main module only, under trunk's file names, so
//      index.html and its integrity/preload links need no change.
// trunk has already run wasm-bindgen on the uncut module; its output is replaced here.
// The loader imports `initSync` from the main JS and the main JS imports the loader, so the
// loader takes the main JS's hash (`__wasm_split-HASH.js`): both follow from cargo's wasm.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const MAIN_JS = /^rentdesk-([0-9a-f]+)\.js$/;

/** Splits; returns `{ loader, parts }` (file names in `dir`). */
export function splitWasm(dir, { root, release }) {
  const mainJs = readdirSync(dir).find((n) => MAIN_JS.test(n));
  if (!mainJs) throw new Error(`no rentdesk-HASH.js in ${dir}`);
  const base = mainJs.slice(0, -".js".length);
  const hash = mainJs.match(MAIN_JS)[1];
  const loader = `__wasm_split-${hash}.js`;
  const raw = path.join(targetDir(root), "wasm32-unknown-unknown", release ? "release" : "debug", "rentdesk.wasm");
  if (!existsSync(raw)) throw new Error(`cargo's wasm is missing: ${raw}`);
  const work = mkdtempSync(path.join(tmpdir(), "rentdesk-split-"));
  try {
    const mainWasm = path.join(work, "main.wasm");
    const out = execFileSync(
      "cargo",
      ["run", "--quiet", "--offline", "-p", "rentdesk-wasm-split", "--",
        "--in", raw, "--main-out", mainWasm, "--out-dir", dir,
        "--main-module", `./${mainJs}`, "--link-name", `./${loader}`],
      { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: nativeEnv() },
    );
    const { parts } = JSON.parse(out.trim().split("\n").pop());
    console.error(`split: ${parts.length} part(s): ${parts.join(", ") || "none"}`);
    const bindgen = path.join(work, "bindgen");
    execFileSync(
      "wasm-bindgen",
      ["--target", "web", "--keep-lld-exports", "--no-demangle", `--out-name=${base}`, "--out-dir", bindgen, mainWasm],
      { stdio: "inherit" },
    );
    if (existsSync(path.join(bindgen, "snippets"))) throw new Error("wasm-bindgen wrote snippets/: not handled");
    copyFileSync(path.join(bindgen, `${base}.js`), path.join(dir, mainJs));
    copyFileSync(path.join(bindgen, `${base}_bg.wasm`), path.join(dir, `${base}_bg.wasm`));
    // A main module that imports no loader means cargo's wasm has no split point: stale?
    if (parts.length && !readFileSync(path.join(dir, mainJs), "utf8").includes(`from "./${loader}"`)) {
      throw new Error(`${mainJs} does not import ./${loader}`);
    }
    return { loader, parts };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Gives each part a content hash in its name (after wasm-opt), in the loader too. */
export function hashParts(dir, { loader, parts }) {
  const file = path.join(dir, loader);
  let code = readFileSync(file, "utf8");
  const named = [];
  for (const part of parts) {
    const stem = part.slice(0, -".wasm".length);
    const bytes = readFileSync(path.join(dir, part));
    const name = `${stem}-${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.wasm`;
    const literal = `"./${part}"`;
    if (!code.includes(literal)) throw new Error(`${loader} does not name ${literal}`);
    code = code.replaceAll(literal, `"./${name}"`);
    renameSync(path.join(dir, part), path.join(dir, name));
    named.push(name);
  }
  // A part that does not arrive is the app's to report (a message with "Try again"), and a
  // prefetch cut short by leaving the page is no error at all: Firefox logs such aborted
  // fetches, so the loader says them as a warning.
  const logged = "console.error(e);";
  if (!code.includes(logged)) throw new Error(`${loader} no longer logs a failed load as expected`);
  code = code.replaceAll(logged, "console.warn(e);");
  writeFileSync(file, compactLoader(code, named.length));
  return named;
}

/** The loader as the rent page needs it. It is fetched at start and repeats one fetcher
 * (and a comment naming the parts that share it) for every chunk: one function instead
 * (0.7 KB less brotli at 167 parts). A part's chunks are started a few per task. Fails if
 * the generated form changes and a fetcher is left unmatched. */
function compactLoader(code, parts) {
  const fetcher = /makeLoad\(\(\) => \{\n {4}const src = fetch\(new URL\(("\.\/[^"]+\.wasm"), import\.meta\.url\)\);\n {4}src\.catch\(\(\) => \{\}\);\n {4}return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\n\}\n, /g;
  let replaced = 0;
  let out = code.replace(fetcher, (_, file) => {
    replaced += 1;
    return `makeLoad(fetched(${file}), `;
  });
  const calls = (code.match(/makeLoad\(/g) || []).length - 1; // less its definition
  if (replaced !== calls || replaced < parts) {
    throw new Error(`loader: ${replaced} of ${calls} fetchers matched; has its generated form changed?`);
  }
  out = out.replace(/^\/\* [^*]* \*\/\n/gm, "");
  const definition = "function makeLoad(fetcher, deps) {";
  if (!out.includes(definition)) throw new Error("loader: makeLoad is not where it was");
  const helper = `function fetched(file) {
    return () => {
        const src = fetch(new URL(file, import.meta.url));
        src.catch(() => {});
        return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
    };
}
`;
  out = out.replace(definition, helper + definition);
  // A page's part needs dozens of chunks (My rentals' about 80), and each fetch costs the
  // main thread a millisecond or two at 4× CPU: started all at once they made one task of
  // 100–230 ms. A few per task instead, the main thread given back between them.
  const allAtOnce = "const parallelStuff = deps.map(d => d());";
  if (!out.includes(allAtOnce)) throw new Error("loader: the chunks' fetches are not started where they were");
  const fewPerTask = `const parallelStuff = [];
        for (const d of deps) {
            if (parallelStuff.length && parallelStuff.length % 8 === 0) await new Promise((r) => setTimeout(r));
            parallelStuff.push(d());
        }`;
  return out.replace(allAtOnce, fewPerTask);
}

/** The environment for the native split tool: without what scripts/build-app.sh sets for
 * the app's wasm alone (its flags would reach a native build's build scripts too). */
function nativeEnv() {
  const env = { ...process.env };
  for (const name of ["RUSTFLAGS", "RUSTC_BOOTSTRAP", "CARGO_UNSTABLE_BUILD_STD", "CARGO_TARGET_DIR"]) delete env[name];
  return env;
}

function targetDir(root) {
  if (process.env.CARGO_TARGET_DIR) return path.resolve(root, process.env.CARGO_TARGET_DIR);
  const meta = execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps", "--offline"], {
    cwd: root,
    encoding: "utf8",
  });
  return JSON.parse(meta).target_directory;
}

/** Fails if a shipped wasm still carries the linker's relocations (`linking`, `reloc.*`):
 * with --emit-relocs on, a build that skipped the split would ship them (measured: the
 * wasm grows from 405 to 894 KB brotli). */
export function assertNoRelocations(dir) {
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".wasm"))) {
    const bytes = readFileSync(path.join(dir, name));
    for (const section of customSections(bytes)) {
      if (section === "linking" || section.startsWith("reloc.")) {
        throw new Error(`${name} still has the custom section ${section}: was the split skipped?`);
      }
    }
  }
}

function customSections(bytes) {
  const leb = (i) => {
    let value = 0, shift = 0, byte;
    do {
      byte = bytes[i++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return [value, i];
  };
  const names = [];
  for (let i = 8; i < bytes.length; ) {
    const id = bytes[i];
    const [size, start] = leb(i + 1);
    if (id === 0) {
      const [length, at] = leb(start);
      names.push(bytes.subarray(at, at + length).toString("utf8"));
    }
    i = start + size;
  }
  return names;
}
