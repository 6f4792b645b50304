//! ATT004 `ambiguous-speaker`.

use super::{Diagnostic, RuleContext};
use crate::analysis::lexicon;
use crate::analysis::people::SpeakerVia;

declare_rule! {
    /// ## What it does
    /// Flags a pronoun speaker ("he said") that could be two people, or nobody named before it.
    ///
    /// Two people are plausible when both fit the pronoun and are named in the sentence it points
    /// back to, and nothing settles which one spoke: the subject of an attribution verb, the
    /// previous quote's speaker, or a known gender. A possessor ("Blair's government") or the
    /// object of a preposition ("agreed with Matthews") does not compete with the sentence's
    /// subject. "Nobody named" is not reported when an unnamed source was given ("a spokesman for
    /// the council said") or a capitalised name the first-name lists lack is the subject of a
    /// speech verb ("Kenteris insisted").
    ///
    /// ## Why it matters
    /// A quote given to the wrong person is a correction waiting to happen. When two men were named
    /// in the previous sentence, "he said" does not say which one spoke.
    ///
    /// ## Example
    /// Flagged: `Joe Biden met Jens Stoltenberg in Brussels. “We are united,” he said.` (Biden or
    /// Stoltenberg?)
    ///
    /// Not flagged: `Joe Biden met Ursula von der Leyen in Brussels. “We are united,” he said.`
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
            && !name_the_gazetteer_lacks(ctx, range.start)
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

/// Whether a capitalised word that is no listed non-name is the subject of a speech verb in the
/// pronoun's sentence or the three before ("Kenteris insisted: …", "Safin said he …"): someone is
/// named there, only not from the first-name lists.
fn name_the_gazetteer_lacks(ctx: &RuleContext<'_>, at: usize) -> bool {
    let doc = ctx.doc;
    let Some(si) = doc.sentence_at(at) else {
        return false;
    };
    (si.saturating_sub(3)..=si).any(|s| {
        let toks = doc.sentence_tokens(s);
        toks.windows(2).any(|w| {
            let (name, verb) = (w[0].text(&doc.prose), w[1].text(&doc.prose));
            w[0].range.start < at
                && w[0].kind == crate::analysis::tokens::TokenKind::Word
                && name.chars().next().is_some_and(char::is_uppercase)
                && name.chars().count() > 2
                && !lexicon::is_not_person(name)
                && !lexicon::is_role(name)
                && !matches!(
                    name,
                    "He" | "She" | "It" | "They" | "We" | "I" | "This" | "That"
                )
                && lexicon::speech_verb(verb).is_some()
        })
    })
}
