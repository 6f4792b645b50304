//! PPL002 `incomplete-first-reference`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;
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
                    .is_some_and(|pi| !doc.is_heading(pi))
            });
        let Some(first) = body.next() else {
            continue;
        };
        if first.kind != MentionKind::Surname || first.variant {
            continue;
        }
        // A surname inside another name ("Falic Group", "Bank of England") is not a reference.
        let ti = doc
            .tokens
            .partition_point(|t| t.range.start < first.range.start);
        let cap = |t: &crate::analysis::tokens::Token| t.is_capitalised(&doc.prose);
        let sentence_start = doc
            .sentence_at(first.range.start)
            .and_then(|si| doc.sentences.get(si))
            .is_some_and(|s| s.range.start == first.range.start);
        // A capitalised word before it is fine when it is the person's title ("Chancellor Hartley").
        let prev_cap = ti > 0
            && !sentence_start
            && doc.tokens.get(ti - 1).is_some_and(|t| {
                let w = t.text(&doc.prose);
                cap(t)
                    && !p.titles.iter().any(|(title, _)| {
                        title
                            .split_whitespace()
                            .any(|x| x.trim_end_matches('.') == w)
                    })
            });
        let next = doc.tokens.get(ti + 1);
        let next_bad = next.is_some_and(|t| cap(t) || t.text(&doc.prose) == "of");
        if prev_cap || next_bad {
            continue;
        }
        let full_later = body.find(|m| m.kind == MentionKind::FullName);
        // A person, not an organisation taken for one ("Dimension Data"): a known first name or a
        // title.
        let given = p.name.split_whitespace().next().unwrap_or("");
        let personlike =
            p.title.is_some() || p.in_registry || crate::analysis::people::known_first_name(given);
        let full_name = personlike && p.name.split_whitespace().count() >= 2;
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
