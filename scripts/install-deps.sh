#!/usr/bin/env bash
# Installs what a fresh Debian 12 / Ubuntu 22.04+ machine lacks to build, run
# and test Juchu: the WebKitGTK stack Tauri needs, Xvfb and the WebDriver
# pieces for end-to-end tests, keyutils and gnome-keyring for the keyring, a
# Japanese font, tauri-driver, and the npm packages. Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
  pkg-config build-essential file libxdo-dev curl
  xvfb xauth webkit2gtk-driver dbus-x11 imagemagick
  keyutils gnome-keyring libsecret-tools dbus-daemon
  xdg-utils desktop-file-utils libglib2.0-bin
  fonts-noto-cjk
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "apt: installing ${missing[*]}"
  sudo_ apt-get update -qq
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "Rust が見つかりません。https://rustup.rs の手順で入れてから、もう一度実行してください。" >&2; exit 1; }
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --quiet

# `npm install` follows the lock and keeps what is installed (faster than
# `npm ci` on a second run); ui/.npmrc keeps the lock free of registry URLs, so
# it leaves the lock as it is (scripts/test.sh checks; the workflows use `npm ci`).
npm --prefix "$root/ui" install --no-audit --no-fund --loglevel=error
npm --prefix "$root/tests/e2e" install --no-audit --no-fund --loglevel=error
