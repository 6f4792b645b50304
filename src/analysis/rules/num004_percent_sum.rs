//! NUM004 `percent-sum`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags the parts of one whole that add up to more than 100% (beyond rounding), or an exhaustive split
    /// ("the rest", "the remainder") that does not reach 100%.
    ///
    /// ## Why it matters
    /// Shares of one whole must add up. When they do not, a figure was mistyped or belongs to another base.
    ///
    /// ## Example
    /// `45% backed the plan, 40% opposed it and 25% were undecided.` (110%)
    NUM004, "percent-sum", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    crate::analysis::numbers::emit(ctx, "NUM004", out);
}
