//! Inline suppressions in HTML comments, and the rules that keep them honest.
//!
//! ```markdown
//! <!-- copydesk-disable-next-line quote/unattributed -- reason -->
//! <!-- copydesk-disable url/malformed -->  …  <!-- copydesk-enable url/malformed -->
//! ```
//!
//! `disable-next-line` covers findings that start on the next non-blank line. `disable` covers
//! findings from the comment to the matching `enable` (or the end of the draft). Rules are listed
//! by id, separated by spaces or commas; `namespace/*` names a namespace; no rule at all means
//! every rule. Everything after ` -- ` is the reason, for the human reader.
//!
//! # What it finds
//! `suppress/unused`: a suppression comment that suppressed nothing (the problem was fixed, or the
//! rule id is for a rule that never fires there). `suppress/invalid`: a suppression comment that
//! names a rule copydesk does not know.
//!
//! # Why it matters
//! Stale suppressions pile up and hide the next real problem on that line. A misspelt rule id
//! silently suppresses nothing.
//!
//! # Example
//! ```markdown
//! <!-- copydesk-disable-next-line url/malformed -- fixed since -->
//! See https://example.com/story.
//! ```
//!
//! # Fix safety
//! `suppress/unused` offers a safe fix that deletes the comment (and its line, when the comment
//! stands alone on it). `suppress/invalid` has no fix.

use std::ops::Range;

use crate::checks::{self, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::Document;

pub static UNUSED: Rule = Rule {
    id: "suppress/unused",
    default_severity: Severity::Info,
    summary: "A suppression comment that suppresses nothing",
    default_off: false,
    network: false,
};

pub static INVALID: Rule = Rule {
    id: "suppress/invalid",
    default_severity: Severity::Warning,
    summary: "A suppression comment naming an unknown rule",
    default_off: false,
    network: false,
};

pub static RULES: &[&Rule] = &[&INVALID, &UNUSED];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    /// Findings starting in this byte range (the target line).
    Range(Range<usize>),
}

#[derive(Debug)]
struct Directive {
    comment: Range<usize>,
    /// Empty: every rule.
    rules: Vec<String>,
    scope: Scope,
    used: bool,
}

impl Directive {
    fn matches(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| rule_matches(r, rule))
    }
}

fn rule_matches(pattern: &str, rule: &str) -> bool {
    match pattern.strip_suffix("/*") {
        Some(ns) => rule.split('/').next() == Some(ns),
        None => pattern == rule,
    }
}

/// Parsed suppression comments of one document.
pub struct Suppressions {
    /// Sorted by the start of their scope.
    directives: Vec<Directive>,
    invalid: Vec<Diagnostic>,
    /// Sweep state for [`Suppressions::suppresses`]: directives before `next` have started;
    /// `active` are those of them whose scope may still cover the offsets to come.
    next: usize,
    active: Vec<usize>,
    last_offset: usize,
}

impl Suppressions {
    pub fn parse(doc: &Document<'_>) -> Suppressions {
        let mut directives = Vec::new();
        let mut invalid = Vec::new();
        // Open `disable` regions: (comment, rules, start offset).
        let mut open: Vec<(Range<usize>, Vec<String>, usize)> = Vec::new();
        for c in &doc.comments {
            let body = doc.text[c.body.clone()].trim();
            let (verb, rest) = match body.split_once(char::is_whitespace) {
                Some((v, r)) => (v, r),
                None => (body, ""),
            };
            if !matches!(verb, "copydesk-disable-next-line" | "copydesk-disable" | "copydesk-enable") {
                continue;
            }
            let list = rest.split_once(" --").map_or(rest, |(l, _)| l).trim();
            let list = if list.starts_with("--") { "" } else { list };
            let mut rules = Vec::new();
            for r in list.split([' ', ',', '\t', '\n']).filter(|r| !r.is_empty()) {
                let known = match r.strip_suffix("/*") {
                    Some(ns) => checks::all_rules().any(|x| x.id.split('/').next() == Some(ns)),
                    None => checks::rule(r).is_some(),
                };
                if known {
                    rules.push(r.to_string());
                } else {
                    invalid.push(Diagnostic::new(
                        &INVALID,
                        c.range.clone(),
                        format!("unknown rule '{r}' in suppression comment"),
                    ));
                }
            }
            if !list.is_empty() && rules.is_empty() {
                continue; // only unknown rules: do not widen it to every rule
            }
            match verb {
                "copydesk-disable-next-line" => {
                    let line = next_nonblank_line(doc, c.range.end);
                    directives.push(Directive {
                        comment: c.range.clone(),
                        rules,
                        scope: Scope::Range(line),
                        used: false,
                    });
                }
                "copydesk-disable" => open.push((c.range.clone(), rules, c.range.end)),
                _ => {
                    // enable: close matching regions (all, when no rule is named).
                    let mut i = 0;
                    while i < open.len() {
                        let closes =
                            rules.is_empty() || open[i].1.is_empty() || open[i].1.iter().any(|r| rules.contains(r));
                        if closes {
                            let (comment, rs, start) = open.remove(i);
                            directives.push(Directive {
                                comment,
                                rules: rs,
                                scope: Scope::Range(start..c.range.start),
                                used: false,
                            });
                        } else {
                            i += 1;
                        }
                    }
                }
            }
        }
        for (comment, rules, start) in open {
            directives.push(Directive { comment, rules, scope: Scope::Range(start..doc.text.len()), used: false });
        }
        directives.sort_by_key(|d| {
            let Scope::Range(r) = &d.scope;
            r.start
        });
        Suppressions { directives, invalid, next: 0, active: Vec::new(), last_offset: 0 }
    }

    /// Whether a finding of `rule` starting at `offset` is suppressed (and mark the suppression used).
    ///
    /// Called with offsets in increasing order, this is a sweep: each query looks only at the
    /// suppressions whose scope is open there. Out of order, it falls back to a full scan.
    pub fn suppresses(&mut self, rule: &str, offset: usize) -> bool {
        fn covers(d: &Directive, offset: usize) -> bool {
            let Scope::Range(r) = &d.scope;
            r.start <= offset && offset < r.end.max(r.start + 1)
        }
        if offset < self.last_offset {
            let mut hit = false;
            for d in &mut self.directives {
                if covers(d, offset) && d.matches(rule) {
                    d.used = true;
                    hit = true;
                }
            }
            return hit;
        }
        self.last_offset = offset;
        while let Some(d) = self.directives.get(self.next) {
            let Scope::Range(r) = &d.scope;
            if r.start > offset {
                break;
            }
            self.active.push(self.next);
            self.next += 1;
        }
        let directives = &mut self.directives;
        self.active.retain(|&i| {
            let Scope::Range(r) = &directives[i].scope;
            offset < r.end.max(r.start + 1)
        });
        let mut hit = false;
        for &i in &self.active {
            let d = &mut self.directives[i];
            if covers(d, offset) && d.matches(rule) {
                d.used = true;
                hit = true;
            }
        }
        hit
    }

    /// Findings about the suppressions themselves. `ran(rule)` says whether a rule was run on this
    /// document; a suppression is only called unused when every rule it names was run.
    pub fn report(self, doc: &Document<'_>, ran: &dyn Fn(&str) -> bool, all_ran: bool) -> Vec<Diagnostic> {
        let mut out = self.invalid;
        for d in self.directives {
            if d.used {
                continue;
            }
            let every_ran = if d.rules.is_empty() {
                all_ran
            } else {
                d.rules.iter().all(|r| checks::all_rules().filter(|x| rule_matches(r, x.id)).all(|x| ran(x.id)))
            };
            if !every_ran {
                continue;
            }
            let what = if d.rules.is_empty() { "any rule".to_string() } else { d.rules.join(", ") };
            out.push(
                Diagnostic::new(&UNUSED, d.comment.clone(), format!("this suppression of {what} suppresses nothing"))
                    .with_fix(Fix::safe(
                        "Remove the unused suppression",
                        vec![Edit::delete(removal_range(doc, d.comment))],
                    )),
            );
        }
        out
    }
}

/// The range of the line after `offset`'s line that is not blank.
fn next_nonblank_line(doc: &Document<'_>, offset: usize) -> Range<usize> {
    let mut line = doc.lines().line_of(offset) + 1;
    while let Some(r) = doc.lines().line_range(line) {
        if !doc.text[r.clone()].trim().is_empty() {
            return r;
        }
        line += 1;
    }
    doc.text.len()..doc.text.len()
}

/// The comment, widened to its whole line (with the line end) when it stands alone on it.
fn removal_range(doc: &Document<'_>, comment: Range<usize>) -> Range<usize> {
    let first = doc.lines().line_of(comment.start);
    let last = doc.lines().line_of(comment.end.saturating_sub(1).max(comment.start));
    let (Some(a), Some(b)) = (doc.lines().line_range(first), doc.lines().line_range(last)) else { return comment };
    // An unclosed comment runs to the end of the text, past the content of its last line.
    let after = comment.end.min(b.end);
    if doc.text[a.start..comment.start].trim().is_empty() && doc.text[after..b.end].trim().is_empty() {
        let end = doc.lines().line_range(last + 1).map_or(doc.text.len(), |n| n.start);
        a.start..end
    } else {
        comment
    }
}

/// The edit that disables `rule` for the line holding `offset`: a comment line
/// `<!-- copydesk-disable-next-line RULE -- REASON -->` inserted before it when it starts a
/// paragraph, or appended to the end of the line before it inside a paragraph (so a Markdown
/// paragraph is not split in two). Works in Markdown and plain text alike.
pub fn disable_next_line(text: &str, offset: usize, rule: &str, reason: &str) -> Edit {
    let comment = format!("<!-- copydesk-disable-next-line {rule} -- {reason} -->");
    let index = crate::position::LineIndex::new(text);
    let line = index.line_of(offset);
    let Some(this) = index.line_range(line) else { return Edit::insert(0, comment) };
    let prev = line.checked_sub(1).and_then(|l| index.line_range(l));
    match prev {
        Some(p) if !text[p.clone()].trim().is_empty() => Edit::insert(p.end, format!(" {comment}")),
        _ => {
            let eol = if text[this.end..].starts_with("\r\n") { "\r\n" } else { "\n" };
            Edit::insert(this.start, format!("{comment}{eol}"))
        }
    }
}
