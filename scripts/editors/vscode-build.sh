#!/usr/bin/env bash
# Build the VS Code extension: npm ci, typecheck, lint, bundle, package into editors/vscode/copydesk.vsix.
# Skips `npm ci` when node_modules matches package-lock.json already (warm machine).
set -euo pipefail
cd "$(dirname "$0")/../../editors/vscode"
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

step() { printf '== vscode-build: %s\n' "$*"; }

lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f node_modules/.copydesk-lock-sum || $(cat node_modules/.copydesk-lock-sum) != "$lock_sum" ]]; then
  step "npm ci"
  npm ci --no-fund --no-audit --loglevel=error
  echo "$lock_sum" >node_modules/.copydesk-lock-sum
else
  step "npm ci (skipped: node_modules is up to date with package-lock.json)"
fi
step "typecheck (tsc --noEmit)"
npm run -s typecheck
step "lint (eslint --max-warnings 0)"
npm run -s lint
step "compile (esbuild bundle)"
npm run -s compile -- --log-level=warning
step "package.json: every copydesk.* setting and command is documented"
node -e '
const p = require("./package.json");
const readme = require("fs").readFileSync("README.md", "utf8");
const props = p.contributes.configuration.properties;
let bad = 0;
for (const [k, v] of Object.entries(props)) {
  if (!(v.description || v.markdownDescription)) { console.error(`no description: ${k}`); bad++; }
  if (!readme.includes("`" + k + "`")) { console.error(`not in README.md: ${k}`); bad++; }
}
for (const c of p.contributes.commands) {
  if (!readme.includes(c.title)) { console.error(`command not in README.md: ${c.title}`); bad++; }
}
process.exit(bad ? 1 : 0);
'
step "vsce package"
rm -f copydesk.vsix
npm run -s package -- 2>&1 | grep -v '^ INFO ' || true
[[ -f copydesk.vsix ]] || { echo "vsce package did not produce copydesk.vsix" >&2; exit 1; }
listing=$(unzip -l copydesk.vsix)
grep -q 'extension/dist/extension.js' <<<"$listing" || { echo "the .vsix has no dist/extension.js" >&2; exit 1; }
step "ok: $(pwd)/copydesk.vsix ($(du -k copydesk.vsix | cut -f1) KiB)"
