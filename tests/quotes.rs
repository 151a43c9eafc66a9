//! `quote/*`: fixtures in our own words. Every layout of the issue, near-misses that must stay
//! silent, and the fixes.

mod common;

use common::{check, check_fix_with, check_plain, check_with};
use copydesk::quotes::{self, SpeakerKind, Status, Via};
use copydesk::{Config, DocKind, Document};

#[test]
fn attributed_layouts_stay_silent() {
    check(
        "
        “We will rebuild the bridge before winter,” Mayor Dana Okafor said on Monday.

        Okafor said, “The money for the bridge is already in the budget.”

        “The detour will add twenty minutes,” said the city engineer, “but only for a month.”

        “Nobody expected the water to rise so fast,” Okafor said. “We were lucky this time.”

        The council wrote in a statement: “The bridge will reopen to traffic in the spring.”

        Residents are worried, according to Lee Hart: “The bakery cannot survive a long closure.”

        The engineer told reporters the repairs “will take at least six weeks of work” to finish.

        “Where is the money for the detour coming from?” Hart asked.

        “We will not wait for another flood to come!” Okafor added.
        ",
    );
}

#[test]
fn unattributed_quotation_in_every_position() {
    check(
        "
        The council met on Monday.

        “We will rebuild the bridge before winter.”
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed

        The plan is “a disaster for everyone who drives to work” and will fail.
                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed

        The vote passed (“a great day for the whole river town”) on Monday.
                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

#[test]
fn short_phrases_and_titles_are_not_quotations() {
    check(
        "
        Officials called the closure a “temporary measure” on Monday.

        The report, “Bridges of the River Valley”, came out in May.

        She read a book titled “How we kept the lights on” last year.

        Click the “Report a pothole on your street” button to start.
        ",
    );
}

#[test]
fn apostrophes_inches_and_ditto_marks_are_not_quotation_marks() {
    check(
        "
        Kyiv’s forces and the players’ union met in the ’90s and in the ’80s.

        The crew laid a 6\" pipe and a 12\" drain under the road.

        | Item  | Size |
        |-------|------|
        | Pipe  | 6\"   |
        | Drain | \"    |
        ",
    );
}

#[test]
fn quotation_spanning_a_line_wrap_in_plain_text() {
    check_plain(
        "
        “We will rebuild the bridge before the
        winter comes,” Mayor Dana Okafor said.

        “Nobody has shown us a plan for the
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        detour.”
        ",
    );
}

#[test]
fn speaker_in_the_next_sentence_after_a_paragraph_ending_quote() {
    check(
        "
        The town waited for news. “The water is still rising near the mill.”

        Okafor told reporters on Monday night.
        ",
    );
}

#[test]
fn next_sentence_with_a_clause_of_its_own_does_not_attribute() {
    check(
        "
        The town waited for news. “The water is still rising near the mill.”
                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed

        Okafor said the crews would work through the night.
        ",
    );
}

#[test]
fn short_lowercase_fragment_in_the_writers_sentence_is_a_term() {
    check(
        "
        The group’s mission is to “keep the river clean” for the town.
        ",
    );
}

#[test]
fn multi_paragraph_quotation_is_covered_by_one_attribution() {
    check(
        "
        Okafor said: “The bridge will be rebuilt before the winter, and the money is there.

        “We have asked the state for a second crew to speed up the work.”
        ",
    );
    check(
        "
        “The bridge will be rebuilt before the winter, and the money is there.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed

        “We have asked the state for a second crew to speed up the work.”
        ",
    );
}

#[test]
fn unclosed_quotation() {
    check_with(
        DocKind::Markdown,
        "",
        "
        Okafor said, “The bridge will be rebuilt before the winter comes.
                     ^ quote/unclosed: this quotation opens with “ and is never closed: close it, or open the next paragraph with “ if the quotation continues

        The council meets again in May.
        ",
    );
}

#[test]
fn blockquote_with_and_without_attribution() {
    check(
        "
        The mayor wrote to the council:

        > The bridge will be rebuilt before the winter, whatever it costs the town.

        Some text in between.

        > The river has never risen this fast in a hundred years of records.
        >
        > — Lee Hart

        Another paragraph here.

        > The river has never risen this fast in a hundred years of records.
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

#[test]
fn unnamed_speaker() {
    check(
        "
        “Nobody expected the water to rise so fast,” he said.
                                                     ^^ quote/unnamed-speaker

        Mayor Dana Okafor visited the mill. “We were lucky this time,” she said.
        ",
    );
}

#[test]
fn mixed_marks_are_redrawn_in_the_majority_style() {
    check(
        "
        “We will rebuild,” Okafor said on the town’s radio. “It’s our bridge.”

        Hart said \"the bakery can wait for the money to come in.\"
                  ^ quote/mixed-marks
                                                                ^ quote/mixed-marks
        ",
    );
    check_fix_with(
        DocKind::Markdown,
        Some("Change to ’"),
        "“We will rebuild the bridge,” Okafor said. “It’s ours and it's the town’s.”\n",
        "“We will rebuild the bridge,” Okafor said. “It’s ours and it’s the town’s.”\n",
    );
}

fn attribute(kind: DocKind, title: &str, before: &str, after: &str) {
    check_fix_with(kind, Some(title), before, after);
}

#[test]
fn attribute_fix_repairs_the_punctuation_in_every_layout() {
    let intro = "Defense Ministry spokesman Igor Konashenkov said the strikes hit their targets.\n\n";
    let cases = [
        ("“We will rebuild the bridge.”", "“We will rebuild the bridge,” Konashenkov said."),
        ("“Where is the money for the bridge?”", "“Where is the money for the bridge?” Konashenkov said."),
        ("“We will never give up on this town!”", "“We will never give up on this town!” Konashenkov said."),
        ("“We will rebuild the bridge and then—”", "“We will rebuild the bridge and then—” Konashenkov said."),
        (
            "The plan is “a disaster for everyone who drives” and will fail.",
            "The plan is “a disaster for everyone who drives” and will fail, Konashenkov said.",
        ),
        (
            "The vote passed (“a great day for the whole river town.”)",
            "The vote passed (“a great day for the whole river town,” Konashenkov said.)",
        ),
    ];
    for (before, after) in cases {
        let b = format!("{intro}{before}\n");
        let a = format!("{intro}{after}\n");
        let b = b
            .replace(
                "Igor Konashenkov said the strikes",
                "Igor Konashenkov said “the strikes hit the depots and the trains,”",
            )
            .replace("hit their targets.", "and left.");
        let a = a
            .replace(
                "Igor Konashenkov said the strikes",
                "Igor Konashenkov said “the strikes hit the depots and the trains,”",
            )
            .replace("hit their targets.", "and left.");
        attribute(DocKind::Markdown, "Attribute to Konashenkov", &b, &a);
        attribute(
            DocKind::Markdown,
            "Add attribution placeholder",
            &b,
            &a.replace("Konashenkov said.", "[SOURCE] said.").replace(", Konashenkov said", ", [SOURCE] said"),
        );
    }
}

#[test]
fn attribute_fix_with_straight_marks() {
    attribute(
        DocKind::Plain,
        "Attribute to Konashenkov",
        "Spokesman Igor Konashenkov said \"the strikes hit the depots and the trains.\"\n\n\"We will rebuild the bridge.\"\n",
        "Spokesman Igor Konashenkov said \"the strikes hit the depots and the trains.\"\n\n\"We will rebuild the bridge,\" Konashenkov said.\n",
    );
}

#[test]
fn mark_as_not_needing_attribution_inserts_a_suppression() {
    attribute(
        DocKind::Plain,
        "Mark as not needing attribution",
        "The council met.\n\n“We will rebuild the bridge before winter.”\n",
        "The council met.\n\n<!-- copydesk-disable-next-line quote/unattributed -- REASON -->\n“We will rebuild the bridge before winter.”\n",
    );
    attribute(
        DocKind::Markdown,
        "Mark as not needing attribution",
        "The council met on Monday and\nvoted. “We will rebuild the bridge before winter.”\n",
        "The council met on Monday and <!-- copydesk-disable-next-line quote/unattributed -- REASON -->\nvoted. “We will rebuild the bridge before winter.”\n",
    );
}

#[test]
fn sources_lists_who_is_quoted() {
    let text = "\
Defense Ministry spokesman Igor Konashenkov said “the strikes hit the depots and the trains.”

“There are losses on the other side too,” Konashenkov said in the briefing.

“No military facilities were hit by the strikes,” President Volodymyr Zelenskiy wrote on Twitter.
";
    let doc = Document::parse(text, DocKind::Markdown);
    let s = quotes::sources(&doc, &Config::default());
    let got: Vec<(String, String, usize)> =
        s.iter().map(|s| (s.speaker.clone(), s.first_reference.clone(), s.quotes.len())).collect();
    assert_eq!(
        got,
        [
            ("Konashenkov".to_string(), "Defense Ministry spokesman Igor Konashenkov".to_string(), 2),
            ("Zelenskiy".to_string(), "President Volodymyr Zelenskiy".to_string(), 1),
        ]
    );
    assert!(s.iter().all(|s| s.kind == SpeakerKind::Name));
}

#[test]
fn hover_explains_how_a_quote_was_attributed() {
    let text = "“We will rebuild the bridge,” Okafor said. “It will take a year of work.”\n";
    let doc = Document::parse(text, DocKind::Markdown);
    let a = quotes::analyze(&doc, &Config::default().quotes);
    let second = quotes::quote_at(&a, text.find("It will").unwrap()).unwrap();
    match &second.status {
        Status::Attributed(att) => {
            assert_eq!(att.via, Via::SplitQuote);
            assert_eq!(att.speaker.name, "Okafor");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        second.explain(text),
        "Quotation attributed to Okafor: “said” by the quotation before it in the paragraph"
    );
}

#[test]
fn config_verbs_and_short_quote_words() {
    check_with(
        DocKind::Markdown,
        "[quotes]\nextra_verbs = [\"grumble\"]\n",
        "“The bridge should have been fixed years ago,” Hart grumbled.\n",
    );
    check_with(
        DocKind::Markdown,
        "[quotes]\nignore_verbs = [\"say\"]\n",
        "
        “The bridge should have been fixed years ago,” Hart said.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
    check_with(
        DocKind::Markdown,
        "[quotes]\nshort_quote_words = 8\n",
        "The plan is “a disaster for everyone who drives to work” and will fail.\n",
    );
}

#[test]
fn entity_encoded_marks_keep_the_whole_entity_in_ranges() {
    // Regression: a closing mark written as `&#8221;` had a 3-byte range inside the entity.
    let text = "&#8220;We will rebuild the bridge before winter.&#8221;\n";
    let doc = Document::parse(text, DocKind::Markdown);
    let a = quotes::analyze(&doc, &Config::default().quotes);
    assert_eq!(&text[a.quotes[0].close.clone().unwrap()], "&#8221;");
}

#[test]
fn capitalised_states_is_not_a_reporting_verb() {
    // Regression: "United States" was read as the verb "states".
    check(
        "
        The rules match the United States. “Salt should have iodine added to it by law.”
                                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}
