//! ATT001 `quote-without-speaker`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a direct quotation with no identified speaker: nobody is named in its sentence or its
    /// paragraph, no cue such as "said" or "according to" attaches it to anyone, and it does not
    /// continue an attributed quote.
    ///
    /// ## Why it matters
    /// A quote nobody said cannot be checked, and readers cannot weigh it. Wire and house style
    /// (AP: "Quotations … must be attributed") require every direct quote to name its source.
    /// Scare quotes (one or two words), titles of works and nicknames are not speech and are not flagged.
    ///
    /// ## Example
    /// `“We will not back down.” The talks continue on Friday.` (who said it?)
    ATT001, "quote-without-speaker", Warning,
}

pub(super) fn check(_ctx: &RuleContext<'_>, _out: &mut Vec<Diagnostic>) {}
