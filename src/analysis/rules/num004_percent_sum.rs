//! NUM004 `percent-sum`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags percentages of one whole that add up to more than 100% beyond rounding, or an
    /// exhaustive split ("the remaining 30%") that does not make 100%.
    ///
    /// In detail: flags percentages in one sentence that split one whole but add up to more than 100% beyond
    /// rounding (half a unit of the last digit per part), when the sentence marks a split ("opposed",
    /// "against", "undecided", "unsure", "disagreed", "neither"); and an exhaustive split ("the rest",
    /// "the remaining 30%", "the remainder") whose parts do not make 100%. Sentences that describe a
    /// change ("rose", "from", "than", "compared"), percentages of different wholes ("40% of men and 70%
    /// of women") and hedged parts are left alone.
    ///
    /// ## Why it matters
    /// Shares of one whole must add up. When they do not, a figure was mistyped or belongs to another base.
    ///
    /// ## Example
    /// `45% backed the plan, 40% opposed it and 25% were undecided.` (110%)
    NUM004, "percent-sum", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, "NUM004", out);
}
