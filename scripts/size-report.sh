#!/usr/bin/env bash
# Prints the raw, gzip and brotli bytes of the built app's wasm, JS and CSS (dist/, or
# DIST=dir for another build, e.g. a baseline).
# Run after scripts/build-app.sh (scripts/run.sh does it); BUILD=1 builds first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=$(realpath "${DIST:-$root/dist}")
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"
[ "${BUILD:-0}" = 1 ] && bash scripts/build-app.sh >/dev/null 2>&1
command -v brotli >/dev/null || { echo "brotli is missing: run scripts/setup.sh" >&2; exit 1; }

total_raw=0 total_gz=0 total_br=0
printf '%-8s %10s %10s %10s\n' kind raw gzip brotli
for kind in wasm js css; do
  raw=0 gz=0 br=0
  for f in "$dist"/*."$kind"; do
    [ -e "$f" ] || continue
    raw=$((raw + $(wc -c <"$f")))
    gz=$((gz + $(gzip -9c "$f" | wc -c)))
    br=$((br + $(brotli -q 11 -c "$f" | wc -c)))
  done
  printf '%-8s %10d %10d %10d\n' "$kind" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
done
printf '%-8s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"

# What the rent page fetches before it can be used (every wasm, JS and CSS file but the
# on-demand parts), and the parts (src/parts.rs) that come later or never.
start_br=0 parts_br=0 parts=0
for f in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css; do
  [ -e "$f" ] || continue
  case "$(basename "$f")" in sw.js) continue ;; esac
  br=$(brotli -q 11 -c "$f" | wc -c)
  case "$(basename "$f")" in
    split_*.wasm | chunk_*.wasm) parts_br=$((parts_br + br)) parts=$((parts + 1)) ;;
    *) start_br=$((start_br + br)) ;;
  esac
done
printf 'at start (the rent page)   %10d brotli\n' "$start_br"
printf 'on demand (%3d parts)      %10d brotli\n' "$parts" "$parts_br"
# German and Russian texts (src/i18n/files.rs): a file each, fetched at start by a page in
# that language only.
for f in "$dist"/texts-*.json; do
  [ -e "$f" ] || continue
  printf '%-26s %10d brotli\n' "$(basename "$f" | cut -d- -f1-2) (its page only)" "$(brotli -q 11 -c "$f" | wc -c)"
done
printf 'goal: 200000 bytes brotli at start (the goal of the wasm split); %s\n' \
  "$([ "$start_br" -le 200000 ] && echo "within" || echo "OVER")"
