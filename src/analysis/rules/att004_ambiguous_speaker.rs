//! ATT004 `ambiguous-speaker`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;
use crate::analysis::people::SpeakerVia;

declare_rule! {
    /// ## What it does
    /// Flags a pronoun speaker ("he said") that could be two people, or nobody named before it.
    ///
    /// Two people are plausible when both fit the pronoun and are named in the sentence it points
    /// back to, and nothing (the previous quote's speaker, a known gender) settles which one spoke.
    ///
    /// ## Why it matters
    /// A quote given to the wrong person is a correction waiting to happen. When two men were named
    /// in the previous sentence, "he said" does not say which one spoke.
    ///
    /// ## Example
    /// `Biden met Stoltenberg. “We are united,” he said.` (Biden or Stoltenberg?)
    ATT004, "ambiguous-speaker", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let people = ctx.people;
    for a in &people.attributions {
        if a.via != SpeakerVia::Pronoun {
            continue;
        }
        if ctx
            .doc
            .quotes
            .get(a.quote)
            .is_none_or(|q| q.parent.is_some() || !q.closed)
        {
            continue;
        }
        let Some(range) = a.speaker_range else {
            continue;
        };
        let pronoun = ctx.prose(range);
        if a.candidates.len() >= 2 {
            let names: Vec<String> = a
                .candidates
                .iter()
                .filter_map(|&p| people.persons.get(p))
                .map(|p| format!("`{}`", p.name))
                .collect();
            let chosen = a.speaker.as_deref().unwrap_or("?");
            out.push(ctx.diagnostic(
                range,
                format!(
                    "`{pronoun}` could be {}; name the speaker (read as `{chosen}`)",
                    names.join(" or ")
                ),
            ));
        } else if a.person.is_none()
            && a.speaker.is_none()
            && !people.mentions.iter().any(|m| {
                m.range.start < range.start
                    && m.kind != crate::analysis::people::MentionKind::Pronoun
            })
        {
            out.push(ctx.diagnostic(
                range,
                format!("`{pronoun}` refers to nobody named before this quote; name the speaker"),
            ));
        }
    }
}
