//! The link checker against a hostile web server: redirect loops that never repeat a URL,
//! redirects into the machine's own network, a body that never ends, a gigabyte body, headers
//! sent one byte a second, a flood of headers, and hops each answered just inside the timeout.
//!
//! What must hold: every check ends within its timeout (plus generous slack) with a verdict of
//! "could not verify" (never "dead": the page may well be fine for a reader), memory stays
//! bounded (the server counts the bytes it managed to send), and no request reaches a forbidden
//! address: a second listener stands in for every forbidden target, and counts connections.
//!
//! Nothing here talks to anything but 127.0.0.1: made-up `.test` names are mapped by a test
//! resolver, which also makes some of them *look* like private or link-local addresses to the
//! policy while they would really connect to the forbidden listener, should the policy fail.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use copydesk::checks::url_live::Verdict;
use copydesk::config::Links;
use copydesk::links::{LinkChecker, Resolve, ResolveFuture, Resolved, no_such_host};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The checker's settings: the real defaults for safety (private addresses off), short timeouts.
fn cfg() -> Links {
    Links {
        allow_private: false,
        per_host_interval_ms: 0,
        retries: 0,
        connect_timeout: Duration::from_secs(1),
        timeout: TIMEOUT,
        ..Links::default()
    }
}

const TIMEOUT: Duration = Duration::from_secs(1);

/// The bound on one check: the timeout, three times over (connection set-up, a slow machine).
const BOUND: Duration = Duration::from_secs(3);

// ---------------------------------------------------------------------------------------------
// The forbidden listener: stands in for every address the checker must not reach.

struct Forbidden {
    port: u16,
    connections: Arc<AtomicUsize>,
}

impl Forbidden {
    fn start() -> Forbidden {
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let count = connections.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                count.fetch_add(1, Ordering::SeqCst);
                drop(stream);
            }
        });
        Forbidden { port, connections }
    }

    fn hits(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

// ---------------------------------------------------------------------------------------------
// The hostile server

#[derive(Default)]
struct Counters {
    hits: Mutex<HashMap<String, usize>>,
    /// Body (or header) bytes written per path.
    sent: Mutex<HashMap<String, usize>>,
}

struct Hostile {
    port: u16,
    counters: Arc<Counters>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Hostile {
    async fn start(forbidden: u16) -> Hostile {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let counters = Arc::new(Counters::default());
        let c = counters.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((sock, _)) = listener.accept().await else { return };
                tokio::spawn(serve(sock, c.clone(), forbidden));
            }
        });
        Hostile { port, counters, task }
    }

    /// A URL on the server, by a name that looks public to the policy.
    fn url(&self, path: &str) -> String {
        format!("http://site.test:{}{path}", self.port)
    }

    fn hits(&self, prefix: &str) -> usize {
        self.counters.hits.lock().unwrap().iter().filter(|(p, _)| p.starts_with(prefix)).map(|(_, n)| n).sum()
    }

    fn sent(&self, path: &str) -> usize {
        self.counters.sent.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

async fn serve(mut sock: TcpStream, c: Arc<Counters>, forbidden: u16) {
    let mut buf = Vec::new();
    loop {
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let mut chunk = [0u8; 4096];
            match sock.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        buf.drain(..head_end);
        let mut first = head.split("\r\n").next().unwrap_or("").split(' ');
        let method = first.next().unwrap_or("").to_string();
        let path = first.next().unwrap_or("/").to_string();
        *c.hits.lock().unwrap().entry(path.clone()).or_default() += 1;
        let sent = |n: usize| *c.sent.lock().unwrap().entry(path.clone()).or_default() += n;
        let redirect = |to: String| format!("HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\n\r\n");
        let reply = if let Some(n) = path.strip_prefix("/loop/") {
            // A loop that never repeats a URL, so only the redirect limit can stop it.
            redirect(format!("/loop/{}", n.parse::<u64>().unwrap_or(0) + 1))
        } else if let Some(n) = path.strip_prefix("/slow-hop/") {
            // Each hop answered well inside the timeout; all of them together, far past it.
            tokio::time::sleep(Duration::from_millis(400)).await;
            redirect(format!("/slow-hop/{}", n.parse::<u64>().unwrap_or(0) + 1))
        } else if path == "/self" {
            redirect("/self".into())
        } else if let Some(target) = path.strip_prefix("/to/") {
            let f = forbidden;
            let to = match target {
                "loopback" => format!("http://127.0.0.1:{f}/secret"),
                "loopback-other" => format!("http://127.0.0.2:{f}/secret"),
                "zero" => format!("http://0.0.0.0:{f}/secret"),
                "decimal" => format!("http://2130706433:{f}/secret"),
                "octal" => format!("http://0177.0.0.1:{f}/secret"),
                "mapped" => format!("http://[::ffff:127.0.0.1]:{f}/secret"),
                "v6-loopback" => format!("http://[::1]:{f}/secret"),
                "localhost" => format!("http://localhost:{f}/secret"),
                "localhost-dot" => format!("http://LOCALHOST.:{f}/secret"),
                "metadata-name" => format!("http://metadata.test:{f}/latest/meta-data/"),
                "intranet-name" => format!("http://intranet.test:{f}/"),
                "credentials" => format!("http://user:pw@127.0.0.1:{f}/secret"),
                _ => "/nowhere".into(),
            };
            redirect(to)
        } else if path == "/endless" && method == "GET" {
            // Headers, the start of a page, then a byte every 50 ms for ever.
            let start = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n";
            if sock.write_all(start.as_bytes()).await.is_err() {
                return;
            }
            let page = "<html><p id=\"early\">";
            let _ = sock.write_all(format!("{:x}\r\n{page}\r\n", page.len()).as_bytes()).await;
            loop {
                if sock.write_all(b"1\r\n \r\n").await.is_err() {
                    return;
                }
                sent(1);
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        } else if (path == "/huge" || path == "/huge-no-head") && method == "GET" {
            // A gigabyte announced, and sent as fast as the client takes it.
            let start =
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000000\r\n\r\n<p id=\"early\">";
            if sock.write_all(start.as_bytes()).await.is_err() {
                return;
            }
            let zeros = vec![b'0'; 64 << 10];
            let mut total = 0usize;
            while total < 1_000_000_000 {
                if sock.write_all(&zeros).await.is_err() {
                    return;
                }
                total += zeros.len();
                sent(zeros.len());
            }
            return;
        } else if path == "/huge-no-head" {
            "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".to_string()
        } else if path == "/slowloris" {
            // The status line, then a header one byte a second, never finished.
            if sock.write_all(b"HTTP/1.1 200 OK\r\nX-Slow: ").await.is_err() {
                return;
            }
            loop {
                tokio::time::sleep(Duration::from_secs(1)).await;
                if sock.write_all(b"a").await.is_err() {
                    return;
                }
                sent(1);
            }
        } else if path == "/header-flood" {
            // Header lines as fast as the client takes them, never a blank line.
            if sock.write_all(b"HTTP/1.1 200 OK\r\n").await.is_err() {
                return;
            }
            let line = format!("X-Flood: {}\r\n", "a".repeat(1000));
            loop {
                if sock.write_all(line.as_bytes()).await.is_err() {
                    return;
                }
                sent(line.len());
            }
        } else if path == "/ok" || path == "/endless" || path == "/huge" {
            // HEAD of the endless and huge pages: just the headers.
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 0\r\n\r\n".to_string()
        } else {
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_string()
        };
        if sock.write_all(reply.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// `site.test` looks public and is the hostile server; `metadata.test` and `intranet.test` look
/// link-local and private but would connect to 127.0.0.1 (the forbidden listener), so a policy
/// failure shows as a hit there rather than as traffic to a real address; `localhost` is
/// loopback; every other name does not exist. No DNS server is ever asked.
struct TestResolver;

impl Resolve for TestResolver {
    fn resolve(&self, host: &str) -> ResolveFuture {
        let local = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let looks = |a, b, c, d| Ok(vec![Resolved { connect: local, apparent: IpAddr::V4(Ipv4Addr::new(a, b, c, d)) }]);
        let r = match host.trim_end_matches('.').to_ascii_lowercase().as_str() {
            "site.test" => looks(1, 2, 3, 4),
            "metadata.test" => looks(169, 254, 169, 254),
            "intranet.test" => looks(10, 0, 0, 7),
            "localhost" => Ok(vec![Resolved::same(local)]),
            h => Err(no_such_host(h)),
        };
        Box::pin(async move { r })
    }
}

fn checker(cfg: &Links) -> LinkChecker {
    LinkChecker::with_resolver(cfg, None, Arc::new(TestResolver)).unwrap()
}

/// Check one URL; its verdict and how long it took.
async fn timed(c: &LinkChecker, url: &str) -> (Verdict, Duration) {
    let t = Instant::now();
    let v = tokio::time::timeout(Duration::from_secs(30), c.check_one(url)).await.expect("a check hung for 30 s");
    (v, t.elapsed())
}

#[track_caller]
fn assert_unverified(v: &Verdict, contains: &str) {
    match v {
        Verdict::Unverified { reason } => assert!(reason.contains(contains), "{v:?} should mention {contains:?}"),
        _ => panic!("expected unverified ({contains}), got {v:?}"),
    }
}

/// Resident memory of this process, in bytes (Linux; 0 elsewhere).
fn rss() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<usize>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endless_redirects_stop_at_the_limit_as_unverified() {
    let f = Forbidden::start();
    let s = Hostile::start(f.port).await;
    let c = checker(&cfg());
    let (v, took) = timed(&c, &s.url("/loop/0")).await;
    assert_unverified(&v, "more than 10 redirects");
    assert!(took < BOUND, "{took:?}");
    eprintln!("endless redirects: {took:?}");
    assert_eq!(s.hits("/loop/"), 11, "the first request and ten redirects, no more");
    let (v, took) = timed(&c, &s.url("/self")).await;
    assert_unverified(&v, "redirect loop");
    assert!(took < BOUND, "{took:?}");
    assert_eq!(s.hits("/self"), 1);
    eprintln!("redirect loop: {took:?}");
}

/// Regression: `links.timeout` bounded each request, so a server answering each of ten hops
/// just inside it held a check for ten timeouts. It now bounds the page, all hops together.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_redirect_hops_share_one_timeout() {
    let f = Forbidden::start();
    let s = Hostile::start(f.port).await;
    let c = checker(&cfg());
    let (v, took) = timed(&c, &s.url("/slow-hop/0")).await;
    assert_unverified(&v, "timed out");
    assert!(took < BOUND, "each hop took 400 ms, the check {took:?}");
    assert!(s.hits("/slow-hop/") <= 4, "{} hops", s.hits("/slow-hop/"));
    eprintln!("slow hops: {took:?}, {} hops", s.hits("/slow-hop/"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_into_private_addresses_never_reach_them() {
    let f = Forbidden::start();
    let s = Hostile::start(f.port).await;
    let c = checker(&cfg());
    // The starting page itself is fine: the policy lets public-looking addresses through.
    assert_eq!(c.check_one(&s.url("/ok")).await, Verdict::Fine);
    for target in [
        "loopback",
        "loopback-other",
        "zero",
        "decimal",
        "octal",
        "mapped",
        "v6-loopback",
        "localhost",
        "localhost-dot",
        "metadata-name",
        "intranet-name",
        "credentials",
    ] {
        let (v, took) = timed(&c, &s.url(&format!("/to/{target}"))).await;
        assert_unverified(&v, "non-public");
        assert!(took < BOUND, "{target}: {took:?}");
        assert!(!matches!(v, Verdict::Dead { .. }));
    }
    assert_eq!(f.hits(), 0, "a request reached the forbidden listener");
    // Every redirect was answered once; nothing else was requested.
    assert_eq!(s.hits("/to/"), 12);
    // The metadata address named directly is refused without any request at all.
    let meta = "http://169.254.169.254/latest/meta-data/".to_string();
    let before = c.stats().requests;
    let known = c.cached(std::slice::from_ref(&meta));
    match &known[&meta] {
        Verdict::Skipped { reason } => assert!(reason.contains("not a public address"), "{reason}"),
        v => panic!("{v:?}"),
    }
    assert_eq!(c.stats().requests, before);
    assert_eq!(f.hits(), 0);
}

/// Regression: a page whose body never ends (or is cut at the size limit) was searched for the
/// fragment in what had arrived, and a fragment not found there made the link "dead".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_never_ends_stops_at_the_timeout_and_is_not_dead() {
    let f = Forbidden::start();
    let s = Hostile::start(f.port).await;
    let c = checker(&Links { check_fragments: true, ..cfg() });
    let urls = vec![s.url("/endless#early"), s.url("/endless#later")];
    let t = Instant::now();
    let v = tokio::time::timeout(Duration::from_secs(30), c.check(&urls)).await.expect("hung");
    let took = t.elapsed();
    assert!(took < BOUND, "{took:?}");
    assert_eq!(v[&urls[0]], Verdict::Fine, "the id that did arrive is found");
    assert_unverified(&v[&urls[1]], "no element with id `later` in the part of the page read");
    assert_eq!(s.hits("/endless"), 1, "one GET for both fragments");
    // Without fragments the body is never read: HEAD is enough.
    let (v, head) = timed(&checker(&cfg()), &s.url("/endless")).await;
    assert_eq!(v, Verdict::Fine);
    assert!(head < BOUND);
    eprintln!("endless body: {took:?} (ids), {head:?} (HEAD); {} body bytes trickled", s.sent("/endless"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gigabyte_body_is_not_downloaded() {
    let f = Forbidden::start();
    let s = Hostile::start(f.port).await;
    let before = rss();
    // Fragments: the body is read for ids, up to the checker's limit, then dropped.
    let c = checker(&Links { check_fragments: true, ..cfg() });
    let urls = vec![s.url("/huge#early"), s.url("/huge#absent")];
    let t = Instant::now();
    let v = tokio::time::timeout(Duration::from_secs(30), c.check(&urls)).await.expect("hung");
    let took = t.elapsed();
    assert!(took < BOUND, "{took:?}");
    assert_eq!(v[&urls[0]], Verdict::Fine);
    assert_unverified(&v[&urls[1]], "no element with id `absent`");
    // HEAD refused, GET fallback: the verdict comes from the status; the body is not read.
    let (v, took2) = timed(&checker(&cfg()), &s.url("/huge-no-head")).await;
    assert_eq!(v, Verdict::Fine);
    assert!(took2 < BOUND, "{took2:?}");
    // Give the server a moment to notice the closed connections, then count what it sent.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (sent_ids, sent_status) = (s.sent("/huge"), s.sent("/huge-no-head"));
    // Socket buffers on both sides absorb a few MB; the 4 MB read limit comes on top.
    assert!(sent_ids < 64 << 20, "{sent_ids} bytes sent to a checker that wanted the ids");
    assert!(sent_status < 64 << 20, "{sent_status} bytes sent to a checker that wanted the status");
    let grew = rss().saturating_sub(before);
    assert!(grew < 256 << 20, "memory grew by {grew} bytes");
    eprintln!(
        "gigabyte body: {took:?} / {took2:?}; server sent {} KiB (ids) and {} KiB (status); RSS +{} KiB",
        sent_ids >> 10,
        sent_status >> 10,
        grew >> 10
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slowloris_headers_time_out_as_unverified() {
    let f = Forbidden::start();
    let s = Hostile::start(f.port).await;
    let c = checker(&cfg());
    let (v, took) = timed(&c, &s.url("/slowloris")).await;
    assert_unverified(&v, "timed out");
    assert!(took < BOUND, "{took:?}");
    eprintln!("slowloris: {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_headers_is_cut_off() {
    let f = Forbidden::start();
    let s = Hostile::start(f.port).await;
    let before = rss();
    let c = checker(&cfg());
    let (v, took) = timed(&c, &s.url("/header-flood")).await;
    assert!(matches!(v, Verdict::Unverified { .. }), "{v:?}");
    assert!(took < BOUND, "{took:?}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent = s.sent("/header-flood");
    assert!(sent < 64 << 20, "{sent} header bytes sent");
    assert!(rss().saturating_sub(before) < 256 << 20);
    eprintln!("header flood: {took:?}, {} KiB sent, {v:?}", sent >> 10);
}

/// 10,000 URLs in one call (many repeated), none of them reachable: each distinct one gets its
/// verdict. (Regression: the duplicate check scanned every URL seen so far, quadratic.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_urls_in_one_check() {
    let c = checker(&Links { concurrency: 64, per_host_concurrency: 64, ..cfg() });
    let urls: Vec<String> = (0..10_000).map(|i| format!("http://host-{}.invalid/page/{i}", i % 7_000)).collect();
    let t = Instant::now();
    let v = tokio::time::timeout(Duration::from_secs(120), c.check(&urls)).await.expect("hung");
    assert_eq!(v.len(), 10_000);
    assert!(v.values().all(|v| matches!(v, Verdict::Dead { .. })));
    eprintln!("10,000 URLs: {:?}", t.elapsed());
}
