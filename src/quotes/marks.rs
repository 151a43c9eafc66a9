//! Marks and pairing: every quote-like character found, given its role (open, close, apostrophe,
//! prime, ditto, stray) and paired into quotations; multi-paragraph runs and blockquotes.

use super::sentences::ceil;
use super::{Analysis, Family, Mark, Quote, Role, Status, Style};
use crate::document::Document;
use std::ops::Range;

pub(super) fn remap_runs(a: &mut Analysis) {
    // Before sorting, `run` held the index of the first quote at that time. Quotes are only
    // pushed in text order except blockquotes, so recover the first quote as the earliest quote
    // sharing the run id.
    let mut first_of: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (i, q) in a.quotes.iter().enumerate() {
        if let Some(r) = q.run {
            first_of.entry(r).or_insert(i);
        }
    }
    for q in &mut a.quotes {
        if let Some(r) = q.run {
            q.run = first_of.get(&r).copied();
        }
    }
}

/// Byte offsets of every quote-like character: `"`, `'`, “ ” ‘ ’ „ (E2 80 9C/9D/98/99/9E), « » (C2 AB/BB).
pub(super) fn candidates(prose: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    for i in memchr::memchr3_iter(b'"', b'\'', 0xE2, prose) {
        match prose[i] {
            0xE2 => {
                if prose.get(i + 1) == Some(&0x80) && matches!(prose.get(i + 2), Some(0x98 | 0x99 | 0x9C | 0x9D | 0x9E))
                {
                    out.push(i);
                }
            }
            _ => out.push(i),
        }
    }
    let mut guil: Vec<usize> =
        memchr::memchr_iter(0xC2, prose).filter(|&i| matches!(prose.get(i + 1), Some(0xAB | 0xBB))).collect();
    if !guil.is_empty() {
        out.append(&mut guil);
        out.sort_unstable();
    }
    out
}

/// Where a plain-text draft holds markup pasted with its prose: HTML tags (`<a href="…">`) and
/// Hugo shortcodes (`{{< ref "…" >}}`), a shortcode nested inside a tag's attribute included. The
/// quotation marks inside are attribute values, not quotations. (A Markdown draft's view has
/// them blanked already.) A `<` that is not followed by a letter, `/` or `!` opens no tag; a tag
/// is at most [`MAX_TAG`] bytes and does not cross a blank line.
pub(super) fn markup_spans(prose: &str) -> Vec<Range<usize>> {
    let b = prose.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = memchr::memchr2(b'<', b'{', &b[i..]) {
        let start = i + k;
        i = start + 1;
        let tag =
            b[start] == b'<' && b.get(start + 1).is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!'));
        let shortcode = b[start..].starts_with(b"{{<") || b[start..].starts_with(b"{{%");
        if !tag && !shortcode {
            continue;
        }
        let mut depth = 0usize;
        let mut j = start;
        let end = loop {
            if j >= b.len() || j - start > MAX_TAG || b[j..].starts_with(b"\n\n") {
                break None;
            }
            if b[j..].starts_with(b"{{<") || b[j..].starts_with(b"{{%") {
                depth += 1;
                j += 3;
            } else if b[j..].starts_with(b">}}") || b[j..].starts_with(b"%}}") {
                depth = depth.saturating_sub(1);
                j += 3;
                if shortcode && depth == 0 {
                    break Some(j);
                }
            } else if b[j] == b'>' && depth == 0 && tag {
                break Some(j + 1);
            } else {
                j += 1;
            }
        };
        if let Some(end) = end {
            out.push(start..end);
            i = end;
        }
    }
    out
}

/// The longest HTML tag or shortcode [`markup_spans`] reads as one.
const MAX_TAG: usize = 2048;

/// The text range that shows a prose character: the character itself, or the entity or escape
/// it was decoded from.
pub fn source_range(doc: &Document<'_>, at: usize, ch: char) -> Option<Range<usize>> {
    let t = &doc.text[at..];
    if t.starts_with(ch) {
        return Some(at..at + ch.len_utf8());
    }
    if t.starts_with('&') {
        let end = t.char_indices().take(12).find(|(_, c)| *c == ';')?.0;
        return Some(at..at + end + 1);
    }
    if t.starts_with('\\') && t[1..].starts_with(ch) {
        return Some(at..at + 1 + ch.len_utf8());
    }
    None
}

/// A byte of the prose that was blanked (non-prose in the text: markup, an entity's tail).
pub(super) fn blanked(doc: &Document<'_>, i: usize) -> bool {
    doc.prose.as_bytes()[i] == b' ' && !matches!(doc.text.as_bytes()[i], b' ' | b'\t')
}

/// The prose character before `p`, skipping blanked bytes, not before `lo`.
pub(super) fn prev_char(doc: &Document<'_>, p: usize, lo: usize) -> Option<(usize, char)> {
    let mut i = p;
    while i > lo {
        let c = doc.prose[..i].chars().next_back()?;
        i -= c.len_utf8();
        if c == ' ' && blanked(doc, i) {
            continue;
        }
        return Some((i, c));
    }
    None
}

/// The prose character at or after `p`, skipping blanked bytes, before `hi`.
pub(super) fn next_char(doc: &Document<'_>, p: usize, hi: usize) -> Option<(usize, char)> {
    let mut i = p;
    while i < hi {
        let c = doc.prose[i..].chars().next()?;
        if c == ' ' && blanked(doc, i) {
            i += 1;
            continue;
        }
        return Some((i, c));
    }
    None
}

pub(super) fn prev_nonspace(doc: &Document<'_>, p: usize, lo: usize) -> Option<(usize, char)> {
    let mut i = p;
    loop {
        let (j, c) = prev_char(doc, i, lo)?;
        if !c.is_whitespace() {
            return Some((j, c));
        }
        i = j;
    }
}

pub(super) fn next_nonspace(doc: &Document<'_>, p: usize, hi: usize) -> Option<(usize, char)> {
    let mut i = p;
    loop {
        let (j, c) = next_char(doc, i, hi)?;
        if !c.is_whitespace() {
            return Some((j, c));
        }
        i = j + c.len_utf8();
    }
}

pub(super) fn is_open_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '«' | '„' | '"' | '\'' | ':')
}

pub(super) fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '—'
            | '–'
            | '-'
            | '/'
            | '…'
            | '”'
            | '’'
            | '»'
            | '"'
            | '\''
            | '*'
            | '>'
    )
}

pub(super) fn open_straight(a: &Analysis, stack: &[usize], family: Family) -> Option<usize> {
    stack.iter().rposition(|&q| a.quotes[q].family == family && a.quotes[q].style == Style::Straight)
}

pub(super) fn open_of(a: &Analysis, stack: &[usize], pred: impl Fn(&Quote) -> bool) -> Option<usize> {
    stack.iter().rposition(|&q| pred(&a.quotes[q]))
}

/// Deeper nesting than this is not prose: further opening marks open nothing.
pub(super) const MAX_NESTING: usize = 16;

#[allow(clippy::too_many_arguments)]
pub(super) fn place_mark(
    doc: &Document<'_>,
    a: &mut Analysis,
    stack: &mut Vec<usize>,
    p: usize,
    ch: char,
    bi: usize,
    br: Range<usize>,
) {
    // In the text the mark may be an entity (`&#8221;`) or an escape (`\"`): its ranges cover that.
    let len = source_range(doc, p, ch).map_or(ch.len_utf8(), |r| r.len());
    let prev = prev_char(doc, p, br.start).map(|x| x.1);
    let next = next_char(doc, p + len, br.end).map(|x| x.1);
    let ws_before = prev.is_none_or(char::is_whitespace);
    let ws_after = next.is_none_or(char::is_whitespace);
    let left = !ws_after && (ws_before || prev.is_some_and(is_open_punct));
    let right = !ws_before && (ws_after || next.is_some_and(is_close_punct));
    let word_before = prev.is_some_and(char::is_alphanumeric);
    let word_after = next.is_some_and(char::is_alphanumeric);
    let mark = |a: &mut Analysis, family: Family, role: Role| a.marks.push(Mark { at: p, ch, family, role });
    let open = |a: &mut Analysis, stack: &mut Vec<usize>, family: Family, style: Style| {
        // Real quotations nest two or three deep; a run of thousands of opening marks must not
        // make every later mark search a stack of thousands (quadratic time).
        if stack.len() >= MAX_NESTING {
            return;
        }
        a.quotes.push(Quote {
            family,
            style,
            open: p..p + len,
            close: None,
            range: p..br.end,
            depth: stack.len() as u16,
            block: bi,
            run: None,
            words: 0,
            unclosed: false,
            status: Status::Unattributed,
        });
        stack.push(a.quotes.len() - 1);
    };
    let close = |a: &mut Analysis, stack: &mut Vec<usize>, at: usize| {
        let q = stack[at];
        a.quotes[q].close = Some(p..p + len);
        a.quotes[q].range.end = p + len;
        // Anything opened inside and left open (an apostrophe taken for a mark) ends here too.
        for &inner in &stack[at + 1..] {
            a.quotes[inner].range.end = p;
        }
        stack.truncate(at);
    };
    match ch {
        '“' => {
            if let Some(at) = open_of(a, stack, |q| q.family == Family::Low) {
                close(a, stack, at);
                mark(a, Family::Low, Role::Close);
            } else if right && !left && open_of(a, stack, |q| q.family == Family::Double).is_some() {
                // A misdrawn closing mark (“…“).
                let at = open_of(a, stack, |q| q.family == Family::Double).unwrap_or(0);
                close(a, stack, at);
                mark(a, Family::Double, Role::Close);
            } else {
                open(a, stack, Family::Double, Style::Curly);
                mark(a, Family::Double, Role::Open);
            }
        }
        '„' => {
            open(a, stack, Family::Low, Style::Other);
            mark(a, Family::Low, Role::Open);
        }
        '”' => match open_of(a, stack, |q| matches!(q.family, Family::Double | Family::Low)) {
            Some(at) => {
                let fam = a.quotes[stack[at]].family;
                close(a, stack, at);
                mark(a, fam, Role::Close);
            }
            None => mark(a, Family::Double, Role::Stray),
        },
        '«' => {
            open(a, stack, Family::Guillemet, Style::Other);
            mark(a, Family::Guillemet, Role::Open);
        }
        '»' => match open_of(a, stack, |q| q.family == Family::Guillemet) {
            Some(at) => {
                close(a, stack, at);
                mark(a, Family::Guillemet, Role::Close);
            }
            None => mark(a, Family::Guillemet, Role::Stray),
        },
        '"' => {
            let open_here = open_straight(a, stack, Family::Double);
            if prev.is_some_and(|c| c.is_ascii_digit()) && open_here.is_none() && !left {
                mark(a, Family::Double, Role::Prime);
            } else if ws_before && ws_after {
                mark(a, Family::Double, Role::Ditto);
            } else if let Some(at) = open_here
                && ws_before
                && next.is_some_and(|c| matches!(c, ')' | ']' | ',' | ';' | '.'))
            {
                // A space before the closing mark (`[guide](/x "Our guide ")`, a link title in
                // a plain-text draft): no quotation opens on a closing bracket or a comma.
                close(a, stack, at);
                mark(a, Family::Double, Role::Close);
            } else if left && !right {
                open(a, stack, Family::Double, Style::Straight);
                mark(a, Family::Double, Role::Open);
            } else if let Some(at) = open_here {
                close(a, stack, at);
                mark(a, Family::Double, Role::Close);
            } else if right
                && !left
                && let Some(at) = open_of(a, stack, |q| q.family == Family::Double)
            {
                // A quotation opened with a curly mark and closed with a straight one is one
                // quotation with mixed marks (`quote/mixed-marks`), not an unclosed one.
                close(a, stack, at);
                mark(a, Family::Double, Role::Close);
            } else if right && !left {
                mark(a, Family::Double, Role::Stray);
            } else {
                open(a, stack, Family::Double, Style::Straight);
                mark(a, Family::Double, Role::Open);
            }
        }
        '‘' | '’' | '\'' => {
            let style = if ch == '\'' { Style::Straight } else { Style::Curly };
            let single_open = open_of(a, stack, |q| q.family == Family::Single);
            if word_before && word_after {
                mark(a, Family::Single, Role::Apostrophe);
            } else if ch != '‘' && prev.is_some_and(|c| c.is_ascii_digit()) && single_open.is_none() {
                let role = if next == Some('s') { Role::Apostrophe } else { Role::Prime };
                mark(a, Family::Single, role);
            } else if ch != '”'
                && (ws_before || prev.is_some_and(is_open_punct))
                && next.is_some_and(|c| c.is_ascii_digit())
                && ch != '‘'
            {
                mark(a, Family::Single, Role::Apostrophe); // ’90s
            } else if ch != '’' && left && !right {
                // ‘ always opens; a straight ' opens when flanked like an opening mark.
                open(a, stack, Family::Single, style);
                mark(a, Family::Single, Role::Open);
            } else if ch != '‘' && right && single_open.is_some() {
                let at = single_open.unwrap_or(0);
                // `the players’ union’`: an s-apostrophe when another closing mark follows soon.
                if prev == Some('s') && later_single_close(doc, p + len, br.end) {
                    mark(a, Family::Single, Role::Apostrophe);
                } else {
                    close(a, stack, at);
                    mark(a, Family::Single, Role::Close);
                }
            } else if ch == '‘' {
                open(a, stack, Family::Single, style);
                mark(a, Family::Single, Role::Open);
            } else {
                mark(a, Family::Single, Role::Apostrophe);
            }
        }
        _ => {}
    }
}

/// Whether a closing single mark (`’` or `'` before whitespace/punctuation) follows within a short
/// distance, before any double mark.
pub(super) fn later_single_close(doc: &Document<'_>, from: usize, hi: usize) -> bool {
    let hi = ceil(&doc.prose, hi.min(from + 200));
    let s = &doc.prose[from..hi.max(from)];
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        match c {
            '"' | '“' | '”' | '‘' => return false,
            // Another single quotation opens first (`the ‘rule of thirds’ … the ‘look space’`).
            '\'' if prev.is_whitespace() && s[i + 1..].starts_with(char::is_alphanumeric) => return false,
            '’' | '\'' if prev.is_alphanumeric() || prev == '.' || prev == ',' || prev == '!' || prev == '?' => {
                let after = s[i + c.len_utf8()..].chars().next();
                if after.is_none_or(|n| n.is_whitespace() || is_close_punct(n)) {
                    return true;
                }
            }
            _ => {}
        }
        prev = c;
    }
    false
}

/// Whether the block `r` opens with an opening mark of `family`, after any emphasis marks
/// (`***“…`, `_“…`: a statement set in italics, one paragraph at a time).
pub(super) fn opens_with_mark(doc: &Document<'_>, r: Range<usize>, family: Family) -> bool {
    let mut at = r.start;
    while let Some((i, '*' | '_')) = next_char(doc, at, r.end) {
        at = i + 1;
    }
    match next_char(doc, at, r.end) {
        Some((_, c)) => match family {
            Family::Double => matches!(c, '“' | '"'),
            Family::Guillemet => c == '«',
            Family::Low => c == '„',
            _ => false,
        },
        None => false,
    }
}

/// Whether only blockquote markup, blank lines and spaces lie between two blocks (the same blockquote).
pub(super) fn between_is_quoted(doc: &Document<'_>, from: usize, to: usize) -> bool {
    doc.text[from..to].lines().skip(1).all(|l| l.trim_start().starts_with('>'))
}

/// Paragraphs after an unclosed quotation's own in which its closing mark may still stand.
const LATER_CLOSE_BLOCKS: usize = 4;

/// An unclosed quotation whose closing mark stands in one of the next few paragraphs, before any
/// mark of its family opens there, is not unclosed: it runs on into a list (`Bronson said, “we
/// learned that:` ¶ `* …` ¶ `* ….”`) or over paragraphs the writer did not reopen. The stray
/// closing mark becomes its close. (Reopening each paragraph is house style, not a lost mark.)
pub(super) fn close_in_later_paragraph(doc: &Document<'_>, a: &mut Analysis) {
    let block_of = |at: usize| doc.blocks.partition_point(|b| b.range.start <= at).saturating_sub(1);
    for qi in 0..a.quotes.len() {
        let q = &a.quotes[qi];
        if !q.unclosed {
            continue;
        }
        let (family, block) = (q.family, q.block);
        let from = a.marks.partition_point(|m| m.at < q.range.end);
        for mi in from..a.marks.len() {
            let m = &a.marks[mi];
            if block_of(m.at) > block + LATER_CLOSE_BLOCKS {
                break;
            }
            if m.family != family {
                continue;
            }
            match m.role {
                Role::Open => break,
                Role::Stray => {
                    a.marks[mi].role = Role::Close;
                    a.quotes[qi].unclosed = false;
                    break;
                }
                _ => {}
            }
        }
    }
}
