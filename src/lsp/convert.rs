//! Engine values → LSP values. Positions go through [`crate::position`] only.

use std::collections::HashMap;
use std::ops::Range as ByteRange;

use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position,
    Range, TextEdit, Uri, WorkspaceEdit,
};

use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::position::{Encoding, LineIndex};

/// Where each rule is documented: its section of the README.
pub const RULE_DOCS: &str = "https://github.com/copydesk/copydesk/blob/main/README.md#";

/// Text and its line index, for converting byte offsets.
pub struct Positions<'a> {
    pub text: &'a str,
    pub index: LineIndex,
    pub enc: Encoding,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str, enc: Encoding) -> Positions<'a> {
        Positions { text, index: LineIndex::new(text), enc }
    }

    pub fn position(&self, offset: usize) -> Position {
        let lc = self.index.line_col(self.text, offset, self.enc);
        Position::new(lc.line, lc.col)
    }

    pub fn range(&self, r: &ByteRange<usize>) -> Range {
        Range::new(self.position(r.start), self.position(r.end))
    }

    /// An LSP position → byte offset (clamped into the text).
    pub fn offset(&self, p: Position) -> usize {
        self.index.offset_clamped(self.text, crate::position::LineCol { line: p.line, col: p.character }, self.enc)
    }
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The README anchor of a rule (`url/malformed` → `#url-malformed`), parsed once per rule: a
/// draft may carry thousands of findings.
pub fn rule_doc_uri(rule: &str) -> Option<Uri> {
    static URIS: std::sync::OnceLock<HashMap<&'static str, Uri>> = std::sync::OnceLock::new();
    let parse = |rule: &str| format!("{RULE_DOCS}{}", rule.replace('/', "-")).parse::<Uri>().ok();
    let uris = URIS.get_or_init(|| crate::checks::all_rules().filter_map(|r| Some((r.id, parse(r.id)?))).collect());
    uris.get(rule).cloned().or_else(|| parse(rule))
}

pub fn diagnostic(d: &Diagnostic, pos: &Positions<'_>, uri: &Uri) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location { uri: uri.clone(), range: pos.range(&r.range) },
            message: r.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: pos.range(&d.range),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: rule_doc_uri(d.rule).map(|href| CodeDescription { href }),
        source: Some("copydesk".to_string()),
        message: d.message.clone(),
        related_information: if related.is_empty() { None } else { Some(related) },
        tags: None,
        data: None,
    }
}

pub fn text_edits(edits: &[Edit], pos: &Positions<'_>) -> Vec<TextEdit> {
    edits.iter().map(|e| TextEdit { range: pos.range(&e.range), new_text: e.text.clone() }).collect()
}

pub fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    WorkspaceEdit { changes: Some(changes), document_changes: None, change_annotations: None }
}

/// Whether two LSP ranges touch (a cursor at either end counts).
pub fn overlaps(a: &Range, b: &Range) -> bool {
    let key = |p: &Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}
