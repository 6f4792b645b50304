//! PPL001 `name-variant`.

use super::{Diagnostic, RuleContext};
use crate::analysis::diagnostic::Edit;
use crate::analysis::people::{MentionKind, surname_of};

declare_rule! {
    /// ## What it does
    /// Flags one person's surname spelled two ways in one article ("Stoltenberg" / "Stoltenburg",
    /// "Zelensky" / "Zelenskyy"), or spelled differently from the `[[people]]` registry.
    ///
    /// Two spellings are one person when they differ by one edit (two for names of nine letters
    /// or more), start with the same letter, and the variant is not itself a common surname (the
    /// Census top 5,000), a plural, a place word or a word the article also writes in lower case;
    /// with the same first name, any spelling counts. In five-letter names a changed letter counts
    /// only before a speech verb ("Wines said" for "Wimes"; "Games consoles" is no "Gates"), and a
    /// surname introduced with its own title is someone else ("President Obama" near "Osama").
    /// Of several people within reach, the nearest spelling wins ("Williamms" is Williams, not
    /// Walliams). Shorter names (four letters, or five with a changed letter: "Smth", "Lommu",
    /// "Moroe") count only when the article settles it: the person is introduced by full name,
    /// the surname is written right at least three times, and the odd spelling, in no surname
    /// list, appears once.
    /// The canonical spelling is the registry's, else the one the article writes most often (one
    /// odd spelling among more mentions of another is the typo, even in the full-name first
    /// reference). The fix replaces the variant with it. When the article writes each spelling as
    /// often and there is no registry entry, it cannot say which is right: the spelling of the
    /// full-name first reference is shown as the other, and no fix is offered. Two people with
    /// similar names introduced separately with their own first names (brothers, a squad list)
    /// are two people.
    ///
    /// ## Why it matters
    /// Misspelled names are among the most common corrections, and the most embarrassing.
    ///
    /// ## Example
    /// Flagged: `Jens Stoltenberg opened the summit. Later, Stoltenburg said the alliance was
    /// united.`
    ///
    /// Flagged: `Harbour master Alan Trevithik retired on Friday. Mr Trevithick said it was time.
    /// Trevithick thanked staff. The board thanked Trevithick.` (the fix is `Trevithick`)
    ///
    /// Not flagged: `Jens Stoltenberg opened the summit. Later, Stoltenberg said the alliance was
    /// united.`
    PPL001, "name-variant", Warning,
    measured: 23 / 24,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let people = ctx.people;
    for m in &people.mentions {
        if !m.variant {
            continue;
        }
        let Some(p) = people.persons.get(m.person) else {
            continue;
        };
        let canonical = surname_of(&p.name);
        let written = surname_of(ctx.text.get(m.range.start..m.range.end).unwrap_or(""));
        if written.is_empty() || written == canonical {
            continue;
        }
        // The surname is the last word of the mention.
        let start = m.range.end - written.len();
        let range = crate::analysis::range::TextRange::new(start, m.range.end);
        let source = if p.in_registry {
            "in the people registry"
        } else {
            "elsewhere in the article"
        };
        // How often each spelling is written: with as many of one as of the other and no
        // registry, the article cannot say which is right (the canonical one is the full-name
        // first reference's), so no correction is offered.
        let written_n = |w: &str| {
            p.mentions
                .iter()
                .filter_map(|&mi| people.mentions.get(mi))
                .filter(|o| matches!(o.kind, MentionKind::FullName | MentionKind::Surname))
                .filter(|o| surname_of(ctx.text.get(o.range.start..o.range.end).unwrap_or("")) == w)
                .count()
        };
        let settled = p.in_registry || written_n(canonical) > written_n(written);
        let mut d = if settled {
            ctx.diagnostic(
                range,
                format!("`{written}` is spelled `{canonical}` {source} ({})", p.name),
            )
            .with_fix(
                format!("replace with `{canonical}`"),
                vec![Edit {
                    range,
                    replacement: canonical.to_string(),
                }],
            )
        } else {
            ctx.diagnostic(
                range,
                format!(
                    "`{written}` is spelled `{canonical}` as often elsewhere in the article ({}): one of the two is wrong",
                    p.name
                ),
            )
        };
        if let Some(other) = p
            .mentions
            .iter()
            .filter_map(|&mi| people.mentions.get(mi))
            .find(|o| {
                !o.variant
                    && surname_of(ctx.text.get(o.range.start..o.range.end).unwrap_or(""))
                        == canonical
            })
        {
            d = d.with_related(other.range, format!("spelled `{canonical}` here"));
        }
        out.push(d);
    }
}
