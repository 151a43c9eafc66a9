//! Who could have said an unattributed quotation: the people who speak in the draft, and where
//! each is named, ranked by who is speaking in the passage around the quotation. This feeds the
//! "Attribute to …" quick-fixes of `quote/unattributed`.
//!
//! A person is a named speaker: someone the model attributes a quotation to, or who speaks in
//! paraphrase (`Dalton said the pier would reopen`, `said Lt. Col. Ann Vesely`). Places, works and
//! bare titles are never people here, because nobody in the draft says anything through them.
//!
//! The ranking reads the draft as a copy editor does. Who is speaking in a passage is whoever the
//! paragraph before is about, or whoever is quoted there; a reporter's orphaned quotation is most
//! often that person's. So the paragraphs around the quotation are read outwards, one before, one
//! after, two before, …, and each offers its *lead*: the speaker of its last quotation, else the
//! first person named outside quotation marks. Nobody is offered from further than
//! [`MAX_DISTANCE`] paragraphs: a guess from across the draft is worse than no name.

use std::collections::HashMap;
use std::ops::Range;

use super::attribution::find_attribution;
use super::cues::{Cues, STRONG_CUES, lower_in, strong_cue};
use super::lexicon::PREPOSITIONS;
use super::sentences::{alnum_words, sentences, tokens};
use super::{Analysis, Family, Quote, SpeakerKind, Status, Via};
use crate::config::Quotes;
use crate::document::{BlockKind, Document};
use crate::wordhash::WordHash;

/// Paragraphs searched on each side of the quotation.
pub const MAX_DISTANCE: usize = 8;

/// One person who speaks in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The fullest form of the name the draft uses (`Ann Vesely`).
    pub name: String,
    /// Where that fullest form first stands.
    pub first: usize,
}

impl Person {
    /// The name to write at `at`: the surname once the draft has introduced the person in full
    /// before, else the full name.
    pub fn shown_at(&self, at: usize) -> &str {
        let surname = super::surname(&self.name);
        let organisation = self.name.starts_with("the ") || super::speakers::is_org(&self.name);
        if self.name.contains(' ') && self.first < at && !organisation && surname.chars().any(char::is_lowercase) {
            surname
        } else {
            &self.name
        }
    }
}

/// The people of a draft and every place they are named.
#[derive(Debug, Default)]
pub struct People {
    pub persons: Vec<Person>,
    /// `(offset, block, person)` of every mention outside quotations, in text order.
    mentions: Vec<(usize, usize, usize)>,
    /// `(block, person)`: the speaker of the last attributed quotation of a block, by block.
    leads: Vec<(usize, usize)>,
    /// `(block, person)`: a paragraph that opens with a person speaking in paraphrase (`Roe said
    /// the pier would hold.`), by block.
    openers: Vec<(usize, usize)>,
    /// Persons by the lowercase key of their surname.
    by_key: HashMap<String, usize, WordHash>,
}

/// The first letters of some lowercase words: a word whose first letter is none of them is not
/// looked up (most words of a draft).
struct Initials {
    ascii: [bool; 128],
    other: Vec<char>,
}

impl Initials {
    fn of<'w>(words: impl Iterator<Item = &'w String>) -> Initials {
        let mut i = Initials { ascii: [false; 128], other: Vec::new() };
        for c in words.filter_map(|w| w.chars().next()) {
            match i.ascii.get_mut(c as usize) {
                Some(slot) => *slot = true,
                None if !i.other.contains(&c) => i.other.push(c),
                None => {}
            }
        }
        i
    }

    fn has(&self, c: char) -> bool {
        self.ascii.get(c as usize).copied().unwrap_or_else(|| self.other.contains(&c))
    }
}

/// The lowercase key a person is found by: the surname, without a possessive.
fn key(word: &str) -> String {
    let bare = word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).unwrap_or(word);
    bare.to_lowercase()
}

impl People {
    /// The people of `a`'s draft who can be offered for quotations in the paragraphs `near`:
    /// its named speakers in quotation (anywhere, for how each was introduced), and those in
    /// paraphrase, introduced by a rank, and mentioned within [`MAX_DISTANCE`] paragraphs of
    /// `near` (the prose further away is not read: nobody is offered from there).
    pub fn new(doc: &Document<'_>, a: &Analysis, cfg: &Quotes, near: &[usize]) -> People {
        // The paragraphs within reach of each quotation, merged: (blocks, their prose span).
        let mut windows: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        for &b in near {
            let blocks = b.saturating_sub(MAX_DISTANCE)..(b + MAX_DISTANCE + 1).min(doc.blocks.len());
            match windows.last_mut() {
                Some(w) if w.0.end >= blocks.start => w.0.end = w.0.end.max(blocks.end),
                _ => windows.push((blocks, 0..0)),
            }
        }
        windows.retain_mut(|(blocks, span)| {
            let Some(bs) = doc.blocks.get(blocks.clone()) else { return false };
            let (Some(first), Some(last)) = (bs.first(), bs.last()) else { return false };
            *span = first.range.start..last.range.end;
            true
        });
        let paraphrase: Vec<(String, Range<usize>)> =
            windows.iter().flat_map(|(blocks, _)| paraphrase_speakers(doc, a, cfg, blocks.clone())).collect();
        // People the draft introduces with a rank or title (`Army Sgt. 1st Class Ronald Foster`):
        // surely people, though they may speak only in the quotation that lost its tag.
        let introduced: Vec<(String, usize)> = windows
            .iter()
            .flat_map(|(_, span)| {
                let prose = &doc.prose[span.clone()];
                let words: Vec<(usize, &str)> = alnum_words(prose).collect();
                let mut names = introduced(prose, &words);
                names.extend(named_in_passing(prose, &words));
                names.into_iter().map(|(n, at)| (n, span.start + at))
            })
            .collect();
        let mut p = People::default();
        // A name is a person's only when the draft never writes its surname in lowercase
        // (`Kids said they liked the colours` … `asked the kids`; `Step 1 shows`; `the Patriot
        // Award` … `the award`).
        let surnames = a
            .quotes
            .iter()
            .filter_map(|q| q.attribution())
            .filter(|t| t.speaker.kind == SpeakerKind::Name)
            .map(|t| &t.speaker.name)
            .chain(paraphrase.iter().map(|(n, _)| n))
            .chain(introduced.iter().map(|(n, _)| n))
            .map(|n| super::surname(n).to_string());
        let surnames: Vec<String> = surnames.collect();
        let common: std::collections::HashSet<String> =
            windows.iter().flat_map(|(_, span)| lowercase_uses(&doc.prose[span.clone()], surnames.iter())).collect();
        let named = |name: &str| !common.contains(&key(super::surname(name)));
        // Speakers of quotations, and the lead of each block with an attributed quotation.
        let mut last_named: Option<usize> = None;
        for q in a.quotes.iter().filter(|q| q.depth == 0) {
            let Some(att) = q.attribution() else { continue };
            if att.via == Via::Run || att.speaker.name.contains('[') {
                continue;
            }
            let who = match att.speaker.kind {
                SpeakerKind::Name if named(&att.speaker.name) => p.add(&att.speaker.name, att.speaker.range.start),
                SpeakerKind::Pronoun => last_named,
                _ => None,
            };
            if let Some(i) = who {
                last_named = Some(i);
                match p.leads.last_mut() {
                    Some(l) if l.0 == q.block => l.1 = i,
                    _ => p.leads.push((q.block, i)),
                }
            }
        }
        for (name, r) in &paraphrase {
            if named(name)
                && let Some(i) = p.add(name, r.start)
            {
                let b = doc.blocks.partition_point(|b| b.range.start <= r.start).saturating_sub(1);
                let opens = doc.blocks.get(b).is_some_and(|blk| doc.prose[blk.range.start..r.start].trim().is_empty());
                if opens && p.openers.last().is_none_or(|o| o.0 != b) {
                    p.openers.push((b, i));
                }
            }
        }
        p.openers.sort_unstable();
        // People the draft introduces with a rank or title (`Army Sgt. 1st Class Ronald Foster`):
        // surely people, though they may speak only in the quotation that lost its tag.
        let block_of = |at: usize| doc.blocks.partition_point(|b| b.range.start <= at).saturating_sub(1);
        for (name, at) in &introduced {
            // The writer's rank in a byline (`By Tech. Sgt. Ann Vesely`) introduces no speaker.
            if named(name) && !is_byline(doc, block_of(*at)) {
                p.add(name, *at);
            }
        }
        // A body (`the Air Force`) is offered as the speaker of a nearby quotation only: its
        // words stand everywhere in the draft without it speaking.
        // An acronym (`FEMA`, `NIDA`) is a body too.
        let acronym = |n: &str| n.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let people_only: Vec<bool> = p
            .persons
            .iter()
            .map(|x| !x.name.starts_with("the ") && !super::speakers::is_org(&x.name) && !acronym(&x.name))
            .collect();
        if p.persons.is_empty() {
            return p;
        }
        // Every mention of a person outside quotations: one pass over the prose's words.
        let quoted: Vec<Range<usize>> = a
            .quotes
            .iter()
            .filter(|q| q.depth == 0 && matches!(q.status, Status::Attributed(_) | Status::Unattributed))
            .map(|q| q.range.clone())
            .collect();
        // (A word whose first letter starts no surname is not looked up: no key is built.)
        let initials = Initials::of(p.by_key.keys());
        let mut qi = 0;
        for (_, span) in &windows {
            let prose = &doc.prose[span.clone()];
            for (at, word) in capitalized_words(prose) {
                let end = at + word.len();
                let at = span.start + at;
                while qi < quoted.len() && quoted[qi].end <= at {
                    qi += 1;
                }
                if quoted.get(qi).is_some_and(|r| r.start <= at)
                    || !word.chars().next().is_some_and(|c| c.to_lowercase().any(|l| initials.has(l)))
                    || leads_a_longer_name(&prose[end..])
                {
                    continue;
                }
                if let Some(&i) = p.by_key.get(&key(word))
                    && people_only[i]
                {
                    let block = block_of(at);
                    if !is_byline(doc, block) {
                        p.mentions.push((at, block, i));
                    }
                }
            }
        }
        p
    }

    /// Adds a speaker named `name` at `at` (merged with a person of the same surname), unless
    /// the name is no person's ([`is_person_like`](super::speakers::is_person_like)).
    fn add(&mut self, name: &str, at: usize) -> Option<usize> {
        let name = super::speakers::bare_name(name);
        if !super::speakers::is_person_like(name) {
            return None;
        }
        let k = key(super::surname(name));
        if let Some(&i) = self.by_key.get(&k) {
            let e = &mut self.persons[i];
            if name.split(' ').count() > e.name.split(' ').count() && super::speakers::same_person(&e.name, name) {
                e.name = name.to_string();
                e.first = at;
            }
            return Some(i);
        }
        self.by_key.insert(k, self.persons.len());
        self.persons.push(Person { name: name.to_string(), first: at });
        Some(self.persons.len() - 1)
    }

    /// The person a speaker's name refers to.
    pub fn person_named(&self, name: &str) -> Option<&Person> {
        self.by_key.get(&key(super::surname(name))).map(|&i| &self.persons[i])
    }

    /// Up to `n` people who could have said `q` (a quotation of `text`), the likeliest first.
    /// Someone the quotation itself names (`“I still ask Colonel Gould for advice”`, `“Herb,
    /// you’ve done a wonderful job”`) is spoken about or to, so offered after everyone else.
    pub fn suggest(&self, text: &str, q: &Quote, n: usize) -> Vec<&Person> {
        let named_inside = self.named_inside(text, q);
        let mut out = self.ranked(q, n + named_inside.len());
        out.sort_by_key(|i| named_inside.contains(i));
        out.truncate(n);
        out.into_iter().map(|i| &self.persons[i]).collect()
    }

    /// The people a quotation names, with the quotations split from it on the same line
    /// (`“We held on.” “Then Colonel Gould came.”`).
    fn named_inside(&self, text: &str, q: &Quote) -> Vec<usize> {
        capitalized_words(&text[q.range.start..split_quote_end(text, q.range.end)])
            .filter_map(|(_, w)| self.by_key.get(&key(w)).copied())
            .collect()
    }

    /// Whether quotation `q` of `text` names the person called `name` (by their surname).
    pub fn named_in(&self, text: &str, q: &Quote, name: &str) -> bool {
        let surname = key(super::surname(name));
        capitalized_words(&text[q.range.start..split_quote_end(text, q.range.end)]).any(|(_, w)| key(w) == surname)
    }

    /// Up to `n` people by where they stand around `q`, the nearest first (see the module doc).
    fn ranked(&self, q: &Quote, n: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let take = |i: usize, out: &mut Vec<usize>| {
            if !out.contains(&i) && out.len() < n {
                out.push(i);
            }
        };
        let lead = |b: usize| self.leads.binary_search_by_key(&b, |l| l.0).ok().map(|k| self.leads[k].1);
        let in_block = |b: usize| {
            let lo = self.mentions.partition_point(|m| m.1 < b);
            self.mentions[lo..].iter().take_while(move |m| m.1 == b)
        };
        // The quotation's own paragraph, before it: the nearest mention.
        if let Some(m) = in_block(q.block).filter(|m| m.0 < q.range.start).last() {
            take(m.2, &mut out);
        }
        // Read outwards: a paragraph before offers the speaker of its quotation, then whoever it
        // names first; a paragraph after offers the speaker of its quotation at the same
        // distance, but its other names one step later (the story reads forwards).
        for d in 1..=MAX_DISTANCE {
            if let Some(b) = q.block.checked_sub(d) {
                lead(b).into_iter().for_each(|i| take(i, &mut out));
            }
            // The paragraph right after, when it opens with someone speaking in paraphrase
            // (`“…”` ¶ `Hoog said he …`): the story goes on with the quotation's speaker.
            if d == 1
                && let Ok(k) = self.openers.binary_search_by_key(&(q.block + 1), |o| o.0)
            {
                take(self.openers[k].1, &mut out);
            }
            if let Some(b) = q.block.checked_sub(d) {
                in_block(b).for_each(|m| take(m.2, &mut out));
            }
            lead(q.block + d).into_iter().for_each(|i| take(i, &mut out));
            if d == 1 {
                in_block(q.block).filter(|m| m.0 >= q.range.end).for_each(|m| take(m.2, &mut out));
            } else {
                in_block(q.block + d - 1).for_each(|m| take(m.2, &mut out));
            }
            if out.len() >= n {
                break;
            }
        }
        out
    }
}

/// Where the quotation ending at `end` ends together with the quotations that follow it on the
/// same line with only spaces between (`“We held on.” “Then the rain came.”`: one speaker's
/// words, split where a tag was).
fn split_quote_end(text: &str, mut end: usize) -> usize {
    for _ in 0..3 {
        let rest = &text[end..];
        let next = rest.trim_start_matches(' ');
        let Some(open) = next.chars().next().filter(|c| matches!(c, '“' | '"')) else { break };
        let body = &next[open.len_utf8()..];
        let line = &body[..body.find('\n').unwrap_or(body.len())];
        let Some(close) = line.find(['”', '"']) else { break };
        end += rest.len() - body.len() + close + line[close..].chars().next().map_or(1, char::len_utf8);
    }
    end
}

/// Whether the text after a capitalised word goes on with another name word (`James` in `Capt.
/// James Wirthlin`, `Lang` in `Auld Lang Syne`): the word is then not a surname standing alone,
/// and not a mention of the person with that surname (`Deborah Lee James`). A suffix (`Jr.`,
/// `III`) does not count.
fn leads_a_longer_name(after: &str) -> bool {
    let Some(next) = after.strip_prefix(' ') else { return false };
    let word: &str = next.split(|c: char| !c.is_alphabetic()).next().unwrap_or_default();
    word.len() > 1
        && word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase)
        && !lower_in(word, super::lexicon::NAME_SUFFIXES)
}

/// Whether block `b` is a byline (`By Staff Sgt. Ann Vesely, 51st Wing Public Affairs`): its
/// writer is named there, and a writer is not a speaker of the story. A byline opens or closes
/// the draft (within its first six or last three paragraphs), starts with `By ` and a name, and
/// is one short line.
fn is_byline(doc: &Document<'_>, b: usize) -> bool {
    let Some(block) = doc.blocks.get(b) else { return false };
    if !(b < 6 || b + 3 >= doc.blocks.len()) {
        return false;
    }
    let text = doc.prose[block.range.clone()].trim();
    let Some(rest) = text.strip_prefix("By ") else { return false };
    let name_words = rest
        .split([' ', ','])
        .take_while(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()))
        .filter(|w| w.len() > 2 && !w.ends_with('.'))
        .count();
    text.len() < 300 && !text.contains('\n') && name_words >= 2
}

/// Every word of `s` that starts with an uppercase letter, with its offset (letters, and an
/// apostrophe or hyphen between letters).
fn capitalized_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = s.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (start, c) = rest.next()?;
            if !c.is_alphabetic() {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = rest.peek() {
                let joins = matches!(c, '’' | '\'' | '-')
                    && s[i + c.len_utf8()..].chars().next().is_some_and(char::is_alphabetic);
                if c.is_alphabetic() || joins {
                    end = i + c.len_utf8();
                    rest.next();
                } else {
                    break;
                }
            }
            if c.is_uppercase() {
                return Some((start, &s[start..end]));
            }
        }
    })
}

/// A search for the plain reporting verbs of [`strong_cue`] (`said`, `told`, `according to`, …):
/// paraphrase is read only where one stands.
fn strong_verbs() -> &'static aho_corasick::AhoCorasick {
    static FINDER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    FINDER.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(STRONG_CUES)
            .expect("a fixed word list builds")
    })
}

/// Named speakers of sentences outside quotations: a name right beside a reporting cue
/// (`Dalton said the pier would reopen`, `the plan will fail, said Lt. Col. Ann Vesely`), with
/// the name's range. Read only when a quotation needs a speaker, so it may tokenize every
/// paragraph.
fn paraphrase_speakers(
    doc: &Document<'_>,
    a: &Analysis,
    cfg: &Quotes,
    blocks: Range<usize>,
) -> Vec<(String, Range<usize>)> {
    let cues = Cues::new(cfg);
    let mut out = Vec::new();
    let mut toks = Vec::new();
    let top: Vec<&Quote> = a.quotes.iter().filter(|q| q.depth == 0 && q.family != Family::Blockquote).collect();
    let mut qi = top.partition_point(|q| q.block < blocks.start);
    for (bi, block) in doc.blocks.iter().enumerate().take(blocks.end).skip(blocks.start) {
        while qi < top.len() && top[qi].block < bi {
            qi += 1;
        }
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        // Only a paragraph with a plain reporting verb in it is read sentence by sentence.
        if !strong_verbs().is_match(&doc.prose[block.range.clone()]) {
            continue;
        }
        let skip: Vec<Range<usize>> = top[qi..].iter().take_while(|q| q.block == bi).map(|q| q.range.clone()).collect();
        for s in sentences(doc, block.range.clone(), &skip) {
            if !strong_verbs().is_match(&doc.prose[s.clone()]) {
                continue;
            }
            tokens(doc, s.clone(), &skip, &mut toks);
            let Some(att) = find_attribution(doc, &cues, cfg, &toks, s.start) else { continue };
            if !strong_cue(&doc.prose[att.cue.clone()]) {
                continue;
            }
            let sp = &att.speaker;
            // Beside the cue: at most a few bytes between them (`Dalton said`, `said Lt. Col. Vesely`).
            let gap = if sp.reference.end <= att.cue.start {
                sp.reference.end..att.cue.start
            } else {
                att.cue.end..sp.reference.start.max(att.cue.end)
            };
            // Not the object of a preposition (`a volunteer serving in Botswana asked`) or a
            // label before a number (`the metrics listed in Step 1 conclude`).
            let before = doc.prose[s.start..sp.reference.start].trim_end();
            let after_preposition = before.rsplit(' ').next().is_some_and(|w| lower_in(w, PREPOSITIONS));
            let numbered = doc.prose[sp.range.end..].trim_start().starts_with(|c: char| c.is_ascii_digit());
            // Or an appositive between (`Tom Hale, a spokesman for the port, said`).
            let between = doc.prose[gap.clone()].trim();
            let appositive = sp.reference.end <= att.cue.start
                && between.len() > 2
                && between.starts_with(',')
                && between.ends_with(',')
                && !between.contains(['.', ';', ':', '“', '”', '"']);
            if sp.kind == SpeakerKind::Name && (gap.len() <= 3 || appositive) && !after_preposition && !numbered {
                out.push((sp.name.clone(), sp.range.clone()));
            }
        }
    }
    out
}

/// Which of `words` (lowercased) the prose also uses in lowercase: common nouns, not names. One
/// pass over the prose's lowercase words.
fn lowercase_uses<'w>(prose: &str, words: impl Iterator<Item = &'w String>) -> std::collections::HashSet<String> {
    let wanted: std::collections::HashSet<String, WordHash> = words.map(|w| key(w)).collect();
    let mut found = std::collections::HashSet::new();
    if wanted.is_empty() {
        return found;
    }
    let initials = Initials::of(wanted.iter());
    let joins = |c: char| c.is_alphanumeric() || c == '’' || c == '\'';
    for (_, w) in super::sentences::runs(prose, joins) {
        let first = w.chars().next();
        if first.is_some_and(|c| c.is_lowercase() && initials.has(c)) && wanted.contains(w) {
            found.insert(w.to_string());
        }
    }
    found
}

/// Full names after a rank or title (`Lt. Col. Ann Vesely`, `Mayor Dana Okafor`, `Army Sgt. 1st
/// Class Ronald Foster`), with where each starts: two to four capitalised words after a chain of
/// [`HONORIFICS`](super::lexicon::HONORIFICS) joined by spaces and full stops, one of which is a
/// rank by itself (not only a [`RANK_MODIFIERS`](super::lexicon::RANK_MODIFIERS) word: `the
/// Great American Patriot Award` introduces nobody), and no word of which is an organisation's
/// (`Chief Master Sgt. of the Air Force`). One pass over the prose's words, keeping only the
/// current chain.
fn introduced(prose: &str, words: &[(usize, &str)]) -> Vec<(String, usize)> {
    use super::cues::lower_in;
    use super::lexicon::{HONORIFICS, RANK_MODIFIERS};
    let cap = |w: &str| w.starts_with(char::is_uppercase);
    let rank = |w: &str| lower_in(w, HONORIFICS);
    let mut out = Vec::new();
    // The chain so far: ranks (and whether one stands alone), then name words; and where the
    // last word ended.
    let mut ranks = 0usize;
    let mut strong = false;
    let mut name: Vec<(usize, &str)> = Vec::new();
    let mut last_end = 0usize;
    // Whether the chain went through an office after a title's `of` (`Secretary of the Air
    // Force`): its capitalised words run on into the name, which is what follows the last word
    // naming the office, and only when a verb follows it (`XPRIZE Director of Prize Operations
    // Salima Ranmal joined`; not `promoted to Director of the Defense Innovation Unit.`).
    let mut office = false;
    let flush = |name: &mut Vec<(usize, &str)>, strong: bool, office: bool, verb_next: bool, out: &mut Vec<_>| {
        let from = if office { name.iter().rposition(|w| office_word(w.1)).map_or(0, |i| i + 1) } else { 0 };
        let person = &name[from.min(name.len())..];
        if strong
            && (2..=4).contains(&person.len())
            && (!office || verb_next)
            && !person.iter().any(|w| super::speakers::org_word(w.1))
        {
            out.push((person.iter().map(|w| w.1).collect::<Vec<_>>().join(" "), person[0].0));
        }
        name.clear();
    };
    // A full stop joins words only after a rank or an initial (`Sgt. Ann`, `Ann L. Roe`).
    let mut dot_joins = false;
    for &(at, w) in words {
        // (Most words are lowercase and outside a chain: no look-up for them.)
        let capital = cap(w);
        if ranks == 0 && !capital {
            continue;
        }
        let gap = &prose[last_end.min(at)..at];
        let spaced = gap.chars().all(|c| c == ' ');
        let joined = spaced || (dot_joins && gap.chars().all(|c| c == ' ' || c == '.'));
        let is_rank = rank(w);
        last_end = at + w.len();
        dot_joins = is_rank || w.chars().count() == 1;
        // `Secretary of the Air Force Deborah Lee James`, `Chief of Staff of the Air Force Gen.
        // Mark Welsh`: after a title, `of`, `the` and the office belong to the chain.
        if ranks > 0 && joined && name.is_empty() && (w == "of" || office && w == "the") {
            office = true;
            continue;
        }
        if ranks > 0 && joined && name.is_empty() && is_rank {
            ranks += 1;
            let modifier = lower_in(w, RANK_MODIFIERS);
            strong |= !modifier;
            // A rank after the office starts the name afresh (`… of the Air Force Gen. Mark
            // Welsh`); a modifier may name the office (`of the Defense Innovation Unit`).
            office &= modifier;
        } else if ranks > 0 && joined && capital && !is_rank && name.len() < if office { 8 } else { 4 } {
            name.push((at, w));
        } else {
            flush(&mut name, strong, office, spaced && !capital, &mut out);
            ranks = usize::from(capital && is_rank);
            strong = ranks > 0 && !lower_in(w, RANK_MODIFIERS);
            office = false;
        }
    }
    flush(&mut name, strong, office, false, &mut out);
    out
}

/// A word naming an office after a title's `of` ([`introduced`]): an armed service's, a body's
/// or a department's (`Air`, `Force`, `State`, `Staff`).
fn office_word(w: &str) -> bool {
    use super::cues::lower_in;
    use super::lexicon::{OFFICE_WORDS, SERVICE_WORDS};
    super::speakers::org_word(w) || lower_in(w, SERVICE_WORDS) || lower_in(w, OFFICE_WORDS)
}

/// Full names the prose presents as people without a rank or a reporting verb: a run of two to
/// four capitalised words (initials allowed) described by an appositive (`Phil Ashlock, Chief
/// Architect at Data.gov,`, `Ann Roe, the harbor master,`, `Tom Hale, 52,`) or after a role noun
/// (`panelist Phil Ashlock`, `his coach Tammosa Sukon`), with where each starts. Places and
/// works are rarely written that way; bodies are left out by their words
/// ([`ORGANISATION_WORDS`](super::lexicon::ORGANISATION_WORDS)).
fn named_in_passing(prose: &str, words: &[(usize, &str)]) -> Vec<(String, usize)> {
    use super::cues::lower_in;
    use super::lexicon::{HONORIFICS, NOT_NAMES, TITLES};
    let name_word = |w: &str| {
        let mut cs = w.chars();
        // (Most words fail here, before any look-up.)
        if !cs.next().is_some_and(char::is_uppercase) {
            return false;
        }
        let rest = cs.as_str();
        (rest.is_empty() || rest.chars().any(char::is_lowercase))
            && !lower_in(w, HONORIFICS)
            && !lower_in(w, TITLES)
            && !lower_in(w, NOT_NAMES)
            && !super::speakers::org_word(w)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !name_word(words[i].1) || words[i].1.chars().count() == 1 {
            i += 1;
            continue;
        }
        // The run: words joined by one space, or by `. ` after an initial.
        let mut j = i;
        while j + 1 < words.len() && j - i < 3 {
            let (at, w) = words[j];
            // (Markdown emphasis is blanked to spaces in the prose view: `**Phil Ashlock**`.)
            let gap = &prose[at + w.len()..words[j + 1].0];
            let spaces = !gap.is_empty() && gap.bytes().all(|b| b == b' ');
            let joins = spaces || (w.chars().count() == 1 && gap.trim_start_matches('.').bytes().all(|b| b == b' '));
            if !(joins && name_word(words[j + 1].1)) {
                break;
            }
            j += 1;
        }
        let (start, end) = (words[i].0, words[j].0 + words[j].1.len());
        let last_is_initial = words[j].1.chars().count() == 1;
        if j > i && !last_is_initial {
            let after = prose[end..].trim_start_matches(' ');
            let next = words.get(j + 1).map(|w| w.1).unwrap_or("");
            // `, the harbor master,`, `, Acting Deputy Director at`, `, 52,`: a role within four
            // words (a determiner, modifiers, then the title), or an age.
            let role_follows = words[j + 1..words.len().min(j + 5)].iter().any(|w| lower_in(w.1, TITLES));
            let age = !next.is_empty()
                && next.bytes().all(|b| b.is_ascii_digit())
                && after
                    .strip_prefix(',')
                    .map(str::trim_start)
                    .and_then(|r| r.strip_prefix(next))
                    .is_some_and(|r| r.starts_with(','));
            let appositive = after.starts_with(',') && (role_follows || age);
            let before = i.checked_sub(1).map(|b| words[b]);
            let role = before.is_some_and(|(at, w)| {
                prose[at + w.len()..start].bytes().all(|b| b == b' ')
                    && w.starts_with(|c: char| {
                        c.is_lowercase() || i < 2 || prose[..at].trim_end().ends_with(['.', '\n'])
                    })
                    && lower_in(w, TITLES)
            });
            if appositive || role {
                out.push((words[i..=j].iter().map(|w| w.1).collect::<Vec<_>>().join(" "), start));
            }
        }
        i = j + 1;
    }
    out
}

/// The names [`named_in_passing`] finds in `prose` (for the tests).
#[cfg(test)]
pub(super) fn named_in_passing_names(prose: &str) -> Vec<String> {
    named_in_passing(prose, &alnum_words(prose).collect::<Vec<_>>()).into_iter().map(|n| n.0).collect()
}

/// The names [`introduced`] finds in `prose` (for the lexicon's tests).
#[cfg(test)]
pub(super) fn introduced_names(prose: &str) -> Vec<String> {
    introduced(prose, &alnum_words(prose).collect::<Vec<_>>()).into_iter().map(|n| n.0).collect()
}

#[cfg(test)]
mod tests {
    use super::named_in_passing_names as named;

    #[test]
    fn an_appositive_role_or_age_presents_a_person() {
        assert_eq!(named("Panelist Phil Ashlock, chief architect at the data office, spoke."), ["Phil Ashlock"]);
        assert_eq!(named("Tom Hale, 52, runs the ferry."), ["Tom Hale"]);
        assert_eq!(named("He trained with his coach Tammosa Sukon."), ["Tammosa Sukon"]);
        assert_eq!(named("Ann L. Roe, a spokeswoman for the port, closed the pier."), ["Ann L Roe"]);
    }

    #[test]
    fn places_works_and_bodies_described_in_passing_are_not_people() {
        assert!(named("They flew over South Carolina, the state where they trained.").is_empty());
        assert!(named("The show drew on Star Trek, the television series.").is_empty());
        assert!(named("The Harbor Works Department, a city office, signed it.").is_empty());
        assert!(named("Ann Roe said so.").is_empty());
    }
}
