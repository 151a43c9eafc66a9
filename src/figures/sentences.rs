//! Which sentences to read: the pieces of each block that may hold a figure (a digit other than a
//! year's, a currency or percent sign, a colon after a spelled-out count, a spelled-out number
//! opening the sentence), cut where the tokenizer's own sentence split is sure to cut too.

use std::ops::Range;

use crate::document::Document;

use super::words::{OPENING_WORDS, UNIT_WORDS, class, classes_of, counted_noun_bytes, is_abbreviation};

/// Whether a byte may belong to a figure: a digit, `$`, `%`, or the last byte of £ ¥ € ₹ ₽ ₴ (a
/// few other letters end in these bytes too; reading a sentence too many only costs time).
#[inline(always)]
pub(super) const fn trigger_byte(c: u8) -> u8 {
    ((c.wrapping_sub(b'0') < 10)
        | (c == b'$')
        | (c == b'%')
        | (c == 0xA3)
        | (c == 0xA5)
        | (c == 0xAC)
        | (c == 0xB9)
        | (c == 0xBD)
        | (c == 0xB4)) as u8
}

/// Whether a colon in `piece` follows a spelled-out count within a few words ("three cities:",
/// "two pieces of equipment:", "five main campaigns of the Liberation of France:"): the one use
/// `figure/count` has for a sentence without digits.
pub(super) fn counts_a_list(piece: &[u8]) -> bool {
    memchr::memchr_iter(b':', piece).any(|colon| {
        let mut i = colon;
        for _ in 0..11 {
            while i > 0 && matches!(piece[i - 1], b' ' | b'-') {
                i -= 1;
            }
            let end = i;
            while i > 0 && piece[i - 1].is_ascii_alphabetic() {
                i -= 1;
            }
            // Punctuation ends the look-back; the letters are ASCII, so the word is a `str`.
            if i == end {
                return false;
            }
            let word = std::str::from_utf8(&piece[i..end]).unwrap_or("").to_ascii_lowercase();
            if UNIT_WORDS.get(&word).is_some_and(|v| (2.0..=12.0).contains(&v)) {
                return true;
            }
        }
        false
    })
}

/// The sentences of a block that may hold a figure, in order: each holds a [`trigger_byte`] that
/// is not only a year's digit ([`more_than_years`]), a colon after a spelled-out count
/// ([`counts_a_list`]) or opens with a spelled-out number ([`spelled_openings`]).
///
/// Sentences are cut where the ledger's own sentence split is sure to cut too: after `.` `!` `?`
/// (and closing quotes or brackets), then white space, then an ASCII capital or an opening quote,
/// never after an abbreviation, an initial or a `U.S.`-style letter group; and before a line that
/// starts a list item. A cut missed only makes a piece longer, so the ledger reads whole sentences
/// of its own. Only the marks next to a trigger are looked at: the search for triggers is what
/// reads every byte, 32 at a time.
///
/// `urls` are the document's URL ranges, in order: a digit in a URL or in an HTML character
/// reference (`&#8217;`) is not a figure. Blocks come in order, so `urls` and `openings` each
/// come with a cursor that the next block starts its search from.
pub(super) fn pieces_with_figures(
    bytes: &[u8],
    block: Range<usize>,
    (urls, url_cursor): (&[Range<usize>], &mut usize),
    (openings, opening_cursor): (&[usize], &mut usize),
    out: &mut Vec<Range<usize>>,
) {
    let base = block.start;
    let text = &bytes[block.clone()];
    let (mut u, mut o) = (*url_cursor, *opening_cursor);
    while u < urls.len() && urls[u].end <= base {
        u += 1;
    }
    while o < openings.len() && openings[o] < base {
        o += 1;
    }
    (*url_cursor, *opening_cursor) = (u, o);
    let mut has_tags: Option<bool> = None;
    let mut pos = 0;
    loop {
        while o < openings.len() && openings[o] < base + pos {
            o += 1;
        }
        let opening = openings.get(o).map(|&w| w - base).filter(|&w| w < text.len());
        let t = match (find_trigger(text, pos), opening) {
            (Some(t), Some(w)) => t.min(w),
            (Some(t), None) => t,
            (None, Some(w)) => w,
            (None, None) => break,
        };
        if opening == Some(t) {
            let end = cut_after(text, t);
            match out.last_mut() {
                Some(last) if last.end == base + t => last.end = base + end,
                _ => out.push(base + t..base + end),
            }
            pos = end;
            continue;
        }
        while u < urls.len() && urls[u].end <= base + t {
            u += 1;
        }
        if u < urls.len() && urls[u].start <= base + t {
            pos = (urls[u].end - base).min(text.len());
            continue;
        }
        // Inside an HTML tag left in the text (`<p style="padding-left: 30px">`): markup, not prose.
        // Most blocks have no `<` at all: one search per block says so.
        let tags = *has_tags.get_or_insert_with(|| memchr::memchr(b'<', text).is_some());
        if tags && let Some(close) = inside_tag(text, t) {
            pos = close + 1;
            continue;
        }
        if t >= 2 && &text[t - 2..t] == b"&#" {
            pos = t + 1;
            while pos < text.len() && text[pos].is_ascii_digit() {
                pos += 1;
            }
            continue;
        }
        let end = cut_after(text, t);
        // Nothing in `pos..t` is a trigger (`t` is the first one after `pos`). The sentence's
        // start is looked for only when it is kept, or when a colon may make it a list.
        let keep = more_than_years(text, t, end)
            || (memchr::memchr(b':', &text[pos..end]).is_some() && counts_a_list(&text[cut_before(text, pos, t)..end]));
        if keep {
            let start = cut_before(text, pos, t);
            match out.last_mut() {
                Some(last) if last.end == base + start => last.end = base + end,
                _ => out.push(base + start..base + end),
            }
        }
        pos = end;
    }
}

/// Where sentences of a block open with a spelled-out number ("Twelve people were killed"): news
/// style spells out a number that starts a sentence, so a lede often holds no digit at all. One
/// search of the whole prose for the capitalized words (they are rare), then a look at what comes
/// before each: the start of a block, or a mark that surely ends a sentence.
pub(super) fn spelled_openings(doc: &Document<'_>, v: &mut Vec<usize>) {
    static FINDER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(OPENING_WORDS)
            .expect("fixed word list")
    });
    let text = doc.prose.as_bytes();
    let blocks = &doc.blocks;
    let mut b = 0;
    for m in finder.find_iter(text) {
        let (i, end) = (m.start(), m.end());
        if text.get(end).is_some_and(u8::is_ascii_alphabetic) || (i > 0 && text[i - 1].is_ascii_alphanumeric()) {
            continue;
        }
        while b < blocks.len() && blocks[b].range.end <= i {
            b += 1;
        }
        let Some(block) = blocks.get(b).filter(|bl| bl.range.start <= i) else { continue };
        let head = &text[block.range.start..i];
        let opens_block = head.iter().all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'*' | b'_'));
        let opens_sentence = opens_block
            || memchr::memrchr3(b'.', b'!', b'?', head)
                .is_some_and(|p| sentence_cut(&text[block.range.clone()], p) == Some(head.len()));
        if opens_sentence {
            v.push(i);
        }
    }
}

/// The end (`>`) of the HTML tag around byte `t`, if `t` is inside one: a `<` and a letter or `/`
/// before it on the same line with no `>` between, and a `>` after it on the same line.
pub(super) fn inside_tag(text: &[u8], t: usize) -> Option<usize> {
    let lo = t.saturating_sub(200);
    let open = lo + memchr::memrchr3(b'<', b'>', b'\n', &text[lo..t])?;
    if text[open] != b'<' || !text.get(open + 1).is_some_and(|&c| c.is_ascii_alphabetic() || c == b'/') {
        return None;
    }
    let hi = (t + 200).min(text.len());
    let close = t + memchr::memchr3(b'>', b'<', b'\n', &text[t..hi])?;
    (text[close] == b'>').then_some(close)
}

/// Whether `text[from..end]` has a [`trigger_byte`] besides the digits of years standing alone
/// ("in 2019"): a sentence whose only numbers are years holds no figure the checks compare. Four
/// digits with a scale, percent or currency word next to them are an amount, not a year ("1800
/// million", "1900 percent", "eur 2019"), and so may be four digits before one of
/// [`COUNTED_NOUNS`] ("2000 people"), as [`Ledger::figure_at`] reads them. The bytes before
/// `from` are looked at too.
pub(super) fn more_than_years(text: &[u8], from: usize, end: usize) -> bool {
    let piece = &text[..end];
    let mut pos = from;
    while let Some(t) = find_trigger(piece, pos) {
        if piece[t] == b':' {
            pos = t + 1;
            continue;
        }
        if !piece[t].is_ascii_digit() {
            return true;
        }
        let mut end = t;
        while end < piece.len() && piece[end].is_ascii_digit() {
            end += 1;
        }
        let before = if t > 0 { piece[t - 1] } else { b' ' };
        let after = piece.get(end).copied().unwrap_or(b' ');
        let after2 = piece.get(end + 1).copied().unwrap_or(b' ');
        // Four digits from 1800 to 2099, not part of a longer number, a date or a label.
        let not_year = end - t != 4
            || !matches!(&piece[t..t + 2], b"18" | b"19" | b"20")
            || before.is_ascii_alphanumeric()
            || matches!(before, b',' | b'.' | b'/' | b'-' | b':' | b'#' | b'&')
            || after.is_ascii_alphanumeric()
            || after >= 0x80
            || (matches!(after, b',' | b'.' | b'/' | b'-' | b':') && after2.is_ascii_digit())
            || classes_of(word_after(piece, end)) & AMOUNT != 0
            || counted_noun_bytes(word_after(piece, end))
            || classes_of(word_before(piece, t)) & class::CODE != 0;
        if not_year {
            return true;
        }
        pos = end;
    }
    false
}

/// The words after a number that make it an amount ("1800 million", "1900 percent").
pub(super) const AMOUNT: u32 =
    class::SCALE | class::CODE | class::CURRENCY | class::PERCENT | class::PER | class::PERCENTAGE | class::PP;

/// The ASCII letters after the white space at `i` in `text` (empty when none).
pub(super) fn word_after(text: &[u8], i: usize) -> &[u8] {
    let start = i + text[i..].iter().take_while(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')).count();
    &text[start..start + text[start..].iter().take_while(|c| c.is_ascii_alphabetic()).count()]
}

/// The ASCII letters before the white space that ends at `i` in `text` (empty when none).
pub(super) fn word_before(text: &[u8], i: usize) -> &[u8] {
    let end = i - text[..i].iter().rev().take_while(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')).count();
    &text[end - text[..end].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count()..end]
}

/// The first [`trigger_byte`] or colon at or after `from`.
///
/// 32 bytes at a time through a coarse filter of three ranges (digits and `:`, `$` `%`, and the
/// bytes `0xA3..=0xBD` that end the currency signs, and also some accented letters), then the
/// exact table on a chunk that passes it.
pub(super) fn find_trigger(text: &[u8], from: usize) -> Option<usize> {
    #[inline(always)]
    pub(super) fn coarse(c: u8) -> u8 {
        u8::from(c.wrapping_sub(b'0') < 11) | u8::from(c.wrapping_sub(b'$') < 2) | u8::from(c.wrapping_sub(0xA3) < 0x1B)
    }
    let exact = |c: &u8| TRIGGER_OR_COLON[usize::from(*c)];
    let rest = text.get(from..)?;
    let mut chunks = rest.chunks_exact(32);
    let mut at = from;
    for chunk in &mut chunks {
        if chunk.iter().fold(0u8, |acc, &c| acc | coarse(c)) != 0
            && let Some(i) = chunk.iter().position(exact)
        {
            return Some(at + i);
        }
        at += 32;
    }
    chunks.remainder().iter().position(exact).map(|i| at + i)
}

/// [`trigger_byte`] or a colon, as a table for the byte-at-a-time ends of [`find_trigger`].
pub(super) static TRIGGER_OR_COLON: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = trigger_byte(c as u8) != 0 || c as u8 == b':';
        c += 1;
    }
    t
};

/// Where the sentence holding byte `t` starts: the last cut in `from..=t`, or `from`.
///
/// Walks back mark by mark; the search for line breaks (list items) stops at the mark before
/// them, so no byte is searched twice.
pub(super) fn cut_before(text: &[u8], from: usize, t: usize) -> usize {
    let mut p = t;
    while p > from {
        let mark = memchr::memrchr3(b'.', b'!', b'?', &text[from..p]).map(|k| from + k);
        let lo = mark.map_or(from, |m| m + 1);
        let mut q = p;
        while let Some(k) = memchr::memrchr(b'\n', &text[lo..q]) {
            let nl = lo + k;
            if let Some(c) = list_item_after(text, nl).filter(|&c| c <= t) {
                return c;
            }
            q = nl;
        }
        let Some(m) = mark else { break };
        if let Some(c) = sentence_cut(text, m).filter(|&c| c <= t) {
            return c;
        }
        p = m;
    }
    from
}

/// Where the sentence holding byte `t` ends: the first cut after `t`, or the end of the block.
///
/// Walks forward mark by mark, searching for line breaks only up to the next mark.
pub(super) fn cut_after(text: &[u8], t: usize) -> usize {
    let mut p = t;
    while p < text.len() {
        let mark = memchr::memchr3(b'.', b'!', b'?', &text[p..]).map(|k| p + k);
        let hi = mark.unwrap_or(text.len());
        let mut q = p;
        while let Some(k) = memchr::memchr(b'\n', &text[q..hi]) {
            let nl = q + k;
            if let Some(c) = list_item_after(text, nl).filter(|&c| c > t) {
                return c;
            }
            q = nl + 1;
        }
        let Some(m) = mark else { break };
        if let Some(c) = sentence_cut(text, m).filter(|&c| c > t) {
            return c;
        }
        p = m + 1;
    }
    text.len()
}

/// The start of a list item on the line after the line break at `nl`, if there is one.
pub(super) fn list_item_after(text: &[u8], nl: usize) -> Option<usize> {
    let mut i = nl + 1;
    while i < text.len() && matches!(text[i], b' ' | b'\t') {
        i += 1;
    }
    list_marker(text, i).then_some(i)
}

/// Whether a list item's marker starts at `i` (the first thing on its line): `*`, `-`, `+` or `•`,
/// or up to three digits and `.` or `)`, then a space.
pub(super) fn list_marker(text: &[u8], i: usize) -> bool {
    let after = match text.get(i) {
        Some(b'*' | b'-' | b'+') => i + 1,
        Some(0xE2) if text.get(i + 1..i + 3) == Some(&[0x80, 0xA2]) => i + 3,
        Some(c) if c.is_ascii_digit() => {
            let mut j = i;
            while j < text.len() && j - i < 3 && text[j].is_ascii_digit() {
                j += 1;
            }
            if !matches!(text.get(j), Some(b'.' | b')')) {
                return false;
            }
            j + 1
        }
        _ => return false,
    };
    matches!(text.get(after), Some(b' ' | b'\t'))
}

/// Where the next sentence starts if the mark at `p` surely ends one.
pub(super) fn sentence_cut(text: &[u8], p: usize) -> Option<usize> {
    // What follows first: it rules out decimals and lowercase continuations without a look at
    // the word before.
    let next = after_mark(text, p)?;
    if text[p] == b'.' {
        // The word before the period: ASCII letters back to a space or the block start.
        let end = p;
        let mut w = end;
        while w > 0 && text[w - 1].is_ascii_alphabetic() {
            w -= 1;
        }
        if w < end {
            if w > 0 && !matches!(text[w - 1], b' ' | b'\n' | b'\t' | b'(' | b'"') {
                return None;
            }
            let word = &text[w..end];
            if word.len() == 1 || is_abbreviation(word) {
                return None;
            }
        } else if end == 0 || !text[end - 1].is_ascii_digit() {
            return None;
        }
    }
    Some(next)
}

/// Where the next sentence starts after the mark at `p`: past closing quotes and white space, at an
/// ASCII capital or an opening quote.
pub(super) fn after_mark(text: &[u8], p: usize) -> Option<usize> {
    let mut i = p + 1;
    while i < text.len() && matches!(text[i], b'"' | b'\'' | b')' | b']') {
        i += 1;
    }
    // A closing ” or ’ (E2 80 9D / E2 80 99).
    while text.get(i..i + 3).is_some_and(|c| c[0] == 0xE2 && c[1] == 0x80 && matches!(c[2], 0x9D | 0x99)) {
        i += 3;
    }
    let space = i;
    while i < text.len() && matches!(text[i], b' ' | b'\n' | b'\t' | b'\r') {
        i += 1;
    }
    if i == space || i >= text.len() {
        return None;
    }
    let opening = text.get(i..i + 3).is_some_and(|c| c == "“".as_bytes());
    (text[i].is_ascii_uppercase() || text[i] == b'"' || opening).then_some(i)
}
