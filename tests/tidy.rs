//! Tidy checks: docs generated from code stay in step. (The layer order, which keeps `analysis`
//! pure, is checked by `tests/architecture.rs`.)

use std::path::Path;

use copydesk::analysis::Rule;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const START: &str = "<!-- rules-table:start -->";
const END: &str = "<!-- rules-table:end -->";

#[test]
fn readme_rules_table_matches_the_registry() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let start = readme
        .find(START)
        .unwrap_or_else(|| panic!("README.md has no `{START}` marker"))
        + START.len();
    let end = readme[start..]
        .find(END)
        .unwrap_or_else(|| panic!("README.md has no `{END}` marker after the start marker"))
        + start;
    let found = readme[start..end].trim();
    let expected = copydesk::cli::rules_table_markdown();
    if found != expected.trim() {
        panic!(
            "README.md's rules table is out of date. Replace the text between the markers with \
             (also printed by `copydesk rules --format markdown`):\n\n{expected}"
        );
    }
}

#[test]
fn every_rule_is_documented() {
    let mut missing = Vec::new();
    for r in Rule::ALL {
        let docs = r.meta().docs_text();
        for section in ["## What it does", "## Why it matters", "## Example"] {
            if !docs.contains(section) {
                missing.push(format!(
                    "{} {}: no `{section}`",
                    r.meta().code,
                    r.meta().name
                ));
            }
        }
        if r.meta().summary().is_empty() {
            missing.push(format!("{}: empty summary", r.meta().code));
        }
    }
    assert!(
        missing.is_empty(),
        "rule docs incomplete:\n{}",
        missing.join("\n")
    );
}

#[test]
fn rule_codes_and_names_are_unique_and_well_formed() {
    let mut seen = std::collections::HashSet::new();
    for r in Rule::ALL {
        let code = r.meta().code;
        assert!(
            code.len() == 6
                && code[..3].chars().all(|c| c.is_ascii_uppercase())
                && code[3..].chars().all(|c| c.is_ascii_digit()),
            "code `{code}` is not FAMILY###"
        );
        assert!(
            r.meta()
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'),
            "name `{}` is not kebab-case",
            r.meta().name
        );
        assert!(seen.insert(code), "duplicate code {code}");
        assert!(
            seen.insert(r.meta().name),
            "duplicate name {}",
            r.meta().name
        );
    }
}
