#!/usr/bin/env bash
# Installs what is missing, builds Juchu, starts the fake malls on 127.0.0.1,
# connects a demo BASE shop to the BASE fake (the real OAuth flow: the fake
# approves at once), fetches its orders, and opens Juchu in demo mode. The
# demo has its own data folder (JUCHU_DEMO_DIR, default: the platform's
# "Juchu Demo" folder) and never touches the real data.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ "${JUCHU_SKIP_INSTALL:-}" = 1 ] || bash scripts/install-deps.sh
bash scripts/tauri.sh build --debug --no-bundle --ci
cargo build -q -p fakemall --bin fakemall
cargo build -q -p juchu-core --bin juchu-cli
bin="${CARGO_TARGET_DIR:-$root/target}/debug"
cli="$bin/juchu-cli --demo"

run="$(mktemp -d)"
FAKEMALL_DIR="$run"
source scripts/fakemall-env.sh
start_fakemall "$bin/fakemall" --orders "${JUCHU_DEMO_ORDERS:-300}" --seed 1 --port-base "${JUCHU_DEMO_PORT_BASE:-18800}"
trap 'kill $FAKEMALL_PID 2>/dev/null || true; rm -rf "$run"' EXIT
echo "fake malls: $(grep -c '^JUCHU_API_BASE_' "$run/fakemall.env") on 127.0.0.1"

if ! $cli shops --json | grep -q '"mall": "base"'; then
  id=$(printf '%s' "$FAKEMALL_CREDENTIALS_BASE" \
    | $cli shop add --mall base --name "BASE デモ店" --set oauth_redirect=loopback --json \
    | sed -n 's/.*"id": *\([0-9]*\).*/\1/p')
  # The BASE fake approves at once: following its redirect plays the merchant's click.
  $cli shop authorize "$id" --port 0 --timeout 60 >"$run/authorize.url" &
  auth=$!
  for _ in $(seq 100); do [ -s "$run/authorize.url" ] && break; sleep 0.1; done
  curl -s -L -o /dev/null "$(head -n1 "$run/authorize.url")"
  wait "$auth"
  $cli sync || true
fi
"$bin/juchu" --demo
