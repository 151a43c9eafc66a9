//! Split URLs judged on real wrapped prose (issue 31): a safe fix never damages a draft.
//!
//! Every article of `../shared/corpus` is turned into the plain-text draft an e-mail or a paste
//! would give: Markdown links become `text (URL)`, other links their text; then each paragraph
//! is hard-wrapped at a random width from 60 to 78 columns, at spaces only (no URL broken).
//!
//! - `wrapped_corpus_has_no_split_findings`: on the wrapped drafts, no `url/malformed` finding
//!   says a URL is split, and `copydesk fix` (`engine::fix`) changes nothing but quotation marks
//!   (`quote/mixed-marks` redraws a mark). The original Markdown, wrapped the same way and read as
//!   Markdown, must draw no split finding either.
//! - `broken_urls_are_found_and_restored`: in each wrapped draft with a URL, one URL is broken at
//!   a random point inside its path (a line break inserted); the break must be found, and `fix`
//!   must give exactly what it gives on the unbroken draft (the article restored byte for byte).
//!   Three rounds with different seeds; at least 95% found and restored.
//!
//! Both read `../shared` and are `#[ignore]`d: `cargo test --release --test url_split_eval --
//! --ignored --nocapture`. The RNG is a seeded xorshift, so every run draws the same widths and
//! break points. The same wrapping and breaking run always on drafts of our own
//! (`wrapping_and_breaking_our_own_drafts`).
//!
//! Last run (2026-12-07): 371 articles; wrapped, 0 split findings and 0 drafts changed by `fix`
//! beyond quotation marks (0 on the wrapped Markdown; apart, 2 split findings and 1 change at a
//! link whose destination already held a space, `…/Development/ Enterprise-…`, which the wrap
//! turned into a line break); broken, 668 of 681 found, all with a safe fix, and restored byte
//! for byte (98.1%). The 13 breaks missed were not reported at all: a number cut in two (`/a/2` + `014-14603`, `/a/2014-008` + `38`), a path of digits after
//! a slash (`/a/` + `2014-00838`), a plain word after a word (`/airpower4` + `america`, `/wiki` +
//! `How:Statistics` outside brackets, `…/2014-14603Pre-r` + `egistration`), a continuation that
//! holds another address (`…im_/https://www.go` + `ogle.com/…?domain=http://cnn.com`) or makes
//! one across the line break (`…im_/https:` + `//i2.cdn…`, an archived address).

use copydesk::document::LinkKind;
use copydesk::{Config, DocKind, Document, engine};

#[path = "common/corpus.rs"]
mod shared_corpus;
use shared_corpus::{context, corpus};

/// xorshift64*: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
}

fn is_web(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

/// The draft as pasted into an e-mail: `[text](URL "title")` → `text (URL)` for web links, the
/// text alone for the others (site-relative links, shortcodes); images likewise.
fn as_pasted(md: &str) -> String {
    let doc = Document::parse(md, DocKind::Markdown);
    let mut out = String::with_capacity(md.len());
    let mut pos = 0;
    for link in doc.links.iter().filter(|l| l.kind == LinkKind::Inline) {
        if link.range.start < pos {
            continue;
        }
        let src = &md[link.range.clone()];
        let open = if src.starts_with("![") { 2 } else { 1 };
        let Some(mid) = src.rfind("](") else { continue };
        if mid < open {
            continue;
        }
        let label = &src[open..mid];
        let dest = &md[link.dest.clone()];
        out.push_str(&md[pos..link.range.start]);
        out.push_str(label);
        if is_web(dest) {
            out.push_str(" (");
            out.push_str(dest);
            out.push(')');
        }
        pos = link.range.end;
    }
    out.push_str(&md[pos..]);
    out
}

/// Hard-wrap every line longer than a random width (60–78 columns, one width per paragraph) at
/// spaces only: a space becomes a line break; no word is ever cut.
fn wrap(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len());
    let mut width = rng.range(60, 78);
    for line in text.split_inclusive('\n') {
        let (content, end) = match line.strip_suffix('\n') {
            Some(c) => (c, "\n"),
            None => (line, ""),
        };
        if content.trim().is_empty() {
            width = rng.range(60, 78);
        }
        let mut col = 0;
        for (i, word) in content.split(' ').enumerate() {
            let w = word.chars().count();
            if i > 0 {
                if col > 0 && col + 1 + w > width && !word.is_empty() {
                    out.push('\n');
                    col = 0;
                } else {
                    out.push(' ');
                    col += 1;
                }
            }
            out.push_str(word);
            col += w;
        }
        out.push_str(end);
    }
    out
}

const QUOTE_MARKS: &[char] = &['"', '\'', '“', '”', '‘', '’'];

/// `None` when `after` differs from `before` only by quotation marks redrawn one for one;
/// otherwise the byte offset in `before` where they first differ otherwise.
fn beyond_quote_redraws(before: &str, after: &str) -> Option<usize> {
    let mut a = before.char_indices();
    let mut b = after.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return None,
            (Some((i, x)), Some(y)) => {
                if x != y && !(QUOTE_MARKS.contains(&x) && QUOTE_MARKS.contains(&y)) {
                    return Some(i);
                }
            }
            (Some((i, _)), None) => return Some(i),
            (None, Some(_)) => return Some(before.len()),
        }
    }
}

fn is_split(d: &copydesk::Diagnostic) -> bool {
    d.rule == "url/malformed" && d.message.contains("split across a line break")
}

/// Split findings, and whether `fix` changed more than quotation marks (with where).
struct WrapReport {
    splits: Vec<(std::ops::Range<usize>, String)>,
    damage: Option<usize>,
}

fn judge_wrapped(wrapped: &str, kind: DocKind, config: &Config) -> WrapReport {
    let diags = engine::check(wrapped, kind, config);
    let splits = diags.iter().filter(|d| is_split(d)).map(|d| (d.range.clone(), d.message.clone())).collect();
    let (fixed, _) = engine::fix_after(wrapped, diags, kind, config);
    WrapReport { splits, damage: beyond_quote_redraws(wrapped, &fixed) }
}

/// A web URL of the draft with a path of two bytes or more: the offsets where a line break may
/// go (strictly inside the path).
fn break_points(text: &str) -> Vec<std::ops::Range<usize>> {
    let doc = Document::parse(text, DocKind::Plain);
    doc.links
        .iter()
        .filter(|l| l.kind == LinkKind::Bare && is_web(&text[l.dest.clone()]))
        .filter_map(|l| {
            let url = &text[l.dest.clone()];
            let host_start = url.find("://")? + 3;
            let path = l.dest.start + host_start + url[host_start..].find('/')?;
            (l.dest.end >= path + 3).then(|| path + 1..l.dest.end)
        })
        .collect()
}

#[derive(Default)]
struct BreakTally {
    tried: usize,
    found: usize,
    safe: usize,
    restored: usize,
}

/// Break one URL of `wrapped` at a random point inside its path; tally what the engine does.
fn break_one(name: &str, wrapped: &str, rng: &mut Rng, config: &Config, tally: &mut BreakTally, verbose: bool) {
    let points = break_points(wrapped);
    if points.is_empty() {
        return;
    }
    let r = points[rng.range(0, points.len() - 1)].clone();
    let mut at = rng.range(r.start, r.end - 1);
    while !wrapped.is_char_boundary(at) {
        at -= 1;
    }
    let broken = format!("{}\n{}", &wrapped[..at], &wrapped[at..]);
    tally.tried += 1;
    let diags = engine::check(&broken, DocKind::Plain, config);
    let found = diags.iter().find(|d| is_split(d) && d.range.start < at && at < d.range.end);
    let (want, _) = engine::fix(wrapped, DocKind::Plain, config);
    let (got, _) = engine::fix_after(&broken, diags.clone(), DocKind::Plain, config);
    if let Some(d) = found {
        tally.found += 1;
        if d.fixes.first().is_some_and(|f| f.safe) {
            tally.safe += 1;
        }
    }
    if got == want {
        tally.restored += 1;
    } else if verbose {
        println!("NOT RESTORED {name} (found: {}): …{}…", found.is_some(), context(&broken, at..at + 1, 70));
    }
}

#[test]
#[ignore = "reads ../shared/corpus; run with --ignored --nocapture"]
fn wrapped_corpus_has_no_split_findings() {
    let articles = corpus();
    if articles.is_empty() {
        eprintln!("../shared/corpus not found");
        return;
    }
    let config = Config::default();
    let mut rng = Rng::new(31);
    let (mut splits, mut split_drafts, mut damaged, mut md_splits) = (0, 0, 0, 0);
    let (mut flawed_splits, mut flawed_damaged) = (0, 0);
    for (path, text) in &articles {
        let name = path.strip_prefix(path.parent().unwrap().parent().unwrap()).unwrap().display().to_string();
        let pasted = as_pasted(text);
        let wrapped = wrap(&pasted, &mut rng);
        // Wrapping turns spaces into line breaks: offsets are the same in both. A URL the
        // unwrapped draft already has a finding on (a space inside a link destination) was not
        // clean copy: a split found there is counted apart.
        let flawed: Vec<_> = engine::check(&pasted, DocKind::Plain, &config)
            .into_iter()
            .filter(|d| d.rule == "url/malformed")
            .map(|d| d.range)
            .collect();
        let in_flawed = |r: &std::ops::Range<usize>| flawed.iter().any(|f| f.start <= r.start && r.start <= f.end);
        let report = judge_wrapped(&wrapped, DocKind::Plain, &config);
        let mut here = 0;
        for (r, message) in &report.splits {
            let what = if in_flawed(r) { "SPLIT at a URL already flagged unwrapped" } else { "SPLIT" };
            println!("{what} {name} {message}\n    …{}…", context(&wrapped, r.clone(), 60));
            if in_flawed(r) {
                flawed_splits += 1;
            } else {
                here += 1;
            }
        }
        splits += here;
        split_drafts += usize::from(here > 0);
        if let Some(at) = report.damage {
            if in_flawed(&(at..at)) {
                flawed_damaged += 1;
            } else {
                damaged += 1;
            }
            println!("DAMAGED {name} at {at}: …{}…", context(&wrapped, at..at + 1, 60));
        }
        // The Markdown itself, wrapped the same way, read as Markdown.
        let md = wrap(text, &mut rng);
        let md_flawed: Vec<_> = engine::check(text, DocKind::Markdown, &config)
            .into_iter()
            .filter(|d| d.rule == "url/malformed")
            .map(|d| d.range)
            .collect();
        for d in engine::check(&md, DocKind::Markdown, &config).iter().filter(|d| is_split(d)) {
            if md_flawed.iter().any(|f| f.start <= d.range.start && d.range.start <= f.end) {
                flawed_splits += 1;
                continue;
            }
            md_splits += 1;
            println!("SPLIT (Markdown) {name} {}\n    …{}…", d.message, context(&md, d.range.clone(), 60));
        }
    }
    println!(
        "{} wrapped drafts: {splits} split findings in {split_drafts} drafts; {damaged} drafts changed by fix beyond quotation marks; {md_splits} split findings on the wrapped Markdown",
        articles.len()
    );
    println!(
        "apart (a URL the unwrapped draft already has a finding on): {flawed_splits} split findings, {flawed_damaged} drafts changed there"
    );
    assert_eq!((splits, damaged, md_splits), (0, 0, 0));
}

#[test]
#[ignore = "reads ../shared/corpus; run with --ignored --nocapture"]
fn broken_urls_are_found_and_restored() {
    let articles = corpus();
    if articles.is_empty() {
        eprintln!("../shared/corpus not found");
        return;
    }
    let config = Config::default();
    let mut tally = BreakTally::default();
    for round in 0..3u64 {
        let mut rng = Rng::new(1000 + round);
        for (path, text) in &articles {
            let name = path.strip_prefix(path.parent().unwrap().parent().unwrap()).unwrap().display().to_string();
            let wrapped = wrap(&as_pasted(text), &mut rng);
            break_one(&name, &wrapped, &mut rng, &config, &mut tally, true);
        }
    }
    let pct = |n: usize| 100.0 * n as f64 / tally.tried.max(1) as f64;
    println!(
        "{} URLs broken inside their path: {} found ({:.1}%), {} with a safe fix ({:.1}%), {} restored byte for byte by fix ({:.1}%)",
        tally.tried,
        tally.found,
        pct(tally.found),
        tally.safe,
        pct(tally.safe),
        tally.restored,
        pct(tally.restored)
    );
    assert!(pct(tally.found) >= 95.0 && pct(tally.restored) >= 95.0);
}

/// Drafts of our own, pasted and wrapped as the corpus is: no split finding, `fix` changes
/// nothing; each URL broken inside its path is found and restored.
#[test]
fn wrapping_and_breaking_our_own_drafts() {
    let drafts = [
        "The council published [the minutes](https://example.gov/council/minutes/) on Tuesday for anyone to read, and the agenda for the next session is at https://example.gov/council/agenda/2024-05 with the budget.\n\nThe Presidential Innovation Fellows ([the program](https://example.gov/innovation/fellows)) program takes applications until June, said the office, which runs [a page of answers](https://example.gov/faq?topic=fellows#deadlines) for applicants.\n",
        "Write to info@example.org or read https://www.example.org/contact-us/ before you call. The report (https://example.org/reports/2024/annual-report.pdf) runs to 40 pages, and https://example.org/data/tables/ holds the tables for each county.\n",
    ];
    let config = Config::default();
    let mut tally = BreakTally::default();
    for seed in 0..40u64 {
        let mut rng = Rng::new(seed);
        for (i, md) in drafts.iter().enumerate() {
            let wrapped = wrap(&as_pasted(md), &mut rng);
            let report = judge_wrapped(&wrapped, DocKind::Plain, &config);
            assert!(report.splits.is_empty() && report.damage.is_none(), "draft {i}, seed {seed}:\n{wrapped}");
            break_one(&format!("draft {i}"), &wrapped, &mut rng, &config, &mut tally, false);
        }
    }
    assert_eq!(tally.tried, 80);
    // Three of these URLs end in a slash: cut right before it, the lone `/` on the next line may
    // be a separator (`… / …`) and gets an unsafe rejoin only; a number cut in two (`agenda/2` +
    // `024-05`) is not found. The rest is restored.
    assert!(tally.restored >= 74, "restored {} of {}", tally.restored, tally.tried);
}
