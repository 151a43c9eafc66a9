// End-to-end test of the copydesk extension in a real VS Code (code-server), through its UI, in
// headless Debian Chromium driven by playwright-core. Started by scripts/editors/vscode-e2e.sh:
//   node ui.js --url URL --workspace DIR --shots DIR --profile DIR
// Prints `ok - …` / `not ok - …` per step and `vscode-e2e: N passed, M failed`.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const TIMEOUT = Number(process.env.COPYDESK_E2E_TIMEOUT_MS || 45000);
const DRAFT = path.join(args.workspace, 'drafts', 'draft.md');

let passed = 0;
let failed = 0;
let stop = false;
const steps = [];
function step(name, fn) {
  steps.push({ name, fn });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(what, fn, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) {
        return last;
      }
    } catch (e) {
      last = e;
    }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

function assert(cond, msg) {
  if (!cond) {
    throw new Error(msg);
  }
}

async function main() {
  const context = await chromium.launchPersistentContext(args.profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  // Nothing leaves the machine: only code-server on loopback is reachable.
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === '127.0.0.1' || u.protocol === 'data:' || u.protocol === 'blob:') {
      return route.continue();
    }
    return route.abort();
  });
  const page = context.pages()[0] || (await context.newPage());
  const shot = async (name) => {
    const file = path.join(args.shots, name);
    await page.screenshot({ path: file });
    console.log(`   screenshot: ${file}`);
  };
  const statusText = async () => {
    const items = await page.locator('.statusbar-item').allInnerTexts();
    return items.find((t) => t.includes('copydesk')) || '';
  };
  const problems = async () => page.locator('.markers-panel .monaco-list-row').allInnerTexts();

  step('VS Code (code-server) loads the workbench', async () => {
    await page.goto(args.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: TIMEOUT });
  });

  step('opening drafts/draft.md starts copydesk: the status bar counts 4 findings', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'drafts' }).first().click();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'draft.md' }).first().click();
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: TIMEOUT });
    const text = await until('the status bar to count 4 findings', async () => {
      const t = await statusText();
      return /copydesk: 4\b/.test(t) && t;
    });
    console.log(`   status bar: ${JSON.stringify(text)}`);
  });

  step('the Problems panel lists the findings with copydesk rule ids and UTF-16 columns', async () => {
    await page.keyboard.press('Control+Shift+M');
    const rows = await until('4 rows in the Problems panel', async () => {
      const r = await problems();
      return r.length >= 5 && r; // the file row + 4 findings
    });
    const text = rows.join('\n');
    console.log(rows.map((r) => `   | ${r.replace(/\n/g, ' ')}`).join('\n'));
    assert(/copydesk\(quote\/unattributed\)/.test(text) || /quote\/unattributed/.test(text), 'no quote/unattributed row');
    assert(/url\/malformed/.test(text), 'no url/malformed row');
    // Line 3 has 53 characters before the URL; the ship emoji is two UTF-16 code units: column 55.
    assert(/Ln 3, Col 55/.test(text), 'no finding at [Ln 3, Col 55]');
    assert(/Ln 10, Col 1/.test(text), 'no finding at [Ln 10, Col 1]');
    assert((await page.locator('.monaco-editor .squiggly-warning').count()) >= 3, 'fewer than 3 squiggles');
    await shot('vscode-problems.png');
  });

  step('the "Attribute to Ruiz" quick fix on line 10 edits the draft', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ timeout: TIMEOUT });
    await page.keyboard.type('10:3');
    await page.keyboard.press('Enter');
    await sleep(300);
    await page.keyboard.press('Control+.');
    const rowsSel = '.action-widget .monaco-list-row';
    const offered = await until('the quick-fix menu with "Attribute to Ruiz"', async () => {
      const t = (await page.locator(rowsSel).allInnerTexts()).map((x) => x.trim()).filter(Boolean);
      return t.some((x) => x.startsWith('Attribute to Ruiz')) && t;
    });
    console.log(`   quick fixes: ${offered.join(' | ')}`);
    await shot('vscode-quickfix.png');
    // The menu opens on its first action; the section header ("Quick Fix") is not selectable.
    const actions = offered.filter((x) => x !== 'Quick Fix');
    const index = actions.findIndex((x) => x.startsWith('Attribute to Ruiz'));
    for (let i = 0; i < index; i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await until('the edit in the editor', async () => {
      const text = await page.locator('.monaco-editor .view-lines').first().innerText();
      return text.replace(/\u00a0/g, ' ').includes('fishermen,” Ruiz said.');
    });
    await page.keyboard.press('Control+S');
    await until('the saved line 10', async () => {
      const lines = fs.readFileSync(DRAFT, 'utf8').split('\n');
      return lines[9] === '“Nobody asked the fishermen,” Ruiz said.';
    });
  });

  step('the findings follow the edit: 3 left, in the Problems panel and the status bar', async () => {
    await until('3 findings', async () => {
      const r = await problems();
      const t = await statusText();
      return r.length === 4 && /copydesk: 3\b/.test(t);
    });
  });

  step('"copydesk: Show sources in this draft" lists Ruiz', async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ timeout: TIMEOUT });
    await page.keyboard.type('copydesk: Show sources in this draft');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show sources in this draft' }).first().waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Enter');
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Ruiz' }).first();
    await row.waitFor({ timeout: TIMEOUT });
    const text = await row.innerText();
    console.log(`   sources: ${text.replace(/\n/g, ' ')}`);
    assert(/Ana Ruiz/.test(text) && /line 5/.test(text), `unexpected row: ${text}`);
    // From the server's document symbols: each quotation under its speaker (the unsaved edit too).
    const quote = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Nobody asked the fishermen' }).first();
    await quote.waitFor({ timeout: TIMEOUT });
    console.log(`   quotation row: ${(await quote.innerText()).replace(/\n/g, ' ')}`);
    await shot('vscode-sources.png');
    await page.keyboard.press('Escape');
  });

  step('copydesk.links.enabled = false starts the server as `copydesk lsp --offline` (output channel)', async () => {
    const found = [];
    const walk = (dir) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          walk(p);
        } else if (/copydesk/.test(e.name)) {
          found.push(fs.readFileSync(p, 'utf8'));
        }
      }
    };
    await until('the copydesk output channel log', async () => {
      found.length = 0;
      walk(args.logs);
      return found.some((t) => /copydesk: starting \S+ lsp --offline/.test(t));
    });
  });

  step('a missing server: a clear message with the install instructions, and the status bar says so', async () => {
    // As a user would: the Settings editor, then the copydesk.server.path box.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ timeout: TIMEOUT });
    await page.keyboard.type('Preferences: Open User Settings');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Preferences: Open User Settings' }).first().waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Enter');
    await page.locator('.settings-editor').waitFor({ timeout: TIMEOUT });
    await sleep(500);
    await page.keyboard.type('copydesk.server.path');
    // A machine-overridable setting: in a remote window (code-server) it is under the Remote tab.
    await page.locator('.settings-editor .settings-tabs-widget .action-label', { hasText: 'Remote' }).first().click();
    const box = page
      .locator('.settings-editor .setting-item-contents', { hasText: 'Server: Path' })
      .locator('input.input')
      .first();
    await box.waitFor({ timeout: TIMEOUT });
    await box.fill('/nonexistent/bin/copydesk');
    await box.press('Tab');
    const toast = page.locator('.notification-toast', { hasText: 'the language server was not found at' }).first();
    await toast.waitFor({ timeout: TIMEOUT });
    const text = (await toast.innerText()).replace(/\s+/g, ' ');
    console.log(`   notification: ${text}`);
    assert(text.includes('/nonexistent/bin/copydesk') && text.includes('copydesk.server.path'), 'the message names neither the path nor the setting');
    assert(text.includes('Install instructions') && text.includes('Open Settings'), 'no "Install instructions" / "Open Settings" buttons');
    await until('the status bar to say "not installed"', async () => /copydesk: not installed/.test(await statusText()));
    await shot('vscode-missing-server.png');
  });

  for (const s of steps) {
    if (stop) {
      failed++;
      console.log(`not ok - ${s.name} (not run: an earlier step failed)`);
      continue;
    }
    try {
      await s.fn();
      passed++;
      console.log(`ok - ${s.name}`);
    } catch (e) {
      failed++;
      stop = true;
      console.log(`not ok - ${s.name}\n   ${e && e.stack ? e.stack.split('\n').slice(0, 3).join('\n   ') : e}`);
      try {
        await shot('vscode-failure.png');
      } catch {
        // the page may be gone
      }
    }
  }
  await context.close();
}

main()
  .catch((e) => {
    failed++;
    console.log(`not ok - the test harness: ${e && e.stack ? e.stack : e}`);
  })
  .finally(() => {
    console.log(`vscode-e2e: ${passed} passed, ${failed} failed`);
    process.exit(failed === 0 && passed > 0 ? 0 : 1);
  });
