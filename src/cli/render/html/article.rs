//! The article as text, marked up.
//!
//! Every byte of the article is written exactly once, in order, so the page's text (hidden
//! spans included) is the article itself: the page's script finds any byte range by counting
//! from the nearest block's `data-o` (its byte offset), and a test can rebuild the article from
//! the page. Markdown keeps its structure (headings, paragraphs, lists, quotes, code) with its
//! syntax characters in hidden spans (`span.mk`); tables and HTML blocks are shown as source.
//! Plain text keeps the paragraphs the analysis found.
//!
//! Findings are flat segments: the text is cut at every finding's start and end and at every
//! element boundary, and each piece covered by findings is one `mark` (or, where a finding
//! starts, one focusable `a` linking to the finding's note). Overlapping findings share pieces
//! (`data-f` lists them all), so nesting is always valid HTML.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};

use super::escape;
use crate::analysis::document::{BlockKind, Document};
use crate::analysis::{Severity, SourceKind};

/// A finding to highlight: its byte range and severity. Index = the finding's number in the file.
#[derive(Clone, Copy, Debug)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
    pub severity: Severity,
}

pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "s-error",
        Severity::Warning => "s-warning",
        Severity::Information => "s-information",
        Severity::Hint => "s-hint",
    }
}

/// What the article's HTML is, and which findings got no visible place (their whole range lies in
/// hidden Markdown syntax, which the analysis never flags in practice).
pub struct Rendered {
    pub html: String,
    pub unanchored: Vec<usize>,
}

/// Renders the article's text with its findings highlighted. `file` prefixes every id.
pub fn render(text: &str, doc: &Document, file: usize, marks: &[Highlight]) -> Rendered {
    let mut e = Emitter::new(text, file, marks);
    match doc.kind {
        SourceKind::Markdown => e.markdown(doc),
        SourceKind::PlainText => e.plain(doc),
    }
    e.finish()
}

struct Emitter<'a> {
    text: &'a str,
    file: usize,
    out: String,
    /// Next byte of `text` to write.
    pos: usize,
    marks: Vec<Highlight>,
    /// Finding indices by start.
    order: Vec<usize>,
    next: usize,
    /// Findings covering `pos`, by index.
    active: Vec<usize>,
    /// Every finding start and end, sorted, deduplicated.
    bounds: Vec<usize>,
    bound: usize,
    anchored: Vec<bool>,
    /// Depth of elements whose unrendered bytes are syntax (paragraphs, headings, inline tags).
    inline: usize,
    /// Where the open chunk started (see [`CHUNK_BYTES`]), if one is open.
    chunk: Option<usize>,
}

/// Top-level blocks are grouped in `div.chunk`s of about this many bytes of text. The page skips
/// the style and layout of chunks off screen (`content-visibility: auto`): a few hundred chunks
/// cost a 5 MB article far less than one skipped box per paragraph, and a short article is one
/// chunk, on screen.
const CHUNK_BYTES: usize = 8 * 1024;

impl<'a> Emitter<'a> {
    fn new(text: &'a str, file: usize, marks: &[Highlight]) -> Self {
        // An empty range gets the character after it (or before it, at the end), so that it has
        // something to highlight and to focus.
        let marks: Vec<Highlight> = marks
            .iter()
            .map(|m| {
                let mut m = *m;
                m.end = floor_boundary(text, m.end);
                m.start = floor_boundary(text, m.start.min(m.end));
                if m.start == m.end {
                    if let Some(c) = text[m.end..].chars().next() {
                        m.end += c.len_utf8();
                    } else if let Some(c) = text[..m.start].chars().next_back() {
                        m.start -= c.len_utf8();
                    }
                }
                m
            })
            .collect();
        let mut order: Vec<usize> = (0..marks.len()).collect();
        order.sort_by_key(|&i| (marks[i].start, i));
        let anchored = vec![false; marks.len()];
        let capacity = text.len() + text.len() / 8 + marks.len() * 160;
        let mut bounds: Vec<usize> = marks
            .iter()
            .flat_map(|m| [m.start, m.end])
            .filter(|&b| text.is_char_boundary(b))
            .collect();
        bounds.sort_unstable();
        bounds.dedup();
        Emitter {
            text,
            file,
            out: String::with_capacity(capacity),
            pos: 0,
            marks,
            order,
            next: 0,
            active: Vec::new(),
            bounds,
            bound: 0,
            anchored,
            inline: 0,
            chunk: None,
        }
    }

    fn finish(mut self) -> Rendered {
        self.gap(self.text.len());
        if self.chunk.take().is_some() {
            self.out.push_str("</div>");
        }
        let unanchored = (0..self.marks.len())
            .filter(|&i| !self.anchored[i])
            .collect();
        Rendered {
            html: self.out,
            unanchored,
        }
    }

    /// Before a top-level block: opens a chunk if none is open.
    fn chunk_open(&mut self) {
        if self.chunk.is_none() {
            self.out.push_str("<div class=\"chunk\">");
            self.chunk = Some(self.pos);
        }
    }

    /// After a top-level block: closes the chunk once it holds enough text.
    fn chunk_close_if_full(&mut self) {
        if self
            .chunk
            .is_some_and(|start| self.pos - start >= CHUNK_BYTES)
        {
            self.out.push_str("</div>");
            self.chunk = None;
        }
    }

    /// Rounds `at` up to a char boundary within the text.
    fn boundary(&self, mut at: usize) -> usize {
        at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at += 1;
        }
        at
    }

    fn open(&mut self, tag: &str, attrs: &str, block: bool) {
        self.out.push('<');
        self.out.push_str(tag);
        if !attrs.is_empty() {
            self.out.push(' ');
            self.out.push_str(attrs);
        }
        if block {
            self.out.push_str(" data-o=\"");
            self.out.push_str(&self.pos.to_string());
            self.out.push('"');
        }
        self.out.push('>');
        if tag == "pre" {
            // The parser drops one newline right after `<pre>`: give it this one, not the text's.
            self.out.push('\n');
        }
    }

    fn close(&mut self, tag: &str) {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    /// Writes the text up to `end`; hidden text (Markdown syntax) goes in a `span.mk`.
    fn text(&mut self, end: usize, visible: bool) {
        let end = self.boundary(end);
        if end <= self.pos {
            return;
        }
        if !visible {
            self.out.push_str("<span class=\"mk\">");
        }
        while self.pos < end {
            while self.bound < self.bounds.len() && self.bounds[self.bound] <= self.pos {
                self.bound += 1;
            }
            let stop = self.bounds.get(self.bound).map_or(end, |&b| b.min(end));
            self.piece(stop, visible);
        }
        if !visible {
            self.out.push_str("</span>");
        }
    }

    /// Writes `pos..stop`, inside which the set of findings does not change.
    fn piece(&mut self, stop: usize, visible: bool) {
        let pos = self.pos;
        while self.next < self.order.len() && self.marks[self.order[self.next]].start <= pos {
            self.active.push(self.order[self.next]);
            self.next += 1;
        }
        let marks = &self.marks;
        self.active.retain(|&i| marks[i].end > pos);
        let s = &self.text[pos..stop];
        self.pos = stop;
        if self.active.is_empty() {
            escape::push(&mut self.out, s);
            return;
        }
        self.active.sort_unstable();
        let worst = self
            .active
            .iter()
            .map(|&i| marks[i].severity)
            .max()
            .unwrap_or(Severity::Hint);
        let class = format!(
            "hl {}{}",
            severity_class(worst),
            if self.active.len() > 1 { " multi" } else { "" }
        );
        let f = self.file;
        let ids = self
            .active
            .iter()
            .map(|i| format!("f{f}-{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let starting: Vec<usize> = if visible {
            self.active
                .iter()
                .copied()
                .filter(|&i| !self.anchored[i])
                .collect()
        } else {
            Vec::new()
        };
        if let Some((&first, more)) = starting.split_first() {
            for &i in more {
                self.out.push_str(&format!("<span id=\"h{f}-{i}\"></span>"));
            }
            for &i in &starting {
                self.anchored[i] = true;
            }
            let numbers = starting
                .iter()
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join(",");
            self.out.push_str(&format!(
                "<a class=\"{class}\" id=\"h{f}-{first}\" href=\"#f{f}-{first}\" data-f=\"{ids}\" \
                 data-n=\"{numbers}\" aria-describedby=\"{ids}\">"
            ));
            escape::push(&mut self.out, s);
            self.out.push_str("</a>");
        } else {
            self.out
                .push_str(&format!("<mark class=\"{class}\" data-f=\"{ids}\">"));
            escape::push(&mut self.out, s);
            self.out.push_str("</mark>");
        }
    }

    /// Writes the bytes between structural elements: syntax (hidden) inside a leaf block or
    /// an inline element; between blocks, whitespace as it is and anything else hidden.
    fn gap(&mut self, to: usize) {
        let to = self.boundary(to);
        if to <= self.pos {
            return;
        }
        let visible = self.inline == 0 && self.text[self.pos..to].trim().is_empty();
        self.text(to, visible);
    }

    /// The bytes up to `to` shown as source: whitespace around as it is, the rest in a `pre`.
    fn source_block(&mut self, to: usize, class: &str) {
        let to = self.boundary(to);
        if to <= self.pos {
            return;
        }
        let chunk = &self.text[self.pos..to];
        let lead = chunk.len() - chunk.trim_start().len();
        let trail = chunk.len() - chunk.trim_end().len();
        if lead == chunk.len() {
            self.text(to, true);
            return;
        }
        self.text(self.pos + lead, true);
        self.open("pre", &format!("class=\"{class}\""), true);
        self.text(to - trail, true);
        self.close("pre");
        self.text(to, true);
    }

    fn plain(&mut self, doc: &Document) {
        for p in &doc.paragraphs {
            if p.range.start < self.pos {
                continue;
            }
            self.source_block(p.range.start, "src");
            self.chunk_open();
            let (tag, class) = match p.kind {
                BlockKind::Heading => ("h3", "h1"),
                _ => ("p", ""),
            };
            let attrs = if class.is_empty() {
                String::new()
            } else {
                format!("class=\"{class}\"")
            };
            self.open(tag, &attrs, true);
            self.text(p.range.end, true);
            self.close(tag);
            self.chunk_close_if_full();
        }
        self.source_block(self.text.len(), "src");
    }

    fn markdown(&mut self, doc: &Document) {
        let body_start = match doc.meta.front_matter {
            Some(fm) => {
                self.source_block(fm.end, "front");
                fm.end
            }
            None if self.text.starts_with('\u{feff}') => 3,
            None => 0,
        };
        let body_start = self.boundary(body_start);
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_MATH;
        // What each open element needs at its end: the closing tag(s) and whether it counted
        // as inline context.
        let mut stack: Vec<(&'static str, bool)> = Vec::new();
        // Inside a table or an HTML block, shown as source: events are skipped up to here.
        let mut skip_until = 0usize;
        let body = &self.text[body_start..];
        for (event, r) in Parser::new_ext(body, options).into_offset_iter() {
            let (start, end) = (r.start + body_start, r.end + body_start);
            if start < skip_until {
                continue;
            }
            match event {
                Event::Start(tag) => {
                    self.gap(start);
                    if stack.is_empty() {
                        self.chunk_open();
                    }
                    let (open, attrs, close, inline, block): (
                        &str,
                        String,
                        &'static str,
                        bool,
                        bool,
                    ) = match &tag {
                        Tag::Paragraph => ("p", String::new(), "</p>", true, true),
                        Tag::Heading { level, .. } => {
                            let (h, n) = heading(*level);
                            (h, format!("class=\"h{n}\""), close_heading(h), true, true)
                        }
                        Tag::BlockQuote(_) => {
                            ("blockquote", String::new(), "</blockquote>", false, true)
                        }
                        Tag::CodeBlock(_) => {
                            self.open("pre", "class=\"code\"", true);
                            self.out.push_str("<code>");
                            self.inline += 1;
                            stack.push(("</code></pre>", true));
                            continue;
                        }
                        Tag::HtmlBlock | Tag::Table(_) => {
                            let class = if matches!(tag, Tag::Table(_)) {
                                "table"
                            } else {
                                "html"
                            };
                            self.source_block(end, class);
                            skip_until = end;
                            if stack.is_empty() {
                                self.chunk_close_if_full();
                            }
                            continue;
                        }
                        Tag::List(Some(n)) if *n != 1 => {
                            ("ol", format!("start=\"{n}\""), "</ol>", false, false)
                        }
                        Tag::List(Some(_)) => ("ol", String::new(), "</ol>", false, false),
                        Tag::List(None) => ("ul", String::new(), "</ul>", false, false),
                        Tag::Item => ("li", String::new(), "</li>", false, true),
                        Tag::FootnoteDefinition(_) => {
                            ("div", "class=\"footnote\"".into(), "</div>", false, true)
                        }
                        Tag::Emphasis => ("em", String::new(), "</em>", true, false),
                        Tag::Strong => ("strong", String::new(), "</strong>", true, false),
                        Tag::Strikethrough => ("del", String::new(), "</del>", true, false),
                        Tag::Link { dest_url, .. } => (
                            "span",
                            format!("class=\"link\" title=\"{}\"", escape::escape(dest_url)),
                            "</span>",
                            true,
                            false,
                        ),
                        Tag::Image { dest_url, .. } => (
                            "span",
                            format!("class=\"img\" title=\"{}\"", escape::escape(dest_url)),
                            "</span>",
                            true,
                            false,
                        ),
                        _ => ("span", String::new(), "</span>", true, false),
                    };
                    self.open(open, &attrs, block);
                    if inline {
                        self.inline += 1;
                    }
                    stack.push((close, inline));
                }
                Event::End(_) => {
                    self.gap(end);
                    if let Some((close, inline)) = stack.pop() {
                        if inline {
                            self.inline -= 1;
                        }
                        self.out.push_str(close);
                    }
                    if stack.is_empty() {
                        self.chunk_close_if_full();
                    }
                }
                Event::Text(_) | Event::SoftBreak | Event::TaskListMarker(_) => {
                    self.gap(start);
                    self.text(end, true);
                }
                Event::HardBreak => {
                    self.gap(start);
                    self.text(end, true);
                    self.out.push_str("<br>");
                }
                Event::Code(_) => {
                    self.gap(start);
                    let src = &self.text.as_bytes()[start..end.min(self.text.len())];
                    let ticks = src.iter().take_while(|&&b| b == b'`').count();
                    let trailing = src.iter().rev().take_while(|&&b| b == b'`').count();
                    let ticks = ticks.min(trailing).min(src.len() / 2);
                    self.out.push_str("<code>");
                    self.text(start + ticks, false);
                    self.text(end - ticks, true);
                    self.text(end, false);
                    self.out.push_str("</code>");
                }
                Event::Html(_) | Event::InlineHtml(_) => {
                    self.gap(start);
                    self.out.push_str("<code class=\"html\">");
                    self.text(end, true);
                    self.out.push_str("</code>");
                }
                Event::InlineMath(_) | Event::DisplayMath(_) => {
                    self.gap(start);
                    self.out.push_str("<code class=\"math\">");
                    self.text(end, true);
                    self.out.push_str("</code>");
                }
                Event::FootnoteReference(_) => {
                    self.gap(start);
                    self.out.push_str("<sup>");
                    self.text(end, true);
                    self.out.push_str("</sup>");
                }
                Event::Rule => {
                    self.gap(start);
                    self.text(end, false);
                    self.out.push_str("<hr>");
                }
            }
        }
        // Close whatever a malformed event stream left open.
        while let Some((close, _)) = stack.pop() {
            self.out.push_str(close);
        }
        self.inline = 0;
    }
}

/// `at`, or the char boundary before it, within the text.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The page's heading for an article heading: two levels down (the report's title is `h1`, each
/// file `h2`), at most `h6`; the class keeps the article's own level for styling.
fn heading(level: HeadingLevel) -> (&'static str, u8) {
    match level {
        HeadingLevel::H1 => ("h3", 1),
        HeadingLevel::H2 => ("h4", 2),
        HeadingLevel::H3 => ("h5", 3),
        HeadingLevel::H4 => ("h6", 4),
        HeadingLevel::H5 => ("h6", 5),
        HeadingLevel::H6 => ("h6", 6),
    }
}

fn close_heading(h: &str) -> &'static str {
    match h {
        "h3" => "</h3>",
        "h4" => "</h4>",
        "h5" => "</h5>",
        _ => "</h6>",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of `html` as a browser holds it: tags dropped, references decoded, the newline
    /// after `<pre>` dropped.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            out.push_str(&rest[..lt]);
            let gt = lt + rest[lt..].find('>').unwrap();
            let tag = &rest[lt..=gt];
            rest = &rest[gt + 1..];
            if tag.starts_with("<pre") {
                rest = rest.strip_prefix('\n').unwrap_or(rest);
            }
        }
        out.push_str(rest);
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#13;", "\r")
            .replace("&amp;", "&")
    }

    fn mark(start: usize, end: usize) -> Highlight {
        Highlight {
            start,
            end,
            severity: Severity::Warning,
        }
    }

    #[test]
    fn odd_ranges_neither_panic_nor_lose_bytes() {
        let text = "Café <b>“x”</b>\r\n\r\nLast";
        let doc = Document::parse(text, SourceKind::PlainText);
        let e_acute = text.find('é').unwrap();
        let marks = [
            mark(0, 0),                     // empty, at the start
            mark(e_acute + 1, e_acute + 2), // inside a character
            mark(text.len(), text.len()),   // empty, at the end
            mark(3, 400),                   // past the end
            mark(9, 2),                     // backwards
        ];
        let r = render(text, &doc, 0, &marks);
        assert_eq!(text_of(&r.html), text);
        assert!(r.html.contains("id=\"h0-0\"") && r.html.contains("id=\"h0-2\""));
        let md = Document::parse(text, SourceKind::Markdown);
        assert_eq!(text_of(&render(text, &md, 0, &marks).html), text);
    }

    #[test]
    fn long_articles_are_grouped_in_chunks() {
        let para = "Officials said the plan would pass on Tuesday, the mayor added.\n\n";
        let text = para.repeat(3 * CHUNK_BYTES / para.len());
        for kind in [SourceKind::PlainText, SourceKind::Markdown] {
            let doc = Document::parse(&text, kind);
            let html = render(&text, &doc, 0, &[]).html;
            let chunks = html.matches("<div class=\"chunk\">").count();
            assert!((3..=4).contains(&chunks), "{kind:?}: {chunks} chunks");
            assert_eq!(chunks, html.matches("</div>").count());
            assert_eq!(text_of(&html), text);
        }
    }
}
