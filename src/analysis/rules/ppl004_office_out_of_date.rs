//! PPL004 `office-out-of-date`.

use super::{Diagnostic, RuleContext};
use crate::analysis::reference::matching;
use crate::analysis::reference::SheetOffice;

declare_rule! {
    /// ## What it does
    /// Flags a person given an office that the desk's reference sheet says they did not hold on
    /// the article date ("NATO Secretary-General Jens Stoltenberg" in 2025), or an office the
    /// sheet gives to someone else on that date. The message says who held it and when.
    ///
    /// The sheet is the `[[person]]` entries (with their `[[person.office]]` terms) of the files
    /// `reference = [...]` in `copydesk.toml` names, or rows of a CSV export. An article title
    /// matches an office only when it is the office's title or one of its aliases, word for
    /// word (case and hyphens aside). Titles that place the office at another time ("former",
    /// "then-", "acting", "-elect"), and sentences dated to another year ("in 1979, Tory leader
    /// …"), claim nothing about the date and are left alone. An office is given to someone else
    /// only when its title names one office: it has a word besides role words ("NATO
    /// Secretary-General", "UK Prime Minister"), not "President" or "Chancellor" alone, which
    /// many people hold at once. Without an article date the rule stays quiet.
    ///
    /// ## Why it matters
    /// Offices change hands; a draft written from old notes or an old profile keeps the title a
    /// person no longer holds.
    ///
    /// ## Example
    /// With the sheet below and the article date 2025-01-10:
    ///
    /// ```toml
    /// [[person]]
    /// name = "Jens Stoltenberg"
    /// aliases = ["Stoltenberg"]
    /// source = "NATO biography"
    ///
    /// [[person.office]]
    /// title = "NATO Secretary-General"
    /// from = "2014-10-01"
    /// to = "2024-10-01"
    ///
    /// [[person]]
    /// name = "Mark Rutte"
    /// source = "NATO biography"
    ///
    /// [[person.office]]
    /// title = "NATO Secretary-General"
    /// from = "2024-10-01"
    /// ```
    ///
    /// Flagged: `NATO Secretary-General Jens Stoltenberg opened the meeting.`
    ///
    /// Not flagged: `Former NATO Secretary-General Jens Stoltenberg opened the meeting.`
    ///
    /// Not flagged: `NATO Secretary-General Mark Rutte opened the meeting.`
    ///
    /// Not flagged: `In 2019, NATO Secretary-General Jens Stoltenberg opened the meeting.`
    PPL004, "office-out-of-date", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(date) = ctx.figures.article_date else {
        return;
    };
    let reference = &ctx.config.reference;
    if reference.people().is_empty() {
        return;
    }
    for p in &ctx.people.persons {
        let sp = matching::sheet_person(reference, p);
        for (title, range) in &p.titles {
            if matching::not_current(title) {
                continue;
            }
            let terms = matching::office_terms(reference, title);
            if terms.is_empty() || matching::other_year(ctx.doc, ctx.figures, *range, date) {
                continue;
            }
            let own: Vec<&SheetOffice> = terms
                .iter()
                .filter(|(q, _)| Some(*q) == sp)
                .map(|(_, o)| *o)
                .collect();
            let mut holders: Vec<(usize, &SheetOffice)> = terms
                .iter()
                .filter(|(q, o)| Some(*q) != sp && o.holds_on(date))
                .copied()
                .collect();
            holders.dedup_by_key(|(q, _)| *q);
            let holder = match holders.as_slice() {
                [(q, o)] => reference.people().get(*q).map(|h| (*q, h, *o)),
                _ => None,
            };
            let message = if let Some(sp) = sp.filter(|_| !own.is_empty()) {
                if own.iter().any(|o| o.holds_on(date)) {
                    continue;
                }
                let entry = &reference.people()[sp];
                let held: Vec<String> = own.iter().map(|o| o.term()).collect();
                let now = holder.map_or(String::new(), |(_, h, o)| {
                    format!("; on {date} it was {} ({})", h.name, o.term())
                });
                format!(
                    "{} is `{title}` here, but the reference sheet has {} in that office {}{now} \
                     ({})",
                    p.name,
                    entry.name,
                    held.join(" and "),
                    own[0]
                        .origin
                        .cite(own[0].source.as_deref().or(entry.source.as_deref()))
                )
            } else {
                let Some((q, h, o)) = holder else {
                    continue;
                };
                // Another spelling of the holder is not someone else; a bare surname is too
                // little to say who the person is.
                if !matching::specific(title)
                    || matching::may_be(reference, p, q)
                    || (sp.is_none() && !p.name.contains(' '))
                {
                    continue;
                }
                format!(
                    "{} is `{title}` here, but the reference sheet gives that office to {} on \
                     {date} ({}; {})",
                    p.name,
                    h.name,
                    o.term(),
                    o.origin.cite(o.source.as_deref().or(h.source.as_deref()))
                )
            };
            out.push(ctx.diagnostic(*range, message));
        }
    }
}
