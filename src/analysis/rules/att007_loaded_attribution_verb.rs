//! ATT007 `loaded-attribution-verb`.

use super::{Diagnostic, RuleContext, Trigger};
use crate::analysis::diagnostic::Edit;
use crate::analysis::lexicon;
use crate::analysis::tokens::TokenKind;

declare_rule! {
    /// ## What it does
    /// Flags attribution verbs that judge what was said ("claimed", "admitted", "insisted").
    ///
    /// Also "conceded", "confessed", "alleged", "boasted", when they attribute speech: a person,
    /// pronoun or source before them, or "that", a colon, a comma or a quotation after them.
    /// Nouns ("the claims"), passives ("was admitted to hospital"), pleas ("admitted two counts")
    /// and "admitted to" are left alone.
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
    ATT007, "loaded-attribution-verb", Hint,
    triggers: &[Trigger::as_written(LOADED_FORMS)],
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
];

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
        if doc.is_heading(s.paragraph) {
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
