//! Files: finding drafts, finding their `copydesk.toml`, reading them safely, writing fixes atomically.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, Config, ConfigError};
use crate::document::DocKind;

/// A config and the folder its globs are relative to.
#[derive(Debug)]
pub struct Scoped {
    pub config: Config,
    pub base: PathBuf,
}

/// Finds and caches the `copydesk.toml` that governs each folder.
#[derive(Default)]
pub struct Configs {
    /// `--config`: one config for every file.
    fixed: Option<Arc<Scoped>>,
    by_dir: HashMap<PathBuf, Result<Arc<Scoped>, ConfigError>>,
}

impl Configs {
    /// With `--config FILE`, every file uses that file.
    pub fn new(explicit: Option<&Path>) -> Result<Configs, ConfigError> {
        let mut c = Configs::default();
        if let Some(path) = explicit {
            let config = load(path)?;
            let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
            c.fixed = Some(Arc::new(Scoped { config, base: absolute(&base) }));
        }
        Ok(c)
    }

    /// The config for a file in folder `dir`: the nearest `copydesk.toml` upward, stopping at the
    /// repository root (a folder with `.git`); the defaults when there is none.
    pub fn for_dir(&mut self, dir: &Path) -> Result<Arc<Scoped>, ConfigError> {
        if let Some(f) = &self.fixed {
            return Ok(f.clone());
        }
        let dir = absolute(dir);
        if let Some(r) = self.by_dir.get(&dir) {
            return r.clone();
        }
        let candidate = dir.join(config::FILE_NAME);
        let result = if candidate.is_file() {
            load(&candidate).map(|config| Arc::new(Scoped { config, base: dir.clone() }))
        } else if dir.join(".git").exists() {
            Ok(Arc::new(Scoped { config: Config::default(), base: dir.clone() }))
        } else {
            match dir.parent() {
                Some(parent) => self.for_dir(parent),
                None => Ok(Arc::new(Scoped { config: Config::default(), base: dir.clone() })),
            }
        };
        self.by_dir.insert(dir, result.clone());
        result
    }
}

/// The `copydesk.toml` that governs folder `dir`: the nearest one upward, not looking past the
/// repository root (a folder with `.git`).
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    let mut dir = absolute(dir);
    loop {
        let candidate = dir.join(config::FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() || !dir.pop() {
            return None;
        }
    }
}

/// Read and parse a config file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let shown = display_path(path);
    let src = fs::read_to_string(path).map_err(|e| ConfigError {
        file: shown.clone(),
        line: None,
        offset: None,
        message: e.to_string(),
    })?;
    Config::from_toml(&src, &shown)
}

fn absolute(p: &Path) -> PathBuf {
    let p = if p.as_os_str().is_empty() { Path::new(".") } else { p };
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// A path as shown to the user: relative to the working folder when under it, `/`-separated.
pub fn display_path(path: &Path) -> String {
    let shown = match std::env::current_dir() {
        Ok(cwd) => {
            let abs = absolute(path);
            abs.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
        }
        Err(_) => path.to_path_buf(),
    };
    let s = shown.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Where a draft's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A regular file: read, and rewritten by `fix`.
    File,
    /// Standard input (`-`, `/dev/stdin`): read once; `fix` writes the fixed text to stdout.
    Stdin,
    /// Another file that is not a regular one (a FIFO, `/dev/fd/N` from a process substitution, a
    /// device): read once to its end like stdin, never rewritten.
    Stream,
}

/// A draft to check.
#[derive(Debug, Clone)]
pub struct Target {
    /// The file's path; for stdin, the `--stdin-filename` (or `<stdin>`).
    pub path: PathBuf,
    /// The path as shown to the user ([`display_path`]; `<stdin>` for stdin without a name).
    pub shown: String,
    pub input: Input,
    pub kind: DocKind,
    pub scoped: Arc<Scoped>,
}

impl Target {
    /// Whether the text is read once from a stream (stdin, a FIFO) rather than from a file.
    pub fn is_stream(&self) -> bool {
        self.input != Input::File
    }
}

/// How `collect` treats the paths it is given.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    /// Select files named on the command line as files found in folders are (a draft extension,
    /// `[files] include`/`exclude`); they are always checked otherwise. What a pre-commit hook,
    /// which names every staged file, needs.
    pub force_exclude: bool,
    /// The path stdin stands for: its config is found from there, its kind comes from its
    /// extension, and `--force-exclude` applies to it.
    pub stdin_filename: Option<PathBuf>,
}

/// The name stdin is shown by when `--stdin-filename` does not give it one.
pub const STDIN_NAME: &str = "<stdin>";

/// Whether a command-line path names standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-" || ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"].iter().any(|p| path == Path::new(p))
}

/// Everything `collect` found: drafts, and problems that stop some files from being checked.
#[derive(Default)]
pub struct Collected {
    pub targets: Vec<Target>,
    /// (path shown, message) for paths that could not be walked.
    pub errors: Vec<(String, String)>,
    pub config_errors: Vec<ConfigError>,
    /// Files named on the command line (or stdin's name) left out by `--force-exclude`.
    pub excluded: Vec<String>,
}

/// Expand the command line's paths into drafts. Named files are always checked (an unknown
/// extension is read as plain text) unless `--force-exclude` selects them as a folder walk
/// would (a draft extension, the include/exclude globs); `-` and other files that are not regular files (`/dev/stdin`,
/// FIFOs) are read as streams; folders are walked respecting `.gitignore`, keeping files whose
/// extension the governing config names and that its include/exclude globs select.
pub fn collect(paths: &[PathBuf], configs: &mut Configs, selection: &Selection) -> Collected {
    let mut out = Collected::default();
    let note_config_error = |e: ConfigError, out: &mut Collected| {
        if !out.config_errors.contains(&e) {
            out.config_errors.push(e);
        }
    };
    for path in paths {
        let named = if is_stdin(path) {
            // Stdin stands for `--stdin-filename` when given: its folder's config, its kind.
            let (path, shown) = match &selection.stdin_filename {
                Some(name) => (name.clone(), display_path(name)),
                None => (PathBuf::from(STDIN_NAME), STDIN_NAME.to_string()),
            };
            Some((path, shown, Input::Stdin))
        } else {
            match fs::metadata(path) {
                Ok(m) if m.is_file() => Some((path.clone(), display_path(path), Input::File)),
                Ok(m) if !m.is_dir() => Some((path.clone(), display_path(path), Input::Stream)),
                _ => None,
            }
        };
        if let Some((file, shown, input)) = named {
            // `<stdin>` with no name: the config of the working folder.
            let dir = file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let scoped = match configs.for_dir(dir) {
                Ok(scoped) => scoped,
                Err(e) => {
                    note_config_error(e, &mut out);
                    continue;
                }
            };
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            let unnamed_stdin = input == Input::Stdin && selection.stdin_filename.is_none();
            let kind = match scoped.config.kind_for_extension(ext) {
                Some(kind) => kind,
                // Drafts piped in are most often Markdown; a named file of unknown kind is text.
                None if unnamed_stdin => DocKind::Markdown,
                None => DocKind::Plain,
            };
            // `--force-exclude`: a named file is selected as a file found in a folder would be.
            let draft = scoped.config.kind_for_extension(ext).is_some();
            if selection.force_exclude
                && !unnamed_stdin
                && !(draft && scoped.config.selects(&relative_to(&file, &scoped.base)))
            {
                out.excluded.push(shown);
                continue;
            }
            out.targets.push(Target { path: file, shown, input, kind, scoped });
            continue;
        }
        if !path.exists() {
            out.errors.push((display_path(path), "no such file or folder".to_string()));
            continue;
        }
        let (files, errors) = walk(path);
        out.errors.extend(errors.into_iter().map(|e| (display_path(path), e)));
        for file in &files {
            let file = file.as_path();
            let dir = file.parent().unwrap_or(Path::new("."));
            let scoped = match configs.for_dir(dir) {
                Ok(s) => s,
                Err(e) => {
                    note_config_error(e, &mut out);
                    continue;
                }
            };
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            let Some(kind) = scoped.config.kind_for_extension(ext) else { continue };
            if scoped.config.selects(&relative_to(file, &scoped.base)) {
                let shown = display_path(file);
                out.targets.push(Target { path: file.to_path_buf(), shown, input: Input::File, kind, scoped });
            }
        }
    }
    // Stdin is read once: `-` and `/dev/stdin` together are one draft.
    let mut stdin_seen = false;
    out.targets.retain(|t| t.input != Input::Stdin || !std::mem::replace(&mut stdin_seen, true));
    out.targets.sort_by(|a, b| a.path.cmp(&b.path));
    out.targets.dedup_by(|a, b| a.path == b.path && a.input == b.input);
    out
}

/// The regular files under `path` (respecting `.gitignore` and the like, without a `.git`
/// folder too) except `copydesk.toml`, and the walk's errors, each sorted: the folders are read
/// in parallel by `ignore`'s walker, in an order that varies from run to run.
fn walk(path: &Path) -> (Vec<PathBuf>, Vec<String>) {
    let found = std::sync::Mutex::new((Vec::new(), Vec::new()));
    ignore::WalkBuilder::new(path).require_git(false).build_parallel().run(|| {
        let found = &found;
        Box::new(move |entry| {
            let mut found = found.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && e.file_name() != config::FILE_NAME => {
                    found.0.push(e.into_path());
                }
                Ok(_) => {}
                Err(e) => found.1.push(e.to_string()),
            }
            ignore::WalkState::Continue
        })
    });
    let (mut files, mut errors) = found.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    files.sort();
    errors.sort();
    (files, errors)
}

/// `file` relative to `base`, `/`-separated, as the config's globs are written.
fn relative_to(file: &Path, base: &Path) -> String {
    let abs = absolute(file);
    abs.strip_prefix(base).unwrap_or(&abs).to_string_lossy().replace('\\', "/")
}

/// Read a target's text: a file, stdin, or another stream read to its end. An empty stream is
/// an error (`cat missing.md | copydesk check -` must not pass) unless `allow_empty`.
pub fn read_target(target: &Target, allow_empty: bool) -> Result<String, String> {
    let bytes = match target.input {
        Input::File => return read_text(&target.path),
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::Read::read_to_end(&mut io::stdin().lock(), &mut bytes)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            bytes
        }
        Input::Stream => fs::read(&target.path).map_err(|e| format!("cannot read: {e}"))?,
    };
    if bytes.is_empty() && !allow_empty {
        let what = if target.input == Input::Stdin { "stdin" } else { "the stream" };
        return Err(format!("empty input: nothing was read from {what} (pass --allow-empty to accept it)"));
    }
    into_text(bytes)
}

/// Read a draft as UTF-8 text, refusing binary files with a clear reason.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    into_text(bytes)
}

/// Bytes → text, or why they are not a draft.
pub fn into_text(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(i) = memchr::memchr(0, &bytes) {
        return Err(format!("not a text file (NUL byte at offset {i})"));
    }
    String::from_utf8(bytes)
        .map_err(|e| format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}

/// Replace a file's contents atomically: write a temporary file beside it, flush it to disk, check
/// that the file still holds what we read (`expected`), then rename over it. The original is never
/// left truncated or half-written; permissions are kept; a symbolic link is followed (its target
/// is replaced, the link stays a link). On any error the temporary file is removed.
pub fn write_atomically(path: &Path, expected: &[u8], new: &str) -> Result<(), String> {
    write_atomically_with(path, expected, new, |file, bytes| file.write_all(bytes))
}

/// [`write_atomically`], writing the temporary file through `write`: the seam the tests use to
/// fail like a full disk, or to change the original on disk in the middle of the fix.
pub fn write_atomically_with(
    path: &Path,
    expected: &[u8],
    new: &str,
    write: impl FnOnce(&mut fs::File, &[u8]) -> io::Result<()>,
) -> Result<(), String> {
    // Through a symbolic link: replace its target, not the link.
    let path = &fs::canonicalize(path).map_err(|e| format!("cannot find the file: {e}; it was not written"))?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let meta = fs::metadata(path).map_err(|e| format!("cannot read the file's metadata: {e}"))?;
    if meta.permissions().readonly() {
        return Err("the file is read-only; it was not written".to_string());
    }
    let mut tmp =
        tempfile::Builder::new().prefix(".copydesk-").suffix(".tmp").tempfile_in(dir).map_err(|e| {
            format!("cannot create a temporary file in {}: {e}; the file is unchanged", display_path(dir))
        })?;
    write(tmp.as_file_mut(), new.as_bytes())
        .map_err(|e| format!("cannot write the fixed text: {e}; the file is unchanged"))?;
    tmp.as_file().sync_all().map_err(|e| format!("cannot flush the fixed text: {e}; the file is unchanged"))?;
    let _ = fs::set_permissions(tmp.path(), meta.permissions());
    match fs::read(path) {
        Ok(now) if now == expected => {}
        Ok(_) => {
            return Err(
                "the file changed on disk while it was being fixed; it was not written (run fix again)".to_string()
            );
        }
        Err(e) => return Err(format!("cannot re-read before writing: {e}; the file is unchanged")),
    }
    tmp.persist(path).map_err(|e| format!("cannot replace the file: {}; the file is unchanged", e.error))?;
    Ok(())
}
