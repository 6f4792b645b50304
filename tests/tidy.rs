//! Tidy checks: docs generated from code stay in step, and `analysis` stays pure.

use std::path::{Path, PathBuf};

use copydesk::analysis::rules::RULES;

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
    for r in RULES {
        let docs = r.meta.docs_text();
        for section in ["## What it does", "## Why it matters", "## Example"] {
            if !docs.contains(section) {
                missing.push(format!("{} {}: no `{section}`", r.meta.code, r.meta.name));
            }
        }
        if r.meta.summary().is_empty() {
            missing.push(format!("{}: empty summary", r.meta.code));
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
    for r in RULES {
        let code = r.meta.code;
        assert!(
            code.len() == 6
                && code[..3].chars().all(|c| c.is_ascii_uppercase())
                && code[3..].chars().all(|c| c.is_ascii_digit()),
            "code `{code}` is not FAMILY###"
        );
        assert!(
            r.meta
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'),
            "name `{}` is not kebab-case",
            r.meta.name
        );
        assert!(seen.insert(code), "duplicate code {code}");
        assert!(seen.insert(r.meta.name), "duplicate name {}", r.meta.name);
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a Rust source with comments blanked out (line comments, doc comments and block
/// comments; string literals are kept, a `//` inside one cuts the rest of the line, which can only
/// hide text, never invent it).
fn strip_comments(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut in_block = 0usize;
    for line in src.lines() {
        let mut rest = line;
        let mut kept = String::new();
        loop {
            if in_block > 0 {
                match (rest.find("*/"), rest.find("/*")) {
                    (Some(c), Some(o)) if o < c => {
                        in_block += 1;
                        rest = &rest[o + 2..];
                    }
                    (Some(c), _) => {
                        in_block -= 1;
                        rest = &rest[c + 2..];
                    }
                    (None, _) => break,
                }
                continue;
            }
            let line_c = rest.find("//");
            let block_c = rest.find("/*");
            match (line_c, block_c) {
                (Some(l), b) if b.is_none_or(|b| l < b) => {
                    kept.push_str(&rest[..l]);
                    break;
                }
                (_, Some(b)) => {
                    kept.push_str(&rest[..b]);
                    in_block += 1;
                    rest = &rest[b + 2..];
                }
                _ => {
                    kept.push_str(rest);
                    break;
                }
            }
        }
        out.push_str(&kept);
        out.push('\n');
    }
    out
}

fn contains_word(hay: &str, needle: &str) -> Option<usize> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let at = from + i;
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        let starts_ok = before.is_none_or(|c| !is_ident(c));
        let ends_ok = needle.ends_with('!') || after.is_none_or(|c| !is_ident(c));
        if starts_ok && ends_ok {
            return Some(at);
        }
        from = at + needle.len();
    }
    None
}

#[test]
fn analysis_is_pure() {
    const FORBIDDEN: &[&str] = &[
        "std::fs",
        "tokio",
        "tower_lsp_server",
        "ropey",
        "clap",
        "serde_json",
        "println!",
        "eprintln!",
        "std::io",
        "std::net",
        "std::process",
    ];
    let mut files = Vec::new();
    rust_files(&root().join("src/analysis"), &mut files);
    files.sort();
    assert!(!files.is_empty(), "no sources under src/analysis");
    let mut problems = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        let code = strip_comments(&src);
        for (n, line) in code.lines().enumerate() {
            for word in FORBIDDEN {
                if contains_word(line, word).is_some() {
                    problems.push(format!(
                        "{}:{}: `{word}` in src/analysis (the core must stay pure: no IO, async, \
                         LSP, CLI or printing)",
                        f.strip_prefix(root()).unwrap_or(f).display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn tidy_helpers_work() {
    let code = strip_comments(
        "use std::fs; // std::io\n/// println!\nlet a = 1; /* tokio\n ropey */ let b = clap;\n",
    );
    assert!(contains_word(&code, "std::fs").is_some());
    assert!(contains_word(&code, "std::io").is_none());
    assert!(contains_word(&code, "println!").is_none());
    assert!(contains_word(&code, "tokio").is_none());
    assert!(contains_word(&code, "ropey").is_none());
    assert!(contains_word(&code, "clap").is_some());
    assert!(contains_word("clapping", "clap").is_none());
}
