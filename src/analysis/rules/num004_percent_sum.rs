//! NUM004 `percent-sum`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags percentages of one whole that add up to more than 100% beyond rounding, or an
    /// exhaustive split ("the remaining 30%") that does not make 100%.
    ///
    /// The percentages must be in one sentence that marks a split ("opposed", "against",
    /// "undecided", "unsure", "disagreed", "neither") and pass 100% by more than rounding allows
    /// (half a unit of the last digit per part); an exhaustive split ("the rest", "the remaining
    /// 30%", "the remainder") must make 100%. Sentences that describe a change ("rose", "from",
    /// "than", "compared"), percentages of different wholes ("40% of men and 70% of women") and
    /// hedged parts are left alone.
    ///
    /// ## Why it matters
    /// Shares of one whole must add up. When they do not, a figure was mistyped or belongs to
    /// another base.
    ///
    /// ## Example
    /// Flagged: `45% backed the plan, 40% opposed it and 25% were undecided.` (110%)
    ///
    /// Not flagged: `45% backed the plan, 40% opposed it and 15% were undecided.`
    NUM004, "percent-sum", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, "NUM004", out);
}
