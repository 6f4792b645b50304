//! Code actions for the findings in the requested range: the rule's own fix, "add attribution"
//! for a quote with no speaker (ATT001), and "disable RULE for this line" (Markdown only).

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, WorkspaceEdit,
};

use super::diagnostics::to_lsp_one;
use crate::analysis::{self, SourceKind, TextRange};
use crate::lsp::convert;
use crate::lsp::snapshot::Snapshot;

/// The placeholder "add attribution" inserts; the writer replaces it.
pub const SPEAKER_PLACEHOLDER: &str = "[SPEAKER]";

fn action(
    a: &Snapshot,
    title: String,
    d: &analysis::Diagnostic,
    edits: Vec<(TextRange, String)>,
    preferred: bool,
) -> CodeActionOrCommand {
    let edits = edits
        .into_iter()
        .map(|(r, t)| TextEdit::new(a.range(r), t))
        .collect();
    let mut changes = HashMap::new();
    changes.insert(a.uri.clone(), edits);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![to_lsp_one(a, d)]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }),
        command: None,
        is_preferred: preferred.then_some(true),
        disabled: None,
        data: None,
    })
}

pub fn actions(a: &Snapshot, within: TextRange) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let hits = a.diagnostics.iter().filter(|d| {
        d.range.intersects(within) || within.touches(d.range.start) || d.range.touches(within.start)
    });
    for d in hits {
        if let Some(fix) = &d.fix {
            let edits = fix
                .edits
                .iter()
                .map(|e| (e.range, e.replacement.clone()))
                .collect();
            out.push(action(a, fix.title.clone(), d, edits, true));
        }
        if d.code == "ATT001" {
            if let Some(edits) = add_attribution(a, d.range) {
                out.push(action(
                    a,
                    format!("Add attribution ({SPEAKER_PLACEHOLDER} said)"),
                    d,
                    edits,
                    false,
                ));
            }
        }
        if a.kind == SourceKind::Markdown {
            out.push(action(
                a,
                format!("Disable {} for this line", d.code),
                d,
                vec![disable_line(a, d)],
                false,
            ));
        }
    }
    out
}

/// `“We will not back down.”` → `“We will not back down,” [SPEAKER] said.`
fn add_attribution(a: &Snapshot, range: TextRange) -> Option<Vec<(TextRange, String)>> {
    let qi = a
        .quote_at(range.start)
        .or_else(|| a.quotes.iter().position(|q| q.range.intersects(range)))?;
    let q = a.quotes.get(qi)?;
    let end = TextRange::empty(q.range.end);
    if !q.closed {
        return Some(vec![(end, format!(", {SPEAKER_PLACEHOLDER} said"))]);
    }
    let quoted = a.slice(q.range);
    let close_len = quoted.chars().next_back()?.len_utf8();
    let close_start = q.range.end.checked_sub(close_len)?;
    let before = quoted[..quoted.len() - close_len].chars().next_back();
    Some(match before {
        Some('.') => vec![
            (
                TextRange::new(close_start - 1, close_start),
                ",".to_string(),
            ),
            (end, format!(" {SPEAKER_PLACEHOLDER} said.")),
        ],
        Some(',') => vec![(end, format!(" {SPEAKER_PLACEHOLDER} said"))],
        Some('?' | '!') => vec![(end, format!(" {SPEAKER_PLACEHOLDER} said."))],
        _ => vec![(end, format!(", {SPEAKER_PLACEHOLDER} said"))],
    })
}

/// `<!-- copydesk-disable-next-line CODE -->` on its own line above the finding's first line.
fn disable_line(a: &Snapshot, d: &analysis::Diagnostic) -> (TextRange, String) {
    let line = convert::line_of(&a.rope, d.range.start);
    let start = convert::line_range(&a.rope, line).map_or(0, |r| r.start);
    let text = convert::line_range(&a.rope, line)
        .map(|r| a.slice(r))
        .unwrap_or_default();
    let indent: String = text
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let eol = convert::line_break(&a.rope, line);
    (
        TextRange::empty(start),
        format!(
            "{indent}<!-- copydesk-disable-next-line {} -->{eol}",
            d.code
        ),
    )
}
