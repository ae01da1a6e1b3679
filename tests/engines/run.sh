#!/usr/bin/env bash
# Runs the cross-engine suite in one engine: bash tests/engines/run.sh firefox|webkit [spec files…]
# One test at a time (one browser session at a time: WebKitGTK's driver allows no more, and
# the machine has two cores). Prints node's summary and one line "ENGINE: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
engine=${1:?usage: run.sh firefox|webkit [spec files]}
shift
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(specs/*.test.js)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
export ENGINE=$engine
rm -rf "results/$engine"
start=$(date +%s)
# A hard limit for the whole engine run: a browser that hangs beyond every per-test limit
# fails the run instead of holding the test command until CI's own limit.
limit=(timeout -k 15 1500)
if [ "$engine" = webkit ]; then
  # WebKitGTK has no headless mode: a virtual X display; no DMA-BUF renderer without a GPU.
  export WEBKIT_DISABLE_DMABUF_RENDERER=1
  "${limit[@]}" xvfb-run -a -s "-screen 0 1600x1200x24" node --test --test-concurrency=1 --test-reporter=spec "${files[@]}" 2>&1 | tee "$out"
else
  "${limit[@]}" node --test --test-concurrency=1 --test-reporter=spec "${files[@]}" 2>&1 | tee "$out"
fi
status=${PIPESTATUS[0]}
count() { grep -aE "^ℹ $1 [0-9]+" "$out" | tail -1 | awk '{print $3}'; }
passed=$(count pass); failed=$(count fail); skipped=$(count skipped)
echo "# $engine: $(( $(date +%s) - start )) s"
echo "$engine: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -ne 0 ] || [ -z "$passed" ]; then exit 1; fi
