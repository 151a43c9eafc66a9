//! `copydesk.toml`: parsed and validated here, from a string (the engine reads no files; finding
//! the file upward from a draft is the CLI's and the server's job).
//!
//! ```toml
//! [files]
//! markdown = ["md", "markdown"]   # extensions read as Markdown
//! text = ["txt"]                  # extensions read as plain text
//! include = ["drafts/**"]         # globs, relative to this file; empty = everything
//! exclude = ["drafts/archive/**"]
//!
//! [rules]
//! "url/malformed" = "error"       # error | warning | info | hint | off
//! "quote/*" = "off"               # a whole namespace
//!
//! [links]
//! enabled = true
//! ```
//!
//! Unknown keys, unknown rule ids and bad values are errors that name the file, the line and the key.

use std::collections::BTreeMap;
use std::fmt;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::checks::{self, Rule};
use crate::diagnostic::Severity;
use crate::document::DocKind;
use crate::position::{Encoding, LineIndex};

/// The name of the config file, looked for upward from each draft.
pub const FILE_NAME: &str = "copydesk.toml";

/// A validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub files: Files,
    /// Rule id (or `namespace/*`) → severity, `None` for off.
    rules: BTreeMap<String, Option<Severity>>,
    pub links: Links,
    pub quotes: Quotes,
    pub figures: Figures,
}

#[derive(Debug, Clone)]
pub struct Files {
    pub markdown: Vec<String>,
    pub text: Vec<String>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    include_set: GlobSet,
    exclude_set: GlobSet,
}

/// `[links]`: live link checking.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Links {
    /// `false` turns every network check off (like `--offline`).
    pub enabled: bool,
}

impl Default for Links {
    fn default() -> Self {
        Links { enabled: true }
    }
}

/// `[quotes]`: settings of the quote checks (none yet).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quotes {}

/// `[figures]`: settings of the figure checks (none yet).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figures {}

impl Default for Config {
    fn default() -> Self {
        Config {
            files: Files {
                markdown: vec!["md".into(), "markdown".into(), "mdown".into(), "mkd".into()],
                text: vec!["txt".into(), "text".into()],
                include: Vec::new(),
                exclude: Vec::new(),
                include_set: GlobSet::empty(),
                exclude_set: GlobSet::empty(),
            },
            rules: BTreeMap::new(),
            links: Links::default(),
            quotes: Quotes::default(),
            figures: Figures::default(),
        }
    }
}

/// A config error: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file as the user should see it.
    pub file: String,
    /// 1-based line and column (scalar values) of the offending key or value, when known.
    pub line: Option<(u32, u32)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some((l, c)) => write!(f, "{}:{}:{}: {}", self.file, l, c, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    files: Option<RawFiles>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    links: Links,
    #[serde(default)]
    quotes: Quotes,
    #[serde(default)]
    figures: Figures,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFiles {
    markdown: Option<Vec<Spanned<String>>>,
    text: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

impl Config {
    /// Parse `copydesk.toml` text. `file` names it in errors.
    pub fn from_toml(src: &str, file: &str) -> Result<Config, ConfigError> {
        let index = LineIndex::new(src);
        let err_at = |offset: Option<usize>, message: String| ConfigError {
            file: file.to_string(),
            line: offset.map(|o| {
                let lc = index.line_col(src, o, Encoding::Scalar);
                (lc.line + 1, lc.col + 1)
            }),
            message,
        };
        let raw: RawConfig = toml::from_str(src).map_err(|e| {
            let message = e.message().trim().replace('`', "'");
            err_at(e.span().map(|s| s.start), message)
        })?;
        let mut config = Config::default();
        if let Some(files) = raw.files {
            let exts = |v: Vec<Spanned<String>>| -> Result<Vec<String>, ConfigError> {
                v.into_iter()
                    .map(|s| {
                        let span = s.span();
                        let e = s.into_inner();
                        let e = e.trim_start_matches('.').to_ascii_lowercase();
                        if e.is_empty() || e.contains(['/', '\\', '*']) {
                            Err(err_at(
                                Some(span.start),
                                format!("'{e}' is not a file extension (write \"md\", not \"*.md\")"),
                            ))
                        } else {
                            Ok(e)
                        }
                    })
                    .collect()
            };
            if let Some(m) = files.markdown {
                config.files.markdown = exts(m)?;
            }
            if let Some(t) = files.text {
                config.files.text = exts(t)?;
            }
            let globs = |v: Vec<Spanned<String>>, key: &str| -> Result<(Vec<String>, GlobSet), ConfigError> {
                let mut b = GlobSetBuilder::new();
                let mut list = Vec::new();
                for s in v {
                    let span = s.span();
                    let g = s.into_inner();
                    let glob = Glob::new(&g)
                        .map_err(|e| err_at(Some(span.start), format!("files.{key}: bad glob '{g}': {}", e.kind())))?;
                    b.add(glob);
                    list.push(g);
                }
                let set = b.build().map_err(|e| err_at(None, format!("files.{key}: {e}")))?;
                Ok((list, set))
            };
            (config.files.include, config.files.include_set) = globs(files.include, "include")?;
            (config.files.exclude, config.files.exclude_set) = globs(files.exclude, "exclude")?;
        }
        for (key, value) in raw.rules {
            let id = key.get_ref().as_str();
            let known = match id.strip_suffix("/*") {
                Some(ns) => checks::all_rules().any(|r| r.id.split('/').next() == Some(ns)),
                None => checks::rule(id).is_some(),
            };
            if !known {
                let hint = suggest(id).map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default();
                return Err(err_at(Some(key.span().start), format!("rules: unknown rule '{id}'{hint}")));
            }
            let sev = match value.get_ref().as_str() {
                "off" => None,
                s => match Severity::parse(s) {
                    Some(sev) => Some(sev),
                    None => {
                        return Err(err_at(
                            Some(value.span().start),
                            format!("rules.\"{id}\": '{s}' is not a severity (error, warning, info, hint or off)"),
                        ));
                    }
                },
            };
            config.rules.insert(id.to_string(), sev);
        }
        config.links = raw.links;
        config.quotes = raw.quotes;
        config.figures = raw.figures;
        Ok(config)
    }

    /// The severity a rule reports at, or `None` when it is off.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        if let Some(s) = self.rules.get(rule.id) {
            return *s;
        }
        if let Some((ns, _)) = rule.id.split_once('/')
            && let Some(s) = self.rules.get(&format!("{ns}/*"))
        {
            return *s;
        }
        if rule.default_off { None } else { Some(rule.default_severity) }
    }

    /// Set a rule's severity (`None` = off), as `[rules]` would.
    pub fn set_severity(&mut self, id: &str, severity: Option<Severity>) {
        self.rules.insert(id.to_string(), severity);
    }

    /// How a file with this extension is read, or `None` when it is not a draft.
    pub fn kind_for_extension(&self, ext: &str) -> Option<DocKind> {
        let ext = ext.to_ascii_lowercase();
        if self.files.markdown.contains(&ext) {
            Some(DocKind::Markdown)
        } else if self.files.text.contains(&ext) {
            Some(DocKind::Plain)
        } else {
            None
        }
    }

    /// Whether a path (relative to the config file's folder, `/`-separated) is selected by
    /// `files.include` and not excluded by `files.exclude`.
    pub fn selects(&self, relative: &str) -> bool {
        (self.files.include.is_empty() || self.files.include_set.is_match(relative))
            && !self.files.exclude_set.is_match(relative)
    }
}

/// The known rule id nearest to a misspelt one.
fn suggest(id: &str) -> Option<&'static str> {
    checks::all_rules().map(|r| (edit_distance(id, r.id), r.id)).filter(|(d, _)| *d <= 3).min().map(|(_, id)| id)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(src: &str) -> String {
        Config::from_toml(src, "copydesk.toml").unwrap_err().to_string()
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        assert_eq!(
            err("[files]\nmarkdwn = [\"md\"]\n"),
            "copydesk.toml:2:1: unknown field 'markdwn', expected one of 'markdown', 'text', 'include', 'exclude'"
        );
    }

    #[test]
    fn unknown_rule_suggests_the_nearest() {
        assert_eq!(
            err("[rules]\n\"url/malfomred\" = \"off\"\n"),
            "copydesk.toml:2:1: rules: unknown rule 'url/malfomred' (did you mean 'url/malformed'?)"
        );
    }

    #[test]
    fn bad_severity_points_at_the_value() {
        assert_eq!(
            err("[rules]\n\"url/malformed\" = \"loud\"\n"),
            "copydesk.toml:2:19: rules.\"url/malformed\": 'loud' is not a severity (error, warning, info, hint or off)"
        );
    }

    #[test]
    fn namespace_wildcard_and_exact_id() {
        let c = Config::from_toml("[rules]\n\"url/*\" = \"off\"\n", "c").unwrap();
        let rule = checks::rule("url/malformed").unwrap();
        assert_eq!(c.severity(rule), None);
        let c = Config::from_toml("[rules]\n\"url/*\" = \"off\"\n\"url/malformed\" = \"info\"\n", "c").unwrap();
        assert_eq!(c.severity(rule), Some(Severity::Info));
    }

    #[test]
    fn globs_select_files() {
        let c = Config::from_toml("[files]\ninclude = [\"drafts/**\"]\nexclude = [\"drafts/old/**\"]\n", "c").unwrap();
        assert!(c.selects("drafts/a.md"));
        assert!(!c.selects("drafts/old/a.md"));
        assert!(!c.selects("notes/a.md"));
    }
}
