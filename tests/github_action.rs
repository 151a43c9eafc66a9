//! The GitHub Action (action.yml) run locally: its check step (scripts/action-run.sh) with a
//! simulated GITHUB_* environment and the real binary first on PATH (the install step's result),
//! on drafts written here. Checks the annotations, the job summary, the SARIF, the outputs and the
//! exit status, and that action.yml's inputs are the ones the script reads.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use yaml_rust2::{Yaml, YamlLoader};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A failing draft: a URL split across a line break (lines 4–5) and a misspelt scheme (line 6).
const FAILING: &str = "# Council notes\n\nThe agenda is posted at\nhttps://example.org/council/2025/agenda-for-the-\nbudget-hearing tonight.\nThe minutes will follow at htps://example.org/minutes soon.\n";
/// A draft with nothing to flag.
const PASSING: &str = "# Council notes\n\nThe council met on Tuesday and adjourned at nine.\n";

/// A scratch runner: `workspace` (a git repository root), and the files the runner provides.
struct Runner {
    dir: tempfile::TempDir,
}

impl Runner {
    fn new() -> Runner {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("workspace/.git")).unwrap();
        fs::create_dir_all(dir.path().join("runner")).unwrap();
        Runner { dir }
    }
    fn workspace(&self) -> PathBuf {
        self.dir.path().join("workspace")
    }
    fn write(&self, rel: &str, text: &str) {
        let p = self.workspace().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    fn summary_path(&self) -> PathBuf {
        self.dir.path().join("runner/step_summary.md")
    }
    fn output_path(&self) -> PathBuf {
        self.dir.path().join("runner/output.txt")
    }
    fn summary(&self) -> String {
        fs::read_to_string(self.summary_path()).unwrap_or_default()
    }
    fn outputs(&self) -> String {
        fs::read_to_string(self.output_path()).unwrap_or_default()
    }
    /// Run the action's check step with these inputs (`INPUT_*` as action.yml passes them).
    fn run(&self, inputs: &[(&str, &str)]) -> Output {
        self.run_with_path(inputs, &path_with_copydesk())
    }
    fn run_with_path(&self, inputs: &[(&str, &str)], path: &str) -> Output {
        let mut cmd = Command::new("bash");
        cmd.arg(root().join("scripts/action-run.sh"))
            .arg("check")
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", path)
            .env("HOME", self.dir.path())
            .env("CI", "true")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_WORKSPACE", self.workspace())
            .env("GITHUB_STEP_SUMMARY", self.summary_path())
            .env("GITHUB_OUTPUT", self.output_path())
            .env("GITHUB_ACTION_PATH", root());
        for (k, v) in inputs {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }
}

/// The folder of the built binary first, then the system's (bash, xargs, sed…).
fn path_with_copydesk() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_copydesk")).parent().unwrap().display().to_string();
    format!("{bin}:{}", std::env::var("PATH").unwrap_or_default())
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const OFFLINE: (&str, &str) = ("INPUT_OFFLINE", "true");

#[test]
fn a_failing_draft_gives_annotations_summary_sarif_and_exit_1() {
    let r = Runner::new();
    r.write("drafts/council.md", FAILING);
    r.write("drafts/clean.md", PASSING);
    let o = r.run(&[OFFLINE, ("INPUT_PATHS", "drafts")]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "stdout:\n{out}\nstderr:\n{}", stderr(&o));

    // Annotations: workflow commands on stdout, one per finding, with file and line.
    let annotations: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 2, "{out}");
    assert!(
        annotations[0].starts_with("::warning file=drafts/council.md,line=4,endLine=5,title=url/malformed::"),
        "{out}"
    );
    assert!(annotations[1].starts_with("::warning file=drafts/council.md,line=6,col=28,"), "{out}");
    assert!(annotations[1].contains("title=url/malformed::"), "{out}");
    assert!(!out.contains("-->"), "no human report on stdout: {out}");

    // The job summary.
    let summary = r.summary();
    assert!(summary.contains("### copydesk: ❌ failed: findings at or above `warning`"), "{summary}");
    assert!(summary.contains("2 files checked: 0 errors, 2 warnings, 0 infos, 0 hints."), "{summary}");
    assert!(summary.contains("| `url/malformed` | warning | 2 |"), "{summary}");

    // The SARIF, at the default path in the workspace.
    let sarif: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(r.workspace().join("copydesk.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let rules: Vec<&str> = results.iter().map(|r| r["ruleId"].as_str().unwrap()).collect();
    assert_eq!(rules, ["url/malformed", "url/malformed"]);
    let uri = &results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "drafts/council.md", "paths relative to the workspace, as code scanning wants");

    // Step outputs.
    let outputs = r.outputs();
    assert!(outputs.contains("exit-code=1\n"), "{outputs}");
    assert!(outputs.contains("sarif=copydesk.sarif\n"), "{outputs}");
}

#[test]
fn a_passing_draft_exits_0_with_a_passing_summary() {
    let r = Runner::new();
    r.write("story.md", PASSING);
    // The SARIF's folder is created.
    let o = r.run(&[OFFLINE, ("INPUT_SARIF", "reports/copydesk.sarif")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("::"), "no annotations: {}", stdout(&o));
    let summary = r.summary();
    assert!(summary.contains("### copydesk: ✅ passed"), "{summary}");
    assert!(summary.contains("1 file checked: 0 errors, 0 warnings"), "{summary}");
    assert!(!summary.contains("| rule |"), "no table without findings: {summary}");
    let sarif: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(r.workspace().join("reports/copydesk.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 0);
    assert!(r.outputs().contains("exit-code=0\n"), "{}", r.outputs());
    assert!(r.outputs().contains("sarif=reports/copydesk.sarif\n"), "{}", r.outputs());
}

#[test]
fn a_sarif_that_cannot_be_written_fails_the_step() {
    let r = Runner::new();
    r.write("story.md", PASSING);
    // A file where the SARIF's folder should be.
    let o = r.run(&[OFFLINE, ("INPUT_SARIF", "story.md/copydesk.sarif")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stdout(&o).contains("cannot create the folder of the SARIF file"), "{}", stdout(&o));
    // A folder where the SARIF file should be: copydesk cannot write it, and says so.
    fs::create_dir_all(r.workspace().join("copydesk.sarif")).unwrap();
    let o = r.run(&[OFFLINE]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write the report to copydesk.sarif"), "{}", stderr(&o));
    assert!(r.summary().contains("### copydesk: ❌ error (exit status 2)"), "{}", r.summary());
}

#[test]
fn fail_on_and_args_reach_copydesk() {
    let r = Runner::new();
    r.write("council.md", FAILING);
    // The findings are warnings: failing on errors only passes, annotations still shown.
    let o = r.run(&[OFFLINE, ("INPUT_FAIL_ON", "error")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().filter(|l| l.starts_with("::warning ")).count(), 2);
    assert!(r.summary().contains("### copydesk: ✅ passed"), "{}", r.summary());
    assert!(r.summary().contains("The check fails on `error` and above."), "{}", r.summary());

    // args: a config that turns the rule into an error, given with a quoted path with a space.
    r.write("desk config/strict.toml", "[rules]\n\"url/malformed\" = \"error\"\n");
    let o = r.run(&[OFFLINE, ("INPUT_FAIL_ON", "error"), ("INPUT_ARGS", "--config 'desk config/strict.toml'")]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("::error file=council.md,line=4"), "{}", stdout(&o));
    assert!(r.summary().contains("| `url/malformed` | error | 2 |"), "{}", r.summary());
}

#[test]
fn a_missing_path_fails_the_step() {
    let r = Runner::new();
    r.write("story.md", PASSING);
    let o = r.run(&[OFFLINE, ("INPUT_PATHS", "no-such-folder")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let summary = r.summary();
    assert!(summary.contains("### copydesk: ❌ error: some files could not be checked"), "{summary}");
    assert!(summary.contains("- `no-such-folder`: no such file or folder"), "{summary}");
    assert!(r.outputs().contains("exit-code=2\n"), "{}", r.outputs());
    assert!(stdout(&o).contains("::error title=copydesk::copydesk exited with status 2"), "{}", stdout(&o));

    // A folder with no drafts: copydesk stops before checking; the script says so in the summary.
    let r = Runner::new();
    fs::create_dir_all(r.workspace().join("empty")).unwrap();
    let o = r.run(&[OFFLINE, ("INPUT_PATHS", "empty")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("no drafts to check"), "{}", stderr(&o));
    assert!(r.summary().contains("### copydesk: ❌ error (exit status 2)"), "{}", r.summary());
}

#[test]
fn a_broken_config_fails_the_step() {
    let r = Runner::new();
    r.write("story.md", FAILING);
    r.write("copydesk.toml", "[rules]\n\"url/malfomred\" = \"error\"\n");
    let o = r.run(&[OFFLINE]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("url/malfomred"), "{}", stderr(&o));
    assert!(r.summary().contains("### copydesk: ❌"), "{}", r.summary());
}

#[test]
fn bad_inputs_fail_the_step() {
    let r = Runner::new();
    r.write("story.md", PASSING);
    let o = r.run(&[("INPUT_OFFLINE", "sometimes")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("the offline input is `sometimes`"), "{}", stdout(&o));
    let o = r.run(&[OFFLINE, ("INPUT_ARGS", "--config 'unterminated")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = r.run(&[OFFLINE, ("INPUT_FAIL_ON", "sometimes")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn copydesk_not_installed_fails_the_step() {
    let r = Runner::new();
    r.write("story.md", PASSING);
    // The tools the script uses, without copydesk: the folders of the tools the script uses.
    let mut dirs: Vec<String> = Vec::new();
    for tool in ["bash", "xargs", "printf", "wc", "dirname", "mkdir"] {
        if let Ok(o) = Command::new("bash").args(["-c", &format!("command -v {tool}")]).output() {
            let p = String::from_utf8_lossy(&o.stdout).trim().to_string();
            if let Some(parent) = Path::new(&p).parent() {
                let parent = parent.display().to_string();
                if !parent.is_empty() && !dirs.contains(&parent) {
                    dirs.push(parent);
                }
            }
        }
    }
    for d in &dirs {
        assert!(!Path::new(d).join("copydesk").exists(), "a copydesk is installed in {d}: the test cannot hide it");
    }
    let o = r.run_with_path(&[OFFLINE], &dirs.join(":"));
    assert_eq!(o.status.code(), Some(127), "stdout: {}\nstderr: {}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("copydesk is not on PATH"), "{}", stdout(&o));
    assert!(r.summary().contains("copydesk is not installed"), "{}", r.summary());
}

#[test]
fn the_version_step_reads_cargo_toml() {
    let r = Runner::new();
    let o = Command::new("bash")
        .arg(root().join("scripts/action-run.sh"))
        .arg("version")
        .env("GITHUB_OUTPUT", r.output_path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(r.outputs(), format!("version={}\n", env!("CARGO_PKG_VERSION")));
}

fn action() -> Yaml {
    let text = fs::read_to_string(root().join("action.yml")).unwrap();
    let mut docs = YamlLoader::load_from_str(&text).expect("action.yml is YAML");
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

#[test]
fn action_yml_inputs_are_the_ones_the_script_reads() {
    let action = action();
    let inputs = action["inputs"].as_hash().expect("inputs");
    let mut names: Vec<&str> = inputs.keys().map(|k| k.as_str().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["args", "fail-on", "offline", "paths", "sarif"]);
    for (name, def) in inputs {
        assert!(def["description"].as_str().is_some_and(|d| !d.is_empty()), "{name:?} has a description");
    }
    assert_eq!(action["inputs"]["paths"]["default"].as_str(), Some("."));
    assert_eq!(action["inputs"]["fail-on"]["default"].as_str(), Some("warning"));
    assert_eq!(action["inputs"]["sarif"]["default"].as_str(), Some("copydesk.sarif"));
    assert_eq!(action["inputs"]["offline"]["default"].as_str(), Some("false"));

    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let steps = action["runs"]["steps"].as_vec().expect("steps");
    let check = steps.iter().find(|s| s["id"].as_str() == Some("check")).expect("a step with id: check");
    let env = check["env"].as_hash().expect("the check step passes inputs as env");
    let script = fs::read_to_string(root().join("scripts/action-run.sh")).unwrap();
    for name in names {
        let var = format!("INPUT_{}", name.to_uppercase().replace('-', "_"));
        let value = env.get(&Yaml::String(var.clone())).and_then(|v| v.as_str());
        assert_eq!(value, Some(format!("${{{{ inputs.{name} }}}}").as_str()), "{var} in the check step's env");
        assert!(script.contains(&format!("${{{var}")), "scripts/action-run.sh reads {var}");
    }
    assert!(check["run"].as_str().unwrap().contains("scripts/action-run.sh\" check"));

    // The install step: cargo install --locked from the action's checkout, cached by version and OS.
    let install =
        steps.iter().find(|s| s["run"].as_str().is_some_and(|r| r.contains("cargo install"))).expect("an install step");
    let run = install["run"].as_str().unwrap();
    assert!(run.contains("--locked") && run.contains("--path \"$GITHUB_ACTION_PATH\""), "{run}");
    let cache = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/cache@")))
        .expect("a cache step");
    let key = cache["with"]["key"].as_str().unwrap();
    assert!(key.contains("steps.version.outputs.version") && key.contains("runner.os"), "{key}");
    for output in ["exit-code", "sarif"] {
        let value = action["outputs"][output]["value"].as_str().unwrap_or_default();
        assert!(value.contains(&format!("steps.check.outputs.{output}")), "{output}: {value}");
    }
}

// ---------------------------------------------------------------------------------------------
// The whole action, step by step, as a runner would take it: version, cache, install, PATH, check.
// ---------------------------------------------------------------------------------------------

/// A GitHub Actions runner in miniature for action.yml's composite steps: `${{ … }}` expressions
/// over `inputs`, `steps.<id>.outputs`, `runner` and `github`; `if:` conditions of the form
/// `A != 'x'` / `A == 'x'`; `GITHUB_OUTPUT` and `GITHUB_PATH` files; and `actions/cache` against
/// a simulated cache service (`store`: key → saved folder) that restores on an exact key and saves
/// after the job on a miss. Anything else in action.yml makes the test fail: it must be taught,
/// not skipped.
struct Job<'a> {
    runner: &'a Runner,
    store: &'a Path,
    inputs: Vec<(&'a str, &'a str)>,
    outputs: std::collections::HashMap<String, std::collections::HashMap<String, String>>,
    path: String,
    /// The `name`/`id`/`uses` or run line of every step that ran, and of every step skipped.
    ran: Vec<String>,
    skipped: Vec<String>,
    /// Caches to save after the job: (key, path).
    to_save: Vec<(String, PathBuf)>,
}

impl<'a> Job<'a> {
    /// A job on `runner`, with the cache store at `store`, copydesk not on its `PATH`.
    fn new(runner: &'a Runner, store: &'a Path, inputs: Vec<(&'a str, &'a str)>) -> Self {
        Job {
            runner,
            store,
            inputs,
            outputs: Default::default(),
            path: path_without_copydesk(),
            ran: vec![],
            skipped: vec![],
            to_save: vec![],
        }
    }

    fn tool_cache(&self) -> PathBuf {
        self.runner.dir.path().join("runner/tool_cache")
    }

    fn value(&self, expr: &str, action: &Yaml) -> String {
        let expr = expr.trim();
        let parts: Vec<&str> = expr.split('.').collect();
        match parts.as_slice() {
            ["inputs", name] => self
                .inputs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.to_string())
                .or_else(|| action["inputs"][*name]["default"].as_str().map(str::to_string))
                .unwrap_or_else(|| panic!("no input {name}")),
            ["steps", id, "outputs", name] => {
                self.outputs.get(*id).and_then(|o| o.get(*name)).cloned().unwrap_or_default()
            }
            ["runner", "tool_cache"] => self.tool_cache().display().to_string(),
            ["runner", "os"] => "Linux".into(),
            ["runner", "arch"] => "X64".into(),
            ["github", "action_ref"] => "v1".into(),
            _ => panic!("action.yml uses an expression this runner does not know: {expr}"),
        }
    }

    /// `text` with every `${{ … }}` replaced.
    fn expand(&self, text: &str, action: &Yaml) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").expect("a closed ${{ … }}") + start;
            out.push_str(&self.value(&rest[start + 3..end], action));
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }

    fn condition(&self, cond: &str, action: &Yaml) -> bool {
        let (left, op, lit) = if let Some((l, r)) = cond.split_once("!=") {
            (l, "!=", r)
        } else if let Some((l, r)) = cond.split_once("==") {
            (l, "==", r)
        } else {
            panic!("an if: this runner does not know: {cond}");
        };
        let lit = lit.trim().strip_prefix('\'').and_then(|l| l.strip_suffix('\'')).expect("a quoted literal");
        let value = self.value(left, action);
        (value == lit) == (op == "==")
    }

    fn run(&mut self) -> Output {
        let action = action();
        let steps = action["runs"]["steps"].as_vec().expect("steps").clone();
        let mut last = None;
        for (i, step) in steps.iter().enumerate() {
            let label = step["id"]
                .as_str()
                .or(step["uses"].as_str())
                .map(str::to_string)
                .unwrap_or_else(|| format!("step {i}: {}", step["run"].as_str().unwrap_or_default()));
            if let Some(cond) = step["if"].as_str()
                && !self.condition(cond, &action)
            {
                self.skipped.push(label);
                continue;
            }
            self.ran.push(label);
            let mut outputs = std::collections::HashMap::new();
            if let Some(uses) = step["uses"].as_str() {
                assert!(uses.starts_with("actions/cache@"), "a `uses:` this runner does not know: {uses}");
                let path = PathBuf::from(self.expand(step["with"]["path"].as_str().unwrap(), &action));
                let key = self.expand(step["with"]["key"].as_str().unwrap(), &action);
                let saved = self.store.join(key.replace('/', "_"));
                if saved.is_dir() {
                    copy_dir(&saved, &path);
                    outputs.insert("cache-hit".to_string(), "true".to_string());
                } else {
                    outputs.insert("cache-hit".to_string(), "false".to_string());
                    self.to_save.push((key, path));
                }
            } else {
                let run = step["run"].as_str().expect("a step runs or uses");
                assert_eq!(step["shell"].as_str(), Some("bash"), "composite steps name their shell");
                let out_file = self.runner.dir.path().join(format!("runner/output-{i}.txt"));
                let path_file = self.runner.dir.path().join(format!("runner/path-{i}.txt"));
                let mut cmd = Command::new("bash");
                cmd.arg("-e")
                    .arg("-c")
                    .arg(run)
                    .current_dir(self.runner.workspace())
                    .env("PATH", &self.path)
                    .env("CI", "true")
                    .env("GITHUB_ACTIONS", "true")
                    .env("GITHUB_WORKSPACE", self.runner.workspace())
                    .env("GITHUB_STEP_SUMMARY", self.runner.summary_path())
                    .env("GITHUB_OUTPUT", &out_file)
                    .env("GITHUB_PATH", &path_file)
                    .env("GITHUB_ACTION_PATH", root())
                    // The install compiles the crate: into its own folder beside the tests' (the
                    // tests' build folder is locked while they run), without optimisation so CI
                    // stays short. The command, `--locked`, `--root` and the binary's place are
                    // what is under test, not the optimiser.
                    .env("CARGO_TARGET_DIR", root().join("target/action-install"))
                    .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
                    .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "64");
                if let Some(env) = step["env"].as_hash() {
                    for (k, v) in env {
                        cmd.env(k.as_str().unwrap(), self.expand(v.as_str().unwrap(), &action));
                    }
                }
                let o = cmd.output().unwrap();
                let failed = !o.status.success();
                if let Ok(text) = fs::read_to_string(&out_file) {
                    for line in text.lines() {
                        let (k, v) = line.split_once('=').expect("name=value in GITHUB_OUTPUT");
                        outputs.insert(k.to_string(), v.to_string());
                    }
                }
                if let Ok(text) = fs::read_to_string(&path_file) {
                    for dir in text.lines().rev() {
                        self.path = format!("{dir}:{}", self.path);
                    }
                }
                let is_check = step["id"].as_str() == Some("check");
                if failed && !is_check {
                    panic!("step {i} failed:\n{run}\nstdout: {}\nstderr: {}", stdout(&o), stderr(&o));
                }
                last = Some(o);
            }
            if let Some(id) = step["id"].as_str() {
                self.outputs.insert(id.to_string(), outputs);
            }
        }
        // After the job: the cache service saves what missed.
        for (key, path) in std::mem::take(&mut self.to_save) {
            assert!(path.is_dir(), "the cached folder {} exists after the job", path.display());
            copy_dir(&path, &self.store.join(key.replace('/', "_")));
        }
        last.expect("the last step ran a command")
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The system's PATH without any folder that holds a `copydesk` (cargo stays: it lives elsewhere).
fn path_without_copydesk() -> String {
    let path = std::env::var("PATH").unwrap_or_default();
    let dirs: Vec<&str> = path.split(':').filter(|d| !Path::new(d).join("copydesk").exists()).collect();
    dirs.join(":")
}

#[test]
fn the_action_installs_copydesk_caches_it_and_the_next_job_uses_the_cache() {
    let store = tempfile::tempdir().unwrap();
    // The action's inputs, as a workflow's `with:` gives them.
    let inputs = vec![("offline", "true"), ("paths", "drafts")];
    let version = env!("CARGO_PKG_VERSION");

    // The first job: nothing cached, so cargo installs copydesk into the tool cache.
    let first = Runner::new();
    first.write("drafts/council.md", FAILING);
    let mut job = Job::new(&first, store.path(), inputs.clone());
    let o = job.run();
    assert!(job.skipped.is_empty(), "every step ran: skipped {:?}", job.skipped);
    assert!(job.ran.iter().any(|s| s.contains("cargo install")), "{:?}", job.ran);
    let installed = job.tool_cache().join(format!("copydesk/{version}/bin/copydesk"));
    assert!(installed.is_file(), "cargo install --root put the binary at {}", installed.display());
    assert_eq!(job.outputs["cache"]["cache-hit"], "false");
    assert_eq!(o.status.code(), Some(1), "the draft fails: {}\n{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o).lines().filter(|l| l.starts_with("::warning file=drafts/council.md")).count(), 2);
    assert_eq!(job.outputs["check"]["exit-code"], "1");
    assert!(first.workspace().join("copydesk.sarif").is_file());
    let v = Command::new(&installed).arg("--version").output().unwrap();
    assert!(stdout(&v).starts_with(&format!("copydesk {version}")), "{}", stdout(&v));

    // The next job, on a fresh runner: the cache restores the binary, and nothing is built.
    let second = Runner::new();
    second.write("drafts/clean.md", PASSING);
    let mut job = Job::new(&second, store.path(), inputs);
    let o = job.run();
    assert_eq!(job.outputs["cache"]["cache-hit"], "true");
    assert_eq!(job.skipped.len(), 1, "the install step is skipped: ran {:?}", job.ran);
    assert!(job.skipped[0].contains("cargo install"), "{:?}", job.skipped);
    assert!(job.tool_cache().join(format!("copydesk/{version}/bin/copydesk")).is_file());
    assert_eq!(o.status.code(), Some(0), "{}\n{}", stdout(&o), stderr(&o));
    assert!(second.summary().contains("### copydesk: ✅ passed"), "{}", second.summary());
}
