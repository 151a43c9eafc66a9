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
mod server;

pub use docs::{DocStore, Document};
pub use server::Backend;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::{LspService, Server, jsonrpc};

/// Serve LSP over stdin/stdout until the client exits. Returns the process exit status.
pub fn run(offline: bool) -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("copydesk lsp: cannot start the async runtime: {e}");
            return 2;
        }
    };
    runtime.block_on(serve_with(tokio::io::stdin(), tokio::io::stdout(), offline));
    // A read of stdin may still be pending on a blocking thread (the client keeps it open after
    // `exit`): do not wait for it.
    runtime.shutdown_background();
    0
}

/// The largest message accepted (a 50 MB draft, JSON-escaped, fits comfortably).
const MAX_MESSAGE: usize = 512 << 20;

/// Serve LSP on any byte streams until the input ends or the client sends `exit`.
///
/// Messages pass through [`filter`] first: the protocol library stops reading for good at the first
/// message it cannot decode, so malformed frames and bodies that are not JSON-RPC are dropped
/// here, with a line on stderr, and the server keeps serving.
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
    let (service, socket) = LspService::new(move |client| Backend::with_options(client, offline));
    Server::new(filtered_rx, output, socket).serve(service).await;
    filter_task.abort();
}

/// Copy well-formed LSP frames from `input` to `output`, dropping the rest.
async fn filter<I: AsyncRead + Unpin, O: AsyncWrite + Unpin>(input: I, mut output: O) {
    let mut input = BufReader::new(input);
    loop {
        let mut length: Option<usize> = None;
        let mut saw_header = false;
        loop {
            let mut line = Vec::new();
            match input.read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some((name, value)) = line.split_once(':')
                && name.trim().eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().ok();
            }
        }
        let Some(len) = length.filter(|&l| l <= MAX_MESSAGE) else {
            eprintln!("copydesk lsp: dropped a message with a missing, malformed or oversized Content-Length");
            continue;
        };
        let mut body = vec![0; len];
        if input.read_exact(&mut body).await.is_err() {
            return;
        }
        let well_formed = serde_json::from_slice::<jsonrpc::Request>(&body).is_ok()
            || serde_json::from_slice::<jsonrpc::Response>(&body).is_ok();
        if !well_formed {
            eprintln!("copydesk lsp: dropped a message that is not a JSON-RPC request, notification or response");
            continue;
        }
        let header = format!("Content-Length: {len}\r\n\r\n");
        if output.write_all(header.as_bytes()).await.is_err() || output.write_all(&body).await.is_err() {
            return;
        }
        let _ = output.flush().await;
    }
}
