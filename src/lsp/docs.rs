//! Open documents: text in a rope, version, kind, and the findings last computed for them.

use std::collections::HashMap;
use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::diagnostic::Diagnostic;
use crate::document::DocKind;
use crate::position::{Encoding, col_to_byte};

/// One open document.
#[derive(Debug)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub kind: Option<DocKind>,
    /// Bumped by the server on every change: unlike `version` (the client's, which a faulty
    /// client may repeat or send out of order) it names exactly one text.
    pub revision: u64,
    /// The findings last computed, with the text they were computed on.
    pub checked: Option<Checked>,
}

/// Findings, and the exact text and version they belong to (code actions convert through it).
#[derive(Debug, Clone)]
pub struct Checked {
    pub version: i32,
    /// The document's `revision` when its text was taken.
    pub revision: u64,
    pub text: Arc<String>,
    /// The local checks' findings before config and suppressions (link findings merge into them).
    pub raw: Arc<Vec<Diagnostic>>,
    pub diagnostics: Arc<Vec<Diagnostic>>,
}

/// What went wrong applying a change (logged; the change is applied as well as it can be).
#[derive(Debug, PartialEq, Eq)]
pub enum EditProblem {
    /// A position past the end of the document, clamped to the end.
    OutOfRange { line: u32, character: u32 },
    /// A range whose end comes before its start, treated as empty.
    Reversed,
}

impl Document {
    pub fn new(text: &str, version: i32, kind: Option<DocKind>) -> Document {
        Document { rope: Rope::from_str(text), version, kind, revision: 0, checked: None }
    }

    /// Apply one content change (a range edit, or the whole text when there is no range).
    pub fn apply(&mut self, change: &TextDocumentContentChangeEvent, enc: Encoding) -> Vec<EditProblem> {
        let mut problems = Vec::new();
        match change.range {
            None => self.rope = Rope::from_str(&change.text),
            Some(range) => {
                let start = self.char_index(range.start.line, range.start.character, enc, &mut problems);
                let mut end = self.char_index(range.end.line, range.end.character, enc, &mut problems);
                if end < start {
                    problems.push(EditProblem::Reversed);
                    end = start;
                }
                self.rope.remove(start..end);
                self.rope.insert(start, &change.text);
            }
        }
        problems
    }

    /// The rope's char index of an LSP position, clamped into the document.
    fn char_index(&self, line: u32, character: u32, enc: Encoding, problems: &mut Vec<EditProblem>) -> usize {
        let lines = self.rope.len_lines();
        if line as usize >= lines {
            problems.push(EditProblem::OutOfRange { line, character });
            return self.rope.len_chars();
        }
        let slice = self.rope.line(line as usize);
        // Columns count within the line's content, not its line end.
        let content = slice.chars().take_while(|&c| c != '\n' && c != '\r');
        let byte_in_line = col_to_byte(content, character, enc);
        let line_start_byte = self.rope.line_to_byte(line as usize);
        self.rope.byte_to_char(line_start_byte + byte_in_line)
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}

/// All open documents. A plain mutex: every access is short and never held across an `.await`.
#[derive(Debug, Default)]
pub struct DocStore {
    docs: std::sync::Mutex<HashMap<Uri, Document>>,
}

impl DocStore {
    /// Run `f` on the store (recovering from a poisoned lock: a panic elsewhere must not take the
    /// server down).
    pub fn with<R>(&self, f: impl FnOnce(&mut HashMap<Uri, Document>) -> R) -> R {
        let mut guard = match self.docs.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        f(&mut guard)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn edits_after_emoji_in_utf16_and_utf8() {
        let mut d = Document::new("“Hi” 😀 there\r\nnext", 1, None);
        // UTF-16: “ H i ” space 😀(2) space = 8 units before "there".
        d.apply(&change(0, 8, 0, 13, "you"), Encoding::Utf16);
        assert_eq!(d.text(), "“Hi” 😀 you\r\nnext");
        // UTF-8: “(3) H i ”(3) space 😀(4) space = 14 bytes.
        d.apply(&change(0, 14, 0, 17, "all"), Encoding::Utf8);
        assert_eq!(d.text(), "“Hi” 😀 all\r\nnext");
    }

    #[test]
    fn out_of_range_positions_clamp_and_are_reported() {
        let mut d = Document::new("ab\ncd", 1, None);
        let p = d.apply(&change(0, 99, 9, 0, "!"), Encoding::Utf16);
        assert_eq!(d.text(), "ab!");
        assert_eq!(p, [EditProblem::OutOfRange { line: 9, character: 0 }]);
    }
}
