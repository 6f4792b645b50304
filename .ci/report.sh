#!/usr/bin/env bash
# Browser tests of the HTML report (`copydesk check --format html`): headless Chromium from
# Debian's `chromium` package, driven by playwright-core from the npm registry (no browser
# download). See tests/report/.
#
# Needs: Node 20+ with npm, and chromium at /usr/bin/chromium (installed here with apt-get when
# missing and running as root). Non-interactive.
#
#   .ci/report.sh                 # builds target/debug/copydesk if needed
#   COPYDESK_BIN=/path/to/copydesk .ci/report.sh
#
# Exits non-zero when any step fails; the last line is `report: N passed, M failed`.

set -uo pipefail
export CI="${CI:-true}"
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${COPYDESK_BIN:-}" ] && [ "${COPYDESK_BIN#/}" = "$COPYDESK_BIN" ]; then
  COPYDESK_BIN="$PWD/$COPYDESK_BIN"
fi
cd "$ROOT"
REPORT="$ROOT/tests/report"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

passed=0
failed=0
failures=()

section() {
  printf '\n==== %s ====\n' "$*"
}

step() {
  local name="$1"
  shift
  section "$name"
  local start=$SECONDS
  if "$@" </dev/null; then
    passed=$((passed + 1))
    printf -- '---- ok: %s (%ss)\n' "$name" $((SECONDS - start))
    return 0
  else
    local rc=$?
    failed=$((failed + 1))
    failures+=("$name")
    printf -- '---- FAILED: %s (exit %s, %ss)\n' "$name" "$rc" $((SECONDS - start))
    return 1
  fi
}

finish() {
  printf '\n'
  for f in "${failures[@]+"${failures[@]}"}"; do
    printf 'failed: %s\n' "$f"
  done
  printf 'report: %d passed, %d failed\n' "$passed" "$failed"
  [ "$failed" -eq 0 ]
  exit $?
}

install_chromium() {
  if [ "$(id -u)" != 0 ]; then
    echo "chromium is missing at $CHROMIUM and this is not root: run 'apt-get install -y chromium' as root"
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null &&
    test -x "$CHROMIUM"
}

# ---- the binary ---------------------------------------------------------
if [ -z "${COPYDESK_BIN:-}" ]; then
  COPYDESK_BIN="$ROOT/target/debug/copydesk"
  step "cargo build (debug)" cargo build --locked --bin copydesk || finish
fi
export COPYDESK_BIN CHROMIUM

# ---- chromium and playwright-core ---------------------------------------
if [ ! -x "$CHROMIUM" ]; then
  step "apt-get install chromium" install_chromium || finish
fi
"$CHROMIUM" --version 2>/dev/null | head -1
# --ignore-scripts: playwright-core has no install script; nothing may reach the network.
step "report: npm ci (playwright-core)" bash -c "cd '$REPORT' && npm ci --ignore-scripts --no-audit --no-fund" || finish

# ---- the tests ----------------------------------------------------------
step "report: browser tests (node --test)" bash -c "cd '$REPORT' && timeout 600 npm test"

finish
