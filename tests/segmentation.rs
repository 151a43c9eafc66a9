//! Segmentation: what of a draft is prose, where paragraphs are, and exact link ranges.

use copydesk::document::{BlockKind, FrontMatterFormat, LinkKind};
use copydesk::{DocKind, Document};

fn prose_words(doc: &Document<'_>) -> Vec<String> {
    doc.prose.split_whitespace().map(str::to_string).collect()
}

#[test]
fn prose_view_keeps_offsets_and_blanks_everything_else() {
    let text = "+++\ntitle = \"Budget\"\ndate = 2024-03-12\n+++\n\nThe *mayor* said `rm -rf` was <span class=\"x\">fine</span>.\n\n```\nquote \"inside code\"\n```\n\n{% include note.html %} Done {{< figure src=\"a.png\" >}}.\n";
    let doc = Document::parse(text, DocKind::Markdown);
    assert_eq!(doc.prose.len(), text.len());
    assert_eq!(doc.prose.matches('\n').count(), text.matches('\n').count(), "line breaks are kept");
    assert_eq!(prose_words(&doc), ["The", "mayor", "said", "was", "fine", ".", "Done", "."]);
    let fm = doc.front_matter.as_ref().unwrap();
    assert_eq!(fm.format, FrontMatterFormat::Toml);
    assert_eq!(fm.get("title").unwrap().value, "Budget");
    assert_eq!(&text[fm.get("date").unwrap().range.clone()], "2024-03-12");
}

#[test]
fn html_entities_are_decoded_in_place() {
    let text = "She said &#8220;no&#8221; &amp; left.\n";
    let doc = Document::parse(text, DocKind::Markdown);
    let open = text.find("&#8220;").unwrap();
    assert_eq!(&doc.prose[open..open + 3], "“");
    assert_eq!(prose_words(&doc), ["She", "said", "“", "no”", "&", "left."]);
}

#[test]
fn links_of_every_kind_with_exact_destination_ranges() {
    let text = "See [a](https://a.example/x \"T\"), ![img](https://b.example/i.png), <https://c.example/>, \
                [ref][r], [b](<https://d.example/a b>) and https://e.example/y.\n\n[r]: https://f.example/z\n";
    let doc = Document::parse(text, DocKind::Markdown);
    let got: Vec<(LinkKind, bool, &str)> = doc.links.iter().map(|l| (l.kind, l.image, doc.link_dest(l))).collect();
    assert_eq!(
        got,
        [
            (LinkKind::Inline, false, "https://a.example/x"),
            (LinkKind::Inline, true, "https://b.example/i.png"),
            (LinkKind::Autolink, false, "https://c.example/"),
            (LinkKind::Inline, false, "https://d.example/a b"),
            (LinkKind::Bare, false, "https://e.example/y"),
            (LinkKind::Definition, false, "https://f.example/z"),
        ]
    );
    // Link text is prose; the destination and the image's alt text are not.
    assert!(prose_words(&doc).contains(&"ref".to_string()));
    assert!(!doc.prose.contains("a.example"));
    assert!(!doc.prose.contains("img"));
}

#[test]
fn blocks_know_paragraphs_headings_items_cells_and_blockquotes() {
    let text = "# Head\n\nPara one\ncontinues.\n\n> Quoted para\n> > nested\n\n- item one\n- item two\n\n| a | b |\n|---|---|\n| c | d |\n";
    let doc = Document::parse(text, DocKind::Markdown);
    let blocks: Vec<(BlockKind, u16, &str)> =
        doc.blocks.iter().map(|b| (b.kind, b.quote_depth, &text[b.range.clone()])).collect();
    assert_eq!(
        blocks,
        [
            (BlockKind::Heading, 0, "# Head\n"),
            (BlockKind::Paragraph, 0, "Para one\ncontinues.\n"),
            (BlockKind::Paragraph, 1, "Quoted para\n"),
            (BlockKind::Paragraph, 2, "nested\n"),
            (BlockKind::ListItem, 0, "item one"),
            (BlockKind::ListItem, 0, "item two"),
            (BlockKind::TableCell, 0, " a "),
            (BlockKind::TableCell, 0, " b "),
            (BlockKind::TableCell, 0, " c "),
            (BlockKind::TableCell, 0, " d "),
        ]
    );
    assert_eq!(doc.block_at(text.find("continues").unwrap()).unwrap().kind, BlockKind::Paragraph);
    assert!(doc.block_at(text.find("\n\n>").unwrap() + 1).is_none());
}

#[test]
fn plain_text_is_all_prose_except_comments_and_shortcodes() {
    let text = "\u{feff}Title line\n\nA hard-wrapped\n paragraph with a stray space.\r\n\r\n<!-- copydesk-disable -->\nLast {{< x >}}.";
    let doc = Document::parse(text, DocKind::Plain);
    assert_eq!(doc.prose.len(), text.len());
    assert!(!doc.prose.contains('\u{feff}'));
    let paras: Vec<&str> = doc.blocks.iter().map(|b| &text[b.range.clone()]).collect();
    assert_eq!(paras[1], "A hard-wrapped\n paragraph with a stray space.");
    assert_eq!(doc.comments.len(), 1);
    assert_eq!(prose_words(&doc).last().unwrap(), ".");
}

#[test]
fn comments_inside_code_are_not_comments() {
    let text = "Use `<!-- copydesk-disable -->` to disable.\n\n```\n<!-- not a comment -->\n```\n\n<!-- real -->\n";
    let doc = Document::parse(text, DocKind::Markdown);
    assert_eq!(doc.comments.len(), 1);
    assert_eq!(&text[doc.comments[0].range.clone()], "<!-- real -->");
}
