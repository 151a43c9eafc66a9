//! Sources named outside a reporting-verb sentence: a link, a `— Name` dash line, a credit, a
//! document the sentence is about, the introduction of a blockquote; and statements named as such.

use super::attribution::find_attribution;
use super::cues::{Cues, lower_in};
use super::lexicon::{DETERMINERS, NOT_NAMES, PRONOUNS};
use super::marks::{next_nonspace, prev_nonspace};
use super::sentences::{Tok, count_words, ends_with_ci, floor, is_cap, starts_with_ci, tokens};
use super::{Analysis, Attribution, Family, Reason, Speaker, SpeakerKind, Status, Via};
use crate::config::Quotes;
use crate::document::{BlockKind, Document};
use std::ops::Range;

/// Whether the words around a quotation name it as a statement of an organisation's own (`the
/// group's mission is “…”`, `its motto: “…”`, `if “…” is the mission`, `the site aims to “…”`)
/// or as text to type (`“…” in the subject line`): words shown, not speech to attribute.
pub(super) fn statement_named(before: &str, after: &str) -> bool {
    const BEFORE: &[&str] = &[
        "mission is",
        "mission was",
        "mission is to",
        "mission was to",
        "mission to",
        "mission:",
        "vision is",
        "vision was",
        "vision:",
        "motto is",
        "motto was",
        "motto:",
        "slogan is",
        "slogan was",
        "slogan:",
        "tagline is",
        "tagline:",
        "aims to",
        "aimed to",
        "aim is to",
        "question:",
        "question is",
    ];
    const AFTER: &[&str] = &[
        "is the mission",
        "was the mission",
        "is our mission",
        "is the vision",
        "is our vision",
        "is the motto",
        "was the motto",
        "is the slogan",
        "in the subject line",
        "as the subject line",
    ];
    let word_start = |s: &str, n: usize| s.len() == n || !s.as_bytes()[s.len() - n - 1].is_ascii_alphabetic();
    let ends_with = |before: &str| BEFORE.iter().any(|p| ends_with_ci(before, p) && word_start(before, p.len()));
    let mut before = before.trim_end().trim_end_matches(['*', '_', '—', '–', ':', ' ']);
    let mut named = ends_with(before);
    for _ in 0..2 {
        if named {
            break;
        }
        let Some(sp) = before.rfind(' ') else { break };
        before = before[..sp].trim_end();
        named = ends_with(before);
    }
    named || AFTER.iter().any(|p| starts_with_ci(after, p))
}

/// Attribution to a link (its first character) that cites the quotation's source.
pub(super) fn linked_source(at: usize) -> Attribution {
    let r = at..at + 1;
    Attribution {
        speaker: Speaker {
            kind: SpeakerKind::Name,
            name: "the linked source".into(),
            range: r.clone(),
            reference: r.clone(),
        },
        cue: r,
        via: Via::Citation,
    }
}

/// `— Name` right after a quotation (same or next line).
pub(super) fn dash_attribution(doc: &Document<'_>, after: usize, hi: usize) -> Option<Attribution> {
    let (i, c) = next_nonspace(doc, after, hi)?;
    let s = &doc.prose[i..hi];
    let rest = if c == '—' || c == '–' || c == '―' {
        &s[c.len_utf8()..]
    } else if let Some(r) = s.strip_prefix("--") {
        r
    } else {
        s.strip_prefix('-')?
    };
    let dash_len = s.len() - rest.len();
    let lead = rest.len() - rest.trim_start().len();
    let start = i + dash_len + lead;
    let tail = &doc.prose[start..hi];
    let end = tail
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\'' | '’')))
        .map_or(tail.len(), |(k, _)| k);
    let name = tail[..end].trim_end();
    let first = name.split(' ').next().unwrap_or("");
    // `— via 18F`, `— From a designer we interviewed`: a source line, whatever follows.
    if lower_in(first, &["via", "from"]) && name.len() > first.len() + 1 {
        let who = name[first.len()..].trim_start();
        let at = start + (name.len() - who.len());
        return Some(Attribution {
            speaker: Speaker {
                kind: if is_cap(who) { SpeakerKind::Name } else { SpeakerKind::Title },
                name: who.to_string(),
                range: at..at + who.len(),
                reference: start..at + who.len(),
            },
            cue: i..i + dash_len,
            via: Via::Dash,
        });
    }
    // `— The Canadian Press`: an article before a name is part of it.
    let the_name = first == "The" && name.split(' ').nth(1).is_some_and(is_cap);
    if !is_cap(name) || (lower_in(first, NOT_NAMES) && !the_name) {
        return None;
    }
    let words: Vec<&str> = name.split(' ').filter(|w| is_cap(w)).take(4).collect();
    let len: usize = name.split(' ').take_while(|w| is_cap(w)).map(|w| w.len() + 1).sum::<usize>().saturating_sub(1);
    let range = start..start + len.max(1);
    Some(Attribution {
        speaker: Speaker { kind: SpeakerKind::Name, name: words.join(" "), range: range.clone(), reference: range },
        cue: i..i + dash_len,
        via: Via::Dash,
    })
}

/// A credit after a quotation, as under a pull quote or a photo: one to three words, the first a
/// capitalized name (not an article or a pronoun), then `image`/`photo` or a comma and the title
/// of the work (`“…” Shimon Peres image: …`, `"…" Anonymous blogger, "…"`). A bare name ending
/// the paragraph is not enough: it reads the same as an orphaned quotation's leftover.
pub(super) fn credit_line(doc: &Document<'_>, after: usize, hi: usize) -> Option<Attribution> {
    let (i, c) = next_nonspace(doc, after, hi)?;
    if !c.is_uppercase() {
        return None;
    }
    let tail = &doc.prose[i..hi];
    let mut words = Vec::new();
    let mut end = 0;
    for w in tail.split(' ').take(4) {
        let bare = w.trim_end_matches([',', '.']);
        if bare.is_empty() || !bare.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’')) {
            break;
        }
        words.push(bare);
        end += w.len() + 1;
        if w.ends_with([',', '.']) || words.len() == 3 {
            break;
        }
    }
    let first = *words.first()?;
    if lower_in(first, NOT_NAMES) || lower_in(first, PRONOUNS) || lower_in(first, DETERMINERS) {
        return None;
    }
    let name_len = end.saturating_sub(1).min(tail.len());
    let name = tail[..name_len].trim_end_matches([',', '.', ' ']);
    let rest = tail[name.len()..].trim_start_matches(['.', ' ']);
    // After a comma, only the title of the work the words come from (`Anonymous blogger, "…"`).
    let after_comma = tail[name.len()..].strip_prefix(',').map(str::trim_start);
    let credit = after_comma.is_some_and(|r| r.starts_with(['"', '“', '[']))
        || lower_in(rest.split([' ', ':']).next().unwrap_or(""), &["image", "photo", "picture"]);
    // The credit names a person or a source: its first word capitalized and the words that follow
    // not a verb's subject (`“…” Smith then left` is a new sentence).
    if !credit || words.iter().skip(1).any(|w| lower_in(w, &["then", "said", "says", "told", "added"])) {
        return None;
    }
    Some(Attribution {
        speaker: Speaker {
            kind: SpeakerKind::Name,
            name: name.to_string(),
            range: i..i + name.len(),
            reference: i..i + name.len(),
        },
        cue: i..i + name.len(),
        via: Via::Dash,
    })
}

/// A document named earlier in the sentence as its subject or its source (`The law authorizes`,
/// `committed in the Plan`): the source of a partial quotation that continues the sentence.
pub(super) fn document_before(doc: &Document<'_>, lo: usize, at: usize) -> Option<Attribution> {
    const DOCUMENTS: &[&str] = &[
        "law",
        "act",
        "statute",
        "bill",
        "plan",
        "policy",
        "strategy",
        "charter",
        "regulation",
        "rule",
        "order",
        "memo",
        "memorandum",
        "guidance",
        "directive",
        "report",
        "survey",
        "study",
        "constitution",
        "treaty",
    ];
    let before = &doc.prose[lo..at];
    let words: Vec<(usize, &str)> = before
        .split(' ')
        .scan(lo, |offset, w| {
            let at = *offset;
            *offset += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    for (k, &(offset, w)) in words.iter().enumerate() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let prev = |n: usize| k.checked_sub(n).map_or("", |p| words[p].1.trim_matches(|c: char| !c.is_alphanumeric()));
        let next = words.get(k + 1).map_or("", |x| x.1.trim_matches(|c: char| !c.is_alphanumeric()));
        // `in the Plan`, or `the law` followed by a verb of its own (`authorizes`, `requires`,
        // `reads`), not a copula: `the plan is “a disaster”` judges the plan, it does not quote it.
        let determiner = lower_in(prev(1), &["the", "this", "its", "their", "our"]);
        let cited = determiner && lower_in(prev(2), &["in", "under"]);
        let speaks = determiner
            && next.len() > 3
            && next.ends_with('s')
            && next.chars().all(|c| c.is_lowercase())
            && !lower_in(next, &["was", "has", "does", "seems", "looks", "remains", "becomes", "is"]);
        if lower_in(bare, DOCUMENTS) && (cited || speaks) {
            let start = offset + w.find(bare).unwrap_or(0);
            let range = start..start + bare.len();
            return Some(Attribution {
                speaker: Speaker {
                    kind: SpeakerKind::Title,
                    name: format!("the {}", bare.to_lowercase()),
                    range: range.clone(),
                    reference: range.clone(),
                },
                cue: range,
                via: Via::Introduction,
            });
        }
    }
    None
}

pub(super) fn blockquote_status(
    doc: &Document<'_>,
    cues: &Cues<'_>,
    cfg: &Quotes,
    a: &Analysis,
    q: usize,
    toks: &mut Vec<Tok>,
) -> Status {
    let quote = &a.quotes[q];
    // Quotation marks inside are checked on their own.
    let from = a.quotes.partition_point(|x| x.range.start < quote.range.start);
    if a.quotes[from..].iter().take_while(|x| x.range.start < quote.range.end).any(|x| {
        x.family != Family::Blockquote
            && x.range.end <= quote.range.end
            && x.depth == 0
            && x.words > cfg.short_quote_words
    }) {
        return Status::NotAQuotation(Reason::Nested);
    }
    if quote.words <= cfg.short_quote_words {
        return Status::NotAQuotation(Reason::Short { words: quote.words });
    }
    // A trailing `— Name` line.
    let body_end = quote.range.start + doc.text[quote.range.clone()].trim_end().len();
    let last_line_start = doc.text[..body_end].rfind('\n').map_or(quote.range.start, |i| i + 1).max(quote.range.start);
    if let Some(att) = dash_attribution(doc, last_line_start, quote.range.end) {
        return Status::Attributed(att);
    }
    if let Some(att) =
        dash_attribution(doc, quote.range.start, quote.range.end).filter(|_| quote.range.end - quote.range.start < 100)
    {
        return Status::Attributed(att);
    }
    // A blockquote right after a heading or at the top of the draft (after at most a title line)
    // is a summary or a standfirst, not a quotation.
    let b = quote.block;
    if b <= 1
        || doc.blocks.get(b - 1).is_some_and(|pb| pb.kind == BlockKind::Heading || heading_like(doc, pb.range.clone()))
    {
        return Status::NotAQuotation(Reason::Headline);
    }
    // The paragraph before: its last sentence has speaker and cue.
    if b > 0
        && let Some(pb) = doc.blocks.get(b - 1)
    {
        let r = floor(&doc.prose, pb.range.start.max(pb.range.end.saturating_sub(300)))..pb.range.end;
        tokens(doc, r.clone(), &[], toks);
        if let Some(mut att) = find_attribution(doc, cues, cfg, toks, usize::MAX) {
            att.via = Via::IntroducedBefore;
            return Status::Attributed(att);
        }
        // `Below is an example, from my report:` — the introduction names the source.
        if let Some((ci, ':')) = prev_nonspace(doc, r.end, r.start) {
            let t = toks.last().map_or(ci..ci + 1, |t| t.start..t.end);
            let speaker = Speaker {
                kind: SpeakerKind::Title,
                name: doc.prose[t.clone()].to_string(),
                range: t.clone(),
                reference: t,
            };
            return Status::Attributed(Attribution { speaker, cue: ci..ci + 1, via: Via::IntroducedBefore });
        }
    }
    Status::Unattributed
}

/// A short paragraph entirely in emphasis with no closing punctuation (`**About the program**`): a heading.
pub(super) fn heading_like(doc: &Document<'_>, r: Range<usize>) -> bool {
    let t = doc.text[r.clone()].trim();
    let p = doc.prose[r].trim();
    (t.starts_with("**") || t.starts_with("__"))
        && (t.ends_with("**") || t.ends_with("__"))
        && count_words(p) <= 12
        && !p.trim_end_matches([' ', '*', '_']).ends_with(['.', '?', '!', ':'])
}
