//! `url/malformed`: URLs that cannot work as written.
//!
//! # What it finds
//! A URL broken by a hard line break (the next line continues it with no space); spaces inside a
//! URL or a link destination; a missing, misspelt or doubled scheme (`htps://`, `https//`,
//! `https://https://`, a Markdown link to `www.example.com` with no scheme); unbalanced
//! parentheses; punctuation swallowed into a link destination (`(https://example.com/story.)`);
//! an empty link destination (`[text]()`) or a placeholder (`[text](#)`); a Markdown reference
//! with no definition (`[text][missing]`).
//!
//! # Why it matters
//! Drafts pasted from email, PDFs and content systems arrive hard-wrapped and retyped. A split or
//! mangled URL is a dead link in print and online, and a reader who types it gets nowhere.
//! This check needs no network, so it runs as you type.
//!
//! # Example
//! ```text
//! Original url: https://www.example.com/2022/09/12/story-counteroff
//! ensive-a78766
//! ```
//! The URL ends at the line break and the next line continues it: copydesk offers to rejoin it.
//!
//! # Fix safety
//! Safe (applied by `copydesk fix`): rejoining a URL split by a line break, removing a space after
//! `://`, correcting a misspelt scheme (`htps://` → `https://`), restoring a missing `:` or `/`,
//! removing a doubled scheme. Offered but not safe (the writer decides): adding `https://` to a
//! `www.` link, encoding spaces as `%20`, dropping trailing punctuation from a link destination,
//! inserting a space after punctuation swallowed into a bare URL. Empty destinations, unbalanced
//! parentheses and undefined references have no fix: only the writer knows the right URL.

use std::ops::Range;

use crate::checks::{Check, Ctx, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Document, Link, LinkKind};

pub static MALFORMED: Rule = Rule {
    id: "url/malformed",
    default_severity: Severity::Warning,
    summary: "A URL that cannot work as written",
    default_off: false,
    network: false,
};

static RULES: &[&Rule] = &[&MALFORMED];

pub struct UrlMalformed;

impl Check for UrlMalformed {
    fn name(&self) -> &'static str {
        "url_malformed"
    }
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }
    fn run(&self, ctx: &Ctx<'_, '_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for link in &doc.links {
            check_link(doc, link, out);
        }
        for r in &doc.broken_refs {
            out.push(Diagnostic::new(
                &MALFORMED,
                r.range.clone(),
                format!("the reference [{}] has no definition: add `[{}]: URL` or fix the label", r.label, r.label),
            ));
        }
        scan_scheme_typos(doc, out);
    }
}

fn diag(range: Range<usize>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(&MALFORMED, range, message)
}

/// Schemes that are what they look like: never "corrected".
const KNOWN_SCHEMES: &[&str] = &[
    "http", "https", "ftp", "ftps", "sftp", "ws", "wss", "file", "git", "ssh", "irc", "ircs", "news", "nntp", "rtsp",
    "rtmp", "svn", "hxxp", "hxxps", "tcp", "udp", "smb", "nfs", "ldap", "ldaps", "s3", "gs", "ipfs", "ipns", "xmpp",
    "sip", "sips", "telnet", "gopher", "webcal", "feed", "chrome", "about", "data", "mailto", "tel", "sms", "geo",
    "magnet", "spotify", "steam", "slack", "zoommtg", "vscode", "obsidian",
];

fn check_link(doc: &Document<'_>, link: &Link, out: &mut Vec<Diagnostic>) {
    let text = doc.text;
    let dest = doc.link_dest(link);
    let d = link.dest.clone();

    // Empty or placeholder destinations (Markdown links only).
    if link.kind == LinkKind::Inline || link.kind == LinkKind::Definition {
        if dest.trim().is_empty() {
            out.push(diag(link.range.clone(), "the link has an empty destination: add the URL"));
            return;
        }
        if dest == "#" {
            out.push(diag(link.range.clone(), "the link points to `#`, a placeholder: add the URL"));
            return;
        }
    }

    // Doubled scheme: https://https://example.com
    if let Some((first, rest)) = split_scheme(dest)
        && let Some((_second, _)) = split_scheme(rest)
        && is_http(first)
    {
        let cut = d.start..d.start + first.len() + 3;
        out.push(
            diag(
                d.clone(),
                format!("the URL has its scheme twice (`{}`)", &dest[..first.len() + 3 + scheme_len(rest) + 3]),
            )
            .with_fix(Fix::safe("Remove the doubled scheme", vec![Edit::delete(cut)])),
        );
        return;
    }

    // Misspelt scheme: htps://, hhtps://, ttp://
    if let Some((scheme, _)) = split_scheme(dest)
        && let Some(right) = misspelt_http(scheme)
    {
        out.push(diag(d.clone(), format!("`{scheme}://` is not a scheme: did you mean `{right}://`?")).with_fix(
            Fix::safe(format!("Change to {right}://"), vec![Edit::replace(d.start..d.start + scheme.len(), right)]),
        ));
        return;
    }

    // Missing scheme on a Markdown link: [x](www.example.com) is a relative link.
    if matches!(link.kind, LinkKind::Inline | LinkKind::Definition)
        && dest.len() > 4
        && dest.as_bytes()[..4].eq_ignore_ascii_case(b"www.")
    {
        out.push(
            diag(d.clone(), format!("`{dest}` has no scheme, so the link is relative to this page: add `https://`"))
                .with_fix(Fix::unsafe_("Add https://", vec![Edit::insert(d.start, "https://")])),
        );
        return;
    }

    let webby =
        split_scheme(dest).is_some_and(|(s, _)| is_http(s)) || dest.starts_with("www.") || dest.starts_with("WWW.");
    if !webby {
        return;
    }

    // Spaces inside a destination (`[x](<https://a.com/my page>)`).
    if dest.contains([' ', '\t']) {
        let edits = dest
            .char_indices()
            .filter(|(_, c)| *c == ' ' || *c == '\t')
            .map(|(i, _)| Edit::replace(d.start + i..d.start + i + 1, "%20"))
            .collect();
        out.push(
            diag(d.clone(), "the URL contains a space: a link stops there")
                .with_fix(Fix::unsafe_("Encode the spaces as %20", edits)),
        );
        return;
    }

    // A URL split by a hard line break.
    if link.kind == LinkKind::Bare
        && let Some(cont) = continuation(doc, d.end, dest)
    {
        let token = &text[cont.clone()];
        out.push(
            diag(
                d.start..cont.end,
                format!("the URL is split across a line break: the next line continues it (`{token}`)"),
            )
            .with_fix(Fix::safe("Rejoin the URL", vec![Edit::delete(d.end..cont.start)])),
        );
        return;
    }

    // A broken Markdown link: `[text](https://a.com/my page)` did not parse, so the URL stands bare
    // after `](` and the destination runs on past a space.
    if link.kind == LinkKind::Bare && text[..d.start].ends_with("](") && !dest.contains(')') {
        let line_end = text[d.end..].find(['\n', '\r']).map_or(text.len(), |i| d.end + i);
        if let Some(close) = text[d.end..line_end].find(')') {
            let tail = &text[d.end..d.end + close];
            if tail.starts_with(' ')
                && tail.len() < 120
                && !tail.trim().starts_with(['"', '\''])
                && !tail.contains(['(', '[', ']'])
            {
                let whole = d.start..d.end + close;
                let edits = text[whole.clone()]
                    .char_indices()
                    .filter(|(_, c)| *c == ' ')
                    .map(|(i, _)| Edit::replace(whole.start + i..whole.start + i + 1, "%20"))
                    .collect();
                out.push(
                    diag(whole, "the link destination contains a space, so the link is broken")
                        .with_fix(Fix::unsafe_("Encode the spaces as %20", edits)),
                );
                return;
            }
        }
    }

    // Unbalanced parentheses.
    let opens = dest.matches('(').count();
    let closes = dest.matches(')').count();
    if opens != closes {
        out.push(diag(
            d.clone(),
            format!(
                "the URL has unbalanced parentheses ({opens} opening, {closes} closing): part of it may be missing"
            ),
        ));
        return;
    }

    // Trailing punctuation swallowed into a Markdown destination.
    if link.kind != LinkKind::Bare {
        // `?` (an empty query) and anything in a fragment (wiki anchors end in `.`) are left alone.
        let trimmed = dest.trim_end_matches(['.', ',', ';', ':', '!', '\'', '"', '’', '”', '*']);
        if trimmed.len() < dest.len() && trimmed.len() > "https://".len() && !trimmed.contains('#') {
            let junk = &dest[trimmed.len()..];
            out.push(
                diag(
                    d.clone(),
                    format!(
                        "the URL ends with `{junk}`, which is almost certainly punctuation, not part of the address"
                    ),
                )
                .with_fix(Fix::unsafe_(format!("Remove `{junk}`"), vec![Edit::delete(d.start + trimmed.len()..d.end)])),
            );
            return;
        }
    }

    // Host problems: "https://www. example.com" (host "www"), "www.example.com,and".
    let host = host_of(dest);
    if host.contains(',') {
        out.push(diag(
            d.clone(),
            format!("the URL's host `{host}` contains a comma: punctuation and the next word ran into the URL"),
        ));
        return;
    }
    if !host.contains('.') && !host.contains(':') && !host.eq_ignore_ascii_case("localhost") && !host.is_empty() {
        let after = &text[d.end..];
        let rest = after.strip_prefix(". ").or_else(|| after.strip_prefix(' '));
        let fix = rest.and_then(|r| {
            let tok: &str = r.split(|c: char| c.is_whitespace()).next().unwrap_or("");
            (tok.contains('.') && tok.is_ascii()).then(|| {
                let gap = d.end..d.end + (after.len() - r.len());
                let keep_dot = if after.starts_with('.') { "." } else { "" };
                Fix::unsafe_("Remove the space inside the URL", vec![Edit::replace(gap, keep_dot)])
            })
        });
        let mut dg =
            diag(d.clone(), format!("the URL's host `{host}` is incomplete: is there a space inside the URL?"));
        if let Some(f) = fix {
            dg = dg.with_fix(f);
        }
        out.push(dg);
        return;
    }

    // "https://example.com/report.The" — the next sentence swallowed.
    if link.kind == LinkKind::Bare {
        let last = dest.rsplit('/').next().unwrap_or("");
        if let Some(dot) = last.rfind(['.', ',', ';'])
            && dot > 0
        {
            let word = &last[dot + 1..];
            let mut cs = word.chars();
            if word.len() >= 2
                && cs.next().is_some_and(|c| c.is_ascii_uppercase())
                && cs.all(|c| c.is_ascii_lowercase())
            {
                let at = d.end - word.len();
                out.push(
                    diag(d.clone(), format!("`{word}` looks like the start of the next sentence, run into the URL"))
                        .with_fix(Fix::unsafe_("Insert a space before it", vec![Edit::insert(at, " ")])),
                );
            }
        }
    }
}

/// `scheme` and the rest after `://`, for `scheme://rest`.
fn split_scheme(s: &str) -> Option<(&str, &str)> {
    let i = s.find("://")?;
    let scheme = &s[..i];
    let ok = !scheme.is_empty()
        && scheme.as_bytes()[0].is_ascii_alphabetic()
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    ok.then(|| (scheme, &s[i + 3..]))
}

fn scheme_len(s: &str) -> usize {
    split_scheme(s).map_or(0, |(sc, _)| sc.len())
}

fn is_http(s: &str) -> bool {
    s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https")
}

/// `Some("https")` when `scheme` is a misspelling of http(s).
fn misspelt_http(scheme: &str) -> Option<&'static str> {
    let lower = scheme.to_ascii_lowercase();
    if is_http(&lower) || KNOWN_SCHEMES.contains(&lower.as_str()) || !(3..=7).contains(&lower.len()) {
        return None;
    }
    if !lower.starts_with(['h', 't']) || !lower.bytes().all(|b| matches!(b, b'h' | b't' | b'p' | b's')) {
        return None;
    }
    Some(if lower.ends_with('s') { "https" } else { "http" })
}

fn host_of(url: &str) -> &str {
    let rest = split_scheme(url).map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    host.rsplit('@').next().unwrap_or(host)
}

/// Characters a URL may contain, ASCII only.
fn url_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)
}

/// When the line after a URL (ending at `end`, at a line end) continues the URL, the range of the
/// continuation.
fn continuation(doc: &Document<'_>, end: usize, url: &str) -> Option<Range<usize>> {
    let text = doc.text;
    let bytes = text.as_bytes();
    let nl = match bytes.get(end..end + 2) {
        Some([b'\r', b'\n']) => 2,
        _ if bytes.get(end) == Some(&b'\n') || bytes.get(end) == Some(&b'\r') => 1,
        _ => return None,
    };
    let start = end + nl;
    let prose = doc.prose.as_bytes();
    // The continuation must be prose too, and start the line with no space.
    let len = prose[start..].iter().take_while(|&&b| url_byte(b)).count();
    if len == 0 {
        return None;
    }
    // It must end at whitespace or the end, not run into other text.
    if let Some(&b) = prose.get(start + len)
        && !b.is_ascii_whitespace()
    {
        return None;
    }
    let mut tok = &text[start..start + len];
    tok = tok.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'']);
    if tok.is_empty() || tok.contains("://") || tok.len() >= 4 && tok[..4].eq_ignore_ascii_case("www.") {
        return None;
    }
    let ends_with_separator = url.ends_with(['-', '/', '_', '=', '&', '?', '.', '%', '#']);
    let distinctive = tok.bytes().any(|b| b"-/_=&%#?.".contains(&b) || b.is_ascii_digit())
        && tok.bytes().any(|b| b.is_ascii_alphanumeric());
    // A word of plain prose ("for details") is not a continuation.
    if !(distinctive || ends_with_separator && tok.bytes().all(|b| b.is_ascii_alphanumeric()) && tok.len() >= 2) {
        return None;
    }
    // "https://example.com/\n2024." alone is a sentence, not a path: require more than digits.
    if tok.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return None;
    }
    Some(start..start + tok.len())
}

/// Scheme typos the URL finder cannot see, because `://` is broken: `http//`, `https:/x`, `https:\\`,
/// and a space after `://`.
fn scan_scheme_typos(doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
    let prose = doc.prose.as_bytes();
    let finder = memchr::memmem::Finder::new("http");
    let mut from = 0;
    while let Some(i) = finder.find(&prose[from..]) {
        let at = from + i;
        from = at + 4;
        if at > 0 && (prose[at - 1].is_ascii_alphanumeric() || prose[at - 1] == b'/') {
            continue;
        }
        let mut p = at + 4;
        if prose.get(p).is_some_and(|b| *b == b's' || *b == b'S') {
            p += 1;
        }
        let rest = &prose[p..];
        let (bad_len, what) = if rest.starts_with(b"://") {
            // A space right after the scheme: "https:// example.com".
            let spaces = rest[3..].iter().take_while(|&&b| b == b' ').count();
            if spaces > 0 && rest.get(3 + spaces).is_some_and(|b| b.is_ascii_alphanumeric()) {
                let mut tok_end = rest[3 + spaces..].iter().take_while(|&&b| url_byte(b)).count();
                while tok_end > 0 && b".,;:!?')".contains(&rest[3 + spaces + tok_end - 1]) {
                    tok_end -= 1;
                }
                let tok = &rest[3 + spaces..3 + spaces + tok_end];
                if tok.contains(&b'.') {
                    let gap = p + 3..p + 3 + spaces;
                    out.push(
                        diag(at..p + 3 + spaces + tok_end, "the URL has a space after `://`")
                            .with_fix(Fix::safe("Remove the space", vec![Edit::delete(gap)])),
                    );
                }
            }
            continue;
        } else if rest.starts_with(b"//") {
            (2, "the colon is missing")
        } else if rest.starts_with(b":/") && rest.get(2).is_some_and(|b| b.is_ascii_alphanumeric()) {
            (2, "a slash is missing")
        } else if rest.starts_with(b":\\\\") {
            (3, "the slashes are backslashes")
        } else if rest.starts_with(b";//") {
            (3, "the colon is a semicolon")
        } else {
            continue;
        };
        let tail = &prose[p + bad_len..];
        let mut tok = tail.iter().take_while(|&&b| url_byte(b)).count();
        while tok > 0 && b".,;:!?')".contains(&tail[tok - 1]) {
            tok -= 1;
        }
        // Only a real-looking address: a dot in the host.
        if !tail[..tok].contains(&b'.') || !tail.first().is_some_and(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let scheme = String::from_utf8_lossy(&prose[at..p]).into_owned();
        out.push(
            diag(
                at..p + bad_len + tok,
                format!("the URL's scheme is malformed ({what}): it should start `{scheme}://`"),
            )
            .with_fix(Fix::safe(format!("Change to {scheme}://"), vec![Edit::replace(p..p + bad_len, "://")])),
        );
    }
}
