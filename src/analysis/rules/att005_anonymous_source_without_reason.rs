//! ATT005 `anonymous-source-without-reason`.

use super::sourcing::{self, contains_phrase};
use super::{Diagnostic, RuleContext, Trigger};
use crate::analysis::lexicon;
use crate::analysis::range::TextRange;
use std::borrow::Cow;

declare_rule! {
    /// ## What it does
    /// Flags an anonymous source when no reason for the anonymity is given about that source.
    /// Anonymous sources are: "a person/people familiar with …", "a source/sources close to …",
    /// "someone with knowledge of …", "… who asked not to be named / identified", "… speaking on
    /// condition of anonymity", and a singular unnamed source with an attribution verb ("a senior
    /// official said", "one source told …"). Reasons are phrases such as "because", "not
    /// authorized to speak", "to discuss private …", "for fear of …", "under department rules",
    /// "to speak candidly". The reason counts in the source's own sentence, or in the next one
    /// when that sentence is about the source ("The official spoke on condition of anonymity
    /// because …"); a word in an unrelated next sentence is no reason. A source named nearby
    /// ("an aide said … said Ann Cole, an aide to the mayor") is not anonymous. Another outlet's
    /// source passed on with credit ("told the Yorkshire Post", "the paper reported, citing
    /// sources close to …", in the sentence or the one before it in the paragraph) is left
    /// alone: the desk cannot give the reason for another newsroom's sourcing.
    ///
    /// Plural generic sourcing ("officials said") is ATT003's.
    ///
    /// ## Why it matters
    /// AP and most newsroom standards allow anonymous sources only when the story says why the
    /// source was not named ("because they were not authorised to speak publicly").
    ///
    /// ## Example
    /// Flagged: `A person familiar with the negotiations said a deal was close.`
    ///
    /// Flagged: `A person close to the negotiations said a deal was close. Ministers will
    /// discuss the private members' bill on Monday.` (the next sentence is not about the source)
    ///
    /// Not flagged: `A person familiar with the negotiations, who was not authorised to speak
    /// publicly, said a deal was close.`
    ///
    /// Not flagged: `A senior official said the plan was dead. The official spoke on condition
    /// of anonymity because the talks are private.`
    ATT005, "anonymous-source-without-reason", Hint,
    triggers: &[Trigger::lower(SINGULAR), Trigger::lower(TRIGGERS)],
    measured: 2 / 8,
}

/// Reasons for anonymity, word for word (`*` is any one word).
const REASONS: &[&[&str]] = &[
    &["because"],
    &["not", "authorized"],
    &["not", "authorised"],
    &["not", "permitted"],
    &["not", "allowed"],
    &["not", "cleared"],
    &["unauthorized"],
    &["unauthorised"],
    &["to", "discuss"],
    &["to", "speak", "publicly"],
    &["to", "talk", "publicly"],
    &["to", "comment", "publicly"],
    &["to", "speak", "candidly"],
    &["to", "speak", "freely"],
    &["to", "talk", "freely"],
    &["candidly"],
    &["fear", "of"],
    &["for", "fear"],
    &["fearing"],
    &["reprisal"],
    &["reprisals"],
    &["retribution"],
    &["sensitivity"],
    &["sensitive"],
    &["confidential"],
    &["private"],
    &["privately"],
    &["internal"],
    &["ongoing", "investigation"],
    &["protect"],
    &["under", "*", "rules"],
    &["under", "*", "*", "rules"],
    &["under", "*", "policy"],
    &["under", "*", "*", "policy"],
    &["under", "*", "guidelines"],
    &["under", "*", "*", "guidelines"],
    &["under", "ground", "rules"],
];

/// Words that open a sentence about the source just mentioned ("The official said so on
/// condition …", "She was not authorised …").
const BACK_REFERENCES: &[&str] = &["he", "she", "they", "the", "both", "neither", "who", "that"];

/// Source nouns a following sentence may refer back with ("the official", "the people").
const SOURCE_NOUNS: &[&str] = &[
    "source", "sources", "official", "officials", "person", "people", "aide", "aides", "insider",
    "insiders", "diplomat", "diplomats", "adviser", "advisers", "advisor", "advisors",
    "executive", "executives", "officer", "officers",
];

/// Words allowed between a source noun and "familiar with" / "close to" ("people directly
/// familiar with", "a source who is close to").
const BETWEEN: &[&str] = &[
    "who", "are", "is", "was", "were", "directly", "closely", "intimately", "personally", "very",
    "most", "deeply", "said", "to", "be",
];

fn has_reason(words: &[&str]) -> bool {
    REASONS.iter().any(|r| contains_phrase(words, r))
}

const SINGULAR: &[&str] = &[
    "source",
    "official",
    "aide",
    "insider",
    "person",
    "diplomat",
    "adviser",
    "advisor",
    "executive",
    "officer",
];
const SINGULAR_DET: &[&str] = &["a", "an", "one", "another"];
const VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "confirmed",
    "disclosed",
    "revealed",
    "warned",
    "described",
];

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let n = doc.sentences.len();
    for si in 0..n {
        // A cheap first pass: only sentences with one of the trigger words can match.
        if ctx.triggers(si) == 0 {
            continue;
        }
        if doc
            .sentences
            .get(si)
            .is_some_and(|s| doc.is_display(s.paragraph))
        {
            continue;
        }
        let toks = doc.narration(si);
        let words: Vec<Cow<'_, str>> = toks
            .iter()
            .map(|t| lexicon::lower(t.text(&doc.prose)))
            .collect();
        let Some(range) = anonymous(&toks, &words) else {
            continue;
        };
        // The reason in the source's own sentence (quoted words included: "who said she was
        // not authorised to speak").
        let own: Vec<&str> = doc
            .sentences
            .get(si)
            .map(|s| s.tokens.clone())
            .unwrap_or_default()
            .map(|i| doc.lower(i))
            .collect();
        if has_reason(&own) {
            continue;
        }
        // Or in the next sentence, when that sentence is about the source.
        let next_about_source = sourcing::around(ctx, si)
            .filter(|&i| i == si + 1)
            .any(|i| {
                let next: Vec<&str> = doc
                    .sentences
                    .get(i)
                    .map(|s| s.tokens.clone())
                    .unwrap_or_default()
                    .map(|k| doc.lower(k))
                    .collect();
                let first = next.first().copied().unwrap_or("");
                let about = BACK_REFERENCES.contains(&first)
                    && (first != "the"
                        || next.get(1).is_some_and(|w| SOURCE_NOUNS.contains(w)));
                let about = about
                    || next
                        .iter()
                        .take(8)
                        .any(|w| matches!(*w, "anonymity" | "anonymously" | "unnamed"));
                about && has_reason(&next)
            });
        if next_about_source {
            continue;
        }
        // Another outlet's source, passed on with credit ("told the Sunday Times", "the FT
        // reported, citing sources close to …"): the desk cannot give the reason for another
        // newsroom's sourcing.
        if second_hand(ctx, si) || (si > 0 && second_hand(ctx, si - 1) && !doc.is_display(doc.sentences[si - 1].paragraph) && doc.sentences[si - 1].paragraph == doc.sentences[si].paragraph) {
            continue;
        }
        // A singular source named nearby ("an aide said … said Ann Cole, an aide to …").
        let lemma = ctx
            .prose(range)
            .split_whitespace()
            .map(|w| lexicon::lower(w).into_owned())
            .find(|w| SINGULAR.contains(&w.as_str()));
        if let Some(lemma) = lemma
            && let Some(&l) = SINGULAR.iter().find(|s| **s == lemma)
            && sourcing::named_nearby(ctx, si, &[l], range)
        {
            continue;
        }
        out.push(ctx.diagnostic(
            range,
            format!(
                "anonymous source `{}` with no reason for anonymity given about that source",
                ctx.prose(range)
            ),
        ));
    }
}

/// The first anonymous-source phrase of a sentence.
fn anonymous(toks: &[crate::analysis::tokens::Token], words: &[Cow<'_, str>]) -> Option<TextRange> {
    let w = |i: usize| words.get(i).map_or("", AsRef::as_ref);
    for i in 0..words.len() {
        // "familiar with", "close to", "with knowledge of"
        let pattern_end = match (w(i), w(i + 1)) {
            ("familiar", "with") | ("close", "to") => Some(i + 1),
            ("knowledge", "of") if w(i.wrapping_sub(1)) == "with" => Some(i + 1),
            _ => None,
        };
        if let Some(end) = pattern_end {
            // The source word within three words before, with nothing but "who are",
            // "directly" and the like between ("people become more familiar with" is no source).
            let from = i.saturating_sub(4);
            if let Some(h) = (from..i).rev().find(|&h| {
                (h + 1..i).all(|b| BETWEEN.contains(&w(b))) &&
                matches!(
                    w(h),
                    "person"
                        | "people"
                        | "source"
                        | "sources"
                        | "official"
                        | "officials"
                        | "someone"
                        | "aide"
                        | "aides"
                        | "insider"
                        | "insiders"
                )
            }) {
                let start = if h > 0
                    && matches!(
                        w(h - 1),
                        "a" | "an" | "one" | "two" | "three" | "several" | "people" | "senior"
                    ) {
                    h - 1
                } else {
                    h
                };
                return Some(TextRange::new(toks[start].range.start, toks[end].range.end));
            }
        }
        // "who asked not to be named", "speaking on condition of anonymity"
        if w(i) == "asked"
            && w(i + 1) == "not"
            && w(i + 2) == "to"
            && w(i + 3) == "be"
            && matches!(w(i + 4), "named" | "identified")
        {
            return Some(TextRange::new(toks[i].range.start, toks[i + 4].range.end));
        }
        if w(i) == "declined"
            && w(i + 1) == "to"
            && w(i + 2) == "be"
            && matches!(w(i + 3), "named" | "identified")
        {
            return Some(TextRange::new(toks[i].range.start, toks[i + 3].range.end));
        }
        if w(i) == "condition" && w(i + 1) == "of" && w(i + 2) == "anonymity" {
            let start = if w(i.wrapping_sub(1)) == "on" {
                i - 1
            } else {
                i
            };
            return Some(TextRange::new(
                toks[start].range.start,
                toks[i + 2].range.end,
            ));
        }
        // "a senior official said", "one source told"
        if SINGULAR_DET.contains(&w(i)) {
            let mut j = i + 1;
            while j < words.len()
                && j < i + 4
                && !SINGULAR.contains(&w(j))
                && w(j).chars().all(|c| c.is_lowercase() || c == '-')
            {
                j += 1;
            }
            if SINGULAR.contains(&w(j))
                && VERBS.contains(&w(j + 1))
                && (i == 0 || !matches!(w(i - 1), "of" | "to" | "by" | "with" | "from"))
            {
                return Some(TextRange::new(toks[i].range.start, toks[j + 1].range.end));
            }
        }
    }
    None
}

/// The first-pass words besides [`SINGULAR`]: only sentences with one of them can match.
const TRIGGERS: &[&str] = &[
    "familiar",
    "close",
    "knowledge",
    "asked",
    "declined",
    "condition",
];

/// Whether sentence `si` credits what it reports to another outlet or organisation: "told" an
/// organisation ("told the Sunday Times", "told Reuters"), "citing", or "reported"/"quoted"
/// with an organisation just before it ("the Financial Times reported"). A capitalised word
/// that is no person's name, no function word and not the sentence's first word stands for the
/// organisation.
fn second_hand(ctx: &RuleContext<'_>, si: usize) -> bool {
    let doc = ctx.doc;
    let toks = doc.narration(si);
    let org = |k: usize| {
        toks.get(k).is_some_and(|t| {
            k > 0
                && t.is_capitalised(&doc.prose)
                && ctx.people.mention_at(t.range.start).is_none()
                && !lexicon::is_function_word(t.text(&doc.prose))
        })
    };
    (0..toks.len()).any(|k| {
        let w = lexicon::lower(toks[k].text(&doc.prose));
        match w.as_ref() {
            "citing" => true,
            "told" => {
                let j = if toks
                    .get(k + 1)
                    .is_some_and(|t| t.text(&doc.prose).eq_ignore_ascii_case("the"))
                {
                    k + 2
                } else {
                    k + 1
                };
                org(j)
            }
            "reported" | "reports" | "quoted" => (k.saturating_sub(3)..k).any(org),
            _ => false,
        }
    })
}
