//! A parsed draft: the text, its line index, and what of it is prose.
//!
//! Segmentation happens once per check run, here. Checks read [`Document::prose`], a copy of the
//! text **of exactly the same length** in which everything that is not prose (code, HTML, comments,
//! front matter, link destinations, shortcodes, Markdown syntax) is blanked to spaces, line breaks
//! kept. So a byte offset in the prose is the same byte offset in the text, and a check never
//! maps offsets. An HTML entity in Markdown (`&#8220;`) is written decoded at its first byte
//! (`“` followed by spaces), so checks see the character the reader sees.
//!
//! Paragraph boundaries are [`Document::blocks`]; links, with exact ranges, [`Document::links`].

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use crate::position::LineIndex;

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// CommonMark with tables, footnotes, strikethrough and front matter.
    Markdown,
    /// Plain text: paragraphs are separated by blank lines; a single line break is a soft wrap.
    Plain,
}

/// A paragraph-like unit of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte range in the text, from the first to the last prose byte.
    pub range: Range<usize>,
    pub kind: BlockKind,
    /// How many Markdown blockquotes enclose it (0 outside any).
    pub quote_depth: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// The text of a tight list item (no paragraph of its own).
    ListItem,
    TableCell,
}

/// How a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](dest)` or `![alt](dest)`.
    Inline,
    /// `[label]: dest` — reference links take their destination from here.
    Definition,
    /// `<https://…>`.
    Autolink,
    /// A URL standing in the prose (`https://…` or `www.…`).
    Bare,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    /// The whole construct (`[text](dest)`, the definition line, the bare URL).
    pub range: Range<usize>,
    /// Exactly the destination as written in the text. Empty (at the right place) for `[x]()`.
    pub dest: Range<usize>,
    /// `true` for images (`![alt](src)`).
    pub image: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterFormat {
    Yaml,
    Toml,
}

/// One top-level `key: value` (YAML) or `key = value` (TOML) of the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: String,
    /// The value as a plain string (quotes removed).
    pub value: String,
    /// Range of the value in the text.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub format: FrontMatterFormat,
    pub range: Range<usize>,
    pub fields: Vec<Field>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// An HTML comment (`<!-- … -->`), where suppressions live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub range: Range<usize>,
    /// The text between `<!--` and `-->`.
    pub body: Range<usize>,
}

/// A Markdown reference that has no definition (`[text][missing]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenRef {
    pub range: Range<usize>,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Document<'t> {
    pub text: &'t str,
    pub kind: DocKind,
    /// Line starts, for the few checks that look at whole lines: built on first use ([`Self::lines`]).
    lines: std::sync::OnceLock<LineIndex>,
    /// Same length as `text`; non-prose blanked (see the module doc).
    pub prose: String,
    /// Paragraph-like blocks in text order.
    pub blocks: Vec<Block>,
    /// Links in text order of their start.
    pub links: Vec<Link>,
    pub front_matter: Option<FrontMatter>,
    pub comments: Vec<Comment>,
    pub broken_refs: Vec<BrokenRef>,
}

impl<'t> Document<'t> {
    /// The text's line index, built on first use (most drafts never need it in the engine).
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.text))
    }

    pub fn parse(text: &'t str, kind: DocKind) -> Document<'t> {
        let mut doc = Document {
            text,
            kind,
            lines: std::sync::OnceLock::new(),
            prose: String::new(),
            blocks: Vec::new(),
            links: Vec::new(),
            front_matter: None,
            comments: Vec::new(),
            broken_refs: Vec::new(),
        };
        let mut prose = blank(text);
        let mut code: Vec<Range<usize>> = Vec::new();
        match kind {
            DocKind::Markdown => parse_markdown(&mut doc, &mut prose, &mut code),
            DocKind::Plain => {
                prose.copy_from_slice(text.as_bytes());
                // A byte-order mark is not prose.
                if text.starts_with('\u{feff}') {
                    prose[..3].fill(b' ');
                }
                doc.blocks = plain_paragraphs(text);
            }
        }
        doc.comments = find_comments(text, &Cover::new(code));
        for c in &doc.comments {
            blank_range(&mut prose, c.range.clone());
        }
        blank_shortcodes(&mut prose);
        if kind == DocKind::Markdown {
            blank_stray_tags(&mut prose);
        }
        // Every byte written into `prose` came from whole characters of valid UTF-8 or was a
        // space, so this never fails; fall back to lossy rather than panic all the same.
        doc.prose = match String::from_utf8(prose) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        let in_links = Cover::new(doc.links.iter().map(|l| l.range.clone()).collect());
        for url in find_bare_urls(&doc.prose) {
            if !in_links.contains(url.clone()) {
                doc.links.push(Link { kind: LinkKind::Bare, range: url.clone(), dest: url, image: false });
            }
        }
        doc.links.sort_by_key(|l| (l.range.start, l.range.end));
        doc
    }

    /// The source text of a range.
    pub fn slice(&self, range: Range<usize>) -> &'t str {
        &self.text[range]
    }

    /// The destination of a link as written.
    pub fn link_dest(&self, link: &Link) -> &'t str {
        &self.text[link.dest.clone()]
    }

    /// The block containing `offset`, if any.
    pub fn block_at(&self, offset: usize) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.range.end <= offset);
        self.blocks.get(i).filter(|b| b.range.start <= offset)
    }
}

/// Spaces in place of every byte but line ends.
fn blank(text: &str) -> Vec<u8> {
    text.bytes().map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' }).collect()
}

fn blank_range(prose: &mut [u8], range: Range<usize>) {
    for b in &mut prose[range] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

fn parse_markdown(doc: &mut Document<'_>, prose: &mut [u8], code: &mut Vec<Range<usize>>) {
    let text = doc.text;
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut broken = Vec::new();
    let callback = |link: pulldown_cmark::BrokenLink<'_>| {
        if matches!(link.link_type, LinkType::Reference | LinkType::Collapsed) {
            broken.push(BrokenRef { range: link.span.clone(), label: link.reference.to_string() });
        }
        None::<(CowStr<'_>, CowStr<'_>)>
    };
    let parser = Parser::new_with_broken_link_callback(text, opts, Some(callback)).into_offset_iter();
    for (_label, def) in parser.reference_definitions().iter() {
        let dest = find_dest(text, def.span.clone(), &def.dest, true);
        doc.links.push(Link { kind: LinkKind::Definition, range: def.span.clone(), dest, image: false });
    }

    // Containers open around the current event, innermost last.
    let mut stack: Vec<Container> = Vec::new();
    let mut quote_depth: u16 = 0;
    let mut skip_text = 0usize; // inside code blocks, metadata, image alt text
    let mut implicit: Option<usize> = None; // index into doc.blocks of an open tight-item block
    let mut metadata: Option<(MetadataBlockKind, Range<usize>)> = None;

    for (event, range) in parser {
        match event {
            Event::Start(tag) => {
                implicit = match tag {
                    Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Link { .. }
                    | Tag::Superscript
                    | Tag::Subscript => implicit,
                    _ => None,
                };
                match &tag {
                    Tag::Paragraph => push_block(doc, range.clone(), BlockKind::Paragraph, quote_depth),
                    Tag::Heading { .. } => push_block(doc, range.clone(), BlockKind::Heading, quote_depth),
                    Tag::TableCell => push_block(doc, range.clone(), BlockKind::TableCell, quote_depth),
                    Tag::BlockQuote(_) => quote_depth += 1,
                    Tag::CodeBlock(_) => {
                        code.push(range.clone());
                        skip_text += 1;
                    }
                    Tag::MetadataBlock(kind) => {
                        metadata = Some((*kind, range.clone()));
                        skip_text += 1;
                    }
                    Tag::Image { dest_url, .. } => {
                        let dest = find_dest(text, range.clone(), dest_url, false);
                        doc.links.push(Link { kind: LinkKind::Inline, range: range.clone(), dest, image: true });
                        skip_text += 1;
                    }
                    Tag::Link { link_type, dest_url, .. } => match link_type {
                        LinkType::Autolink | LinkType::Email => {
                            let dest = (range.start + 1)..(range.end - 1).max(range.start + 1);
                            doc.links.push(Link { kind: LinkKind::Autolink, range: range.clone(), dest, image: false });
                        }
                        LinkType::Inline => {
                            let dest = find_dest(text, range.clone(), dest_url, false);
                            doc.links.push(Link { kind: LinkKind::Inline, range: range.clone(), dest, image: false });
                        }
                        // Reference links: the definition carries the destination.
                        _ => {}
                    },
                    _ => {}
                }
                stack.push(Container::of(&tag));
            }
            Event::End(end) => {
                stack.pop();
                implicit = match end {
                    TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Superscript
                    | TagEnd::Subscript => implicit,
                    _ => None,
                };
                match end {
                    TagEnd::BlockQuote(_) => quote_depth = quote_depth.saturating_sub(1),
                    TagEnd::CodeBlock | TagEnd::Image => skip_text = skip_text.saturating_sub(1),
                    TagEnd::MetadataBlock(_) => {
                        skip_text = skip_text.saturating_sub(1);
                        if let Some((kind, r)) = metadata.take() {
                            doc.front_matter = Some(parse_front_matter(text, kind, r));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if skip_text > 0 {
                    continue;
                }
                copy_prose(text, prose, range.clone(), &t);
                if stack.last() == Some(&Container::Item) || implicit.is_some() {
                    match implicit {
                        Some(i) => doc.blocks[i].range.end = range.end,
                        None => {
                            doc.blocks.push(Block { range: range.clone(), kind: BlockKind::ListItem, quote_depth });
                            implicit = Some(doc.blocks.len() - 1);
                        }
                    }
                }
            }
            Event::Code(_) => code.push(range),
            Event::InlineMath(_) | Event::DisplayMath(_) => code.push(range),
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
            Event::SoftBreak | Event::HardBreak | Event::Rule | Event::TaskListMarker(_) => {}
        }
    }
    doc.broken_refs = broken;
    doc.blocks.sort_by_key(|b| b.range.start);
}

#[derive(Debug, PartialEq, Eq)]
enum Container {
    Item,
    Other,
}

impl Container {
    fn of(tag: &Tag<'_>) -> Container {
        if matches!(tag, Tag::Item) { Container::Item } else { Container::Other }
    }
}

fn push_block(doc: &mut Document<'_>, range: Range<usize>, kind: BlockKind, quote_depth: u16) {
    doc.blocks.push(Block { range, kind, quote_depth });
}

/// Write a Text event into the prose view: verbatim when it is verbatim, decoded (and padded)
/// when it came from an entity or escape.
fn copy_prose(text: &str, prose: &mut [u8], range: Range<usize>, t: &str) {
    let src = &text.as_bytes()[range.clone()];
    if src == t.as_bytes() {
        prose[range].copy_from_slice(src);
    } else if t.len() <= range.len() {
        let start = range.start;
        prose[start..start + t.len()].copy_from_slice(t.as_bytes());
        blank_range(prose, start + t.len()..range.end);
    } else {
        prose[range].copy_from_slice(src);
    }
}

/// Locate a link destination inside the link's source range. `dest` is pulldown-cmark's
/// (unescaped) destination; when it does not appear verbatim, the range after `](` is used.
fn find_dest(text: &str, range: Range<usize>, dest: &str, definition: bool) -> Range<usize> {
    let src = &text[range.clone()];
    // Inline links and images: the destination follows the last `](` that is followed by it.
    let after = if definition {
        match src.find("]:") {
            Some(i) => i + 2,
            None => 0,
        }
    } else {
        match src.rfind("](") {
            Some(i) => i + 2,
            None => return range.end..range.end,
        }
    };
    let rest = &src[after..];
    let skip = rest.len() - rest.trim_start().len();
    let mut start = after + skip;
    let body = &src[start..];
    let body = if let Some(stripped) = body.strip_prefix('<') {
        start += 1;
        stripped
    } else {
        body
    };
    if !dest.is_empty() && body.starts_with(dest) {
        return range.start + start..range.start + start + dest.len();
    }
    // Escaped or entity-encoded destination: take the token up to whitespace, `>` or the closing paren.
    let mut depth = 0i32;
    let mut end = body.len();
    for (i, c) in body.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 && !definition => {
                end = i;
                break;
            }
            ')' => depth -= 1,
            '>' | ' ' | '\t' | '\n' | '\r' => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    range.start + start..range.start + start + end
}

/// The front matter's top-level scalar fields, read by a real parser: the `toml` crate for `+++`,
/// `yaml-rust2` for `---`. A key in a sub-table (`[params]`, a nested map) is that table's, not
/// the draft's; a string inside a multi-line string is no key. A block the parser gives up on
/// keeps the fields read before the error.
fn parse_front_matter(text: &str, kind: MetadataBlockKind, range: Range<usize>) -> FrontMatter {
    let format = match kind {
        MetadataBlockKind::YamlStyle => FrontMatterFormat::Yaml,
        MetadataBlockKind::PlusesStyle => FrontMatterFormat::Toml,
    };
    let body = front_matter_body(text, range.clone());
    let mut fields = match format {
        FrontMatterFormat::Toml => toml_fields(text, body),
        FrontMatterFormat::Yaml => yaml_fields(text, body),
    };
    fields.sort_by_key(|f| f.range.start);
    FrontMatter { format, range, fields }
}

/// The front matter block without its opening and closing delimiter lines.
fn front_matter_body(text: &str, range: Range<usize>) -> Range<usize> {
    let block = &text[range.clone()];
    let start = block.find('\n').map_or(block.len(), |i| i + 1);
    let content = block[start..].trim_end();
    let last = content.rfind('\n').map_or(0, |i| i + 1);
    let closer = &content[last..];
    let end = if !closer.is_empty() && closer.chars().all(|c| matches!(c, '-' | '+' | '.')) {
        start + last
    } else {
        block.len()
    };
    range.start + start..range.start + end.max(start)
}

/// A scalar's value and the byte range of `value` in `text` at or after `at` on its line (inside
/// its quotes); the rest of the line when the value is not written as is (escapes, folding).
fn scalar_field(text: &str, key: &str, value: String, at: usize) -> Field {
    let line_end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    let range = match text[at..line_end].find(value.as_str()) {
        Some(i) if !value.is_empty() => at + i..at + i + value.len(),
        _ => at..at + text[at..line_end].trim_end().len(),
    };
    Field { key: key.to_string(), value, range }
}

fn toml_fields(text: &str, body: Range<usize>) -> Vec<Field> {
    use toml::de::{DeTable, DeValue};
    let (table, _errors) = DeTable::parse_recoverable(&text[body.clone()]);
    let mut fields = Vec::new();
    for (key, value) in table.get_ref() {
        let span = value.span();
        let at = body.start + span.start;
        let value = match value.get_ref() {
            DeValue::Table(_) | DeValue::Array(_) => continue,
            DeValue::String(s) => s.to_string(),
            _ => text[at..body.start + span.end].to_string(),
        };
        fields.push(scalar_field(text, key.get_ref(), value, at));
    }
    fields
}

fn yaml_fields(text: &str, body: Range<usize>) -> Vec<Field> {
    use yaml_rust2::parser::{Event, Parser};
    let src = &text[body.clone()];
    // The parser's marks count characters; fields are byte ranges.
    let bytes_at: Vec<usize> = src.char_indices().map(|(i, _)| i).chain([src.len()]).collect();
    let byte = |mark: usize| body.start + bytes_at[mark.min(bytes_at.len() - 1)];
    let mut parser = Parser::new_from_str(src);
    let mut fields = Vec::new();
    // Nesting depth (1 inside the top-level map) and the key waiting for its value.
    let (mut depth, mut key): (usize, Option<String>) = (0, None);
    while let Ok((event, mark)) = parser.next_token() {
        match event {
            Event::StreamEnd => break,
            // Front matter that is a list or a scalar has no fields.
            Event::SequenceStart(..) | Event::Scalar(..) if depth == 0 => break,
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
                if depth == 2 {
                    key = None; // a nested value: not a field, and its keys are not the draft's
                }
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            Event::Scalar(v, ..) if depth == 1 => match key.take() {
                None => key = Some(v),
                Some(k) => fields.push(scalar_field(text, &k, v, byte(mark.index()))),
            },
            Event::Alias(_) if depth == 1 => key = key.map_or(Some(String::new()), |_| None),
            _ => {}
        }
    }
    fields
}

/// Plain text: blocks are runs of non-blank lines.
fn plain_paragraphs(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                blocks.push(Block { range: s..last_end, kind: BlockKind::Paragraph, quote_depth: 0 });
            }
        } else {
            let lead = content.len() - content.trim_start().len();
            if start.is_none() {
                start = Some(pos + lead);
            }
            last_end = pos + content.trim_end().len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        blocks.push(Block { range: s..last_end, kind: BlockKind::Paragraph, quote_depth: 0 });
    }
    blocks
}

/// HTML comments, except those inside code.
fn find_comments(text: &str, code: &Cover) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut from = 0;
    let finder = memchr::memmem::Finder::new("<!--");
    while let Some(i) = finder.find(&text.as_bytes()[from..]) {
        let start = from + i;
        let body_start = start + 4;
        let (body_end, end) = match text[body_start..].find("-->") {
            Some(j) => (body_start + j, body_start + j + 3),
            None => (text.len(), text.len()),
        };
        if !code.contains(start..start + 1) {
            out.push(Comment { range: start..end, body: body_start..body_end });
        }
        from = end.max(start + 4);
    }
    out
}

/// A set of ranges that answers "is this range inside one of them?" in logarithmic time.
struct Cover {
    /// Sorted by start.
    starts: Vec<usize>,
    /// `max_end[i]`: the largest end among the first `i + 1` ranges.
    max_end: Vec<usize>,
}

impl Cover {
    fn new(mut ranges: Vec<Range<usize>>) -> Cover {
        ranges.sort_by_key(|r| r.start);
        let mut max = 0;
        let max_end = ranges
            .iter()
            .map(|r| {
                max = max.max(r.end);
                max
            })
            .collect();
        Cover { starts: ranges.iter().map(|r| r.start).collect(), max_end }
    }

    /// Whether some range starts at or before `r.start` and ends at or after `r.end`.
    fn contains(&self, r: Range<usize>) -> bool {
        let i = self.starts.partition_point(|&s| s <= r.start);
        i > 0 && self.max_end[i - 1] >= r.end
    }
}

/// Blank Hugo and Jekyll shortcodes and template tags: `{{< … >}}`, `{{% … %}}`, `{{ … }}`, `{% … %}`.
fn blank_shortcodes(prose: &mut [u8]) {
    const LIMIT: usize = 4096;
    let mut i = 0;
    while let Some(rel) = memchr::memchr(b'{', &prose[i..]) {
        let start = i + rel;
        let close: &[u8] = match prose.get(start + 1) {
            Some(b'{') => b"}}",
            Some(b'%') => b"%}",
            _ => {
                i = start + 1;
                continue;
            }
        };
        let window_end = (start + LIMIT).min(prose.len());
        match memchr::memmem::find(&prose[start + 2..window_end], close) {
            Some(j) => {
                let end = start + 2 + j + 2;
                blank_range(prose, start..end);
                i = end;
            }
            None => i = start + 2,
        }
    }
}

/// HTML tags the Markdown parser left in the prose: a tag whose attribute held a shortcode
/// (`<a href="{{< ref "…" >}}">`) is not HTML to it, and its attribute quotes would read as
/// quotation marks. Run after [`blank_shortcodes`]; only known element names, closed on the same
/// paragraph.
fn blank_stray_tags(prose: &mut [u8]) {
    const ELEMENTS: &[&[u8]] = &[
        b"a",
        b"abbr",
        b"b",
        b"blockquote",
        b"br",
        b"button",
        b"caption",
        b"cite",
        b"code",
        b"div",
        b"em",
        b"figcaption",
        b"figure",
        b"font",
        b"h1",
        b"h2",
        b"h3",
        b"h4",
        b"h5",
        b"h6",
        b"hr",
        b"i",
        b"iframe",
        b"img",
        b"li",
        b"ol",
        b"p",
        b"pre",
        b"section",
        b"small",
        b"source",
        b"span",
        b"strong",
        b"sub",
        b"sup",
        b"table",
        b"tbody",
        b"td",
        b"th",
        b"thead",
        b"tr",
        b"u",
        b"ul",
        b"video",
    ];
    const LIMIT: usize = 2048;
    let mut i = 0;
    while let Some(rel) = memchr::memchr(b'<', &prose[i..]) {
        let start = i + rel;
        i = start + 1;
        let name_start = start + 1 + usize::from(prose.get(start + 1) == Some(&b'/'));
        let mut name_end = name_start;
        while name_end < prose.len() && prose[name_end].is_ascii_alphanumeric() && name_end - name_start < 12 {
            name_end += 1;
        }
        let name = prose[name_start..name_end].to_ascii_lowercase();
        if !ELEMENTS.contains(&name.as_slice()) || !matches!(prose.get(name_end), Some(b' ' | b'>' | b'/' | b'\n')) {
            continue;
        }
        let window = &prose[name_end..(name_end + LIMIT).min(prose.len())];
        let Some(close) = memchr::memchr(b'>', window) else { continue };
        let inside = &window[..close];
        // Within one paragraph, with its attribute quotes paired. Every form of the double mark
        // counts (`"`, `“`, `”`), so a safe quotation-mark redraw never makes or unmakes a tag.
        if memchr::memmem::find(inside, b"\n\n").is_some() || !double_marks(inside).is_multiple_of(2) {
            continue;
        }
        let end = name_end + close + 1;
        blank_range(prose, start..end);
        i = end;
    }
}

/// How many double quotation marks `s` holds, straight or curly (`"`, `“`, `”`).
fn double_marks(s: &[u8]) -> usize {
    // `“` and `”` are E2 80 9C and E2 80 9D: count their last bytes after E2 80.
    s.iter().filter(|&&b| b == b'"').count()
        + s.windows(3).filter(|w| w[0] == 0xE2 && w[1] == 0x80 && (w[2] == 0x9C || w[2] == 0x9D)).count()
}

/// Bare URLs in prose: `scheme://…` and `www.…`, with trailing punctuation and unbalanced closing
/// brackets left out (the rules of GitHub's autolinks).
pub fn find_bare_urls(prose: &str) -> Vec<Range<usize>> {
    let bytes = prose.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut last_end = 0;
    // The next occurrence of each pattern at or after `i`, searched again only once `i` passes it
    // (searching afresh each time would be quadratic when one pattern is rare).
    let colon = memchr::memmem::Finder::new(b"://");
    let www = memchr::memmem::Finder::new(b"www.");
    let find_from = |f: &memchr::memmem::Finder<'_>, i: usize| f.find(&bytes[i..]).map(|j| i + j);
    let mut next_colon = find_from(&colon, 0);
    let mut next_www = find_from(&www, 0);
    while i < bytes.len() {
        if next_colon.is_some_and(|c| c < i) {
            next_colon = find_from(&colon, i);
        }
        if next_www.is_some_and(|w| w < i) {
            next_www = find_from(&www, i);
        }
        let (start, kind_www) = match (next_colon, next_www) {
            (None, None) => break,
            (Some(c), Some(w)) if w < c => (w, true),
            (Some(c), _) => (c, false),
            (None, Some(w)) => (w, true),
        };
        let url_start = if kind_www {
            let prev = if start == 0 { None } else { Some(bytes[start - 1]) };
            if start < last_end
                || prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == b'.' || p == b'/' || p == b'-' || p == b'@')
            {
                i = start + 4;
                continue;
            }
            start
        } else {
            let mut s = start;
            while s > last_end && (bytes[s - 1].is_ascii_alphanumeric() || matches!(bytes[s - 1], b'+' | b'-' | b'.')) {
                s -= 1;
            }
            // A scheme starts with a letter.
            while s < start && !bytes[s].is_ascii_alphabetic() {
                s += 1;
            }
            if s == start || start + 3 >= bytes.len() || !is_url_char(prose, start + 3) {
                i = start + 3;
                continue;
            }
            s
        };
        let end = url_end(prose, url_start);
        if end > url_start + if kind_www { 4 } else { 0 } && (kind_www || end > start + 3) {
            out.push(url_start..end);
            last_end = end;
            i = end;
        } else {
            i = start + 3;
        }
    }
    out
}

/// Whether the `[` at `at` opens the text of a Markdown link: `[…](` on one line, with no other
/// `[` inside (so scanning every `[` of a line reads each byte at most once).
pub fn opens_link_text(bytes: &[u8], at: usize) -> bool {
    for (j, &b) in bytes[at + 1..].iter().enumerate() {
        match b {
            b']' => return bytes.get(at + j + 2) == Some(&b'('),
            b'[' | b'\n' | b'\r' => return false,
            _ => {}
        }
    }
    false
}

fn is_url_char(s: &str, at: usize) -> bool {
    s[at..].chars().next().is_some_and(|c| !stops_url(c))
}

fn stops_url(c: char) -> bool {
    if c.is_ascii() {
        return c <= ' ' || matches!(c, '<' | '>' | '"' | '\'' | '`' | '{' | '}' | '|' | '\\' | '^' | '\x7f');
    }
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '<' | '>'
                | '"'
                | '\''
                | '`'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '\u{a0}'
                | '…'
                | '—'
                | '–'
                | '{'
                | '}'
                | '|'
                | '\\'
                | '^'
        )
}

/// Where the URL starting at `start` ends, as [`find_bare_urls`] finds it.
pub fn url_end(prose: &str, start: usize) -> usize {
    let mut end = prose.len();
    for (i, c) in prose[start..].char_indices() {
        if stops_url(c) {
            end = start + i;
            break;
        }
    }
    // A Markdown link right after the URL ends it: `https://a.com/x[text](https://b.com/y)` in a
    // plain-text file, or a link that did not parse (its destination split by a line break).
    // Running on into it made one address of two, whose fixes overlapped and chained.
    if let Some(i) = memchr::memchr_iter(b'[', &prose.as_bytes()[start..end])
        .map(|i| start + i)
        .find(|&i| opens_link_text(prose.as_bytes(), i))
    {
        end = i;
    }
    // A closing parenthesis with no opening one ends the URL: `(https://a.com/x)and` or a Markdown
    // link in a plain-text file, `[t](https://a.com/x)next`.
    let mut depth = 0usize;
    for (i, c) in prose[start..end].char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = start + i;
                break;
            }
            ')' => depth -= 1,
            _ => {}
        }
    }
    // Trim trailing punctuation and unbalanced closing brackets (counted once, then kept up to date).
    let url = &prose[start..end];
    let (open_sq, mut close_sq) = (url.matches('[').count(), url.matches(']').count());
    let (open_par, mut close_par) = (url.matches('(').count(), url.matches(')').count());
    while let Some(last) = prose[start..end].chars().last() {
        let trim = match last {
            '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~' => true,
            ')' if open_par < close_par => {
                close_par -= 1;
                true
            }
            ']' if open_sq < close_sq => {
                close_sq -= 1;
                true
            }
            _ => false,
        };
        if !trim {
            break;
        }
        end -= last.len_utf8();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(s: &str) -> Vec<&str> {
        find_bare_urls(s).into_iter().map(|r| &s[r]).collect()
    }

    /// The ASCII shortcut of `stops_url` agrees with the general rule on every ASCII character.
    #[test]
    fn ascii_characters_stop_a_url_as_the_general_rule_says() {
        for c in (0u8..128).map(char::from) {
            let general = c.is_whitespace() || c.is_control() || "<>\"'`{}|\\^".contains(c);
            assert_eq!(stops_url(c), general, "{c:?}");
        }
    }

    #[test]
    fn bare_urls_leave_out_trailing_punctuation() {
        assert_eq!(urls("See https://example.com/a."), ["https://example.com/a"]);
        assert_eq!(urls("(see https://en.wikipedia.org/wiki/Foo_(bar))"), ["https://en.wikipedia.org/wiki/Foo_(bar)"]);
        assert_eq!(urls("“www.example.com”, he said"), ["www.example.com"]);
        assert_eq!(urls("email me at bob@www.example.com"), Vec::<&str>::new());
        assert_eq!(urls("a :// b"), Vec::<&str>::new());
    }

    /// Regression (fuzzing, issue 31): a tag's attribute quotes were counted straight only, so
    /// `<a "…“>` was prose and a safe redraw of its `"` as `“` made it a tag, hiding a URL
    /// finding behind it. Every form of the double mark counts now.
    #[test]
    fn a_quote_redrawn_inside_an_html_tag_does_not_make_it_a_tag() {
        let blanked = |s: &str| {
            let mut p = s.as_bytes().to_vec();
            blank_stray_tags(&mut p);
            p.iter().all(|&b| b == b' ')
        };
        for tag in [
            "<a title=\"Harbor plan\">",
            "<a title=“Harbor plan“>",
            "<a title=\"Harbor plan“>",
            "<a title=“Harbor plan”>",
        ] {
            assert!(blanked(tag), "{tag:?}");
        }
        for not_a_tag in ["<a title=\"Harbor plan>", "<a title=“Harbor plan>", "<a title=\"Harbor “plan”>"] {
            assert!(!blanked(not_a_tag), "{not_a_tag:?}");
        }
    }

    /// Every form of the apostrophe ends a bare URL, so a safe quotation-mark redraw (`'` ↔ `’`,
    /// `‘`) never moves where one ends (issue 31: three `safe_fixes` fuzz chains began there).
    /// A possessive after an address is no longer taken into it either.
    #[test]
    fn every_form_of_the_apostrophe_ends_a_bare_url() {
        for text in [
            "See www.example.com's page",
            "See www.example.com’s page",
            "See www.example.com‘s page",
            "See ‘www.example.com’ and 'www.example.com'",
        ] {
            assert!(urls(text).iter().all(|u| *u == "www.example.com"), "{text:?}: {:?}", urls(text));
        }
        assert_eq!(urls("https://example.org/o'brien-and-co"), ["https://example.org/o"]);
        assert_eq!(urls("https://example.org/o’brien-and-co"), ["https://example.org/o"]);
        assert_eq!(urls("https://example.org/o%27brien"), ["https://example.org/o%27brien"]);
    }

    #[test]
    fn a_bare_url_ran_on_into_a_markdown_link_after_it() {
        // One address of two: a corrected scheme before it and a rejoin inside it overlapped.
        assert_eq!(
            urls("See https://a.example/x[the story](https://b.example/y) now."),
            ["https://a.example/x", "https://b.example/y"]
        );
        assert_eq!(urls("www.a.example/x[t](https://b.example/y\nz)"), ["www.a.example/x", "https://b.example/y"]);
        assert_eq!(urls("https://a.example/x![photo](b.jpg)"), ["https://a.example/x"]);
        // Brackets that open no link stay in the address (`[::1]`, `[2]`, a `[` on its own).
        assert_eq!(
            urls("http://[::1]:8080/a and https://a.example/list[2]/b"),
            ["http://[::1]:8080/a", "https://a.example/list[2]/b"]
        );
        assert_eq!(urls("https://a.example/a[b [c](d)"), ["https://a.example/a[b"]);
    }

    #[test]
    fn prose_has_the_text_length_and_blanks_non_prose() {
        let text = "---\ndate: 2022-09-12\n---\n\n# Title\n\nHe said `code` and <b>bold</b> [link](https://x.com/a) &#8220;hi&#8221; {{< ref \"/x\" >}}.\n\n<!-- copydesk-disable -->\n";
        let doc = Document::parse(text, DocKind::Markdown);
        assert_eq!(doc.prose.len(), text.len());
        let line = doc.prose.lines().nth(6).unwrap();
        assert_eq!(line.split_whitespace().collect::<Vec<_>>(), ["He", "said", "and", "bold", "link", "“", "hi”", "."]);
        assert_eq!(doc.front_matter.as_ref().unwrap().get("date").unwrap().value, "2022-09-12");
        assert_eq!(doc.links.len(), 1);
        assert_eq!(doc.link_dest(&doc.links[0]), "https://x.com/a");
        assert_eq!(doc.comments.len(), 1);
        assert_eq!(doc.blocks.iter().map(|b| b.kind).collect::<Vec<_>>(), [BlockKind::Heading, BlockKind::Paragraph]);
    }

    /// Issue 29, item 7: a `date` inside a sub-table of the front matter (Hugo's `[params]` in
    /// TOML, a nested map in YAML) is that table's, not the draft's date.
    #[test]
    fn front_matter_date_in_a_sub_table_is_not_the_drafts_date() {
        let date = |text: &str| {
            let doc = Document::parse(text, DocKind::Markdown);
            doc.front_matter.as_ref().expect("front matter").get("date").map(|f| f.value.clone())
        };
        // TOML: after `[params]`, every key is the table's.
        assert_eq!(date("+++\ntitle = \"Flood\"\n[params]\ndate = 2019-01-01\n+++\n\nText.\n"), None);
        assert_eq!(date("+++\ntitle = \"Flood\"\n[[authors]]\ndate = 2019-01-01\n+++\n\nText.\n"), None);
        assert_eq!(
            date("+++\ndate = 2022-09-12\n[params]\ndate = 2019-01-01\n+++\n\nText.\n").as_deref(),
            Some("2022-09-12")
        );
        // A top-level key after the table is the table's too (TOML has no way back to the top).
        let doc = Document::parse("+++\n[params]\nx = 1\ndate = 2019-01-01\n+++\n\nText.\n", DocKind::Markdown);
        assert!(doc.front_matter.unwrap().fields.is_empty());
        // YAML: a nested map's keys are indented.
        assert_eq!(date("---\ntitle: Flood\nparams:\n  date: 2019-01-01\n---\n\nText.\n"), None);
        assert_eq!(
            date("---\nparams:\n  date: 2019-01-01\ndate: 2022-09-12\n---\n\nText.\n").as_deref(),
            Some("2022-09-12")
        );
        // And so the draft's date (for `date/sequence`, `date/weekday`) is not taken from them.
        for text in [
            "+++\ntitle = \"Flood\"\n[params]\ndate = 2019-01-01\n+++\n\nText.\n",
            "---\ntitle: Flood\nparams:\n  date: 2019-01-01\n---\n\nText.\n",
        ] {
            let doc = Document::parse(text, DocKind::Markdown);
            let ledger = crate::figures::Ledger::build(&doc);
            assert_eq!(crate::figures::draft_date(&doc, &ledger), None, "{text}");
        }
        let text = "+++\ndate = 2022-09-12\n[params]\ndate = 2019-01-01\n+++\n\nText.\n";
        let doc = Document::parse(text, DocKind::Markdown);
        let ledger = crate::figures::Ledger::build(&doc);
        let (d, range) = crate::figures::draft_date(&doc, &ledger).unwrap();
        assert_eq!((d, &text[range]), ((2022, 9, 12), "2022-09-12"));
    }

    /// Front matter is read by the toml and YAML parsers: a key written inside a multi-line
    /// string is text, a quoted key is a key, and value ranges are bytes after non-ASCII text.
    #[test]
    fn front_matter_keys_are_what_the_toml_and_yaml_parsers_read() {
        let field = |text: &'static str, key: &str| {
            let doc = Document::parse(text, DocKind::Markdown);
            let f = doc.front_matter.expect("front matter").get(key).cloned();
            f.map(|f| (f.value, &text[f.range]))
        };
        let toml = "+++\nsummary = \"\"\"\nFiled earlier\ndate = 2019-01-01\n\"\"\"\ndate = 2022-09-12 # filed\n+++\n\nText.\n";
        assert_eq!(field(toml, "date"), Some(("2022-09-12".into(), "2022-09-12")));
        let toml = "+++\n\"title\" = 'Café — “Flood”'\npubDate = \"September 12, 2022\"\n+++\n\nText.\n";
        assert_eq!(field(toml, "title"), Some(("Café — “Flood”".into(), "Café — “Flood”")));
        assert_eq!(field(toml, "pubDate"), Some(("September 12, 2022".into(), "September 12, 2022")));
        let yaml = "---\ntitle: Café — “Flood”\nsummary: |\n  date: 2019-01-01\n\"date\": '2022-09-12'\n---\n\nText.\n";
        assert_eq!(field(yaml, "date"), Some(("2022-09-12".into(), "2022-09-12")));
        // A block scalar's range is its first line.
        assert_eq!(field(yaml, "summary"), Some(("date: 2019-01-01\n".into(), "date: 2019-01-01")));
        let yaml = "---\n- date: 2019-01-01\n---\n\nText.\n";
        assert_eq!(field(yaml, "date"), None);
        // The draft's date comes from the field the parser read.
        let doc = Document::parse(toml, DocKind::Markdown);
        let ledger = crate::figures::Ledger::build(&doc);
        assert_eq!(crate::figures::draft_date(&doc, &ledger).map(|(d, _)| d), Some((2022, 9, 12)));
    }

    #[test]
    fn plain_paragraphs_split_on_blank_lines_only() {
        let text = "One line\n and a wrapped one.\n  \nSecond.\r\n";
        let doc = Document::parse(text, DocKind::Plain);
        let paras: Vec<&str> = doc.blocks.iter().map(|b| &text[b.range.clone()]).collect();
        assert_eq!(paras, ["One line\n and a wrapped one.", "Second."]);
    }

    #[test]
    fn tight_list_items_are_blocks() {
        let text = "- one *two*\n- three\n  - nested\n";
        let doc = Document::parse(text, DocKind::Markdown);
        let blocks: Vec<&str> = doc.blocks.iter().map(|b| &text[b.range.clone()]).collect();
        assert_eq!(blocks, ["one *two", "three", "nested"]);
    }
}
