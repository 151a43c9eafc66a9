//! `url/dead`, `url/redirected`, `url/unverified`: what the live link check found.
//!
//! # What it finds
//! Links whose address no longer works (`url/dead`: the server answers 404 or 410, the host name
//! does not exist, or the server refuses the connection); links that permanently redirect
//! elsewhere (`url/redirected`: a 301 or 308, so the address has moved); and links the check
//! could not verify (`url/unverified`: the site turned the checker away with 401, 403 or 429,
//! failed with a 5xx, timed out, or its TLS certificate did not verify). With
//! `links.check_fragments`, a `#fragment` that names no element of an HTML page is dead too.
//! Only `http` and `https` links that `url/malformed` has nothing to say about are checked; links
//! matching `links.exclude`, and links to private addresses (unless `links.allow_private`), are
//! skipped. These rules need the network: they are off with `--offline` or `links.enabled = false`,
//! and their verdicts are cached (see `[links]` in `copydesk.toml`).
//!
//! # Why it matters
//! A dead link in a published story sends the reader nowhere and undermines the sourcing. A link
//! that has moved works today through the redirect, but redirects are the first thing lost when a
//! site is rebuilt: linking the final address is sturdier. Sites that block robots or are briefly
//! down are reported only as hints, never as errors, so a bot-hostile site cannot fail a build.
//!
//! # Example
//! ```text
//! The [report](http://example.com/report-2023) was withdrawn.
//! ```
//! If `http://example.com/report-2023` answers `301 Moved Permanently` with
//! `Location: https://example.com/reports/2023`, copydesk reports `url/redirected` and offers to
//! replace the destination by `https://example.com/reports/2023`. Had it answered 404, the finding
//! would be `url/dead`.
//!
//! # Fix safety
//! `url/redirected` offers to replace the link destination by the address the permanent redirects
//! lead to. It is safe (applied by `copydesk fix`) only when the new address is the old one moved
//! from `http` to `https` (optionally with a trailing slash); otherwise it is offered but not safe,
//! since a site may "redirect" a deleted page to its home page and only the writer can tell.
//! Temporary redirects (302, 303, 307) are not reported. `url/dead` and `url/unverified` have no
//! fix: only the writer knows the right address.
//!
//! This module is pure: the link checker in `src/links/` does the requests and hands its
//! [`Verdict`]s to [`diagnostics`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::checks::{Check, Ctx, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Document, Link, LinkKind};

pub static DEAD: Rule = Rule {
    id: "url/dead",
    default_severity: Severity::Error,
    summary: "A link that no longer works (404, 410, no such host, connection refused)",
    default_off: false,
    network: true,
};

pub static REDIRECTED: Rule = Rule {
    id: "url/redirected",
    default_severity: Severity::Info,
    summary: "A link that permanently redirects to another address",
    default_off: false,
    network: true,
};

pub static UNVERIFIED: Rule = Rule {
    id: "url/unverified",
    default_severity: Severity::Hint,
    summary: "A link the live check could not verify (blocked, rate-limited, server error, timeout)",
    default_off: false,
    network: true,
};

static RULES: &[&Rule] = &[&DEAD, &REDIRECTED, &UNVERIFIED];

/// The network rules are filled in by the shells (CLI, server) through [`diagnostics`]: `run`
/// does nothing.
pub struct UrlLive;

impl Check for UrlLive {
    fn name(&self) -> &'static str {
        "url_live"
    }
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }
    fn run(&self, _ctx: &Ctx<'_, '_>, _out: &mut Vec<Diagnostic>) {}
}

/// What the live check concluded about one URL.
///
/// Serialized (in the link cache, and for tools) as an object tagged by `verdict`:
/// `{"verdict":"fine"}`, `{"verdict":"dead","reason":"404 Not Found"}`,
/// `{"verdict":"redirected","final_url":"https://…","permanent":true}`,
/// `{"verdict":"unverified","reason":"403 Forbidden"}`, `{"verdict":"skipped","reason":"…"}`.
/// This form is stable: new variants may be added, existing ones are never renamed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The page answered 2xx (directly or through temporary redirects only).
    Fine,
    /// 404, 410, no such host, connection refused (or, with `check_fragments`, a missing fragment).
    Dead { reason: String },
    /// The link redirects. With `permanent`, every hop up to `final_url` was a 301 or 308 and
    /// `final_url` is where the link should point (its `#fragment` kept); otherwise `final_url`
    /// is the end of a chain with a temporary hop.
    Redirected { final_url: String, permanent: bool },
    /// Not known to be good or bad: 401, 403, 429, 5xx, other 4xx, timeouts, TLS and connection
    /// errors, redirect loops, redirects into private addresses.
    Unverified { reason: String },
    /// Not checked: excluded by config, a private address, not http(s).
    Skipped { reason: String },
}

impl Verdict {
    /// The serialized name: `fine`, `dead`, `redirected`, `unverified`, `skipped`.
    pub fn name(&self) -> &'static str {
        match self {
            Verdict::Fine => "fine",
            Verdict::Dead { .. } => "dead",
            Verdict::Redirected { .. } => "redirected",
            Verdict::Unverified { .. } => "unverified",
            Verdict::Skipped { .. } => "skipped",
        }
    }
}

/// The links of `doc` the live check looks at, with their URL: `http(s)://` destinations that
/// parse and that `url/malformed` does not flag.
fn checkable<'d, 't>(doc: &'d Document<'t>) -> impl Iterator<Item = (&'d Link, &'t str)> {
    let mut malformed = Vec::new();
    crate::checks::url_malformed::UrlMalformed.run(&Ctx::new(doc, &crate::config::Config::default()), &mut malformed);
    let flagged: Vec<Range<usize>> = malformed.into_iter().map(|d| d.range).collect();
    doc.links.iter().filter_map(move |link| {
        let dest = doc.link_dest(link);
        let d = &link.dest;
        let overlaps = flagged.iter().any(|r| r.start < d.end.max(d.start + 1) && d.start < r.end.max(r.start + 1));
        (is_checkable(dest) && !overlaps).then_some((link, dest))
    })
}

/// Whether a URL is one the live check would request: `http`/`https`, a host, and it parses.
pub fn is_checkable(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return false;
    }
    if url.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return false;
    }
    url::Url::parse(url).is_ok_and(|u| u.host_str().is_some_and(|h| !h.is_empty()))
}

/// The URLs of `doc` to hand to the link checker, each once, in text order.
pub fn urls(doc: &Document<'_>) -> Vec<String> {
    let mut seen = HashSet::new();
    checkable(doc).filter(|(_, u)| seen.insert(*u)).map(|(_, u)| u.to_string()).collect()
}

/// The findings of the network rules for `doc`, from the checker's verdicts (keyed by the URLs
/// of [`urls`]), at each rule's default severity. Pass them with the local findings to
/// [`crate::engine::finish`] (with `network_ran = true`), which applies config and suppressions.
pub fn diagnostics(doc: &Document<'_>, verdicts: &HashMap<String, Verdict>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (link, url) in checkable(doc) {
        let Some(verdict) = verdicts.get(url) else { continue };
        let range = link.dest.clone();
        match verdict {
            Verdict::Fine | Verdict::Skipped { .. } => {}
            Verdict::Redirected { permanent: false, .. } => {}
            Verdict::Dead { reason } => {
                out.push(Diagnostic::new(&DEAD, range, format!("the link is dead: {reason}")));
            }
            Verdict::Unverified { reason } => {
                out.push(Diagnostic::new(&UNVERIFIED, range, format!("the link could not be verified: {reason}")));
            }
            Verdict::Redirected { final_url, permanent: true } => {
                let new = escape_for(link, final_url);
                let title = format!("Replace by {new}");
                let fix = if is_upgrade(url, final_url) {
                    Fix::safe(title, vec![Edit::replace(range.clone(), new.clone())])
                } else {
                    Fix::unsafe_(title, vec![Edit::replace(range.clone(), new.clone())])
                };
                out.push(
                    Diagnostic::new(&REDIRECTED, range, format!("the link redirects permanently to {final_url}"))
                        .with_fix(fix),
                );
            }
        }
    }
    out
}

/// `final_url` written so that it stays one destination where `link` stands: parentheses that
/// would not balance in a Markdown destination are percent-encoded.
fn escape_for(link: &Link, final_url: &str) -> String {
    let markdown = matches!(link.kind, LinkKind::Inline | LinkKind::Definition | LinkKind::Bare);
    if markdown && final_url.matches('(').count() != final_url.matches(')').count() {
        final_url.replace('(', "%28").replace(')', "%29")
    } else {
        final_url.to_string()
    }
}

/// `new` is `old` moved from http to https, perhaps with a trailing slash added.
fn is_upgrade(old: &str, new: &str) -> bool {
    let (Ok(o), Ok(n)) = (url::Url::parse(old), url::Url::parse(new)) else { return false };
    if o.scheme() != "http" || n.scheme() != "https" {
        return false;
    }
    let rest = |u: &url::Url| {
        let s = u.as_str();
        let s = &s[u.scheme().len() + 3..];
        s.to_string()
    };
    let (a, b) = (rest(&o), rest(&n));
    a == b || format!("{a}/") == b
}
