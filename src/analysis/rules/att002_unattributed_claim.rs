//! ATT002 `unattributed-claim`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a sentence that asserts a statistic, a forecast ("could be announced", "is likely to") or a
    /// cause or motive ("because", "in order to") with no source in the sentence or by clear continuation
    /// from the previous one.
    ///
    /// ## Why it matters
    /// Figures, predictions and motives are the claims readers most often want sourced. The rule is narrow
    /// on purpose: it only speaks when the sentence has no attribution at all.
    ///
    /// ## Example
    /// `Unemployment will rise to 9% next year.` (says who?)
    ATT002, "unattributed-claim", Information,
}

pub(super) fn check(_ctx: &RuleContext<'_>, _out: &mut Vec<Diagnostic>) {}
