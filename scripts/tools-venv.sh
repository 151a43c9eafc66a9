#!/usr/bin/env bash
# The Python tools the Rust tests run for real (pre-commit, for tests/pre_commit.rs), in a
# project-local venv: target/tools-venv, from tests/tools/requirements.txt.
#
# Usage: scripts/tools-venv.sh      (scripts/test.sh runs it before `cargo test`)
#
# Creates (or reuses) the venv and installs the requirements only when that file changed since the
# last install (stamp: target/tools-venv/.requirements.stamp), like scripts/e2e.sh. The tests find
# pre-commit at target/tools-venv/bin/pre-commit (or $COPYDESK_PRE_COMMIT, or on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv=$root/target/tools-venv
req=$root/tests/tools/requirements.txt
stamp=$venv/.requirements.stamp
if [[ ! -x $venv/bin/python ]]; then
    echo "tools: creating $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
fi
want=$(sha256sum "$req" | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    echo "tools: installing tests/tools/requirements.txt"
    rm -f "$stamp"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req"
    echo "$want" >"$stamp"
fi
"$venv/bin/pre-commit" --version
