//! PPL002 `incomplete-first-reference`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;
use crate::analysis::document::BlockKind;
use crate::analysis::people::MentionKind;

declare_rule! {
    /// ## What it does
    /// Flags a first mention that gives only the surname when the full name is known.
    ///
    /// The first mention outside headings is a surname alone, or a title and surname ("President
    /// Biden"), while the article later gives the full name, or the `[[people]]` registry knows it.
    ///
    /// ## Why it matters
    /// House style introduces a person with full name and title on first reference; later
    /// references use the surname. A story edited out of order often loses the full first reference.
    ///
    /// ## Example
    /// `Stoltenberg said … NATO Secretary-General Jens Stoltenberg added` (full name comes second)
    PPL002, "incomplete-first-reference", Information,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let people = ctx.people;
    for p in &people.persons {
        let mut body = p
            .mentions
            .iter()
            .filter_map(|&mi| people.mentions.get(mi))
            .filter(|m| {
                doc.paragraph_at(m.range.start)
                    .and_then(|pi| doc.paragraphs.get(pi))
                    .is_some_and(|para| para.kind != BlockKind::Heading)
            });
        let Some(first) = body.next() else {
            continue;
        };
        if first.kind != MentionKind::Surname || first.variant {
            continue;
        }
        let full_later = body.find(|m| m.kind == MentionKind::FullName);
        let full_name = p.name.split_whitespace().count() >= 2;
        if !(full_name && (full_later.is_some() || p.in_registry)) {
            continue;
        }
        let written = ctx.prose(first.range);
        let mut d = ctx.diagnostic(
            first.range,
            format!(
                "first reference to `{written}` gives only the surname; introduce as `{}`",
                p.name
            ),
        );
        if let Some(m) = full_later {
            d = d.with_related(m.range, "the full name appears only here");
        }
        out.push(d);
    }
}
