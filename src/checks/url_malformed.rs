//! `url/malformed`: URLs that cannot work as written.
//!
//! # What it finds
//! A URL broken by a hard line break (the next line continues it with no space), in prose, in
//! parentheses, brackets or angle brackets with the closing mark on the next line, in a Markdown
//! link destination or a reference definition; spaces inside a URL or a link destination; a
//! missing, misspelt, broken or doubled scheme (`htps://`, `https//`, `https;//`, `https:/`,
//! `https//:`, `http:://`, `https:\\`, `https://https://`, in prose, in a link destination or in a
//! reference definition; a Markdown link to `www.example.com`
//! with no scheme); a host with an empty label or one edged with a hyphen (`www.example..com`,
//! `https://-example.com`); unbalanced parentheses; punctuation swallowed into a link destination
//! (`(https://example.com/story.)`, but not the dot of `…/wiki/Apple_Inc.`); an empty link
//! destination (`[text]()`) or a placeholder (`[text](#)`); a Markdown reference with no
//! definition (`[text][missing]`).
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
//! A fix is offered as safe only when copydesk is certain of it: applying every safe fix must
//! leave nothing new to fix. Fixes that would chain, one making the next (a corrected scheme that
//! lets a rejoined URL run on into the next line, two addresses joined into one), are offered as
//! unsafe: shown, for the writer to decide, but not applied by `copydesk fix`. For example:
//! ```text
//! Read [http//example.gov](https://example.gov/annual-
//! report.pdf) today.
//! ```
//! Rejoining the URL would make a link whose text needs a fix of its own (`http//`), so the
//! rejoin is offered as unsafe.
//!
//! Safe (applied by `copydesk fix`): rejoining a split URL when the next line cannot be prose —
//! it runs with no space to the closing mark of the bracket or attribute quote the URL opened
//! (`(…)`, `[…]`, `<…>`, `href="…"`), or the URL's line ends inside it (`-`, `_`, `=`, `&`, `%`,
//! `#`), or the continuation completes a file extension (`index.ht` + `ml`) or has the shape of
//! the rest of a URL (a query, a file name, a path of several segments, a leading `/` or `-`, an
//! identifier such as `a78766`), and is not an e-mail address, a `mailto:` link, a `[n]`
//! reference, a list marker, a number or a domain of its own. A URL that already ends at a
//! natural boundary is rejoined safely only when the continuation is a path after a `/`
//! (`…/reports/` + `2019/05/budget.pdf`); after a complete file name (`…/x.pdf`) or sentence
//! punctuation, before a lone `/` on the next line, or with a slug cut inside a word
//! (`…/river-barrier-vot` + `e-record`, which could be a hyphenated word after `…-vote`), or with
//! an apostrophe in the URL or right after the continuation (a quotation-mark fix may redraw
//! it), the rejoin is offered, unsafe; a plain word after a URL (`…/minutes/` + `for anyone to read`) is
//! wrapped prose and not reported. A reference definition is rejoined only when the line below
//! it stays what it was (a `"…"` or `(…)` line would become the definition's title). A URL split
//! over several lines is one finding. Also safe: removing a space after `://`, correcting a
//! misspelt or broken scheme (`htps://` → `https://`, a missing `:` or `/`, `;` for `:`, a colon
//! after the slashes or one too many, backslashes; unsafe when an apostrophe follows the address,
//! as a quotation-mark fix may redraw it), removing a doubled scheme. Every form of the apostrophe
//! (`'`, `’`, `‘`) ends a bare URL, so a redraw never moves where one ends. Offered but
//! not safe (the writer decides): adding `https://` to a `www.` link, encoding
//! spaces as `%20`, dropping trailing punctuation from a link destination, removing a dot too many
//! from a host, inserting a space after punctuation swallowed into a bare URL. Empty destinations,
//! hyphen-edged host labels, unbalanced parentheses and undefined references have no fix: only the
//! writer knows the right URL.

use std::ops::Range;

use crate::checks::{Check, Ctx, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{DocKind, Document, Link, LinkKind, opens_link_text, url_end};

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
        let first = out.len();
        run_once(ctx.doc, out);
        settle(ctx.doc, first, out);
    }
}

fn run_once(doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
    let first = out.len();
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
    scan_scheme_typos(doc, first, out);
}

/// Safe means certain (issue 31): applying every safe fix of this check must leave nothing for a
/// second pass, because a fix that uncovers or makes another (a corrected scheme that lets a
/// rejoin run on, two addresses joined into one) was not certain. So the check reads its own
/// fixed text once; a new safe fix there makes every safe fix of the check near it (within
/// [`SETTLE_BYTES`]) unsafe, and after two tries every safe fix left is. Costs a second parse
/// only for a draft with a safe URL fix.
fn settle(doc: &Document<'_>, first: usize, out: &mut [Diagnostic]) {
    let demote = |d: &mut Diagnostic| d.fixes.iter_mut().for_each(|f| f.safe = false);
    for _ in 0..2 {
        let (edits, n) = crate::diagnostic::safe_edits(&out[first..]);
        if n == 0 {
            return;
        }
        let Some(fixed) = crate::diagnostic::apply_edits(doc.text, &edits) else { break };
        let fixed_doc = Document::parse(&fixed, doc.kind);
        let mut again = Vec::new();
        run_once(&fixed_doc, &mut again);
        let new: Vec<usize> = again
            .iter()
            .filter(|d| d.fixes.iter().any(|f| f.safe))
            .map(|d| position_before(d.range.start, &edits))
            .collect();
        if new.is_empty() {
            return;
        }
        for d in out[first..].iter_mut().filter(|d| d.fixes.iter().any(|f| f.safe)) {
            let near = d.range.start.saturating_sub(SETTLE_BYTES)..d.range.end + SETTLE_BYTES;
            if new.iter().any(|p| near.contains(p)) {
                demote(d);
            }
        }
    }
    out[first..].iter_mut().for_each(demote);
}

/// How near a new safe fix makes a safe fix of the first pass uncertain, in bytes.
const SETTLE_BYTES: usize = 200;

/// Where a position of the text after `edits` stood before them.
fn position_before(p: usize, edits: &[Edit]) -> usize {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.range.start);
    let mut shift: isize = 0;
    for e in sorted {
        let start_after = (e.range.start as isize + shift) as usize;
        if p < start_after {
            break;
        }
        let end_after = start_after + e.text.len();
        if p < end_after {
            return e.range.start;
        }
        shift += e.text.len() as isize - e.range.len() as isize;
    }
    (p as isize - shift).max(0) as usize
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

    // A URL split by a hard line break (a bare URL, or a definition's destination). Reported
    // beside a scheme to correct (both fixes apply at once, so fixing one never uncovers the
    // other); nothing else is judged on a URL known to be cut short.
    // The destination as it reads once rejoined: what the scheme checks below judge, so that the
    // rejoin never uncovers a broken scheme (`http//example-` + `site.gov/x`).
    let mut whole = dest.to_string();
    let split = if matches!(link.kind, LinkKind::Bare | LinkKind::Definition) {
        split_url(doc, link).map(|s| {
            let mut pos = d.end;
            for b in &s.breaks {
                whole.push_str(&text[pos..b.start]);
                pos = b.end;
            }
            whole.push_str(&text[pos..s.end]);
            out.push(split_diagnostic(d.start, s));
        })
    } else {
        None
    };

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

    // A broken scheme in a Markdown destination (`[text](https;//…)`): flagged as in prose.
    if link.kind != LinkKind::Bare
        && let Some((at, bad, what)) = broken_scheme(whole.as_bytes())
        && at + bad <= dest.len()
    {
        let scheme = &dest[..at];
        out.push(
            diag(d.clone(), format!("the URL's scheme is malformed ({what}): it should start `{scheme}://`")).with_fix(
                Fix::safe(
                    format!("Change to {scheme}://"),
                    vec![Edit::replace(d.start + at..d.start + at + bad, "://")],
                ),
            ),
        );
        return;
    }

    // Doubled scheme: https://https://example.com (any of them may be misspelt, and there may be
    // more than two).
    let httpish = |s: &str| is_http(s) || misspelt_http(s).is_some();
    let mut schemes: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    while let Some((scheme, rest)) = split_scheme(&dest[at..])
        && httpish(scheme)
    {
        schemes.push((at, scheme));
        at = dest.len() - rest.len();
    }
    if schemes.len() >= 2 {
        // Keep one scheme spelt right: the last one spelt right, or the first one corrected.
        let span = |(at, scheme): (usize, &str)| d.start + at..d.start + at + scheme.len() + 3;
        let keep = schemes.iter().rposition(|(_, s)| is_http(s));
        let mut edits: Vec<Edit> = schemes
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != keep && (keep.is_some() || *i != 0))
            .map(|(_, s)| Edit::delete(span(*s)))
            .collect();
        if keep.is_none() {
            let first = schemes[0].1;
            edits.push(Edit::replace(d.start..d.start + first.len(), misspelt_http(first).unwrap_or("https")));
        }
        out.push(
            diag(d.clone(), format!("the URL has its scheme twice (`{}`)", &dest[..at]))
                .with_fix(Fix::safe("Remove the doubled scheme", edits)),
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

    if split.is_some() {
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
        let mut trimmed = dest.trim_end_matches(['.', ',', ';', ':', '!', '\'', '"', '’', '”', '*']);
        // `…/wiki/Washington,_D.C.` and `…/wiki/Apple_Inc.` are complete with their dot.
        if dest[trimmed.len()..].starts_with('.') && ends_with_abbreviation(trimmed) {
            trimmed = &dest[..trimmed.len() + 1];
        }
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
    if let Some(dg) = bad_host_labels(dest, host, d.start) {
        out.push(dg);
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
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&()*+,;=%".contains(&b)
}

/// The finding for a URL starting at `start` and split as `split` says.
fn split_diagnostic(start: usize, split: Split) -> Diagnostic {
    let tail = split.tails.join("");
    let edits = split.breaks.iter().map(|b| Edit::delete(b.clone())).collect();
    if split.certain {
        diag(start..split.end, format!("the URL is split across a line break: the next line continues it (`{tail}`)"))
            .with_fix(Fix::safe("Rejoin the URL", edits))
    } else {
        diag(
            start..split.end,
            format!("the URL may be split across a line break: the next line may continue it (`{tail}`)"),
        )
        .with_fix(Fix::unsafe_("Rejoin the URL", edits))
    }
}

/// A URL split across one or more line breaks.
struct Split {
    /// The line breaks to delete, in order.
    breaks: Vec<Range<usize>>,
    /// The end of the last continuation.
    end: usize,
    /// What each line break is followed by (for the message).
    tails: Vec<String>,
    /// `true` when the continuation cannot be prose: the rejoin is safe.
    certain: bool,
}

/// How sure a line is the rest of the URL before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    No,
    /// It looks like the rest of a URL, but prose could look the same (offered, not safe).
    Likely,
    /// It cannot be prose (safe).
    Certain,
}

/// Bytes the URL finder leaves out at a URL's end (as punctuation) that may still be part of the
/// URL when a line break follows them: `https://example.com/my_` + `file`.
fn trimmed_url_byte(b: u8) -> bool {
    matches!(b, b'.' | b',' | b':' | b';' | b'!' | b'?' | b'*' | b'_' | b'~')
}

/// File extensions that end a path: `…/report` + `.pdf` continues a URL, `…/report.pdf` is complete.
const EXTENSIONS: &[&str] = &[
    "html", "htm", "shtml", "xhtml", "php", "asp", "aspx", "jsp", "cfm", "pdf", "doc", "docx", "xls", "xlsx", "ppt",
    "pptx", "csv", "txt", "xml", "json", "rss", "jpg", "jpeg", "png", "gif", "svg", "webp", "mp3", "mp4", "mov", "zip",
];

/// When the URL of `link` ends at a line end and the next line(s) continue it, the line breaks to
/// delete. Judged on the URL so far and the continuation alone (see [`judge`]), so that joining a
/// certain split never makes a new one: the check on the fixed text reaches the same verdicts.
fn split_url(doc: &Document<'_>, link: &Link) -> Option<Split> {
    let text = doc.text;
    let bytes = text.as_bytes();
    let prose = doc.prose.as_bytes();
    let d = link.dest.clone();
    // The bracket the URL stands in: `(https://…`, `[https://…`, `<https://…`.
    let before = |n: usize| d.start.checked_sub(n).map(|i| bytes[i]);
    let bracket = match before(1) {
        Some(b'(') => Some((b'(', b')')),
        Some(b'[') => Some((b'[', b']')),
        Some(b'<') => Some((b'<', b'>')),
        // An attribute value: `href="https://…"`.
        Some(q @ (b'"' | b'\'')) if before(2) == Some(b'=') => Some((q, q)),
        _ => None,
    };
    let depth_of = |s: &[u8], depth: &mut i32| {
        if let Some((open, close)) = bracket
            && open != close
        {
            for &b in s {
                if b == open {
                    *depth += 1;
                } else if b == close {
                    *depth -= 1;
                }
            }
        }
    };
    let mut depth = 0i32;
    depth_of(&bytes[d.clone()], &mut depth);
    if depth < 0 {
        return None;
    }
    let mut joined = String::from(&text[d.clone()]);
    let mut split = Split { breaks: Vec::new(), end: d.end, tails: Vec::new(), certain: true };
    let mut verdict = Verdict::Certain;
    let mut head_end = d.end;
    let mut closed_at_end = false;
    loop {
        // Punctuation the finder left out, then the line break with no space before it.
        let mut e = head_end;
        while e < bytes.len() && trimmed_url_byte(bytes[e]) && prose[e] == bytes[e] {
            e += 1;
        }
        let nl = match bytes.get(e..e + 2) {
            Some([b'\r', b'\n']) => 2,
            _ if matches!(bytes.get(e), Some(b'\n' | b'\r')) => 1,
            _ => break,
        };
        let start = e + nl;
        // The continuation starts the line (no space) and is prose.
        // An apostrophe ends it, as a curly one does: redrawing `’` as `'` (a safe quotation
        // mark fix) must not change the verdict.
        let run = prose[start..]
            .iter()
            .zip(&bytes[start..])
            .take_while(|(p, b)| p == b && url_byte(**b) && **b != b'\'')
            .count();
        // A Markdown link ends it, as it ends a URL (`…/minutes/` + `![map](http/`): joined, the
        // finder would stop there and the rest would be judged anew.
        let run = (0..run).find(|&i| prose[start + i] == b'[' && opens_link_text(prose, start + i)).unwrap_or(run);
        if run == 0 {
            break;
        }
        let run_bytes = &bytes[start..start + run];
        // In a bracket: the continuation runs to the closing bracket with no space.
        let mut closed = None;
        if let Some((open, close)) = bracket {
            let mut dep = depth;
            for (i, &b) in run_bytes.iter().enumerate() {
                if b == open && open != close {
                    dep += 1;
                } else if b == close {
                    if dep == 0 {
                        closed = Some(i);
                        break;
                    }
                    dep -= 1;
                }
            }
            // The run stops right before `>`, `"` and `'`; an attribute's quote may be curly (a
            // safe quotation-mark redraw turns `“` into `"`, and must not change the verdict).
            let after = &text[start + run..];
            let closes = match close {
                b'"' => after.starts_with(['"', '“', '”']),
                b'\'' => after.starts_with(['\'', '‘', '’']),
                b'>' => after.starts_with('>'),
                _ => false,
            };
            if closed.is_none() && closes {
                closed = Some(run);
            }
        }
        // Nor the start of another address, though its scheme is broken by a byte no URL has
        // (`…/annual-` + `https:\example.org`): unless the bracket closes, the line's whole
        // first word is judged (after `…/x8` + `pk7JNZ7N">http://t.co/…`, the link's text).
        let word_end = text[start..].find(char::is_whitespace).map_or(text.len(), |i| start + i);
        if closed.is_none() && contains_address(&text[start..word_end]) {
            break;
        }
        // A curly apostrophe right after the run may be a straight one redrawn (or about to be):
        // `a'nual` stops the run and is no split, so `a’nual` is no certain one either.
        let apostrophe_after = closed.is_none() && text[start + run..].starts_with(['‘', '’']);
        let len = match closed {
            Some(i) => i,
            None => {
                // It must end at a space, the line end or a closing quote, not run into other text.
                let next = text[start + run..].chars().next();
                if next.is_some_and(|c| {
                    // Any quotation mark: a redrawn one (`“` → `"`) must not change the verdict.
                    !(c.is_whitespace()
                        || matches!(c, '"' | '“' | '”' | '‘' | '’' | '«' | '»' | '…' | '—' | '–' | '\\'))
                }) {
                    break;
                }
                // What the finder leaves out at the end of the URL once joined: trailing
                // punctuation, and a `)` or `]` only when unbalanced (`…/innovation` +
                // `fe[the1program]` keeps its `]`, and the next line may go on after it).
                let candidate = format!("{joined}{}{}", &text[head_end..e], &text[start..start + run]);
                // (After the scheme, as the finder will see it corrected: a broken one,
                // `https:\`, or one with a space after it, `https:// example.org`.)
                let from = match (scheme_break(candidate.as_bytes()), split_scheme(&candidate)) {
                    (Some((p, bad, _)), _) => p + bad,
                    (None, Some((_, rest))) => candidate.len() - rest.trim_start_matches(' ').len(),
                    (None, None) => 0,
                };
                url_end(&candidate, from).saturating_sub(candidate.len() - run)
            }
        };
        if len == 0 {
            break;
        }
        let cont = &text[start..start + len];
        let whole_line = closed.is_none() && len == run && matches!(bytes.get(start + run), None | Some(b'\n' | b'\r'));
        // A list marker (`1.`, `2)`) starts an item, not the rest of a URL.
        let digits = run_bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        if closed.is_none()
            && digits > 0
            && digits + 1 == run
            && matches!(run_bytes[digits], b'.' | b')')
            && bytes.get(start + run).is_none_or(u8::is_ascii_whitespace)
        {
            break;
        }
        // A definition stays a definition only if its destination ends its line, and the line
        // below stays what it was: `(The title)`, `"…"` or `'…'` would become the definition's
        // title once the destination is rejoined, a line of `-` or `=` would no longer underline
        // a heading.
        if link.kind == LinkKind::Definition && (!whole_line || next_line_attaches(text, start + len)) {
            break;
        }
        // The URL up to the line break, with the punctuation the finder left out.
        let upto = format!("{joined}{}", &text[head_end..e]);
        let mut v = judge(&upto, cont, closed.is_some());
        // An apostrophe in the URL may be a curly one redrawn (a safe quotation-mark fix): before
        // the redraw, `…/20’24-` ended at the `’`, short of the line end, and had no split to
        // rejoin. Whether it belongs to the URL is not certain, so neither is the rejoin.
        if v == Verdict::Certain && (upto.contains('\'') || apostrophe_after) {
            v = Verdict::Likely;
        }
        // A definition's destination followed by a line of one lowercase URL-like word: a
        // paragraph is never one such word (`Thanks` could be a sign-off). Only for a definition
        // with blank lines around it and its continuation: next to other lines, joining could
        // turn the text below into a definition that reads differently.
        if v < Verdict::Certain
            && link.kind == LinkKind::Definition
            && whole_line
            && blank_line_before(text, link.range.start)
            && blank_line_after(text, start + len)
            && cont.bytes().any(|b| b.is_ascii_alphanumeric())
            && !cont.as_bytes()[0].is_ascii_uppercase()
            && cont.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b))
            && !is_domain(cont)
            && !excluded(cont)
            && upto.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric)
            && !has_extension(&upto)
        {
            v = Verdict::Certain;
        }
        if v == Verdict::No || (!split.breaks.is_empty() && v < verdict) {
            break;
        }
        verdict = verdict.min(v);
        joined = upto;
        joined.push_str(cont);
        depth_of(cont.as_bytes(), &mut depth);
        split.breaks.push(e..start);
        split.tails.push(cont.to_string());
        split.end = start + len;
        head_end = start + len;
        if closed.is_some() {
            closed_at_end = true;
            break;
        }
    }
    // Likewise a Markdown link destination (`](https://…`) is rejoined only up to its `)`:
    // rejoined short of it, the link would parse with the rest of the line as its title, and the
    // prose there would vanish from the draft's text.
    if doc.kind == DocKind::Markdown && text[..d.start].ends_with("](") && !closed_at_end {
        return None;
    }
    split.certain = verdict == Verdict::Certain;
    (!split.breaks.is_empty()).then_some(split)
}

/// Whether the line holding `at` is the first of the text or follows a blank line.
fn blank_line_before(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let head = &text[..line_start];
    let Some(prev) = head.strip_suffix('\n').map(|h| h.strip_suffix('\r').unwrap_or(h)).or(head.strip_suffix('\r'))
    else {
        return true;
    };
    let prev_start = prev.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    prev[prev_start..].trim().is_empty()
}

/// Whether the line after the one ending at `at` (at its line end) could attach to a reference
/// definition above it: a title (`"…"`, `'…'`, `(…)`), or a heading underline (`---`, `===`).
fn next_line_attaches(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix(['\n', '\r'])).unwrap_or(rest);
    let line = rest.split(['\n', '\r']).next().unwrap_or("").trim();
    line.starts_with(['"', '\'', '('])
        || (!line.is_empty()
            && (line.bytes().all(|b| b == b'-' || b == b' ') || line.bytes().all(|b| b == b'=' || b == b' ')))
}

/// Whether the line after the one ending at `at` (at its line end) is blank or the text ends.
fn blank_line_after(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix(['\n', '\r'])).unwrap_or(rest);
    let line = rest.split(['\n', '\r']).next().unwrap_or("");
    line.trim().is_empty()
}

/// Whether `cont`, the start of the next line, continues the URL `url` (everything of it up to
/// the line break). `closed`: the URL stands in a bracket and `cont` runs to its closing mark.
fn judge(url: &str, cont: &str, closed: bool) -> Verdict {
    let last = url.as_bytes().last().copied().unwrap_or(b'/');
    // `…/contact-us` + `/`: a lone slash may be a separator in a list (`… / …`).
    if cont.bytes().all(|b| b == b'/') {
        return match (closed, last.is_ascii_alphanumeric()) {
            (true, _) => Verdict::Certain,
            (false, true) => Verdict::Likely,
            (false, false) => Verdict::No,
        };
    }
    if excluded(cont) || !cont.bytes().any(|b| b.is_ascii_alphanumeric()) {
        return Verdict::No;
    }
    // Nor an address made across the seam: `…/*http/` + `/example.com/a`. The URL is judged
    // after its scheme, broken or not, as it will read once the scheme is corrected
    // (`http//example.com/ahttp//e` + `xample.com/a`).
    let rest = match (url.find("://"), broken_scheme(url.as_bytes())) {
        (_, Some((at, bad, _))) => &url[at + bad..],
        (Some(i), None) => &url[i + 3..],
        (None, None) => url,
    };
    // Where the URL holds the start of another address already (`…/[2]http:://e`, a wayback
    // URL's `…/https://…`), the join must start no new one and complete none (`…http:://e` +
    // `xample.com/e` is an address with a broken scheme to correct).
    if address_marks(&format!("{rest}{cont}")) != address_marks(rest) {
        return Verdict::No;
    }
    // `(https://example.gov/innovation` + `fellows) program`: prose does not put a word and the
    // closing mark right after a URL in brackets.
    if closed {
        return Verdict::Certain;
    }
    // `p//example.com/a`: another address, its scheme cut.
    if cont.contains("//") {
        return Verdict::No;
    }
    // A URL in prose does not end with these: the line break is inside it.
    if matches!(last, b'-' | b'_' | b'=' | b'&' | b'%' | b'#' | b'~' | b'+') {
        return if is_domain(cont) { Verdict::No } else { Verdict::Certain };
    }
    // `…/index.ht` + `ml`, `…/index.` + `aspx`: the file extension completed.
    if completes_extension(url, cont) {
        return Verdict::Certain;
    }
    // `…/a/2014` + `-16155`: no word of prose starts with a hyphen.
    if last.is_ascii_alphanumeric()
        && cont.starts_with('-')
        && cont.as_bytes().get(1).is_some_and(u8::is_ascii_alphanumeric)
    {
        return Verdict::Certain;
    }
    // Numbers, list markers and a domain of its own start a line of prose.
    if cont.bytes().all(|b| !b.is_ascii_alphabetic()) && !cont.starts_with('/') || is_domain(cont) {
        return Verdict::No;
    }
    match url_tail(cont) {
        // `…/reports/` + `2019/05/budget.pdf`: a path, a query or a file name starts no line of prose.
        Tail::Path if last == b'/' || last.is_ascii_alphanumeric() && !has_extension(url) => Verdict::Certain,
        // `ation-plan/2024`, but not `U.S./Mexico`.
        Tail::Weak
            if last.is_ascii_alphanumeric() && !has_extension(url) && !cont.bytes().any(|b| b.is_ascii_uppercase()) =>
        {
            Verdict::Certain
        }
        // A complete path (`…/x.pdf`) or sentence punctuation: the URL may end there.
        Tail::Path | Tail::Weak => Verdict::Likely,
        // `…/river-barrier-vot` + `e-record`: a slug cut inside a word, but prose has hyphenated
        // words too (`…/river-barrier-vote` + `long-awaited`): offered, not safe.
        Tail::No if last.is_ascii_lowercase() && slug_goes_on(url, cont) => Verdict::Likely,
        Tail::No => Verdict::No,
    }
}

/// Whether `url` ends in a hyphenated lowercase slug and `cont` goes on in the same style (a
/// lowercase hyphenated word, nothing else).
fn slug_goes_on(url: &str, cont: &str) -> bool {
    let last = url.rsplit('/').next().unwrap_or(url);
    let slug =
        |s: &str| s.contains('-') && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    slug(last) && slug(cont) && !cont.starts_with('-') && !cont.ends_with('-')
}

/// How much `cont` looks like the rest of a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    /// A word of prose.
    No,
    /// One slash with a digit or `.-_` (`ation/2024`, but also `COVID-19/flu`).
    Weak,
    /// A query or fragment character inside it, a file extension, several path segments or a
    /// final slash, a lowercase identifier (`a78766`), a leading slash before a word (`/about`).
    Path,
}

/// What never continues a URL: another address (`www.`, a scheme), an e-mail address or
/// `mailto:` link, a `[n]` reference, a parenthesis opening an aside.
fn excluded(cont: &str) -> bool {
    cont.contains('@') || cont.starts_with(['[', '(']) || contains_address(cont) || scheme_prefix(cont)
}

/// Whether `s` holds the start of an address of its own anywhere (`www.`, a scheme, broken or
/// not): joined to the URL before it, it would be judged again as a URL of its own.
fn contains_address(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.contains("www.")
        || lower.contains("://")
        || lower.match_indices("http").any(|(i, _)| broken_scheme(&lower.as_bytes()[i..]).is_some())
}

/// Where in `s` an address starts (`www.`, `://`, a broken scheme that would be corrected).
fn address_marks(s: &str) -> Vec<usize> {
    let lower = s.to_ascii_lowercase();
    let mut marks: Vec<usize> = lower.match_indices("www.").map(|(i, _)| i).collect();
    marks.extend(lower.match_indices("://").map(|(i, _)| i));
    marks.extend(
        lower.match_indices("http").filter(|(i, _)| broken_scheme(&lower.as_bytes()[*i..]).is_some()).map(|(i, _)| i),
    );
    marks.sort_unstable();
    marks
}

/// `mailto:…`, `tel:…`, `urn:…`: a known scheme of its own (a wiki's `How:Statistics` is a path).
fn scheme_prefix(s: &str) -> bool {
    let Some(i) = s.find(':') else { return false };
    let scheme = s[..i].to_ascii_lowercase();
    scheme == "urn" || KNOWN_SCHEMES.contains(&scheme.as_str())
}

/// Whether `url` ends in a file name cut inside its extension and `cont` completes it: `index.ht`
/// + `ml`, `index.` + `aspx` (lowercase, then the end of the URL, a query or a fragment).
fn completes_extension(url: &str, cont: &str) -> bool {
    let last = url.rsplit('/').next().unwrap_or(url);
    let Some((name, part)) = last.rsplit_once('.') else { return false };
    let run = cont.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(cont.len());
    let ext = format!("{part}{}", &cont[..run]);
    !name.is_empty()
        && run > 0
        && part.bytes().all(|b| b.is_ascii_lowercase())
        && cont[..run].bytes().all(|b| b.is_ascii_lowercase())
        && EXTENSIONS.contains(&ext.as_str())
        && cont[run..].bytes().next().is_none_or(|c| matches!(c, b'?' | b'#' | b'/'))
}

/// `example.com`, `data.gov`: a host name standing alone (not `index.html`).
fn is_domain(s: &str) -> bool {
    let s = s.strip_suffix('/').unwrap_or(s);
    if s.contains('/') || !s.contains('.') {
        return false;
    }
    let labels: Vec<&str> = s.split('.').collect();
    let tld = labels[labels.len() - 1];
    labels.iter().all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        && (2..=6).contains(&tld.len())
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
        && !EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(tld))
}

/// Whether `s` ends with a file extension (`…/report.pdf`).
fn has_extension(s: &str) -> bool {
    let last = s.rsplit('/').next().unwrap_or(s);
    last.rsplit_once('.')
        .is_some_and(|(name, ext)| !name.is_empty() && EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(ext)))
}

/// Whether `cont` has the shape of the rest of a URL and not of a word of prose (see [`Tail`]).
/// Hyphenated words (`state-by-state`), `and/or`, `24/7`, `COVID-19`, `1990s` and `AT&T` are
/// prose.
fn url_tail(cont: &str) -> Tail {
    let b = cont.as_bytes();
    let inner = if b.len() > 2 { &b[1..b.len() - 1] } else { &[][..] };
    if inner.iter().any(|c| b"_=%?#~".contains(c)) {
        return Tail::Path;
    }
    // `.pdf`, `index.html`, `story.html?x=1`
    let ext_at = |i: usize| {
        let rest = &cont[i + 1..];
        let end = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(&rest[..end]))
            && rest[end..].bytes().next().is_none_or(|c| matches!(c, b'?' | b'#' | b'/'))
    };
    if cont.match_indices('.').any(|(i, _)| ext_at(i)) {
        return Tail::Path;
    }
    let slashes = b.iter().filter(|&&c| c == b'/').count();
    let letters = b.iter().any(|c| c.is_ascii_alphabetic());
    if b[0] == b'/' && b.get(1).is_some_and(u8::is_ascii_alphanumeric) {
        return Tail::Path;
    }
    if slashes > 0 && letters {
        if slashes >= 2 || cont.ends_with('/') {
            return Tail::Path;
        }
        if b.iter().any(|c| c.is_ascii_digit() || b".-_".contains(c)) {
            return Tail::Weak;
        }
    }
    // A lowercase identifier: `a78766` (a letter before three digits or more; not `1990s`), or
    // a digit between letters (`wer4america`).
    let id = cont.split(|c: char| !c.is_ascii_alphanumeric()).any(|run| {
        let digits = run.bytes().filter(u8::is_ascii_digit).count();
        let lower = !run.bytes().any(|c| c.is_ascii_uppercase());
        let letter_digit = run.as_bytes().windows(2).any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_digit());
        let digit_letter = run.as_bytes().windows(2).any(|w| w[0].is_ascii_digit() && w[1].is_ascii_alphabetic());
        lower && letter_digit && (run.len() >= 5 && digits >= 3 || digit_letter && run.len() >= 5)
    });
    if id { Tail::Path } else { Tail::No }
}

/// Abbreviations a wiki page name ends with, dot included (`Apple_Inc.`).
const ABBREVIATIONS: &[&str] = &[
    "Inc", "Co", "Corp", "Ltd", "Bros", "Jr", "Sr", "St", "Dr", "Mr", "Mrs", "Ms", "Mt", "Ft", "No", "Vol", "Ave",
    "Blvd", "Gen", "Gov", "Sen", "Rep", "Lt", "Col", "Capt", "Sgt", "Adm", "Prof", "Rev", "Hon", "Esq", "Plc", "Ltda",
    "etc", "al", "vs",
];

/// Whether `s` (a destination without its final `.`) ends with an abbreviation that takes a dot:
/// one of [`ABBREVIATIONS`] or initials (`D.C`, `U.S`).
fn ends_with_abbreviation(s: &str) -> bool {
    let word = s.rsplit(['/', '_', ',', '-', '(', ')', ':', '=', '+']).next().unwrap_or("");
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2 && parts.iter().all(|p| p.len() == 1 && p.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// An empty host label (`www.example..com`, `https://.example.com`) or one that starts or ends with
/// a hyphen (`https://-example.com`). `dest` starts at `start` in the text.
fn bad_host_labels(dest: &str, host: &str, start: usize) -> Option<Diagnostic> {
    let at = start + (host.as_ptr() as usize - dest.as_ptr() as usize);
    // A port, and an IP literal's brackets, are not labels.
    let name = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    if name.starts_with('[') || !name.contains('.') {
        return None;
    }
    // One dot at the end is the root (`example.com.`), a complete name.
    let labels = name.strip_suffix('.').unwrap_or(name);
    if labels.split('.').any(str::is_empty) {
        let mut edits = Vec::new();
        let b = labels.as_bytes();
        for i in 0..b.len() {
            if b[i] == b'.' && (i == 0 || b[i - 1] == b'.' || i + 1 == b.len()) {
                edits.push(Edit::delete(at + i..at + i + 1));
            }
        }
        return Some(
            diag(start..start + dest.len(), format!("the URL's host `{host}` has an empty label (a dot too many)"))
                .with_fix(Fix::unsafe_("Remove the extra dot", edits)),
        );
    }
    if labels.split('.').any(|l| l.starts_with('-') || l.ends_with('-')) {
        return Some(diag(
            start..start + dest.len(),
            format!("the URL's host `{host}` has a label that starts or ends with a hyphen: no host is named so"),
        ));
    }
    None
}

/// A broken `://` after `http` or `https` at the start of `s`: the scheme's length, the broken
/// part's length and what is wrong, when an address with a dot follows.
fn broken_scheme(s: &[u8]) -> Option<(usize, usize, &'static str)> {
    let (p, bad_len, what) = scheme_break(s)?;
    let tail = &s[p + bad_len..];
    // A `[` ends it: `http//example.com/a[text](…)` is a Markdown link after the address, and
    // whether that link parses must not change the verdict.
    let mut tok = tail.iter().take_while(|&&b| url_byte(b) && b != b'[').count();
    while tok > 0 && b".,;:!?')".contains(&tail[tok - 1]) {
        tok -= 1;
    }
    // Only a real-looking address: a dot in the host, and no scheme of its own after the broken
    // one, whole or broken (`https:/tps://…`, `https:\\https:/…`: both corrected, they made a
    // doubled scheme; it is a mess the URL finder reports).
    (tail[..tok].contains(&b'.')
        && tail.first().is_some_and(|b| b.is_ascii_alphanumeric())
        && memchr::memmem::find(&tail[..tok], b"://").is_none()
        && !(0..tok).any(|i| {
            let prev = if i == 0 { s[p + bad_len - 1] } else { tail[i - 1] };
            scanned_after(prev) && scheme_break(&tail[i..tok]).is_some()
        }))
    .then_some((p, bad_len, what))
}

/// Whether an `http` after the byte `prev` is read as an address of its own (not inside a word
/// or an address: `…/web/2017im_/http//…` is a path).
fn scanned_after(prev: u8) -> bool {
    !(prev.is_ascii_alphanumeric() || b"/_-.=&?#%~+".contains(&prev))
}

/// The broken `://` after `http` or `https` at the start of `s`, whatever follows it: the
/// scheme's length, the broken part's length and what is wrong.
fn scheme_break(s: &[u8]) -> Option<(usize, usize, &'static str)> {
    if s.len() < 4 || !s[..4].eq_ignore_ascii_case(b"http") {
        return None;
    }
    let mut p = 4;
    if s.get(p).is_some_and(|b| *b == b's' || *b == b'S') {
        p += 1;
    }
    let rest = &s[p..];
    let (bad_len, what) = if rest.starts_with(b"://") {
        return None;
    } else if rest.starts_with(b"//:") {
        (3, "the colon is after the slashes")
    } else if rest.starts_with(b"//") {
        (2, "the colon is missing")
    } else if rest.starts_with(b":://") {
        (4, "a colon too many")
    } else if rest.starts_with(b":/") && rest.get(2).is_some_and(|b| b.is_ascii_alphanumeric()) {
        (2, "a slash is missing")
    } else if rest.starts_with(b":\\\\") {
        (3, "the slashes are backslashes")
    } else if rest.starts_with(b":\\") && rest.get(2).is_some_and(|b| b.is_ascii_alphanumeric()) {
        (2, "the slashes are a backslash")
    } else if rest.starts_with(b";//") {
        (3, "the colon is a semicolon")
    } else {
        return None;
    };
    Some((p, bad_len, what))
}

/// Scheme typos the URL finder cannot see, because `://` is broken: `http//`, `https:/x`, `https:\\`,
/// and a space after `://`. `out[first..]` are this check's findings so far.
fn scan_scheme_typos(doc: &Document<'_>, first: usize, out: &mut Vec<Diagnostic>) {
    let prose = doc.prose.as_bytes();
    let finder = memchr::memmem::Finder::new("http");
    let mut from = 0;
    while let Some(i) = finder.find(&prose[from..]) {
        let at = from + i;
        from = at + 4;
        // Not inside a word or an address (`…/web/2017im_/http//…` is a path).
        if at > 0 && !scanned_after(prose[at - 1]) {
            continue;
        }
        let mut p = at + 4;
        if prose.get(p).is_some_and(|b| *b == b's' || *b == b'S') {
            p += 1;
        }
        let rest = &prose[p..];
        if rest.starts_with(b"://") {
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
                    let end = p + 3 + spaces + tok_end;
                    out.push(
                        diag(at..end, "the URL has a space after `://`")
                            .with_fix(Fix::safe("Remove the space", vec![Edit::delete(gap)])),
                    );
                    push_split(doc, at..end, out);
                }
            }
            continue;
        }
        let Some((len, bad_len, what)) = broken_scheme(&prose[at..]) else { continue };
        let p = at + len;
        let tail = &prose[p + bad_len..];
        let raw = tail.iter().take_while(|&&b| url_byte(b) && b != b'[').count();
        let mut tok = raw;
        while tok > 0 && b".,;:!?')".contains(&tail[tok - 1]) {
            tok -= 1;
        }
        let scheme = String::from_utf8_lossy(&prose[at..p]).into_owned();
        // An apostrophe right after the address (every form of it ends one) may be redrawn by a
        // quotation-mark fix (`'` ↔ `’`): the correction is offered, not made.
        let after = &tail[raw..];
        let apostrophe =
            after.starts_with(b"'") || after.starts_with("’".as_bytes()) || after.starts_with("‘".as_bytes());
        let title = format!("Change to {scheme}://");
        let edits = vec![Edit::replace(p..p + bad_len, "://")];
        out.push(
            diag(
                at..p + bad_len + tok,
                format!("the URL's scheme is malformed ({what}): it should start `{scheme}://`"),
            )
            .with_fix(if apostrophe { Fix::unsafe_(title, edits) } else { Fix::safe(title, edits) }),
        );
        // The split is judged on the whole address, as the URL finder will see it once the
        // scheme is corrected (its own end: a `[` included, but not a Markdown link after it,
        // `…/a[text](…`, nor an unbalanced `)`).
        let end = url_end(&doc.prose, p + bad_len);
        // A URL the finder saw inside this address (`http//example.com/a[https://…`) is no URL
        // of its own once the scheme is corrected: its findings go, the address's stay.
        let inner = |start: &usize| (p + bad_len..end).contains(start);
        if doc.links.iter().any(|l| l.kind == LinkKind::Bare && inner(&l.dest.start)) {
            let mut mine = out.split_off(first);
            mine.retain(|d| {
                !doc.links
                    .iter()
                    .any(|l| l.kind == LinkKind::Bare && l.dest.start == d.range.start && inner(&d.range.start))
            });
            out.append(&mut mine);
        }
        push_split(doc, at..end, out);
    }
}

/// A URL the finder cannot see (its scheme is broken) may be split too: report it with the
/// scheme, so that correcting the scheme never uncovers a split to rejoin. Not in a Markdown
/// link's text: the finder leaves a URL there alone (`[http//example.com` + `/a ](…)`).
fn push_split(doc: &Document<'_>, url: Range<usize>, out: &mut Vec<Diagnostic>) {
    if doc.links.iter().any(|l| l.kind != LinkKind::Bare && l.range.start <= url.start && url.end <= l.range.end) {
        return;
    }
    let link = Link { kind: LinkKind::Bare, range: url.clone(), dest: url.clone(), image: false };
    if let Some(split) = split_url(doc, &link) {
        out.push(split_diagnostic(url.start, split));
    }
}
