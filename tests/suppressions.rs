//! Suppression comments: next-line, regions, namespaces, and the rules that keep them honest.

mod common;

use common::{check, check_fix, check_plain};

#[test]
fn next_line_suppression_covers_the_next_non_blank_line_only() {
    check(
        "
        <!-- copydesk-disable-next-line url/malformed -- the web desk will fix it -->

        See htps://example.org/a and
        htps://example.org/b on the next line.
        ^^^^^^^^^^^^^^^^^^^^ url/malformed
        ",
    );
}

#[test]
fn region_with_namespace_and_enable() {
    check(
        "
        <!-- copydesk-disable url/* -->
        See htps://example.org/a.
        <!-- copydesk-enable url/* -->
        See htps://example.org/b.
            ^^^^^^^^^^^^^^^^^^^^ url/malformed
        ",
    );
}

#[test]
fn region_without_enable_runs_to_the_end_and_no_rule_means_all() {
    check_plain(
        "
        First htps://example.org/a.
              ^^^^^^^^^^^^^^^^^^^^ url/malformed
        <!-- copydesk-disable -->
        Then htps://example.org/b.
        ",
    );
}

#[test]
fn unused_and_invalid_suppressions_are_reported() {
    check(
        "
        <!-- copydesk-disable-next-line url/malformed -->
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ suppress/unused: this suppression of url/malformed suppresses nothing
        Nothing wrong here.

        <!-- copydesk-disable-next-line url/malfomred -->
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ suppress/invalid: unknown rule 'url/malfomred' in suppression comment
        See htps://example.org/a.
            ^^^^^^^^^^^^^^^^^^^^ url/malformed: `htps://` is not a scheme: did you mean `https://`?
        ",
    );
}

#[test]
fn unused_suppression_fix_removes_its_line() {
    check_fix(
        "
        Before.
        <!-- copydesk-disable-next-line url/malformed -- old -->
        Nothing wrong here.
        ",
        "
        Before.
        Nothing wrong here.
        ",
    );
}

#[test]
fn inline_suppression_at_the_end_of_the_previous_line() {
    // The form the editor's "Disable RULE for this line" inserts inside a paragraph.
    check(
        "
        The minutes, published today, <!-- copydesk-disable-next-line url/malformed -- reason -->
        are at htps://example.org/minutes.
        ",
    );
}

#[test]
fn disable_next_line_edit_inserts_a_line_or_appends_to_the_previous_one() {
    use copydesk::diagnostic::apply_edits;
    use copydesk::suppress::disable_next_line;
    let text = "Para one.\n\nFirst line\nsecond htps://x.org line.\r\n";
    let at = text.find("htps").unwrap();
    let e = disable_next_line(text, at, "url/malformed", "why");
    assert_eq!(
        apply_edits(text, &[e]).unwrap(),
        "Para one.\n\nFirst line <!-- copydesk-disable-next-line url/malformed -- why -->\nsecond htps://x.org line.\r\n"
    );
    let at = text.find("First").unwrap();
    let e = disable_next_line(text, at, "url/malformed", "why");
    assert_eq!(
        apply_edits(text, &[e]).unwrap(),
        "Para one.\n\n<!-- copydesk-disable-next-line url/malformed -- why -->\nFirst line\nsecond htps://x.org line.\r\n"
    );
}
