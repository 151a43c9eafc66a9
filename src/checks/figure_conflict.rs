//! `figure/conflict`: the same thing given two different values in one draft.
//!
//! # What it finds
//! - A person's age given twice, differently: "Smith, 45," … "the 46-year-old Smith".
//! - A toll given twice, differently: "killed 12 people" … "the 14 victims"; likewise the
//!   injured, the arrested and the missing, for the same kind of people (civilians and soldiers
//!   are counted apart).
//! - A definite reference that does not match the count it refers back to: "250 soldiers" …
//!   "the 240 soldiers", "the locations of the 240 soldiers", and a breakdown's opening "Of the
//!   26 recommendations, …" after "22 recommendations" (not a part, "12 of the 40", nor a sample,
//!   "Of the 40 owners surveyed").
//! - An amount of money that names the same thing twice: "a $1.2 million contract" … "the
//!   $1.5 million contract"; and a definite amount whose digits were given before in another
//!   scale, and never in its own ("paid $1.9 million for the land" … "the $1.9 billion price";
//!   digits with a decimal point only, and not when the earlier amount names another thing).
//! - Definite references to one set ("the 22 parks" … "the 24 parks", "all 8 exchanges" … "all 9
//!   exchanges"), whatever else changes in their sentences ("Visitors to the 22 parks rose").
//! - A repeated appositive age after a time word that is not about it ("Later Okoro, 31, …").
//! - A headline's count against the lede's ("Council to shut 12 libraries" over "The council
//!   will shut 14 libraries"): the headline is the first line with no closing mark, the lede
//!   the paragraph after it (or after a short byline), with no other figure of that noun in its
//!   sentence.
//!
//! Not a conflict: an age with a time word right before it ("Okoro, then 30", "now 31") or in a
//! sentence with "when" or "ago"; approximate figures ("about 14"), ranges, a change over time in either
//! sentence ("rose to 14", "now", "initially", "revised", "another"), sentences about different
//! years, different units or nouns ("250 soldiers" and "240 tanks"), and units of measure ("a 15
//! meter tower" and "the 70 meter hall").
//!
//! Not yet found: a spelled-out number in a sentence with no other figure ("Police said four
//! people died", "In 2019, three people were killed"), unless it opens the sentence ("Four
//! people died"). For speed the figure ledger reads only sentences that hold a digit other than
//! a year's, a currency or percent sign, or open with a spelled-out number.
//!
//! # Why it matters
//! Two values for one fact mean one is wrong, and the reader cannot tell which. Tolls and ages
//! are the figures most often updated in one paragraph and not in another.
//!
//! # Example
//! ```text
//! The blast killed 12 people on Tuesday. Relatives of the 14 victims gathered outside.
//! ```
//! "the 14 victims" conflicts with "killed 12 people" earlier.
//!
//! # Fix safety
//! No fix: only the writer knows which value is right. The finding points at the later figure,
//! with the earlier one as a related location.

use std::collections::HashMap;

use crate::checks::{Check, Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::figures::{Figure, Kind, Ledger, Scale, WordHash, WordSet, format_number};

pub static CONFLICT: Rule = Rule {
    id: "figure/conflict",
    default_severity: Severity::Warning,
    summary: "The same thing given two different values in one draft",
    default_off: false,
    network: false,
};

static RULES: &[&Rule] = &[&CONFLICT];

pub struct FigureConflict;

impl Check for FigureConflict {
    fn name(&self) -> &'static str {
        "figure_conflict"
    }
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }
    fn needs_figures(&self) -> bool {
        true
    }
    fn run(&self, ctx: &Ctx<'_, '_>, out: &mut Vec<Diagnostic>) {
        let l = ctx.figures();
        let doc = ctx.doc;
        // Key → index of the first figure with it.
        // Sized once: growing it as keys came was four allocations and rehashes per draft.
        let mut first: HashMap<Key<'_>, usize, WordHash> =
            HashMap::with_capacity_and_hasher(l.figures.len(), WordHash::default());
        let mut later = Judge { years: None, reported: Vec::new() };
        for (i, f) in l.figures.iter().enumerate() {
            if f.qualifier.is_some()
                || f.range_with.is_some()
                || !matches!(f.kind, Kind::Age | Kind::Count | Kind::Money(_))
            {
                continue;
            }
            let Some((key, strong)) = key_of(doc, l, f) else { continue };
            if near_change(l, f) {
                continue;
            }
            match first.get(&key) {
                // A group that opens its sentence is compared with a count given before, never
                // taken as the count (two surveys' "Of the 11 respondents" and "Of the 6").
                None if opening_group(l, f) => {}
                None => {
                    first.insert(key, i);
                }
                Some(&j) => {
                    let g = &l.figures[j];
                    if g.value != f.value && g.sentence != f.sentence {
                        let strong = strong || headline_and_lede(doc, l, g, f);
                        later.judge(doc, l, (j, i), key, strong, out);
                    }
                }
            }
            if matches!(f.kind, Kind::Money(_))
                && f.scale != Scale::None
                && key.0 == "money"
                && let Some(j) = scale_slip(doc, l, i)
            {
                later.judge(doc, l, (j, i), key, false, out);
            }
        }
    }
}

/// "paid $1.9 million for the land" … "the $1.9 billion price": a definite amount whose digits
/// and currency were given before with another scale (million for billion), and never with its
/// own. Only digits with a decimal point: "$2 million" and "$2 billion" are often two amounts.
/// The earlier amount must name nothing else (no noun of its own, or the same noun).
fn scale_slip(doc: &Document<'_>, l: &Ledger, i: usize) -> Option<usize> {
    let f = &l.figures[i];
    let digits = &doc.text[f.num.clone()];
    if !digits.contains('.') || !definite(l, f) {
        return None;
    }
    let same = |g: &Figure| g.kind == f.kind && g.scale != Scale::None && g.qualifier.is_none();
    let earlier = &l.figures[..i];
    if earlier.iter().any(|g| same(g) && g.value == f.value) {
        return None;
    }
    earlier.iter().position(|g| {
        same(g)
            && g.sentence != f.sentence
            && g.value != f.value
            && doc.text[g.num.clone()] == *digits
            && (g.noun.is_none() || l.noun_key(g) == l.noun_key(f))
    })
}

/// The rare case, out of the loop's way (its code stays out of the instruction cache until a
/// draft gives two values for one key): whether the two values conflict, and the finding.
struct Judge<'a> {
    /// The year each sentence is about, computed at the first pair that needs it.
    years: Option<Vec<Option<i64>>>,
    reported: Vec<(usize, Key<'a>)>,
}

impl<'a> Judge<'a> {
    #[cold]
    #[inline(never)]
    fn judge(
        &mut self,
        doc: &Document<'_>,
        l: &Ledger,
        (j, i): (usize, usize),
        key: Key<'a>,
        strong: bool,
        out: &mut Vec<Diagnostic>,
    ) {
        let (g, f) = (&l.figures[j], &l.figures[i]);
        // A generic reference needs the later one definite, in numerals on both sides, and not
        // narrowed by a clause ("the two teams that won" is a subset).
        if !strong
            && (!definite(l, f)
                || f.spelled
                || g.spelled
                || f.noun.as_ref().is_some_and(|n| {
                    matches!(
                        l.word(l.token_at(n.end)),
                        "that" | "who" | "which" | "whose" | "with" | "from" | "in" | "on" | "at"
                    )
                }))
        {
            return;
        }
        let age = f.kind == Kind::Age;
        // Two people who share a surname (`Ann Okoro, 30` … `her brother, Tom Okoro, 34`): both
        // named in full, with different first names.
        if age
            && let (Some(a), Some(b)) = (first_name(doc, g), first_name(doc, f))
            && a != b
        {
            return;
        }
        // Two definite references ("the 22 parks" … "the 24 parks") name one fixed set: a change
        // word elsewhere in their sentences is about something else ("Visitors to the 22 parks
        // rose").
        let both_definite = definite(l, g) && definite(l, f);
        let revisions = !(age || both_definite);
        if temporal(l, g, age, revisions) || temporal(l, f, age, revisions) {
            return;
        }
        let years = self.years.get_or_insert_with(|| sentence_years(l));
        if let (Some(a), Some(b)) = (years[g.sentence], years[f.sentence])
            && a != b
        {
            return;
        }
        if self.reported.iter().any(|(v, k)| *v == i || (k == &key && l.figures[*v].value == f.value)) {
            return;
        }
        self.reported.push((i, key));
        let (then, now) = (&doc.text[g.range.clone()], &doc.text[f.range.clone()]);
        let msg = if let (Kind::Age, Some(e)) = (f.kind, &f.entity) {
            format!(
                "{} is {} here but {} earlier",
                &doc.text[e.clone()],
                format_number(f.value, 0),
                format_number(g.value, 0)
            )
        } else {
            format!(
                "this figure ({}) conflicts with “{}” earlier ({}): {} ≠ {}",
                now.trim(),
                context(doc, l, g),
                then.trim(),
                format_number(f.value, if f.scale == Scale::None { f.decimals } else { 0 }),
                format_number(g.value, if g.scale == Scale::None { g.decimals } else { 0 })
            )
        };
        out.push(Diagnostic::new(&CONFLICT, f.range.clone(), msg).with_related(g.range.clone(), "given here as"));
    }
}

/// A headline's figure and the lede's ("City to close 12 libraries" over "The city will close
/// 14 libraries next month"): the headline states the lede's figure, so the two need not be
/// definite references. The headline is the draft's first line (a Markdown heading or a line
/// with no closing mark, a blank line after it); the lede, the first paragraph after it (or the
/// second, after a short dateline or byline), and the only figure of its sentence with that
/// noun.
fn headline_and_lede(doc: &Document<'_>, l: &Ledger, g: &Figure, f: &Figure) -> bool {
    let text = doc.text;
    let sentence = |s: usize| {
        let r = l.sentences[s].clone();
        l.tokens[r.start].range.start..l.tokens[r.end - 1].range.end
    };
    let head = sentence(g.sentence);
    let before = text[..head.start].trim_start_matches('\u{feff}');
    let before = match &doc.front_matter {
        Some(fm) if fm.range.end <= head.start => &text[fm.range.end..head.start],
        _ => before,
    };
    let line_end = text[head.end..].find('\n').map_or(text.len(), |k| head.end + k);
    let headline = before.trim_start().trim_start_matches('#').trim().is_empty()
        && !text[head.start..line_end].contains(['.', '!', '?', ':'])
        && text[line_end..].starts_with("\n\n");
    if !headline || f.range.start < line_end {
        return false;
    }
    // At most a short dateline or byline paragraph between ("By Ana Ruiz").
    let between = text[line_end..f.range.start].trim();
    let lede = match between.split_once("\n\n") {
        None => true,
        Some((first, rest)) => first.len() <= 80 && !first.ends_with('.') && !rest.contains("\n\n"),
    };
    let key = l.noun_key(f);
    lede && l
        .figures_in(f.sentence)
        .filter(|&k| l.figures[k].range != f.range)
        .all(|k| l.noun_key(&l.figures[k]) != key)
}

/// A few words around a figure, for the message.
fn context<'t>(doc: &Document<'t>, l: &Ledger, f: &Figure) -> &'t str {
    let start = l.first_token(f);
    let s = l.sentences[f.sentence].clone();
    let a = if start > s.start && matches!(l.tokens[start - 1].kind, crate::figures::Tok::Word) {
        l.tokens[start - 1].range.start
    } else {
        f.range.start
    };
    let b = f.noun.as_ref().map_or(f.range.end, |n| n.end);
    doc.text[a..b].trim()
}

/// A definite reference: "the 22 parks", "its 8 exchanges", "all 8 exchanges" (not "In all, 8").
fn definite(l: &Ledger, f: &Figure) -> bool {
    let st = l.first_token(f);
    let s = l.sentences[f.sentence].start;
    st > s
        && (matches!(l.word(st - 1), "the" | "its" | "his" | "her" | "their" | "our")
            || (l.is(st - 1, "all") && !(st - 1 > s && l.is(st - 2, "in"))))
}

/// Nouns too generic to identify one thing, and units of measure ("the 70 meter hall" and "a 15
/// meter tower" are two things measured in meters).
static GENERIC: WordSet = WordSet::new(&[
    "meter",
    "metre",
    "kilometer",
    "kilometre",
    "km",
    "mile",
    "foot",
    "feet",
    "inch",
    "yard",
    "kilogram",
    "kg",
    "gram",
    "ton",
    "tonne",
    "pound",
    "ounce",
    "acre",
    "hectare",
    "degree",
    "square",
    "cubic",
    "gallon",
    "liter",
    "litre",
    "barrel",
    "mph",
    "day",
    "year",
    "month",
    "week",
    "hour",
    "minute",
    "second",
    "time",
    "percent",
    "point",
    "page",
    "word",
    "state",
    "country",
    "way",
    "thing",
    "step",
    "part",
    "item",
    "case",
    "other",
    "more",
    "new",
    "top",
    "last",
    "first",
    "next",
    "per",
    "million",
    "billion",
    "one",
    "largest",
    "biggest",
    "most",
    "best",
    "only",
    "same",
    "different",
]);

/// The first name written right before an age's surname (`Ann` in `Ann Okoro, 30`), if any: a
/// capitalised word of letters, not a title (`Mr.`, `Gen.`) or a word that opens the sentence
/// without being a name's (a lone surname at a sentence start has no first name before it).
fn first_name<'d>(doc: &'d Document<'_>, f: &Figure) -> Option<&'d str> {
    const TITLES: &[&str] = &["Mr", "Mrs", "Ms", "Dr", "Mayor", "The", "A", "An", "Her", "His", "Their", "Our"];
    let e = f.entity.as_ref()?;
    let before = doc.text[..e.start].strip_suffix(' ')?;
    let word = &before[before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| i + 1)..];
    (word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() > 1 && !TITLES.contains(&word))
        .then_some(word)
}

/// What a figure counts: its kind ("age", "toll", "count", "money") and two words or phrases that
/// name it, borrowed from the draft (no allocation per figure).
type Key<'a> = (&'static str, &'a str, &'a str);

/// What a figure counts, as a key, and whether the key is strong (an age or a toll) rather
/// than a definite reference to a noun.
fn key_of<'a>(doc: &'a Document<'_>, l: &'a Ledger, f: &Figure) -> Option<(Key<'a>, bool)> {
    match f.kind {
        Kind::Age => {
            let e = f.entity.as_ref()?;
            Some((("age", &doc.text[e.clone()], ""), true))
        }
        Kind::Count => {
            if let Some(t) = toll(l, f) {
                return Some((t, true));
            }
            let noun = l.noun_key(f);
            if noun.is_empty() || GENERIC.contains(noun) || f.spelled && f.value < 2.0 {
                return None;
            }
            // A partitive "12 of the 40 respondents" counts a group of its own, and so does an
            // opening "Of the 11 respondents surveyed" (a sample). An opening "Of the 26
            // recommendations, 13 were …" names the whole group it breaks down, and a noun's "the
            // locations of the 13 specimens" refers to it: both are compared with a count before.
            let st = l.first_token(f);
            if st >= 2 && l.is(st - 1, "the") && l.is(st - 2, "of") {
                let opening = l.sentences[f.sentence].start == st - 2;
                if (opening && !opening_group(l, f)) || (!opening && part_before_of(l, st - 2)) {
                    return None;
                }
            }
            // The whole noun phrase: "the seven TOP Health teams" and "the four Lyme disease teams"
            // are different teams.
            let phrase = f.noun.as_ref().map_or("", |n| l.lower_of(n.clone()));
            let ent = f.entity.as_ref().map_or("", |e| &doc.text[e.clone()]);
            Some((("count", phrase, ent), false))
        }
        Kind::Money(cur) => {
            // The amount names a thing only when the noun follows it directly ("$1.2 million contract").
            let n = f.noun.as_ref()?;
            let noun = l.noun_key(f);
            if l.token_at(n.start) != f.tokens.end || noun.is_empty() || GENERIC.contains(noun) {
                return None;
            }
            Some((("money", cur, noun), false))
        }
        _ => None,
    }
}

/// Death, injury, arrest and missing tolls: "killed 12 people", "12 people were killed", "12
/// dead", "the 14 victims", "a death toll of 12".
fn toll<'a>(l: &'a Ledger, f: &Figure) -> Option<Key<'a>> {
    let st = l.first_token(f);
    let before = if st >= 1 { l.word(st - 1) } else { "" };
    let before2 = if st >= 2 { l.word(st - 2) } else { "" };
    let noun = l.noun_key(f);
    let who = match noun {
        "" | "person" | "victim" | "death" | "fatality" | "dead" | "injury" | "arrest" | "casualty" => "person",
        k => k,
    };
    let by_noun = match noun {
        "victim" | "death" | "fatality" | "dead" => Some("death"),
        "injury" | "wounded" | "injured" => Some("injury"),
        "arrest" => Some("arrest"),
        _ => None,
    };
    let by_verb_before = match before {
        "killed" | "killing" | "kills" | "kill" => Some("death"),
        "injured" | "injuring" | "wounded" | "wounding" => Some("injury"),
        "arrested" | "detained" => Some("arrest"),
        "of" | "at" if before2 == "toll" => Some("death"),
        _ => None,
    };
    let by_verb_after = || {
        let mut k = f.noun.as_ref().map_or(f.tokens.end, |n| l.token_at(n.end));
        while matches!(l.word(k), "were" | "was" | "have" | "had" | "has" | "are" | "been" | "reported" | "confirmed") {
            k += 1;
        }
        match l.word(k) {
            "killed" | "dead" | "died" | "slain" => Some("death"),
            "injured" | "wounded" | "hurt" => Some("injury"),
            "arrested" | "detained" => Some("arrest"),
            "missing" => Some("missing"),
            _ => None,
        }
    };
    let topic = by_verb_before.or(by_noun).or_else(by_verb_after)?;
    Some(("toll", topic, who))
}

/// Words that say a figure changed, or that there are several of the thing, near it.
fn near_change(l: &Ledger, f: &Figure) -> bool {
    let st = l.first_token(f);
    let s = l.sentences[f.sentence].start;
    let lo = st.saturating_sub(4).max(s);
    // A definite reference's own article ("all 8 exchanges") and the preposition before it
    // ("Visitors to the 22 parks") say nothing of a change.
    let own = match definite(l, f) {
        true if st - 1 > s && matches!(l.word(st - 2), "to" | "from" | "all") => 2,
        true => 1,
        false => 0,
    };
    // "to" as an infinitive's mark ("City to close 12 libraries") is no move: only "to" right
    // before the figure or its article counts ("rose to 14", "fell to a low 9").
    let infinitive = |k: usize| {
        l.is(k, "to") && !(k + 1..st).all(|j| matches!(l.word(j), "a" | "an" | "the" | "low" | "high" | "record"))
    };
    (lo..st - own).any(|k| CHANGE_WORDS.contains(l.word(k)) && !infinitive(k))
        || (st > s && l.is(st - 1, "of") && part_before_of(l, st - 1))
        || matches!(l.word(f.tokens.end), "more" | "others" | "other" | "each" | "apiece" | "per" | "a")
}

/// Words before a figure that say it changed, or that there are several of the thing
/// ("rose to 14", "another 12").
static CHANGE_WORDS: WordSet = WordSet::new(&[
    "rose",
    "risen",
    "increased",
    "grew",
    "climbed",
    "jumped",
    "fell",
    "dropped",
    "declined",
    "reached",
    "to",
    "from",
    "another",
    "additional",
    "further",
    "more",
    "other",
    "new",
    "latest",
    "remaining",
    "first",
    "last",
    "revised",
    "raised",
    "lowered",
    "than",
    "each",
    "per",
    "every",
    "all",
]);

/// Whether figure `f` may be of another moment: its sentence speaks of change over time. For an
/// age only the words of time count (a person who "declined to comment" or whose town's
/// population "fell" is the same age), and only right before the age ("Okoro, then 30", "now
/// aged 31") or "when" and "ago" anywhere: "Later Okoro, 31, said" is the same Okoro. Words of
/// revision count only when `revisions`. A span of years before a time word counts anywhere
/// ("Years later Okoro, 52, …").
fn temporal(l: &Ledger, f: &Figure, age: bool, revisions: bool) -> bool {
    let sentence = l.sentences[f.sentence].clone();
    if age {
        let st = l.first_token(f);
        let near = st.saturating_sub(2).max(sentence.start)..st;
        return sentence.clone().any(|k| {
            matches!(l.word(k), "when" | "ago")
                || (k > sentence.start
                    && TIME_WORDS.contains(&l.word(k))
                    && matches!(l.word(k - 1), "years" | "year" | "decades" | "decade" | "months"))
        }) || near.into_iter().any(|k| TIME_WORDS.contains(&l.word(k)));
    }
    sentence.into_iter().any(|k| {
        let w = l.word(k);
        TIME_WORDS.contains(&w) || (revisions && REVISION_WORDS.contains(&w))
    })
}

/// Words of time: a figure in their sentence may be of another moment.
const TIME_WORDS: &[&str] = &[
    "initially",
    "originally",
    "previously",
    "earlier",
    "later",
    "now",
    "since",
    "until",
    "ago",
    "formerly",
    "once",
    "then",
    "previous",
    "prior",
    "past",
];

/// Words of revision, change and totals: a quantity in their sentence (not an age) may be
/// another count of the same thing.
const REVISION_WORDS: &[&str] = &[
    "updated",
    "revised",
    "rose",
    "risen",
    "climbed",
    "increased",
    "grew",
    "fell",
    "dropped",
    "declined",
    "preliminary",
    "total",
    "combined",
    "altogether",
    "including",
    "among",
    "remaining",
];

/// The year each sentence is about, when it names exactly one.
fn sentence_years(l: &Ledger) -> Vec<Option<i64>> {
    let mut v: Vec<Option<Option<i64>>> = vec![None; l.sentences.len()];
    let mut note = |s: usize, y: i64| {
        v[s] = match v[s] {
            None => Some(Some(y)),
            Some(Some(x)) if x == y => Some(Some(x)),
            _ => Some(None),
        }
    };
    for f in &l.figures {
        if f.kind == Kind::Year {
            note(f.sentence, f.value as i64);
        }
    }
    for d in &l.dates {
        if let Some(y) = d.year {
            note(d.sentence, i64::from(y));
        }
    }
    v.into_iter().map(Option::flatten).collect()
}

/// "Of the 26 recommendations, …": a count after "Of the" that opens its sentence, its noun right
/// before a comma (no participle or clause narrowing it: "Of the 40 owners surveyed" is a
/// sample).
fn opening_group(l: &Ledger, f: &Figure) -> bool {
    let st = l.first_token(f);
    st >= 2
        && l.sentences[f.sentence].start == st - 2
        && l.is(st - 2, "of")
        && l.is(st - 1, "the")
        && f.noun.as_ref().is_some_and(|n| l.is_punct(l.token_at(n.end), ','))
}

/// Whether the word before the "of" at token `of` makes what follows a whole its part is taken
/// from ("12 of", "most of", "one of", "a share of"), rather than a noun the figure belongs to
/// ("the status of 22 recommendations", "the locations of the 13 specimens", "a toll of 12").
fn part_before_of(l: &Ledger, of: usize) -> bool {
    let Some(w) = of.checked_sub(1) else { return true };
    if l.sentences[l.tokens[of].sentence as usize].start > w {
        return true;
    }
    l.tokens[w].kind != crate::figures::Tok::Word || PARTS.contains(l.word(w))
}

/// Words before "of" that take a part of what follows.
static PARTS: WordSet = WordSet::new(&[
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
    "some",
    "most",
    "many",
    "all",
    "none",
    "each",
    "several",
    "few",
    "half",
    "both",
    "any",
    "either",
    "neither",
    "part",
    "share",
    "out",
    "majority",
    "minority",
    "third",
    "quarter",
    "fifth",
    "percent",
    "number",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "more",
    "fewer",
    "less",
    "total",
    "sum",
    "average",
    "up",
    "instead",
    "because",
    "top",
    "bottom",
    "rest",
]);
