//! NUM009 `reference-conflict`.

use super::{Diagnostic, RuleContext};
use crate::analysis::reference::matching;
use crate::analysis::diagnostic::Edit;

declare_rule! {
    /// ## What it does
    /// Flags a figure that counts a body's members, seats or deputies and disagrees with the
    /// desk's reference sheet on the article date: "the 300 members of Russia's lower house of
    /// parliament" when the sheet gives the State Duma 450.
    ///
    /// The sheet is the `[[body]]` entries of the files `reference = [...]` in `copydesk.toml`
    /// names; a `[[body.count]]` says what it counts (`nouns`), how many (`value`) and from when
    /// (`from`, `to`). Only these forms are read: "the 300 members of (the) <body>", "<body>'s 300
    /// members" and "<body> has 300 members", with the body's name or an alias written word for
    /// word (capitals kept) and standing alone ("300 members of the Duma's staff" counts the
    /// staff). Hedged figures ("about 300") are left alone. Without an article date (front
    /// matter, `date` in `copydesk.toml`, `--date`) the rule stays quiet.
    ///
    /// ## Why it matters
    /// A wrong size of a parliament or a board is a fact a reader can look up; the desk has
    /// already verified it once.
    ///
    /// ## Example
    /// With the sheet below and the article date 2022-03-24:
    ///
    /// ```toml
    /// [[body]]
    /// name = "State Duma"
    /// aliases = ["Duma", "Russia's lower house of parliament"]
    /// source = "Constitution of the Russian Federation, art. 95"
    ///
    /// [[body.count]]
    /// nouns = ["members", "seats", "deputies"]
    /// value = 450
    /// from = "1993-12-12"
    /// ```
    ///
    /// Flagged: `Sanctions hit the 300 members of Russia's lower house of parliament.` (the fix
    /// writes `450`)
    ///
    /// Not flagged: `Sanctions hit 300 members of the Duma's staff.` (they are the staff)
    ///
    /// Not flagged: `Sanctions hit the 450 members of the Duma.`
    NUM009, "reference-conflict", Warning,
}

/// Writes `n` as the figure was written: grouped by commas when it was.
fn written(n: u64, grouped: bool) -> String {
    let s = n.to_string();
    if !grouped || s.len() <= 3 {
        return s;
    }
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(date) = ctx.figures.article_date else {
        return;
    };
    let reference = &ctx.config.reference;
    for bf in matching::body_figures(ctx.doc, ctx.figures, reference) {
        let counts = matching::counts_in_force(reference, bf.body, &bf.noun, date);
        let Some(c) = counts.first() else {
            continue;
        };
        if counts.iter().any(|c| c.value == bf.value) {
            continue;
        }
        let (Some(body), Some(f)) = (
            reference.bodies().get(bf.body),
            ctx.figures.figures.get(bf.figure),
        ) else {
            continue;
        };
        let Some(tok) = ctx.doc.tokens.get(f.tokens.start) else {
            continue;
        };
        let stated = tok.text(&ctx.doc.prose);
        let since = match (c.from, c.to) {
            (Some(f), Some(t)) => format!("from {f} to {t}"),
            (Some(f), None) => format!("since {f}"),
            (None, Some(t)) => format!("until {t}"),
            (None, None) => "with no end".to_string(),
        };
        let value = written(c.value, stated.contains(','));
        out.push(
            ctx.diagnostic(
                tok.range,
                format!(
                    "`{stated}` {}: the reference sheet gives the {} {value} {} on {date} \
                     ({since}; {})",
                    bf.noun,
                    body.name,
                    bf.noun,
                    c.origin.cite(body.source.as_deref())
                ),
            )
            .with_related(bf.body_range, format!("the {} in the reference sheet", body.name))
            .with_fix(
                format!("Use the reference sheet's value `{value}`"),
                vec![Edit {
                    range: tok.range,
                    replacement: value.clone(),
                }],
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::written;

    #[test]
    fn values_are_written_like_the_figure() {
        assert_eq!(written(450, true), "450");
        assert_eq!(written(1500, true), "1,500");
        assert_eq!(written(1500, false), "1500");
        assert_eq!(written(1234567, true), "1,234,567");
    }
}
