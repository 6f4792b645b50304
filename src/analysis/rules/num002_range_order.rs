//! NUM002 `range-order`.

use super::{Diagnostic, RuleContext};
use crate::analysis::numbers::arith::amount;
use crate::analysis::numbers::cx::Cx;
use crate::analysis::numbers::{Check, FigureKind, Ratio};
use crate::analysis::tokens::TokenKind;

declare_rule! {
    /// ## What it does
    /// Flags a numeric range whose ends are reversed or equal ("between 1,500 and 1,000",
    /// "£90m-£70m").
    ///
    /// Equal ends count too ("between 40 and 40"). Hyphenated pairs count only with a currency, a
    /// percent sign or a scale ("£3m-£5m", "2%-3%"), or when both ends are at least 100 and a noun
    /// follows ("1,000-1,500 troops"), so scores ("won 3-1"), seasons ("2003-04"), 24-hour times
    /// ("between 2200 and 0700") and clock times ("between 10 and 2") stay quiet. "from X to Y" is
    /// a change, not a range, and is never flagged.
    ///
    /// ## Why it matters
    /// A reversed range is almost always a typo in one of the ends, and the reader cannot tell
    /// which.
    ///
    /// ## Example
    /// Flagged: `Between 1,500 and 1,000 troops will be sent.`
    ///
    /// Not flagged: `Between 1,000 and 1,500 troops will be sent.`
    NUM002, "range-order", Warning,
    figures: Article(range_order),
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, out);
}

fn range_order(cx: &mut Cx<'_>) {
    for fi in 0..cx.figs.len() {
        let f = &cx.figs[fi];
        if f.kind != FigureKind::Range {
            continue;
        }
        let (Some(lo), Some(hi)) = (f.exact, f.exact_high) else {
            continue;
        };
        let form = f.range_form.unwrap_or("");
        // "between 2200 and 0700": 24-hour times, codes.
        let toks = &cx.toks[f.sentence];
        if toks
            .iter()
            .filter(|t| {
                t.gi >= f.tokens.start && t.gi < f.tokens.end && t.kind == TokenKind::Number
            })
            .any(|t| t.text.len() > 1 && t.text.starts_with('0'))
        {
            continue;
        }
        let eligible = match form {
            "between" | "hyphen-unit" => true,
            "between-years" => {
                Ratio::int(1800).le(lo) && hi.le(Ratio::int(2100)) && lo.le(Ratio::int(2100))
            }
            // A bare hyphen pair is a range only with a counted noun and big numbers ("1,000-1,500
            // troops"), never a score ("3-1 win").
            "hyphen" => f.counts.is_some() && Ratio::int(100).le(lo) && Ratio::int(100).le(hi),
            _ => false,
        };
        if !eligible {
            continue;
        }
        // "between 9 and 5" with nothing counted is a time or a score.
        if form == "between"
            && f.unit.is_none()
            && f.counts.is_none()
            && hi.lt(Ratio::int(13))
            && lo.lt(Ratio::int(25))
        {
            continue;
        }
        let written = cx.text(f.range);
        let cur = f.unit.as_deref().filter(|u| *u != "%");
        let pc = if f.unit.as_deref() == Some("%") {
            "%"
        } else {
            ""
        };
        let (lo_s, hi_s) = (
            format!("{}{pc}", amount(lo, cur)),
            format!("{}{pc}", amount(hi, cur)),
        );
        let consistent = hi.cmp_exact(lo) == std::cmp::Ordering::Greater;
        let (comp, msg) = if consistent {
            (format!("{lo_s} < {hi_s}"), String::new())
        } else if hi == lo {
            (
                format!("low end {lo_s} = high end {hi_s}"),
                format!("Range `{written}` has equal ends: {lo_s} = {hi_s}"),
            )
        } else {
            (
                format!("low end {lo_s} > high end {hi_s}"),
                format!("Range `{written}` runs backwards: {lo_s} > {hi_s}"),
            )
        };
        let range = f.range;
        cx.push(Check::new(META.code, vec![fi], range, comp, consistent).message(msg, Vec::new()));
    }
}
