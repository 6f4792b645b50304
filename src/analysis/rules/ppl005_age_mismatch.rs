//! PPL005 `age-mismatch`.

use super::{Diagnostic, RuleContext};
use crate::analysis::reference::matching;
use crate::analysis::diagnostic::Edit;

declare_rule! {
    /// ## What it does
    /// Flags an age written beside a person ("Stoltenberg, 62,", "Stoltenberg, aged 62",
    /// "62-year-old Stoltenberg") that the birth date in the desk's reference sheet does not give
    /// on the article date. The fix writes the sheet's age.
    ///
    /// The person must be in the sheet (`born` of a `[[person]]`, or the `born` column of a CSV
    /// export) under the name or an alias the article uses. Without an article date the rule
    /// stays quiet.
    ///
    /// ## Why it matters
    /// Ages are copied from old profiles and go stale every year; a birth date the desk has
    /// verified settles them.
    ///
    /// ## Example
    /// With the sheet below and the article date 2022-03-24:
    ///
    /// ```toml
    /// [[person]]
    /// name = "Jens Stoltenberg"
    /// aliases = ["Stoltenberg"]
    /// born = "1959-03-16"
    /// source = "NATO biography"
    /// ```
    ///
    /// Flagged: `Jens Stoltenberg, 62, opened the meeting.` (he was 63; the fix writes `63`)
    ///
    /// Not flagged: `Jens Stoltenberg, 63, opened the meeting.`
    PPL005, "age-mismatch", Warning,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(date) = ctx.figures.article_date else {
        return;
    };
    let reference = &ctx.config.reference;
    if reference.people().is_empty() {
        return;
    }
    for f in &ctx.figures.figures {
        let Some((pi, stated)) = matching::age_of(ctx.doc, ctx.people, f) else {
            continue;
        };
        let Some(person) = ctx.people.persons.get(pi) else {
            continue;
        };
        let Some(entry) = matching::sheet_person(reference, person).and_then(|s| reference.people().get(s))
        else {
            continue;
        };
        let (Some(born), Some(age)) = (entry.born, entry.age_on(date)) else {
            continue;
        };
        if i64::from(age) == stated as i64 {
            continue;
        }
        let Some(tok) = ctx.doc.tokens.get(f.tokens.start) else {
            continue;
        };
        out.push(
            ctx.diagnostic(
                tok.range,
                format!(
                    "{} is {stated} here, but the reference sheet gives the birth date {born}: \
                     {age} on {date} ({})",
                    person.name,
                    entry.origin.cite(entry.source.as_deref())
                ),
            )
            .with_fix(
                format!("Use the age from the reference sheet, `{age}`"),
                vec![Edit {
                    range: tok.range,
                    replacement: age.to_string(),
                }],
            ),
        );
    }
}
