//! Attribution: for each quotation, a speaker and a reporting cue in its sentence or around it,
//! or the reason it is not a quotation at all.

use super::cues::{Cues, lower_in, strong_cue};
use super::lexicon::{BETWEEN, DETERMINERS, NAMING, NAMING_AFTER, OBJECT_PREPOSITIONS, SAME_SPEAKER_PRONOUNS, TITLES};
use super::marks::{blanked, next_char, next_nonspace, prev_char, prev_nonspace};
use super::sentences::{Tok, ceil, count_words, floor, is_cap, only_emphasis, sentences, starts_with_ci, tokens};
use super::sources_in_text::{
    blockquote_status, credit_line, dash_attribution, document_before, linked_source, statement_named,
};
use super::speakers::{has_person, make_speaker, speaker_kind};
use super::tags::{speaker_and_verb, tag_slot};
use super::{Analysis, Attribution, Family, Quote, Reason, Speaker, SpeakerKind, Status, Via};
use crate::config::Quotes;
use crate::document::{BlockKind, Document};
use std::ops::Range;

/// Longest lowercase fragment read as a term or paraphrase rather than someone's words: longer
/// fragments (`is “a disaster for everyone who drives to work”`) are somebody's and need a speaker.
pub(super) const FRAGMENT_WORDS: usize = 5;

/// Look for a cue and a speaker among the tokens. `anchor`: prefer the cue nearest this offset.
pub(super) fn find_attribution(
    doc: &Document<'_>,
    cues: &Cues<'_>,
    cfg: &Quotes,
    toks: &[Tok],
    anchor: usize,
) -> Option<Attribution> {
    let w = |i: usize| &doc.prose[toks[i].start..toks[i].end];
    let mut best: Option<(usize, Attribution)> = None;
    let mut k = 0;
    while k < toks.len() {
        let Some(n) = cues.at(doc, toks, k) else {
            k += 1;
            continue;
        };
        let cue = toks[k].start..toks[k + n - 1].end;
        let phrase = w(k);
        let mut speaker = None;
        let forward_only = ["according", "words", "per"].iter().any(|p| phrase.eq_ignore_ascii_case(p));
        let anywhere = phrase.eq_ignore_ascii_case("in");
        if !forward_only {
            // Backward, over a few adverbs and auxiliaries.
            let mut j = k;
            let mut skipped = 0;
            while j > 0 && skipped <= 3 {
                j -= 1;
                let word = w(j);
                if let Some(kind) = speaker_kind(word, &toks[j], cfg) {
                    speaker = Some(appositive_head(doc, cfg, toks, j, k).map_or_else(
                        || make_speaker(doc, toks, j, kind),
                        |h| make_speaker(doc, toks, h, SpeakerKind::Name),
                    ));
                    break;
                }
                // `one evaluator said`, `the developer said`: a noun after a determiner — unless
                // it ends a clause about a name (`James, who toured the region, said`).
                if j > 0 && lower_in(w(j - 1), DETERMINERS) && word.chars().all(char::is_lowercase) {
                    speaker = Some(appositive_head(doc, cfg, toks, j, k).map_or_else(
                        || make_speaker(doc, toks, j, SpeakerKind::Title),
                        |h| make_speaker(doc, toks, h, SpeakerKind::Name),
                    ));
                    break;
                }
                if lower_in(word, BETWEEN) {
                    skipped += 1;
                    continue;
                }
                break;
            }
            // Looser: a speaker a few words back (`We tapped them and said`, `someone calls saying`).
            if speaker.is_none() {
                for j in (k.saturating_sub(10)..k).rev() {
                    if let Some(kind) = speaker_kind(w(j), &toks[j], cfg) {
                        speaker = Some(make_speaker(doc, toks, j, kind));
                        break;
                    }
                }
            }
        }
        if speaker.is_none() && !anywhere {
            // Forward: `said Smith`, `said the mayor`, `according to officials`.
            let mut j = k + n;
            let mut skipped = 0;
            while j < toks.len() && skipped <= 4 {
                let word = w(j);
                let after_det = j > k + n && lower_in(w(j - 1), DETERMINERS);
                let lower = word.chars().all(char::is_lowercase);
                // `according to one tester, “…”`: a noun after a determiner that ends the phrase.
                if after_det && lower && doc.prose[toks[j].end..].starts_with([',', ':']) {
                    speaker = Some(make_speaker(doc, toks, j, SpeakerKind::Title));
                    break;
                }
                // `said junior linebacker Kofi Mensah`, `said 1987 flood survivor Ann Roe`,
                // `said retired Lt. Col. Ann Roe`: lowercase words or a number before a full name.
                let full_name_at = |x: usize| {
                    x + 1 < toks.len()
                        && is_cap(w(x))
                        && is_cap(w(x + 1))
                        && doc.prose[toks[x].end..toks[x + 1].start].chars().all(|c| c == ' ' || c == '.')
                };
                // `said Falcons head coach Troy Calhoun`: a team or body before lowercase titles.
                let body_before_title = is_cap(word)
                    && j + 1 < toks.len()
                    && w(j + 1).chars().all(char::is_lowercase)
                    && (j + 1..toks.len().min(j + 4)).any(|x| lower_in(w(x), TITLES));
                if (lower || body_before_title || word.bytes().all(|b| b.is_ascii_digit()))
                    && !lower_in(word, TITLES)
                    && skipped < 4
                    && (j + 1..toks.len().min(j + 4)).any(full_name_at)
                    && doc.prose[toks[j].end..toks[j + 1].start].trim().is_empty()
                {
                    j += 1;
                    skipped += 1;
                    continue;
                }
                // `said head coach Troy Okafor`: a title right before a full name is the name's.
                let lower_at = |x: usize| x < toks.len() && w(x).chars().all(char::is_lowercase);
                if lower_in(word, TITLES)
                    && skipped < 4
                    && (full_name_at(j + 1) || lower_at(j + 1) && full_name_at(j + 2))
                {
                    j += 1;
                    skipped += 1;
                    continue;
                }
                // `noted keynote speaker Dan Morgan`: modifiers before a title.
                if lower
                    && !lower_in(word, TITLES)
                    && skipped < 2
                    && (j + 1..toks.len().min(j + 3)).any(|x| lower_in(w(x), TITLES))
                {
                    j += 1;
                    skipped += 1;
                    continue;
                }
                // `said another.`, `said one, …`: the indefinite word is the speaker.
                let phrase_ends = j + 1 >= toks.len() || !doc.prose[toks[j].end..toks[j + 1].start].trim().is_empty();
                if lower_in(word, &["one", "another"]) && phrase_ends {
                    speaker = Some(make_speaker(doc, toks, j, SpeakerKind::Title));
                    break;
                }
                if lower_in(word, &["the", "a", "an", "his", "her", "their", "its", "one", "another", "to", "by"])
                    || ((forward_only || after_det)
                        && word.chars().all(char::is_lowercase)
                        && !lower_in(word, TITLES)
                        && j + 1 < toks.len())
                {
                    j += 1;
                    skipped += 1;
                    continue;
                }
                if let Some(kind) = speaker_kind(word, &toks[j], cfg) {
                    speaker = Some(make_speaker(doc, toks, j, kind));
                }
                break;
            }
        }
        if speaker.is_none() && anywhere {
            // `in a statement`: the nearest speaker anywhere in the window.
            let mut bestj: Option<usize> = None;
            for (j, t) in toks.iter().enumerate() {
                if j >= k && j < k + n {
                    continue;
                }
                if speaker_kind(w(j), t, cfg).is_some() && bestj.is_none_or(|b| j.abs_diff(k) < b.abs_diff(k)) {
                    bestj = Some(j);
                }
            }
            if let Some(j) = bestj
                && let Some(kind) = speaker_kind(w(j), &toks[j], cfg)
            {
                speaker = Some(make_speaker(doc, toks, j, kind));
            }
        }
        if let Some(sp) = speaker {
            let d = cue.start.abs_diff(anchor);
            if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
                best = Some((d, Attribution { speaker: sp, cue: cue.clone(), via: Via::Sentence }));
            }
        }
        k += n;
    }
    best.map(|(_, a)| a)
}

/// The name an appositive describes when the word before a cue ends one: `Tom Hale, a
/// spokesman for the Port Authority, said` is Hale's, not the Authority's; `Ann Roe, the harbor
/// master, said`; `Joan Bell, head of the Works Division, said`; `Dalton, who toured the
/// region, said`. `j` is the word found before the
/// cue `k`; the appositive opens after a comma with a determiner, a title or a lowercase word, and
/// a name stands right before that comma.
fn appositive_head(doc: &Document<'_>, cfg: &Quotes, toks: &[Tok], j: usize, k: usize) -> Option<usize> {
    let p = &doc.prose;
    let w = |i: usize| &p[toks[i].start..toks[i].end];
    let gap = |i: usize| &p[toks[i].end..toks[i + 1].start];
    if !gap(j).contains(',') || k != j + 1 && !(j + 1..k).all(|x| lower_in(w(x), BETWEEN)) {
        return None;
    }
    // Back to the comma that opens the appositive, within a dozen words and no other stop.
    let mut i = j;
    while i > 0 && j - i < 12 {
        i -= 1;
        let g = gap(i);
        if g.contains(['.', ';', ':', '(', ')', '“', '”', '"']) {
            return None;
        }
        if g.contains(',') {
            let opener = w(i + 1);
            let opens = lower_in(opener, DETERMINERS)
                || lower_in(opener, TITLES)
                || opener.chars().next().is_some_and(char::is_lowercase);
            let name = speaker_kind(w(i), &toks[i], cfg) == Some(SpeakerKind::Name) && is_cap(w(i));
            return (opens && name && i + 1 < j).then_some(i);
        }
    }
    None
}

/// Whether a block is a heading (`### Podcasts and audio files:`), in Markdown or written with
/// `#` in plain text: it introduces a section, not the quotation under it.
fn heading_block(doc: &Document<'_>, b: &crate::document::Block) -> bool {
    b.kind == BlockKind::Heading || doc.prose[b.range.clone()].trim_start().starts_with('#')
}

/// Whether the word right before `at` (within its sentence) is a reporting verb (`says “…”`).
pub(super) fn prev_word_is_cue(doc: &Document<'_>, cues: &Cues<'_>, at: usize, lo: usize) -> bool {
    let before = &doc.prose[floor(&doc.prose, lo.max(at.saturating_sub(40)))..at];
    let w = before.trim_end_matches(|c: char| !c.is_alphanumeric()).rsplit(|c: char| !c.is_alphanumeric()).next();
    w.is_some_and(|w| !w.is_empty() && cues.word_is_cue(w))
}

/// Words mentioned rather than reported: `“…” or “…”` (wording offered as alternatives), or a
/// quotation that is the subject of the writer's sentence (`“…” is a common question`).
pub(super) fn mentioned(doc: &Document<'_>, q: &Quote, sent: Range<usize>) -> bool {
    const OPENING: &[char] = &['“', '"', '‘', '\'', '«', '„'];
    let after = &doc.prose[q.range.end.min(sent.end)..sent.end];
    let after = after.trim_start_matches([',', ' ', '*', '_']);
    if statement_named(&doc.prose[sent.start..q.range.start.max(sent.start)], after) {
        return true;
    }
    // A list of single words (`the “who, what, when, where, why and how”`): terms, not speech.
    let inner = &doc.prose[q.open.end..q.close.as_ref().map_or(q.range.end, |c| c.start)];
    let list = inner.trim_end_matches(['.', ',', '?', '!']).replace(" and ", ",").replace(" or ", ",");
    // `, and` (a serial comma) leaves an empty item: not a word of the list.
    let items: Vec<&str> = list.split(',').map(str::trim).filter(|i| !i.is_empty()).collect();
    if items.len() >= 3 && items.iter().all(|i| !i.contains(char::is_whitespace)) {
        return true;
    }
    let word = after.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).next().unwrap_or("");
    // Wording offered as alternatives, or rewritten (`“…” became “…”`).
    const JOINS: &[&str] = &["or", "versus", "vs", "became", "becomes", "into"];
    if lower_in(word, JOINS) && after[word.len()..].trim_start().starts_with(OPENING) {
        return true;
    }
    let before = doc.prose[sent.start..q.range.start].trim_end();
    if let Some(b) = JOINS.iter().find_map(|j| before.strip_suffix(j))
        && b.ends_with(' ')
        && b.trim_end().ends_with(['”', '"', '’', '\'', '»'])
    {
        return true;
    }
    const COPULA: &[&str] = &[
        "is",
        "was",
        "are",
        "were",
        "became",
        "becomes",
        "remains",
        "remained",
        "doesn't",
        "doesn’t",
        "does",
        "did",
        "means",
        "meant",
        "has",
        "had",
    ];
    let starts =
        doc.prose[sent.start..q.range.start].trim_matches(|c: char| c.is_whitespace() || "*_([".contains(c)).is_empty();
    starts && lower_in(word, COPULA) && word.chars().all(|c| c.is_lowercase() || c == '\'' || c == '’')
}

/// Whether the quotation continues a lowercase word of the writer's sentence (`is to “…”`, `focused
/// on “…”`): not after a name (`Smith “will not back down”` quotes Smith's words as a
/// predicate) and not after a comma or bracket (the quotation opens a clause of its own).
pub(super) fn prev_word_is_lowercase(doc: &Document<'_>, at: usize, lo: usize) -> bool {
    let Some((mut i, mut c)) = prev_nonspace(doc, at, lo) else { return false };
    // A parenthetical adverb between (`ready to (digitally) “put pen to paper”`).
    if c == ')'
        && let Some(open) = doc.prose[lo..i].rfind('(')
        && doc.prose[lo + open + 1..i].chars().all(|c| c.is_lowercase())
        && let Some(p) = prev_nonspace(doc, lo + open, lo)
    {
        (i, c) = p;
    }
    if !c.is_alphanumeric() {
        return false;
    }
    let before = &doc.prose[floor(&doc.prose, lo.max(i.saturating_sub(40)))..i + c.len_utf8()];
    let w = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    w.chars().next().is_some_and(char::is_lowercase)
}

/// Whether the word right before `at` (a space between, no punctuation) is one of
/// [`OBJECT_PREPOSITIONS`]: a lowercase quotation there is the object of the writer's sentence
/// (`a group focused on “helping users find data”`, `most proud of “the multilingual work”`), a
/// stated purpose or wording, however long.
fn after_preposition(doc: &Document<'_>, at: usize, lo: usize) -> bool {
    let before = &doc.prose[floor(&doc.prose, lo.max(at.saturating_sub(40)))..at];
    let Some(rest) = before.strip_suffix(' ') else { return false };
    let w = rest.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    rest.len() > w.len() && rest[..rest.len() - w.len()].ends_with(' ') && lower_in(w, OBJECT_PREPOSITIONS)
}

/// Whether the sentence `sent` starts with a speaker and a cue (`Smith said`, `He added`, `So said Smith`).
pub(super) fn leads_with_attribution(
    doc: &Document<'_>,
    cues: &Cues<'_>,
    cfg: &Quotes,
    sent: Range<usize>,
    skip: &[Range<usize>],
    toks: &mut Vec<Tok>,
) -> Option<Attribution> {
    // `This is how Smith describes it.`, `So says Smith.`: the speaker follows a pointer back to
    // the quotation, and the rest of the sentence is the verb's object, not a clause of its own.
    const POINTERS: &[&str] =
        &["this is how ", "that is how ", "that's how ", "that’s how ", "this is what ", "that is what ", "so says "];
    let first = sent.start + (doc.prose[sent.clone()].len() - doc.prose[sent.clone()].trim_start().len());
    let lead = &doc.prose[first..ceil(&doc.prose, sent.end.min(first + 16))];
    let pointer = POINTERS.iter().find(|p| starts_with_ci(lead, p));
    let start = pointer.map_or(sent.start, |p| first + p.len());
    let head = start..ceil(&doc.prose, sent.end.min(start + 120));
    tokens(doc, head, skip, toks);
    let limit = toks.len().min(7);
    for k in 0..limit {
        if cues.at(doc, toks, k).is_some() {
            let mut a = find_attribution(doc, cues, cfg, &toks[..limit.max(k + 3).min(toks.len())], toks[k].start)?;
            if pointer.is_none()
                && (!strong_cue(&doc.prose[a.cue.clone()])
                    || !bare_tag(doc, a.cue.end.max(a.speaker.range.end), sent.end)
                    || says_a_clause(doc, &a, sent.end))
            {
                return None;
            }
            a.via = Via::NextSentence;
            return Some(a);
        }
    }
    None
}

/// Whether a verb of saying is followed straight by a noun phrase (`Brandt said the crews worked
/// all winter`): that is the subject of a reported clause, however short, not a tag. (A speaker
/// after the verb, `said the mayor`, ends before the tail is read.)
fn says_a_clause(doc: &Document<'_>, a: &Attribution, end: usize) -> bool {
    const SAY: &[&str] = &["said", "says", "say", "added", "adds", "explained", "explains", "noted", "notes"];
    let from = a.cue.end.max(a.speaker.range.end);
    if from >= end || !lower_in(&doc.prose[a.cue.clone()], SAY) {
        return false;
    }
    // `said the next day`, `said this week`: a time, not a subject.
    const TIME: &[&str] = &[
        "next",
        "following",
        "same",
        "previous",
        "day",
        "morning",
        "afternoon",
        "evening",
        "night",
        "week",
        "month",
        "year",
        "weekend",
    ];
    let tail = doc.prose[from..ceil(&doc.prose, end)].trim_start();
    let mut words = tail.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    lower_in(first, super::lexicon::DETERMINERS) && !words.next().is_some_and(|w| lower_in(w, TIME))
}

/// Whether what follows a speaker and cue up to the end of the sentence is only a short tag
/// (`on Monday`, `told reporters`, `in an interview`), not a clause of its own (`Smith said the
/// crews would work all night`): only a bare tag attributes the quotation before it.
pub(super) fn bare_tag(doc: &Document<'_>, from: usize, to: usize) -> bool {
    const CLAUSE: &[&str] = &[
        "that", "he", "she", "they", "it", "we", "i", "you", "there", "this", "these", "would", "will", "is", "are",
        "was", "were", "has", "have", "had", "could", "should", "can", "may", "might", "must", "when", "if", "because",
        // Negated auxiliaries, as the split at the apostrophe leaves them (`shouldn't` → `shouldn`).
        "shouldn", "couldn", "wouldn", "isn", "aren", "wasn", "weren", "don", "doesn", "didn", "won", "haven", "hasn",
        "hadn", "mustn",
    ];
    if from >= to {
        return true;
    }
    let tail = &doc.prose[floor(&doc.prose, from)..ceil(&doc.prose, to)];
    // `Dalton said, who was the main speaker at the fair.`: a relative clause after a comma
    // describes the speaker; it says nothing of its own.
    if let Some(rest) = tail.trim_start().strip_prefix(',')
        && rest.trim_start().split(|c: char| !c.is_alphabetic()).next().is_some_and(|w| w == "who")
        && !rest.trim_start().starts_with("who knows")
    {
        return true;
    }
    let words: Vec<&str> = tail.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.len() <= 8 && !words.iter().any(|w| lower_in(w, CLAUSE))
}

/// Markup read as prose (plain text, or HTML the parser left in): an attribute value opened right
/// after `=` (`alt="Two teens"`), or a Markdown link title, between a blanked destination and `)`.
pub(super) fn markup_value(doc: &Document<'_>, q: &Quote) -> bool {
    let p = doc.prose.as_bytes();
    if q.open.start > 0 && p[q.open.start - 1] == b'=' {
        return true;
    }
    let Some(close) = &q.close else { return false };
    // A link title (`[text](url "title")`): the destination before it is blanked in Markdown,
    // and written out in a plain-text draft.
    let destination = |end: usize| {
        let before = &doc.text[..end];
        before.rfind("](").is_some_and(|i| {
            let dest = &before[i + 2..];
            !dest.is_empty() && !dest.contains(char::is_whitespace)
        })
    };
    doc.text.as_bytes().get(close.end) == Some(&b')')
        && q.open.start >= 2
        && doc.text.as_bytes()[q.open.start - 1] == b' '
        && (blanked(doc, q.open.start - 2) || destination(q.open.start - 1))
}

/// Title case: every word but short function words starts with a capital or a digit.
pub(super) fn title_case(s: &str) -> bool {
    let words: Vec<&str> =
        s.split(|c: char| c.is_whitespace()).filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    if words.len() < 2 || words.len() > 14 {
        return false;
    }
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "vs", "from", "as", "is", "&",
    ];
    let body = s.trim_end_matches(|c: char| !c.is_alphanumeric());
    if body.ends_with(['.', '!', '?']) || body.contains(". ") {
        return false;
    }
    words.iter().all(|w| {
        let t = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || lower_in(t.trim_end_matches(|c: char| !c.is_alphanumeric()), SMALL)
    })
}

pub(super) fn attribute(doc: &Document<'_>, cfg: &Quotes, cues: &Cues<'_>, a: &mut Analysis) {
    let mut toks = Vec::new();
    let n = a.quotes.len();
    // Group top-level quotes by block.
    let mut i = 0;
    let prev_block_attr: Option<(usize, Attribution)> = None;
    // Whether the draft quotes with double marks: single marks are then not quotation marks at the
    // top level.
    let single_secondary = {
        let outer = |f: Family| a.quotes.iter().filter(|x| x.depth == 0 && x.family == f && x.close.is_some()).count();
        outer(Family::Single) <= outer(Family::Double)
    };
    while i < n {
        let bi = a.quotes[i].block;
        let mut j = i;
        while j < n && a.quotes[j].block == bi {
            j += 1;
        }
        let block = &doc.blocks[bi];
        let br = block.range.clone();
        let top: Vec<usize> =
            (i..j).filter(|&q| a.quotes[q].depth == 0 && a.quotes[q].family != Family::Blockquote).collect();
        let skip: Vec<Range<usize>> = top.iter().map(|&q| a.quotes[q].range.clone()).collect();
        let sents = sentences(doc, br.clone(), &skip);
        let headline = matches!(block.kind, BlockKind::Heading | BlockKind::TableCell);
        let mut last_attr_sentence: Option<(usize, Attribution)> = None;
        for q in i..j {
            let quote = &a.quotes[q];
            if quote.family == Family::Blockquote {
                let st = blockquote_status(doc, cues, cfg, a, q, &mut toks);
                a.quotes[q].status = st;
                continue;
            }
            if quote.depth > 0 {
                a.quotes[q].status = Status::NotAQuotation(Reason::Nested);
                continue;
            }
            let inner = quote.open.end..quote.close.as_ref().map_or(quote.range.end, |c| c.start);
            let inner_text = &doc.prose[inner.clone()];
            if headline {
                a.quotes[q].status = Status::NotAQuotation(Reason::Headline);
                continue;
            }
            if markup_value(doc, quote) {
                a.quotes[q].status = Status::NotAQuotation(Reason::Markup);
                continue;
            }
            if quote.family == Family::Single && single_secondary && quote.run.is_none() {
                a.quotes[q].status = Status::NotAQuotation(Reason::SingleMarks);
                continue;
            }
            if quote.words <= cfg.short_quote_words && quote.run.is_none() {
                a.quotes[q].status = Status::NotAQuotation(Reason::Short { words: quote.words });
                continue;
            }
            if quote.words <= 14 && title_case(inner_text) {
                a.quotes[q].status = Status::NotAQuotation(Reason::Title);
                continue;
            }
            let si = sents.iter().position(|s| s.start <= quote.open.start && quote.open.start < s.end).unwrap_or(0);
            let sent = sents.get(si).cloned().unwrap_or(br.clone());
            // A name: `a report titled “…”`.
            if let Some((pi, pc)) = prev_char(doc, quote.open.start, sent.start) {
                let before = &doc.prose[sent.start..pi + pc.len_utf8()];
                let last = before
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .rsplit(|c: char| !(c.is_alphanumeric() || c == '-'))
                    .next()
                    .unwrap_or("");
                let as_in = lower_in(last, &["in"])
                    && before
                        .trim_end()
                        .strip_suffix(last)
                        .is_some_and(|b| b.trim_end().to_ascii_lowercase().ends_with(" as"));
                if (lower_in(last, NAMING) || as_in)
                    && before.trim_end().ends_with(|c: char| c.is_alphanumeric() || c == ':' || c == ',')
                {
                    let ends_colon = before.trim_end().ends_with(':');
                    if !ends_colon || lower_in(last, &["titled", "entitled", "headlined"]) {
                        a.quotes[q].status = Status::NotAQuotation(Reason::Named);
                        continue;
                    }
                }
            }
            // A name: `the “Videos and multimedia” section`.
            if let Some((ni, _)) = next_nonspace(doc, quote.range.end, sent.end) {
                let after = &doc.prose[ni..ceil(&doc.prose, (ni + 20).min(sent.end))];
                let word = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                if lower_in(word, NAMING_AFTER) {
                    a.quotes[q].status = Status::NotAQuotation(Reason::Named);
                    continue;
                }
            }
            // 1. Its own sentence.
            let window = floor(&doc.prose, sent.start.max(quote.open.start.saturating_sub(250)))
                ..ceil(&doc.prose, sent.end.min(quote.range.end + 250));
            tokens(doc, window, &skip, &mut toks);
            let mut found = find_attribution(doc, cues, cfg, &toks, quote.range.end);
            // 1b. The tag slot right after it (`“Why now?” Dalton demanded.`), whatever the verb.
            if found.is_none()
                && let Some(close) = quote.close.clone()
            {
                let inner_last = doc.prose[quote.open.end..close.start].trim_end().chars().next_back().unwrap_or(' ');
                found = tag_slot(doc, cues, close.end, br.end, inner_last, &mut toks);
            }
            // A citation in brackets right after it: `“…” ([Report title](https://…))`.
            // (`doc.links` is sorted by start: binary searches, not a scan per quotation.)
            if found.is_none()
                && let Some((pi, '(')) = next_nonspace(doc, quote.range.end, br.end)
                && doc
                    .links
                    .get(doc.links.partition_point(|l| l.range.start <= pi))
                    .is_some_and(|l| l.range.start < pi + 4)
            {
                found = Some(Attribution {
                    speaker: Speaker {
                        kind: SpeakerKind::Name,
                        name: "the cited source".into(),
                        range: pi..pi + 1,
                        reference: pi..pi + 1,
                    },
                    cue: pi..pi + 1,
                    via: Via::Citation,
                });
            }
            // A quotation whose words are a link: the link is its source (`“[…](https://…)”`).
            if found.is_none()
                && let Some(l) = doc.links[doc.links.partition_point(|l| l.range.start < quote.open.end)..]
                    .iter()
                    .take_while(|l| l.range.start <= quote.open.end + 4)
                    .find(|l| !l.image && l.range.end + 8 >= inner.end)
            {
                found = Some(linked_source(l.range.start));
            }
            // A link that ends just before it in its sentence is its source (`the [strategy](https://…)
            // calls for “…”`, `[the survey](https://…) found that “…”`): one to three words between
            // (none: the link is the subject, `[Govt.nz](https://…) “looks…”`).
            if found.is_none()
                && let Some(l) = doc.links[..doc.links.partition_point(|l| l.range.start < quote.open.start)].last()
                && !l.image
                && l.range.start >= sent.start
                && l.range.end <= quote.open.start
                && (1..=3).contains(&count_words(&doc.prose[l.range.end..quote.open.start]))
            {
                found = Some(linked_source(l.range.start));
            }
            // 2. A dash line after it.
            if found.is_none() {
                found = dash_attribution(doc, quote.range.end, br.end);
                if found.is_none() && quote.range.end + 3 >= br.end.min(quote.range.end + 3) {
                    // A `— Name` paragraph right after.
                    if let Some(nb) = doc.blocks.get(bi + 1)
                        && next_char(doc, quote.range.end, br.end).is_none()
                        && let Some(d) = dash_attribution(doc, nb.range.start, nb.range.end)
                        && nb.range.len() < 80
                    {
                        found = Some(d);
                    }
                }
            }
            // 2b. A credit right after it, as under a pull quote or a photo (`“…” Shimon Peres
            //     image: …`, `"…" Anonymous blogger, "Post title"`).
            if found.is_none() {
                found = credit_line(doc, quote.range.end, br.end);
            }
            let starts_sentence = prev_nonspace(doc, quote.open.start, sent.start)
                .is_none_or(|(_, c)| matches!(c, '(' | '[' | '—' | '*' | '_'));
            let ends_sentence = next_nonspace(doc, quote.range.end, sent.end)
                .is_none_or(|(_, c)| matches!(c, '.' | ')' | ']' | '*' | '_'));
            // 3. Split quote: the previous sentence of the paragraph has an attributed quotation
            //    — or the one before it, when the sentence between is about the same speaker
            //    and quotes nobody (`“Done,” Roe said. She sat down. “Now the work starts.”`).
            let about_speaker = |p: usize, att: &Attribution| {
                let between = &doc.prose[sents[p].clone()];
                let words = || between.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
                let surname = super::surname(&att.speaker.name);
                !between.contains(['“', '”', '"'])
                    && words().skip(1).all(|w| !is_cap(w) || w == surname || lower_in(w, SAME_SPEAKER_PRONOUNS))
                    && words().any(|w| w == surname || lower_in(w, SAME_SPEAKER_PRONOUNS))
            };
            if found.is_none()
                && starts_sentence
                && let Some((ps, att)) = &last_attr_sentence
                && (*ps + 1 == si || *ps + 2 == si && about_speaker(si - 1, att))
            {
                let mut att = att.clone();
                att.via = Via::SplitQuote;
                found = Some(att);
            }
            // 3b. The previous sentence of the paragraph starts with a speaker and a plain
            //     reporting verb (`Smith said the plan failed. “It was a disaster.”`).
            if found.is_none() && starts_sentence && si > 0 {
                let ps = sents[si - 1].clone();
                let ps = floor(&doc.prose, ps.start.max(ps.end.saturating_sub(400)))..ps.end;
                tokens(doc, ps, &skip, &mut toks);
                // Or ends with a tag (`The metadata is the model, said Powell. “…”`).
                if let Some(mut att) = find_attribution(doc, cues, cfg, &toks, usize::MAX)
                    && strong_cue(&doc.prose[att.cue.clone()])
                    && (toks.iter().take(8).any(|t| t.start == att.cue.start)
                        || (toks.iter().rev().take(4).any(|t| t.start == att.cue.start)
                            && toks.iter().rev().take(4).any(|t| t.start == att.speaker.range.start)))
                {
                    att.via = Via::PreviousSentence;
                    found = Some(att);
                }
                // Or is only a speaker and a verb (`Roe shrugged. “I’m torn.”`).
                if found.is_none()
                    && let Some((j, kind)) = speaker_and_verb(doc, cues, &toks)
                {
                    let last = toks[toks.len() - 1];
                    found = Some(Attribution {
                        speaker: make_speaker(doc, &toks, j, kind),
                        cue: last.start..last.end,
                        via: Via::PreviousSentence,
                    });
                }
            }
            // 4. The previous sentence (or paragraph) ends with a colon after speaker and cue.
            if found.is_none() && starts_sentence {
                let prev_sent = if si > 0 { sents.get(si - 1).cloned() } else { None };
                // A "sentence" of emphasis marks alone (`***“…`) is markup before the quotation.
                let prev_sent = prev_sent.filter(|ps| !only_emphasis(&doc.prose[ps.clone()]));
                let intro = match prev_sent {
                    Some(ps) => Some(ps),
                    None => {
                        // Nothing before the quotation in its paragraph but emphasis (`***“…`).
                        let opens_paragraph = only_emphasis(&doc.prose[br.start..quote.open.start]);
                        if bi > 0 && opens_paragraph {
                            doc.blocks.get(bi - 1).filter(|pb| !heading_block(doc, pb)).map(|pb| {
                                floor(&doc.prose, pb.range.start.max(pb.range.end.saturating_sub(400)))..pb.range.end
                            })
                        } else {
                            None
                        }
                    }
                };
                // A paragraph before may also end with a comma or semicolon (`Rathbun stated,` ⏎ `“…”`).
                if let Some(ps) = intro
                    && (prev_nonspace(doc, ps.end, ps.start).is_some_and(|(_, c)| c == ':')
                        || (si == 0
                            && prev_nonspace(doc, ps.end, ps.start).is_some_and(|(_, c)| matches!(c, ',' | ';'))))
                {
                    tokens(doc, ps, &[], &mut toks);
                    if let Some(mut att) = find_attribution(doc, cues, cfg, &toks, usize::MAX) {
                        att.via = Via::IntroducedBefore;
                        found = Some(att);
                    }
                }
            }
            // 5. The next sentence starts with speaker and cue (same paragraph, or the next one
            //    when the quotation ends its paragraph).
            if found.is_none() && ends_sentence {
                if let Some(ns) = sents.get(si + 1) {
                    found = leads_with_attribution(doc, cues, cfg, ns.clone(), &skip, &mut toks);
                    // Not when that sentence has its own quotation before the cue (`“…” “…,” he
                    // said.`): the tag is that quotation's (issue 25, family 3).
                    if let Some(att) = &found
                        && a.quotes
                            .iter()
                            .any(|x| x.depth == 0 && ns.start <= x.open.start && x.open.start < att.cue.start)
                    {
                        found = None;
                    }
                } else if let Some(nb) = doc.blocks.get(bi + 1)
                    && nb.quote_depth == block.quote_depth
                {
                    let nr = nb.range.clone();
                    let first_mark = a.quotes[j..]
                        .iter()
                        .take_while(|x| x.block <= bi + 1)
                        .find(|x| x.block == bi + 1)
                        .map(|x| x.range.start)
                        .unwrap_or(nr.end);
                    if first_mark > nr.start {
                        found = leads_with_attribution(doc, cues, cfg, nr.start..first_mark, &[], &mut toks);
                    }
                }
            }
            // 6. The previous paragraph's quotation continues here (multi-paragraph run).
            if found.is_none()
                && let Some(r) = quote.run
                && r != q
                && let Status::Attributed(att) = &a.quotes[r].status
            {
                let mut att = att.clone();
                att.via = Via::Run;
                found = Some(att);
            }
            // 6b. The quotation opens its paragraph and nothing but markup (`>`, emphasis) is before it.
            let lead = &doc.prose[br.start..quote.open.start];
            let leads =
                si == 0 && bi > 0 && lead.bytes().all(|b| matches!(b, b' ' | b'>' | b'*' | b'_' | b'\n' | b'\r'));
            // A quotation that opens a blockquote is introduced by the paragraph before it, like
            // the blockquote itself (`“…,” said Smith.` ⏎ `> “…”`).
            if found.is_none() && leads && (block.quote_depth > doc.blocks[bi - 1].quote_depth || lead.contains('>')) {
                let pb = doc.blocks[bi - 1].range.clone();
                tokens(doc, floor(&doc.prose, pb.start.max(pb.end.saturating_sub(300)))..pb.end, &[], &mut toks);
                if let Some(mut att) = find_attribution(doc, cues, cfg, &toks, usize::MAX) {
                    att.via = Via::IntroducedBefore;
                    found = Some(att);
                }
            }
            // 7. A colon after a description of the quoted words, with no reporting verb
            //    (`the goal we set for the site: “…”`): the introduction says what is quoted.
            let colon = if !starts_sentence {
                prev_nonspace(doc, quote.open.start, sent.start).filter(|x| x.1 == ':').map(|x| (x.0, sent.start))
            } else if bi > 0
                && only_emphasis(&doc.prose[br.start..quote.open.start])
                && !heading_block(doc, &doc.blocks[bi - 1])
            {
                let pb = doc.blocks[bi - 1].range.clone();
                prev_nonspace(doc, pb.end, pb.start).filter(|x| x.1 == ':').map(|x| (x.0, pb.start))
            } else {
                None
            };
            if found.is_none()
                && let Some((ci, lo)) = colon
                && let Some(t) = {
                    tokens(doc, floor(&doc.prose, lo.max(ci.saturating_sub(200)))..ci, &skip, &mut toks);
                    toks.last().copied()
                }
            {
                found = Some(Attribution {
                    speaker: Speaker {
                        kind: SpeakerKind::Title,
                        name: doc.prose[t.start..t.end].to_string(),
                        range: t.start..t.end,
                        reference: t.start..t.end,
                    },
                    cue: ci..ci + 1,
                    via: Via::Introduction,
                });
            }
            // 8. A partial quotation carried by a sentence about a document (`The law authorizes
            //    agencies to “enter into …”`, `the Board committed in the Plan that it would “seek
            //    …”`): the document is the source.
            if found.is_none()
                && !starts_sentence
                && inner_text.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase)
                && let Some(d) = document_before(doc, sent.start, quote.open.start)
            {
                found = Some(d);
            }
            let _ = &prev_block_attr;
            if found.is_none() && mentioned(doc, quote, sent.clone()) {
                a.quotes[q].status = Status::NotAQuotation(Reason::Mention);
                continue;
            }
            if found.is_none()
                && !starts_sentence
                && (count_words(inner_text) <= FRAGMENT_WORDS || after_preposition(doc, quote.open.start, sent.start))
                && inner_text.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase)
                && !has_person(inner_text)
                && !prev_word_is_cue(doc, cues, quote.open.start, sent.start)
                && prev_word_is_lowercase(doc, quote.open.start, sent.start)
            {
                a.quotes[q].status = Status::NotAQuotation(Reason::Fragment);
                continue;
            }
            match found {
                Some(att) => {
                    last_attr_sentence = Some((si, att.clone()));
                    a.quotes[q].status = Status::Attributed(att);
                }
                None => a.quotes[q].status = Status::Unattributed,
            }
        }
        let _ = &prev_block_attr;
        a.sentences.push((bi, sents));
        i = j;
    }
    // A run is attributed when any of its quotations is: spread the attribution.
    let mut run_att: std::collections::HashMap<usize, Attribution> = std::collections::HashMap::new();
    for q in &a.quotes {
        if let (Some(r), Status::Attributed(att)) = (q.run, &q.status) {
            run_att.entry(r).or_insert_with(|| att.clone());
        }
    }
    for q in &mut a.quotes {
        if let Some(r) = q.run
            && let Some(att) = run_att.get(&r)
            && matches!(q.status, Status::Unattributed | Status::NotAQuotation(Reason::Short { .. }))
        {
            let mut att = att.clone();
            att.via = Via::Run;
            q.status = Status::Attributed(att);
        }
    }
}
