//! PPL003 `title-inconsistent`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a person given two different titles in one article ("Defence Secretary" then "Foreign
    /// Secretary").
    ///
    /// ## Why it matters
    /// A person has one role at a time; two titles means one of them is wrong or out of date.
    ///
    /// ## Example
    /// `Foreign Secretary Jack Straw … Home Secretary Jack Straw`
    PPL003, "title-inconsistent", Information,
}

pub(super) fn check(_ctx: &RuleContext<'_>, _out: &mut Vec<Diagnostic>) {}
