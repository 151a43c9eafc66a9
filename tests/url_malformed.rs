//! `url/malformed`: fixtures in our own words. Every layout the check knows, and near-misses that
//! must stay silent.

mod common;

use common::{check, check_fix, check_fix_plain, check_plain, first_fix_is_safe};
use copydesk::DocKind;

#[test]
fn url_split_by_a_hard_line_break() {
    check_plain(
        "
        Original url:
        https://www.example.com/2022/09/12/city-council-counteroff
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ url/malformed: the URL is split across a line break: the next line continues it (`er-a78766`)
        er-a78766
        ",
    );
    check_fix_plain(
        "
        See https://www.example.com/2022/09/12/story-counteroff
        ensive-a78766 for more.
        ",
        "
        See https://www.example.com/2022/09/12/story-counteroffensive-a78766 for more.
        ",
    );
    assert!(first_fix_is_safe(DocKind::Plain, "https://example.com/a/story-\npart-two\n"));
}

#[test]
fn split_url_with_crlf_line_ends_rejoins_without_the_cr() {
    check_fix_plain(
        "https://example.com/news/\r\n2022/09/story.html\r\n",
        "https://example.com/news/2022/09/story.html\r\n",
    );
}

#[test]
fn url_at_line_end_followed_by_prose_is_not_split() {
    check_plain(
        "
        The full report is at https://example.com/report
        and runs to 40 pages.

        Links:
        https://example.com/a
        https://example.com/b
        www.example.org/c
        ",
    );
}

#[test]
fn split_url_in_markdown_paragraph() {
    check(
        "
        Read it at https://example.com/stories/2024/budget-
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ url/malformed
        vote today.
        ",
    );
}

#[test]
fn misspelt_and_doubled_schemes() {
    check(
        "
        See htps://example.com/a and hhtps://example.com/b and hxxp://evil.example/ (defanged).
            ^^^^^^^^^^^^^^^^^^^^ url/malformed: `htps://` is not a scheme: did you mean `https://`?
                                     ^^^^^^^^^^^^^^^^^^^^^ url/malformed: `hhtps://` is not a scheme: did you mean `https://`?

        Also [the report](https://https://example.com/r) and ftp://files.example.com/x.
                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ url/malformed: the URL has its scheme twice (`https://https://`)
        ",
    );
    check_fix("Go to https://http://example.com/a now.\n", "Go to http://example.com/a now.\n");
    check_fix("Go to htp://example.com/a now.\n", "Go to http://example.com/a now.\n");
}

#[test]
fn broken_scheme_punctuation() {
    check(
        "
        Try http//example.com/a, https:/example.com/b and https:// example.com/d.
            ^^^^^^^^^^^^^^^^^^^ url/malformed: the URL's scheme is malformed (the colon is missing): it should start `http://`
                                 ^^^^^^^^^^^^^^^^^^^^ url/malformed: the URL's scheme is malformed (a slash is missing): it should start `https://`
                                                          ^^^^^^^^^^^^^^^^^^^^^^ url/malformed: the URL has a space after `://`
        ",
    );
    check_plain(
        "
        Pasted from a form: https:\\\\example.com/c
                            ^^^^^^^^^^^^^^^^^^^^^ url/malformed: the URL's scheme is malformed (the slashes are backslashes): it should start `https://`
        ",
    );
    check_fix("Try https:// example.com/d today.\n", "Try https://example.com/d today.\n");
    check_fix("Try http//example.com/a today.\n", "Try http://example.com/a today.\n");
}

#[test]
fn www_link_without_scheme_in_markdown() {
    check(
        "
        Read [the story](www.example.com/story).
                         ^^^^^^^^^^^^^^^^^^^^^ url/malformed
        ",
    );
    check_fix("Read [the story](www.example.com/story).\n", "Read [the story](https://www.example.com/story).\n");
    assert!(!first_fix_is_safe(DocKind::Markdown, "Read [the story](www.example.com/story).\n"));
}

#[test]
fn empty_and_placeholder_destinations() {
    check(
        "
        Read [the story]() and [the other one](#).
             ^^^^^^^^^^^^^ url/malformed: the link has an empty destination: add the URL
                               ^^^^^^^^^^^^^^^^^^ url/malformed: the link points to `#`, a placeholder: add the URL
        ",
    );
}

#[test]
fn undefined_reference() {
    check(
        "
        As [the council said][minutes] and [the mayor][] did, per [the record][rec].
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^ url/malformed: the reference [minutes] has no definition: add `[minutes]: URL` or fix the label
                                           ^^^^^^^^^^^ url/malformed: the reference [the mayor] has no definition: add `[the mayor]: URL` or fix the label

        [rec]: https://example.com/record
        ",
    );
}

#[test]
fn spaces_inside_link_destinations() {
    check(
        "
        See [the filing](https://example.com/court filing.pdf) and [this](<https://example.com/a b>).
                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ url/malformed: the link destination contains a space, so the link is broken
                                                                           ^^^^^^^^^^^^^^^^^^^^^^^ url/malformed: the URL contains a space: a link stops there
        ",
    );
    check_fix("See [this](<https://example.com/a b>).\n", "See [this](<https://example.com/a%20b>).\n");
}

#[test]
fn link_with_a_title_is_not_a_space_in_the_url() {
    check("See [the filing](https://example.com/filing.pdf \"The filing\").\n");
}

#[test]
fn unbalanced_parentheses() {
    check(
        "
        The page https://en.wikipedia.org/wiki/Mercury_(planet and (https://en.wikipedia.org/wiki/Venus_(planet)).
                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ url/malformed
        ",
    );
}

#[test]
fn trailing_punctuation_in_a_link_destination() {
    check(
        "
        Read [the story](https://example.com/story.) and <https://example.com/other,>.
                         ^^^^^^^^^^^^^^^^^^^^^^^^^^ url/malformed: the URL ends with `.`, which is almost certainly punctuation, not part of the address
                                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^ url/malformed: the URL ends with `,`, which is almost certainly punctuation, not part of the address
        ",
    );
    check_fix("Read [it](https://example.com/story.).\n", "Read [it](https://example.com/story).\n");
}

#[test]
fn bare_url_with_trailing_punctuation_is_fine() {
    check(
        "
        Details are at https://example.com/story. More at (https://example.com/more), “https://example.com/q”.
        And https://example.com/a?b=c&d=e#top!
        ",
    );
}

#[test]
fn space_inside_the_host() {
    check_plain(
        "
        Visit https://www. example.com/story for more.
              ^^^^^^^^^^^ url/malformed: the URL's host `www` is incomplete: is there a space inside the URL?
        ",
    );
    check_fix_plain("Visit https://www. example.com/story now.\n", "Visit https://www.example.com/story now.\n");
}

#[test]
fn next_sentence_run_into_a_url() {
    check_plain(
        "
        The report is at https://example.com/report.The mayor disagreed.
                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ url/malformed
        ",
    );
}

#[test]
fn urls_in_code_html_and_shortcodes_are_not_prose() {
    check(
        "
        Run `curl htps://example.com/x` or see <a href=\"htps://example.com\">here</a>.

        ```
        htps://example.com/in-code
        ```

        {{< img src=\"htps://example.com/img.png\" >}} and [ref]({{< ref \"/x\" >}}).
        ",
    );
}

#[test]
fn localhost_and_ports_are_complete_hosts() {
    check("Run it at http://localhost:8080/x or http://127.0.0.1/y.\n");
}

#[test]
fn empty_query_and_fragment_ending_in_a_dot_are_not_punctuation() {
    check(
        "See [the store](https://example.com/webstore/?) and [the note](https://wiki.example.org/x#Notes-Released2009.).\n",
    );
}

#[test]
fn markdown_link_in_a_plain_text_file_does_not_swallow_the_next_word() {
    // Regression: `(…jpg)Agencies` was read as one URL with an unbalanced parenthesis.
    check_plain(
        "[photo](https://example.com/a/tools.jpg)Agencies have built tools. The [Army team (IG)](http://example.mil/x/) met.\n",
    );
}

#[test]
fn broken_markdown_link_with_a_space_in_a_plain_text_file() {
    check_plain(
        "
        * [Build your own app](http://forums.example.com/t5/Development/ Small-apps/ta-p/1189179) for beginners.
                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ url/malformed
        ",
    );
}
