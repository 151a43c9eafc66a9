//! The quote model: quotation marks paired into quotations, and who said each one.
//!
//! [`analyze`] reads a [`Document`]'s prose view once and returns every [`Quote`] with its byte
//! ranges, its marks as written, and its [`Status`]: attributed (to which [`Speaker`], by which
//! cue, found where), not a quotation at all (a scare-quoted phrase, a title), or unattributed.
//! The quote checks (`src/checks/quote.rs`) report from it; [`sources`] groups the attributed
//! quotes by speaker for `copydesk sources` and the language server's document symbols;
//! [`quote_at`] and [`Quote::explain`] serve hovers.
//!
//! Pairing: “ ” and straight `"` (a straight mark opens after whitespace, the start or opening
//! punctuation, and closes before whitespace, punctuation or the end), ‘ ’ and `'` (an apostrophe
//! inside or at the end of a word is not a mark), « », „ “. A straight mark after a digit with no
//! straight quotation open is an inch mark; one with whitespace on both sides is a ditto mark.
//! A paragraph that opens a quotation and ends without closing it, followed by a paragraph that
//! opens again, continues the same quotation (a *run*). Markdown blockquotes are quotations too.
//!
//! Everything is linear in the length of the draft: marks are found with `memchr`, and the words
//! around a quotation are only read for paragraphs that have one, within a bounded window.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use crate::config::{Config, Quotes};
use crate::document::{BlockKind, Document};

/// The family of a quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// “ ” or `"`.
    Double,
    /// ‘ ’ or `'`.
    Single,
    /// « ».
    Guillemet,
    /// „ “ (or „ ”).
    Low,
    /// A Markdown blockquote (`>`).
    Blockquote,
}

/// How a mark is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Curly,
    Straight,
    /// « » „ and blockquotes: neither curly nor straight.
    Other,
}

/// What a quote-like character is doing where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Open,
    Close,
    /// `Kyiv’s`, `the players’ union`, `’90s`.
    Apostrophe,
    /// An inch or foot mark after a digit (`a 6" pipe`).
    Prime,
    /// A ditto mark (whitespace on both sides).
    Ditto,
    /// A closing mark with nothing open.
    Stray,
}

/// One quote-like character in the prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The character's bytes in the prose (an entity like `&#8220;` is decoded at its first byte).
    pub at: usize,
    pub ch: char,
    pub family: Family,
    pub role: Role,
}

impl Mark {
    pub fn style(&self) -> Style {
        match self.ch {
            '“' | '”' | '‘' | '’' => Style::Curly,
            '"' | '\'' => Style::Straight,
            _ => Style::Other,
        }
    }
}

/// Why a quotation needs no attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A phrase of at most `[quotes] short_quote_words` words: a scare quote or a term.
    Short { words: usize },
    /// Title case: the name of a work, a program, a slogan.
    Title,
    /// Right after `titled`, `called`, `dubbed`, `the term`, …: a name, not speech.
    Named,
    /// Inside another quotation, whose attribution covers it.
    Nested,
    /// In a heading or a table cell.
    Headline,
    /// A lowercase fragment carried by the writer's own sentence (`the group's mission is to “…”`),
    /// with no first- or second-person word and no reporting verb before it: a term, a paraphrase
    /// or a phrase from a document, not speech.
    Fragment,
    /// Words mentioned, not reported: wording offered as alternatives (`“…” or “…”`) or the
    /// subject of the writer's sentence (`“Where do I start?” is a common question`).
    Mention,
    /// Markup, not prose: an attribute value (`alt="…"`) or a Markdown link title (`[…](url "…")`).
    Markup,
    /// Single marks around words at the top level of a draft whose quotations take double marks:
    /// in that style single marks set off a term, a label or a headline phrase, and quote only
    /// inside another quotation.
    SingleMarks,
}

/// Who is quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeakerKind {
    /// A named person or organisation (`Konashenkov`, `the Kremlin`).
    Name,
    /// A title or a group (`the spokesman`, `officials`).
    Title,
    /// `he`, `she`, `they`, `it`, `we`, `I`.
    Pronoun,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub kind: SpeakerKind,
    /// The name (or title, or pronoun) as written, without honorifics for names.
    pub name: String,
    /// Its range in the text.
    pub range: Range<usize>,
    /// The whole reference with titles before the name (`Defense Ministry spokesman Igor Konashenkov`).
    pub reference: Range<usize>,
}

/// Where the attribution was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// In the quotation's own sentence (before or after it, or split around it).
    Sentence,
    /// The next sentence starts with the speaker and a cue (`“…?” Smith asked.`).
    NextSentence,
    /// The previous sentence of the paragraph has an attributed quotation (`“…,” X said. “…”`).
    SplitQuote,
    /// The previous paragraph ends with a colon after speaker and cue (`X wrote on Twitter:`).
    IntroducedBefore,
    /// The previous sentence of the paragraph names the speaker with a cue (`Smith said the plan failed. “…”`).
    PreviousSentence,

    /// A `— Name` after the quotation.
    Dash,
    /// Another paragraph of the same multi-paragraph quotation is attributed.
    Run,
    /// A linked source in brackets right after the quotation.
    Citation,
    /// A colon after a description of the quoted words and no reporting verb (`The goal we set for
    /// the site: “…”`, `the law reads:`): the introduction says what is quoted.
    Introduction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Speaker,
    /// The reporting cue (`said`, `according to`, `in a statement`, the dash).
    pub cue: Range<usize>,
    pub via: Via,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Attributed(Attribution),
    NotAQuotation(Reason),
    Unattributed,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub family: Family,
    pub style: Style,
    /// The opening mark (empty at the first prose byte for a blockquote).
    pub open: Range<usize>,
    /// The closing mark; `None` when the paragraph ends first.
    pub close: Option<Range<usize>>,
    /// From the opening mark to the closing mark (or to the end of the paragraph, or the blockquote).
    pub range: Range<usize>,
    /// How many quotations enclose it.
    pub depth: u16,
    /// Index into [`Document::blocks`] of the paragraph where it opens.
    pub block: usize,
    /// Index (into [`Analysis::quotes`]) of the first quotation of its multi-paragraph run.
    pub run: Option<usize>,
    /// Words between the marks.
    pub words: usize,
    /// Unclosed at the end of its paragraph and not continued by the next one.
    pub unclosed: bool,
    pub status: Status,
}

impl Quote {
    /// A sentence for a hover: how this quotation was attributed, or why not.
    pub fn explain(&self, text: &str) -> String {
        match &self.status {
            Status::Attributed(a) => {
                let how = match a.via {
                    Via::Sentence => "in its sentence",
                    Via::NextSentence => "in the next sentence",
                    Via::SplitQuote => "by the quotation before it in the paragraph",
                    Via::IntroducedBefore => "by the paragraph before it",
                    Via::Dash => "by a dash line",
                    Via::Run => "elsewhere in the same multi-paragraph quotation",
                    Via::Citation => "by the linked source cited after it",
                    Via::Introduction => "by the introduction that ends with a colon before it",
                    Via::PreviousSentence => "by the sentence before it",
                };
                let kind = match a.speaker.kind {
                    SpeakerKind::Name => "",
                    SpeakerKind::Title => " (a title, not a name)",
                    SpeakerKind::Pronoun => " (a pronoun)",
                };
                format!("Quotation attributed to {}{kind}: “{}” {how}", a.speaker.name, text[a.cue.clone()].trim())
            }
            Status::NotAQuotation(r) => match r {
                Reason::Short { words } => {
                    format!("A short phrase ({words} words): a scare quote or a term, no attribution needed")
                }
                Reason::Title => "Title case: the name of a work, no attribution needed".to_string(),
                Reason::Named => "A name (after “titled”, “called”, …), no attribution needed".to_string(),
                Reason::Nested => "Inside another quotation: its attribution covers this one".to_string(),
                Reason::Headline => "In a heading or table: not checked for attribution".to_string(),
                Reason::Mention => "Words mentioned, not reported (alternatives, or the subject of the sentence): no attribution needed".to_string(),
                Reason::Markup => "An attribute value or a link title, not prose: no attribution needed".to_string(),
                Reason::SingleMarks => {
                    "Single marks in a draft that quotes with double ones: a term or a label, no attribution needed"
                        .to_string()
                }
                Reason::Fragment => {
                    "A fragment inside the writer's own sentence (a term or a paraphrase, not speech): no attribution needed"
                        .to_string()
                }
            },
            Status::Unattributed => {
                "Quotation with no speaker: no reporting verb and speaker in its sentence or around it".to_string()
            }
        }
    }

    pub fn attribution(&self) -> Option<&Attribution> {
        match &self.status {
            Status::Attributed(a) => Some(a),
            _ => None,
        }
    }
}

/// Everything the quote checks need.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// In text order of their opening mark.
    pub quotes: Vec<Quote>,
    /// Every quote-like character in the prose, in text order.
    pub marks: Vec<Mark>,
    /// Sentence ranges of paragraphs that have quotations, keyed by block index.
    pub(crate) sentences: Vec<(usize, Vec<Range<usize>>)>,
}

/// The quotation covering `offset`, innermost first.
pub fn quote_at(analysis: &Analysis, offset: usize) -> Option<&Quote> {
    analysis
        .quotes
        .iter()
        .filter(|q| q.range.start <= offset && offset < q.range.end.max(q.range.start + 1))
        .max_by_key(|q| q.range.start)
}

/// One person or body quoted in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub kind: SpeakerKind,
    /// The name as used after the first reference (a surname for people introduced in full).
    pub speaker: String,
    /// The first reference as written (`Defense Ministry spokesman Igor Konashenkov`).
    pub first_reference: String,
    pub first_reference_range: Range<usize>,
    /// The quotations attributed to this source, in text order.
    pub quotes: Vec<Range<usize>>,
}

/// Who is quoted in the draft: one entry per speaker, in order of first quotation. Quotations
/// attributed to a pronoun count for the nearest named speaker before them when there is one.
pub fn sources(doc: &Document<'_>, config: &Config) -> Vec<Source> {
    let a = analyze(doc, &config.quotes);
    let mut out: Vec<Source> = Vec::new();
    let mut last_named: Option<usize> = None;
    let mut counted_runs: HashSet<usize> = HashSet::new();
    for (qi, q) in a.quotes.iter().enumerate() {
        let Some(att) = q.attribution() else { continue };
        if att.via == Via::Introduction {
            continue;
        }
        if let Some(r) = q.run
            && !counted_runs.insert(r)
        {
            continue;
        }
        let _ = qi;
        let sp = &att.speaker;
        let idx = match sp.kind {
            SpeakerKind::Pronoun if last_named.is_some() => last_named,
            SpeakerKind::Name => {
                let found = out.iter().position(|s| s.kind == SpeakerKind::Name && same_person(&s.speaker, &sp.name));
                match found {
                    Some(i) => {
                        // A full name after a surname-only first mention: keep the fuller form.
                        if sp.name.split(' ').count() > out[i].speaker.split(' ').count() {
                            out[i].speaker = sp.name.clone();
                        }
                        Some(i)
                    }
                    None => None,
                }
            }
            _ => out.iter().position(|s| s.kind == sp.kind && s.speaker.eq_ignore_ascii_case(&sp.name)),
        };
        let i = match idx {
            Some(i) => i,
            None => {
                out.push(Source {
                    kind: sp.kind.clone(),
                    speaker: sp.name.clone(),
                    first_reference: doc.text[sp.reference.clone()].split_whitespace().collect::<Vec<_>>().join(" "),
                    first_reference_range: sp.reference.clone(),
                    quotes: Vec::new(),
                });
                out.len() - 1
            }
        };
        if sp.kind == SpeakerKind::Name {
            last_named = Some(i);
        }
        out[i].quotes.push(q.range.clone());
    }
    for s in &mut out {
        if s.kind == SpeakerKind::Name && s.speaker.contains(' ') && !is_org(&s.speaker) {
            s.speaker = surname(&s.speaker).to_string();
        }
    }
    out
}

fn same_person(a: &str, b: &str) -> bool {
    // The cheap tests first: `is_org` scans a word list and is rarely reached this way (this is
    // called for every quotation against every speaker found so far).
    a.eq_ignore_ascii_case(b)
        || ((!a.contains(' ') || !b.contains(' '))
            && surname(a).eq_ignore_ascii_case(surname(b))
            && !is_org(a)
            && !is_org(b))
}

pub(crate) fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// Organisations keep their whole name (no "surname").
fn is_org(name: &str) -> bool {
    const ORG: &[&str] = &[
        "Ministry",
        "Department",
        "Office",
        "Agency",
        "Administration",
        "Council",
        "Committee",
        "Board",
        "Bureau",
        "House",
        "Service",
        "Commission",
        "Court",
        "Police",
        "Government",
        "Company",
        "Corporation",
        "Inc",
        "Association",
        "Union",
        "Party",
        "Army",
        "Navy",
        "Kremlin",
        "Nations",
        "Institute",
        "University",
        "Center",
        "Centre",
        "Foundation",
        "Organization",
        "Organisation",
        "Times",
        "News",
        "Post",
        "Press",
        "Reuters",
        "Guardian",
        "Group",
        "Team",
        "Network",
        "Program",
        "Programme",
    ];
    name.split(' ').any(|w| ORG.contains(&w))
}

// ---------------------------------------------------------------------------------------------
// Analysis

/// Pair the marks of `doc` and attribute every quotation.
pub fn analyze(doc: &Document<'_>, cfg: &Quotes) -> Analysis {
    let mut a = Analysis::default();
    let prose = doc.prose.as_bytes();
    let cands = candidates(prose);
    if cands.is_empty() && !doc.blocks.iter().any(|b| b.quote_depth > 0) {
        return a;
    }
    let cues = Cues::new(cfg);
    let mut ci = 0;
    // A run continued from the previous paragraph: (index of its first quote).
    let mut pending_run: Option<usize> = None;
    let mut bq_start: Option<usize> = None; // first block of the current blockquote
    let nblocks = doc.blocks.len();
    for bi in 0..nblocks {
        let block = &doc.blocks[bi];
        let br = block.range.clone();
        while ci < cands.len() && cands[ci] < br.start {
            ci += 1;
        }
        let first_q = a.quotes.len();
        let cont = pending_run.take();
        let mut stack: Vec<usize> = Vec::new();
        while ci < cands.len() && cands[ci] < br.end {
            let p = cands[ci];
            ci += 1;
            let Some(ch) = doc.prose[p..].chars().next() else { continue };
            place_mark(doc, &mut a, &mut stack, p, ch, bi, br.clone());
        }
        if let Some(r) = cont
            && let Some(q) = a.quotes[first_q..].iter_mut().find(|q| q.depth == 0)
        {
            q.run = Some(r);
        }
        // Unclosed at the end of the paragraph: continued or unclosed.
        let mut carried = None;
        if let Some(&outer) = stack.first() {
            let family = a.quotes[outer].family;
            if matches!(family, Family::Double | Family::Guillemet | Family::Low) {
                let end = br.end;
                a.quotes[outer].range.end = end;
                let continues = doc.blocks.get(bi + 1).is_some_and(|nb| opens_with_mark(doc, nb.range.clone(), family));
                if continues {
                    carried = Some(a.quotes[outer].run.unwrap_or(outer));
                    a.quotes[outer].run = carried;
                } else {
                    a.quotes[outer].unclosed = true;
                }
            }
            for &inner in &stack[1..] {
                let end = br.end;
                a.quotes[inner].range.end = end;
            }
        }
        pending_run = carried;
        for q in &mut a.quotes[first_q..] {
            q.words = count_words(&doc.prose[q.range.clone()]);
        }
        // Blockquotes: a run of blocks with quote_depth > 0.
        if block.quote_depth > 0 {
            if bq_start.is_none() {
                bq_start = Some(bi);
            }
            let next_in = doc
                .blocks
                .get(bi + 1)
                .is_some_and(|nb| nb.quote_depth > 0 && between_is_quoted(doc, br.end, nb.range.start));
            if !next_in {
                let s = bq_start.take().unwrap_or(bi);
                a.quotes.push(Quote {
                    family: Family::Blockquote,
                    style: Style::Other,
                    open: doc.blocks[s].range.start..doc.blocks[s].range.start,
                    close: None,
                    range: doc.blocks[s].range.start..br.end,
                    depth: 0,
                    block: s,
                    run: None,
                    words: doc.blocks[s..=bi].iter().map(|b| count_words(&doc.prose[b.range.clone()])).sum(),
                    unclosed: false,
                    status: Status::Unattributed,
                });
            }
        }
    }
    a.quotes.sort_by_key(|q| (q.range.start, std::cmp::Reverse(q.range.end), q.family == Family::Blockquote));
    // Runs were recorded as indices before sorting: re-point them to the first quote's new index.
    // Quotes of a run are in text order and the first one opens first, so map by open offset.
    remap_runs(&mut a);
    attribute(doc, cfg, &cues, &mut a);
    a
}

fn remap_runs(a: &mut Analysis) {
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
fn candidates(prose: &[u8]) -> Vec<usize> {
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
fn blanked(doc: &Document<'_>, i: usize) -> bool {
    doc.prose.as_bytes()[i] == b' ' && !matches!(doc.text.as_bytes()[i], b' ' | b'\t')
}

/// The prose character before `p`, skipping blanked bytes, not before `lo`.
fn prev_char(doc: &Document<'_>, p: usize, lo: usize) -> Option<(usize, char)> {
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
fn next_char(doc: &Document<'_>, p: usize, hi: usize) -> Option<(usize, char)> {
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

fn prev_nonspace(doc: &Document<'_>, p: usize, lo: usize) -> Option<(usize, char)> {
    let mut i = p;
    loop {
        let (j, c) = prev_char(doc, i, lo)?;
        if !c.is_whitespace() {
            return Some((j, c));
        }
        i = j;
    }
}

fn next_nonspace(doc: &Document<'_>, p: usize, hi: usize) -> Option<(usize, char)> {
    let mut i = p;
    loop {
        let (j, c) = next_char(doc, i, hi)?;
        if !c.is_whitespace() {
            return Some((j, c));
        }
        i = j + c.len_utf8();
    }
}

fn is_open_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '«' | '„' | '"' | '\'' | ':')
}

fn is_close_punct(c: char) -> bool {
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
    )
}

fn open_straight(a: &Analysis, stack: &[usize], family: Family) -> Option<usize> {
    stack.iter().rposition(|&q| a.quotes[q].family == family && a.quotes[q].style == Style::Straight)
}

fn open_of(a: &Analysis, stack: &[usize], pred: impl Fn(&Quote) -> bool) -> Option<usize> {
    stack.iter().rposition(|&q| pred(&a.quotes[q]))
}

/// Longest lowercase fragment read as a term or paraphrase rather than someone's words: longer
/// fragments (`is “a disaster for everyone who drives to work”`) are somebody's and need a speaker.
const FRAGMENT_WORDS: usize = 5;

/// Deeper nesting than this is not prose: further opening marks open nothing.
const MAX_NESTING: usize = 16;

#[allow(clippy::too_many_arguments)]
fn place_mark(
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
            } else if left && !right {
                open(a, stack, Family::Double, Style::Straight);
                mark(a, Family::Double, Role::Open);
            } else if let Some(at) = open_here {
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
fn later_single_close(doc: &Document<'_>, from: usize, hi: usize) -> bool {
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

fn opens_with_mark(doc: &Document<'_>, r: Range<usize>, family: Family) -> bool {
    match next_char(doc, r.start, r.end) {
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
fn between_is_quoted(doc: &Document<'_>, from: usize, to: usize) -> bool {
    doc.text[from..to].lines().skip(1).all(|l| l.trim_start().starts_with('>'))
}

/// The nearest char boundary at or before `i`.
fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary at or after `i`.
fn ceil(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Words (runs between whitespace and dashes with at least one letter or digit), in one pass.
fn count_words(s: &str) -> usize {
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

// ---------------------------------------------------------------------------------------------
// Words and sentences

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    /// First token of its sentence.
    initial: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Words of `range` outside the quotations `skip` (sorted, non-overlapping).
fn tokens(doc: &Document<'_>, range: Range<usize>, skip: &[Range<usize>], out: &mut Vec<Tok>) {
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

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "maj", "cmdr", "adm", "sen", "rep", "gov",
    "pres", "st", "mt", "jr", "sr", "inc", "corp", "co", "ltd", "no", "nos", "vs", "v", "al", "jan", "feb", "mar",
    "apr", "aug", "sept", "sep", "oct", "nov", "dec", "fig", "ft", "approx", "dept", "est", "rev", "hon", "messrs",
];

/// Sentences of a paragraph, with quotations (`skip`) treated as opaque.
fn sentences(doc: &Document<'_>, br: Range<usize>, skip: &[Range<usize>]) -> Vec<Range<usize>> {
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
fn new_sentence_after(doc: &Document<'_>, p: usize, hi: usize) -> bool {
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

fn abbreviation_before(s: &str, lo: usize, dot: usize) -> bool {
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

// ---------------------------------------------------------------------------------------------
// Cues and speakers

/// Reporting verbs, in their base form, with irregular inflections after a `/`.
const VERBS: &[&str] = &[
    "say/said/says/saying",
    "tell/told",
    "write/wrote/written",
    "speak/spoke/spoken",
    "add",
    "ask",
    "tweet",
    "post",
    "claim",
    "state",
    "explain",
    "note",
    "argue",
    "insist",
    "warn",
    "recall",
    "reply",
    "respond",
    "continue",
    "declare",
    "admit/admitted/admitting",
    "acknowledge",
    "announce",
    "comment",
    "remark",
    "observe",
    "conclude",
    "confirm",
    "mention",
    "report",
    "quip/quipped/quipping",
    "joke",
    "shout",
    "yell",
    "scream",
    "whisper",
    "testify",
    "assert",
    "maintain",
    "contend",
    "concede",
    "exclaim",
    "predict",
    "promise",
    "vow",
    "boast",
    "complain",
    "emphasize",
    "emphasise",
    "stress",
    "suggest",
    "urge",
    "recount",
    "reiterate",
    "caution",
    "counter",
    "retort",
    "plead/pled",
    "pledge",
    "summarize",
    "summarise",
    "muse",
    "sigh",
    "describe",
    "allege",
    "answer",
    "agree",
    "add",
    "deny",
    "affirm",
    "lament",
    "instruct",
    "advise",
    "recommend",
    "estimate",
    "assure",
    "tout",
    "reflect",
    "describe",
    "acknowledge",
    "attest",
    "specify",
    "indicate",
    "proclaim",
    "inform",
    "share",
    "reveal",
    "disclose",
    "recite",
    "remember",
    "reason",
    "recommend",
    "advise",
    "sum",
    "wonder",
    "demand",
    "beg",
    "chant",
    "sing",
    "thank",
    "welcome",
    "praise",
    "applaud",
    "commend",
    "encourage",
    "enthuse",
    "think/thought",
    "quote",
];

/// Multi-word cues (lowercase, single spaces).
const PHRASES: &[&str] = &[
    "according to",
    "call for",
    "calls for",
    "called for",
    "found that",
    "finds that",
    "find that",
    "showing that",
    "shows that",
    "showed that",
    "show that",
    "in a statement",
    "in an interview",
    "in a tweet",
    "in a post",
    "in a letter",
    "in an email",
    "in a speech",
    "put it",
    "puts it",
    "pointed out",
    "points out",
    "point out",
    "was quoted",
    "were quoted",
    "went on",
    "goes on",
    "in a release",
    "in a press release",
    "in a blog post",
    "quoted as",
    "words of",
    "in the words of",
];

/// Speaker nouns: titles, groups and bodies ("the spokesman said", "officials said").
static TITLES: &[&str] = &[
    // Documents that findings are quoted from (`the survey found that “…”`).
    "survey",
    "surveys",
    "study",
    "studies",
    "poll",
    "polls",
    "audit",
    "analysis",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "spokesmen",
    "official",
    "officials",
    "minister",
    "ministry",
    "president",
    "police",
    "officer",
    "officers",
    "authorities",
    "government",
    "department",
    "agency",
    "company",
    "firm",
    "statement",
    "report",
    "source",
    "sources",
    "witness",
    "witnesses",
    "resident",
    "residents",
    "expert",
    "experts",
    "analyst",
    "analysts",
    "researcher",
    "researchers",
    "scientist",
    "scientists",
    "doctor",
    "doctors",
    "lawyer",
    "lawyers",
    "attorney",
    "attorneys",
    "prosecutor",
    "prosecutors",
    "judge",
    "court",
    "committee",
    "board",
    "council",
    "group",
    "organization",
    "organisation",
    "union",
    "team",
    "coach",
    "player",
    "players",
    "manager",
    "director",
    "chief",
    "leader",
    "leaders",
    "member",
    "members",
    "man",
    "woman",
    "men",
    "women",
    "people",
    "person",
    "mother",
    "father",
    "son",
    "daughter",
    "friend",
    "friends",
    "family",
    "neighbor",
    "neighbors",
    "neighbour",
    "neighbours",
    "owner",
    "founder",
    "ceo",
    "chairman",
    "chairwoman",
    "chair",
    "secretary",
    "governor",
    "mayor",
    "senator",
    "representative",
    "lawmaker",
    "lawmakers",
    "candidate",
    "campaign",
    "military",
    "army",
    "navy",
    "office",
    "administration",
    "embassy",
    "letter",
    "tweet",
    "announcement",
    "release",
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "staff",
    "employee",
    "employees",
    "worker",
    "workers",
    "student",
    "students",
    "teacher",
    "teachers",
    "professor",
    "author",
    "authors",
    "writer",
    "editor",
    "host",
    "blogger",
    "poster",
    "user",
    "users",
    "fan",
    "fans",
    "voter",
    "voters",
    "critic",
    "critics",
    "supporter",
    "supporters",
    "opponent",
    "opponents",
    "protester",
    "protesters",
    "victim",
    "victims",
    "survivor",
    "survivors",
    "activist",
    "activists",
    "agent",
    "agents",
    "partner",
    "partners",
    "colleague",
    "colleagues",
    "commander",
    "general",
    "soldier",
    "soldiers",
    "troops",
    "diplomat",
    "diplomats",
    "envoy",
    "ambassador",
    "king",
    "queen",
    "prince",
    "pope",
    "bishop",
    "priest",
    "administrator",
    "administrators",
    "citizens",
    "participants",
    "panelist",
    "panelists",
    "speaker",
    "speakers",
    "moderator",
    "organizer",
    "organizers",
    "organiser",
    "organisers",
    "bureau",
    "commission",
    "association",
    "party",
    "newspaper",
    "paper",
    "website",
    "site",
    "page",
    "memo",
    "document",
    "policy",
    "law",
    "rule",
    "guidance",
    "order",
    "text",
    "message",
    "sign",
    "note",
    "email",
    "e-mail",
    "post",
    "blog",
    "video",
    "press",
    "media",
    "agency's",
    "network",
    "channel",
    "station",
    "broadcaster",
    "outlet",
    "magazine",
    "journal",
    "filing",
    "complaint",
    "lawsuit",
    "suit",
    "ruling",
    "decision",
    "verdict",
    "opinion",
    "plan",
    "proposal",
    "bill",
    "act",
    "declaration",
    "communique",
    "communiqué",
    "account",
    "caption",
    "headline",
    "leaflet",
    "flyer",
    "banner",
    "placard",
    "board",
    "panel",
    "jury",
    "crown",
    "prosecution",
    "defence",
    "defense",
    "company's",
    "pilot",
    "captain",
    "crew",
    "nurse",
    "nurses",
    "patient",
    "patients",
    "parent",
    "parents",
    "child",
    "children",
    "teen",
    "teenager",
    "boy",
    "girl",
    "wife",
    "husband",
    "brother",
    "sister",
    "relative",
    "relatives",
    "villager",
    "villagers",
    "farmer",
    "farmers",
    "fisherman",
    "fishermen",
    "engineer",
    "engineers",
    "developer",
    "developers",
    "designer",
    "designers",
    "specialist",
    "specialists",
    "coordinator",
    "lead",
    "head",
    "deputy",
    "representatives",
    "customers",
    "customer",
    "visitors",
    "visitor",
    "respondents",
    "respondent",
    "observers",
    "observer",
    "commentator",
    "commentators",
    "insiders",
    "insider",
    "executive",
    "executives",
    "ministers",
    "regulators",
    "regulator",
    "investigators",
    "investigator",
    "inspector",
    "inspectors",
    "economist",
    "economists",
    "historian",
    "historians",
    "entrepreneur",
    "attendees",
    "attendee",
    "winner",
    "winners",
    "champion",
    "someone",
    "everyone",
    "nobody",
    "one",
    "others",
    "another",
    "both",
    "many",
    "some",
    "several",
    "few",
    "all",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "another", "our", "their", "his", "her", "its", "this", "that", "each", "every", "some",
    "my", "your",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

/// Words that sit between a speaker and the verb (`Smith also said`, `officials had warned`).
static BETWEEN: &[&str] = &[
    "also",
    "later",
    "then",
    "has",
    "had",
    "have",
    "was",
    "were",
    "is",
    "are",
    "previously",
    "once",
    "earlier",
    "further",
    "recently",
    "reportedly",
    "simply",
    "would",
    "will",
    "may",
    "might",
    "could",
    "can",
    "just",
    "repeatedly",
    "publicly",
    "privately",
    "bluntly",
    "flatly",
    "again",
    "first",
    "quickly",
    "initially",
    "did",
    "does",
    "do",
    "not",
    "never",
    "often",
    "always",
    "has",
    "once",
    "subsequently",
    "only",
    "openly",
    "angrily",
    "proudly",
    "told",
    "been",
    "being",
    "explicitly",
    "famously",
    "jokingly",
    "cheerfully",
    "candidly",
    "emphatically",
    "tearfully",
    "matter",
    "of",
    "fact",
    "frankly",
    "finally",
    "herself",
    "himself",
    "themselves",
    "itself",
    "even",
    "still",
    "already",
    "allegedly",
    "personally",
    "directly",
    "formally",
    "officially",
    "separately",
    "immediately",
    "shortly",
    "afterward",
    "afterwards",
    "today",
    "yesterday",
    "tonight",
    "recently",
];

/// Capitalised words that are not names.
static NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "so",
    "in",
    "on",
    "at",
    "for",
    "to",
    "of",
    "with",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "then",
    "however",
    "also",
    "yet",
    "still",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "his",
    "her",
    "their",
    "our",
    "its",
    "my",
    "your",
    "according",
    "some",
    "many",
    "most",
    "all",
    "one",
    "two",
    "three",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "last",
    "next",
    "this",
    "every",
    "each",
    "no",
    "not",
    "speaking",
    "asked",
    "said",
    "says",
    "by",
    "from",
    "about",
    "because",
    "although",
    "though",
    "since",
    "until",
    "during",
    "instead",
    "meanwhile",
    "separately",
    "earlier",
    "later",
    "finally",
    "first",
    "second",
    "third",
    "additionally",
    "further",
    "furthermore",
    "also",
    "overall",
    "in",
    "other",
    "others",
    "such",
    "both",
    "either",
    "neither",
    "only",
    "even",
    "just",
    "again",
    "more",
    "less",
    "much",
    "very",
    "please",
    "thank",
    "thanks",
    "yes",
    "well",
    "oh",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "be",
    "being",
    "been",
    "will",
    "would",
    "can",
    "could",
    "should",
    "shall",
    "might",
    "must",
    "have",
    "has",
    "had",
    "let",
    "see",
    "read",
    "learn",
    "join",
    "check",
    "visit",
    "find",
    "get",
    "go",
    "use",
    "make",
    "take",
    "click",
    "sign",
    "stay",
    "follow",
    "watch",
    "note",
];

/// Words before a quoted phrase that make it a name, not a quotation.
static NAMING: &[&str] = &[
    "titled",
    "entitled",
    "called",
    "named",
    "dubbed",
    "nicknamed",
    "headlined",
    "labeled",
    "labelled",
    "branded",
    "term",
    "terms",
    "phrase",
    "word",
    "words",
    "slogan",
    "motto",
    "adage",
    "saying",
    "proverb",
    "maxim",
    "mantra",
    "idiom",
    "hashtag",
    "tagline",
    "theme",
    "banner",
    "as",
    "so-called",
    "coined",
    "heading",
    "section",
    "tab",
    "button",
    "option",
    "field",
    "menu",
    "category",
    "series",
    "campaign",
    "program",
    "programme",
    "initiative",
    "project",
    "course",
    "session",
    "panel",
    "webinar",
    "workshop",
    "track",
    "topic",
    "question",
    "link",
    "page",
    "article",
    "post",
    "report",
    "book",
    "film",
    "song",
    "album",
    "show",
    "episode",
    "paper",
    "guide",
    "toolkit",
    "blog",
    "podcast",
    "video",
    "like",
    "versus",
    "questions",
    "asking",
    "example",
    "e.g",
    "i.e",
    "reads",
    "read",
];

/// Words after a quoted phrase that make it a name (`the “Contact us” page`).
static NAMING_AFTER: &[&str] = &[
    "section",
    "sections",
    "page",
    "pages",
    "tab",
    "button",
    "link",
    "field",
    "menu",
    "category",
    "series",
    "campaign",
    "program",
    "programme",
    "initiative",
    "project",
    "course",
    "session",
    "panel",
    "webinar",
    "workshop",
    "track",
    "topic",
    "feature",
    "app",
    "tool",
    "option",
    "label",
    "heading",
    "header",
    "box",
    "form",
    "site",
    "website",
    "report",
    "article",
    "post",
    "book",
    "film",
    "song",
    "album",
    "show",
    "episode",
    "guide",
    "toolkit",
    "blog",
    "podcast",
    "video",
    "policy",
    "award",
    "challenge",
    "contest",
    "model",
    "approach",
    "method",
    "principle",
    "rule",
    "phrase",
    "message",
    "mindset",
    "mentality",
    "slogan",
    "strategy",
];

struct Cues<'c> {
    cfg: &'c Quotes,
}

fn builtin_forms() -> &'static WordSet {
    static FORMS: OnceLock<WordSet> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut set = WordSet::default();
        for v in VERBS {
            for f in forms(v) {
                set.insert(f);
            }
        }
        set
    })
}

/// Every word that can start a built-in cue: verb forms and the first words of phrases.
fn cue_starts() -> &'static WordSet {
    static STARTS: OnceLock<WordSet> = OnceLock::new();
    STARTS.get_or_init(|| {
        let mut set = builtin_forms().clone();
        for p in PHRASES {
            set.insert(p.split(' ').next().unwrap_or(p).to_string());
        }
        set
    })
}

/// A verb entry (`base/irregular/…`) and its regular inflections.
fn forms(entry: &str) -> Vec<String> {
    let mut parts = entry.split('/');
    let base = parts.next().unwrap_or("");
    let mut out: Vec<String> = parts.map(str::to_string).collect();
    out.push(base.to_string());
    let consonant_y = base.ends_with('y') && !base.ends_with("ay") && !base.ends_with("ey") && !base.ends_with("oy");
    if consonant_y {
        let stem = &base[..base.len() - 1];
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{base}ing"));
    } else {
        if ["s", "sh", "ch", "x", "z", "o"].iter().any(|e| base.ends_with(e)) {
            out.push(format!("{base}es"));
        } else {
            out.push(format!("{base}s"));
        }
        if base.ends_with('e') {
            out.push(format!("{base}d"));
            if !base.ends_with("ee") {
                out.push(format!("{}ing", base.strip_suffix('e').unwrap_or(base)));
            } else {
                out.push(format!("{base}ing"));
            }
        } else {
            out.push(format!("{base}ed"));
            out.push(format!("{base}ing"));
        }
    }
    out
}

impl<'c> Cues<'c> {
    fn new(cfg: &'c Quotes) -> Cues<'c> {
        Cues { cfg }
    }

    fn word_is_cue(&self, w: &str) -> bool {
        let lower;
        let w = if w.bytes().any(|b| b.is_ascii_uppercase()) {
            lower = w.to_ascii_lowercase();
            lower.as_str()
        } else {
            w
        };
        let inflects = |entry: &String| !entry.contains(' ') && (entry == w || forms(entry).iter().any(|f| f == w));
        if self.cfg.ignore_verbs.iter().any(|v| {
            inflects(v) || VERBS.iter().any(|e| forms(e).iter().any(|f| f == v) && forms(e).iter().any(|f| f == w))
        }) {
            return false;
        }
        builtin_forms().contains(w) || self.cfg.extra_verbs.iter().any(inflects)
    }

    /// The number of tokens of a cue starting at token `k`, if one does.
    fn at(&self, doc: &Document<'_>, toks: &[Tok], k: usize) -> Option<usize> {
        let w = |i: usize| toks.get(i).map(|t| &doc.prose[t.start..t.end]);
        let first = w(k)?;
        if is_cap(first) && !toks[k].initial {
            return None;
        }
        // Fast rejection: most words start no cue.
        if self.cfg.extra_verbs.is_empty() && !in_set(cue_starts(), first) {
            return None;
        }
        // Phrases (built-in and configured).
        let phrases =
            PHRASES.iter().copied().chain(self.cfg.extra_verbs.iter().filter(|v| v.contains(' ')).map(String::as_str));
        for ph in phrases {
            let mut parts = ph.split(' ');
            if !parts.next().is_some_and(|p| p.eq_ignore_ascii_case(first)) {
                continue;
            }
            let mut n = 1;
            let mut ok = true;
            for part in parts {
                match w(k + n) {
                    Some(x) if x.eq_ignore_ascii_case(part) => n += 1,
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok && (!is_cap(first) || toks[k].initial) && !self.cfg.ignore_verbs.iter().any(|v| v == ph) {
                return Some(n);
            }
        }
        let capital_ok = !is_cap(first) || toks[k].initial;
        // (`that said` is a noun phrase; `that “…,” said Smith` is not: a quotation sits between.)
        let after_determiner = k > 0
            && lower_in(w(k - 1).unwrap_or(""), DETERMINERS)
            && doc.prose[toks[k - 1].end..toks[k].start].bytes().all(|b| b == b' ');
        if capital_ok && !after_determiner && self.word_is_cue(first) { Some(1) } else { None }
    }
}

/// Cues that attribute a neighbouring sentence's quotation: the plain reporting verbs.
fn strong_cue(cue: &str) -> bool {
    const STRONG: &[&str] = &[
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "adds",
        "wrote",
        "writes",
        "explained",
        "explains",
        "noted",
        "notes",
        "asked",
        "asks",
        "recalled",
        "recalls",
        "replied",
        "replies",
        "according to",
        "continued",
        "continues",
        "concluded",
        "concludes",
    ];
    // Compare word by word (the cue may wrap a line): no string is built.
    STRONG.iter().any(|s| {
        let mut a = cue.split_whitespace();
        s.split(' ').all(|p| a.next().is_some_and(|x| x.eq_ignore_ascii_case(p))) && a.next().is_none()
    })
}

/// A set of lowercase words with a cheap hash (FNV-1a): the word lists are looked up for every
/// token around every quotation, where a linear scan of a few hundred entries or SipHash costs
/// more than the rest of the tokenizing.
type WordSet = HashSet<String, std::hash::BuildHasherDefault<Fnv>>;

#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Whether `w`, ASCII-lowercased without allocating, is in `set`.
fn in_set(set: &WordSet, w: &str) -> bool {
    if !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return set.contains(w);
    }
    let mut buf = [0u8; 32];
    let Some(lower) = buf.get_mut(..w.len()) else { return false };
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|l| set.contains(l))
}

/// The long word lists as sets (found by address: they are statics).
fn list_set(list: &[&str]) -> Option<&'static WordSet> {
    static SETS: OnceLock<Vec<(usize, WordSet)>> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        [TITLES, BETWEEN, NOT_NAMES, NAMING, NAMING_AFTER, HONORIFICS]
            .iter()
            .map(|l| (l.as_ptr() as usize, l.iter().map(|x| x.to_ascii_lowercase()).collect()))
            .collect()
    });
    sets.iter().find(|(p, _)| *p == list.as_ptr() as usize).map(|(_, s)| s)
}

/// Whether `s` starts with `p`, ASCII case aside.
fn starts_with_ci(s: &str, p: &str) -> bool {
    s.len() >= p.len() && s.is_char_boundary(p.len()) && s[..p.len()].eq_ignore_ascii_case(p)
}

/// Whether `s` ends with `p`, ASCII case aside.
fn ends_with_ci(s: &str, p: &str) -> bool {
    s.len() >= p.len() && s.is_char_boundary(s.len() - p.len()) && s[s.len() - p.len()..].eq_ignore_ascii_case(p)
}

fn lower_in(w: &str, list: &[&str]) -> bool {
    if list.len() > 24
        && let Some(set) = list_set(list)
    {
        return in_set(set, w);
    }
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn speaker_kind(w: &str, t: &Tok, cfg: &Quotes) -> Option<SpeakerKind> {
    let bare = w.trim_end_matches("’s").trim_end_matches("'s");
    if lower_in(w, PRONOUNS) {
        if w == "it" || w == "It" || w.eq_ignore_ascii_case("you") {
            return Some(SpeakerKind::Pronoun);
        }
        return Some(SpeakerKind::Pronoun);
    }
    let _ = t;
    if is_cap(w) && !lower_in(bare, NOT_NAMES) {
        return Some(SpeakerKind::Name);
    }
    if lower_in(bare, TITLES) || cfg.extra_titles.iter().any(|x| x.eq_ignore_ascii_case(bare)) {
        return Some(SpeakerKind::Title);
    }
    None
}

/// Honorifics and titles left out of a name (`President Zelenskiy` → `Zelenskiy`).
static HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "president",
    "prime",
    "minister",
    "ambassador",
    "gen",
    "general",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "mayor",
    "judge",
    "justice",
    "secretary",
    "chairman",
    "chairwoman",
    "sir",
    "lord",
    "lady",
    "king",
    "queen",
    "pope",
    "rev",
    "reverend",
    "father",
    "sister",
    "major",
    "colonel",
    "captain",
    "lieutenant",
    "sergeant",
    "officer",
    "detective",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "deputy",
    "commissioner",
    "director",
    "administrator",
    "councilman",
    "councilwoman",
    "councillor",
    "councilor",
    "inspector",
    "constable",
    "superintendent",
    "ukrainian",
    "russian",
    "american",
    "british",
    "foreign",
    "defense",
    "defence",
    "state",
    "former",
    "acting",
    "vice",
    "senior",
    "team",
    "member",
    "ms.",
    "mr.",
    "dr.",
    "lt",
    "col",
    "sgt",
    "capt",
    "maj",
    "cmdr",
    "adm",
    "st",
];

/// Build a speaker from the token `j` of `toks`.
fn make_speaker(doc: &Document<'_>, toks: &[Tok], j: usize, kind: SpeakerKind) -> Speaker {
    let p = &doc.prose;
    let joined = |a: &Tok, b: &Tok| p[a.end..b.start].chars().all(|c| c == ' ' || c == '\n' || c == '\r' || c == '.');
    let w = |i: usize| &p[toks[i].start..toks[i].end];
    match kind {
        SpeakerKind::Name => {
            let mut a = j;
            while a > 0
                && joined(&toks[a - 1], &toks[a])
                && is_cap(w(a - 1))
                && !lower_in(w(a - 1), NOT_NAMES)
                && j - a < 5
            {
                a -= 1;
            }
            let mut b = j;
            while b + 1 < toks.len()
                && joined(&toks[b], &toks[b + 1])
                && is_cap(w(b + 1))
                && !lower_in(w(b + 1), NOT_NAMES)
                && b - a < 5
            {
                b += 1;
            }
            // The reference: titles and capitalised words before the name.
            let mut r = a;
            while r > 0
                && joined(&toks[r - 1], &toks[r])
                && a - r < 5
                && ((is_cap(w(r - 1)) && !lower_in(w(r - 1), NOT_NAMES))
                    || lower_in(w(r - 1), TITLES)
                    || lower_in(w(r - 1), HONORIFICS))
            {
                r -= 1;
            }
            // The name without leading honorifics.
            let mut n = a;
            while n < b && lower_in(w(n).trim_end_matches('.'), HONORIFICS) {
                n += 1;
            }
            let name: Vec<&str> = (n..=b).map(|i| w(i).trim_end_matches("’s").trim_end_matches("'s")).collect();
            let mut name = name.join(" ");
            if n == b && r < n && (w(n - 1) == "the" || w(n - 1) == "The") {
                name = format!("the {name}");
            }
            let article = a > 0 && w(a - 1).eq_ignore_ascii_case("the") && joined(&toks[a - 1], &toks[a]);
            if article && !name.starts_with("the ") && a == n && is_org(&name) {
                name = format!("the {name}");
            }
            Speaker { kind, name, range: toks[n].start..toks[b].end, reference: toks[r].start..toks[b].end }
        }
        _ => {
            let t = toks[j];
            // "the Defense Ministry spokesman": include a determiner and modifiers before a title.
            let mut r = j;
            while r > 0
                && joined(&toks[r - 1], &toks[r])
                && j - r < 4
                && (is_cap(w(r - 1)) && !lower_in(w(r - 1), NOT_NAMES))
            {
                r -= 1;
            }
            let name = if kind == SpeakerKind::Title {
                let words: Vec<&str> = (r..=j).map(w).collect();
                let s = words.join(" ");
                let det = r > 0
                    && lower_in(w(r - 1), &["the", "a", "an", "one", "another"])
                    && joined(&toks[r - 1], &toks[r]);
                if det { format!("{} {s}", w(r - 1).to_lowercase()) } else { s }
            } else {
                w(j).to_string()
            };
            Speaker { kind, name, range: t.start..t.end, reference: toks[r].start..t.end }
        }
    }
}

/// Look for a cue and a speaker among the tokens. `anchor`: prefer the cue nearest this offset.
fn find_attribution(
    doc: &Document<'_>,
    cues: &Cues<'_>,
    cfg: &Quotes,
    toks: &[Tok],
    anchor: usize,
) -> Option<Attribution> {
    let w = |i: usize| &doc.prose[toks[i].start..toks[i].end];
    let mut best: Option<(usize, Attribution)> = None;
    let mut k = 0;
    while k < toks.len() {
        let Some(n) = cues.at(doc, toks, k) else {
            k += 1;
            continue;
        };
        let cue = toks[k].start..toks[k + n - 1].end;
        let phrase = w(k).to_ascii_lowercase();
        let mut speaker = None;
        let forward_only = phrase == "according" || phrase == "words";
        let anywhere = phrase == "in";
        if !forward_only {
            // Backward, over a few adverbs and auxiliaries.
            let mut j = k;
            let mut skipped = 0;
            while j > 0 && skipped <= 3 {
                j -= 1;
                let word = w(j);
                if let Some(kind) = speaker_kind(word, &toks[j], cfg) {
                    speaker = Some(make_speaker(doc, toks, j, kind));
                    break;
                }
                // `one evaluator said`, `the developer said`: a noun after a determiner.
                if j > 0 && lower_in(w(j - 1), DETERMINERS) && word.chars().all(char::is_lowercase) {
                    speaker = Some(make_speaker(doc, toks, j, SpeakerKind::Title));
                    break;
                }
                if lower_in(word, BETWEEN) {
                    skipped += 1;
                    continue;
                }
                break;
            }
            // Looser: a speaker a few words back (`We tapped them and said`, `someone calls saying`).
            if speaker.is_none() {
                for j in (k.saturating_sub(10)..k).rev() {
                    if let Some(kind) = speaker_kind(w(j), &toks[j], cfg) {
                        speaker = Some(make_speaker(doc, toks, j, kind));
                        break;
                    }
                }
            }
        }
        if speaker.is_none() && !anywhere {
            // Forward: `said Smith`, `said the mayor`, `according to officials`.
            let mut j = k + n;
            let mut skipped = 0;
            while j < toks.len() && skipped <= 4 {
                let word = w(j);
                let after_det = j > k + n && lower_in(w(j - 1), DETERMINERS);
                let lower = word.chars().all(char::is_lowercase);
                // `according to one tester, “…”`: a noun after a determiner that ends the phrase.
                if after_det && lower && doc.prose[toks[j].end..].starts_with([',', ':']) {
                    speaker = Some(make_speaker(doc, toks, j, SpeakerKind::Title));
                    break;
                }
                // `noted keynote speaker Dan Morgan`: modifiers before a title.
                if lower
                    && !lower_in(word, TITLES)
                    && skipped < 2
                    && (j + 1..toks.len().min(j + 3)).any(|x| lower_in(w(x), TITLES))
                {
                    j += 1;
                    skipped += 1;
                    continue;
                }
                if lower_in(word, &["the", "a", "an", "his", "her", "their", "its", "one", "another", "to", "by"])
                    || ((forward_only || after_det)
                        && word.chars().all(char::is_lowercase)
                        && !lower_in(word, TITLES)
                        && j + 1 < toks.len())
                {
                    j += 1;
                    skipped += 1;
                    continue;
                }
                if let Some(kind) = speaker_kind(word, &toks[j], cfg) {
                    speaker = Some(make_speaker(doc, toks, j, kind));
                }
                break;
            }
        }
        if speaker.is_none() && anywhere {
            // `in a statement`: the nearest speaker anywhere in the window.
            let mut bestj: Option<usize> = None;
            for (j, t) in toks.iter().enumerate() {
                if j >= k && j < k + n {
                    continue;
                }
                if speaker_kind(w(j), t, cfg).is_some() && bestj.is_none_or(|b| j.abs_diff(k) < b.abs_diff(k)) {
                    bestj = Some(j);
                }
            }
            if let Some(j) = bestj
                && let Some(kind) = speaker_kind(w(j), &toks[j], cfg)
            {
                speaker = Some(make_speaker(doc, toks, j, kind));
            }
        }
        if let Some(sp) = speaker {
            let d = cue.start.abs_diff(anchor);
            if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
                best = Some((d, Attribution { speaker: sp, cue: cue.clone(), via: Via::Sentence }));
            }
        }
        k += n;
    }
    best.map(|(_, a)| a)
}

/// Whether the word right before `at` (within its sentence) is a reporting verb (`says “…”`).
fn prev_word_is_cue(doc: &Document<'_>, cues: &Cues<'_>, at: usize, lo: usize) -> bool {
    let before = &doc.prose[floor(&doc.prose, lo.max(at.saturating_sub(40)))..at];
    let w = before.trim_end_matches(|c: char| !c.is_alphanumeric()).rsplit(|c: char| !c.is_alphanumeric()).next();
    w.is_some_and(|w| !w.is_empty() && cues.word_is_cue(w))
}

/// Words mentioned rather than reported: `“…” or “…”` (wording offered as alternatives), or a
/// quotation that is the subject of the writer's sentence (`“…” is a common question`).
fn mentioned(doc: &Document<'_>, q: &Quote, sent: Range<usize>) -> bool {
    const OPENING: &[char] = &['“', '"', '‘', '\'', '«', '„'];
    let after = &doc.prose[q.range.end.min(sent.end)..sent.end];
    let after = after.trim_start_matches([',', ' ', '*', '_']);
    if statement_named(&doc.prose[sent.start..q.range.start.max(sent.start)], after) {
        return true;
    }
    // A list of single words (`the “who, what, when, where, why and how”`): terms, not speech.
    let inner = &doc.prose[q.open.end..q.close.as_ref().map_or(q.range.end, |c| c.start)];
    let list = inner.trim_end_matches(['.', ',', '?', '!']).replace(" and ", ",").replace(" or ", ",");
    // `, and` (a serial comma) leaves an empty item: not a word of the list.
    let items: Vec<&str> = list.split(',').map(str::trim).filter(|i| !i.is_empty()).collect();
    if items.len() >= 3 && items.iter().all(|i| !i.contains(char::is_whitespace)) {
        return true;
    }
    let word = after.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).next().unwrap_or("");
    // Wording offered as alternatives, or rewritten (`“…” became “…”`).
    const JOINS: &[&str] = &["or", "versus", "vs", "became", "becomes", "into"];
    if lower_in(word, JOINS) && after[word.len()..].trim_start().starts_with(OPENING) {
        return true;
    }
    let before = doc.prose[sent.start..q.range.start].trim_end();
    if let Some(b) = JOINS.iter().find_map(|j| before.strip_suffix(j))
        && b.ends_with(' ')
        && b.trim_end().ends_with(['”', '"', '’', '\'', '»'])
    {
        return true;
    }
    const COPULA: &[&str] = &[
        "is",
        "was",
        "are",
        "were",
        "became",
        "becomes",
        "remains",
        "remained",
        "doesn't",
        "doesn’t",
        "does",
        "did",
        "means",
        "meant",
        "has",
        "had",
    ];
    let starts =
        doc.prose[sent.start..q.range.start].trim_matches(|c: char| c.is_whitespace() || "*_([".contains(c)).is_empty();
    starts && lower_in(word, COPULA) && word.chars().all(|c| c.is_lowercase() || c == '\'' || c == '’')
}

/// Whether the words around a quotation name it as a statement of an organisation's own (`the
/// group's mission is “…”`, `its motto: “…”`, `if “…” is the mission`, `the site aims to “…”`)
/// or as text to type (`“…” in the subject line`): words shown, not speech to attribute.
fn statement_named(before: &str, after: &str) -> bool {
    const BEFORE: &[&str] = &[
        "mission is",
        "mission was",
        "mission is to",
        "mission was to",
        "mission to",
        "mission:",
        "vision is",
        "vision was",
        "vision:",
        "motto is",
        "motto was",
        "motto:",
        "slogan is",
        "slogan was",
        "slogan:",
        "tagline is",
        "tagline:",
        "aims to",
        "aimed to",
        "aim is to",
        "question:",
        "question is",
    ];
    const AFTER: &[&str] = &[
        "is the mission",
        "was the mission",
        "is our mission",
        "is the vision",
        "is our vision",
        "is the motto",
        "was the motto",
        "is the slogan",
        "in the subject line",
        "as the subject line",
    ];
    let word_start = |s: &str, n: usize| s.len() == n || !s.as_bytes()[s.len() - n - 1].is_ascii_alphabetic();
    let ends_with = |before: &str| BEFORE.iter().any(|p| ends_with_ci(before, p) && word_start(before, p.len()));
    let mut before = before.trim_end().trim_end_matches(['*', '_', '—', '–', ':', ' ']);
    let mut named = ends_with(before);
    for _ in 0..2 {
        if named {
            break;
        }
        let Some(sp) = before.rfind(' ') else { break };
        before = before[..sp].trim_end();
        named = ends_with(before);
    }
    named || AFTER.iter().any(|p| starts_with_ci(after, p))
}

/// Whether the quotation continues a lowercase word of the writer's sentence (`is to “…”`, `focused
/// on “…”`): not after a name (`Smith “will not back down”` quotes Smith's words as a
/// predicate) and not after a comma or bracket (the quotation opens a clause of its own).
fn prev_word_is_lowercase(doc: &Document<'_>, at: usize, lo: usize) -> bool {
    let Some((mut i, mut c)) = prev_nonspace(doc, at, lo) else { return false };
    // A parenthetical adverb between (`ready to (digitally) “put pen to paper”`).
    if c == ')'
        && let Some(open) = doc.prose[lo..i].rfind('(')
        && doc.prose[lo + open + 1..i].chars().all(|c| c.is_lowercase())
        && let Some(p) = prev_nonspace(doc, lo + open, lo)
    {
        (i, c) = p;
    }
    if !c.is_alphanumeric() {
        return false;
    }
    let before = &doc.prose[floor(&doc.prose, lo.max(i.saturating_sub(40)))..i + c.len_utf8()];
    let w = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    w.chars().next().is_some_and(char::is_lowercase)
}

/// Attribution to a link (its first character) that cites the quotation's source.
fn linked_source(at: usize) -> Attribution {
    let r = at..at + 1;
    Attribution {
        speaker: Speaker {
            kind: SpeakerKind::Name,
            name: "the linked source".into(),
            range: r.clone(),
            reference: r.clone(),
        },
        cue: r,
        via: Via::Citation,
    }
}

/// `— Name` right after a quotation (same or next line).
fn dash_attribution(doc: &Document<'_>, after: usize, hi: usize) -> Option<Attribution> {
    let (i, c) = next_nonspace(doc, after, hi)?;
    let s = &doc.prose[i..hi];
    let rest = if c == '—' || c == '–' || c == '―' {
        &s[c.len_utf8()..]
    } else if let Some(r) = s.strip_prefix("--") {
        r
    } else {
        s.strip_prefix('-')?
    };
    let dash_len = s.len() - rest.len();
    let lead = rest.len() - rest.trim_start().len();
    let start = i + dash_len + lead;
    let tail = &doc.prose[start..hi];
    let end = tail
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\'' | '’')))
        .map_or(tail.len(), |(k, _)| k);
    let name = tail[..end].trim_end();
    let first = name.split(' ').next().unwrap_or("");
    // `— via 18F`, `— From a designer we interviewed`: a source line, whatever follows.
    if lower_in(first, &["via", "from"]) && name.len() > first.len() + 1 {
        let who = name[first.len()..].trim_start();
        let at = start + (name.len() - who.len());
        return Some(Attribution {
            speaker: Speaker {
                kind: if is_cap(who) { SpeakerKind::Name } else { SpeakerKind::Title },
                name: who.to_string(),
                range: at..at + who.len(),
                reference: start..at + who.len(),
            },
            cue: i..i + dash_len,
            via: Via::Dash,
        });
    }
    // `— The Canadian Press`: an article before a name is part of it.
    let the_name = first == "The" && name.split(' ').nth(1).is_some_and(is_cap);
    if !is_cap(name) || (lower_in(first, NOT_NAMES) && !the_name) {
        return None;
    }
    let words: Vec<&str> = name.split(' ').filter(|w| is_cap(w)).take(4).collect();
    let len: usize = name.split(' ').take_while(|w| is_cap(w)).map(|w| w.len() + 1).sum::<usize>().saturating_sub(1);
    let range = start..start + len.max(1);
    Some(Attribution {
        speaker: Speaker { kind: SpeakerKind::Name, name: words.join(" "), range: range.clone(), reference: range },
        cue: i..i + dash_len,
        via: Via::Dash,
    })
}

/// A credit after a quotation, as under a pull quote or a photo: one to three words, the first a
/// capitalized name (not an article or a pronoun), then `image`/`photo` or a comma and the title
/// of the work (`“…” Shimon Peres image: …`, `"…" Anonymous blogger, "…"`). A bare name ending
/// the paragraph is not enough: it reads the same as an orphaned quotation's leftover.
fn credit_line(doc: &Document<'_>, after: usize, hi: usize) -> Option<Attribution> {
    let (i, c) = next_nonspace(doc, after, hi)?;
    if !c.is_uppercase() {
        return None;
    }
    let tail = &doc.prose[i..hi];
    let mut words = Vec::new();
    let mut end = 0;
    for w in tail.split(' ').take(4) {
        let bare = w.trim_end_matches([',', '.']);
        if bare.is_empty() || !bare.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’')) {
            break;
        }
        words.push(bare);
        end += w.len() + 1;
        if w.ends_with([',', '.']) || words.len() == 3 {
            break;
        }
    }
    let first = *words.first()?;
    if lower_in(first, NOT_NAMES) || lower_in(first, PRONOUNS) || lower_in(first, DETERMINERS) {
        return None;
    }
    let name_len = end.saturating_sub(1).min(tail.len());
    let name = tail[..name_len].trim_end_matches([',', '.', ' ']);
    let rest = tail[name.len()..].trim_start_matches(['.', ' ']);
    // After a comma, only the title of the work the words come from (`Anonymous blogger, "…"`).
    let after_comma = tail[name.len()..].strip_prefix(',').map(str::trim_start);
    let credit = after_comma.is_some_and(|r| r.starts_with(['"', '“', '[']))
        || lower_in(rest.split([' ', ':']).next().unwrap_or(""), &["image", "photo", "picture"]);
    // The credit names a person or a source: its first word capitalized and the words that follow
    // not a verb's subject (`“…” Smith then left` is a new sentence).
    if !credit || words.iter().skip(1).any(|w| lower_in(w, &["then", "said", "says", "told", "added"])) {
        return None;
    }
    Some(Attribution {
        speaker: Speaker {
            kind: SpeakerKind::Name,
            name: name.to_string(),
            range: i..i + name.len(),
            reference: i..i + name.len(),
        },
        cue: i..i + name.len(),
        via: Via::Dash,
    })
}

/// A document named earlier in the sentence as its subject or its source (`The law authorizes`,
/// `committed in the Plan`): the source of a partial quotation that continues the sentence.
fn document_before(doc: &Document<'_>, lo: usize, at: usize) -> Option<Attribution> {
    const DOCUMENTS: &[&str] = &[
        "law",
        "act",
        "statute",
        "bill",
        "plan",
        "policy",
        "strategy",
        "charter",
        "regulation",
        "rule",
        "order",
        "memo",
        "memorandum",
        "guidance",
        "directive",
        "report",
        "survey",
        "study",
        "constitution",
        "treaty",
    ];
    let before = &doc.prose[lo..at];
    let words: Vec<(usize, &str)> = before
        .split(' ')
        .scan(lo, |offset, w| {
            let at = *offset;
            *offset += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    for (k, &(offset, w)) in words.iter().enumerate() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let prev = |n: usize| k.checked_sub(n).map_or("", |p| words[p].1.trim_matches(|c: char| !c.is_alphanumeric()));
        let next = words.get(k + 1).map_or("", |x| x.1.trim_matches(|c: char| !c.is_alphanumeric()));
        // `in the Plan`, or `the law` followed by a verb of its own (`authorizes`, `requires`,
        // `reads`), not a copula: `the plan is “a disaster”` judges the plan, it does not quote it.
        let determiner = lower_in(prev(1), &["the", "this", "its", "their", "our"]);
        let cited = determiner && lower_in(prev(2), &["in", "under"]);
        let speaks = determiner
            && next.len() > 3
            && next.ends_with('s')
            && next.chars().all(|c| c.is_lowercase())
            && !lower_in(next, &["was", "has", "does", "seems", "looks", "remains", "becomes", "is"]);
        if lower_in(bare, DOCUMENTS) && (cited || speaks) {
            let start = offset + w.find(bare).unwrap_or(0);
            let range = start..start + bare.len();
            return Some(Attribution {
                speaker: Speaker {
                    kind: SpeakerKind::Title,
                    name: format!("the {}", bare.to_lowercase()),
                    range: range.clone(),
                    reference: range.clone(),
                },
                cue: range,
                via: Via::Introduction,
            });
        }
    }
    None
}

/// Whether the sentence `sent` starts with a speaker and a cue (`Smith said`, `He added`, `So said Smith`).
fn leads_with_attribution(
    doc: &Document<'_>,
    cues: &Cues<'_>,
    cfg: &Quotes,
    sent: Range<usize>,
    skip: &[Range<usize>],
    toks: &mut Vec<Tok>,
) -> Option<Attribution> {
    // `This is how Smith describes it.`, `So says Smith.`: the speaker follows a pointer back to
    // the quotation, and the rest of the sentence is the verb's object, not a clause of its own.
    const POINTERS: &[&str] =
        &["this is how ", "that is how ", "that's how ", "that’s how ", "this is what ", "that is what ", "so says "];
    let first = sent.start + (doc.prose[sent.clone()].len() - doc.prose[sent.clone()].trim_start().len());
    let lead = &doc.prose[first..ceil(&doc.prose, sent.end.min(first + 16))];
    let pointer = POINTERS.iter().find(|p| starts_with_ci(lead, p));
    let start = pointer.map_or(sent.start, |p| first + p.len());
    let head = start..ceil(&doc.prose, sent.end.min(start + 120));
    tokens(doc, head, skip, toks);
    let limit = toks.len().min(7);
    for k in 0..limit {
        if cues.at(doc, toks, k).is_some() {
            let mut a = find_attribution(doc, cues, cfg, &toks[..limit.max(k + 3).min(toks.len())], toks[k].start)?;
            if pointer.is_none()
                && (!strong_cue(&doc.prose[a.cue.clone()])
                    || !bare_tag(doc, a.cue.end.max(a.speaker.range.end), sent.end))
            {
                return None;
            }
            a.via = Via::NextSentence;
            return Some(a);
        }
    }
    None
}

/// Whether what follows a speaker and cue up to the end of the sentence is only a short tag
/// (`on Monday`, `told reporters`, `in an interview`), not a clause of its own (`Smith said the
/// crews would work all night`): only a bare tag attributes the quotation before it.
fn bare_tag(doc: &Document<'_>, from: usize, to: usize) -> bool {
    const CLAUSE: &[&str] = &[
        "that", "he", "she", "they", "it", "we", "i", "you", "there", "this", "these", "would", "will", "is", "are",
        "was", "were", "has", "have", "had", "could", "should", "can", "may", "might", "must", "when", "if", "because",
    ];
    if from >= to {
        return true;
    }
    let tail = &doc.prose[floor(&doc.prose, from)..ceil(&doc.prose, to)];
    let words: Vec<&str> = tail.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.len() <= 8 && !words.iter().any(|w| lower_in(w, CLAUSE))
}

/// First- or second-person words: a quotation that has one is someone speaking.
fn has_person(s: &str) -> bool {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).any(|w| {
        let w = w.split(['\'', '’']).next().unwrap_or("");
        w == "I"
            || matches!(
                w.to_lowercase().as_str(),
                "me" | "my"
                    | "mine"
                    | "myself"
                    | "we"
                    | "our"
                    | "ours"
                    | "ourselves"
                    | "you"
                    | "your"
                    | "yours"
                    | "yourself"
                    | "yourselves"
            )
            || w == "us"
    })
}

/// Markup read as prose (plain text, or HTML the parser left in): an attribute value opened right
/// after `=` (`alt="Two teens"`), or a Markdown link title, between a blanked destination and `)`.
fn markup_value(doc: &Document<'_>, q: &Quote) -> bool {
    let p = doc.prose.as_bytes();
    if q.open.start > 0 && p[q.open.start - 1] == b'=' {
        return true;
    }
    let Some(close) = &q.close else { return false };
    doc.text.as_bytes().get(close.end) == Some(&b')')
        && q.open.start >= 2
        && doc.text.as_bytes()[q.open.start - 1] == b' '
        && blanked(doc, q.open.start - 2)
}

/// Title case: every word but short function words starts with a capital or a digit.
fn title_case(s: &str) -> bool {
    let words: Vec<&str> =
        s.split(|c: char| c.is_whitespace()).filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    if words.len() < 2 || words.len() > 14 {
        return false;
    }
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "vs", "from", "as", "is", "&",
    ];
    let body = s.trim_end_matches(|c: char| !c.is_alphanumeric());
    if body.ends_with(['.', '!', '?']) || body.contains(". ") {
        return false;
    }
    words.iter().all(|w| {
        let t = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || lower_in(t.trim_end_matches(|c: char| !c.is_alphanumeric()), SMALL)
    })
}

fn attribute(doc: &Document<'_>, cfg: &Quotes, cues: &Cues<'_>, a: &mut Analysis) {
    let mut toks = Vec::new();
    let n = a.quotes.len();
    // Group top-level quotes by block.
    let mut i = 0;
    let prev_block_attr: Option<(usize, Attribution)> = None;
    // Whether the draft quotes with double marks: single marks are then not quotation marks at the
    // top level.
    let single_secondary = {
        let outer = |f: Family| a.quotes.iter().filter(|x| x.depth == 0 && x.family == f && x.close.is_some()).count();
        outer(Family::Single) <= outer(Family::Double)
    };
    while i < n {
        let bi = a.quotes[i].block;
        let mut j = i;
        while j < n && a.quotes[j].block == bi {
            j += 1;
        }
        let block = &doc.blocks[bi];
        let br = block.range.clone();
        let top: Vec<usize> =
            (i..j).filter(|&q| a.quotes[q].depth == 0 && a.quotes[q].family != Family::Blockquote).collect();
        let skip: Vec<Range<usize>> = top.iter().map(|&q| a.quotes[q].range.clone()).collect();
        let sents = sentences(doc, br.clone(), &skip);
        let headline = matches!(block.kind, BlockKind::Heading | BlockKind::TableCell);
        let mut last_attr_sentence: Option<(usize, Attribution)> = None;
        for q in i..j {
            let quote = &a.quotes[q];
            if quote.family == Family::Blockquote {
                let st = blockquote_status(doc, cues, cfg, a, q, &mut toks);
                a.quotes[q].status = st;
                continue;
            }
            if quote.depth > 0 {
                a.quotes[q].status = Status::NotAQuotation(Reason::Nested);
                continue;
            }
            let inner = quote.open.end..quote.close.as_ref().map_or(quote.range.end, |c| c.start);
            let inner_text = &doc.prose[inner.clone()];
            if headline {
                a.quotes[q].status = Status::NotAQuotation(Reason::Headline);
                continue;
            }
            if markup_value(doc, quote) {
                a.quotes[q].status = Status::NotAQuotation(Reason::Markup);
                continue;
            }
            if quote.family == Family::Single && single_secondary && quote.run.is_none() {
                a.quotes[q].status = Status::NotAQuotation(Reason::SingleMarks);
                continue;
            }
            if quote.words <= cfg.short_quote_words && quote.run.is_none() {
                a.quotes[q].status = Status::NotAQuotation(Reason::Short { words: quote.words });
                continue;
            }
            if quote.words <= 14 && title_case(inner_text) {
                a.quotes[q].status = Status::NotAQuotation(Reason::Title);
                continue;
            }
            let si = sents.iter().position(|s| s.start <= quote.open.start && quote.open.start < s.end).unwrap_or(0);
            let sent = sents.get(si).cloned().unwrap_or(br.clone());
            // A name: `a report titled “…”`.
            if let Some((pi, pc)) = prev_char(doc, quote.open.start, sent.start) {
                let before = &doc.prose[sent.start..pi + pc.len_utf8()];
                let last = before
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .rsplit(|c: char| !(c.is_alphanumeric() || c == '-'))
                    .next()
                    .unwrap_or("");
                let as_in = lower_in(last, &["in"])
                    && before
                        .trim_end()
                        .strip_suffix(last)
                        .is_some_and(|b| b.trim_end().to_ascii_lowercase().ends_with(" as"));
                if (lower_in(last, NAMING) || as_in)
                    && before.trim_end().ends_with(|c: char| c.is_alphanumeric() || c == ':' || c == ',')
                {
                    let ends_colon = before.trim_end().ends_with(':');
                    if !ends_colon || lower_in(last, &["titled", "entitled", "headlined"]) {
                        a.quotes[q].status = Status::NotAQuotation(Reason::Named);
                        continue;
                    }
                }
            }
            // A name: `the “Videos and multimedia” section`.
            if let Some((ni, _)) = next_nonspace(doc, quote.range.end, sent.end) {
                let after = &doc.prose[ni..ceil(&doc.prose, (ni + 20).min(sent.end))];
                let word = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                if lower_in(word, NAMING_AFTER) {
                    a.quotes[q].status = Status::NotAQuotation(Reason::Named);
                    continue;
                }
            }
            // 1. Its own sentence.
            let window = floor(&doc.prose, sent.start.max(quote.open.start.saturating_sub(250)))
                ..ceil(&doc.prose, sent.end.min(quote.range.end + 250));
            tokens(doc, window, &skip, &mut toks);
            let mut found = find_attribution(doc, cues, cfg, &toks, quote.range.end);
            // A citation in brackets right after it: `“…” ([Report title](https://…))`.
            // (`doc.links` is sorted by start: binary searches, not a scan per quotation.)
            if found.is_none()
                && let Some((pi, '(')) = next_nonspace(doc, quote.range.end, br.end)
                && doc
                    .links
                    .get(doc.links.partition_point(|l| l.range.start <= pi))
                    .is_some_and(|l| l.range.start < pi + 4)
            {
                found = Some(Attribution {
                    speaker: Speaker {
                        kind: SpeakerKind::Name,
                        name: "the cited source".into(),
                        range: pi..pi + 1,
                        reference: pi..pi + 1,
                    },
                    cue: pi..pi + 1,
                    via: Via::Citation,
                });
            }
            // A quotation whose words are a link: the link is its source (`“[…](https://…)”`).
            if found.is_none()
                && let Some(l) = doc.links[doc.links.partition_point(|l| l.range.start < quote.open.end)..]
                    .iter()
                    .take_while(|l| l.range.start <= quote.open.end + 4)
                    .find(|l| !l.image && l.range.end + 8 >= inner.end)
            {
                found = Some(linked_source(l.range.start));
            }
            // A link that ends just before it in its sentence is its source (`the [strategy](https://…)
            // calls for “…”`, `[the survey](https://…) found that “…”`): one to three words between
            // (none: the link is the subject, `[Govt.nz](https://…) “looks…”`).
            if found.is_none()
                && let Some(l) = doc.links[..doc.links.partition_point(|l| l.range.start < quote.open.start)].last()
                && !l.image
                && l.range.start >= sent.start
                && l.range.end <= quote.open.start
                && (1..=3).contains(&count_words(&doc.prose[l.range.end..quote.open.start]))
            {
                found = Some(linked_source(l.range.start));
            }
            // 2. A dash line after it.
            if found.is_none() {
                found = dash_attribution(doc, quote.range.end, br.end);
                if found.is_none() && quote.range.end + 3 >= br.end.min(quote.range.end + 3) {
                    // A `— Name` paragraph right after.
                    if let Some(nb) = doc.blocks.get(bi + 1)
                        && next_char(doc, quote.range.end, br.end).is_none()
                        && let Some(d) = dash_attribution(doc, nb.range.start, nb.range.end)
                        && nb.range.len() < 80
                    {
                        found = Some(d);
                    }
                }
            }
            // 2b. A credit right after it, as under a pull quote or a photo (`“…” Shimon Peres
            //     image: …`, `"…" Anonymous blogger, "Post title"`).
            if found.is_none() {
                found = credit_line(doc, quote.range.end, br.end);
            }
            let starts_sentence = prev_nonspace(doc, quote.open.start, sent.start)
                .is_none_or(|(_, c)| matches!(c, '(' | '[' | '—' | '*' | '_'));
            let ends_sentence = next_nonspace(doc, quote.range.end, sent.end)
                .is_none_or(|(_, c)| matches!(c, '.' | ')' | ']' | '*' | '_'));
            // 3. Split quote: the previous sentence of the paragraph has an attributed quotation.
            if found.is_none()
                && starts_sentence
                && let Some((ps, att)) = &last_attr_sentence
                && *ps + 1 == si
            {
                let mut att = att.clone();
                att.via = Via::SplitQuote;
                found = Some(att);
            }
            // 3b. The previous sentence of the paragraph starts with a speaker and a plain
            //     reporting verb (`Smith said the plan failed. “It was a disaster.”`).
            if found.is_none() && starts_sentence && si > 0 {
                let ps = sents[si - 1].clone();
                let ps = floor(&doc.prose, ps.start.max(ps.end.saturating_sub(400)))..ps.end;
                tokens(doc, ps, &skip, &mut toks);
                // Or ends with a tag (`The metadata is the model, said Powell. “…”`).
                if let Some(mut att) = find_attribution(doc, cues, cfg, &toks, usize::MAX)
                    && strong_cue(&doc.prose[att.cue.clone()])
                    && (toks.iter().take(8).any(|t| t.start == att.cue.start)
                        || (toks.iter().rev().take(4).any(|t| t.start == att.cue.start)
                            && toks.iter().rev().take(4).any(|t| t.start == att.speaker.range.start)))
                {
                    att.via = Via::PreviousSentence;
                    found = Some(att);
                }
            }
            // 4. The previous sentence (or paragraph) ends with a colon after speaker and cue.
            if found.is_none() && starts_sentence {
                let prev_sent = if si > 0 { sents.get(si - 1).cloned() } else { None };
                let intro = match prev_sent {
                    Some(ps) => Some(ps),
                    None => {
                        if bi > 0 && prev_char(doc, quote.open.start, br.start).is_none() {
                            doc.blocks.get(bi - 1).map(|pb| {
                                floor(&doc.prose, pb.range.start.max(pb.range.end.saturating_sub(400)))..pb.range.end
                            })
                        } else {
                            None
                        }
                    }
                };
                // A paragraph before may also end with a comma or semicolon (`Rathbun stated,` ⏎ `“…”`).
                if let Some(ps) = intro
                    && (prev_char(doc, ps.end, ps.start).is_some_and(|(_, c)| c == ':')
                        || (si == 0
                            && prev_nonspace(doc, ps.end, ps.start).is_some_and(|(_, c)| matches!(c, ',' | ';'))))
                {
                    tokens(doc, ps, &[], &mut toks);
                    if let Some(mut att) = find_attribution(doc, cues, cfg, &toks, usize::MAX) {
                        att.via = Via::IntroducedBefore;
                        found = Some(att);
                    }
                }
            }
            // 5. The next sentence starts with speaker and cue (same paragraph, or the next one
            //    when the quotation ends its paragraph).
            if found.is_none() && ends_sentence {
                if let Some(ns) = sents.get(si + 1) {
                    found = leads_with_attribution(doc, cues, cfg, ns.clone(), &skip, &mut toks);
                } else if let Some(nb) = doc.blocks.get(bi + 1)
                    && nb.quote_depth == block.quote_depth
                {
                    let nr = nb.range.clone();
                    let first_mark = a.quotes[j..]
                        .iter()
                        .take_while(|x| x.block <= bi + 1)
                        .find(|x| x.block == bi + 1)
                        .map(|x| x.range.start)
                        .unwrap_or(nr.end);
                    if first_mark > nr.start {
                        found = leads_with_attribution(doc, cues, cfg, nr.start..first_mark, &[], &mut toks);
                    }
                }
            }
            // 6. The previous paragraph's quotation continues here (multi-paragraph run).
            if found.is_none()
                && let Some(r) = quote.run
                && r != q
                && let Status::Attributed(att) = &a.quotes[r].status
            {
                let mut att = att.clone();
                att.via = Via::Run;
                found = Some(att);
            }
            // 6b. The quotation opens its paragraph and nothing but markup (`>`, emphasis) is before it.
            let lead = &doc.prose[br.start..quote.open.start];
            let leads =
                si == 0 && bi > 0 && lead.bytes().all(|b| matches!(b, b' ' | b'>' | b'*' | b'_' | b'\n' | b'\r'));
            // A quotation that opens a blockquote is introduced by the paragraph before it, like
            // the blockquote itself (`“…,” said Smith.` ⏎ `> “…”`).
            if found.is_none() && leads && (block.quote_depth > doc.blocks[bi - 1].quote_depth || lead.contains('>')) {
                let pb = doc.blocks[bi - 1].range.clone();
                tokens(doc, floor(&doc.prose, pb.start.max(pb.end.saturating_sub(300)))..pb.end, &[], &mut toks);
                if let Some(mut att) = find_attribution(doc, cues, cfg, &toks, usize::MAX) {
                    att.via = Via::IntroducedBefore;
                    found = Some(att);
                }
            }
            // 7. A colon after a description of the quoted words, with no reporting verb
            //    (`the goal we set for the site: “…”`): the introduction says what is quoted.
            let colon = if !starts_sentence {
                prev_nonspace(doc, quote.open.start, sent.start).filter(|x| x.1 == ':').map(|x| (x.0, sent.start))
            } else if bi > 0 && prev_char(doc, quote.open.start, br.start).is_none() {
                let pb = doc.blocks[bi - 1].range.clone();
                prev_nonspace(doc, pb.end, pb.start).filter(|x| x.1 == ':').map(|x| (x.0, pb.start))
            } else {
                None
            };
            if found.is_none()
                && let Some((ci, lo)) = colon
                && let Some(t) = {
                    tokens(doc, floor(&doc.prose, lo.max(ci.saturating_sub(200)))..ci, &skip, &mut toks);
                    toks.last().copied()
                }
            {
                found = Some(Attribution {
                    speaker: Speaker {
                        kind: SpeakerKind::Title,
                        name: doc.prose[t.start..t.end].to_string(),
                        range: t.start..t.end,
                        reference: t.start..t.end,
                    },
                    cue: ci..ci + 1,
                    via: Via::Introduction,
                });
            }
            // 8. A partial quotation carried by a sentence about a document (`The law authorizes
            //    agencies to “enter into …”`, `the Board committed in the Plan that it would “seek
            //    …”`): the document is the source.
            if found.is_none()
                && !starts_sentence
                && inner_text.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase)
                && let Some(d) = document_before(doc, sent.start, quote.open.start)
            {
                found = Some(d);
            }
            let _ = &prev_block_attr;
            if found.is_none() && mentioned(doc, quote, sent.clone()) {
                a.quotes[q].status = Status::NotAQuotation(Reason::Mention);
                continue;
            }
            if found.is_none()
                && !starts_sentence
                && count_words(inner_text) <= FRAGMENT_WORDS
                && inner_text.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase)
                && !has_person(inner_text)
                && !prev_word_is_cue(doc, cues, quote.open.start, sent.start)
                && prev_word_is_lowercase(doc, quote.open.start, sent.start)
            {
                a.quotes[q].status = Status::NotAQuotation(Reason::Fragment);
                continue;
            }
            match found {
                Some(att) => {
                    last_attr_sentence = Some((si, att.clone()));
                    a.quotes[q].status = Status::Attributed(att);
                }
                None => a.quotes[q].status = Status::Unattributed,
            }
        }
        let _ = &prev_block_attr;
        a.sentences.push((bi, sents));
        i = j;
    }
    // A run is attributed when any of its quotations is: spread the attribution.
    let mut run_att: std::collections::HashMap<usize, Attribution> = std::collections::HashMap::new();
    for q in &a.quotes {
        if let (Some(r), Status::Attributed(att)) = (q.run, &q.status) {
            run_att.entry(r).or_insert_with(|| att.clone());
        }
    }
    for q in &mut a.quotes {
        if let Some(r) = q.run
            && let Some(att) = run_att.get(&r)
            && matches!(q.status, Status::Unattributed | Status::NotAQuotation(Reason::Short { .. }))
        {
            let mut att = att.clone();
            att.via = Via::Run;
            q.status = Status::Attributed(att);
        }
    }
}

fn blockquote_status(
    doc: &Document<'_>,
    cues: &Cues<'_>,
    cfg: &Quotes,
    a: &Analysis,
    q: usize,
    toks: &mut Vec<Tok>,
) -> Status {
    let quote = &a.quotes[q];
    // Quotation marks inside are checked on their own.
    let from = a.quotes.partition_point(|x| x.range.start < quote.range.start);
    if a.quotes[from..].iter().take_while(|x| x.range.start < quote.range.end).any(|x| {
        x.family != Family::Blockquote
            && x.range.end <= quote.range.end
            && x.depth == 0
            && x.words > cfg.short_quote_words
    }) {
        return Status::NotAQuotation(Reason::Nested);
    }
    if quote.words <= cfg.short_quote_words {
        return Status::NotAQuotation(Reason::Short { words: quote.words });
    }
    // A trailing `— Name` line.
    let body_end = quote.range.start + doc.text[quote.range.clone()].trim_end().len();
    let last_line_start = doc.text[..body_end].rfind('\n').map_or(quote.range.start, |i| i + 1).max(quote.range.start);
    if let Some(att) = dash_attribution(doc, last_line_start, quote.range.end) {
        return Status::Attributed(att);
    }
    if let Some(att) =
        dash_attribution(doc, quote.range.start, quote.range.end).filter(|_| quote.range.end - quote.range.start < 100)
    {
        return Status::Attributed(att);
    }
    // A blockquote right after a heading or at the top of the draft (after at most a title line)
    // is a summary or a standfirst, not a quotation.
    let b = quote.block;
    if b <= 1
        || doc.blocks.get(b - 1).is_some_and(|pb| pb.kind == BlockKind::Heading || heading_like(doc, pb.range.clone()))
    {
        return Status::NotAQuotation(Reason::Headline);
    }
    // The paragraph before: its last sentence has speaker and cue.
    if b > 0
        && let Some(pb) = doc.blocks.get(b - 1)
    {
        let r = floor(&doc.prose, pb.range.start.max(pb.range.end.saturating_sub(300)))..pb.range.end;
        tokens(doc, r.clone(), &[], toks);
        if let Some(mut att) = find_attribution(doc, cues, cfg, toks, usize::MAX) {
            att.via = Via::IntroducedBefore;
            return Status::Attributed(att);
        }
        // `Below is an example, from my report:` — the introduction names the source.
        if let Some((ci, ':')) = prev_nonspace(doc, r.end, r.start) {
            let t = toks.last().map_or(ci..ci + 1, |t| t.start..t.end);
            let speaker = Speaker {
                kind: SpeakerKind::Title,
                name: doc.prose[t.clone()].to_string(),
                range: t.clone(),
                reference: t,
            };
            return Status::Attributed(Attribution { speaker, cue: ci..ci + 1, via: Via::IntroducedBefore });
        }
    }
    Status::Unattributed
}

/// A short paragraph entirely in emphasis with no closing punctuation (`**About the program**`): a heading.
fn heading_like(doc: &Document<'_>, r: Range<usize>) -> bool {
    let t = doc.text[r.clone()].trim();
    let p = doc.prose[r].trim();
    (t.starts_with("**") || t.starts_with("__"))
        && (t.ends_with("**") || t.ends_with("__"))
        && count_words(p) <= 12
        && !p.trim_end_matches([' ', '*', '_']).ends_with(['.', '?', '!', ':'])
}

/// Named speakers of the draft (for "Attribute to …" fixes): `(name as used, full name, first range, every range)`.
pub(crate) fn named_speakers(a: &Analysis) -> Vec<(String, Range<usize>, Vec<Range<usize>>)> {
    let mut out: Vec<(String, Range<usize>, Vec<Range<usize>>)> = Vec::new();
    // Entries by lowercase surname: two names are only ever the same person when their surnames
    // match, so each quotation is compared with a few entries, not all (quadratic on long drafts).
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    for q in &a.quotes {
        let Some(att) = q.attribution() else { continue };
        if att.speaker.kind != SpeakerKind::Name || att.speaker.name.contains('[') || att.via == Via::Run {
            continue;
        }
        let name = &att.speaker.name;
        let key = surname(name).to_lowercase();
        let slot = by_surname.entry(key).or_default();
        if let Some(i) = slot.iter().copied().find(|&i| same_person(&out[i].0, name)) {
            let e = &mut out[i];
            if name.split(' ').count() > e.0.split(' ').count() {
                e.0 = name.clone();
                e.1 = att.speaker.range.clone();
            }
            e.2.push(att.speaker.range.clone());
        } else {
            slot.push(out.len());
            out.push((name.clone(), att.speaker.range.clone(), vec![att.speaker.range.clone()]));
        }
    }
    out
}

/// The offset of the first named person or body in the prose before `before` (two capitalised
/// words in a row that do not start a sentence), for `quote/unnamed-speaker`. Stops at the first.
pub(crate) fn first_name_run(doc: &Document<'_>, before: usize) -> Option<usize> {
    let s = &doc.prose[..before];
    let mut prev_cap: Option<usize> = None;
    let mut prev_initial = true;
    let mut prev_end = 0;
    let mut after_stop = true;
    for (i, w) in s.split_word_bound_indices() {
        let word = w.chars().all(char::is_alphanumeric);
        if word {
            let cap = is_cap(w) && !lower_in(w, NOT_NAMES);
            if cap && !prev_initial && prev_cap.is_some() && s[prev_end..i].chars().all(|c| c == ' ') {
                return prev_cap;
            }
            prev_cap = if cap { Some(i) } else { None };
            prev_initial = after_stop;
            prev_end = i + w.len();
            after_stop = false;
        } else if !w.trim().is_empty() {
            after_stop = matches!(w, "." | "!" | "?" | "“" | "\"" | ":" | "”");
            prev_cap = None;
        }
    }
    None
}

/// Minimal word-boundary splitting (words, single spaces, single other characters), lazily.
trait WordBounds {
    fn split_word_bound_indices(&self) -> WordIter<'_>;
}

struct WordIter<'s> {
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
            let len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
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
