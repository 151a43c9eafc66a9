//! Unit tests of the ledger's stages.

use super::dates::{url_date, weekday_number, year_slash};
use super::numbers::{currency_code, currency_word, number_value, scale_word};
use super::sentences::{cut_after, cut_before, more_than_years};
use super::words::*;
use super::*;
use proptest::prelude::*;

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
fn candidates_are_the_spelled_starts_and_the_calendar_words() {
    for (w, _) in UNIT_WORDS.entries().iter().chain(TENS_WORDS.entries()).chain(ORDINAL_WORDS.entries()) {
        assert_eq!(candidate(w), Some(Candidate::Spelled), "{w}");
    }
    for w in ["a", "an", "half"] {
        assert_eq!(candidate(w), Some(Candidate::Spelled), "{w}");
    }
    for w in ["march", "sept", "dec", "monday", "thurs", "sun"] {
        assert_eq!(candidate(w), Some(Candidate::Calendar), "{w}");
    }
    for w in ["for", "this", "dozen", "ones", "marches", "sundays", ""] {
        assert_eq!(candidate(w), None, "{w}");
    }
    assert_eq!(UNIT_WORDS.get("seventeen"), Some(17.0));
    assert_eq!(TENS_WORDS.get("ninety"), Some(90.0));
    assert_eq!(ORDINAL_WORDS.get("twelfth"), Some(12.0));
}

/// Every entry of every word list is found, lowercase and without stray spaces, and a
/// near-miss of each is not: a word added to a list is a one-line change this test checks.
#[test]
fn every_word_list_finds_its_words_and_only_those() {
    let sets: [(&str, &WordSet); 6] = [
        ("STOP_WORDS", &STOP_WORDS),
        ("NOT_NAMES", &NOT_NAMES),
        ("MEASURE_WORDS", &MEASURE_WORDS),
        ("COUNTED_NOUNS", &COUNTED_NOUNS),
        ("YEAR_BEFORE_WORDS", &YEAR_BEFORE_WORDS),
        ("ABBREVIATIONS", &ABBREVIATIONS),
    ];
    for (name, set) in sets {
        for w in set.words() {
            assert!(!w.is_empty() && *w == w.trim() && *w == w.to_lowercase(), "{name}: {w:?}");
            assert!(set.contains(w), "{name}: {w}");
            assert!(!set.contains(&format!("{w}q")), "{name}: {w}q");
        }
    }
    for w in ABBREVIATIONS.words() {
        assert!(is_abbreviation(w.to_uppercase().as_bytes()), "{w}");
    }
    assert!(counted_noun_bytes(b"People") && !counted_noun_bytes(b"Peoples"));
    for w in OPENING_WORDS {
        assert!(spelled_start(&w.to_lowercase()), "{w}");
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

/// Every bit of [`WORD_CLASSES`](super::words::WORD_CLASSES) agrees with the list or function it stands for, on the
/// table's own words and on near-misses.
#[test]
fn word_classes_match_their_lists() {
    let mut words: Vec<&str> = WORD_CLASSES.entries().iter().map(|&(w, _)| w).collect();
    words.extend(["percents", "pe", "cents", "usda", "eu", "dollarss", "marchs", "thee", "ageds", "ore", "o", ""]);
    words.extend(["hundreds", "thousands", "yens", "pptss", "weds", "sunday's", "she's", "ab", "abou"]);
    for w in words {
        let c = WORD_CLASSES.get(w).unwrap_or(0);
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
