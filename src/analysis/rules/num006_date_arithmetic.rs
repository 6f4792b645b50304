//! NUM006 `date-arithmetic`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags dates that disagree with each other: a weekday that does not fall on the stated date, "N days
    /// after DATE" that lands on another stated date or weekday, an age that disagrees with a stated birth
    /// date, and "one month after it began" against the start date and the article date.
    ///
    /// ## Why it matters
    /// Calendar slips are easy to make and easy for readers to check. The year comes from the text or the
    /// article date (front matter `date:`, `copydesk.toml` or `--date`).
    ///
    /// ## Example
    /// `The invasion began Feb. 24, 2022, a Wednesday.` (Feb. 24, 2022 was a Thursday)
    NUM006, "date-arithmetic", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    crate::analysis::numbers::emit(ctx, "NUM006", out);
}
