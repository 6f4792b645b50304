//! NUM008 `total-mismatch`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a stated total whose stated parts do not add up to it ("a total of 12: five in Kyiv and six in
    /// Lviv").
    ///
    /// ## Why it matters
    /// Totals and breakdowns are edited separately and drift apart.
    ///
    /// ## Example
    /// `A total of 12 people were hurt: five in Kyiv and six in Lviv.` (5 + 6 = 11)
    NUM008, "total-mismatch", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    crate::analysis::numbers::emit(ctx, "NUM008", out);
}
