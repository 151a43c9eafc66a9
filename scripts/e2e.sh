#!/usr/bin/env bash
# End-to-end tests of `copydesk lsp` with a real LSP client (pytest-lsp), in tests/e2e/.
#
# Usage: scripts/e2e.sh [pytest args...]     (after `cargo build`)
#   COPYDESK_BIN   the server binary (default: target/debug/copydesk, relative to the repo root)
#
# Creates (or reuses) a venv at target/e2e-venv and installs tests/e2e/requirements.txt into it
# only when that file changed since the last install (stamp: target/e2e-venv/.requirements.stamp).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bin=${COPYDESK_BIN:-target/debug/copydesk}
case $bin in
    /*) ;;
    *) bin=$root/$bin ;;
esac
if [[ ! -x $bin ]]; then
    echo "e2e: no server binary at $bin (run 'cargo build', or set COPYDESK_BIN)" >&2
    exit 2
fi

venv=$root/target/e2e-venv
req=$root/tests/e2e/requirements.txt
stamp=$venv/.requirements.stamp
if [[ ! -x $venv/bin/python ]]; then
    echo "e2e: creating $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
fi
want=$(sha256sum "$req" | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    echo "e2e: installing tests/e2e/requirements.txt"
    rm -f "$stamp"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req"
    echo "$want" >"$stamp"
fi

export COPYDESK_BIN=$bin
export PYTHONDONTWRITEBYTECODE=1
# The tests never leave the machine: live link checks are off in the server they start.
export COPYDESK_OFFLINE=1
# No .pytest_cache in the work tree; -p no:cacheprovider also keeps runs independent.
exec "$venv/bin/python" -m pytest tests/e2e -q -p no:cacheprovider "$@"
