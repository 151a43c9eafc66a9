//! Reporting cues (`said`, `according to`, configured verbs) and the word sets the lists are
//! looked up in.

use super::lexicon::{BETWEEN, DETERMINERS, HONORIFICS, NAMING, NAMING_AFTER, NOT_NAMES, PHRASES, TITLES, VERBS};
use super::sentences::{Tok, is_cap};
use crate::config::Quotes;
use crate::document::Document;
use std::collections::HashSet;
use std::sync::OnceLock;

pub(super) struct Cues<'c> {
    pub(super) cfg: &'c Quotes,
}

pub(super) fn builtin_forms() -> &'static WordSet {
    static FORMS: OnceLock<WordSet> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut set = WordSet::default();
        for v in VERBS {
            for f in forms(v) {
                set.insert(f);
            }
        }
        set
    })
}

/// The built-in [`PHRASES`] by their first word (lowercase), each word's in list order: a word
/// is compared with the few phrases it can start, not with every phrase.
fn phrases_by_first_word() -> &'static std::collections::HashMap<String, Vec<&'static str>, crate::wordhash::WordHash> {
    static INDEX: OnceLock<std::collections::HashMap<String, Vec<&'static str>, crate::wordhash::WordHash>> =
        OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: std::collections::HashMap<String, Vec<&'static str>, _> = Default::default();
        for p in PHRASES {
            index.entry(p.split(' ').next().unwrap_or(p).to_ascii_lowercase()).or_default().push(*p);
        }
        index
    })
}

/// `w` ASCII-lowercased into `buf`, if it fits (longer words are in no list).
fn lowercase<'b>(buf: &'b mut [u8; 32], w: &str) -> Option<&'b str> {
    let lower = buf.get_mut(..w.len())?;
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).ok()
}

/// Every word that can start a built-in cue: verb forms and the first words of phrases.
pub(super) fn cue_starts() -> &'static WordSet {
    static STARTS: OnceLock<WordSet> = OnceLock::new();
    STARTS.get_or_init(|| {
        let mut set = builtin_forms().clone();
        for p in PHRASES {
            set.insert(p.split(' ').next().unwrap_or(p).to_string());
        }
        set
    })
}

/// A verb entry (`base/irregular/…`) and its regular inflections.
pub(super) fn forms(entry: &str) -> Vec<String> {
    let mut parts = entry.split('/');
    let base = parts.next().unwrap_or("");
    let mut out: Vec<String> = parts.map(str::to_string).collect();
    out.push(base.to_string());
    let consonant_y = base.ends_with('y') && !base.ends_with("ay") && !base.ends_with("ey") && !base.ends_with("oy");
    if consonant_y {
        let stem = &base[..base.len() - 1];
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{base}ing"));
    } else {
        if ["s", "sh", "ch", "x", "z", "o"].iter().any(|e| base.ends_with(e)) {
            out.push(format!("{base}es"));
        } else {
            out.push(format!("{base}s"));
        }
        if base.ends_with('e') {
            out.push(format!("{base}d"));
            if !base.ends_with("ee") {
                out.push(format!("{}ing", base.strip_suffix('e').unwrap_or(base)));
            } else {
                out.push(format!("{base}ing"));
            }
        } else {
            out.push(format!("{base}ed"));
            out.push(format!("{base}ing"));
        }
    }
    out
}

impl<'c> Cues<'c> {
    pub(super) fn new(cfg: &'c Quotes) -> Cues<'c> {
        Cues { cfg }
    }

    pub(super) fn word_is_cue(&self, w: &str) -> bool {
        let lower;
        let w = if w.bytes().any(|b| b.is_ascii_uppercase()) {
            lower = w.to_ascii_lowercase();
            lower.as_str()
        } else {
            w
        };
        let inflects = |entry: &String| !entry.contains(' ') && (entry == w || forms(entry).iter().any(|f| f == w));
        if self.cfg.ignore_verbs.iter().any(|v| {
            inflects(v) || VERBS.iter().any(|e| forms(e).iter().any(|f| f == v) && forms(e).iter().any(|f| f == w))
        }) {
            return false;
        }
        builtin_forms().contains(w) || self.cfg.extra_verbs.iter().any(inflects)
    }

    /// The number of tokens of a cue starting at token `k`, if one does.
    pub(super) fn at(&self, doc: &Document<'_>, toks: &[Tok], k: usize) -> Option<usize> {
        let w = |i: usize| toks.get(i).map(|t| &doc.prose[t.start..t.end]);
        let first = w(k)?;
        if is_cap(first) && !toks[k].initial {
            return None;
        }
        // Fast rejection: most words start no cue.
        if self.cfg.extra_verbs.is_empty() && !in_set(cue_starts(), first) {
            return None;
        }
        // Phrases (built-in, those starting with this word, then configured).
        let builtin = phrases_by_first_word().get(lowercase(&mut [0u8; 32], first).unwrap_or("")).map(Vec::as_slice);
        let phrases = builtin
            .unwrap_or_default()
            .iter()
            .copied()
            .chain(self.cfg.extra_verbs.iter().filter(|v| v.contains(' ')).map(String::as_str));
        for ph in phrases {
            let mut parts = ph.split(' ');
            if !parts.next().is_some_and(|p| p.eq_ignore_ascii_case(first)) {
                continue;
            }
            let mut n = 1;
            let mut ok = true;
            for part in parts {
                match w(k + n) {
                    Some(x) if x.eq_ignore_ascii_case(part) => n += 1,
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok && (!is_cap(first) || toks[k].initial) && !self.cfg.ignore_verbs.iter().any(|v| v == ph) {
                return Some(n);
            }
        }
        let capital_ok = !is_cap(first) || toks[k].initial;
        // (`that said` is a noun phrase; `that “…,” said Smith` is not: a quotation sits between.)
        // (`one said`, `another said`, `some said`: the determiner is the speaker.)
        let after_determiner = k > 0
            && lower_in(w(k - 1).unwrap_or(""), DETERMINERS)
            && !lower_in(w(k - 1).unwrap_or(""), &["one", "another", "some"])
            && doc.prose[toks[k - 1].end..toks[k].start].bytes().all(|b| b == b' ');
        if capital_ok && !after_determiner && self.word_is_cue(first) { Some(1) } else { None }
    }
}

/// Cues that attribute a neighbouring sentence's quotation: the plain reporting verbs.
pub(super) fn strong_cue(cue: &str) -> bool {
    STRONG_CUES.iter().any(|s| {
        let mut a = cue.split_whitespace();
        s.split(' ').all(|p| a.next().is_some_and(|x| x.eq_ignore_ascii_case(p))) && a.next().is_none()
    })
}

/// The plain reporting verbs: [`strong_cue`].
pub(super) const STRONG_CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "explained",
    "explains",
    "noted",
    "notes",
    "asked",
    "asks",
    "recalled",
    "recalls",
    "replied",
    "replies",
    "according to",
    "continued",
    "continues",
    "concluded",
    "concludes",
];

/// A set of lowercase words with a cheap hash ([`crate::wordhash`]): the word lists are looked
/// up for every token around every quotation, where a linear scan of a few hundred entries or
/// SipHash costs more than the rest of the tokenizing.
pub(super) type WordSet = HashSet<String, crate::wordhash::WordHash>;

/// Whether `w`, ASCII-lowercased without allocating, is in `set`.
pub(super) fn in_set(set: &WordSet, w: &str) -> bool {
    if !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return set.contains(w);
    }
    // (ASCII lowercasing keeps UTF-8 valid: `w`'s other bytes are unchanged.)
    lowercase(&mut [0u8; 32], w).is_some_and(|l| set.contains(l))
}

/// The long word lists as sets (found by address: they are statics).
pub(super) fn list_set(list: &[&str]) -> Option<&'static WordSet> {
    static SETS: OnceLock<Vec<(usize, WordSet)>> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        [TITLES, BETWEEN, NOT_NAMES, NAMING, NAMING_AFTER, HONORIFICS]
            .iter()
            .map(|l| (l.as_ptr() as usize, l.iter().map(|x| x.to_ascii_lowercase()).collect()))
            .collect()
    });
    sets.iter().find(|(p, _)| *p == list.as_ptr() as usize).map(|(_, s)| s)
}

pub(super) fn lower_in(w: &str, list: &[&str]) -> bool {
    if list.len() > 24
        && let Some(set) = list_set(list)
    {
        return in_set(set, w);
    }
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}
