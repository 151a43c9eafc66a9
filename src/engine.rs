//! The engine: text and config in, diagnostics out.
//!
//! **Architecture Invariant:** the engine is pure. It reads no files, opens no sockets, spawns
//! no tasks and knows nothing of LSP; `tests/tidy.rs` fails if an engine module imports `std::fs`,
//! `std::net`, `tokio`, `tower_lsp*`, `lsp_types` or `reqwest`. The CLI and the server do the I/O.
//! One exception to "one thread": on a draft of [`PARALLEL_LEDGER_BYTES`] or more, [`run_local`]
//! runs the figure checks on a scoped thread beside the other checks and joins it before it
//! returns (no thread to be had: it runs them on its own).

use crate::checks::{CHECKS, Check, Ctx};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, apply_safe_fixes};
use crate::document::{DocKind, Document};
use crate::suppress::Suppressions;

/// Check one draft with every local (offline) check the config enables.
pub fn check(text: &str, kind: DocKind, config: &Config) -> Vec<Diagnostic> {
    let doc = Document::parse(text, kind);
    let raw = run_local(&doc, config);
    finish(&doc, raw, config, false)
}

/// What `copydesk fix` does to one draft: apply the safe fixes of a check, and while that changes
/// the text, check again and apply again (a fix can uncover or overlap another), at most four
/// passes. Returns the fixed text and the number of fixes applied.
pub fn fix(text: &str, kind: DocKind, config: &Config) -> (String, usize) {
    fix_after(text, check(text, kind, config), kind, config)
}

/// [`fix`] of a draft already checked (`diags` are `check(text, kind, config)`).
pub fn fix_after(text: &str, mut diags: Vec<Diagnostic>, kind: DocKind, config: &Config) -> (String, usize) {
    let mut text = text.to_string();
    let mut total = 0;
    for _ in 0..4 {
        let (fixed, n) = apply_safe_fixes(&text, &diags);
        if n == 0 || fixed == text {
            break;
        }
        total += n;
        text = fixed;
        diags = check(&text, kind, config);
    }
    (text, total)
}

/// Drafts at least this long run the figure checks (and build their ledger) on a second thread
/// while the other checks run (one 5 MB document: about a fifth off the wall time). Shorter drafts
/// are not worth a thread: a 2,000-word draft is checked in well under a millisecond.
pub const PARALLEL_LEDGER_BYTES: usize = 512 * 1024;

/// Run the local checks, at each rule's default severity, before config and suppressions.
///
/// The findings come in check order, the figure checks last when they ran on the second thread;
/// [`finish`] sorts them.
pub fn run_local(doc: &Document<'_>, config: &Config) -> Vec<Diagnostic> {
    let ctx = Ctx::new(doc, config);
    let mut out = Vec::new();
    let enabled = |check: &dyn Check| check.rules().iter().any(|r| !r.network && config.severity(r).is_some());
    let ahead = doc.text.len() >= PARALLEL_LEDGER_BYTES && CHECKS.iter().any(|c| c.needs_figures() && enabled(*c));
    if ahead {
        let figure_checks = || {
            let mut found = Vec::new();
            for check in CHECKS.iter().filter(|c| c.needs_figures() && enabled(**c)) {
                check.run(&ctx, &mut found);
            }
            found
        };
        let figures = std::thread::scope(|s| {
            let side = std::thread::Builder::new().spawn_scoped(s, figure_checks);
            for check in CHECKS.iter().filter(|c| !c.needs_figures() && enabled(**c)) {
                check.run(&ctx, &mut out);
            }
            match side {
                Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had (an error, not a panic): run them here.
                Err(_) => figure_checks(),
            }
        });
        out.extend(figures);
        return out;
    }
    for check in CHECKS {
        if enabled(*check) {
            check.run(&ctx, &mut out);
        }
    }
    out
}

/// Apply the config's severities and the draft's suppressions, report stale suppressions, and
/// sort. `network_ran` says whether the network rules' findings are among `raw`.
pub fn finish(doc: &Document<'_>, mut raw: Vec<Diagnostic>, config: &Config, network_ran: bool) -> Vec<Diagnostic> {
    let mut sup = Suppressions::parse(doc);
    // In position order, suppressions are applied in one sweep.
    sort(&mut raw);
    let mut out = Vec::with_capacity(raw.len());
    for mut d in raw {
        let Some(rule) = crate::checks::rule(d.rule) else { continue };
        let Some(sev) = config.severity(rule) else { continue };
        d.severity = sev;
        if !sup.suppresses(d.rule, d.range.start) {
            out.push(d);
        }
    }
    let ran =
        |id: &str| crate::checks::rule(id).is_some_and(|r| (network_ran || !r.network) && config.severity(r).is_some());
    for mut d in sup.report(doc, &ran, network_ran) {
        let Some(rule) = crate::checks::rule(d.rule) else { continue };
        if let Some(sev) = config.severity(rule) {
            d.severity = sev;
            out.push(d);
        }
    }
    sort(&mut out);
    out
}

/// The stable order of findings: by position, then rule, then message.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule, &a.message).cmp(&(b.range.start, b.range.end, b.rule, &b.message))
    });
}
