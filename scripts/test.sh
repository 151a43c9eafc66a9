#!/usr/bin/env bash
# The whole test suite: formatting, lints, every test. Installs what the tests need first.
# Usage: scripts/test.sh        (this is what .ci/run runs)
set -euo pipefail
cd "$(dirname "$0")/.."
# Tests never leave the machine: live link checks are off unless a test starts its own server on
# 127.0.0.1 and turns them on explicitly.
export COPYDESK_OFFLINE=1

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --quiet -- -D warnings
echo "== tools the tests run (pre-commit, in target/tools-venv)"
scripts/tools-venv.sh
export COPYDESK_PRE_COMMIT="$PWD/target/tools-venv/bin/pre-commit"
echo "== cargo test"
cargo test --all-targets --quiet
cargo test --doc --quiet
echo "== language server end to end (pytest-lsp)"
cargo build --quiet
COPYDESK_BIN="$PWD/target/debug/copydesk" scripts/e2e.sh
echo "== editors: Neovim and VS Code (code-server) end to end"
COPYDESK_BIN="$PWD/target/debug/copydesk" scripts/editors-test.sh
echo "== fuzz smoke (cargo fuzz, every target ~15 s)" && scripts/fuzz.sh smoke
