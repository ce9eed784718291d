#!/usr/bin/env bash
# The Tauri CLI, told where things are: tauri.conf.json lives at the repo
# root (linked from src-tauri/), and the front end is ui/. Without these the
# CLI searches folders and may pick tests/e2e/package.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export TAURI_APP_PATH=src-tauri TAURI_FRONTEND_PATH=ui
exec ui/node_modules/.bin/tauri "$@"
