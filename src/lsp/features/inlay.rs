//! Inlay hints: `— Surname` after a quote whose speaker was found by continuation or pronoun.

use tower_lsp_server::ls_types::{InlayHint, InlayHintKind, InlayHintLabel, InlayHintTooltip};

use crate::analysis::TextRange;
use crate::analysis::people::SpeakerVia;
use crate::analysis::people::surname_of;
use crate::lsp::snapshot::Snapshot;

pub fn hints(a: &Snapshot, within: TextRange) -> Vec<InlayHint> {
    let an = a;
    let mut out = Vec::new();
    for att in &an.people.attributions {
        if !matches!(att.via, SpeakerVia::Continuation | SpeakerVia::Pronoun) {
            continue;
        }
        let (Some(q), Some(p)) = (
            an.quotes.get(att.quote),
            att.person.and_then(|p| an.people.persons.get(p)),
        ) else {
            continue;
        };
        if !within.touches(q.range.end) {
            continue;
        }
        let how = if att.via == SpeakerVia::Pronoun {
            "pronoun"
        } else {
            "continuation"
        };
        out.push(InlayHint {
            position: a.range(TextRange::empty(q.range.end)).start,
            label: InlayHintLabel::String(format!("— {}", surname_of(&p.name))),
            kind: None::<InlayHintKind>,
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(format!(
                "Speaker: {} (found by {how})",
                p.name
            ))),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        });
    }
    out
}
