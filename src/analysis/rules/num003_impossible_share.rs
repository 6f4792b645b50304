//! NUM003 `impossible-share`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a share that cannot be: a part larger than its whole ("32 of the 30 members"), a share
    /// over 100% of a group, or a percentage of a small stated group that no whole number gives
    /// ("37% of the 12 jurors").
    ///
    /// A part may be written "32 of the 30 members", "11 out of 10" or "Of the 20 sectors, 23 …". A
    /// share over 100% counts for a group of people ("110% of respondents") or a stated count. A
    /// percentage of a stated group of at most 200 is checked against every whole number of members
    /// ("37% of the 12 jurors": 4 of 12 is 33.3%, 5 of 12 is 41.7%), allowing the percentage to be
    /// rounded or truncated at its written precision. Hedged figures ("about 40%") are not checked,
    /// nor "one in 13 of …" or a whole that starts a range ("90% of 18 to 24-year-olds").
    ///
    /// ## Why it matters
    /// These are arithmetic impossibilities: one of the figures is wrong.
    ///
    /// ## Example
    /// Flagged: `Of the 12 jurors, 37% voted to convict.` (4 of 12 is 33.3%, 5 of 12 is 41.7%)
    ///
    /// Not flagged: `Of the 12 jurors, 75% voted to convict.`
    NUM003, "impossible-share", Error,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, "NUM003", out);
}
