//! What of the source is prose. Markdown goes through pulldown-cmark with byte offsets; front
//! matter is split off by hand first (pulldown-cmark would take any `---` rule for metadata);
//! bare URLs are masked with linkify. Plain text keeps every byte, with paragraphs at line breaks.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::date::Date;
use super::document::{BlockKind, Mask, MaskKind, Metadata};
use super::range::TextRange;
use super::suppress::{self, Suppressions};

/// One block of prose: a paragraph, heading, list item, quoted block or table cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub range: TextRange,
    pub kind: BlockKind,
}

#[derive(Debug)]
pub struct Layout {
    pub prose: String,
    pub meta: Metadata,
    pub masks: Vec<Mask>,
    pub blocks: Vec<Block>,
    pub suppressions: Suppressions,
}

/// Front matter at the very start (after an optional BOM): `---` YAML or `+++` TOML.
/// Returns its full range (delimiters included) and the metadata read from it.
fn front_matter(text: &str) -> Option<(TextRange, Metadata)> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let delim = if rest.starts_with("---") {
        "---"
    } else if rest.starts_with("+++") {
        "+++"
    } else {
        return None;
    };
    let first_line_end = rest.find('\n')?;
    if rest[..first_line_end].trim_end() != delim {
        return None;
    }
    let body_start = start + first_line_end + 1;
    let mut pos = body_start;
    let mut meta = Metadata::default();
    for line in text[body_start..].split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let trimmed = line.trim_end();
        if trimmed == delim || (delim == "---" && trimmed == "...") {
            let range = TextRange::new(start, pos);
            meta.front_matter = Some(range);
            return Some((range, meta));
        }
        let Some((key, value)) = trimmed.split_once([':', '=']) else {
            continue;
        };
        let value_trim = value.trim().trim_matches(|c| c == '"' || c == '\'');
        let value_start = line_start + key.len() + 1 + (value.len() - value.trim_start().len());
        match key.trim() {
            "date" => {
                meta.date = Date::parse_iso(value_trim);
                meta.date_range = Some(TextRange::new(value_start, line_start + trimmed.len()));
            }
            "title" => meta.title = Some(value_trim.to_string()),
            _ => {}
        }
    }
    None
}

/// Keeps newlines, blanks every other byte: the starting point of a prose buffer.
fn blank_copy(text: &str) -> Vec<u8> {
    text.bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect()
}

fn into_string(bytes: Vec<u8>, text: &str) -> String {
    // Every byte is either copied from `text` over a whole char range or an ASCII space or newline,
    // so the buffer is valid UTF-8; fall back to a lossy copy rather than panic if that ever broke.
    String::from_utf8(bytes).unwrap_or_else(|e| {
        let _ = text;
        String::from_utf8_lossy(e.as_bytes()).into_owned()
    })
}

/// Masks bare URLs and e-mail addresses that survived as prose.
fn mask_urls(prose: &mut [u8], masks: &mut Vec<Mask>, range: TextRange) {
    let Ok(text) = std::str::from_utf8(&prose[range.start..range.end]) else {
        return;
    };
    let mut finder = linkify::LinkFinder::new();
    finder.url_must_have_scheme(false);
    let found: Vec<TextRange> = finder
        .links(text)
        .map(|l| TextRange::new(range.start + l.start(), range.start + l.end()))
        .collect();
    for r in found {
        prose[r.start..r.end].fill(b' ');
        masks.push(Mask {
            range: r,
            kind: MaskKind::Url,
        });
    }
}

fn trim_range(bytes: &[u8], mut r: TextRange) -> TextRange {
    while r.start < r.end && bytes[r.start].is_ascii_whitespace() {
        r.start += 1;
    }
    while r.end > r.start && bytes[r.end - 1].is_ascii_whitespace() {
        r.end -= 1;
    }
    r
}

/// Markdown: prose is what pulldown-cmark reports as text outside code, HTML, images and autolinks.
pub fn layout(text: &str) -> Layout {
    let mut masks = Vec::new();
    let mut sup = suppress::Builder::default();
    let (body_start, meta) = match front_matter(text) {
        Some((range, meta)) => {
            masks.push(Mask {
                range,
                kind: MaskKind::FrontMatter,
            });
            (range.end, meta)
        }
        None => (
            if text.starts_with('\u{feff}') { 3 } else { 0 },
            Metadata::default(),
        ),
    };
    let mut prose = blank_copy(text);
    let src = text.as_bytes();
    let mut blocks: Vec<Block> = Vec::new();
    // The innermost block-level tags, to know which block a text event belongs to.
    let mut stack: Vec<BlockKind> = Vec::new();
    let mut block_id: usize = 0;
    let mut current: Option<(usize, Block)> = None;
    let mut hide_depth = 0usize; // inside images or autolinks: text is not prose
    let mut code_depth = 0usize; // inside a fenced or indented code block

    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH;
    let body = &text[body_start..];
    for (event, r) in Parser::new_ext(body, options).into_offset_iter() {
        let r = TextRange::new(r.start + body_start, r.end + body_start);
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::Paragraph => {
                        let kind = match stack.last() {
                            Some(BlockKind::ListItem) => BlockKind::ListItem,
                            Some(BlockKind::BlockQuote) => BlockKind::BlockQuote,
                            _ => BlockKind::Paragraph,
                        };
                        stack.push(kind);
                    }
                    Tag::Heading { .. } => stack.push(BlockKind::Heading),
                    Tag::Item => stack.push(BlockKind::ListItem),
                    Tag::BlockQuote(_) => stack.push(BlockKind::BlockQuote),
                    Tag::TableCell => stack.push(BlockKind::TableCell),
                    Tag::CodeBlock(_) => {
                        code_depth += 1;
                        masks.push(Mask {
                            range: r,
                            kind: MaskKind::CodeBlock,
                        });
                    }
                    Tag::HtmlBlock => {}
                    Tag::Image { .. } => hide_depth += 1,
                    Tag::Link { link_type, .. } => {
                        if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                            hide_depth += 1;
                        }
                    }
                    _ => {}
                }
                if is_block(&tag) {
                    block_id += 1;
                }
            }
            Event::End(end) => {
                match end {
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::BlockQuote(_)
                    | TagEnd::TableCell => {
                        stack.pop();
                    }
                    TagEnd::Image => hide_depth = hide_depth.saturating_sub(1),
                    TagEnd::CodeBlock => code_depth = code_depth.saturating_sub(1),
                    TagEnd::Link => {
                        // The matching start may not have hidden; recompute from the source text.
                        let s = r.slice(text);
                        if s.starts_with('<') && s.ends_with('>') {
                            hide_depth = hide_depth.saturating_sub(1);
                        }
                    }
                    _ => {}
                }
                if is_block_end(end) {
                    block_id += 1;
                }
            }
            Event::Text(_) => {
                if hide_depth > 0 || code_depth > 0 {
                    continue;
                }
                prose[r.start..r.end].copy_from_slice(&src[r.start..r.end]);
                let kind = stack.last().copied().unwrap_or(BlockKind::Paragraph);
                match &mut current {
                    Some((id, b)) if *id == block_id => b.range.end = r.end,
                    _ => {
                        if let Some((_, b)) = current.take() {
                            blocks.push(b);
                        }
                        current = Some((block_id, Block { range: r, kind }));
                    }
                }
            }
            Event::Code(_) => masks.push(Mask {
                range: r,
                kind: MaskKind::InlineCode,
            }),
            Event::InlineMath(_) | Event::DisplayMath(_) => masks.push(Mask {
                range: r,
                kind: MaskKind::Math,
            }),
            Event::Html(_) | Event::InlineHtml(_) => {
                masks.push(Mask {
                    range: r,
                    kind: MaskKind::Html,
                });
                scan_comments(text, r, &mut sup);
            }
            _ => {}
        }
    }
    if let Some((_, b)) = current.take() {
        blocks.push(b);
    }
    let mut out_blocks = Vec::with_capacity(blocks.len());
    for b in blocks {
        let range = trim_range(&prose, b.range);
        mask_urls(&mut prose, &mut masks, range);
        let range = trim_range(&prose, range);
        if !range.is_empty() {
            out_blocks.push(Block {
                range,
                kind: b.kind,
            });
        }
    }
    masks.sort_by_key(|m| (m.range.start, m.range.end));
    Layout {
        prose: into_string(prose, text),
        meta,
        masks,
        blocks: out_blocks,
        suppressions: sup.finish(text.len()),
    }
}

fn is_block(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_block_end(end: TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// Finds `<!-- … -->` comments inside an HTML range and feeds them to the suppression builder.
fn scan_comments(text: &str, r: TextRange, sup: &mut suppress::Builder) {
    let s = r.slice(text);
    let mut from = 0;
    while let Some(i) = s[from..].find("<!--") {
        let start = from + i;
        let end = s[start..].find("-->").map_or(s.len(), |j| start + j + 3);
        sup.comment(text, TextRange::new(r.start + start, r.start + end));
        from = end;
    }
}

/// Plain text: every byte is prose except front matter, control comments and bare URLs.
/// Paragraphs break at blank lines, and at single line breaks unless the block is hard-wrapped.
pub fn plain_layout(text: &str) -> Layout {
    let mut masks = Vec::new();
    let mut sup = suppress::Builder::default();
    let mut prose: Vec<u8> = text.as_bytes().to_vec();
    let mut body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    prose[..body_start].fill(b' ');
    let mut meta = Metadata::default();
    if let Some((range, m)) = front_matter(text) {
        prose[range.start..range.end].iter_mut().for_each(|b| {
            if *b != b'\n' {
                *b = b' '
            }
        });
        masks.push(Mask {
            range,
            kind: MaskKind::FrontMatter,
        });
        body_start = range.end;
        meta = m;
    }
    // Lines of the body, with their ranges (terminator excluded).
    let mut lines: Vec<TextRange> = Vec::new();
    let mut pos = body_start;
    for line in lines_inclusive(&text[body_start..]) {
        let content = line.trim_end_matches(['\n', '\r']);
        let r = TextRange::new(pos, pos + content.len());
        if suppress::is_control_comment(content.trim()) && content.trim().starts_with("<!--") {
            sup.comment(text, r);
            prose[r.start..r.end].fill(b' ');
            masks.push(Mask {
                range: r,
                kind: MaskKind::Html,
            });
        }
        lines.push(r);
        pos += line.len();
    }
    let mut blocks = Vec::new();
    let mut group: Vec<TextRange> = Vec::new();
    let mut flush = |group: &mut Vec<TextRange>, prose: &mut Vec<u8>, blocks: &mut Vec<Block>| {
        if group.is_empty() {
            return;
        }
        let hard_wrapped = is_hard_wrapped(text, group);
        let ranges: Vec<TextRange> = if hard_wrapped {
            vec![TextRange::new(group[0].start, group[group.len() - 1].end)]
        } else {
            group.clone()
        };
        for r in ranges {
            mask_urls(prose, &mut masks, r);
            let r = trim_range(prose, r);
            if !r.is_empty() {
                blocks.push(Block {
                    range: r,
                    kind: BlockKind::Paragraph,
                });
            }
        }
        group.clear();
    };
    for r in lines {
        if trim_range(&prose, r).is_empty() {
            flush(&mut group, &mut prose, &mut blocks);
        } else {
            group.push(r);
        }
    }
    flush(&mut group, &mut prose, &mut blocks);
    // A first block that is one short line without sentence-final punctuation is the headline.
    if let Some(first) = blocks.first_mut() {
        let s = first.range.slice(text);
        let ends_like_sentence = s.ends_with(['.', '?', '!', '"', '”', ':', ';', ',']);
        if !ends_like_sentence && s.split_whitespace().count() <= 20 && !s.contains('\n') {
            first.kind = BlockKind::Heading;
        }
    }
    masks.sort_by_key(|m| (m.range.start, m.range.end));
    Layout {
        prose: into_string(prose, text),
        meta,
        masks,
        blocks,
        suppressions: sup.finish(text.len()),
    }
}

/// Lines with their terminators: `\n`, `\r\n` or a lone `\r` (old Mac files), as the Language
/// Server Protocol counts them.
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let from = start;
        let end = match memchr::memchr2(b'\n', b'\r', &bytes[from..]) {
            Some(i) => {
                let at = from + i;
                if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                    at + 2
                } else {
                    at + 1
                }
            }
            None => bytes.len(),
        };
        start = end;
        text.get(from..end)
    })
}

/// A block of several lines is hard-wrapped when every line but the last was broken because the
/// next word would not have fitted the fill column (taken as the longest line), as an editor's
/// fill or an e-mail client leaves it, and at least one line ends mid-sentence.
fn is_hard_wrapped(text: &str, lines: &[TextRange]) -> bool {
    if lines.len() < 2 {
        return false;
    }
    let lens: Vec<usize> = lines
        .iter()
        .map(|r| r.slice(text).trim_end().chars().count())
        .collect();
    let width = lens.iter().copied().max().unwrap_or(0);
    if !(40..=120).contains(&width) {
        return false;
    }
    // One sentence per line is a paragraph per line: wrapping shows as a line ending mid-sentence.
    let mid_sentence = lines[..lines.len() - 1].iter().any(|r| {
        !r.slice(text)
            .trim_end()
            .ends_with(['.', '?', '!', '"', '”', '’', '\'', ':', ')'])
    });
    if !mid_sentence {
        return false;
    }
    lines.windows(2).zip(&lens).all(|(pair, &len)| {
        let next = pair[1].slice(text).trim_start();
        let first_word = next
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        let list_item = next.starts_with(['-', '*', '•']);
        !list_item && len + 1 + first_word > width
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_blocks(l: &Layout) -> Vec<&str> {
        l.blocks.iter().map(|b| b.range.slice(&l.prose)).collect()
    }

    #[test]
    fn markdown_masks_code_html_urls_and_front_matter() {
        let src = "---\ntitle: Summit\ndate: 2022-03-24\n---\n# Headline\n\nBiden said `code` and <b>bold</b> at https://example.com/x today.\n\n```\n\"not prose\n```\n\n> Quoted block.\n\n- item one\n- item two\n";
        let l = layout(src);
        assert_eq!(l.meta.date, Date::new(2022, 3, 24));
        assert_eq!(l.meta.title.as_deref(), Some("Summit"));
        assert_eq!(l.prose.len(), src.len());
        let blocks = prose_blocks(&l);
        assert_eq!(blocks[0], "Headline");
        assert!(blocks[1].starts_with("Biden said"));
        assert!(!blocks[1].contains("code"));
        assert!(!blocks[1].contains("example.com"));
        assert!(!blocks[1].contains("<b>"));
        assert!(blocks[1].contains("bold"));
        assert!(!l.prose.contains("not prose"));
        assert_eq!(blocks[2], "Quoted block.");
        assert_eq!(blocks[3], "item one");
        assert_eq!(l.blocks[0].kind, BlockKind::Heading);
    }

    #[test]
    fn horizontal_rule_is_not_front_matter() {
        let src = "Text one.\n\n---\n\nText two: date: 2020-01-01\n";
        let l = layout(src);
        assert_eq!(l.meta.date, None);
        assert_eq!(
            prose_blocks(&l),
            ["Text one.", "Text two: date: 2020-01-01"]
        );
    }

    #[test]
    fn plain_paragraphs_per_line_and_hard_wrapped() {
        let src = "Headline here\n\nFirst paragraph is one line.\nSecond paragraph is another line.\n\nThis paragraph is hard wrapped at a fill column of about\nsixty characters, as some editors and e-mail clients leave\nit.\n";
        let l = plain_layout(src);
        let blocks = prose_blocks(&l);
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert_eq!(l.blocks[0].kind, BlockKind::Heading);
        assert!(blocks[3].starts_with("This paragraph") && blocks[3].ends_with("it."));
    }
}
