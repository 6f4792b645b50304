//! `check --format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. Hand-rolled serde structs
//! (the subset we emit); `columnKind` is `unicodeCodePoints`, lines and columns 1-based, end
//! columns exclusive.

use serde::Serialize;

use crate::analysis::Severity;
use crate::analysis::rules::Rule;
use crate::cli::check::{FileOutcome, Located, display_path};
use crate::cli::lines::Position;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Log {
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    pub version: &'static str,
    pub runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    pub tool: Tool,
    pub results: Vec<ResultOut>,
    pub column_kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invocations: Vec<Invocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invocation {
    pub execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub level: &'static str,
    pub message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
}

#[derive(Serialize)]
pub struct Tool {
    pub driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Driver {
    pub name: &'static str,
    pub version: &'static str,
    pub semantic_version: &'static str,
    pub rules: Vec<RuleOut>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleOut {
    pub id: &'static str,
    pub name: &'static str,
    pub short_description: Text,
    pub full_description: Text,
    pub help: Help,
    pub default_configuration: DefaultConfiguration,
}

#[derive(Serialize)]
pub struct Text {
    pub text: String,
}

#[derive(Serialize)]
pub struct Help {
    pub text: String,
    pub markdown: String,
}

#[derive(Serialize)]
pub struct DefaultConfiguration {
    pub level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultOut {
    pub rule_id: &'static str,
    pub rule_index: usize,
    pub level: &'static str,
    pub message: Text,
    pub locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<RelatedLocation>,
    /// The rule's fix, if it has one (never applied by copydesk).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<FixOut>,
}

/// A proposed fix: what it does and the text it changes.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FixOut {
    pub description: Text,
    pub artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactChange {
    pub artifact_location: ArtifactLocation,
    pub replacements: Vec<Replacement>,
}

/// Replaces `deletedRegion` (empty for an insertion) with `insertedContent`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Replacement {
    pub deleted_region: Region,
    pub inserted_content: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RelatedLocation {
    pub id: usize,
    pub physical_location: PhysicalLocation,
    pub message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalLocation {
    pub artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
}

#[derive(Serialize)]
pub struct ArtifactLocation {
    pub uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    pub start_line: usize,
    pub start_column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// SARIF levels: error, warning, note.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// A relative URI reference for `path`: forward slashes, percent-encoded, relative to the current
/// directory when the path is absolute and under it; otherwise a `file://` URI.
pub fn artifact_uri(path: &std::path::Path) -> String {
    let mut p = path.to_path_buf();
    if p.is_absolute() {
        let rel = std::env::current_dir()
            .ok()
            .and_then(|cwd| p.strip_prefix(&cwd).ok().map(std::path::Path::to_path_buf));
        if let Some(rel) = rel {
            p = rel;
        }
    }
    let s = display_path(&p);
    let encoded = percent_encode(&s);
    if p.is_absolute() {
        format!(
            "file://{}{}",
            if encoded.starts_with('/') { "" } else { "/" },
            encoded
        )
    } else {
        encoded
    }
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn rules() -> Vec<RuleOut> {
    Rule::ALL
        .iter()
        .map(|r| {
            let m = r.meta();
            let docs = m.docs_text();
            let what = m.section("What it does").unwrap_or_else(|| m.summary());
            RuleOut {
                id: m.code,
                name: m.name,
                short_description: Text { text: m.summary() },
                full_description: Text {
                    text: what.split_whitespace().collect::<Vec<_>>().join(" "),
                },
                help: Help {
                    text: docs
                        .lines()
                        .map(|l| l.strip_prefix("## ").unwrap_or(l))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    markdown: docs,
                },
                default_configuration: DefaultConfiguration {
                    level: level(m.default_severity),
                },
            }
        })
        .collect()
}

fn region(start: &Position, end: &Position) -> Region {
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
    }
}

/// The finding's fix as SARIF, with its edits located.
fn fixes(d: &Located, uri: &str) -> Vec<FixOut> {
    let Some(fix) = &d.diag.fix else {
        return Vec::new();
    };
    vec![FixOut {
        description: Text {
            text: fix.title.clone(),
        },
        artifact_changes: vec![ArtifactChange {
            artifact_location: ArtifactLocation {
                uri: uri.to_string(),
            },
            replacements: fix
                .edits
                .iter()
                .zip(&d.edits)
                .map(|(e, (start, end))| Replacement {
                    deleted_region: region(start, end),
                    inserted_content: Text {
                        text: e.replacement.clone(),
                    },
                })
                .collect(),
        }],
    }]
}

pub fn log(outcomes: &[FileOutcome]) -> Log {
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for o in outcomes {
        match o {
            FileOutcome::Checked(f) => {
                let uri = artifact_uri(&f.path);
                for d in &f.diagnostics {
                    let rule_index = Rule::ALL
                        .iter()
                        .position(|&r| r == d.diag.code)
                        .unwrap_or(0);
                    results.push(ResultOut {
                        rule_id: d.diag.code.code(),
                        rule_index,
                        level: level(d.diag.severity),
                        message: Text {
                            text: d.diag.message.clone(),
                        },
                        locations: vec![Location {
                            physical_location: PhysicalLocation {
                                artifact_location: ArtifactLocation { uri: uri.clone() },
                                region: Some(region(&d.start, &d.end)),
                            },
                        }],
                        related_locations: d
                            .diag
                            .related
                            .iter()
                            .zip(&d.related)
                            .enumerate()
                            .map(|(i, (r, (start, end)))| RelatedLocation {
                                id: i + 1,
                                physical_location: PhysicalLocation {
                                    artifact_location: ArtifactLocation { uri: uri.clone() },
                                    region: Some(region(start, end)),
                                },
                                message: Text {
                                    text: r.message.clone(),
                                },
                            })
                            .collect(),
                        fixes: fixes(d, &uri),
                    });
                }
            }
            FileOutcome::Failed(e) => notifications.push(Notification {
                level: "error",
                message: Text {
                    text: e.message.clone(),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: artifact_uri(&e.path),
                        },
                        region: None,
                    },
                }],
            }),
        }
    }
    let invocations = vec![Invocation {
        execution_successful: notifications.is_empty(),
        tool_execution_notifications: notifications,
    }];
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "copydesk",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: rules(),
                },
            },
            results,
            column_kind: "unicodeCodePoints",
            invocations,
        }],
    }
}

pub fn render_report(outcomes: &[FileOutcome]) -> String {
    let mut s = serde_json::to_string_pretty(&log(outcomes))
        .unwrap_or_else(|e| format!("{{\"error\":\"cannot serialise the report: {e}\"}}"));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn uris_are_relative_forward_slash_and_encoded() {
        assert_eq!(
            artifact_uri(Path::new("news/a b#1.md")),
            "news/a%20b%231.md"
        );
        assert_eq!(artifact_uri(Path::new("./x.md")), "x.md");
        assert_eq!(
            artifact_uri(Path::new("/nonexistent-root/é.md")),
            "file:///nonexistent-root/%C3%A9.md"
        );
    }
}
