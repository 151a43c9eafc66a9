//! The server's output: the protocol library's frames and the server's own, one after another.
//!
//! `tower-lsp-server` sends every notification as a `serde_json::Value` tree: it converts the
//! params to a `Value`, serializes that, and frees it, all before the first byte is written. For
//! a publish of thousands of diagnostics that costs more than checking the draft (on the
//! benchmark's dense 200,000-word document: about 35 ms of the 63 ms from edit to write). So
//! `textDocument/publishDiagnostics` for drafts is serialized here, once, straight from the LSP
//! types, and written beside the library's output:
//!
//! - the library writes its frames into an in-memory pipe; [`library_frames`] cuts that stream
//!   into whole frames and queues each one;
//! - the server queues its publishes through an [`Outbox`], one slot per document: a publish
//!   not yet written when a newer one for the same document arrives is replaced by it, so a
//!   client that reads slowly gets the newest findings next, never a backlog of stale ones, and
//!   the queue holds at most one publish per open document;
//! - [`write_out`] writes the queue to the real output, one whole frame at a time, so frames
//!   never interleave, and each source's frames keep their order.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

/// What the output queue carries.
pub(super) enum Out {
    /// A whole frame of the library's: header and body.
    Frame(Vec<u8>),
    /// The oldest document in [`Outbox`]'s slots has a publish to write.
    Publish,
    /// The library's output ended (the server is exiting): what is queued is written, then no more.
    LibraryDone,
}

/// Publishes waiting to be written: the newest frame per document, documents in queue order.
#[derive(Default)]
struct Slots {
    order: VecDeque<String>,
    frames: HashMap<String, Vec<u8>>,
}

/// Where the server queues its publishes.
#[derive(Clone)]
pub struct Outbox {
    tx: UnboundedSender<Out>,
    slots: Arc<Mutex<Slots>>,
}

impl Outbox {
    pub(super) fn new(tx: UnboundedSender<Out>) -> Outbox {
        Outbox { tx, slots: Arc::default() }
    }

    /// Queue `document`'s publish (a frame made by [`notification`]), replacing one of its own
    /// still waiting. Never waits: callers may hold a lock, which is how a publish is kept in
    /// order with the document it was checked against.
    pub fn publish(&self, document: &str, frame: Vec<u8>) {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        if slots.frames.insert(document.to_string(), frame).is_none() {
            slots.order.push_back(document.to_string());
            // Fails only once the writer is gone (the server is exiting): nothing left to tell.
            let _ = self.tx.send(Out::Publish);
        }
    }

    /// The oldest waiting publish.
    fn take(&self) -> Option<Vec<u8>> {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        let document = slots.order.pop_front()?;
        slots.frames.remove(&document)
    }
}

/// A JSON-RPC notification, framed (`Content-Length` header and body).
pub fn notification<P: Serialize>(method: &str, params: &P) -> Vec<u8> {
    #[derive(Serialize)]
    struct Notification<'a, P> {
        jsonrpc: &'static str,
        method: &'a str,
        params: &'a P,
    }
    // The LSP types serialize infallibly (no maps with non-string keys, no failing impls).
    let body = serde_json::to_vec(&Notification { jsonrpc: "2.0", method, params }).unwrap_or_default();
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    frame
}

/// Cut the library's output into whole frames and queue them; then [`Out::LibraryDone`].
pub(super) async fn library_frames<R: AsyncRead + Unpin>(output: R, queue: UnboundedSender<Out>) {
    let mut output = BufReader::new(output);
    loop {
        let mut frame = Vec::new();
        let mut length = None;
        // The library writes `Content-Length: N\r\n\r\n` (maybe other headers) before each body.
        loop {
            let start = frame.len();
            match output.read_until(b'\n', &mut frame).await {
                Ok(0) | Err(_) => {
                    let _ = queue.send(Out::LibraryDone);
                    return;
                }
                Ok(_) => {}
            }
            let line = String::from_utf8_lossy(&frame[start..]);
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse::<usize>().ok();
            }
        }
        let Some(len) = length else { continue };
        let start = frame.len();
        frame.resize(start + len, 0);
        if output.read_exact(&mut frame[start..]).await.is_err() {
            let _ = queue.send(Out::LibraryDone);
            return;
        }
        if queue.send(Out::Frame(frame)).is_err() {
            return;
        }
    }
}

/// Write queued frames to `output` until the library's output ends. Returns false when a write
/// failed (the client closed our output).
pub(super) async fn write_out<O: AsyncWrite + Unpin>(
    mut queue: UnboundedReceiver<Out>,
    outbox: Outbox,
    mut output: O,
) -> bool {
    while let Some(out) = queue.recv().await {
        let frame = match out {
            Out::Frame(frame) => frame,
            Out::Publish => match outbox.take() {
                Some(frame) => frame,
                None => continue,
            },
            Out::LibraryDone => return true,
        };
        if output.write_all(&frame).await.is_err() || output.flush().await.is_err() {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[tokio::test]
    async fn the_library_stream_is_cut_into_whole_frames_in_order() {
        let (mut library, cut) = tokio::io::duplex(16); // smaller than a frame: it arrives in pieces
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let cutter = tokio::spawn(library_frames(cut, tx));
        let first = frame(r#"{"jsonrpc":"2.0","id":1,"result":null}"#);
        let typed = b"Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".to_vec();
        library.write_all(&first).await.unwrap();
        library.write_all(&typed).await.unwrap();
        drop(library);
        cutter.await.unwrap();
        let mut got = Vec::new();
        while let Ok(out) = rx.try_recv() {
            got.push(match out {
                Out::Frame(f) => String::from_utf8(f).unwrap(),
                Out::LibraryDone => "done".to_string(),
                Out::Publish => "publish".to_string(),
            });
        }
        assert_eq!(got, [String::from_utf8(first).unwrap(), String::from_utf8(typed).unwrap(), "done".into()]);
    }

    #[tokio::test]
    async fn frames_are_written_whole_until_the_library_is_done() {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let outbox = Outbox::new(tx.clone());
        let params = serde_json::json!({"uri": "file:///d.md", "diagnostics": []});
        outbox.publish("file:///d.md", notification("textDocument/publishDiagnostics", &params));
        tx.send(Out::Frame(frame("{}"))).unwrap();
        tx.send(Out::LibraryDone).unwrap();
        outbox.publish("file:///e.md", frame("late"));
        let mut written = Vec::new();
        assert!(write_out(rx, outbox, &mut written).await);
        let written = String::from_utf8(written).unwrap();
        let body = r#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"diagnostics":[],"uri":"file:///d.md"}}"#;
        assert_eq!(written, format!("Content-Length: {}\r\n\r\n{body}Content-Length: 2\r\n\r\n{{}}", body.len()));
    }

    #[tokio::test]
    async fn a_publish_not_yet_written_is_replaced_by_the_newer_one_for_its_document() {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let outbox = Outbox::new(tx.clone());
        outbox.publish("a", frame("a1"));
        outbox.publish("b", frame("b1"));
        outbox.publish("a", frame("a2"));
        tx.send(Out::LibraryDone).unwrap();
        let mut written = Vec::new();
        assert!(write_out(rx, outbox, &mut written).await);
        // `a` keeps its place in the queue, with its newest findings; nothing stale is written.
        let expected = [frame("a2"), frame("b1")].concat();
        assert_eq!(String::from_utf8(written).unwrap(), String::from_utf8(expected).unwrap());
    }
}
