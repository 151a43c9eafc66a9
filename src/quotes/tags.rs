//! The tag slot: right after a quotation's closing mark, a short speaker reference and one verb
//! with nothing after it but a tag is an attribution, whatever the verb — `“Why now?” Dalton
//! demanded.`, `“Enough!” Dalton, the harbor master, shouted at the crowd.`, `“Who pays?” Mr. Roe
//! wondered aloud.` Readers take the words for the speaker's because of where they stand, so the
//! verb need not be in the lexicon.
//!
//! A tag is what may follow the verb: the end of the sentence, a comma, a preposition
//! ([`TAG_WORDS`]), an `-ly` adverb or an `-ing` clause. Anything else makes the words after the
//! quotation a sentence of their own (`“…” Dalton left the meeting early.`), and the quotation is
//! not attributed by them. The verb is a lexicon cue or a regular past tense (`-ed`).

use super::cues::{Cues, lower_in};
use super::lexicon::{DETERMINERS, PRONOUNS};
use super::sentences::{Tok, ceil, is_cap, tokens};
use super::speakers::make_speaker;
use super::{Attribution, Speaker, SpeakerKind, Via};
use crate::document::Document;

/// A verb that may stand in the tag slot: a lowercase lexicon cue or regular past tense (`-ed`).
fn tag_verb(cues: &Cues<'_>, w: &str) -> bool {
    w.chars().all(char::is_lowercase) && (w.ends_with("ed") || cues.word_is_cue(w))
}

/// Words after the verb that keep it a tag (`shouted at the crowd`, `wondered aloud`).
const TAG_WORDS: &[&str] = &[
    "at",
    "into",
    "in",
    "on",
    "from",
    "with",
    "before",
    "after",
    "as",
    "during",
    "over",
    "about",
    "while",
    "across",
    "toward",
    "towards",
    "through",
    "behind",
    "back",
    "aloud",
    "again",
    "outside",
    "inside",
    "afterward",
    "afterwards",
    "later",
    "then",
    "too",
];

/// Forms of *be* that make the verb after them passive (`was published`, `is attached`).
const PASSIVE_AUX: &[&str] = &["was", "were", "is", "are", "been", "being", "be"];

/// How far after the closing mark the tag is looked for.
const WINDOW: usize = 160;

/// The attribution in the tag slot after a quotation that closes at `close_end`, within its
/// paragraph (which ends at `hi`). `inner_last` is the last character inside the marks: a comma,
/// `?`, `!` or a dash leaves the sentence open for a tag; a full stop does not.
pub(super) fn tag_slot(
    doc: &Document<'_>,
    cues: &Cues<'_>,
    close_end: usize,
    hi: usize,
    inner_last: char,
    toks: &mut Vec<Tok>,
) -> Option<Attribution> {
    if !matches!(inner_last, ',' | '?' | '!' | '—' | '–') {
        return None;
    }
    let p = &doc.prose;
    let end = ceil(p, hi.min(close_end + WINDOW));
    // Only spaces (or a closing bracket) between the mark and the speaker.
    let gap = &p[close_end..end];
    if !gap.starts_with([' ', '\n']) {
        return None;
    }
    tokens(doc, close_end..end, &[], toks);
    let w = |i: usize| &p[toks[i].start..toks[i].end];
    let between = |i: usize| &p[toks[i].end..toks.get(i + 1).map_or(end, |t| t.start)];
    if toks.is_empty() || !p[close_end..toks[0].start].trim().is_empty() {
        return None;
    }
    // The speaker: a pronoun, `the` and a few lowercase words, or capitalised words.
    let (kind, head, mut v) = if lower_in(w(0), PRONOUNS) {
        (SpeakerKind::Pronoun, 0, 1)
    } else if lower_in(w(0), DETERMINERS) {
        // `the` and one to three lowercase words, up to the first word that can be the verb
        // (`the harbor master asked at the meeting`, `the harbor rules read.`).
        let mut k = 1;
        while k < toks.len() && k <= 4 && w(k).chars().all(char::is_lowercase) && between(k - 1).trim().is_empty() {
            // `“…?” This note was first published on the blog.`: a form of *be* makes the verb
            // passive, and what it says of the noun is not that the noun spoke.
            if lower_in(w(k), PASSIVE_AUX) {
                return None;
            }
            if k >= 2 && tag_verb(cues, w(k)) {
                break;
            }
            k += 1;
        }
        if !(2..=4).contains(&k) || k >= toks.len() {
            return None;
        }
        (SpeakerKind::Title, k - 1, k)
    } else if is_cap(w(0)) {
        let mut k = 1;
        while k < toks.len() && k <= 4 && is_cap(w(k)) && between(k - 1).trim_matches('.').trim().is_empty() {
            k += 1;
        }
        (SpeakerKind::Name, k - 1, k)
    } else {
        return None;
    };
    // An appositive between commas (`Dalton, the harbor master, shouted`).
    if between(v - 1).trim() == "," {
        let close = (v..toks.len().min(v + 10)).find(|&i| between(i).trim() == ",")?;
        v = close + 1;
    } else if !between(v - 1).trim().is_empty() {
        return None;
    }
    if v >= toks.len() {
        return None;
    }
    let verb = w(v);
    if !tag_verb(cues, verb) {
        return None;
    }
    // Only a tag after the verb.
    let after = between(v).trim_start();
    let tag = if v + 1 >= toks.len() || after.starts_with(['.', '!', '?', ',', ';', ')']) {
        after.is_empty() || after.starts_with(['.', '!', '?', ',', ';', ')']) || v + 1 >= toks.len()
    } else if after.is_empty() {
        let next = w(v + 1);
        lower_in(next, TAG_WORDS) || next.ends_with("ly") || next.ends_with("ing")
    } else {
        false
    };
    if !tag {
        return None;
    }
    let speaker = match kind {
        // `the harbor master`: the whole noun phrase, its determiner lowercase.
        SpeakerKind::Title => Speaker {
            kind,
            name: format!("{}{}", w(0).to_lowercase(), &p[toks[0].end..toks[head].end]),
            range: toks[head].start..toks[head].end,
            reference: toks[0].start..toks[head].end,
        },
        _ => make_speaker(doc, toks, head, kind),
    };
    Some(Attribution { speaker, cue: toks[v].start..toks[v].end, via: Via::Sentence })
}

/// Whether `toks` (a whole sentence) is only a speaker and a verb (`Roe shrugged.`, `The mayor
/// paused.`): a sentence that hands the next quotation to its speaker. Returns the speaker's
/// token and kind.
pub(super) fn speaker_and_verb(doc: &Document<'_>, cues: &Cues<'_>, toks: &[Tok]) -> Option<(usize, SpeakerKind)> {
    let p = &doc.prose;
    let w = |i: usize| &p[toks[i].start..toks[i].end];
    let n = toks.len();
    if !(2..=4).contains(&n) {
        return None;
    }
    let verb = w(n - 1);
    if !tag_verb(cues, verb) {
        return None;
    }
    if n == 2 && lower_in(w(0), PRONOUNS) {
        return Some((0, SpeakerKind::Pronoun));
    }
    if (0..n - 1).all(|i| is_cap(w(i))) {
        return Some((n - 2, SpeakerKind::Name));
    }
    None
}
