//! Tidy: the architecture invariants of ARCHITECTURE.md, checked.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn src(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Modules outside the engine: the shells that may do I/O.
const SHELLS: &[&str] = &["src/cli", "src/lsp", "src/links", "src/main.rs", "src/bin"];

fn is_shell(p: &Path) -> bool {
    let rel = p.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().to_string_lossy().replace('\\', "/");
    SHELLS.iter().any(|s| rel == *s || rel.starts_with(&format!("{s}/")))
}

/// Whether `line` uses `word` as a whole token (`eprintln!` does not mention `println!`).
fn mentions(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(i, _)| !line[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
}

/// Lines of code, comments and doc comments left out.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//")).map(|(i, l)| (i + 1, l))
}

#[test]
fn engine_is_pure() {
    let forbidden = [
        "std::fs",
        "std::net",
        "tokio",
        "tower_lsp",
        "lsp_types",
        "reqwest",
        "hyper",
        "std::process",
        "std::env",
        "println!",
        "eprintln!",
        "print!(",
    ];
    let mut files = Vec::new();
    rust_files(&src("src"), &mut files);
    let mut bad = Vec::new();
    for f in files.iter().filter(|f| !is_shell(f)) {
        let text = fs::read_to_string(f).unwrap();
        for (n, line) in code_lines(&text) {
            for word in forbidden {
                if mentions(line, word) {
                    bad.push(format!("{}:{n}: uses {word}", f.display()));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "engine modules must not do I/O (ARCHITECTURE.md, 'The engine is pure'):\n{}",
        bad.join("\n")
    );
}

#[test]
fn checks_are_registered_sorted_and_documented() {
    let mut names: Vec<String> = fs::read_dir(src("src/checks"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "mod.rs")
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let registered: Vec<&str> = copydesk::checks::CHECKS.iter().map(|c| c.name()).collect();
    let mut sorted = registered.clone();
    sorted.sort();
    assert_eq!(registered, sorted, "CHECKS must be sorted by name");
    assert_eq!(registered, names, "every file in src/checks is one registered check, named after its file");
    for name in &names {
        let text = fs::read_to_string(src(&format!("src/checks/{name}.rs"))).unwrap();
        let doc: String = text.lines().filter_map(|l| l.strip_prefix("//!")).collect::<Vec<_>>().join("\n");
        for section in ["# What it finds", "# Why it matters", "# Example", "# Fix safety"] {
            assert!(doc.contains(section), "src/checks/{name}.rs: the module doc lacks `{section}`");
        }
    }
}

#[test]
fn rule_ids_are_namespaced_and_unique() {
    let mut ids: Vec<&str> = copydesk::checks::all_rules().map(|r| r.id).collect();
    for id in &ids {
        let (ns, name) = id.split_once('/').unwrap_or_else(|| panic!("{id}: rule ids are namespace/name"));
        assert!(
            !ns.is_empty() && !name.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c == '/' || c == '-'),
            "{id}"
        );
    }
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate rule ids");
}

/// `copydesk rule ID` and the README read the rules' documentation from the compiled-in sources
/// of the checks: one per check and one for the suppressions, each the file it names.
#[test]
fn every_check_documents_its_rules_from_its_own_source() {
    let mut names: Vec<&str> = copydesk::checks::SOURCES.iter().map(|(n, _)| *n).collect();
    let mut expected: Vec<&str> = copydesk::checks::CHECKS.iter().map(|c| c.name()).collect();
    expected.extend(["suppress", "baseline"]);
    names.sort();
    expected.sort();
    assert_eq!(names, expected);
    for (name, text) in copydesk::checks::SOURCES {
        let path = match *name {
            "suppress" | "baseline" => src(&format!("src/{name}.rs")),
            _ => src(&format!("src/checks/{name}.rs")),
        };
        assert_eq!(*text, fs::read_to_string(&path).unwrap(), "{name}: SOURCES holds another file");
    }
    for r in copydesk::checks::all_rules() {
        let doc = copydesk::checks::rule_doc(r.id).unwrap();
        assert!(doc.starts_with(&format!("# {}\n\n{}", r.id, r.summary)), "{doc}");
        assert!(doc.contains("**What it finds.**") && doc.contains("**Fix safety.**"), "{doc}");
    }
    assert_eq!(copydesk::checks::rule_doc("url/nope"), None);
}

#[test]
fn no_prints_outside_the_cli() {
    // stdout belongs to the protocol in `lsp` mode: only the CLI prints.
    let mut files = Vec::new();
    rust_files(&src("src"), &mut files);
    for f in &files {
        let rel = f.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().to_string_lossy().replace('\\', "/");
        if rel.starts_with("src/cli/") || rel == "src/main.rs" {
            continue;
        }
        let text = fs::read_to_string(f).unwrap();
        for (n, line) in code_lines(&text) {
            for word in ["println!", "print!(", "dbg!", "std::io::stdout"] {
                assert!(!mentions(line, word), "{rel}:{n}: {word} outside the CLI");
            }
        }
    }
}

/// The README's rule reference is generated from the checks' module docs.
#[test]
fn readme_rule_reference_is_current() {
    let readme_path = src("README.md");
    let readme = fs::read_to_string(&readme_path).unwrap();
    let begin = "<!-- rules:begin (generated by `UPDATE_EXPECT=1 cargo test --test tidy`; edit the module docs in src/checks) -->";
    let end = "<!-- rules:end -->";
    let (Some(b), Some(e)) = (readme.find(begin), readme.find(end)) else {
        panic!("README.md lacks the rule reference markers:\n{begin}\n{end}");
    };
    let generated = copydesk::checks::reference();
    let current = &readme[b + begin.len()..e];
    if current != generated {
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            let new = format!("{}{}{}{}", &readme[..b + begin.len()], generated, end, &readme[e + end.len()..]);
            fs::write(&readme_path, new).unwrap();
        } else {
            panic!("README.md's rule reference is out of date: run `UPDATE_EXPECT=1 cargo test --test tidy`");
        }
    }
}
