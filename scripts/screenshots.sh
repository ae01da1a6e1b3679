#!/usr/bin/env bash
# Writes the README's screenshots (docs/screenshots/) from a fresh sandbox and the built app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
# No colour emoji font on purpose: the screenshots show the country-code badges that most
# Windows and Linux desktops get (components/flag.rs).
bash scripts/build-app.sh
cargo build --quiet -p rentdesk-sandbox
(cd tests/e2e && node screenshots.js)
