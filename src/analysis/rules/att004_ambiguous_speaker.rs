//! ATT004 `ambiguous-speaker`.

use super::{Diagnostic, RuleContext};
use crate::analysis::lexicon;
use crate::analysis::people::SpeakerVia;

declare_rule! {
    /// ## What it does
    /// Flags a pronoun speaker ("he said") that could be two people, or nobody named in the article.
    ///
    /// Two people are plausible only when a reader would really hesitate: both are of the
    /// pronoun's known sex and stand in subject position in the sentence the pronoun points back
    /// to ("Okoro and Haas spoke to reporters."), neither is the subject of the attribution verb
    /// that settles it, and neither was quoted just before. Objects ("met Haas"), possessors
    /// ("Blair's government"), objects of prepositions ("agreed with Matthews"), people named only
    /// inside quotes, the dead and non-persons are never candidates. "Nobody named" is reported
    /// only when the article names nobody at all: an unnamed source ("a spokesman for the council
    /// said"), a stage name, a first name alone or a surname in an attribution counts as a name.
    ///
    /// ## Why it matters
    /// A quote given to the wrong person is a correction waiting to happen. When two men were named
    /// in the previous sentence, "he said" does not say which one spoke.
    ///
    /// ## Example
    /// Flagged: `Joe Biden and Mark Rutte spoke to reporters in Brussels. “We are united,” he said.`
    /// (Biden or Rutte?)
    ///
    /// Not flagged: `Joe Biden met Mark Rutte in Brussels. “We are united,” he said.` (Rutte is the
    /// object: Biden is the one a reader takes.)
    ///
    /// Not flagged: `Joe Biden met Ursula von der Leyen in Brussels. “We are united,” he said.`
    ATT004, "ambiguous-speaker", Information,
    measured: 1 / 1,
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
            && !people
                .mentions
                .iter()
                .any(|m| m.kind != crate::analysis::people::MentionKind::Pronoun)
            && !capitalised_word_in_body(ctx)
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

/// Whether the body names anything a reader could take for a person: outside quotes and
/// headings, a capitalised word that does not open its sentence and is not "I", a listed
/// non-name, a role or a calendar word (a stage name "50 Cent", a first name alone "Paula", a
/// surname in an attribution "said Walker" all count).
fn capitalised_word_in_body(ctx: &RuleContext<'_>) -> bool {
    let doc = ctx.doc;
    (0..doc.sentences.len()).any(|si| {
        if doc.is_heading(doc.sentences[si].paragraph) {
            return false;
        }
        doc.narration(si).iter().skip(1).any(|t| {
            let w = lexicon::strip_possessive(t.text(&doc.prose));
            t.kind == crate::analysis::tokens::TokenKind::Word
                && w.chars().next().is_some_and(char::is_uppercase)
                && w != "I"
                && !lexicon::is_not_person(w)
                && !lexicon::is_role(w)
                && lexicon::calendar::month_of(&lexicon::lower(w)).is_none()
                && lexicon::calendar::weekday_of(&lexicon::lower(w)).is_none()
        })
    })
}
