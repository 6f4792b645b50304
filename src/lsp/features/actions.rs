//! Code actions for the findings in the requested range: the rule's own fix (preferred when its
//! edits give finished text, as a rule's usually do; ATT001's "add attribution" leaves a
//! placeholder), and "disable RULE for this line" (Markdown only).

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, WorkspaceEdit,
};

use super::diagnostics::to_lsp_one;
use crate::analysis::{self, Applicability, SourceKind, TextRange};
use crate::lsp::convert;
use crate::lsp::snapshot::Snapshot;

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
            let preferred = fix.applicability == Applicability::Ready;
            out.push(action(a, fix.title.clone(), d, edits, preferred));
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
