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
//! A quotation opened with one style and closed with the other (`“…," she said`) is one quotation
//! with mixed marks: the closing mark closes whatever double quotation is open.
//! A paragraph that opens a quotation and ends without closing it, followed by a paragraph that
//! opens again, continues the same quotation (a *run*). Markdown blockquotes are quotations too.
//!
//! Everything is linear in the length of the draft: marks are found with `memchr`, and the words
//! around a quotation are only read for paragraphs that have one, within a bounded window.
//!
//! The model is a folder by stage:
//!
//! - `mod.rs` — the public types ([`Quote`], [`Status`], [`Speaker`], [`Attribution`], …),
//!   [`analyze`] (pair, then attribute) and [`quote_at`].
//! - `marks.rs` — marks and pairing: the quote-like characters, their roles, the quotation stack,
//!   multi-paragraph runs and blockquote boundaries.
//! - `sentences.rs` — words and sentences: tokens around a quotation, sentence splitting
//!   (abbreviations, initials), word iteration and small text helpers.
//! - `lexicon.rs` — the word lists as data: reporting verbs, cue phrases, titles, honorifics,
//!   determiners, pronouns, words between speaker and verb, non-names, naming words, abbreviations.
//! - `cues.rs` — reporting cues over the lexicon (verb inflections, phrases, configured verbs) and
//!   the word sets the lists are looked up in.
//! - `speakers.rs` — speaker recognition: names, titles and pronouns, the speaker's reference,
//!   surnames and organisations, named speakers for fixes.
//! - `tags.rs` — the tag slot after a closing mark: a speaker and any verb with only a tag after
//!   it (`“Why now?” Dalton demanded.`).
//! - `attribution.rs` — attribution per quotation: its sentence, the sentences and paragraphs
//!   around it, and the reasons a quotation is not one (short, title, named, mention, fragment, …).
//! - `sources_in_text.rs` — sources outside a reporting-verb sentence: links, dash lines, credits,
//!   documents, blockquote introductions.
//! - `sources.rs` — [`Source`] and [`sources`]: the quoted, grouped by speaker.
//! - `people.rs` — [`People`]: who speaks in the draft (in quotation or paraphrase) and where each
//!   is named, ranked by who is speaking around a quotation: the "Attribute to …" fixes.

mod attribution;
mod cues;
mod lexicon;
mod marks;
mod people;
mod sentences;
mod sources;
mod sources_in_text;
mod speakers;
mod tags;

use crate::config::Quotes;
use crate::document::{DocKind, Document};
use attribution::attribute;
use cues::Cues;
use marks::{
    between_is_quoted, candidates, close_in_later_paragraph, markup_spans, opens_with_mark, place_mark, remap_runs,
};
use sentences::count_words;
use std::ops::Range;

pub use marks::source_range;
pub use people::{People, Person};
pub(crate) use sentences::only_emphasis;
pub use sources::{Source, sources};
pub(crate) use speakers::{first_name_run, surname};

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

/// Pair the marks of `doc` and attribute every quotation.
pub fn analyze(doc: &Document<'_>, cfg: &Quotes) -> Analysis {
    let mut a = Analysis::default();
    let prose = doc.prose.as_bytes();
    let mut cands = candidates(prose);
    if doc.kind == DocKind::Plain && memchr::memchr(b'<', prose).is_some() {
        let spans = markup_spans(&doc.prose);
        cands.retain(|&c| {
            let k = spans.partition_point(|r| r.end <= c);
            spans.get(k).is_none_or(|r| c < r.start)
        });
    }
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
    close_in_later_paragraph(doc, &mut a);
    a.quotes.sort_by_key(|q| (q.range.start, std::cmp::Reverse(q.range.end), q.family == Family::Blockquote));
    // Runs were recorded as indices before sorting: re-point them to the first quote's new index.
    // Quotes of a run are in text order and the first one opens first, so map by open offset.
    remap_runs(&mut a);
    attribute(doc, cfg, &cues, &mut a);
    a
}
