//! ATT006 `unbalanced-quotes`.

use super::{Diagnostic, RuleContext};
use crate::analysis::diagnostic::Edit;
use crate::analysis::quotes::{self, QuoteProblemKind};
use crate::analysis::range::TextRange;

declare_rule! {
    /// ## What it does
    /// Flags a quotation mark with no partner: an opening mark whose quotation is never closed
    /// before its paragraph ends (when the next paragraph does not continue the quotation with an
    /// opening mark of its own, as news style does for multi-paragraph quotes), and a closing mark
    /// with no quotation open. A curly closing mark where the opening one belongs (`”We will …,”
    /// she said`, at a paragraph's start or after a space, closed later in the paragraph) is one
    /// finding, with the fix `“`; its quotation is read as opened there.
    ///
    /// ## Why it matters
    /// An unclosed quote leaves the reader unable to tell where the speaker's words end and the
    /// reporter's begin, and it often means words were cut from a quote during editing. Every other
    /// attribution check depends on knowing where quotes start and stop.
    ///
    /// ## Example
    /// Flagged: `“We need to do more, Stoltenberg told reporters.` (where does the quote end?)
    ///
    /// Not flagged: `“We need to do more,” Stoltenberg told reporters.`
    ATT006, "unbalanced-quotes", Warning,
    measured: 21 / 23,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for p in &ctx.doc.quote_problems {
        let mark = p.mark.slice(ctx.text);
        match p.kind {
            QuoteProblemKind::Unclosed => {
                let para_end = ctx
                    .doc
                    .paragraphs
                    .get(p.paragraph)
                    .map_or(p.mark.end, |para| para.range.end);
                let close = if mark == "\"" { "\"" } else { "”" };
                let snippet = quotes::excerpt(ctx.prose(TextRange::new(p.mark.end, para_end)), 6);
                out.push(
                    ctx.diagnostic(
                        p.mark,
                        format!("quotation opened here is never closed: `{mark}{snippet}`"),
                    )
                    .with_fix(
                        format!("close the quotation at the end of the paragraph with `{close}`"),
                        vec![Edit {
                            range: TextRange::empty(para_end),
                            replacement: close.to_string(),
                        }],
                    ),
                );
            }
            // A closing mark where the opening one belongs, its quotation closed later in the
            // paragraph: say which mark to use.
            QuoteProblemKind::UnexpectedClose
                if mark == "”"
                    && ctx
                        .doc
                        .quotes
                        .iter()
                        .any(|q| q.range.start == p.mark.start && q.closed) =>
            {
                out.push(
                    ctx.diagnostic(
                        p.mark,
                        "quotation opened with a closing mark `”`: the opening mark is `“`"
                            .to_string(),
                    )
                    .with_fix(
                        "use the opening mark `“`".to_string(),
                        vec![Edit {
                            range: p.mark,
                            replacement: "“".to_string(),
                        }],
                    ),
                );
            }
            QuoteProblemKind::UnexpectedClose => {
                out.push(ctx.diagnostic(
                    p.mark,
                    format!("closing quotation mark `{mark}` with no opening mark before it"),
                ));
            }
        }
    }
}
