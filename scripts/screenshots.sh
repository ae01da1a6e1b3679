#!/usr/bin/env bash
# Writes the README's screenshots (docs/screenshots/) from a fresh sandbox and the built app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
# Flags in the country picker need a colour emoji font in headless Chromium.
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-color-emoji >/dev/null
}
trunk build --release
cargo build --quiet -p rentdesk-sandbox
(cd tests/e2e && node screenshots.js)
