//! Inlay hints: `— Surname` after a quote whose speaker was found by continuation or pronoun.

use tower_lsp_server::ls_types::{InlayHint, InlayHintKind, InlayHintLabel, InlayHintTooltip};

use super::surname;
use crate::analysis::TextRange;
use crate::analysis::people::SpeakerVia;
use crate::lsp::documents::Analyzed;

pub fn hints(a: &Analyzed, within: TextRange) -> Vec<InlayHint> {
    let an = &a.analysis;
    let mut out = Vec::new();
    for att in &an.people.attributions {
        if !matches!(att.via, SpeakerVia::Continuation | SpeakerVia::Pronoun) {
            continue;
        }
        let (Some(q), Some(p)) = (
            an.document.quotes.get(att.quote),
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
            label: InlayHintLabel::String(format!("— {}", surname(&p.name))),
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
