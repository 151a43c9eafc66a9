//! Accuracy of the quote checks, measured.
//!
//! Last classification (read as Markdown; every `quote/unattributed` flag on the corpus looked at):
//!
//! | | flags | share of 735 quotations |
//! |---|---:|---:|
//! | (a) really unattributed: interview answers, a new quotation paragraph after a closed one, pull quotes and press-release statements with no speaker near, lowercase fragments quoted from a mission or a document | 34 | 4.6% |
//! | (b) attributed by a pattern the model misses (`This is how X describes`, `the survey found that`, `X applauds … for “…”`, a caption name after the quotation, a link source six words back) | 12 | 1.6% |
//! | (c) not a quotation: field labels, HTML and shortcode debris, a script or slogan, mission statements mentioned, an idiom, a post title, an elided `'scopes` | 22 | 3.0% |
//! | **all flags** | **68** | **9.25%** (raw flag rate) |
//!
//! Precision as the issue counts it, false alarms (b + c) over quotations: 34 / 735 = **4.6%**
//! (target: under 2%). Before this pass: 92 flags of 747 (12.3%); the rules added since (attribute
//! values and link titles, paired single marks, speaker after modifiers, `according to one
//! tester,`, a quotation opening a blockquote, a tag ending the sentence before, rewordings and
//! sayings, an intro paragraph ending with a comma, `— via`/`— From`/`— The …` source lines, a
//! link just before, `that “…,” said X`) removed 24 flags, all (b) or (c). As plain text: 81 flags
//! of 746 (10.9%; was 160 of 816, most of the drop being HTML attribute values). Orphaned
//! quotations flagged: 218 of 229 (95.2%) as Markdown, 220 of 231 (95.2%) as plain text.
//!
//! - (a) `corpus_false_alarms`: published articles in `../shared/corpus` are edited and sourced,
//!   so every `quote/unattributed` or `quote/unclosed` flag there is a likely false alarm. Prints
//!   each flag with its context, flags per 1,000 words, and the share of quotations flagged.
//! - (b) `orphaned_quotes_are_flagged`: every published quotation with a trailing attribution
//!   (`“…,” X said.`) that the model attributes is orphaned programmatically (`,”` → `.”`, the
//!   clause removed); the engine must flag it.
//!
//! Both read `../shared` and are `#[ignore]`d to keep the default run fast:
//! `cargo test --release --test quote_eval -- --ignored --nocapture`. The same measurement runs
//! always on a few drafts of our own (`orphaning_our_own_fixtures`).

use std::path::Path;

use copydesk::quotes::{self, Status, Via};
use copydesk::{Config, DocKind, Document, engine};

#[path = "common/corpus.rs"]
mod shared_corpus;
use shared_corpus::{corpus, words};

fn context(text: &str, r: std::ops::Range<usize>) -> String {
    shared_corpus::context(text, r, 80)
}

/// An orphaned variant: the trailing attribution clause of quotation `q` removed, `,”` → `.”`.
/// Returns the new text and the quotation's start (unchanged: the edit is after it).
fn orphan(text: &str, q: &quotes::Quote) -> Option<String> {
    let att = q.attribution()?;
    let close = q.close.clone()?;
    if att.via != Via::Sentence || att.cue.start < close.end {
        return None;
    }
    let inner = &text[q.open.end..close.start];
    let comma = q.open.end + inner.len().checked_sub(1)?;
    if !inner.ends_with(',') {
        return None;
    }
    // The clause: from the closing mark to the end of the sentence (a period and whitespace or the end).
    let rest = &text[close.end..];
    let mut end = None;
    for (i, c) in rest.char_indices() {
        if matches!(c, '“' | '”' | '"' | '\n') && i > 0 {
            // Another quotation follows in the sentence (`… said, “…”`): not a trailing clause.
            if c != '\n' {
                return None;
            }
        }
        if c == '.' && rest[i + 1..].chars().next().is_none_or(char::is_whitespace) {
            end = Some(i + 1);
            break;
        }
        if i > 200 {
            return None;
        }
    }
    let end = close.end + end?;
    if !(close.end <= att.cue.start
        && att.cue.end <= end
        && att.speaker.range.end <= end
        && att.speaker.range.start >= close.end)
    {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..comma]);
    out.push('.');
    out.push_str(&text[comma + 1..close.end]);
    out.push_str(&text[end..]);
    Some(out)
}

struct Orphans {
    total: usize,
    flagged: usize,
    missed: Vec<String>,
}

fn orphan_all(text: &str, kind: DocKind, config: &Config) -> Orphans {
    let doc = Document::parse(text, kind);
    let a = quotes::analyze(&doc, &config.quotes);
    let mut o = Orphans { total: 0, flagged: 0, missed: Vec::new() };
    for q in &a.quotes {
        let Some(variant) = orphan(text, q) else { continue };
        o.total += 1;
        let diags = engine::check(&variant, kind, config);
        if diags.iter().any(|d| {
            d.rule == "quote/unattributed"
                && d.range.start <= q.range.start
                && q.range.start < d.range.end.max(d.range.start + 1)
        }) {
            o.flagged += 1;
        } else {
            let vdoc = Document::parse(&variant, kind);
            let va = quotes::analyze(&vdoc, &config.quotes);
            let why = quotes::quote_at(&va, q.open.start).map(|x| x.explain(&variant)).unwrap_or_default();
            o.missed
                .push(format!("{}\n      ({why})", context(&variant, q.range.start..q.range.end.min(variant.len()))));
        }
    }
    o
}

#[test]
#[ignore = "reads ../shared/corpus; run with --ignored --nocapture"]
fn corpus_false_alarms() {
    let articles = corpus();
    assert!(!articles.is_empty(), "../shared/corpus not found");
    let config = Config::default();
    for kind in [DocKind::Markdown, DocKind::Plain] {
        let mut total_words = 0;
        let mut flags: std::collections::BTreeMap<&str, usize> = Default::default();
        let mut quotations = 0;
        let mut attributed = 0;
        let mut lines = Vec::new();
        for (path, text) in &articles {
            total_words += words(text);
            let doc = Document::parse(text, kind);
            let a = quotes::analyze(&doc, &config.quotes);
            for q in &a.quotes {
                match q.status {
                    Status::Attributed(_) => {
                        quotations += 1;
                        attributed += 1;
                    }
                    Status::Unattributed => quotations += 1,
                    _ => {}
                }
            }
            for d in engine::check(text, kind, &config) {
                if d.rule.starts_with("quote/") {
                    *flags.entry(d.rule).or_default() += 1;
                    if d.rule != "quote/mixed-marks" {
                        let name = path
                            .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
                            .unwrap_or(path);
                        lines.push(format!("  {} {}: {}", name.display(), d.rule, context(text, d.range.clone())));
                    }
                }
            }
        }
        println!("== corpus as {kind:?}: {} articles, {total_words} words", articles.len());
        for l in &lines {
            println!("{l}");
        }
        for (rule, n) in &flags {
            println!("  {rule}: {n} flags, {:.3} per 1,000 words", *n as f64 * 1000.0 / total_words as f64);
        }
        let unatt = flags.get("quote/unattributed").copied().unwrap_or(0);
        println!(
            "  quotations (more than {} words, not titles): {quotations}, attributed by the model: {attributed}, flagged unattributed: {unatt} ({:.2}%)",
            config.quotes.short_quote_words,
            unatt as f64 * 100.0 / quotations.max(1) as f64
        );
    }
}

#[test]
#[ignore = "reads ../shared/corpus; run with --ignored --nocapture"]
fn orphaned_quotes_are_flagged() {
    let articles = corpus();
    assert!(!articles.is_empty(), "../shared/corpus not found");
    let config = Config::default();
    for kind in [DocKind::Markdown, DocKind::Plain] {
        let (mut total, mut flagged) = (0, 0);
        let mut missed = Vec::new();
        for (_, text) in &articles {
            let o = orphan_all(text, kind, &config);
            total += o.total;
            flagged += o.flagged;
            missed.extend(o.missed);
        }
        println!(
            "== orphaned quotations as {kind:?}: {flagged} of {total} flagged ({:.1}%)",
            flagged as f64 * 100.0 / total.max(1) as f64
        );
        for m in &missed {
            println!("  missed: {m}");
        }
        assert!(total > 50, "too few orphanable quotations found: {total}");
        assert!(flagged * 100 >= total * 95, "fewer than 95% of orphaned quotations flagged: {flagged} of {total}");
    }
}

/// The same measurement on drafts of our own, always on.
#[test]
fn orphaning_our_own_fixtures() {
    let draft = "\
The council voted on Tuesday to close the old bridge.

“We will rebuild it before the winter comes,” Mayor Dana Okafor said after the vote.

“The money is already in the budget,” Okafor told reporters, “and the work starts in May.”

Residents were less sure. “Nobody has shown us a plan for the detour,” said Lee Hart, who runs a bakery by the river.

“It will take years to get this right,” she added.
";
    let config = Config::default();
    for kind in [DocKind::Markdown, DocKind::Plain] {
        let o = orphan_all(draft, kind, &config);
        assert_eq!(o.total, 3, "{kind:?}: orphanable quotations");
        assert_eq!(o.flagged, o.total, "{kind:?}: missed {:#?}", o.missed);
        // The published draft itself raises no quote finding but mixed marks (none here).
        let diags: Vec<_> =
            engine::check(draft, kind, &config).into_iter().filter(|d| d.rule.starts_with("quote/")).collect();
        assert!(diags.is_empty(), "{diags:#?}");
    }
}

/// The engine over the corpus, 5 times as plain text and as Markdown, with the quote rules on or
/// off and every other local rule on: the quote checks' share of the engine's time is
/// `(on - off) / off`, measured in instructions with
/// `valgrind --tool=callgrind <quote_eval binary> --ignored --exact cost_quotes_on --test-threads=1`.
fn cost(quotes_on: bool) {
    let articles = corpus();
    assert!(!articles.is_empty(), "../shared/corpus not found");
    let mut config = Config::default();
    for r in copydesk::checks::all_rules() {
        if r.network {
            continue;
        }
        if r.id.starts_with("quote/") && !quotes_on {
            config.set_severity(r.id, None);
        } else if config.severity(r).is_none() {
            config.set_severity(r.id, Some(r.default_severity));
        }
    }
    for _ in 0..5 {
        for kind in [DocKind::Plain, DocKind::Markdown] {
            let n: usize = articles.iter().map(|(_, a)| engine::check(a, kind, &config).len()).sum();
            std::hint::black_box(n);
        }
    }
}

#[test]
#[ignore = "reads ../shared/corpus; for callgrind"]
fn cost_quotes_on() {
    cost(true);
}

#[test]
#[ignore = "reads ../shared/corpus; for callgrind"]
fn cost_quotes_off() {
    cost(false);
}
