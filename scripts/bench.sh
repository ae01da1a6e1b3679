#!/usr/bin/env bash
# The performance report (run on demand, never in CI), in one run: app sizes, the rentals
# table against plain JS in headless Chromium with requests per refresh, and the
# sandbox's throughput. Figures are recorded in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== app: sizes and the rentals table =="
bash scripts/bench-app.sh
echo
echo "== sandbox: throughput =="
bash scripts/bench-sandbox.sh
