//! The word lists, as data: adding a change verb, a noun that ends a noun phrase or a word that is
//! not a name is a one-line change here (`tests.rs` checks every entry of every list and a
//! near-miss of each).
//!
//! A list is a [`WordSet`] (or a [`Words`] with a value per word): a plain slice of lowercase
//! words, looked up through a hash set built the first time it is asked.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A fixed list of lowercase words.
pub(crate) struct WordSet {
    words: &'static [&'static str],
    index: OnceLock<HashSet<&'static str, WordHash>>,
}

impl WordSet {
    pub(crate) const fn new(words: &'static [&'static str]) -> Self {
        WordSet { words, index: OnceLock::new() }
    }

    /// Whether `w` (lowercase) is in the list.
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.index.get_or_init(|| self.words.iter().copied().collect()).contains(w)
    }

    /// The words, as written in the list.
    #[cfg(test)]
    pub(crate) fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

/// A fixed list of lowercase words with a value each.
pub(crate) struct Words<V: Copy + 'static> {
    entries: &'static [(&'static str, V)],
    index: OnceLock<HashMap<&'static str, V, WordHash>>,
}

impl<V: Copy + Send + Sync + 'static> Words<V> {
    pub(crate) const fn new(entries: &'static [(&'static str, V)]) -> Self {
        Words { entries, index: OnceLock::new() }
    }

    /// The value of `w` (lowercase), if the list has it.
    pub(crate) fn get(&self, w: &str) -> Option<V> {
        self.index.get_or_init(|| self.entries.iter().copied().collect()).get(w).copied()
    }

    /// The entries, as written in the list.
    pub(crate) fn entries(&self) -> &'static [(&'static str, V)] {
        self.entries
    }
}

/// The hasher of the word lists and of `figure/conflict`'s keys (shared with the quote model's
/// lists: [`crate::wordhash`]).
pub(crate) use crate::wordhash::WordHash;

/// What a word that may start a figure or a date is ([`candidate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Candidate {
    /// A word a spelled-out number starts with ("twelve", "a", "half", "third").
    Spelled,
    /// A month or weekday name or abbreviation: a date starts with one when it is capitalized.
    Calendar,
}

/// Whether a lowercase word may start a spelled-out figure ([`Ledger::spelled_at`]): "a" and "an"
/// ("a dozen"), "half", and the cardinal, tens and ordinal words.
///
/// [`Ledger::spelled_at`]: super::Ledger
#[cfg(test)]
pub(crate) fn spelled_start(w: &str) -> bool {
    matches!(w, "a" | "an" | "half")
        || UNIT_WORDS.get(w).is_some()
        || TENS_WORDS.get(w).is_some()
        || ORDINAL_WORDS.get(w).is_some()
}

/// What a lowercase word may start, for the tokenizer's list of candidate tokens: the tokenizer
/// asks for every word, so the lists are merged into one map (one lookup per word) the first time.
pub(crate) fn candidate(w: &str) -> Option<Candidate> {
    static CANDIDATES: OnceLock<HashMap<&'static str, Candidate, WordHash>> = OnceLock::new();
    let map = CANDIDATES.get_or_init(|| {
        let spelled = UNIT_WORDS.entries().iter().chain(TENS_WORDS.entries()).chain(ORDINAL_WORDS.entries());
        let calendar = WORD_CLASSES.entries().iter().filter(|(_, c)| c & (class::MONTH | class::WEEKDAY) != 0);
        spelled
            .map(|&(w, _)| (w, Candidate::Spelled))
            .chain(["a", "an", "half"].map(|w| (w, Candidate::Spelled)))
            .chain(calendar.map(|&(w, _)| (w, Candidate::Calendar)))
            .collect()
    });
    map.get(w).copied()
}

/// The [`class`] bits of an ASCII word in any case (0 for a word no list has).
pub(crate) fn classes_of(w: &[u8]) -> u32 {
    lowercase(w, |w| WORD_CLASSES.get(w)).flatten().unwrap_or(0)
}

/// Whether `w` (any case) is one of [`COUNTED_NOUNS`].
pub(crate) fn counted_noun_bytes(w: &[u8]) -> bool {
    lowercase(w, |w| COUNTED_NOUNS.contains(w)).unwrap_or(false)
}

/// Whether a word (any case, without its period) is one of [`ABBREVIATIONS`].
pub(crate) fn is_abbreviation(w: &[u8]) -> bool {
    lowercase(w, |w| ABBREVIATIONS.contains(w)).unwrap_or(false)
}

/// `f` of an ASCII word lowercased, or `None` when it is not ASCII or longer than any listed
/// word (the copy is on the stack).
fn lowercase<R>(w: &[u8], f: impl FnOnce(&str) -> R) -> Option<R> {
    let mut buf = [0u8; 24];
    let lower = buf.get_mut(..w.len())?;
    for (o, c) in lower.iter_mut().zip(w) {
        *o = c.to_ascii_lowercase();
    }
    std::str::from_utf8(lower).ok().filter(|_| w.is_ascii()).map(f)
}

/// What a word next to a number says about it, as bits: one lookup in [`WORD_CLASSES`] answers
/// every question `figure_at` asks of a word (scale? percent? currency code? month?). Each bit
/// stands for a list kept elsewhere; `word_classes_match_their_lists` checks every word against it.
pub(crate) mod class {
    pub const SCALE: u32 = 1 << 0;
    /// "percent", "pct".
    pub const PERCENT: u32 = 1 << 1;
    pub const PER: u32 = 1 << 2;
    pub const PERCENTAGE: u32 = 1 << 3;
    /// "pp", "ppt", "ppts".
    pub const PP: u32 = 1 << 4;
    /// An ISO currency code.
    pub const CODE: u32 = 1 << 5;
    /// A currency named in words.
    pub const CURRENCY: u32 = 1 << 6;
    pub const MONTH: u32 = 1 << 7;
    pub const WEEKDAY: u32 = 1 << 8;
    /// A word before a number that does not make it a label ("we 12", "the 2").
    pub const NOT_LABEL: u32 = 1 << 9;
    pub const AGED: u32 = 1 << 10;
    pub const OR: u32 = 1 << 11;
}

/// The words of [`class`], with their bits.
pub(crate) static WORD_CLASSES: Words<u32> = {
    use class::*;
    Words::new(&[
        ("hundred", SCALE),
        ("thousand", SCALE),
        ("million", SCALE),
        ("millions", SCALE),
        ("billion", SCALE),
        ("billions", SCALE),
        ("trillion", SCALE),
        ("trillions", SCALE),
        ("percent", PERCENT),
        ("pct", PERCENT),
        ("per", PER),
        ("percentage", PERCENTAGE),
        ("pp", PP),
        ("ppt", PP),
        ("ppts", PP),
        ("usd", CODE),
        ("eur", CODE),
        ("gbp", CODE),
        ("jpy", CODE),
        ("chf", CODE),
        ("cad", CODE),
        ("aud", CODE),
        ("cny", CODE),
        ("inr", CODE),
        ("rub", CODE),
        ("uah", CODE),
        ("dollars", CURRENCY),
        ("dollar", CURRENCY),
        ("euros", CURRENCY),
        ("euro", CURRENCY),
        ("yen", CURRENCY),
        ("rupees", CURRENCY),
        ("rubles", CURRENCY),
        ("roubles", CURRENCY),
        ("hryvnias", CURRENCY),
        ("hryvnia", CURRENCY),
        ("yuan", CURRENCY),
        ("january", MONTH),
        ("jan", MONTH),
        ("february", MONTH),
        ("feb", MONTH),
        ("march", MONTH),
        ("mar", MONTH),
        ("april", MONTH),
        ("apr", MONTH),
        ("may", MONTH),
        ("june", MONTH),
        ("jun", MONTH),
        ("july", MONTH),
        ("jul", MONTH),
        ("august", MONTH),
        ("aug", MONTH),
        ("september", MONTH),
        ("sep", MONTH),
        ("sept", MONTH),
        ("october", MONTH),
        ("oct", MONTH),
        ("november", MONTH),
        ("nov", MONTH),
        ("december", MONTH),
        ("dec", MONTH),
        ("monday", WEEKDAY),
        ("mon", WEEKDAY),
        ("tuesday", WEEKDAY),
        ("tue", WEEKDAY),
        ("tues", WEEKDAY),
        ("wednesday", WEEKDAY),
        ("wed", WEEKDAY),
        ("thursday", WEEKDAY),
        ("thu", WEEKDAY),
        ("thur", WEEKDAY),
        ("thurs", WEEKDAY),
        ("friday", WEEKDAY),
        ("fri", WEEKDAY),
        ("saturday", WEEKDAY),
        ("sat", WEEKDAY),
        ("sunday", WEEKDAY),
        ("sun", WEEKDAY),
        ("i", NOT_LABEL),
        ("we", NOT_LABEL),
        ("they", NOT_LABEL),
        ("he", NOT_LABEL),
        ("she", NOT_LABEL),
        ("it", NOT_LABEL),
        ("a", NOT_LABEL),
        ("the", NOT_LABEL),
        ("of", NOT_LABEL),
        ("about", NOT_LABEL),
        ("aged", AGED),
        ("or", OR),
    ])
};

/// Spelled-out cardinals below 20.
pub(crate) static UNIT_WORDS: Words<f64> = Words::new(&[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
]);

/// Spelled-out tens.
pub(crate) static TENS_WORDS: Words<f64> = Words::new(&[
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
]);

/// Spelled-out ordinals.
pub(crate) static ORDINAL_WORDS: Words<f64> = Words::new(&[
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
]);

/// Plural nouns that a number from 1800 to 2100 right before them counts rather than dates
/// ("2000 people", "1900 acres"): people and measures, which a year rarely qualifies (unlike "the
/// 2020 elections" or "the 2019 cases").
pub(crate) static COUNTED_NOUNS: WordSet = WordSet::new(&[
    "people",
    "persons",
    "residents",
    "citizens",
    "workers",
    "employees",
    "soldiers",
    "troops",
    "officers",
    "students",
    "children",
    "families",
    "households",
    "homes",
    "patients",
    "victims",
    "refugees",
    "migrants",
    "protesters",
    "demonstrators",
    "fans",
    "visitors",
    "passengers",
    "members",
    "volunteers",
    "civilians",
    "acres",
    "hectares",
    "miles",
    "kilometers",
    "km",
    "feet",
    "metres",
    "meters",
    "tonnes",
    "tons",
]);

/// Words after which such a number is a year all the same ("in 2000 people fled", "by 2050
/// residents will").
pub(crate) static YEAR_BEFORE_WORDS: WordSet = WordSet::new(&[
    "in", "since", "by", "until", "till", "during", "before", "after", "through", "circa", "early", "late", "mid",
]);

/// Words that a period follows without ending the sentence (lowercase, without the period).
pub(crate) static ABBREVIATIONS: WordSet = WordSet::new(&[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "no", "nos", "vs", "etc", "gen", "sen", "rep", "gov", "lt",
    "col", "sgt", "capt", "maj", "cmdr", "adm", "rev", "inc", "corp", "co", "ltd", "mt", "ft", "ave", "blvd", "rd",
    "dept", "univ", "est", "approx", "fig", "vol", "pp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "e.g",
    "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "al", "op", "cf", "pres", "supt", "det", "insp", "msgr", "hon", "atty",
    "ariz", "calif", "colo", "conn", "fla", "ill", "ind", "kan", "mass", "mich", "minn", "miss", "nev", "okla", "ore",
    "pa", "tenn", "tex", "va", "wash", "wis",
]);

/// Words that end a noun phrase after a figure.
pub(crate) static STOP_WORDS: WordSet = WordSet::new(&[
    "of",
    "to",
    "and",
    "or",
    "in",
    "on",
    "at",
    "the",
    "a",
    "an",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "said",
    "per",
    "by",
    "from",
    "for",
    "with",
    "than",
    "that",
    "this",
    "who",
    "which",
    "as",
    "be",
    "been",
    "will",
    "would",
    "could",
    "can",
    "may",
    "more",
    "less",
    "fewer",
    "percent",
    "percentage",
    "but",
    "so",
    "if",
    "it",
    "its",
    "their",
    "his",
    "her",
    "they",
    "we",
    "he",
    "she",
    "i",
    "you",
    "out",
    "up",
    "down",
    "over",
    "into",
    "since",
    "after",
    "before",
    "during",
    "last",
    "this",
    "next",
    "each",
    "every",
    "all",
    "also",
    "not",
    "only",
    "about",
    "when",
    "while",
    "between",
    "among",
    "under",
    "through",
    "times",
    "or",
    "did",
    "do",
    "does",
    "people's",
    "year",
    "years",
    "old",
]);

/// Nouns that count something else: "20 pieces of equipment".
pub(crate) static MEASURE_WORDS: WordSet = WordSet::new(&[
    "pieces", "piece", "units", "items", "kinds", "types", "rounds", "tons", "tonnes", "barrels", "bags", "boxes",
    "cases", "sets", "pairs", "groups", "members", "percent", "hectares", "acres", "square", "cubic", "liters",
    "litres", "gallons", "bottles", "cans", "sheets", "copies", "hours", "days", "weeks", "months", "minutes",
]);

/// Capitalized words that are not names.
pub(crate) static NOT_NAMES: WordSet = WordSet::new(&[
    "the",
    "in",
    "on",
    "at",
    "by",
    "and",
    "but",
    "of",
    "for",
    "to",
    "from",
    "with",
    "as",
    "about",
    "since",
    "after",
    "before",
    "between",
    "than",
    "some",
    "about",
    "among",
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
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "section",
    "chapter",
    "article",
    "title",
    "part",
    "page",
    "room",
    "suite",
    "floor",
    "route",
    "highway",
    "interstate",
    "number",
    "no",
    "step",
    "phase",
    "level",
    "volume",
    "issue",
    "episode",
    "season",
    "version",
    "table",
    "figure",
    "appendix",
    "rule",
    "act",
    "bill",
    "law",
    "code",
    "order",
    "case",
]);

/// Spelled-out numbers with a capital, as a sentence opens with them.
pub(crate) const OPENING_WORDS: &[&str] = &[
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
    "Twenty",
    "Thirty",
    "Forty",
    "Fifty",
    "Sixty",
    "Seventy",
    "Eighty",
    "Ninety",
];

/// Change verbs in every inflection, with the direction they give a move: +1 a rise, -1 a fall.
/// `figure/change` reads one right before "from A to B" ("fell from 200 to 250" contradicts
/// itself). A new verb is one line here; `tests/figures.rs` checks every entry both ways.
pub(crate) static CHANGE_VERBS: Words<i8> = Words::new(&[
    ("rose", 1),
    ("rise", 1),
    ("rises", 1),
    ("rising", 1),
    ("risen", 1),
    ("grew", 1),
    ("grow", 1),
    ("grows", 1),
    ("growing", 1),
    ("grown", 1),
    ("increased", 1),
    ("increase", 1),
    ("increases", 1),
    ("increasing", 1),
    ("jumped", 1),
    ("jump", 1),
    ("jumps", 1),
    ("climbed", 1),
    ("climb", 1),
    ("climbs", 1),
    ("climbing", 1),
    ("surged", 1),
    ("surge", 1),
    ("surges", 1),
    ("soared", 1),
    ("soar", 1),
    ("soars", 1),
    ("gained", 1),
    ("swelled", 1),
    ("rocketed", 1),
    ("spiked", 1),
    ("expanded", 1),
    ("fell", -1),
    ("fall", -1),
    ("falls", -1),
    ("falling", -1),
    ("fallen", -1),
    ("dropped", -1),
    ("drop", -1),
    ("drops", -1),
    ("dropping", -1),
    ("declined", -1),
    ("decline", -1),
    ("declines", -1),
    ("declining", -1),
    ("decreased", -1),
    ("decrease", -1),
    ("decreases", -1),
    ("decreasing", -1),
    ("slid", -1),
    ("slide", -1),
    ("slides", -1),
    ("sliding", -1),
    ("plunged", -1),
    ("plunge", -1),
    ("plummeted", -1),
    ("tumbled", -1),
    ("tumble", -1),
    ("sank", -1),
    ("sunk", -1),
    ("slumped", -1),
    ("slipped", -1),
    ("dipped", -1),
    ("eased", -1),
    ("shrank", -1),
    ("shrunk", -1),
    ("contracted", -1),
    ("dwindled", -1),
]);
