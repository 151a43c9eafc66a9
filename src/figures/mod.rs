//! The figure ledger: every figure and date in a draft's prose, with its value, kind and context.
//!
//! The ledger is built once per document ([`Ledger::build`], shared through
//! [`crate::checks::Ctx::figures`]) in stages, one file each:
//!
//! 1. **Sentences to read** (`sentences.rs`): the pieces of each block that may hold a figure —
//!    a digit other than a year's, `$`, `%` or a currency sign, a colon after a spelled-out count
//!    ("three cities:"), or a spelled-out number opening the sentence ("Twelve people were
//!    killed", the way news style writes a number that starts a sentence).
//! 2. **Tokens and sentences** (`tokens.rs`): words, numbers and single punctuation characters
//!    of those pieces, and their sentences (split after `.`, `!`, `?`, not after abbreviations
//!    such as `Mr.`, `U.S.`, `Jan.`, `No.` or an initial, never inside a decimal; at block
//!    boundaries and before list items). Tokens inside URLs are left out.
//! 3. **Dates** (`dates.rs`): `Monday, March 5, 2024`, `5 March 2024`, `Sept. 12`,
//!    `2024-03-05`, with the weekday written before them; the draft's own date; dated URLs.
//! 4. **Figures** (`ledger.rs`): numerals and spelled-out numbers (`numbers.rs`: values, scales,
//!    currencies) with their percent or points unit, ordinal, age, year, qualifier, range partner,
//!    and (`nouns.rs`) the noun they count and the person or place they belong to.
//!
//! The word lists every stage reads are data in `words.rs`. Everything is byte ranges into the
//! text; word comparisons use an ASCII-lowercased copy of the sentences read ([`Ledger::lower`];
//! a token's text starts at its [`Token::lo`]).

mod dates;
mod ledger;
mod nouns;
mod numbers;
mod sentences;
#[cfg(test)]
mod tests;
mod tokens;
mod words;

use std::ops::Range;

use crate::document::Document;

pub use dates::{
    MONTHS, WEEKDAYS, date, days_between, draft_date, month_number, parse_date_value, url_date, valid_date, weekday,
};
pub use numbers::{agrees, comparable, direction, format_number};
pub(crate) use words::{WordHash, WordSet};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    Word,
    Number,
    Punct(char),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: Tok,
    /// Index into [`Ledger::sentences`].
    pub sentence: u32,
    /// Where the token's text starts in [`Ledger::lower`].
    pub lo: u32,
}

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A plain count or quantity ("250 soldiers", "twelve").
    Count,
    /// "35%", "35 percent", "35 per cent".
    Percent,
    /// "5 percentage points".
    Points,
    /// An amount of money; the currency as an ISO-like code (`USD`, `GBP`, `EUR`, `JPY`, …).
    Money(&'static str),
    /// "3rd", "first".
    Ordinal,
    /// "Smith, 45,"; "the 46-year-old"; "aged 46".
    Age,
    /// A four-digit year (1800–2100) standing alone; not before one of the nouns a number counts
    /// ("2000 people", "1900 acres"), unless a word such as "in" or "by" comes first.
    Year,
    /// "half", "a third", "two-thirds": the value is the share in percent.
    Fraction,
    /// A number that names rather than counts ("Section 215", "COVID-19", "9:30", a phone number).
    Label,
}

/// A word that makes a figure approximate or a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// "about", "around", "roughly", "some", "an estimated", "or so".
    About,
    /// "nearly", "almost", "up to", "less than", "under", "at most".
    AtMost,
    /// "more than", "over", "at least", "or more", "plus".
    AtLeast,
}

/// How a scale was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    None,
    /// "5 million", "2 billion".
    Word,
    /// "5m", "2bn", "45k".
    Abbrev,
}

/// One figure of the ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The whole figure as written: currency, number, scale and unit ("$1.2 million", "35 percent").
    pub range: Range<usize>,
    /// The number itself ("1.2", "twenty-five").
    pub num: Range<usize>,
    /// The value, scale applied ("$1.2 million" → 1,200,000; "35%" → 35).
    pub value: f64,
    /// Decimal places written ("1.25" → 2): the stated precision.
    pub decimals: u8,
    pub kind: Kind,
    /// The percent or points words/sign ("%", "percent", "per cent", "percentage points").
    pub unit: Option<Range<usize>>,
    pub scale: Scale,
    /// Written in words ("twelve", "a dozen").
    pub spelled: bool,
    pub qualifier: Option<Qualifier>,
    /// The qualifier's words ("more than").
    pub qualifier_range: Option<Range<usize>>,
    /// The noun it counts ("soldiers", "pieces of equipment").
    pub noun: Option<Range<usize>>,
    /// The noun's head word, lowercase and singular ("soldier", "piece"), as a range of
    /// [`Ledger::noun_keys`]: read it with [`Ledger::noun_key`] (empty when there is no noun).
    pub noun_key: Range<usize>,
    /// The entity it belongs to where the sentence says so ("Smith" in "Smith, 45,"; "Ukraine" in
    /// "Ukraine's 250 soldiers").
    pub entity: Option<Range<usize>>,
    /// Index into [`Ledger::sentences`].
    pub sentence: usize,
    /// The other end of a range ("10-15", "10 to 15", "between 10 and 15"): an index into
    /// [`Ledger::figures`].
    pub range_with: Option<usize>,
    /// Token indices of the figure (number, scale and unit; not currency or qualifier).
    pub tokens: Range<usize>,
}

impl Figure {
    /// Whether a qualifier makes it approximate or a bound.
    pub fn approximate(&self) -> bool {
        self.qualifier.is_some()
    }
}

/// A calendar date in the prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRef {
    /// From the weekday (if any) to the year (if any).
    pub range: Range<usize>,
    pub year: Option<i32>,
    pub month: u8,
    pub day: u8,
    /// The weekday written with it (0 = Monday … 6 = Sunday) and its range.
    pub weekday: Option<(u8, Range<usize>)>,
    pub sentence: usize,
}

/// The figures and dates of one document.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// The sentences read, ASCII-lowercased, one after another: a token's text is at its
    /// [`Token::lo`] ([`Ledger::word`]; [`Ledger::lower_of`] for a range of the prose). Only what
    /// is read is copied (a copy of the whole prose caused a third of the ledger's L1 data misses).
    pub lower: String,
    pub tokens: Vec<Token>,
    /// Sentences as token index ranges.
    pub sentences: Vec<Range<usize>>,
    pub figures: Vec<Figure>,
    pub dates: Vec<DateRef>,
    /// The figures' noun keys, one after another (one string for all: no allocation per figure).
    pub noun_keys: String,
}

impl Ledger {
    /// Build the ledger of a document: one pass over its prose.
    ///
    /// For speed, only the sentences that hold a digit other than a year's, a currency or percent
    /// sign, a colon after a spelled-out count, or that open with a spelled-out number are read
    /// (see `pieces_with_figures`). So a spelled-out number in a sentence with no other figure is
    /// not read ("In 2019 four people died"): the checks compare such numbers only in the
    /// sentences with figures. [`Ledger::build_full`] reads every block.
    pub fn build(doc: &Document<'_>) -> Ledger {
        Ledger::build_with(doc, false)
    }

    /// The ledger of every block, spelled-out figures included wherever they are (`figure/style`).
    pub fn build_full(doc: &Document<'_>) -> Ledger {
        Ledger::build_with(doc, true)
    }

    fn build_with(doc: &Document<'_>, full: bool) -> Ledger {
        let mut ledger = Ledger::default();
        let candidates = ledger.scan(doc, full);
        ledger.find_dates(doc, &candidates);
        ledger.find_figures(doc, &candidates);
        ledger
    }

    /// The noun key of figure `f` ("soldier" for "250 soldiers"; "" without a noun).
    pub fn noun_key(&self, f: &Figure) -> &str {
        self.noun_keys.get(f.noun_key.clone()).unwrap_or("")
    }

    /// The lowercase text of token `i` ("" out of range).
    pub fn word(&self, i: usize) -> &str {
        let Some(t) = self.tokens.get(i) else { return "" };
        self.lower.get(t.lo as usize..t.lo as usize + t.range.len()).unwrap_or("")
    }

    /// The lowercase text of `r`, a range of the prose from the start of a token to the end of a
    /// token of the same sentence read (a noun phrase, say); "" for any other range.
    pub fn lower_of(&self, r: Range<usize>) -> &str {
        let (a, b) = (self.token_at(r.start), self.token_at(r.end));
        match (self.tokens.get(a), b.checked_sub(1).and_then(|b| self.tokens.get(b))) {
            (Some(first), Some(last))
                if first.range.start == r.start && last.range.end == r.end && first.sentence == last.sentence =>
            {
                let start = first.lo as usize;
                self.lower.get(start..start + r.len()).unwrap_or("")
            }
            _ => "",
        }
    }

    /// Whether token `i` is the (lowercase) word `w`.
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Tok::Word && self.word(i) == w)
    }

    /// The [`words::class`] bits of token `i` (0 for a token that is not a word, or out of range).
    fn classes(&self, i: usize) -> u32 {
        match self.tokens.get(i) {
            Some(t) if t.kind == Tok::Word => words::WORD_CLASSES.get(self.word(i)).unwrap_or(0),
            _ => 0,
        }
    }

    /// Whether token `i` is the punctuation `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Tok::Punct(c))
    }

    /// Whether tokens `i` and `i + 1` touch (no space between).
    pub fn touching(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => a.range.end == b.range.start,
            _ => false,
        }
    }

    /// Whether token `i` is a word starting with an uppercase letter in the original text.
    pub fn capitalized(&self, doc: &Document<'_>, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| {
            t.kind == Tok::Word && doc.prose[t.range.clone()].chars().next().is_some_and(char::is_uppercase)
        })
    }

    /// The token index at or after byte `offset`.
    pub fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.range.start < offset)
    }

    /// The first token of figure `f` (its currency sign or code, if it has one): what
    /// `token_at(f.range.start)` gives, found by a step or two back from the number instead of a
    /// binary search over every token (the figure checks ask it several times per figure).
    pub fn first_token(&self, f: &Figure) -> usize {
        let mut k = f.tokens.start.min(self.tokens.len());
        while k > 0 && self.tokens[k - 1].range.start >= f.range.start {
            k -= 1;
        }
        k
    }

    /// The figures of sentence `s` (indices into `figures`), in order.
    pub fn figures_in(&self, s: usize) -> Range<usize> {
        let a = self.figures.partition_point(|f| f.sentence < s);
        let b = self.figures.partition_point(|f| f.sentence <= s);
        a..b
    }

    /// The byte range of sentence `s`.
    pub fn sentence_range(&self, s: usize) -> Range<usize> {
        let t = &self.sentences[s];
        self.tokens[t.start].range.start..self.tokens[t.end - 1].range.end
    }
}

/// The direction a change verb gives a move it stands right before ("fell from 200 to 250"):
/// +1 for a rise, -1 for a fall (the list is [`words::CHANGE_VERBS`]).
pub fn change_verb(word: &str) -> Option<i8> {
    words::CHANGE_VERBS.get(word)
}

/// Every change verb with its direction, for tests that check each entry.
pub fn change_verbs() -> impl Iterator<Item = (&'static str, i8)> {
    words::CHANGE_VERBS.entries().iter().copied()
}
