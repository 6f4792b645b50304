//! NUM004 `percent-sum`.

use super::{Diagnostic, RuleContext};
use crate::analysis::diagnostic::Related;
use crate::analysis::numbers::arith::half;
use crate::analysis::numbers::cx::{Cx, direction};
use crate::analysis::numbers::parse::Tk;
use crate::analysis::numbers::{Check, FigureKind, Ratio};
use crate::analysis::range::TextRange;

declare_rule! {
    /// ## What it does
    /// Flags percentages of one whole that add up to more than 100% beyond rounding, or an
    /// exhaustive split ("the remaining 30%") that does not make 100%.
    ///
    /// The percentages must be in one sentence that marks a split ("opposed", "against",
    /// "undecided", "unsure", "disagreed", "neither"; answers "said yes" and "said no"; market
    /// shares, "A has 40% of the market, B 35% and C 30%", each other share after its holder's
    /// name; or a whole named first and split along one attribute, "Of all journeys, 40% were by
    /// car and 65% by bus") and pass 100% by more than rounding allows
    /// (half a unit of the last digit per part); an exhaustive split ("the rest", "the remaining
    /// 30%", "the remainder") must make 100%. Sentences that describe a change ("rose", "from",
    /// "than", "compared"), percentages of different wholes ("40% of men and 70% of women") and
    /// hedged parts are left alone.
    ///
    /// ## Why it matters
    /// Shares of one whole must add up. When they do not, a figure was mistyped or belongs to
    /// another base.
    ///
    /// ## Example
    /// Flagged: `45% backed the plan, 40% opposed it and 25% were undecided.` (110%)
    ///
    /// Not flagged: `45% backed the plan, 40% opposed it and 15% were undecided.`
    NUM004, "percent-sum", Warning,
    figures: Sentence(percent_sum),
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, out);
}

const SPLIT_MARKERS: &[&str] = &[
    "opposed",
    "against",
    "undecided",
    "unsure",
    "disagreed",
    "disapproved",
    "neither",
    "opposing",
    "oppose",
    "opposes",
    "disagree",
    "disapprove",
];
const REST: &[&str] = &["rest", "remainder", "remaining"];

fn percent_sum(cx: &mut Cx<'_>, si: usize) {
    let toks = &cx.toks[si];
    let mut parts: Vec<usize> = Vec::new();
    let mut rest_part: Option<usize> = None;
    for k in 0..toks.len() {
        if let Some(fi) = cx.fig_at(si, k) {
            let f = &cx.figs[fi];
            match f.kind {
                FigureKind::Percent => {
                    parts.push(fi);
                    let before = &toks[k.saturating_sub(3)..k];
                    if before.iter().any(|t| t.is_any(REST)) {
                        rest_part = Some(fi);
                    }
                }
                FigureKind::PercentagePoints | FigureKind::Range => return,
                _ => {}
            }
        }
    }
    if parts.len() < 2 {
        return;
    }
    // A change sentence compares, it does not split.
    if toks.iter().any(|t| {
        direction(t).is_some()
            || t.is_any(&[
                "from",
                "compared",
                "versus",
                "vs",
                "than",
                "respectively",
                "each",
                "per",
            ])
    }) {
        return;
    }
    // Percentages of different wholes ("40% of men and 70% of women") do not add up.
    let mut of_objects: Vec<&str> = Vec::new();
    for &fi in &parts {
        let a = cx.after(fi);
        if toks.get(a).is_some_and(|t| t.is("of")) {
            let obj = toks.get(a + 1).map_or("", |t| t.lower.as_ref());
            let obj = if obj == "the" {
                toks.get(a + 2).map_or("", |t| t.lower.as_ref())
            } else {
                obj
            };
            of_objects.push(obj);
        }
    }
    of_objects.dedup();
    if of_objects.len() > 1 {
        return;
    }
    let mut sum = Ratio::ZERO;
    let mut tol = Ratio::ZERO;
    let mut lower_bounds_only = true;
    for &fi in &parts {
        let f = &cx.figs[fi];
        let (Some(v), Some(s)) = (f.exact, f.step) else {
            return;
        };
        if Ratio::HUNDRED.lt(v) {
            return;
        }
        match f.qualifier {
            None => {}
            Some("more" | "over" | "above" | "at") => {}
            Some(_) => lower_bounds_only = false,
        }
        sum = match sum.plus(v) {
            Some(x) => x,
            None => return,
        };
        tol = match tol.plus(half(s)) {
            Some(x) => x,
            None => return,
        };
    }
    let terms = parts
        .iter()
        .filter_map(|&fi| cx.figs[fi].exact.map(|v| format!("{v}%")))
        .collect::<Vec<_>>()
        .join(" + ");
    let range = TextRange::new(
        cx.figs[parts[0]].range.start,
        cx.figs[*parts.last().unwrap_or(&parts[0])].range.end,
    );
    let rel: Vec<Related> = parts.iter().map(|&fi| cx.related(fi, "part")).collect();
    let Some(max_ok) = Ratio::HUNDRED.plus(tol) else {
        return;
    };
    if let Some(ri) = rest_part {
        if cx.figs.iter().filter(|_| false).count() > 0
            || !lower_bounds_only
            || parts.iter().any(|&fi| cx.figs[fi].qualifier.is_some())
        {
            return;
        }
        let Some(min_ok) = Ratio::HUNDRED.minus(tol) else {
            return;
        };
        let consistent = min_ok.le(sum) && sum.le(max_ok);
        let comp = format!("{terms} = {sum}%");
        let msg = format!(
            "The split with `{}` does not make 100%: {terms} = {sum}%",
            cx.text(cx.figs[ri].range)
        );
        cx.push(Check::new(META.code, parts, range, comp, consistent).message(msg, rel));
        return;
    }
    let split = toks.iter().any(|t| t.is_any(SPLIT_MARKERS))
        || answers(toks)
        || market_shares(cx, si, &parts)
        || one_attribute(cx, si, &parts);
    if !lower_bounds_only || !split {
        return;
    }
    let consistent = sum.le(max_ok);
    let comp = format!(
        "{terms} = {sum}%{}",
        if consistent { "" } else { " > 100%" }
    );
    let msg = format!("The shares of one whole add up to more than 100%: {terms} = {sum}%");
    cx.push(Check::new(META.code, parts, range, comp, consistent).message(msg, rel));
}

/// "63% said yes and 37% said no": the answers to one question split its askers.
fn answers(toks: &[Tk<'_>]) -> bool {
    let said = |w: &str| {
        toks.windows(2).any(|p| {
            p[1].is(w)
                && p[0].is_any(&["said", "say", "says", "answered", "voted", "replied", "chose"])
        })
    };
    said("yes") && said("no")
}

/// "Acme has 40% of the market, Zenith 35% and Orbit 30%": shares of one market held by different
/// holders. The first share is "of the market" (no other market named for the others: those are
/// left alone above), and every other share follows its own holder's name.
fn market_shares(cx: &Cx<'_>, si: usize, parts: &[usize]) -> bool {
    let toks = &cx.toks[si];
    let Some((&first, rest)) = parts.split_first() else {
        return false;
    };
    let a = cx.after(first);
    let of_market = toks.get(a).is_some_and(|t| t.is("of"))
        && toks.get(a + 1).is_some_and(|t| t.is("the"))
        && (toks.get(a + 2).is_some_and(|t| t.is("market"))
            || toks.get(a + 3).is_some_and(|t| t.is("market")));
    let held = |fi: usize| {
        cx.local(fi)
            .checked_sub(1)
            .and_then(|j| toks.get(j))
            .is_some_and(|t| t.is_cap())
    };
    of_market && !rest.is_empty() && rest.iter().all(|&fi| held(fi))
}

/// "Of all journeys, 40% were by car, 35% by bus and 30% by train": a whole named first ("Of
/// all …", "Of the …", "Of those …" and a comma) and split along one attribute, each share
/// followed by the same preposition ("by", "in", "from"), with or without its verb. One journey
/// is made by one means; "60% were by car and 50% were in the morning" is two attributes and
/// left alone.
fn one_attribute(cx: &Cx<'_>, si: usize, parts: &[usize]) -> bool {
    const PREPS: &[&str] = &["by", "in", "at", "from", "on", "via"];
    const COPULA: &[&str] = &["were", "was", "are", "is", "came", "come", "went", "go"];
    let toks = &cx.toks[si];
    let framed = toks.first().is_some_and(|t| t.is("of"))
        && toks
            .get(1)
            .is_some_and(|t| t.is_any(&["all", "the", "those", "these"]))
        && parts.first().is_some_and(|&fi| {
            let k = cx.local(fi);
            k >= 3 && toks[..k].iter().any(|t| t.text == ",")
        });
    if !framed {
        return false;
    }
    let prep = |fi: usize| {
        let a = cx.after(fi);
        let t = toks.get(a)?;
        let p = if t.is_any(COPULA) { toks.get(a + 1)? } else { t };
        p.is_any(PREPS).then(|| p.lower.as_ref())
    };
    let Some(first) = parts.first().and_then(|&fi| prep(fi)) else {
        return false;
    };
    parts.iter().all(|&fi| prep(fi) == Some(first))
}
