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

/// Every rule copydesk knows: the checks' rules and the engine's own (suppressions).
pub fn all_rules() -> impl Iterator<Item = &'static Rule> {
    CHECKS.iter().flat_map(|c| c.rules().iter().copied()).chain(crate::suppress::RULES.iter().copied())
}

/// Look a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    all_rules().find(|r| r.id == id)
}
