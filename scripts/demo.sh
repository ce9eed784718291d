#!/usr/bin/env bash
# Installs what is missing, builds Juchu and opens it in demo mode: the app
# serves the fake malls on 127.0.0.1 itself, connects a demo shop of each mall
# to its fake (BASE through the real OAuth flow: the fake approves at once) and
# fetches their orders. The demo has its own data folder
# (JUCHU_DEMO_DIR, default: the platform's "Juchu Demo" folder) and never
# touches the real data.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ "${JUCHU_SKIP_INSTALL:-}" = 1 ] || bash scripts/install-deps.sh
bash scripts/tauri.sh build --debug --no-bundle --ci
bin="${CARGO_TARGET_DIR:-$root/target}/debug"
# The demo serves the fake malls itself (the app's built-in malls) and
# connects a demo shop to each mall Juchu has a client for, the way a
# merchant does; `juchu --demo` started by hand is the same demo.
exec "$bin/juchu" --demo
