//! ATT007 `loaded-attribution-verb`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags attribution verbs that pass judgement on what was said: "claimed", "admitted", "insisted",
    /// "conceded", "confessed", "alleged" (as a speech verb).
    ///
    /// ## Why it matters
    /// "Said" is neutral. "Claimed" suggests the writer doubts the speaker; "admitted" suggests a confession.
    /// AP: use "said" unless the other verb is accurate and needed.
    ///
    /// ## Example
    /// `The minister claimed the figures were wrong.` (use `said`, unless doubt is the point)
    ATT007, "loaded-attribution-verb", Hint,
}

pub(super) fn check(_ctx: &RuleContext<'_>, _out: &mut Vec<Diagnostic>) {}
