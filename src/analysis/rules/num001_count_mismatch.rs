//! NUM001 `count-mismatch`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a stated count that disagrees with the items listed after it: "three major events" followed by
    /// four, "both" over three items, "the two leaders" followed by three names.
    ///
    /// ## Why it matters
    /// A count and its list drift apart when a draft is edited. Readers notice, and it undermines every
    /// other figure in the story.
    ///
    /// ## Example
    /// `The summit has three goals: sanctions, troops, aid and energy.` (four listed)
    NUM001, "count-mismatch", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    crate::analysis::numbers::emit(ctx, "NUM001", out);
}
