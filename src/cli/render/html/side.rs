//! Beside the article: its findings as numbered notes (the popover shows a note's card; print
//! shows the notes as footnotes) and its fact sheet (people, quotes, figures), built from the
//! same [`Sheet`] that `copydesk facts` prints.

use std::fmt::Write as _;

use super::article::severity_class;
use super::escape::push_message;
use crate::analysis::Severity;
use crate::cli::check::Located;
use crate::cli::facts::Sheet;

/// Sections longer than this start closed: a closed `<details>` costs no style or layout, and a
/// fact-sheet list is built only when opened.
const FOLD_AFTER: usize = 200;

pub fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Information => "Information",
        Severity::Hint => "Hint",
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
    section_open(
        out,
        "notes",
        "Findings",
        diags.len(),
        diags.len() <= FOLD_AFTER,
    );
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
        diag.code.name(),
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

/// People, quotes and figures: three sections whose entries the page's script builds from
/// compact data (byte ranges, names, values; the quoted words are read from the page's own text),
/// when a section is first opened. A long article's fact sheet (a 5 MB file has tens of
/// thousands of figures) then costs the browser nothing until someone looks at it; a short one's
/// sections start open.
pub fn fact_sheet(out: &mut String, file: usize, sheet: &Sheet) {
    let sections = [
        (
            "people",
            "People",
            sheet.people.len(),
            "No people identified.",
        ),
        ("quotes", "Quotes", sheet.quotes.len(), "No quotations."),
        ("figures", "Figures", sheet.figures.len(), "No figures."),
    ];
    for (class, title, n, none) in sections {
        section_open(out, class, title, n, n <= FOLD_AFTER);
        if n == 0 {
            let _ = write!(out, "<p class=\"none\">{none}</p>");
        } else {
            let _ = write!(
                out,
                "<div class=\"list\" data-list=\"{class}\"><p class=\"none\">The list is built by the page's script.</p></div>"
            );
        }
        out.push_str("</details>");
    }
    if sheet.people.len() + sheet.quotes.len() + sheet.figures.len() > 0 {
        let _ = write!(
            out,
            "<script type=\"application/json\" class=\"facts\" id=\"facts-{file}\">"
        );
        push_json(out, &facts_data(sheet));
        out.push_str("</script>");
    }
}

/// The sheet as arrays, positions instead of names (see report.js, `buildList`):
/// people `[name, title, note, in registry, named in full, [start, end, ...mentions], [quote indices]]`,
/// quotes `[start, end, speaker, cue, via, closed, parent or -1]`,
/// figures `[start, end, value with its unit, kind, counts]`.
fn facts_data(sheet: &Sheet) -> serde_json::Value {
    use serde_json::json;
    let people: Vec<_> = sheet
        .people
        .iter()
        .map(|p| {
            let full = p.mentions.iter().any(|m| m.kind == "full-name");
            let at: Vec<usize> = p.mentions.iter().flat_map(|m| m.byte_range).collect();
            json!([
                p.name,
                p.title,
                p.note,
                u8::from(p.in_registry),
                u8::from(full),
                at,
                p.quotes
            ])
        })
        .collect();
    let quotes: Vec<_> = sheet
        .quotes
        .iter()
        .map(|q| {
            json!([
                q.byte_range[0],
                q.byte_range[1],
                q.speaker,
                q.cue,
                q.via,
                u8::from(q.closed),
                q.parent.map_or(-1, |p| p as i64)
            ])
        })
        .collect();
    let figures: Vec<_> = sheet
        .figures
        .iter()
        .map(|f| {
            // "76%" and "$1,130,000,000" carry their unit; "3" needs "months".
            let value = match &f.unit {
                Some(u) if !f.value_text.contains(u.as_str()) => format!("{} {u}", f.value_text),
                _ => f.value_text.clone(),
            };
            json!([f.byte_range[0], f.byte_range[1], value, f.kind, f.counts])
        })
        .collect();
    json!({"people": people, "quotes": quotes, "figures": figures})
}

/// JSON inside a `<script type="application/json">`: raw text, which only `</script` or `<!--`
/// could end or confuse. `<` only occurs inside JSON strings, where `\u003c` means the same.
fn push_json(out: &mut String, v: &serde_json::Value) {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "{}".to_string());
    let mut last = 0;
    for (i, _) in s.match_indices('<') {
        out.push_str(&s[last..i]);
        out.push_str("\\u003c");
        last = i + 1;
    }
    out.push_str(&s[last..]);
}
