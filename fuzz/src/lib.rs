//! What the fuzz targets assert, as plain functions of bytes.
//!
//! Each target in `fuzz_targets/` is one line calling a function here, so that
//! `tests/fuzz_regressions.rs` in the main crate can replay a saved crash input through exactly
//! the same code (it includes this file with `#[path]`). Hence: no `arbitrary`, no libFuzzer
//! types, nothing the main crate's tests do not have — inputs are decoded from raw bytes by the
//! small [`Bytes`] reader below.

use copydesk::checks::all_rules;
use copydesk::config::{Config, NumberStyle, PercentStyle};
use copydesk::diagnostic::{Diagnostic, apply_edits, apply_safe_fixes, safe_edits};
use copydesk::document::DocKind;
use copydesk::engine;
use copydesk::position::{Encoding, LineCol, LineIndex};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

const KINDS: [DocKind; 2] = [DocKind::Markdown, DocKind::Plain];
const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Scalar];

/// The configs every draft is checked with: the default, and every rule on (AP style), and every
/// rule on with the other presets (BBC, "per cent", no short-quote allowance).
pub fn configs() -> Vec<Config> {
    let default = Config::default();
    let mut all_on = Config::default();
    for rule in all_rules() {
        all_on.set_severity(rule.id, Some(rule.default_severity));
    }
    let mut other = all_on.clone();
    other.figures.style = NumberStyle::Bbc;
    other.figures.percent = Some(PercentStyle::PerCent);
    other.quotes.short_quote_words = 0;
    vec![default, all_on, other]
}

/// The invariants of one check's findings on `text`.
///
/// Every range (the finding's, each related one's, each edit's) is ordered, inside the text and
/// on char boundaries; every fix's edits apply (`apply_edits` is `Some`); applying the safe fixes
/// applies at least one when there is one (so a silent refusal is caught), and the fixed text can
/// be checked again.
pub fn assert_diagnostics(text: &str, diags: &[Diagnostic], what: &str) {
    let in_text = |r: &std::ops::Range<usize>| {
        r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
    };
    for d in diags {
        assert!(
            in_text(&d.range),
            "{what}: {} range {:?} not in a text of {} bytes: {d:?}",
            d.rule,
            d.range,
            text.len()
        );
        for r in &d.related {
            assert!(in_text(&r.range), "{what}: {} related range {:?} out of text: {d:?}", d.rule, r.range);
        }
        for f in &d.fixes {
            for e in &f.edits {
                assert!(in_text(&e.range), "{what}: {} fix edit {:?} out of text: {d:?}", d.rule, e.range);
            }
            assert!(
                apply_edits(text, &f.edits).is_some(),
                "{what}: {} fix {:?} does not apply: {d:?}",
                d.rule,
                f.title
            );
        }
    }
    let has_safe = diags.iter().any(|d| d.fixes.iter().any(|f| f.safe));
    let (fixed, n) = apply_safe_fixes(text, diags);
    assert!(!has_safe || n >= 1, "{what}: safe fixes exist but none was applied");
    assert!(n > 0 || fixed == text, "{what}: no fix applied but the text changed");
}

/// `engine_bytes`: the file-reading path (NUL and UTF-8 rejection), then every kind and config.
pub fn engine_bytes(data: &[u8]) {
    let read = copydesk::cli::files::into_text(data.to_vec());
    let expect_ok = !data.contains(&0) && std::str::from_utf8(data).is_ok();
    assert_eq!(read.is_ok(), expect_ok, "into_text disagrees: {read:?}");
    if let Err(e) = &read {
        // The reason names the first NUL, else the first invalid byte.
        let want = match data.iter().position(|&b| b == 0) {
            Some(i) => format!("not a text file (NUL byte at offset {i})"),
            None => format!("not UTF-8 text (invalid byte at offset {})", utf8_prefix(data).len()),
        };
        assert_eq!(e, &want);
    }
    // The engine itself must cope with NUL bytes too (the server gets text that never went
    // through `into_text`): check any valid UTF-8, NULs included.
    let Ok(text) = std::str::from_utf8(data) else { return };
    for config in configs() {
        for kind in KINDS {
            let diags = engine::check(text, kind, &config);
            assert_diagnostics(text, &diags, &format!("{kind:?}"));
        }
    }
}

/// The longest valid UTF-8 prefix of `data` (how `engine_utf8` and `positions` read their input).
pub fn utf8_prefix(data: &[u8]) -> &str {
    match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap(),
    }
}

/// `engine_utf8`: arbitrary text, every kind and config, every invariant; then the text with its
/// safe fixes applied is checked again (what `copydesk fix` leaves must not crash the next run).
pub fn engine_utf8(data: &[u8]) {
    let text = utf8_prefix(data);
    let configs = configs();
    for (i, config) in configs.iter().enumerate() {
        for kind in KINDS {
            let what = format!("{kind:?}/config {i}");
            let diags = engine::check(text, kind, config);
            assert_diagnostics(text, &diags, &what);
            if i == 1 {
                let (fixed, n) = apply_safe_fixes(text, &diags);
                if n > 0 {
                    let again = engine::check(&fixed, kind, config);
                    assert_diagnostics(&fixed, &again, &format!("{what} after fix"));
                }
            }
        }
    }
}

/// `safe_fixes`: what `copydesk fix` promises, on arbitrary text of both kinds (default config).
/// See [`assert_safe_fixes`].
pub fn safe_fixes(data: &[u8]) {
    let text = utf8_prefix(data);
    let config = Config::default();
    for kind in KINDS {
        assert_safe_fixes(text, kind, &config);
    }
}

/// Applying every safe fix of one check changes no byte outside the ranges those fixes name
/// (each byte outside them is found again, shifted by the edits before it); and when every safe
/// fix could be applied (none skipped for overlapping another), a check of the fixed text offers
/// no new safe fix: fixes never chain, so fixing all at once and one at a time agree.
pub fn assert_safe_fixes(text: &str, kind: DocKind, config: &Config) {
    let diags = engine::check(text, kind, config);
    let (mut edits, applied) = safe_edits(&diags);
    let with_safe = diags.iter().filter(|d| d.fixes.iter().any(|f| f.safe)).count();
    let Some(fixed) = apply_edits(text, &edits) else {
        panic!("{kind:?}: the safe fixes do not apply together: {edits:?}");
    };
    assert_eq!(apply_safe_fixes(text, &diags), (fixed.clone(), applied));
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut shift = 0isize;
    let mut prev = 0;
    for e in edits.iter().chain(std::iter::once(&copydesk::Edit::insert(text.len(), ""))) {
        let gap = &text[prev..e.range.start.max(prev)];
        let at = prev.checked_add_signed(shift).expect("in range");
        assert_eq!(
            fixed.get(at..at + gap.len()),
            Some(gap),
            "{kind:?}: bytes {prev}..{} outside the fixes changed",
            e.range.start
        );
        shift += e.text.len() as isize - e.range.len() as isize;
        prev = e.range.end.max(prev);
    }
    assert_eq!(fixed.len() as isize, text.len() as isize + shift, "{kind:?}: length");
    if applied == with_safe && applied > 0 {
        let again = engine::check(&fixed, kind, config);
        let chained: Vec<&Diagnostic> = again.iter().filter(|d| d.fixes.iter().any(|f| f.safe)).collect();
        assert!(chained.is_empty(), "{kind:?}: a new safe fix after fixing {text:?} into {fixed:?}: {chained:#?}");
    }
}

fn width(c: char, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => c.len_utf8(),
        Encoding::Utf16 => c.len_utf16(),
        Encoding::Scalar => 1,
    }
}

/// Lines by hand: (content start, content end) of each line; ends are `\n`, `\r\n`, lone `\r`.
pub fn naive_lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                lines.push((start, i));
                i += 1;
                start = i;
            }
            b'\r' => {
                lines.push((start, i));
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
            }
            _ => i += 1,
        }
    }
    lines.push((start, b.len()));
    lines
}

/// An LSP position → byte offset, by hand: a line past the end is the end of the text; a column
/// past the line's content is its end; a column inside a character is that character's start.
pub fn naive_offset(text: &str, lines: &[(usize, usize)], line: u32, col: u32, enc: Encoding) -> usize {
    let Some(&(start, end)) = lines.get(line as usize) else { return text.len() };
    let mut units = 0usize;
    for (i, c) in text[start..end].char_indices() {
        if units + width(c, enc) > col as usize {
            return start + i;
        }
        units += width(c, enc);
    }
    end
}

/// `positions`: `LineIndex` against the hand-made model, on the text and on positions taken from
/// the input bytes (huge lines and columns included).
pub fn positions(data: &[u8]) {
    let text = utf8_prefix(data);
    let idx = LineIndex::new(text);
    let lines = naive_lines(text);
    assert_eq!(idx.line_count(), lines.len());
    for (l, &(s, e)) in lines.iter().enumerate() {
        assert_eq!(idx.line_range(l), Some(s..e), "line {l}");
    }
    assert_eq!(idx.line_range(lines.len()), None);
    // Char boundaries (at most ~256 of them, evenly spread): offset → line/col → offset, the
    // expected line and columns counted by hand in one pass.
    let n_bounds = text.chars().count() + 1;
    let step = n_bounds.div_ceil(256);
    let b = text.as_bytes();
    let (mut line, mut cols) = (0u32, [0u32; 3]);
    for (k, item) in text.char_indices().map(Some).chain(std::iter::once(None)).enumerate() {
        let off = item.map_or(text.len(), |(i, _)| i);
        if k.is_multiple_of(step) || item.is_none() {
            // An offset between the \r and \n of a CRLF has no position of its own: it reads
            // as the end of its line's content.
            let mid_crlf = off > 0 && b[off - 1] == b'\r' && b.get(off) == Some(&b'\n');
            let (s, e) = lines[line as usize];
            assert_eq!(idx.line_of(off), line as usize, "line of offset {off}");
            assert!(s <= off && (off <= e || mid_crlf), "offset {off} not on its line {line} ({s}..{e})");
            for (enc, col) in ENCODINGS.into_iter().zip(cols) {
                let lc = idx.line_col(text, off, enc);
                assert_eq!(lc, LineCol { line, col }, "offset {off} {enc:?}");
                let back = idx.offset(text, lc, enc);
                assert_eq!(back, Some(if mid_crlf { e } else { off }), "offset {off} {enc:?} via {lc:?}");
            }
        }
        match item {
            Some((i, '\r')) if b.get(i + 1) == Some(&b'\n') => {} // the \n ends the line
            Some((_, '\r' | '\n')) => {
                line += 1;
                cols = [0; 3];
            }
            Some((_, c)) => {
                for (enc, col) in ENCODINGS.into_iter().zip(cols.iter_mut()) {
                    *col += width(c, enc) as u32;
                }
            }
            None => {}
        }
    }
    // Positions from the bytes: in range or not, inside characters or not.
    for chunk in data.chunks_exact(8).take(64) {
        let line = u32::from_le_bytes(chunk[..4].try_into().unwrap());
        let col = u32::from_le_bytes(chunk[4..].try_into().unwrap());
        // Mostly small lines, sometimes anything.
        let line = if line & 0x8000_0000 == 0 { line % (lines.len() as u32 + 2) } else { line };
        let col = if col & 0x8000_0000 == 0 { col % 80 } else { col };
        for enc in ENCODINGS {
            let pos = LineCol { line, col };
            let want = naive_offset(text, &lines, line, col, enc);
            let got = idx.offset(text, pos, enc);
            if (line as usize) < lines.len() {
                assert_eq!(got, Some(want), "{pos:?} {enc:?}");
                let lc = idx.line_col(text, want, enc);
                assert_eq!(lc.line, line);
                assert!(lc.col <= col, "{pos:?} {enc:?} came back as {lc:?}");
            } else {
                assert_eq!(got, None, "{pos:?} {enc:?}");
            }
            assert_eq!(idx.offset_clamped(text, pos, enc), want, "{pos:?} {enc:?} clamped");
        }
    }
    // Offsets anywhere (past the end, inside characters) clamp and never panic.
    for chunk in data.chunks_exact(4).take(64) {
        let off = u32::from_le_bytes(chunk.try_into().unwrap()) as usize;
        for enc in ENCODINGS {
            let lc = idx.line_col(text, off, enc);
            assert!((lc.line as usize) < lines.len());
        }
    }
}

/// A reader that turns fuzz bytes into values; it yields zeros once the bytes run out.
pub struct Bytes<'a> {
    data: &'a [u8],
}

/// Pieces drafts are made of, so short inputs reach curly quotes, emoji and every line end.
const PIECES: &[&str] = &[
    "\n", "\r\n", "\r", "“", "”", "‘", "’", "\"", "—", "😀", "👍🏽", "é", "𝄞", " said ", "https://", "50%", "\r\r\n",
    "\n\r",
];

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data }
    }
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }
    /// A line or column: usually small, sometimes just past a typical line, sometimes huge.
    pub fn pos(&mut self) -> u32 {
        match self.byte() {
            b @ 0..=239 => u32::from(b % 40),
            240..=251 => u32::from(self.byte()),
            252 => u32::MAX,
            253 => i32::MAX as u32,
            _ => u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()]),
        }
    }
    /// Inserted text: a piece, or up to 31 raw bytes read as (lossy) UTF-8.
    pub fn text(&mut self) -> String {
        let b = self.byte();
        if b & 0x80 != 0 {
            let mut s = String::new();
            for _ in 0..=(b & 0x3) {
                s.push_str(PIECES[self.byte() as usize % PIECES.len()]);
            }
            s
        } else {
            let n = (b & 0x1f) as usize;
            let n = n.min(self.data.len());
            let (raw, rest) = self.data.split_at(n);
            self.data = rest;
            String::from_utf8_lossy(raw).into_owned()
        }
    }
}

/// One LSP content change, as the fuzz input describes it (no LSP types here).
#[derive(Debug, Clone)]
pub struct Change {
    /// `None`: replace the whole text.
    pub range: Option<((u32, u32), (u32, u32))>,
    pub text: String,
}

/// Decode `incremental_sync`'s input: encoding, kind, the opening text, then up to 200 changes.
pub fn decode_sync(data: &[u8]) -> (Encoding, DocKind, String, Vec<Change>) {
    let mut b = Bytes::new(data);
    let head = b.byte();
    let enc = ENCODINGS[head as usize % 3];
    let kind = KINDS[(head as usize / 3) % 2];
    let mut initial = String::new();
    for _ in 0..(b.byte() % 8) {
        initial.push_str(&b.text());
    }
    let mut changes = Vec::new();
    while !b.is_empty() && changes.len() < 200 {
        let op = b.byte();
        let range = if op.is_multiple_of(32) { None } else { Some(((b.pos(), b.pos()), (b.pos(), b.pos()))) };
        changes.push(Change { range, text: b.text() });
    }
    (enc, kind, initial, changes)
}

/// The reference model of one change: a plain `String`, positions by hand; a reversed range is
/// treated as empty at its start (as the server does).
pub fn naive_apply(text: &mut String, change: &Change, enc: Encoding) {
    match change.range {
        None => *text = change.text.clone(),
        Some(((l1, c1), (l2, c2))) => {
            let lines = naive_lines(text);
            let start = naive_offset(text, &lines, l1, c1, enc);
            let end = naive_offset(text, &lines, l2, c2, enc).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}

/// `incremental_sync`: the changes applied the way the server applies them (`lsp::Document::apply`
/// on a rope) give the reference model's text after every change, and the final text's findings
/// are those of the same text checked from scratch.
pub fn incremental_sync(data: &[u8]) {
    let (enc, kind, initial, changes) = decode_sync(data);
    let mut doc = copydesk::lsp::Document::new(&initial, 1, Some(kind));
    let mut model = initial.clone();
    for (i, change) in changes.iter().enumerate() {
        let event = TextDocumentContentChangeEvent {
            range: change.range.map(|((l1, c1), (l2, c2))| Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: change.text.clone(),
        };
        doc.apply(&event, enc);
        naive_apply(&mut model, change, enc);
        assert_eq!(doc.text(), model, "after change {i} ({enc:?}): {change:?}");
    }
    let text = doc.text();
    let config = Config::default();
    let incremental = engine::check(&text, kind, &config);
    assert_eq!(incremental, engine::check(&model, kind, &config));
    assert_diagnostics(&text, &incremental, "after sync");
}
