#!/usr/bin/env bash
# Sets everything up and runs every test layer: formatting and lints, the native tests
# (protocol rules and the sandbox over real HTTP), the vendor's SDK against the sandbox,
# the browser tests in Chromium, and the same app in Firefox ESR and WebKitGTK (the engine
# of Safari): component tests in Firefox, the cross-engine flows in both.
set -euo pipefail
cd "$(dirname "$0")/.."
began=$(date +%s)
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

# Each step says the minutes since the command started (setup included), so slow steps
# show in CI's log.
step() { printf '\n\033[1;34m[test]\033[0m %s  (at %s min)\n' "$*" "$(awk -v s=$(( $(date +%s) - began )) 'BEGIN { printf "%.1f", s / 60 }')"; }
results=$(mktemp)
trap 'rm -f "$results"' EXIT
# Passes a runner's output through and keeps a copy for the totals printed at the end.
# (Never `tee /dev/stderr`: re-opening a redirected log by path truncates it.)
tally() { tee -a "$results"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (native and wasm32)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy -p rentdesk --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
cargo clippy -p rentdesk --target wasm32-unknown-unknown --all-targets --features split,lang-files --quiet -- -D warnings
step "native tests: rent-api and the sandbox"
cargo test --workspace --quiet 2>&1 | tally
test "${PIPESTATUS[0]}" -eq 0

step "SDK conformance: SMSPVA's official Python SDK against a fresh sandbox"
cargo build --quiet -p rentdesk-sandbox
(cd tests/sdk && ../../.venv-sdk/bin/python -m pytest -q -p no:cacheprovider) 2>&1 | tally
test "${PIPESTATUS[0]}" -eq 0

step "component tests: wasm-bindgen-test in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver cargo test -p rentdesk --target wasm32-unknown-unknown --test components 2>&1 | tally
test "${PIPESTATUS[0]}" -eq 0

step "component tests: wasm-bindgen-test in headless Firefox ESR (geckodriver)"
GECKODRIVER=$(command -v geckodriver) cargo test -p rentdesk --target wasm32-unknown-unknown --test components 2>&1 | tally
test "${PIPESTATUS[0]}" -eq 0

step "building the app (trunk, release) and the sandbox for the browser tests"
bash scripts/build-app.sh
# The same app for a host that serves it under /rentdesk/, from the same compile (only the
# page's addresses differ: trunk and the post-build steps run again, cargo does not). That
# the app also builds the plain way (stable flags, std as shipped: PLAIN=1) is checked by
# the wasm clippy runs above, which compile it with exactly those flags.
bash scripts/build-app.sh --public-url /rentdesk/ --dist dist-subpath
cargo build --quiet -p rentdesk-sandbox
bash scripts/size-report.sh

step "browser tests: headless Chromium against the sandbox"
(cd tests/e2e && npx playwright test) 2>&1 | tally
test "${PIPESTATUS[0]}" -eq 0

step "cross-engine flows: Firefox ESR (geckodriver, headless)"
bash tests/engines/run.sh firefox 2>&1 | tally
test "${PIPESTATUS[0]}" -eq 0
step "cross-engine flows: WebKitGTK (WebKitWebDriver + MiniBrowser under Xvfb)"
bash tests/engines/run.sh webkit 2>&1 | tally
test "${PIPESTATUS[0]}" -eq 0
step "layout in Chromium too: the header at 1024 px (chromedriver)"
bash tests/engines/run.sh chromium specs/layout.test.js 2>&1 | tally
test "${PIPESTATUS[0]}" -eq 0

# Every benchmark once, so none can rot unseen: it must finish and print its figures;
# no timing is checked (these machines are noisy). Figures: BENCHMARKS.md.
step "benchmarks in quick mode: each completes and prints its figures"
bash scripts/bench-quick.sh

passed=$(grep -oE '[0-9]+ passed' "$results" | awk '{n += $1} END {print n + 0}')
failed=$(grep -oE '[0-9]+ failed' "$results" | awk '{n += $1} END {print n + 0}')
step "all test layers passed"
echo "tests: $passed passed, $failed failed"
