#!/usr/bin/env bash
# Install code-server 4.100.3 (VS Code 1.100.3; the last release for Node 20) for the VS Code
# end-to-end test, offline-safe: code-server's postinstall downloads things, so it is replayed by hand.
# Usage: scripts/editors/install-code-server.sh DIR   (idempotent: a finished install is kept)
# Prints the path of the code-server launcher on its last line.
set -euo pipefail
CS=${1:?usage: install-code-server.sh DIR}
VERSION=4.100.3
STAMP="$CS/.installed-$VERSION"
BIN="$CS/node_modules/code-server/out/node/entry.js"
if [[ -f "$STAMP" && -f "$BIN" ]]; then
  echo "$CS/node_modules/.bin/code-server"
  exit 0
fi
rm -rf "$CS"
mkdir -p "$CS"
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_fund=false npm_config_audit=false \
  npm_config_update_notifier=false
echo "code-server: npm install code-server@$VERSION (no scripts)" >&2
npm install --prefix "$CS" --ignore-scripts --no-save "code-server@$VERSION" >&2
echo "code-server: building argon2 from source" >&2
(cd "$CS/node_modules/argon2" && npx --no-install node-pre-gyp install --fallback-to-build --build-from-source) >&2
cd "$CS/node_modules/code-server/lib/vscode"
echo "code-server: VS Code's own dependencies" >&2
npm install --unsafe-perm --omit=dev --ignore-scripts >&2
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild --unsafe-perm >&2
rm -rf node_modules.asar && ln -s node_modules node_modules.asar
(cd bin/remote-cli && rm -rf code-server && ln -s code-linux.sh code-server)
(cd bin/helpers && rm -rf browser.sh && ln -s browser-linux.sh browser.sh)
(cd extensions && npm install --unsafe-perm --omit=dev >&2)
touch "$STAMP"
echo "$CS/node_modules/.bin/code-server"
