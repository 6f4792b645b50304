//! rustc-style reports with annotate-snippets: the source line, a caret underline, the rule code
//! and message, the fix as a `help` line and the computation as a `note`.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::analysis::Severity;
use crate::cli::check::{Counts, FileOutcome, Located};
use crate::cli::lines::LineIndex;

/// Source windows longer than this (a very long line) are not printed; the location still is.
const MAX_SNIPPET_BYTES: usize = 4096;
/// A finding spanning more lines than this shows its first line only.
const MAX_SNIPPET_LINES: usize = 6;

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Information => Level::INFO.with_name("information"),
        Severity::Hint => Level::NOTE.with_name("hint"),
    }
}

fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// A window of whole lines of `text` for a snippet: `(start_byte, source, first_line_1based)`.
/// Carriage returns are rewritten so that CRLF and CR files render like LF files while byte
/// offsets within the window stay the same.
struct Window {
    start: usize,
    end: usize,
    source: String,
    line_start: usize,
}

fn window(text: &str, index: &LineIndex, from: usize, to: usize) -> Option<Window> {
    let first = index.line_of(from);
    let mut last = index.line_of(to.max(from));
    // An end offset exactly at a line start belongs to the line before.
    if last > first && index.line_start(last) == to {
        last -= 1;
    }
    if last - first >= MAX_SNIPPET_LINES {
        last = first;
    }
    let mut start = index.line_start(first);
    // The byte order mark stays out of the snippet, so its columns match the reported ones.
    if start == 0 && text.starts_with('\u{feff}') {
        start = '\u{feff}'.len_utf8();
    }
    let end = index.line_end(text, last).max(start);
    if end.saturating_sub(start) > MAX_SNIPPET_BYTES {
        return None;
    }
    // Same byte length as the text: a CR before LF becomes a space, a lone CR (a line break of its
    // own) becomes LF, so the snippet shows the lines the line numbers count.
    let raw = text.get(start..end)?;
    let mut source = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => source.push(' '),
            '\r' => source.push('\n'),
            c => source.push(c),
        }
    }
    Some(Window {
        start,
        end,
        source,
        line_start: first + 1,
    })
}

/// Clamps `range` into the window, in window coordinates.
fn span_in(w: &Window, start: usize, end: usize) -> std::ops::Range<usize> {
    let s = start.clamp(w.start, w.end) - w.start;
    let e = end.clamp(w.start, w.end) - w.start;
    s..e.max(s)
}

/// Renders one file's findings. `path` is the displayed path.
pub fn render_file(
    path: &str,
    text: &str,
    index: &LineIndex,
    diagnostics: &[Located],
    color: bool,
) -> String {
    let renderer = renderer(color);
    let mut out = String::new();
    for d in diagnostics {
        let diag = &d.diag;
        let title = level(diag.severity)
            .primary_title(diag.message.as_str())
            .id(diag.code.code());
        let mut group = match window(text, index, diag.range.start, diag.range.end) {
            Some(w) => {
                let mut snippet = Snippet::source(w.source.clone())
                    .line_start(w.line_start)
                    .path(path)
                    .fold(false)
                    .annotation(
                        AnnotationKind::Primary
                            .span(span_in(&w, diag.range.start, diag.range.end))
                            .label(diag.code.name()),
                    );
                // Related places on the same lines are underlined in the same snippet.
                for r in &diag.related {
                    if r.range.start >= w.start && r.range.end <= w.end {
                        snippet = snippet.annotation(
                            AnnotationKind::Context
                                .span(span_in(&w, r.range.start, r.range.end))
                                .label(r.message.as_str()),
                        );
                    }
                }
                title.element(snippet)
            }
            None => title.element(
                Origin::path(path)
                    .line(d.start.line)
                    .char_column(d.start.column),
            ),
        };
        // Related places elsewhere get a snippet of their own.
        for (r, (start, _)) in diag.related.iter().zip(&d.related) {
            let same = window(text, index, diag.range.start, diag.range.end)
                .is_some_and(|w| r.range.start >= w.start && r.range.end <= w.end);
            if same {
                continue;
            }
            group = match window(text, index, r.range.start, r.range.end) {
                Some(w) => group.element(
                    Snippet::source(w.source.clone())
                        .line_start(w.line_start)
                        .path(path)
                        .fold(false)
                        .annotation(
                            AnnotationKind::Context
                                .span(span_in(&w, r.range.start, r.range.end))
                                .label(r.message.as_str()),
                        ),
                ),
                None => group.element(Level::NOTE.message(format!(
                    "{}:{}:{}: {}",
                    path, start.line, start.column, r.message
                ))),
            };
        }
        if let Some(fix) = &diag.fix {
            group = group.element(Level::HELP.message(fix.title.as_str()));
        }
        if let Some(c) = &diag.computation {
            group = group.element(Level::NOTE.message(c.as_str()));
        }
        let report: &[Group<'_>] = &[group];
        out.push_str(&renderer.render(report));
        out.push_str("\n\n");
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The summary line: `1 error, 3 warnings in 2 files (5 files checked)`.
pub fn summary_line(c: &Counts) -> String {
    let mut parts = Vec::new();
    if c.errors > 0 {
        parts.push(plural(c.errors, "error", "errors"));
    }
    if c.warnings > 0 {
        parts.push(plural(c.warnings, "warning", "warnings"));
    }
    if c.information > 0 {
        parts.push(format!("{} information", c.information));
    }
    if c.hints > 0 {
        parts.push(plural(c.hints, "hint", "hints"));
    }
    let mut line = if parts.is_empty() {
        format!("no findings in {}", plural(c.files, "file", "files"))
    } else {
        format!(
            "{} in {} ({} checked)",
            parts.join(", "),
            plural(c.files_with_findings, "file", "files"),
            plural(c.files, "file", "files")
        )
    };
    if c.failed > 0 {
        line.push_str(&format!(
            "; {} could not be checked",
            plural(c.failed, "file", "files")
        ));
    }
    line
}

/// The whole report: each file's findings in input order, then the summary line.
pub fn render_report(outcomes: &[FileOutcome], color: bool) -> String {
    let mut out = String::new();
    for o in outcomes {
        if let FileOutcome::Checked(f) = o {
            out.push_str(&f.rendered);
        }
    }
    let line = summary_line(&Counts::of(outcomes));
    if color {
        out.push_str(&format!("\x1b[1m{line}\x1b[0m\n"));
    } else {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Diagnostic, Rule, TextRange};
    use crate::cli::check::locate;

    fn diag(start: usize, end: usize) -> Diagnostic {
        Diagnostic::new(
            Rule::UnbalancedQuotes,
            Severity::Warning,
            TextRange::new(start, end),
            "quotation opened here is never closed",
        )
        .with_computation("1 + 1 = 2")
        .with_fix("close it", Vec::new())
    }

    #[test]
    fn renders_source_caret_help_and_note_with_crlf() {
        let text = "Headline\r\n\r\nShe said “no way.\r\nNext line.\r\n";
        let start = text.find('“').unwrap();
        let index = LineIndex::new(text);
        let located = locate(text, &index, vec![diag(start, start + '“'.len_utf8())]);
        let out = render_file("a.txt", text, &index, &located, false);
        assert!(
            out.contains("warning[ATT006]: quotation opened here is never closed"),
            "{out}"
        );
        assert!(out.contains("a.txt:3:10"), "{out}");
        assert!(out.contains("3 | She said “no way."), "{out}");
        assert!(out.contains("^ unbalanced-quotes"), "{out}");
        assert!(out.contains("help: close it"), "{out}");
        assert!(out.contains("note: 1 + 1 = 2"), "{out}");
        assert!(!out.contains('\r'), "{out:?}");
    }

    #[test]
    fn long_lines_print_the_location_only() {
        let text = format!("{}“x", "word ".repeat(2000));
        let start = text.find('“').unwrap();
        let index = LineIndex::new(&text);
        let located = locate(&text, &index, vec![diag(start, start + 3)]);
        let out = render_file("big.txt", &text, &index, &located, false);
        assert!(out.contains("big.txt:1:10001"), "{out}");
        assert!(out.len() < 1000, "{out}");
    }

    #[test]
    fn odd_ranges_render_without_panicking() {
        let text = "Title\n\nOne two three.\nFour “five\nsix.\n\n\nlast";
        let index = LineIndex::new(text);
        let four = text.find("Four").unwrap();
        let ranges = [
            (0, 0),                           // empty, at the start
            (text.len(), text.len()),         // empty, at the end
            (four, text.len()),               // many lines
            (7, four),                        // ends at a line start
            (text.len() - 2, text.len() + 5), // past the end (clamped)
        ];
        for (s, e) in ranges {
            let mut d = diag(s, e).with_related(TextRange::new(0, 5), "the title");
            d.related.push(crate::analysis::Related {
                range: TextRange::new(four, four + 4),
                message: "same line".into(),
            });
            let located = locate(text, &index, vec![d]);
            let out = render_file("x.md", text, &index, &located, false);
            assert!(out.contains("warning[ATT006]"), "{s}..{e}: {out}");
            assert!(out.contains("the title"), "{s}..{e}: {out}");
        }
    }

    #[test]
    fn summary_wording() {
        let c = Counts {
            files: 5,
            files_with_findings: 2,
            errors: 1,
            warnings: 3,
            ..Counts::default()
        };
        assert_eq!(
            summary_line(&c),
            "1 error, 3 warnings in 2 files (5 files checked)"
        );
        let c = Counts {
            files: 1,
            ..Counts::default()
        };
        assert_eq!(summary_line(&c), "no findings in 1 file");
    }
}
