//! The data-driven test helpers every check test uses.
//!
//! A fixture is the draft with annotation lines under the lines they point at:
//!
//! ```text
//! See https://example.com/story-counteroff
//!     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ url/malformed
//! ensive-a78766 today.
//! ```
//!
//! An annotation line is spaces, carets, a space and a rule id (optionally `: message`, and then
//! the message is compared too). Annotation lines are removed before the draft is checked; the
//! carets sit under the first line of the finding, one per character (Unicode scalar value), and
//! run to the end of the finding or of its line. The helpers render the real findings the same way
//! and compare whole texts, so a failure shows the draft with both sets of annotations.
#![allow(dead_code)]

pub mod http;

use copydesk::diagnostic::apply_edits;
use copydesk::position::Encoding;
use copydesk::{Config, DocKind, Document, engine};

/// Strip the indentation common to all non-blank lines, and the first line if it is empty.
pub fn trim_indent(s: &str) -> String {
    let s = s.strip_prefix('\n').unwrap_or(s);
    let indent = s
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    s.split_inclusive('\n').map(|l| if l.len() >= indent { &l[indent..] } else { l.trim_start_matches(' ') }).collect()
}

fn is_annotation(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    t.starts_with('^') && t.trim_start_matches('^').starts_with(' ')
}

/// The draft without its annotation lines, and whether any annotation carries a message.
pub fn strip_annotations(fixture: &str) -> (String, bool) {
    let mut text = String::new();
    let mut with_messages = false;
    for line in fixture.split_inclusive('\n') {
        if is_annotation(line) {
            with_messages |= line.contains(": ");
        } else {
            text.push_str(line);
        }
    }
    (text, with_messages)
}

/// Render findings as annotation lines under the draft's lines.
pub fn render(text: &str, kind: DocKind, diags: &[copydesk::Diagnostic], with_messages: bool) -> String {
    let doc = Document::parse(text, kind);
    let mut out = String::new();
    for (line_no, line) in text.split_inclusive('\n').enumerate() {
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push('\n');
        }
        let range = doc.lines().line_range(line_no).unwrap();
        for d in diags.iter().filter(|d| doc.lines().line_of(d.range.start) == line_no) {
            let start = doc.lines().line_col(text, d.range.start, Encoding::Scalar).col as usize;
            let end_off = d.range.end.min(range.end).max(d.range.start);
            let end = doc.lines().line_col(text, end_off, Encoding::Scalar).col as usize;
            let carets = "^".repeat((end - start).max(1));
            out.push_str(&format!("{}{} {}", " ".repeat(start), carets, d.rule));
            if with_messages {
                out.push_str(&format!(": {}", d.message));
            }
            out.push('\n');
        }
    }
    out
}

fn config(toml: &str) -> Config {
    Config::from_toml(toml, "copydesk.toml").expect("fixture config is valid")
}

/// Check a Markdown fixture with the default config.
#[track_caller]
pub fn check(fixture: &str) {
    check_with(DocKind::Markdown, "", fixture)
}

/// Check a plain-text fixture with the default config.
#[track_caller]
pub fn check_plain(fixture: &str) {
    check_with(DocKind::Plain, "", fixture)
}

/// Check a fixture of the given kind under a config (TOML text).
#[track_caller]
pub fn check_with(kind: DocKind, config_toml: &str, fixture: &str) {
    let fixture = trim_indent(fixture);
    let (text, with_messages) = strip_annotations(&fixture);
    let diags = engine::check(&text, kind, &config(config_toml));
    let actual = render(&text, kind, &diags, with_messages);
    let expected = if fixture.ends_with('\n') { fixture.clone() } else { format!("{fixture}\n") };
    if actual != expected {
        panic!("findings differ\n--- expected\n{expected}--- actual\n{actual}---");
    }
}

/// Apply the first fix of the one finding that has fixes; compare with `after`.
#[track_caller]
pub fn check_fix(before: &str, after: &str) {
    check_fix_with(DocKind::Markdown, None, before, after)
}

#[track_caller]
pub fn check_fix_plain(before: &str, after: &str) {
    check_fix_with(DocKind::Plain, None, before, after)
}

/// Apply the fix titled `title` (or the first fix) of the one finding that has fixes.
#[track_caller]
pub fn check_fix_with(kind: DocKind, title: Option<&str>, before: &str, after: &str) {
    let before = trim_indent(before);
    let after = trim_indent(after);
    let diags = engine::check(&before, kind, &Config::default());
    let with_fixes: Vec<_> = diags.iter().filter(|d| !d.fixes.is_empty()).collect();
    assert_eq!(with_fixes.len(), 1, "expected exactly one finding with fixes, got {diags:#?}");
    let fixes = &with_fixes[0].fixes;
    let fix = match title {
        Some(t) => fixes.iter().find(|f| f.title == t).unwrap_or_else(|| panic!("no fix titled {t:?} in {fixes:#?}")),
        None => &fixes[0],
    };
    let fixed = apply_edits(&before, &fix.edits).expect("fix edits apply");
    assert_eq!(fixed, after, "\n--- fixed\n{fixed}--- expected\n{after}---");
    // A fixed draft no longer has that finding at that place.
    let again = engine::check(&fixed, kind, &Config::default());
    assert!(
        again.iter().all(|d| !(d.rule == with_fixes[0].rule
            && d.range.start == with_fixes[0].range.start
            && d.message == with_fixes[0].message)),
        "the fix did not fix it: {again:#?}"
    );
}

/// Whether the first fix of the finding is marked safe.
pub fn first_fix_is_safe(kind: DocKind, text: &str) -> bool {
    let diags = engine::check(&trim_indent(text), kind, &Config::default());
    diags.iter().find_map(|d| d.fixes.first()).expect("a fix").safe
}
