//! NUM007 `figure-conflict`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags the same quantity of the same thing given two different values in one article ("300 members of
    /// the Duma" … "the Duma's 450 members"), unless the text marks a change ("rose to", "now", "updated").
    ///
    /// ## Why it matters
    /// Two values for one fact means at least one is wrong.
    ///
    /// ## Example
    /// `12 people were killed …` then later `… the 13 dead.`
    NUM007, "figure-conflict", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    crate::analysis::numbers::emit(ctx, "NUM007", out);
}
