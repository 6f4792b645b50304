//! The desk's reference sheet end to end: loading sheets named by `copydesk.toml`, the findings
//! they add and only those, `copydesk reference check` on broken sheets, `facts` marks, and a
//! broken sheet that fails the run without losing the articles' other findings.

mod support;

use std::path::Path;

use copydesk::analysis::{self, Rule, SourceKind};
use support::cli::run;

const SHEET: &str = r#"
[[person]]
name = "Jens Stoltenberg"
aliases = ["Stoltenberg"]
born = "1959-03-16"
source = "NATO biography, checked 2022-03-20"

[[person.office]]
title = "NATO Secretary-General"
from = "2014-10-01"
to = "2024-10-01"

[[body]]
name = "State Duma"
aliases = ["Duma", "Russia's lower house of parliament"]
source = "Constitution of the Russian Federation, art. 95"

[[body.count]]
nouns = ["members", "seats", "deputies"]
value = 450
from = "1993-12-12"
"#;

fn codes(a: &analysis::Analysis) -> Vec<(Rule, usize)> {
    a.diagnostics
        .iter()
        .map(|d| (d.code, d.range.start))
        .collect()
}

/// The invented summit article (the seed's situation) with an equivalent sheet: the sheet adds
/// exactly one finding, NUM009 on the Duma figure, and changes nothing else.
#[test]
fn the_sheet_adds_only_the_duma_conflict() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/NUM009");
    let text = std::fs::read_to_string(dir.join("sanctions_summit.md")).unwrap();
    let with = copydesk::config::load_file(&dir.join("copydesk.toml")).unwrap();
    assert!(!with.reference.is_empty());
    let without = copydesk::analysis::Config::default();
    let a = analysis::analyze(&text, SourceKind::Markdown, &with);
    let b = analysis::analyze(&text, SourceKind::Markdown, &without);
    let mut added = codes(&a);
    for c in codes(&b) {
        let i = added
            .iter()
            .position(|x| *x == c)
            .expect("a finding was lost");
        added.remove(i);
    }
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!(added[0].0, Rule::ReferenceConflict);
    assert_eq!(&text[added[0].1..added[0].1 + 3], "300");
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, body) in files {
        std::fs::write(dir.join(name), body).unwrap();
    }
}

const ARTICLE: &str = "---\ndate: 2022-03-24\n---\n\nPenalties against the 300 members of \
    Russia's lower house of parliament could come on Thursday. \"We are ready,\" he said.\n";

#[test]
fn a_broken_sheet_fails_the_run_but_keeps_the_other_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("copydesk.toml", "reference = [\"desk.toml\"]\n"),
            (
                "desk.toml",
                "[[body]]\nname = \"State Duma\"\n[[body.count]\nvalue = 450\n",
            ),
            ("a.md", ARTICLE),
        ],
    );
    let out = run(dir.path(), &["check", "a.md"], &[("NO_COLOR", "1")]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("desk.toml"), "{}", out.stderr);
    assert!(out.stderr.contains("line 3"), "{}", out.stderr);
    // The article's own findings are still there (the pronoun with nobody named before it).
    assert!(out.stdout.contains("ATT004"), "{}", out.stdout);
    assert!(!out.stdout.contains("NUM009"), "{}", out.stdout);

    // Fixed, the same run reports the conflict.
    write(dir.path(), &[("desk.toml", SHEET)]);
    let out = run(dir.path(), &["check", "a.md"], &[("NO_COLOR", "1")]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("warning[NUM009]"), "{}", out.stdout);
    assert!(out.stdout.contains("desk.toml:18"), "{}", out.stdout);
    assert!(
        out.stdout.contains("art. 95"),
        "the source is cited: {}",
        out.stdout
    );
}

#[test]
fn without_a_date_the_sheet_rules_stay_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let undated = ARTICLE.split_once("---\n\n").unwrap().1;
    write(
        dir.path(),
        &[
            ("copydesk.toml", "reference = [\"desk.toml\"]\n"),
            ("desk.toml", SHEET),
            ("a.md", undated),
        ],
    );
    let out = run(dir.path(), &["check", "a.md"], &[("NO_COLOR", "1")]);
    assert!(!out.stdout.contains("NUM009"), "{}", out.stdout);
    let out = run(
        dir.path(),
        &["check", "--date", "2022-03-24", "a.md"],
        &[("NO_COLOR", "1")],
    );
    assert!(out.stdout.contains("NUM009"), "{}", out.stdout);
}

#[test]
fn csv_people_give_office_and_age_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("copydesk.toml", "reference = [\"people.csv\"]\n"),
            (
                "people.csv",
                "name,aliases,title,from,to,born,source\n\
                 Jens Stoltenberg,Stoltenberg,NATO Secretary-General,2014-10-01,2024-10-01,1959-03-16,NATO\n\
                 Mark Rutte,Rutte,NATO Secretary-General,2024-10-01,,1967-02-14,NATO\n",
            ),
            (
                "a.md",
                "---\ndate: 2025-01-10\n---\n\nNATO Secretary-General Jens Stoltenberg opened \
                 the meeting. Mark Rutte, 59, spoke next.\n",
            ),
        ],
    );
    let out = run(dir.path(), &["check", "--format", "json", "a.md"], &[]);
    let json = out.json();
    let rules: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(rules.contains(&"PPL004"), "{rules:?}");
    assert!(rules.contains(&"PPL005"), "{rules:?}");
    assert!(out.stdout.contains("Mark Rutte"), "who held it is named");
}

#[test]
fn facts_marks_people_and_figures_against_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("copydesk.toml", "reference = [\"desk.toml\"]\n"),
            ("desk.toml", SHEET),
            (
                "a.md",
                "---\ndate: 2022-03-24\n---\n\nNATO Secretary-General Jens Stoltenberg met Anna \
                 Berg, the Lindby mayor. The 300 members of the Duma were named, and 12 \
                 people protested.\n",
            ),
        ],
    );
    let out = run(dir.path(), &["facts", "--format", "json", "a.md"], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.json();
    let people = json["people"].as_array().unwrap();
    let mark = |name: &str| {
        people
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["reference"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(mark("Jens Stoltenberg").as_deref(), Some("verified"));
    assert_eq!(mark("Anna Berg").as_deref(), Some("not-in-sheet"));
    let figures = json["figures"].as_array().unwrap();
    let fig = |text: &str| {
        figures
            .iter()
            .find(|f| f["text"] == text)
            .map(|f| f["reference"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(fig("300").as_deref(), Some("conflict"));
    assert_eq!(fig("12").as_deref(), Some("not-in-sheet"));
    let md = run(dir.path(), &["facts", "a.md"], &[]).stdout;
    assert!(md.contains("✗ conflict: State Duma: 450 members"), "{md}");
}

#[test]
fn reference_check_reports_each_problem_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "people.toml",
                "[[person]]\nname = \"A Person\"\nborn = \"1959-02-30\"\nsource = \"x\"\n",
            ),
            (
                "terms.toml",
                "[[person]]\nname = \"B Person\"\n\n[[person.office]]\ntitle = \"Mayor of Lindby\"\n\
                 from = \"2010-01-01\"\n\n[[person]]\nname = \"C Person\"\nsource = \"x\"\n\n\
                 [[person.office]]\ntitle = \"Mayor of Lindby\"\nfrom = \"2012-01-01\"\n",
            ),
            ("broken.toml", "[[body]\nname = \"X\"\n"),
            (
                "people.csv",
                "name,aliases,title,from,to,born,source\nD Person,,,,,1950-01-01,src\nE,\"x\n",
            ),
            ("good.toml", SHEET),
        ],
    );
    let out = run(
        dir.path(),
        &[
            "reference",
            "check",
            "people.toml",
            "terms.toml",
            "broken.toml",
            "people.csv",
        ],
        &[],
    );
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    let s = &out.stdout;
    assert!(s.contains("people.toml:3:"), "bad date: {s}");
    assert!(
        s.contains("terms.toml:1:1") && s.contains("no `source`"),
        "{s}"
    );
    assert!(
        s.contains("terms.toml:12:1") && s.contains("overlapping terms"),
        "{s}"
    );
    assert!(
        s.contains("broken.toml:1:") && s.contains("malformed TOML"),
        "{s}"
    );
    assert!(
        s.contains("people.csv:3:") && s.contains("malformed CSV"),
        "{s}"
    );
    let ok = run(dir.path(), &["reference", "check", "good.toml"], &[]);
    assert_eq!(ok.code, 0, "{}", ok.stdout);
}

fn codes_of(diags: &[serde_json::Value]) -> Vec<String> {
    diags
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
}

/// The language server: a broken sheet is one diagnostic on the sheet while the article's other
/// findings still show; fixing the sheet (a watched-file change) brings NUM009; hovers show the
/// sheet's entry.
#[test]
fn the_server_reloads_sheets_and_reports_a_broken_one_on_itself() {
    use serde_json::json;
    use support::{Doc, Server, file_uri, position};
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("copydesk.toml", "reference = [\"desk.toml\"]\n"),
            (
                "desk.toml",
                "[[body]]\nname = \"State Duma\"\n[[body.count]\nvalue = 450\n",
            ),
        ],
    );
    let sheet_uri = file_uri(&dir.path().join("desk.toml"));
    let mut s = Server::spawn();
    s.initialize_in(&["utf-16"], json!({"debounceMs": 0}), dir.path());
    let doc = Doc::new(&file_uri(&dir.path().join("a.md")), "markdown", ARTICLE);
    s.open(&doc);
    let on_sheet = s.diagnostics(&sheet_uri, None);
    assert_eq!(on_sheet.len(), 1, "{on_sheet:?}");
    assert_eq!(on_sheet[0]["range"]["start"]["line"], 2, "{on_sheet:?}");
    assert!(
        on_sheet[0]["message"]
            .as_str()
            .unwrap()
            .contains("invalid reference sheet"),
        "{on_sheet:?}"
    );
    let first = codes_of(&s.diagnostics(&doc.uri, Some(1)));
    assert!(first.iter().any(|c| c == "ATT004"), "{first:?}");
    assert!(!first.iter().any(|c| c == "NUM009"), "{first:?}");

    // The sheet is fixed: its diagnostic clears and the article gets the conflict.
    write(dir.path(), &[("desk.toml", SHEET)]);
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": sheet_uri, "type": 2}]}),
    );
    assert!(s.diagnostics(&sheet_uri, None).is_empty());
    let second = codes_of(&s.diagnostics(&doc.uri, Some(1)));
    assert!(second.iter().any(|c| c == "NUM009"), "{second:?}");
    assert!(second.iter().any(|c| c == "ATT004"), "{second:?}");

    // Hover on the figure: the sheet's value and source.
    let at = ARTICLE.find("300").unwrap() + 1;
    let h = s.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc.uri}, "position": position(ARTICLE, at, s.enc)}),
    );
    let card = h["contents"]["value"].as_str().unwrap_or_default();
    assert!(card.contains("Reference sheet"), "{card}");
    assert!(card.contains("450 members"), "{card}");
    assert!(card.contains("art. 95"), "{card}");
    assert_eq!(s.shutdown_and_exit(), Some(0));
}

#[test]
fn hover_on_a_person_shows_the_sheet_entry() {
    use serde_json::json;
    use support::{Doc, Server, file_uri, position};
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("copydesk.toml", "reference = [\"desk.toml\"]\n"),
            ("desk.toml", SHEET),
        ],
    );
    let text = "---\ndate: 2025-01-10\n---\n\nNATO Secretary-General Jens Stoltenberg opened \
        the meeting on Friday.\n";
    let mut s = Server::spawn();
    s.initialize_in(&["utf-16"], json!({"debounceMs": 0}), dir.path());
    let doc = Doc::new(&file_uri(&dir.path().join("b.md")), "markdown", text);
    s.open(&doc);
    let codes = codes_of(&s.diagnostics(&doc.uri, Some(1)));
    assert!(codes.iter().any(|c| c == "PPL004"), "{codes:?}");
    let at = text.find("Stoltenberg").unwrap() + 2;
    let h = s.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc.uri}, "position": position(text, at, s.enc)}),
    );
    let card = h["contents"]["value"].as_str().unwrap_or_default();
    assert!(card.contains("in conflict"), "{card}");
    assert!(
        card.contains("NATO Secretary-General from 2014-10-01 to 2024-10-01"),
        "{card}"
    );
    assert!(card.contains("born 1959-03-16"), "{card}");
    assert!(card.contains("NATO biography"), "{card}");
    assert_eq!(s.shutdown_and_exit(), Some(0));
}
