//! The live link checker against a real HTTP server started here on 127.0.0.1.
//!
//! Nothing in these tests talks to any other address: URLs name `127.0.0.1`, names under
//! `.invalid` (answered "no such host" by the checker's resolver itself, RFC 6761, without a DNS
//! query), or made-up `.test` names that a test resolver maps to 127.0.0.1. Every test is bounded
//! in time by [`bounded`].

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use copydesk::checks::url_live::{self, Verdict};
use copydesk::config::Links;
use copydesk::diagnostic::apply_edits;
use copydesk::links::{CancellationToken, LinkChecker, Resolve, ResolveFuture, Resolved, no_such_host};
use copydesk::{Config, DocKind, Document, Severity, engine};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

// ---------------------------------------------------------------------------------------------
// The test server

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    user_agent: String,
    authorization: bool,
    at: Instant,
}

#[derive(Default)]
struct ServerState {
    log: Mutex<Vec<Seen>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    hits: Mutex<HashMap<String, usize>>,
}

struct Server {
    port: u16,
    state: Arc<ServerState>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Server {
    async fn start() -> Server {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(ServerState::default());
        let st = state.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((sock, _)) = listener.accept().await else { return };
                tokio::spawn(serve_conn(sock, st.clone(), port));
            }
        });
        Server { port, state, task }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn log(&self) -> Vec<Seen> {
        self.state.log.lock().unwrap().clone()
    }

    fn total(&self) -> usize {
        self.state.log.lock().unwrap().len()
    }

    fn count(&self, path: &str) -> usize {
        self.state.log.lock().unwrap().iter().filter(|s| s.path == path).count()
    }
}

async fn serve_conn(mut sock: TcpStream, st: Arc<ServerState>, port: u16) {
    let mut buf = Vec::new();
    loop {
        // Read one request head.
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            if buf.first() == Some(&0x16) {
                // A TLS ClientHello on a plain HTTP port: answer garbage and hang up.
                let _ = sock.write_all(b"not tls\r\n").await;
                return;
            }
            let mut chunk = [0u8; 4096];
            match sock.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        buf.drain(..head_end);
        let mut lines = head.split("\r\n");
        let mut first = lines.next().unwrap_or("").split(' ');
        let method = first.next().unwrap_or("").to_string();
        let target = first.next().unwrap_or("/").to_string();
        let mut user_agent = String::new();
        let mut authorization = false;
        for l in lines {
            if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("user-agent") {
                    user_agent = v.trim().to_string();
                }
                if k.eq_ignore_ascii_case("authorization") {
                    authorization = true;
                }
            }
        }
        let (path, query) =
            target.split_once('?').map_or((target.clone(), String::new()), |(p, q)| (p.into(), q.into()));
        st.log.lock().unwrap().push(Seen {
            method: method.clone(),
            path: path.clone(),
            user_agent: user_agent.clone(),
            authorization,
            at: Instant::now(),
        });
        let hit = {
            let mut h = st.hits.lock().unwrap();
            let n = h.entry(path.clone()).or_default();
            *n += 1;
            *n
        };
        let now = st.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        st.max_in_flight.fetch_max(now, Ordering::SeqCst);
        let resp = route(&method, &path, &query, &user_agent, hit, port).await;
        st.in_flight.fetch_sub(1, Ordering::SeqCst);
        let Some((code, reason, headers, body)) = resp else {
            // Connection closed mid-response: a status line and half the headers, then nothing.
            let _ = sock.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Ty").await;
            return;
        };
        let mut out = format!("HTTP/1.1 {code} {reason}\r\nContent-Length: {}\r\n", body.len());
        for (k, v) in headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str("\r\n");
        let mut bytes = out.into_bytes();
        if method != "HEAD" {
            bytes.extend_from_slice(body.as_bytes());
        }
        if sock.write_all(&bytes).await.is_err() {
            return;
        }
    }
}

type Response = Option<(u16, &'static str, Vec<(&'static str, String)>, String)>;

fn ok_page() -> Response {
    let body = "<html><head><script>let s = '<p id=\"scripted\">';</script></head><body><h2 id=\"intro\">Intro</h2>\
                <!-- <h2 id=\"commented\">Old</h2> --><a name=\"old-anchor\"></a><p id='Case'>x</p></body></html>";
    Some((200, "OK", vec![("Content-Type", "text/html; charset=utf-8".into())], body.into()))
}

fn status(code: u16, reason: &'static str) -> Response {
    Some((code, reason, vec![], String::new()))
}

fn redirect(code: u16, to: String) -> Response {
    let reason = match code {
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        _ => "Permanent Redirect",
    };
    Some((code, reason, vec![("Location", to)], String::new()))
}

async fn route(method: &str, path: &str, query: &str, ua: &str, hit: usize, port: u16) -> Response {
    if let Some(ms) = query.strip_prefix("delay=") {
        tokio::time::sleep(Duration::from_millis(ms.parse().unwrap_or(0))).await;
    }
    match path {
        "/ok" | "/auth" => ok_page(),
        p if p.starts_with("/page/") => ok_page(),
        "/plain.txt" => Some((200, "OK", vec![("Content-Type", "text/plain".into())], "#intro".into())),
        "/missing" => status(404, "Not Found"),
        "/gone" => status(410, "Gone"),
        "/forbidden" => status(403, "Forbidden"),
        "/error" => status(500, "Internal Server Error"),
        "/moved" => redirect(301, "/ok".into()),
        "/moved-308" => redirect(308, "/ok".into()),
        "/moved-to-missing" => redirect(301, "/missing".into()),
        "/chain1" => redirect(302, "/chain2".into()),
        "/chain2" => redirect(302, "/chain3".into()),
        "/chain3" => ok_page(),
        "/perm-then-temp" => redirect(301, "/chain2".into()),
        "/loop-a" => redirect(302, "/loop-b".into()),
        "/loop-b" => redirect(302, "/loop-a".into()),
        "/to-ftp" => redirect(301, "ftp://files.invalid/x".into()),
        "/to-local" => redirect(302, format!("http://127.0.0.1:{port}/ok")),
        "/to-inside-name" => redirect(302, format!("http://inside.test:{port}/ok")),
        "/head-405" if method == "HEAD" => status(405, "Method Not Allowed"),
        "/head-405" => ok_page(),
        "/head-501" if method == "HEAD" => status(501, "Not Implemented"),
        "/head-501" => ok_page(),
        "/rate-limited" if hit == 1 => {
            Some((429, "Too Many Requests", vec![("Retry-After", "1".into())], String::new()))
        }
        "/rate-limited" => ok_page(),
        "/rate-limited-long" => Some((429, "Too Many Requests", vec![("Retry-After", "3600".into())], String::new())),
        "/unavailable" => status(503, "Service Unavailable"),
        "/bots" if ua.contains("Mozilla/") => ok_page(),
        "/bots" => status(403, "Forbidden"),
        "/slow" => {
            tokio::time::sleep(Duration::from_secs(5)).await;
            ok_page()
        }
        "/cut" => None,
        _ => status(404, "Not Found"),
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// Every test runs under this: a hard bound on its time.
async fn bounded<F: Future<Output = ()>>(f: F) {
    tokio::time::timeout(Duration::from_secs(30), f).await.expect("the test took longer than 30 s");
}

/// Settings for tests: private addresses allowed (the server is on 127.0.0.1), no politeness
/// delay unless a test asks for one, short timeouts.
fn cfg() -> Links {
    Links {
        allow_private: true,
        per_host_interval_ms: 0,
        per_host_concurrency: 8,
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(3),
        max_retry_wait: Duration::from_secs(2),
        ..Links::default()
    }
}

fn checker(cfg: &Links) -> LinkChecker {
    LinkChecker::new(cfg, None).unwrap()
}

async fn verdict(c: &LinkChecker, url: &str) -> Verdict {
    c.check_one(url).await
}

fn reason(v: &Verdict) -> &str {
    match v {
        Verdict::Dead { reason } | Verdict::Unverified { reason } | Verdict::Skipped { reason } => reason,
        _ => panic!("no reason in {v:?}"),
    }
}

#[track_caller]
fn assert_unverified(v: &Verdict, contains: &str) {
    assert!(matches!(v, Verdict::Unverified { .. }), "expected unverified, got {v:?}");
    assert!(reason(v).contains(contains), "{v:?} should mention {contains:?}");
}

#[track_caller]
fn assert_dead(v: &Verdict, contains: &str) {
    assert!(matches!(v, Verdict::Dead { .. }), "expected dead, got {v:?}");
    assert!(reason(v).contains(contains), "{v:?} should mention {contains:?}");
}

/// A resolver for made-up names: `site.test` looks public but is 127.0.0.1; `inside.test` is
/// 127.0.0.1 and looks it; every other name does not exist. It never asks any DNS server.
struct TestResolver;

impl Resolve for TestResolver {
    fn resolve(&self, host: &str) -> ResolveFuture {
        let local = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let r = match host {
            // The apparent address is only judged by the policy, never contacted.
            "site.test" | "other.test" => {
                Ok(vec![Resolved { connect: local, apparent: IpAddr::V4(Ipv4Addr::new(1, 2, 3, 4)) }])
            }
            "inside.test" => Ok(vec![Resolved::same(local)]),
            h => Err(no_such_host(h)),
        };
        Box::pin(async move { r })
    }
}

// ---------------------------------------------------------------------------------------------
// Verdicts, route by route

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_codes_map_to_verdicts() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&cfg());
        assert_eq!(verdict(&c, &s.url("/ok")).await, Verdict::Fine);
        assert_dead(&verdict(&c, &s.url("/missing")).await, "404 Not Found");
        assert_dead(&verdict(&c, &s.url("/gone")).await, "410 Gone");
        assert_unverified(&verdict(&c, &s.url("/forbidden")).await, "403 Forbidden");
        assert_unverified(&verdict(&c, &s.url("/error")).await, "500 Internal Server Error");
        // One HEAD each: no body downloaded, no GET.
        assert_eq!(s.total(), 5);
        assert!(s.log().iter().all(|r| r.method == "HEAD"), "{:?}", s.log());
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn permanent_redirects_are_redirected_with_the_final_url() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&cfg());
        assert_eq!(
            verdict(&c, &s.url("/moved")).await,
            Verdict::Redirected { final_url: s.url("/ok"), permanent: true }
        );
        assert_eq!(
            verdict(&c, &s.url("/moved-308")).await,
            Verdict::Redirected { final_url: s.url("/ok"), permanent: true }
        );
        // The fragment goes along to the new address.
        assert_eq!(
            verdict(&c, &s.url("/moved#intro")).await,
            Verdict::Redirected { final_url: s.url("/ok#intro"), permanent: true }
        );
        // A permanent hop then temporary ones: the stable address is the permanent hop's target.
        assert_eq!(
            verdict(&c, &s.url("/perm-then-temp")).await,
            Verdict::Redirected { final_url: s.url("/chain2"), permanent: true }
        );
        // A redirect to a 404 is dead.
        assert_dead(&verdict(&c, &s.url("/moved-to-missing")).await, "404");
        // /moved was requested once for both URLs (HEAD /moved, HEAD /ok).
        assert_eq!(s.count("/moved"), 1);
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn temporary_redirect_chains_are_followed_but_not_permanent() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&cfg());
        assert_eq!(
            verdict(&c, &s.url("/chain1")).await,
            Verdict::Redirected { final_url: s.url("/chain3"), permanent: false }
        );
        assert_eq!((s.count("/chain1"), s.count("/chain2"), s.count("/chain3")), (1, 1, 1));
        // Past max_redirects the link is unverified, not dead.
        let c = checker(&Links { max_redirects: 1, ..cfg() });
        assert_unverified(&verdict(&c, &s.url("/chain1")).await, "more than 1 redirects");
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirect_loops_are_unverified_and_stop() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&cfg());
        assert_unverified(&verdict(&c, &s.url("/loop-a")).await, "redirect loop");
        assert_eq!((s.count("/loop-a"), s.count("/loop-b")), (1, 1));
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn head_refused_falls_back_to_get() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&cfg());
        assert_eq!(verdict(&c, &s.url("/head-405")).await, Verdict::Fine);
        assert_eq!(verdict(&c, &s.url("/head-501")).await, Verdict::Fine);
        let methods: Vec<(String, String)> = s.log().into_iter().map(|r| (r.method, r.path)).collect();
        assert_eq!(
            methods,
            [("HEAD", "/head-405"), ("GET", "/head-405"), ("HEAD", "/head-501"), ("GET", "/head-501")]
                .map(|(m, p)| (m.to_string(), p.to_string()))
        );
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_requests_is_retried_after_retry_after() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&cfg());
        let t = Instant::now();
        assert_eq!(verdict(&c, &s.url("/rate-limited")).await, Verdict::Fine);
        assert_eq!(s.count("/rate-limited"), 2);
        let log = s.log();
        let gap = log[1].at - log[0].at;
        assert!(gap >= Duration::from_millis(950), "Retry-After: 1 was not honoured ({gap:?})");
        assert!(t.elapsed() < Duration::from_secs(3));
        // A Retry-After beyond links.max_retry_wait is not waited for.
        let t = Instant::now();
        assert_unverified(&verdict(&c, &s.url("/rate-limited-long")).await, "429 Too Many Requests");
        assert_eq!(s.count("/rate-limited-long"), 1);
        assert!(t.elapsed() < Duration::from_secs(1));
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn service_unavailable_is_retried_then_unverified() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&Links { retries: 2, max_retry_wait: Duration::from_millis(100), ..cfg() });
        assert_unverified(&verdict(&c, &s.url("/unavailable")).await, "503 Service Unavailable");
        assert_eq!(s.count("/unavailable"), 3, "one try and two retries");
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sites_that_refuse_bots_are_unverified_and_user_agents_are_configurable() {
    bounded(async {
        let s = Server::start().await;
        // The default User-Agent is a browser's.
        assert_eq!(verdict(&checker(&cfg()), &s.url("/bots")).await, Verdict::Fine);
        assert!(s.log()[0].user_agent.starts_with("Mozilla/5.0"));
        let bot = Links { user_agent: "copydesk-test-bot".into(), ..cfg() };
        assert_unverified(&verdict(&checker(&bot), &s.url("/bots")).await, "403 Forbidden");
        assert_eq!(s.log()[1].user_agent, "copydesk-test-bot");
        // Per host: by `host` or `host:port`.
        let mut per_host = bot.clone();
        per_host.user_agents.insert("127.0.0.1".into(), "Mozilla/5.0 (per host)".into());
        assert_eq!(verdict(&checker(&per_host), &s.url("/bots")).await, Verdict::Fine);
        assert_eq!(s.log()[2].user_agent, "Mozilla/5.0 (per host)");
        let mut per_port = bot.clone();
        per_port.user_agents.insert(format!("127.0.0.1:{}", s.port), "Mozilla/5.0 (per port)".into());
        assert_eq!(verdict(&checker(&per_port), &s.url("/bots")).await, Verdict::Fine);
        assert_eq!(s.log()[3].user_agent, "Mozilla/5.0 (per port)");
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_responses_time_out_as_unverified() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&Links { timeout: Duration::from_millis(300), retries: 0, ..cfg() });
        let t = Instant::now();
        assert_unverified(&verdict(&c, &s.url("/slow")).await, "timed out");
        assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_closed_mid_response_is_unverified() {
    bounded(async {
        let s = Server::start().await;
        let v = verdict(&checker(&cfg()), &s.url("/cut")).await;
        assert!(matches!(v, Verdict::Unverified { .. }), "{v:?}");
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_failures_are_unverified_never_dead() {
    bounded(async {
        let s = Server::start().await;
        let v = verdict(&checker(&cfg()), &format!("https://127.0.0.1:{}/ok", s.port)).await;
        assert_unverified(&v, "TLS error");
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_hosts_and_refused_connections_are_dead() {
    bounded(async {
        // `.invalid` is answered by the checker's resolver itself: no DNS query leaves the machine.
        let c = checker(&cfg());
        assert_dead(&verdict(&c, "https://no-such-host.invalid/story").await, "no such host `no-such-host.invalid`");
        assert_eq!(c.stats().requests, 1);
        // A port nobody listens on.
        let port = {
            let l = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
            l.local_addr().unwrap().port()
        };
        assert_dead(&verdict(&c, &format!("http://127.0.0.1:{port}/")).await, "connection refused");
        // Names from an injected resolver that does not know them are dead too.
        let c = LinkChecker::with_resolver(&cfg(), None, Arc::new(TestResolver)).unwrap();
        assert_dead(&verdict(&c, "http://unknown.test/").await, "no such host");
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Fragments

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fragments_are_checked_against_the_page_ids_when_configured() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&Links { check_fragments: true, ..cfg() });
        let urls: Vec<String> =
            ["/ok#intro", "/ok#old-anchor", "/ok#Case", "/ok#nope", "/ok", "/ok#top", "/plain.txt#x"]
                .iter()
                .map(|p| s.url(p))
                .collect();
        let v = c.check(&urls).await;
        assert_eq!(v[&urls[0]], Verdict::Fine);
        assert_eq!(v[&urls[1]], Verdict::Fine);
        assert_eq!(v[&urls[2]], Verdict::Fine);
        assert_dead(&v[&urls[3]], "no element with id `nope`");
        assert_eq!(v[&urls[4]], Verdict::Fine);
        assert_eq!(v[&urls[5]], Verdict::Fine);
        assert_eq!(v[&urls[6]], Verdict::Fine, "not HTML: fragments are not checked");
        // One GET for /ok serves all its fragments and the bare URL.
        assert_eq!(s.count("/ok"), 1);
        assert_eq!(s.log()[0].method, "GET");
        // An id inside a comment or a script is not an anchor (the page is tokenized as HTML).
        let hidden = [s.url("/ok#commented"), s.url("/ok#scripted")];
        let v = c.check(&hidden).await;
        assert_dead(&v[&hidden[0]], "no element with id `commented`");
        assert_dead(&v[&hidden[1]], "no element with id `scripted`");
        // Without check_fragments the fragment is ignored and HEAD is enough.
        let c = checker(&cfg());
        assert_eq!(verdict(&c, &s.url("/page/1#nope")).await, Verdict::Fine);
        assert_eq!(s.log().last().unwrap().method, "HEAD");
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Dedupe, politeness, cancellation

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_unique_url_is_requested_once() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&cfg());
        let p = s.port;
        let urls: Vec<String> = vec![
            format!("http://127.0.0.1:{p}/page/1"),
            format!("http://127.0.0.1:{p}/page/1"),
            format!("HTTP://127.0.0.1:{p}/page/1"),
            format!("http://127.0.0.1:{p}/page/1#a"),
            format!("http://127.0.0.1:{p}/page/1#b"),
            format!("http://127.0.0.1:{p}/page/2"),
            format!("http://127.0.0.1:{p}/missing"),
        ];
        let v = c.check(&urls).await;
        assert_eq!(v.len(), 6, "one verdict per distinct input string");
        assert!(urls[..6].iter().all(|u| v[u] == Verdict::Fine));
        assert_eq!((s.count("/page/1"), s.count("/page/2"), s.count("/missing")), (1, 1, 1));
        // Asking again in the same run sends nothing.
        let again = c.check(&urls).await;
        assert_eq!(again, v);
        assert_eq!(s.total(), 3);
        assert_eq!(c.stats().requests, 3);
        assert_eq!(c.stats().fetched, 3);
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_share_one_request() {
    bounded(async {
        let s = Server::start().await;
        let c = Arc::new(checker(&cfg()));
        let url = vec![s.url("/page/shared?delay=300")];
        let c1 = c.clone();
        let (a, b, d) = tokio::join!(c.check(&url), c1.check(&url), async {
            let c2 = c.clone();
            let u = url.clone();
            tokio::spawn(async move { c2.check(&u).await }).await.unwrap()
        });
        assert_eq!(a[&url[0]], Verdict::Fine);
        assert_eq!(a, b);
        assert_eq!(a, d);
        assert_eq!(s.count("/page/shared"), 1, "three callers, one request");
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn per_host_interval_and_concurrency_are_honoured() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&Links { per_host_interval_ms: 100, per_host_concurrency: 1, ..cfg() });
        let urls: Vec<String> = (0..5).map(|i| s.url(&format!("/page/{i}?delay=20"))).collect();
        let v = c.check(&urls).await;
        assert!(v.values().all(|v| *v == Verdict::Fine));
        let mut times: Vec<Instant> = s.log().iter().map(|r| r.at).collect();
        times.sort();
        assert_eq!(times.len(), 5);
        // Request starts are spaced by the client; the server sees them give or take the
        // connection set-up time of the first one.
        for w in times.windows(2) {
            let gap = w[1] - w[0];
            assert!(gap >= Duration::from_millis(80), "requests to one host {gap:?} apart");
        }
        assert!(times[4] - times[0] >= Duration::from_millis(385), "{:?}", times[4] - times[0]);
        assert_eq!(s.state.max_in_flight.load(Ordering::SeqCst), 1);
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn global_concurrency_is_honoured() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&Links { concurrency: 2, per_host_concurrency: 8, ..cfg() });
        let urls: Vec<String> = (0..8).map(|i| s.url(&format!("/page/{i}?delay=100"))).collect();
        let v = c.check(&urls).await;
        assert_eq!(v.len(), 8);
        assert_eq!(s.total(), 8);
        assert_eq!(s.state.max_in_flight.load(Ordering::SeqCst), 2);
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checks_are_cancellable() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&cfg());
        let token = CancellationToken::new();
        let t2 = token.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            t2.cancel();
        });
        let t = Instant::now();
        assert_eq!(c.check_until(&[s.url("/slow")], &token).await, None);
        assert!(t.elapsed() < Duration::from_secs(1));
        // Dropping the future works the same; a later check starts afresh.
        let r = tokio::time::timeout(Duration::from_millis(100), c.check(&[s.url("/slow")])).await;
        assert!(r.is_err());
        assert_eq!(verdict(&c, &s.url("/ok")).await, Verdict::Fine);
        assert_eq!(c.stats().fetched, 1, "the cancelled fetches never finished");
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Safety

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_addresses_are_skipped_without_a_request() {
    bounded(async {
        let s = Server::start().await;
        let strict = Links { allow_private: false, ..cfg() };
        let c = LinkChecker::with_resolver(&strict, None, Arc::new(TestResolver)).unwrap();
        let v = verdict(&c, &s.url("/ok")).await;
        assert!(matches!(v, Verdict::Skipped { .. }), "{v:?}");
        assert!(reason(&v).contains("127.0.0.1 is not a public address"));
        // A name that resolves to a private address: refused after resolution.
        let v = verdict(&c, &format!("http://inside.test:{}/ok", s.port)).await;
        assert!(matches!(v, Verdict::Skipped { .. }), "{v:?}");
        assert!(reason(&v).contains("non-public address"), "{v:?}");
        // localhost, by the system resolver (answered locally, RFC 6761).
        let sys = checker(&strict);
        let v = verdict(&sys, &format!("http://localhost:{}/ok", s.port)).await;
        assert!(matches!(v, Verdict::Skipped { .. }), "{v:?}");
        let v = verdict(&sys, &format!("http://[::ffff:127.0.0.1]:{}/ok", s.port)).await;
        assert!(matches!(v, Verdict::Skipped { .. }), "{v:?}");
        assert_eq!(s.total(), 0, "the server saw no request");
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirect_hops_into_private_addresses_are_not_followed() {
    bounded(async {
        let s = Server::start().await;
        let strict = Links { allow_private: false, ..cfg() };
        let c = LinkChecker::with_resolver(&strict, None, Arc::new(TestResolver)).unwrap();
        // `site.test` looks public (it is 127.0.0.1 only for this test): the first hop is made.
        assert_eq!(verdict(&c, &format!("http://site.test:{}/ok", s.port)).await, Verdict::Fine);
        // Its redirect to the IP literal 127.0.0.1 is refused...
        assert_unverified(&verdict(&c, &format!("http://site.test:{}/to-local", s.port)).await, "non-public");
        // ...and so is a redirect to a name that resolves to a private address.
        assert_unverified(&verdict(&c, &format!("http://site.test:{}/to-inside-name", s.port)).await, "non-public");
        // Redirects to other schemes are not followed either.
        assert_unverified(&verdict(&c, &format!("http://site.test:{}/to-ftp", s.port)).await, "not an http(s) URL");
        let paths: Vec<String> = s.log().into_iter().map(|r| r.path).collect();
        assert_eq!(paths, ["/ok", "/to-local", "/to-inside-name", "/to-ftp"], "no request to the private hops");
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn excluded_and_non_http_urls_are_skipped() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&Links { exclude: vec!["/page/secret".into(), r"^https?://[^/]*\.social/".into()], ..cfg() });
        let urls = vec![
            s.url("/page/secret"),
            "https://mastodon.social/@x".to_string(),
            "mailto:desk@example.invalid".to_string(),
            "ftp://files.invalid/x".to_string(),
        ];
        let v = c.check(&urls).await;
        for u in &urls {
            assert!(matches!(v[u], Verdict::Skipped { .. }), "{u}: {:?}", v[u]);
        }
        assert!(reason(&v[&urls[0]]).contains("links.exclude"));
        assert_eq!(s.total(), 0);
        assert_eq!(c.stats().requests, 0);
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_are_not_sent_unless_configured() {
    bounded(async {
        let s = Server::start().await;
        let url = format!("http://user:secret@127.0.0.1:{}/auth", s.port);
        assert_eq!(verdict(&checker(&cfg()), &url).await, Verdict::Fine);
        assert!(!s.log()[0].authorization);
        let c = checker(&Links { send_url_credentials: true, ..cfg() });
        assert_eq!(verdict(&c, &url).await, Verdict::Fine);
        assert!(s.log()[1].authorization);
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disabled_checker_sends_nothing() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&Links { enabled: false, ..cfg() });
        assert!(matches!(verdict(&c, &s.url("/ok")).await, Verdict::Skipped { .. }));
        assert_eq!(s.total(), 0);
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// The cache

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_checker_sharing_the_cache_sends_no_requests() {
    bounded(async {
        let s = Server::start().await;
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join(".copydesk-cache");
        let urls: Vec<String> = ["/ok", "/missing", "/moved", "/forbidden"].iter().map(|p| s.url(p)).collect();
        let first = {
            let c = LinkChecker::new(&cfg(), Some(cache.clone())).unwrap();
            c.check(&urls).await
        };
        let sent = s.total();
        assert_eq!(sent, 5, "HEAD /ok, /missing, /moved, /ok (hop), /forbidden");
        assert!(cache.join(copydesk::links::CACHE_FILE_NAME).exists());
        assert_eq!(std::fs::read_to_string(cache.join(".gitignore")).unwrap().lines().last(), Some("*"));
        let c = LinkChecker::new(&cfg(), Some(cache.clone())).unwrap();
        // Known at once, without the network.
        assert_eq!(c.cached(&urls), first);
        assert_eq!(c.check(&urls).await, first);
        assert_eq!(s.total(), sent, "the second run sent no request");
        assert_eq!(c.stats().requests, 0);
        assert_eq!(c.stats().cache_hits, 4);
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cache_lifetimes_are_per_verdict() {
    bounded(async {
        let s = Server::start().await;
        let dir = tempfile::tempdir().unwrap();
        let short = Links { cache_unverified: Duration::ZERO, ..cfg() };
        let urls: Vec<String> = ["/ok", "/forbidden"].iter().map(|p| s.url(p)).collect();
        LinkChecker::new(&short, Some(dir.path().into())).unwrap().check(&urls).await;
        LinkChecker::new(&short, Some(dir.path().into())).unwrap().check(&urls).await;
        assert_eq!(s.count("/ok"), 1, "fine is kept");
        assert_eq!(s.count("/forbidden"), 2, "unverified expired at once");
        // links.cache = false: nothing on disk.
        let none = tempfile::tempdir().unwrap();
        LinkChecker::new(&Links { cache: false, ..cfg() }, Some(none.path().into())).unwrap().check(&urls).await;
        assert!(!none.path().join(copydesk::links::CACHE_FILE_NAME).exists());
    })
    .await
}

#[test]
fn two_checkers_writing_the_cache_at_once_lose_nothing() {
    // Two checkers with their own runtimes on their own threads, as two processes would be, write
    // the same cache folder at the same time; a third sees every verdict of both.
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let s = rt.block_on(Server::start());
    let dir = tempfile::tempdir().unwrap();
    let urls = |from: usize| -> Vec<String> { (from..from + 40).map(|i| s.url(&format!("/page/{i}"))).collect() };
    std::thread::scope(|scope| {
        for from in [0, 40] {
            let list = urls(from);
            let dir = dir.path().to_path_buf();
            scope.spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                rt.block_on(async {
                    let c = LinkChecker::new(&cfg(), Some(dir)).unwrap();
                    // In several batches, so the two writers interleave.
                    for chunk in list.chunks(10) {
                        c.check(chunk).await;
                    }
                });
            });
        }
    });
    assert_eq!(s.total(), 80);
    let all: Vec<String> = urls(0).into_iter().chain(urls(40)).collect();
    let c = LinkChecker::new(&cfg(), Some(dir.path().into())).unwrap();
    let known = c.cached(&all);
    assert_eq!(known.len(), 80, "every verdict of both writers is in the cache");
    assert!(known.values().all(|v| *v == Verdict::Fine));
    let _ = rt.block_on(async { tokio::time::timeout(Duration::from_secs(10), c.check(&all)).await.unwrap() });
    assert_eq!(s.total(), 80);
    // No temporary files left behind.
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, [".gitignore", "links-v1.json", "links.lock"]);
    drop(s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrupt_cache_file_is_ignored_and_replaced() {
    bounded(async {
        let s = Server::start().await;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(copydesk::links::CACHE_FILE_NAME), "{ not json").unwrap();
        let c = LinkChecker::new(&cfg(), Some(dir.path().into())).unwrap();
        assert_eq!(verdict(&c, &s.url("/ok")).await, Verdict::Fine);
        let text = std::fs::read_to_string(dir.path().join(copydesk::links::CACHE_FILE_NAME)).unwrap();
        assert!(text.contains("\"verdict\":\"fine\""), "{text}");
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// The engine side: URLs of a draft, verdicts to diagnostics

#[test]
fn urls_lists_checkable_links_once() {
    let text = "See [a](https://a.example/x) and <https://b.example/> and https://a.example/x.\n\
                Mail [me](mailto:x@example.com), [rel](/about), [bad](https://https://c.example),\n\
                ![img](http://img.example/p.png) and [ftp](ftp://f.example/).\n";
    let doc = Document::parse(text, DocKind::Markdown);
    assert_eq!(url_live::urls(&doc), ["https://a.example/x", "https://b.example/", "http://img.example/p.png"]);
}

#[test]
fn verdicts_become_diagnostics_with_fixes() {
    let text = "Read [the report](http://news.example/report) and [this](https://news.example/gone).\n\
                Also https://slow.example/x and [fine](https://ok.example/) and [moved](https://news.example/a#s).\n";
    let doc = Document::parse(text, DocKind::Markdown);
    let mut verdicts = HashMap::new();
    verdicts.insert(
        "http://news.example/report".to_string(),
        Verdict::Redirected { final_url: "https://news.example/report".into(), permanent: true },
    );
    verdicts.insert("https://news.example/gone".to_string(), Verdict::Dead { reason: "410 Gone".into() });
    verdicts.insert("https://slow.example/x".to_string(), Verdict::Unverified { reason: "timed out".into() });
    verdicts.insert("https://ok.example/".to_string(), Verdict::Fine);
    verdicts.insert(
        "https://news.example/a#s".to_string(),
        Verdict::Redirected { final_url: "https://news.example/b(1#s".into(), permanent: true },
    );
    let raw = url_live::diagnostics(&doc, &verdicts);
    let config = Config::default();
    let diags = engine::finish(&doc, raw, &config, true);
    let summary: Vec<(&str, Severity, &str, &str)> =
        diags.iter().map(|d| (d.rule, d.severity, &text[d.range.clone()], d.message.as_str())).collect();
    assert_eq!(
        summary,
        [
            (
                "url/redirected",
                Severity::Info,
                "http://news.example/report",
                "the link redirects permanently to https://news.example/report"
            ),
            ("url/dead", Severity::Error, "https://news.example/gone", "the link is dead: 410 Gone"),
            ("url/unverified", Severity::Hint, "https://slow.example/x", "the link could not be verified: timed out"),
            (
                "url/redirected",
                Severity::Info,
                "https://news.example/a#s",
                "the link redirects permanently to https://news.example/b(1#s"
            ),
        ]
    );
    // http → https of the same address: a safe fix; elsewhere: offered, not safe.
    let fix = &diags[0].fixes[0];
    assert!(fix.safe);
    assert_eq!(
        apply_edits(text, &fix.edits).unwrap().lines().next().unwrap(),
        "Read [the report](https://news.example/report) and [this](https://news.example/gone)."
    );
    let fix = &diags[3].fixes[0];
    assert!(!fix.safe);
    assert!(apply_edits(text, &fix.edits).unwrap().contains("[moved](https://news.example/b%281#s)"));
    // Config severities and suppressions apply as to any rule.
    let config = Config::from_toml("[rules]\n\"url/unverified\" = \"off\"\n\"url/dead\" = \"warning\"\n", "c").unwrap();
    let diags = engine::finish(&doc, url_live::diagnostics(&doc, &verdicts), &config, true);
    assert!(diags.iter().all(|d| d.rule != "url/unverified"));
    assert_eq!(diags.iter().find(|d| d.rule == "url/dead").unwrap().severity, Severity::Warning);
}

#[test]
fn network_rules_do_not_run_locally() {
    let text = "[x](https://news.example/gone)\n";
    assert!(engine::check(text, DocKind::Markdown, &Config::default()).is_empty());
    for id in ["url/dead", "url/redirected", "url/unverified"] {
        assert!(copydesk::checks::rule(id).unwrap().network, "{id}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_checked_end_to_end() {
    bounded(async {
        let s = Server::start().await;
        let text = format!(
            "# Story\n\nThe [report]({}) moved; the [annex]({}) is gone.\nSources: {} and {}.\n",
            s.url("/moved"),
            s.url("/missing"),
            s.url("/ok"),
            s.url("/forbidden"),
        );
        let doc = Document::parse(&text, DocKind::Markdown);
        let urls = url_live::urls(&doc);
        assert_eq!(urls.len(), 4);
        let verdicts = checker(&cfg()).check(&urls).await;
        let diags = engine::finish(&doc, url_live::diagnostics(&doc, &verdicts), &Config::default(), true);
        let rules: Vec<&str> = diags.iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["url/redirected", "url/dead", "url/unverified"]);
        let fixed = apply_edits(&text, &diags[0].fixes[0].edits).unwrap();
        assert!(fixed.contains(&format!("[report]({})", s.url("/ok"))));
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Config

#[test]
fn links_config_has_defaults_and_validates() {
    let d = Config::default().links;
    assert!(d.enabled && !d.allow_private && d.cache && !d.check_fragments);
    assert_eq!((d.max_redirects, d.concurrency, d.per_host_concurrency, d.per_host_interval_ms), (10, 32, 4, 100));
    assert_eq!((d.connect_timeout, d.timeout), (Duration::from_secs(5), Duration::from_secs(15)));
    let c = Config::from_toml(
        "[links]\ntimeout = \"500ms\"\nconnect_timeout = 2\nmax_retry_wait = 0.5\ncache_fine = \"3d\"\n\
         cache_dead = \"6h\"\ncache_unverified = \"10m\"\nexclude = ['^https://x\\.example/']\n\
         user_agents = { \"example.com\" = \"Bot/1\" }\n",
        "copydesk.toml",
    )
    .unwrap();
    assert_eq!(c.links.timeout, Duration::from_millis(500));
    assert_eq!(c.links.connect_timeout, Duration::from_secs(2));
    assert_eq!(c.links.max_retry_wait, Duration::from_millis(500));
    assert_eq!(c.links.cache_fine, Duration::from_secs(3 * 86400));
    assert_eq!(c.links.cache_dead, Duration::from_secs(6 * 3600));
    assert_eq!(c.links.cache_unverified, Duration::from_secs(600));
    assert_eq!(c.links.user_agents["example.com"], "Bot/1");
    let err = |s: &str| Config::from_toml(s, "copydesk.toml").unwrap_err().to_string();
    assert_eq!(
        err("[links]\nenabled = true\nconcurrency = 0\n"),
        "copydesk.toml:3:1: links.concurrency: 0 is out of range (1 to 1024)"
    );
    assert!(err("[links]\nexclude = ['(']\n").starts_with("copydesk.toml:2:1: links.exclude: bad regular expression"));
    assert!(err("[links]\ntimeout = \"soon\"\n").contains("'soon' is not a duration"));
    assert!(err("[links]\ntimeout = 0\n").contains("links.timeout"));
    assert!(err("[links]\nuser_agent = \"\"\n").contains("links.user_agent"));
    assert!(err("[links]\nfollow = true\n").contains("unknown field 'follow'"));
}

// ---------------------------------------------------------------------------------------------
// Progress

/// `check_reporting` tells how many pages are still to be fetched (for the CLI's progress bar):
/// the number of distinct pages first, then one less after each, down to 0; cached verdicts and
/// duplicates are not pages to wait for.
#[tokio::test]
async fn check_reporting_counts_pages_down_to_zero() {
    bounded(async {
        let s = Server::start().await;
        let c = checker(&cfg());
        let urls: Vec<String> = vec![
            format!("http://127.0.0.1:{}/ok", s.port),
            format!("http://127.0.0.1:{}/ok", s.port),
            format!("http://127.0.0.1:{}/missing", s.port),
            format!("http://127.0.0.1:{}/page/one?delay=50", s.port),
        ];
        let seen = Mutex::new(Vec::new());
        let verdicts = c.check_reporting(&urls, &|n| seen.lock().unwrap().push(n)).await;
        assert_eq!(verdicts.len(), 3);
        let mut seen = seen.into_inner().unwrap();
        assert_eq!(seen.remove(0), 3, "three distinct pages");
        seen.sort_unstable_by(|a, b| b.cmp(a));
        assert_eq!(seen, [2, 1, 0]);
        // A second run: all cached, nothing to wait for.
        let again = Mutex::new(Vec::new());
        c.check_reporting(&urls, &|n| again.lock().unwrap().push(n)).await;
        assert_eq!(again.into_inner().unwrap(), [0]);
    })
    .await;
}
