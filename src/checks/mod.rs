//! The checks, and the one sorted list that registers them.
//!
//! **Architecture Invariant:** a check is a pure function of a parsed [`Document`] and the
//! [`Config`]: it pushes [`Diagnostic`]s (with their fixes) and touches nothing else. Checks never
//! see lines and columns, only byte ranges.
//!
//! To add a check: write `src/checks/<name>.rs` with a module doc in the four fixed sections
//! (`# What it finds`, `# Why it matters`, `# Example`, `# Fix safety`), declare its [`Rule`]s,
//! implement [`Check`] (with `needs_figures` if it reads [`Ctx::figures`]), add it to [`CHECKS`]
//! (kept sorted by name), write fixture tests in
//! `tests/`, and run `UPDATE_EXPECT=1 cargo test --test tidy` to refresh the README rule reference.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

pub mod date_sequence;
pub mod date_weekday;
pub mod figure_change;
pub mod figure_conflict;
pub mod figure_count;
pub mod figure_percent;
pub mod figure_points;
pub mod figure_style;
pub mod figure_total;
pub mod quote;
pub mod url_live;
pub mod url_malformed;

/// A rule: what users name in config and suppression comments.
#[derive(Debug)]
pub struct Rule {
    /// Stable, namespaced id, e.g. `url/malformed`. Never renamed once released.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line, for rule lists and SARIF `shortDescription`.
    pub summary: &'static str,
    /// Off unless the config turns it on.
    pub default_off: bool,
    /// Needs the network (skipped with `--offline` or `links.enabled = false`).
    pub network: bool,
}

/// What a check is given.
pub struct Ctx<'a, 't> {
    pub doc: &'a Document<'t>,
    pub config: &'a Config,
    /// The figure ledger, built on first use and shared by the figure checks (a `OnceLock`: on a
    /// large draft the engine builds it on a second thread, see [`crate::engine::run_local`]).
    figures: std::sync::OnceLock<crate::figures::Ledger>,
}

impl<'a, 't> Ctx<'a, 't> {
    pub fn new(doc: &'a Document<'t>, config: &'a Config) -> Self {
        Ctx { doc, config, figures: std::sync::OnceLock::new() }
    }

    /// The document's figure ledger, built once per document (see [`crate::figures`]).
    pub fn figures(&self) -> &crate::figures::Ledger {
        self.figures.get_or_init(|| crate::figures::Ledger::build(self.doc))
    }
}

/// A check: one file in `src/checks/`, any number of rules.
pub trait Check: Sync {
    /// The check's name: its file name.
    fn name(&self) -> &'static str;
    /// The rules this check can report.
    fn rules(&self) -> &'static [&'static Rule];
    /// Push findings for `ctx.doc` into `out`, at each rule's default severity.
    fn run(&self, ctx: &Ctx<'_, '_>, out: &mut Vec<Diagnostic>);
    /// Whether `run` reads [`Ctx::figures`]: the engine may then build the ledger ahead, on
    /// another thread, while the checks that do not need it run.
    fn needs_figures(&self) -> bool {
        false
    }
}

/// Every check, sorted by name. The tidy test keeps it sorted and complete.
pub static CHECKS: &[&dyn Check] = &[
    &date_sequence::DateSequence,
    &date_weekday::DateWeekday,
    &figure_change::FigureChange,
    &figure_conflict::FigureConflict,
    &figure_count::FigureCount,
    &figure_percent::FigurePercent,
    &figure_points::FigurePoints,
    &figure_style::FigureStyle,
    &figure_total::FigureTotal,
    &quote::QuoteCheck,
    &url_live::UrlLive,
    &url_malformed::UrlMalformed,
];

/// Every rule copydesk knows: the checks' rules, the engine's own (suppressions) and the
/// baseline's.
pub fn all_rules() -> impl Iterator<Item = &'static Rule> {
    CHECKS
        .iter()
        .flat_map(|c| c.rules().iter().copied())
        .chain(crate::suppress::RULES.iter().copied())
        .chain(crate::baseline::RULES.iter().copied())
}

/// Look a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    all_rules().find(|r| r.id == id)
}

// ---------------------------------------------------------------------------------------------
// Documentation

/// The source of each check (by [`Check::name`]), of the suppressions (`suppress`) and of the
/// baseline (`baseline`): their
/// module docs are the rules' documentation, read by [`rule_doc`] and [`reference`]. Compiled in,
/// so `copydesk rule ID` needs no file at run time; `tests/tidy.rs` keeps the list complete.
pub static SOURCES: &[(&str, &str)] = &[
    ("baseline", include_str!("../baseline.rs")),
    ("date_sequence", include_str!("date_sequence.rs")),
    ("date_weekday", include_str!("date_weekday.rs")),
    ("figure_change", include_str!("figure_change.rs")),
    ("figure_conflict", include_str!("figure_conflict.rs")),
    ("figure_count", include_str!("figure_count.rs")),
    ("figure_percent", include_str!("figure_percent.rs")),
    ("figure_points", include_str!("figure_points.rs")),
    ("figure_style", include_str!("figure_style.rs")),
    ("figure_total", include_str!("figure_total.rs")),
    ("quote", include_str!("quote.rs")),
    ("suppress", include_str!("../suppress.rs")),
    ("url_live", include_str!("url_live.rs")),
    ("url_malformed", include_str!("url_malformed.rs")),
];

/// Every documented group of rules: the source's name and its rules, sorted by their ids.
fn documented() -> Vec<(&'static str, Vec<&'static Rule>)> {
    let mut groups: Vec<(&'static str, Vec<&'static Rule>)> =
        CHECKS.iter().map(|c| (c.name(), c.rules().to_vec())).collect();
    groups.push(("suppress", crate::suppress::RULES.to_vec()));
    groups.push(("baseline", crate::baseline::RULES.to_vec()));
    groups.sort_by(|a, b| a.1.iter().map(|r| r.id).cmp(b.1.iter().map(|r| r.id)));
    groups
}

/// The module doc of `source` from its first fixed section (`# What it finds`) on, the sections
/// as bold paragraphs: the body of each rule's entry in the README's rule reference.
fn doc_body(source: &str) -> String {
    let text = SOURCES.iter().find(|(name, _)| *name == source).map_or("", |(_, text)| text);
    let doc: Vec<&str> =
        text.lines().filter_map(|l| l.strip_prefix("//!")).map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
    let start = doc.iter().position(|l| l.starts_with("# What it finds")).unwrap_or(doc.len());
    let mut out = String::new();
    for line in &doc[start..] {
        match line.strip_prefix("# ") {
            Some(heading) => out.push_str(&format!("**{heading}.**\n")),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// A rule's one-line summary with its default: `A URL that … (default: warning).`
pub fn summary_line(rule: &Rule) -> String {
    format!(
        "{} (default: {}{}).",
        rule.summary,
        rule.default_severity,
        if rule.default_off { ", off until enabled" } else { "" }
    )
}

/// A rule's documentation, in Markdown: `# id`, its summary line and its check's documentation,
/// the same text as its entry in the README's rule reference. `None` for an unknown id.
pub fn rule_doc(id: &str) -> Option<String> {
    let (source, _) = documented().into_iter().find(|(_, rules)| rules.iter().any(|r| r.id == id))?;
    let rule = rule(id)?;
    Some(format!("# {id}\n\n{}\n\n{}", summary_line(rule), doc_body(source)))
}

/// The README's rule reference (between its `rules:begin` and `rules:end` markers): for each
/// group of rules, each rule's anchor, heading and summary line, then the group's documentation.
pub fn reference() -> String {
    let mut out = String::from("\n");
    for (source, rules) in documented() {
        for r in rules {
            out.push_str(&format!(
                "<a id=\"{}\"></a>\n\n### {}\n\n{}\n\n",
                r.id.replace('/', "-"),
                r.id,
                summary_line(r)
            ));
        }
        out.push_str(&doc_body(source));
        out.push('\n');
    }
    out
}
