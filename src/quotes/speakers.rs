//! Speakers: which word is a name, a title or a pronoun, the speaker built around it, and the
//! named speakers of a draft (for the quote checks' fixes).

use super::cues::lower_in;
use super::lexicon::{HONORIFICS, NOT_NAMES, PRONOUNS, TITLES};
use super::sentences::{Tok, WordBounds, is_cap};
use super::{Analysis, Speaker, SpeakerKind, Via};
use crate::config::Quotes;
use crate::document::Document;
use std::collections::HashMap;
use std::ops::Range;

pub(super) fn same_person(a: &str, b: &str) -> bool {
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
pub(super) fn is_org(name: &str) -> bool {
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

pub(super) fn speaker_kind(w: &str, t: &Tok, cfg: &Quotes) -> Option<SpeakerKind> {
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

/// Build a speaker from the token `j` of `toks`.
pub(super) fn make_speaker(doc: &Document<'_>, toks: &[Tok], j: usize, kind: SpeakerKind) -> Speaker {
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

/// First- or second-person words: a quotation that has one is someone speaking.
pub(super) fn has_person(s: &str) -> bool {
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
