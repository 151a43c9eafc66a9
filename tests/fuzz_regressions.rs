//! Fuzz regressions: every input that once crashed a fuzz target, replayed through the very same
//! assertions (`fuzz/src/lib.rs`, included below), plus the fuzzers' hand-written seed drafts.
//!
//! A crash found by `scripts/fuzz.sh` is kept as `tests/data/fuzz-regressions/<target>/<what-broke>`
//! (the file name says what broke); this test fails if any of them crashes again.

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod fuzz;

use std::path::{Path, PathBuf};

/// A fuzz target's assertions: one input, panics on a bug.
type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("engine_bytes", fuzz::engine_bytes),
    ("engine_utf8", fuzz::engine_utf8),
    ("incremental_sync", fuzz::incremental_sync),
    ("positions", fuzz::positions),
    ("safe_fixes", fuzz::safe_fixes),
];

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    out.sort();
    out
}

/// Run `run` on each file, reporting every failure by file name (not just the first).
fn replay(dir: &Path, run: Target) -> usize {
    let mut failed = Vec::new();
    let all = files(dir);
    for f in &all {
        let data = std::fs::read(f).unwrap();
        if std::panic::catch_unwind(|| run(&data)).is_err() {
            failed.push(f.display().to_string());
        }
    }
    assert!(failed.is_empty(), "fuzz inputs crash again:\n{}", failed.join("\n"));
    all.len()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn regressions(target: &str) {
    let run = TARGETS.iter().find(|(t, _)| *t == target).unwrap().1;
    replay(&root().join("tests/data/fuzz-regressions").join(target), run);
}

#[test]
fn engine_bytes_regressions() {
    regressions("engine_bytes");
}

#[test]
fn engine_utf8_regressions() {
    regressions("engine_utf8");
}

#[test]
fn incremental_sync_regressions() {
    regressions("incremental_sync");
}

#[test]
fn positions_regressions() {
    regressions("positions");
}

#[test]
fn safe_fixes_regressions() {
    regressions("safe_fixes");
}

/// Every target's seed drafts pass every target's assertions (the seeds are real drafts, so this
/// is also a quick check that the assertions themselves hold on ordinary text).
#[test]
fn seeds_pass_every_target() {
    let seeds = root().join("fuzz/seeds");
    let mut n = 0;
    for (target, _) in TARGETS {
        for (_, run) in TARGETS {
            n += replay(&seeds.join(target), *run);
        }
    }
    assert!(n > 0, "no seeds found under {}", seeds.display());
}

/// No regression fixture sits in a folder no test replays (a typo'd target name).
#[test]
fn regression_folders_are_targets() {
    for dir in files(&root().join("tests/data/fuzz-regressions")).into_iter().chain(
        std::fs::read_dir(root().join("tests/data/fuzz-regressions"))
            .into_iter()
            .flatten()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir()),
    ) {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(TARGETS.iter().any(|(t, _)| *t == name), "{}: not a fuzz target", dir.display());
    }
}
