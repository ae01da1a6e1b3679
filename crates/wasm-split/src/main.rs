//! Cuts the app's wasm (linked with `--emit-relocs`) into the main module and one part per
//! `#[wasm_split]` module, as cargo-leptos' `--split` does. Run by scripts/build/split.mjs
//! in trunk's post_build hook; wasm-bindgen then runs on the main module only.
//!
//! rentdesk-wasm-split --in RAW.wasm --main-out MAIN.wasm --out-dir DIR
//!                     --main-module ./rentdesk-HASH.js --link-name ./__wasm_split-HASH.js
//!
//! Writes the parts (`DIR/<stem>.wasm`) and the JS loader (`DIR/<link-name>`), and prints
//! `{"parts": [file names], "prefetch": {split: [stems]}}` on stdout.
use std::{collections::BTreeMap, error::Error, path::PathBuf};

#[derive(Default)]
struct Args {
    input: PathBuf,
    main_out: PathBuf,
    out_dir: PathBuf,
    main_module: String,
    link_name: String,
}

fn args() -> Result<Args, Box<dyn Error>> {
    let mut a = Args::default();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--in" => a.input = value.into(),
            "--main-out" => a.main_out = value.into(),
            "--out-dir" => a.out_dir = value.into(),
            "--main-module" => a.main_module = value,
            "--link-name" => a.link_name = value,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    if a.input.as_os_str().is_empty()
        || a.main_out.as_os_str().is_empty()
        || a.out_dir.as_os_str().is_empty()
        || a.main_module.is_empty()
        || a.link_name.is_empty()
    {
        return Err(
            "--in, --main-out, --out-dir, --main-module and --link-name are required".into(),
        );
    }
    Ok(a)
}

fn main() -> Result<(), Box<dyn Error>> {
    let a = args()?;
    let input = std::fs::read(&a.input).map_err(|e| format!("reading {:?}: {e}", a.input))?;
    let split = wasm_split_cli_support::transform({
        let mut o = wasm_split_cli_support::Options::new(&input);
        o.output_dir = &a.out_dir;
        o.main_out_path = &a.main_out;
        // The loader imports `initSync` from here: it must resolve to the very URL the page
        // loaded the main JS from, or the browser would load a second copy of it.
        o.main_module = &a.main_module;
        // The module the main wasm imports its loaders from (wasm-bindgen turns it into an
        // `import` in the main JS), written as DIR/<link-name>.
        o.link_name = &a.link_name;
        o
    })
    .map_err(|e| format!("wasm split: {e:?}"))?;
    let mut parts: Vec<String> = split
        .split_modules
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    parts.sort();
    let prefetch: BTreeMap<_, _> = split.prefetch_map.into_iter().collect();
    println!(
        "{}",
        serde_json::json!({ "parts": parts, "prefetch": prefetch })
    );
    Ok(())
}
