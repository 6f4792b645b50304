//! Fixture-driven rule tests.
//!
//! `tests/fixtures/<CODE>/<name>.{md,txt}` are realistic, invented article excerpts. For each one the
//! test analyses the file (with `copydesk.toml` from the fixture's directory when there is one) and
//! renders the findings of rule `<CODE>` only, one per line:
//!
//! ```text
//! 3:12-3:20 warning ATT006 message
//!     | the flagged text
//! ```
//!
//! - A file whose name ends in `_ok` is a negative: it must give no finding of `<CODE>`.
//! - Any other file is a positive: it must give at least one, and the rendering must equal the
//!   reviewed snapshot `<name>.snap` beside it. `COPYDESK_BLESS=1 cargo test --test rules` writes
//!   snapshots; review them by hand before committing. A missing snapshot fails the test.

mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use copydesk::analysis::{self, Config, SourceKind};
use support::text::line_col;

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn render(text: &str, code: &str, diags: &[analysis::Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags.iter().filter(|d| d.code.code() == code) {
        let (l1, c1) = line_col(text, d.range.start);
        let (l2, c2) = line_col(text, d.range.end);
        let _ = writeln!(
            out,
            "{l1}:{c1}-{l2}:{c2} {} {} {}",
            d.severity, d.code, d.message
        );
        let _ = writeln!(out, "    | {}", d.range.slice(text).replace('\n', "⏎"));
        if let Some(c) = &d.computation {
            for line in c.lines() {
                let _ = writeln!(out, "    = {line}");
            }
        }
        if let Some(fix) = &d.fix {
            let _ = writeln!(out, "    fix: {}", fix.title);
        }
    }
    out
}

#[test]
fn rule_fixtures() {
    let root = fixtures_root();
    let Ok(dirs) = std::fs::read_dir(&root) else {
        panic!("no fixtures directory at {}", root.display());
    };
    let bless = std::env::var_os("COPYDESK_BLESS").is_some();
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut dirs: Vec<PathBuf> = dirs
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let code = dir.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            analysis::rules::find(&code).is_some(),
            "fixture directory {code} names no rule"
        );
        let config = match std::fs::read_to_string(dir.join("copydesk.toml")) {
            Ok(src) => copydesk::config::parse_str(&src, &dir.join("copydesk.toml"))
                .expect("fixture config"),
            Err(_) => Config::default(),
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("md" | "txt" | "markdown")
                )
            })
            .collect();
        files.sort();
        let (mut pos, mut neg) = (0, 0);
        for file in files {
            checked += 1;
            let text = std::fs::read_to_string(&file).unwrap();
            let ext = file.extension().unwrap().to_string_lossy();
            let analysis = analysis::analyze(&text, SourceKind::from_extension(&ext), &config);
            let rendered = render(&text, &code, &analysis.diagnostics);
            let stem = file.file_stem().unwrap().to_string_lossy().to_string();
            let name = format!("{code}/{}", file.file_name().unwrap().to_string_lossy());
            if stem.ends_with("_ok") {
                neg += 1;
                if !rendered.is_empty() {
                    failures.push(format!(
                        "{name}: expected no {code} finding, got:\n{rendered}"
                    ));
                }
                continue;
            }
            pos += 1;
            if rendered.is_empty() {
                failures.push(format!(
                    "{name}: expected at least one {code} finding, got none"
                ));
                continue;
            }
            let snap = file.with_extension("snap");
            match std::fs::read_to_string(&snap) {
                Ok(expected) if expected == rendered => {}
                _ if bless => std::fs::write(&snap, &rendered).unwrap(),
                Ok(expected) => failures.push(format!(
                    "{name}: findings differ from {}\n--- expected\n{expected}--- actual\n{rendered}",
                    snap.file_name().unwrap().to_string_lossy()
                )),
                Err(_) => failures.push(format!(
                    "{name}: no snapshot; run COPYDESK_BLESS=1 cargo test --test rules and review it\n{rendered}"
                )),
            }
        }
        if pos == 0 || neg == 0 {
            failures.push(format!(
                "{code}: needs at least one positive and one `_ok` negative fixture"
            ));
        }
    }
    assert!(checked > 0, "no fixtures found");
    assert!(
        failures.is_empty(),
        "{} fixture failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
