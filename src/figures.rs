//! The figure ledger: every figure and date in a draft's prose, with its value, kind and context.
//!
//! The ledger is built once per document ([`Ledger::build`], shared through
//! [`crate::checks::Ctx::figures`]) in one linear pass over [`Document::prose`]:
//!
//! 1. **Tokens**: words (letters and internal apostrophes), numbers (digits with `,` or thin-space
//!    thousands groups and one decimal point) and single punctuation characters. Tokens inside
//!    URLs (bare links, autolinks, link destinations) are left out.
//! 2. **Sentences**: split after `.`, `!`, `?` (not after abbreviations such as `Mr.`, `U.S.`,
//!    `Jan.`, `No.` or a single initial, and never inside a decimal), at block boundaries and
//!    before a line that starts a list item (`* `, `- `, `1. `). Only the sentences that may hold
//!    a figure are read: a digit, `$`, `%` or a currency sign in them, a colon after a spelled-out
//!    count ("three cities:"), or a spelled-out number opening them ("Twelve people were
//!    killed", the way news style writes a number that starts a sentence).
//! 3. **Dates** (`Monday, March 5, 2024`, `5 March 2024`, `Sept. 12`, `2024-03-05`), with the
//!    weekday written before them.
//! 4. **Figures**: numerals and spelled-out numbers with their scale (`million`, `bn`), currency,
//!    percent or percentage-point unit, ordinal, age (`Smith, 45,`; `the 46-year-old`), year,
//!    qualifier (`about`, `more than`, `up to`), range partner (`10-15`, `between 10 and 15`),
//!    the noun they count and the entity they belong to.
//!
//! Everything is byte ranges into the text; word comparisons use an ASCII-lowercased copy of the
//! sentences read ([`Ledger::lower`]; a token's text starts at its [`Token::lo`]).

use std::ops::Range;

use crate::document::{Document, LinkKind};

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

pub const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days-from-civil).
pub fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The weekday of a date, 0 = Monday … 6 = Sunday.
pub fn weekday(y: i32, m: u8, d: u8) -> u8 {
    // 1970-01-01 was a Thursday (3).
    (days_from_civil(y, m, d) + 3).rem_euclid(7) as u8
}

/// Whether `d` is a day of month `m` of year `y`.
pub fn valid_date(y: i32, m: u8, d: u8) -> bool {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    (1..=12).contains(&m) && d >= 1 && d <= days[usize::from(m - 1)]
}

/// A month name or abbreviation (lowercase, without its period) → 1..=12.
pub fn month_number(word: &str) -> Option<u8> {
    let m = match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday_number(word: &str) -> Option<u8> {
    let w = match word {
        "monday" | "mon" => 0,
        "tuesday" | "tue" | "tues" => 1,
        "wednesday" | "wed" => 2,
        "thursday" | "thu" | "thur" | "thurs" => 3,
        "friday" | "fri" => 4,
        "saturday" | "sat" => 5,
        "sunday" | "sun" => 6,
        _ => return None,
    };
    Some(w)
}

/// The month and weekday names and abbreviations, as [`month_number`] and [`weekday_number`]
/// read them.
const CALENDAR_WORDS: [&str; 41] = [
    "january",
    "jan",
    "february",
    "feb",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sep",
    "sept",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec",
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thur",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
];

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

/// How many ASCII letters start `bytes[i..n]`: eight bytes at a time, without a branch per byte.
#[inline(always)]
fn ascii_letters(bytes: &[u8], mut i: usize, n: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let from = i;
    while let Some(chunk) = bytes.get(i..i + 8).filter(|_| i + 8 <= n) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // Fold case, drop the high bit, then test each byte for 'a'..='z' by carries into bit 7:
        // a byte at or above 'a' gains bit 7 from adding 0x1F, one above 'z' from adding 0x05.
        let y = (x | 0x2020_2020_2020_2020) & !HIGH;
        let at_least_a = y + 0x1F1F_1F1F_1F1F_1F1F;
        let past_z = y + 0x0505_0505_0505_0505;
        let letters = at_least_a & !past_z & !x & HIGH;
        let run = (!letters & HIGH).trailing_zeros() as usize / 8;
        i += run;
        if run < 8 {
            return i - from;
        }
    }
    while i < n && bytes[i].is_ascii_alphabetic() {
        i += 1;
    }
    i - from
}

/// What a word that may start a figure or a date is, in [`CANDIDATE_WORDS`].
const SPELLED: f64 = 1.0;
const CALENDAR: f64 = 2.0;

/// The words a figure or a date may start with: [`SPELLED_START_WORDS`] (value [`SPELLED`]) and
/// [`CALENDAR_WORDS`] (value [`CALENDAR`]; a date starts with one only when it is capitalized).
/// The tokenizer asks it once per word, with the word's key already made: one probe of a 2 KB
/// table, where most words find an empty slot.
static CANDIDATE_WORDS: WordTable<83, 2048> = {
    let mut words = [""; 83];
    let mut values = [0.0; 83];
    let mut i = 0;
    while i < SPELLED_START_WORDS.len() {
        words[i] = SPELLED_START_WORDS[i];
        values[i] = SPELLED;
        i += 1;
    }
    let mut k = 0;
    while k < CALENDAR_WORDS.len() {
        words[i] = CALENDAR_WORDS[k];
        values[i] = CALENDAR;
        i += 1;
        k += 1;
    }
    assert!(i == 83, "CANDIDATE_WORDS holds both lists whole");
    WordTable::new(words, values)
};

/// Spelled-out cardinals below 20.
const UNIT_NAMES: [&str; 19] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

static UNIT_WORDS: WordTable<19, 128> = WordTable::new(
    UNIT_NAMES,
    [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0],
);

/// Spelled-out tens.
const TENS_NAMES: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

static TENS_WORDS: WordTable<8, 64> = WordTable::new(TENS_NAMES, [20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0]);

/// Spelled-out ordinals.
const ORDINAL_NAMES: [&str; 12] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth",
];

static ORDINAL_WORDS: WordTable<12, 64> =
    WordTable::new(ORDINAL_NAMES, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0]);

fn unit_word(w: &str) -> Option<f64> {
    UNIT_WORDS.get(w)
}

fn tens_word(w: &str) -> Option<f64> {
    TENS_WORDS.get(w)
}

fn ordinal_word(w: &str) -> Option<f64> {
    ORDINAL_WORDS.get(w)
}

/// The words that may start a spelled-out figure ([`Ledger::spelled_at`]): "a" and "an" ("a
/// dozen"), "half", and the cardinal, tens and ordinal words.
/// The lowercase words a spelled-out figure may start with.
const SPELLED_START_WORDS: [&str; 42] = concat_words(UNIT_NAMES, TENS_NAMES, ORDINAL_NAMES, ["a", "an", "half"]);

/// Four word lists as one, at compile time (`N` must be their total length).
const fn concat_words<const A: usize, const B: usize, const C: usize, const D: usize, const N: usize>(
    a: [&'static str; A],
    b: [&'static str; B],
    c: [&'static str; C],
    d: [&'static str; D],
) -> [&'static str; N] {
    assert!(A + B + C + D == N, "N is the total length");
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < A {
            a[i]
        } else if i < A + B {
            b[i - A]
        } else if i < A + B + C {
            c[i - A - B]
        } else {
            d[i - A - B - C]
        };
        i += 1;
    }
    out
}

/// [`set_key`] of the word of `len` bytes at `start` (1 to 254 bytes), read as one eight-byte
/// load when the text goes on that far: no loop over the bytes.
#[inline(always)]
fn key_at(text: &[u8], start: usize, len: usize) -> u64 {
    match text.get(start..start + 8) {
        Some(eight) if (1..255).contains(&len) => {
            let x = u64::from_le_bytes(eight.try_into().unwrap_or([0; 8]));
            x & ((1u64 << (8 * len.min(7))) - 1) | (len as u64) << 56
        }
        _ => word_key_bits(&text[start..start + len]),
    }
}

/// Whether a lowercase word may start a spelled-out figure (one of [`SPELLED_START_WORDS`]).
#[cfg(test)]
fn spelled_start(w: &str) -> bool {
    SPELLED_START_WORDS.contains(&w)
}

/// A word added here goes into [`WORD_CLASS_WORDS`] too (`figure_at` asks the table first).
fn scale_word(w: &str) -> Option<f64> {
    let v = match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "millions" => 1e6,
        "billion" | "billions" => 1e9,
        "trillion" | "trillions" => 1e12,
        _ => return None,
    };
    Some(v)
}

/// What a word next to a number says about it, as bits: one [`WordTable`] probe in
/// [`Ledger::figure_at`] instead of a string `match` per question (those mispredicted most of its
/// branches). Each bit stands for a list kept elsewhere; `word_classes_match_their_lists` checks
/// every word against it.
mod class {
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

const WORD_CLASS_WORDS: [(&str, u32); 90] = {
    use class::*;
    [
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
    ]
};

/// [`WORD_CLASS_WORDS`] as a table: each word's classes as its value.
static WORD_CLASSES: WordTable<90, 2048> = {
    let mut words = [""; 90];
    let mut values = [0.0; 90];
    let mut i = 0;
    while i < 90 {
        let (w, c) = WORD_CLASS_WORDS[i];
        words[i] = w;
        values[i] = c as f64;
        i += 1;
    }
    WordTable::new(words, values)
};

/// Plural nouns that a number from 1800 to 2100 right before them counts rather than dates
/// ("2000 people", "1900 acres"): people and measures, which a year rarely qualifies (unlike "the
/// 2020 elections" or "the 2019 cases").
static COUNTED_NOUNS: WordTable<36, 1024> = WordTable::set([
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
static YEAR_BEFORE_WORDS: WordTable<13, 256> = WordTable::set([
    "in", "since", "by", "until", "till", "during", "before", "after", "through", "circa", "early", "late", "mid",
]);

/// Whether `w` (any case) is one of [`COUNTED_NOUNS`].
fn counted_noun(w: &[u8]) -> bool {
    let Some(lower) = lowered::<16>(w) else { return false };
    COUNTED_NOUNS.get_bytes(&lower[..w.len()]).is_some()
}

/// Words that a period follows without ending the sentence (lowercase, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "no", "nos", "vs", "etc", "gen", "sen", "rep", "gov", "lt",
    "col", "sgt", "capt", "maj", "cmdr", "adm", "rev", "inc", "corp", "co", "ltd", "mt", "ft", "ave", "blvd", "rd",
    "dept", "univ", "est", "approx", "fig", "vol", "pp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "e.g",
    "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "al", "op", "cf", "pres", "supt", "det", "insp", "msgr", "hon", "atty",
    "ariz", "calif", "colo", "conn", "fla", "ill", "ind", "kan", "mass", "mich", "minn", "miss", "nev", "okla", "ore",
    "pa", "tenn", "tex", "va", "wash", "wis",
];

/// A word of up to seven bytes as a number (`None` if longer), for one comparison per entry.
const fn word_key(w: &[u8]) -> Option<u64> {
    if w.len() > 7 {
        return None;
    }
    let mut k = 0u64;
    let mut i = 0;
    while i < w.len() {
        k |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    Some(k | ((w.len() as u64) << 56))
}

/// [`set_key`] at run time: the first seven bytes in two overlapping loads, not a loop whose
/// end depends on the word's length (its exit was one mispredicted branch per lookup).
#[inline(always)]
fn word_key_bits(w: &[u8]) -> u64 {
    let n = w.len().min(7);
    let bits = match w.get(..n) {
        Some(w) if n >= 4 => {
            let a = u64::from(u32::from_le_bytes([w[0], w[1], w[2], w[3]]));
            let b = u64::from(u32::from_le_bytes([w[n - 4], w[n - 3], w[n - 2], w[n - 1]]));
            a | b << (8 * (n - 4))
        }
        Some(w) if n >= 2 => {
            let a = u64::from(u16::from_le_bytes([w[0], w[1]]));
            let b = u64::from(u16::from_le_bytes([w[n - 2], w[n - 1]]));
            a | b << (8 * (n - 2))
        }
        Some(&[c]) => u64::from(c),
        _ => 0,
    };
    bits | (w.len().min(255) as u64) << 56
}

/// A word as a number for [`WordTable`]: its first seven bytes and its length.
const fn set_key(w: &[u8]) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    while i < w.len() && i < 7 {
        k |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    let len = if w.len() > 255 { 255 } else { w.len() as u64 };
    k | len << 56
}

const fn same_word(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A fixed table of lowercase words (with a value each), looked up in one probe: a word's
/// [`set_key`] times a multiplier found at compile time puts every word of the table in a slot of
/// its own, so a lookup is a multiply, a shift and one comparison (plus a string comparison for
/// words longer than seven bytes, whose keys are not the whole word). Two different words with
/// one key, or no multiplier that separates the words, fail the build.
///
/// `S` is the number of slots, a power of two: with `S` about `N * N / 4` a multiplier is found in
/// a few tries.
///
/// The slots hold one byte each (the word's index plus one, 0 for an empty slot) and the keys are
/// kept once per word: a table of 90 words in 2,048 slots takes under 5 KB, where a 64-bit key
/// per slot took 20 KB, and a lookup reads one slot and one key (then the value, and the word
/// itself when it is longer than seven bytes).
pub(crate) struct WordTable<const N: usize, const S: usize> {
    multiplier: u64,
    /// The word in each slot, as an index into `keys`, `words` and `values` plus one (0: empty).
    slots: [u8; S],
    keys: [u64; N],
    words: [&'static str; N],
    values: [f64; N],
}

const fn slot(key: u64, multiplier: u64, slots: usize) -> usize {
    (key.wrapping_mul(multiplier) >> (64 - slots.trailing_zeros())) as usize
}

impl<const N: usize, const S: usize> WordTable<N, S> {
    /// A set: every value 0.
    pub(crate) const fn set(words: [&'static str; N]) -> Self {
        WordTable::new(words, [0.0; N])
    }

    pub(crate) const fn new(words: [&'static str; N], values: [f64; N]) -> Self {
        assert!(S.is_power_of_two() && N < 256 && N * 2 <= S, "slots: a power of two, at least twice the words");
        let mut keys = [0u64; N];
        let mut i = 0;
        while i < N {
            assert!(!words[i].is_empty(), "no empty word in a WordTable");
            keys[i] = set_key(words[i].as_bytes());
            let mut j = 0;
            while j < i {
                if keys[j] == keys[i] && !same_word(words[i].as_bytes(), words[j].as_bytes()) {
                    panic!("two words of a WordTable share a key");
                }
                j += 1;
            }
            i += 1;
        }
        // Odd multipliers from a fixed sequence until one separates the keys (duplicates of a
        // word may share its slot).
        let mut multiplier = 0x9E37_79B9_7F4A_7C15u64;
        let mut tries = 0;
        loop {
            let mut slots = [0u8; S];
            let mut ok = true;
            let mut i = 0;
            while i < N && ok {
                let s = slot(keys[i], multiplier, S);
                if slots[s] == 0 {
                    slots[s] = i as u8 + 1;
                } else if keys[slots[s] as usize - 1] != keys[i] {
                    ok = false;
                }
                i += 1;
            }
            if ok {
                return WordTable { multiplier, slots, keys, words, values };
            }
            tries += 1;
            assert!(tries < 2_000, "no multiplier separates the words of a WordTable: give it more slots");
            multiplier = multiplier.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407) | 1;
        }
    }

    /// The value of word `w`, if the table has it.
    #[inline]
    pub(crate) fn get(&self, w: &str) -> Option<f64> {
        self.get_bytes(w.as_bytes())
    }

    /// [`WordTable::get`] for a word as bytes.
    #[inline]
    pub(crate) fn get_bytes(&self, w: &[u8]) -> Option<f64> {
        self.get_with_key(word_key_bits(w), w)
    }

    /// [`WordTable::get`] for a word whose [`set_key`] the caller has already made.
    #[inline]
    pub(crate) fn get_with_key(&self, key: u64, w: &[u8]) -> Option<f64> {
        let k = usize::from(self.slots[slot(key, self.multiplier, S)]).wrapping_sub(1);
        match self.keys.get(k) {
            Some(&found) if found == key => (w.len() <= 7 || self.words[k].as_bytes() == w).then_some(self.values[k]),
            _ => None,
        }
    }

    #[inline]
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.get(w).is_some()
    }
}

/// [`ABBREVIATIONS`] as sorted keys, built at compile time.
const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0u64; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = match word_key(ABBREVIATIONS[i].as_bytes()) {
            Some(k) => k,
            None => panic!("abbreviations are at most seven bytes"),
        };
        i += 1;
    }
    // Insertion sort: a hundred entries, once, at compile time.
    let mut i = 1;
    while i < keys.len() {
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    keys
};

/// Whether a word (any case, without its period) is one of [`ABBREVIATIONS`].
fn is_abbreviation(w: &[u8]) -> bool {
    if w.len() > 7 {
        return false;
    }
    let Some(lower) = lowered::<7>(w) else { return false };
    word_key(&lower[..w.len()]).is_some_and(|k| ABBREVIATION_KEYS.binary_search(&k).is_ok())
}

/// The working vectors of [`Ledger::build`] that do not outlive it.
#[derive(Default)]
struct Scratch {
    urls: Vec<Range<usize>>,
    openings: Vec<usize>,
    spans: Vec<Range<usize>>,
    candidates: Vec<usize>,
    date_tokens: Vec<Range<usize>>,
}

impl Scratch {
    fn clear(&mut self) {
        self.urls.clear();
        self.openings.clear();
        self.spans.clear();
        self.candidates.clear();
        self.date_tokens.clear();
    }
}

/// The vectors of a dropped [`Ledger`], emptied.
#[derive(Default)]
struct LedgerVecs {
    lower: String,
    tokens: Vec<Token>,
    sentences: Vec<Range<usize>>,
    figures: Vec<Figure>,
    dates: Vec<DateRef>,
    noun_keys: String,
}

/// A thread's vectors from the last ledger it dropped and the last build's scratch, emptied, for
/// the next build to fill: a build uses eleven vectors, and allocating and freeing them for each
/// draft, in memory the cache had not seen lately, was a tenth of the ledger's cost on the
/// corpus. Only vectors of up to [`Buffers::KEEP_BYTES`] are kept, so a huge draft's memory goes
/// back to the allocator; a thread holds at most one set.
#[derive(Default)]
struct Buffers {
    ledger: Option<LedgerVecs>,
    scratch: Option<Scratch>,
}

thread_local! {
    static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::new(Buffers::default());
}

impl Buffers {
    /// The largest vector kept for the next draft, in bytes.
    const KEEP_BYTES: usize = 256 * 1024;

    /// An empty ledger and scratch, on this thread's kept vectors if it has them.
    fn take() -> (Ledger, Scratch) {
        let (vecs, scratch) = BUFFERS
            .try_with(|b| match b.try_borrow_mut() {
                Ok(mut b) => (b.ledger.take().unwrap_or_default(), b.scratch.take().unwrap_or_default()),
                Err(_) => Default::default(),
            })
            .unwrap_or_default();
        let LedgerVecs { lower, tokens, sentences, figures, dates, noun_keys } = vecs;
        (Ledger { lower, tokens, sentences, figures, dates, noun_keys }, scratch)
    }

    fn keep_scratch(mut scratch: Scratch) {
        let small = bytes(&scratch.urls) <= Self::KEEP_BYTES
            && bytes(&scratch.openings) <= Self::KEEP_BYTES
            && bytes(&scratch.spans) <= Self::KEEP_BYTES
            && bytes(&scratch.candidates) <= Self::KEEP_BYTES
            && bytes(&scratch.date_tokens) <= Self::KEEP_BYTES;
        if small {
            scratch.clear();
            let _ = BUFFERS.try_with(|b| {
                if let Ok(mut b) = b.try_borrow_mut() {
                    b.scratch = Some(scratch);
                }
            });
        }
    }
}

/// The bytes a vector holds.
fn bytes<T>(v: &Vec<T>) -> usize {
    v.capacity() * std::mem::size_of::<T>()
}

impl Drop for Ledger {
    /// Keeps the vectors (emptied) for this thread's next [`Ledger::build`], unless the thread
    /// already keeps a set.
    fn drop(&mut self) {
        let small = self.lower.capacity() <= Buffers::KEEP_BYTES
            && self.noun_keys.capacity() <= Buffers::KEEP_BYTES
            && bytes(&self.tokens) <= Buffers::KEEP_BYTES
            && bytes(&self.sentences) <= Buffers::KEEP_BYTES
            && bytes(&self.figures) <= Buffers::KEEP_BYTES
            && bytes(&self.dates) <= Buffers::KEEP_BYTES;
        if !small || self.tokens.capacity() == 0 {
            return;
        }
        let _ = BUFFERS.try_with(|b| {
            let Ok(mut b) = b.try_borrow_mut() else { return };
            if b.ledger.is_some() {
                return;
            }
            let mut vecs = LedgerVecs {
                lower: std::mem::take(&mut self.lower),
                tokens: std::mem::take(&mut self.tokens),
                sentences: std::mem::take(&mut self.sentences),
                figures: std::mem::take(&mut self.figures),
                dates: std::mem::take(&mut self.dates),
                noun_keys: std::mem::take(&mut self.noun_keys),
            };
            vecs.lower.clear();
            vecs.tokens.clear();
            vecs.sentences.clear();
            vecs.figures.clear();
            vecs.dates.clear();
            vecs.noun_keys.clear();
            b.ledger = Some(vecs);
        });
    }
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
        let (mut ledger, mut scratch) = Buffers::take();
        let candidates = ledger.scan(doc, full, &mut scratch);
        ledger.find_dates(doc, &candidates);
        ledger.find_figures(doc, &candidates, &mut scratch.date_tokens);
        scratch.candidates = candidates;
        Buffers::keep_scratch(scratch);
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

    /// The [`class`] bits of token `i` (0 for a token that is not a word, or out of range).
    fn classes(&self, i: usize) -> u32 {
        match self.tokens.get(i) {
            Some(t) if t.kind == Tok::Word && !self.word(i).is_empty() => {
                let w = self.word(i).as_bytes();
                WORD_CLASSES
                    .get_with_key(key_at(self.lower.as_bytes(), t.lo as usize, w.len()), w)
                    .map_or(0, |v| v as u32)
            }
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

    /// One pass over the prose: tokens, sentences, and the tokens that may start a date or a
    /// figure (numbers, currency signs, number words, capitalized month and weekday names), so
    /// that the later passes look at those alone.
    fn scan(&mut self, doc: &Document<'_>, full: bool, scratch: &mut Scratch) -> Vec<usize> {
        let prose = doc.prose.as_str();
        let bytes = prose.as_bytes();
        let urls = &mut scratch.urls;
        url_ranges(doc, urls);
        let openings = &mut scratch.openings;
        if !full {
            spelled_openings(doc, openings);
        }
        // The ranges to read, in order, without overlap: the sentences that may hold a figure.
        let spans = &mut scratch.spans;
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
        self.tokenize(doc, spans, urls, std::mem::take(&mut scratch.candidates))
    }

    /// Tokens and sentences of `spans` (in order, without overlap), and the tokens that may start
    /// a date or a figure.
    ///
    /// Most of the time goes to deciding, token by token, what comes next, and a mispredicted
    /// branch costs more than the rest of a token's work. So the common case takes few branches:
    /// the end of an ASCII word is found eight bytes at a time ([`ascii_letters`]), block and URL
    /// boundaries are compared against the next offset where one can happen, the sentence rules
    /// run only after a line break or a sentence-ending mark, and a word is a figure candidate
    /// if one probe of [`CANDIDATE_WORDS`] finds it.
    fn tokenize(
        &mut self,
        doc: &Document<'_>,
        spans: &[Range<usize>],
        urls: &[Range<usize>],
        mut candidates: Vec<usize>,
    ) -> Vec<usize> {
        let prose = doc.prose.as_str();
        let bytes = prose.as_bytes();
        let lower = self.lower.as_bytes();
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
                        i += ascii_letters(bytes, i, n);
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
                        match CANDIDATE_WORDS.get_with_key(key_at(lower, lo, w.len()), w) {
                            Some(SPELLED) => true,
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

    fn abbreviation_before(&self, dot: usize) -> bool {
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

    fn find_dates(&mut self, doc: &Document<'_>, candidates: &[usize]) {
        let prose = doc.prose.as_bytes();
        let mut next = 0;
        for &i in candidates {
            let t = &self.tokens[i];
            // Dates start with a capitalized weekday or month, or a number ("5 March", ISO).
            let start = match t.kind {
                Tok::Word => prose[t.range.start].is_ascii_uppercase(),
                Tok::Number => t.range.len() <= 4,
                Tok::Punct(_) => false,
            };
            if i < next || !start {
                continue;
            }
            if let Some((date, end)) = self.date_at(i) {
                self.dates.push(date);
                next = end;
            }
        }
    }

    /// Parse a date starting at token `i` (optionally with its weekday). Returns it and the next
    /// token index.
    fn date_at(&self, i: usize) -> Option<(DateRef, usize)> {
        let tk = &self.tokens;
        let mut j = i;
        let mut weekday_tok = None;
        // Abbreviated weekdays need their period ("Sun." but not the "Edmonton Sun").
        if tk[j].kind == Tok::Word
            && let Some(w) = weekday_number(self.word(j))
            && (self.word(j).ends_with("day") || (self.is_punct(j + 1, '.') && self.touching(j)))
        {
            weekday_tok = Some((w, tk[j].range.clone()));
            j += 1;
            if self.is_punct(j, '.') && self.touching(j - 1) {
                j += 1;
            }
            if self.is_punct(j, ',') {
                j += 1;
            }
            if self.is(j, "the") {
                j += 1;
            }
        }
        let start = tk.get(i)?.range.start;
        let sentence = tk[i].sentence as usize;
        // ISO: 2024-03-05
        if tk.get(j)?.kind == Tok::Number
            && self.word(j).len() == 4
            && self.is_punct(j + 1, '-')
            && self.touching(j)
            && self.touching(j + 1)
            && self.word(j + 2).len() == 2
            && self.is_punct(j + 3, '-')
            && self.touching(j + 2)
            && self.touching(j + 3)
            && self.word(j + 4).len() == 2
            && tk.get(j + 4).is_some_and(|t| t.kind == Tok::Number)
        {
            let y: i32 = self.word(j).parse().ok()?;
            let m: u8 = self.word(j + 2).parse().ok()?;
            let d: u8 = self.word(j + 4).parse().ok()?;
            if valid_date(y, m, d) {
                let end = tk[j + 4].range.end;
                return Some((
                    DateRef { range: start..end, year: Some(y), month: m, day: d, weekday: weekday_tok, sentence },
                    j + 5,
                ));
            }
            return None;
        }
        let day_at = |k: usize| -> Option<(u8, usize)> {
            let t = tk.get(k)?;
            if t.kind != Tok::Number {
                return None;
            }
            let w = self.word(k);
            if w.len() > 2 {
                return None;
            }
            let d: u8 = w.parse().ok()?;
            // "5th"
            let mut next = k + 1;
            if self.touching(k) && matches!(self.word(k + 1), "st" | "nd" | "rd" | "th") {
                next += 1;
            }
            (1..=31).contains(&d).then_some((d, next))
        };
        let month_at = |k: usize| -> Option<(u8, usize)> {
            let t = tk.get(k)?;
            if t.kind != Tok::Word {
                return None;
            }
            let w = self.word(k);
            let m = month_number(w)?;
            let mut next = k + 1;
            if w.len() <= 4 && self.is_punct(k + 1, '.') && self.touching(k) {
                next += 1;
            }
            Some((m, next))
        };
        let year_at = |k: usize| -> Option<(i32, usize)> {
            let t = tk.get(k)?;
            if t.kind != Tok::Number || self.word(k).len() != 4 {
                return None;
            }
            let y: i32 = self.word(k).parse().ok()?;
            (1000..=2999).contains(&y).then_some((y, k + 1))
        };
        // Month Day[, Year]
        let (month, day, mut next) = if let Some((m, k)) = month_at(j)
            && let Some((d, k2)) = day_at(k)
        {
            (m, d, k2)
        } else if let Some((d, k)) = day_at(j)
            && let Some((m, k2)) = month_at(k)
        {
            (m, d, k2)
        } else {
            return None;
        };
        let mut year = None;
        let mut end = tk[next - 1].range.end;
        let after_comma = if self.is_punct(next, ',') { next + 1 } else { next };
        if let Some((y, k)) = year_at(after_comma) {
            year = Some(y);
            end = tk[k - 1].range.end;
            next = k;
        }
        if let Some(y) = year
            && !valid_date(y, month, day)
        {
            return None;
        }
        Some((DateRef { range: start..end, year, month, day, weekday: weekday_tok, sentence }, next))
    }

    fn find_figures(&mut self, doc: &Document<'_>, candidates: &[usize], date_tokens: &mut Vec<Range<usize>>) {
        // Tokens that dates consumed (day numbers, years of dates) are not figures.
        date_tokens.extend(self.dates.iter().map(|d| self.token_at(d.range.start)..self.token_at(d.range.end)));
        let mut di = 0;
        let mut next = 0;
        let mut keys = std::mem::take(&mut self.noun_keys);
        // Most candidates are figures, most figures have a noun (a key of about six bytes).
        self.figures.reserve(candidates.len());
        keys.reserve(candidates.len() * 8);
        for &i in candidates {
            while di < date_tokens.len() && date_tokens[di].end <= i {
                di += 1;
            }
            let in_date = di < date_tokens.len() && date_tokens[di].start <= i;
            if i < next || in_date {
                continue;
            }
            if let Some(f) = self.figure_at(doc, i, &mut keys) {
                next = f.tokens.end.max(i + 1);
                self.figures.push(f);
            }
        }
        self.noun_keys = keys;
        self.link_ranges();
    }

    /// Pair "10-15", "10 to 15", "between 10 and 15".
    fn link_ranges(&mut self) {
        for k in 1..self.figures.len() {
            let (a, b) = (&self.figures[k - 1], &self.figures[k]);
            if a.sentence != b.sentence {
                continue;
            }
            let (ea, sb) = (a.tokens.end, b.tokens.start);
            let dash = sb == ea + 1
                && matches!(self.tokens[ea].kind, Tok::Punct('-' | '–'))
                && self.touching(ea - 1)
                && self.touching(ea);
            let to = sb == ea + 1 && (self.is(ea, "to") || self.is_punct(ea, '–'));
            let from = a.tokens.start >= 1 && self.is(a.tokens.start - 1, "from")
                || a.qualifier_range
                    .as_ref()
                    .is_some_and(|q| self.token_at(q.start) >= 1 && self.is(self.token_at(q.start) - 1, "from"));
            let between =
                sb == ea + 1 && self.is(ea, "and") && a.tokens.start >= 1 && self.is(a.tokens.start - 1, "between");
            if dash || (to && !from) || between {
                self.figures[k - 1].range_with = Some(k);
                self.figures[k].range_with = Some(k - 1);
                // "10 to 15 people": the noun belongs to both.
                if self.figures[k - 1].noun.is_none() {
                    let (noun, key) = (self.figures[k].noun.clone(), self.figures[k].noun_key.clone());
                    self.figures[k - 1].noun = noun;
                    self.figures[k - 1].noun_key = key;
                }
            }
        }
    }

    /// A spelled-out number at token `i`: value, decimals 0, next token.
    fn spelled_at(&self, i: usize) -> Option<(f64, usize, Kind)> {
        let w = self.word(i);
        if self.tokens.get(i)?.kind != Tok::Word {
            return None;
        }
        // "a dozen", "a third", "a quarter", "a hundred", "a thousand"
        if w == "a" || w == "an" {
            let v = self.word(i + 1);
            return match v {
                "dozen" => Some((12.0, i + 2, Kind::Count)),
                // "a third of": a share; "a third time" is an ordinal, not a figure.
                "third" if self.is(i + 2, "of") => Some((100.0 / 3.0, i + 2, Kind::Fraction)),
                "quarter" if self.is(i + 2, "of") => Some((25.0, i + 2, Kind::Fraction)),
                "hundred" => Some((100.0, i + 2, Kind::Count)),
                "thousand" => Some((1000.0, i + 2, Kind::Count)),
                _ => None,
            };
        }
        if w == "half" && self.is(i + 1, "of") {
            return Some((50.0, i + 1, Kind::Fraction));
        }
        if w == "dozen" {
            return None;
        }
        let mut value;
        let mut next;
        if let Some(t) = tens_word(w) {
            value = t;
            next = i + 1;
            if self.is_punct(i + 1, '-')
                && self.touching(i)
                && self.touching(i + 1)
                && let Some(u) = unit_word(self.word(i + 2))
                && u < 10.0
            {
                value += u;
                next = i + 3;
            }
        } else if let Some(u) = unit_word(w) {
            value = u;
            next = i + 1;
            // "two-thirds", "three-quarters"
            if self.is_punct(i + 1, '-') && self.touching(i) && self.touching(i + 1) {
                let share = match self.word(i + 2) {
                    "thirds" => Some(100.0 / 3.0),
                    "quarters" => Some(25.0),
                    "fifths" => Some(20.0),
                    _ => None,
                };
                if let Some(s) = share {
                    return Some((u * s, i + 3, Kind::Fraction));
                }
            }
        } else if let Some(o) = ordinal_word(w) {
            // "second" is also a unit of time; only count "the second …" style ordinals.
            if w == "second" && !self.is(i.wrapping_sub(1), "the") {
                return None;
            }
            return Some((o, i + 1, Kind::Ordinal));
        } else {
            return None;
        }
        // "two hundred", "three thousand", "two dozen"
        if self.is(next, "hundred") {
            value *= 100.0;
            next += 1;
        }
        if self.is(next, "dozen") {
            value *= 12.0;
            next += 1;
        }
        Some((value, next, Kind::Count))
    }

    /// The figure starting at token `i`, if there is one; its noun key goes into `keys`.
    fn figure_at(&self, doc: &Document<'_>, i: usize, keys: &mut String) -> Option<Figure> {
        let tk = &self.tokens;
        let t = tk.get(i)?;
        let sentence = t.sentence as usize;
        let mut kind = Kind::Count;
        let mut start_tok = i;
        // What the word before the number is (currency code, month, "aged", …): asked once.
        let before = if i >= 1 { self.classes(i - 1) } else { 0 };
        // Currency symbol right before the number.
        let (value, decimals, mut next, spelled) = match t.kind {
            Tok::Number => {
                let (value, decimals) = number_value(self.word(i))?;
                (value, decimals, i + 1, false)
            }
            Tok::Word => {
                let (v, next, k) = self.spelled_at(i)?;
                kind = k;
                (v, 0, next, true)
            }
            Tok::Punct(c) => {
                let code = currency_symbol(c)?;
                if tk.get(i + 1)?.kind != Tok::Number || !self.touching(i) {
                    return None;
                }
                let mut f = self.figure_at(doc, i + 1, keys)?;
                if f.kind != Kind::Count {
                    return None;
                }
                // "US$", "A$", "C$"
                let mut code = code;
                if c == '$' && i >= 1 && self.touching(i - 1) && tk[i - 1].kind == Tok::Word {
                    code = match self.word(i - 1) {
                        "us" => "USD",
                        "a" | "au" => "AUD",
                        "c" | "ca" => "CAD",
                        "nz" => "NZD",
                        "hk" => "HKD",
                        _ => code,
                    };
                }
                f.kind = Kind::Money(code);
                let (q, qr) = self.qualifier_before(i);
                f.qualifier = f.qualifier.or(q);
                f.qualifier_range = f.qualifier_range.or(qr);
                f.range.start = t.range.start;
                return Some(f);
            }
        };
        // The number as written: one token, or the words of a spelled-out number ("a dozen").
        let num = t.range.start..tk[next - 1].range.end;
        if !spelled {
            // A number glued to letters or other numbers names something: "G20", "A4", "COVID-19",
            // "9:30", "1/2", "202-331-1986", "No. 5", "Section 215", "iPhone 12".
            // A currency code before the number is money, glued or not ("USD 500", "EUR5").
            let code_before = before & class::CODE != 0;
            if i >= 1 && self.touching(i - 1) {
                match tk[i - 1].kind {
                    Tok::Word if code_before => {}
                    Tok::Word => return Some(self.label(i, sentence)),
                    Tok::Punct(c @ ('-' | '/' | ':' | '.' | '#' | '_' | '+' | '=' | '@' | '&')) => {
                        let prev2 = i >= 2 && self.touching(i - 2);
                        if c != '-' || prev2 {
                            return Some(self.label(i, sentence));
                        }
                    }
                    _ => {}
                }
            }
            if self.touching(i)
                && matches!(tk.get(i + 1).map(|t| t.kind), Some(Tok::Punct(':' | '/' | '_' | '@')))
                && tk.get(i + 2).is_some_and(|t| t.kind == Tok::Number)
                && self.touching(i + 1)
            {
                return Some(self.label(i, sentence));
            }
            // Phone numbers and other chains: 202-331-1986.
            if self.is_punct(i + 1, '-')
                && self.touching(i)
                && self.touching(i + 1)
                && tk.get(i + 2).is_some_and(|t| t.kind == Tok::Number)
                && self.is_punct(i + 3, '-')
                && self.touching(i + 2)
            {
                return Some(self.label(i, sentence));
            }
            if i >= 1
                && !code_before
                && tk[i - 1].kind == Tok::Word
                && self.capitalized(doc, i - 1)
                && !self.sentence_start(i - 1)
            {
                let w = self.word(i - 1);
                let label_words = !w.ends_with("'s")
                    && !w.ends_with("’s")
                    && before & (class::MONTH | class::WEEKDAY | class::NOT_LABEL) == 0;
                if label_words {
                    return Some(self.label(i, sentence));
                }
            }
            if i >= 2
                && self.is_punct(i - 1, '.')
                && self.touching(i - 2)
                && matches!(self.word(i - 2), "no" | "nos" | "vol" | "pp" | "fig" | "p")
            {
                return Some(self.label(i, sentence));
            }
            if i >= 1 && self.is_punct(i - 1, '#') {
                return Some(self.label(i, sentence));
            }
        }
        let mut value = value;
        let mut scale = Scale::None;
        // Scale words and abbreviations.
        if !spelled || matches!(kind, Kind::Count) {
            if self.classes(next) & class::SCALE != 0
                && let Some(s) = scale_word(self.word(next))
            {
                // "hundred" after a numeral is rare; accept all scale words.
                value *= s;
                scale = Scale::Word;
                next += 1;
            } else if !spelled && self.touching(next - 1) && tk.get(next).is_some_and(|t| t.kind == Tok::Word) {
                let w = self.word(next);
                let money_ctx = before & class::CODE != 0
                    || (i >= 1
                        && self.touching(i - 1)
                        && matches!(tk[i - 1].kind, Tok::Punct(c) if currency_symbol(c).is_some()));
                match w {
                    "bn" | "tn" => {
                        value *= if w == "bn" { 1e9 } else { 1e12 };
                        scale = Scale::Abbrev;
                        next += 1;
                    }
                    "m" | "k" | "b" if money_ctx => {
                        value *= match w {
                            "m" => 1e6,
                            "k" => 1e3,
                            _ => 1e9,
                        };
                        scale = Scale::Abbrev;
                        next += 1;
                    }
                    "st" | "nd" | "rd" | "th" => {
                        kind = Kind::Ordinal;
                        next += 1;
                    }
                    // "1990s", "5km", "10am", "3D": a unit or a label, not a count of things.
                    _ => return Some(self.label(i, sentence)),
                }
            }
        }
        let mut unit = None;
        // Percent and points.
        let next_classes = self.classes(next);
        if self.is_punct(next, '%') || next_classes & class::PERCENT != 0 {
            kind = Kind::Percent;
            unit = Some(tk[next].range.clone());
            next += 1;
        } else if next_classes & class::PER != 0 && self.is(next + 1, "cent") {
            kind = Kind::Percent;
            unit = Some(tk[next].range.start..tk[next + 1].range.end);
            next += 2;
        } else if next_classes & class::PERCENTAGE != 0 && (self.is(next + 1, "points") || self.is(next + 1, "point")) {
            kind = Kind::Points;
            unit = Some(tk[next].range.start..tk[next + 1].range.end);
            next += 2;
        } else if next_classes & class::PP != 0 {
            kind = Kind::Points;
            unit = Some(tk[next].range.clone());
            next += 1;
        }
        // Currency codes and words.
        if kind == Kind::Count {
            if i >= 1
                && !spelled
                && before & class::CODE != 0
                && let Some(code) = currency_code(self.word(i - 1))
            {
                kind = Kind::Money(code);
                start_tok = i - 1;
            } else if self.classes(next) & (class::CODE | class::CURRENCY) != 0
                && let Some(code) = currency_code(self.word(next)).or_else(|| currency_word(self.word(next)))
            {
                kind = Kind::Money(code);
                next += 1;
            }
        }
        // Ages: "46-year-old", "aged 46", "Smith, 45,".
        let mut entity = None;
        if kind == Kind::Count
            && self.is_punct(next, '-')
            && self.touching(next - 1)
            && self.is(next + 1, "year")
            && self.is_punct(next + 2, '-')
            && self.is(next + 3, "old")
        {
            kind = Kind::Age;
            next += 4;
            entity = self.age_entity_around(doc, start_tok, next);
        } else if kind == Kind::Count && !spelled && decimals == 0 && value <= 120.0 {
            if before & class::AGED != 0 {
                kind = Kind::Age;
                let k = if i >= 2 && self.is_punct(i - 2, ',') { i - 2 } else { i - 1 };
                entity = self.name_before(doc, k);
            } else if i >= 2
                && self.is_punct(i - 1, ',')
                && (self.is_punct(next, ',') || (self.is_punct(next, '.') && !self.is_punct(next + 1, '.')))
                && let Some(e) = self.name_before_opening(doc, i - 1, self.is_punct(next, ','))
            {
                // "Smith, 45, said": a name, then the number alone between commas.
                kind = Kind::Age;
                entity = Some(e);
            }
        }
        // Years, but for a count of people or land ("2000 people", "1900 acres") unless a word that
        // takes a year comes before it ("in 2000 people fled").
        if kind == Kind::Count
            && !spelled
            && decimals == 0
            && scale == Scale::None
            && self.word(i).len() == 4
            && (1800.0..=2100.0).contains(&value)
            && (!COUNTED_NOUNS.contains(self.word(next)) || (i >= 1 && YEAR_BEFORE_WORDS.contains(self.word(i - 1))))
        {
            kind = Kind::Year;
        }
        let (qualifier, mut qualifier_range) = self.qualifier_before(start_tok);
        let mut qualifier = qualifier;
        // "or so", "or more", "plus", "+"
        if qualifier.is_none() {
            if self.classes(next) & class::OR != 0 && (self.is(next + 1, "so") || self.is(next + 1, "more")) {
                qualifier = Some(if self.is(next + 1, "so") { Qualifier::About } else { Qualifier::AtLeast });
                qualifier_range = Some(tk[next].range.start..tk[next + 1].range.end);
            } else if self.is_punct(next, '+') && self.touching(next - 1) {
                qualifier = Some(Qualifier::AtLeast);
                qualifier_range = Some(tk[next].range.clone());
            }
        }
        if qualifier.is_none() && i >= 1 && self.is_punct(start_tok.wrapping_sub(1), '~') {
            qualifier = Some(Qualifier::About);
        }
        let end = tk[next - 1].range.end;
        let (noun, noun_key) = if matches!(kind, Kind::Count | Kind::Money(_) | Kind::Percent | Kind::Points) {
            self.noun_after(doc, next, keys)
        } else {
            (None, 0..0)
        };
        if entity.is_none()
            && start_tok >= 2
            && self.is(start_tok - 1, "s")
            && matches!(tk[start_tok - 2].kind, Tok::Punct('\'' | '’'))
        {
            // "Ukraine's 250 soldiers" (the tokenizer keeps "Ukraine's" whole unless quoted oddly).
            entity = self.name_before(doc, start_tok - 2);
        } else if entity.is_none()
            && start_tok >= 1
            && tk[start_tok - 1].kind == Tok::Word
            && (self.word(start_tok - 1).ends_with("'s") || self.word(start_tok - 1).ends_with("’s"))
            && self.capitalized(doc, start_tok - 1)
        {
            entity = Some(tk[start_tok - 1].range.clone());
        }
        Some(Figure {
            range: tk[start_tok].range.start..end,
            num,
            value,
            decimals,
            kind,
            unit,
            scale,
            spelled,
            qualifier,
            qualifier_range,
            noun,
            noun_key,
            entity,
            sentence,
            range_with: None,
            tokens: i..next,
        })
    }

    fn sentence_start(&self, i: usize) -> bool {
        self.sentences.get(self.tokens[i].sentence as usize).is_some_and(|s| s.start == i)
            || (i >= 1 && matches!(self.tokens[i - 1].kind, Tok::Punct('“' | '"' | '(' | '‘' | ':' | '—')))
    }

    fn label(&self, i: usize, sentence: usize) -> Figure {
        let r = self.tokens[i].range.clone();
        Figure {
            range: r.clone(),
            num: r,
            value: parse_without_commas(self.word(i)).unwrap_or(0.0),
            decimals: 0,
            kind: Kind::Label,
            unit: None,
            scale: Scale::None,
            spelled: false,
            qualifier: None,
            qualifier_range: None,
            noun: None,
            noun_key: 0..0,
            entity: None,
            sentence,
            range_with: None,
            tokens: i..i + 1,
        }
    }

    /// The qualifier in the words right before token `i`.
    fn qualifier_before(&self, i: usize) -> (Option<Qualifier>, Option<Range<usize>>) {
        let w1 = if i >= 1 { self.word(i - 1) } else { "" };
        let w2 = if i >= 2 { self.word(i - 2) } else { "" };
        let w3 = if i >= 3 { self.word(i - 3) } else { "" };
        let range = |k: usize| Some(self.tokens[i - k].range.start..self.tokens[i - 1].range.end);
        let two = match (w2, w1) {
            ("more" | "greater", "than") | ("at", "least") | ("just", "over") => Some(Qualifier::AtLeast),
            // "as many as", "as much as": three words.
            ("many" | "much", "as") if w3 == "as" => Some(Qualifier::AtLeast),
            ("few" | "little", "as") if w3 == "as" => Some(Qualifier::AtMost),
            ("less" | "fewer", "than") | ("up", "to") | ("at", "most") | ("just", "under") => Some(Qualifier::AtMost),
            ("close", "to") | ("an", "estimated") | ("some", "estimated") => Some(Qualifier::About),
            _ => None,
        };
        if let Some(q) = two {
            // "no more than": at most.
            let q = if w3 == "no" && w1 == "than" { Qualifier::AtMost } else { q };
            return (Some(q), range(if w3 == "no" || (w3 == "as" && w1 == "as") { 3 } else { 2 }));
        }
        if i >= 1 && self.tokens[i - 1].kind == Tok::Word {
            let q = match w1 {
                "about" | "around" | "approximately" | "roughly" | "some" | "estimated" | "circa" | "approx" | "c" => {
                    Some(Qualifier::About)
                }
                "nearly" | "almost" | "under" | "below" | "barely" => Some(Qualifier::AtMost),
                "over" | "above" | "exceeding" => Some(Qualifier::AtLeast),
                _ => None,
            };
            if q.is_some() {
                return (q, range(1));
            }
        }
        (None, None)
    }

    /// The noun a figure counts: up to three content words after token `i`, or "X of Y" for a
    /// measure word ("20 pieces of equipment").
    fn noun_after(&self, doc: &Document<'_>, i: usize, keys: &mut String) -> (Option<Range<usize>>, Range<usize>) {
        let mut k = i;
        let mut last = None;
        // A noun phrase ends with its sentence ("The 12 big" at the end of a paragraph counts no
        // "soldiers" in the next one).
        let sentence = self.tokens.get(i).map(|t| t.sentence);
        let in_sentence = |k: usize| self.tokens.get(k).map(|t| t.sentence) == sentence;
        while k < i + 3 && k < self.tokens.len() && self.tokens[k].kind == Tok::Word && in_sentence(k) {
            let w = self.word(k);
            if STOP_WORDS.contains(w) || scale_word(w).is_some() {
                break;
            }
            if self.capitalized(doc, k) && last.is_none() && k > i + 1 {
                break;
            }
            last = Some(k);
            k += 1;
            // Compound adjectives: "well-armed soldiers".
            if self.is_punct(k, '-') && self.touching(k - 1) && self.touching(k) {
                k += 1;
            }
        }
        let Some(last) = last else { return (None, 0..0) };
        // The head: the first plural noun ("victims" in "victims gathered outside"), else the
        // first word ("contract" in "$1.2 million contract with").
        let head = (i..=last)
            .find(|&k| {
                let w = self.word(k);
                (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("'s") && !w.ends_with("’s"))
                    || matches!(w, "people" | "men" | "women" | "children" | "staff" | "police")
            })
            .unwrap_or(i);
        if self.tokens[head].kind != Tok::Word {
            return (None, 0..0);
        }
        let mut end = head;
        let head_word = self.word(head);
        if MEASURE_WORDS.contains(head_word)
            && self.is(head + 1, "of")
            && self.tokens.get(head + 2).is_some_and(|t| t.kind == Tok::Word)
            && in_sentence(head + 2)
        {
            end = head + 2;
        }
        let range = self.tokens[i].range.start..self.tokens[end].range.end;
        let start = keys.len();
        push_singular(keys, head_word);
        (Some(range), start..keys.len())
    }

    /// The surname in the name that ends right before token `k` ("John Smith" → "Smith").
    fn name_before(&self, doc: &Document<'_>, k: usize) -> Option<Range<usize>> {
        self.name_before_opening(doc, k, false)
    }

    /// [`Ledger::name_before`], and with `opening` a surname alone that opens its sentence too
    /// (`Smith, 45, said`: the age between commas says the word is a person).
    fn name_before_opening(&self, doc: &Document<'_>, k: usize, opening: bool) -> Option<Range<usize>> {
        let w = k.checked_sub(1)?;
        if self.tokens[w].kind == Tok::Word && self.capitalized(doc, w) && !NOT_NAMES.contains(self.word(w)) {
            // At least a surname that is not the sentence's first word alone, or a full name.
            let first_of_sentence = self.sentences.get(self.tokens[w].sentence as usize).is_some_and(|s| s.start == w);
            let two = w >= 1 && self.capitalized(doc, w - 1) && !self.touching(w - 1);
            if !first_of_sentence || two || opening {
                return Some(self.tokens[w].range.clone());
            }
        }
        None
    }

    /// The person a "46-year-old" belongs to: "the 46-year-old Jane Smith" or "Smith, a 46-year-old".
    fn age_entity_around(&self, doc: &Document<'_>, start: usize, next: usize) -> Option<Range<usize>> {
        // Following name: the last capitalized word of a run.
        let mut k = next;
        let mut last = None;
        while self.capitalized(doc, k) && k < next + 4 {
            last = Some(k);
            k += 1;
        }
        if let Some(l) = last {
            return Some(self.tokens[l].range.clone());
        }
        // Preceding: "Smith, a 46-year-old" / "Smith, the 46-year-old"
        let mut p = start;
        if p >= 1 && matches!(self.word(p - 1), "a" | "an" | "the") {
            p -= 1;
        }
        if p >= 1 && self.is_punct(p - 1, ',') {
            return self.name_before(doc, p - 1);
        }
        None
    }
}

/// Words that end a noun phrase after a figure.
static STOP_WORDS: WordTable<89, 2048> = WordTable::set([
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
static MEASURE_WORDS: WordTable<34, 512> = WordTable::set([
    "pieces", "piece", "units", "items", "kinds", "types", "rounds", "tons", "tonnes", "barrels", "bags", "boxes",
    "cases", "sets", "pairs", "groups", "members", "percent", "hectares", "acres", "square", "cubic", "liters",
    "litres", "gallons", "bottles", "cans", "sheets", "copies", "hours", "days", "weeks", "months", "minutes",
]);

/// Capitalized words that are not names.
static NOT_NAMES: WordTable<73, 2048> = WordTable::set([
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

/// Push the singular of a lowercase noun onto `out` ("victims" → "victim", "casualties" →
/// "casualty", "people" → "person").
fn push_singular(out: &mut String, w: &str) {
    // As `trim_end_matches("'s")` then `trim_end_matches("’s")`, without a substring searcher
    // built per call.
    let mut w = w;
    while let Some(s) = w.strip_suffix("'s") {
        w = s;
    }
    while let Some(s) = w.strip_suffix("’s") {
        w = s;
    }
    if let Some(s) = w.strip_suffix("ies")
        && s.len() > 1
    {
        out.push_str(s);
        out.push('y');
        return;
    }
    if w.ends_with("ss") || w.ends_with("us") || w.len() <= 3 {
        out.push_str(w);
        return;
    }
    out.push_str(match w.strip_suffix('s') {
        Some(s) => s,
        None => match w {
            "people" => "person",
            "men" => "man",
            "women" => "woman",
            "children" => "child",
            _ => w,
        },
    });
}

/// The value of a number token ("1,250.5" → 1250.5) and its decimal places, group separators
/// left out; `None` past 40 digits.
///
/// Up to 15 digits the digits are summed as an integer and divided by a power of ten: both are
/// exact in an `f64`, so the one rounding of the division gives the same value as parsing the
/// text would. Longer numbers are parsed.
fn number_value(word: &str) -> Option<(f64, u8)> {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];
    let (mut mantissa, mut digits, mut decimals, mut point) = (0u64, 0usize, 0usize, false);
    for &c in word.as_bytes() {
        if c.is_ascii_digit() {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
            digits += 1;
            decimals += usize::from(point);
        } else if c == b'.' {
            point = true;
        }
    }
    if digits + usize::from(point) > 40 {
        return None;
    }
    if digits <= 15 {
        return Some((mantissa as f64 / POW10[decimals], decimals as u8));
    }
    let mut buf = [0u8; 40];
    let mut len = 0;
    for &c in word.as_bytes() {
        if c.is_ascii_digit() || c == b'.' {
            buf[len] = c;
            len += 1;
        }
    }
    let text = std::str::from_utf8(&buf[..len]).ok()?;
    Some((text.parse().ok()?, decimals as u8))
}

/// A number written with `,` thousands separators, parsed without them (no allocation for
/// numbers of up to 63 bytes).
fn parse_without_commas(w: &str) -> Option<f64> {
    let mut buf = [0u8; 63];
    let mut len = 0;
    for &c in w.as_bytes() {
        if c != b',' {
            *buf.get_mut(len)? = c;
            len += 1;
        }
    }
    std::str::from_utf8(&buf[..len]).ok()?.parse().ok()
}

fn currency_symbol(c: char) -> Option<&'static str> {
    match c {
        '$' => Some("USD"),
        '£' => Some("GBP"),
        '€' => Some("EUR"),
        '¥' => Some("JPY"),
        '₹' => Some("INR"),
        '₽' => Some("RUB"),
        '₴' => Some("UAH"),
        _ => None,
    }
}

/// A word added here goes into [`WORD_CLASS_WORDS`] too (`figure_at` asks the table first).
fn currency_code(w: &str) -> Option<&'static str> {
    let c = match w {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "jpy" => "JPY",
        "chf" => "CHF",
        "cad" => "CAD",
        "aud" => "AUD",
        "cny" => "CNY",
        "inr" => "INR",
        "rub" => "RUB",
        "uah" => "UAH",
        _ => return None,
    };
    Some(c)
}

/// A word added here goes into [`WORD_CLASS_WORDS`] too (`figure_at` asks the table first).
fn currency_word(w: &str) -> Option<&'static str> {
    let c = match w {
        "dollars" | "dollar" => "USD",
        "euros" | "euro" => "EUR",
        "yen" => "JPY",
        "rupees" => "INR",
        "rubles" | "roubles" => "RUB",
        "hryvnias" | "hryvnia" => "UAH",
        "yuan" => "CNY",
        _ => return None,
    };
    Some(c)
}

/// Whether a byte may belong to a figure: a digit, `$`, `%`, or the last byte of £ ¥ € ₹ ₽ ₴ (a
/// few other letters end in these bytes too; reading a sentence too many only costs time).
#[inline(always)]
const fn trigger_byte(c: u8) -> u8 {
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
/// "two pieces of equipment:"): the one use `figure/count` has for a sentence without digits.
fn counts_a_list(piece: &[u8]) -> bool {
    memchr::memchr_iter(b':', piece).any(|colon| {
        let mut i = colon;
        for _ in 0..6 {
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
            if let Some(word) = lowered::<12>(&piece[i..end])
                && UNIT_WORDS.get_bytes(&word[..end - i]).is_some_and(|v| (2.0..=12.0).contains(&v))
            {
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
fn pieces_with_figures(
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

/// Spelled-out numbers with a capital, as a sentence opens with them.
const OPENING_WORDS: [&str; 27] = [
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

/// Where sentences of a block open with a spelled-out number ("Twelve people were killed"): news
/// style spells out a number that starts a sentence, so a lede often holds no digit at all. One
/// search of the whole prose for the capitalized words (they are rare), then a look at what comes
/// before each: the start of a block, or a mark that surely ends a sentence.
fn spelled_openings(doc: &Document<'_>, v: &mut Vec<usize>) {
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
fn inside_tag(text: &[u8], t: usize) -> Option<usize> {
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
fn more_than_years(text: &[u8], from: usize, end: usize) -> bool {
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
            || counted_noun(word_after(piece, end))
            || classes_of(word_before(piece, t)) & class::CODE != 0;
        if not_year {
            return true;
        }
        pos = end;
    }
    false
}

/// The words after a number that make it an amount ("1800 million", "1900 percent").
const AMOUNT: u32 =
    class::SCALE | class::CODE | class::CURRENCY | class::PERCENT | class::PER | class::PERCENTAGE | class::PP;

/// The ASCII letters after the white space at `i` in `text` (empty when none).
fn word_after(text: &[u8], i: usize) -> &[u8] {
    let start = i + text[i..].iter().take_while(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')).count();
    &text[start..start + text[start..].iter().take_while(|c| c.is_ascii_alphabetic()).count()]
}

/// The ASCII letters before the white space that ends at `i` in `text` (empty when none).
fn word_before(text: &[u8], i: usize) -> &[u8] {
    let end = i - text[..i].iter().rev().take_while(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')).count();
    &text[end - text[..end].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count()..end]
}

/// The [`class`] bits of an ASCII word in any case (0 for a word no list has).
fn classes_of(w: &[u8]) -> u32 {
    let Some(lower) = lowered::<12>(w) else { return 0 };
    WORD_CLASSES.get_bytes(&lower[..w.len()]).map_or(0, |v| v as u32)
}

/// `w` ASCII-lowercased at the start of an `N`-byte buffer, or `None` when it is longer. A byte
/// loop: `copy_from_slice` of a few bytes was a call to `memcpy`, for each of these short words.
#[inline(always)]
fn lowered<const N: usize>(w: &[u8]) -> Option<[u8; N]> {
    if w.len() > N {
        return None;
    }
    let mut out = [0u8; N];
    for (o, c) in out.iter_mut().zip(w) {
        *o = c.to_ascii_lowercase();
    }
    Some(out)
}

/// The first [`trigger_byte`] or colon at or after `from`.
///
/// 32 bytes at a time through a coarse filter of three ranges (digits and `:`, `$` `%`, and the
/// bytes `0xA3..=0xBD` that end the currency signs, and also some accented letters), then the
/// exact table on a chunk that passes it.
fn find_trigger(text: &[u8], from: usize) -> Option<usize> {
    #[inline(always)]
    fn coarse(c: u8) -> u8 {
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
static TRIGGER_OR_COLON: [bool; 256] = {
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
fn cut_before(text: &[u8], from: usize, t: usize) -> usize {
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
fn cut_after(text: &[u8], t: usize) -> usize {
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
fn list_item_after(text: &[u8], nl: usize) -> Option<usize> {
    let mut i = nl + 1;
    while i < text.len() && matches!(text[i], b' ' | b'\t') {
        i += 1;
    }
    list_marker(text, i).then_some(i)
}

/// Whether a list item's marker starts at `i` (the first thing on its line): `*`, `-`, `+` or `•`,
/// or up to three digits and `.` or `)`, then a space.
fn list_marker(text: &[u8], i: usize) -> bool {
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
fn sentence_cut(text: &[u8], p: usize) -> Option<usize> {
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
fn after_mark(text: &[u8], p: usize) -> Option<usize> {
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

/// Ranges of the prose that are URLs: bare links and autolinks whole, other links' destinations.
fn url_ranges(doc: &Document<'_>, v: &mut Vec<Range<usize>>) {
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
fn scan_number(b: &[u8], mut i: usize) -> usize {
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

/// A number as a reader writes it: thousands separated by commas, `decimals` places, no
/// trailing `.0`.
pub fn format_number(v: f64, decimals: u8) -> String {
    let s = format!("{:.*}", usize::from(decimals), v.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let mut out = String::new();
    if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 && int.len() > 4 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Whether `stated` is `computed` at the stated precision: rounded or truncated to `decimals`
/// places. A qualifier ("about 35%", "nearly a third") widens the tolerance to 10% of the value
/// (at least 2 units), in its direction.
pub fn agrees(stated: f64, computed: f64, decimals: u8, qualifier: Option<Qualifier>) -> bool {
    let unit = 10f64.powi(-i32::from(decimals));
    let eps = 1e-9 * stated.abs().max(1.0);
    // Rounded (half up or half down) or truncated.
    let exact = computed >= stated - unit / 2.0 - eps && computed < stated + unit + eps;
    if exact {
        return true;
    }
    let slack = (stated.abs() * 0.1).max(2.0 * unit).max(2.0);
    match qualifier {
        None => false,
        Some(Qualifier::About) => (computed - stated).abs() <= slack,
        Some(Qualifier::AtMost) => computed <= stated + unit && computed >= stated - slack,
        Some(Qualifier::AtLeast) => computed >= stated - unit / 2.0 && computed <= stated + slack * 5.0,
    }
}

impl Ledger {
    /// "from A to B" and "to B from A" pairs of comparable figures: `(from, to)` indices into
    /// `figures`, in text order of the first.
    pub fn from_to_pairs(&self) -> Vec<(usize, usize)> {
        let f = &self.figures;
        let mut out = Vec::new();
        for k in 1..f.len() {
            let (x, y) = (&f[k - 1], &f[k]);
            if x.sentence != y.sentence || !comparable(x, y) {
                continue;
            }
            let xs = self.first_token(x);
            let ys = self.first_token(y);
            let joined = |word: &str| self.is(x.tokens.end, word) && ys == x.tokens.end + 1;
            if xs >= 1 && self.is(xs - 1, "from") && joined("to") {
                out.push((k - 1, k));
            } else if xs >= 1 && self.is(xs - 1, "to") && joined("from") {
                out.push((k, k - 1));
            }
        }
        out
    }
}

/// Two figures of the same kind and unit (both counts, both percentages, both in one currency),
/// neither approximate nor a label.
pub fn comparable(a: &Figure, b: &Figure) -> bool {
    a.kind == b.kind
        && matches!(a.kind, Kind::Count | Kind::Percent | Kind::Money(_) | Kind::Points)
        && a.qualifier.is_none()
        && b.qualifier.is_none()
}

/// The direction a word gives a change: +1 for a rise, -1 for a fall.
pub fn direction(word: &str) -> Option<i8> {
    let d = match word {
        "increase" | "increases" | "rise" | "rises" | "jump" | "gain" | "gains" | "growth" | "hike" | "surge"
        | "climb" | "boost" | "uptick" | "rose" | "risen" | "increased" | "grew" | "grown" | "climbed" | "jumped"
        | "soared" | "surged" | "gained" | "up" | "higher" | "more" => 1,
        "decrease" | "decreases" | "drop" | "drops" | "fall" | "falls" | "decline" | "declines" | "cut" | "cuts"
        | "reduction" | "loss" | "dip" | "slide" | "plunge" | "slump" | "fell" | "fallen" | "dropped" | "declined"
        | "decreased" | "plunged" | "slumped" | "slid" | "dipped" | "shrank" | "reduced" | "down" | "lower"
        | "less" | "fewer" => -1,
        _ => return None,
    };
    Some(d)
}

/// The draft's own date and where it is written: the front matter's `date` (or `publishDate`,
/// `published`, `pubDate`), else a dateline near the top ("Tuesday, September 22, 2015" on a line
/// of its own, "Posted: August 7, 2014", "WASHINGTON, Sept. 12, 2022 —").
pub fn draft_date(doc: &Document<'_>, l: &Ledger) -> Option<((i32, u8, u8), Range<usize>)> {
    if let Some(fm) = &doc.front_matter {
        for key in ["date", "publishDate", "published", "pubDate", "publishdate"] {
            if let Some(f) = fm.get(key)
                && let Some(d) = parse_date_value(&f.value)
            {
                return Some((d, f.range.clone()));
            }
        }
    }
    let top: Vec<_> = doc.blocks.iter().take(4).collect();
    for d in &l.dates {
        let Some(y) = d.year else { continue };
        let Some(block) = top.iter().find(|b| b.range.start <= d.range.start && d.range.end <= b.range.end) else {
            if top.last().is_none_or(|b| d.range.start > b.range.end) {
                break;
            }
            continue;
        };
        let before = doc.text[block.range.start..d.range.start].trim();
        let after = doc.text[d.range.end..block.range.end].trim();
        let label = before.trim_end_matches(':').trim();
        let labelled = before.ends_with(':')
            && label.split_whitespace().all(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "posted" | "published" | "updated" | "date" | "dated" | "released" | "on"
                )
            });
        let alone = before.is_empty() && (after.is_empty() || after.starts_with(['—', '–', '-', '(']));
        let dateline = before.ends_with(',')
            && before.len() < 40
            && before.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
            && after.starts_with(['—', '–', '-', '(']);
        if labelled || alone || dateline {
            return Some(((y, d.month, d.day), d.range.clone()));
        }
    }
    None
}

/// "2022-09-12", "2022-09-12T10:00:00Z", "September 12, 2022", "12 September 2022".
pub fn parse_date_value(v: &str) -> Option<(i32, u8, u8)> {
    let v = v.trim();
    let b = v.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && v.is_char_boundary(10) {
        let y: i32 = v[..4].parse().ok()?;
        let m: u8 = v[5..7].parse().ok()?;
        let d: u8 = v[8..10].parse().ok()?;
        return valid_date(y, m, d).then_some((y, m, d));
    }
    let words: Vec<String> = v
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let mut month = None;
    let mut day = None;
    let mut year = None;
    for w in &words {
        if let Some(m) = month_number(w) {
            month = Some(m);
        } else if let Ok(n) = w.trim_end_matches(|c: char| c.is_alphabetic()).parse::<i32>() {
            if n > 31 {
                year = Some(n);
            } else {
                day = Some(n as u8);
            }
        }
    }
    let (y, m, d) = (year?, month?, day?);
    valid_date(y, m, d).then_some((y, m, d))
}

/// A dated URL path: `/2025/06/27/`, `/2025/06/` or `/2025-06-27-`. The day is `None` when the path
/// has only a year and month.
pub fn url_date(url: &str) -> Option<(i32, u8, Option<u8>)> {
    let b = url.as_bytes();
    let digits = |i: usize, n: usize| i + n <= b.len() && b[i..i + n].iter().all(u8::is_ascii_digit);
    let mut from = 0;
    while let Some(i) = year_slash(b, from) {
        from = i + 1;
        if !digits(i + 1, 4) {
            continue;
        }
        let y: i32 = url[i + 1..i + 5].parse().ok()?;
        if !(1990..=2100).contains(&y) {
            continue;
        }
        let sep = b.get(i + 5).copied();
        if !matches!(sep, Some(b'/' | b'-')) || !digits(i + 6, 2) {
            continue;
        }
        let m: u8 = url[i + 6..i + 8].parse().ok()?;
        if !(1..=12).contains(&m) {
            continue;
        }
        let after = b.get(i + 8).copied();
        if after == sep && digits(i + 9, 2) && b.get(i + 11).is_none_or(|c| !c.is_ascii_digit()) {
            let d: u8 = url[i + 9..i + 11].parse().ok()?;
            if valid_date(y, m, d) {
                return Some((y, m, Some(d)));
            }
        }
        if sep == Some(b'/') && matches!(after, Some(b'/') | None) {
            return Some((y, m, None));
        }
    }
    None
}

/// The first `i` at or after `from`, with four bytes after it, where `b[i]` is a slash and `b[i + 1]`
/// a `1` or `2` (a year's first digit). Sixteen bytes at a time, both tests folded together
/// without a branch, then the bytes of the sixteen that passed: a URL's letters and its other
/// slashes cost no branch each.
fn year_slash(b: &[u8], from: usize) -> Option<usize> {
    let end = b.len().saturating_sub(4);
    let hit = |x: u8, y: u8| (x == b'/') & (y.wrapping_sub(b'1') < 2);
    let mut i = from;
    while let (Some(x), Some(y)) = (b.get(i..i + 16).filter(|_| i + 16 <= end), b.get(i + 1..i + 17)) {
        if x.iter().zip(y).fold(0u8, |acc, (&x, &y)| acc | u8::from(hit(x, y))) != 0 {
            break;
        }
        i += 16;
    }
    (i..end).find(|&k| hit(b[k], b[k + 1]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definition [`ascii_letters`] must agree with.
    fn ascii_letters_slow(bytes: &[u8], i: usize, n: usize) -> usize {
        bytes[i..n].iter().take_while(|c| c.is_ascii_alphabetic()).count()
    }

    #[test]
    fn ascii_letters_stops_at_every_byte_that_is_not_an_ascii_letter() {
        // Each byte value after seven letters and before letters: the SWAR test must stop exactly
        // there (the bytes around 'a', 'z', 'A', 'Z' and 0x80 are the edges of its arithmetic).
        for b in 0..=255u8 {
            let mut v = b"abcdefg".to_vec();
            v.push(b);
            v.extend_from_slice(b"hijklmnopq");
            let n = v.len();
            assert_eq!(ascii_letters(&v, 0, n), ascii_letters_slow(&v, 0, n), "byte {b:#04x}");
            assert_eq!(ascii_letters(&v, 3, n), ascii_letters_slow(&v, 3, n), "byte {b:#04x}");
        }
        // The end of the range counts, not the end of the slice.
        assert_eq!(ascii_letters(b"abcdefghijklmnop", 0, 5), 5);
        assert_eq!(ascii_letters(b"abcdefghijklmnop", 0, 12), 12);
    }

    proptest! {
        #[test]
        fn ascii_letters_agrees_with_the_byte_loop(bytes in proptest::collection::vec(any::<u8>(), 0..40), i in 0usize..40, cut in 0usize..40) {
            let n = cut.min(bytes.len());
            let i = i.min(n);
            prop_assert_eq!(ascii_letters(&bytes, i, n), ascii_letters_slow(&bytes, i, n));
        }

        #[test]
        fn ascii_letters_agrees_on_words_and_spaces(s in "[a-zA-Z ,.'’é0-9]{0,40}") {
            let bytes = s.as_bytes();
            for i in 0..bytes.len() {
                prop_assert_eq!(ascii_letters(bytes, i, bytes.len()), ascii_letters_slow(bytes, i, bytes.len()));
            }
        }
    }

    /// [`year_slash`] as the plain byte loop it replaces.
    fn year_slash_slow(b: &[u8], from: usize) -> Option<usize> {
        (from..b.len().saturating_sub(4)).find(|&i| b[i] == b'/' && matches!(b[i + 1], b'1' | b'2'))
    }

    proptest! {
        #[test]
        fn year_slash_agrees_with_the_byte_loop(s in "[a-z/12-]{0,80}", from in 0usize..80) {
            let b = s.as_bytes();
            prop_assert_eq!(year_slash(b, from), year_slash_slow(b, from));
        }
    }

    #[test]
    fn dated_url_paths() {
        let long = "https://example.com/news/some-rather-long-slug-without-a-date/2023/11/05/more";
        assert_eq!(url_date(long), Some((2023, 11, Some(5))));
        assert_eq!(url_date("https://example.com/2025/06/27/story"), Some((2025, 6, Some(27))));
        assert_eq!(url_date("https://example.com/2025/06/"), Some((2025, 6, None)));
        assert_eq!(url_date("https://example.com/blog/2024-02-29-leap"), Some((2024, 2, Some(29))));
        assert_eq!(url_date("https://example.com/blog/2023-02-29-no"), None);
        assert_eq!(url_date("https://example.com/item/12345678/2/1/"), None);
        assert_eq!(url_date("https://example.com/1985/06/27/"), None);
    }

    #[test]
    fn candidate_words_are_the_spelled_starts_and_the_calendar_words() {
        // Every lowercase word of up to three letters, each padded with more letters, and the
        // words of both lists with a letter more or less.
        let letters = b"abcdefghijklmnopqrstuvwxyz";
        let mut words: Vec<String> = vec![];
        for &a in letters {
            words.push(String::from(a as char));
            for &b in letters {
                words.push(String::from_utf8(vec![a, b]).unwrap());
                for &c in letters {
                    words.push(String::from_utf8(vec![a, b, c]).unwrap());
                    words.push(String::from_utf8(vec![a, b, c, b'x', b'y']).unwrap());
                }
            }
        }
        for w in SPELLED_START_WORDS.iter().chain(&CALENDAR_WORDS) {
            words.extend([w.to_string(), format!("{w}s"), w[..w.len() - 1].to_string(), format!("{w}'s")]);
        }
        for w in &words {
            let calendar = month_number(w).is_some() || weekday_number(w).is_some();
            let want = if spelled_start(w) {
                Some(SPELLED)
            } else if calendar {
                Some(CALENDAR)
            } else {
                None
            };
            assert_eq!(CANDIDATE_WORDS.get(w), want, "{w}");
        }
        for table in [&UNIT_WORDS.words[..], &TENS_WORDS.words[..], &ORDINAL_WORDS.words[..], &["a", "an", "half"]] {
            for w in table {
                assert!(spelled_start(w), "{w}");
            }
        }
        assert!(!spelled_start("for") && !spelled_start("this") && !spelled_start("dozen"));
    }

    #[test]
    fn word_tables_find_their_words_and_only_those() {
        static SET: WordTable<6, 32> = WordTable::set(["of", "a", "percentage", "people's", "percentages", "of"]);
        for w in ["of", "a", "percentage", "people's", "percentages"] {
            assert!(SET.contains(w), "{w}");
        }
        // Same length and first seven bytes as a long member; a prefix; a longer word; nothing.
        for w in ["percentagf", "percent", "ofs", "", "people’s", "an"] {
            assert!(!SET.contains(w), "{w}");
        }
        assert_eq!(UNIT_WORDS.get("seventeen"), Some(17.0));
        assert_eq!(UNIT_WORDS.get("seventeem"), None);
        assert_eq!(TENS_WORDS.get("ninety"), Some(90.0));
        assert_eq!(ORDINAL_WORDS.get("twelfth"), Some(12.0));
        // Every word of every table, and a near miss of each.
        for table in [&STOP_WORDS.words[..], &NOT_NAMES.words[..], &MEASURE_WORDS.words[..]] {
            for w in table {
                assert!(STOP_WORDS.contains(w) || NOT_NAMES.contains(w) || MEASURE_WORDS.contains(w), "{w}");
                let near = format!("{w}q");
                assert!(!STOP_WORDS.contains(&near) && !NOT_NAMES.contains(&near) && !MEASURE_WORDS.contains(&near));
            }
        }
        for w in STOP_WORDS.words {
            assert!(STOP_WORDS.contains(w), "{w}");
        }
    }

    #[test]
    fn keys_read_in_one_load_are_the_keys() {
        let text = b"a an half seventeen twelfth x yz abcdefgh abcdefghijklmnop";
        for start in 0..text.len() {
            for len in 1..=text.len() - start {
                assert_eq!(key_at(text, start, len), set_key(&text[start..start + len]), "{start} {len}");
                assert_eq!(word_key_bits(&text[start..start + len]), set_key(&text[start..start + len]));
            }
        }
        assert_eq!(word_key_bits(b""), set_key(b""));
    }

    /// The plain definition [`number_value`] must agree with: the digits and the point, parsed.
    fn number_value_slow(word: &str) -> Option<(f64, u8)> {
        let digits: String = word.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
        if digits.len() > 40 {
            return None;
        }
        let value: f64 = digits.parse().ok()?;
        Some((value, digits.split_once('.').map_or(0, |(_, d)| d.len()) as u8))
    }

    proptest! {
        #[test]
        fn number_values_are_the_parsed_values(int in "[0-9]{1,20}", groups in proptest::collection::vec("[0-9]{3}", 0..4), frac in proptest::option::of("[0-9]{1,12}")) {
            let mut word = int;
            for g in groups {
                word.push(',');
                word.push_str(&g);
            }
            if let Some(f) = frac {
                word.push('.');
                word.push_str(&f);
            }
            prop_assert_eq!(number_value(&word), number_value_slow(&word), "{}", word);
        }
    }

    #[test]
    fn number_values_at_the_edges() {
        for w in [
            "0",
            "1",
            "35",
            "1,250",
            "1.5",
            "0.1",
            "0.3",
            "2.675",
            "999999999999999",
            "9999999999999999",
            "123456789.012345",
            "1 250",
            "3.14159265358979",
            "12345678901234567890123456789012345678901",
        ] {
            assert_eq!(number_value(w), number_value_slow(w), "{w}");
        }
        assert_eq!(number_value("1,250.75"), Some((1250.75, 2)));
    }

    #[test]
    fn first_token_is_where_the_figure_starts() {
        let text = "Smith, 45, paid $1.2 million and USD 500 million. A dozen of the 12 soldiers, \
                    between 10 and 15 percent, got €5 or £3bn each; EUR5 went to 1,250 people in 2019.";
        let doc = Document::parse(text, crate::document::DocKind::Plain);
        let l = Ledger::build(&doc);
        assert!(l.figures.len() >= 10, "{:?}", l.figures);
        for f in &l.figures {
            assert_eq!(l.first_token(f), l.token_at(f.range.start), "{:?}", &text[f.range.clone()]);
        }
    }

    #[test]
    fn cuts_walk_marks_and_list_items_in_order() {
        let text = b"Mr. Smith paid $5. Then he left.\n* 3 items\nmore text. Last";
        // From the `$` (byte 15): the sentence starts at 0 ("Mr." is no cut) and ends at "Then".
        assert_eq!(cut_before(text, 0, 15), 0);
        assert_eq!(&text[cut_after(text, 15)..cut_after(text, 15) + 4], b"Then");
        // From "he": the next cut is the list item, before the period inside it.
        let he = text.windows(2).position(|w| w == b"he").unwrap_or(0);
        let item = text.iter().position(|&c| c == b'*').unwrap_or(0);
        assert_eq!(cut_after(text, he), item);
        // From "items": back to the list item's start; forward to "Last" (the line break ahead
        // starts no list item).
        let items = text.windows(5).position(|w| w == b"items").unwrap_or(0);
        assert_eq!(cut_before(text, 0, items), item);
        assert_eq!(&text[cut_after(text, items)..], b"Last");
    }

    /// Which sentences the ledger reads: a year alone is no reason to; any other number, sign or
    /// percent is, and so is a year-like number with an amount word beside it.
    #[test]
    fn years_alone_hold_no_figure() {
        let holds = |s: &str| more_than_years(s.as_bytes(), 0, s.len());
        for s in ["It was founded in 2019.", "From 1990 to 2020: a story.", "Since 1850, in 1900 and 2001."] {
            assert!(!holds(s), "{s}");
        }
        for s in [
            "It cost $5.",
            "In 2019, 12 people died.",
            "12 people came.",
            "Up 5% in 2019.",
            "On 2024-03-05 it ended.",
            "The G20 met in 2019.",
            "In 2019 it cost 1800 million euros.",
            "Cases rose 1900 percent.",
            "It cost 2019 dollars.",
            "It cost eur 2019.",
        ] {
            assert!(holds(s), "{s}");
        }
        // The bytes before `from` count: "2019" after "mid-" is no year standing alone.
        let text = b"In mid-2019 it ended.";
        assert!(more_than_years(text, 7, text.len()));
        assert!(!more_than_years(&text[7..], 0, text.len() - 7));
    }

    /// Every bit of [`WORD_CLASSES`] agrees with the list or function it stands for, on the
    /// table's own words and on near-misses.
    #[test]
    fn word_classes_match_their_lists() {
        let mut words: Vec<&str> = WORD_CLASS_WORDS.iter().map(|&(w, _)| w).collect();
        words.extend(["percents", "pe", "cents", "usda", "eu", "dollarss", "marchs", "thee", "ageds", "ore", "o", ""]);
        words.extend(["hundreds", "thousands", "yens", "pptss", "weds", "sunday's", "she's", "ab", "abou"]);
        for w in words {
            let c = WORD_CLASSES.get(w).map_or(0, |v| v as u32);
            let has = |bit: u32| c & bit != 0;
            assert_eq!(has(class::SCALE), scale_word(w).is_some(), "{w}: scale");
            assert_eq!(has(class::PERCENT), matches!(w, "percent" | "pct"), "{w}");
            assert_eq!(has(class::PER), w == "per", "{w}");
            assert_eq!(has(class::PERCENTAGE), w == "percentage", "{w}");
            assert_eq!(has(class::PP), matches!(w, "pp" | "ppt" | "ppts"), "{w}");
            assert_eq!(has(class::CODE), currency_code(w).is_some(), "{w}: code");
            assert_eq!(has(class::CURRENCY), currency_word(w).is_some(), "{w}: currency");
            assert_eq!(has(class::MONTH), month_number(w).is_some(), "{w}: month");
            assert_eq!(has(class::WEEKDAY), weekday_number(w).is_some(), "{w}: weekday");
            let not_label = matches!(w, "i" | "we" | "they" | "he" | "she" | "it" | "a" | "the" | "of" | "about");
            assert_eq!(has(class::NOT_LABEL), not_label, "{w}");
            assert_eq!(has(class::AGED), w == "aged", "{w}");
            assert_eq!(has(class::OR), w == "or", "{w}");
        }
    }

    /// The ledger of each draft, built on a new thread (no kept vectors), as `Debug` text.
    fn fresh_ledgers(drafts: &[String]) -> Vec<String> {
        drafts
            .iter()
            .map(|t| {
                std::thread::scope(|s| {
                    s.spawn(|| format!("{:?}", Ledger::build(&Document::parse(t, crate::document::DocKind::Markdown))))
                        .join()
                        .expect("no panic")
                })
            })
            .collect()
    }

    fn pool_drafts() -> Vec<String> {
        let long = "Officials said 1,250 people, about 40% of them children, were moved on Monday, March 4, 2024. ";
        vec![
            format!(
                "Twelve people were killed, police said. {} See https://example.com/2024/03/05/x.",
                long.repeat(40)
            ),
            "Rescuers worked through the night in Leeds. Eleven people were killed there.".to_string(),
            "No figures here at all.".to_string(),
            "Of 120 victims, 70 were men and 40 women. Three cities: Izyum and Kupiansk.".to_string(),
            format!("- {long}\n- Smith, 45, said it rose from 200 to 250, a 20% increase.\n"),
        ]
    }

    /// Regression: a ledger is built on the vectors the thread's last ledger left (emptied), so
    /// nothing of an earlier draft may show in a later one, in any order.
    #[test]
    fn a_ledger_on_kept_vectors_is_a_new_ledger() {
        let drafts = pool_drafts();
        let fresh = fresh_ledgers(&drafts);
        let order: Vec<usize> = (0..drafts.len()).chain((0..drafts.len()).rev()).chain([0, 0, 2, 2]).collect();
        for &k in &order {
            let doc = Document::parse(&drafts[k], crate::document::DocKind::Markdown);
            assert_eq!(format!("{:?}", Ledger::build(&doc)), fresh[k], "draft {k}");
        }
        // Two alive at once (the second gets new vectors), then both dropped (one set is kept).
        let docs: Vec<_> = drafts.iter().map(|t| Document::parse(t, crate::document::DocKind::Markdown)).collect();
        let both = (Ledger::build(&docs[0]), Ledger::build(&docs[3]));
        assert_eq!((format!("{:?}", both.0), format!("{:?}", both.1)), (fresh[0].clone(), fresh[3].clone()));
        drop(both);
        assert_eq!(format!("{:?}", Ledger::build(&docs[4])), fresh[4]);
        // A clone is a ledger like another.
        let l = Ledger::build(&docs[1]);
        let c = l.clone();
        drop(l);
        assert_eq!(format!("{c:?}"), fresh[1]);
    }

    /// A huge draft's vectors go back to the allocator rather than stay with the thread.
    #[test]
    fn a_huge_ledgers_vectors_are_not_kept() {
        let huge = "In 2024, 1,250 people and 40% of 300 cars were counted. ".repeat(3000);
        let doc = Document::parse(&huge, crate::document::DocKind::Plain);
        let l = Ledger::build(&doc);
        assert!(bytes(&l.tokens) > Buffers::KEEP_BYTES, "the test draft must be huge");
        drop(l);
        let kept = BUFFERS.with(|b| b.borrow().ledger.as_ref().map_or(0, |v| bytes(&v.tokens)));
        assert!(kept <= Buffers::KEEP_BYTES, "kept {kept} bytes of tokens");
        let small = Document::parse("Smith, 45, said 12 people died.", crate::document::DocKind::Plain);
        assert_eq!(
            format!("{:?}", Ledger::build(&small)),
            fresh_ledgers(&["Smith, 45, said 12 people died.".to_string()])[0]
        );
    }
}
