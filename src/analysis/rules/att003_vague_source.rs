//! ATT003 `vague-source`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags vague sourcing: "officials said", "sources say", "critics argue", "experts believe",
    /// "it is believed", "many people say", agentless "is expected to" and "are said to".
    ///
    /// ## Why it matters
    /// Weasel words (Wikipedia's "words to watch") give a claim authority without anyone accountable for it.
    /// AP asks that sourcing be as specific as possible: which officials, which experts.
    ///
    /// ## Example
    /// `Officials said the talks had stalled.` (which officials?)
    ATT003, "vague-source", Warning,
}

pub(super) fn check(_ctx: &RuleContext<'_>, _out: &mut Vec<Diagnostic>) {}
