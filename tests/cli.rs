//! End-to-end tests of the `copydesk` binary: every output format, exit codes, bad inputs.
//! Articles are invented and written to temporary directories.

mod support;

use std::path::Path;

use serde_json::Value;
use support::cli::{Run, run, write};

/// An article with one unclosed quote (ATT006, a warning) on line 3.
const UNCLOSED: &str = "Harbour council approves ferry link\n\n\
Mayor Anna Ferreira said the vote was close. “We will build it, she told reporters.\n\n\
The council meets again on Monday.\n";

/// An article with balanced quotes only.
const CLEAN: &str = "Bakery reopens after flood\n\n\
“We are back,” owner Tom Reyes said on Friday.\n";

fn run_in(dir: &Path, args: &[&str]) -> Run {
    run(dir, args, &[])
}

/// A `copydesk.toml` that turns off every rule except ATT006, plus `extra` lines in `[rules]`.
/// The tests below make exact claims about output; ATT006 is the rule whose behaviour they rely
/// on, and the other rules (tested by their fixtures) must not change these tests' outcomes.
fn config_only_att006(extra: &str) -> String {
    let mut s = String::from("[rules]\n");
    for r in copydesk::analysis::Rule::ALL {
        if r.code() != "ATT006" {
            s.push_str(&format!("{} = \"off\"\n", r.code()));
        }
    }
    s.push_str(extra);
    s
}

/// A temporary directory whose root `copydesk.toml` leaves only ATT006 on.
fn tmp() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "copydesk.toml", config_only_att006(""));
    t
}

#[test]
fn human_format_shows_source_caret_help_and_summary_without_colour() {
    let t = tmp();
    write(t.path(), "story.txt", UNCLOSED);
    let r = run_in(t.path(), &["check", "story.txt"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let out = &r.stdout;
    assert!(
        out.contains("warning[ATT006]: quotation opened here is never closed"),
        "{out}"
    );
    assert!(out.contains("--> story.txt:3:46"), "{out}");
    assert!(
        out.contains("3 | Mayor Anna Ferreira said the vote was close. “We will build it"),
        "{out}"
    );
    assert!(out.contains("^ unbalanced-quotes"), "{out}");
    assert!(out.contains("= help: close the quotation"), "{out}");
    assert!(
        out.contains("1 warning in 1 file (1 file checked)"),
        "{out}"
    );
    assert!(
        !out.contains('\x1b'),
        "no colour when stdout is not a terminal: {out:?}"
    );
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn human_format_renders_crlf_lines() {
    let t = tmp();
    write(t.path(), "crlf.md", UNCLOSED.replace('\n', "\r\n"));
    let r = run_in(t.path(), &["check", "crlf.md"]);
    assert_eq!(r.code, 1);
    assert!(!r.stdout.contains('\r'), "{:?}", r.stdout);
    assert!(r.stdout.contains("--> crlf.md:3:46"), "{}", r.stdout);
    assert!(r.stdout.contains("3 | Mayor Anna Ferreira"), "{}", r.stdout);
}

#[test]
fn clean_file_exits_zero() {
    let t = tmp();
    write(t.path(), "clean.md", CLEAN);
    let r = run_in(t.path(), &["check", "clean.md"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("no findings in 1 file"), "{}", r.stdout);
}

#[test]
fn fail_on_threshold_and_config_severity() {
    let t = tmp();
    write(t.path(), "story.md", UNCLOSED);
    // A warning fails at the default threshold and below, not at `error`.
    assert_eq!(run_in(t.path(), &["check", "story.md"]).code, 1);
    assert_eq!(
        run_in(t.path(), &["check", "story.md", "--fail-on", "hint"]).code,
        1
    );
    assert_eq!(
        run_in(t.path(), &["check", "story.md", "--fail-on", "error"]).code,
        0
    );
    // Configured down to information, it no longer fails at `warning`, still shows, and fails at
    // `information`.
    write(
        t.path(),
        "copydesk.toml",
        config_only_att006("unbalanced-quotes = \"information\"\n"),
    );
    let r = run_in(t.path(), &["check", "story.md"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("information[ATT006]"), "{}", r.stdout);
    assert_eq!(
        run_in(t.path(), &["check", "story.md", "--fail-on", "information"]).code,
        1
    );
    // Turned off, no finding at all.
    write(
        t.path(),
        "copydesk.toml",
        config_only_att006("ATT006 = \"off\"\n"),
    );
    let r = run_in(t.path(), &["check", "story.md", "--fail-on", "hint"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    // --config wins over the discovered file.
    write(
        t.path(),
        "other.toml",
        config_only_att006("ATT006 = \"error\"\n"),
    );
    let r = run_in(t.path(), &["check", "story.md", "--config", "other.toml"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("error[ATT006]"), "{}", r.stdout);
}

#[test]
fn config_is_found_by_walking_up_from_each_file() {
    let t = tmp();
    write(
        t.path(),
        "desk/copydesk.toml",
        config_only_att006("ATT006 = \"off\"\n"),
    );
    write(t.path(), "desk/sport/story.md", UNCLOSED);
    write(t.path(), "news/story.md", UNCLOSED);
    let r = run_in(t.path(), &["check", "--format", "json", "desk", "news"]);
    assert_eq!(r.code, 1);
    let v: Value = r.json();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files[0]["path"], "desk/sport/story.md");
    assert_eq!(files[0]["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(files[1]["path"], "news/story.md");
    assert_eq!(files[1]["diagnostics"].as_array().unwrap().len(), 1);
}

#[test]
fn json_format_matches_the_schema() {
    let t = tmp();
    // An emoji and curly quotes before the mark: columns count Unicode scalar values.
    let text = "Park reopens\n\n😀 “Fun” and “more fun, said Ana.\n";
    write(t.path(), "a.md", text);
    write(t.path(), "b.md", CLEAN);
    let r = run_in(t.path(), &["check", "--format", "json", "a.md", "b.md"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: Value = r.json();
    assert_eq!(v["version"], 1);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "a.md");
    assert_eq!(files[1]["path"], "b.md");
    assert_eq!(files[1]["diagnostics"], Value::Array(vec![]));
    let d = &files[0]["diagnostics"][0];
    assert_eq!(d["code"], "ATT006");
    assert_eq!(d["rule"], "unbalanced-quotes");
    assert_eq!(d["severity"], "warning");
    assert!(d["message"].as_str().unwrap().contains("never closed"));
    let start = text.find("“more").unwrap();
    assert_eq!(d["byte_range"], serde_json::json!([start, start + 3]));
    // "😀 “Fun” and " is 12 scalar values, so the mark is column 13.
    assert_eq!(d["start"], serde_json::json!({"line": 3, "column": 13}));
    assert_eq!(d["end"], serde_json::json!({"line": 3, "column": 14}));
    assert!(
        d["fix"]["title"]
            .as_str()
            .unwrap()
            .contains("close the quotation")
    );
    assert_eq!(
        v["summary"],
        serde_json::json!({"files": 2, "errors": 0, "warnings": 1, "information": 0, "hints": 0, "failed": 0})
    );
}

#[test]
fn sarif_format_has_the_structure_code_scanning_needs() {
    let t = tmp();
    write(t.path(), "news/story one.md", UNCLOSED);
    let r = run_in(t.path(), &["check", "--format", "sarif", "news"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: Value = r.json();
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif"));
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "copydesk");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), copydesk::analysis::Rule::ALL.len());
    for rule in rules {
        for key in ["id", "name"] {
            assert!(rule[key].is_string(), "{key} in {rule}");
        }
        assert!(rule["shortDescription"]["text"].is_string());
        assert!(rule["fullDescription"]["text"].is_string());
        assert!(rule["help"]["text"].is_string());
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## Example")
        );
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level), "{level}");
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let res = &results[0];
    assert_eq!(res["ruleId"], "ATT006");
    let idx = res["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[idx]["id"], "ATT006");
    assert_eq!(res["level"], "warning");
    assert!(res["message"]["text"].is_string());
    let loc = &res["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "news/story%20one.md");
    assert_eq!(
        loc["region"],
        serde_json::json!({"startLine": 3, "startColumn": 46, "endLine": 3, "endColumn": 47})
    );
    // The types of serde-sarif are generated from the SARIF 2.1.0 JSON schema: our output must
    // deserialise into them (enum values such as levels and columnKind included).
    let log: serde_sarif::sarif::Sarif =
        serde_json::from_str(&r.stdout).expect("SARIF deserialises with serde-sarif");
    assert_eq!(log.runs.len(), 1);
    assert_eq!(log.runs[0].results.as_ref().map(Vec::len), Some(1));
    // The validator has teeth: a level outside the schema's enum is rejected.
    let mut bad = v.clone();
    bad["runs"][0]["results"][0]["level"] = "severe".into();
    assert!(serde_json::from_value::<serde_sarif::sarif::Sarif>(bad).is_err());
}

/// The CLI shows the fixes the rules make, as the server does: ATT001's attribution to complete
/// (a placeholder) and ATT006's closing mark, in JSON and in SARIF.
#[test]
fn json_and_sarif_carry_the_rules_fixes() {
    let t = tempfile::tempdir().unwrap();
    let story = "Harbour council approves ferry link\n\n“We will build it.” The council meets \
                 again on Monday.\n\nMayor Anna Ferreira said: “It is done.\n";
    write(t.path(), "story.md", story);
    let r = run_in(t.path(), &["check", "--format", "json", "story.md"]);
    let v = r.json();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let fix_of = |code: &str| {
        diags
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {v}"))["fix"]
            .clone()
    };
    let att001 = fix_of("ATT001");
    assert_eq!(att001["title"], "Add attribution ([SPEAKER] said)");
    assert_eq!(att001["applicability"], "placeholder");
    let edits: Vec<&str> = att001["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["replacement"].as_str().unwrap())
        .collect();
    assert_eq!(edits, [",", " [SPEAKER] said."]);
    let att006 = fix_of("ATT006");
    assert!(att006["title"].is_string());
    assert!(att006.get("applicability").is_none(), "{att006}");

    let r = run_in(t.path(), &["check", "--format", "sarif", "story.md"]);
    let v = r.json();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let sarif_fix = |rule: &str| {
        results
            .iter()
            .find(|res| res["ruleId"] == rule)
            .unwrap_or_else(|| panic!("no {rule}"))["fixes"][0]
            .clone()
    };
    let fix = sarif_fix("ATT001");
    assert_eq!(
        fix["description"]["text"],
        "Add attribution ([SPEAKER] said)"
    );
    let change = &fix["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "story.md");
    let last = &change["replacements"][1];
    assert_eq!(last["insertedContent"]["text"], " [SPEAKER] said.");
    // An insertion: an empty region at the end of the quote (line 3, after `”`).
    assert_eq!(
        last["deletedRegion"],
        serde_json::json!({"startLine": 3, "startColumn": 20, "endLine": 3, "endColumn": 20})
    );
    assert!(sarif_fix("ATT006")["artifactChanges"][0]["replacements"][0].is_object());
    let log: serde_sarif::sarif::Sarif =
        serde_json::from_str(&r.stdout).expect("SARIF with fixes deserialises with serde-sarif");
    let fixes = log.runs[0].results.as_ref().unwrap()[0].fixes.as_ref();
    assert!(fixes.is_some_and(|f| !f.is_empty()));
}

#[test]
fn github_format_escapes_properties_and_data() {
    let t = tmp();
    // A file name with a comma and a colon, and a quote whose excerpt holds a percent sign.
    write(
        t.path(),
        "a,b:c.md",
        "Poll\n\nTurnout hit 40% and “we won 100%, she said.\n",
    );
    let r = run_in(t.path(), &["check", "--format", "github", "a,b:c.md"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = r.stdout.lines().next().unwrap();
    assert!(
        line.starts_with(
            "::warning file=a%2Cb%3Ac.md,line=3,col=21,endLine=3,endColumn=22,title=copydesk ATT006 (unbalanced-quotes)::"
        ),
        "{line}"
    );
    let data = line.split_once("::").unwrap().1.split_once("::").unwrap().1;
    assert!(data.contains("100%25"), "{data}");
    assert!(!data.contains("100%,"), "{data}");
    // The help line is joined with an escaped newline, so the command stays on one line.
    assert!(data.contains("%0Ahelp: close the quotation"), "{data}");
}

#[test]
fn github_format_omits_columns_for_multi_line_findings() {
    // Not constructible through ATT006 alone (its ranges are one mark), so this checks the
    // renderer through the library: the annotation keeps only lines when they differ.
    use copydesk::analysis::{Diagnostic, Rule, Severity, TextRange};
    use copydesk::cli::check::Located;
    use copydesk::cli::lines::Position;
    let d = Located {
        diag: Diagnostic::new(
            Rule::CountMismatch,
            Severity::Information,
            TextRange::new(0, 10),
            "two lines",
        ),
        start: Position { line: 1, column: 3 },
        end: Position { line: 2, column: 4 },
        related: vec![],
        edits: vec![],
    };
    let a = copydesk::cli::render::github::annotation("x.md", &d);
    assert_eq!(
        a,
        "::notice file=x.md,line=1,endLine=2,title=copydesk NUM001 (count-mismatch)::two lines\n"
    );
}

#[test]
fn missing_path_is_reported_and_the_rest_still_checked() {
    let t = tmp();
    write(t.path(), "story.md", UNCLOSED);
    let r = run_in(t.path(), &["check", "nope.md", "story.md"]);
    assert_eq!(r.code, 2, "an IO error wins over findings");
    assert!(
        r.stderr.contains("nope.md: no such file or directory"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("warning[ATT006]"), "{}", r.stdout);
}

#[test]
fn empty_directory_is_an_error() {
    let t = tmp();
    write(t.path(), "notes/readme.rst", "not an article");
    let r = run_in(t.path(), &["check", "notes"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("notes: no articles found"),
        "{}",
        r.stderr
    );
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let t = tmp();
    write(t.path(), "latin1.txt", b"Caf\xe9 owner speaks\n".as_slice());
    write(t.path(), "ok.md", CLEAN);
    let r = run_in(t.path(), &["check", "latin1.txt", "ok.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("latin1.txt: not valid UTF-8: invalid byte 0xE9 at byte offset 3"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("no findings in 1 file"), "{}", r.stdout);
}

#[test]
fn binary_file_is_skipped_with_a_message() {
    let t = tmp();
    write(
        t.path(),
        "scan.md",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".as_slice(),
    );
    write(t.path(), "story.md", UNCLOSED);
    let r = run_in(t.path(), &["check", "."]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("scan.md: binary file"), "{}", r.stderr);
    assert!(r.stdout.contains("story.md:3:46"), "{}", r.stdout);
}

#[test]
fn malformed_config_names_file_line_and_expectation() {
    let t = tmp();
    write(
        t.path(),
        "bad/copydesk.toml",
        "[rules]\nATT006 = \"loud\"\n",
    );
    write(t.path(), "bad/story.md", UNCLOSED);
    write(t.path(), "good/story.md", UNCLOSED);
    let r = run_in(t.path(), &["check", "bad", "good"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("bad/copydesk.toml:2:10: invalid configuration"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("expected one of"), "{}", r.stderr);
    assert!(r.stdout.contains("good/story.md:3:46"), "{}", r.stdout);
    assert!(!r.stdout.contains("bad/story.md"), "{}", r.stdout);
}

#[test]
fn directories_recurse_honour_gitignore_and_keep_sorted_order() {
    let t = tmp();
    write(t.path(), "site/.gitignore", "drafts/\n");
    write(t.path(), "site/drafts/old.md", UNCLOSED);
    write(t.path(), "site/b/two.txt", UNCLOSED);
    write(t.path(), "site/a/one.markdown", UNCLOSED);
    write(t.path(), "site/a/notes.json", "{}");
    write(t.path(), "site/z.md", CLEAN);
    let r = run_in(t.path(), &["check", "--format", "json", "-j", "2", "site"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: Value = r.json();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["site/a/one.markdown", "site/b/two.txt", "site/z.md"]
    );
}

#[test]
fn explicit_file_of_any_extension_is_checked() {
    let t = tmp();
    write(t.path(), "story.draft", UNCLOSED);
    let r = run_in(t.path(), &["check", "story.draft"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("story.draft:3:46"), "{}", r.stdout);
}

#[test]
fn a_panic_in_one_file_does_not_stop_the_run() {
    let t = tmp();
    write(t.path(), "boom.md", "Headline\n\nPANIC-MARKER here.\n");
    write(t.path(), "story.md", UNCLOSED);
    let r = run(
        t.path(),
        &["check", "boom.md", "story.md"],
        &[("COPYDESK_DEBUG_PANIC", "PANIC-MARKER")],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("boom.md: internal error"), "{}", r.stderr);
    assert!(r.stdout.contains("story.md:3:46"), "{}", r.stdout);
}

#[test]
fn inline_suppression_comment_silences_a_finding() {
    let t = tmp();
    let line = "Mayor Anna Ferreira said “we will build it.\n";
    write(t.path(), "plain.md", format!("Headline\n\n{line}"));
    write(
        t.path(),
        "s.md",
        format!("Headline\n\n<!-- copydesk-disable-next-line ATT006 -->\n{line}"),
    );
    let r = run_in(t.path(), &["check", "plain.md"]);
    assert_eq!(
        r.code, 1,
        "without the comment there is a finding: {}",
        r.stdout
    );
    let r = run_in(t.path(), &["check", "s.md"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn date_option_wins_over_front_matter() {
    let t = tmp();
    let text = "---\ndate: 2024-05-01\n---\nText.\n";
    write(t.path(), "d.md", text);
    write(
        t.path(),
        "copydesk.toml",
        format!("date = \"2023-01-01\"\n{}", config_only_att006("")),
    );
    let facts = |args: &[&str]| -> Value {
        let r = run_in(t.path(), args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.json()
    };
    let v = facts(&["facts", "d.md", "--format", "json"]);
    assert_eq!(
        v["article_date"], "2024-05-01",
        "front matter wins over copydesk.toml"
    );
    let v = facts(&["facts", "d.md", "--format", "json", "--date", "2022-03-24"]);
    assert_eq!(
        v["article_date"], "2022-03-24",
        "--date wins over front matter"
    );
    write(t.path(), "n.md", "Text.\n");
    let v = facts(&["facts", "n.md", "--format", "json"]);
    assert_eq!(
        v["article_date"], "2023-01-01",
        "copydesk.toml when front matter has none"
    );
    let r = run_in(t.path(), &["check", "d.md", "--date", "24/03/2022"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("expected YYYY-MM-DD"), "{}", r.stderr);
}

#[test]
fn facts_json_has_char_and_byte_ranges() {
    let t = tmp();
    let text = "Zoo news 🐘\n\nThe keeper said: “Élan the 🐘 is fine,” and left.\n";
    write(t.path(), "zoo.txt", text);
    let r = run_in(t.path(), &["facts", "zoo.txt", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = r.json();
    assert_eq!(v["version"], 1);
    assert_eq!(v["path"], "zoo.txt");
    assert!(v["people"].is_array());
    assert!(v["figures"].is_array());
    let q = &v["quotes"][0];
    let b0 = text.find('“').unwrap();
    let b1 = text.find('”').unwrap() + '”'.len_utf8();
    assert_eq!(q["byte_range"], serde_json::json!([b0, b1]));
    let c0 = text[..b0].chars().count();
    let c1 = text[..b1].chars().count();
    assert_eq!(q["char_range"], serde_json::json!([c0, c1]));
    assert_ne!(c0, b0, "the test text must make bytes and chars differ");
    assert_eq!(q["text"], "Élan the 🐘 is fine,");
    assert!(
        q.get("speaker").is_some(),
        "speaker is present (null when unknown)"
    );
    assert!(q.get("cue").is_some());
}

#[test]
fn facts_markdown_is_a_sheet() {
    let t = tmp();
    write(t.path(), "s.md", CLEAN);
    let r = run_in(t.path(), &["facts", "s.md", "--format", "markdown"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("# Fact-check sheet: s.md"),
        "{}",
        r.stdout
    );
    for section in ["## People", "## Quotes", "## Figures"] {
        assert!(r.stdout.contains(section), "{}", r.stdout);
    }
    assert!(r.stdout.contains("“We are back,”"), "{}", r.stdout);
    let r = run_in(t.path(), &["facts", "missing.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.md"), "{}", r.stderr);
}

#[test]
fn explain_prints_docs_and_rejects_unknown_codes() {
    let t = tmp();
    let r = run_in(t.path(), &["explain", "ATT006"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with("# ATT006 unbalanced-quotes"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Default severity: warning"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("## Why it matters"), "{}", r.stdout);
    let by_name = run_in(t.path(), &["explain", "unbalanced-quotes"]);
    assert_eq!(by_name.stdout, r.stdout);
    let r = run_in(t.path(), &["explain", "XYZ999"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no rule `XYZ999`"), "{}", r.stderr);
    assert!(r.stderr.contains("ATT001"), "lists the codes: {}", r.stderr);
}

#[test]
fn rules_lists_every_rule_in_each_format() {
    let t = tmp();
    let n = copydesk::analysis::Rule::ALL.len();
    let r = run_in(t.path(), &["rules"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().count(), n + 1, "{}", r.stdout);
    assert!(
        r.stdout.contains("ATT006  unbalanced-quotes"),
        "{}",
        r.stdout
    );
    let r = run_in(t.path(), &["rules", "--format", "json"]);
    let v: Value = r.json();
    assert_eq!(v["rules"].as_array().unwrap().len(), n);
    assert_eq!(v["rules"][0]["code"], "ATT001");
    let r = run_in(t.path(), &["rules", "--format", "markdown"]);
    assert_eq!(r.stdout, copydesk::cli::rules_table_markdown());
}

#[test]
fn usage_errors_exit_two() {
    let t = tmp();
    let r = run_in(t.path(), &["check"]);
    assert_eq!(r.code, 2);
    let r = run_in(t.path(), &["check", "x.md", "--format", "xml"]);
    assert_eq!(r.code, 2);
    let r = run_in(t.path(), &["frobnicate"]);
    assert_eq!(r.code, 2);
    let r = run_in(t.path(), &["--version"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("copydesk "), "{}", r.stdout);
}

#[test]
fn bundled_example_has_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let r = run_in(
        root,
        &["check", "--format", "json", "examples/nato-summit.md"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: Value = r.json();
    let codes: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"ATT006"), "{codes:?}");
}

#[test]
fn sarif_uris_are_relative_even_for_absolute_arguments() {
    let t = tmp();
    let p = write(t.path(), "desk/story.md", UNCLOSED);
    let abs = p.canonicalize().unwrap();
    let dir = t.path().canonicalize().unwrap();
    let r = run_in(&dir, &["check", "--format", "sarif", abs.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: Value = r.json();
    assert_eq!(
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "desk/story.md"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_reported() {
    let t = tmp();
    write(t.path(), "site/story.md", UNCLOSED);
    std::os::unix::fs::symlink("..", t.path().join("site/up")).unwrap();
    std::os::unix::fs::symlink("gone.md", t.path().join("site/dangling.md")).unwrap();
    let r = run_in(t.path(), &["check", "site"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("site/up: symbolic link loop"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("site/dangling.md: broken symbolic link"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("site/story.md:3:46"), "{}", r.stdout);
}
