//! ATT002 `unattributed-claim`.

use super::sourcing;
use super::{Diagnostic, RuleContext, Trigger};
use crate::analysis::lexicon;
use crate::analysis::people;
use crate::analysis::range::TextRange;
use crate::analysis::tokens::TokenKind;
use std::borrow::Cow;

declare_rule! {
    /// ## What it does
    /// Flags a forecast that puts a figure on nobody's word, or a motive, stated with no source in
    /// its sentence or the ones around it.
    ///
    /// A forecast counts when a count, an amount, a share or a rate follows it in the sentence
    /// ("is set to grow by 8% this year"): without one, "is likely to", "is tipped to" are the
    /// routine hedge of a preview or the correspondent's own analysis, which copy editors asked
    /// judged pedantic in nearly every case.
    ///
    /// Forecasts: "could be announced", "is likely to", "is poised to", "is set to rise"; figures:
    /// "will rise to 9% next year"; motives imputed to someone: "in retaliation for", "motivated
    /// by", "as punishment for". A stated aim ("in a bid to", "in an attempt to") is the actor's
    /// own, and a condition ("If she wins, she will surpass …") is arithmetic, not a forecast.
    /// A source is an attribution verb, "according to", a quotation, a source word (report,
    /// survey, poll, data, figures, study) or a source noun ("many experts", "analysts") in the
    /// sentence, or in the sentence before it (across a paragraph break too), or in the sentence
    /// after it when that one names the source ("… That is the forecast of the central bank.").
    ///
    /// The rule is narrow on purpose: it only speaks when a reader finds no attribution where
    /// they would look. It ignores headlines and decks, idioms addressed to the reader ("the best
    /// meal you are likely to eat this year"), and pieces in the writer's own voice (columns,
    /// reviews and news analysis, told by first-person narration or a label such as
    /// "Analysis:"), where the writer is the source.
    ///
    /// ## Why it matters
    /// Predictions and motives are the claims readers most often want sourced: who expects it, who
    /// says that was the reason.
    ///
    /// ## Example
    /// Flagged: `Unemployment will rise to 9% next year.` (says who?)
    ///
    /// Not flagged: `Unemployment will rise to 9% next year, the central bank said.`
    ///
    /// Not flagged: `Unemployment will rise to 9% next year. That is the forecast of the
    /// Northvale Institute.` (the next sentence names the source)
    ///
    /// Not flagged: `It is the finest risotto you are likely to eat this year.` (an idiom)
    ATT002, "unattributed-claim", Hint,
    cost: Heavy,
    triggers: &[Trigger::as_written(TRIGGERS)],
    measured: 5 / 13,
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
    "learned",
    "learnt",
];

/// Source nouns: "many experts", "analysts" carry a claim in their own sentence (vague or not,
/// ATT003's), unless a preposition makes them an object ("sanctions against officials").
const SOURCE_NOUNS: &[&str] = &[
    "experts",
    "analysts",
    "economists",
    "forecasters",
    "observers",
    "commentators",
    "officials",
    "sources",
    "critics",
    "pundits",
];

/// Words that make a following source noun an object ("sanctions against officials").
const PREPOSITIONS: &[&str] = &[
    "against", "of", "to", "for", "with", "by", "from", "on", "about", "among", "at", "between",
];

/// Subjects that address the reader or speak in general ("you are likely to", "we are likely
/// to"): after a superlative, an idiom, not a claim.
const GENERAL_SUBJECTS: &[&str] = &["you", "we", "one", "they", "i"];

/// Words that make a superlative ("the best meal", "the most vivid world").
fn superlative(w: &str) -> bool {
    matches!(w, "most" | "best" | "worst" | "least" | "only" | "first" | "last")
        || (w.len() > 5 && w.ends_with("est") && !w.ends_with("west") && !w.ends_with("rest"))
}

/// Verbs and nouns that attribute a forecast to whoever stands next to them.
const FORECASTERS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "believes",
    "believe",
    "warned",
    "warns",
    "according",
    "forecast",
    "forecasts",
    "predicts",
    "prediction",
    "expects",
    "estimates",
    "projects",
    "projection",
    "predict",
    "expect",
    "estimate",
    "tip",
    "tips",
];

/// Words that open a sentence pointing back at the one before.
const BACK: &[&str] = &["that", "this", "those", "these", "such", "so"];

/// Words that speak of a forecast or its source.
const FORECAST_NOUNS: &[&str] = &[
    "according",
    "forecast",
    "forecasts",
    "prediction",
    "predictions",
    "projection",
    "projections",
    "estimate",
    "estimates",
    "outlook",
];

/// Verbs of forecasting ("Bookmakers predict …").
const FORECAST_VERBS: &[&str] = &[
    "predict", "predicts", "predicted", "forecast", "forecasts", "expect", "expects", "estimate",
    "estimates", "project", "projects", "tip", "tips",
];

/// Whether a sentence names a source: an attribution verb ("said", "according to", "the
/// forecast of") within four words of a name (a person, or a capitalised word that is not the
/// first of the sentence: "the Regional Labour Institute").
fn names_source(ctx: &RuleContext<'_>, si: usize) -> bool {
    let doc = ctx.doc;
    let toks = doc.narration(si);
    let first = toks.first().map(|t| t.range.start);
    let named = |t: &crate::analysis::tokens::Token| {
        ctx.people.mention_at(t.range.start).is_some()
            || (Some(t.range.start) != first
                && t.is_capitalised(&doc.prose)
                && !lexicon::is_function_word(t.text(&doc.prose)))
    };
    // The sentence must point back at the claim: "That is the forecast of …", "This, according
    // to …", or speak of a forecast; a next sentence that merely quotes someone is no source.
    let back = toks
        .first()
        .is_some_and(|t| BACK.contains(&lexicon::lower(t.text(&doc.prose)).as_ref()));
    let forecast_word = toks.iter().any(|t| {
        let w = lexicon::lower(t.text(&doc.prose));
        FORECAST_NOUNS.contains(&w.as_ref()) || FORECAST_VERBS.contains(&w.as_ref())
    });
    if !(back || forecast_word) {
        return false;
    }
    toks.iter().enumerate().any(|(k, t)| {
        let w = t.text(&doc.prose);
        let verb =
            t.kind == TokenKind::Word && FORECASTERS.contains(&lexicon::lower(w).as_ref());
        verb && toks[k.saturating_sub(4)..(k + 5).min(toks.len())]
            .iter()
            .any(named)
    })
}

/// Sentence `si` carries a source (tokens inside `skip`, the claim itself, do not count). A
/// quotation counts when `quotes` is set: speech is attributed (ATT001's business), but a
/// quotation in the paragraph before is no source of the writer's next claim.
fn attributed(ctx: &RuleContext<'_>, si: usize, skip: TextRange, quotes: bool) -> bool {
    let doc = ctx.doc;
    let all = doc.sentence_tokens(si);
    let narr = doc.narration(si);
    if quotes && narr.len() < all.len() {
        return true;
    }
    // A source noun as a subject of the claim's own sentence ("many experts").
    let own = !skip.is_empty();
    if own
        && narr.iter().enumerate().any(|(k, t)| {
            SOURCE_NOUNS.contains(&lexicon::lower(t.text(&doc.prose)).as_ref())
                && !k.checked_sub(1).is_some_and(|p| {
                    PREPOSITIONS.contains(&lexicon::lower(narr[p].text(&doc.prose)).as_ref())
                })
        })
    {
        return true;
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
    // A column, review or analysis: the writer is the source of its forecasts and motives.
    if doc.is_signed_voice() {
        return;
    }
    for (si, s) in doc.sentences.iter().enumerate() {
        if doc.is_display(s.paragraph) {
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
        // "If he wins, he will surpass …": a condition, not a forecast.
        if kind == "forecast" && words.iter().any(|w| matches!(w.as_ref(), "if" | "unless")) {
            continue;
        }
        // "the best meal you are likely to eat": an idiom addressed to the reader.
        let subject = a.checked_sub(1).map_or("", |i| words[i].as_ref());
        if kind == "forecast"
            && GENERAL_SUBJECTS.contains(&subject)
            && (subject == "you" || words[..a].iter().any(|w| superlative(w)))
        {
            continue;
        }
        let range = TextRange::new(toks[a].range.start, toks[b].range.end);
        // "is likely to announce", "is tipped to win" is the routine hedge of a preview or the
        // correspondent's own analysis; "is set to grow by 8%" puts a figure on nobody's word.
        if kind == "forecast" && !sourcing::figure_rests_on(ctx, si, range) {
            continue;
        }
        if attributed(ctx, si, range, true) {
            continue;
        }
        // Where a reader looks next: the sentence before (across a paragraph break too), and
        // the sentence after when it names the source.
        let before = sourcing::around(ctx, si)
            .filter(|&i| i + 1 == si)
            .any(|i| {
                let same_paragraph = doc.sentences[i].paragraph == s.paragraph;
                attributed(ctx, i, TextRange::empty(0), same_paragraph)
            });
        let after = sourcing::around(ctx, si)
            .filter(|&i| i == si + 1)
            .any(|i| names_source(ctx, i));
        if before || after {
            continue;
        }
        out.push(ctx.diagnostic(
            range,
            format!(
                "{kind} `{}` has no source in this or the sentences around it: says who?",
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
    "retaliation",
    "motivated",
    "punishment",
    "announced",
    "will",
];
