//! ATT002 `unattributed-claim`.

use super::{Diagnostic, RuleContext, Trigger};
use crate::analysis::lexicon;
use crate::analysis::people;
use crate::analysis::range::TextRange;
use crate::analysis::tokens::TokenKind;
use std::borrow::Cow;

declare_rule! {
    /// ## What it does
    /// Flags a forecast, a forecast figure or a motive stated with no source in its sentence or
    /// the one before.
    ///
    /// Forecasts: "could be announced", "is likely to", "is poised to", "is set to rise"; figures:
    /// "will rise to 9% next year"; motives: "in a bid to", "in retaliation for", "motivated by".
    /// A source is an attribution verb, "according to", a quotation or a source word (report,
    /// survey, poll, data, figures, study) in the sentence, or in the previous sentence of the
    /// paragraph (clear continuation).
    ///
    /// The rule is narrow on purpose: it only speaks when the sentence and its predecessor carry
    /// no attribution at all, and it ignores headings.
    ///
    /// ## Why it matters
    /// Predictions and motives are the claims readers most often want sourced: who expects it, who
    /// says that was the reason.
    ///
    /// ## Example
    /// Flagged: `Unemployment will rise to 9% next year.` (says who?)
    ///
    /// Not flagged: `Unemployment will rise to 9% next year, the central bank said.`
    ATT002, "unattributed-claim", Information,
    cost: Heavy,
    triggers: &[Trigger::as_written(TRIGGERS)],
}

const FORECASTS: &[&[&str]] = &[
    &["could", "be", "announced"],
    &["is", "likely", "to"],
    &["are", "likely", "to"],
    &["is", "poised", "to"],
    &["are", "poised", "to"],
    &["is", "on", "course", "to"],
    &["is", "on", "track", "to"],
    &["is", "tipped", "to"],
    &["are", "tipped", "to"],
    &["will", "almost", "certainly"],
];

const MOTIVES: &[&[&str]] = &[
    &["in", "a", "bid", "to"],
    &["in", "an", "attempt", "to"],
    &["in", "retaliation", "for"],
    &["motivated", "by"],
    &["as", "punishment", "for"],
];

/// "is set to" is a forecast only before a movement ("is set to rise"); before anything else it
/// is usually a schedule ("is set to take place in July").
const SET_TO: &[&[&str]] = &[
    &["is", "set", "to"],
    &["are", "set", "to"],
    &["looks", "set", "to"],
    &["look", "set", "to"],
];

/// A time ahead: "next year", "by 2009", "this year".
const AHEAD: &[&str] = &["next", "this"];

const MOVES: &[&str] = &[
    "remain", "halve", "slow", "slump", "soar", "peak", "stay", "rise", "fall", "grow", "reach",
    "hit", "top", "exceed", "climb", "drop", "increase", "decrease", "double", "shrink", "triple",
    "surpass",
];

const SOURCE_WORDS: &[&str] = &[
    "according",
    "report",
    "reports",
    "reported",
    "survey",
    "poll",
    "polls",
    "study",
    "data",
    "figures",
    "statistics",
    "estimates",
    "estimate",
    "forecast",
    "forecasts",
    "research",
    "analysis",
    "predicts",
    "predicted",
    "projections",
    "projected",
    "expects",
    "expect",
    "believes",
    "believe",
    "think",
    "thinks",
    "suggests",
    "shows",
    "showed",
    "found",
    "predicting",
    "forecasting",
    "expecting",
    "heard",
    "hopes",
    "hoping",
    "announced",
    "unveiled",
];

/// Sentence `si` carries a source (tokens inside `skip`, the claim itself, do not count).
fn attributed(ctx: &RuleContext<'_>, si: usize, skip: TextRange) -> bool {
    let doc = ctx.doc;
    let all = doc.sentence_tokens(si);
    let narr = doc.narration(si);
    if narr.len() < all.len() {
        return true; // a quotation in the sentence: speech is attributed (ATT001's business)
    }
    narr.iter()
        .filter(|t| !skip.contains_range(t.range))
        .any(|t| {
            let w = t.text(&doc.prose);
            t.kind == TokenKind::Word
                && (lexicon::speech_verb(w).is_some()
                    || people::user_verb_at(doc, t, &ctx.config.attribution_verbs)
                    || SOURCE_WORDS.contains(&lexicon::lower(w).as_ref()))
        })
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (si, s) in doc.sentences.iter().enumerate() {
        if doc.is_heading(s.paragraph) {
            continue;
        }

        // A cheap first pass: only sentences with one of the trigger words can match.
        if ctx.triggers(si) == 0 {
            continue;
        }
        let toks = doc.sentence_tokens(si);
        // The document's cached lower-case forms (the same strings `lexicon::lower` gives), so
        // no word is lower-cased into a new `String` here.
        let words: Vec<Cow<'_, str>> = (s.tokens.start..s.tokens.start + toks.len())
            .map(|gi| Cow::Borrowed(doc.lower(gi)))
            .collect();
        let find = |pats: &[&[&str]]| {
            (0..words.len()).find_map(|i| {
                pats.iter()
                    .find(|p| {
                        p.iter()
                            .enumerate()
                            .all(|(k, w)| words.get(i + k).is_some_and(|x| x == w))
                    })
                    .map(|p| (i, i + p.len() - 1))
            })
        };
        let mut hit = find(FORECASTS).map(|r| (r, "forecast"));
        if hit.is_none() {
            hit = find(SET_TO)
                .filter(|&(_, b)| {
                    words
                        .get(b + 1)
                        .is_some_and(|w| MOVES.contains(&w.as_ref()))
                })
                .map(|r| (r, "forecast"));
        }
        if hit.is_none() {
            hit = find(MOTIVES).map(|r| (r, "motive"));
        }
        if hit.is_none() {
            // "will rise to 9%": a forecast figure.
            let has_figure = toks.iter().any(|t| t.kind == TokenKind::Number);
            let ahead = words.iter().any(|w| AHEAD.contains(&w.as_ref()))
                || words.windows(2).any(|p| {
                    p[0] == "by" && p[1].len() == 4 && p[1].bytes().all(|b| b.is_ascii_digit())
                });
            if has_figure && ahead {
                hit = (0..words.len().saturating_sub(1))
                    .find(|&i| words[i] == "will" && MOVES.contains(&words[i + 1].as_ref()))
                    .map(|i| ((i, i + 1), "forecast"));
            }
        }
        let Some(((a, b), kind)) = hit else {
            continue;
        };
        let range = TextRange::new(toks[a].range.start, toks[b].range.end);
        if attributed(ctx, si, range) {
            continue;
        }
        // Clear continuation from an attributed previous sentence in the same paragraph.
        if si > 0
            && doc.sentences[si - 1].paragraph == s.paragraph
            && attributed(ctx, si - 1, TextRange::empty(0))
        {
            continue;
        }
        out.push(ctx.diagnostic(
            range,
            format!(
                "{kind} `{}` has no source in this or the previous sentence: says who?",
                ctx.prose(range)
            ),
        ));
    }
}

/// The first-pass words, as written: only sentences with one of them can match.
const TRIGGERS: &[&str] = &[
    "likely",
    "set",
    "poised",
    "course",
    "track",
    "tipped",
    "certainly",
    "bid",
    "attempt",
    "retaliation",
    "motivated",
    "punishment",
    "announced",
    "will",
];
