//! `copydesk explain CODE|NAME` and `copydesk rules`: documentation generated from the registry.

use serde::Serialize;

use super::args::{RulesArgs, RulesFormat};
use crate::analysis::rules::{self, Rule, RuleMeta};

/// The text `copydesk explain` prints for a rule.
pub fn explain_text(meta: &RuleMeta) -> String {
    format!(
        "# {} {}\n\nDefault severity: {}\n\n{}\n",
        meta.code,
        meta.name,
        meta.default_severity,
        meta.docs_text()
    )
}

fn codes_list() -> String {
    Rule::ALL
        .iter()
        .map(|r| format!("  {}  {}", r.code(), r.name()))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn explain(rule: &str) -> i32 {
    match rules::find(rule) {
        Some(r) => {
            if super::emit(&explain_text(r.meta())) {
                0
            } else {
                2
            }
        }
        None => {
            eprintln!(
                "error: no rule `{rule}`; use a code or a name from this list:\n{}",
                codes_list()
            );
            2
        }
    }
}

fn escape_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The README rules table (Markdown), generated from the registry. `tests/tidy.rs` checks that
/// README.md holds exactly this between `<!-- rules-table:start -->` and `<!-- rules-table:end -->`.
pub fn rules_table_markdown() -> String {
    let mut out = String::from(
        "| Code | Name | Default severity | Judged useful | What it flags |\n|---|---|---|---|---|\n",
    );
    for r in Rule::ALL {
        let m = r.meta();
        let measured = match m.measured {
            Some(x) if x.supports().is_some() => {
                format!("{} of {} ({:.0}%)", x.useful, x.judged, x.share() * 100.0)
            }
            Some(x) => format!("{} of {} (too few)", x.useful, x.judged),
            None => "not measured".to_string(),
        };
        out.push_str(&format!(
            "| <a id=\"{}\"></a>{} | `{}` | {} | {} | {} |\n",
            m.code.to_ascii_lowercase(),
            m.code,
            m.name,
            m.default_severity,
            measured,
            escape_cell(&m.summary())
        ));
    }
    out
}

/// An aligned plain-text table for the terminal.
pub fn rules_table_text() -> String {
    let name_w = Rule::ALL.iter().map(|r| r.name().len()).max().unwrap_or(4);
    let mut out = String::new();
    out.push_str(&format!(
        "{:<7} {:<name_w$} {:<11} SUMMARY\n",
        "CODE", "NAME", "SEVERITY"
    ));
    for r in Rule::ALL {
        let m = r.meta();
        out.push_str(&format!(
            "{:<7} {:<name_w$} {:<11} {}\n",
            m.code,
            m.name,
            m.default_severity.as_str(),
            m.summary()
        ));
    }
    out
}

#[derive(Serialize)]
struct RuleJson {
    code: &'static str,
    name: &'static str,
    default_severity: &'static str,
    summary: String,
    docs: String,
}

pub fn rules_json() -> String {
    let list: Vec<RuleJson> = Rule::ALL
        .iter()
        .map(|r| RuleJson {
            code: r.code(),
            name: r.name(),
            default_severity: r.default_severity().as_str(),
            summary: r.meta().summary(),
            docs: r.meta().docs_text(),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&serde_json::json!({"version": 1, "rules": list}))
        .unwrap_or_default();
    s.push('\n');
    s
}

pub fn rules(args: RulesArgs) -> i32 {
    let out = match args.format {
        RulesFormat::Human => rules_table_text(),
        RulesFormat::Json => rules_json(),
        RulesFormat::Markdown => rules_table_markdown(),
    };
    if super::emit(&out) { 0 } else { 2 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_table() {
        let table = rules_table_markdown();
        assert_eq!(table.lines().count(), Rule::ALL.len() + 2);
        assert!(
            table.contains(
                "| <a id=\"ppl001\"></a>PPL001 | `name-variant` | warning | 23 of 24 (96%) |"
            ),
            "{table}"
        );
    }
}
