//! Continuation: a quote with no cue of its own continues the attributed quote before it in the
//! same paragraph, or in the previous paragraph when its paragraph opens with the quote.

use super::Ctx;
use crate::analysis::people::{Attribution, MentionKind, SpeakerVia};

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
            ctx.mentions
                .iter()
                .skip(
                    ctx.mentions
                        .partition_point(|m| m.range.start < pq.range.end),
                )
                .take_while(|m| m.range.start < q.range.start)
                .filter(|m| !ctx.in_quote(m.range.start))
        };
        let speaker_between = || {
            between().any(|m| {
                let si = doc.sentence_at(m.range.start);
                Some(m.person) != p.person
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
        }
    }
}
