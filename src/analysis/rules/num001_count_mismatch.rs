//! NUM001 `count-mismatch`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a stated count that disagrees with the items listed right after it: "three goals: a,
    /// b, c and d", "both" over three names, "the two leaders, A, B and C".
    ///
    /// Only clean lists count: `N <noun>: a, b, c and d` or `N <noun> — a, b and c —` in the same
    /// sentence; `N <noun>:` ending a paragraph followed by a Markdown bullet list (items at the
    /// first list's indentation); `N <plural noun>.` followed by sentences opening "First,"
    /// "Second," … "Finally," (each within three sentences of the last); "the N <noun>, Name, Name
    /// and Name" (a list of capitalised names); and "both" over three or more names. Lists whose
    /// items mix capitalised and lower-case starts, contain "which"/"who"/"aka" (appositives),
    /// contain figures, run longer than six words, or have a second "and" are not counted.
    ///
    /// ## Why it matters
    /// A count and its list drift apart when a draft is edited. Readers notice, and it undermines
    /// every other figure in the story.
    ///
    /// ## Example
    /// Flagged: `The summit has three goals: sanctions, troops, aid and energy.` (four listed; the
    /// fix changes `three` to `four`)
    ///
    /// Not flagged: `The summit has four goals: sanctions, troops, aid and energy.`
    NUM001, "count-mismatch", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, "NUM001", out);
}
