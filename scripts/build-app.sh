#!/usr/bin/env bash
# Builds the app for people: `trunk build --release` with the standard library built for
# the app and panics that abort without their machinery (-Cpanic=immediate-abort): about
# 18 KB less wasm on the wire (BENCHMARKS.md). A panic in this build is a trap without a
# message, so every failure a person can meet is an error value the app shows.
#
# The stable compiler has these flags behind RUSTC_BOOTSTRAP; it is set for this one
# build only, never exported to the shell. PLAIN=1 builds without them (for a toolchain
# that refuses them); the test command checks that it still builds.
# Any further arguments go to trunk (e.g. --public-url /rentdesk/ --dist dist-subpath).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if [ "${PLAIN:-0}" = 1 ]; then
  exec trunk build --release "$@"
fi
# RUSTFLAGS replaces the wasm target's rustflags in .cargo/config.toml, so those are read
# from there and these added; with --target (trunk passes it) they reach the wasm only,
# not build scripts.
config=$(grep '^rustflags' .cargo/config.toml | grep -o '"[^"]*"' | tr -d '"' | tr '\n' ' ')
case "$config" in *emit-relocs*) ;; *) echo "build-app.sh: no wasm rustflags in .cargo/config.toml" >&2; exit 1 ;; esac
flags="$config-Zunstable-options -Cpanic=immediate-abort"
exec env RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort RUSTFLAGS="$flags" \
  CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/app" \
  trunk build --release "$@"
