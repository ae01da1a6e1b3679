#!/usr/bin/env bash
# Benchmark (not a test): sizes of the built app, the rent page's first and repeat visit
# on a slow profile beside the same page as static HTML and beside the single-module build
# from before the wasm split (issue 17), and the rentals table with 1,000 rentals in
# headless Chromium beside a plain-JS page rendering the same JSON.
# BASELINE=dir: another build to compare with; else BASELINE_REF (a commit, default the
# last single-module one) is built once into target/bench-baseline/ (about 6 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
export PATH="$HOME/.cargo/bin:$PATH"
trunk build --release >/dev/null 2>&1
cargo build --release --quiet -p rentdesk-sandbox
bash scripts/size-report.sh
echo

if [ -z "${BASELINE:-}" ]; then
  ref=${BASELINE_REF:-7e902c8}
  base="$PWD/target/bench-baseline"
  BASELINE="$base/dist-$ref"
  if [ ! -f "$BASELINE/index.html" ]; then
    rm -rf "$base/src"
    git worktree prune
    git worktree add --force --detach "$base/src" "$ref" >/dev/null
    ln -sfn "$PWD/node_modules" "$base/src/node_modules"
    # Its own target dir: two checkouts of one crate must never share one.
    (cd "$base/src" && CARGO_TARGET_DIR="$base/target" trunk build --release --dist "$BASELINE" >/dev/null 2>&1)
  fi
fi
(cd tests/e2e && BASELINE="$BASELINE" SANDBOX_BIN="$PWD/../../target/release/rentdesk-sandbox" node bench-visit.js)
echo
(cd tests/e2e && SANDBOX_BIN="$PWD/../../target/release/rentdesk-sandbox" node bench.js)
