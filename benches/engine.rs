//! Engine throughput: `copydesk::engine::check` over the shared corpus (371 published articles),
//! over one 5 MB draft made by concatenating them, and over one 800-word draft
//! (`bench/draft-800.md`); and each stage alone on the corpus (`stage/parse`, `stage/ledger`,
//! `stage/check/<name>`), to find what slowed down. Run with `cargo bench --bench engine`; the throughput lines give MB/s on
//! one core. `bench/run` compares the whole CLI with other tools.

use std::path::Path;

use copydesk::checks::Ctx;
use copydesk::{Config, DocKind, Document, engine};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "../tests/common/corpus.rs"]
mod shared_corpus;

fn corpus() -> Vec<String> {
    shared_corpus::corpus().into_iter().map(|(_, t)| t).collect()
}

fn bench(c: &mut Criterion) {
    let draft = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/draft-800.md"))
        .expect("bench/draft-800.md");
    let mut g = c.benchmark_group("draft");
    g.throughput(Throughput::Bytes(draft.len() as u64));
    g.bench_function("markdown/all", |b| b.iter(|| engine::check(&draft, DocKind::Markdown, &Config::default()).len()));
    g.finish();

    let articles = corpus();
    if articles.is_empty() {
        eprintln!("../shared/corpus not found: nothing to benchmark");
        return;
    }
    // "all": every default rule. "base": the quote checks off, to measure what they add.
    let all = Config::default();
    let mut base = Config::default();
    for r in copydesk::checks::all_rules() {
        if r.id.starts_with("quote/") {
            base.set_severity(r.id, None);
        }
    }
    let configs = [("all", &all), ("base", &base)];
    let total: usize = articles.iter().map(String::len).sum();

    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(total as u64));
    g.sample_size(20);
    for (name, kind) in [("plain", DocKind::Plain), ("markdown", DocKind::Markdown)] {
        for (cname, config) in configs {
            g.bench_function(format!("{name}/{cname}"), |b| {
                b.iter(|| articles.iter().map(|a| engine::check(a, kind, config).len()).sum::<usize>())
            });
        }
    }
    g.finish();

    // Each stage alone, on the corpus as Markdown: the parse, the figure ledger, and each check
    // the default config runs (on a parsed draft; the figure checks with their ledger built).
    // What to look at first when "all" slows down.
    let docs: Vec<Document<'_>> = articles.iter().map(|a| Document::parse(a, DocKind::Markdown)).collect();
    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(total as u64));
    g.sample_size(20);
    g.bench_function("parse", |b| {
        b.iter(|| articles.iter().map(|a| Document::parse(a, DocKind::Markdown).blocks.len()).sum::<usize>())
    });
    g.bench_function("ledger", |b| {
        b.iter(|| docs.iter().map(|d| copydesk::figures::Ledger::build(d).figures.len()).sum::<usize>())
    });
    for check in copydesk::checks::CHECKS {
        let on = check.rules().iter().any(|r| !r.network && all.severity(r).is_some());
        if !on {
            continue;
        }
        let ctxs: Vec<Ctx<'_, '_>> = docs.iter().map(|d| Ctx::new(d, &all)).collect();
        ctxs.iter().for_each(|c| {
            c.figures();
        });
        g.bench_function(format!("check/{}", check.name()), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                ctxs.iter().for_each(|c| check.run(c, &mut out));
                out.len()
            })
        });
    }
    g.finish();

    let mut big = String::new();
    while big.len() < 5_000_000 {
        for a in &articles {
            big.push_str(a);
            big.push_str("\n\n");
        }
    }
    let mut g = c.benchmark_group("5MB");
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(10);
    for (name, kind) in [("plain", DocKind::Plain), ("markdown", DocKind::Markdown)] {
        for (cname, config) in configs {
            g.bench_function(format!("{name}/{cname}"), |b| b.iter(|| engine::check(&big, kind, config).len()));
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
