//! Precision of the figure and date checks on published articles.
//!
//! `../shared/corpus` holds 300 published, edited articles: a figure finding there is either a
//! false alarm to fix in the model or a real error that got through. `corpus_findings` prints
//! every `figure/*` and `date/*` finding with its context (reading each article as plain text and
//! as Markdown) and the rate per 10,000 words, and fails above 1 per 10,000 words.
//!
//! `planted_errors` measures recall the other way round: it finds real instances the published
//! text gets right (a move with its stated change, a list with its count, a part with its whole
//! and percentage, a repeated figure, a weekday with its date, a dated link), plants one error of
//! each rule's kind in each, and prints the share flagged per rule and overall, with the false
//! findings per 10,000 words per corpus folder on the unedited articles
//! (`PLANTED_VERBOSE=1` lists the misses, `PLANTED_VERBOSE=all` every planted error):
//! `cargo test --release --test figure_eval -- --ignored --nocapture --exact planted_errors`.
//!
//! Figures on 2026-12-07 (issue 26), corpus instances per rule (and per folder in the output):
//!
//! | rule | corpus | of which inserted | own sentences |
//! |---|---:|---:|---:|
//! | date/sequence | 98 / 98 | 98 | 10 / 10 |
//! | date/weekday | 47 / 47 | 0 | — |
//! | figure/change | 6 / 6 | 0 | 13 / 13 |
//! | figure/conflict | 3 / 3 | 1 | 13 / 13 |
//! | figure/count | 13 / 16 | 0 | 10 / 10 |
//! | figure/percent | 7 / 7 | 0 | 12 / 12 |
//! | figure/points | 2 / 2 | 2 | 12 / 12 |
//! | figure/total | 6 / 6 | 0 | 10 / 10 |
//! | overall | 182 / 185 = 98.4% | 101 | 80 / 80 |
//!
//! False findings on the unedited corpus: 0 in 275,045 words (every folder 0.000 per 10,000
//! words) once the one finding vetted as a real error is set aside (`REAL_ERRORS`: "10
//! languages" before nine). The corpus has no dated link in a dated draft, no move between two
//! percentages with its point change stated, no "N of M (P%)" and no repeated age: date/sequence
//! and figure/points instances are made by inserting a correct clause into a real sentence (a
//! link dated a year before the draft, the point change of a real move), repeated ages by
//! inserting "The 19-year-old Surname" before a later sentence that opens with the surname; the
//! correct version must draw no finding. The three count misses: "four C’s:" (an apostrophe
//! plural), "articles arguing for …:" (a participle phrase) and "datasets including data on:".
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
/// the figure and date rules off (plain text and Markdown). The budget is absolute (engine ≥ 50
/// MB/s with every rule on, `cargo bench --bench engine`), not this ratio.
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

// ---------------------------------------------------------------- planted errors

/// A number as written ("$1.2 million", "12,500", "35", "three"): its value and decimal places.
fn value_of(s: &str) -> Option<(f64, u8)> {
    const WORDS: [&str; 13] =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    let lower = s.trim().to_ascii_lowercase();
    if let Some(n) = WORDS.iter().position(|w| *w == lower) {
        return Some((n as f64, 0));
    }
    let t = lower.trim_start_matches(['$', '£', '€']);
    let (num, scale) = match t.split_once(' ') {
        Some((n, "million")) => (n, 1e6),
        Some((n, "billion")) => (n, 1e9),
        Some((n, "trillion")) => (n, 1e12),
        None => (t, 1.0),
        _ => return None,
    };
    let digits = num.replace(',', "");
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len() as u8);
    digits.parse::<f64>().ok().map(|v| (v * scale, decimals))
}

/// A number written like `old` (same decimals, thousands commas kept) with the value `v`.
fn written_like(old: &str, v: f64) -> String {
    const WORDS: [&str; 14] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen",
    ];
    if old.chars().all(|c| c.is_ascii_alphabetic()) {
        let w = WORDS[v as usize];
        return if old.starts_with(|c: char| c.is_ascii_uppercase()) {
            format!("{}{}", &w[..1].to_uppercase(), &w[1..])
        } else {
            w.to_string()
        };
    }
    let decimals = old.split_once('.').map_or(0, |(_, d)| d.len());
    let mut s = format!("{v:.decimals$}");
    if old.contains(',') {
        let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
        let mut grouped = String::new();
        for (k, c) in int.chars().enumerate() {
            if k > 0 && (int.len() - k) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        s = match frac {
            Some(f) => format!("{grouped}.{f}"),
            None => grouped,
        };
    }
    s
}

/// Sentences of a text as byte ranges: cut after `.`, `!` or `?` (and a closing mark) before a
/// space and a capital or quotation mark, and at blank lines. Crude, and independent of the
/// ledger's own splitting on purpose.
fn rough_sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    use regex::Regex;
    use std::sync::LazyLock;
    static CUT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"[.!?][\"”’)]?[ \t]+[A-Z\"“]|\n[ \t]*\n|\n[ \t]*[-*#>]"#).unwrap());
    let mut out = Vec::new();
    let mut start = 0;
    for m in CUT.find_iter(text) {
        let end = m.start() + 1;
        if end > start {
            out.push(start..end);
        }
        start = m.end() - m.as_str().chars().last().map_or(0, char::len_utf8);
    }
    out.push(start..text.len());
    out
}

/// One planted error: the rule it should trip, the edited text, and the sentence edited.
struct Plant {
    rule: &'static str,
    text: String,
    sentence: std::ops::Range<usize>,
    /// When the instance was made by inserting a correct clause into a real sentence (the rules
    /// the corpus has no instance of): the article with the correct clause, which must draw no
    /// finding of the rule in the sentence.
    base: Option<String>,
}

/// `text` with `r` replaced by `with`, and the sentence `s` widened or narrowed to match.
fn plant(rule: &'static str, text: &str, s: &std::ops::Range<usize>, r: std::ops::Range<usize>, with: &str) -> Plant {
    let edited = format!("{}{}{}", &text[..r.start], with, &text[r.end..]);
    let grow = with.len() as isize - r.len() as isize;
    Plant { rule, text: edited, sentence: s.start..(s.end as isize + grow) as usize, base: None }
}

/// A clause inserted at `at` of sentence `s`: the correct version `right` as the base, the wrong
/// version `wrong` as the planted error.
fn insert(rule: &'static str, text: &str, s: &std::ops::Range<usize>, at: usize, right: &str, wrong: &str) -> Plant {
    let base = format!("{}{}{}", &text[..at], right, &text[at..]);
    let mut p = plant(rule, text, s, at..at, wrong);
    p.base = Some(base);
    p
}

/// A number, money and scale included, as a regex fragment.
const NUM: &str = r"[$£€]?\d[\d,]*(?:\.\d+)?(?: (?:million|billion|trillion))?";

/// Real instances the published text gets right, one edit of the rule's kind each.
fn plants_in(text: &str) -> Vec<Plant> {
    use regex::Regex;
    use std::sync::LazyLock;
    static PCT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d+(?:\.\d+)?)(?:%| percent\b| per cent\b)").unwrap());
    static POINTS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d+(?:\.\d+)?) (percentage )?points?\b").unwrap());
    static FROM_TO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"\b(from|to) (?:about )?({NUM})(%| percent)?(?: [a-z]+s| [a-z]+ [a-z]+s)? (?:in \d{{4}}(?:-\d{{4}})? )?(to|from) (?:about )?({NUM})(%| percent)?"
        ))
        .unwrap()
    });
    static FACTOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"\b(doubled|tripled|quadrupled|halved)\b[^.;]{{0,40}}?\b(from|to) ({NUM}) (to|from) ({NUM})"
        ))
        .unwrap()
    });
    static OF_TOTAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*Of (?:the |these |those |all )?(\d[\d,]*) [a-z][^,]{0,60}, ").unwrap());
    static PART: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:were|are|was|had|have|said|voted|[a-z]+ed)\b").unwrap()
    });
    // Shares of one whole in a list item ("80% desktop; 12% tablet; 8% mobile", "Direct 66%;
    // organic 27%; Referrals 7%") or a poll's "49% to 47%"; all the sentence's percentages
    // adding to 100.
    static SEMI_SHARES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d%[^;%]{0,20}; [^;%]{0,20}\d+%[^;%]{0,20}; ").unwrap());
    static POLL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d+(?:\.\d+)?% to \d+(?:\.\d+)?%").unwrap());
    static SHARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(\d+(?:\.\d+)?)(?:%| percent) (?:said|say|voted|supported|backed|opposed|chose|preferred|approved|disapproved|agreed|disagreed|were|are|have|has|use|own)\b").unwrap()
    });
    // A count, its noun phrase ("three aspects to make the Air Force better", "four main
    // campaigns of the Liberation of France"), a colon and the list.
    static COUNT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[2-9]|1[0-2]) ([A-Za-z][A-Za-z’' -]{0,60}):[ \t]+([^\n]*)",
        )
        .unwrap()
    });
    static NUMBERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\(?\d\)\s*").unwrap());
    static PART_OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(\d[\d,]*) (?:out )?of (?:the )?(\d[\d,]*) [a-zA-Z -]{0,40}?(?:\(|, or |, )(\d+(?:\.\d+)?)(?:%| percent)").unwrap()
    });
    static WHOLE_PART: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*Of (?:the )?(\d[\d,]*) [a-z][a-z ]{0,50}, (\d[\d,]*),? (?:\(|or )(\d+(?:\.\d+)?)(?:%| percent)",
        )
        .unwrap()
    });
    // "$639 million in sales came via phones: 71% ($456 million) via …".
    static COLON_WHOLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"({NUM})[^:.%]{{0,80}}:\s")).unwrap());
    static SHARE_PART: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"\b(\d+(?:\.\d+)?)% \(({NUM})\)")).unwrap());
    // A list under "of the 1.8 billion users:" whose items read "985 million people or 53% …".
    static LIST_WHOLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?m)({NUM})[^\n:.%]{{0,80}}:[ \t]*\n")).unwrap());
    static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"^[ \t]*(?:\n[ \t]*)?[*-][ \t]+({NUM}) [a-z ]{{0,30}}? or (\d+(?:\.\d+)?)%[^\n]*\n"))
            .unwrap()
    });
    static DEFINITE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"\b(?:the|all|its|their) ({NUM}) ([a-z]+s)\b")).unwrap());
    static MENTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"\b({NUM}) ([a-z]+s)\b")).unwrap());
    static AGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b([A-Z][a-z]+), (\d\d), ").unwrap());
    static AGE_LATER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d\d)-year-old ([A-Z][a-z]+)\b").unwrap());

    let mut out = Vec::new();
    let sentences = rough_sentences(text);
    for s in &sentences {
        let st = &text[s.clone()];
        // Markup (shortcodes, HTML attributes) is not prose; a move between HTML tags is.
        let markup = st.contains("{{<") || st.contains('<');
        // Not inside a shortcode or a tag (a blockquote's "> " is neither).
        let outside_tags = |r: std::ops::Range<usize>| {
            let before = &st[..r.start];
            before.rfind("{{<").is_none_or(|i| before[i..].contains(">}}"))
                && before.rfind('<').is_none_or(|i| before[i..].contains('>'))
                && !st[r].contains(['<', '>'])
        };
        let at = |r: std::ops::Range<usize>| s.start + r.start..s.start + r.end;
        // figure/change and figure/points: a move with its size stated and right.
        for m in FROM_TO.captures_iter(st).filter(|m| outside_tags(m.get(0).unwrap().range())) {
            let (Some((a, _)), Some((b, _))) = (value_of(&m[2]), value_of(&m[5])) else { continue };
            let (old, new) = if &m[1] == "from" { (a, b) } else { (b, a) };
            let percents = m.get(3).is_some() && m.get(6).is_some();
            let year = |v: f64, w: &str| (1800.0..=2100.0).contains(&v) && w.len() == 4;
            if old <= 0.0 || old == new || year(a, &m[2]) || year(b, &m[5]) {
                continue;
            }
            let whole = m.get(0).unwrap().range();
            if percents && !POINTS.is_match(st) {
                // The corpus states no point change beside any move between two percentages:
                // insert one, right ("up 30 percentage points") as the base and wrong ("up 30
                // percent") as the plant, after the move (and its year or noun).
                static TAIL: LazyLock<Regex> =
                    LazyLock::new(|| Regex::new(r"^(?: in \d{4}| [a-z]+s| [a-z]+ [a-z]+s)?").unwrap());
                let at = whole.end + TAIL.find(&st[whole.end..]).map_or(0, |t| t.end());
                let decimals = [&m[2], &m[5]].iter().map(|v| value_of(v).map_or(0, |v| v.1)).max().unwrap_or(0);
                let d = format!("{:.*}", usize::from(decimals), (new - old).abs());
                let dir = if new > old { "up" } else { "down" };
                out.push(insert(
                    "figure/points",
                    text,
                    s,
                    s.start + at,
                    &format!(", {dir} {d} percentage points"),
                    &format!(", {dir} {d} percent"),
                ));
                continue;
            }
            if percents {
                for p in POINTS.captures_iter(st) {
                    let g = p.get(1).unwrap();
                    let Some((d, dec)) = value_of(g.as_str()) else { continue };
                    if (d - (new - old).abs()).abs() <= 0.5 * 10f64.powi(-i32::from(dec)) + 1e-9 {
                        // Stated in percent instead of points.
                        let unit = p.get(0).unwrap();
                        out.push(plant("figure/points", text, s, at(g.end()..unit.end()), " percent"));
                    }
                }
                continue;
            }
            // The direction word before the move, turned round ("increased from 10 to 20" →
            // "decreased from 10 to 20").
            let before = st[..whole.start].trim_end();
            // A phrasal verb ("dropped off to 6,958 from 7,687") turns round as one.
            let verb_end = before.len();
            let before = before.strip_suffix(" off").filter(|b| b.ends_with("dropped")).unwrap_or(before);
            let word_start = before.rfind(|c: char| !c.is_ascii_alphabetic()).map_or(0, |k| k + 1);
            let opposite = match &before[word_start..] {
                "increased" | "rose" | "climbed" | "jumped" | "grew" | "surged" => Some(("decreased", 1.0)),
                "increase" => Some(("decrease", 1.0)),
                "up" => Some(("down", 1.0)),
                "decreased" | "fell" | "dropped" | "declined" | "shrank" | "plunged" => Some(("increased", -1.0)),
                "decrease" => Some(("increase", -1.0)),
                "down" => Some(("up", -1.0)),
                _ => None,
            };
            if let Some((turned, sign)) = opposite
                && (new - old) * sign > 0.0
            {
                out.push(plant("figure/change", text, s, at(word_start..verb_end), turned));
            }
            let rel = (new - old) / old * 100.0;
            for p in PCT.captures_iter(st) {
                let g = p.get(1).unwrap();
                if g.start() >= whole.start && g.end() <= whole.end || !outside_tags(g.range()) {
                    continue;
                }
                let Some((v, dec)) = value_of(g.as_str()) else { continue };
                let tol = (0.5 * 10f64.powi(-i32::from(dec))).max(0.05 * rel.abs()).max(0.5);
                if v > 0.0 && (v - rel.abs()).abs() <= tol {
                    let wrong = if v >= 10.0 { v * 1.5 } else { v + 10.0 };
                    out.push(plant("figure/change", text, s, at(g.range()), &written_like(g.as_str(), wrong)));
                    break;
                }
            }
        }
        if markup {
            continue;
        }
        for m in FACTOR.captures_iter(st) {
            let (Some((a, _)), Some((b, _))) = (value_of(&m[3]), value_of(&m[5])) else { continue };
            let (old, new) = if &m[2] == "from" { (a, b) } else { (b, a) };
            let factor = match &m[1] {
                "doubled" => 2.0,
                "tripled" => 3.0,
                "quadrupled" => 4.0,
                _ => 0.5,
            };
            if old > 0.0 && ((new / old) / factor - 1.0).abs() <= 0.1 {
                let g = if &m[2] == "to" { m.get(3).unwrap() } else { m.get(5).unwrap() };
                let (v, _) = value_of(g.as_str()).unwrap();
                let num = g.as_str().trim_start_matches(['$', '£', '€']);
                let n_start = g.end() - num.len();
                let digits = num.split(' ').next().unwrap();
                let scaled = v / value_of(num).unwrap().0 * value_of(digits).unwrap().0;
                out.push(plant(
                    "figure/change",
                    text,
                    s,
                    at(n_start..n_start + digits.len()),
                    &written_like(digits, scaled * 1.6),
                ));
            }
        }
        // figure/total: a breakdown that adds up, or shares of one whole at most 100%.
        if let Some(m) = OF_TOTAL.captures(st) {
            let total = value_of(&m[1]).map(|v| v.0).unwrap_or(0.0);
            let rest = m.get(0).unwrap().end();
            let parts: Vec<_> = PART.captures_iter(&st[rest..]).map(|p| p.get(1).unwrap()).collect();
            let sum: f64 = parts.iter().filter_map(|g| value_of(g.as_str())).map(|v| v.0).sum();
            if parts.len() >= 2 && total > 0.0 && sum <= total && !st[rest..].contains('%') {
                let g = parts[0];
                let wrong = value_of(g.as_str()).unwrap().0 + (total - sum) + (total / 10.0).ceil().max(1.0);
                out.push(plant(
                    "figure/total",
                    text,
                    s,
                    at(rest + g.start()..rest + g.end()),
                    &written_like(g.as_str(), wrong),
                ));
            }
        }
        let all: Vec<_> = PCT.captures_iter(st).map(|p| p.get(1).unwrap()).collect();
        let before_poll = |r: &regex::Match| !st[..r.start()].trim_end().ends_with("from");
        if all.len() >= 2
            && (SEMI_SHARES.is_match(st) || POLL.find(st).is_some_and(|m| before_poll(&m)))
            && !st.contains(" from ")
        {
            let sum: f64 = all.iter().filter_map(|g| value_of(g.as_str())).map(|v| v.0).sum();
            if (sum - 100.0).abs() <= 1.0 {
                let g = all[0];
                let wrong = value_of(g.as_str()).unwrap().0 + 10.0;
                out.push(plant("figure/total", text, s, at(g.range()), &written_like(g.as_str(), wrong)));
            }
        }
        let shares: Vec<_> = SHARE.captures_iter(st).map(|p| p.get(1).unwrap()).collect();
        if shares.len() >= 2 {
            let sum: f64 = shares.iter().filter_map(|g| value_of(g.as_str())).map(|v| v.0).sum();
            if sum <= 100.0 {
                let g = shares[0];
                let wrong = value_of(g.as_str()).unwrap().0 + (100.0 - sum) + 10.0;
                out.push(plant("figure/total", text, s, at(g.range()), &written_like(g.as_str(), wrong)));
            }
        }
        // figure/count: a count before a colon and a list of as many items.
        for m in COUNT.captures_iter(st) {
            let (n, _) = value_of(&m[1]).unwrap();
            // The phrase names a plural noun, and the list ends the sentence.
            if !m[2].split(' ').any(|w| w.len() > 2 && w.ends_with('s')) || !m[3].trim_end().ends_with('.') {
                continue;
            }
            let list = m[3].trim_end().trim_end_matches('.');
            // Items at the semicolons if there are any, else at the commas; the last one split
            // at its "and" or "or" when no comma comes before it; numbers "(1)" dropped.
            let sep = if list.contains(';') { ';' } else { ',' };
            let mut items: Vec<&str> = list.split(sep).map(str::trim).collect();
            if let Some(last) = items.pop() {
                match ["and ", "or "].iter().find_map(|w| last.strip_prefix(w)) {
                    Some(bare) => items.push(bare),
                    None => match last.rsplit_once(" and ").or_else(|| last.rsplit_once(" or ")) {
                        Some((a, b)) => items.extend([a, b]),
                        None => items.push(last),
                    },
                }
            }
            let words_ok = items.iter().all(|i| (1..=8).contains(&NUMBERED.replace(i, "").split_whitespace().count()));
            if items.len() as f64 == n && words_ok {
                let g = m.get(1).unwrap();
                out.push(plant("figure/count", text, s, at(g.range()), &written_like(g.as_str(), n + 1.0)));
            }
        }
        // figure/percent: a part, its whole and the percentage they make.
        if let Some(c) = COLON_WHOLE.captures(st) {
            let whole = value_of(&c[1]).map_or(0.0, |v| v.0);
            let rest = c.get(0).unwrap().end();
            for m in SHARE_PART.captures_iter(&st[rest..]) {
                let (Some((p, dec)), Some((a, _))) = (value_of(&m[1]), value_of(&m[2])) else { continue };
                if whole > 0.0 && a <= whole && (a / whole * 100.0 - p).abs() <= 10f64.powi(-i32::from(dec)) {
                    let g = m.get(1).unwrap();
                    let wrong = if p > 80.0 { p - 10.0 } else { p + 5.0 };
                    let r = rest + g.start()..rest + g.end();
                    out.push(plant("figure/percent", text, s, at(r), &written_like(g.as_str(), wrong)));
                }
            }
        }
        for m in PART_OF.captures_iter(st).chain(WHOLE_PART.captures_iter(st)) {
            let whole_first = m.get(0).unwrap().as_str().trim_start().starts_with("Of ");
            let (a, b) = if whole_first { (&m[2], &m[1]) } else { (&m[1], &m[2]) };
            let (Some((a, _)), Some((b, _))) = (value_of(a), value_of(b)) else { continue };
            let g = m.get(3).unwrap();
            let Some((p, dec)) = value_of(g.as_str()) else { continue };
            if b > 0.0 && a <= b && (a / b * 100.0 - p).abs() <= 10f64.powi(-i32::from(dec)) {
                let wrong = if p > 80.0 { p - 10.0 } else { p + 5.0 };
                out.push(plant("figure/percent", text, s, at(g.range()), &written_like(g.as_str(), wrong)));
            }
        }
    }
    for c in LIST_WHOLE.captures_iter(text) {
        let whole = value_of(&c[1]).map_or(0.0, |v| v.0);
        let mut k = c.get(0).unwrap().end();
        while let Some(m) = LIST_ITEM.captures(&text[k..]) {
            let (a, g) = (value_of(&m[1]).map_or(0.0, |v| v.0), m.get(2).unwrap());
            let Some((p, dec)) = value_of(g.as_str()) else { break };
            if whole > 0.0 && a <= whole && (a / whole * 100.0 - p).abs() <= 10f64.powi(-i32::from(dec)) {
                let r = k + g.start()..k + g.end();
                let s = sentences.iter().find(|s| s.contains(&r.start)).unwrap();
                let wrong = if p > 80.0 { p - 10.0 } else { p + 5.0 };
                out.push(plant("figure/percent", text, s, r, &written_like(g.as_str(), wrong)));
            }
            k += m.get(0).unwrap().end();
        }
    }
    // figure/conflict: a definite reference repeated later with the same figure and noun, and an
    // age given twice; the later one is changed.
    let mut seen: std::collections::HashMap<(String, String), usize> = Default::default();
    for m in MENTION.captures_iter(text) {
        let key = (m[1].to_string(), m[2].to_string());
        let g = m.get(1).unwrap();
        seen.entry(key).or_insert(g.start());
    }
    for m in DEFINITE.captures_iter(text) {
        let key = (m[1].to_string(), m[2].to_string());
        let g = m.get(1).unwrap();
        match seen.get(&key) {
            Some(&first) if first >= g.start() => {}
            Some(&first) if !sentences.iter().any(|s| s.contains(&first) && s.contains(&g.start())) => {
                let s = sentences.iter().find(|s| s.contains(&g.start())).unwrap();
                let (v, _) = value_of(g.as_str()).unwrap();
                let num = g.as_str().trim_start_matches(['$', '£', '€']);
                let digits = num.split(' ').next().unwrap();
                let n_start = g.end() - num.len();
                let d = value_of(digits).unwrap().0;
                let _ = v;
                let wrong = if d >= 10.0 { (d * 1.2).round() } else { d + 2.0 };
                out.push(plant(
                    "figure/conflict",
                    text,
                    s,
                    n_start..n_start + digits.len(),
                    &written_like(digits, wrong),
                ));
            }
            Some(_) => {}
            None => {
                seen.insert(key, g.start());
            }
        }
    }
    for m in AGE.captures_iter(text) {
        let (name, age) = (&m[1], &m[2]);
        let from = m.get(0).unwrap().end();
        if let Some(l) = AGE_LATER.captures_iter(&text[from..]).find(|l| &l[2] == name && &l[1] == age) {
            let g = l.get(1).unwrap();
            let r = from + g.start()..from + g.end();
            let s = sentences.iter().find(|s| s.contains(&r.start)).unwrap();
            let wrong = age.parse::<u32>().unwrap() + 1;
            out.push(plant("figure/conflict", text, s, r, &wrong.to_string()));
        } else if AGE.captures_iter(text).filter(|o| &o[1] == name).count() == 1 {
            // The corpus never repeats an age: insert the later mention ("The 19-year-old
            // Montalvo had read …") at the next sentence that opens with the surname, right
            // (the base) and a year off (the plant). Not when two people share the surname.
            let opens = |s: &std::ops::Range<usize>| {
                let st = &text[s.clone()];
                let lead = st.len() - st.trim_start().len();
                st.trim_start().strip_prefix(name).is_some_and(|r| r.starts_with(' ')).then_some(s.start + lead)
            };
            let Some((s, at)) = sentences.iter().filter(|s| s.start > from).find_map(|s| opens(s).map(|at| (s, at)))
            else {
                continue;
            };
            let wrong = age.parse::<u32>().unwrap() + 1;
            out.push(insert(
                "figure/conflict",
                text,
                s,
                at,
                &format!("The {age}-year-old "),
                &format!("The {wrong}-year-old "),
            ));
        }
    }
    out
}

/// Recall on real sentences: for each figure rule, instances the published corpus gets right
/// are found with patterns of their own (not the ledger's), one error of the rule's kind is
/// planted in each (a stated change or percentage made wrong, a points change written in
/// percent, a part raised past its total, a list's count moved by one, a repeated figure or
/// age changed in its later mention, a weekday moved a day, a dated link moved past the draft's
/// date), and the edited article is checked as plain text: an error is found when a finding of
/// that rule falls in the edited sentence. Also the false findings per 10,000 words per corpus
/// folder on the unedited articles.
///
/// `cargo test --release --test figure_eval -- --ignored --nocapture --exact planted_errors`
#[test]
#[ignore = "reads ../shared/corpus; run with --ignored --nocapture"]
fn planted_errors() {
    use copydesk::Document;
    use copydesk::figures::{Ledger, WEEKDAYS, draft_date, url_date};
    use std::collections::BTreeMap;
    let articles = corpus();
    if articles.is_empty() {
        eprintln!("../shared/corpus not found");
        return;
    }
    let config = Config::default();
    let verbose = std::env::var_os("PLANTED_VERBOSE").is_some();
    // PLANTED_VERBOSE=all lists every planted error, found or not.
    let all_plants = std::env::var("PLANTED_VERBOSE").is_ok_and(|v| v == "all");
    // rule → (planted, found)
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    // folder → (words, false findings)
    let mut folders: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    // (rule, folder) → (planted, found); rule → plants made by inserting a clause.
    let mut by_folder: BTreeMap<(&str, String), (usize, usize)> = BTreeMap::new();
    let mut inserted: BTreeMap<&str, usize> = BTreeMap::new();
    let mut inserted_false = 0;
    let mut vetted = 0;
    for (path, text) in &articles {
        let folder = path.parent().unwrap().file_name().unwrap().to_string_lossy().to_string();
        let name = format!("{folder}/{}", path.file_name().unwrap().to_string_lossy());
        let base: Vec<_> = engine::check(text, DocKind::Plain, &config)
            .into_iter()
            .filter(|d| d.rule.starts_with("figure/") || d.rule.starts_with("date/"))
            .filter(|d| {
                let real = REAL_ERRORS
                    .iter()
                    .any(|(n, rule, fig, _)| *n == name && d.rule == *rule && text[d.range.clone()].contains(fig));
                vetted += usize::from(real);
                !real
            })
            .collect();
        let e = folders.entry(folder.clone()).or_default();
        e.0 += words(text);
        e.1 += base.len();
        let mut plants = plants_in(text);
        // date/weekday: a weekday written with a full date, moved one day on.
        let doc = Document::parse(text, DocKind::Plain);
        let l = Ledger::build(&doc);
        for d in l.dates.iter().filter(|d| d.year.is_some()) {
            let Some((w, r)) = d.weekday.clone() else { continue };
            let s = rough_sentences(text).into_iter().find(|s| s.contains(&r.start)).unwrap();
            plants.push(plant("date/weekday", text, &s, r, WEEKDAYS[usize::from((w + 1) % 7)]));
        }
        // date/sequence: a dated link before the draft's date, moved to the year after it.
        if let Some(((year, month, day), dated)) = draft_date(&doc, &l) {
            // No dated draft in the corpus links to a dated address: insert a link into the
            // first plain sentence after the draft's date, dated a year before the draft (the
            // base, which must draw nothing) and a year after it (the plant).
            let link = |y: i32| {
                format!(" (see [the earlier report](https://example.org/news/{y}/{month:02}/{day:02}/report))")
            };
            if let Some(s) = rough_sentences(text).into_iter().find(|s| {
                let st = text[s.clone()].trim_end();
                s.start > dated.end && st.ends_with('.') && st.len() > 40 && !st.contains(['<', '{', '[', '\n'])
            }) {
                let at = s.start + text[s.clone()].trim_end().len() - 1;
                plants.push(insert("date/sequence", text, &s, at, &link(year - 1), &link(year + 1)));
            }
            for k in &doc.links {
                let dest = doc.link_dest(k);
                let Some((y, _, _)) = url_date(dest) else { continue };
                if y >= year || k.image {
                    continue;
                }
                let Some(at) = dest.find(&format!("/{y}")) else { continue };
                let r = k.dest.start + at + 1..k.dest.start + at + 5;
                plants.push(plant("date/sequence", text, &k.range, r, &(year + 1).to_string()));
            }
        }
        for p in plants {
            let in_sentence = |t: &str, grow: usize| {
                engine::check(t, DocKind::Plain, &config).iter().any(|d| {
                    d.rule == p.rule && d.range.start < p.sentence.end + grow && d.range.end > p.sentence.start
                })
            };
            if let Some(base) = &p.base
                && in_sentence(base, base.len().saturating_sub(p.text.len()))
            {
                inserted_false += 1;
                println!(
                    "inserted correct clause drew {}: {}: {}",
                    p.rule,
                    path.display(),
                    context(base, p.sentence.clone())
                );
            }
            let found = in_sentence(&p.text, 0);
            let t = tally.entry(p.rule).or_default();
            t.0 += 1;
            t.1 += usize::from(found);
            let f = by_folder.entry((p.rule, folder.clone())).or_default();
            f.0 += 1;
            f.1 += usize::from(found);
            if p.base.is_some() {
                *inserted.entry(p.rule).or_default() += 1;
            }
            if (verbose && !found) || all_plants {
                let what = if found { "found" } else { "missed" };
                println!("{what} {} {}: {}", p.rule, path.display(), p.text[p.sentence.clone()].replace('\n', "⏎"));
            }
        }
    }
    println!("planted errors found, per rule (and per folder; \"inserted\": made by inserting a clause):");
    let (mut planted, mut found) = (0, 0);
    for (rule, (n, k)) in &tally {
        let folders: Vec<String> =
            by_folder.iter().filter(|((r, _), _)| r == rule).map(|((_, f), (n, k))| format!("{f} {k}/{n}")).collect();
        let made = inserted.get(rule).map_or(String::new(), |i| format!(", {i} inserted"));
        println!("  {rule:16} {k:4} of {n:4} = {:5.1}%  ({}{made})", *k as f64 * 100.0 / *n as f64, folders.join(", "));
        planted += n;
        found += k;
    }
    println!("  {:16} {found:4} of {planted:4} = {:5.1}%", "overall", found as f64 * 100.0 / planted.max(1) as f64);
    println!("false findings on the unedited corpus (plain text), per folder:");
    let (mut all_words, mut all_false) = (0, 0);
    for (folder, (w, n)) in &folders {
        println!("  {folder:16} {n:3} in {w:7} words = {:.3} per 10,000 words", *n as f64 * 10_000.0 / *w as f64);
        all_words += w;
        all_false += n;
    }
    let rate = all_false as f64 * 10_000.0 / all_words as f64;
    println!("  {:16} {all_false:3} in {all_words:7} words = {rate:.3} per 10,000 words", "all");
    println!(
        "  (not counted: {vetted} findings of errors in the published text, vetted by hand: REAL_ERRORS); inserted correct clauses that drew a finding: {inserted_false}"
    );
    // Own sentences, reported apart: the rules the corpus has few instances of.
    let (own, own_false) = own_sentences(&config, verbose);
    println!("planted errors found in our own sentences (not the corpus), per rule:");
    let (mut own_planted, mut own_found) = (0, 0);
    for (rule, (n, k)) in &own {
        println!("  {rule:16} {k:4} of {n:4} = {:5.1}%", *k as f64 * 100.0 / *n as f64);
        own_planted += n;
        own_found += k;
    }
    println!(
        "  {:16} {own_found:4} of {own_planted:4} = {:5.1}%; unedited own texts with a finding: {own_false} of {}",
        "overall",
        own_found as f64 * 100.0 / own_planted.max(1) as f64,
        OWN.len()
    );
    assert!(rate < 0.05, "false findings: {rate:.3} per 10,000 words");
    assert_eq!(inserted_false, 0, "an inserted correct clause drew a finding");
    // Issue 26's targets: 90% overall, every rule 80% (met on 2026-12-07: 182 of 185, the
    // lowest rule figure/count at 13 of 16); own sentences all found (80 of 80).
    assert!(found * 100 >= planted * 90, "corpus: {found} of {planted} found");
    for (rule, (n, k)) in &tally {
        assert!(k * 100 >= n * 80, "{rule}: {k} of {n} found");
    }
    assert_eq!(own_false, 0, "an unedited own sentence drew a finding");
    assert!(own_found * 100 >= own_planted * 95, "own sentences: {own_found} of {own_planted} found");
    let weekday = tally.get("date/weekday").copied().unwrap_or_default();
    assert_eq!(weekday.0, weekday.1, "every planted weekday error is found");
}

/// Findings on the unedited corpus that are errors in the published text, checked by hand: not
/// counted as false findings. Each is `(folder/file, rule, text of the finding, why)`.
const REAL_ERRORS: &[(&str, &str, &str, &str)] = &[(
    "digitalgov-news/0064.txt",
    "figure/count",
    "10",
    "the sentence announces 10 languages and names nine (no tenth is named anywhere in the article)",
)];

// ---------------------------------------------------------------- planted errors, own sentences

/// Sentences of our own (not the corpus's), for the rules the corpus has few instances of: each
/// is `(rule, correct text, old, new)`; the planted error replaces the one occurrence of `old`
/// with `new`. The correct text must draw no figure or date finding; the edited text must draw a
/// finding of `rule`. Several are the patterns of issue 26, whether or not the rules catch them
/// yet: the measurement says.
const OWN: &[(&str, &str, &str, &str)] = &[
    // figure/change
    ("figure/change", "Sales rose from 200 to 250, a 25% increase, the company said.", "25%", "35%"),
    ("figure/change", "Membership fell from 9,400 to 8,100, or 14%, over the decade.", "14%", "24%"),
    ("figure/change", "Revenue climbed 25% to $250 million from $200 million in the quarter.", "25%", "30%"),
    (
        "figure/change",
        "Profit tripled to $21 million, or 45 cents a share, in the quarter, from $7 million.",
        "$21",
        "$30",
    ),
    ("figure/change", "The herd doubled from 40 to 80 animals in three years.", "80", "110"),
    ("figure/change", "Ticket sales slid to 3,000 from 4,000 a year earlier.", "slid", "climbed"),
    ("figure/change", "Exports jumped from $1.2 billion in 2019 to $1.5 billion in 2020, up 25%.", "25%", "35%"),
    ("figure/change", "Staff numbers were halved from 60 to 30 after the merger.", "to 30", "to 45"),
    ("figure/change", "The deficit narrowed to £3.2bn from £4bn, a drop of 20%.", "20%", "30%"),
    ("figure/change", "Enrolment grew from 1,500 to 1,800, an increase of 20 percent.", "20 percent", "30 percent"),
    ("figure/change", "Output trebled to 900 tonnes from 300 tonnes.", "900", "1,200"),
    ("figure/change", "Arrests fell from 52,000 in 2003 to 41,600 in 2004, a drop of 20%.", "20%", "30%"),
    ("figure/change", "Visits saw a 60% increase, from 500 visits to 800, after the launch.", "60%", "70%"),
    // figure/points
    (
        "figure/points",
        "The jobless rate rose from 6.9% to 7.2%, up 0.3 percentage points.",
        "0.3 percentage points",
        "0.3 percent",
    ),
    (
        "figure/points",
        "The jobless rate rose 0.3 percentage point to 7.2 percent from 6.9 percent.",
        "0.3 percentage point",
        "0.3 percent",
    ),
    ("figure/points", "Turnout fell from 64% to 58%, a drop of 6 points.", "6 points", "6 percent"),
    (
        "figure/points",
        "Support climbed to 41 percent from 35 percent, a gain of 6 percentage points.",
        "6 percentage points",
        "6 percent",
    ),
    ("figure/points", "The vacancy rate eased from 8.5% to 8.1%, down 0.4 points.", "0.4 points", "0.4 percent"),
    (
        "figure/points",
        "Its market share slipped 2 percentage points to 18% from 20%.",
        "2 percentage points",
        "2 percent",
    ),
    (
        "figure/points",
        "The savings rate rose from 3.5 percent to 4 percent, 0.5 percentage point higher.",
        "0.5 percentage point",
        "0.5 percent",
    ),
    ("figure/points", "Approval dropped to 39% from 44%, down 5 points in a month.", "5 points", "5%"),
    (
        "figure/points",
        "Mortgage rates climbed from 6.1% to 6.8%, up 0.7 percentage points on the year.",
        "0.7 percentage points",
        "0.7%",
    ),
    (
        "figure/points",
        "The poverty rate fell 1.2 percentage points, from 12.8% to 11.6%.",
        "1.2 percentage points",
        "1.2 percent",
    ),
    (
        "figure/points",
        "The jobless rate rose to 7.2 percent from 6.9 percent, up 0.3 percentage point.",
        "0.3 percentage point",
        "0.3 percent",
    ),
    (
        "figure/points",
        "Turnout rose from 40% registered voters to 46% registered voters, up 6 percentage points.",
        "6 percentage points",
        "6 percent",
    ),
    // figure/percent
    ("figure/percent", "Of the 40 owners surveyed, 12 (30%) said they would back the levy.", "30%", "35%"),
    ("figure/percent", "Nine of the 30 schools, or 30 percent, missed the deadline.", "30 percent", "40 percent"),
    ("figure/percent", "9 out of 30 schools or 30 percent reported a shortfall.", "30 percent", "40 percent"),
    ("figure/percent", "Just 15 of its 120 employees, or 12.5 percent, work remotely.", "12.5", "17.5"),
    ("figure/percent", "The district closed 6 of its 24 branches (25%) last year.", "25%", "35%"),
    ("figure/percent", "Of the 250 patients treated, 50, or 20 percent, were children.", "20 percent", "30 percent"),
    ("figure/percent", "In all, 18 of the 60 applicants (30%) were accepted.", "30%", "40%"),
    (
        "figure/percent",
        "About 12 percent of the staff, or 15 of its 125 employees, took leave.",
        "12 percent",
        "20 percent",
    ),
    ("figure/percent", "Only 45 of the 180 bridges, or 25%, need repair.", "25%", "35%"),
    ("figure/percent", "Inspectors failed 7 of 35 restaurants, or 20 percent, in March.", "20 percent", "30 percent"),
    (
        "figure/percent",
        "Online, $800 million in sales came from phones: 60% ($480 million) via apps and 35% ($280 million) via browsers.",
        "35%",
        "30%",
    ),
    (
        "figure/percent",
        "Of the 2.4 billion accounts in the survey:\n\n- 1.2 billion accounts or 50% are active\n- 600 million accounts or 25% are dormant\n",
        "25%",
        "30%",
    ),
    // figure/total
    ("figure/total", "Of the 30 staff, 12 were rehired, 10 retired and 8 left.", "12", "16"),
    ("figure/total", "Of the 40 cases, 25 were closed and 10 remain open.", "25", "35"),
    ("figure/total", "Lee won 52 percent, Park 44 percent and Cho 4 percent.", "52", "62"),
    ("figure/total", "Lee leads Park 52 percent to 44 percent in the latest poll.", "52", "62"),
    ("figure/total", "The mayor carried the county 58% to 39%.", "58%", "68%"),
    ("figure/total", "Of the 27 officers, 8 had left, four were fired and 15 were disciplined.", "15", "19"),
    ("figure/total", "Of the 120 members, 70 voted yes, 45 voted no and 5 abstained.", "70", "80"),
    ("figure/total", "In the survey, 48% said they approved and 46% said they disapproved.", "48%", "58%"),
    ("figure/total", "Of the 12 stations, five closed early and another seven stayed open.", "five", "eight"),
    ("figure/total", "Of the 50 trucks, 30 are in service and 15 are being repaired.", "30", "40"),
    // figure/conflict
    (
        "figure/conflict",
        "Visitors to the 22 parks rose last year. Rangers at the 22 parks said crowds were larger.",
        "at the 22",
        "at the 24",
    ),
    (
        "figure/conflict",
        "The council approved the $1.9 billion settlement on Monday. Critics said the $1.9 billion settlement was too small.",
        "said the $1.9",
        "said the $2.1",
    ),
    (
        "figure/conflict",
        "Okoro, 30, said the road was closed. Later Okoro, 30, said it had reopened.",
        "Later Okoro, 30",
        "Later Okoro, 31",
    ),
    (
        "figure/conflict",
        "Maria Smith, 45, said work would start in spring. The 45-year-old Smith said the budget was final.",
        "The 45",
        "The 46",
    ),
    (
        "figure/conflict",
        "Under questioning, the 41-year-old Hale denied the charge. Hale, 41, has lived in the town for years.",
        "Hale, 41",
        "Hale, 42",
    ),
    (
        "figure/conflict",
        "All 8 exchanges reopened on Tuesday. Traders said all 8 exchanges saw heavy volume.",
        "all 8",
        "all 9",
    ),
    (
        "figure/conflict",
        "The city paid $1.9 million for the land. Critics said the $1.9 million price was too high.",
        "$1.9 million price",
        "$1.9 billion price",
    ),
    (
        "figure/conflict",
        "The 14 schools will close in June. Parents at the 14 schools were told on Friday.",
        "at the 14",
        "at the 16",
    ),
    (
        "figure/conflict",
        "The 300 workers at the plant went on strike. A union official said the 300 workers wanted a raise.",
        "said the 300",
        "said the 360",
    ),
    (
        "figure/conflict",
        "Dana Reyes, 52, runs the shelter. Reyes, 52, said donations had fallen.",
        ". Reyes, 52",
        ". Reyes, 53",
    ),
    (
        "figure/conflict",
        "The fund paid $2.4 million for the site. Auditors said the $2.4 million purchase was rushed.",
        "$2.4 million purchase",
        "$2.4 billion purchase",
    ),
    (
        "figure/conflict",
        "Adaeze Okafor, 29, joined the crew in May. Later that week Okafor, 29, led the climb.",
        "Okafor, 29, led",
        "Okafor, 30, led",
    ),
    (
        "figure/conflict",
        "Port to cut 300 jobs\n\nThe port will cut 300 jobs by spring, its owner said.",
        "cut 300 jobs by",
        "cut 340 jobs by",
    ),
    // figure/count
    ("figure/count", "The plan has three parts: a new road, a bridge and a park.", "three", "four"),
    (
        "figure/count",
        "Officials named four of the hotels: the Grand, the Plaza, the Ritz and the Savoy.",
        "four",
        "five",
    ),
    (
        "figure/count",
        "The report lists six terms or phrases: levy, tariff, duty, excise, toll and fee.",
        "six",
        "seven",
    ),
    ("figure/count", "Regulators closed three small regional banks: Acme, Birch and Cedar.", "three", "two"),
    ("figure/count", "The team visited 4 cities: Paris, Lyon, Nice and Lille.", "4", "5"),
    ("figure/count", "She chose two colors: red and blue.", "two", "three"),
    (
        "figure/count",
        "The route has five stops: Main Street, the station, the mall, the school and the library.",
        "five",
        "six",
    ),
    ("figure/count", "The club offers three classes: painting, pottery and weaving.", "three", "four"),
    ("figure/count", "Applicants need two documents: a passport and a utility bill.", "two", "three"),
    ("figure/count", "The league has seven teams: Ash, Birch, Cedar, Elm, Fir, Oak and Pine.", "seven", "eight"),
    // date/sequence
    (
        "date/sequence",
        "---\ndate: 2023-04-02\n---\n\nThe city first reported the closure [last year](https://city.example.gov/news/2022/03/14/closure).\n",
        "2022",
        "2024",
    ),
    (
        "date/sequence",
        "---\ndate: 2021-06-30\n---\n\nSee the [earlier notice](https://agency.example.gov/2020/11/02/notice) for the rules.\n",
        "2020",
        "2022",
    ),
    (
        "date/sequence",
        "---\ndate: 2019-01-15\n---\n\nThe board [voted in March](https://example.org/2018/03/09/vote) to raise fees.\n",
        "2018",
        "2020",
    ),
    (
        "date/sequence",
        "---\ndate: 2024-10-01\n---\n\nRead [the first report](https://news.example.com/2024/02/20/report) on the spill.\n",
        "2024/02",
        "2025/02",
    ),
    (
        "date/sequence",
        "WASHINGTON, March 3, 2021 — The agency said its [earlier notice](https://agency.example.gov/2020/11/02/notice) still applies.\n",
        "2020",
        "2022",
    ),
    (
        "date/sequence",
        "LONDON, 4 May 2020 — Officials pointed to [last year's audit](https://example.co.uk/2019/07/01/audit).\n",
        "2019",
        "2021",
    ),
    (
        "date/sequence",
        "DENVER, Jan. 9, 2022 — The district's [budget story](https://example.com/2021/12/01/budget) set out the cuts.\n",
        "2021",
        "2023",
    ),
    (
        "date/sequence",
        "Original url: https://news.example.org/2022/09/12/harbor\n\nThe [related article](https://news.example.org/2021/05/03/dredging) covers the dredging.\n",
        "2021",
        "2025",
    ),
    (
        "date/sequence",
        "Original url: https://example.net/2020/02/02/fares\n\nFares rose, as [reported before](https://example.net/2019/12/30/fares-plan).\n",
        "2019",
        "2021",
    ),
    (
        "date/sequence",
        "Original url: https://example.gov/blog/2023/08/21/grants\n\nThe [grant call](https://example.gov/blog/2023/01/10/call) closed in spring.\n",
        "2023/01",
        "2024/01",
    ),
];

/// The own sentences: per rule, (planted, found), and the correct texts that drew a finding.
fn own_sentences(config: &Config, verbose: bool) -> (std::collections::BTreeMap<&'static str, (usize, usize)>, usize) {
    let mut tally: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    let mut false_findings = 0;
    for &(rule, correct, old, new) in OWN {
        assert_eq!(correct.matches(old).count(), 1, "one occurrence of {old:?} in {correct:?}");
        let figure = |d: &copydesk::Diagnostic| d.rule.starts_with("figure/") || d.rule.starts_with("date/");
        let base: Vec<_> = engine::check(correct, DocKind::Markdown, config).into_iter().filter(figure).collect();
        if !base.is_empty() {
            false_findings += 1;
            println!("own sentence drew a finding unedited: {correct:?}: {}", base[0].message);
        }
        let edited = correct.replacen(old, new, 1);
        let found = engine::check(&edited, DocKind::Markdown, config).iter().any(|d| d.rule == rule);
        let t = tally.entry(rule).or_default();
        t.0 += 1;
        t.1 += usize::from(found);
        if verbose && !found {
            println!("missed {rule} (own): {}", edited.replace('\n', "⏎"));
        }
    }
    (tally, false_findings)
}
