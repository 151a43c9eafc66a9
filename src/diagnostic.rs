//! Findings: the one [`Diagnostic`] type every check produces.
//!
//! Everything here is in byte offsets into the document's text. Turning offsets into lines and
//! columns is the job of [`crate::position`] alone.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Hint < Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::Hint, Severity::Info, Severity::Warning, Severity::Error];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|sev| sev.as_str() == s)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One replacement of a byte range of the document by new text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, text: impl Into<String>) -> Edit {
        Edit { range, text: text.into() }
    }
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit { range: at..at, text: text.into() }
    }
    pub fn delete(range: Range<usize>) -> Edit {
        Edit { range, text: String::new() }
    }
}

/// A fix travels with its diagnostic, so applying it never re-runs a check.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    /// What the fix does, as shown in a quick-fix menu ("Rejoin the URL").
    pub title: String,
    /// `true` when the fix is certainly what the writer meant: `copydesk fix` applies only safe fixes.
    pub safe: bool,
    /// Non-overlapping edits, in any order.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix { title: title.into(), safe: true, edits }
    }
    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix { title: title.into(), safe: false, edits }
    }
}

/// Another place in the same document that explains a finding (the other figure of a conflict).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
}

/// A finding of one rule over one byte range of one document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Stable, namespaced rule id (`url/malformed`): users write it in config and suppressions.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: Range<usize>,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// A diagnostic at the rule's default severity (the engine applies config overrides afterwards).
    pub fn new(rule: &crate::checks::Rule, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule: rule.id,
            severity: rule.default_severity,
            message: message.into(),
            range,
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fixes.push(fix);
        self
    }

    pub fn with_related(mut self, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.related.push(Related { range, message: message.into() });
        self
    }
}

/// Apply edits to `text`. Edits must not overlap; they may come in any order.
/// Returns `None` when two edits overlap or an edit is out of range / not on a char boundary.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Option<String> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in sorted {
        if e.range.start < pos
            || e.range.start > e.range.end
            || e.range.end > text.len()
            || !text.is_char_boundary(e.range.start)
            || !text.is_char_boundary(e.range.end)
        {
            return None;
        }
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.text);
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    Some(out)
}

/// The edits [`apply_safe_fixes`] makes: the first safe fix of each diagnostic, skipping fixes
/// that overlap one already taken; and how many fixes that is.
pub fn safe_edits(diagnostics: &[Diagnostic]) -> (Vec<Edit>, usize) {
    let mut taken: Vec<Edit> = Vec::new();
    let mut count = 0;
    for d in diagnostics {
        let Some(fix) = d.fixes.iter().find(|f| f.safe) else { continue };
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                e.range.start < t.range.end && t.range.start < e.range.end
                    || (e.range.start == t.range.start && (e.range.is_empty() || t.range.is_empty()))
            })
        });
        if overlaps {
            continue;
        }
        taken.extend(fix.edits.iter().cloned());
        count += 1;
    }
    (taken, count)
}

/// Apply the first safe fix of each diagnostic, skipping fixes that overlap one already taken.
/// Returns the new text and the number of fixes applied.
pub fn apply_safe_fixes(text: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    let (taken, count) = safe_edits(diagnostics);
    match apply_edits(text, &taken) {
        Some(new) => (new, count),
        None => (text.to_string(), 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_edits_in_any_order() {
        let edits = [Edit::replace(6..11, "there"), Edit::insert(0, ">> ")];
        assert_eq!(apply_edits("hello world", &edits).as_deref(), Some(">> hello there"));
    }

    #[test]
    fn overlapping_edits_are_refused() {
        let edits = [Edit::replace(0..5, "a"), Edit::replace(3..7, "b")];
        assert_eq!(apply_edits("hello world", &edits), None);
    }

    #[test]
    fn edit_inside_a_multibyte_char_is_refused() {
        assert_eq!(apply_edits("“hi”", &[Edit::delete(1..2)]), None);
    }
}
