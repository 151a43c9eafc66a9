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
use std::time::Duration;

use globset::{Glob, GlobSet, GlobSetBuilder};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
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
    /// Every rule's severity under `rules`, resolved when `rules` changes (empty while `rules`
    /// is): [`Config::severity`] runs for every rule of every check on every draft, and a map
    /// lookup by string there cost more than some checks.
    resolved: Vec<(&'static str, Option<Severity>)>,
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

/// `[links]`: live link checking (`url/dead`, `url/redirected`, `url/unverified`).
///
/// ```toml
/// [links]
/// enabled = true                 # false turns the network off entirely (like --offline)
/// connect_timeout = "5s"         # a number is seconds; or "500ms", "5s", "2m"
/// timeout = "15s"                # one page: every redirect hop and retry together
/// max_redirects = 10
/// concurrency = 32               # requests in flight at once, all hosts together
/// per_host_concurrency = 4       # requests in flight at once to one host (host:port)
/// per_host_interval_ms = 100     # minimum time between two request starts to one host
/// retries = 2                    # extra tries after 429/503, honouring Retry-After
/// max_retry_wait = "10s"         # a longer Retry-After is not waited for: the link is unverified
/// user_agent = "NewsDesk/1.0"    # a browser's by default
/// user_agents = { "example.com" = "MyBot/1.0" }   # per host (`host` or `host:port`)
/// allow_private = false          # requests to loopback/private/link-local addresses
/// exclude = ['^https?://(www\.)?twitter\.com/']   # regular expressions, matched on the whole URL
/// check_fragments = false        # check `#fragment` against the ids of HTML pages
/// send_url_credentials = false   # send `user:password@` of a URL as Basic auth
/// cache = true                   # persistent cache in .copydesk-cache beside copydesk.toml
/// cache_fine = "3d"              # how long a verdict is kept, per verdict
/// cache_dead = "6h"
/// cache_unverified = "10m"
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Links {
    /// `false` turns every network check off (like `--offline`).
    pub enabled: bool,
    /// Time to establish a connection (TCP and TLS).
    #[serde(deserialize_with = "de_duration")]
    #[schemars(schema_with = "duration_schema")]
    pub connect_timeout: Duration,
    /// Time for one page: every redirect hop and retry together, to the last response (and its body, when read).
    #[serde(deserialize_with = "de_duration")]
    #[schemars(schema_with = "duration_schema")]
    pub timeout: Duration,
    /// Redirects followed before giving up (0 to 30).
    #[schemars(range(min = 0, max = 30))]
    pub max_redirects: u32,
    /// Requests in flight at once over all hosts (1 to 1024).
    #[schemars(range(min = 1, max = 1024))]
    pub concurrency: usize,
    /// Requests in flight at once to one host, `host:port` (1 to 256).
    #[schemars(range(min = 1, max = 256))]
    pub per_host_concurrency: usize,
    /// Minimum milliseconds between the starts of two requests to one host (at most 60000).
    #[schemars(range(min = 0, max = 60000))]
    pub per_host_interval_ms: u64,
    /// Extra tries after `429 Too Many Requests` or `503 Service Unavailable` (0 to 10).
    #[schemars(range(min = 0, max = 10))]
    pub retries: u32,
    /// The longest `Retry-After` (or backoff) waited for before a retry.
    #[serde(deserialize_with = "de_duration")]
    #[schemars(schema_with = "duration_schema")]
    pub max_retry_wait: Duration,
    /// The `User-Agent` sent by default: a browser's, since many sites turn bots away.
    #[schemars(regex(pattern = r"^[\t -~]*[!-~][\t -~]*$"))]
    pub user_agent: String,
    /// `User-Agent` per host: keys are `host` or `host:port`.
    pub user_agents: BTreeMap<String, String>,
    /// Allow requests to loopback, private, link-local and other non-public addresses.
    pub allow_private: bool,
    /// URLs not checked: regular expressions (Rust `regex` syntax), searched in the whole URL.
    pub exclude: Vec<String>,
    /// Check `#fragment`s against the `id`s (and `<a name>`s) of HTML pages.
    pub check_fragments: bool,
    /// Send the `user:password@` of a URL as HTTP Basic credentials (never by default).
    pub send_url_credentials: bool,
    /// Keep verdicts in a cache on disk, shared by the CLI and the server.
    pub cache: bool,
    /// How long a fine (or redirected) verdict stays in the cache.
    #[serde(deserialize_with = "de_duration")]
    #[schemars(schema_with = "duration_schema")]
    pub cache_fine: Duration,
    /// How long a dead verdict stays in the cache.
    #[serde(deserialize_with = "de_duration")]
    #[schemars(schema_with = "duration_schema")]
    pub cache_dead: Duration,
    /// How long an unverified verdict stays in the cache.
    #[serde(deserialize_with = "de_duration")]
    #[schemars(schema_with = "duration_schema")]
    pub cache_unverified: Duration,
}

/// The default `User-Agent`: a current desktop browser's, with copydesk named at the end.
pub const DEFAULT_USER_AGENT: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
                                      Chrome/124.0 Safari/537.36 copydesk/0.1";

impl Default for Links {
    fn default() -> Self {
        Links {
            enabled: true,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(15),
            max_redirects: 10,
            concurrency: 32,
            per_host_concurrency: 4,
            per_host_interval_ms: 100,
            retries: 2,
            max_retry_wait: Duration::from_secs(10),
            user_agent: DEFAULT_USER_AGENT.to_string(),
            user_agents: BTreeMap::new(),
            allow_private: false,
            exclude: Vec::new(),
            check_fragments: false,
            send_url_credentials: false,
            cache: true,
            cache_fine: Duration::from_secs(3 * 24 * 3600),
            cache_dead: Duration::from_secs(6 * 3600),
            cache_unverified: Duration::from_secs(10 * 60),
        }
    }
}

impl Links {
    /// Check values that TOML's types cannot: `Err((key, message))`.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        let range = |key: &'static str, v: u64, lo: u64, hi: u64| {
            if v < lo || v > hi {
                Err((key, format!("links.{key}: {v} is out of range ({lo} to {hi})")))
            } else {
                Ok(())
            }
        };
        range("max_redirects", self.max_redirects.into(), 0, 30)?;
        range("concurrency", self.concurrency as u64, 1, 1024)?;
        range("per_host_concurrency", self.per_host_concurrency as u64, 1, 256)?;
        range("per_host_interval_ms", self.per_host_interval_ms, 0, 60_000)?;
        range("retries", self.retries.into(), 0, 10)?;
        for (key, d, max) in [
            ("connect_timeout", self.connect_timeout, Duration::from_secs(600)),
            ("timeout", self.timeout, Duration::from_secs(600)),
            ("max_retry_wait", self.max_retry_wait, Duration::from_secs(600)),
        ] {
            if d.is_zero() || d > max {
                return Err((key, format!("links.{key}: {d:?} is out of range (more than 0, at most {max:?})")));
            }
        }
        let header_ok = |s: &str| !s.trim().is_empty() && s.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b));
        if !header_ok(&self.user_agent) {
            return Err(("user_agent", "links.user_agent: must be non-empty printable ASCII".to_string()));
        }
        for (host, ua) in &self.user_agents {
            if host.trim().is_empty() || host.contains(['/', ' ']) {
                return Err((
                    "user_agents",
                    format!("links.user_agents: '{host}' is not a host (write \"example.com\")"),
                ));
            }
            if !header_ok(ua) {
                return Err((
                    "user_agents",
                    format!("links.user_agents.\"{host}\": must be non-empty printable ASCII"),
                ));
            }
        }
        if let Err(e) = regex::RegexSet::new(&self.exclude) {
            let msg = e.to_string().lines().last().unwrap_or("").trim().to_string();
            return Err(("exclude", format!("links.exclude: bad regular expression: {msg}")));
        }
        Ok(())
    }

    /// The cache lifetime of a verdict, by its serialized name (`fine`, `redirected`, `dead`,
    /// `unverified`); `None` for verdicts never cached.
    pub fn cache_lifetime(&self, verdict: &str) -> Option<Duration> {
        match verdict {
            "fine" | "redirected" => Some(self.cache_fine),
            "dead" => Some(self.cache_dead),
            "unverified" => Some(self.cache_unverified),
            _ => None,
        }
    }
}

/// A duration: a number of seconds (`15`, `0.5`) or a string with a unit (`"500ms"`, `"15s"`,
/// `"10m"`, `"6h"`, `"3d"`).
fn de_duration<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Int(u64),
        Float(f64),
        Text(String),
    }
    let bad = |s: &str| {
        serde::de::Error::custom(format!(
            "'{s}' is not a duration (a number of seconds, or a string like \"500ms\", \"15s\", \"10m\", \"6h\", \"3d\")"
        ))
    };
    match Raw::deserialize(d)? {
        Raw::Int(s) => Ok(Duration::from_secs(s)),
        Raw::Float(f) if (0.0..1e9).contains(&f) => Ok(Duration::from_secs_f64(f)),
        Raw::Float(f) => Err(bad(&f.to_string())),
        Raw::Text(s) => {
            let t = s.trim();
            let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
            let (num, unit) = t.split_at(split);
            let n: f64 = num.parse().map_err(|_| bad(&s))?;
            let scale = match unit.trim() {
                "ms" => 0.001,
                "s" | "" => 1.0,
                "m" | "min" => 60.0,
                "h" => 3600.0,
                "d" => 86400.0,
                _ => return Err(bad(&s)),
            };
            let secs = n * scale;
            if !secs.is_finite() || secs >= 1e9 {
                return Err(bad(&s));
            }
            Ok(Duration::from_secs_f64(secs))
        }
    }
}

/// `[quotes]`: settings of the quote checks.
///
/// ```toml
/// [quotes]
/// short_quote_words = 3          # quoted phrases this short are scare quotes, not quotations
/// extra_verbs = ["quip", "rant"] # more reporting verbs (base form; inflections are derived)
/// ignore_verbs = ["post"]        # built-in reporting verbs that do not attribute here
/// extra_titles = ["coach"]       # more nouns that name a speaker ("the coach said")
/// same_speaker_continues = false # true: a new quotation paragraph right after an attributed
///                                # quotation is that speaker's (a house convention), not flagged
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Quotes {
    /// Quoted phrases of at most this many words need no attribution (0 to 50).
    #[schemars(range(max = 50))]
    pub short_quote_words: usize,
    /// Reporting verbs (or phrases) added to the built-in list, in their base form.
    pub extra_verbs: Vec<String>,
    /// Built-in reporting verbs (base form or any inflection) that no longer count as cues.
    pub ignore_verbs: Vec<String>,
    /// Nouns that name a speaker besides the built-in ones (`spokesman`, `officials`, …).
    pub extra_titles: Vec<String>,
    /// Whether a quotation paragraph right after an attributed quotation paragraph is taken as
    /// the same speaker's words. Off by default: a reply by someone else looks identical on the
    /// page, so it is reported ("reads as X's words") with X first among the fixes.
    pub same_speaker_continues: bool,
}

impl Default for Quotes {
    fn default() -> Self {
        Quotes {
            short_quote_words: 3,
            extra_verbs: Vec::new(),
            ignore_verbs: Vec::new(),
            extra_titles: Vec::new(),
            same_speaker_continues: false,
        }
    }
}

impl Quotes {
    /// Check values that TOML's types cannot: `Err((key, message))`.
    fn validate(&mut self) -> Result<(), (&'static str, String)> {
        if self.short_quote_words > 50 {
            return Err((
                "short_quote_words",
                format!("quotes.short_quote_words: {} is too large (at most 50)", self.short_quote_words),
            ));
        }
        for (key, list) in [
            ("extra_verbs", &mut self.extra_verbs),
            ("ignore_verbs", &mut self.ignore_verbs),
            ("extra_titles", &mut self.extra_titles),
        ] {
            for w in list.iter_mut() {
                let t = w.trim().to_lowercase();
                if t.is_empty()
                    || !t.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'')
                    || t.contains("  ")
                {
                    return Err((
                        key,
                        format!("quotes.{key}: '{w}' is not a word or phrase (letters, spaces and hyphens only)"),
                    ));
                }
                *w = t;
            }
        }
        Ok(())
    }
}

/// `[figures]`: settings of the figure checks.
///
/// ```toml
/// [figures]
/// style = "ap"        # house number style for figure/style: "ap" or "bbc"
/// percent = "%"       # override the preset's percent style: "%", "percent" or "per cent"
/// ```
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Figures {
    /// The house style preset of `figure/style`.
    pub style: NumberStyle,
    /// How percentages are written; left out, the preset's (`%` for both).
    pub percent: Option<PercentStyle>,
}

/// A house number style: one to nine in words, figures from 10; AP writes "5 million" and
/// "$5 million", the BBC "5m" and "£5m".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NumberStyle {
    #[default]
    Ap,
    Bbc,
}

/// How a percentage is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum PercentStyle {
    #[serde(rename = "%")]
    Sign,
    #[serde(rename = "percent")]
    Percent,
    #[serde(rename = "per cent")]
    PerCent,
}

impl Figures {
    /// The percent style in force: the override or the preset's.
    pub fn percent_style(&self) -> PercentStyle {
        self.percent.unwrap_or(PercentStyle::Sign)
    }
}

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
            resolved: Vec::new(),
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
    /// Byte offset of the same place in the config text (the editor converts it to its encoding).
    pub offset: Option<usize>,
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

// The shape of the file, as read: `Config::from_toml` checks what a type cannot (rule ids,
// severities, globs, ranges), and `schema` is generated from these types, their doc comments
// the descriptions an editor shows.
/// `copydesk.toml`: how copydesk checks the drafts in its folder and below.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "copydesk.toml")]
struct RawConfig {
    /// A JSON Schema for editors (taplo, Even Better TOML); not read by copydesk. A `#:schema`
    /// comment, the other way editors take one, is a comment and needs nothing.
    #[serde(default, rename = "$schema")]
    _schema: Option<String>,
    /// Which files are drafts, and how each is read.
    #[serde(default)]
    files: Option<RawFiles>,
    /// A severity per rule id (`url/malformed`) or namespace (`quote/*`): `error`, `warning`,
    /// `info`, `hint` or `off`. A rule id wins over its namespace.
    #[serde(default)]
    #[schemars(schema_with = "rules_schema")]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Live link checking (`url/dead`, `url/redirected`, `url/unverified`).
    #[serde(default)]
    links: Links,
    /// Settings of the quote checks.
    #[serde(default)]
    quotes: Quotes,
    /// Settings of the figure checks.
    #[serde(default)]
    figures: Figures,
}

/// `[files]`: which files are drafts, and how each is read.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawFiles {
    /// Extensions read as Markdown (`"md"`, not `"*.md"`). Default: `md`, `markdown`, `mdown`, `mkd`.
    #[schemars(with = "Option<Vec<Extension>>")]
    markdown: Option<Vec<Spanned<String>>>,
    /// Extensions read as plain text. Default: `txt`, `text`.
    #[schemars(with = "Option<Vec<Extension>>")]
    text: Option<Vec<Spanned<String>>>,
    /// Globs relative to this file: only these files are checked (empty: every file).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    include: Vec<Spanned<String>>,
    /// Globs relative to this file: these files are never checked.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    exclude: Vec<Spanned<String>>,
}

/// A file extension, without the dot or a glob (`"md"`, not `"*.md"`).
#[derive(JsonSchema)]
#[schemars(transparent)]
#[allow(dead_code)] // only its schema is used
struct Extension(#[schemars(regex(pattern = r"^\.*[^./\\*][^/\\*]*$"))] String);

/// A duration: a number of seconds, or a string with a unit (`"500ms"`, `"15s"`, `"10m"`, `"6h"`, `"3d"`).
fn duration_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "A number of seconds (15, 0.5), or a string with a unit: \"500ms\", \"15s\", \"10m\", \"6h\", \"3d\".",
        "anyOf": [
            { "type": "number", "minimum": 0 },
            { "type": "string", "pattern": r"^\s*[0-9.]+\s*(ms|s|m|min|h|d)?\s*$" }
        ]
    })
}

/// `[rules]`: every rule id and namespace the validator knows, each with its summary; any other
/// key is an error there, so it is here (`additionalProperties: false`).
fn rules_schema(_: &mut SchemaGenerator) -> Schema {
    let severity = |description: String| {
        serde_json::json!({
            "description": description,
            "enum": ["error", "warning", "info", "hint", "off"],
        })
    };
    let mut properties = serde_json::Map::new();
    let mut namespaces = std::collections::BTreeSet::new();
    for rule in checks::all_rules() {
        let default = if rule.default_off { "off".to_string() } else { rule.default_severity.to_string() };
        properties.insert(rule.id.to_string(), severity(format!("{} (default: {default})", rule.summary)));
        if let Some((ns, _)) = rule.id.split_once('/') {
            namespaces.insert(ns);
        }
    }
    for ns in namespaces {
        properties.insert(format!("{ns}/*"), severity(format!("Every `{ns}/` rule not set by its own id.")));
    }
    json_schema!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

/// The JSON Schema of `copydesk.toml` (draft 2020-12), generated from the types the file is
/// read into: `copydesk.schema.json` at the repository root is this, and `copydesk schema`
/// prints it.
pub fn schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(RawConfig).to_value();
    tidy(&mut schema);
    schema
}

/// The schema as TOML sees it. TOML has no null: an `Option` is a key left out, so `null` is
/// taken out of every type and `anyOf`, and a `null` default is dropped. A duration's default is
/// written as in the file, `"15s"`, rather than serde's `{ secs, nanos }` of a `Duration`.
fn tidy(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any)) = map.get_mut("anyOf") {
                any.retain(|s| s.get("type").and_then(Value::as_str) != Some("null"));
                if any.len() == 1
                    && let Some(Value::Object(only)) = any.pop()
                {
                    map.remove("anyOf");
                    for (k, v) in only {
                        map.entry(k).or_insert(v);
                    }
                }
            }
            match map.get("default") {
                Some(Value::Null) => {
                    map.remove("default");
                }
                Some(Value::Object(d)) if d.len() == 2 && d.contains_key("secs") && d.contains_key("nanos") => {
                    let secs = d["secs"].as_u64().unwrap_or(0);
                    let ms = d["nanos"].as_u64().unwrap_or(0) / 1_000_000;
                    let text = match secs {
                        _ if ms != 0 => format!("{}ms", secs * 1000 + ms),
                        s if s != 0 && s % 86_400 == 0 => format!("{}d", s / 86_400),
                        s if s != 0 && s % 3600 == 0 => format!("{}h", s / 3600),
                        s if s != 0 && s % 60 == 0 => format!("{}m", s / 60),
                        s => format!("{s}s"),
                    };
                    map.insert("default".into(), Value::String(text));
                }
                _ => {}
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
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
            offset,
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
        config.resolve();
        config.links = raw.links;
        if let Err((key, message)) = config.links.validate() {
            let at = src.find("[links]").and_then(|q| src[q..].find(key).map(|k| q + k));
            return Err(err_at(at, message));
        }
        config.quotes = raw.quotes;
        if let Err((key, message)) = config.quotes.validate() {
            let at = src.find("[quotes]").and_then(|q| src[q..].find(key).map(|k| q + k));
            return Err(err_at(at, message));
        }
        config.figures = raw.figures;
        Ok(config)
    }

    /// The severity a rule reports at, or `None` when it is off.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        // Most configs set no rule at all: then there is nothing to look up.
        if self.rules.is_empty() {
            return default_of(rule);
        }
        // The rules are statics: their ids are found by address, without comparing strings.
        match self.resolved.iter().find(|(id, _)| std::ptr::eq(*id, rule.id)) {
            Some((_, s)) => *s,
            None => self.look_up(rule),
        }
    }

    /// A rule's severity under `rules`: by id, then `namespace/*`, then the rule's default.
    fn look_up(&self, rule: &Rule) -> Option<Severity> {
        if let Some(s) = self.rules.get(rule.id) {
            return *s;
        }
        if let Some(slash) = rule.id.find('/')
            && let Some(s) = self.rules.get(&format!("{}*", &rule.id[..=slash]))
        {
            return *s;
        }
        default_of(rule)
    }

    /// Resolve every rule's severity again after `rules` changed.
    fn resolve(&mut self) {
        self.resolved = if self.rules.is_empty() {
            Vec::new()
        } else {
            checks::all_rules().map(|r| (r.id, self.look_up(r))).collect()
        };
    }

    /// Set a rule's severity (`None` = off), as `[rules]` would.
    pub fn set_severity(&mut self, id: &str, severity: Option<Severity>) {
        self.rules.insert(id.to_string(), severity);
        self.resolve();
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

/// A rule's severity when the config does not set it.
fn default_of(rule: &Rule) -> Option<Severity> {
    if rule.default_off { None } else { Some(rule.default_severity) }
}

/// The known rule id nearest to a misspelt one: at most three edits away, where swapping two
/// neighbouring letters is one edit (optimal string alignment distance, from `strsim`).
pub(crate) fn suggest(id: &str) -> Option<&'static str> {
    checks::all_rules().map(|r| (strsim::osa_distance(id, r.id), r.id)).filter(|(d, _)| *d <= 3).min().map(|(_, id)| id)
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
    fn unknown_rule_with_two_swapped_letter_pairs_still_finds_the_rule() {
        // Two transpositions: four edits as Levenshtein counts them, two as swaps.
        assert_eq!(suggest("quote/unatrtibtued"), Some("quote/unattributed"));
        assert_eq!(suggest("url/malfomred"), Some("url/malformed"));
        assert_eq!(suggest("nothing/like-a-rule"), None);
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

    /// `severity` finds a rule's resolved severity by the address of its id; a rule that is not
    /// one of the statics (same id, other address) must get the same answer by lookup.
    #[test]
    fn severity_of_a_rule_copy_matches_the_static() {
        let mut c = Config::from_toml("[rules]\n\"figure/*\" = \"info\"\n\"figure/total\" = \"off\"\n", "c").unwrap();
        c.set_severity("url/malformed", Some(Severity::Hint));
        for rule in checks::all_rules() {
            let id: &'static str = String::from(rule.id).leak();
            let copy = Rule { id, ..*rule };
            assert!(!std::ptr::eq(copy.id, rule.id));
            assert_eq!(c.severity(&copy), c.severity(rule), "{}", rule.id);
        }
        let rule = |id| checks::rule(id).unwrap();
        assert_eq!(c.severity(rule("figure/total")), None);
        assert_eq!(c.severity(rule("figure/percent")), Some(Severity::Info));
        assert_eq!(c.severity(rule("url/malformed")), Some(Severity::Hint));
        assert_eq!(c.severity(rule("quote/unattributed")), default_of(rule("quote/unattributed")));
        assert_eq!(c.severity(rule("figure/style")), Some(Severity::Info), "figure/* turns a default-off rule on");
    }

    #[test]
    fn quotes_section_has_defaults_and_validates() {
        let c = Config::default();
        assert_eq!(c.quotes.short_quote_words, 3);
        assert!(c.quotes.extra_verbs.is_empty() && c.quotes.ignore_verbs.is_empty());
        let c = Config::from_toml(
            "[quotes]\nshort_quote_words = 5\nextra_verbs = [\"Quip\"]\nignore_verbs = [\"post\"]\n",
            "c",
        )
        .unwrap();
        assert_eq!(c.quotes.short_quote_words, 5);
        assert_eq!(c.quotes.extra_verbs, ["quip"]);
        assert_eq!(c.quotes.ignore_verbs, ["post"]);
        assert_eq!(
            err("[quotes]\nshort_quote_words = 99\n"),
            "copydesk.toml:2:1: quotes.short_quote_words: 99 is too large (at most 50)"
        );
        assert_eq!(
            err("[quotes]\nextra_verbs = [\"said!\"]\n"),
            "copydesk.toml:2:1: quotes.extra_verbs: 'said!' is not a word or phrase (letters, spaces and hyphens only)"
        );
        assert!(err("[quotes]\nshort_words = 2\n").starts_with("copydesk.toml:2:1: unknown field 'short_words'"));
        assert!(err("[quotes]\nshort_quote_words = -1\n").starts_with("copydesk.toml:2:"));
    }

    #[test]
    fn globs_select_files() {
        let c = Config::from_toml("[files]\ninclude = [\"drafts/**\"]\nexclude = [\"drafts/old/**\"]\n", "c").unwrap();
        assert!(c.selects("drafts/a.md"));
        assert!(!c.selects("drafts/old/a.md"));
        assert!(!c.selects("notes/a.md"));
    }
}
