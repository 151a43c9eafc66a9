//! Tokens and sentences: words, numbers (digits with `,` or thin-space thousands groups and one
//! decimal point) and single punctuation characters, in the pieces of prose the sentence search
//! kept; sentences split after `.`, `!`, `?` (not after abbreviations, initials or inside a
//! decimal), at block boundaries and before list items. Tokens inside URLs are left out.

use std::ops::Range;

use crate::document::{Document, LinkKind};

use super::numbers::currency_symbol;
use super::sentences::{list_marker, pieces_with_figures, spelled_openings};
use super::words::{Candidate, candidate, is_abbreviation};
use super::{Ledger, Tok, Token};

/// Byte classes for [`Ledger::tokenize`].
const OTHER: u8 = 0;
const SPACE: u8 = 1;
const NEWLINE: u8 = 2;
const DIGIT: u8 = 3;
const LETTER: u8 = 4;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            b' ' | b'\t' | b'\r' => SPACE,
            b'\n' => NEWLINE,
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            _ => OTHER,
        };
        c += 1;
    }
    t
};

impl Ledger {
    /// One pass over the prose: tokens, sentences, and the tokens that may start a date or a
    /// figure (numbers, currency signs, number words, capitalized month and weekday names), so
    /// that the later passes look at those alone.
    pub(super) fn scan(&mut self, doc: &Document<'_>, full: bool) -> Vec<usize> {
        let prose = doc.prose.as_str();
        let bytes = prose.as_bytes();
        let urls = &mut Vec::new();
        url_ranges(doc, urls);
        let openings = &mut Vec::new();
        if !full {
            spelled_openings(doc, openings);
        }
        // The ranges to read, in order, without overlap: the sentences that may hold a figure.
        let spans: &mut Vec<Range<usize>> = &mut Vec::new();
        spans.reserve(doc.blocks.len());
        let mut covered = 0usize;
        let (mut url_cursor, mut opening_cursor) = (0, 0);
        for b in &doc.blocks {
            let r = b.range.start.max(covered)..b.range.end.max(covered);
            if r.is_empty() {
                continue;
            }
            covered = r.end;
            if full {
                match spans.last_mut() {
                    Some(last) if last.end == r.start => last.end = r.end,
                    _ => spans.push(r),
                }
            } else {
                pieces_with_figures(bytes, r, (urls, &mut url_cursor), (openings, &mut opening_cursor), spans);
            }
        }
        // The spans, lowercased, one after another (ASCII case changes keep the UTF-8 valid).
        self.lower.reserve_exact(spans.iter().map(|r| r.len()).sum());
        for r in spans.iter() {
            self.lower.push_str(&prose[r.clone()]);
        }
        self.lower.make_ascii_lowercase();
        self.tokenize(doc, spans, urls)
    }

    /// Tokens and sentences of `spans` (in order, without overlap), and the tokens that may start
    /// a date or a figure.
    ///
    /// Block and URL boundaries are compared against the next offset where one can happen, and
    /// the sentence rules run only after a line break or a sentence-ending mark. A word is a
    /// figure candidate if [`candidate`] says it may start one.
    pub(super) fn tokenize(&mut self, doc: &Document<'_>, spans: &[Range<usize>], urls: &[Range<usize>]) -> Vec<usize> {
        let mut candidates = Vec::new();
        let prose = doc.prose.as_str();
        let bytes = prose.as_bytes();
        let lower = self.lower.as_str();
        let blocks = &doc.blocks;
        // The URL `u` and where the next one starts.
        let mut u = 0usize;
        let mut url_at = urls.first().map_or(usize::MAX, |r| r.start);
        // The block of the last token (`cur_block`), and the first offset where a token's block
        // may differ from it.
        let mut bi = 0usize;
        let mut cur_block: Option<usize> = None;
        let mut block_change_at = 0usize;
        let mut sentence = 0usize;
        let mut sent_start = 0usize;
        // A sentence-ending mark was seen (closing quotes after it keep it pending).
        let mut pending_end = false;
        // The period followed an abbreviation that takes a number ("No. 5").
        let mut before_number = false;
        let mut newlines = 0u32;
        let mut last_end = usize::MAX;
        // Reserve from the measured density of news prose (a token per ~4.5 bytes, a candidate per
        // ~12 tokens, a sentence per ~25 tokens): growing these vectors was a tenth of the time.
        let read: usize = spans.iter().map(|r| r.len()).sum();
        candidates.reserve(read / 40);
        self.tokens.reserve(read / 4);
        self.sentences.reserve(read / 100);
        // Where the span's text starts in `lower`.
        let mut span_lo = 0usize;
        for span in spans {
            let n = span.end;
            let mut i = span.start;
            // `lower` offset = prose offset - shift.
            let shift = span.start - span_lo;
            span_lo += span.len();
            while i < n {
                let b = bytes[i];
                let class = BYTE_CLASS[usize::from(b)];
                if class == SPACE {
                    i += 1;
                    // Blanked markup leaves long runs of spaces: skip them eight at a time.
                    while i + 8 <= n && bytes[i..i + 8] == *b"        " {
                        i += 8;
                    }
                    continue;
                }
                if class == NEWLINE {
                    newlines += 1;
                    i += 1;
                    continue;
                }
                if i >= url_at {
                    while u < urls.len() && urls[u].end <= i {
                        u += 1;
                    }
                    url_at = urls.get(u).map_or(usize::MAX, |r| r.start);
                    if url_at <= i {
                        i = urls[u].end;
                        continue;
                    }
                }
                let start = i;
                let kind = if class == DIGIT {
                    // Within the span: a number's groups ("5 000") do not run on into the next
                    // block (table cells "|5|000|"), whose text may not be in `lower`.
                    i = scan_number(&bytes[..n], i);
                    Tok::Number
                } else if class == LETTER {
                    i += 1;
                    loop {
                        while i < n && bytes[i].is_ascii_alphabetic() {
                            i += 1;
                        }
                        if i >= n {
                            break;
                        }
                        let b = bytes[i];
                        if b < 0x80 && b != b'\'' {
                            break;
                        }
                        let c = if b < 0x80 { b as char } else { prose[i..].chars().next().unwrap_or(' ') };
                        if c.is_alphabetic()
                            || ((c == '\'' || c == '’')
                                && prose[i + c.len_utf8()..].chars().next().is_some_and(char::is_alphabetic))
                        {
                            i += c.len_utf8();
                        } else {
                            break;
                        }
                    }
                    Tok::Word
                } else {
                    let c = if b < 0x80 { b as char } else { prose[i..].chars().next().unwrap_or(' ') };
                    i += c.len_utf8();
                    if c.is_whitespace() {
                        continue;
                    }
                    if c.is_alphabetic() {
                        while i < n {
                            let c = if bytes[i] < 0x80 {
                                bytes[i] as char
                            } else {
                                prose[i..].chars().next().unwrap_or(' ')
                            };
                            if c.is_alphabetic() {
                                i += c.len_utf8();
                            } else {
                                break;
                            }
                        }
                        Tok::Word
                    } else {
                        Tok::Punct(c)
                    }
                };
                let t = self.tokens.len();
                let touching = last_end == start;
                last_end = i;
                // A new sentence at this token? Only a block boundary, a line break or a
                // sentence-ending mark can start one.
                let block_changed = start >= block_change_at;
                if block_changed || newlines > 0 || pending_end {
                    let mut block = cur_block;
                    if block_changed {
                        while bi < blocks.len() && blocks[bi].range.end <= start {
                            bi += 1;
                        }
                        let inside = bi < blocks.len() && blocks[bi].range.start <= start;
                        block = inside.then_some(bi);
                        block_change_at = match blocks.get(bi) {
                            Some(bl) if inside => bl.range.end,
                            Some(bl) => bl.range.start,
                            None => usize::MAX,
                        };
                    }
                    let mut new = block != cur_block || newlines >= 2 || (newlines >= 1 && list_marker(bytes, start));
                    if !new && pending_end && !touching {
                        new = match kind {
                            Tok::Number => !before_number,
                            Tok::Word => prose[start..].chars().next().is_some_and(char::is_uppercase),
                            Tok::Punct(c) => {
                                matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '$' | '£' | '€' | '—' | '-' | '*')
                            }
                        };
                    }
                    if new && t > sent_start {
                        self.sentences.push(sent_start..t);
                        sent_start = t;
                        sentence += 1;
                    }
                    cur_block = block;
                    newlines = 0;
                }
                let lo = start - shift;
                self.tokens.push(Token { range: start..i, kind, sentence: sentence as u32, lo: lo as u32 });
                let candidate = match kind {
                    Tok::Number => {
                        pending_end = false;
                        true
                    }
                    Tok::Word => {
                        pending_end = false;
                        let w = &lower[lo..lo + (i - start)];
                        match candidate(w) {
                            Some(Candidate::Spelled) => true,
                            Some(_) => bytes[start].is_ascii_uppercase(),
                            None => false,
                        }
                    }
                    Tok::Punct(c) => {
                        match c {
                            '.' | '!' | '?' => {
                                let abbreviation = c == '.' && touching && t >= 1 && self.abbreviation_before(t);
                                let numbered =
                                    abbreviation && matches!(self.word(t - 1), "no" | "nos" | "vol" | "pp" | "fig");
                                pending_end = !abbreviation || numbered;
                                before_number = numbered;
                            }
                            '"' | '\'' | '”' | '’' | ')' | ']' if touching && pending_end => {}
                            _ => pending_end = false,
                        }
                        currency_symbol(c).is_some()
                    }
                };
                if candidate {
                    candidates.push(t);
                }
                // The one space between words, skipped here rather than by a turn of the loop, and
                // without a branch: after a word comes a space or a mark, unpredictably.
                let one_space = (i + 1 < n) & (bytes.get(i) == Some(&b' ')) & (bytes.get(i + 1) != Some(&b' '));
                i += usize::from(one_space);
            }
        }
        if sent_start < self.tokens.len() {
            self.sentences.push(sent_start..self.tokens.len());
        }
        candidates
    }

    pub(super) fn abbreviation_before(&self, dot: usize) -> bool {
        let w = dot - 1;
        let t = &self.tokens[w];
        if t.kind != Tok::Word {
            return false;
        }
        let word = self.word(w);
        // A single letter: an initial ("J. Smith"), or part of "U.S." / "a.m.".
        if word.chars().count() == 1 {
            return true;
        }
        // "U.S." style: a letter, a dot, a letter.
        if w >= 2 && self.is_punct(w - 1, '.') && self.touching(w - 1) && self.touching(w - 2) {
            return true;
        }
        if is_abbreviation(word.as_bytes()) {
            // Titles and months are followed by a name or a number; "No." by a number.
            return true;
        }
        false
    }
}

/// Ranges of the prose that are URLs: bare links and autolinks whole, other links' destinations.
pub(super) fn url_ranges(doc: &Document<'_>, v: &mut Vec<Range<usize>>) {
    v.extend(
        doc.links
            .iter()
            .map(|l| match l.kind {
                LinkKind::Bare | LinkKind::Autolink => l.range.clone(),
                LinkKind::Inline | LinkKind::Definition => l.dest.clone(),
            })
            .filter(|r| !r.is_empty()),
    );
    v.sort_by_key(|r| r.start);
}

/// The end of a number starting at `i`: digits, `,`- or thin-space-separated groups of three, and
/// one decimal part.
pub(super) fn scan_number(b: &[u8], mut i: usize) -> usize {
    let start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let lead = i - start;
    let group_at = |j: usize| -> bool {
        j + 3 <= b.len()
            && b[j..j + 3].iter().all(u8::is_ascii_digit)
            && b.get(j + 3).is_none_or(|c| !c.is_ascii_digit())
    };
    if lead <= 3 {
        // 1,250,000
        while i < b.len() && b[i] == b',' && group_at(i + 1) {
            i += 4;
        }
        // 1 250: a no-break, thin or plain space between groups of three.
        loop {
            let sep = if b[i..].starts_with("\u{a0}".as_bytes()) {
                2
            } else if b[i..].starts_with("\u{202f}".as_bytes()) || b[i..].starts_with("\u{2009}".as_bytes()) {
                3
            } else if i < b.len() && b[i] == b' ' {
                1
            } else {
                0
            };
            if sep > 0 && group_at(i + sep) {
                i += sep + 3;
            } else {
                break;
            }
        }
    }
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    i
}
