//! The rules' explanations (`copydesk explain` text) embedded in the report, so that a finding's
//! rule link works offline. The docs are the project's own Markdown; they still go through the
//! escaper, and links become plain text (the page makes no request and opens no other page).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::escape::push;
use crate::analysis::rules::RuleMeta;
use crate::cli::explain::explain_text;

/// One rule's explanation as an `<article id="rule-CODE">`.
pub fn rule_doc(out: &mut String, meta: &RuleMeta) {
    out.push_str("<article class=\"rule-doc\" id=\"rule-");
    out.push_str(meta.code);
    out.push_str("\"><p class=\"summary\" hidden>");
    push(out, &meta.summary());
    out.push_str("</p>");
    markdown(out, &explain_text(meta));
    out.push_str("</article>");
}

fn heading_tag(level: HeadingLevel) -> &'static str {
    // `# CODE name` is the rule's title under the report's "Rules" heading (h2).
    match level {
        HeadingLevel::H1 => "h3",
        HeadingLevel::H2 => "h4",
        HeadingLevel::H3 => "h5",
        _ => "h6",
    }
}

/// A small Markdown-to-HTML rendering for trusted docs: blocks, emphasis and code; no raw HTML,
/// no links, no images.
fn markdown(out: &mut String, md: &str) {
    let mut headings: Vec<&'static str> = Vec::new();
    for event in Parser::new(md) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => out.push_str("<p>"),
                Tag::Heading { level, .. } => {
                    let h = heading_tag(level);
                    headings.push(h);
                    out.push('<');
                    out.push_str(h);
                    out.push('>');
                }
                Tag::BlockQuote(_) => out.push_str("<blockquote>"),
                Tag::CodeBlock(_) => out.push_str("<pre><code>"),
                Tag::List(Some(_)) => out.push_str("<ol>"),
                Tag::List(None) => out.push_str("<ul>"),
                Tag::Item => out.push_str("<li>"),
                Tag::Emphasis => out.push_str("<em>"),
                Tag::Strong => out.push_str("<strong>"),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => out.push_str("</p>"),
                TagEnd::Heading(_) => {
                    out.push_str("</");
                    out.push_str(headings.pop().unwrap_or("h6"));
                    out.push('>');
                }
                TagEnd::BlockQuote(_) => out.push_str("</blockquote>"),
                TagEnd::CodeBlock => out.push_str("</code></pre>"),
                TagEnd::List(true) => out.push_str("</ol>"),
                TagEnd::List(false) => out.push_str("</ul>"),
                TagEnd::Item => out.push_str("</li>"),
                TagEnd::Emphasis => out.push_str("</em>"),
                TagEnd::Strong => out.push_str("</strong>"),
                _ => {}
            },
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => push(out, &t),
            Event::Code(t) => {
                out.push_str("<code>");
                push(out, &t);
                out.push_str("</code>");
            }
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("<br>"),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_render_blocks_and_escape_html() {
        let mut out = String::new();
        markdown(
            &mut out,
            "# T\n\n## What it does\nFlags `x` <b>y</b> *z*.\n\n- a\n- b\n\n```\n<c>\n```",
        );
        assert_eq!(
            out,
            "<h3>T</h3><h4>What it does</h4><p>Flags <code>x</code> &lt;b&gt;y&lt;/b&gt; <em>z</em>.</p>\
             <ul><li>a</li><li>b</li></ul><pre><code>&lt;c&gt;\n</code></pre>"
        );
    }
}
