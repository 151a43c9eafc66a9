//! Words and sentences: the tokens around a quotation, a paragraph's sentences (abbreviations
//! and initials do not end one), and small text helpers.

use super::lexicon::ABBREVIATIONS;
use super::marks::{next_char, prev_char};
use crate::document::Document;
use std::ops::Range;

/// The nearest char boundary at or before `i`.
pub(super) fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary at or after `i`.
pub(super) fn ceil(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Words (runs between whitespace and dashes with at least one letter or digit), in one pass.
pub(super) fn count_words(s: &str) -> usize {
    let mut n = 0;
    let mut alnum = false;
    for c in s.chars() {
        let sep = if c.is_ascii() {
            c.is_ascii_whitespace() || c == '\x0b'
        } else {
            c.is_whitespace() || c == '—' || c == '–'
        };
        if sep {
            n += usize::from(alnum);
            alnum = false;
        } else if !alnum && c.is_alphanumeric() {
            alnum = true;
        }
    }
    n + usize::from(alnum)
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    /// First token of its sentence.
    pub(super) initial: bool,
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Words of `range` outside the quotations `skip` (sorted, non-overlapping).
pub(super) fn tokens(doc: &Document<'_>, range: Range<usize>, skip: &[Range<usize>], out: &mut Vec<Tok>) {
    out.clear();
    let s = &doc.prose;
    let mut i = range.start;
    let mut si = 0;
    let mut first = true;
    while i < range.end {
        while si < skip.len() && skip[si].end <= i {
            si += 1;
        }
        if si < skip.len() && skip[si].start <= i {
            i = skip[si].end.max(i + 1);
            first = false;
            continue;
        }
        let Some(c) = s[i..].chars().next() else { break };
        if !is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut j = i;
        let limit = if si < skip.len() { skip[si].start.min(range.end) } else { range.end };
        while j < limit {
            let Some(c) = s[j..].chars().next() else { break };
            if is_word_char(c)
                || (matches!(c, '\'' | '’' | '-' | '.')
                    && s[j + c.len_utf8()..].chars().next().is_some_and(is_word_char))
            {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        out.push(Tok { start, end: j, initial: first });
        first = false;
        i = j;
    }
}

/// Sentences of a paragraph, with quotations (`skip`) treated as opaque.
pub(super) fn sentences(doc: &Document<'_>, br: Range<usize>, skip: &[Range<usize>]) -> Vec<Range<usize>> {
    let s = &doc.prose;
    let mut out = Vec::new();
    let mut start = br.start;
    let mut i = br.start;
    let mut si = 0;
    while i < br.end {
        if si < skip.len() && skip[si].start <= i {
            let q = skip[si].clone();
            si += 1;
            i = q.end.max(i + 1);
            // A quotation that ends with terminal punctuation and is followed by a new sentence.
            if let Some((_, last)) = prev_char(doc, q.end, q.start).and_then(|(i, _)| prev_char(doc, i, q.start))
                && matches!(last, '.' | '?' | '!' | '…')
                && q.end - q.start > 1
                && new_sentence_after(doc, q.end, br.end)
            {
                out.push(start..q.end);
                start = q.end;
            }
            continue;
        }
        // Jump to the next `.`, `?` or `!` before the next quotation.
        let limit = if si < skip.len() { skip[si].start.min(br.end) } else { br.end };
        let Some(off) = memchr::memchr3(b'.', b'?', b'!', &s.as_bytes()[i..limit]) else {
            i = limit;
            continue;
        };
        let p = i + off;
        if new_sentence_after(doc, p + 1, br.end) && !(s.as_bytes()[p] == b'.' && abbreviation_before(s, br.start, p)) {
            out.push(start..p + 1);
            start = p + 1;
        }
        i = p + 1;
    }
    if start < br.end && !s[start..br.end].trim().is_empty() {
        out.push(start..br.end);
    } else if let Some(last) = out.last_mut() {
        last.end = br.end;
    }
    out
}

/// After a terminal mark at `p`: closing brackets, then whitespace, then a capital, a digit, an
/// opening mark or the end of the paragraph.
pub(super) fn new_sentence_after(doc: &Document<'_>, p: usize, hi: usize) -> bool {
    let mut i = p;
    loop {
        match next_char(doc, i, hi) {
            None => return true,
            Some((j, c)) if matches!(c, ')' | ']' | '*' | '_') && j == i => i = j + 1,
            Some((j, c)) => {
                if j == i && !c.is_whitespace() {
                    return false;
                }
                let mut k = j;
                let mut c = c;
                while c.is_whitespace() {
                    k += c.len_utf8();
                    match next_char(doc, k, hi) {
                        None => return true,
                        Some((k2, c2)) => {
                            k = k2;
                            c = c2;
                        }
                    }
                }
                return c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(c, '“' | '"' | '‘' | '«' | '„' | '(' | '[' | '—' | '\'');
            }
        }
    }
}

pub(super) fn abbreviation_before(s: &str, lo: usize, dot: usize) -> bool {
    let before = &s[lo..dot];
    let word: &str = before.rsplit(|c: char| !(c.is_alphanumeric() || c == '.')).next().unwrap_or("");
    if word.is_empty() {
        return false;
    }
    if word.contains('.') {
        return true; // U.S., a.m.
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true; // an initial
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Whether `s` holds nothing but spaces and emphasis marks (`***` before `“…`): markup before a
/// quotation, not words.
pub(crate) fn only_emphasis(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' ' | b'*' | b'_'))
}

/// Whether `s` starts with `p`, ASCII case aside.
pub(super) fn starts_with_ci(s: &str, p: &str) -> bool {
    s.len() >= p.len() && s.is_char_boundary(p.len()) && s[..p.len()].eq_ignore_ascii_case(p)
}

/// Whether `s` ends with `p`, ASCII case aside.
pub(super) fn ends_with_ci(s: &str, p: &str) -> bool {
    s.len() >= p.len() && s.is_char_boundary(s.len() - p.len()) && s[s.len() - p.len()..].eq_ignore_ascii_case(p)
}

pub(super) fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The runs of letters and digits of `s`, with their offsets (what
/// [`split_word_bound_indices`](WordBounds::split_word_bound_indices) yields, without the
/// spaces and punctuation between).
pub(super) fn alnum_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    runs(s, char::is_alphanumeric)
}

/// The maximal runs of characters `in_run` accepts, with their offsets. Reads ASCII a byte at a
/// time (most prose is ASCII), decoding only other characters.
pub(super) fn runs(s: &str, in_run: impl Fn(char) -> bool) -> impl Iterator<Item = (usize, &str)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    // The character at `i` and its length, or `None` at the end.
    let at = move |i: usize| -> Option<(char, usize)> {
        let b = *bytes.get(i)?;
        if b.is_ascii() {
            return Some((char::from(b), 1));
        }
        let c = s[i..].chars().next()?;
        Some((c, c.len_utf8()))
    };
    std::iter::from_fn(move || {
        loop {
            let (c, n) = at(i)?;
            if in_run(c) {
                break;
            }
            i += n;
        }
        let start = i;
        while let Some((c, n)) = at(i) {
            if !in_run(c) {
                break;
            }
            i += n;
        }
        Some((start, &s[start..i]))
    })
}

/// Minimal word-boundary splitting (words, single spaces, single other characters), lazily.
pub(super) trait WordBounds {
    fn split_word_bound_indices(&self) -> WordIter<'_>;
}

pub(super) struct WordIter<'s> {
    s: &'s str,
    i: usize,
}

impl<'s> Iterator for WordIter<'s> {
    type Item = (usize, &'s str);
    fn next(&mut self) -> Option<(usize, &'s str)> {
        let rest = &self.s[self.i..];
        let c = rest.chars().next()?;
        let start = self.i;
        if c.is_alphanumeric() {
            // (ASCII letters and digits first, byte by byte; the rest of a word char by char.)
            let ascii = rest.bytes().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(rest.len());
            let len = ascii + rest[ascii..].find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len() - ascii);
            self.i += len;
        } else {
            self.i += c.len_utf8();
        }
        Some((start, &self.s[start..self.i]))
    }
}

impl WordBounds for str {
    fn split_word_bound_indices(&self) -> WordIter<'_> {
        WordIter { s: self, i: 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::{WordBounds, alnum_words};

    /// `alnum_words` is the words of `split_word_bound_indices`, and `runs` splits as
    /// `str::split` does (without the empty pieces), on ASCII, accented, non-Latin and mixed text
    /// with punctuation, digits and emoji.
    #[test]
    fn alnum_words_are_the_word_bound_words() {
        for s in [
            "",
            "  ",
            "Ann Roe, 52, said: “Fine.”",
            "Zoë Müller-Łukasz’s café — naïve 3rd-place ✓ 日本語 text",
            "x",
            "end.",
            "🎉Party🎉 time",
        ] {
            let want: Vec<(usize, &str)> =
                s.split_word_bound_indices().filter(|(_, w)| w.chars().all(char::is_alphanumeric)).collect();
            assert_eq!(alnum_words(s).collect::<Vec<_>>(), want, "{s:?}");
            let joins = |c: char| c.is_alphanumeric() || c == '’' || c == '\'';
            let split: Vec<&str> = s.split(|c: char| !joins(c)).filter(|w| !w.is_empty()).collect();
            assert_eq!(super::runs(s, joins).map(|r| r.1).collect::<Vec<_>>(), split, "{s:?}");
        }
    }
}
