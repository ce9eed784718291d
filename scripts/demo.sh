#!/usr/bin/env bash
# Installs what is missing, builds Juchu and opens it in demo mode: its own
# data folder with sample shops and orders, never the real data.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/install-deps.sh
TAURI_APP_PATH=src-tauri ui/node_modules/.bin/tauri build --debug --no-bundle --ci
exec "${CARGO_TARGET_DIR:-$root/target}/debug/juchu" --demo
