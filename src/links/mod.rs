//! The live link checker: the only code in copydesk that touches the network.
//!
//! [`LinkChecker::check`] takes URLs (from [`crate::checks::url_live::urls`]) and returns a
//! [`Verdict`] for each; [`crate::checks::url_live::diagnostics`] turns them into findings of
//! `url/dead`, `url/redirected` and `url/unverified`, which go through [`crate::engine::finish`]
//! with the local ones.
//!
//! ```no_run
//! # async fn demo(config: copydesk::Config, doc: copydesk::Document<'_>) -> Result<(), String> {
//! use copydesk::checks::url_live;
//! use copydesk::links::LinkChecker;
//! let checker = LinkChecker::new(&config.links, Some(".copydesk-cache".into()))?;
//! let verdicts = checker.check(&url_live::urls(&doc)).await;
//! let findings = url_live::diagnostics(&doc, &verdicts);
//! # Ok(()) }
//! ```
//!
//! What it guarantees:
//! - **Once per URL.** URLs are normalized (`Url` parsing: case of scheme and host, default
//!   port, empty path) and requested without their fragment, so `https://a.org/x#one` and
//!   `https://A.org:443/x#two` make one request. Results are kept in memory and in the disk cache
//!   for their lifetime (`links.cache_*`); two callers asking for the same page at once share one
//!   request in flight.
//! - **Politeness.** At most `links.concurrency` requests in flight, at most
//!   `links.per_host_concurrency` per host (`host:port`), and request starts to one host at least
//!   `links.per_host_interval_ms` apart, on every redirect hop and retry.
//! - **Safety.** Only `http`/`https`; no request to non-public addresses unless
//!   `links.allow_private` (checked on IP literals, on what names resolve to, on every hop); no
//!   proxy, no cookies, no credentials (URL `user:password@` is stripped unless
//!   `links.send_url_credentials`).
//! - **Cancellation.** Dropping the future of [`LinkChecker::check`] cancels its requests, unless
//!   another caller is waiting for the same page; [`LinkChecker::check_until`] takes a
//!   [`CancellationToken`].
//!
//! For the language server: [`LinkChecker::cached`] answers at once from memory (no network), so
//! known verdicts can be published with the local findings; `check` is then run in a task
//! (after the writer pauses: a URL being typed is not worth a request per keystroke) and its
//! findings merged in if the document is still at the version checked.

mod cache;
mod fetch;
pub mod policy;
mod resolve;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use reqwest::Url;
use tokio::sync::watch;
use tokio::task::AbortHandle;
pub use tokio_util::sync::CancellationToken;

pub use crate::checks::url_live::Verdict;
pub use cache::FILE_NAME as CACHE_FILE_NAME;
pub use resolve::{NoSuchHost, Resolve, ResolveFuture, Resolved, SystemResolver, no_such_host};

use crate::config::Links;
use cache::{DiskCache, Entry, now_secs};
use fetch::{Fetcher, PageResult};

/// The cache folder's name, beside `copydesk.toml`; it carries its own `.gitignore`.
pub const CACHE_DIR_NAME: &str = ".copydesk-cache";

/// What a checker has done so far (for tests, benchmarks and logs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// HTTP requests sent: every hop, retry and HEAD→GET fallback counts.
    pub requests: u64,
    /// Pages fetched (each may take several requests).
    pub fetched: u64,
    /// Pages answered from memory or the disk cache.
    pub cache_hits: u64,
}

/// A live link checker. Cheap to clone (the clones share everything: connections, limits,
/// requests in flight, memory and disk cache); also fine to share as `Arc<LinkChecker>`.
#[derive(Clone)]
pub struct LinkChecker {
    inner: Arc<Inner>,
}

struct Inner {
    cfg: Links,
    exclude: regex::RegexSet,
    fetcher: Fetcher,
    state: Mutex<State>,
    disk: Option<Mutex<DiskCache>>,
    next_flight: AtomicU64,
    fetched: AtomicU64,
    cache_hits: AtomicU64,
}

#[derive(Default)]
struct State {
    /// What is known of each page (normalized URL without fragment).
    memo: HashMap<String, Entry>,
    /// Pages checked since the last write to disk.
    dirty: BTreeMap<String, Entry>,
    flights: HashMap<(String, bool), Flight>,
}

/// A page being fetched, shared by all who asked for it.
struct Flight {
    id: u64,
    rx: watch::Receiver<Option<PageResult>>,
    waiters: usize,
    abort: AbortHandle,
}

/// What to do for one input URL.
enum Plan {
    Done(Verdict),
    Page { key: String, url: Url, fragment: Option<String> },
}

impl LinkChecker {
    /// A checker with the system resolver. `cache_dir` is where the disk cache lives (normally
    /// [`CACHE_DIR_NAME`] beside `copydesk.toml`); `None`, or `links.cache = false`, keeps
    /// verdicts in memory only. Fails on an invalid `[links]` section.
    pub fn new(cfg: &Links, cache_dir: Option<PathBuf>) -> Result<LinkChecker, String> {
        LinkChecker::with_resolver(cfg, cache_dir, Arc::new(SystemResolver))
    }

    /// A checker resolving host names with `resolver` (tests map made-up names to their local
    /// server this way; see [`Resolved::apparent`]).
    pub fn with_resolver(
        cfg: &Links,
        cache_dir: Option<PathBuf>,
        resolver: Arc<dyn Resolve>,
    ) -> Result<LinkChecker, String> {
        cfg.validate().map_err(|(_, m)| m)?;
        let exclude = regex::RegexSet::new(&cfg.exclude).map_err(|e| format!("links.exclude: {e}"))?;
        let fetcher = Fetcher::new(cfg, resolver)?;
        let disk = cache_dir.filter(|_| cfg.cache).map(|d| Mutex::new(DiskCache::new(d)));
        let inner = Inner {
            cfg: cfg.clone(),
            exclude,
            fetcher,
            state: Mutex::new(State::default()),
            disk,
            next_flight: AtomicU64::new(0),
            fetched: AtomicU64::new(0),
            cache_hits: AtomicU64::new(0),
        };
        inner.reload();
        Ok(LinkChecker { inner: Arc::new(inner) })
    }

    /// Check `urls` (as written in the draft); the map has a verdict for each distinct one.
    ///
    /// Deduplicated, cached, polite and safe (see the module doc). Must run inside a tokio
    /// runtime: pages are fetched in spawned tasks so that concurrent callers can share them.
    /// Dropping the future cancels the fetches no other caller waits for. With
    /// `links.enabled = false` nothing is requested and every URL is [`Verdict::Skipped`].
    pub async fn check(&self, urls: &[String]) -> HashMap<String, Verdict> {
        self.check_reporting(urls, &|_| {}).await
    }

    /// [`check`](Self::check), telling `pending` how many pages are still to be fetched: once
    /// when they are known, then after each one (for `copydesk check`'s progress bar).
    pub async fn check_reporting(&self, urls: &[String], pending: &(dyn Fn(usize) + Sync)) -> HashMap<String, Verdict> {
        let inner = &self.inner;
        if inner.disk.is_some() {
            let me = self.inner.clone();
            let _ = tokio::task::spawn_blocking(move || me.reload()).await;
        }
        let mut out = HashMap::new();
        let mut wanted: Vec<(String, String, Option<String>)> = Vec::new(); // (input, page key, fragment)
        let mut pages: BTreeMap<(String, bool), Url> = BTreeMap::new();
        // Inputs already seen: a set, so that a draft with 10,000 URLs stays linear.
        let mut seen: HashSet<&str> = HashSet::with_capacity(urls.len());
        for u in urls {
            if !seen.insert(u.as_str()) {
                continue;
            }
            match self.plan(u) {
                Plan::Done(v) => {
                    out.insert(u.clone(), v);
                }
                Plan::Page { key, url, fragment } => {
                    let want_ids =
                        inner.cfg.check_fragments && fragment.as_ref().is_some_and(|f| checkable_fragment(f));
                    if let Some(v) = self.known(&key, want_ids, fragment.as_deref()) {
                        inner.cache_hits.fetch_add(1, Ordering::Relaxed);
                        out.insert(u.clone(), v);
                        continue;
                    }
                    pages.entry((key.clone(), want_ids)).or_insert(url);
                    wanted.push((u.clone(), key, fragment));
                }
            }
        }
        // A page fetched with GET for its ids answers the URLs that need only HEAD too.
        let with_ids: Vec<String> = pages.keys().filter(|(_, ids)| *ids).map(|(k, _)| k.clone()).collect();
        for k in with_ids {
            pages.remove(&(k, false));
        }
        let left = std::sync::atomic::AtomicUsize::new(pages.len());
        pending(pages.len());
        let left = &left;
        let fetches = pages.into_iter().map(|((key, want_ids), url)| {
            let me = self.clone();
            async move {
                let r = me.join(key.clone(), url, want_ids).await;
                pending(left.fetch_sub(1, Ordering::Relaxed) - 1);
                ((key, want_ids), r)
            }
        });
        let results: HashMap<(String, bool), PageResult> =
            futures_util::future::join_all(fetches).await.into_iter().collect();
        for (input, key, fragment) in wanted {
            let want_ids = inner.cfg.check_fragments && fragment.as_ref().is_some_and(|f| checkable_fragment(f));
            let r = results.get(&(key.clone(), want_ids)).or_else(|| results.get(&(key, true)));
            if let Some(r) = r {
                out.insert(input, verdict_for(&r.verdict, r.ids.as_ref(), r.partial, fragment.as_deref()));
            }
        }
        self.flush_async().await;
        out
    }

    /// [`check`](Self::check) until `cancel` fires: `None` when cancelled.
    pub async fn check_until(&self, urls: &[String], cancel: &CancellationToken) -> Option<HashMap<String, Verdict>> {
        tokio::select! {
            biased;
            _ = cancel.cancelled() => None,
            r = self.check(urls) => Some(r),
        }
    }

    /// One URL.
    pub async fn check_one(&self, url: &str) -> Verdict {
        let urls = [url.to_string()];
        let mut m = self.check(&urls).await;
        m.remove(url).unwrap_or(Verdict::Skipped { reason: "not checked".into() })
    }

    /// The verdicts known without any request (memory, and the disk cache as last read; no I/O):
    /// fresh cached verdicts and those decided without the network (excluded, private, not
    /// http). URLs with nothing known are absent from the map.
    pub fn cached(&self, urls: &[String]) -> HashMap<String, Verdict> {
        let mut out = HashMap::new();
        for u in urls {
            match self.plan(u) {
                Plan::Done(v) => {
                    out.insert(u.clone(), v);
                }
                Plan::Page { key, fragment, .. } => {
                    let want_ids =
                        self.inner.cfg.check_fragments && fragment.as_ref().is_some_and(|f| checkable_fragment(f));
                    if let Some(v) = self.known(&key, want_ids, fragment.as_deref()) {
                        out.insert(u.clone(), v);
                    }
                }
            }
        }
        out
    }

    /// Counters since the checker was made.
    pub fn stats(&self) -> Stats {
        Stats {
            requests: self.inner.fetcher.requests.load(Ordering::Relaxed),
            fetched: self.inner.fetched.load(Ordering::Relaxed),
            cache_hits: self.inner.cache_hits.load(Ordering::Relaxed),
        }
    }

    /// Write the verdicts found since the last write to the disk cache (`check` does it at its
    /// end; dropping the last clone of the checker does it too).
    pub fn flush(&self) -> Result<(), String> {
        self.inner.flush()
    }

    async fn flush_async(&self) {
        if self.inner.disk.is_none() {
            return;
        }
        let me = self.inner.clone();
        let _ = tokio::task::spawn_blocking(move || me.flush()).await;
    }

    /// Decide what an input URL needs.
    fn plan(&self, input: &str) -> Plan {
        let cfg = &self.inner.cfg;
        if !cfg.enabled {
            return Plan::Done(Verdict::Skipped { reason: "links.enabled is false".into() });
        }
        if !crate::checks::url_live::is_checkable(input) {
            return Plan::Done(Verdict::Skipped { reason: "not an http(s) URL".into() });
        }
        let Ok(mut url) = Url::parse(input) else {
            return Plan::Done(Verdict::Skipped { reason: "not a valid URL".into() });
        };
        if self.inner.exclude.is_match(input) {
            return Plan::Done(Verdict::Skipped { reason: "excluded by links.exclude".into() });
        }
        if let Some(ip) = fetch::ip_literal(&url)
            && !self.inner.fetcher.ip_allowed(ip)
        {
            return Plan::Done(Verdict::Skipped {
                reason: format!("{ip} is not a public address (links.allow_private is off)"),
            });
        }
        let fragment = url.fragment().map(str::to_string);
        url.set_fragment(None);
        if !cfg.send_url_credentials {
            let _ = url.set_username("");
            let _ = url.set_password(None);
        }
        Plan::Page { key: url.to_string(), url, fragment }
    }

    /// The verdict of a page from memory, if fresh and sufficient.
    fn known(&self, key: &str, want_ids: bool, fragment: Option<&str>) -> Option<Verdict> {
        let state = self.inner.state.lock().unwrap_or_else(|e| e.into_inner());
        let e = state.memo.get(key)?;
        if !e.fresh(&self.inner.cfg, now_secs()) {
            return None;
        }
        let good = matches!(e.verdict, Verdict::Fine | Verdict::Redirected { .. });
        if want_ids && good && !e.body_read {
            return None;
        }
        let ids = e.body_read.then(|| e.html.then(|| e.ids.clone()));
        Some(verdict_for(&e.verdict, ids.as_ref(), e.partial, fragment))
    }

    /// Wait for the page's fetch, starting it if nobody has.
    async fn join(&self, key: String, url: Url, want_ids: bool) -> PageResult {
        let fkey = (key.clone(), want_ids);
        let (mut rx, guard) = {
            let mut state = self.inner.state.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(f) = state.flights.get_mut(&fkey) {
                f.waiters += 1;
                (f.rx.clone(), Waiter { inner: self.inner.clone(), key: fkey, id: f.id })
            } else {
                let id = self.inner.next_flight.fetch_add(1, Ordering::Relaxed);
                let (tx, rx) = watch::channel(None);
                let me = self.inner.clone();
                let task_key = fkey.clone();
                let handle = tokio::spawn(async move {
                    let r = me.fetcher.fetch(&url, want_ids).await;
                    me.fetched.fetch_add(1, Ordering::Relaxed);
                    let mut state = me.state.lock().unwrap_or_else(|e| e.into_inner());
                    if me.cfg.cache_lifetime(r.verdict.name()).is_some() {
                        let entry = Entry {
                            verdict: r.verdict.clone(),
                            checked: now_secs(),
                            body_read: r.ids.is_some(),
                            html: matches!(r.ids, Some(Some(_))),
                            ids: r.ids.clone().flatten().unwrap_or_default(),
                            partial: r.partial,
                        };
                        state.memo.insert(task_key.0.clone(), entry.clone());
                        state.dirty.insert(task_key.0.clone(), entry);
                    }
                    let _ = tx.send(Some(r));
                    if state.flights.get(&task_key).is_some_and(|f| f.id == id) {
                        state.flights.remove(&task_key);
                    }
                });
                state
                    .flights
                    .insert(fkey.clone(), Flight { id, rx: rx.clone(), waiters: 1, abort: handle.abort_handle() });
                (rx, Waiter { inner: self.inner.clone(), key: fkey, id })
            }
        };
        let r = match rx.wait_for(Option::is_some).await {
            Ok(v) => v.clone().unwrap_or_else(interrupted),
            Err(_) => interrupted(),
        };
        drop(guard);
        r
    }
}

fn interrupted() -> PageResult {
    PageResult {
        verdict: Verdict::Unverified { reason: "the check was interrupted".into() },
        ids: None,
        partial: false,
    }
}

/// One caller waiting for a flight: the last one to give up cancels it.
struct Waiter {
    inner: Arc<Inner>,
    key: (String, bool),
    id: u64,
}

impl Drop for Waiter {
    fn drop(&mut self) {
        let mut state = self.inner.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = state.flights.get_mut(&self.key)
            && f.id == self.id
        {
            f.waiters -= 1;
            if f.waiters == 0 {
                f.abort.abort();
                state.flights.remove(&self.key);
            }
        }
    }
}

impl Inner {
    /// Merge the disk cache into memory if it changed (the newer check of a page wins).
    fn reload(&self) {
        let Some(disk) = &self.disk else { return };
        let loaded = disk.lock().unwrap_or_else(|e| e.into_inner()).load_if_changed();
        if let Some(entries) = loaded {
            let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            for (k, e) in entries {
                if state.memo.get(&k).is_none_or(|m| m.checked < e.checked) {
                    state.memo.insert(k, e);
                }
            }
        }
    }

    fn flush(&self) -> Result<(), String> {
        let Some(disk) = &self.disk else { return Ok(()) };
        let dirty = {
            let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            std::mem::take(&mut state.dirty)
        };
        if dirty.is_empty() {
            return Ok(());
        }
        let mut disk = disk.lock().unwrap_or_else(|e| e.into_inner());
        disk.store(&dirty, &self.cfg).map_err(|e| format!("link cache: {e}"))
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Fragments that name no element: empty, `top`, text fragments (`:~:text=`), hash-bang routes.
fn checkable_fragment(f: &str) -> bool {
    !(f.is_empty() || f.eq_ignore_ascii_case("top") || f.starts_with(":~:") || f.starts_with('!') || f.starts_with('/'))
}

/// The verdict of a URL from its page's result: the fragment carried to the redirect target, and
/// checked against the page's ids when they were collected (from a body cut short, `partial`, a
/// missing id proves nothing: unverified, not dead).
fn verdict_for(page: &Verdict, ids: Option<&Option<Vec<String>>>, partial: bool, fragment: Option<&str>) -> Verdict {
    if let (Some(f), Some(Some(ids))) = (fragment, ids)
        && matches!(page, Verdict::Fine | Verdict::Redirected { .. })
        && checkable_fragment(f)
    {
        let decoded = fetch::decode_fragment(f);
        if !ids.iter().any(|i| *i == decoded || i == f) {
            if partial {
                return Verdict::Unverified {
                    reason: format!(
                        "no element with id `{decoded}` in the part of the page read (it was too large or too slow to read whole)"
                    ),
                };
            }
            return Verdict::Dead { reason: format!("the page has no element with id `{decoded}`") };
        }
    }
    match (page, fragment) {
        (Verdict::Redirected { final_url, permanent }, Some(f)) if !final_url.contains('#') => {
            Verdict::Redirected { final_url: format!("{final_url}#{f}"), permanent: *permanent }
        }
        _ => page.clone(),
    }
}
