//! NUM005 `percent-change`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a stated change that its own endpoints contradict: "rose 50% from 200 to 250" (that is
    /// +25%), "doubled from 10 to 30", "fell by a third from 90 to 30".
    ///
    /// The change and both endpoints must be in one clause: "rose 50% from 200 to 250", "jumped 56%
    /// to $1.13bn … from $639m", "from £1.2m to £1.5m, a rise of 40%". The arithmetic is exact
    /// (rationals) and allows for rounding: each endpoint may be off by half a unit of its last
    /// digit, the stated percentage by one unit; "about" widens the tolerance to 10%, "more
    /// than"/"nearly" make it one-sided, and multiplier words ("doubled", "halved") are read within
    /// ±20%. A change in percent between two percentages is accepted as either a relative change or
    /// a change in points.
    ///
    /// ## Why it matters
    /// Percent change is the most miscalculated figure in news copy. The endpoints and the change
    /// are all in the sentence, so the check is exact.
    ///
    /// ## Example
    /// Flagged: `Sales rose 50% from 200 to 250 units.` (250 / 200 = +25%)
    ///
    /// Not flagged: `Sales rose 25% from 200 to 250 units.`
    NUM005, "percent-change", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, "NUM005", out);
}
