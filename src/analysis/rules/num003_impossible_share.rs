//! NUM003 `impossible-share`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a share that cannot be: a part larger than its whole ("32 of the 30 members"), a share over
    /// 100% of a whole, or a percentage of a stated small group that no whole number of people gives
    /// ("37% of the 12 jurors": 4 of 12 is 33%, 5 of 12 is 42%), allowing for rounding.
    ///
    /// ## Why it matters
    /// These are arithmetic impossibilities: one of the figures is wrong.
    ///
    /// ## Example
    /// `Of the 12 jurors, 37% voted to convict.`
    NUM003, "impossible-share", Error,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    crate::analysis::numbers::emit(ctx, "NUM003", out);
}
