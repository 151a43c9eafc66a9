//! The command line: `copydesk check` and `copydesk fix`.
//!
//! This is a shell around the engine: it finds files and their `copydesk.toml`, reads them, runs
//! [`crate::engine`] in parallel, prints a [`Report`] in the chosen format and picks the exit code.

pub mod baseline;
pub mod files;
pub mod output;
pub mod progress;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine;
use crate::position::LineIndex;
use files::{Configs, Target};
use output::Format;

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

/// A copy desk for news drafts: finds unattributed quotes, broken URLs and inconsistent figures
/// in Markdown and plain-text drafts, in CI and (with `copydesk lsp`) as you type.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version = version(), propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check drafts and report what a copy editor would flag.
    ///
    /// Exit status: 0 when nothing is at or above --fail-on, 1 when something is, 2 on a usage,
    /// config or file error (the other files are still checked).
    Check(CheckArgs),
    /// Apply the safe fixes to drafts, in place, and report what was changed.
    ///
    /// Only fixes marked safe are applied (a URL rejoined across a line break, a misspelt
    /// scheme). Each file is replaced atomically: it is never left half-written. Exit status: 0
    /// when every file was fixed or needed nothing, 2 on a config or file error.
    Fix(FixArgs),
    /// List who is quoted in each draft: speaker, first reference, number of quotes, lines.
    ///
    /// A standards editor's view of sourcing at a glance. Exit status 0, or 2 on a file error.
    Sources(SourcesArgs),
    /// Show a rule's documentation, or list every rule.
    ///
    /// `copydesk rule url/malformed` prints what the rule finds, why it matters, an example and
    /// whether its fix is safe (the README's rule reference). `copydesk rule --all` lists every
    /// rule: id, default severity, on or off by default, summary. Exit status 0, or 2 for an
    /// unknown rule.
    Rule(RuleArgs),
    /// Write a commented starter copydesk.toml in the current folder (or FOLDER).
    ///
    /// Every setting is there at its default, commented out. An existing copydesk.toml is never
    /// overwritten: exit status 2.
    Init(InitArgs),
    /// Print the JSON Schema of copydesk.toml (the repository's copydesk.schema.json).
    ///
    /// Generated from the types the config is read into. Editors with a TOML language server
    /// (taplo, Even Better TOML) take it from a `#:schema ./copydesk.schema.json` comment at
    /// the top of copydesk.toml, or from a top-level `"$schema" = "…"` key.
    Schema,
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
    ///
    /// bash: `copydesk completions bash > ~/.local/share/bash-completion/completions/copydesk`;
    /// zsh: into a folder of your `$fpath` as `_copydesk`; fish:
    /// `copydesk completions fish > ~/.config/fish/completions/copydesk.fish`.
    Completions(CompletionsArgs),
    /// Print the man page (roff) of copydesk, or of one of its commands.
    ///
    /// `copydesk man > copydesk.1; man -l copydesk.1`, or `copydesk man check` for
    /// copydesk-check(1).
    Man(ManArgs),
    /// Run the language server on stdin/stdout (for editors).
    ///
    /// Editors start this themselves: see README.md for VS Code, Neovim, Helix and Emacs.
    Lsp(LspArgs),
}

#[derive(Debug, Args)]
pub struct SourcesArgs {
    #[command(flatten)]
    pub common: Common,
    /// Output format: a table, or JSON (`[{"path", "sources": [{"speaker", "kind", "first_reference", "quotes", "lines"}]}]`).
    #[arg(long, value_enum, default_value_t = SourcesFormat::Human)]
    pub format: SourcesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SourcesFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write copydesk.toml in (default: the current folder).
    pub folder: Option<PathBuf>,
}

/// The starter config `copydesk init` writes.
pub const STARTER_CONFIG: &str = include_str!("init.toml");

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command (check, fix, sources, rule, …) for its own page; none for copydesk(1).
    pub command: Option<String>,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The rule's id, e.g. `quote/unattributed`.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub id: Option<String>,
    /// List every rule instead.
    #[arg(long)]
    pub all: bool,
    /// Output format: text (Markdown for one rule, a table for --all), or JSON (one object with
    /// `id`, `default_severity`, `default_enabled`, `network`, `summary` and, for one rule, `doc`;
    /// an array of them for --all).
    #[arg(long, value_enum, default_value_t = SourcesFormat::Human)]
    pub format: SourcesFormat,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Accepted for compatibility with clients that pass it; stdio is the only transport.
    #[arg(long)]
    pub stdio: bool,
    /// Do not use the network: live link checks are off. Also set by COPYDESK_OFFLINE=1.
    #[arg(long, env = "COPYDESK_OFFLINE", value_parser = clap::builder::BoolishValueParser::new(), default_value_t = false)]
    pub offline: bool,
}

#[derive(Debug, Args)]
pub struct Common {
    /// Files and folders to check. Folders are walked respecting .gitignore; only files whose
    /// extension the config names as Markdown or text are read. `-` (or /dev/stdin) reads the
    /// draft from stdin. Default: the current folder.
    pub paths: Vec<PathBuf>,
    /// The path the draft on stdin stands for: its copydesk.toml is found from there, its kind
    /// (Markdown or text) comes from its extension, and findings are reported under that name.
    /// Without it, stdin is read as Markdown with the config of the current folder.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Select files named on the command line as files found in folders are: only extensions the
    /// config reads as drafts, and [files] include/exclude apply (named files are always checked
    /// otherwise). For pre-commit hooks and editors, which name every file.
    #[arg(long)]
    pub force_exclude: bool,
    /// Exit 0 when there is nothing to check (no draft found, or an empty stdin) instead of
    /// exiting 2 with an error.
    #[arg(long)]
    pub allow_empty: bool,
    /// Use this config file for every draft instead of the nearest copydesk.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Do not use the network: live link checks are skipped. Also set by the environment
    /// variable COPYDESK_OFFLINE=1.
    #[arg(long, env = "COPYDESK_OFFLINE", value_parser = clap::builder::BoolishValueParser::new(), default_value_t = false)]
    pub offline: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the --format report to FILE, and the human report to stdout: one run gives SARIF
    /// (or JSON, JUnit, …) to a tool and findings to the person watching.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The format of the -o FILE report; with it, --format is the format on stdout instead of
    /// the human report (`--format github -o copydesk.sarif --output-format sarif`: annotations
    /// on stdout, SARIF in the file).
    #[arg(long, value_enum, value_name = "FORMAT", requires = "output")]
    pub output_format: Option<Format>,
    /// Append a Markdown summary of the run to FILE: passed or failed, files checked, findings
    /// by rule and severity (for a CI job summary such as $GITHUB_STEP_SUMMARY).
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// Never show the progress bar (it is shown on stderr only on a terminal, when CI is not set,
    /// and once a run has taken a second).
    #[arg(long)]
    pub no_progress: bool,
    /// Leave out the findings recorded in this baseline file (matched by their SARIF
    /// fingerprints, so moved lines still match); its entries that match nothing any more are
    /// reported as baseline/stale.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file and exit 0 (2 on a file or config
    /// error); nothing else is printed.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Exit with status 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Warning, value_name = "SEVERITY")]
    pub fail_on: FailOn,
    /// Colour in the human format: auto (on a terminal that supports it; NO_COLOR, CLICOLOR and
    /// CLICOLOR_FORCE honoured), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
    /// Never fail on findings (errors reading files or config still exit 2).
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Hint => Some(Severity::Hint),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The version `--version` prints: the crate's, and the git commit it was built from when it was
/// built from a git checkout (`0.1.0 (commit 1a2b3c4d5e6f)`).
pub fn version() -> &'static str {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION.get_or_init(|| {
        // vergen puts a placeholder here when git could not tell (not a checkout, no git).
        let sha = option_env!("VERGEN_GIT_SHA").filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit()));
        match sha {
            Some(sha) => format!("{} (commit {sha})", env!("CARGO_PKG_VERSION")),
            None => env!("CARGO_PKG_VERSION").to_string(),
        }
    })
}

/// Run the command line; returns the process exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Check(args) => run_check(&args),
        Command::Fix(args) => run_fix(&args),
        Command::Sources(args) => run_sources(&args),
        Command::Rule(args) => run_rule(&args),
        Command::Completions(args) => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "copydesk", &mut out);
            write_all_stdout(&out)
        }
        Command::Man(args) => run_man(&args),
        Command::Init(args) => run_init(&args),
        Command::Schema => {
            let mut text = serde_json::to_string_pretty(&crate::config::schema()).expect("a JSON value serializes");
            text.push('\n');
            write_all_stdout(text.as_bytes())
        }
        Command::Lsp(args) => crate::lsp::run(args.offline),
    }
}

/// The drafts named by the command line, and the config errors met on the way (printed here).
///
/// Nothing to check is an error (exit 2) unless `--allow-empty`: a CI gate given a wrong path or
/// glob must not pass silently. Files left out by `--force-exclude` are not "nothing": a
/// pre-commit hook that names only excluded files passes.
fn targets(common: &Common) -> Result<(Vec<Target>, Vec<FileResult>, bool), i32> {
    let mut configs = match Configs::new(common.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Err(2);
        }
    };
    let paths = match (&common.stdin_filename, common.paths.is_empty()) {
        (Some(_), true) => vec![PathBuf::from("-")],
        (None, true) => vec![PathBuf::from(".")],
        (Some(name), false) if !common.paths.iter().any(|p| files::is_stdin(p)) => {
            eprintln!(
                "error: --stdin-filename {} names the draft on stdin, but `-` is not among the paths",
                name.display()
            );
            return Err(2);
        }
        _ => common.paths.clone(),
    };
    let selection =
        files::Selection { force_exclude: common.force_exclude, stdin_filename: common.stdin_filename.clone() };
    let collected = files::collect(&paths, &mut configs, &selection);
    for e in &collected.config_errors {
        eprintln!("error: {e}");
    }
    let nothing = collected.targets.is_empty()
        && collected.errors.is_empty()
        && collected.config_errors.is_empty()
        && collected.excluded.is_empty();
    if nothing && !common.allow_empty {
        let shown: Vec<String> = paths.iter().map(|p| files::display_path(p)).collect();
        eprintln!(
            "error: no drafts to check in {}: no file there has an extension the config reads as Markdown or \
             text, or [files] include/exclude leave none (pass --allow-empty to accept an empty run)",
            shown.join(", ")
        );
        return Err(2);
    }
    let failed = collected.errors.into_iter().map(|(p, m)| FileResult::failed(p, m)).collect();
    Ok((collected.targets, failed, !collected.config_errors.is_empty()))
}

fn check_one(t: &Target, allow_empty: bool) -> FileResult {
    match files::read_target(t, allow_empty) {
        Ok(text) => {
            let diags = engine::check(&text, t.kind, &t.scoped.config);
            FileResult::checked(t.shown.clone(), text, diags)
        }
        Err(e) => FileResult::failed(t.shown.clone(), e),
    }
}

/// A draft after the local checks, waiting for the network's verdicts.
struct Pending {
    target: Target,
    shown: String,
    text: String,
    raw: Vec<Diagnostic>,
    urls: Vec<String>,
}

/// Check drafts with the live link checks: local checks in parallel, then every unique URL of
/// every draft at once (one checker per config, sharing its disk cache), then the findings merged.
fn check_with_links(targets: &[Target], allow_empty: bool, bar: &progress::Progress) -> Vec<FileResult> {
    use crate::checks::url_live;
    let mut done = Vec::new();
    let mut pending = Vec::new();
    let phase1: Vec<Result<Pending, Box<FileResult>>> = targets
        .par_iter()
        .map(|t| {
            let shown = t.shown.clone();
            let text = files::read_target(t, allow_empty).map_err(|e| {
                bar.file_done();
                Box::new(FileResult::failed(shown.clone(), e))
            })?;
            let doc = crate::document::Document::parse(&text, t.kind);
            let raw = engine::run_local(&doc, &t.scoped.config);
            let urls = if t.scoped.config.links.enabled { url_live::urls(&doc) } else { Vec::new() };
            bar.file_done();
            Ok(Pending { target: t.clone(), shown, text, raw, urls })
        })
        .collect();
    for r in phase1 {
        match r {
            Ok(p) => pending.push(p),
            Err(f) => done.push(*f),
        }
    }
    // One checker per distinct config (they are shared `Arc`s), keyed by the config's address.
    let mut groups: Vec<(Arc<files::Scoped>, Vec<String>)> = Vec::new();
    for p in pending.iter().filter(|p| !p.urls.is_empty()) {
        match groups.iter_mut().find(|(s, _)| Arc::ptr_eq(s, &p.target.scoped)) {
            Some((_, urls)) => urls.extend(p.urls.iter().cloned()),
            None => groups.push((p.target.scoped.clone(), p.urls.clone())),
        }
    }
    let mut verdicts: Vec<std::collections::HashMap<String, url_live::Verdict>> = Vec::new();
    let mut network_ok = true;
    if !groups.is_empty() {
        match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
            Ok(rt) => {
                for (scoped, urls) in &groups {
                    let cache = Some(scoped.base.join(crate::links::CACHE_DIR_NAME));
                    match crate::links::LinkChecker::new(&scoped.config.links, cache) {
                        Ok(checker) => {
                            verdicts.push(rt.block_on(checker.check_reporting(urls, &|n| bar.links_pending(n))));
                            bar.links_pending(0);
                        }
                        Err(e) => {
                            bar.eprintln(&format!("error: live link checks: {e}"));
                            network_ok = false;
                            verdicts.push(Default::default());
                        }
                    }
                }
            }
            Err(e) => {
                bar.eprintln(&format!("error: cannot start the link checker: {e}"));
                network_ok = false;
            }
        }
    }
    let finished: Vec<FileResult> = pending
        .into_par_iter()
        .map(|p| {
            let config = &p.target.scoped.config;
            let doc = crate::document::Document::parse(&p.text, p.target.kind);
            let mut raw = p.raw;
            let group = groups.iter().position(|(s, _)| Arc::ptr_eq(s, &p.target.scoped));
            let ran = match group.and_then(|g| verdicts.get(g)) {
                Some(v) => {
                    raw.extend(url_live::diagnostics(&doc, v));
                    network_ok
                }
                None => config.links.enabled && p.urls.is_empty(),
            };
            let diags = engine::finish(&doc, raw, config, ran);
            drop(doc);
            FileResult::checked(p.shown, p.text, diags)
        })
        .collect();
    done.extend(finished);
    done
}

fn run_check(args: &CheckArgs) -> i32 {
    let (targets, mut results, config_failed) = match targets(&args.common) {
        Ok(t) => t,
        Err(code) => return code,
    };
    // A draft typed at the terminal (`copydesk check -` with stdin a terminal) is not drawn over.
    let typing = std::io::stdin().is_terminal() && targets.iter().any(|t| t.input == files::Input::Stdin);
    let show = !typing
        && progress::should_show(std::io::stderr().is_terminal(), std::env::var_os("CI").as_deref(), args.no_progress);
    let mut bar = progress::Progress::new(show, targets.len());
    if args.common.offline {
        results.extend(
            targets
                .par_iter()
                .map(|t| {
                    let r = check_one(t, args.common.allow_empty);
                    bar.file_done();
                    r
                })
                .collect::<Vec<_>>(),
        );
    } else {
        results.extend(check_with_links(&targets, args.common.allow_empty, &bar));
    }
    // Cleared before anything else is written: the bar never mixes into the report.
    bar.finish();
    results.sort_by(|a, b| a.path.cmp(&b.path));
    let mut report = Report { files: results };
    if let Some(path) = &args.write_baseline {
        return match baseline::write(&report, path) {
            Ok(n) => {
                eprintln!("recorded {n} finding{} in {}", if n == 1 { "" } else { "s" }, files::display_path(path));
                let s = report.summary();
                if s.failed > 0 || config_failed {
                    for f in report.files.iter().filter(|f| f.error.is_some()) {
                        eprintln!("error: {}: {}", f.path, f.error.as_deref().unwrap_or(""));
                    }
                    2
                } else {
                    0
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                2
            }
        };
    }
    if let Some(path) = &args.baseline
        && let Err(e) = baseline::apply(&mut report, path)
    {
        eprintln!("error: {e}");
        return 2;
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // NO_COLOR, CLICOLOR_FORCE, CLICOLOR, TERM and whether stdout is a terminal, as clap reads them.
        ColorChoice::Auto => anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
    };
    let on_stdout = match &args.output {
        Some(path) => {
            let (in_file, on_stdout) = match args.output_format {
                Some(f) => (f, args.format),
                None => (args.format, Format::Human),
            };
            let mut bytes = Vec::new();
            let written =
                output::write(in_file, &report, &mut bytes, false).and_then(|()| std::fs::write(path, &bytes));
            if let Err(e) = written {
                eprintln!("error: cannot write the report to {}: {e}", files::display_path(path));
                return 2;
            }
            on_stdout
        }
        None => args.format,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Err(e) = output::write(on_stdout, &report, &mut out, color).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write the report: {e}");
        return 2;
    }
    let summary = report.summary();
    let failing = args
        .fail_on
        .threshold()
        .is_some_and(|t| report.files.iter().flat_map(|f| &f.diagnostics).any(|d: &Diagnostic| d.severity >= t));
    let code = if summary.failed > 0 || config_failed { 2 } else { i32::from(failing) };
    if let Some(path) = &args.summary {
        let mut text = Vec::new();
        let fail_on = args.fail_on.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
        let appended =
            output::write_markdown_summary(&report, &fail_on, code, config_failed, &mut text).and_then(|()| {
                let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
                file.write_all(&text)
            });
        if let Err(e) = appended {
            eprintln!("error: cannot append the summary to {}: {e}", files::display_path(path));
            return 2;
        }
    }
    code
}

fn run_fix(args: &FixArgs) -> i32 {
    let (targets, results, config_failed) = match targets(&args.common) {
        Ok(t) => t,
        Err(code) => return code,
    };
    // A draft read from stdin or another stream is written to stdout, fixed; the report then
    // goes to stderr so that stdout holds nothing but the draft.
    let common = &args.common;
    let stdin_named =
        common.paths.iter().any(|p| files::is_stdin(p)) || (common.paths.is_empty() && common.stdin_filename.is_some());
    let stdin_left_out = stdin_named && !targets.iter().any(|t| t.input == files::Input::Stdin);
    let streams = targets.iter().filter(|t| t.is_stream()).count() + usize::from(stdin_left_out);
    if streams > 1 {
        eprintln!("error: fix writes a draft read from stdin or a stream to stdout, so it takes only one of them");
        return 2;
    }
    let to_stdout = streams == 1;
    let report = |line: String| {
        if to_stdout {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
    };
    let mut status = if config_failed { 2 } else { 0 };
    for r in &results {
        eprintln!("error: {}: {}", r.path, r.error.as_deref().unwrap_or(""));
        status = 2;
    }
    // Stdin named but not among the drafts (`--force-exclude` left it out): it goes through
    // unchanged, so an editor formatting through `fix -` never gets an empty buffer back.
    if stdin_left_out {
        let mut text = Vec::new();
        let copied = std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut text)
            .and_then(|_| std::io::stdout().lock().write_all(&text));
        if let Err(e) = copied {
            eprintln!("error: cannot copy stdin to stdout: {e}");
            status = 2;
        }
    }
    let allow_empty = args.common.allow_empty;
    let outcomes: Vec<(String, Result<usize, String>)> = targets
        .par_iter()
        .map(|t| {
            let result = check_one(t, allow_empty);
            if let Some(e) = result.error {
                return (result.path, Err(e));
            }
            // What was read is exactly the text (it was valid UTF-8): the file must still hold it.
            let original = result.text.clone().into_bytes();
            // Fixes can uncover or overlap others: a few passes, re-checking each time.
            let (text, total) = engine::fix_after(&result.text, result.diagnostics, t.kind, &t.scoped.config);
            if t.is_stream() {
                return match write_stdout(&text) {
                    Ok(()) => (result.path, Ok(total)),
                    Err(e) => (result.path, Err(format!("cannot write the fixed text to stdout: {e}"))),
                };
            }
            if total == 0 {
                return (result.path, Ok(0));
            }
            match files::write_atomically(&t.path, &original, &text) {
                Ok(()) => (result.path, Ok(total)),
                Err(e) => (result.path, Err(e)),
            }
        })
        .collect();
    let mut fixed_files = 0;
    let mut fixed_total = 0;
    for (path, outcome) in outcomes {
        match outcome {
            Ok(0) => {}
            Ok(n) => {
                report(format!("{path}: fixed {n} finding{}", if n == 1 { "" } else { "s" }));
                fixed_files += 1;
                fixed_total += n;
            }
            Err(e) => {
                eprintln!("error: {path}: {e}");
                status = 2;
            }
        }
    }
    report(format!(
        "{fixed_total} fix{} applied in {fixed_files} file{}",
        if fixed_total == 1 { "" } else { "es" },
        if fixed_files == 1 { "" } else { "s" }
    ));
    status
}

/// The fixed text of a draft read from a stream, whole, on stdout.
fn write_stdout(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

fn run_sources(args: &SourcesArgs) -> i32 {
    let (targets, failed, config_failed) = match targets(&args.common) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let mut status = if config_failed { 2 } else { 0 };
    for r in &failed {
        eprintln!("error: {}: {}", r.path, r.error.as_deref().unwrap_or(""));
        status = 2;
    }
    let mut files = Vec::new();
    for t in &targets {
        let shown = t.shown.clone();
        let text = match files::read_target(t, args.common.allow_empty) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: {shown}: {e}");
                status = 2;
                continue;
            }
        };
        let doc = crate::document::Document::parse(&text, t.kind);
        let sources = crate::quotes::sources(&doc, &t.scoped.config);
        let rows: Vec<serde_json::Value> = sources
            .iter()
            .map(|s| {
                let mut lines: Vec<usize> = s.quotes.iter().map(|q| doc.lines().line_of(q.start) + 1).collect();
                lines.dedup();
                serde_json::json!({
                    "speaker": s.speaker,
                    "kind": format!("{:?}", s.kind).to_lowercase(),
                    "first_reference": s.first_reference,
                    "first_reference_line": doc.lines().line_of(s.first_reference_range.start) + 1,
                    "quotes": s.quotes.len(),
                    "lines": lines,
                })
            })
            .collect();
        files.push((shown, rows));
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        SourcesFormat::Json => {
            let v: Vec<serde_json::Value> =
                files.iter().map(|(p, rows)| serde_json::json!({"path": p, "sources": rows})).collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&v).unwrap_or_default())
        }
        SourcesFormat::Human => write_sources_table(&mut out, &files),
    };
    if let Err(e) = written.and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write: {e}");
        return 2;
    }
    status
}

/// Bytes to stdout; 0, or 2 when they cannot be written (a closed pipe is not an error).
fn write_all_stdout(bytes: &[u8]) -> i32 {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write: {e}");
            2
        }
        _ => 0,
    }
}

fn run_init(args: &InitArgs) -> i32 {
    let folder = args.folder.clone().unwrap_or_else(|| PathBuf::from("."));
    let path = folder.join(crate::config::FILE_NAME);
    let shown = files::display_path(&path);
    // `create_new`: never replace a config, even one that appears meanwhile.
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
    match file.and_then(|mut f| f.write_all(STARTER_CONFIG.as_bytes()).and_then(|()| f.sync_all())) {
        Ok(()) => {
            println!("wrote {shown}: every setting at its default, commented out");
            0
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!("error: {shown} already exists; it was left as it is");
            2
        }
        Err(e) => {
            eprintln!("error: cannot write {shown}: {e}");
            2
        }
    }
}

fn run_man(args: &ManArgs) -> i32 {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    cmd.build();
    let page = match &args.command {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            // Named as man names it: copydesk-check(1), with `copydesk check` in its synopsis.
            Some(sub) => sub.clone().name(format!("copydesk-{name}")).bin_name(format!("copydesk {name}")),
            None => {
                eprintln!("error: no command '{name}'; `copydesk --help` lists them");
                return 2;
            }
        },
    };
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(page).render(&mut out) {
        eprintln!("error: cannot render the man page: {e}");
        return 2;
    }
    write_all_stdout(&out)
}

fn rule_json(rule: &crate::checks::Rule) -> serde_json::Value {
    serde_json::json!({
        "id": rule.id,
        "default_severity": rule.default_severity,
        "default_enabled": !rule.default_off,
        "network": rule.network,
        "summary": rule.summary,
    })
}

fn run_rule(args: &RuleArgs) -> i32 {
    use crate::checks;
    let mut text = String::new();
    if args.all {
        let mut rules: Vec<&checks::Rule> = checks::all_rules().collect();
        rules.sort_by_key(|r| r.id);
        match args.format {
            SourcesFormat::Json => {
                let v: Vec<serde_json::Value> = rules.iter().map(|r| rule_json(r)).collect();
                text = serde_json::to_string_pretty(&v).unwrap_or_default();
                text.push('\n');
            }
            SourcesFormat::Human => {
                let id_w = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
                text.push_str(&format!("{:<id_w$}  {:<8}  {:<7}  summary\n", "rule", "severity", "default"));
                for r in &rules {
                    let default = if r.default_off { "off" } else { "on" };
                    let summary = if r.network { format!("{} (network)", r.summary) } else { r.summary.to_string() };
                    text.push_str(&format!(
                        "{:<id_w$}  {:<8}  {default:<7}  {summary}\n",
                        r.id,
                        r.default_severity.as_str()
                    ));
                }
            }
        }
    } else {
        let id = args.id.as_deref().unwrap_or("");
        let (Some(rule), Some(doc)) = (checks::rule(id), checks::rule_doc(id)) else {
            let hint = crate::config::suggest(id).map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default();
            eprintln!("error: unknown rule '{id}'{hint}; `copydesk rule --all` lists them");
            return 2;
        };
        match args.format {
            SourcesFormat::Json => {
                let mut v = rule_json(rule);
                v["doc"] = serde_json::Value::String(doc);
                text = serde_json::to_string_pretty(&v).unwrap_or_default();
                text.push('\n');
            }
            SourcesFormat::Human => text = doc,
        }
    }
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write: {e}");
            2
        }
        _ => 0,
    }
}

fn write_sources_table(out: &mut dyn Write, files: &[(String, Vec<serde_json::Value>)]) -> std::io::Result<()> {
    for (path, rows) in files {
        writeln!(out, "{path}")?;
        if rows.is_empty() {
            writeln!(out, "  no attributed quotations")?;
            continue;
        }
        let speaker_w =
            rows.iter().map(|r| r["speaker"].as_str().unwrap_or("").chars().count()).max().unwrap_or(0).max(7);
        let first_w =
            rows.iter().map(|r| r["first_reference"].as_str().unwrap_or("").chars().count()).max().unwrap_or(0).max(15);
        writeln!(out, "  {:<speaker_w$}  {:<first_w$}  {:>6}  lines", "speaker", "first reference", "quotes")?;
        let count = |r: &serde_json::Value| r["quotes"].as_u64().unwrap_or(0);
        for r in rows {
            let lines: Vec<String> =
                r["lines"].as_array().into_iter().flatten().map(|l| l.as_u64().unwrap_or(0).to_string()).collect();
            writeln!(
                out,
                "  {:<speaker_w$}  {:<first_w$}  {:>6}  {}",
                r["speaker"].as_str().unwrap_or(""),
                r["first_reference"].as_str().unwrap_or(""),
                count(r),
                lines.join(", ")
            )?;
        }
    }
    Ok(())
}
