//! `--baseline FILE` and `--write-baseline FILE`: findings recorded once and accepted.
//!
//! The file (`version` 1) lists one entry per finding: its SARIF fingerprint
//! ([`output::fingerprints`]: rule, path, flagged text, occurrence; no line numbers), and for the
//! reader its path, rule, line and message. Only the fingerprint and the path are compared, so a
//! finding on a line that moved still matches. Entries for drafts not checked in this run are
//! left alone; entries for drafts checked that match nothing are `baseline/stale` findings, on
//! the entry's line of the baseline file.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{FileResult, Report, files, output};
use crate::diagnostic::Diagnostic;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    rule: String,
    fingerprint: String,
    #[serde(default)]
    line: u32,
    #[serde(default)]
    message: String,
}

/// Record every finding of `report` in `path`; returns how many.
pub fn write(report: &Report, path: &Path) -> Result<usize, String> {
    let mut findings = Vec::new();
    for file in report.files.iter().filter(|f| f.error.is_none()) {
        for (d, fingerprint) in file.diagnostics.iter().zip(output::fingerprints(file)) {
            findings.push(Entry {
                path: file.path.clone(),
                rule: d.rule.to_string(),
                fingerprint,
                line: file.lines.line_of(d.range.start.min(file.text.len())) as u32 + 1,
                message: d.message.clone(),
            });
        }
    }
    let n = findings.len();
    let mut text = serde_json::to_string_pretty(&BaselineFile { version: 1, findings }).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(path, text).map_err(|e| format!("cannot write the baseline {}: {e}", files::display_path(path)))?;
    Ok(n)
}

/// Leave out of `report` the findings `path` records, and add its stale entries (for drafts
/// checked in this run) as `baseline/stale` findings of the baseline file itself.
pub fn apply(report: &mut Report, path: &Path) -> Result<(), String> {
    let shown = files::display_path(path);
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the baseline {shown}: {e}"))?;
    let baseline: BaselineFile =
        serde_json::from_str(&text).map_err(|e| format!("{shown}: not a copydesk baseline: {e}"))?;
    if baseline.version != 1 {
        return Err(format!("{shown}: baseline version {} is not one this copydesk reads (1)", baseline.version));
    }
    let mut by_path: HashMap<&str, HashSet<&str>> = HashMap::new();
    for e in &baseline.findings {
        by_path.entry(&e.path).or_default().insert(&e.fingerprint);
    }
    let mut matched: HashSet<(String, String)> = HashSet::new();
    let mut checked: HashSet<String> = HashSet::new();
    for file in report.files.iter_mut().filter(|f| f.error.is_none()) {
        checked.insert(file.path.clone());
        let Some(accepted) = by_path.get(file.path.as_str()) else { continue };
        let prints = output::fingerprints(file);
        let mut kept = Vec::with_capacity(file.diagnostics.len());
        for (d, print) in std::mem::take(&mut file.diagnostics).into_iter().zip(prints) {
            if accepted.contains(print.as_str()) {
                matched.insert((file.path.clone(), print));
            } else {
                kept.push(d);
            }
        }
        file.diagnostics = kept;
    }
    let mut stale = Vec::new();
    let mut search_from = 0;
    for e in &baseline.findings {
        // Entries are found in file order: the n-th entry's fingerprint after the previous one.
        let quoted = format!("\"{}\"", e.fingerprint);
        let at = text[search_from..].find(&quoted).map_or(0, |i| search_from + i);
        search_from = at + quoted.len().min(text.len() - at);
        if !checked.contains(&e.path) || matched.contains(&(e.path.clone(), e.fingerprint.clone())) {
            continue;
        }
        stale.push(Diagnostic::new(
            &crate::baseline::STALE,
            at..at + quoted.len(),
            format!(
                "this baseline entry ({} in {}, line {}) matches no finding any more: remove it, or record the \
                 baseline again with --write-baseline",
                e.rule, e.path, e.line
            ),
        ));
    }
    if !stale.is_empty() {
        report.files.push(FileResult::checked(shown, text, stale));
        report.files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    Ok(())
}
