#!/usr/bin/env bash
# Benchmark (not a test): sizes of the built app, the rent page's first and repeat visit
# on a slow profile beside the same page as static HTML, and the rentals table with 1,000
# rentals in headless Chromium beside a plain-JS page rendering the same JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
export PATH="$HOME/.cargo/bin:$PATH"
trunk build --release >/dev/null 2>&1
cargo build --release --quiet -p rentdesk-sandbox
bash scripts/size-report.sh
echo
(cd tests/e2e && SANDBOX_BIN="$PWD/../../target/release/rentdesk-sandbox" node bench-visit.js)
echo
(cd tests/e2e && SANDBOX_BIN="$PWD/../../target/release/rentdesk-sandbox" node bench.js)
