#!/usr/bin/env bash
# The VS Code extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) with the packaged
# .vsix installed, driven through its UI by headless Debian Chromium (playwright-core).
# Needs COPYDESK_BIN (absolute). Installs chromium (apt) and code-server (npm, cached in
# ${COPYDESK_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/copydesk-test}/code-server).
# Screenshots go to ${COPYDESK_SCREENSHOTS:-$CACHE/screenshots} (COPYDESK_SCREENSHOTS=editors/vscode/images to refresh the README ones).
# Ends with `vscode-e2e: N passed, M failed`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
: "${COPYDESK_BIN:?set COPYDESK_BIN to the absolute path of the copydesk binary}"
CACHE=${COPYDESK_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/copydesk-test}
SHOTS=${COPYDESK_SCREENSHOTS:-$CACHE/screenshots}
mkdir -p "$CACHE" "$SHOTS"

SUDO=""
if [[ $(id -u) != 0 ]] && command -v sudo >/dev/null; then SUDO="sudo"; fi
need=()
for p in build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev chromium \
  ripgrep fonts-dejavu-core fonts-noto-color-emoji curl unzip; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
  echo "== vscode-e2e: apt-get install ${need[*]}"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "== vscode-e2e: code-server (cached in $CACHE/code-server)"
t0=$(date +%s)
CODE_SERVER=$(bash scripts/editors/install-code-server.sh "$CACHE/code-server" | tail -1)
echo "   ready in $(($(date +%s) - t0)) s: $CODE_SERVER"

VSIX=$ROOT/editors/vscode/copydesk.vsix
if [[ ! -f $VSIX || -n $(find editors/vscode/src editors/vscode/package.json -newer "$VSIX" -print -quit) ]]; then
  bash scripts/editors/vscode-build.sh
fi

RUN=$(mktemp -d)
PORT=${COPYDESK_E2E_PORT:-$((20000 + RANDOM % 20000))}
CS_PID=""
cleanup() {
  if [[ -n $CS_PID ]]; then
    kill -TERM -- "-$CS_PID" 2>/dev/null || true
    sleep 0.5
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
  fi
  if [[ -z ${COPYDESK_E2E_KEEP:-} ]]; then rm -rf "$RUN"; else echo "kept $RUN"; fi
}
trap cleanup EXIT

# The workspace: the shared fixture drafts. `copydesk` is found on PATH (nothing configured).
WS=$RUN/workspace
mkdir -p "$WS" "$RUN/bin" "$RUN/home" "$RUN/ud/User" "$RUN/exts"
cp -r editors/test-fixtures/project/. "$WS/"
ln -s "$COPYDESK_BIN" "$RUN/bin/copydesk"
cat >"$RUN/ud/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "security.workspace.trust.enabled": false,
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "files.autoSave": "off",
  "copydesk.links.enabled": false,
  "editor.fontFamily": "'DejaVu Sans Mono', 'Noto Color Emoji', monospace",
  "window.zoomLevel": 0
}
JSON
export HOME=$RUN/home XDG_CONFIG_HOME=$RUN/home/.config XDG_DATA_HOME=$RUN/home/.local/share \
  XDG_CACHE_HOME=$RUN/home/.cache
export PATH="$RUN/bin:$PATH"
# VS Code's server takes the extension host's environment from a login shell: put copydesk on the
# PATH there too, the way a user's ~/.profile does (e.g. ~/.cargo/bin).
echo "export PATH=\"$RUN/bin:\$PATH\"" | tee "$HOME/.profile" >"$HOME/.bashrc"

echo "== vscode-e2e: install the .vsix"
"$CODE_SERVER" --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts" --install-extension "$VSIX" 2>&1 | tail -2

echo "== vscode-e2e: start code-server on 127.0.0.1:$PORT"
setsid "$CODE_SERVER" --bind-addr "127.0.0.1:$PORT" --auth none --user-data-dir "$RUN/ud" \
  --extensions-dir "$RUN/exts" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override --disable-proxy "$WS" >"$RUN/code-server.log" 2>&1 &
CS_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || {
  cat "$RUN/code-server.log"
  echo "vscode-e2e: 0 passed, 1 failed"
  exit 1
}

set +e
NODE_PATH=$ROOT/editors/vscode/node_modules node editors/vscode/test/e2e/ui.js \
  --url "http://127.0.0.1:$PORT/?folder=$WS" --workspace "$WS" --shots "$SHOTS" --profile "$RUN/chromium" \
  --settings "$RUN/ud/User/settings.json" --logs "$RUN/ud/logs"
rc=$?
set -e
if ((rc != 0)); then
  echo "--- code-server log (tail)"
  tail -40 "$RUN/code-server.log"
  find "$RUN/ud/logs" -name '*copydesk*' -exec tail -40 {} \; 2>/dev/null || true
fi
exit $rc
