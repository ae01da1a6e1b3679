#!/usr/bin/env bash
# Benchmark (not a test): sizes of the built app, the rent page's first and repeat visit
# on a slow profile beside the same page as static HTML and beside the single-module build
# from before the wasm split, the rentals table with 1,000 rentals in headless Chromium
# beside a plain-JS page rendering the same JSON, My rentals at 20,000 rentals against 200
# beside the build from before the row window, the inbox at 10,000 messages, and the rows of
# My rentals on a screen in both densities, a batch of 100 numbers with the rent page's
# start bytes, and Lighthouse's mobile profile on three pages.
# BASELINE=dir / TABLE_BASELINE=dir / BATCH_BASELINE=dir / LIGHTHOUSE_BASELINE=dir: other
# builds to compare with; else BASELINE_REF (default the last single-module commit),
# TABLE_BASELINE_REF (default the last commit before the row window), BATCH_BASELINE_REF
# (default f778b89, the last before batches) and LIGHTHOUSE_BASELINE_REF (default
# 4a8e2e5, the build BENCHMARKS.md's Lighthouse figures compare with) are built once each
# into target/bench-baseline/ (about 6 minutes each).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/build-app.sh >/dev/null 2>&1
cargo build --release --quiet -p rentdesk-sandbox
bash scripts/size-report.sh
echo

base="$PWD/target/bench-baseline"
# build_ref REF: the app as built at commit REF, once, in its own worktree and target dir.
build_ref() {
  local ref=$1 dist="$base/dist-$1"
  if [ ! -f "$dist/index.html" ]; then
    rm -rf "$base/src"
    git worktree prune
    git worktree add --force --detach "$base/src" "$ref" >/dev/null
    ln -sfn "$PWD/node_modules" "$base/src/node_modules"
    # Its own target dir: two checkouts of one crate must never share one.
    # Built the way that commit built the app for people (build-app.sh, where it has one).
    if [ -f "$base/src/scripts/build-app.sh" ]; then
      (cd "$base/src" && CARGO_TARGET_DIR="$base/target" bash scripts/build-app.sh --dist "$dist" >/dev/null 2>&1)
    else
      (cd "$base/src" && CARGO_TARGET_DIR="$base/target" trunk build --release --dist "$dist" >/dev/null 2>&1)
    fi
  fi
  echo "$dist"
}
BASELINE=${BASELINE:-$(build_ref "${BASELINE_REF:-7e902c8}")}
TABLE_BASELINE=${TABLE_BASELINE:-$(build_ref "${TABLE_BASELINE_REF:-68315df}")}
LIGHTHOUSE_BASELINE=${LIGHTHOUSE_BASELINE:-$(build_ref "${LIGHTHOUSE_BASELINE_REF:-4a8e2e5}")}
(cd tests/e2e && BASELINE="$BASELINE" SANDBOX_BIN="$PWD/../../target/release/rentdesk-sandbox" node bench-visit.js)
echo
(cd tests/e2e && BASELINE="$TABLE_BASELINE" SANDBOX_BIN="$PWD/../../target/release/rentdesk-sandbox" node bench.js)
echo
(cd tests/e2e && SANDBOX_BIN="$PWD/../../target/release/rentdesk-sandbox" node bench-inbox.js)
echo
(cd tests/e2e && BASELINE="$TABLE_BASELINE" SANDBOX_BIN="$PWD/../../target/release/rentdesk-sandbox" node bench-density.js)
echo
(cd tests/e2e && BASELINE="${BATCH_BASELINE:-$(build_ref "${BATCH_BASELINE_REF:-f778b89}")}" SANDBOX_BIN="$PWD/../../target/release/rentdesk-sandbox" node bench-batch.js)
echo
(cd tests/lighthouse && BASELINE="$LIGHTHOUSE_BASELINE" SANDBOX_BIN="$PWD/../../target/release/rentdesk-sandbox" node bench-lighthouse.mjs)
