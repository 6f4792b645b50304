//! `check --format github`: GitHub Actions workflow commands, one annotation per finding.
//!
//! `::warning file=F,line=L,col=C,endLine=L2,endColumn=C2,title=copydesk CODE (name)::message`.
//! `col`/`endColumn` are sent only when the finding is on one line (GitHub ignores or misplaces
//! them otherwise).

use crate::analysis::Severity;
use crate::cli::check::{Counts, FileOutcome, Located};

/// Escapes a command's data (the message): `%`, CR, LF.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in escape_data(s).chars() {
        match c {
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

pub fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "notice",
    }
}

pub fn annotation(path: &str, d: &Located) -> String {
    let diag = &d.diag;
    let mut props = format!("file={},line={}", escape_property(path), d.start.line);
    if d.start.line == d.end.line {
        props.push_str(&format!(",col={}", d.start.column));
    }
    props.push_str(&format!(",endLine={}", d.end.line));
    if d.start.line == d.end.line {
        props.push_str(&format!(",endColumn={}", d.end.column));
    }
    props.push_str(&format!(
        ",title={}",
        escape_property(&format!("copydesk {} ({})", diag.code, diag.code.name()))
    ));
    let mut message = diag.message.clone();
    if let Some(fix) = &diag.fix {
        message.push_str(&format!("\nhelp: {}", fix.title));
    }
    if let Some(c) = &diag.computation {
        message.push_str(&format!("\nnote: {c}"));
    }
    format!(
        "::{} {}::{}\n",
        command(diag.severity),
        props,
        escape_data(&message)
    )
}

pub fn render_file(path: &str, diagnostics: &[Located]) -> String {
    diagnostics.iter().map(|d| annotation(path, d)).collect()
}

pub fn render_report(outcomes: &[FileOutcome]) -> String {
    let mut out = String::new();
    for o in outcomes {
        if let FileOutcome::Checked(f) = o {
            out.push_str(&f.rendered);
        }
    }
    let line = super::human::summary_line(&Counts::of(outcomes));
    out.push_str(&format!("copydesk: {}\n", escape_data(&line)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            escape_data("100% sure\r\nnext: a,b"),
            "100%25 sure%0D%0Anext: a,b"
        );
        assert_eq!(escape_property("dir:a,b%.md"), "dir%3Aa%2Cb%25.md");
    }
}
