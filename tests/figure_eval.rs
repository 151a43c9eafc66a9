//! Precision of the figure and date checks on published articles.
//!
//! `../shared/corpus` holds 300 published, edited articles: a figure finding there is either a
//! false alarm to fix in the model or a real error that got through. `corpus_findings` prints
//! every `figure/*` and `date/*` finding with its context (reading each article as plain text and
//! as Markdown) and the rate per 10,000 words, and fails above 1 per 10,000 words.
//!
//! It reads `../shared` and is `#[ignore]`d: `cargo test --release --test figure_eval -- --ignored
//! --nocapture`.

use copydesk::{Config, DocKind, Severity, engine};

#[path = "common/corpus.rs"]
mod shared_corpus;
use shared_corpus::{corpus, words};

fn context(text: &str, r: std::ops::Range<usize>) -> String {
    shared_corpus::context(text, r, 100)
}

#[test]
#[ignore = "reads ../shared/corpus; run with --ignored --nocapture"]
fn corpus_findings() {
    let articles = corpus();
    if articles.is_empty() {
        eprintln!("../shared/corpus not found");
        return;
    }
    // Every figure rule on, figure/style included (it is off by default).
    let mut config = Config::default();
    config.set_severity("figure/style", Some(Severity::Info));
    let total_words: usize = articles.iter().map(|(_, t)| words(t)).sum();
    let mut worst = 0.0f64;
    for kind in [DocKind::Plain, DocKind::Markdown] {
        let mut n = 0usize;
        let mut style = 0usize;
        for (path, text) in &articles {
            for d in engine::check(text, kind, &config) {
                if !(d.rule.starts_with("figure/") || d.rule.starts_with("date/")) {
                    continue;
                }
                if d.rule == "figure/style" {
                    style += 1;
                    continue;
                }
                n += 1;
                let name = path.strip_prefix(path.parent().unwrap().parent().unwrap()).unwrap().display();
                println!(
                    "[{kind:?}] {name} {} {}: {}\n    …{}…",
                    d.rule,
                    d.range.start,
                    d.message,
                    context(text, d.range.clone())
                );
            }
        }
        let rate = n as f64 * 10_000.0 / total_words as f64;
        worst = worst.max(rate);
        println!(
            "{kind:?}: {n} figure/date findings in {total_words} words = {rate:.2} per 10,000 words ({style} figure/style findings, off by default, not counted)\n"
        );
    }
    assert!(worst < 1.0, "more than 1 finding per 10,000 words");
}

/// What the checks had to work with: how many figures of each kind, weekday dates, from/to
/// pairs and dated drafts the ledger found — a precision of 0 findings means little if the
/// patterns never occur.
#[test]
#[ignore = "reads ../shared/corpus; run with --ignored --nocapture"]
fn corpus_coverage() {
    use copydesk::Document;
    use copydesk::figures::{Kind, Ledger, draft_date};
    let articles = corpus();
    let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
    let (mut weekdays, mut pairs, mut dated, mut dated_links) = (0, 0, 0, 0);
    for (_, text) in &articles {
        let doc = Document::parse(text, DocKind::Markdown);
        let l = Ledger::build(&doc);
        for f in &l.figures {
            let k = match f.kind {
                Kind::Money(_) => "Money".to_string(),
                k => format!("{k:?}"),
            };
            *kinds.entry(k).or_default() += 1;
        }
        weekdays += l.dates.iter().filter(|d| d.weekday.is_some()).count();
        pairs += l.from_to_pairs().len();
        if draft_date(&doc, &l).is_some() {
            dated += 1;
            dated_links += doc.links.iter().filter(|k| copydesk::figures::url_date(doc.link_dest(k)).is_some()).count();
        }
    }
    println!("figures by kind: {kinds:?}");
    println!("dates with a weekday: {weekdays}; from/to pairs: {pairs}");
    println!("drafts with a date of their own: {dated} of {}; dated links in them: {dated_links}", articles.len());
}

/// Recall on real sentences: every published "weekday, date, year" in the corpus is turned into
/// an error by moving the weekday one day on; `date/weekday` must flag each one.
#[test]
#[ignore = "reads ../shared/corpus; run with --ignored --nocapture"]
fn seeded_weekday_errors_are_found() {
    use copydesk::Document;
    use copydesk::figures::{Ledger, WEEKDAYS};
    let articles = corpus();
    let config = Config::default();
    let (mut seeded, mut found) = (0, 0);
    for (path, text) in &articles {
        let doc = Document::parse(text, DocKind::Plain);
        let l = Ledger::build(&doc);
        for d in l.dates.iter().filter(|d| d.year.is_some()) {
            let Some((w, r)) = d.weekday.clone() else { continue };
            if text[r.clone()].len() < 6 {
                continue;
            }
            let wrong = WEEKDAYS[usize::from((w + 1) % 7)];
            let mutated = format!("{}{}{}", &text[..r.start], wrong, &text[r.end..]);
            seeded += 1;
            let diags = engine::check(&mutated, DocKind::Plain, &config);
            if diags.iter().any(|x| x.rule == "date/weekday" && x.range.start == r.start) {
                found += 1;
            } else {
                println!("missed: {} {}", path.display(), context(&mutated, r));
            }
        }
    }
    println!("seeded weekday errors: {found} of {seeded} found");
    assert_eq!(found, seeded);
}

/// The default config with every figure and date rule off: the engine without the ledger.
fn figure_rules_off() -> Config {
    let mut off = Config::default();
    for r in figure_rules() {
        off.set_severity(r, None);
    }
    off
}

/// The ids of the figure and date rules (the rules that read the ledger).
fn figure_rules() -> Vec<&'static str> {
    copydesk::checks::all_rules()
        .map(|r| r.id)
        .filter(|id| id.starts_with("figure/") || id.starts_with("date/"))
        .collect()
}

/// The engine over `articles` read as `kind` with each of `configs`, in turns (`rounds` of one
/// pass per config, so that a slow spell of a shared machine hits every config alike): each
/// config's fastest and median pass, in seconds.
fn engine_times(
    articles: &[(std::path::PathBuf, String)],
    kind: DocKind,
    configs: &[&Config],
    rounds: usize,
) -> Vec<(f64, f64)> {
    let mut times = vec![Vec::with_capacity(rounds); configs.len()];
    for _ in 0..rounds {
        for (k, config) in configs.iter().enumerate() {
            let t = std::time::Instant::now();
            let n: usize = articles.iter().map(|(_, a)| engine::check(a, kind, config).len()).sum();
            std::hint::black_box(n);
            times[k].push(t.elapsed().as_secs_f64());
        }
    }
    times
        .into_iter()
        .map(|mut v| {
            v.sort_by(f64::total_cmp);
            (v[0], v[v.len() / 2])
        })
        .collect()
}

/// The ledger's cost: the engine over the corpus with every default rule, against the same with
/// the figure and date rules off (plain text and Markdown). The budget is +50%.
/// `cargo test --release --test figure_eval -- --ignored --nocapture time`
///
/// The configs take turns, 25 rounds, and the ratio is of the medians. The layout of the binary
/// moves the rules-off time by up to 3% from one build to the next (code that did not change runs
/// faster or slower as its alignment changes), so a change of a few hundredths in the ratio
/// needs more than one build to believe.
#[test]
#[ignore = "reads ../shared/corpus; timing needs --release"]
fn time_with_and_without_figure_rules() {
    let articles = corpus();
    if articles.is_empty() {
        return;
    }
    let on = Config::default();
    let off = figure_rules_off();
    // The ledger alone: one cheap rule that needs it.
    let mut ledger_only = off.clone();
    ledger_only.set_severity("date/weekday", Some(copydesk::Severity::Warning));
    for kind in [DocKind::Plain, DocKind::Markdown] {
        let t = engine_times(&articles, kind, &[&off, &on, &ledger_only], 25);
        let ((off_min, off_med), (on_min, on_med), (_, ledger_med)) = (t[0], t[1], t[2]);
        println!(
            "{kind:?}: figure rules off {:.2} ms, on {:.2} ms (medians; fastest {:.2} and {:.2}): ×{:.2}",
            off_med * 1e3,
            on_med * 1e3,
            off_min * 1e3,
            on_min * 1e3,
            on_med / off_med
        );
        println!(
            "{kind:?}: the ledger and date/weekday alone: {:.2} ms: ×{:.2}",
            ledger_med * 1e3,
            ledger_med / off_med
        );
    }
}

/// Where the time goes: parsing alone, and the ledger alone.
#[test]
#[ignore = "reads ../shared/corpus; timing needs --release"]
fn time_of_the_ledger() {
    use copydesk::Document;
    use copydesk::figures::Ledger;
    use std::time::Instant;
    let articles = corpus();
    for kind in [DocKind::Plain, DocKind::Markdown] {
        let docs: Vec<Document<'_>> = articles.iter().map(|(_, a)| Document::parse(a, kind)).collect();
        let mut best = f64::MAX;
        for _ in 0..7 {
            let t = Instant::now();
            let n: usize = docs.iter().map(|d| Ledger::build(d).tokens.len()).sum();
            std::hint::black_box(n);
            best = best.min(t.elapsed().as_secs_f64());
        }
        let tokens: usize = docs.iter().map(|d| Ledger::build(d).tokens.len()).sum();
        let bytes: usize = docs.iter().map(|d| d.prose.len()).sum();
        println!(
            "{kind:?}: Ledger::build over the corpus: {:.2} ms ({tokens} tokens, {bytes} bytes of prose)",
            best * 1e3
        );
    }
}

/// The same work as `time_with_and_without_figure_rules`, one side per test, for `perf stat`
/// (cycles are steadier than wall time on a loaded machine):
/// `perf stat -e cycles,instructions target/release/deps/figure_eval-… --ignored cost_figures_on`.
fn cost(figures: bool) {
    let articles = corpus();
    let config = if figures { Config::default() } else { figure_rules_off() };
    for _ in 0..5 {
        for kind in [DocKind::Plain, DocKind::Markdown] {
            let n: usize = articles.iter().map(|(_, a)| engine::check(a, kind, &config).len()).sum();
            std::hint::black_box(n);
        }
    }
}

#[test]
#[ignore = "reads ../shared/corpus; for perf stat"]
fn cost_figures_on() {
    cost(true);
}

#[test]
#[ignore = "reads ../shared/corpus; for perf stat"]
fn cost_figures_off() {
    cost(false);
}

/// What each figure rule costs beyond the ledger (and `date/weekday`, the cheapest rule that
/// builds it): the place to look when `time_with_and_without_figure_rules` goes up. Medians of 21
/// rounds in turns, as there.
#[test]
#[ignore = "reads ../shared/corpus; timing needs --release"]
fn time_of_each_figure_rule() {
    let articles = corpus();
    if articles.is_empty() {
        return;
    }
    let off = figure_rules_off();
    let mut base = off.clone();
    base.set_severity("date/weekday", Some(copydesk::Severity::Warning));
    let ids: Vec<&str> = figure_rules().into_iter().filter(|id| *id != "date/weekday").collect();
    let each: Vec<Config> = ids
        .iter()
        .map(|id| {
            let mut c = base.clone();
            c.set_severity(id, Some(copydesk::Severity::Warning));
            c
        })
        .collect();
    for kind in [DocKind::Plain, DocKind::Markdown] {
        let mut configs = vec![&off, &base];
        configs.extend(each.iter());
        let t = engine_times(&articles, kind, &configs, 21);
        let (t_off, t_base) = (t[0].1, t[1].1);
        println!(
            "{kind:?}: figure rules off {:.2} ms; the ledger and date/weekday {:.2} ms",
            t_off * 1e3,
            t_base * 1e3
        );
        for (id, (_, med)) in ids.iter().zip(&t[2..]) {
            println!("  + {id}: {:+.2} ms", (med - t_base) * 1e3);
        }
    }
}
