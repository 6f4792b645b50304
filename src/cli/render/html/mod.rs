//! `check --format html`: one self-contained page for the desk editor. The article as text with
//! each finding highlighted, its notes and fact sheet beside it, an index of files, filters by
//! rule and severity, keyboard navigation and a print stylesheet.
//!
//! Self-contained and inert: CSS and script are inline and allowed by their SHA-256 hashes in a
//! Content-Security-Policy that allows nothing else (no request, no other script, no inline
//! style attribute or event handler); every piece of article text is escaped. Each file's section
//! is rendered in the parallel stage ([`render_file`]); [`render_report`] puts the page together.

pub mod article;
mod docs;
pub mod escape;
pub mod sha256;
mod side;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

use self::article::{Highlight, severity_class};
use self::escape::push;
use crate::analysis::{Analysis, Severity, rules};
use crate::cli::check::{FileOutcome, Located, display_path};
use crate::cli::facts;
use crate::cli::input::InputError;

/// The page's stylesheet and script, exactly as they appear between their tags.
pub const STYLE: &str = include_str!("report.css");
pub const SCRIPT: &str = include_str!("report.js");

/// The Content-Security-Policy: nothing may load, only this page's own style and script run.
pub static CSP: LazyLock<String> = LazyLock::new(|| {
    format!(
        "default-src 'none'; style-src {}; script-src {}; base-uri 'none'; form-action 'none'",
        sha256::csp_hash(STYLE),
        sha256::csp_hash(SCRIPT)
    )
});

const SEVERITIES: [Severity; 4] = [
    Severity::Error,
    Severity::Warning,
    Severity::Information,
    Severity::Hint,
];

/// Counts by severity, most severe first.
fn severity_counts(diags: &[Located]) -> [usize; 4] {
    let mut c = [0; 4];
    for d in diags {
        let i = SEVERITIES
            .iter()
            .position(|&s| s == d.diag.severity)
            .unwrap_or(3);
        c[i] += 1;
    }
    c
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn severity_noun(s: Severity, n: usize) -> String {
    match s {
        Severity::Error => plural(n, "error", "errors"),
        Severity::Warning => plural(n, "warning", "warnings"),
        Severity::Information => plural(n, "information", "information"),
        Severity::Hint => plural(n, "hint", "hints"),
    }
}

/// Badges "2 warnings", "1 information", … for the non-zero counts, or "no findings".
fn badges(out: &mut String, counts: &[usize; 4]) {
    let mut any = false;
    for (s, &n) in SEVERITIES.iter().zip(counts) {
        if n > 0 {
            let _ = write!(
                out,
                "<span class=\"badge {}\">{}</span> ",
                severity_class(*s),
                severity_noun(*s, n)
            );
            any = true;
        }
    }
    if !any {
        out.push_str("<span class=\"badge clean\">no findings</span>");
    }
}

/// One article's section: heading, text with highlights, notes and fact sheet.
pub fn render_file(
    file: usize,
    path: &str,
    text: &str,
    analysis: &Analysis,
    diags: &[Located],
) -> String {
    let marks: Vec<Highlight> = diags
        .iter()
        .map(|d| Highlight {
            start: d.diag.range.start,
            end: d.diag.range.end,
            severity: d.diag.severity,
        })
        .collect();
    let art = article::render(text, &analysis.document, file, &marks);
    let sheet = facts::sheet(path, text, analysis);
    let mut out = String::with_capacity(art.html.len() + 4096 + diags.len() * 600);
    let _ = write!(
        out,
        "<section class=\"file\" id=\"file-{file}\" data-file=\"{file}\" aria-labelledby=\"file-{file}-h\">\
         <header class=\"file-head\"><h2 id=\"file-{file}-h\"><span class=\"path\">"
    );
    push(&mut out, path);
    out.push_str("</span></h2><p class=\"counts\">");
    badges(&mut out, &severity_counts(diags));
    out.push_str("</p>");
    if sheet.title.is_some() || sheet.article_date.is_some() {
        out.push_str("<p class=\"meta\">");
        if let Some(t) = &sheet.title {
            out.push_str("Title: <cite>");
            push(&mut out, t);
            out.push_str("</cite>");
        }
        if let Some(d) = &sheet.article_date {
            if sheet.title.is_some() {
                out.push_str(" · ");
            }
            out.push_str("Article date: ");
            push(&mut out, d);
        }
        out.push_str("</p>");
    }
    let kind = match analysis.document.kind {
        crate::analysis::SourceKind::Markdown => "md",
        crate::analysis::SourceKind::PlainText => "txt",
    };
    let _ = write!(
        out,
        "</header><div class=\"layout\"><article class=\"text {kind}\" aria-label=\"Article text\">"
    );
    out.push_str(&art.html);
    out.push_str("</article><aside class=\"side\" aria-label=\"Findings and fact sheet\">");
    side::notes(&mut out, file, diags, &art.unanchored);
    side::fact_sheet(&mut out, file, &sheet);
    out.push_str("</aside></div></section>");
    out
}

fn failed_section(out: &mut String, file: usize, e: &InputError) {
    let _ = write!(
        out,
        "<section class=\"file failed\" id=\"file-{file}\" aria-labelledby=\"file-{file}-h\">\
         <header class=\"file-head\"><h2 id=\"file-{file}-h\"><span class=\"path\">"
    );
    push(out, &display_path(&e.path));
    out.push_str(
        "</span></h2><p class=\"error\"><span class=\"badge s-error\">not checked</span> ",
    );
    push(out, &e.message);
    out.push_str("</p></header></section>");
}

/// The whole page. `early` are the paths that gave no file at all (missing, empty directory).
pub fn render_report(outcomes: &[FileOutcome], early: &[InputError]) -> String {
    let total_len: usize = outcomes
        .iter()
        .map(|o| match o {
            FileOutcome::Checked(f) => f.rendered.len(),
            FileOutcome::Failed(_) => 512,
        })
        .sum();
    let mut out = String::with_capacity(total_len + STYLE.len() + SCRIPT.len() + 64 * 1024);
    let files: Vec<(usize, &FileOutcome, [usize; 4])> = outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let counts = match o {
                FileOutcome::Checked(f) => severity_counts(&f.diagnostics),
                FileOutcome::Failed(_) => [0; 4],
            };
            (i, o, counts)
        })
        .collect();
    let mut totals = [0usize; 4];
    for (_, _, c) in &files {
        for (t, n) in totals.iter_mut().zip(c) {
            *t += n;
        }
    }
    // Rules with findings, in registry order, with their counts.
    let mut by_rule: BTreeMap<usize, (&'static rules::RuleMeta, usize)> = BTreeMap::new();
    for o in outcomes {
        if let FileOutcome::Checked(f) = o {
            for d in &f.diagnostics {
                if let Some(pos) = rules::Rule::ALL.iter().position(|&r| r == d.diag.code) {
                    by_rule.entry(pos).or_insert((d.diag.code.meta(), 0)).1 += 1;
                }
            }
        }
    }
    let checked = outcomes
        .iter()
        .filter(|o| matches!(o, FileOutcome::Checked(_)))
        .count();
    let failed = outcomes.len() - checked + early.len();

    // Head.
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    let _ = write!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        *CSP
    );
    out.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\"><meta name=\"generator\" content=\"copydesk ",
    );
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str("\"><title>copydesk report: ");
    match outcomes {
        [one] => push(&mut out, &display_path(one.path())),
        _ => out.push_str(&plural(outcomes.len(), "file", "files")),
    }
    out.push_str("</title><style>");
    out.push_str(STYLE);
    out.push_str("</style></head><body><a class=\"skip\" href=\"#main\">Skip to the articles</a>");

    // Header: summary, filters, keys.
    out.push_str("<header class=\"top\"><h1>copydesk report</h1><p class=\"summary\">");
    out.push_str(&plural(checked, "file checked", "files checked"));
    if failed > 0 {
        let _ = write!(
            out,
            ", <span class=\"badge s-error\">{} not checked</span>",
            failed
        );
    }
    out.push_str(": ");
    badges(&mut out, &totals);
    out.push_str("</p>");
    if !by_rule.is_empty() {
        out.push_str(
            "<form class=\"filters\" id=\"filters\" aria-label=\"Show findings by severity and rule\">\
             <fieldset><legend>Severity</legend>",
        );
        for (s, &n) in SEVERITIES.iter().zip(&totals) {
            if n > 0 {
                let _ = write!(
                    out,
                    "<label><input type=\"checkbox\" name=\"sev\" value=\"{}\" checked> \
                     <span class=\"sev {}\">{}</span> <span class=\"n\">{n}</span></label> ",
                    s.as_str(),
                    severity_class(*s),
                    side::severity_label(*s)
                );
            }
        }
        out.push_str("</fieldset><fieldset><legend>Rules</legend>");
        for (meta, n) in by_rule.values() {
            let _ = write!(
                out,
                "<label><input type=\"checkbox\" name=\"rule\" value=\"{}\" checked> {} \
                 <span class=\"name\">{}</span> <span class=\"n\">{n}</span></label> ",
                meta.code, meta.code, meta.name
            );
        }
        out.push_str("</fieldset><p class=\"shown\" id=\"shown\" aria-live=\"polite\"></p></form>");
    }
    out.push_str(
        "<p class=\"keys\" id=\"keys\">Keys: <kbd>j</kbd> or <kbd>n</kbd> next finding · \
         <kbd>k</kbd> or <kbd>p</kbd> previous finding · <kbd>Enter</kbd> open its card · \
         <kbd>Esc</kbd> close · <kbd>?</kbd> show or hide this line. Click or focus a highlight \
         for its message; click an entry of a fact sheet to find it in the text.</p></header>",
    );

    // Index of files, worst first.
    if outcomes.len() + early.len() > 1 {
        let mut rows: Vec<&(usize, &FileOutcome, [usize; 4])> = files.iter().collect();
        // Worst first: files that could not be checked, then by errors, warnings, information,
        // hints; ties keep the input order.
        rows.sort_by(|a, b| {
            let key = |r: &(usize, &FileOutcome, [usize; 4])| {
                (matches!(r.1, FileOutcome::Failed(_)), r.2)
            };
            key(b).cmp(&key(a)).then(a.0.cmp(&b.0))
        });
        out.push_str(
            "<nav class=\"index\" aria-label=\"Files\"><h2>Files</h2><table><thead><tr>\
             <th scope=\"col\">File</th><th scope=\"col\" class=\"c\"><span class=\"sev s-error\">Errors</span></th>\
             <th scope=\"col\" class=\"c\"><span class=\"sev s-warning\">Warnings</span></th>\
             <th scope=\"col\" class=\"c\"><span class=\"sev s-information\">Information</span></th>\
             <th scope=\"col\" class=\"c\"><span class=\"sev s-hint\">Hints</span></th></tr></thead><tbody>",
        );
        for e in early {
            out.push_str("<tr class=\"failed\"><th scope=\"row\">");
            push(&mut out, &display_path(&e.path));
            out.push_str("</th><td colspan=\"4\" class=\"error\"><span class=\"badge s-error\">not checked</span> ");
            push(&mut out, &e.message);
            out.push_str("</td></tr>");
        }
        for (i, o, c) in rows {
            let _ = write!(out, "<tr><th scope=\"row\"><a href=\"#file-{i}\">");
            push(&mut out, &display_path(o.path()));
            out.push_str("</a></th>");
            match o {
                FileOutcome::Failed(e) => {
                    out.push_str(
                        "<td colspan=\"4\" class=\"error\"><span class=\"badge s-error\">not checked</span> ",
                    );
                    push(&mut out, &e.message);
                    out.push_str("</td>");
                }
                FileOutcome::Checked(_) => {
                    for n in c {
                        if *n == 0 {
                            out.push_str("<td class=\"c zero\">0</td>");
                        } else {
                            let _ = write!(out, "<td class=\"c\">{n}</td>");
                        }
                    }
                }
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></nav>");
    } else if let Some(e) = early.first() {
        out.push_str("<p class=\"error\"><span class=\"badge s-error\">not checked</span> ");
        push(&mut out, &display_path(&e.path));
        out.push_str(": ");
        push(&mut out, &e.message);
        out.push_str("</p>");
    }

    // The articles.
    out.push_str("<main id=\"main\">");
    for (i, o, _) in &files {
        match o {
            FileOutcome::Checked(f) => out.push_str(&f.rendered),
            FileOutcome::Failed(e) => failed_section(&mut out, *i, e),
        }
    }
    out.push_str("</main>");

    // The rules' explanations.
    if !by_rule.is_empty() {
        out.push_str("<section class=\"rules\" id=\"rules\" aria-labelledby=\"rules-h\"><h2 id=\"rules-h\">Rules in this report</h2>");
        for (meta, _) in by_rule.values() {
            docs::rule_doc(&mut out, meta);
        }
        out.push_str("</section>");
    }
    let _ = write!(
        out,
        "<footer class=\"foot\">copydesk {}: nothing in this page loads anything from anywhere.</footer>",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str(
        "<div id=\"pop\" class=\"pop\" role=\"dialog\" aria-label=\"Finding\" hidden></div><script>",
    );
    out.push_str(SCRIPT);
    out.push_str("</script></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The style and script are raw text: they must not end their own element early, and the
    /// hashes in the policy are of exactly what the page holds.
    #[test]
    fn assets_are_raw_text_and_hashed() {
        for (asset, tag) in [(STYLE, "</style"), (SCRIPT, "</script")] {
            assert!(!asset.to_ascii_lowercase().contains(tag));
            assert!(!asset.contains("<!--"));
        }
        assert!(CSP.contains(&sha256::csp_hash(STYLE)));
        assert!(CSP.contains(&sha256::csp_hash(SCRIPT)));
        assert!(!CSP.contains("unsafe"));
        assert!(!SCRIPT.contains("innerHTML") && !SCRIPT.contains("eval("));
    }
}
