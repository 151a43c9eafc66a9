//! The real `copydesk lsp` binary over stdio, fed what a broken or hostile client sends: raw
//! frames with bad lengths, bodies that are not JSON or not JSON-RPC, wrong parameter types,
//! requests before `initialize`, unknown methods, versions out of order, edits to documents never
//! opened and positions out of range. After each, the server must answer what was a request with
//! a JSON-RPC error and keep serving, which every test proves with a later request that gets a
//! correct answer. A client that dies mid-stream must leave a server that exits, quietly.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Generous: a debug build on a busy machine.
const TIMEOUT: Duration = Duration::from_secs(30);

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    stderr: Arc<Mutex<String>>,
    stderr_thread: Option<JoinHandle<()>>,
    next_id: i64,
    /// Messages received while waiting for something else.
    seen: Vec<Value>,
    /// The client pulls diagnostics (none are pushed).
    pull: bool,
}

impl Server {
    fn start() -> Server {
        Server::start_with(true)
    }

    /// `read_stdout`: false leaves the server's stdout to the caller (to close it).
    fn start_with(read_stdout: bool) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("lsp")
            .env("COPYDESK_OFFLINE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, rx) = channel();
        let stdout = child.stdout.take().unwrap();
        if read_stdout {
            std::thread::spawn(move || {
                let mut r = BufReader::new(stdout);
                while let Some(msg) = read_frame(&mut r) {
                    if tx.send(msg).is_err() {
                        return;
                    }
                }
            });
        } else {
            drop(tx);
            // Close our end of the server's stdout at once: every write it makes fails.
            drop(stdout);
        }
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        let stderr_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    return;
                }
                sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Server {
            stdin: child.stdin.take(),
            child,
            rx,
            stderr,
            stderr_thread: Some(stderr_thread),
            next_id: 1,
            seen: Vec::new(),
            pull: false,
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// One frame with a correct header.
    fn frame(&mut self, body: &[u8]) {
        let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        bytes.extend_from_slice(body);
        self.write(&bytes);
    }

    fn send(&mut self, v: Value) {
        self.frame(v.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    fn recv(&mut self) -> Value {
        match self.rx.recv_timeout(TIMEOUT) {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => {
                panic!("no message from the server in {TIMEOUT:?}; stderr: {}", self.stderr())
            }
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output; stderr: {}", self.stderr()),
        }
    }

    fn response(&mut self, id: i64) -> Value {
        if let Some(i) = self.seen.iter().position(|m| is_response_to(m, &json!(id))) {
            return self.seen.remove(i);
        }
        loop {
            let msg = self.recv();
            if is_response_to(&msg, &json!(id)) {
                return msg;
            }
            self.other(msg);
        }
    }

    fn other(&mut self, msg: Value) {
        if msg.get("method").is_some() && msg.get("id").is_some() {
            // A request from the server (registerCapability): accept it.
            let id = msg["id"].clone();
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
        } else {
            self.seen.push(msg);
        }
    }

    /// The next `publishDiagnostics` for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let matches = |n: &Value| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["uri"] == uri
                && n["params"]["version"] == version
        };
        loop {
            if let Some(i) = self.seen.iter().position(matches) {
                let n = self.seen.remove(i);
                return n["params"]["diagnostics"].as_array().unwrap().clone();
            }
            let msg = self.recv();
            self.other(msg);
        }
    }

    fn initialize(&mut self) -> Value {
        let r = self.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": {}}));
        self.notify("initialized", json!({}));
        r
    }

    fn open(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// Proof of life: a fresh document gets its findings.
    fn assert_serving(&mut self, n: u32) {
        let uri = format!("untitled:alive-{n}.md");
        self.open(&uri, 1, "See htps://example.org/a.\n");
        let d = if self.pull {
            let r = self.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}}));
            r["result"]["items"].as_array().unwrap().clone()
        } else {
            self.diagnostics(&uri, 1)
        };
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0]["code"], "url/malformed");
        let r = self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 6}}),
        );
        assert!(r["result"]["contents"]["value"].as_str().unwrap_or("").contains("url/malformed"), "{r}");
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Wait for the process to exit; its exit status and everything it wrote on stderr.
    fn wait_exit(mut self, within: Duration) -> (std::process::ExitStatus, String) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                if let Some(t) = self.stderr_thread.take() {
                    let _ = t.join();
                }
                return (status, self.stderr());
            }
            if start.elapsed() > within {
                let _ = self.child.kill();
                panic!("the server did not exit within {within:?}; stderr: {}", self.stderr());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn shutdown(mut self) -> String {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        let (status, stderr) = self.wait_exit(TIMEOUT);
        assert!(status.success(), "{status:?}: {stderr}");
        assert_no_panic(&stderr);
        stderr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_response_to(msg: &Value, id: &Value) -> bool {
    msg.get("id") == Some(id) && msg.get("method").is_none()
}

/// One frame from the server; `None` at the end of its output.
fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = Some(v.parse::<usize>().expect("the server's own Content-Length is a number"));
        }
    }
    let mut body = vec![0; len.expect("the server sends Content-Length")];
    r.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server sends JSON"))
}

#[track_caller]
fn assert_no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "panic text on stderr: {stderr}");
}

#[track_caller]
fn assert_error(r: &Value, code: i64) {
    assert_eq!(r["error"]["code"], code, "expected error {code}: {r}");
    assert!(r["error"]["message"].is_string(), "{r}");
    assert!(r.get("result").is_none(), "{r}");
    assert_eq!(r["jsonrpc"], "2.0");
}

// ---------------------------------------------------------------------------------------------

#[test]
fn requests_before_initialize_get_not_initialized_and_notifications_are_ignored() {
    let mut s = Server::start();
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "untitled:x.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_error(&r, -32002);
    let r = s.request("shutdown", Value::Null);
    assert_error(&r, -32002);
    // A document opened before initialize is not opened.
    s.open("untitled:early.md", 1, "See htps://example.org/a.\n");
    // An initialize with parameters of the wrong type fails, and a good one may follow.
    let r = s.request("initialize", json!({"capabilities": "all of them"}));
    assert_error(&r, -32602);
    let r = s.initialize();
    assert!(r["result"]["capabilities"].is_object(), "{r}");
    // A second initialize is refused.
    let r = s.request("initialize", json!({"capabilities": {}}));
    assert_error(&r, -32600);
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "untitled:early.md"}, "position": {"line": 0, "character": 6}}),
    );
    assert_eq!(r["result"], Value::Null, "the early document was never opened: {r}");
    s.assert_serving(1);
    s.shutdown();
}

#[test]
fn malformed_frames_are_dropped_and_the_server_keeps_serving() {
    let mut s = Server::start();
    s.initialize();
    // Not JSON.
    s.frame(b"{this is not json");
    // JSON, but not JSON-RPC and no id: nothing to answer.
    s.frame(b"{}");
    s.frame(b"[1, 2, 3]");
    s.frame("\"just a string with “curly quotes” and 😀\"".as_bytes());
    // A frame with no Content-Length at all, body and all.
    s.write(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}");
    // A Content-Length that is not a number, negative, or beyond any sane size.
    s.write(b"Content-Length: twelve\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"$/a\"}");
    s.write(b"Content-Length: -5\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"$/b\"}");
    s.write(b"Content-Length: 99999999999999999999\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"$/c\"}");
    // Garbage between frames, with and without line ends, and an over-long header line.
    s.write(b"\r\n\r\nGET / HTTP/1.1\r\nHost: nowhere\r\n\r\n");
    s.write(&vec![b'x'; 100_000]);
    s.write(b"\r\n");
    // Each of the frames above would have killed the protocol library's reader: still serving?
    s.assert_serving(1);
    // A frame whose length is too short: its tail runs into the next frame's header. Only the
    // frame after it may be lost (a notification here); the request after that is answered.
    s.write(b"Content-Length: 10\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"$/cut-short\"}");
    s.notify("$/sacrifice", json!({}));
    s.assert_serving(2);
    // A frame whose length is too long swallows the start of the next one.
    let body = br#"{"jsonrpc":"2.0","method":"$/too-long"}"#;
    s.write(format!("Content-Length: {}\r\n\r\n", body.len() + 30).as_bytes());
    s.write(body);
    s.notify("$/sacrifice", json!({"padding": "................................................"}));
    s.assert_serving(3);
    // Lower-case header names and extra headers are fine.
    let body = json!({"jsonrpc": "2.0", "id": 900, "method": "textDocument/hover", "params": {"textDocument": {"uri": "untitled:alive-1.md"}, "position": {"line": 0, "character": 6}}}).to_string();
    s.write(
        format!(
            "content-length:{}\r\ncontent-type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
    let r = s.response(900);
    assert!(r["result"]["contents"]["value"].as_str().unwrap().contains("url/malformed"), "{r}");
    let stderr = s.shutdown();
    assert!(stderr.contains("dropped a message"), "drops are logged: {stderr}");
}

#[test]
fn invalid_requests_get_an_error_with_their_id() {
    let mut s = Server::start();
    s.initialize();
    // A request with an id that is not valid JSON-RPC: a method that is not a string, no
    // "jsonrpc" member, a wrong version. Each is answered so the client is not left waiting.
    s.send(json!({"jsonrpc": "2.0", "id": 501, "method": 42}));
    assert_error(&s.response(501), -32600);
    s.send(json!({"id": 502, "method": "textDocument/hover", "params": {}}));
    assert_error(&s.response(502), -32600);
    s.send(json!({"jsonrpc": "1.0", "id": "five-oh-three", "method": "shutdown"}));
    let r = loop {
        let m = s.recv();
        if m.get("id") == Some(&json!("five-oh-three")) {
            break m;
        }
        s.other(m);
    };
    assert_error(&r, -32600);
    s.assert_serving(1);
    s.shutdown();
}

#[test]
fn wrong_param_types_get_invalid_params() {
    let mut s = Server::start();
    s.initialize();
    for (method, params) in [
        ("textDocument/codeAction", json!({"textDocument": 7})),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": "untitled:a.md"}, "position": {"line": "zero", "character": 0}}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": "untitled:a.md"}, "position": {"line": -1, "character": 0}}),
        ),
        ("textDocument/documentSymbol", json!([1, 2])),
        ("textDocument/documentSymbol", json!(null)),
        ("textDocument/diagnostic", json!("text")),
    ] {
        let r = s.request(method, params.clone());
        assert_error(&r, -32602);
    }
    // Notifications with wrong types cannot be answered; they are dropped, and nothing breaks.
    s.notify("textDocument/didOpen", json!({"textDocument": {"uri": 5, "text": null}}));
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "untitled:a.md", "version": "two"}, "contentChanges": {}}),
    );
    s.notify("textDocument/didClose", json!([]));
    s.assert_serving(1);
    s.shutdown();
}

#[test]
fn unknown_methods_answer_method_not_found_and_unknown_notifications_are_ignored() {
    let mut s = Server::start();
    s.initialize();
    let r = s.request("copydesk/nonsense", json!({}));
    assert_error(&r, -32601);
    let r = s.request("$/unknownRequest", json!({}));
    assert_error(&r, -32601);
    // Notifications get no answer: the next message after them is the answer to the request.
    s.notify("copydesk/whatever", json!({"a": 1}));
    s.notify("$/setTrace", json!({"value": "verbose"}));
    s.notify("$/cancelRequest", json!({"id": 12345}));
    let id = s.send_request("shutdown", Value::Null);
    let first = s.recv();
    assert!(is_response_to(&first, &json!(id)), "an unknown notification was answered: {first}");
    assert_eq!(first["result"], Value::Null);
    s.notify("exit", Value::Null);
    let (status, stderr) = s.wait_exit(TIMEOUT);
    assert!(status.success());
    assert_no_panic(&stderr);
}

#[test]
fn changes_to_documents_never_opened_and_out_of_range_edits_are_survived() {
    let mut s = Server::start();
    s.initialize();
    s.change("untitled:never.md", 2, json!([{"text": "x"}]));
    s.change(
        "untitled:never.md",
        3,
        json!([{"range": {"start": {"line": 4_000_000_000u64, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]),
    );
    s.notify("textDocument/didClose", json!({"textDocument": {"uri": "untitled:never-either.md"}}));
    let uri = "untitled:edits.md";
    s.open(uri, 1, "ab\ncd\n");
    assert!(s.diagnostics(uri, 1).is_empty());
    // Far past the end, a reversed range, a character far past a line's end, and the largest
    // positions the protocol can carry.
    let edits = [
        json!([{"range": {"start": {"line": 99, "character": 99}, "end": {"line": 100, "character": 0}}, "text": " htps://a.org/x"}]),
        json!([{"range": {"start": {"line": 1, "character": 2}, "end": {"line": 0, "character": 1}}, "text": "Z"}]),
        json!([{"range": {"start": {"line": 0, "character": 4_294_967_295u64}, "end": {"line": 4_294_967_295u64, "character": 4_294_967_295u64}}, "text": "!"}]),
    ];
    for (i, e) in edits.into_iter().enumerate() {
        s.change(uri, 2 + i as i64, e);
        s.diagnostics(uri, 2 + i as i64);
    }
    // The document still holds a coherent text: a full replacement resets it exactly.
    s.change(uri, 10, json!([{"text": "Fresh htps://example.org/b text.\n"}]));
    let d = s.diagnostics(uri, 10);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["range"]["start"], json!({"line": 0, "character": 6}));
    s.assert_serving(1);
    s.shutdown();
}

/// Versions that repeat or go backwards (a faulty client) are applied in the order received, and
/// the findings published are those of the text the server now holds.
#[test]
fn out_of_order_and_repeated_versions_never_publish_findings_for_another_text() {
    let mut s = Server::start();
    // Pull diagnostics: an answer computed for exactly the text held when it is asked.
    let r = s.request(
        "initialize",
        json!({"processId": null, "capabilities": {"textDocument": {"diagnostic": {"dynamicRegistration": false}}}}),
    );
    assert!(r["result"]["capabilities"]["diagnosticProvider"].is_object(), "{r}");
    s.notify("initialized", json!({}));
    s.pull = true;
    let uri = "untitled:versions.md";
    s.open(uri, 5, "Clean text.\n");
    // Version 3 after 5, then 4, then 4 again: each change still applies, in order.
    s.change(uri, 3, json!([{"text": "One htps://a.org/x here.\n"}]));
    s.change(uri, 4, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "Two htps://b.org/y. "}]));
    s.change(
        uri,
        4,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 4}}, "text": ""}]),
    );
    let r = s.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}}));
    let items = r["result"]["items"].as_array().unwrap();
    let starts: Vec<&Value> = items.iter().map(|d| &d["range"]["start"]["character"]).collect();
    // "htps://b.org/y. One htps://a.org/x here.": the URLs start at 0 and 20.
    assert_eq!(starts, [&json!(0), &json!(20)], "{items:?}");
    s.assert_serving(1);
    s.shutdown();
}

/// Pushed diagnostics (written by the server's own outbox, not the protocol library) follow the
/// texts in order: a burst of changes publishes versions that never go backwards, and closing
/// the document ends with an empty publish that nothing follows.
#[test]
fn a_burst_of_changes_then_close_publishes_in_order_and_ends_empty() {
    let mut s = Server::start();
    s.initialize();
    let uri = "untitled:burst.md";
    s.open(uri, 1, "See htps://example.org/a.\n");
    for v in 2..=60 {
        let text = if v % 2 == 0 { "Clean text.\n" } else { "See htps://example.org/b.\n" };
        s.change(uri, v, json!([{"text": text}]));
    }
    s.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
    // A document opened after the close is published after it (the outbox keeps documents in
    // the order their publishes were queued).
    s.open("untitled:after.md", 1, "Clean.\n");
    let mut published: Vec<(Option<i64>, usize)> = Vec::new();
    loop {
        let msg = if s.seen.is_empty() { s.recv() } else { s.seen.remove(0) };
        if msg["method"] != "textDocument/publishDiagnostics" {
            if msg.get("id").is_some() && msg.get("method").is_some() {
                s.other(msg);
            }
            continue;
        }
        let p = &msg["params"];
        if p["uri"] == "untitled:after.md" {
            break;
        }
        if p["uri"] == uri {
            published.push((p["version"].as_i64(), p["diagnostics"].as_array().unwrap().len()));
        }
    }
    let versions: Vec<i64> = published.iter().filter_map(|(v, _)| *v).collect();
    assert!(versions.windows(2).all(|w| w[0] <= w[1]), "versions went backwards: {versions:?}");
    assert!(versions.iter().all(|v| (1..=60).contains(v)), "{versions:?}");
    assert_eq!(published.last(), Some(&(None, 0)), "the close must be the last publish: {published:?}");
    assert_eq!(published.iter().filter(|(v, _)| v.is_none()).count(), 1, "{published:?}");
    s.assert_serving(1);
    s.shutdown();
}

// ---------------------------------------------------------------------------------------------
// A client that dies

/// The client's stdin ends in the middle of a frame's body: the server exits, status 0, with
/// no panic on stderr.
#[test]
fn a_client_gone_mid_frame_leaves_a_server_that_exits_cleanly() {
    let mut s = Server::start();
    s.initialize();
    s.assert_serving(1);
    s.write(b"Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"textDo");
    s.stdin = None;
    let (status, stderr) = s.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "{status:?}: {stderr}");
    assert_no_panic(&stderr);
}

/// Also mid-header, and before anything at all.
#[test]
fn a_client_gone_mid_header_or_at_once_leaves_a_server_that_exits_cleanly() {
    let mut s = Server::start();
    s.initialize();
    s.write(b"Content-Len");
    s.stdin = None;
    let (status, stderr) = s.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "{status:?}: {stderr}");
    assert_no_panic(&stderr);

    let mut s = Server::start();
    s.stdin = None;
    let (status, stderr) = s.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "{status:?}: {stderr}");
    assert_no_panic(&stderr);
}

/// The client closes its end of the server's stdout but keeps stdin open: the server's next
/// write fails and it stops, rather than reading on for nobody.
#[test]
fn a_client_that_stops_reading_leaves_a_server_that_exits_cleanly() {
    let mut s = Server::start_with(false);
    s.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}));
    s.notify("initialized", json!({}));
    s.open("untitled:a.md", 1, "See htps://example.org/a.\n");
    s.send(json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "untitled:a.md"}, "position": {"line": 0, "character": 6}}}));
    let start = Instant::now();
    loop {
        // Keep stdin open (and fed) while waiting: the server must notice the output alone.
        if let Some(stdin) = s.stdin.as_mut() {
            let body = json!({"jsonrpc": "2.0", "method": "$/ping"}).to_string();
            if stdin.write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes()).is_err() {
                s.stdin = None;
            }
        }
        if s.child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "the server kept running with its output closed");
        std::thread::sleep(Duration::from_millis(50));
    }
    let (status, stderr) = s.wait_exit(Duration::from_secs(1));
    assert!(status.success(), "{status:?}: {stderr}");
    assert_no_panic(&stderr);
}

// ---------------------------------------------------------------------------------------------
// Code actions and edits that race

/// Apply an LSP edit (UTF-16 positions; every line here is ASCII, so columns are bytes).
fn apply_edit(text: &str, edit: &Value) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let col = p["character"].as_u64().unwrap() as usize;
        text.split_inclusive('\n').take(line).map(str::len).sum::<usize>() + col
    };
    let (a, b) = (offset(&edit["range"]["start"]), offset(&edit["range"]["end"]));
    format!("{}{}{}", &text[..a], edit["newText"].as_str().unwrap(), &text[b..])
}

/// The "Rejoin the URL" quick-fix offered on `line`, applied to `text`.
fn rejoin(s: &mut Server, uri: &str, text: &str, line: u64) -> String {
    let range = json!({"start": {"line": line, "character": 0}, "end": {"line": line + 1, "character": 0}});
    let r = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
    );
    let actions = r["result"].as_array().unwrap_or_else(|| panic!("no code actions for the current text: {r}"));
    let fix = actions
        .iter()
        .find(|a| a["title"] == "Rejoin the URL")
        .unwrap_or_else(|| panic!("no Rejoin the URL action on line {line}: {actions:?}"));
    let edits = fix["edit"]["changes"][uri].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{edits:?}");
    apply_edit(text, &edits[0])
}

/// Regression: code actions came from the findings stored for the last version checked. Asked
/// right after a change (before its check finished) they were missing; after a change that
/// repeated the version number they carried edits for the previous text, which the client then
/// applied to the new one. They now come from the current text, computed on demand.
#[test]
fn code_actions_asked_right_after_a_change_fit_the_current_text() {
    let mut s = Server::start();
    s.initialize();
    let uri = "untitled:race.md";
    // Enough text after the finding that a check takes a while: the code action request
    // arrives while the check of the change is still running.
    let mut text = String::from("Minutes:\nhttps://example.org/council/minutes-of-the-\nspecial-session\n");
    for i in 0..4000 {
        text.push_str(&format!("\nParagraph {i} of the council's long report on the bridge.\n"));
    }
    let want = |t: &str| t.replacen("minutes-of-the-\nspecial-session", "minutes-of-the-special-session", 1);
    s.open(uri, 1, &text);
    s.diagnostics(uri, 1);

    // A line inserted above: the URL moves to lines 2-3. Ask at once.
    s.change(uri, 2, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "Intro.\n"}]));
    text.insert_str(0, "Intro.\n");
    let fixed = rejoin(&mut s, uri, &text, 2);
    assert!(fixed == want(&text), "the quick-fix must rejoin the URL in the current text: {:?}…", &fixed[..120]);
    s.diagnostics(uri, 2);

    // The same version number again (a faulty client), with another line above.
    s.change(uri, 2, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "More.\n"}]));
    text.insert_str(0, "More.\n");
    let fixed = rejoin(&mut s, uri, &text, 3);
    assert!(fixed == want(&text), "the quick-fix must not carry edits for the previous text: {:?}…", &fixed[..120]);
    s.shutdown();
}
