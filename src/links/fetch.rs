//! One page, fetched politely: HEAD (GET when HEAD is refused, or when the page's ids are
//! needed), redirects followed by hand so every hop is checked, retries for 429/503, and the
//! response turned into a [`Verdict`].

use std::collections::{HashMap, HashSet};
use std::error::Error as StdError;
use std::io;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, LOCATION, RETRY_AFTER, USER_AGENT};
use reqwest::{Method, StatusCode, Url};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use super::policy;
use super::resolve::{Blocked, Guarded, NoSuchHost, Resolve};
use crate::checks::url_live::Verdict;
use crate::config::Links;

/// The most of a page body read to find its ids.
const MAX_BODY: usize = 4 << 20;

/// What fetching a page (a URL without its fragment) found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageResult {
    pub verdict: Verdict,
    /// `Some` when the body was read for fragment checking: `None` inside when it is not HTML,
    /// else the ids (and `<a name>`s) of the page.
    pub ids: Option<Option<Vec<String>>>,
    /// The body was cut short (at [`MAX_BODY`], or by the timeout): `ids` are its beginning's.
    pub partial: bool,
}

impl PageResult {
    fn of(verdict: Verdict) -> PageResult {
        PageResult { verdict, ids: None, partial: false }
    }
}

struct Host {
    sem: Arc<Semaphore>,
    next: Mutex<Instant>,
}

pub(crate) struct Fetcher {
    client: reqwest::Client,
    cfg: Links,
    global: Arc<Semaphore>,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
    pub requests: AtomicU64,
}

/// Permits held while a request (and the reading of its body) is under way.
struct Permits {
    _host: OwnedSemaphorePermit,
    _global: OwnedSemaphorePermit,
}

/// Why a request failed before a response.
enum Failure {
    NoSuchHost(String),
    Refused,
    Blocked(String),
    Timeout,
    Tls(String),
    Other(String),
}

impl Fetcher {
    pub fn new(cfg: &Links, resolver: Arc<dyn Resolve>) -> Result<Fetcher, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = {
            use rustls_platform_verifier::BuilderVerifierExt;
            rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(|e| format!("TLS setup: {e}"))?
                .with_platform_verifier()
                .map_err(|e| format!("TLS setup: {e}"))?
                .with_no_client_auth()
        };
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(cfg.connect_timeout)
            .timeout(cfg.timeout)
            .pool_max_idle_per_host(cfg.per_host_concurrency)
            .pool_idle_timeout(Duration::from_secs(30))
            .dns_resolver(Arc::new(Guarded { inner: resolver, allow_private: cfg.allow_private }))
            .build()
            .map_err(|e| format!("HTTP client setup: {e}"))?;
        Ok(Fetcher {
            client,
            cfg: cfg.clone(),
            global: Arc::new(Semaphore::new(cfg.concurrency)),
            hosts: Mutex::new(HashMap::new()),
            requests: AtomicU64::new(0),
        })
    }

    /// Whether an IP literal host may be contacted.
    pub fn ip_allowed(&self, ip: IpAddr) -> bool {
        self.cfg.allow_private || policy::is_public(ip)
    }

    fn host(&self, key: &str) -> Arc<Host> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        hosts
            .entry(key.to_string())
            .or_insert_with(|| {
                Arc::new(Host {
                    sem: Arc::new(Semaphore::new(self.cfg.per_host_concurrency)),
                    next: Mutex::new(Instant::now()),
                })
            })
            .clone()
    }

    fn user_agent(&self, url: &Url) -> &str {
        let host = url.host_str().unwrap_or("");
        let with_port = format!("{host}:{}", url.port_or_known_default().unwrap_or(0));
        self.cfg
            .user_agents
            .get(&with_port)
            .or_else(|| self.cfg.user_agents.get(host))
            .map_or(self.cfg.user_agent.as_str(), String::as_str)
    }

    /// Send one request, within the global and per-host limits and the per-host interval, and
    /// with at most `left` of the page's time budget; what it took (to its response headers) is
    /// taken off `left`. The wait for permits and the interval is not counted.
    async fn send(
        &self,
        method: Method,
        url: &Url,
        left: &mut Duration,
    ) -> Result<(reqwest::Response, Permits), Failure> {
        let key = host_key(url);
        let host = self.host(&key);
        let host_permit = host.sem.clone().acquire_owned().await.map_err(|_| Failure::Other("closed".into()))?;
        let interval = Duration::from_millis(self.cfg.per_host_interval_ms);
        if !interval.is_zero() {
            let at = {
                let mut next = host.next.lock().unwrap_or_else(|e| e.into_inner());
                let at = (*next).max(Instant::now());
                *next = at + interval;
                at
            };
            tokio::time::sleep_until(at).await;
        }
        // The global slot is taken after the host's interval: a request waiting for its host must
        // not hold a slot that a request to an idle host could use.
        let global_permit = self.global.clone().acquire_owned().await.map_err(|_| Failure::Other("closed".into()))?;
        if left.is_zero() {
            return Err(Failure::Timeout);
        }
        let mut target = url.clone();
        target.set_fragment(None);
        let credentials = (self.cfg.send_url_credentials && !target.username().is_empty())
            .then(|| (target.username().to_string(), target.password().map(str::to_string)));
        let _ = target.set_username("");
        let _ = target.set_password(None);
        let mut req = self.client.request(method, target).header(USER_AGENT, self.user_agent(url)).timeout(*left);
        if let Some((user, pass)) = credentials {
            req = req.basic_auth(pct_decode(&user), pass.map(|p| pct_decode(&p)));
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        let started = Instant::now();
        let sent = req.send().await;
        *left = left.saturating_sub(started.elapsed());
        match sent {
            Ok(resp) => Ok((resp, Permits { _host: host_permit, _global: global_permit })),
            Err(e) => Err(classify(&e)),
        }
    }

    /// HEAD (or GET), falling back to GET on 405/501, retrying 429/503.
    async fn request(
        &self,
        url: &Url,
        want_body: bool,
        left: &mut Duration,
    ) -> Result<(reqwest::Response, Permits, Option<String>), Failure> {
        let mut method = if want_body { Method::GET } else { Method::HEAD };
        let mut attempt = 0;
        loop {
            let (resp, permits) = self.send(method.clone(), url, left).await?;
            let status = resp.status();
            if method == Method::HEAD && matches!(status.as_u16(), 405 | 501) {
                method = Method::GET;
                continue;
            }
            if matches!(status.as_u16(), 429 | 503) && attempt < self.cfg.retries {
                let wait = match retry_after(resp.headers()) {
                    Some(w) if w > self.cfg.max_retry_wait => {
                        let note = format!(
                            "Retry-After {} s is longer than links.max_retry_wait",
                            w.as_secs_f64().ceil() as u64
                        );
                        return Ok((resp, permits, Some(note)));
                    }
                    Some(w) => w,
                    None => (Duration::from_millis(500) * 2u32.pow(attempt)).min(self.cfg.max_retry_wait),
                };
                drop((resp, permits));
                tokio::time::sleep(wait).await;
                attempt += 1;
                continue;
            }
            return Ok((resp, permits, None));
        }
    }

    /// Fetch `page` (no fragment) and follow its redirects to a verdict. With `want_ids`, the
    /// final page is fetched with GET and the ids of an HTML body are collected.
    ///
    /// `links.timeout` bounds the whole page, every hop and retry together (a server answering
    /// each of ten redirects just inside the timeout must not hold a check for ten timeouts);
    /// only waits asked for by `Retry-After` (at most `links.max_retry_wait` each) come on top.
    pub async fn fetch(&self, page: &Url, want_ids: bool) -> PageResult {
        let mut left = self.cfg.timeout;
        let mut url = page.clone();
        let mut seen: HashSet<String> = HashSet::from([url.as_str().to_string()]);
        let mut hops = 0u32;
        let mut all_permanent = true;
        let mut stable: Option<Url> = None;
        loop {
            if hops > 0 {
                if !matches!(url.scheme(), "http" | "https") {
                    return PageResult::of(unverified(format!("redirects to {url}, which is not an http(s) URL")));
                }
                if let Some(ip) = ip_literal(&url)
                    && !self.ip_allowed(ip)
                {
                    return PageResult::of(unverified(format!(
                        "redirects to {url}, a non-public address (not followed)"
                    )));
                }
            }
            let (resp, permits, note) = match self.request(&url, want_ids, &mut left).await {
                Ok(r) => r,
                Err(f) => return PageResult::of(failure_verdict(f, hops, &url, &self.cfg)),
            };
            let status = resp.status();
            if status.is_redirection()
                && let Some(loc) = resp.headers().get(LOCATION).cloned()
            {
                drop((resp, permits));
                let Some(next) = loc.to_str().ok().and_then(|l| url.join(l.trim()).ok()) else {
                    return PageResult::of(unverified(format!("{} with an unreadable Location", status_text(status))));
                };
                if hops >= self.cfg.max_redirects {
                    return PageResult::of(unverified(format!("more than {} redirects", self.cfg.max_redirects)));
                }
                let permanent = matches!(status.as_u16(), 301 | 308);
                if all_permanent && permanent {
                    stable = Some(next.clone());
                } else {
                    all_permanent = false;
                }
                if !seen.insert(next.as_str().to_string()) {
                    return PageResult::of(unverified(format!("redirect loop ({url} → {next})")));
                }
                url = next;
                hops += 1;
                continue;
            }
            let via = if hops > 0 { format!("redirects to {url}, which answers ") } else { String::new() };
            let verdict = match status.as_u16() {
                200..=299 => match (&stable, hops) {
                    (_, 0) => Verdict::Fine,
                    (Some(s), _) => Verdict::Redirected { final_url: s.to_string(), permanent: true },
                    (None, _) => Verdict::Redirected { final_url: url.to_string(), permanent: false },
                },
                404 | 410 => Verdict::Dead { reason: format!("{via}{}", status_text(status)) },
                _ => {
                    let mut reason = format!("{via}{}", status_text(status));
                    if let Some(n) = note {
                        reason.push_str(&format!(" ({n})"));
                    }
                    Verdict::Unverified { reason }
                }
            };
            let (ids, partial) = if want_ids && status.is_success() {
                let (ids, partial) = read_ids(resp).await;
                (Some(ids), partial)
            } else {
                (None, false)
            };
            drop(permits);
            return PageResult { verdict, ids, partial };
        }
    }
}

fn unverified(reason: String) -> Verdict {
    Verdict::Unverified { reason }
}

/// `host:port`, the unit of politeness.
pub(crate) fn host_key(url: &Url) -> String {
    format!("{}:{}", url.host_str().unwrap_or(""), url.port_or_known_default().unwrap_or(0))
}

/// The IP address of a URL whose host is an IP literal.
pub(crate) fn ip_literal(url: &Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(v4) => Some(v4.into()),
        url::Host::Ipv6(v6) => Some(v6.into()),
        url::Host::Domain(_) => None,
    }
}

fn status_text(s: StatusCode) -> String {
    match s.canonical_reason() {
        Some(r) => format!("{} {r}", s.as_u16()),
        None => format!("HTTP {}", s.as_u16()),
    }
}

fn failure_verdict(f: Failure, hops: u32, url: &Url, cfg: &Links) -> Verdict {
    let via = if hops > 0 { format!("redirects to {url}: ") } else { String::new() };
    match f {
        Failure::NoSuchHost(h) => Verdict::Dead { reason: format!("{via}no such host `{h}`") },
        Failure::Refused => Verdict::Dead { reason: format!("{via}connection refused") },
        Failure::Blocked(why) if hops == 0 => {
            Verdict::Skipped { reason: format!("{why} (links.allow_private is off)") }
        }
        Failure::Blocked(why) => Verdict::Unverified { reason: format!("{via}{why}; not followed") },
        Failure::Timeout => Verdict::Unverified {
            reason: format!("{via}timed out (connect {:?}, request {:?})", cfg.connect_timeout, cfg.timeout),
        },
        Failure::Tls(m) => Verdict::Unverified { reason: format!("{via}TLS error: {m}") },
        Failure::Other(m) => Verdict::Unverified { reason: format!("{via}{m}") },
    }
}

/// Sort a request error into what the verdict needs, by walking its source chain.
fn classify(e: &reqwest::Error) -> Failure {
    let mut chain: Vec<&(dyn StdError + 'static)> = Vec::new();
    let mut cur: Option<&(dyn StdError + 'static)> = Some(e);
    while let Some(c) = cur {
        chain.push(c);
        // `io::Error::source` skips the error it wraps: step into it.
        cur = match c.downcast_ref::<io::Error>().and_then(|io| io.get_ref()) {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => c.source(),
        };
    }
    for c in &chain {
        if let Some(n) = c.downcast_ref::<NoSuchHost>() {
            return Failure::NoSuchHost(n.0.clone());
        }
        if let Some(b) = c.downcast_ref::<Blocked>() {
            return Failure::Blocked(b.to_string());
        }
        if let Some(io) = c.downcast_ref::<io::Error>() {
            match io.kind() {
                io::ErrorKind::ConnectionRefused => return Failure::Refused,
                io::ErrorKind::TimedOut => return Failure::Timeout,
                _ => {}
            }
        }
        if let Some(t) = c.downcast_ref::<rustls::Error>() {
            return Failure::Tls(t.to_string());
        }
    }
    if e.is_timeout() {
        return Failure::Timeout;
    }
    let innermost = chain.last().map(|c| c.to_string()).unwrap_or_default();
    let what = if e.is_connect() { "connection failed" } else { "the request failed" };
    if innermost.contains("certificate") || innermost.contains("tls") || innermost.contains("TLS") {
        return Failure::Tls(innermost);
    }
    Failure::Other(if innermost.is_empty() { what.to_string() } else { format!("{what}: {innermost}") })
}

/// `Retry-After` as a wait: seconds, or an HTTP date.
fn retry_after(h: &HeaderMap) -> Option<Duration> {
    let v = h.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = parse_http_date(v)?;
    Some(at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// An HTTP date (RFC 9110 5.6.7): the IMF-fixdate servers send today (`Sun, 06 Nov 1994
/// 08:49:37 GMT`) and the two obsolete forms a recipient must still accept (RFC 850 and
/// asctime), read with chrono.
fn parse_http_date(s: &str) -> Option<SystemTime> {
    const FORMS: [&str; 3] = ["%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"];
    let s = s.trim();
    let at = FORMS.iter().find_map(|f| chrono::NaiveDateTime::parse_from_str(s, f).ok())?;
    let secs = u64::try_from(at.and_utc().timestamp()).ok()?;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
}

/// Percent-decode (RFC 3986: `%` and two hex digits; anything else stays as written), invalid
/// UTF-8 replaced.
fn pct_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Percent-decode a fragment for comparison with ids.
pub(crate) fn decode_fragment(s: &str) -> String {
    pct_decode(s)
}

/// Read an HTML body (up to [`MAX_BODY`]) and collect its ids; `None` when it is not HTML. Also
/// says whether the body was cut short (too large, or the request's time ran out while reading):
/// the rest is never downloaded, and memory stays within [`MAX_BODY`] and one chunk.
async fn read_ids(mut resp: reqwest::Response) -> (Option<Vec<String>>, bool) {
    let html = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.to_ascii_lowercase().contains("html"));
    if !html {
        return (None, false);
    }
    let mut body = Vec::new();
    let partial = loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                body.extend_from_slice(&chunk);
                if body.len() >= MAX_BODY {
                    break true;
                }
            }
            Ok(None) => break false,
            Err(_) => break true,
        }
    };
    (Some(html_ids(&String::from_utf8_lossy(&body))), partial)
}

/// The fragment targets of an HTML text: every element's `id` and an `<a>`'s `name` (the HTML
/// standard's "indicated part of the document"), read by html5gum's WHATWG tokenizer. Comments,
/// `<script>`, `<style>` and other raw text are not markup, so an `id` written inside them is no
/// anchor; character references in values are decoded.
pub(crate) fn html_ids(html: &str) -> Vec<String> {
    let mut emitter = html5gum::DefaultEmitter::default();
    // Script, style, textarea, title and the like switch the tokenizer into their text states,
    // as a browser's tree builder would.
    emitter.naively_switch_states(true);
    let mut out = Vec::new();
    for token in html5gum::Tokenizer::new_with_emitter(html, emitter) {
        let Ok(html5gum::Token::StartTag(tag)) = token else { continue };
        let mut push = |attr: &[u8]| {
            if let Some(v) = tag.attributes.get(attr)
                && !v.value.is_empty()
            {
                out.push(String::from_utf8_lossy(&v.value).into_owned());
            }
        };
        push(b"id");
        if tag.name == b"a" {
            push(b"name");
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_parse() {
        let t = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs(), 784111777);
        assert_eq!(parse_http_date("yesterday"), None);
    }

    #[test]
    fn obsolete_http_date_forms_parse_and_impossible_dates_do_not() {
        let t = |s| parse_http_date(s).map(|t| t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs());
        assert_eq!(t("Sunday, 06-Nov-94 08:49:37 GMT"), Some(784111777));
        assert_eq!(t("Sun Nov  6 08:49:37 1994"), Some(784111777));
        // The hand-written reader took 31 February and hour 25 without a word.
        assert_eq!(t("Sun, 31 Feb 1994 08:49:37 GMT"), None);
        assert_eq!(t("Sun, 06 Nov 1994 25:49:37 GMT"), None);
    }

    #[test]
    fn a_percent_sign_before_a_signed_number_is_not_an_escape() {
        // `u8::from_str_radix` took "+4" as hex, so "%+41" decoded to a control character.
        assert_eq!(decode_fragment("a%+41b"), "a%+41b");
        assert_eq!(decode_fragment("caf%C3%A9%20au%20lait"), "café au lait");
        assert_eq!(decode_fragment("100%"), "100%");
        assert_eq!(decode_fragment("%FF"), "\u{FFFD}");
    }

    #[test]
    fn ids_are_found_in_html() {
        let ids = html_ids("<h2 id=\"Intro\">x</h2><a name='old'></a><div class=x id=plain>");
        assert_eq!(ids, ["Intro", "old", "plain"]);
        assert!(html_ids("<p data-id=\"x\" hidden>").is_empty());
        assert_eq!(html_ids("<h2 id=\"Q&amp;A\">x</h2><p id='caf&eacute;'>"), ["Q&A", "café"]);
    }

    #[test]
    fn ids_in_comments_scripts_and_styles_are_not_anchors() {
        let html = "<!-- <h2 id=\"commented\"> -->\
                    <script>document.write('<div id=\"scripted\">')</script>\
                    <style>/* <p id=styled> */</style>\
                    <textarea><b id=typed></textarea>\
                    <h2 id=\"real\">Real</h2><p>an id=\"prose\" in text</p>";
        assert_eq!(html_ids(html), ["real"]);
    }

    #[test]
    fn name_is_an_anchor_only_on_a_link() {
        let html = "<meta name=\"description\"><input name=q><a name=\"top\"></a><A NAME=Up></A>";
        assert_eq!(html_ids(html), ["Up", "top"]);
    }
}
