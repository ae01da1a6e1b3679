#!/usr/bin/env bash
# Every benchmark once in quick mode (QUICK=1: one run, short windows), so none of them
# can rot unnoticed: each must run to the end and print its figures. No timing is ever
# checked, and the figures are not measurements. Builds nothing: it runs against the
# built app in dist/ (DIST=dir for another) and target/debug/rentdesk-sandbox
# (SANDBOX_BIN=path for another). Exits non-zero if a benchmark fails, hangs (a time
# limit each) or prints no figures.
set -uo pipefail
cd "$(dirname "$0")/.."

export QUICK=1
DIST=$(realpath -m "${DIST:-dist}")
SANDBOX_BIN=$(realpath -m "${SANDBOX_BIN:-target/debug/rentdesk-sandbox}")
export DIST SANDBOX_BIN
[ -f "$DIST/index.html" ] || { echo "no built app in $DIST: run trunk build --release first" >&2; exit 1; }
[ -x "$SANDBOX_BIN" ] || { echo "no sandbox at $SANDBOX_BIN: run cargo build -p rentdesk-sandbox first" >&2; exit 1; }

LIMIT=${LIMIT:-300}
log=$(mktemp)
group=""
# A benchmark runs in its own process group, so a hung one is stopped with its browser
# and sandbox.
stop_group() {
  [ -n "$group" ] || return 0
  kill -TERM -- "-$group" 2>/dev/null && sleep 2
  kill -KILL -- "-$group" 2>/dev/null
  group=""
}
trap 'stop_group; rm -f "$log"' EXIT
trap 'exit 130' INT TERM

failed=()
# bench NAME COMMAND -- PATTERN...: runs COMMAND (at most LIMIT seconds) and checks that
# its output has a line matching each (extended) regular expression.
bench() {
  local name=$1 start=$SECONDS command=() status
  shift
  while [ "$1" != "--" ]; do command+=("$1"); shift; done
  shift
  printf '\n\033[1;34m[bench-quick]\033[0m %s\n' "$name"
  setsid "${command[@]}" >"$log" 2>&1 &
  group=$!
  while kill -0 "$group" 2>/dev/null && [ $((SECONDS - start)) -lt "$LIMIT" ]; do sleep 1; done
  if kill -0 "$group" 2>/dev/null; then
    stop_group
    status="no end after ${LIMIT} s"
  else
    wait "$group"
    status="exit $?"
    group=""
  fi
  cat "$log"
  if [ "$status" != "exit 0" ]; then
    failed+=("$name: $status")
  else
    local pattern
    for pattern in "$@"; do
      grep -Eq -- "$pattern" "$log" || failed+=("$name: no figure matching /$pattern/")
    done
  fi
  echo "($name: $((SECONDS - start)) s)"
}

n='[0-9]+(\.[0-9]+)?'
bench "rentals table against plain JS (tests/e2e/bench.js)" node tests/e2e/bench.js -- \
  "^first render after orders answer +rentdesk +$n ms +plain JS +$n ms +ratio $n×" \
  "^refresh with 10 changed rows +rentdesk +$n ms +plain JS +$n ms +ratio $n×" \
  "^orders requests per refresh: [0-9]" \
  "^  open My rentals, first row shown +20000 +$n ms +200 +$n ms +ratio $n×" \
  "^  refresh, ten get an SMS +20000 +$n ms +200 +$n ms +ratio $n×" \
  "^  filter to one number +20000 +$n ms +200 +$n ms" \
  "^  rows in the page +20000 +[0-9]+ +200 +[0-9]+" \
  "^  scrolling top to end \([0-9]+ screens, reached row [0-9]+\): longest task" \
  "^  at 20000: orders decode on opening "
# The comparison with another build runs against the same build here (BASELINE=DIST):
# quick mode checks that it runs, bench-app.sh compares with the single-module build.
bench "rent page on a slow profile against static HTML and another build (tests/e2e/bench-visit.js)" \
  env BASELINE="$DIST" node tests/e2e/bench-visit.js -- \
  "^first visit, first paint +rentdesk +($n|n/a) ms" \
  "^first visit, usable +rentdesk +$n ms +static HTML +$n ms +ratio $n× +other build +$n ms +ratio $n×" \
  "^repeat visit, first paint +rentdesk +($n|n/a) ms" \
  "^repeat visit, usable +rentdesk +$n ms +static HTML +$n ms +ratio $n× +other build +$n ms +ratio $n×" \
  "^code before usable \(first\) rentdesk +[0-9]+ bytes +other build +[0-9]+ bytes" \
  "^then My rentals shown +rentdesk +[0-9]+ ms +other build +[0-9]+ ms" \
  "^then its SMS shown +rentdesk +[0-9]+ ms +other build +[0-9]+ ms"
bench "My rentals on a screen, compact and comfortable (tests/e2e/bench-density.js)" node tests/e2e/bench-density.js -- \
  "^  compact +1280×900 +en: first screen +[0-9]+ rows, first row at [0-9]+ px" \
  "^  comfortable +390×844 +en: first screen +[0-9]+ rows, .*a screen of the list [0-9]+ rows"
bench "the inbox with 10,000 messages against 100 (tests/e2e/bench-inbox.js)" node tests/e2e/bench-inbox.js -- \
  "^  open the inbox, first message shown +10000 +$n ms +100 +$n ms +ratio $n×" \
  "^  search one code, that message shown +10000 +$n ms +100 +$n ms" \
  "^  messages in the page +10000 +[0-9]+ +100 +[0-9]+"
bench "rent page with the live catalogue (tests/e2e/bench-rent.js)" node tests/e2e/bench-rent.js -- \
  "^rent page, [0-9]+ services" \
  "^service list on screen after getdata's answer +$n ms" \
  "^search \"tele\" narrows the list +$n ms" \
  "^pick a service until the summary shows +$n ms"
bench "Lighthouse's mobile profile on the rent page and My rentals (tests/lighthouse/bench-lighthouse.mjs)" \
  node tests/lighthouse/bench-lighthouse.mjs -- \
  "^/ first visit" "^/rentals repeat visit" \
  "^  rentdesk +performance [0-9]+ +TBT [0-9]+ ms +LCP $n s +TTI $n s +CLS $n +accessibility [0-9]+ +best practices [0-9]+ +SEO [0-9]+"
bench "a batch of numbers watched on My rentals (tests/e2e/bench-batch.js)" \
  env BASELINE="$DIST" node tests/e2e/bench-batch.js -- \
  "^  rented [0-9]+ of [0-9]+ in two batches" \
  "^  on My rentals \(from [0-9]+ rented, once the table was drawn\): longest task [0-9]+ ms" \
  "^  longest task while it ran: [0-9]+ ms; during three refreshes of the table at rest: [0-9]+ ms" \
  "^  the table's decode during the batch: " \
  "^  this build: $n KB until Rent can be clicked, $n KB after 5 s idle" \
  "^  other build: $n KB until Rent can be clicked"
bench "requests with one and three tabs (tests/e2e/bench-tabs.js)" node tests/e2e/bench-tabs.js -- \
  "^  1 tab : [0-9]+ \{.*\} += $n per refresh" \
  "^  3 tabs: [0-9]+ \{.*\} += $n per refresh" \
  "^  ratio 3 tabs / 1 tab: $n"
# A line of 0 req/s means no request was answered within the line's time.
ok='( [1-9][0-9]*\.[0-9]+| 0\.[0-9]*[1-9][0-9]*) req/s +p50 +[0-9.]+(us|ms|s) +p99 +[0-9.]+(us|ms|s)'
bench "sandbox throughput (scripts/bench-sandbox.sh)" bash scripts/bench-sandbox.sh -- \
  "^orders answers 1000 rentals" \
  "^orders \(1,000 rentals\) +$ok" \
  "^getdata \(RU, 30 services\) +$ok" \
  "^orders, answer cache off +$ok" \
  "^getdata, answer cache off +$ok"

echo
if [ ${#failed[@]} -gt 0 ]; then
  printf '\033[1;31m[bench-quick]\033[0m failed:\n' >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
printf '\033[1;32m[bench-quick]\033[0m every benchmark ran and printed its figures (quick mode: not measurements)\n'
