//! Speakers: which word is a name, a title or a pronoun, the speaker built around it, and the
//! named speakers of a draft (for the quote checks' fixes).

use super::cues::lower_in;
use super::lexicon::{HONORIFICS, NAME_SUFFIXES, NOT_NAMES, ORGANISATION_WORDS, PRONOUNS, SERVICE_WORDS, TITLES};
use super::sentences::{Tok, WordBounds, is_cap};
use super::{Speaker, SpeakerKind};
use crate::config::Quotes;
use crate::document::Document;

pub(super) fn same_person(a: &str, b: &str) -> bool {
    // The cheap tests first: `is_org` scans a word list and is rarely reached this way (this is
    // called for every quotation against every speaker found so far).
    a.eq_ignore_ascii_case(b)
        || ((!a.contains(' ') || !b.contains(' '))
            && surname(a).eq_ignore_ascii_case(surname(b))
            && !is_org(a)
            && !is_org(b))
}

/// Whether a name can be offered as someone who speaks: its surname (last word but a suffix) is
/// capitalised and is not a title, an honorific or rank, or a word that is never a name (`Chief`,
/// `Sgt`, `Secretary` alone, or `Afghan Ambassador`, are not people).
pub(super) fn is_person_like(name: &str) -> bool {
    let last = surname(name).trim_end_matches('.');
    !name.contains('[')
        && is_cap(last)
        && !lower_in(last, HONORIFICS)
        && !lower_in(last, TITLES)
        && !lower_in(last, NOT_NAMES)
}

/// A person's name without the ranks, titles and service before it (`Army Col Linda Kotulan` →
/// `Linda Kotulan`, `Air Force James` → `James`); an organisation's name is kept whole.
pub(super) fn bare_name(name: &str) -> &str {
    if is_org(surname(name)) {
        return name;
    }
    let mut rest = name;
    while let Some((first, tail)) = rest.split_once(' ') {
        let w = first.trim_end_matches('.');
        if !(lower_in(w, HONORIFICS) || org_word(w) || lower_in(w, SERVICE_WORDS)) {
            break;
        }
        rest = tail;
    }
    rest
}

/// The last word of a name that is not a suffix (`Mark A Welsh III` → `Welsh`).
pub(crate) fn surname(name: &str) -> &str {
    let mut words = name.rsplit(' ');
    let last = words.next().unwrap_or(name);
    if lower_in(last.trim_end_matches('.'), NAME_SUFFIXES) { words.next().unwrap_or(last) } else { last }
}

/// Whether `w` is a word of [`ORGANISATION_WORDS`] (as written: `Office`, not `office`).
pub(super) fn org_word(w: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str, crate::wordhash::WordHash>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| ORGANISATION_WORDS.iter().copied().collect()).contains(w)
}

/// Organisations keep their whole name (no "surname"): a word of [`ORGANISATION_WORDS`].
pub(super) fn is_org(name: &str) -> bool {
    name.split(' ').any(org_word)
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
            // Forward over capitalised words, and ranks written in lowercase inside a name
            // (`Airman 1st Class Ann Roe`).
            // An initial is a name word (`Mark A. Welsh III`), though `A` alone is a determiner.
            let initial = |i: usize| w(i).len() == 1 && is_cap(w(i)) && p[toks[i].end..].starts_with('.') && i > a;
            let name_word = |i: usize| {
                (is_cap(w(i)) && !lower_in(w(i), NOT_NAMES))
                    || initial(i)
                    || (lower_in(w(i), HONORIFICS) && i + 1 < toks.len() && is_cap(w(i + 1)))
            };
            let mut b = j;
            while b + 1 < toks.len() && joined(&toks[b], &toks[b + 1]) && name_word(b + 1) && b - a < 6 {
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
            let honorific = |i: usize| lower_in(w(i).trim_end_matches('.'), HONORIFICS);
            let mut n = a;
            while n < b && honorific(n) {
                n += 1;
            }
            // A title "of" something before the name (`Secretary of the Air Force Deborah Lee
            // James`, `Chief of Staff Gen. Ann Roe`): the name is the run after it, without its
            // ranks, its last three words at most (the words before are the body's name).
            if honorific(b) && b + 2 < toks.len() && w(b + 1).eq_ignore_ascii_case("of") {
                let mut c = b + 2;
                if c < toks.len() && w(c).eq_ignore_ascii_case("the") {
                    c += 1;
                }
                let mut e = c;
                while e + 1 < toks.len() && joined(&toks[e], &toks[e + 1]) && name_word(e + 1) && e - c < 7 {
                    e += 1;
                }
                let mut m = c;
                while m < e && honorific(m) {
                    m += 1;
                }
                if c < toks.len() && name_word(c) && !honorific(e) {
                    let suffix = usize::from(lower_in(w(e).trim_end_matches('.'), NAME_SUFFIXES));
                    n = m.max(e.saturating_sub(2 + suffix));
                    b = e;
                }
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
