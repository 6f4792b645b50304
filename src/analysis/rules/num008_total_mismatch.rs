//! NUM008 `total-mismatch`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a stated total whose breakdown in the same sentence does not add up to it ("a total of
    /// 12 people were hurt: five in Kyiv and six in Lviv").
    ///
    /// The breakdown must follow a colon (or a dash or comma after "a total of"/"in total"/"in
    /// all"), and every part must start with a figure of the same kind as the total: "12 medals in
    /// total: five gold, four silver and four bronze", "a total of £12m, £5m on schools, £4m on
    /// roads and £2m on parks". Hedged totals ("at least 12"), subsets ("including", "of whom") and
    /// parts with other figures in them are not checked.
    ///
    /// ## Why it matters
    /// Totals and breakdowns are edited separately and drift apart.
    ///
    /// ## Example
    /// Flagged: `A total of 12 people were hurt: five in Kyiv and six in Lviv.` (5 + 6 = 11)
    ///
    /// Not flagged: `A total of 11 people were hurt: five in Kyiv and six in Lviv.`
    NUM008, "total-mismatch", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, "NUM008", out);
}
