//! Pathological drafts at full size, in release: time and peak memory of `engine::check` on each.
//! `cargo bench --bench pathological` prints one line per case (Markdown and plain text).
//!
//! Each case runs in a child process of this binary so that its peak resident memory (`VmHWM`)
//! is its own. The text is generated from our own sentences.

use std::process::Command;
use std::time::Instant;

use copydesk::{Config, DocKind, engine};

const PARAGRAPH: &str = "“We will rebuild the bridge before winter,” Mayor Dana Okafor said on Monday, \
    adding that 12 of 40 crews (30%) were already at work. The plan is “a disaster for everyone who \
    drives to work” and will fail. See https://example.org/2024/03/05/bridge-plan and \
    htps://example.org/detour for the detour, which costs $1.2 million.\n\n";

fn case(name: &str) -> String {
    match name {
        "50MB-draft" => PARAGRAPH.repeat(50_000_000 / PARAGRAPH.len()),
        "5MB-line" => PARAGRAPH.replace('\n', " ").repeat(5_000_000 / PARAGRAPH.len()),
        "100k-quote-marks" => "“".repeat(100_000),
        "100k-mixed-marks" => "“a ‘b’ \"c\" ".repeat(100_000 / 4),
        "nested-1000" => {
            let mut s = format!("{}deep “quote here” and htps://example.org/x\n\n", "> ".repeat(1000));
            s.extend((0..1000).map(|i| format!("{}- item “{i}”\n", "  ".repeat(i))));
            s
        }
        "10k-urls" => {
            (0..10_000).map(|i| format!("See https://example.org/{i} and htps://example.org/{i}.\n")).collect()
        }
        "nul-cr-bom" => format!("\u{feff}{}", "nul \0 byte “quote,” she said\r".repeat(100_000)),
        _ => panic!("unknown case {name}"),
    }
}

const CASES: &[&str] =
    &["50MB-draft", "5MB-line", "100k-quote-marks", "100k-mixed-marks", "nested-1000", "10k-urls", "nul-cr-bom"];

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(f64::NAN);
    kb / 1024.0
}

fn run_case(name: &str) {
    let text = case(name);
    let config = Config::default();
    for kind in [DocKind::Markdown, DocKind::Plain] {
        let t = Instant::now();
        let n = engine::check(&text, kind, &config).len();
        let s = t.elapsed().as_secs_f64();
        println!(
            "{name:>18} {:>8} {:>7.1} MB {:>8.3} s {:>7.1} MB/s {:>8} findings, peak RSS {:.0} MiB",
            format!("{kind:?}"),
            text.len() as f64 / 1e6,
            s,
            text.len() as f64 / 1e6 / s,
            n,
            peak_rss_mib()
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--case") {
        run_case(&args[i + 1]);
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing useful: run small.
    if !args.iter().any(|a| a == "--bench") {
        println!("pathological: run with `cargo bench --bench pathological`");
        return;
    }
    let me = std::env::current_exe().expect("own path");
    for name in CASES {
        let status = Command::new(&me).args(["--case", name]).status().expect("run a case");
        assert!(status.success(), "case {name} failed");
    }
}
