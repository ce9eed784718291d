#!/usr/bin/env bash
# End-to-end tests: builds the app with its front end embedded, seeds a data
# folder with juchu-cli, and drives the real window through tauri-driver +
# WebKitWebDriver under Xvfb. Usage: bash tests/e2e/run.sh
# (JUCHU_E2E_ONLY=makeshop runs tests/e2e/makeshop.test.mjs alone).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

[ -d tests/e2e/node_modules ] || npm --prefix tests/e2e install --no-audit --no-fund
# A debug build with the front end embedded (no dev server needed).
bash scripts/tauri.sh build --debug --no-bundle --ci >/dev/null
cargo build -q -p juchu-core --bin juchu-cli
cargo build -q -p fakemall --bin fakemall
target="${CARGO_TARGET_DIR:-$root/target}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export JUCHU_DATA_DIR="$work/data"
export JUCHU_E2E_APP="$target/debug/juchu"
export JUCHU_E2E_CLI="$target/debug/juchu-cli"
export JUCHU_E2E_SHOTS="${JUCHU_E2E_SHOTS:-$work}"
export NO_AT_BRIDGE=1
"$JUCHU_E2E_CLI" seed --orders 60 --seed 11 >/dev/null

# The fake malls on 127.0.0.1 (random ports); the app reaches them through
# JUCHU_API_BASE_*, and a script stands in for the merchant's browser.
FAKEMALL_DIR="$work"
source scripts/fakemall-env.sh
start_fakemall "$target/debug/fakemall" --orders 40 --seed 3
trap 'kill $FAKEMALL_PID 2>/dev/null || true; rm -rf "$work"' EXIT
export JUCHU_BROWSER="$root/tests/e2e/fake-browser.sh"

# Free ports for tauri-driver and the WebKitWebDriver it starts.
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
export TAURI_DRIVER_PORT="${TAURI_DRIVER_PORT:-$(free_port)}"
export TAURI_NATIVE_PORT="$(free_port)"
# A keyring (keyutils session) for the tokens, a session bus for single-instance
# (a juchu:// link opened by a second instance reaches the running window), and
# a data home of our own for the juchu:// handler the app registers.
export XDG_DATA_HOME="$work/xdg"
keyctl session - dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -e
  tauri-driver --port "$TAURI_DRIVER_PORT" --native-port "$TAURI_NATIVE_PORT" >"'"$work"'/driver.log" 2>&1 &
  driver=$!
  trap "kill $driver 2>/dev/null || true" EXIT
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$TAURI_DRIVER_PORT/status" >/dev/null && break; sleep 0.2; done
  node --test --test-concurrency=1 tests/e2e/${JUCHU_E2E_ONLY:-*}.test.mjs
' || { echo "--- tauri-driver log"; tail -50 "$work/driver.log"; exit 1; }
