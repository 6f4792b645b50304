//! ATT005 `anonymous-source-without-reason`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags an anonymous source ("a person familiar with the matter said", "an official who asked not to be
    /// named") when neither its sentence nor the next gives a reason for the anonymity.
    ///
    /// ## Why it matters
    /// AP and most newsroom standards allow anonymous sources only when the story says why the source
    /// was not named ("because they were not authorised to speak publicly").
    ///
    /// ## Example
    /// `A person familiar with the negotiations said a deal was close.`
    ATT005, "anonymous-source-without-reason", Information,
}

pub(super) fn check(_ctx: &RuleContext<'_>, _out: &mut Vec<Diagnostic>) {}
