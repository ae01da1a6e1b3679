#!/usr/bin/env bash
# Sets everything up, builds the app, and serves it on the sandbox with demo data.
# PORT (default 8080) and DB (default rentdesk-sandbox.db) may be set in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

if [ -f index.html ]; then
  echo "[run] building the app (scripts/build-app.sh: trunk build --release)"
  bash scripts/build-app.sh
fi
echo "[run] building the sandbox"
cargo build --release --quiet -p rentdesk-sandbox
echo "[run] open http://127.0.0.1:${PORT:-8080}/ and use the demo key printed below"
exec target/release/rentdesk-sandbox \
  --listen "127.0.0.1:${PORT:-8080}" \
  --db "${DB:-rentdesk-sandbox.db}" \
  --dist dist \
  --admin
