//! The published articles in `../shared/corpus` (beside the project root), for the evaluations in
//! `tests/*_eval.rs` and the benchmarks. Empty when the folder is missing.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Every `*.txt` article, sorted by path, with its text.
pub fn corpus() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files = Vec::new();
    if let Ok(dirs) = std::fs::read_dir(&root) {
        for dir in dirs.flatten() {
            if let Ok(entries) = std::fs::read_dir(dir.path()) {
                for e in entries.flatten() {
                    let p = e.path();
                    if p.extension().is_some_and(|x| x == "txt") {
                        files.push(p);
                    }
                }
            }
        }
    }
    files.sort();
    files.into_iter().filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t))).collect()
}

/// Words with a letter or digit in them.
pub fn words(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// `r` with `around` bytes each side, on one line (`⏎` for line breaks).
pub fn context(text: &str, r: std::ops::Range<usize>, around: usize) -> String {
    let mut a = r.start.saturating_sub(around);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (r.end + around).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    text[a..b].replace('\n', "⏎")
}
