//! `quote/*`: quotations with no speaker, left open, attributed to a bare pronoun, or drawn with
//! mixed marks. The quote model (pairing, attribution) is [`crate::quotes`].
//!
//! # What it finds
//! `quote/unattributed`: a quotation (or a Markdown blockquote) with no speaker and reporting
//! verb in its sentence, in a split-quote layout (`“…,” X said. “…”`), in a sentence or paragraph
//! before it ending with a colon (`X wrote on Twitter:`), in the next sentence (`“…?” Smith
//! asked.`), in a `— Name` line, or elsewhere in the same multi-paragraph quotation. Phrases of
//! three words or fewer (`[quotes] short_quote_words`), title-cased names of works, names after
//! `titled`, `called`, `dubbed`, statements named as such (`the group's mission is “…”`, `“…” in
//! the subject line`), lists of single words, and single marks at the top level of a draft that
//! quotes with double ones are not quotations. A survey or study that `found that`, a law that
//! speaks (`the law authorizes … “…”`) and a credit under a pull quote (`Name image:`) are
//! sources. Whatever the verb, a speaker and one verb in the tag slot right after the closing
//! mark attribute the quotation (`“Why now?” Dalton demanded.`). A quotation paragraph right
//! after an attributed quotation paragraph is reported too, as reading as that speaker's words:
//! a reply by someone else looks the same on the page (`[quotes] same_speaker_continues = true`
//! accepts the convention). `quote/unclosed`: an opening mark never closed
//! in its paragraph, when the next paragraph does not open again (the multi-paragraph convention)
//! and no closing mark follows in the next few paragraphs (a quotation that runs into a list). A
//! quotation opened with a curly mark and closed with a straight one is one quotation, reported
//! as mixed marks.
//! `quote/unnamed-speaker`: a quotation attributed only to a pronoun (`he said`) with no named
//! person or body before it in the draft. `quote/mixed-marks`: a draft that mixes curly and
//! straight quotation marks or apostrophes; each mark of the minority style is reported, up to
//! ten. More than ten is a second style, not a few strays: the draft is reported once, at the
//! first mark of the minority style, with one fix that redraws them all.
//!
//! # Why it matters
//! A quotation with no speaker is the first thing a standards editor sends back: readers cannot
//! weigh words whose source they do not know, and an orphaned quotation is often a paste from
//! another outlet. An unclosed quotation leaves readers unsure where the speaker's words end.
//! "He said" before anyone is named hides the source. Mixed marks look careless in print and
//! break search for the quoted words.
//!
//! # Example
//! ```text
//! “We will rebuild the bridge before winter.”
//!
//! “Nobody expected the water to rise so fast,” he said.
//! ```
//! The first quotation has no speaker; the second is attributed to "he" with no one named before.
//!
//! # Fix safety
//! `quote/unattributed` offers, never as safe fixes: `Attribute to <speaker>` for up to three
//! people who speak in the draft (quoted, or in paraphrase: `Okafor said the plan would fail`),
//! the one the passage is about first (the speaker of the quotation paragraph it follows, else
//! whoever the paragraphs around it name, read outwards), with the surname when the draft
//! introduced them in full (`“We will rebuild.”` → `“We will rebuild,” Konashenkov said.`).
//! Places, works and bare titles are never offered, and nobody is offered from more than eight
//! paragraphs away; "Add attribution
//! placeholder" (`, [SOURCE] said` in the same place); "Mark as not needing attribution", which
//! inserts a `copydesk-disable-next-line` comment with a reason to fill in. `quote/mixed-marks`
//! has a safe fix that redraws the mark (or, past ten, every mark) in the draft's majority style.
//! `quote/unclosed` offers an unsafe fix that closes the quotation at the end of its paragraph. `quote/unnamed-speaker` has no
//! fix: only the writer knows who "he" is.

use crate::checks::{Check, Ctx, Rule};
use crate::config::Quotes;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{DocKind, Document};
use crate::quotes::{self, Analysis, Attribution, Family, People, Quote, Role, SpeakerKind, Status, Style, Via};

pub static UNATTRIBUTED: Rule = Rule {
    id: "quote/unattributed",
    default_severity: Severity::Warning,
    summary: "A quotation with no speaker",
    default_off: false,
    network: false,
};

pub static UNCLOSED: Rule = Rule {
    id: "quote/unclosed",
    default_severity: Severity::Warning,
    summary: "A quotation mark that opens and is never closed",
    default_off: false,
    network: false,
};

pub static UNNAMED_SPEAKER: Rule = Rule {
    id: "quote/unnamed-speaker",
    default_severity: Severity::Info,
    summary: "A quotation attributed only to a pronoun, before anyone is named",
    default_off: false,
    network: false,
};

pub static MIXED_MARKS: Rule = Rule {
    id: "quote/mixed-marks",
    default_severity: Severity::Info,
    summary: "Curly and straight quotation marks or apostrophes mixed in one draft",
    default_off: false,
    network: false,
};

static RULES: &[&Rule] = &[&MIXED_MARKS, &UNATTRIBUTED, &UNCLOSED, &UNNAMED_SPEAKER];

pub struct QuoteCheck;

impl Check for QuoteCheck {
    fn name(&self) -> &'static str {
        "quote"
    }
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }
    fn run(&self, ctx: &Ctx<'_, '_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let a = quotes::analyze(doc, &ctx.config.quotes);
        if a.marks.is_empty() && a.quotes.is_empty() {
            return;
        }
        let on = |r: &Rule| ctx.config.severity(r).is_some();
        if on(&UNATTRIBUTED) {
            unattributed(doc, &ctx.config.quotes, &a, out);
        }
        if on(&UNCLOSED) {
            unclosed(doc, &a, out);
        }
        if on(&UNNAMED_SPEAKER) {
            unnamed(doc, &a, out);
        }
        if on(&MIXED_MARKS) {
            mixed(doc, &a, out);
        }
    }
}

fn unattributed(doc: &Document<'_>, cfg: &Quotes, a: &Analysis, out: &mut Vec<Diagnostic>) {
    // Who speaks in the draft: read once, and only when a quotation needs a speaker.
    let mut people: Option<People> = None;
    let mut reported_runs: Vec<usize> = Vec::new();
    for q in &a.quotes {
        if q.status != Status::Unattributed || q.unclosed {
            continue;
        }
        if let Some(r) = q.run {
            if reported_runs.contains(&r) {
                continue;
            }
            reported_runs.push(r);
        }
        let mut continued = continues_from(doc, a, q);
        if let Some(att) = continued
            && att.speaker.kind == SpeakerKind::Name
        {
            // `“…,” Vesely said.` ¶ `“This artist, Major Ann Vesely, …”`: a quotation that names
            // the speaker before is about them, not in their words.
            let people = people.get_or_insert_with(|| People::new(doc, a, cfg, &unattributed_blocks(a)));
            if people.named_in(doc.text, q, &att.speaker.name) {
                continued = None;
            }
        }
        if continued.is_some() && cfg.same_speaker_continues {
            continue;
        }
        // The last quotation of a run is where an attribution goes.
        let target = match q.run {
            Some(r) => a.quotes.iter().rev().find(|x| x.run == Some(r)).unwrap_or(q),
            None => q,
        };
        let people = people.get_or_insert_with(|| People::new(doc, a, cfg, &unattributed_blocks(a)));
        let mut names: Vec<String> =
            people.suggest(doc.text, q, 3).into_iter().map(|p| p.shown_at(q.range.start).to_string()).collect();
        let what = if q.family == Family::Blockquote { "blockquote" } else { "quotation" };
        let message = match continued {
            Some(att) => {
                // The speaker it reads as: the quotation before's, a pronoun resolved to whom the
                // passage is about.
                let who = match att.speaker.kind {
                    SpeakerKind::Pronoun => names.first().cloned(),
                    _ => Some(
                        people
                            .person_named(&att.speaker.name)
                            .map_or_else(|| att.speaker.name.clone(), |p| p.shown_at(q.range.start).to_string()),
                    ),
                };
                if let Some(who) = &who {
                    names.retain(|n| n != who);
                    names.insert(0, who.clone());
                    names.truncate(3);
                }
                let whose = who.map_or_else(|| "the speaker before's".to_string(), |w| possessive(&w));
                format!("this {what} reads as {whose} words: attribute it, or merge it into that quotation")
            }
            None => format!(
                "this {what} has no speaker: add who said it (\"…,\" Name said) or mark it as not needing attribution"
            ),
        };
        let mut d = Diagnostic::new(&UNATTRIBUTED, q.range.clone(), message);
        for name in &names {
            if let Some(edits) = attribution_edits(doc, a, target, name) {
                d = d.with_fix(Fix::unsafe_(format!("Attribute to {name}"), edits));
            }
        }
        if let Some(edits) = attribution_edits(doc, a, target, "[SOURCE]") {
            d = d.with_fix(Fix::unsafe_("Add attribution placeholder", edits));
        }
        d = d.with_fix(Fix::unsafe_("Mark as not needing attribution", vec![suppression_edit(doc, q.range.start)]));
        out.push(d);
    }
}

/// The paragraphs of the unattributed quotations, in order: where people are looked for.
fn unattributed_blocks(a: &Analysis) -> Vec<usize> {
    let mut blocks: Vec<usize> =
        a.quotes.iter().filter(|q| q.status == Status::Unattributed).map(|q| q.block).collect();
    blocks.sort_unstable();
    blocks.dedup();
    blocks
}

/// `Dalton's`, `the mayor's`, `Ross'`.
fn possessive(name: &str) -> String {
    if name.ends_with('s') { format!("{name}'") } else { format!("{name}'s") }
}

/// The attribution of the quotation paragraph right before `q`, when `q` opens a paragraph of
/// its own and the paragraph before ends with an attributed quotation: on the page `q` reads as
/// the same speaker going on, though a reply by someone else looks the same.
fn continues_from<'a>(doc: &Document<'_>, a: &'a Analysis, q: &Quote) -> Option<&'a Attribution> {
    if q.family == Family::Blockquote || q.depth > 0 || q.block == 0 {
        return None;
    }
    let block = doc.blocks.get(q.block)?;
    let before = &doc.prose[block.range.start..q.range.start];
    if !quotes::only_emphasis(before) {
        return None;
    }
    let prev = doc.blocks.get(q.block - 1)?;
    if prev.kind != block.kind || prev.quote_depth != block.quote_depth {
        return None;
    }
    let before = &a.quotes[..a.quotes.partition_point(|x| x.block < q.block)];
    let last = before
        .iter()
        .rev()
        .take_while(|x| x.block + 1 >= q.block)
        .find(|x| x.block + 1 == q.block && x.depth == 0 && x.family != Family::Blockquote)?;
    let att = last.attribution()?;
    if matches!(att.via, Via::Introduction | Via::Citation | Via::Dash) {
        return None;
    }
    // The paragraph ends with that quotation's sentence: nothing after its tag but a few words.
    let tail_from = last.range.end.max(att.cue.end).max(att.speaker.reference.end);
    let tail = doc.prose.get(tail_from..prev.range.end)?;
    (tail.split_whitespace().count() <= 12 && !tail.contains(['“', '"', '«'])).then_some(att)
}

/// Edits that attribute `q` to `who`, leaving a well-formed sentence.
fn attribution_edits(doc: &Document<'_>, a: &Analysis, q: &Quote, who: &str) -> Option<Vec<Edit>> {
    let text = doc.text;
    if q.family == Family::Blockquote {
        // A `— Name` line at the end of the blockquote, with the last line's `>` prefix.
        let end = q.range.end;
        let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let prefix: String = text[line_start..].chars().take_while(|c| *c == '>' || *c == ' ').collect();
        let prefix = if prefix.trim().is_empty() { "> ".to_string() } else { prefix };
        return Some(vec![Edit::insert(end, format!("\n{}\n{prefix}— {who}", prefix.trim_end()))]);
    }
    let close = q.close.clone()?;
    let sents = a.sentences.binary_search_by_key(&q.block, |(b, _)| *b).ok().map(|i| &a.sentences[i].1)?;
    let sent = sents.iter().find(|s| s.start <= q.range.start && q.range.start < s.end)?.clone();
    let block_end = doc.blocks.get(q.block).map_or(text.len(), |b| b.range.end);
    // The last character inside the quotation.
    let inner_last = text[q.open.end..close.start].char_indices().next_back().map(|(i, c)| (q.open.end + i, c));
    // What follows the closing mark, skipping brackets and emphasis.
    let after = text[close.end..block_end].trim_start_matches([')', ']', '*', '_']);
    let quote_ends_sentence = after.trim_start().is_empty()
        || after.starts_with(char::is_whitespace)
        || sent.end <= close.end + (text[close.end..block_end].len() - after.len());
    match inner_last {
        Some((i, '.')) if quote_ends_sentence => {
            Some(vec![Edit::replace(i..i + 1, ","), Edit::insert(close.end, format!(" {who} said."))])
        }
        Some((_, '?' | '!' | '—' | '–' | '…')) if quote_ends_sentence => {
            Some(vec![Edit::insert(close.end, format!(" {who} said."))])
        }
        Some((i, ',')) if quote_ends_sentence && after.trim_start().is_empty() => {
            Some(vec![Edit::replace(i..i + 1, ","), Edit::insert(close.end, format!(" {who} said."))])
        }
        _ => {
            // Mid-sentence or no punctuation inside: before the sentence's own period.
            let s = &text[sent.clone()];
            let trimmed = s.trim_end();
            let end = sent.start + trimmed.len();
            match trimmed.chars().last() {
                Some('.') => Some(vec![Edit::insert(end - 1, format!(", {who} said"))]),
                Some('?' | '!') => None,
                Some(_) => Some(vec![Edit::insert(end, format!(", {who} said."))]),
                None => None,
            }
        }
    }
}

/// `<!-- copydesk-disable-next-line quote/unattributed -- REASON -->` before the finding's line:
/// on its own line when the finding's line starts its paragraph (or in plain text), else at the
/// end of the previous line (a comment line would split a Markdown paragraph).
fn suppression_edit(doc: &Document<'_>, at: usize) -> Edit {
    let comment = "<!-- copydesk-disable-next-line quote/unattributed -- REASON -->";
    let line = doc.lines().line_of(at);
    let range = doc.lines().line_range(line).unwrap_or(at..at);
    let block_start = doc.block_at(at).map_or(range.start, |b| b.range.start);
    if doc.kind == DocKind::Plain || block_start >= range.start || line == 0 {
        let eol = if doc.text[range.clone()].ends_with('\r') || doc.text[range.end..].starts_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        Edit::insert(range.start, format!("{comment}{eol}"))
    } else {
        let prev = doc.lines().line_range(line - 1).unwrap_or(range.clone());
        let end = prev.start + doc.text[prev].trim_end_matches(['\r', '\n']).len();
        Edit::insert(end, format!(" {comment}"))
    }
}

fn unclosed(doc: &Document<'_>, a: &Analysis, out: &mut Vec<Diagnostic>) {
    for q in a.quotes.iter().filter(|q| q.unclosed && q.depth == 0) {
        let mark = &doc.text[q.open.clone()];
        let closing = match mark {
            "“" => "”",
            "«" => "»",
            "„" => "“",
            _ => "\"",
        };
        let end = doc.blocks.get(q.block).map_or(q.range.end, |b| b.range.end);
        let first = if q.run.is_some() { "this quotation runs over several paragraphs and" } else { "this quotation" };
        out.push(
            Diagnostic::new(
                &UNCLOSED,
                q.open.clone(),
                format!("{first} opens with {mark} and is never closed: close it, or open the next paragraph with {mark} if the quotation continues"),
            )
            .with_fix(Fix::unsafe_(format!("Close the quotation at the end of the paragraph ({closing})"), vec![Edit::insert(end, closing)])),
        );
    }
}

fn unnamed(doc: &Document<'_>, a: &Analysis, out: &mut Vec<Diagnostic>) {
    // The first quotation attributed to a name or a title.
    let first_named = a
        .quotes
        .iter()
        .find(|x| x.attribution().is_some_and(|t| t.speaker.kind != SpeakerKind::Pronoun))
        .map(|x| x.range.start);
    let mut first_name: Option<Option<usize>> = None;
    for q in &a.quotes {
        let Some(att) = q.attribution() else { continue };
        if att.speaker.kind != SpeakerKind::Pronoun
            || !matches!(att.speaker.name.to_lowercase().as_str(), "he" | "she" | "they")
        {
            continue;
        }
        // A named speaker before it?
        if first_named.is_some_and(|f| f < q.range.start) {
            continue;
        }
        let fname = *first_name.get_or_insert_with(|| quotes::first_name_run(doc, doc.text.len()));
        if fname.is_some_and(|f| f < att.speaker.range.start) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &UNNAMED_SPEAKER,
                att.speaker.range.clone(),
                format!(
                    "this quotation is attributed only to \"{}\" and no one is named before it: name the speaker",
                    att.speaker.name
                ),
            )
            .with_related(q.range.clone(), "the quotation"),
        );
    }
}

/// Up to this many marks of the minority style are strays, reported one by one; past it the draft
/// has two styles and is reported once.
const MIXED_EACH_UP_TO: usize = 10;

fn mixed(doc: &Document<'_>, a: &Analysis, out: &mut Vec<Diagnostic>) {
    let counted = |m: &&quotes::Mark| {
        matches!(m.role, Role::Open | Role::Close | Role::Apostrophe | Role::Stray) && m.style() != Style::Other
    };
    let curly = a.marks.iter().filter(counted).filter(|m| m.style() == Style::Curly).count();
    let straight = a.marks.iter().filter(counted).filter(|m| m.style() == Style::Straight).count();
    if curly == 0 || straight == 0 {
        return;
    }
    let to_curly = curly >= straight;
    let minority = if to_curly { Style::Straight } else { Style::Curly };
    let (majority_name, minority_name) = if to_curly { ("curly", "straight") } else { ("straight", "curly") };
    let redraw = |m: &quotes::Mark| {
        let replacement = if to_curly {
            match (m.family, m.role) {
                (Family::Double, Role::Open) => "“",
                (Family::Double, _) => "”",
                (Family::Single, Role::Open) => "‘",
                _ => "’",
            }
        } else {
            match m.family {
                Family::Double => "\"",
                _ => "'",
            }
        };
        Some((quotes::source_range(doc, m.at, m.ch)?, replacement, m.role))
    };
    let minority_marks: Vec<(std::ops::Range<usize>, &str, Role)> =
        a.marks.iter().filter(counted).filter(|m| m.style() == minority).filter_map(redraw).collect();
    let counts = format!("({curly} curly, {straight} straight)");
    if minority_marks.len() > MIXED_EACH_UP_TO {
        let n = minority_marks.len();
        let first = minority_marks[0].0.clone();
        let edits = minority_marks.into_iter().map(|(range, with, _)| Edit::replace(range, with)).collect();
        out.push(
            Diagnostic::new(
                &MIXED_MARKS,
                first,
                format!(
                    "{n} {minority_name} quotation marks and apostrophes in a draft that mostly uses {majority_name} ones {counts}; this is the first"
                ),
            )
            .with_fix(Fix::safe(format!("Change all {n} to {majority_name}"), edits)),
        );
        return;
    }
    for (range, replacement, role) in minority_marks {
        let what = match role {
            Role::Apostrophe => "apostrophe",
            _ => "quotation mark",
        };
        out.push(
            Diagnostic::new(
                &MIXED_MARKS,
                range.clone(),
                format!("{minority_name} {what} in a draft that mostly uses {majority_name} ones {counts}"),
            )
            .with_fix(Fix::safe(format!("Change to {replacement}"), vec![Edit::replace(range, replacement)])),
        );
    }
}
