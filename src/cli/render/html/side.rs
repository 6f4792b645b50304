//! Beside the article: its findings as numbered notes (the popover shows a note's card; print
//! shows the notes as footnotes) and its fact sheet (people, quotes, figures), built from the
//! same [`Sheet`] that `copydesk facts` prints.

use std::fmt::Write as _;

use super::article::severity_class;
use super::escape::{self, push, push_message, shorten};
use crate::analysis::Severity;
use crate::cli::check::Located;
use crate::cli::facts::Sheet;

/// Lists longer than this start folded (a closed `<details>` is parsed but not laid out).
const FOLD_AFTER: usize = 200;

pub fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Information => "Information",
        Severity::Hint => "Hint",
    }
}

/// `data-at` of a place: byte ranges `start-end`, space-separated.
fn places(out: &mut String, ranges: impl IntoIterator<Item = [usize; 2]>) {
    let mut first = true;
    for [s, e] in ranges {
        if !first {
            out.push(' ');
        }
        first = false;
        let _ = write!(out, "{s}-{e}");
    }
}

/// Opens a `<details>` section of the side panel.
fn section_open(out: &mut String, class: &str, title: &str, count: usize, open: bool) {
    let _ = write!(
        out,
        "<details class=\"box {class}\"{}><summary><h3>{title} <span class=\"n\">{count}</span></h3></summary>",
        if open { " open" } else { "" }
    );
}

/// The numbered notes, one per finding, in the order of the findings (by position).
pub fn notes(out: &mut String, file: usize, diags: &[Located], unanchored: &[usize]) {
    section_open(out, "notes", "Findings", diags.len(), true);
    if diags.is_empty() {
        out.push_str("<p class=\"none\">No findings.</p>");
    } else {
        out.push_str("<ol class=\"notes\">");
        for (i, d) in diags.iter().enumerate() {
            note(out, file, i, d, unanchored.contains(&i));
        }
        out.push_str("</ol>");
    }
    out.push_str("</details>");
}

fn note(out: &mut String, file: usize, i: usize, d: &Located, unanchored: bool) {
    let diag = &d.diag;
    let sev = diag.severity;
    let _ = write!(
        out,
        "<li id=\"f{file}-{i}\" class=\"note {}\" data-rule=\"{}\" data-sev=\"{}\"><div class=\"card\">\
         <p class=\"head\"><span class=\"sev {}\">{}</span> \
         <a class=\"rule\" href=\"#rule-{}\">{} <span class=\"name\">{}</span></a> \
         <span class=\"ln\">line {}</span></p><p class=\"msg\">",
        severity_class(sev),
        diag.code,
        sev.as_str(),
        severity_class(sev),
        severity_label(sev),
        diag.code,
        diag.code,
        diag.rule,
        d.start.line,
    );
    push_message(out, &diag.message);
    out.push_str("</p>");
    if let Some(c) = &diag.computation {
        out.push_str("<p class=\"calc\"><span class=\"k\">Computation</span> ");
        push_message(out, c);
        out.push_str("</p>");
    }
    if let Some(fix) = &diag.fix {
        out.push_str("<p class=\"fix\"><span class=\"k\">Fix</span> ");
        push_message(out, &fix.title);
        out.push_str("</p>");
    }
    if !diag.related.is_empty() {
        out.push_str("<ul class=\"related\">");
        for (r, (start, _)) in diag.related.iter().zip(&d.related) {
            let _ = write!(
                out,
                "<li><button type=\"button\" class=\"place\" data-file=\"{file}\" data-at=\"{}-{}\">",
                r.range.start, r.range.end
            );
            push_message(out, &r.message);
            let _ = write!(
                out,
                "</button> <span class=\"ln\">line {}</span></li>",
                start.line
            );
        }
        out.push_str("</ul>");
    }
    if unanchored {
        out.push_str("<p class=\"ln\">Its words are Markdown syntax, not shown in the text.</p>");
    }
    let _ = write!(
        out,
        "</div><a class=\"back\" href=\"#h{file}-{i}\" aria-label=\"Back to finding {} in the text\">↩ text</a></li>",
        i + 1
    );
}

/// People, quotes and figures.
pub fn fact_sheet(out: &mut String, file: usize, sheet: &Sheet) {
    people(out, file, sheet);
    quotes(out, file, sheet);
    figures(out, file, sheet);
}

fn people(out: &mut String, file: usize, sheet: &Sheet) {
    let n = sheet.people.len();
    section_open(out, "people", "People", n, n <= FOLD_AFTER);
    if n == 0 {
        out.push_str("<p class=\"none\">No people identified.</p></details>");
        return;
    }
    out.push_str("<ul class=\"facts\">");
    for p in &sheet.people {
        let full = p.mentions.iter().any(|m| m.kind == "full-name");
        let _ = write!(
            out,
            "<li class=\"person{}\"><button type=\"button\" class=\"place\" data-file=\"{file}\" data-at=\"",
            if full { "" } else { " flag" }
        );
        places(out, p.mentions.iter().map(|m| m.byte_range));
        out.push_str("\">");
        push(out, &p.name);
        out.push_str("</button>");
        if p.in_registry {
            out.push_str(
                " <span class=\"tag\" title=\"In the [[people]] registry of copydesk.toml\">registry</span>",
            );
        }
        if !full {
            out.push_str(" <span class=\"flagged\">never named in full</span>");
        }
        if let Some(t) = &p.title {
            out.push_str("<span class=\"title\">");
            push(out, t);
            out.push_str("</span>");
        }
        // The distinct forms the article uses for this person.
        let mut forms: Vec<&str> = Vec::new();
        for m in &p.mentions {
            if !forms.contains(&m.text.as_str()) {
                forms.push(&m.text);
            }
        }
        let _ = write!(
            out,
            "<span class=\"meta\">{} mention{}: ",
            p.mentions.len(),
            if p.mentions.len() == 1 { "" } else { "s" }
        );
        push(out, &shorten(&forms.join(", "), 120));
        out.push_str("</span>");
        if !p.quotes.is_empty() {
            let _ = write!(
                out,
                "<span class=\"meta\"><button type=\"button\" class=\"place\" data-file=\"{file}\" data-at=\""
            );
            places(
                out,
                p.quotes
                    .iter()
                    .filter_map(|&q| sheet.quotes.get(q))
                    .map(|q| q.byte_range),
            );
            let _ = write!(
                out,
                "\">{} quote{}</button></span>",
                p.quotes.len(),
                if p.quotes.len() == 1 { "" } else { "s" }
            );
        }
        if let Some(note) = &p.note {
            out.push_str("<span class=\"meta note-text\">");
            push(out, note);
            out.push_str("</span>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></details>");
}

fn quotes(out: &mut String, file: usize, sheet: &Sheet) {
    let n = sheet.quotes.len();
    section_open(out, "quotes", "Quotes", n, n <= FOLD_AFTER);
    if n == 0 {
        out.push_str("<p class=\"none\">No quotations.</p></details>");
        return;
    }
    out.push_str("<ol class=\"facts\">");
    for q in &sheet.quotes {
        let unknown = q.speaker.is_none();
        let _ = write!(
            out,
            "<li class=\"quote{}\"><button type=\"button\" class=\"place\" data-file=\"{file}\" data-at=\"",
            if unknown { " flag" } else { "" }
        );
        places(out, [q.byte_range]);
        out.push_str("\">“");
        push(out, &shorten(&q.text, 140));
        out.push_str("”</button><span class=\"meta\">");
        match &q.speaker {
            Some(s) => {
                out.push_str("<span class=\"speaker\">");
                push(out, s);
                out.push_str("</span>");
                if let Some(cue) = &q.cue {
                    out.push_str(" <span class=\"cue\">(");
                    push(out, cue);
                    out.push_str(")</span>");
                }
                if q.via != "named" {
                    let _ = write!(out, " <span class=\"via\">via {}</span>", q.via);
                }
            }
            None => out.push_str("<span class=\"flagged\">no speaker</span>"),
        }
        if !q.closed {
            out.push_str(" <span class=\"flagged\">never closed</span>");
        }
        if let Some(p) = q.parent {
            let _ = write!(out, " <span class=\"via\">inside quote {}</span>", p + 1);
        }
        out.push_str("</span></li>");
    }
    out.push_str("</ol></details>");
}

fn figures(out: &mut String, file: usize, sheet: &Sheet) {
    let n = sheet.figures.len();
    section_open(out, "figures", "Figures", n, n <= FOLD_AFTER);
    if n == 0 {
        out.push_str("<p class=\"none\">No figures.</p></details>");
        return;
    }
    out.push_str(
        "<table class=\"facts\"><thead><tr><th scope=\"col\">Text</th><th scope=\"col\">Value</th>\
         <th scope=\"col\">Kind</th><th scope=\"col\">Counts</th></tr></thead><tbody>",
    );
    for f in &sheet.figures {
        let _ = write!(
            out,
            "<tr><td><button type=\"button\" class=\"place\" data-file=\"{file}\" data-at=\""
        );
        places(out, [f.byte_range]);
        out.push_str("\">");
        push(out, &shorten(&f.text, 60));
        out.push_str("</button></td><td>");
        push(out, &f.value_text);
        if let Some(u) = &f.unit {
            out.push(' ');
            push(out, u);
        }
        let _ = write!(out, "</td><td>{}</td><td>", escape::escape(f.kind));
        if let Some(c) = &f.counts {
            push(out, c);
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></details>");
}
