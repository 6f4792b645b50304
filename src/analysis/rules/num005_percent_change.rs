//! NUM005 `percent-change`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a stated change that its own endpoints contradict: "rose 50% from 200 to 250" (that is 25%),
    /// "doubled from 10 to 30", "fell by a third from 90 to 30", with rounding tolerance.
    ///
    /// ## Why it matters
    /// Percent change is the most miscalculated figure in news copy. The endpoints and the change are all
    /// in the sentence, so the check is exact.
    ///
    /// ## Example
    /// `Sales rose 50% from 200 to 250 units.` (250 / 200 = +25%)
    NUM005, "percent-change", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    crate::analysis::numbers::emit(ctx, "NUM005", out);
}
