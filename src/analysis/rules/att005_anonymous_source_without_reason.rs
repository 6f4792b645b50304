//! ATT005 `anonymous-source-without-reason`.

use super::{Diagnostic, RuleContext, Trigger};
use crate::analysis::lexicon;
use crate::analysis::range::TextRange;
use std::borrow::Cow;

declare_rule! {
    /// ## What it does
    /// Flags an anonymous source when neither its sentence nor the next gives a reason for the
    /// anonymity. Anonymous sources are: "a person/people familiar with …", "a source/sources
    /// close to …", "someone with knowledge of …", "… who asked not to be named / identified",
    /// "… speaking on condition of anonymity", and a singular unnamed source with an attribution
    /// verb ("a senior official said", "one source told …"). Reasons are phrases such as "because",
    /// "not authorized to speak", "to discuss private …", "for fear of …".
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
    /// Not flagged: `A person familiar with the negotiations, who was not authorised to speak
    /// publicly, said a deal was close.`
    ATT005, "anonymous-source-without-reason", Information,
    triggers: &[Trigger::lower(SINGULAR), Trigger::lower(TRIGGERS)],
}

const REASONS: &[&str] = &[
    "because",
    "not authorized",
    "not authorised",
    "not permitted",
    "not allowed",
    "not cleared",
    "to discuss",
    "to speak publicly",
    "to talk publicly",
    "to comment publicly",
    "fear of",
    "for fear",
    "reprisal",
    "retribution",
    "sensitivity",
    "sensitive",
    "confidential",
    "private",
    "internal",
    "ongoing investigation",
    "protect",
];

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
        let toks = doc.narration(si);
        let words: Vec<Cow<'_, str>> = toks
            .iter()
            .map(|t| lexicon::lower(t.text(&doc.prose)))
            .collect();
        let Some(range) = anonymous(&toks, &words) else {
            continue;
        };
        let mut text = words.join(" ");
        let next_para = doc.sentences.get(si + 1).is_some_and(|s| {
            doc.sentences
                .get(si)
                .is_some_and(|c| c.paragraph == s.paragraph || s.paragraph == c.paragraph + 1)
        });
        if next_para {
            let next: Vec<Cow<'_, str>> = doc
                .sentence_tokens(si + 1)
                .iter()
                .map(|t| lexicon::lower(t.text(&doc.prose)))
                .collect();
            text.push(' ');
            text.push_str(&next.join(" "));
        }
        if REASONS.iter().any(|r| text.contains(r)) {
            continue;
        }
        out.push(ctx.diagnostic(
            range,
            format!(
                "anonymous source `{}` with no reason for anonymity in this or the next sentence",
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
            // The source word within three words before.
            let from = i.saturating_sub(4);
            if let Some(h) = (from..i).rev().find(|&h| {
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
