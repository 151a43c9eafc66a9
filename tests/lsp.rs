//! The language server, in process: a real JSON-RPC client over an in-memory duplex pipe (the
//! typos-lsp way), speaking the wire protocol byte for byte.

use std::time::Duration;

use copydesk::position::{Encoding, LineIndex};
use copydesk::{Config, DocKind, engine};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf};

struct Client {
    tx: WriteHalf<DuplexStream>,
    rx: BufReader<ReadHalf<DuplexStream>>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    notes: Vec<Value>,
    server: tokio::task::JoinHandle<()>,
}

const TIMEOUT: Duration = Duration::from_secs(20);

impl Client {
    fn start() -> Client {
        // Offline: these tests never leave the machine (the link test starts its own server).
        Client::start_with(true)
    }

    fn start_with(offline: bool) -> Client {
        let (client, server) = tokio::io::duplex(1 << 22);
        let (sr, sw) = tokio::io::split(server);
        let server = tokio::spawn(copydesk::lsp::serve_with(sr, sw, offline));
        let (rx, tx) = tokio::io::split(client);
        Client { tx, rx: BufReader::new(rx), next_id: 1, notes: Vec::new(), server }
    }

    async fn send_raw(&mut self, body: &[u8]) {
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        self.tx.write_all(header.as_bytes()).await.unwrap();
        self.tx.write_all(body).await.unwrap();
        self.tx.flush().await.unwrap();
    }

    async fn send(&mut self, v: Value) {
        self.send_raw(v.to_string().as_bytes()).await;
    }

    async fn recv(&mut self) -> Value {
        tokio::time::timeout(TIMEOUT, async {
            let mut len = 0usize;
            loop {
                let mut line = String::new();
                self.rx.read_line(&mut line).await.unwrap();
                assert!(!line.is_empty(), "server closed the stream");
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    len = v.parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            self.rx.read_exact(&mut body).await.unwrap();
            serde_json::from_slice(&body).unwrap()
        })
        .await
        .expect("timed out waiting for the server")
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params})).await;
    }

    /// Send a request and return its response (answering the server's own requests meanwhile).
    async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})).await;
        self.response(id).await
    }

    async fn response(&mut self, id: i64) -> Value {
        loop {
            let msg = self.recv().await;
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return msg;
            }
            self.handle_other(msg).await;
        }
    }

    async fn handle_other(&mut self, msg: Value) {
        if msg.get("method").is_some() && msg.get("id").is_some() {
            // A request from the server (registerCapability): accept it.
            let id = msg["id"].clone();
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": null})).await;
        } else {
            self.notes.push(msg);
        }
    }

    /// Wait for `publishDiagnostics` for `uri` at `version`.
    async fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        loop {
            if let Some(i) = self.notes.iter().position(|n| {
                n["method"] == "textDocument/publishDiagnostics"
                    && n["params"]["uri"] == uri
                    && version.is_none_or(|v| n["params"]["version"] == v)
            }) {
                let n = self.notes.remove(i);
                return n["params"]["diagnostics"].as_array().unwrap().clone();
            }
            let msg = self.recv().await;
            self.handle_other(msg).await;
        }
    }

    async fn initialize(&mut self, capabilities: Value) -> Value {
        let r =
            self.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": capabilities})).await;
        self.notify("initialized", json!({})).await;
        r
    }

    async fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        )
        .await;
    }

    async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    async fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null).await;
        assert_eq!(r["result"], Value::Null);
        self.notify("exit", Value::Null).await;
        tokio::time::timeout(TIMEOUT, self.server).await.expect("server exits after exit").unwrap();
    }
}

fn utf8_caps() -> Value {
    json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}})
}

const URI: &str = "untitled:draft.md";

/// A malformed URL after curly quotes and an emoji.
const DRAFT: &str = "“Quoted” — 😀 see htps://example.org/a today.\n";

fn range(d: &Value) -> (u64, u64, u64, u64) {
    let r = &d["range"];
    (
        r["start"]["line"].as_u64().unwrap(),
        r["start"]["character"].as_u64().unwrap(),
        r["end"]["line"].as_u64().unwrap(),
        r["end"]["character"].as_u64().unwrap(),
    )
}

#[tokio::test]
async fn negotiates_utf8_when_offered_else_utf16() {
    let mut c = Client::start();
    let r = c.initialize(utf8_caps()).await;
    assert_eq!(r["result"]["capabilities"]["positionEncoding"], "utf-8");
    c.open(URI, "markdown", DRAFT).await;
    let d = c.diagnostics(URI, Some(1)).await;
    // “(3) Quoted(6) ”(3) space —(3) space 😀(4) " see " = 26 bytes before the URL.
    assert_eq!(range(&d[0]).1, 26);
    c.shutdown().await;

    let mut c = Client::start();
    let r = c.initialize(json!({})).await;
    assert_eq!(r["result"]["capabilities"]["positionEncoding"], "utf-16");
    c.open(URI, "markdown", DRAFT).await;
    let d = c.diagnostics(URI, Some(1)).await;
    // UTF-16: 1 + 6 + 1 + 1 + 1 + 1 + 2 + 5 = 18.
    assert_eq!(range(&d[0]).1, 18);
    assert_eq!(d[0]["code"], "url/malformed");
    assert_eq!(d[0]["source"], "copydesk");
    assert!(d[0]["codeDescription"]["href"].as_str().unwrap().ends_with("README.md#url-malformed"));
    c.shutdown().await;
}

#[tokio::test]
async fn incremental_edits_inside_curly_quotes_and_emoji_move_the_findings() {
    let mut c = Client::start();
    c.initialize(json!({})).await;
    c.open(URI, "markdown", DRAFT).await;
    assert_eq!(range(&c.diagnostics(URI, Some(1)).await[0]).1, 18);
    // Insert inside the quotation (between “ and Q: UTF-16 column 1), and after the emoji.
    c.change(URI, 2, json!([{"range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}}, "text": "Well, "}]))
        .await;
    assert_eq!(range(&c.diagnostics(URI, Some(2)).await[0]).1, 24);
    c.change(
        URI,
        3,
        json!([{"range": {"start": {"line": 0, "character": 19}, "end": {"line": 0, "character": 19}}, "text": "👍🏽"}]),
    )
    .await;
    assert_eq!(range(&c.diagnostics(URI, Some(3)).await[0]).1, 28);
    // Fix the scheme by an edit: the finding goes.
    c.change(URI, 4, json!([{"range": {"start": {"line": 0, "character": 28}, "end": {"line": 0, "character": 32}}, "text": "https"}]))
        .await;
    assert!(c.diagnostics(URI, Some(4)).await.is_empty());
    c.shutdown().await;
}

#[tokio::test]
async fn code_actions_offer_the_fixes_and_a_suppression() {
    let mut c = Client::start();
    c.initialize(utf8_caps()).await;
    let text = "Minutes:\nhttps://example.org/council/minutes-of-the-\nspecial-session\n";
    c.open(URI, "markdown", text).await;
    let d = c.diagnostics(URI, Some(1)).await;
    assert_eq!(d.len(), 1);
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": d[0]["range"], "context": {"diagnostics": d}}),
        )
        .await;
    let actions = r["result"].as_array().unwrap();
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Rejoin the URL", "Disable url/malformed for this line"]);
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["kind"], "quickfix");
    // Apply the fix as the client would, send it back, and the finding is gone.
    let edit = &actions[0]["edit"]["changes"][URI][0];
    assert_eq!(edit["range"]["start"], json!({"line": 1, "character": 43}));
    assert_eq!(edit["range"]["end"], json!({"line": 2, "character": 0}));
    c.change(URI, 2, json!([{"range": edit["range"], "text": edit["newText"]}])).await;
    assert!(c.diagnostics(URI, Some(2)).await.is_empty());
    c.shutdown().await;
}

#[tokio::test]
async fn bad_input_never_kills_the_server() {
    let mut c = Client::start();
    // A request before initialize is refused.
    let r = c
        .request("textDocument/hover", json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}))
        .await;
    assert_eq!(r["error"]["code"], -32002);
    c.initialize(json!({})).await;
    // Malformed JSON, a body that is not JSON-RPC and a frame with no length are dropped (with a
    // line on stderr); the server keeps serving.
    c.send_raw(b"{this is not json").await;
    c.send_raw(b"{}").await;
    c.tx.write_all(b"Content-Type: nonsense\r\n\r\n").await.unwrap();
    // Wrong types get an invalid-params error.
    let r = c.request("textDocument/codeAction", json!({"textDocument": 7})).await;
    assert_eq!(r["error"]["code"], -32602);
    // An unknown method gets method-not-found.
    let r = c.request("copydesk/nonsense", json!({})).await;
    assert_eq!(r["error"]["code"], -32601);
    // Edits to a document never opened, and out-of-range edits, are logged, not fatal.
    c.change("untitled:never.md", 2, json!([{"text": "x"}])).await;
    c.open(URI, "markdown", "ab\n").await;
    c.diagnostics(URI, Some(1)).await;
    c.change(URI, 2, json!([{"range": {"start": {"line": 0, "character": 99}, "end": {"line": 40, "character": 3}}, "text": " htps://example.org/x"}]))
        .await;
    let d = c.diagnostics(URI, Some(2)).await;
    assert_eq!(d.len(), 1, "the clamped edit was applied at the end: {d:?}");
    // Still serving.
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": d[0]["range"], "context": {"diagnostics": []}}),
        )
        .await;
    assert!(r["result"].is_array());
    c.shutdown().await;
}

#[tokio::test]
async fn pull_diagnostics_when_the_client_asks_for_them() {
    let mut c = Client::start();
    let r = c.initialize(json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}})).await;
    assert_eq!(r["result"]["capabilities"]["diagnosticProvider"]["identifier"], "copydesk");
    c.open(URI, "markdown", DRAFT).await;
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}})).await;
    assert_eq!(r["result"]["kind"], "full");
    assert_eq!(r["result"]["items"][0]["code"], "url/malformed");
    c.shutdown().await;
}

#[tokio::test]
async fn config_changes_take_effect_and_a_broken_config_keeps_the_last_good_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let config = dir.path().join("copydesk.toml");
    std::fs::write(&config, "[rules]\n\"url/malformed\" = \"error\"\n").unwrap();
    let draft = dir.path().join("story.md");
    let uri = tower_lsp_server::ls_types::Uri::from_file_path(&draft).unwrap().as_str().to_string();
    let config_uri = tower_lsp_server::ls_types::Uri::from_file_path(&config).unwrap().as_str().to_string();

    let mut c = Client::start();
    c.initialize(json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}})).await;
    c.open(&uri, "markdown", DRAFT).await;
    assert_eq!(c.diagnostics(&uri, Some(1)).await[0]["severity"], 1);

    // Break the config: the error shows on the config file, the last good config stays.
    std::fs::write(&config, "[rules]\n\"url/malformed\" = \"loud\"\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": config_uri, "type": 2}]})).await;
    let cd = c.diagnostics(&config_uri, None).await;
    assert_eq!(cd.len(), 1);
    assert_eq!(cd[0]["range"]["start"]["line"], 1);
    assert!(cd[0]["message"].as_str().unwrap().contains("'loud' is not a severity"), "{cd:?}");
    assert_eq!(c.diagnostics(&uri, Some(1)).await[0]["severity"], 1);

    // Mend it: the new setting applies and the config diagnostic clears.
    std::fs::write(&config, "[rules]\n\"url/malformed\" = \"hint\"\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": config_uri, "type": 2}]})).await;
    assert!(c.diagnostics(&config_uri, None).await.is_empty());
    assert_eq!(c.diagnostics(&uri, Some(1)).await[0]["severity"], 4);
    c.shutdown().await;
}

/// The client's own model of the text: apply a UTF-16 range edit to a String.
fn apply_utf16(text: &mut String, l1: u32, c1: u32, l2: u32, c2: u32, new: &str) {
    let idx = LineIndex::new(text);
    let a = idx.offset_clamped(text, copydesk::position::LineCol { line: l1, col: c1 }, Encoding::Utf16);
    let b = idx.offset_clamped(text, copydesk::position::LineCol { line: l2, col: c2 }, Encoding::Utf16);
    // A reversed range is invalid: the server treats it as empty at its start.
    text.replace_range(a..b.max(a), new);
}

/// Random edit sequences through the server give the same findings as checking the final text.
#[tokio::test]
async fn random_edits_match_a_check_from_scratch() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config as PConfig, TestRunner};
    let pieces =
        ["a", " ", "“", "”", "’", "—", "😀", "\n", "\r\n", "htps://x.org/", "https://", "www.", "(", ")", "\"", "said"];
    let edit =
        (0u32..6, 0u32..30, 0u32..6, 0u32..30, prop::collection::vec(prop::sample::select(pieces.to_vec()), 0..6));
    use proptest::strategy::ValueTree;
    let mut runner = TestRunner::new(PConfig::default());
    let strategy = prop::collection::vec(edit, 1..25);
    let cases: Vec<_> = (0..24).map(|_| strategy.new_tree(&mut runner).unwrap().current()).collect();
    for (n, edits) in cases.into_iter().enumerate() {
        let uri = format!("untitled:fuzz{n}.md");
        let mut c = Client::start();
        c.initialize(json!({})).await;
        let mut text = String::from("Start “here” — 😀\nhttps://example.org/a-\nb\n");
        c.open(&uri, "markdown", &text).await;
        let mut version = 1;
        for (l1, c1, l2, c2, new) in edits {
            version += 1;
            let new = new.concat();
            apply_utf16(&mut text, l1, c1, l2, c2, &new);
            c.change(
                &uri,
                version,
                json!([{"range": {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}, "text": new}]),
            )
            .await;
        }
        let got = c.diagnostics(&uri, Some(version)).await;
        let want = engine::check(&text, DocKind::Markdown, &Config::default());
        let idx = LineIndex::new(&text);
        let want: Vec<(u32, u32, String)> = want
            .iter()
            .map(|d| {
                let p = idx.line_col(&text, d.range.start, Encoding::Utf16);
                (p.line, p.col, d.rule.to_string())
            })
            .collect();
        let got: Vec<(u32, u32, String)> = got
            .iter()
            .map(|d| {
                (
                    d["range"]["start"]["line"].as_u64().unwrap() as u32,
                    d["range"]["start"]["character"].as_u64().unwrap() as u32,
                    d["code"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(got, want, "text after the edits: {text:?}");
        c.shutdown().await;
    }
}

#[tokio::test]
async fn hover_explains_attribution_and_findings() {
    let mut c = Client::start();
    let r = c.initialize(json!({})).await;
    assert_eq!(r["result"]["capabilities"]["hoverProvider"], true);
    let text = "“We will rebuild the bridge by spring,” Mayor Ana Ruiz said on Monday.\n\nSee htps://example.org/a.\n";
    c.open(URI, "markdown", text).await;
    c.diagnostics(URI, Some(1)).await;
    let hover = |line: u32, character: u32| json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}});
    let r = c.request("textDocument/hover", hover(0, 5)).await;
    let value = r["result"]["contents"]["value"].as_str().unwrap().to_string();
    assert!(value.contains("Quotation attributed to") && value.contains("Ruiz") && value.contains("said"), "{value}");
    let r = c.request("textDocument/hover", hover(2, 6)).await;
    let value = r["result"]["contents"]["value"].as_str().unwrap().to_string();
    assert!(value.contains("**warning**") && value.contains("url/malformed"), "{value}");
    let r = c.request("textDocument/hover", hover(0, 60)).await;
    assert_eq!(r["result"], Value::Null, "nothing to say outside quotes and findings");
    c.shutdown().await;
}

#[tokio::test]
async fn document_symbols_list_the_sources_quoted() {
    let mut c = Client::start();
    let r = c.initialize(json!({})).await;
    assert_eq!(r["result"]["capabilities"]["documentSymbolProvider"], true);
    let text = "“We will rebuild the bridge by spring,” Mayor Ana Ruiz said on Monday.\n\n\
                “The money is already in the budget for it,” Ruiz added.\n\n\
                “Nobody asked the people who cross it every day,” said Tom Hale, a ferry captain.\n";
    c.open(URI, "markdown", text).await;
    c.diagnostics(URI, Some(1)).await;
    let r = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": URI}})).await;
    let symbols = r["result"].as_array().unwrap();
    let names: Vec<&str> = symbols.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Ruiz", "Hale"]);
    assert_eq!(symbols[0]["children"].as_array().unwrap().len(), 2);
    assert!(symbols[0]["detail"].as_str().unwrap().contains("first reference: Mayor Ana Ruiz"), "{symbols:?}");
    assert_eq!(symbols[1]["children"][0]["name"], "“Nobody asked the people who cross it every…");
    c.shutdown().await;
}

#[path = "common/http.rs"]
mod http;

/// Local findings publish at once; link verdicts merge in later, for the same version.
#[tokio::test]
async fn link_verdicts_merge_in_after_the_local_findings() {
    let server = http::TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "[links]\nallow_private = true\n").unwrap();
    let uri =
        tower_lsp_server::ls_types::Uri::from_file_path(dir.path().join("story.md")).unwrap().as_str().to_string();
    let text = format!("See htps://example.org/a and {} and {}.\n", server.url("/gone"), server.url("/ok"));
    let mut c = Client::start_with(false);
    c.initialize(json!({})).await;
    c.open(&uri, "markdown", &text).await;
    let first = c.diagnostics(&uri, Some(1)).await;
    let rules = |d: &[Value]| d.iter().map(|d| d["code"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(rules(&first), ["url/malformed"], "local findings first, without waiting for the network");
    let second = c.diagnostics(&uri, Some(1)).await;
    assert_eq!(rules(&second), ["url/malformed", "url/dead"]);
    assert_eq!(second[1]["severity"], 1);
    let requests = server.count();
    assert_eq!(requests, 2, "one request per unique URL");
    c.shutdown().await;
}

/// A URL typed character by character is fetched once, complete, after the writer pauses: not
/// once per prefix.
#[tokio::test]
async fn a_url_typed_character_by_character_is_fetched_once() {
    let server = http::TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "[links]\nallow_private = true\n").unwrap();
    let uri =
        tower_lsp_server::ls_types::Uri::from_file_path(dir.path().join("story.md")).unwrap().as_str().to_string();
    let mut c = Client::start_with(false);
    c.initialize(json!({})).await;
    c.open(&uri, "markdown", "See \n").await;
    let url = server.url("/ok");
    let mut version = 1;
    for (i, ch) in url.char_indices() {
        version += 1;
        let col = 4 + i as u32;
        let range = json!({"start": {"line": 0, "character": col}, "end": {"line": 0, "character": col}});
        c.change(&uri, version, json!([{"range": range, "text": ch.to_string()}])).await;
    }
    // Local findings for the last version, then the merged ones once the pause has passed.
    c.diagnostics(&uri, Some(version)).await;
    c.diagnostics(&uri, Some(version)).await;
    assert_eq!(server.count(), 1, "only the complete URL is requested, once");
    c.shutdown().await;
}
