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
//!   into whole frames and queues each one, on a queue of [`LIBRARY_FRAMES`]: when the client
//!   stops reading, the queue fills, the pipe fills, and the library stops reading requests, as
//!   it would with its output blocked (no answers pile up in memory);
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
use tokio::sync::mpsc::{Receiver, Sender, UnboundedReceiver, UnboundedSender};

/// How many of the library's frames may wait to be written.
pub(super) const LIBRARY_FRAMES: usize = 8;

/// What the library's queue carries.
pub(super) enum Out {
    /// A whole frame: header and body.
    Frame(Vec<u8>),
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
    /// One token per document that came to have a publish waiting: never more than the open
    /// documents, so unbounded is safe (and `publish` never waits).
    tx: UnboundedSender<()>,
    slots: Arc<Mutex<Slots>>,
}

impl Outbox {
    pub(super) fn new(tx: UnboundedSender<()>) -> Outbox {
        Outbox { tx, slots: Arc::default() }
    }

    /// Queue `document`'s publish (a frame made by `notification` in this module), replacing one
    /// of its own still waiting. Never waits: callers may hold a lock, which is how a publish is
    /// kept in order with the document it was checked against.
    pub fn publish(&self, document: &str, frame: Vec<u8>) {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        if slots.frames.insert(document.to_string(), frame).is_none() {
            slots.order.push_back(document.to_string());
            // Fails only once the writer is gone (the server is exiting): nothing left to tell.
            let _ = self.tx.send(());
        }
    }

    /// The oldest waiting publish.
    fn take(&self) -> Option<Vec<u8>> {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        let document = slots.order.pop_front()?;
        slots.frames.remove(&document)
    }
}

/// A JSON-RPC notification, framed (`Content-Length` header and body); `None`, with a line on
/// stderr, if the params cannot be serialized (the LSP types always can).
pub fn notification<P: Serialize>(method: &str, params: &P) -> Option<Vec<u8>> {
    #[derive(Serialize)]
    struct Notification<'a, P> {
        jsonrpc: &'static str,
        method: &'a str,
        params: &'a P,
    }
    let body = match serde_json::to_vec(&Notification { jsonrpc: "2.0", method, params }) {
        Ok(body) => body,
        Err(e) => {
            super::log(&format!("cannot serialize a {method} notification: {e}"));
            return None;
        }
    };
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    Some(frame)
}

/// Cut the library's output into whole frames and queue them; then [`Out::LibraryDone`].
pub(super) async fn library_frames<R: AsyncRead + Unpin>(output: R, queue: Sender<Out>) {
    let mut output = BufReader::new(output);
    loop {
        let mut frame = Vec::new();
        let mut length = None;
        // The library writes `Content-Length: N\r\n\r\n` (maybe other headers) before each body.
        loop {
            let start = frame.len();
            match output.read_until(b'\n', &mut frame).await {
                Ok(0) | Err(_) => {
                    let _ = queue.send(Out::LibraryDone).await;
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
            let _ = queue.send(Out::LibraryDone).await;
            return;
        }
        if queue.send(Out::Frame(frame)).await.is_err() {
            return;
        }
    }
}

/// Write the library's frames and the server's publishes to `output`, each frame whole, until
/// the library's output ends (publishes waiting then are written too). Returns false when a
/// write failed (the client closed our output).
pub(super) async fn write_out<O: AsyncWrite + Unpin>(
    mut library: Receiver<Out>,
    mut publishes: UnboundedReceiver<()>,
    outbox: Outbox,
    mut output: O,
) -> bool {
    loop {
        let frame = tokio::select! {
            out = library.recv() => match out {
                Some(Out::Frame(frame)) => frame,
                Some(Out::LibraryDone) | None => break,
            },
            Some(()) = publishes.recv() => match outbox.take() {
                Some(frame) => frame,
                None => continue,
            },
        };
        if !write_frame(&mut output, &frame).await {
            return false;
        }
    }
    while publishes.try_recv().is_ok() {
        if let Some(frame) = outbox.take()
            && !write_frame(&mut output, &frame).await
        {
            return false;
        }
    }
    true
}

async fn write_frame<O: AsyncWrite + Unpin>(output: &mut O, frame: &[u8]) -> bool {
    output.write_all(frame).await.is_ok() && output.flush().await.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;
    use tokio::sync::mpsc::{channel, unbounded_channel};

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    /// Whole frames of `written`, as text.
    fn frames(mut written: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        while !written.is_empty() {
            let text = String::from_utf8_lossy(written);
            let header_end = text.find("\r\n\r\n").expect("a header") + 4;
            let len: usize = text["Content-Length: ".len()..text.find("\r\n").unwrap()].parse().unwrap();
            out.push(String::from_utf8(written[..header_end + len].to_vec()).unwrap());
            written = &written[header_end + len..];
        }
        out
    }

    #[tokio::test]
    async fn the_library_stream_is_cut_into_whole_frames_in_order() {
        let (mut library, cut) = tokio::io::duplex(16); // smaller than a frame: it arrives in pieces
        let (tx, mut rx) = channel(LIBRARY_FRAMES);
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
            });
        }
        assert_eq!(got, [String::from_utf8(first).unwrap(), String::from_utf8(typed).unwrap(), "done".into()]);
    }

    /// Regression: the queue of the library's frames was unbounded, so a client that kept our
    /// output open without reading it made the server answer request after request into memory.
    #[tokio::test]
    async fn a_full_queue_stops_the_library_output_being_read() {
        let (mut library, cut) = tokio::io::duplex(64);
        let (tx, mut rx) = channel(LIBRARY_FRAMES);
        let cutter = tokio::spawn(library_frames(cut, tx));
        let all: Vec<Vec<u8>> = (0..LIBRARY_FRAMES + 40).map(|i| frame(&format!("{{\"id\":{i}}}"))).collect();
        let writing = async {
            for f in &all {
                library.write_all(f).await.unwrap();
            }
        };
        // Nobody takes from the queue: the library's writes must block, not pile up.
        let blocked = tokio::time::timeout(std::time::Duration::from_millis(300), writing).await.is_err();
        assert!(blocked, "the library wrote {} frames into a queue nobody read", all.len());
        // Once the queue is read again, what was written comes through, whole and in order (the
        // last frame may have been cut off when the writing stopped).
        drop(library);
        let mut got = Vec::new();
        while let Some(Out::Frame(f)) = rx.recv().await {
            got.push(f);
        }
        cutter.await.unwrap();
        assert!(got.len() >= LIBRARY_FRAMES && got.len() < all.len(), "{} frames", got.len());
        assert_eq!(got, all[..got.len()]);
    }

    #[tokio::test]
    async fn library_frames_and_publishes_are_written_whole_and_waiting_publishes_before_stopping() {
        let (library, frames_in) = channel(LIBRARY_FRAMES);
        let (tokens, tokens_in) = unbounded_channel();
        let outbox = Outbox::new(tokens);
        let params = serde_json::json!({"uri": "file:///d.md", "diagnostics": []});
        outbox.publish("file:///d.md", notification("textDocument/publishDiagnostics", &params).unwrap());
        library.send(Out::Frame(frame("{}"))).await.unwrap();
        library.send(Out::LibraryDone).await.unwrap();
        outbox.publish("file:///e.md", frame("late"));
        library.try_send(Out::Frame(frame("after the end"))).unwrap();
        let mut written = Vec::new();
        assert!(write_out(frames_in, tokens_in, outbox, &mut written).await);
        let mut got = frames(&written);
        got.sort();
        let body = r#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"diagnostics":[],"uri":"file:///d.md"}}"#;
        let mut expected =
            [format!("Content-Length: {}\r\n\r\n{body}", body.len()), "Content-Length: 2\r\n\r\n{}".into()]
                .into_iter()
                .chain([String::from_utf8(frame("late")).unwrap()])
                .collect::<Vec<_>>();
        expected.sort();
        assert_eq!(got, expected);
    }

    #[tokio::test]
    async fn a_publish_not_yet_written_is_replaced_by_the_newer_one_for_its_document() {
        let (library, frames_in) = channel(LIBRARY_FRAMES);
        let (tokens, tokens_in) = unbounded_channel();
        let outbox = Outbox::new(tokens);
        outbox.publish("a", frame("a1"));
        outbox.publish("b", frame("b1"));
        outbox.publish("a", frame("a2"));
        library.send(Out::LibraryDone).await.unwrap();
        let mut written = Vec::new();
        assert!(write_out(frames_in, tokens_in, outbox, &mut written).await);
        // `a` keeps its place in the queue, with its newest findings; nothing stale is written.
        assert_eq!(frames(&written), [frame("a2"), frame("b1")].map(|f| String::from_utf8(f).unwrap()));
    }
}
