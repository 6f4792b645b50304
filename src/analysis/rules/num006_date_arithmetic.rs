//! NUM006 `date-arithmetic`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags dates that disagree: a weekday that does not fall on the date beside it, "N
    /// days/weeks/months after DATE" that lands on another stated day, "the first N days" of an
    /// event that have not yet passed, and an age that disagrees with a birth date.
    ///
    /// It reads a weekday written next to a date ("Tuesday, March 24, 2022", "Feb. 24, 2022, a
    /// Wednesday"); "N days/weeks/months after DATE" (or after "it began"/"the invasion", with the
    /// article's single "began DATE") against a weekday or date stated in the same sentence; "the
    /// first N days of" an event that began on a date, which must have passed by the article date;
    /// and an age in the same sentence as "born DATE" or "born in YEAR", against the article date.
    /// The year comes from the date itself or, when the text gives none, from the article date
    /// (front matter `date:`, `copydesk.toml` or `--date`), taking the nearest such date; without
    /// either, weekday checks stay quiet.
    ///
    /// ## Why it matters
    /// Calendar slips are easy to make and easy for readers to check.
    ///
    /// ## Example
    /// Flagged: `The invasion began Feb. 24, 2022, a Wednesday.` (Feb. 24, 2022 was a Thursday)
    ///
    /// Not flagged: `The invasion began Feb. 24, 2022, a Thursday.`
    NUM006, "date-arithmetic", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, "NUM006", out);
}
