#!/usr/bin/env bash
# End-to-end tests: builds the app with its front end embedded, seeds a data
# folder with juchu-cli, and drives the real window through tauri-driver +
# WebKitWebDriver under Xvfb. Usage: bash tests/e2e/run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

[ -d tests/e2e/node_modules ] || npm --prefix tests/e2e ci --no-audit --no-fund
# A debug build with the front end embedded (no dev server needed).
TAURI_APP_PATH=src-tauri ui/node_modules/.bin/tauri build --debug --no-bundle --ci >/dev/null
cargo build -q -p juchu-core --bin juchu-cli
target="${CARGO_TARGET_DIR:-$root/target}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export JUCHU_DATA_DIR="$work/data"
export JUCHU_E2E_APP="$target/debug/juchu"
export JUCHU_E2E_CLI="$target/debug/juchu-cli"
export JUCHU_E2E_SHOTS="${JUCHU_E2E_SHOTS:-$work}"
export NO_AT_BRIDGE=1
"$JUCHU_E2E_CLI" seed --orders 60 --seed 11 >/dev/null

export TAURI_DRIVER_PORT="${TAURI_DRIVER_PORT:-4444}"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -e
  tauri-driver --port "$TAURI_DRIVER_PORT" >"'"$work"'/driver.log" 2>&1 &
  driver=$!
  trap "kill $driver 2>/dev/null || true" EXIT
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$TAURI_DRIVER_PORT/status" >/dev/null && break; sleep 0.2; done
  node --test --test-concurrency=1 tests/e2e/*.test.mjs
' || { echo "--- tauri-driver log"; tail -50 "$work/driver.log"; exit 1; }
