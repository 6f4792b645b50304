//! PPL001 `name-variant`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags one person's name spelled two ways in one article ("Stoltenberg" / "Stoltenburg",
    /// "Zelensky" / "Zelenskyy"), or spelled differently from the `[[people]]` registry. The fix replaces
    /// the variant with the canonical spelling.
    ///
    /// ## Why it matters
    /// Misspelled names are among the most common corrections, and the most embarrassing.
    ///
    /// ## Example
    /// `Jens Stoltenberg … Stoltenburg said`
    PPL001, "name-variant", Warning,
}

pub(super) fn check(_ctx: &RuleContext<'_>, _out: &mut Vec<Diagnostic>) {}
