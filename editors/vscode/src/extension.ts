// copydesk for VS Code: starts `copydesk lsp` for Markdown and plain-text files.
import * as fs from 'fs';
import * as path from 'path';
import { execFile } from 'child_process';
import * as vscode from 'vscode';
import {
  DocumentSymbol,
  DocumentSymbolRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  SymbolInformation,
  TransportKind,
} from 'vscode-languageclient/node';

const SECTION = 'copydesk';
const BASE_LANGUAGES = ['markdown', 'plaintext'];

/** One row of the sources table: who is quoted, and where they are first named. */
export interface SourceRow {
  /** 0: a speaker; 1: one of their quotations. */
  depth: number;
  name: string;
  detail: string;
  line: number;
  character: number;
}

/** What the extension returns from `activate`: for tests and other extensions. */
export interface CopydeskApi {
  client(): LanguageClient | undefined;
  serverPath(): string | undefined;
  state(): string;
}

type Status = 'starting' | 'running' | 'stopped' | 'missing' | 'failed';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let statusItem: vscode.StatusBarItem;
let status: Status = 'stopped';
let resolvedPath: string | undefined;
let extensionUri: vscode.Uri;
let missingShown = false;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

function languages(): string[] {
  const extra = config().get<string[]>('languages', []) ?? [];
  return [...new Set([...BASE_LANGUAGES, ...extra.filter((l) => typeof l === 'string' && l.trim() !== '')])];
}

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      return false;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The server executable: the configured path, else `copydesk` on PATH. */
export function findServer(configured: string, envPath = process.env.PATH ?? ''): string | undefined {
  const exe = process.platform === 'win32' ? 'copydesk.exe' : 'copydesk';
  if (configured.trim() !== '') {
    let p = configured.trim();
    if (p.startsWith('~/')) {
      p = path.join(process.env.HOME ?? '', p.slice(2));
    }
    return isExecutable(p) ? p : undefined;
  }
  for (const dir of envPath.split(path.delimiter)) {
    if (dir === '') {
      continue;
    }
    const candidate = path.join(dir, exe);
    if (isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

function findingsIn(uri: vscode.Uri): number {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'copydesk').length;
}

function isProse(doc: vscode.TextDocument): boolean {
  return languages().includes(doc.languageId);
}

function updateStatus(): void {
  const editor = vscode.window.activeTextEditor;
  statusItem.command = 'copydesk.showOutput';
  switch (status) {
    case 'starting':
      statusItem.text = '$(sync~spin) copydesk';
      statusItem.tooltip = 'copydesk: starting the language server';
      break;
    case 'missing':
      statusItem.text = '$(error) copydesk: not installed';
      statusItem.tooltip = 'copydesk: the language server was not found (set copydesk.server.path)';
      break;
    case 'failed':
    case 'stopped':
      statusItem.text = '$(error) copydesk: stopped';
      statusItem.tooltip = 'copydesk: the language server is not running. Click for its output.';
      break;
    case 'running': {
      if (editor && isProse(editor.document)) {
        const n = findingsIn(editor.document.uri);
        statusItem.text = n === 0 ? '$(check) copydesk' : `$(warning) copydesk: ${n}`;
        statusItem.tooltip = n === 0 ? 'copydesk: no findings in this draft' : `copydesk: ${n} finding${n === 1 ? '' : 's'} in this draft`;
        statusItem.command = n === 0 ? 'copydesk.showOutput' : 'workbench.actions.view.problems';
      } else {
        statusItem.text = '$(check) copydesk';
        statusItem.tooltip = 'copydesk: running';
      }
      break;
    }
  }
  statusItem.show();
}

function setStatus(s: Status): void {
  status = s;
  updateStatus();
}

async function showMissing(configured: string): Promise<void> {
  const what = configured.trim() !== ''
    ? `copydesk: the language server was not found at "${configured}" (the copydesk.server.path setting).`
    : 'copydesk: the language server `copydesk` was not found on PATH. Install copydesk, or set copydesk.server.path to its location.';
  output.appendLine(what);
  if (missingShown) {
    return;
  }
  missingShown = true;
  const choice = await vscode.window.showErrorMessage(what, 'Install instructions', 'Open Settings');
  if (choice === 'Install instructions') {
    const readme = vscode.Uri.joinPath(extensionUri, 'README.md').with({ fragment: 'install-the-server' });
    await vscode.commands.executeCommand('markdown.showPreview', readme);
  } else if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'copydesk.server.path');
  }
}

async function startClient(): Promise<void> {
  const configured = config().get<string>('server.path', '') ?? '';
  resolvedPath = findServer(configured);
  if (!resolvedPath) {
    setStatus('missing');
    await showMissing(configured);
    return;
  }
  missingShown = false;
  const linksEnabled = config().get<boolean>('links.enabled', true);
  // Live link checks off: `copydesk lsp --offline` (the server's own switch; `[links] enabled` in
  // copydesk.toml can turn them off per project too).
  const serverOptions: ServerOptions = {
    command: resolvedPath,
    args: linksEnabled ? ['lsp'] : ['lsp', '--offline'],
    transport: TransportKind.stdio,
  };
  const selector = languages().flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    outputChannel: output,
    synchronize: {
      configurationSection: SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher('**/copydesk.toml'),
    },
  };
  client = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Running) {
      setStatus('running');
    } else if (e.newState === State.Starting) {
      setStatus('starting');
    } else {
      setStatus('stopped');
    }
  });
  setStatus('starting');
  output.appendLine(`copydesk: starting ${resolvedPath} ${(serverOptions.args ?? []).join(' ')}`);
  try {
    await client.start();
  } catch (e) {
    setStatus('failed');
    output.appendLine(`copydesk: the language server failed to start: ${String(e)}`);
    void vscode.window.showErrorMessage(`copydesk: the language server failed to start: ${String(e)}`, 'Show Output').then((c) => {
      if (c) {
        output.show(true);
      }
    });
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(5000);
    } catch (e) {
      output.appendLine(`copydesk: stopping the server: ${String(e)}`);
    }
  }
  setStatus('stopped');
}

async function restart(): Promise<void> {
  await stopClient();
  await startClient();
}

function flatten(symbols: (DocumentSymbol | SymbolInformation)[], out: SourceRow[] = [], depth = 0): SourceRow[] {
  for (const s of symbols) {
    const range = 'selectionRange' in s ? s.selectionRange : s.location.range;
    out.push({
      depth,
      name: s.name,
      detail: ('detail' in s ? s.detail : undefined) ?? '',
      line: range.start.line,
      character: range.start.character,
    });
    if ('children' in s && s.children) {
      flatten(s.children, out, depth + 1);
    }
  }
  return out;
}

interface CliSource {
  speaker: string;
  kind?: string;
  first_reference?: string;
  first_reference_line?: number;
  quotes?: number;
  lines?: number[];
}

function sourcesFromCli(file: string): Promise<SourceRow[]> {
  return new Promise((resolve, reject) => {
    if (!resolvedPath) {
      reject(new Error('the copydesk executable was not found'));
      return;
    }
    execFile(resolvedPath, ['sources', '--format', 'json', file], { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(stderr.trim() || err.message));
        return;
      }
      try {
        const files = JSON.parse(stdout) as { sources?: CliSource[] }[];
        const rows: SourceRow[] = [];
        for (const f of files) {
          for (const s of f.sources ?? []) {
            const n = s.quotes ?? 0;
            rows.push({
              depth: 0,
              name: s.speaker,
              detail: `${s.first_reference ?? s.speaker}, ${n} quote${n === 1 ? '' : 's'}, line${(s.lines ?? []).length === 1 ? '' : 's'} ${(s.lines ?? []).join(', ')}`,
              line: Math.max(0, (s.first_reference_line ?? 1) - 1),
              character: 0,
            });
          }
        }
        resolve(rows);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

/** The sources of a draft: the server's document symbols, else `copydesk sources` on the saved file. */
export async function sources(doc: vscode.TextDocument): Promise<SourceRow[]> {
  const c = client;
  if (c && c.state === State.Running && c.initializeResult?.capabilities.documentSymbolProvider) {
    const result = await c.sendRequest(DocumentSymbolRequest.type, {
      textDocument: c.code2ProtocolConverter.asTextDocumentIdentifier(doc),
    });
    return flatten(result ?? []);
  }
  if (doc.uri.scheme !== 'file') {
    throw new Error('save the draft first: the sources of an untitled draft need the language server');
  }
  return sourcesFromCli(doc.uri.fsPath);
}

async function showSources(options?: { quiet?: boolean }): Promise<SourceRow[] | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('copydesk: open a draft first.');
    return undefined;
  }
  let rows: SourceRow[];
  try {
    rows = await sources(editor.document);
  } catch (e) {
    void vscode.window.showErrorMessage(`copydesk: cannot list the sources: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if (options?.quiet) {
    return rows;
  }
  if (rows.length === 0) {
    void vscode.window.showInformationMessage('copydesk: nobody is quoted by name in this draft.');
    return rows;
  }
  const picked = await vscode.window.showQuickPick(
    rows.map((r) =>
      r.depth === 0
        ? { label: `$(person) ${r.name}`, description: r.detail, detail: `line ${r.line + 1}`, row: r }
        : { label: `\u2003$(quote) ${r.name}`, description: `line ${r.line + 1}`, row: r },
    ),
    { title: `Sources in ${path.basename(editor.document.fileName)}`, placeHolder: 'Who is quoted in this draft (Enter: go to the first reference)' },
  );
  if (picked) {
    const pos = new vscode.Position(picked.row.line, picked.row.character);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return rows;
}

export async function activate(context: vscode.ExtensionContext): Promise<CopydeskApi> {
  extensionUri = context.extensionUri;
  output = vscode.window.createOutputChannel('copydesk');
  statusItem = vscode.window.createStatusBarItem('copydesk.status', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'copydesk';
  context.subscriptions.push(
    output,
    statusItem,
    vscode.commands.registerCommand('copydesk.restartServer', restart),
    vscode.commands.registerCommand('copydesk.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('copydesk.showSources', showSources),
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('copydesk.server.path') || e.affectsConfiguration('copydesk.languages') || e.affectsConfiguration('copydesk.links.enabled')) {
        await restart();
      }
    }),
    { dispose: () => void stopClient() },
  );
  await startClient();
  return {
    client: () => client,
    serverPath: () => resolvedPath,
    state: () => status,
  };
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
