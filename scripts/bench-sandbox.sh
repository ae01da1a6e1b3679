#!/usr/bin/env bash
# Benchmark (not a test): the sandbox's `orders` and `getdata` throughput and latency
# with 1,000 rentals on one key, loaded by wrk from a second process over loopback.
# DURATION (seconds, default 10) and CONNECTIONS (default 16) may be set. SANDBOX_BIN
# measures that binary instead of building the release one. QUICK=1: 2 s per line and 4
# connections, a check that the benchmark still runs (scripts/bench-quick.sh), not a
# measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v curl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; }

QUICK=${QUICK:-0}
DURATION=${DURATION:-$([ "$QUICK" = 1 ] && echo 2 || echo 10)}
CONNECTIONS=${CONNECTIONS:-$([ "$QUICK" = 1 ] && echo 4 || echo 16)}
if [ -z "${SANDBOX_BIN:-}" ]; then
  cargo build --release --quiet -p rentdesk-sandbox
  SANDBOX_BIN=target/release/rentdesk-sandbox
fi
pids=()
trap 'kill "${pids[@]}" 2>/dev/null' EXIT

# Starts a sandbox with 1,000 rentals on the key `bench`; sets BASE to its URL. Runs in
# this shell (not in $(...)), so the exit trap knows the pid and stops it.
start_sandbox() {
  local log
  log=$(mktemp)
  "$SANDBOX_BIN" --listen 127.0.0.1:0 --db :memory: --admin \
    --demo-key bench --demo-sms-every 0 "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do grep -q 'listening on' "$log" && break; sleep 0.1; done
  BASE=$(grep -o 'http://[0-9.:]*' "$log" | head -1)
  [ -n "$BASE" ] || { echo "the sandbox did not start: $(cat "$log")" >&2; exit 1; }
  rm -f "$log"
  curl -sf -X POST "$BASE/admin/rentals" -H 'content-type: application/json' \
    -d '{"apikey":"bench","count":1000}' >/dev/null
}
start_sandbox
base=$BASE
start_sandbox --no-answer-cache
uncached=$BASE
rows=$(curl -sf "$base/api/rent.php?method=orders&apikey=bench" | grep -o '"id":' | wc -l)
bytes=$(curl -sf "$base/api/rent.php?method=orders&apikey=bench" | wc -c)
echo "orders answers $rows rentals in $bytes bytes"
echo "machine: $(nproc) cores; wrk: 2 threads, $CONNECTIONS connections, ${DURATION}s each; sandbox: $SANDBOX_BIN"
[ "$QUICK" = 1 ] && echo "quick mode: not a measurement"

run() {
  local name=$1 url=$2
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '%-32s %10s req/s   p50 %8s   p99 %8s\n' "$name" "$rps" "$p50" "$p99"
}
run "orders (1,000 rentals)" "$base/api/rent.php?method=orders&apikey=bench"
run "getdata (RU, 30 services)" "$base/api/rent.php?method=getdata&country=RU&dtype=week&dcount=1"
run "orders, answer cache off" "$uncached/api/rent.php?method=orders&apikey=bench"
run "getdata, answer cache off" "$uncached/api/rent.php?method=getdata&country=RU&dtype=week&dcount=1"
