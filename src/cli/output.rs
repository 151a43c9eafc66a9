//! Output formats: human, concise, json, sarif, github, gitlab, junit.
//!
//! Every writer is a pure function of a [`Report`]: it writes to the given sink and touches
//! nothing else. This is the only place (with the language server) where byte offsets become
//! lines and columns, and it asks [`crate::position`] to do it.
//!
//! # Lines and columns
//! Everywhere below, lines and columns are **1-based** and columns count **Unicode scalar
//! values** (Rust `char`s), so `“Hi” — 😀x` has `x` at column 8. An end position is exclusive:
//! it is the position just after the last flagged character.
//!
//! # The JSON contract (`--format json`, version 1)
//! One pretty-printed object, followed by a newline:
//!
//! ```json
//! {
//!   "version": 1,
//!   "files": [
//!     {
//!       "path": "drafts/a.md",
//!       "diagnostics": [
//!         {
//!           "rule": "url/malformed",
//!           "severity": "warning",
//!           "message": "…",
//!           "start": { "offset": 120, "line": 12, "column": 5 },
//!           "end": { "offset": 160, "line": 13, "column": 14 },
//!           "related": [{ "message": "…", "start": {…}, "end": {…} }],
//!           "fixes": [{ "title": "Rejoin the URL", "safe": true,
//!                       "edits": [{ "start": 156, "end": 158, "text": "" }] }]
//!         }
//!       ]
//!     },
//!     { "path": "drafts/b.md", "error": "stream did not contain valid UTF-8", "diagnostics": [] }
//!   ],
//!   "summary": { "files": 2, "errors": 0, "warnings": 1, "infos": 0, "hints": 0, "failed": 1 }
//! }
//! ```
//!
//! - `version` changes only when a field changes meaning or disappears; new fields may appear.
//! - every file given is listed, in the report's (sorted) order, findings or not;
//! - `error` is present only for a file that could not be checked, whose `diagnostics` is empty;
//! - `severity` is one of `error`, `warning`, `info`, `hint`;
//! - `offset` is a byte offset into the file as read (UTF-8), `line` and `column` are 1-based,
//!   `column` counts Unicode scalar values, `end` is exclusive;
//! - fix edits' `start` and `end` are byte offsets (end exclusive); a fix's edits never overlap,
//!   and `safe` fixes are the ones `copydesk fix` applies.
//!
//! # SARIF
//! SARIF 2.1.0, one run, `columnKind` `unicodeCodePoints`. Each result carries a
//! `partialFingerprints["copydesk/v1"]`: an FNV-1a 64-bit hash of the rule id, the path, the
//! flagged text with its whitespace collapsed, and how many earlier findings of that rule in the
//! file flagged the same text. It does not move when lines are added above the finding.

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;

use anstyle::{AnsiColor, Color, Style};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::checks::{self, Rule};
use crate::cli::{FileResult, Report, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::position::Encoding;

/// The output formats of `copydesk check`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// rustc-style findings with the flagged source line, for a person at a terminal.
    Human,
    /// The documented JSON contract (version 1), for scripts.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands, which become annotations on a pull request.
    Github,
    /// One line per finding, `path:line:col: severity[rule] message`, for errorformat, efm and grep.
    Concise,
    /// GitLab Code Quality JSON (a `codequality` report artifact), for merge request widgets.
    Gitlab,
    /// JUnit XML: one test suite per file, one failing test case per finding.
    Junit,
}

/// Write `report` in `format`. `color` matters only for [`Format::Human`].
pub fn write(format: Format, report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    match format {
        Format::Human => write_human(report, out, color),
        Format::Json => write_json(report, out),
        Format::Sarif => write_sarif(report, out),
        Format::Github => write_github(report, out),
        Format::Concise => write_concise(report, out),
        Format::Gitlab => write_gitlab(report, out),
        Format::Junit => write_junit(report, out),
    }
}

// ---------------------------------------------------------------------------------------------
// Positions

/// A byte offset with its 1-based line and 1-based column in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
struct Pos {
    offset: usize,
    line: u32,
    column: u32,
}

/// Clamp `offset` into `text` and back onto a character boundary, so that the offset we print
/// and the line/column we print always agree.
fn clamp_offset(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// `range`, clamped into `text`, on character boundaries, with `start <= end`.
fn clamp_range(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = clamp_offset(text, range.start);
    let end = clamp_offset(text, range.end).max(start);
    start..end
}

fn pos(file: &FileResult, offset: usize) -> Pos {
    let offset = clamp_offset(&file.text, offset);
    let lc = file.lines.line_col(&file.text, offset, Encoding::Scalar);
    Pos { offset, line: lc.line + 1, column: lc.col + 1 }
}

fn level_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

// ---------------------------------------------------------------------------------------------
// Human

const BOLD: Style = Style::new().bold();
const RED: Style = bold_colour(AnsiColor::Red);
const YELLOW: Style = bold_colour(AnsiColor::Yellow);
const CYAN: Style = bold_colour(AnsiColor::Cyan);
const BLUE: Style = bold_colour(AnsiColor::Blue);

const fn bold_colour(colour: AnsiColor) -> Style {
    Style::new().bold().fg_color(Some(Color::Ansi(colour)))
}

/// ANSI styling (anstyle) that is a no-op when colour is off. Whether it is on is the caller's
/// decision (`--color`, and for `auto` anstream's reading of the terminal and the environment).
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn paint(self, style: Style, s: &str) -> String {
        if self.0 && !s.is_empty() { format!("{style}{s}{style:#}") } else { s.to_string() }
    }
}

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Info | Severity::Hint => CYAN,
    }
}

/// Characters that would garble a terminal (control characters, bidirectional overrides):
/// the source line shows U+FFFD in their place.
fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn render_char(c: char, into: &mut String) {
    if c == '\t' {
        into.push_str("    ");
    } else if is_hidden_control(c) {
        into.push('\u{FFFD}');
    } else {
        into.push(c);
    }
}

/// The line `line` (a byte range of `text`) as shown, the display column where `span` starts on
/// it, and how many display columns of `span` lie on it (at least one).
///
/// Widths are those of the rendered text (tabs as four spaces, hidden controls as U+FFFD), as
/// `unicode-width` measures them: East Asian Width, combining and other zero-width marks, emoji
/// presentation and ZWJ sequences.
fn render_line(text: &str, line: Range<usize>, span: &Range<usize>) -> (String, usize, usize) {
    let mut shown = String::with_capacity(line.len());
    let (mut span_from, mut span_to) = (None, None);
    for (i, c) in text[line.clone()].char_indices() {
        let at = line.start + i;
        if at >= span.start && span_from.is_none() {
            span_from = Some(shown.len());
        }
        if at >= span.end && span_to.is_none() {
            span_to = Some(shown.len());
        }
        render_char(c, &mut shown);
    }
    let from = span_from.unwrap_or(shown.len());
    let to = span_to.unwrap_or(shown.len()).max(from);
    let (pad, carets) = (shown[..from].width(), shown[from..to].width().max(1));
    (shown, pad, carets)
}

/// rustc-style output for a person: each finding with its source line and carets, files that
/// could not be checked, and a summary line. ANSI colour only when `color` is true.
pub fn write_human(report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let paint = Paint(color);
    let mut files_with_findings = 0;
    for file in &report.files {
        if let Some(error) = &file.error {
            writeln!(out, "{}: {}: {}", paint.paint(RED, "error"), file.path, error)?;
            writeln!(out)?;
            continue;
        }
        if !file.diagnostics.is_empty() {
            files_with_findings += 1;
        }
        for d in &file.diagnostics {
            write_human_diagnostic(file, d, out, paint)?;
            writeln!(out)?;
        }
    }
    let line = summary_line(report.summary(), files_with_findings);
    writeln!(out, "{}", paint.paint(BOLD, &line))
}

fn write_human_diagnostic(file: &FileResult, d: &Diagnostic, out: &mut dyn Write, paint: Paint) -> io::Result<()> {
    let text = &file.text;
    let range = clamp_range(text, &d.range);
    let start = pos(file, range.start);
    let style = severity_style(d.severity);
    let header = format!("{}[{}]", d.severity, d.rule);
    writeln!(out, "{}{}", paint.paint(style, &header), paint.paint(BOLD, &format!(": {}", d.message)))?;

    let number = start.line.to_string();
    let gutter = " ".repeat(number.len());
    writeln!(out, "{gutter}{} {}:{}:{}", paint.paint(BLUE, "-->"), file.path, start.line, start.column)?;
    let bar = paint.paint(BLUE, &format!("{gutter} |"));
    writeln!(out, "{bar}")?;

    let line_index = (start.line - 1) as usize;
    let line = file.lines.line_range(line_index).unwrap_or(range.start..range.start);
    let (shown, pad, width) = render_line(text, line, &range);
    let numbered = paint.paint(BLUE, &format!("{number} |"));
    if shown.is_empty() {
        writeln!(out, "{numbered}")?;
    } else {
        writeln!(out, "{numbered} {shown}")?;
    }
    writeln!(out, "{bar} {}{}", " ".repeat(pad), paint.paint(style, &"^".repeat(width)))?;

    let eq = paint.paint(BLUE, &format!("{gutter} ="));
    for r in &d.related {
        let at = pos(file, r.range.start);
        writeln!(out, "{eq} {}: {} (at {}:{})", paint.paint(BOLD, "note"), r.message, at.line, at.column)?;
    }
    for f in &d.fixes {
        let kind = if f.safe { "fix (safe)" } else { "fix (unsafe)" };
        writeln!(out, "{eq} {}: {}", paint.paint(BOLD, kind), f.title)?;
    }
    Ok(())
}

/// `1 error, 3 warnings in 2 files (5 files checked)`, `no findings in 5 files`, and when some
/// files could not be checked, how many.
fn summary_line(s: Summary, files_with_findings: usize) -> String {
    let counts: Vec<String> = [
        (s.errors, "error", "errors"),
        (s.warnings, "warning", "warnings"),
        (s.infos, "info", "infos"),
        (s.hints, "hint", "hints"),
    ]
    .into_iter()
    .filter(|&(n, _, _)| n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    let checked = s.files - s.failed;
    let failed = (s.failed > 0).then(|| format!("{} could not be checked", plural(s.failed, "file", "files")));
    if counts.is_empty() {
        let mut line = format!("no findings in {}", plural(checked, "file", "files"));
        if let Some(failed) = failed {
            line.push_str(&format!(" ({failed})"));
        }
        line
    } else {
        let mut line = format!(
            "{} in {} ({} checked",
            counts.join(", "),
            plural(files_with_findings, "file", "files"),
            plural(checked, "file", "files")
        );
        if let Some(failed) = failed {
            line.push_str(&format!(", {failed}"));
        }
        line.push(')');
        line
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    start: Pos,
    end: Pos,
    related: Vec<JsonRelated<'a>>,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    message: &'a str,
    start: Pos,
    end: Pos,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    safe: bool,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    hints: usize,
    failed: usize,
}

/// The JSON contract described in the module documentation.
pub fn write_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let files = report.files.iter().map(json_file).collect();
    let s = report.summary();
    let summary = JsonSummary {
        files: s.files,
        errors: s.errors,
        warnings: s.warnings,
        infos: s.infos,
        hints: s.hints,
        failed: s.failed,
    };
    let doc = JsonReport { version: 1, files, summary };
    // Into memory first, then one write: serde_json writes token by token, and through `dyn
    // Write` each token was a call (a third of a 5 MB run's time).
    let mut bytes = serde_json::to_vec_pretty(&doc)?;
    bytes.push(b'\n');
    out.write_all(&bytes)
}

fn json_file(file: &FileResult) -> JsonFile<'_> {
    let diagnostics = if file.error.is_some() {
        Vec::new()
    } else {
        file.diagnostics.iter().map(|d| json_diagnostic(file, d)).collect()
    };
    JsonFile { path: &file.path, error: file.error.as_deref(), diagnostics }
}

fn json_diagnostic<'a>(file: &FileResult, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let range = clamp_range(&file.text, &d.range);
    JsonDiagnostic {
        rule: d.rule,
        severity: d.severity,
        message: &d.message,
        start: pos(file, range.start),
        end: pos(file, range.end),
        related: d
            .related
            .iter()
            .map(|r| {
                let range = clamp_range(&file.text, &r.range);
                JsonRelated { message: &r.message, start: pos(file, range.start), end: pos(file, range.end) }
            })
            .collect(),
        fixes: d
            .fixes
            .iter()
            .map(|f| JsonFix {
                title: &f.title,
                safe: f.safe,
                edits: f
                    .edits
                    .iter()
                    .map(|e| JsonEdit { start: e.range.start, end: e.range.end, text: &e.text })
                    .collect(),
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// SARIF

const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/copydesk/copydesk";
const README_RULES: &str = "https://github.com/copydesk/copydesk/blob/main/README.md#";
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct SarifLog<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [SarifRun<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    tool: SarifTool,
    invocations: [SarifInvocation<'a>; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct SarifTool {
    driver: SarifDriver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifDriver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<SarifRule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule {
    id: &'static str,
    short_description: SarifText<'static>,
    help_uri: String,
    default_configuration: SarifRuleConfig,
}

#[derive(Serialize)]
struct SarifRuleConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    level: &'static str,
}

#[derive(Serialize)]
struct SarifText<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifInvocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<SarifNotification<'a>>,
}

#[derive(Serialize)]
struct SarifNotification<'a> {
    level: &'static str,
    message: SarifText<'a>,
    locations: Vec<SarifLocation<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: SarifPhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<SarifText<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifPhysicalLocation<'a> {
    artifact_location: SarifArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<SarifRegion<'a>>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct SarifArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion<'a> {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    byte_offset: usize,
    byte_length: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<SarifText<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: SarifText<'a>,
    locations: Vec<SarifLocation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
    partial_fingerprints: SarifFingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

/// `partialFingerprints`: bump the key's version if the recipe in [`fingerprints`] ever changes.
#[derive(Serialize)]
struct SarifFingerprints {
    #[serde(rename = "copydesk/v1")]
    v1: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: SarifText<'a>,
    artifact_changes: [SarifArtifactChange<'a>; 1],
    properties: SarifFixProperties,
}

#[derive(Serialize)]
struct SarifFixProperties {
    /// Whether `copydesk fix` applies the fix.
    safe: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifArtifactChange<'a> {
    artifact_location: SarifArtifactLocation,
    replacements: Vec<SarifReplacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifReplacement<'a> {
    deleted_region: SarifByteRegion,
    inserted_content: SarifText<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

/// SARIF 2.1.0: one run, every rule copydesk knows, one result per finding, and files that could
/// not be checked as tool execution notifications.
pub fn write_sarif(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<&'static Rule> = checks::all_rules().collect();
    let rule_index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let driver = SarifDriver {
        name: "copydesk",
        version: env!("CARGO_PKG_VERSION"),
        information_uri: INFORMATION_URI,
        rules: rules.iter().map(|r| sarif_rule(r)).collect(),
    };

    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for file in &report.files {
        let artifact = artifact_location(&file.path);
        if let Some(error) = &file.error {
            notifications.push(SarifNotification {
                level: "error",
                message: SarifText { text: error },
                locations: vec![SarifLocation {
                    id: None,
                    physical_location: SarifPhysicalLocation { artifact_location: artifact, region: None },
                    message: None,
                }],
            });
            continue;
        }
        let prints = fingerprints(file);
        for (d, print) in file.diagnostics.iter().zip(prints) {
            results.push(sarif_result(file, d, &artifact, rule_index.get(d.rule).copied(), print));
        }
    }

    let log = SarifLog {
        schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [SarifRun {
            tool: SarifTool { driver },
            invocations: [SarifInvocation {
                execution_successful: notifications.is_empty(),
                tool_execution_notifications: notifications,
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut bytes = serde_json::to_vec_pretty(&log)?;
    bytes.push(b'\n');
    out.write_all(&bytes)
}

fn sarif_rule(rule: &'static Rule) -> SarifRule {
    SarifRule {
        id: rule.id,
        short_description: SarifText { text: rule.summary },
        help_uri: format!("{README_RULES}{}", rule.id.replace('/', "-")),
        default_configuration: SarifRuleConfig {
            enabled: rule.default_off.then_some(false),
            level: level_name(rule.default_severity),
        },
    }
}

fn sarif_region<'a>(file: &'a FileResult, range: &Range<usize>) -> SarifRegion<'a> {
    let range = clamp_range(&file.text, range);
    let (start, end) = (pos(file, range.start), pos(file, range.end));
    let flagged = &file.text[range.clone()];
    SarifRegion {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_offset: range.start,
        byte_length: range.len(),
        snippet: (!flagged.is_empty()).then_some(SarifText { text: flagged }),
    }
}

fn sarif_result<'a>(
    file: &'a FileResult,
    d: &'a Diagnostic,
    artifact: &SarifArtifactLocation,
    rule_index: Option<usize>,
    fingerprint: String,
) -> SarifResult<'a> {
    let location = SarifLocation {
        id: None,
        physical_location: SarifPhysicalLocation {
            artifact_location: artifact.clone(),
            region: Some(sarif_region(file, &d.range)),
        },
        message: None,
    };
    let related_locations = d
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| SarifLocation {
            id: Some(i),
            physical_location: SarifPhysicalLocation {
                artifact_location: artifact.clone(),
                region: Some(sarif_region(file, &r.range)),
            },
            message: Some(SarifText { text: &r.message }),
        })
        .collect();
    // SARIF wants at least one change, with at least one replacement, per fix.
    let fixes = d
        .fixes
        .iter()
        .filter(|f| !f.edits.is_empty())
        .map(|f| {
            let mut edits: Vec<_> = f.edits.iter().collect();
            edits.sort_by_key(|e| (e.range.start, e.range.end));
            SarifFix {
                description: SarifText { text: &f.title },
                artifact_changes: [SarifArtifactChange {
                    artifact_location: artifact.clone(),
                    replacements: edits
                        .into_iter()
                        .map(|e| SarifReplacement {
                            deleted_region: SarifByteRegion {
                                byte_offset: e.range.start,
                                byte_length: e.range.end.saturating_sub(e.range.start),
                            },
                            inserted_content: SarifText { text: &e.text },
                        })
                        .collect(),
                }],
                properties: SarifFixProperties { safe: f.safe },
            }
        })
        .collect();
    SarifResult {
        rule_id: d.rule,
        rule_index,
        level: level_name(d.severity),
        message: SarifText { text: &d.message },
        locations: vec![location],
        related_locations,
        partial_fingerprints: SarifFingerprints { v1: fingerprint },
        fixes,
    }
}

/// A relative path becomes a relative URI against `%SRCROOT%`; an absolute one a `file:` URI.
fn artifact_location(path: &str) -> SarifArtifactLocation {
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if path.starts_with('/') {
        SarifArtifactLocation { uri: format!("file://{}", encode_uri_path(path)), uri_base_id: None }
    } else if drive {
        let rest = encode_uri_path(&path[2..]);
        SarifArtifactLocation { uri: format!("file:///{}:{rest}", &path[..1]), uri_base_id: None }
    } else {
        SarifArtifactLocation { uri: encode_uri_path(path), uri_base_id: Some(SRCROOT) }
    }
}

/// Percent-encode a `/`-separated path for use as a URI path. `:` is encoded too, so that a
/// relative path like `notes:draft.md` is not read as a URI with scheme `notes`.
fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// FNV-1a, 64 bits: tiny, and the same on every platform and Rust version (unlike std's
/// `DefaultHasher`), which is what a fingerprint stored by a code-scanning service needs.
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    /// A field, then a separator no UTF-8 text contains, so `("ab", "c")` ≠ `("a", "bc")`.
    fn field(&mut self, bytes: &[u8]) {
        self.write(bytes);
        self.write(&[0xff]);
    }
}

/// One `copydesk/v1` fingerprint per diagnostic of `file`, in the same order.
///
/// The hash covers the rule id, the path, the flagged text with its whitespace collapsed (so
/// re-wrapping or CRLF ↔ LF does not change it) and the occurrence index: how many findings of
/// the same rule over the same collapsed text come before this one in the file. Nothing
/// positional goes in, so adding lines above a finding keeps its fingerprint.
pub fn fingerprints(file: &FileResult) -> Vec<String> {
    let diagnostics = &file.diagnostics;
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by_key(|&i| (diagnostics[i].range.start, diagnostics[i].range.end));
    let mut seen: HashMap<(&str, String), u64> = HashMap::new();
    let mut prints = vec![String::new(); diagnostics.len()];
    for i in order {
        let d = &diagnostics[i];
        let range = clamp_range(&file.text, &d.range);
        let collapsed = file.text[range].split_whitespace().collect::<Vec<_>>().join(" ");
        let mut hash = Fnv1a::new();
        hash.field(d.rule.as_bytes());
        hash.field(file.path.as_bytes());
        hash.field(collapsed.as_bytes());
        let occurrence = seen.entry((d.rule, collapsed)).or_insert(0);
        hash.field(occurrence.to_string().as_bytes());
        *occurrence += 1;
        prints[i] = format!("{:016x}", hash.0);
    }
    prints
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions

/// Escape the data (message) part of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands, one per line, which GitHub shows as annotations.
///
/// Columns are given only when a finding starts and ends on the same line: GitHub's annotations
/// cannot carry columns across lines. Related locations follow the message on lines of their own.
pub fn write_github(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        let path = escape_property(&file.path);
        if let Some(error) = &file.error {
            writeln!(out, "::error file={path}::{}", escape_data(error))?;
            continue;
        }
        for d in &file.diagnostics {
            let range = clamp_range(&file.text, &d.range);
            let (start, mut end) = (pos(file, range.start), pos(file, range.end));
            // A finding that takes its line break would otherwise mark the next line too.
            if end.column == 1
                && end.line > start.line
                && let Some(previous) = file.lines.line_range(end.line as usize - 2)
            {
                end = pos(file, previous.end);
            }
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let location = if start.line == end.line {
                format!("line={},col={},endLine={},endColumn={}", start.line, start.column, end.line, end.column)
            } else {
                format!("line={},endLine={}", start.line, end.line)
            };
            let mut message = d.message.clone();
            for r in &d.related {
                let at = pos(file, r.range.start);
                message.push_str(&format!("\nnote: {} (at {}:{})", r.message, at.line, at.column));
            }
            writeln!(
                out,
                "::{command} file={path},{location},title={}::{}",
                escape_property(d.rule),
                escape_data(&message)
            )?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Concise

/// A message on one line: line breaks (a related note, a long explanation) become spaces.
fn one_line(message: &str) -> String {
    message.split(['\r', '\n']).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// One line per finding, `path:line:col: severity[rule] message`, sorted like the report; a file
/// that could not be checked is `path:1:1: error: why`. Lines and columns as everywhere (1-based,
/// Unicode scalar values), so vim's `%f:%l:%c: %m` and grep read it.
pub fn write_concise(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut buf = String::new();
    for file in &report.files {
        if let Some(error) = &file.error {
            buf.push_str(&format!("{}:1:1: error: {}\n", file.path, one_line(error)));
            continue;
        }
        for d in &file.diagnostics {
            let at = pos(file, clamp_range(&file.text, &d.range).start);
            let message = one_line(&d.message);
            buf.push_str(&format!("{}:{}:{}: {}[{}] {message}\n", file.path, at.line, at.column, d.severity, d.rule));
        }
    }
    out.write_all(buf.as_bytes())
}

// ---------------------------------------------------------------------------------------------
// GitLab Code Quality

#[derive(Serialize)]
struct GitlabIssue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'a str,
    description: String,
    severity: &'static str,
    fingerprint: String,
    location: GitlabLocation<'a>,
}

#[derive(Serialize)]
struct GitlabLocation<'a> {
    path: &'a str,
    lines: GitlabLines,
}

#[derive(Serialize)]
struct GitlabLines {
    begin: u32,
    end: u32,
}

/// The name a file that could not be checked is reported under in GitLab's report.
pub const GITLAB_UNREADABLE: &str = "copydesk/unreadable";

/// GitLab Code Quality: a JSON array of Code Climate issues (`description`, `check_name`,
/// `fingerprint`, `severity`, `location.path`, `location.lines.begin`), the subset GitLab reads.
/// Severities: error → `major`, warning → `minor`, info and hint → `info`. The fingerprint is the
/// SARIF one, so an issue keeps it when lines are added above it (GitLab compares fingerprints
/// between the base and the head of a merge request). A file that could not be checked is one
/// `critical` issue on its line 1 named `copydesk/unreadable`.
pub fn write_gitlab(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut issues = Vec::new();
    for file in &report.files {
        if let Some(error) = &file.error {
            let mut hash = Fnv1a::new();
            hash.field(GITLAB_UNREADABLE.as_bytes());
            hash.field(file.path.as_bytes());
            issues.push(GitlabIssue {
                kind: "issue",
                check_name: GITLAB_UNREADABLE,
                description: one_line(error),
                severity: "critical",
                fingerprint: format!("{:016x}", hash.0),
                location: GitlabLocation { path: &file.path, lines: GitlabLines { begin: 1, end: 1 } },
            });
            continue;
        }
        for (d, fingerprint) in file.diagnostics.iter().zip(fingerprints(file)) {
            let range = clamp_range(&file.text, &d.range);
            let (start, end) = (pos(file, range.start), pos(file, range.end));
            // A finding that takes its line break ends on that line, not the next.
            let (begin, end) =
                (start.line, if end.column == 1 && end.line > start.line { end.line - 1 } else { end.line });
            issues.push(GitlabIssue {
                kind: "issue",
                check_name: d.rule,
                description: one_line(&d.message),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info | Severity::Hint => "info",
                },
                fingerprint,
                location: GitlabLocation { path: &file.path, lines: GitlabLines { begin, end: end.max(begin) } },
            });
        }
    }
    let mut bytes = serde_json::to_vec_pretty(&issues)?;
    bytes.push(b'\n');
    out.write_all(&bytes)
}

// ---------------------------------------------------------------------------------------------
// JUnit

/// JUnit XML (through `quick-junit`, the serializer cargo-nextest uses): a `<testsuites
/// name="copydesk">` with one `<testsuite>` per file, named by its path. Each finding is a
/// `<testcase>` named `rule at line:column` (classname: the path) with a `<failure>` whose `type`
/// is the severity and whose `message` is the finding's; a file without findings is one passing
/// test case; a file that could not be checked is one test case with an `<error>`.
pub fn write_junit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};
    let mut junit = quick_junit::Report::new("copydesk");
    for file in &report.files {
        let mut suite = TestSuite::new(file.path.as_str());
        if let Some(error) = &file.error {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            status.set_message(one_line(error)).set_type("unreadable");
            let mut case = TestCase::new(file.path.as_str(), status);
            case.set_classname(file.path.as_str());
            suite.add_test_case(case);
        } else if file.diagnostics.is_empty() {
            let mut case = TestCase::new(file.path.as_str(), TestCaseStatus::success());
            case.set_classname(file.path.as_str());
            suite.add_test_case(case);
        }
        for d in &file.diagnostics {
            let at = pos(file, clamp_range(&file.text, &d.range).start);
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            let mut description =
                format!("{}:{}:{}: {}[{}] {}", file.path, at.line, at.column, d.severity, d.rule, d.message);
            for r in &d.related {
                let rel = pos(file, r.range.start);
                description.push_str(&format!("\nnote: {} (at {}:{})", r.message, rel.line, rel.column));
            }
            status.set_message(one_line(&d.message)).set_type(d.severity.as_str()).set_description(description);
            let mut case = TestCase::new(format!("{} at {}:{}", d.rule, at.line, at.column), status);
            case.set_classname(file.path.as_str());
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    let mut bytes = junit.to_string().map_err(io::Error::other)?.into_bytes();
    if !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    out.write_all(&bytes)
}

// ---------------------------------------------------------------------------------------------
// Markdown summary (`--summary FILE`, for a CI job summary)

/// A Markdown summary of a run, for a CI job summary (`$GITHUB_STEP_SUMMARY`): passed or failed
/// (from the exit status `code`), files checked, findings by rule and severity, files that could
/// not be checked. `fail_on` is the `--fail-on` value.
pub fn write_markdown_summary(
    report: &Report,
    fail_on: &str,
    code: i32,
    config_failed: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let s = report.summary();
    let status = match code {
        0 => "✅ passed".to_string(),
        1 => format!("❌ failed: findings at or above `{fail_on}`"),
        _ if config_failed => "❌ error: a copydesk.toml could not be read".to_string(),
        _ => "❌ error: some files could not be checked".to_string(),
    };
    writeln!(out, "### copydesk: {status}\n")?;
    let counts = [
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
        plural(s.hints, "hint", "hints"),
    ];
    writeln!(
        out,
        "{} checked: {}. The check fails on `{fail_on}`{}.\n",
        plural(s.files - s.failed, "file", "files"),
        counts.join(", "),
        if fail_on == "never" { "" } else { " and above" },
    )?;
    // (rule, severity) → findings, in a stable order: most severe first, then by rule.
    let mut by_rule: Vec<((Severity, &str), usize)> = Vec::new();
    for d in report.files.iter().flat_map(|f| &f.diagnostics) {
        match by_rule.iter_mut().find(|((sev, rule), _)| *sev == d.severity && *rule == d.rule) {
            Some((_, n)) => *n += 1,
            None => by_rule.push(((d.severity, d.rule), 1)),
        }
    }
    by_rule.sort_by(|((a_sev, a_rule), _), ((b_sev, b_rule), _)| b_sev.cmp(a_sev).then(a_rule.cmp(b_rule)));
    if !by_rule.is_empty() {
        writeln!(out, "| rule | severity | findings |\n|---|---|---:|")?;
        for ((severity, rule), n) in &by_rule {
            writeln!(out, "| `{rule}` | {} | {n} |", severity.as_str())?;
        }
        writeln!(out)?;
    }
    let failed: Vec<&FileResult> = report.files.iter().filter(|f| f.error.is_some()).collect();
    if !failed.is_empty() {
        writeln!(out, "Could not be checked:\n")?;
        for f in failed {
            let why = f.error.as_deref().unwrap_or("").replace(['\n', '\r'], " ");
            writeln!(out, "- `{}`: {}", f.path.replace('`', "'"), why)?;
        }
        writeln!(out)?;
    }
    Ok(())
}
