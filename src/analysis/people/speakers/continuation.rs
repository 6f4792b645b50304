//! Continuation: a quote with no cue of its own continues the attributed quote before it in the
//! same paragraph, or in the previous paragraph when its paragraph opens with the quote.

use super::Ctx;
use crate::analysis::lexicon::Gender;
use crate::analysis::people::{Attribution, MentionKind, SpeakerVia};
use crate::analysis::tokens::TokenKind;

/// Step 4 of finding a speaker: the quote continues an attributed quote earlier in its
/// paragraph, or in the previous paragraph when this paragraph opens with the quote.
pub(super) fn continue_previous(
    ctx: &Ctx<'_>,
    qi: usize,
    done: &[Attribution],
    a: &mut Attribution,
) {
    let doc = ctx.doc;
    let q = &doc.quotes[qi];
    // 4. Continuation: an attributed quote earlier in the paragraph, or in the previous paragraph
    //    when this paragraph opens with the quote.
    let para = q.paragraphs.start;
    let opens_para = doc
        .paragraphs
        .get(para)
        .is_some_and(|p| p.range.start == q.range.start);
    let prev = done.iter().rev().find(|p| {
        doc.quotes[p.quote].parent.is_none() && doc.quotes[p.quote].range.end <= q.range.start
    });
    if let Some(p) = prev {
        let pq = &doc.quotes[p.quote];
        let same_para = pq.paragraphs.end > para;
        let prev_para = pq.paragraphs.end == para && opens_para;
        // Someone else named in a new sentence between the two quotes breaks the continuation.
        // (A sentence that also names the previous speaker keeps the continuation: "Wenger
        // insists he has faith in the Spaniard, back-up to Jens Lehmann. “…”".)
        let between = || {
            ctx.mentions_between(pq.range.end, q.range.start)
                .iter()
                .filter(|m| !ctx.in_quote(m.range.start))
        };
        // Someone the quote itself names ("… and Simon Taylor is an outstanding player.") is
        // talked about, not talking: naming them between the two quotes breaks nothing.
        let named_in_quote = |person: usize| ctx.names(q.range, person);
        let speaker_between = || {
            between().any(|m| {
                let si = doc.sentence_at(m.range.start);
                Some(m.person) != p.person
                    && !named_in_quote(m.person)
                    && si != Some(pq.end_sentence)
                    && !between().any(|o| {
                        p.person.is_some_and(|pp| o.person == pp)
                            && o.kind != MentionKind::Pronoun
                            && doc.sentence_at(o.range.start) == si
                    })
            })
        };
        // (Only asked for quotes in the same or the next paragraph: the span is short.)
        if (same_para || prev_para) && p.speaker.is_some() && !speaker_between() {
            a.person = p.person;
            a.speaker = p.speaker.clone();
            a.speaker_range = p.speaker_range;
            a.cue = p.cue.clone();
            a.cue_range = p.cue_range;
            a.via = SpeakerVia::Continuation;
            a.candidates = p.candidates.clone();
        } else if (same_para || pq.paragraphs.end == para)
            && p.via != SpeakerVia::None
            && p.person
                .is_some_and(|x| same_voice_goes_on(ctx, qi, p.quote, x, done))
        {
            a.person = p.person;
            a.speaker = p.speaker.clone();
            a.speaker_range = p.speaker_range;
            a.cue = p.cue.clone();
            a.cue_range = p.cue_range;
            a.via = SpeakerVia::Continuation;
        }
    }
}

/// Whether quote `qi`, opening its sentence, goes on in the voice of person `x`, who spoke
/// quote `pi` just before it (in the same or the previous paragraph), though someone else is
/// named in between: `x` is the only person the article has quoted so far, the narration
/// between the two quotes is about `x` (names them, or says "he"/"his" or "she"/"her" as their
/// sex, if known, allows), and the first person it names in the sentence right before the
/// quote, if any, is `x` or is named in the quote itself (talked about, so not talking).
/// Profiles and interviews run this way: “…” Jamie had to wear a body cast. He then moved to
/// crutches. “Walking without them …”.
fn same_voice_goes_on(ctx: &Ctx<'_>, qi: usize, pi: usize, x: usize, done: &[Attribution]) -> bool {
    let doc = ctx.doc;
    let q = &doc.quotes[qi];
    let pq = &doc.quotes[pi];
    // Only a quote that opens its sentence: one inside a sentence of narration ("… the
    // so-called “one-euro jobs”") is a term or a phrase that sentence uses.
    if doc
        .narration(q.sentence)
        .iter()
        .any(|t| t.kind == TokenKind::Word && t.range.end <= q.range.start)
    {
        return false;
    }
    // Nobody else quoted so far.
    if done
        .iter()
        .any(|d| d.via != SpeakerVia::None && d.speaker.is_some() && d.person != Some(x))
    {
        return false;
    }
    let gender = ctx.drafts.get(x).and_then(|d| d.gender);
    let refers = |w: &str| match gender {
        Some(Gender::Male) => matches!(w, "he" | "He" | "him" | "his" | "His"),
        Some(Gender::Female) => matches!(w, "she" | "She" | "her" | "Her"),
        // Sex unknown ("Jamie"): either pronoun may be theirs.
        _ => matches!(
            w,
            "he" | "He" | "him" | "his" | "His" | "she" | "She" | "her" | "Her"
        ),
    };
    let named_in_quote = |person: usize| ctx.names(q.range, person);
    let Some(last) = q.sentence.checked_sub(1) else {
        return false;
    };
    let mut about = false;
    // From the sentence after the one the previous quote ends in (its own cue, "he said", is
    // not narration about the speaker).
    for si in pq.end_sentence + 1..=last {
        let toks = doc.narration(si);
        let mut first: Option<bool> = None;
        for t in toks
            .iter()
            .filter(|t| t.range.start >= pq.range.end && t.range.end <= q.range.start)
        {
            if t.kind != TokenKind::Word {
                continue;
            }
            let person = ctx
                .mention_at(t.range.start)
                .filter(|m| m.kind != MentionKind::Pronoun)
                .map(|m| m.person);
            let is_x = person == Some(x) || refers(ctx.w(t));
            about |= is_x;
            if first.is_none() {
                if is_x {
                    first = Some(true);
                } else if person.is_some_and(|o| !named_in_quote(o)) {
                    first = Some(false);
                }
            }
        }
        if si == last && first == Some(false) {
            return false;
        }
    }
    about
}
