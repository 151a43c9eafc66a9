//! End-to-end tests of the `copydesk` binary: discovery, formats, exit codes, fixes, bad input.

use std::fs;
use std::path::Path;
use std::process::Command;

#[path = "common/cli.rs"]
mod cli_helpers;
use cli_helpers::{copydesk, copydesk_stdin, stderr, stdout};

/// A scratch repository: a `.git` folder marks its root, so config discovery stops there.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

fn write(dir: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

const SPLIT: &str = "The minutes are at\nhttps://example.org/council/2024/minutes-of-the-\nspecial-session today.\n";
const CLEAN: &str = "The council met on Tuesday.\n";

#[test]
fn exit_status_follows_fail_on() {
    let d = repo();
    write(d.path(), "a.md", SPLIT);
    assert_eq!(copydesk(d.path(), &["check"]).status.code(), Some(1));
    assert_eq!(copydesk(d.path(), &["check", "--fail-on", "error"]).status.code(), Some(0));
    assert_eq!(copydesk(d.path(), &["check", "--fail-on", "never"]).status.code(), Some(0));
    write(d.path(), "a.md", CLEAN);
    assert_eq!(copydesk(d.path(), &["check"]).status.code(), Some(0));
}

#[test]
fn usage_error_exits_2() {
    let d = repo();
    let o = copydesk(d.path(), &["check", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("xml"), "{}", stderr(&o));
    assert_eq!(copydesk(d.path(), &["check", "no-such-file.md"]).status.code(), Some(2));
}

#[test]
fn human_output_shows_path_line_column_and_caret() {
    let d = repo();
    write(d.path(), "drafts/a.md", "“Quote” — 😀 see htps://example.org/a\n");
    let o = copydesk(d.path(), &["check"]);
    let out = stdout(&o);
    assert!(out.contains("warning[url/malformed]"), "{out}");
    // Column in scalar values: “Quote” — 😀 see  is 16 characters before the URL.
    assert!(out.contains("--> drafts/a.md:1:17"), "{out}");
    assert!(out.contains("^^^^"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour when NO_COLOR is set and stdout is not a terminal");
}

#[test]
fn clicolor_force_colours_a_pipe_unless_no_color_is_set() {
    let d = repo();
    write(d.path(), "drafts/a.md", "see htps://example.org/a\n");
    let run = |env: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"));
        cmd.args(["check"]).current_dir(d.path()).env("COPYDESK_OFFLINE", "1");
        for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE"] {
            cmd.env_remove(var);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        stdout(&cmd.output().unwrap())
    };
    // stdout is a pipe: no colour by default, colour when CLICOLOR_FORCE asks for it (the old
    // hand-written check knew only NO_COLOR and the terminal), none when NO_COLOR is also set.
    assert!(!run(&[]).contains('\u{1b}'));
    let forced = run(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\u{1b}[1m\u{1b}[33mwarning[url/malformed]"), "{forced}");
    assert!(!run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\u{1b}'));
    // An empty NO_COLOR is no request (no-color.org).
    assert!(run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "")]).contains('\u{1b}'));
}

#[test]
fn json_output_is_the_documented_contract() {
    let d = repo();
    write(d.path(), "a.txt", SPLIT);
    let o = copydesk(d.path(), &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], 1);
    let diag = &v["files"][0]["diagnostics"][0];
    assert_eq!(v["files"][0]["path"], "a.txt");
    assert_eq!(diag["rule"], "url/malformed");
    assert_eq!(diag["start"]["line"], 2);
    assert_eq!(diag["start"]["column"], 1);
    assert_eq!(diag["start"]["offset"], SPLIT.find("https").unwrap());
    let edit = &diag["fixes"][0]["edits"][0];
    assert_eq!(diag["fixes"][0]["safe"], true);
    assert_eq!(edit["start"], SPLIT.find("the-\n").unwrap() + 4);
    assert_eq!(v["summary"]["warnings"], 1);
}

#[test]
fn github_and_sarif_formats() {
    let d = repo();
    write(d.path(), "a.md", SPLIT);
    let gh = stdout(&copydesk(d.path(), &["check", "--format", "github"]));
    assert!(gh.starts_with("::warning file=a.md,line=2,"), "{gh}");
    let sarif: serde_json::Value =
        serde_json::from_str(&stdout(&copydesk(d.path(), &["check", "--format", "sarif"]))).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "url/malformed");
}

#[test]
fn config_is_found_upward_and_stops_at_the_repository_root() {
    let outer = tempfile::tempdir().unwrap();
    // A config above the repository root must not apply.
    write(outer.path(), "copydesk.toml", "[rules]\n\"url/malformed\" = \"off\"\n");
    let root = outer.path().join("repo");
    fs::create_dir_all(root.join(".git")).unwrap();
    write(&root, "desk/metro/a.md", SPLIT);
    assert_eq!(copydesk(&root, &["check"]).status.code(), Some(1));
    // A config in a folder between the file and the root applies.
    write(&root, "desk/copydesk.toml", "[rules]\n\"url/malformed\" = \"info\"\n");
    let o = copydesk(&root, &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"][0]["diagnostics"][0]["severity"], "info");
    assert_eq!(o.status.code(), Some(0));
    // --config overrides discovery.
    write(&root, "strict.toml", "[rules]\n\"url/malformed\" = \"error\"\n");
    let o = copydesk(&root, &["check", "--config", "strict.toml", "--fail-on", "error"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn config_error_names_file_line_and_key_and_exits_2() {
    let d = repo();
    write(d.path(), "copydesk.toml", "[files]\nmarkdown = [\"md\"]\nexclude = [\"old/**\"]\nincldue = [\"x\"]\n");
    write(d.path(), "a.md", CLEAN);
    let o = copydesk(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("copydesk.toml:4:1: unknown field 'incldue'"), "{err}");
}

#[test]
fn unreadable_and_binary_files_are_reported_and_the_rest_checked() {
    let d = repo();
    write(d.path(), "good.md", SPLIT);
    write(d.path(), "binary.md", b"PK\x03\x04\x00\x00binary");
    write(d.path(), "latin1.txt", b"caf\xe9 au lait\n");
    let o = copydesk(d.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let files = v["files"].as_array().unwrap();
    let by_path = |p: &str| files.iter().find(|f| f["path"] == p).unwrap().clone();
    assert!(by_path("binary.md")["error"].as_str().unwrap().contains("NUL byte"));
    assert!(by_path("latin1.txt")["error"].as_str().unwrap().contains("not UTF-8 text (invalid byte at offset 3)"));
    assert_eq!(by_path("good.md")["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(v["summary"]["failed"], 2);
}

#[test]
fn gitignore_extensions_and_globs_select_files() {
    let d = repo();
    write(d.path(), ".gitignore", "ignored/\n");
    write(d.path(), "ignored/a.md", SPLIT);
    write(d.path(), "notes.rst", SPLIT);
    write(d.path(), "drafts/old/b.md", SPLIT);
    write(d.path(), "drafts/c.md", SPLIT);
    write(d.path(), "copydesk.toml", "[files]\nexclude = [\"drafts/old/**\"]\n");
    let o = copydesk(d.path(), &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let paths: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["drafts/c.md"]);
    // A file named on the command line is always checked, whatever its extension.
    let o = copydesk(d.path(), &["check", "notes.rst", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["warnings"], 1);
}

#[test]
fn a_parallel_walk_of_many_folders_reports_in_path_order_every_time() {
    let d = repo();
    for folder in 0..12 {
        for file in 0..5 {
            write(d.path(), &format!("d{folder:02}/sub/f{file}.md"), SPLIT);
        }
    }
    write(d.path(), "d03/.gitignore", "skip.md\n");
    write(d.path(), "d03/skip.md", SPLIT);
    // Two broken configs: their errors too come in path order, whichever folder is read first.
    write(d.path(), "d09/copydesk.toml", "[files]\nbogus = 1\n");
    write(d.path(), "d02/copydesk.toml", "[files]\nbogus = 2\n");
    let runs: Vec<(String, String)> = (0..3)
        .map(|_| {
            let o = copydesk(d.path(), &["check", "--format", "json"]);
            (stdout(&o), stderr(&o))
        })
        .collect();
    assert!(runs.iter().all(|r| r == &runs[0]), "runs differ");
    let v: serde_json::Value = serde_json::from_str(&runs[0].0).unwrap();
    let paths: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 50, "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("skip") || p.starts_with("d02/") || p.starts_with("d09/")));
    let err = &runs[0].1;
    let (two, nine) = (err.find("d02").expect(err), err.find("d09").expect(err));
    assert!(two < nine, "{err}");
}

#[test]
fn fix_applies_only_safe_fixes_and_keeps_the_rest() {
    let d = repo();
    let before = "Minutes:\r\nhttps://example.org/council/minutes-of-the-\r\nspecial-session\r\n\r\nSee [the page](www.example.org/page).\r\n";
    write(d.path(), "a.md", before);
    let o = copydesk(d.path(), &["fix"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("a.md: fixed 1 finding"), "{}", stdout(&o));
    let after = fs::read_to_string(d.path().join("a.md")).unwrap();
    assert_eq!(
        after,
        "Minutes:\r\nhttps://example.org/council/minutes-of-the-special-session\r\n\r\nSee [the page](www.example.org/page).\r\n"
    );
    // No temporary files left behind.
    let names: Vec<_> = fs::read_dir(d.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}"); // .git and a.md
    // Fixing again changes nothing.
    let o = copydesk(d.path(), &["fix"]);
    assert!(stdout(&o).contains("0 fixes applied in 0 files"), "{}", stdout(&o));
}

#[cfg(unix)]
#[test]
fn fix_leaves_a_read_only_file_alone() {
    use std::os::unix::fs::PermissionsExt;
    let d = repo();
    write(d.path(), "a.md", SPLIT);
    let p = d.path().join("a.md");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
    let o = copydesk(d.path(), &["fix"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&p).unwrap(), SPLIT);
}

#[test]
fn suppression_comments_work_end_to_end() {
    let d = repo();
    write(
        d.path(),
        "a.md",
        "<!-- copydesk-disable-next-line url/malformed -- waiting for the web desk -->\nSee htps://example.org/a.\n\n<!-- copydesk-disable-next-line url/malformed -->\nNothing wrong here.\n",
    );
    let o = copydesk(d.path(), &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["rule"], "suppress/unused");
    assert_eq!(diags[0]["start"]["line"], 4);
    assert_eq!(o.status.code(), Some(0), "an info finding does not fail the default --fail-on warning");
}

#[test]
fn help_lists_every_subcommand_and_option() {
    let d = repo();
    let help = stdout(&copydesk(d.path(), &["--help"]));
    for word in ["check", "fix"] {
        assert!(help.contains(word), "{help}");
    }
    let help = stdout(&copydesk(d.path(), &["check", "--help"]));
    for word in ["--format", "--fail-on", "--config", "--offline", "--color", "Exit status"] {
        assert!(help.contains(word), "{help}");
    }
}

#[test]
fn sources_lists_who_is_quoted() {
    let d = repo();
    write(
        d.path(),
        "a.md",
        "“We will open the library on Saturdays from next month,” librarian Nora Pike said.\n\n\
         “Volunteers have already signed up for every shift,” Pike added.\n\n\
         “It is about time the city did this,” said Omar Reyes, a parent.\n",
    );
    let o = copydesk(d.path(), &["sources", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let sources = v[0]["sources"].as_array().unwrap();
    let rows: Vec<(String, u64, Vec<u64>)> = sources
        .iter()
        .map(|s| {
            (
                s["speaker"].as_str().unwrap().to_string(),
                s["quotes"].as_u64().unwrap(),
                s["lines"].as_array().unwrap().iter().map(|l| l.as_u64().unwrap()).collect(),
            )
        })
        .collect();
    assert_eq!(rows, [("Pike".to_string(), 2, vec![1, 3]), ("Reyes".to_string(), 1, vec![5])]);
    assert!(sources[0]["first_reference"].as_str().unwrap().ends_with("Nora Pike"), "{sources:?}");
    let table = stdout(&copydesk(d.path(), &["sources"]));
    assert!(table.contains("Pike") && table.contains("Nora Pike") && table.contains("1, 3"), "{table}");
}

#[path = "common/http.rs"]
mod http;

/// Live link checks end to end, against a server of our own on 127.0.0.1 (private addresses are
/// allowed by the test's config; by default they are never requested).
#[test]
fn live_link_checks_report_dead_and_redirected_links_and_cache_them() {
    let server = http::TestServer::start();
    let d = repo();
    write(d.path(), "copydesk.toml", "[links]\nallow_private = true\n");
    let draft = format!(
        "Fine: {}\n\nGone: {}\n\nMoved: {}\n\nFine again: {}\n",
        server.url("/ok"),
        server.url("/gone"),
        server.url("/moved"),
        server.url("/ok")
    );
    write(d.path(), "a.md", &draft);
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["check", "--format", "json"])
            .current_dir(d.path())
            .env_remove("COPYDESK_OFFLINE")
            .output()
            .unwrap()
    };
    let o = run();
    assert_eq!(o.status.code(), Some(1), "url/dead is an error: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let found: Vec<(String, u64)> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap().to_string(), d["start"]["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(found, [("url/dead".to_string(), 3), ("url/redirected".to_string(), 5)]);
    let first = server.count();
    assert!(first >= 3, "each unique URL requested: {first}");
    // A second run answers from the cache beside copydesk.toml: no request at all.
    let o = run();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(server.count(), first, "the second run sent requests");
    assert!(d.path().join(".copydesk-cache").is_dir());
    // --offline: no link findings and no requests.
    let o = copydesk(d.path(), &["check", "--format", "json", "--offline"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"][0]["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(server.count(), first);
}

/// The paths of a JSON report, and its warning and error counts.
fn json_paths(o: &std::process::Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)));
    v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap().to_string()).collect()
}

/// Issue 29: `cat draft.md | copydesk check /dev/stdin` printed "no findings in 0 files" and
/// passed. `-` and `/dev/stdin` are the same draft, read once.
#[test]
fn stdin_is_checked_through_dash_and_dev_stdin() {
    let d = repo();
    for args in [&["check", "-"][..], &["check", "/dev/stdin"], &["check", "-", "/dev/stdin"]] {
        let o = copydesk_stdin(d.path(), args, SPLIT);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}{}", stdout(&o), stderr(&o));
        assert!(stdout(&o).contains("--> <stdin>:2:1"), "{args:?}: {}", stdout(&o));
        assert!(stdout(&o).contains("1 warning in 1 file (1 file checked)"), "{args:?}: {}", stdout(&o));
    }
    // Stdin beside a file on disk: both are checked.
    write(d.path(), "a.md", SPLIT);
    let o = copydesk_stdin(d.path(), &["check", "a.md", "-", "--format", "json"], CLEAN);
    assert_eq!(json_paths(&o), ["<stdin>", "a.md"]);
}

#[cfg(unix)]
#[test]
fn a_process_substitution_is_read_like_stdin() {
    let d = repo();
    write(d.path(), "a.md", SPLIT);
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!("exec '{}' check <(cat a.md) --format json", env!("CARGO_BIN_EXE_copydesk")))
        .current_dir(d.path())
        .env("COPYDESK_OFFLINE", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let paths = json_paths(&o);
    assert!(paths.len() == 1 && paths[0].starts_with("/dev/fd/"), "{paths:?}");
}

/// `--stdin-filename`: the config is found from that path, the kind comes from its extension,
/// and findings are reported under that name. Inline code is code in Markdown, prose in text.
#[test]
fn stdin_filename_chooses_the_config_and_the_kind() {
    let d = repo();
    write(d.path(), "desk/copydesk.toml", "[rules]\n\"url/malformed\" = \"error\"\n");
    let code = "Type `htps://example.org/a` in the box.\n";
    let count = |o: &std::process::Output| -> Vec<(String, String)> {
        let v: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap();
        v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["rule"].as_str().unwrap().to_string(), d["severity"].as_str().unwrap().to_string()))
            .collect()
    };
    // No name: Markdown, the working folder's config (none: defaults).
    let o = copydesk_stdin(d.path(), &["check", "-", "--format", "json"], code);
    assert_eq!(count(&o), []);
    let o = copydesk_stdin(d.path(), &["check", "-", "--format", "json", "--stdin-filename", "notes/n.txt"], code);
    assert_eq!(count(&o), [("url/malformed".to_string(), "warning".to_string())]);
    assert_eq!(json_paths(&o), ["notes/n.txt"]);
    // A folder that does not exist yet still finds the config above it; `-` is implied.
    let o = copydesk_stdin(d.path(), &["check", "--format", "json", "--stdin-filename", "desk/new/n.txt"], code);
    assert_eq!(count(&o), [("url/malformed".to_string(), "error".to_string())]);
    assert_eq!(o.status.code(), Some(1));
    let o = copydesk_stdin(d.path(), &["check", "-", "--format", "json", "--stdin-filename", "desk/n.md"], code);
    assert_eq!(count(&o), []);
    // A name given for stdin when stdin is not read is a usage error, not ignored.
    write(d.path(), "a.md", CLEAN);
    let o = copydesk_stdin(d.path(), &["check", "a.md", "--stdin-filename", "desk/n.md"], code);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`-` is not among the paths"), "{}", stderr(&o));
}

/// Nothing to check is not a pass: an empty stdin, `/dev/null`, a folder with no drafts, a
/// config whose globs leave nothing. `--allow-empty` accepts it.
#[test]
fn empty_input_exits_2_unless_allowed() {
    let d = repo();
    let o = copydesk_stdin(d.path(), &["check", "-"], "");
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stdout(&o).contains("<stdin>: empty input: nothing was read from stdin"), "{}", stdout(&o));
    let o = copydesk_stdin(d.path(), &["check", "-", "--allow-empty"], "");
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let o = copydesk(d.path(), &["check", "/dev/null"]);
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    let o = copydesk_stdin(d.path(), &["fix", "-"], "");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");

    write(d.path(), "notes/readme.rst", SPLIT);
    for args in [&["check"][..], &["check", "notes"], &["fix", "notes"], &["sources"]] {
        let o = copydesk(d.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("no drafts to check in "), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("--allow-empty"), "{}", stderr(&o));
        let mut allowed = args.to_vec();
        allowed.push("--allow-empty");
        assert_eq!(copydesk(d.path(), &allowed).status.code(), Some(0), "{allowed:?}");
    }
    write(d.path(), "drafts/a.md", SPLIT);
    assert_eq!(copydesk(d.path(), &["check"]).status.code(), Some(1));
    write(d.path(), "copydesk.toml", "[files]\ninclude = [\"desk/**\"]\n");
    let o = copydesk(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2), "an include glob that matches nothing: {}", stdout(&o));
}

/// `fix -` writes the fixed draft to stdout and its report to stderr.
#[test]
fn fix_from_stdin_writes_the_fixed_text_to_stdout() {
    let d = repo();
    let o = copydesk_stdin(d.path(), &["fix", "-"], SPLIT);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "The minutes are at\nhttps://example.org/council/2024/minutes-of-the-special-session today.\n"
    );
    assert!(stderr(&o).contains("<stdin>: fixed 1 finding"), "{}", stderr(&o));
    // Nothing to fix: the text comes back unchanged.
    let o = copydesk_stdin(d.path(), &["fix", "-"], CLEAN);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), CLEAN));
    // Nothing on disk was touched or created.
    let names: Vec<_> = fs::read_dir(d.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, [".git"]);
}

/// Issue 29: a file named on the command line ignored `[files] exclude`, so a pre-commit hook
/// failed on a draft the config excludes. `--force-exclude` applies include and exclude to
/// named files and to stdin's `--stdin-filename`.
#[test]
fn force_exclude_applies_the_globs_to_named_files() {
    let d = repo();
    write(d.path(), "copydesk.toml", "[files]\ninclude = [\"drafts/**\"]\nexclude = [\"drafts/old/**\"]\n");
    write(d.path(), "drafts/old/a.md", SPLIT);
    write(d.path(), "drafts/b.md", SPLIT);
    write(d.path(), "notes/c.md", SPLIT);
    // Without the flag a named file is always checked.
    let o = copydesk(d.path(), &["check", "drafts/old/a.md", "notes/c.md", "--format", "json"]);
    assert_eq!((o.status.code(), json_paths(&o)), (Some(1), vec!["drafts/old/a.md".into(), "notes/c.md".into()]));
    // With it, excluded and not-included files are left out; the rest is checked.
    let args = ["check", "drafts/old/a.md", "notes/c.md", "drafts/b.md", "--force-exclude", "--format", "json"];
    let o = copydesk(d.path(), &args);
    assert_eq!((o.status.code(), json_paths(&o)), (Some(1), vec!["drafts/b.md".to_string()]));
    // Only excluded files named: a pass, not "nothing to check" (pre-commit names what changed),
    // and a file whose extension is not a draft's is not read either (pre-commit's `text` type
    // names every text file: the config, a script).
    write(d.path(), "drafts/notes.rst", SPLIT);
    let o = copydesk(d.path(), &["check", "drafts/old/a.md", "drafts/notes.rst", "copydesk.toml", "--force-exclude"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // From inside a sub-folder the globs are still relative to copydesk.toml.
    let o = copydesk(&d.path().join("drafts"), &["check", "old/a.md", "--force-exclude", "--format", "json"]);
    assert_eq!((o.status.code(), json_paths(&o)), (Some(0), Vec::<String>::new()));
    // `fix` leaves an excluded file alone.
    let o = copydesk(d.path(), &["fix", "drafts/old/a.md", "--force-exclude"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(fs::read_to_string(d.path().join("drafts/old/a.md")).unwrap(), SPLIT);
    // Stdin under an excluded name: not checked, and `fix -` hands the text back unchanged.
    let excluded = ["--stdin-filename", "drafts/old/new.md", "--force-exclude"];
    let o = copydesk_stdin(d.path(), &[&["check", "-", "--format", "json"][..], &excluded].concat(), SPLIT);
    assert_eq!((o.status.code(), json_paths(&o)), (Some(0), Vec::<String>::new()));
    let o = copydesk_stdin(d.path(), &[&["fix", "-"][..], &excluded].concat(), SPLIT);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), SPLIT));
}

/// `copydesk rule ID` prints the rule's entry of the README's rule reference, word for word.
#[test]
fn rule_prints_the_readme_entry_of_each_rule() {
    let d = repo();
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for r in copydesk::checks::all_rules() {
        let o = copydesk(d.path(), &["rule", r.id]);
        assert_eq!(o.status.code(), Some(0), "{}: {}", r.id, stderr(&o));
        let doc = stdout(&o);
        let (heading, rest) = doc.split_once("\n\n").unwrap();
        assert_eq!(heading, format!("# {}", r.id));
        let (summary, body) = rest.split_once("\n\n").unwrap();
        assert!(readme.contains(&format!("### {}\n\n{summary}\n\n", r.id)), "{}: {summary}", r.id);
        assert!(body.starts_with("**What it finds.**\n") && body.contains("**Fix safety.**\n"), "{body}");
        assert!(readme.contains(body), "{}: the body is not the README's", r.id);
    }
    let o = copydesk(d.path(), &["rule", "figure/style", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((v["id"].as_str(), v["default_enabled"].as_bool()), (Some("figure/style"), Some(false)));
    assert!(v["doc"].as_str().unwrap().contains("**Example.**"));
    // An unknown rule: exit 2, with the nearest id.
    let o = copydesk(d.path(), &["rule", "url/malfomred"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown rule 'url/malfomred' (did you mean 'url/malformed'?)"), "{}", stderr(&o));
    assert_eq!(copydesk(d.path(), &["rule"]).status.code(), Some(2), "an id or --all is required");
}

/// `copydesk rule --all`: every rule, sorted, with its default severity and whether it is on.
#[test]
fn rule_all_lists_every_rule_with_its_defaults() {
    let d = repo();
    let o = copydesk(d.path(), &["rule", "--all", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let listed: Vec<(String, String, bool, bool)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["default_severity"].as_str().unwrap().to_string(),
                r["default_enabled"].as_bool().unwrap(),
                r["network"].as_bool().unwrap(),
            )
        })
        .collect();
    let mut expected: Vec<(String, String, bool, bool)> = copydesk::checks::all_rules()
        .map(|r| (r.id.to_string(), r.default_severity.to_string(), !r.default_off, r.network))
        .collect();
    expected.sort();
    assert_eq!(listed, expected);
    assert!(listed.contains(&("figure/style".into(), "info".into(), false, false)), "{listed:?}");
    assert!(listed.contains(&("url/dead".into(), "error".into(), true, true)), "{listed:?}");
    let table = stdout(&copydesk(d.path(), &["rule", "--all"]));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), expected.len() + 1, "{table}");
    let style = lines.iter().find(|l| l.starts_with("figure/style ")).unwrap();
    let cols: Vec<&str> = style.split_whitespace().take(3).collect();
    assert_eq!(cols, ["figure/style", "info", "off"]);
}

/// `-o FILE`: the chosen format goes to the file, the human report to the terminal.
#[test]
fn output_file_gets_the_format_and_stdout_the_human_report() {
    let d = repo();
    write(d.path(), "a.md", SPLIT);
    let o = copydesk(d.path(), &["check", "--format", "sarif", "-o", "out/report.sarif"]);
    assert_eq!(o.status.code(), Some(2), "no such folder: the report cannot be written");
    assert!(stderr(&o).contains("cannot write the report to out/report.sarif"), "{}", stderr(&o));
    fs::create_dir(d.path().join("out")).unwrap();
    let o = copydesk(d.path(), &["check", "--format", "sarif", "--output", "out/report.sarif"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("warning[url/malformed]") && stdout(&o).contains("--> a.md:2:1"), "{}", stdout(&o));
    let sarif: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.path().join("out/report.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "url/malformed");
    // Every format through the binary, to the file.
    for (format, needle) in [
        ("concise", "a.md:2:1: warning[url/malformed] "),
        ("gitlab", "\"check_name\": \"url/malformed\""),
        ("junit", "<testcase name=\"url/malformed at 2:1\" classname=\"a.md\">"),
        ("json", "\"rule\": \"url/malformed\""),
    ] {
        let o = copydesk(d.path(), &["check", "--format", format, "-o", "out/report"]);
        assert_eq!(o.status.code(), Some(1));
        let written = fs::read_to_string(d.path().join("out/report")).unwrap();
        assert!(written.contains(needle), "{format}: {written}");
        assert!(stdout(&o).ends_with("1 warning in 1 file (1 file checked)\n"), "{format}: {}", stdout(&o));
    }
    let o = copydesk(d.path(), &["check", "--format", "concise"]);
    assert_eq!(
        stdout(&o).lines().collect::<Vec<_>>(),
        [format!("a.md:2:1: warning[url/malformed] {}", {
            let v: serde_json::Value =
                serde_json::from_str(&stdout(&copydesk(d.path(), &["check", "--format", "json"]))).unwrap();
            v["files"][0]["diagnostics"][0]["message"].as_str().unwrap().to_string()
        })]
    );
}

/// `--output-format`: the file gets that format while stdout keeps `--format` (what the GitHub
/// Action does: annotations on stdout, SARIF in a file). It needs `-o`.
#[test]
fn output_format_splits_the_file_and_stdout_formats() {
    let d = repo();
    write(d.path(), "a.md", SPLIT);
    let o = copydesk(d.path(), &["check", "--format", "github", "-o", "r.sarif", "--output-format", "sarif"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("::warning file=a.md,line=2,endLine=3,title=url/malformed::"), "{}", stdout(&o));
    let sarif: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.path().join("r.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "url/malformed");
    let o = copydesk(d.path(), &["check", "--output-format", "sarif"]);
    assert_eq!(o.status.code(), Some(2), "--output-format without -o is a usage error");
    assert!(stderr(&o).contains("--output"), "{}", stderr(&o));
}

/// `--summary FILE` appends a Markdown summary of the run (for `$GITHUB_STEP_SUMMARY`).
#[test]
fn summary_appends_a_markdown_summary() {
    let d = repo();
    write(d.path(), "a.md", SPLIT);
    write(d.path(), "b.md", CLEAN);
    fs::write(d.path().join("summary.log"), "earlier step\n").unwrap();
    let o = copydesk(d.path(), &["check", "--summary", "summary.log"]);
    assert_eq!(o.status.code(), Some(1));
    let summary = fs::read_to_string(d.path().join("summary.log")).unwrap();
    assert_eq!(
        summary,
        "earlier step\n### copydesk: ❌ failed: findings at or above `warning`\n\n\
         2 files checked: 0 errors, 1 warning, 0 infos, 0 hints. The check fails on `warning` and above.\n\n\
         | rule | severity | findings |\n|---|---|---:|\n| `url/malformed` | warning | 1 |\n\n"
    );
    let o = copydesk(d.path(), &["check", "--fail-on", "never", "--summary", "summary.log", "b.md"]);
    assert_eq!(o.status.code(), Some(0));
    let summary = fs::read_to_string(d.path().join("summary.log")).unwrap();
    assert!(summary.ends_with("### copydesk: ✅ passed\n\n1 file checked: 0 errors, 0 warnings, 0 infos, 0 hints. The check fails on `never`.\n\n"), "{summary}");
}

/// The progress bar is for a person at a terminal: `--no-progress` is accepted, and with stderr
/// not a terminal nothing progress-like is written, even on a run longer than the bar's delay
/// and with `CI` unset.
#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    use std::io::Write;
    use std::process::Stdio;
    let d = repo();
    write(d.path(), "a.md", SPLIT);
    let o = copydesk(d.path(), &["check", "--no-progress", "--format", "concise"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "");
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "-", "--format", "concise"])
        .current_dir(d.path())
        .env_remove("CI")
        .env("COPYDESK_OFFLINE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The draft arrives after the bar's one-second delay: the run is a slow one.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(SPLIT.as_bytes()).unwrap();
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("<stdin>:2:1: warning[url/malformed]"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(!err.contains('\r') && !err.contains('\u{1b}') && !err.contains("checking"), "{err:?}");
    assert_eq!(err, "");
}

/// On a terminal (a pseudo-terminal from util-linux `script`, essential on Debian) a run longer
/// than a second shows the bar on stderr and clears it before the report; `CI` hides it.
#[test]
fn progress_bar_on_a_terminal_after_a_second_cleared_before_the_report() {
    let d = repo();
    write(d.path(), "a.md", SPLIT);
    let run = |ci: bool| -> String {
        let log = d.path().join("typescript.log");
        let bin = env!("CARGO_BIN_EXE_copydesk");
        // The draft arrives on stdin after 2.5 s: longer than the bar's delay.
        let inner = format!("(sleep 2.5; cat a.md) | '{bin}' check - --offline --format concise");
        let mut cmd = Command::new("script");
        cmd.args(["-qfec", &inner]).arg(&log).current_dir(d.path()).env("NO_COLOR", "1");
        if ci {
            cmd.env("CI", "true");
        } else {
            cmd.env_remove("CI");
        }
        let o = cmd.output().expect("script (util-linux) runs");
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        fs::read_to_string(&log).unwrap()
    };
    let shown = run(false);
    let bar = shown.find(" checking ").unwrap_or_else(|| panic!("a progress bar: {shown:?}"));
    assert!(shown.contains("0/1 files"), "{shown:?}");
    let report = shown.find("<stdin>:2:1: warning[url/malformed]").unwrap();
    let cleared = shown[..report].rfind("\u{1b}[2K").expect("the bar is cleared");
    assert!(
        bar < cleared
            && shown[cleared..report].chars().all(|c| c == '\u{1b}' || c == '[' || c == '2' || c == 'K' || c == '\r'),
        "{shown:?}"
    );
    assert!(!shown[report..].contains(" checking "), "no bar after the report: {shown:?}");
    let in_ci = run(true);
    assert!(!in_ci.contains(" checking "), "CI set: no bar: {in_ci:?}");
    assert!(in_ci.contains("<stdin>:2:1: warning[url/malformed]"), "{in_ci:?}");
}

/// `--write-baseline` records the findings; `--baseline` then fails only on new ones, still
/// matches findings whose lines moved, and reports entries that match nothing (`baseline/stale`).
#[test]
fn baseline_accepts_recorded_findings_and_reports_stale_entries() {
    let d = repo();
    let misspelt = "The tide tables are at htps://example.org/tides for now.\n";
    write(d.path(), "drafts/a.md", SPLIT);
    write(d.path(), "drafts/b.md", misspelt);
    let o = copydesk(d.path(), &["check", "--write-baseline", ".copydesk-baseline.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("recorded 2 findings in .copydesk-baseline.json"), "{}", stderr(&o));
    let recorded: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.path().join(".copydesk-baseline.json")).unwrap()).unwrap();
    assert_eq!(recorded["version"], 1);
    assert_eq!(recorded["findings"].as_array().unwrap().len(), 2);
    // The fingerprints are the SARIF ones.
    let sarif: serde_json::Value =
        serde_json::from_str(&stdout(&copydesk(d.path(), &["check", "--format", "sarif"]))).unwrap();
    let sarif_prints: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"]["copydesk/v1"].as_str().unwrap())
        .collect();
    let baseline_prints: Vec<&str> =
        recorded["findings"].as_array().unwrap().iter().map(|e| e["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(sarif_prints, baseline_prints);

    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--baseline", ".copydesk-baseline.json", "--format", "concise"];
        args.extend_from_slice(extra);
        copydesk(d.path(), &args)
    };
    let o = check(&[]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), ""), "{}", stderr(&o));
    // Lines added above: the finding moved, and still matches.
    write(d.path(), "drafts/b.md", format!("A new first paragraph.\n\nAnd a second.\n\n{misspelt}"));
    let o = check(&[]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), ""));
    // A new finding fails the gate, alone.
    write(d.path(), "drafts/b.md", format!("{misspelt}\nThe ferry schedule is at htps://example.org/ferry too.\n"));
    let o = check(&[]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() == 1 && lines[0].starts_with("drafts/b.md:3:26: warning[url/malformed]"), "{lines:?}");
    // The split URL fixed: its entry is stale, reported on its line of the baseline (info).
    write(d.path(), "drafts/b.md", misspelt);
    write(d.path(), "drafts/a.md", CLEAN);
    let o = check(&[]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with(".copydesk-baseline.json:7:22: info[baseline/stale] this baseline entry (url/malformed in drafts/a.md, line 2)"),
        "{out}"
    );
    assert_eq!(check(&["--fail-on", "info"]).status.code(), Some(1));
    // Entries for drafts not checked in this run are not stale.
    let o = check(&["drafts/b.md"]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), ""));
    // A baseline that cannot be read is an error, not an empty baseline.
    write(d.path(), "broken.json", "{\"version\": 1, \"findings\": [");
    let o = copydesk(d.path(), &["check", "--baseline", "broken.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.json: not a copydesk baseline"), "{}", stderr(&o));
    assert_eq!(copydesk(d.path(), &["check", "--baseline", "missing.json"]).status.code(), Some(2));
}

/// `--version` names the commit the binary was built from (this is a git checkout).
#[test]
fn version_names_the_commit() {
    let d = repo();
    let o = copydesk(d.path(), &["--version"]);
    let out = stdout(&o);
    let rest = out
        .strip_prefix(concat!("copydesk ", env!("CARGO_PKG_VERSION"), " (commit "))
        .unwrap_or_else(|| panic!("{out}"));
    let sha = rest.strip_suffix(")\n").unwrap_or_else(|| panic!("{out}"));
    assert!(sha.len() >= 7 && sha.chars().all(|c| c.is_ascii_hexdigit()), "{out}");
    // A commit of this repository (not necessarily HEAD: the binary may predate the last commit).
    let known = Command::new("git")
        .args(["cat-file", "-e", &format!("{sha}^{{commit}}")])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(known.success(), "{sha} is not a commit of this repository");
}

/// The crate can be published: licence files and the metadata crates.io shows.
#[test]
fn crate_metadata_and_licence_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest: toml::Table = fs::read_to_string(root.join("Cargo.toml")).unwrap().parse().unwrap();
    let package = manifest["package"].as_table().unwrap();
    assert_eq!(package["license"].as_str(), Some("MIT OR Apache-2.0"));
    for key in ["description", "repository", "readme", "keywords", "categories"] {
        assert!(package.contains_key(key), "Cargo.toml lacks package.{key}");
    }
    assert!(fs::read_to_string(root.join("LICENSE-MIT")).unwrap().contains("Permission is hereby granted"));
    assert!(fs::read_to_string(root.join("LICENSE-APACHE")).unwrap().contains("Apache License"));
}

/// `copydesk completions bash` is a completion script bash runs: it completes options and values.
#[test]
fn completions_complete_in_bash() {
    let d = repo();
    let o = copydesk(d.path(), &["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    fs::write(d.path().join("copydesk.bash"), &o.stdout).unwrap();
    let script = r#"
        source ./copydesk.bash
        complete -p copydesk
        COMP_WORDS=(copydesk check --stdin-f); COMP_CWORD=2; _copydesk copydesk --stdin-f check
        echo "options: ${COMPREPLY[*]}"
        COMP_WORDS=(copydesk check --format ""); COMP_CWORD=3; _copydesk copydesk "" --format
        echo "formats: ${COMPREPLY[*]}"
        COMP_WORDS=(copydesk check --no-p); COMP_CWORD=2; _copydesk copydesk --no-p check
        echo "no-progress: ${COMPREPLY[*]}"
    "#;
    let o = Command::new("bash").arg("-c").arg(script).current_dir(d.path()).output().unwrap();
    let out = stdout(&o);
    assert!(out.contains("-F _copydesk copydesk"), "{out}{}", stderr(&o));
    assert!(out.contains("options: --stdin-filename\n"), "{out}");
    assert!(out.contains("formats: human json sarif github concise gitlab junit\n"), "{out}");
    assert!(out.contains("no-progress: --no-progress\n"), "{out}");
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let o = copydesk(d.path(), &["completions", shell]);
        assert!(o.status.success() && stdout(&o).contains("force-exclude"), "{shell}");
    }
}

/// `copydesk man` and `copydesk man check` are man pages groff renders (UTF-8 through preconv,
/// as man does) without a warning.
#[test]
fn man_pages_render() {
    let d = repo();
    let top = copydesk(d.path(), &["man"]);
    let check = copydesk(d.path(), &["man", "check"]);
    assert!(stdout(&top).contains(".TH copydesk 1"), "{}", stdout(&top));
    assert!(stdout(&check).contains(".TH copydesk-check 1"), "{}", stdout(&check));
    assert_eq!(copydesk(d.path(), &["man", "nope"]).status.code(), Some(2));
    if Command::new("groff").arg("--version").output().is_err() {
        eprintln!("man_pages_render: groff is not installed; the pages were not rendered");
        return;
    }
    for (page, needles) in [
        (&top, &["copydesk", "check", "rule"][..]),
        (&check, &["copydesk check", "--stdin-filename", "--baseline", "--no-progress", "--output-format"]),
    ] {
        fs::write(d.path().join("page.1"), &page.stdout).unwrap();
        let o = Command::new("groff")
            .args(["-k", "-man", "-Tutf8", "-ww", "-P-c", "-P-b", "-P-u", "page.1"])
            .current_dir(d.path())
            .output()
            .unwrap();
        assert!(o.status.success() && o.stderr.is_empty(), "{}", stderr(&o));
        // groff writes hyphens as U+2010 in some setups; compare on ASCII hyphens.
        let text = stdout(&o).replace(['\u{2010}', '\u{2212}'], "-");
        // Justified lines: compare with the spaces collapsed.
        let plain = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for needle in needles {
            assert!(plain.contains(needle), "{needle}: {plain}");
        }
    }
}

/// `copydesk init` writes a starter config that parses, whose commented settings parse too once
/// uncommented (they are the defaults, so checking gives the same findings), and never overwrites.
#[test]
fn init_writes_a_starter_config_and_never_overwrites() {
    let d = repo();
    write(d.path(), "drafts/a.md", SPLIT);
    let before = stdout(&copydesk(d.path(), &["check", "--format", "json"]));
    let o = copydesk(d.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("wrote copydesk.toml"), "{}", stdout(&o));
    let written = fs::read_to_string(d.path().join("copydesk.toml")).unwrap();
    assert_eq!(written, copydesk::cli::STARTER_CONFIG);
    copydesk::config::Config::from_toml(&written, "copydesk.toml").unwrap();
    assert_eq!(stdout(&copydesk(d.path(), &["check", "--format", "json"])), before);
    // Every commented setting (`#key = …`), uncommented, is a valid config.
    let uncommented: String = written
        .lines()
        .map(|l| match l.strip_prefix('#') {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '"') => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(uncommented.matches("\n[").count() >= 5 && uncommented.contains("\nstyle = \"ap\""), "{uncommented}");
    copydesk::config::Config::from_toml(&uncommented, "copydesk.toml").unwrap_or_else(|e| panic!("{e}"));
    // Never overwritten.
    fs::write(d.path().join("copydesk.toml"), "[rules]\n\"url/malformed\" = \"off\"\n").unwrap();
    let o = copydesk(d.path(), &["init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("copydesk.toml already exists"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(d.path().join("copydesk.toml")).unwrap(), "[rules]\n\"url/malformed\" = \"off\"\n");
    // Into another folder.
    fs::create_dir(d.path().join("desk")).unwrap();
    assert_eq!(copydesk(d.path(), &["init", "desk"]).status.code(), Some(0));
    assert!(d.path().join("desk/copydesk.toml").is_file());
}

/// A `$schema` key and a `#:schema` comment (how TOML editors are pointed at a JSON Schema) are
/// accepted; the rest of the config still applies and is still checked.
#[test]
fn config_accepts_a_schema_key_and_comment() {
    let d = repo();
    write(d.path(), "a.md", SPLIT);
    write(
        d.path(),
        "copydesk.toml",
        "#:schema ./copydesk.schema.json\n\"$schema\" = \"./copydesk.schema.json\"\n\n[rules]\n\"url/malformed\" = \"error\"\n",
    );
    let o = copydesk(d.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"][0]["diagnostics"][0]["severity"], "error");
    write(d.path(), "copydesk.toml", "\"$schema\" = 3\n");
    assert_eq!(copydesk(d.path(), &["check"]).status.code(), Some(2), "a $schema that is not a string is an error");
}
