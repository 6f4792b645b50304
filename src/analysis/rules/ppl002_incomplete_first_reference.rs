//! PPL002 `incomplete-first-reference`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a first mention of a person that is a surname, or a title and surname, when the article (or
    /// the registry) gives the full name later.
    ///
    /// ## Why it matters
    /// House style introduces a person with full name and title on first reference; later references use
    /// the surname. A story edited out of order often loses the full first reference.
    ///
    /// ## Example
    /// `Stoltenberg said … NATO Secretary-General Jens Stoltenberg added` (full name comes second)
    PPL002, "incomplete-first-reference", Information,
}

pub(super) fn check(_ctx: &RuleContext<'_>, _out: &mut Vec<Diagnostic>) {}
