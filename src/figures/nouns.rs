//! Nouns and owners: the qualifier before a figure ("about", "more than"), the noun it counts
//! ("250 soldiers", "20 pieces of equipment") with its singular key, and the person or place it
//! belongs to ("Smith, 45,"; "the 46-year-old Smith"; "Ukraine's 250 soldiers").

use std::ops::Range;

use crate::document::Document;

use super::numbers::scale_word;
use super::words::{MEASURE_WORDS, NOT_NAMES, STOP_WORDS};
use super::{Ledger, Qualifier, Tok};

impl Ledger {
    /// The qualifier in the words right before token `i`.
    pub(super) fn qualifier_before(&self, i: usize) -> (Option<Qualifier>, Option<Range<usize>>) {
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
    pub(super) fn noun_after(
        &self,
        doc: &Document<'_>,
        i: usize,
        keys: &mut String,
    ) -> (Option<Range<usize>>, Range<usize>) {
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
    pub(super) fn name_before(&self, doc: &Document<'_>, k: usize) -> Option<Range<usize>> {
        self.name_before_opening(doc, k, false)
    }

    /// [`Ledger::name_before`], and with `opening` a surname alone that opens its sentence too
    /// (`Smith, 45, said`: the age between commas says the word is a person).
    pub(super) fn name_before_opening(&self, doc: &Document<'_>, k: usize, opening: bool) -> Option<Range<usize>> {
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
    pub(super) fn age_entity_around(&self, doc: &Document<'_>, start: usize, next: usize) -> Option<Range<usize>> {
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

/// Push the singular of a lowercase noun onto `out` ("victims" → "victim", "casualties" →
/// "casualty", "people" → "person").
pub(super) fn push_singular(out: &mut String, w: &str) {
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
