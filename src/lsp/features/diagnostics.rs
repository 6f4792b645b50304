//! Analysis findings and configuration errors as protocol diagnostics.

use ropey::Rope;
use serde_json::json;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, Range,
};

use crate::analysis::{self, Severity};
use crate::config::ConfigError;
use crate::lsp::convert::{self, Encoding};
use crate::lsp::snapshot::Snapshot;

/// Where a rule is documented: README's rules section has an anchor per code (lower case).
pub const RULE_DOCS: &str = "https://github.com/copydesk/copydesk#";

pub const SOURCE: &str = "copydesk";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Hint => DiagnosticSeverity::HINT,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Error => DiagnosticSeverity::ERROR,
    }
}

pub fn rule_href(code: &str) -> Option<CodeDescription> {
    format!("{RULE_DOCS}{}", code.to_ascii_lowercase())
        .parse()
        .ok()
        .map(|href| CodeDescription { href })
}

/// One finding. `data` carries the fix: `{"fix": {"title", "edits": [{"range", "newText"}]}}`.
pub fn to_lsp_one(a: &Snapshot, d: &analysis::Diagnostic) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(a.uri.clone(), a.range(r.range)),
            message: r.message.clone(),
        })
        .collect();
    let data = d.fix.as_ref().map(|f| {
        json!({ "fix": {
            "title": f.title,
            "edits": f.edits.iter().map(|e| json!({
                "range": a.range(e.range),
                "newText": e.replacement,
            })).collect::<Vec<_>>(),
        }})
    });
    Diagnostic {
        range: a.range(d.range),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: rule_href(d.code.code()),
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data,
    }
}

pub fn to_lsp(a: &Snapshot) -> Vec<Diagnostic> {
    a.diagnostics.iter().map(|d| to_lsp_one(a, d)).collect()
}

/// A broken `copydesk.toml`, shown on that file at the error's place.
pub fn config_error(e: &ConfigError, src: &Rope, enc: Encoding) -> Diagnostic {
    let range = match (&e.span, e.line) {
        (Some(span), _) => convert::to_range(
            src,
            analysis::TextRange::new(span.start, span.end.max(span.start)),
            enc,
        ),
        (None, Some(line)) => {
            let p = Position::new(line.saturating_sub(1) as u32, 0);
            Range::new(p, p)
        }
        (None, None) => Range::default(),
    };
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: None,
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: format!("invalid configuration: {}", e.message),
        related_information: None,
        tags: None,
        data: None,
    }
}
