#!/usr/bin/env bash
# ui/package-lock.json must serve every platform the workflows run on: `npm ci`
# with it installs the Tauri CLI's own binary (and Vite's native bindings) for
# Linux x64, macOS arm64 and x64, and Windows x64, and leaves the lock as it
# was. npm's --os/--cpu make this machine resolve as those runners would.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/ui/package.json" "$root/ui/package-lock.json" "$root/ui/.npmrc" "$work/"
cd "$work"
for target in linux:x64:linux-x64-gnu darwin:arm64:darwin-arm64 darwin:x64:darwin-x64 win32:x64:win32-x64-msvc; do
  IFS=: read -r os cpu cli <<<"$target"
  rm -rf node_modules
  if ! npm ci --os="$os" --cpu="$cpu" --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error >npm.log 2>&1; then
    tail -n 8 npm.log >&2
    echo "lockfile: npm ci fails for $os/$cpu" >&2
    exit 1
  fi
  [ -d "node_modules/@tauri-apps/cli-$cli" ] || { echo "lockfile: npm ci on $os/$cpu misses @tauri-apps/cli-$cli" >&2; exit 1; }
  cmp -s package-lock.json "$root/ui/package-lock.json" || { echo "lockfile: npm ci on $os/$cpu changed the lock" >&2; exit 1; }
  echo "lockfile: $os/$cpu installs @tauri-apps/cli-$cli, lock unchanged"
done
