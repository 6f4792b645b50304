//! NUM007 `figure-conflict`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags the same count of the same thing given two different values in one article ("the 300
    /// members of the Duma" … "the Duma's 450 members", "12 people were killed" … "the 13 dead").
    ///
    /// Only strong keys are compared: "the N <noun> of [the] <Name>" / "all N <noun> of <Name>"
    /// (with an appositive alias: "the 300 members of Russia's lower house of parliament — the Duma
    /// —"), "<Name>'s N <noun>", and the death toll of the article's event ("12 people were
    /// killed", "killing 12 people", "the 13 dead", keyed with the place when one follows).
    /// Sentences that mark a change ("now", "rose", "updated", "new", "was", "earlier", "another",
    /// "toll", …), hedged figures, quotations, relative clauses about other events ("bombs which
    /// killed seven") and dated events ("the 1989 disaster") are skipped.
    ///
    /// ## Why it matters
    /// Two values for one fact means at least one is wrong.
    ///
    /// ## Example
    /// Flagged: `The 300 members of the Duma met on Monday. On Tuesday, all 450 members of the Duma
    /// voted.`
    ///
    /// Not yet flagged: `The 300 members of the Duma met. The Duma's 450 members voted.` (a known
    /// gap: the possessive form is not yet matched with the first)
    ///
    /// Not flagged: `The 450 members of the Duma met on Monday. On Tuesday, all 450 members of the
    /// Duma voted.`
    NUM007, "figure-conflict", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, "NUM007", out);
}
