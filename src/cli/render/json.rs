//! `check --format json`: the CLI's own versioned schema (version 1). Fields may be added, never
//! renamed.

use serde::Serialize;

use crate::analysis::Applicability;
use crate::cli::check::{Counts, FileOutcome, Located, display_path};
use crate::cli::lines::Position;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct Report {
    pub version: u32,
    pub files: Vec<FileOut>,
    pub summary: Summary,
}

#[derive(Serialize)]
pub struct FileOut {
    pub path: String,
    pub diagnostics: Vec<DiagnosticOut>,
    /// Why the file could not be checked (it then has no diagnostics).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Serialize)]
pub struct DiagnosticOut {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub start: Position,
    pub end: Position,
    pub byte_range: [usize; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computation: Option<String>,
}

#[derive(Serialize)]
pub struct FixOut {
    pub title: String,
    pub edits: Vec<EditOut>,
    /// `"placeholder"` when the edits leave something for the writer to fill in ("[SPEAKER]
    /// said"); absent when they give finished text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applicability: Option<&'static str>,
}

#[derive(Serialize)]
pub struct EditOut {
    pub start: Position,
    pub end: Position,
    pub byte_range: [usize; 2],
    pub replacement: String,
}

#[derive(Serialize)]
pub struct RelatedOut {
    pub message: String,
    pub start: Position,
    pub end: Position,
    pub byte_range: [usize; 2],
}

#[derive(Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub information: usize,
    pub hints: usize,
    /// Files that could not be checked (listed in `files` with an `error`).
    pub failed: usize,
}

pub fn diagnostic_out(d: &Located) -> DiagnosticOut {
    let diag = &d.diag;
    DiagnosticOut {
        code: diag.code.code(),
        rule: diag.code.name(),
        severity: diag.severity.as_str(),
        message: diag.message.clone(),
        start: d.start,
        end: d.end,
        byte_range: [diag.range.start, diag.range.end],
        fix: diag.fix.as_ref().map(|f| FixOut {
            title: f.title.clone(),
            edits: f
                .edits
                .iter()
                .zip(&d.edits)
                .map(|(e, (start, end))| EditOut {
                    start: *start,
                    end: *end,
                    byte_range: [e.range.start, e.range.end],
                    replacement: e.replacement.clone(),
                })
                .collect(),
            applicability: (f.applicability != Applicability::Ready)
                .then_some(f.applicability.as_str()),
        }),
        related: diag
            .related
            .iter()
            .zip(&d.related)
            .map(|(r, (start, end))| RelatedOut {
                message: r.message.clone(),
                start: *start,
                end: *end,
                byte_range: [r.range.start, r.range.end],
            })
            .collect(),
        computation: diag.computation.clone(),
    }
}

pub fn report(outcomes: &[FileOutcome]) -> Report {
    let counts = Counts::of(outcomes);
    Report {
        version: SCHEMA_VERSION,
        files: outcomes
            .iter()
            .map(|o| match o {
                FileOutcome::Checked(f) => FileOut {
                    path: display_path(&f.path),
                    diagnostics: f.diagnostics.iter().map(diagnostic_out).collect(),
                    error: None,
                },
                FileOutcome::Failed(e) => FileOut {
                    path: display_path(&e.path),
                    diagnostics: Vec::new(),
                    error: Some(e.message.clone()),
                },
            })
            .collect(),
        summary: Summary {
            files: counts.files,
            errors: counts.errors,
            warnings: counts.warnings,
            information: counts.information,
            hints: counts.hints,
            failed: counts.failed,
        },
    }
}

pub fn render_report(outcomes: &[FileOutcome]) -> String {
    let mut s = serde_json::to_string_pretty(&report(outcomes))
        .unwrap_or_else(|e| format!("{{\"error\":\"cannot serialise the report: {e}\"}}"));
    s.push('\n');
    s
}
