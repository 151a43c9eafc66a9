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

#[test]
fn mixed_marks_past_ten_are_one_finding_with_one_fix_for_all() {
    // Eleven straight marks in a curly draft are a second style: one finding, at the first.
    check(
        "
        “We will rebuild,” Okafor said. “It’s our bridge, and it’s our town’s.”

        “We will rebuild,” Okafor said. “It’s our bridge, and it’s our town’s.”

        “We will rebuild,” Okafor said. “It’s our bridge, and it’s our town’s.”

        Hart said \"it's late\" and Lee said \"it's fine\" and Roe said \"no.\"
                  ^ quote/mixed-marks: 11 straight quotation marks and apostrophes in a draft that mostly uses curly ones (21 curly, 11 straight); this is the first
        Kim said it's done, and Bo's too, and Al's.
        ",
    );
    check_fix_with(
        DocKind::Markdown,
        Some("Change all 11 to curly"),
        "“We rebuild,” Okafor said. “It’s our bridge, it’s our town’s, it’s ours.”\n\n\
         “We rebuild,” Okafor said. “It’s our bridge, it’s our town’s, it’s ours.”\n\n\
         Hart said \"it's late\" and Lee said \"it's fine\" and Roe said \"no.\" Kim said it's done, Bo's, Al's.\n",
        "“We rebuild,” Okafor said. “It’s our bridge, it’s our town’s, it’s ours.”\n\n\
         “We rebuild,” Okafor said. “It’s our bridge, it’s our town’s, it’s ours.”\n\n\
         Hart said “it’s late” and Lee said “it’s fine” and Roe said “no.” Kim said it’s done, Bo’s, Al’s.\n",
    );
    // Ten are strays, each reported.
    check(
        "
        “We will rebuild,” Okafor said. “It’s our bridge, and it’s our town’s.”

        “We will rebuild,” Okafor said. “It’s our bridge, and it’s our town’s.”

        “We will rebuild,” Okafor said. “It’s our bridge, and it’s our town’s.”

        Hart said \"it's late\" and Lee said \"it's fine\" and Roe said \"no.\"
                  ^ quote/mixed-marks
                     ^ quote/mixed-marks
                            ^ quote/mixed-marks
                                           ^ quote/mixed-marks
                                              ^ quote/mixed-marks
                                                     ^ quote/mixed-marks
                                                                    ^ quote/mixed-marks
                                                                        ^ quote/mixed-marks
        Kim said it's done, and Bo's too.
                   ^ quote/mixed-marks
                                  ^ quote/mixed-marks
        ",
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

#[test]
fn attribute_values_and_link_titles_are_markup() {
    // Read as plain text, HTML attribute values are not quotations.
    check_plain(
        "
        <img alt=\"Two volunteers stacking sandbags by the river\" src=\"bags.jpg\">
        ",
    );
    // A Markdown link title is not a quotation either.
    check(
        "
        Read [the flood report](https://example.com/report \"What the river did to our town last spring\") first.
        ",
    );
    // Near-miss: a quotation after an equals sign with a space is still one.
    check_plain(
        "
        The sum = \"nobody could ever pay this back in one lifetime\" in the end.
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

#[test]
fn a_second_single_quotation_is_not_an_s_apostrophe() {
    // `thirds’` is a closing mark: another single quotation opens before the next `’`.
    check(
        "
        The ‘rule of thirds’ keeps the subject in frame, and the ‘head room’ keeps it calm.
        ",
    );
}

#[test]
fn speaker_after_modifiers_and_according_to_a_noun() {
    check(
        "
        “We open the gates at dawn and close them when the water drops,” said senior engineer Lee Hart.

        The gates worked, according to one inspector, “better than anyone on the council had hoped.”
        ",
    );
    // Near-miss: no speaker after the modifiers.
    check(
        "
        “We open the gates at dawn and close them when the water drops,” said early morning.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

#[test]
fn quotation_opening_a_blockquote_is_introduced_by_the_paragraph_before() {
    check(
        "
        “The levee held,” said Mayor Dana Okafor after the storm.

        > “We were one night away from losing the whole lower town.”
        ",
    );
    // Near-miss: the paragraph before names nobody.
    check(
        "
        The levee held after the storm.

        > “We were one night away from losing the whole lower town.”
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

#[test]
fn previous_sentence_ending_with_a_reporting_tag() {
    check(
        "
        The gauges are the whole early-warning system, said Okafor. “Without them we would be guessing.”
        ",
    );
    // Near-miss: the cue sits mid-sentence in the sentence before, neither leading nor a tag.
    check(
        "
        The old gauges along the river and the two creeks, which Okafor said were rusted, are still the whole system. “Without them we would be guessing.”
                                                                                                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

#[test]
fn rewordings_sayings_and_as_in_are_mentions() {
    check(
        "
        After the workshop, “we need more sandbags by Friday” became “we need a levee plan by spring.”

        Hart remembers the old adage, “a river always comes back for its floodplain.”

        Avoid the word “flood” as in “the office was flooded with calls from residents.”
        ",
    );
    // Near-miss: one quotation carried by the writer's own verb is not a rewording.
    check(
        "
        The budget line covers “repairs to the east levee and the pumps” on page four.
                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

#[test]
fn paragraph_before_ending_with_a_comma_or_a_dash_line_with_an_article() {
    check(
        "
        At the hearing the engineer stated,

        “The pumps failed because nobody had tested them since the last flood.”

        “Levee repairs will take two more summers, officials say.” — The River Gazette
        ",
    );
    // Near-miss: a paragraph ending with a comma but with no speaker and cue.
    check(
        "
        At the hearing, after a long wait,

        “The pumps failed because nobody had tested them since the last flood.”
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

#[test]
fn determiner_before_a_quotation_does_not_hide_the_cue_after_it() {
    // `that` before the quotation and `said` after it are not the noun phrase `that said`.
    check(
        "
        The exhibit carried one message, that “the river towns were built by people who planned ahead,” said curator Ana Ruiz.
        ",
    );
    // Near-miss: `that said` with nothing between is not a reporting verb with a speaker.
    check(
        "
        The exhibit carried one message. That said, “the river towns were built by people who planned ahead.”
                                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

#[test]
fn source_lines_via_and_from_and_an_email_as_speaker() {
    check(
        "
        “Every sandbag we filled that night came from a volunteer we had never met.” — via the county blog

        “Most calls came in after midnight, when the sirens started.” — From a dispatcher we interviewed

        The e-mail said, ‘Thank you for keeping the shelter open all week long.’
        ",
    );
    // Near-miss: a dash followed by lowercase words that are not a source line.
    check(
        "
        “Every sandbag we filled that night came from a volunteer we had never met.” — and nobody knew.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

#[test]
fn link_just_before_a_quotation_is_its_source() {
    check(
        "
        The county published its [flood plan](https://example.com/plan) with “a promise to rebuild the east levee before the next spring thaw.”
        ",
    );
    // Near-miss: the link is the subject of the sentence, with nothing between it and the quotation.
    check(
        "
        The new [county site](https://example.com/) “looks nothing like the old one, and nobody can find the forms.”
                                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

#[test]
fn saying_as_the_subject_with_a_contracted_verb_is_a_mention() {
    check(
        "
        “Measure twice and cut once, every time,” doesn’t help when the river is already rising.
        ",
    );
    // Near-miss: not the subject (the sentence starts before it), so someone's words after all.
    check(
        "
        Even now “Measure twice and cut once, every time” doesn’t help at all.
                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

/// In a draft that quotes with double marks, single marks at the top level set off a term or a
/// label; in a draft that quotes with single marks (British style) they are quotations.
#[test]
fn single_marks_quote_only_where_the_draft_quotes_with_them() {
    check(
        "
        “The bridge will reopen in the spring,” Okafor said.

        Fill in the ‘Single Audit finding data’ fields before you send the form.
        ",
    );
    check(
        "
        ‘The bridge will reopen in the spring,’ Okafor said.

        ‘We were never told about the cracks in the main span.’
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

/// A mission, vision, motto or slogan named as such, text to type, and a list of single words are
/// shown, not reported; the same words reported as speech still need a speaker.
#[test]
fn statements_named_as_such_and_word_lists_are_mentions() {
    check(
        "
        The agency’s mission is “deliver clean water to every home in the valley.”

        Its vision is broader — “a river town where no family goes without water.”

        The blog aims to help close “a gap between the engineers and the public.”

        Include “Register now for the bridge reopening” in the subject line.

        Put the “who, what, when, where, why and how” first.

        Answer the “who, what, when, where, why, and how” before anything else.

        Residents are weary. “We have waited three years for this bridge to open.”
                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

/// A survey or a study that `found that` is a source; so is a law that speaks for itself, or a
/// plan the sentence cites. A plan judged in the writer's words (`the plan is “…”`) is not.
#[test]
fn documents_as_sources_of_partial_quotations() {
    check(
        "
        A survey of 300 drivers found that “most of them avoid the bridge at night.”

        The law authorizes the council to “close any crossing that endangers the public.”

        The board committed in the plan that it would “publish every inspection report.”

        The plan is “a disaster for everyone who drives to work” and will fail.
                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

/// `This is how X describes it` after a quotation attributes it; `This is how the bridge looks`
/// does not.
#[test]
fn a_pointer_back_to_the_quotation_names_its_speaker() {
    check(
        "
        “A better way to cross the river at rush hour.” This is how engineer Lee Hart describes the new bridge.

        “A better way to cross the river at rush hour.” This is how the bridge looks from the bank.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

/// A credit under a pull quote or a photo (`Name image:`, `Name, "Title"`) attributes the
/// quotation; a sentence starting with a name and a comma does not.
#[test]
fn credit_lines_after_a_quotation() {
    check(
        "
        “The river will not stop for our budget.” Lee Hart image: Council photographer.

        “Nobody reads the inspection reports anymore.” Anonymous engineer, “Why bridges fail”

        “We were never told about the cracks in the span.” Customer service, the clerk said, was closed.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote/unattributed
        ",
    );
}

/// Stray HTML tags the Markdown parser did not take as HTML (a shortcode in an attribute) are
/// not prose: their attribute quotes are not quotation marks.
#[test]
fn html_tags_with_a_shortcode_in_an_attribute_are_not_prose() {
    check(
        r#"
        Read our <a href="{{< ref "2015-02-25-weak-links.md" >}}">guide to weak links in the chain</a> before you publish.
        "#,
    );
}

/// `ready to (digitally) “put pen to paper”`: a parenthetical word does not hide the lowercase
/// word of the writer's sentence before a short fragment.
#[test]
fn parenthetical_before_a_short_fragment() {
    check(
        "
        Now you are ready to (digitally) “put pen to paper” and write the brief.
        ",
    );
}
