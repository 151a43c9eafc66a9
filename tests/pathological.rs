//! Hostile and pathological drafts: each completes with sensible output and never panics.
//! Sizes here are modest so the debug-build suite stays quick; `cargo bench --bench pathological` runs the
//! full sizes (50 MB, a 5 MB line) in release and reports time and memory.

use copydesk::{Config, DocKind, engine};

fn check_both(text: &str) -> (usize, usize) {
    let c = Config::default();
    let md = engine::check(text, DocKind::Markdown, &c);
    let plain = engine::check(text, DocKind::Plain, &c);
    for (i, d) in md.iter().chain(&plain).enumerate() {
        assert!(d.range.start <= d.range.end && d.range.end <= text.len());
        assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
        // Applying every fix of thousands of findings would make the test itself quadratic.
        if i % 997 != 0 {
            continue;
        }
        for f in &d.fixes {
            assert!(copydesk::diagnostic::apply_edits(text, &f.edits).is_some(), "fix does not apply: {d:?}");
        }
    }
    (md.len(), plain.len())
}

#[test]
fn one_long_line_with_curly_quotes_and_emoji() {
    let text = "“A quote,” she said — 😀 and htps://example.org/x then ".repeat(20_000);
    let (md, plain) = check_both(&text);
    assert!(md >= 20_000 && plain >= 20_000, "every misspelt scheme is found: {md} {plain}");
}

#[test]
fn a_hundred_thousand_quote_marks() {
    for mark in ["\"", "“", "”", "'", "’ "] {
        check_both(&mark.repeat(100_000));
    }
    check_both(&"“a ".repeat(50_000));
}

#[test]
fn markdown_nested_a_thousand_deep() {
    check_both(&format!("{}deep quote “here” and htps://example.org/x\n", "> ".repeat(1000)));
    let list: String = (0..1000).map(|i| format!("{}- item “{i}”\n", "  ".repeat(i))).collect();
    check_both(&list);
    check_both(&format!("{}text{}", "*".repeat(5000), "*".repeat(5000)));
    check_both(&format!("{}x{}", "[".repeat(10_000), "](".repeat(10_000)));
}

#[test]
fn ten_thousand_urls() {
    let text: String =
        (0..10_000).map(|i| format!("See https://example.org/{i} and htps://example.org/{i}.\n")).collect();
    let c = Config::default();
    let d = engine::check(&text, DocKind::Markdown, &c);
    assert_eq!(d.iter().filter(|d| d.rule == "url/malformed").count(), 10_000);
}

#[test]
fn control_characters_line_ends_and_bom() {
    check_both("nul \0 byte “quote” \0\n");
    check_both("lone\rcarriage\rreturns “quote,” she said.\r");
    check_both("\u{feff}# Title\r\n\r\n“Quote,” he said.\r\n");
    check_both("\u{feff}");
    check_both("");
    check_both("\n\n\n");
}
