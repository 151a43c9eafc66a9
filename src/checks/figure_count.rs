//! `figure/count`: a count that does not match the list it introduces.
//!
//! # What it finds
//! A number from two to twelve with a plural noun and a colon, followed by a list in the same
//! sentence that has a different number of items: "three cities: Izyum and Kupiansk". Items are
//! separated by commas, semicolons, "and" and "or"; a list whose items run longer than five
//! words, or that ends "and others" or "etc.", is not counted (numbered items, "(1) … (2) …",
//! are counted whatever their length). The noun may follow a partitive ("four of the hotels:"),
//! be two nouns ("six terms or phrases:"), or run on to the colon ("six focused suicide
//! prevention action areas:", "five main campaigns of the Liberation of France:", a phrase after
//! the noun opened by a preposition and naming no other plural); "around" after a verb is a
//! preposition ("coalesce around four key areas:"). Not a finding when the list
//! has as many items counted the other ways a reader counts: at its semicolons alone ("Paris,
//! France; Lyon, France; and Geneva, Switzerland" is three), or with items that hold "and"
//! ("research and development, sales, legal and marketing" is four).
//!
//! # Why it matters
//! A list that is one short usually lost an item in an edit; one too many gained it. Either way
//! the reader is told one number and shown another.
//!
//! # Example
//! ```text
//! Troops entered three cities: Izyum and Kupiansk.
//! ```
//! "three cities" introduces 2 items (Izyum, Kupiansk).
//!
//! # Fix safety
//! Not safe (offered): changing the count to the number of items, since an item may be missing.

use crate::checks::{Check, Ctx, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::figures::{Kind, Ledger, Tok};

pub static COUNT: Rule = Rule {
    id: "figure/count",
    default_severity: Severity::Warning,
    summary: "A count that does not match the list it introduces",
    default_off: false,
    network: false,
};

static RULES: &[&Rule] = &[&COUNT];

pub struct FigureCount;

const WORDS: [&str; 13] =
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

impl Check for FigureCount {
    fn name(&self) -> &'static str {
        "figure_count"
    }
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }
    fn needs_figures(&self) -> bool {
        true
    }
    fn run(&self, ctx: &Ctx<'_, '_>, out: &mut Vec<Diagnostic>) {
        let l = ctx.figures();
        let text = ctx.doc.text;
        for f in &l.figures {
            if f.kind != Kind::Count || f.range_with.is_some() || f.decimals > 0 {
                continue;
            }
            // "coalesce around four key areas:": "around" after a verb is a preposition; a
            // qualifier otherwise ("has around four", "about four").
            let st = l.first_token(f);
            let preposition = st >= 2 && l.is(st - 1, "around") && !NOT_VERB_BEFORE_AROUND.contains(&l.word(st - 2));
            if f.qualifier.is_some() && !preposition {
                continue;
            }
            let n = f.value as usize;
            if !(2..=12).contains(&n) || f.value.fract() != 0.0 {
                continue;
            }
            // "four of the hotels:": the noun after a partitive "of the".
            let partitive = || {
                let mut k = f.tokens.end;
                if !l.is(k, "of") {
                    return None;
                }
                k += 1;
                if matches!(l.word(k), "the" | "its" | "their" | "our" | "these" | "those") {
                    k += 1;
                }
                let start = l.tokens.get(k)?.range.start;
                (l.tokens[k].kind == Tok::Word && l.is_punct(k + 1, ':')).then(|| start..l.tokens[k].range.end)
            };
            let Some(noun) = f.noun.clone().or_else(partitive) else { continue };
            let mut head = l.token_at(noun.end) - 1;
            let mut phrase_colon = None;
            if let Some((h, c)) = phrase_to_colon(l, head, f.sentence) {
                (head, phrase_colon) = (h, Some(c));
            }
            let hw = l.word(head);
            if !(hw.ends_with('s') || matches!(hw, "people" | "children" | "men" | "women")) {
                continue;
            }
            // "six terms or phrases:": a second noun joined to the first.
            let joined = matches!(l.word(head + 1), "or" | "and")
                && l.tokens.get(head + 2).is_some_and(|t| t.kind == Tok::Word)
                && l.is_punct(head + 3, ':');
            let colon = match phrase_colon {
                Some(c) => c,
                None if joined => head + 3,
                None => head + 1,
            };
            if !l.is_punct(colon, ':') || l.tokens[colon].sentence as usize != f.sentence {
                continue;
            }
            let Some(items) = list_items(l, colon + 1, f.sentence) else { continue };
            if items.len() < 2 || items.len() == n || other_count(l, colon + 1, f.sentence) == n {
                continue;
            }
            let names: Vec<&str> = items.iter().map(|r| &text[r.clone()]).collect();
            let msg = format!(
                "“{}” introduces {} items, not {n}: {}",
                &text[f.range.start..noun.end.max(l.tokens[head].range.end)],
                items.len(),
                names.join("; ")
            );
            let list = items[0].start..items[items.len() - 1].end;
            let mut d = Diagnostic::new(&COUNT, f.range.clone(), msg).with_related(list, "the list");
            if let Some(word) = WORDS.get(items.len()) {
                let new = if f.spelled {
                    let orig = &text[f.num.clone()];
                    if orig.chars().next().is_some_and(char::is_uppercase) {
                        let mut c = word.chars();
                        c.next().map(|x| x.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
                    } else {
                        (*word).to_string()
                    }
                } else {
                    items.len().to_string()
                };
                d = d.with_fix(Fix::unsafe_(format!("Change to {new}"), vec![Edit::replace(f.num.clone(), new)]));
            }
            out.push(d);
        }
    }
}

/// Words before "around" that make it a qualifier of the count ("has around four", "of around
/// four"): after any other word, a verb, it is a preposition ("coalesce around four areas:").
const NOT_VERB_BEFORE_AROUND: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "of", "to", "at", "by", "with", "in", "for",
    "from", "employs", "employ", "employed", "than", "and", "or", "only", "just",
];

/// Prepositions that open a phrase after a count's noun ("four pillars of our strategy:").
const PHRASE_PREPOSITIONS: &[&str] = &["of", "to", "in", "for", "on", "from", "across"];

/// A plural noun, as far as spelling tells ("areas", "campaigns"; not "bus", "analysis").
fn plural(w: &str) -> bool {
    w.len() > 2 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")
}

/// A count's noun phrase that runs on to a colon through plain words (no number, no mark), and
/// its head: the noun's own words ("six focused suicide prevention action areas:", when the
/// figure's noun stopped at "focused") or a phrase after a plural head opened by a preposition
/// and naming no plural of its own ("five main campaigns of the Liberation of France:", "four
/// aspects to make the Air Force better:", not "two weeks in the cities:"). Returns the head
/// and the colon.
fn phrase_to_colon(l: &Ledger, head: usize, sentence: usize) -> Option<(usize, usize)> {
    let mut colon = head + 1;
    while colon < head + 10 && l.tokens.get(colon).is_some_and(|t| t.kind == Tok::Word) {
        colon += 1;
    }
    if colon == head + 1 || !l.is_punct(colon, ':') || l.tokens[colon].sentence as usize != sentence {
        return None;
    }
    let words = head..colon;
    if !plural(l.word(head)) {
        // The noun's own words, no preposition among them, ending in a plural.
        return (plural(l.word(colon - 1)) && !words.clone().any(|k| PHRASE_PREPOSITIONS.contains(&l.word(k))))
            .then_some((colon - 1, colon));
    }
    (PHRASE_PREPOSITIONS.contains(&l.word(head + 1)) && !(head + 2..colon).any(|k| plural(l.word(k))))
        .then_some((head, colon))
}

/// Words that start a clause or a phrase rather than name an item.
const NOT_ITEM_START: &[&str] = &[
    "how", "what", "why", "when", "where", "who", "whom", "which", "whether", "that", "to", "within", "with", "in",
    "on", "at", "by", "for", "from", "into", "through", "if", "because", "we", "they", "it", "he", "she", "you", "i",
    "is", "are", "was", "were", "be", "being", "have", "has", "can", "will", "should", "must", "not", "also", "then",
];

/// The items of a list from token `k` to the end of the sentence, or `None` if it does not look
/// like a list of short items.
fn list_items(l: &Ledger, k: usize, sentence: usize) -> Option<Vec<std::ops::Range<usize>>> {
    let mut items = Vec::new();
    let mut cur: Option<std::ops::Range<usize>> = None;
    let mut words = 0;
    let mut depth = 0i32;
    let mut i = k;
    // "(1) buying as one through category management, (2) driving innovation, and (3) …":
    // numbered items are items whatever their length.
    let numbered =
        (l.is_punct(k, '(') && l.tokens.get(k + 1).is_some_and(|t| t.kind == Tok::Number) && l.is_punct(k + 2, ')'))
            || (l.tokens.get(k).is_some_and(|t| t.kind == Tok::Number) && l.is_punct(k + 1, ')'));
    let close =
        |cur: &mut Option<std::ops::Range<usize>>, items: &mut Vec<std::ops::Range<usize>>, words: &mut usize| {
            if let Some(r) = cur.take() {
                items.push(r);
            }
            *words = 0;
        };
    while i < l.tokens.len() && l.tokens[i].sentence as usize == sentence {
        let t = &l.tokens[i];
        // A numbered item's number ("(2) driving innovation", "2) driving") is not part of it.
        if numbered && cur.is_none() && depth == 0 {
            let skip = if l.is_punct(i, '(') && l.is_punct(i + 2, ')') {
                3
            } else if t.kind == Tok::Number && l.is_punct(i + 1, ')') {
                2
            } else {
                0
            };
            if skip > 0 && l.tokens.get(i + skip - 2).is_some_and(|n| n.kind == Tok::Number) {
                i += skip;
                continue;
            }
        }
        match t.kind {
            Tok::Punct('(') => depth += 1,
            Tok::Punct(')') => depth -= 1,
            Tok::Punct(',' | ';') if depth == 0 => close(&mut cur, &mut items, &mut words),
            Tok::Punct('.' | '!' | '?') if depth == 0 => {
                // "St." inside an item, or the end.
                if i + 1 < l.tokens.len() && l.tokens[i + 1].sentence as usize == sentence && l.touching(i) {
                    i += 1;
                    continue;
                }
                break;
            }
            Tok::Punct(':' | '—' | '–') if depth == 0 => return None,
            Tok::Word if depth == 0 && matches!(l.word(i), "and" | "or") => {
                if matches!(l.word(i + 1), "others" | "more" | "other" | "so") {
                    return None;
                }
                close(&mut cur, &mut items, &mut words)
            }
            _ => {
                if matches!(l.word(i), "etc" | "including" | "among" | "such" | "like") {
                    return None;
                }
                if t.kind == Tok::Word {
                    // A list of clauses or phrases, not of things: "how agencies interact, …".
                    if cur.is_none() && NOT_ITEM_START.contains(&l.word(i)) {
                        return None;
                    }
                    words += 1;
                    if words > 5 && !numbered {
                        return None;
                    }
                }
                match &mut cur {
                    Some(r) => r.end = t.range.end,
                    None => cur = Some(t.range.clone()),
                }
            }
        }
        i += 1;
    }
    close(&mut cur, &mut items, &mut words);
    Some(items)
}

/// The items of the list from token `k` counted the other ways a reader may count them: split at
/// semicolons alone when it has any ("Paris, France; Lyon, France; and Geneva, Switzerland" is
/// three), else at commas with only the last segment's last "and" or "or" splitting ("research
/// and development, sales, legal and marketing" is four).
fn other_count(l: &Ledger, k: usize, sentence: usize) -> usize {
    let end = (k..l.tokens.len())
        .find(|&i| l.tokens[i].sentence as usize != sentence || (l.is_punct(i, '.') && !l.touching(i)))
        .unwrap_or(l.tokens.len());
    let end = if end > k && l.is_punct(end - 1, '.') { end - 1 } else { end };
    let semicolons = (k..end).filter(|&i| l.is_punct(i, ';')).count();
    if semicolons > 0 {
        return semicolons + 1;
    }
    let commas: Vec<usize> = (k..end).filter(|&i| l.is_punct(i, ',')).collect();
    let last_from = commas.last().map_or(k, |c| c + 1);
    // Not an "and" right after the comma (", and Spanish": the serial comma already split).
    let last_and = (last_from + 1..end).any(|i| matches!(l.word(i), "and" | "or"));
    commas.len() + 1 + usize::from(last_and)
}
