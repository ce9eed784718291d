# Sourced by demo.sh and tests/e2e/run.sh: starts the fakemall binary "$1"
# with the remaining arguments, waits for its lines, and exports
# JUCHU_API_BASE_<MALL> and FAKEMALL_CREDENTIALS_<MALL> from them. Sets
# FAKEMALL_PID; its output goes to "$FAKEMALL_DIR" (a folder the caller owns).
start_fakemall() {
  local bin="$1"; shift
  "$bin" "$@" >"$FAKEMALL_DIR/fakemall.env" 2>"$FAKEMALL_DIR/fakemall.log" &
  FAKEMALL_PID=$!
  for _ in $(seq 100); do
    grep -q '^FAKEMALL_CREDENTIALS_BASE=' "$FAKEMALL_DIR/fakemall.env" 2>/dev/null && break
    sleep 0.1
  done
  local line
  while IFS= read -r line; do
    case "$line" in JUCHU_API_BASE_*=*|FAKEMALL_CREDENTIALS_*=*) export "$line" ;; esac
  done <"$FAKEMALL_DIR/fakemall.env"
}
