//! ATT007 `loaded-attribution-verb`.

use super::{Diagnostic, RuleContext, Trigger};
use crate::analysis::diagnostic::Edit;
use crate::analysis::lexicon;
use crate::analysis::tokens::TokenKind;

declare_rule! {
    /// ## What it does
    /// Flags attribution verbs that judge what was said: "claimed" for a statement nobody
    /// disputes, "admitted" for one that admits nothing.
    ///
    /// The verbs are "claimed", "admitted", "conceded", "confessed" and "boasted" (and their
    /// other forms), when they attribute speech: a person, pronoun or source before them, or
    /// "that", a colon, a comma or a quotation after them. Left alone: a prize or a place
    /// claimed ("claimed the title at …", "claimed top spot in …"), nouns ("amid claims",
    /// "insurance claims"), passives ("was admitted to hospital"), pleas ("admitted two
    /// counts"), "admitted to"; an accurate verb: an admission of something the speaker would
    /// rather not say ("admitted he had made a mistake", "conceded that the plan had failed"), a
    /// claim the story shows to be disputed ("claimed …, which the company denied"). "Insisted"
    /// (an emphatic statement, usually accurate) and "alleged" (the standard legal hedge) are
    /// not judged.
    ///
    /// What remains is a hint for the desk, not an error: only the writer knows whether doubt
    /// or confession is meant.
    ///
    /// ## Why it matters
    /// "Said" is neutral. "Claimed" suggests the writer doubts the speaker; "admitted" suggests a
    /// confession. AP: use "said" unless the other verb is accurate and needed.
    ///
    /// ## Fix
    /// Replaces the verb with `said` (or `says`) when what follows is "that", a quote or the end
    /// of the clause.
    ///
    /// ## Example
    /// Flagged: `The minister claimed the figures were wrong.` (use `said`, unless doubt is the
    /// point)
    ///
    /// Not flagged: `The minister said the figures were wrong.`
    ///
    /// Not flagged: `The coach admitted he had picked the wrong team.` (a real admission)
    ///
    /// Not flagged: `Shares fell amid claims of accounting errors.` (a noun)
    ATT007, "loaded-attribution-verb", Hint,
    triggers: &[Trigger::as_written(LOADED_FORMS)],
    measured: 1 / 30,
}

/// A word before the verb that makes it a noun or a passive ("the claims", "was admitted",
/// "denied claims").
const NOT_SPEECH_BEFORE: &[&str] = &[
    "the",
    "his",
    "her",
    "their",
    "its",
    "these",
    "those",
    "such",
    "new",
    "false",
    "was",
    "were",
    "been",
    "be",
    "is",
    "are",
    "being",
    "a",
    "an",
    "of",
    "any",
    "no",
    "to",
    "denied",
    "denies",
    "deny",
    "rejected",
    "dismissed",
    "made",
    "making",
    "similar",
    "earlier",
    "further",
    "latest",
    "amid",
    "over",
    "about",
    "despite",
    "after",
    "following",
    "against",
    "with",
    "on",
    "for",
    "and",
    "or",
    "insurance",
    "compensation",
    "damages",
    "legal",
    "benefit",
    "benefits",
];

/// Words that make an admission real: the speaker owns up to something negative.
const ADMISSION: &[&str] = &[
    "not", "n't", "no", "never", "nothing", "mistake", "mistakes", "wrong", "error", "errors",
    "failed", "fail", "failure", "failures", "fault", "faults", "guilty", "lied", "lie", "regret",
    "regrets", "sorry", "difficult", "disappointed", "disappointing", "problem", "problems",
    "lost", "worse", "poor", "badly", "bad", "blame", "misled", "weak", "struggled", "struggling",
    "cannot", "can't", "couldn't", "wasn't", "didn't", "hadn't", "haven't", "isn't", "aren't",
    "unlikely", "behind", "concern", "concerns", "worried", "defeat", "lose", "false", "fraud",
    "illegal", "illegally", "lucky", "loss", "unhappy", "frustrated", "frustrating",
];

/// Words that show a claim is disputed, so that "claimed" is accurate.
const DISPUTE: &[&str] = &[
    "denied", "denies", "deny", "disputed", "disputes", "dispute", "rejected", "rejects",
    "false", "falsely", "unfounded", "baseless", "unsubstantiated", "evidence", "contradicted",
    "contradicts", "dismissed", "dismisses", "refuted", "refutes",
];

/// The verb forms that are judged when they attribute speech.
fn judged(lower: &str) -> bool {
    LOADED_FORMS.contains(&lower)
        && !matches!(
            lower,
            "insisted" | "insists" | "insisting" | "alleged" | "alleges" | "alleging"
        )
}

/// A word after the verb that makes it something other than speech ("admitted to hospital",
/// "admitted two counts", "claimed the title").
const NOT_SPEECH_AFTER: &[&str] = &[
    "to",
    "by",
    "responsibility",
    "defeat",
    "victory",
    "credit",
    "ownership",
    "one",
    "two",
    "three",
    "four",
    "guilty",
    "charges",
    "charge",
    "counts",
    "liability",
    "title",
    "lives",
];

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (si, s) in doc.sentences.iter().enumerate() {
        if doc.is_display(s.paragraph) {
            continue;
        }
        // A cheap first pass over the words as written: the loaded verbs of the built-in list.
        if ctx.triggers(si) == 0 {
            continue;
        }
        let toks = doc.narration(si);
        for (i, t) in toks.iter().enumerate() {
            if t.kind != TokenKind::Word {
                continue;
            }
            let raw = t.text(&doc.prose);
            if lexicon::speech_verb(raw) != Some(true)
                || raw.chars().next().is_some_and(char::is_uppercase)
                || !judged(&raw.to_lowercase())
            {
                continue;
            }
            let prev = i
                .checked_sub(1)
                .map(|p| toks[p].text(&doc.prose).to_lowercase());
            let next = toks.get(i + 1).map(|n| n.text(&doc.prose).to_lowercase());
            let prev = prev.as_deref().unwrap_or("");
            let next = next.as_deref().unwrap_or("");
            // Nouns and passives: "the claims", "was admitted", "admitted to hospital".
            if NOT_SPEECH_BEFORE.contains(&prev) || NOT_SPEECH_AFTER.contains(&next) {
                continue;
            }
            let after_ok = matches!(
                next,
                "that" | ":" | "," | "." | "“" | "\"" | "he" | "she" | "they" | "it" | "there"
            );
            let before_ok = i > 0
                && (ctx.people.mention_at(toks[i - 1].range.start).is_some()
                    || matches!(
                        prev,
                        "he" | "she"
                            | "they"
                            | "officials"
                            | "minister"
                            | "spokesman"
                            | "spokeswoman"
                            | "police"
                            | "company"
                            | "government"
                    )
                    || toks[i - 1].kind == TokenKind::Punct);
            if !(after_ok || before_ok) {
                continue;
            }
            let lower = raw.to_lowercase();
            // "claims", "admits": a present-tense verb needs a subject just before it; after
            // anything else it is the noun ("rival claims", "Lycos claims" is a verb).
            let subject = i > 0
                && (ctx.people.mention_at(toks[i - 1].range.start).is_some()
                    || toks[i - 1].is_capitalised(&doc.prose)
                    || matches!(prev, "he" | "she" | "it" | "who" | "also" | "now" | "still")
                    || toks[i - 1].kind == TokenKind::Punct);
            if lower.ends_with('s') && !subject {
                continue;
            }
            // What follows the verb up to the end of the sentence, and the next sentence.
            let rest: Vec<String> = toks[i + 1..]
                .iter()
                .map(|t| t.text(&doc.prose).to_lowercase())
                .collect();
            let has = |list: &[&str], words: &[String]| {
                words.iter().any(|w| list.contains(&w.as_str()) || w.ends_with("n't"))
            };
            if lower.starts_with("admit")
                || lower.starts_with("conced")
                || lower.starts_with("confess")
            {
                // A real admission: the speaker owns up to something they would rather not say.
                // Quoted words count: "admitted: “We got it wrong.”"
                let quoted: Vec<String> = doc
                    .sentence_tokens(si)
                    .iter()
                    .filter(|q| q.range.start > t.range.end)
                    .map(|q| q.text(&doc.prose).to_lowercase())
                    .collect();
                if has(ADMISSION, &rest) || has(ADMISSION, &quoted) {
                    continue;
                }
            }
            // "claimed the runners-up spot in …", "claimed her first title over …": to claim
            // a prize or a place is to take it, not to assert anything. A short noun phrase
            // then a preposition or the end of the clause, with no verb that would make it a
            // clause ("claimed the offer was aimed at …").
            // "…, claimed the union." names the speaker after the verb: speech, inverted.
            let inverted = i > 0
                && toks[i - 1].kind == TokenKind::Punct
                && rest
                    .iter()
                    .take(6)
                    .find(|w| !w.chars().any(char::is_alphanumeric) || w.as_str() == "in")
                    .is_none_or(|w| w == ".");
            if lower.starts_with("claim") && !inverted && takes_object(&rest) {
                continue;
            }
            if lower.starts_with("claim") {
                // A claim the story shows to be disputed: doubt is the point.
                let near: Vec<String> = (si..=si + 1)
                    .flat_map(|k| doc.sentence_tokens(k).iter())
                    .map(|q| q.text(&doc.prose).to_lowercase())
                    .collect();
                if near.iter().any(|w| DISPUTE.contains(&w.as_str())) {
                    continue;
                }
            }
            let neutral = if lower.ends_with('s') { "says" } else { "said" };
            let mut d = ctx.diagnostic(
                t.range,
                format!("`{raw}` judges the statement; `{neutral}` is neutral"),
            );
            if matches!(next, "that" | ":" | "," | "." | "“" | "\"") && !lower.ends_with("ing") {
                d = d.with_fix(
                    format!("replace with `{neutral}`"),
                    vec![Edit {
                        range: t.range,
                        replacement: neutral.to_string(),
                    }],
                );
            }
            out.push(d);
        }
    }
}

/// The first-pass words, as written (lower case): the loaded verbs of the built-in list.
const LOADED_FORMS: &[&str] = &[
    "claimed",
    "claims",
    "claiming",
    "insisted",
    "insists",
    "insisting",
    "admitted",
    "admits",
    "conceded",
    "concedes",
    "confessed",
    "confesses",
    "alleged",
    "alleges",
    "boasted",
    "boasts",
];

/// Whether the words after "claimed" are a short noun phrase it takes as its object, closed by a
/// preposition or punctuation, rather than the start of a reported clause.
fn takes_object(rest: &[String]) -> bool {
    const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "their", "its", "our", "top"];
    const CLOSERS: &[&str] = &[
        "in", "at", "over", "with", "for", "on", "after", "by", "from", "against", ",", ".", ";",
        "and",
    ];
    const VERBS: &[&str] = &[
        "was", "were", "is", "are", "had", "has", "have", "would", "will", "could", "did", "does",
        "do", "can", "should", "may", "might", "must", "be", "been",
    ];
    if !rest.first().is_some_and(|w| DETERMINERS.contains(&w.as_str())) {
        return false;
    }
    let Some(end) = rest.iter().take(8).position(|w| CLOSERS.contains(&w.as_str())) else {
        return false;
    };
    // Up to the end of the clause: "claimed their display in the defeat was …" is a clause.
    let clause = rest
        .iter()
        .position(|w| matches!(w.as_str(), "," | "." | ";" | ":"))
        .unwrap_or(rest.len());
    end >= 2
        && rest[..end]
            .iter()
            .all(|w| !w.ends_with("ed") && w != "that")
        && rest[..clause]
            .iter()
            .all(|w| !VERBS.contains(&w.as_str()) && w != "that")
}
