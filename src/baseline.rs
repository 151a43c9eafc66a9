//! The baseline: findings recorded once and accepted, so a CI gate fails only on new ones.
//!
//! `copydesk check --write-baseline .copydesk-baseline.json` records every current finding by its
//! SARIF fingerprint (rule, path, the flagged text with its whitespace collapsed, and its
//! occurrence: no line numbers, so moved lines still match). `copydesk check --baseline
//! .copydesk-baseline.json` then leaves out the findings the file records. The reading and
//! writing are the CLI's (`src/cli/baseline.rs`); this module holds the rule it reports.
//!
//! # What it finds
//! `baseline/stale`: an entry of the baseline file that matches no finding any more, in a draft
//! that was checked in this run (the finding was fixed, or its text changed). It is reported on
//! the entry's line in the baseline file.
//!
//! # Why it matters
//! A baseline should only shrink. An entry that matches nothing would silently accept the same
//! problem if it came back, and a baseline nobody prunes soon hides more than it should.
//!
//! # Example
//! ```text
//! {"path": "drafts/ferry.md", "rule": "url/malformed", "fingerprint": "89d79fcf04ab7c8a", …}
//! ```
//! After the split URL in `drafts/ferry.md` is rejoined, this entry matches nothing: remove it,
//! or record the baseline again with `--write-baseline`.
//!
//! # Fix safety
//! No fix: rewrite the baseline with `--write-baseline`, which records only current findings.

use crate::checks::Rule;
use crate::diagnostic::Severity;

pub static STALE: Rule = Rule {
    id: "baseline/stale",
    default_severity: Severity::Info,
    summary: "A baseline entry that matches no finding any more",
    default_off: false,
    network: false,
};

pub static RULES: &[&Rule] = &[&STALE];
