//! The command line: `copydesk check` and `copydesk fix`.
//!
//! This is a shell around the engine: it finds files and their `copydesk.toml`, reads them, runs
//! [`crate::engine`] in parallel, prints a [`Report`] in the chosen format and picks the exit code.

pub mod output;

use crate::diagnostic::{Diagnostic, Severity};
use crate::position::LineIndex;

/// The result of checking one file.
#[derive(Debug)]
pub struct FileResult {
    /// The path as shown to the user: relative to the working folder when under it, `/`-separated.
    pub path: String,
    /// The file's text (empty when it could not be read).
    pub text: String,
    pub lines: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be checked (unreadable, not UTF-8, …).
    pub error: Option<String>,
}

impl FileResult {
    pub fn checked(path: String, text: String, diagnostics: Vec<Diagnostic>) -> FileResult {
        let lines = LineIndex::new(&text);
        FileResult { path, text, lines, diagnostics, error: None }
    }
    pub fn failed(path: String, error: String) -> FileResult {
        FileResult { path, text: String::new(), lines: LineIndex::new(""), diagnostics: Vec::new(), error: Some(error) }
    }
}

/// Everything one run found, files in a stable (sorted) order.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileResult>,
}

/// Counts for the summary line and the exit code.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    /// Files that could not be checked.
    pub failed: usize,
}

impl Report {
    pub fn summary(&self) -> Summary {
        let mut s = Summary { files: self.files.len(), ..Summary::default() };
        for f in &self.files {
            if f.error.is_some() {
                s.failed += 1;
            }
            for d in &f.diagnostics {
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                    Severity::Hint => s.hints += 1,
                }
            }
        }
        s
    }
}
pub fn main() -> i32 { 0 }
