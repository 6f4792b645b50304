//! `copydesk reference check [PATH…]`: validates the desk's reference sheets.
//!
//! Prints each problem as `file:line:column: error: message`, then a summary; exit code 0 when
//! the sheets are clean, 2 on any problem (a malformed file, a bad date, overlapping terms, a
//! missing source) or when a path cannot be read.

use std::path::{Path, PathBuf};

use super::args::ReferenceCheckArgs;
use crate::config::{self, ConfigError, sheet};

/// The sheets to check: a `copydesk.toml` stands for the sheets it names.
fn sheets_of(paths: &[PathBuf]) -> Result<Vec<(PathBuf, String)>, ConfigError> {
    let mut out = Vec::new();
    let paths = if paths.is_empty() {
        let cwd = std::env::current_dir().unwrap_or_default();
        match config::discover(&cwd) {
            Some(p) => vec![p],
            None => {
                return Err(ConfigError {
                    path: cwd.join(config::FILE_NAME),
                    line: None,
                    column: None,
                    span: None,
                    message: "no copydesk.toml here or above; name the sheets to check".into(),
                });
            }
        }
    } else {
        paths.to_vec()
    };
    for p in paths {
        let is_config = p.file_name().is_some_and(|n| n == config::FILE_NAME);
        if !is_config {
            let shown = p.display().to_string();
            out.push((PathBuf::new(), shown));
            continue;
        }
        let src = std::fs::read_to_string(&p).map_err(|e| ConfigError {
            path: p.clone(),
            line: None,
            column: None,
            span: None,
            message: format!("cannot read the file: {}", super::input::io_message(&e)),
        })?;
        let base = p.parent().unwrap_or(Path::new("")).to_path_buf();
        let names = config::parse_settings(&src, &p)?.1;
        if names.is_empty() {
            return Err(ConfigError {
                path: p.clone(),
                line: None,
                column: None,
                span: None,
                message: "names no reference sheets (`reference = [\"desk/people.toml\"]`)".into(),
            });
        }
        out.extend(names.into_iter().map(|n| (base.clone(), n)));
    }
    Ok(out)
}

pub fn check(args: ReferenceCheckArgs) -> i32 {
    let files = match sheets_of(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    // Sheets named together are checked together (overlapping terms across files), grouped by
    // the directory their names are relative to.
    let mut problems = Vec::new();
    let (mut people, mut bodies) = (0, 0);
    let mut groups: Vec<(PathBuf, Vec<String>)> = Vec::new();
    for (base, name) in files {
        match groups.iter_mut().find(|(b, _)| *b == base) {
            Some((_, names)) => names.push(name),
            None => groups.push((base, vec![name])),
        }
    }
    for (base, names) in &groups {
        let loaded = sheet::load(base, names, true);
        people += loaded.people.len();
        bodies += loaded.bodies.len();
        problems.extend(loaded.errors);
        problems.extend(loaded.warnings);
    }
    let mut out = String::new();
    for p in &problems {
        let at = match (p.line, p.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", p.path.display()),
            (Some(l), None) => format!("{}:{l}", p.path.display()),
            _ => p.path.display().to_string(),
        };
        out.push_str(&format!("{at}: error: {}\n", p.message));
    }
    let sheets: usize = groups.iter().map(|(_, n)| n.len()).sum();
    out.push_str(&format!(
        "{} problem{} in {sheets} sheet{} ({people} people, {bodies} bodies)\n",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        if sheets == 1 { "" } else { "s" },
    ));
    if !super::emit(&out) {
        return 2;
    }
    if problems.is_empty() { 0 } else { 2 }
}
