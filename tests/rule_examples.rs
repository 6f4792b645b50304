//! Every rule's documentation is checked against the rule itself, so that it cannot drift.
//!
//! The `## Example` section of a rule's docs (its `declare_rule!` doc comment, which
//! `copydesk explain` prints) holds examples written as paragraphs that start with a marker; the
//! first backticked span of the paragraph is the example, analysed alone as a plain-text article
//! with the default configuration. The rest of the paragraph is commentary for the reader.
//!
//! - `Flagged:` the rule must report at least once on the example.
//! - `Not flagged:` the rule must not report on it.
//! - `Not yet flagged:` a known gap: the rule should report but does not yet. The test fails once
//!   the rule does report it, so that the docs then say `Flagged:`.
//!
//! A rule that checks against the desk's reference sheet says so in a paragraph "With the sheet
//! below and the article date YYYY-MM-DD:" followed by the sheet in a ```toml block; its examples
//! are analysed with that sheet and date.
//!
//! Every rule has at least one `Flagged:` example. The docs also stay readable in a terminal: no
//! line past 96 characters (the doc comment's width), and the summary sentence is not repeated.

use copydesk::analysis::Rule;
use copydesk::analysis::rules::RuleMeta;
use copydesk::analysis::{Config, SourceKind, analyze};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    Flagged,
    NotFlagged,
    NotYetFlagged,
}

const MARKERS: [(&str, Expect); 3] = [
    ("Flagged:", Expect::Flagged),
    ("Not flagged:", Expect::NotFlagged),
    ("Not yet flagged:", Expect::NotYetFlagged),
];

/// The examples of an `## Example` section: each marked paragraph's first backticked span, its
/// lines joined with spaces.
fn examples(section: &str) -> Result<Vec<(Expect, String)>, String> {
    let mut out = Vec::new();
    for para in section.split("\n\n").map(str::trim) {
        let Some((expect, rest)) = MARKERS
            .iter()
            .find_map(|(m, e)| para.strip_prefix(m).map(|rest| (*e, rest)))
        else {
            continue;
        };
        let text = rest
            .trim_start()
            .strip_prefix('`')
            .and_then(|r| r.split_once('`'))
            .map(|(text, _)| text.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                format!("`{para}`: the marker is not followed by a `backticked` example")
            })?;
        out.push((expect, text));
    }
    Ok(out)
}

/// The configuration a rule's examples are analysed with: the default, or the reference sheet
/// and article date the section gives.
fn example_config(section: &str) -> Result<Option<Config>, String> {
    let Some(start) = section.find("```toml\n") else {
        return Ok(Some(Config::default()));
    };
    let rest = &section[start + "```toml\n".len()..];
    let sheet = rest
        .find("```")
        .map(|end| &rest[..end])
        .ok_or("the ```toml block is not closed")?;
    #[allow(unused_mut)] // set below when sheets can be read
    let mut config = Config {
        article_date: section
            .find("article date ")
            .and_then(|i| section.get(i + "article date ".len()..)?.get(..10))
            .and_then(copydesk::analysis::Date::parse_iso),
        ..Config::default()
    };
    #[cfg(feature = "config")]
    {
        use copydesk::config::sheet;
        let mut sheets = sheet::Sheets::default();
        sheet::parse_into(
            std::path::Path::new("example.toml"),
            "example.toml",
            sheet,
            &mut sheets,
        );
        if let Some(e) = sheets.errors.first() {
            return Err(format!("the example sheet does not load: {e}"));
        }
        config.reference = std::sync::Arc::new(sheets.into_reference());
        Ok(Some(config))
    }
    #[cfg(not(feature = "config"))]
    {
        let _ = (sheet, config);
        Ok(None)
    }
}

/// What is wrong with one rule's examples, if anything.
fn check_rule(meta: &RuleMeta) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(section) = meta.section("Example") else {
        return vec![format!("{}: no `## Example` section", meta.code)];
    };
    let examples = match examples(&section) {
        Ok(e) => e,
        Err(e) => return vec![format!("{}: {e}", meta.code)],
    };
    let config = match example_config(&section) {
        Ok(Some(c)) => c,
        // Reading a sheet needs the `config` feature.
        Ok(None) => return Vec::new(),
        Err(e) => return vec![format!("{}: {e}", meta.code)],
    };
    if !examples.iter().any(|(e, _)| *e == Expect::Flagged) {
        problems.push(format!(
            "{}: the `## Example` section has no `Flagged:` example",
            meta.code
        ));
    }
    for (expect, text) in &examples {
        let analysis = analyze(text, SourceKind::PlainText, &config);
        let found = analysis
            .diagnostics
            .iter()
            .filter(|d| d.code.code() == meta.code)
            .count();
        let wrong = match expect {
            Expect::Flagged => (found == 0).then_some("gives no finding of the rule"),
            Expect::NotFlagged => (found > 0).then_some("gives a finding of the rule"),
            Expect::NotYetFlagged => (found > 0).then_some(
                "now gives a finding of the rule: the gap is closed, so mark it `Flagged:`",
            ),
        };
        if let Some(wrong) = wrong {
            problems.push(format!(
                "{} example ({expect:?}) `{text}` {wrong}",
                meta.code
            ));
        }
    }
    problems
}

#[test]
fn every_rule_example_does_what_its_docs_say() {
    assert!(!Rule::ALL.is_empty());
    let mut problems = Vec::new();
    let mut flagged = 0;
    for r in Rule::ALL {
        problems.extend(check_rule(r.meta()));
        flagged += r
            .meta()
            .section("Example")
            .and_then(|s| examples(&s).ok())
            .map_or(0, |e| {
                e.iter().filter(|(e, _)| *e == Expect::Flagged).count()
            });
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(flagged >= Rule::ALL.len(), "{flagged} flagged examples");
}

#[test]
fn rule_docs_read_well_in_a_terminal() {
    let mut problems = Vec::new();
    for r in Rule::ALL {
        let docs = r.meta().docs_text();
        for line in docs.lines() {
            if line.chars().count() > 96 {
                problems.push(format!("{}: line too long: `{line}`", r.meta().code));
            }
        }
        // The summary is said once: a later paragraph must not start by repeating it.
        let summary = r.meta().summary();
        let flat = docs.split_whitespace().collect::<Vec<_>>().join(" ");
        let head = summary
            .trim_end_matches('.')
            .split(':')
            .next()
            .unwrap_or("")
            .to_lowercase();
        if flat.to_lowercase().matches(&head).count() > 1 {
            problems.push(format!(
                "{}: the summary `{summary}` is repeated in the docs",
                r.meta().code
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn examples_are_read_by_their_markers() {
    let section = "Flagged: `One\ntwo.` (why)\n\nSome commentary `not an example`.\n\n\
                   Not flagged: `Three.`\n\nNot yet flagged: `Four.` (a gap)";
    assert_eq!(
        examples(section).unwrap(),
        [
            (Expect::Flagged, "One two.".to_string()),
            (Expect::NotFlagged, "Three.".to_string()),
            (Expect::NotYetFlagged, "Four.".to_string()),
        ]
    );
    assert!(examples("Flagged: no span").is_err());
    assert!(examples("Flagged: ``").is_err());
    assert!(examples("Nothing marked `here`.").unwrap().is_empty());
}
