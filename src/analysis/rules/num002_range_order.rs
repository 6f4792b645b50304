//! NUM002 `range-order`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a numeric range whose ends are reversed or equal ("between 1,500 and 1,000",
    /// "£90m-£70m").
    ///
    /// Equal ends count too ("between 40 and 40"). Hyphenated pairs count only with a currency, a
    /// percent sign or a scale ("£3m-£5m", "2%-3%"), or when both ends are at least 100 and a noun
    /// follows ("1,000-1,500 troops"), so scores ("won 3-1"), seasons ("2003-04"), 24-hour times
    /// ("between 2200 and 0700") and clock times ("between 10 and 2") stay quiet. "from X to Y" is
    /// a change, not a range, and is never flagged.
    ///
    /// ## Why it matters
    /// A reversed range is almost always a typo in one of the ends, and the reader cannot tell
    /// which.
    ///
    /// ## Example
    /// Flagged: `Between 1,500 and 1,000 troops will be sent.`
    ///
    /// Not flagged: `Between 1,000 and 1,500 troops will be sent.`
    NUM002, "range-order", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, "NUM002", out);
}
