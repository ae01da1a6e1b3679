#!/usr/bin/env bash
# Installs every tool rentdesk needs, idempotently: only what is missing is installed.
# Safe to run again; offline-friendly (only the package registries are reached).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen version pinned in Cargo.toml (and so in Cargo.lock).
WASM_BINDGEN_VERSION=0.2.130

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v cargo >/dev/null 2>&1 || ! command -v rustup >/dev/null 2>&1; then
  echo "[setup] rentdesk needs a Rust toolchain installed with rustup (cargo, rustc)." >&2
  exit 1
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# What comes from Debian and npm (downloads, mostly waiting on the network and the disk)
# runs beside the cargo installs (compiling, mostly the CPU): on a fresh machine the two
# overlap instead of adding up. Its output goes to the log as it comes; its failure fails
# the setup.
system_tools() {
  apt_missing=()
  # nginx and caddy: the browser tests run the app behind both (deploy/). firefox-esr and
  # webkit2gtk-driver (WebKitWebDriver + MiniBrowser) for the other engines, WebKitGTK under
  # xvfb-run (it has no headless mode). wrk loads the sandbox in its benchmark (the test
  # command runs every benchmark once, in quick mode).
  for pkg in chromium chromium-driver brotli nginx libnginx-mod-http-brotli-static caddy \
    firefox-esr webkit2gtk-driver xvfb xauth wrk; do
    dpkg -s "$pkg" >/dev/null 2>&1 || apt_missing+=("$pkg")
  done
  if [ ${#apt_missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${apt_missing[*]}"
    as_root apt-get update -qq
    # Packages must not start their services (nginx on port 80): tests start their own.
    no_start=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
      as_root chmod +x /usr/sbin/policy-rc.d
      no_start=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null
    if [ "$no_start" = 1 ]; then as_root rm -f /usr/sbin/policy-rc.d; fi
  fi
  if ! command -v node >/dev/null 2>&1; then
    log "installing Debian packages: nodejs npm"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi

  # The build's npm tools (binaryen's wasm-opt, run by scripts/post-build.mjs).
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing the build's npm packages"
    npm ci --no-audit --no-fund --loglevel=error
  fi

  if [ -f tests/e2e/package.json ]; then
    if [ ! -d tests/e2e/node_modules ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
      log "installing the browser tests' npm packages"
      (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    fi
  fi

  if [ ! -d tests/engines/node_modules ] || [ tests/engines/package-lock.json -nt tests/engines/node_modules/.package-lock.json ]; then
    log "installing the cross-engine tests' npm packages"
    # selenium-webdriver only talks to the drivers started by the tests: nothing to download.
    (cd tests/engines && npm ci --no-audit --no-fund --loglevel=error)
  fi

  if [ ! -d tests/lighthouse/node_modules ] || [ tests/lighthouse/package-lock.json -nt tests/lighthouse/node_modules/.package-lock.json ]; then
    log "installing Lighthouse for its benchmark"
    # puppeteer-core drives Debian's Chromium: it never downloads a browser.
    (cd tests/lighthouse && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi

  # The vendor's Python SDK, for the conformance run against the sandbox (tests/sdk/), in a
  # project-local virtual environment; reinstalled only when its pinned list changes.
  SDK_VENV=.venv-sdk
  if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    log "installing Debian packages: python3 python3-venv"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null
  fi
  if [ ! -x "$SDK_VENV/bin/pip" ]; then
    log "creating the SDK's virtual environment in $SDK_VENV"
    rm -rf "$SDK_VENV"
    python3 -m venv "$SDK_VENV"
  fi
  if ! cmp -s tests/sdk/requirements.txt "$SDK_VENV/.installed-requirements"; then
    log "installing the SMSPVA Python SDK and pytest (tests/sdk/requirements.txt)"
    "$SDK_VENV/bin/pip" install --quiet --disable-pip-version-check -r tests/sdk/requirements.txt
    cp tests/sdk/requirements.txt "$SDK_VENV/.installed-requirements"
  fi

}
system_tools &
system_pid=$!
trap 'kill "$system_pid" 2>/dev/null' EXIT

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed | grep -q '^clippy' || rustup component add clippy
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
# The app's release wasm builds std for itself (scripts/build-app.sh): std's source and
# its dependencies, fetched now because the build runs offline.
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
std_dir="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
if ! (cd "$std_dir" && RUSTC_BOOTSTRAP=1 cargo fetch --offline --quiet >/dev/null 2>&1); then
  log "fetching the standard library's dependencies (for the app's own std build)"
  (cd "$std_dir" && RUSTC_BOOTSTRAP=1 cargo fetch --quiet)
fi

# The three tools share their dependencies' compiles (serde, clap, tokio, …) in one target
# dir, kept for the next install.
tools_target="${CARGO_TARGET_DIR:-$PWD/target}/tools"
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (takes several minutes)"
  cargo install --target-dir "$tools_target" --locked trunk --version "$TRUNK_VERSION"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: one locked dependency is missing from the registry mirror.
  cargo install --target-dir "$tools_target" wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Firefox's WebDriver: not a Debian package; built from crates.io (never downloaded as a binary).
if ! command -v geckodriver >/dev/null 2>&1; then
  log "installing geckodriver (takes a few minutes)"
  cargo install --target-dir "$tools_target" --locked geckodriver
fi

log "fetching crates"
cargo fetch --quiet
if ! wait "$system_pid"; then
  echo "[setup] installing the Debian or npm tools failed (see above)" >&2
  exit 1
fi
trap - EXIT
log "ready"
