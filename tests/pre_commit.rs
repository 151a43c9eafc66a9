//! The pre-commit hooks of `.pre-commit-hooks.yaml`, run by the real `pre-commit` (from PyPI,
//! installed into `target/tools-venv` by `scripts/tools-venv.sh`, which `scripts/test.sh` runs) on
//! real `git commit`s in a scratch repository.
//!
//! The hooks are used as written except `language: rust` → `language: system` with the built
//! binary first on `PATH`: pre-commit would otherwise `cargo install` the whole crate into its
//! cache (minutes on two cores) to run the same binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `pre-commit` to run: `$COPYDESK_PRE_COMMIT` (set by scripts/test.sh, must exist), the
/// project's venv, or one on `PATH`; `None` when there is none.
fn pre_commit() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("COPYDESK_PRE_COMMIT") {
        let p = PathBuf::from(p);
        assert!(p.is_file(), "COPYDESK_PRE_COMMIT={} does not exist: run scripts/tools-venv.sh", p.display());
        return Some(p);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools-venv/bin/pre-commit");
    if venv.is_file() {
        return Some(venv);
    }
    let on_path = Command::new("pre-commit").arg("--version").output();
    on_path.is_ok_and(|o| o.status.success()).then(|| PathBuf::from("pre-commit"))
}

struct Scratch {
    dir: tempfile::TempDir,
    pre_commit: PathBuf,
}

impl Scratch {
    fn run(&self, program: &Path, args: &[&str]) -> Output {
        let bin_dir = Path::new(env!("CARGO_BIN_EXE_copydesk")).parent().unwrap();
        let path = std::env::join_paths(
            std::iter::once(bin_dir.to_path_buf()).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
        )
        .unwrap();
        Command::new(program)
            .args(args)
            .current_dir(self.dir.path().join("repo"))
            .env("PATH", path)
            .env("PRE_COMMIT_HOME", self.dir.path().join("pre-commit-home"))
            .env("COPYDESK_OFFLINE", "1")
            .env("NO_COLOR", "1")
            .env("GIT_AUTHOR_NAME", "Desk Test")
            .env("GIT_AUTHOR_EMAIL", "desk@example.invalid")
            .env("GIT_COMMITTER_NAME", "Desk Test")
            .env("GIT_COMMITTER_EMAIL", "desk@example.invalid")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE")
            .output()
            .unwrap()
    }
    fn git(&self, args: &[&str]) -> Output {
        self.run(Path::new("git"), args)
    }
    fn write(&self, rel: &str, text: &str) {
        let p = self.dir.path().join("repo").join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.dir.path().join("repo").join(rel)).unwrap()
    }
    /// `git add` then `git commit`: the commit's output, and whether HEAD moved.
    fn commit(&self, files: &[&str], message: &str) -> (bool, String) {
        let before = self.git(&["rev-parse", "-q", "--verify", "HEAD"]).stdout;
        let mut add = vec!["add", "--"];
        add.extend_from_slice(files);
        assert!(self.git(&add).status.success());
        let o = self.git(&["commit", "-q", "-m", message]);
        let after = self.git(&["rev-parse", "-q", "--verify", "HEAD"]).stdout;
        let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        assert_eq!(o.status.success(), before != after, "{text}");
        (o.status.success(), text)
    }
}

/// `.pre-commit-hooks.yaml` as a `repo: local` config whose hooks run the built binary.
fn local_config() -> String {
    let hooks = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml")).unwrap();
    assert_eq!(hooks.matches("language: rust").count(), 2, "{hooks}");
    let mut config = String::from("repos:\n  - repo: local\n    hooks:\n");
    for line in hooks.lines().filter(|l| !l.starts_with('#')) {
        config.push_str(&format!("      {}\n", line.replace("language: rust", "language: system")));
    }
    config
}

const ORPHAN: &str = "The ferry resumed service on Monday.\n\n\
                      “Nobody told us the timetable had changed again this week.”\n";
const SPLIT: &str = "The harbour board's minutes are at\n\
                     https://example.org/harbour/2025/minutes-of-the-\n\
                     winter-session today.\n";

#[test]
fn the_hooks_fail_a_bad_draft_pass_an_excluded_one_and_fix_what_is_safe() {
    let Some(pre_commit) = pre_commit() else {
        eprintln!(
            "SKIPPED the_hooks_fail_a_bad_draft_…: pre-commit is not installed (scripts/tools-venv.sh installs it \
             into target/tools-venv; scripts/test.sh runs it)"
        );
        return;
    };
    let s = Scratch { dir: tempfile::tempdir().unwrap(), pre_commit };
    fs::create_dir(s.dir.path().join("repo")).unwrap();
    assert!(s.git(&["init", "-q", "-b", "main"]).status.success());
    s.write("copydesk.toml", "[files]\nexclude = [\"archive/**\"]\n");
    s.write(".pre-commit-config.yaml", &local_config());
    let o = s.run(&s.pre_commit, &["install"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // The config files are text too: pre-commit names them, --force-exclude leaves them out.
    let (ok, out) = s.commit(&["copydesk.toml", ".pre-commit-config.yaml"], "desk config");
    assert!(ok, "{out}");
    assert!(out.contains("copydesk") && out.contains("Passed"), "{out}");

    // A draft with an unattributed quotation: the commit fails, and says why.
    s.write("drafts/ferry.md", ORPHAN);
    let (ok, out) = s.commit(&["drafts/ferry.md"], "ferry story");
    assert!(!ok, "{out}");
    assert!(out.contains("quote/unattributed") && out.contains("drafts/ferry.md"), "{out}");
    assert!(s.git(&["rm", "-q", "--cached", "drafts/ferry.md"]).status.success());
    fs::remove_file(s.dir.path().join("repo/drafts/ferry.md")).unwrap();

    // The same draft where copydesk.toml excludes it: the commit goes through.
    s.write("archive/ferry.md", ORPHAN);
    let (ok, out) = s.commit(&["archive/ferry.md"], "archived ferry story");
    assert!(ok, "{out}");

    // A URL split across a line break: the check fails it and the fix hook rejoins it; once the
    // fixed draft is added, the commit passes.
    s.write("drafts/harbour.txt", SPLIT);
    let (ok, out) = s.commit(&["drafts/harbour.txt"], "harbour minutes");
    assert!(!ok, "{out}");
    assert!(out.contains("url/malformed") && out.contains("files were modified by this hook"), "{out}");
    assert_eq!(
        s.read("drafts/harbour.txt"),
        "The harbour board's minutes are at\nhttps://example.org/harbour/2025/minutes-of-the-winter-session today.\n"
    );
    let (ok, out) = s.commit(&["drafts/harbour.txt"], "harbour minutes, fixed");
    assert!(ok, "{out}");
    let log = String::from_utf8_lossy(&s.git(&["log", "--format=%s"]).stdout).into_owned();
    assert_eq!(log, "harbour minutes, fixed\narchived ferry story\ndesk config\n");
}
