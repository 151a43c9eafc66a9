//! `copydesk lsp`: the language server.
//!
//! A thin shell around the engine, on `tower-lsp-server` (the maintained community fork of
//! tower-lsp, which Harper and typos-lsp moved to), tokio and ropey. It knows nothing of any
//! particular check: it runs [`crate::engine`] and converts what comes back.
//!
//! **Architecture Invariant:** every edit is applied to the document store before the handler's
//! first `.await` (tower-lsp-server may run handlers concurrently, and an edit applied after an
//! await could be overtaken by the next one). Checks run on the blocking pool, off the message
//! loop; their results are published only if the document is still at the version they checked.
//!
//! **Architecture Invariant:** stdout belongs to the protocol. Nothing in this module prints;
//! logs go to the client (`window/logMessage`) or stderr.

mod convert;
mod docs;
mod outbox;
mod server;

pub use docs::{DocStore, Document};
pub use outbox::Outbox;
pub use server::Backend;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::{LspService, Server, jsonrpc};

/// Serve LSP over stdin/stdout until the client exits. Returns the process exit status.
pub fn run(offline: bool) -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            log(&format!("cannot start the async runtime: {e}"));
            return 2;
        }
    };
    runtime.block_on(serve_with(tokio::io::stdin(), tokio::io::stdout(), offline));
    // A read of stdin may still be pending on a blocking thread (the client keeps it open after
    // `exit`): do not wait for it.
    runtime.shutdown_background();
    0
}

/// A line on stderr. Never `eprintln!`: it panics when stderr is gone (a client that closed it).
fn log(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "copydesk lsp: {message}");
}

/// The largest message accepted (a 50 MB draft, JSON-escaped, fits comfortably).
const MAX_MESSAGE: usize = 512 << 20;

/// The longest header line read at once; anything longer is not a header.
const MAX_HEADER_LINE: u64 = 8 << 10;

/// The method a request that is not valid JSON-RPC is renamed to, so that the protocol library
/// answers its id with an `InvalidRequest` error instead of leaving the client waiting.
const INVALID_REQUEST: &str = "copydesk/invalidRequest";

/// Serve LSP on any byte streams until the input ends, the output breaks, or the client sends
/// `exit`.
///
/// Messages pass through `filter` first: the protocol library stops reading for good at the first
/// message it cannot decode, so malformed frames and bodies that are not JSON-RPC are dropped
/// here (a request with a readable id is answered with `InvalidRequest`), with a line on stderr,
/// and the server keeps serving.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    serve_with(input, output, false).await
}

/// [`serve`], with live link checks turned off when `offline`.
pub async fn serve_with<I, O>(input: I, output: O, offline: bool)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (filtered_tx, filtered_rx) = tokio::io::duplex(1 << 16);
    let filter_task = tokio::spawn(filter(input, filtered_tx));
    // Output: the library's frames (a bounded queue) and the server's own publishes (one slot per
    // document), written by one writer (see `outbox`).
    let (library_out, library_frames) = tokio::io::duplex(1 << 16);
    let (library, library_queue) = tokio::sync::mpsc::channel(outbox::LIBRARY_FRAMES);
    let (tokens, publishes) = tokio::sync::mpsc::unbounded_channel();
    let outbox = Outbox::new(tokens);
    let cutter = tokio::spawn(outbox::library_frames(library_frames, library));
    let mut writer = tokio::spawn(outbox::write_out(library_queue, publishes, outbox.clone(), output));
    let (service, socket) = LspService::build(move |client| Backend::with_options(client, offline, outbox))
        .custom_method(INVALID_REQUEST, Backend::invalid_request)
        .finish();
    // The protocol library keeps reading input after its output broke (a client that closed our
    // stdout but not our stdin): stop serving as soon as a write fails.
    let written = tokio::select! {
        // The library's pipe is closed: what is queued is written, then the writer stops.
        () = Server::new(filtered_rx, library_out, socket).serve(service) => writer.await,
        written = &mut writer => written,
    };
    if !matches!(written, Ok(true)) {
        log("the output is closed; stopping");
    }
    cutter.abort();
    filter_task.abort();
}

/// What the header block of a frame said about its length.
enum Length {
    Missing,
    Malformed(String),
    Valid(usize),
}

/// Copy well-formed LSP frames from `input` to `output`, dropping the rest.
///
/// Resynchronizes after garbage: a header line is looked for wherever `Content-Length` appears
/// in a line (the unread rest of a broken frame's body usually runs into the next frame's header
/// with no line break between them), so one bad frame costs at most the frame after it. Memory
/// is bounded by the frame being read: header lines are read in pieces of [`MAX_HEADER_LINE`],
/// and a body's buffer grows as its bytes arrive, never to more than [`MAX_MESSAGE`].
async fn filter<I: AsyncRead + Unpin, O: AsyncWrite + Unpin>(input: I, mut output: O) {
    let mut input = BufReader::new(input);
    // The tail of an over-long line, kept in case a header starts in it.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let mut length = Length::Missing;
        let mut saw_header = false;
        let mut junk = 0usize;
        loop {
            let mut line = std::mem::take(&mut carry);
            let n = match (&mut input).take(MAX_HEADER_LINE).read_until(b'\n', &mut line).await {
                Ok(n) => n,
                Err(_) => return,
            };
            if n == 0 {
                return;
            }
            if !line.ends_with(b"\n") {
                if (n as u64) < MAX_HEADER_LINE {
                    return; // The input ended in the middle of a line.
                }
                // An over-long line: not a header. Keep its tail, in case one starts there.
                junk += n;
                carry = line.split_off(line.len().saturating_sub(32));
                continue;
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            let lower = text.to_ascii_lowercase();
            if let Some(at) = lower.find("content-length") {
                junk += at;
                saw_header = true;
                let rest = text[at + "content-length".len()..].trim_start();
                length = match rest.strip_prefix(':').map(str::trim) {
                    Some(v) => match v.parse::<usize>() {
                        Ok(len) if len <= MAX_MESSAGE => Length::Valid(len),
                        Ok(len) => Length::Malformed(format!("{len} bytes is more than the {MAX_MESSAGE} accepted")),
                        Err(_) => Length::Malformed(format!("`{v}` is not a length")),
                    },
                    None => Length::Malformed("no `:` after the header name".into()),
                };
            } else if is_header(text) {
                saw_header = true;
            } else {
                junk += line.len();
            }
        }
        if junk > 0 {
            log(&format!("skipped {junk} bytes that were not part of a frame"));
        }
        let len = match length {
            Length::Valid(len) => len,
            Length::Missing => {
                log("dropped a message with a missing, malformed or oversized Content-Length (none given)");
                continue;
            }
            Length::Malformed(why) => {
                log(&format!("dropped a message with a missing, malformed or oversized Content-Length ({why})"));
                continue;
            }
        };
        let mut body = Vec::with_capacity(len.min(1 << 20));
        match (&mut input).take(len as u64).read_to_end(&mut body).await {
            Ok(n) if n == len => {}
            _ => return, // The input ended in the middle of a body.
        }
        let body = match vet(body) {
            Ok(body) => body,
            Err(why) => {
                log(&format!("dropped a message that is not a JSON-RPC request, notification or response ({why})"));
                continue;
            }
        };
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        if output.write_all(header.as_bytes()).await.is_err() || output.write_all(&body).await.is_err() {
            return;
        }
        let _ = output.flush().await;
    }
}

/// `Name: value` with a token for a name (`Content-Type: …`).
fn is_header(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    })
}

/// A body as the protocol library may see it: a JSON-RPC request, notification or response
/// passes; a request that is not valid JSON-RPC but has an id becomes a request for
/// [`INVALID_REQUEST`] with that id (so it gets its error response); anything else is refused.
///
/// Also: the protocol library never answers requests for unknown `$/` methods (it treats them
/// like `$/` notifications, which may be ignored), but the LSP says such a *request* must get
/// `MethodNotFound`; it is renamed the same way.
fn vet(body: Vec<u8>) -> Result<Vec<u8>, String> {
    let request = serde_json::from_slice::<jsonrpc::Request>(&body);
    if let Ok(req) = &request {
        if let Some(id) = req.id()
            && req.method().starts_with("$/")
        {
            log(&format!("answering a request for the unknown method {} with an error", req.method()));
            return Ok(refusal(id, -32601, &format!("Method not found: {}", req.method())));
        }
        return Ok(body);
    }
    if serde_json::from_slice::<jsonrpc::Response>(&body).is_ok() {
        return Ok(body);
    }
    let value: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return Err(format!("not JSON: {e}")),
    };
    let why = request.err().map(|e| e.to_string()).unwrap_or_default();
    let id = value.get("id").and_then(|id| serde_json::from_value::<jsonrpc::Id>(id.clone()).ok());
    let is_response = value.get("result").is_some() || value.get("error").is_some();
    match id {
        Some(id) if !is_response && id != jsonrpc::Id::Null => {
            log(&format!("answering an invalid request with an error: {why}"));
            Ok(refusal(&id, -32600, &format!("not a valid JSON-RPC 2.0 request: {why}")))
        }
        _ => Err(why),
    }
}

/// A request for [`INVALID_REQUEST`] that the server answers with error `code` and `message`.
fn refusal(id: &jsonrpc::Id, code: i64, message: &str) -> Vec<u8> {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "method": INVALID_REQUEST,
        "params": { "code": code, "message": message },
    })
    .to_string()
    .into_bytes()
}
