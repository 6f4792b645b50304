//! NUM002 `range-order`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a numeric range whose ends are reversed or equal ("between 1,500 and 1,000", "from 10 to 10").
    ///
    /// ## Why it matters
    /// A reversed range is almost always a typo in one of the ends, and the reader cannot tell which.
    ///
    /// ## Example
    /// `between 1,500 and 1,000 troops`
    NUM002, "range-order", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    crate::analysis::numbers::emit(ctx, "NUM002", out);
}
