//! Language-server latency: didChange → publishDiagnostics, measured against the real `copydesk lsp`
//! process over stdio, on a 2,000-word draft and a 200,000-word document; and the server's resident
//! memory with 100 drafts open. Run with `cargo bench --bench lsp_latency` (release build); name
//! cases after `--` to run only those (`-- large memory`).
//!
//! The drafts are made of the bundled examples (our own text), repeated to the word count: a
//! stress case, with a finding every ~37 words (5,351 on the large document, 1.8 MB of JSON per
//! publish). `large-corpus` is real prose instead: the shared corpus's published articles one after
//! another to 200,000 words. Latency is reported twice: until the publishDiagnostics message is
//! received in full (the server's latency), and until the bench client has parsed it into a
//! `serde_json::Value` (on the stress case, nearly half the total). `COPYDESK_BIN=path` measures
//! another build of the server (an A/B comparison with the same client).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "../tests/common/corpus.rs"]
mod shared_corpus;

struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    id: i64,
    /// When the last message's body had been read in full (before the client parses it).
    received: Instant,
}

impl Server {
    fn start() -> Server {
        // `COPYDESK_BIN=path` measures another build (an A/B comparison).
        let bin = std::env::var_os("COPYDESK_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_copydesk").into());
        let mut child = Command::new(bin)
            .arg("lsp")
            .env("COPYDESK_OFFLINE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start copydesk lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut s = Server { child, stdin, stdout, id: 0, received: Instant::now() };
        s.request("initialize", json!({"capabilities": {"general": {"positionEncodings": ["utf-8"]}}}));
        s.notify("initialized", json!({}));
        s
    }

    fn send(&mut self, v: &Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn recv(&mut self) -> Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            self.stdout.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        self.stdout.read_exact(&mut body).unwrap();
        self.received = Instant::now();
        serde_json::from_slice(&body).unwrap()
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.id += 1;
        let id = self.id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.recv();
            if m["id"] == id && m.get("method").is_none() {
                return m;
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn wait_diagnostics(&mut self, uri: &str, version: i64) {
        loop {
            let m = self.recv();
            if m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
            {
                return;
            }
        }
    }

    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

fn draft(words: usize) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let a = std::fs::read_to_string(format!("{root}/examples/flood-barrier.md")).unwrap();
    let b = std::fs::read_to_string(format!("{root}/examples/school-budget.txt")).unwrap();
    // Front matter only once.
    let a = a.splitn(3, "---\n").nth(2).unwrap_or(&a).to_string();
    let unit = format!("{a}\n\n{b}\n\n");
    let mut out = String::new();
    while out.split_whitespace().count() < words {
        out.push_str(&unit);
    }
    let cut: Vec<&str> = out.split_inclusive(' ').collect();
    cut[..words.min(cut.len())].concat()
}

/// Real published prose: the shared corpus's articles, one after another, to the word count
/// (`None` when `../shared/corpus` is missing).
fn corpus_document(words: usize) -> Option<String> {
    let mut out = String::new();
    let mut n = 0;
    for (_, text) in shared_corpus::corpus() {
        n += text.split_whitespace().count();
        out.push_str(&text);
        out.push_str("\n\n");
        if n >= words {
            break;
        }
    }
    (!out.is_empty()).then_some(out)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn latency(label: &str, words: usize, edits: usize) {
    latency_of(label, &draft(words), edits);
}

fn latency_of(label: &str, text: &str, edits: usize) {
    let words = text.split_whitespace().count();
    let mut s = Server::start();
    let uri = format!("untitled:{label}.md");
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    s.wait_diagnostics(&uri, 1);
    let middle_line = text.lines().count() / 2;
    let mut times = Vec::with_capacity(edits);
    let mut received = Vec::with_capacity(edits);
    for i in 0..edits {
        let version = i as i64 + 2;
        let start = Instant::now();
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [
                {"range": {"start": {"line": middle_line, "character": 0}, "end": {"line": middle_line, "character": 0}}, "text": if i % 2 == 0 { "x" } else { "" }}
            ]}),
        );
        s.wait_diagnostics(&uri, version);
        times.push(start.elapsed());
        received.push(s.received - start);
    }
    times.sort();
    received.sort();
    println!(
        "{label}: publishDiagnostics received in full (before the client parses it): p50 {:.2} ms, p99 {:.2} ms",
        percentile(&received, 0.5).as_secs_f64() * 1e3,
        percentile(&received, 0.99).as_secs_f64() * 1e3,
    );
    println!(
        "{label}: {words} words, {edits} edits: didChange→publishDiagnostics p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3
    );
    s.stop();
}

fn memory(drafts: usize) {
    let mut s = Server::start();
    let idle = s.rss_kib();
    for i in 0..drafts {
        let text = draft(2000 + i);
        let uri = format!("untitled:draft{i}.md");
        s.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        s.wait_diagnostics(&uri, 1);
    }
    println!("memory: RSS {} KiB idle, {} KiB with {drafts} drafts of 2,000 words open", idle, s.rss_kib());
    s.stop();
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this with no argument (not
    // `--test`), in a debug build: keep that quick, or the test suite spends minutes here.
    let quick = !std::env::args().any(|a| a == "--bench");
    if quick {
        latency("draft", 2_000, 5);
        return;
    }
    // `cargo bench --bench lsp_latency -- large memory` runs only the cases named.
    let named: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let run = |case: &str| named.is_empty() || named.iter().any(|n| n == case);
    if run("draft") {
        latency("draft", 2_000, 500);
    }
    if run("large") {
        latency("large", 200_000, 100);
    }
    if run("large-corpus") {
        match corpus_document(200_000) {
            Some(text) => latency_of("large-corpus", &text, 100),
            None => println!("large-corpus: ../shared/corpus not found"),
        }
    }
    if run("memory") {
        memory(100);
    }
}
