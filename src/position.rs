//! The one place that turns byte offsets into lines and columns, and back.
//!
//! **Architecture Invariant:** everything inside copydesk is a byte range into the document's
//! UTF-8 text. Lines and columns exist only at the edges (CLI output, the language server), and
//! they are computed here and nowhere else.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r` (the three line ends the Language Server Protocol
//! knows). Lines and columns are 0-based here; the CLI adds one when it prints them.
//!
//! Columns come in three units, chosen by [`Encoding`]: UTF-8 bytes, UTF-16 code units (what
//! LSP clients use by default and what JavaScript counts) and Unicode scalar values (what a
//! person counts, and what the JSON output and SARIF use).

use std::ops::Range;

/// The unit a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    Utf16,
    /// Unicode scalar values (Rust `char`s; LSP's `utf-32`).
    Scalar,
}

/// A 0-based line and column, the column in some [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// The width of a character in an encoding's units.
fn width(c: char, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => c.len_utf8(),
        Encoding::Utf16 => c.len_utf16(),
        Encoding::Scalar => 1,
    }
}

/// Within one line given as its characters (without the line end), the byte offset of column
/// `col`. A column past the end clamps to the end; one inside a character rounds down to its start.
/// The language server uses this on rope lines; [`LineIndex::offset`] on string lines.
pub fn col_to_byte(chars: impl Iterator<Item = char>, col: u32, enc: Encoding) -> usize {
    let want = col as usize;
    let mut units = 0;
    let mut bytes = 0;
    for c in chars {
        let w = width(c, enc);
        if units + w > want {
            break;
        }
        units += w;
        bytes += c.len_utf8();
    }
    bytes
}

/// Line starts of one text, for offset ↔ line/column conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset where each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    /// Byte offset where each line's content ends (before its line terminator).
    line_ends: Vec<usize>,
    /// Whether each line (content only) is pure ASCII: then every encoding's column is the byte column.
    ascii: Vec<bool>,
    /// For long non-ASCII lines: column checkpoints every [`CHECKPOINT`] bytes, so a conversion
    /// scans at most that much of the line (a 5 MB single-line draft stays linear).
    checkpoints: Vec<(usize, Vec<Checkpoint>)>,
    len: usize,
}

/// Bytes between checkpoints on long lines.
const CHECKPOINT: usize = 4096;

/// A point on a line: byte offset from the line start, and the columns there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Checkpoint {
    byte: usize,
    utf16: usize,
    scalar: usize,
}

impl Checkpoint {
    fn units(&self, enc: Encoding) -> usize {
        match enc {
            Encoding::Utf8 => self.byte,
            Encoding::Utf16 => self.utf16,
            Encoding::Scalar => self.scalar,
        }
    }
}

fn checkpoints(line: &str) -> Vec<Checkpoint> {
    let mut out = vec![Checkpoint { byte: 0, utf16: 0, scalar: 0 }];
    let (mut utf16, mut scalar) = (0, 0);
    let mut next = CHECKPOINT;
    for (i, c) in line.char_indices() {
        if i >= next {
            out.push(Checkpoint { byte: i, utf16, scalar });
            next = i + CHECKPOINT;
        }
        utf16 += c.len_utf16();
        scalar += 1;
    }
    out
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut line_ends = Vec::new();
        let mut ascii = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while let Some(rel) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let end = i + rel;
            let next = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') { end + 2 } else { end + 1 };
            line_ends.push(end);
            ascii.push(bytes[start..end].is_ascii());
            line_starts.push(next);
            start = next;
            i = next;
        }
        line_ends.push(bytes.len());
        ascii.push(bytes[start..].is_ascii());
        let checkpoints = (0..line_ends.len())
            .filter(|&l| !ascii[l] && line_ends[l] - line_starts[l] > CHECKPOINT)
            .map(|l| (l, checkpoints(&text[line_starts[l]..line_ends[l]])))
            .collect();
        LineIndex { line_starts, line_ends, ascii, checkpoints, len: text.len() }
    }

    /// Number of lines (a text ending in a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte range of a line's content, without its line terminator.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        Some(*self.line_starts.get(line)?..self.line_ends[line])
    }

    /// The line that contains byte `offset` (an offset inside a `\r\n` belongs to the line it ends).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte offset → line and column. Offsets past the end clamp to the end; an offset inside a
    /// character counts as that character's start.
    pub fn line_col(&self, text: &str, offset: usize, enc: Encoding) -> LineCol {
        debug_assert_eq!(text.len(), self.len, "LineIndex used with another text");
        let offset = offset.min(self.len);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let offset = offset.min(self.line_ends[line]).max(start);
        let col = if self.ascii[line] || enc == Encoding::Utf8 {
            offset - start
        } else {
            let cp = self.checkpoint(line, |c| start + c.byte <= offset);
            cp.units(enc)
                + text[start + cp.byte..self.line_ends[line]]
                    .char_indices()
                    .take_while(|&(i, _)| start + cp.byte + i < offset)
                    .map(|(_, c)| width(c, enc))
                    .sum::<usize>()
        };
        LineCol { line: line as u32, col: col as u32 }
    }

    /// Line and column → byte offset, or `None` when the line does not exist.
    ///
    /// A column past the end of its line clamps to the line end (as LSP asks); a column that
    /// falls inside a character (the middle of a UTF-16 surrogate pair, or of a UTF-8 sequence)
    /// rounds down to that character's start.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> Option<usize> {
        let line = pos.line as usize;
        if line >= self.line_starts.len() {
            return None;
        }
        let start = self.line_starts[line];
        let end = self.line_ends[line];
        let want = pos.col as usize;
        if self.ascii[line] {
            return Some((start + want).min(end));
        }
        let want = pos.col as usize;
        let cp = self.checkpoint(line, |c| c.units(enc) <= want);
        Some(start + cp.byte + col_to_byte(text[start + cp.byte..end].chars(), (want - cp.units(enc)) as u32, enc))
    }

    /// The last checkpoint of a long line satisfying `before` (the line start otherwise).
    fn checkpoint(&self, line: usize, before: impl Fn(&Checkpoint) -> bool) -> Checkpoint {
        let start = Checkpoint { byte: 0, utf16: 0, scalar: 0 };
        let Ok(i) = self.checkpoints.binary_search_by_key(&line, |(l, _)| *l) else { return start };
        let cps = &self.checkpoints[i].1;
        let n = cps.partition_point(|c| before(c));
        if n == 0 { start } else { cps[n - 1] }
    }

    /// Like [`LineIndex::offset`], but a line past the end clamps to the end of the text.
    pub fn offset_clamped(&self, text: &str, pos: LineCol, enc: Encoding) -> usize {
        self.offset(text, pos, enc).unwrap_or(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
    }

    #[test]
    fn columns_after_curly_quotes_dashes_and_emoji() {
        let text = "“Hi” — 😀x\r\nnext";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x, Encoding::Utf8), lc(0, 17));
        assert_eq!(idx.line_col(text, x, Encoding::Utf16), lc(0, 9));
        assert_eq!(idx.line_col(text, x, Encoding::Scalar), lc(0, 8));
        let n = text.find("next").unwrap();
        assert_eq!(idx.line_col(text, n, Encoding::Utf16), lc(1, 0));
        assert_eq!(idx.offset(text, lc(0, 9), Encoding::Utf16), Some(x));
    }

    #[test]
    fn lone_cr_and_crlf_end_lines() {
        let text = "a\rb\r\nc\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_range(1), Some(2..3));
        assert_eq!(idx.line_col(text, 5, Encoding::Utf8), lc(2, 0));
        assert_eq!(idx.line_col(text, 6, Encoding::Utf8), lc(2, 1));
        assert_eq!(idx.line_col(text, 7, Encoding::Utf8), lc(3, 0));
    }

    #[test]
    fn column_inside_surrogate_pair_rounds_down() {
        let text = "a😀b";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(text, lc(0, 2), Encoding::Utf16), Some(1));
        assert_eq!(idx.offset(text, lc(0, 3), Encoding::Utf16), Some(5));
    }

    #[test]
    fn long_lines_convert_through_checkpoints() {
        let line: String = "“word” 😀 — ".repeat(2000);
        let text = format!("{line}\nnext");
        let idx = LineIndex::new(&text);
        assert!(!idx.checkpoints.is_empty());
        for offset in text.char_indices().map(|(i, _)| i).step_by(997) {
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Scalar] {
                let lc = idx.line_col(&text, offset, enc);
                let naive: usize =
                    text[idx.line_range(lc.line as usize).unwrap().start..offset].chars().map(|c| width(c, enc)).sum();
                assert_eq!(lc.col as usize, naive, "offset {offset} {enc:?}");
                assert_eq!(idx.offset(&text, lc, enc), Some(offset));
            }
        }
    }

    #[test]
    fn out_of_range_positions() {
        let text = "ab\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(text, lc(5, 0), Encoding::Utf16), None);
        assert_eq!(idx.offset(text, lc(0, 99), Encoding::Utf16), Some(2));
        assert_eq!(idx.offset_clamped(text, lc(9, 9), Encoding::Utf16), 5);
        assert_eq!(idx.line_col(text, 99, Encoding::Utf8), lc(1, 2));
    }
}
