//! The `LanguageServer` implementation.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::convert::{self, Positions};
use super::docs::{Checked, DocStore, Document};
use super::outbox::{self, Outbox};
use crate::checks::url_live;
use crate::cli::files;
use crate::config::{Config, ConfigError};
use crate::document::DocKind;
use crate::engine;
use crate::links::LinkChecker;
use crate::position::Encoding;

/// Settings negotiated at `initialize`.
#[derive(Debug, Clone, Copy)]
struct Session {
    enc: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`): do not push them too.
    pull: bool,
    watch_dynamic: bool,
    /// The client accepts `workspace/diagnostic/refresh` (pull clients re-pull after a config change).
    refresh: bool,
}

/// Configs by `copydesk.toml` path, with the last good one kept when a file breaks.
#[derive(Default)]
struct Configs {
    /// The config in force for each config file (the last good one when it is broken).
    by_file: HashMap<PathBuf, Arc<Config>>,
    /// Config files found broken, with their error (shown as a diagnostic on the file).
    broken: HashMap<PathBuf, ConfigError>,
    /// Which config file governs each folder (None: no file, defaults).
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashSet<PathBuf>,
}

pub struct Backend {
    client: Client,
    /// Where drafts' diagnostics are published (past the library's `Value` trees: see `outbox`).
    outbox: Outbox,
    docs: Arc<DocStore>,
    session: Mutex<Session>,
    configs: Mutex<Configs>,
    /// No network at all (`copydesk lsp --offline`, COPYDESK_OFFLINE=1).
    offline: bool,
    /// One link checker per config file (`None`: drafts with no config), sharing its cache.
    checkers: Mutex<HashMap<Option<PathBuf>, LinkChecker>>,
    /// The source of [`Document::revision`]s: every text the server holds gets a new one.
    revisions: std::sync::atomic::AtomicU64,
}

/// How long a document must stay unchanged before its links are fetched: a URL typed character
/// by character is not fetched for every prefix.
const LINK_PAUSE: std::time::Duration = std::time::Duration::from_millis(700);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}

impl Backend {
    /// A backend publishing through `outbox`; `offline` turns live link checks off entirely.
    pub(super) fn with_options(client: Client, offline: bool, outbox: Outbox) -> Backend {
        Backend {
            client,
            outbox,
            docs: Arc::new(DocStore::default()),
            session: Mutex::new(Session { enc: Encoding::Utf16, pull: false, watch_dynamic: false, refresh: false }),
            configs: Mutex::new(Configs::default()),
            offline,
            checkers: Mutex::new(HashMap::new()),
            revisions: std::sync::atomic::AtomicU64::new(1),
        }
    }

    /// A request the frame filter refused (see [`super::serve`]): not valid JSON-RPC, or for an
    /// unknown `$/` method. Its id gets the error the filter chose, so the client is not left
    /// waiting for an answer.
    pub(super) async fn invalid_request(&self, params: serde_json::Value) -> Result<()> {
        use tower_lsp_server::jsonrpc::{Error, ErrorCode};
        let code = params.get("code").and_then(serde_json::Value::as_i64).unwrap_or(-32600);
        let message = params.get("message").and_then(|m| m.as_str()).unwrap_or("not a valid JSON-RPC request");
        Err(Error { code: ErrorCode::from(code), message: message.to_string().into(), data: None })
    }

    fn next_revision(&self) -> u64 {
        self.revisions.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    /// The findings for the document's current text and its kind: the stored ones when they were
    /// computed on exactly this text, else computed now. Code actions and hovers go through here,
    /// so a quick-fix never carries edits computed for an older text.
    async fn current(&self, uri: &Uri) -> Result<Option<(Checked, DocKind)>> {
        let snapshot = self.docs.with(|m| {
            m.get(uri).map(|d| {
                let stored = d.checked.clone().filter(|c| c.revision == d.revision);
                (stored, d.rope.clone(), d.version, d.revision, d.kind)
            })
        });
        let Some((stored, rope, version, revision, Some(kind))) = snapshot else { return Ok(None) };
        if let Some(checked) = stored {
            return Ok(Some((checked, kind)));
        }
        let (config, changed) = self.config_for(uri);
        report_config(&self.client, self.session().enc, changed).await;
        let checker = self.checker_for(uri, &config);
        let checked = tokio::task::spawn_blocking(move || {
            local_check(rope.to_string(), kind, &config, checker.as_ref(), version, revision).0
        })
        .await
        .map_err(|_| tower_lsp_server::jsonrpc::Error::internal_error())?;
        self.docs.with(|m| {
            if let Some(d) = m.get_mut(uri)
                && d.revision == revision
                && d.checked.as_ref().is_none_or(|c| c.revision != revision)
            {
                d.checked = Some(checked.clone());
            }
        });
        Ok(Some((checked, kind)))
    }

    /// The link checker for a document, or `None` when link checks are off for it.
    fn checker_for(&self, uri: &Uri, config: &Config) -> Option<LinkChecker> {
        if self.offline || !config.links.enabled {
            return None;
        }
        let file = uri.to_file_path().and_then(|p| {
            let dir = p.parent()?.to_path_buf();
            lock(&self.configs).by_dir.get(&dir).cloned().flatten()
        });
        let mut checkers = lock(&self.checkers);
        if let Some(c) = checkers.get(&file) {
            return Some(c.clone());
        }
        let cache = file.as_ref().and_then(|f| f.parent()).map(|d| d.join(crate::links::CACHE_DIR_NAME));
        let checker = LinkChecker::new(&config.links, cache).ok()?;
        checkers.insert(file, checker.clone());
        Some(checker)
    }

    fn session(&self) -> Session {
        *lock(&self.session)
    }

    /// The config for a document, and config files whose state (broken / mended) changed.
    fn config_for(&self, uri: &Uri) -> (Arc<Config>, Vec<(PathBuf, Option<ConfigError>)>) {
        let Some(path) = uri.to_file_path() else { return (Arc::new(Config::default()), Vec::new()) };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut c = lock(&self.configs);
        let file = c.by_dir.entry(dir.clone()).or_insert_with(|| files::find_config_file(&dir)).clone();
        let Some(file) = file else { return (Arc::new(Config::default()), Vec::new()) };
        let mut changed = Vec::new();
        if !c.loaded.contains(&file) {
            c.loaded.insert(file.clone());
            match files::load(&file) {
                Ok(config) => {
                    c.by_file.insert(file.clone(), Arc::new(config));
                    if c.broken.remove(&file).is_some() {
                        changed.push((file.clone(), None));
                    }
                }
                Err(e) => {
                    c.broken.insert(file.clone(), e.clone());
                    changed.push((file.clone(), Some(e)));
                }
            }
        }
        let config = c.by_file.get(&file).cloned().unwrap_or_else(|| Arc::new(Config::default()));
        (config, changed)
    }

    /// Forget every loaded config (a config file changed); the last good ones stay as fallbacks.
    fn reload_configs(&self) {
        let mut c = lock(&self.configs);
        c.by_dir.clear();
        c.loaded.clear();
        lock(&self.checkers).clear();
    }

    fn kind_for(language_id: &str, uri: &Uri, config: &Config) -> Option<DocKind> {
        match language_id {
            "markdown" | "mdx" => return Some(DocKind::Markdown),
            "plaintext" | "text" => return Some(DocKind::Plain),
            _ => {}
        }
        let path = uri.path().to_string();
        let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        config.kind_for_extension(ext)
    }

    /// Check the document's current version off the message loop, and publish if still current.
    fn schedule(&self, uri: Uri) {
        let snapshot = self.docs.with(|m| m.get(&uri).map(|d| (d.rope.clone(), d.version, d.revision, d.kind)));
        let Some((rope, version, revision, Some(kind))) = snapshot else { return };
        let (config, changed) = self.config_for(&uri);
        let checker = self.checker_for(&uri, &config);
        let docs = self.docs.clone();
        let client = self.client.clone();
        let outbox = self.outbox.clone();
        let session = self.session();
        tokio::spawn(async move {
            report_config(&client, session.enc, changed).await;
            // A newer version arrived before this one started: it will be checked instead.
            if docs.with(|m| m.get(&uri).map(|d| d.revision)) != Some(revision) {
                return;
            }
            // Local checks at once, with the link verdicts already known (no request).
            let (cfg, chk, at) = (config.clone(), checker.clone(), uri.clone());
            let local = tokio::task::spawn_blocking(move || {
                let (checked, missing) = local_check(rope.to_string(), kind, &cfg, chk.as_ref(), version, revision);
                let frame = publish_frame(&checked, session, &at);
                (checked, frame, missing)
            })
            .await;
            let Ok((checked, frame, missing)) = local else { return };
            if !store_and_publish(&docs, &outbox, &uri, checked.clone(), frame) || missing.is_empty() {
                return;
            }
            let Some(checker) = checker else { return };
            // Then the links, once the writer pauses; merged only into the same version.
            tokio::time::sleep(LINK_PAUSE).await;
            if docs.with(|m| m.get(&uri).map(|d| d.revision)) != Some(revision) {
                return;
            }
            let verdicts = checker.check(&missing).await;
            if docs.with(|m| m.get(&uri).map(|d| d.revision)) != Some(revision) {
                return;
            }
            let at = uri.clone();
            let merged = tokio::task::spawn_blocking(move || {
                let merged = with_links(&checked, kind, &config, &checker, &verdicts);
                let frame = publish_frame(&merged, session, &at);
                (merged, frame)
            })
            .await;
            let Ok((merged, frame)) = merged else { return };
            store_and_publish(&docs, &outbox, &uri, merged, frame);
            if session.pull && session.refresh {
                let _ = client.workspace_diagnostic_refresh().await;
            }
        });
    }

    /// A config file changed: reload, re-check open drafts, and ask pull clients to re-pull.
    async fn config_changed(&self) {
        self.reload_configs();
        self.recheck_all();
        let session = self.session();
        if session.pull && session.refresh {
            // Re-read now so a broken config is reported even before the client pulls.
            let uris: Vec<Uri> = self.docs.with(|m| m.keys().cloned().collect());
            for uri in uris {
                let (_, changed) = self.config_for(&uri);
                report_config(&self.client, session.enc, changed).await;
            }
            if let Err(e) = self.client.workspace_diagnostic_refresh().await {
                self.client
                    .log_message(MessageType::WARNING, format!("copydesk: diagnostic refresh failed: {e}"))
                    .await;
            }
        }
    }

    /// Re-check every open document under the current config. Each gets a new revision first:
    /// findings still being computed under the old config (a link check waiting on the network)
    /// are then stale and never stored or published after the new ones, and code actions stop
    /// using the old config's findings at once.
    fn recheck_all(&self) {
        let uris: Vec<Uri> = self.docs.with(|m| {
            for d in m.values_mut() {
                d.revision = self.next_revision();
            }
            m.keys().cloned().collect()
        });
        for uri in uris {
            self.schedule(uri);
        }
    }
}

/// Show a broken config file's error on it, or clear it once mended.
/// Local checks plus the link verdicts known without a request. Also returns the URLs still to
/// fetch (empty when link checks are off or everything was known).
fn local_check(
    text: String,
    kind: crate::document::DocKind,
    config: &Config,
    checker: Option<&LinkChecker>,
    version: i32,
    revision: u64,
) -> (Checked, Vec<String>) {
    let doc = crate::document::Document::parse(&text, kind);
    let raw = engine::run_local(&doc, config);
    let mut all = raw.clone();
    let mut missing = Vec::new();
    let mut network_ran = false;
    if let Some(checker) = checker {
        let urls = url_live::urls(&doc);
        let known = checker.cached(&urls);
        missing = urls.into_iter().filter(|u| !known.contains_key(u)).collect();
        missing.dedup();
        all.extend(url_live::diagnostics(&doc, &known));
        network_ran = missing.is_empty();
    }
    let diagnostics = engine::finish(&doc, all, config, network_ran);
    drop(doc);
    (
        Checked { version, revision, text: Arc::new(text), raw: Arc::new(raw), diagnostics: Arc::new(diagnostics) },
        missing,
    )
}

/// The local findings of `checked` with every link verdict now known.
fn with_links(
    checked: &Checked,
    kind: crate::document::DocKind,
    config: &Config,
    checker: &LinkChecker,
    fresh: &HashMap<String, url_live::Verdict>,
) -> Checked {
    let doc = crate::document::Document::parse(&checked.text, kind);
    let urls = url_live::urls(&doc);
    let mut verdicts = checker.cached(&urls);
    verdicts.extend(fresh.iter().map(|(k, v)| (k.clone(), v.clone())));
    let mut all = (*checked.raw).clone();
    all.extend(url_live::diagnostics(&doc, &verdicts));
    let diagnostics = engine::finish(&doc, all, config, true);
    Checked { diagnostics: Arc::new(diagnostics), ..checked.clone() }
}

/// The `textDocument/publishDiagnostics` frame for `checked` (none for a client that pulls).
/// Made on the blocking pool: on a dense draft it is thousands of diagnostics.
fn publish_frame(checked: &Checked, session: Session, uri: &Uri) -> Option<Vec<u8>> {
    if session.pull {
        return None;
    }
    let pos = Positions::new(&checked.text, session.enc);
    let diagnostics = checked.diagnostics.iter().map(|d| convert::diagnostic(d, &pos, uri)).collect();
    diagnostics_frame(uri, diagnostics, Some(checked.version))
}

fn diagnostics_frame(uri: &Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) -> Option<Vec<u8>> {
    let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics, version);
    outbox::notification("textDocument/publishDiagnostics", &params)
}

/// Store findings for their text and publish them (`frame`), if the document still holds that
/// text (its revision, not the client's version number, which a faulty client may repeat). The
/// frame is queued under the store's lock, so publishes leave in the order of the texts they
/// describe, and none follows the empty one sent when the document closes.
fn store_and_publish(docs: &DocStore, outbox: &Outbox, uri: &Uri, checked: Checked, frame: Option<Vec<u8>>) -> bool {
    docs.with(|m| match m.get_mut(uri) {
        Some(d) if d.revision == checked.revision => {
            d.checked = Some(checked);
            if let Some(frame) = frame {
                outbox.publish(uri.as_str(), frame);
            }
            true
        }
        _ => false,
    })
}

async fn report_config(client: &Client, enc: Encoding, changed: Vec<(PathBuf, Option<ConfigError>)>) {
    for (file, err) in changed {
        let Some(uri) = Uri::from_file_path(&file) else { continue };
        let diags = match &err {
            None => Vec::new(),
            Some(e) => {
                // Positions in the client's encoding, from the config text itself.
                let src = std::fs::read_to_string(&file).unwrap_or_default();
                let pos = Positions::new(&src, enc);
                let at = e.offset.unwrap_or(0).min(src.len());
                let end = src[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                vec![Diagnostic {
                    range: pos.range(&(at..end)),
                    severity: Some(DiagnosticSeverity::ERROR),
                    code: Some(NumberOrString::String("config".into())),
                    source: Some("copydesk".into()),
                    message: format!("{}; the last good configuration stays in force", e.message),
                    ..Diagnostic::default()
                }]
            }
        };
        if let Some(e) = &err {
            client.log_message(MessageType::WARNING, format!("copydesk: {e}")).await;
        }
        client.publish_diagnostics(uri, diags, None).await;
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let offered = caps.general.as_ref().and_then(|g| g.position_encodings.clone()).unwrap_or_default();
        let (enc, kind) = if offered.contains(&PositionEncodingKind::UTF8) {
            (Encoding::Utf8, PositionEncodingKind::UTF8)
        } else {
            (Encoding::Utf16, PositionEncodingKind::UTF16)
        };
        let pull = caps.text_document.as_ref().and_then(|t| t.diagnostic.as_ref()).is_some();
        let watch_dynamic = caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        let refresh = caps
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        *lock(&self.session) = Session { enc, pull, watch_dynamic, refresh };
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(kind),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                })),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                    ..CodeActionOptions::default()
                })),
                diagnostic_provider: pull.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("copydesk".into()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    })
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo { name: "copydesk".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.session().watch_dynamic {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!("**/{}", crate::config::FILE_NAME)),
                    kind: None,
                }],
            };
            let registration = Registration {
                id: "copydesk-config".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = self.client.register_capability(vec![registration]).await {
                self.client
                    .log_message(MessageType::WARNING, format!("copydesk: cannot watch config files: {e}"))
                    .await;
            }
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let (config, changed) = self.config_for(&doc.uri);
        let kind = Self::kind_for(&doc.language_id, &doc.uri, &config);
        let mut document = Document::new(&doc.text, doc.version, kind);
        document.revision = self.next_revision();
        self.docs.with(|m| m.insert(doc.uri.clone(), document));
        self.schedule(doc.uri);
        // A config already broken when the first draft under it opens: show it now.
        report_config(&self.client, self.session().enc, changed).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Applied before any `.await`: see the module doc.
        let enc = self.session().enc;
        let uri = params.text_document.uri;
        let revision = self.next_revision();
        let problems = self.docs.with(|m| {
            let Some(d) = m.get_mut(&uri) else { return Err(()) };
            let mut problems = Vec::new();
            for change in &params.content_changes {
                problems.extend(d.apply(change, enc));
            }
            // Versions must increase; one that does not is applied all the same (the text is
            // what the client sent) and logged. Findings follow `revision`, so none go stale.
            let stale = (params.text_document.version <= d.version).then_some(d.version);
            d.version = params.text_document.version;
            d.revision = revision;
            Ok((problems, stale))
        });
        match problems {
            Err(()) => {
                self.client
                    .log_message(
                        MessageType::WARNING,
                        format!("copydesk: change for a document that is not open: {}", uri.as_str()),
                    )
                    .await;
            }
            Ok((problems, stale)) => {
                self.schedule(uri.clone());
                if let Some(had) = stale {
                    self.client
                        .log_message(
                            MessageType::WARNING,
                            format!(
                                "copydesk: {}: version {} after version {had} (versions must increase); applied",
                                uri.as_str(),
                                params.text_document.version
                            ),
                        )
                        .await;
                }
                if !problems.is_empty() {
                    self.client
                        .log_message(
                            MessageType::WARNING,
                            format!("copydesk: {}: edit out of range, clamped: {problems:?}", uri.as_str()),
                        )
                        .await;
                }
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        // Cleared through the outbox under the store's lock, after any publish for this document.
        let pull = self.session().pull;
        self.docs.with(|m| {
            m.remove(&uri);
            if let Some(frame) = diagnostics_frame(&uri, Vec::new(), None).filter(|_| !pull) {
                self.outbox.publish(uri.as_str(), frame);
            }
        });
    }

    async fn did_change_configuration(&self, _: DidChangeConfigurationParams) {
        self.config_changed().await;
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        self.config_changed().await;
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let enc = self.session().enc;
        let Some((checked, _)) = self.current(&uri).await? else { return Ok(None) };
        let pos = Positions::new(&checked.text, enc);
        let mut actions = Vec::new();
        for d in checked.diagnostics.iter() {
            let range = pos.range(&d.range);
            if !convert::overlaps(&range, &params.range) {
                continue;
            }
            let lsp_diag = convert::diagnostic(d, &pos, &uri);
            let preferred = d.fixes.iter().position(|f| f.safe).unwrap_or(0);
            for (i, fix) in d.fixes.iter().enumerate() {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag.clone()]),
                    edit: Some(convert::workspace_edit(&uri, convert::text_edits(&fix.edits, &pos))),
                    is_preferred: Some(i == preferred),
                    ..CodeAction::default()
                }));
            }
            let edit = crate::suppress::disable_next_line(&checked.text, d.range.start, d.rule, "reason");
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Disable {} for this line", d.rule),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diag]),
                edit: Some(convert::workspace_edit(&uri, convert::text_edits(&[edit], &pos))),
                is_preferred: Some(false),
                ..CodeAction::default()
            }));
        }
        Ok(Some(actions))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params.text_document_position_params.text_document.uri;
        let at = params.text_document_position_params.position;
        let enc = self.session().enc;
        let Some((checked, kind)) = self.current(&uri).await? else { return Ok(None) };
        let (config, _) = self.config_for(&uri);
        let hover = tokio::task::spawn_blocking(move || {
            let pos = Positions::new(&checked.text, enc);
            let offset = pos.offset(at);
            let mut parts = Vec::new();
            let mut range = None;
            for d in checked.diagnostics.iter().filter(|d| d.range.start <= offset && offset <= d.range.end) {
                let link = convert::rule_doc_uri(d.rule).map(|u| format!(" ([{}]({}))", d.rule, u.as_str()));
                parts.push(format!("**{}**: {}{}", d.severity, d.message, link.unwrap_or_default()));
                range.get_or_insert(pos.range(&d.range));
            }
            let doc = crate::document::Document::parse(&checked.text, kind);
            let analysis = crate::quotes::analyze(&doc, &config.quotes);
            if let Some(q) = crate::quotes::quote_at(&analysis, offset) {
                parts.push(q.explain(&checked.text));
                range.get_or_insert(pos.range(&q.range));
            }
            (!parts.is_empty()).then(|| Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: parts.join("\n\n---\n\n"),
                }),
                range,
            })
        })
        .await
        .map_err(|_| tower_lsp_server::jsonrpc::Error::internal_error())?;
        Ok(hover)
    }

    /// The sources quoted in the draft (`copydesk sources`), each with its quotations.
    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        let enc = self.session().enc;
        let snapshot = self.docs.with(|m| m.get(&uri).and_then(|d| Some((d.rope.clone(), d.kind?))));
        let Some((rope, kind)) = snapshot else { return Ok(None) };
        let (config, _) = self.config_for(&uri);
        let symbols = tokio::task::spawn_blocking(move || {
            let text = rope.to_string();
            let doc = crate::document::Document::parse(&text, kind);
            let pos = Positions::new(&text, enc);
            crate::quotes::sources(&doc, &config)
                .into_iter()
                .map(|s| {
                    let quotes: Vec<DocumentSymbol> = s
                        .quotes
                        .iter()
                        .map(|q| {
                            let words: Vec<&str> = text[q.clone()].split_whitespace().collect();
                            let mut name = words.iter().take(8).copied().collect::<Vec<_>>().join(" ");
                            if words.len() > 8 {
                                name.push('…');
                            }
                            #[allow(deprecated)]
                            DocumentSymbol {
                                name: if name.is_empty() { "(quotation)".into() } else { name },
                                detail: None,
                                kind: SymbolKind::STRING,
                                tags: None,
                                deprecated: None,
                                range: pos.range(q),
                                selection_range: pos.range(q),
                                children: None,
                            }
                        })
                        .collect();
                    let n = quotes.len();
                    #[allow(deprecated)]
                    DocumentSymbol {
                        name: s.speaker.clone(),
                        detail: Some(format!(
                            "{n} quotation{} · first reference: {}",
                            if n == 1 { "" } else { "s" },
                            s.first_reference
                        )),
                        kind: SymbolKind::OBJECT,
                        tags: None,
                        deprecated: None,
                        range: pos.range(&s.first_reference_range),
                        selection_range: pos.range(&s.first_reference_range),
                        children: Some(quotes),
                    }
                })
                .collect::<Vec<_>>()
        })
        .await
        .map_err(|_| tower_lsp_server::jsonrpc::Error::internal_error())?;
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let enc = self.session().enc;
        let snapshot = self.docs.with(|m| m.get(&uri).map(|d| (d.rope.clone(), d.version, d.revision, d.kind)));
        let items = match snapshot {
            Some((rope, version, revision, Some(kind))) => {
                let (config, changed) = self.config_for(&uri);
                report_config(&self.client, enc, changed).await;
                let checker = self.checker_for(&uri, &config);
                let checked = tokio::task::spawn_blocking(move || {
                    local_check(rope.to_string(), kind, &config, checker.as_ref(), version, revision).0
                })
                .await
                .map_err(|_| tower_lsp_server::jsonrpc::Error::internal_error())?;
                self.docs.with(|m| {
                    if let Some(d) = m.get_mut(&uri)
                        && d.revision == revision
                    {
                        d.checked = Some(checked.clone());
                    }
                });
                let pos = Positions::new(&checked.text, enc);
                checked.diagnostics.iter().map(|d| convert::diagnostic(d, &pos, &uri)).collect()
            }
            _ => Vec::new(),
        };
        Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
            },
        )))
    }
}
