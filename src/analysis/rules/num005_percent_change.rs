//! NUM005 `percent-change`.

use super::{Diagnostic, RuleContext};
use crate::analysis::numbers::arith::{MaxR, amount, half, pct, signed};
use crate::analysis::numbers::cx::{Cx, direction};
use crate::analysis::numbers::{Check, Figure, FigureKind, Ratio};
use crate::analysis::range::TextRange;
use crate::analysis::tokens::TokenKind;

declare_rule! {
    /// ## What it does
    /// Flags a stated change that its own endpoints contradict: "rose 50% from 200 to 250" (that is
    /// +25%), "doubled from 10 to 30", "fell by a third from 90 to 30".
    ///
    /// The change and both endpoints must be in one clause: "rose 50% from 200 to 250", "jumped 56%
    /// to $1.13bn … from $639m", "from £1.2m to £1.5m, a rise of 40%", "saw a 20% fall in staff,
    /// from 240 to 216", "up 50% at €50m, compared with €40m a year earlier" (only with a time
    /// after it: "compared with" another firm's figure is no start point). The arithmetic is exact
    /// (rationals) and allows for rounding: each endpoint may be off by half a unit of its last
    /// digit, the stated percentage by one unit; "about" widens the tolerance to 10%, "more
    /// than"/"nearly" make it one-sided, and multiplier words ("doubled", "halved") are read within
    /// ±20%. A change in percent between two percentages is accepted as either a relative change or
    /// a change in points.
    ///
    /// ## Why it matters
    /// Percent change is the most miscalculated figure in news copy. The endpoints and the change
    /// are all in the sentence, so the check is exact.
    ///
    /// ## Example
    /// Flagged: `Sales rose 50% from 200 to 250 units.` (250 / 200 = +25%)
    ///
    /// Not flagged: `Sales rose 25% from 200 to 250 units.`
    NUM005, "percent-change", Warning,
    figures: Sentence(percent_change),
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, out);
}

fn is_amount(f: &Figure) -> bool {
    matches!(
        f.kind,
        FigureKind::Count | FigureKind::Decimal | FigureKind::Money | FigureKind::Percent
    ) && f.exact.is_some()
}

enum Stated {
    Percent(usize, Ratio, Ratio),
    Points(usize, Ratio, Ratio),
    /// A multiplier word ("doubled"): ratio, token.
    Times(usize, Ratio, &'static str),
    /// "by a third": fraction figure.
    Fraction(usize, Ratio),
}

fn percent_change(cx: &mut Cx<'_>, si: usize) {
    let toks = &cx.toks[si];
    for (from_k, t) in toks.iter().enumerate() {
        if t.is("from") {
            percent_change_at(cx, si, from_k);
        } else if t.is_any(&["with", "to"])
            && from_k > 0
            && toks[from_k - 1].is("compared")
            && earlier_point(cx, si, from_k)
        {
            // "up 50% at €50m, compared with €40m a year earlier": the earlier value.
            percent_change_at(cx, si, from_k);
        }
    }
}

/// "compared with X a year earlier / last year / in 2004": X is the same thing at an earlier time
/// (not another firm's figure), so it is the start of the change.
fn earlier_point(cx: &Cx<'_>, si: usize, with_k: usize) -> bool {
    let toks = &cx.toks[si];
    let Some(xi) = cx.fig_at(si, with_k + 1) else {
        return false;
    };
    let a = cx.after(xi);
    (a..(a + 5).min(toks.len())).any(|j| {
        toks[j].is_any(&["earlier", "ago", "previously", "before"])
            || (toks[j].is_any(&["last", "previous", "prior"])
                && toks.get(j + 1).is_some_and(|n| {
                    n.is_any(&["year", "month", "quarter", "week", "season", "time"])
                }))
            || cx
                .fig_at(si, j)
                .is_some_and(|fi| cx.figs[fi].kind == FigureKind::Year)
    })
}

fn percent_change_at(cx: &mut Cx<'_>, si: usize, from_k: usize) {
    let toks = &cx.toks[si];
    // Endpoints: "from X to Y" (optionally "from X in 2019 to Y").
    let Some(xi) = cx.fig_at(si, from_k + 1) else {
        return;
    };
    let mut k = cx.after(xi);
    if toks.get(k).is_some_and(|t| t.is("in"))
        && cx
            .fig_at(si, k + 1)
            .is_some_and(|yi| cx.figs[yi].kind == FigureKind::Year)
    {
        k += 2;
    }
    // "from X to Y", or "to Y … from X" ("rose 2% to $11.1bn from $10.9bn").
    let (yi, span_lo, span_hi) = if toks.get(k).is_some_and(|t| t.is("to")) {
        let Some(yi) = cx.fig_at(si, k + 1) else {
            return;
        };
        (yi, from_k, cx.after(yi))
    } else {
        let mut found = None;
        let mut j = from_k;
        while j > 0 && from_k - j < 16 {
            j -= 1;
            if toks[j].is("from") || toks[j].text == ";" {
                break;
            }
            if toks[j].is_any(&["to", "at"])
                && let Some(yi) = cx.fig_at(si, j + 1)
                && is_amount(&cx.figs[yi])
            {
                found = Some((yi, j));
                break;
            }
        }
        let Some((yi, to_k)) = found else {
            return;
        };
        // X must end the clause: "from $639m year-earlier." / "from $142m a year earlier".
        (yi, to_k, k)
    };
    let (x, y) = (&cx.figs[xi], &cx.figs[yi]);
    if !is_amount(x) || !is_amount(y) || x.qualifier.is_some() || y.qualifier.is_some() {
        return;
    }
    let from_k = span_lo;
    let y_end = span_hi;
    // Same kind of thing: both money in one currency, both percentages, or both plain numbers.
    let x_pct = x.kind == FigureKind::Percent;
    let y_pct = y.kind == FigureKind::Percent;
    if (x.kind == FigureKind::Money) != (y.kind == FigureKind::Money)
        || x.unit != y.unit && !(y_pct && !x_pct && x.unit.is_none())
    {
        return;
    }
    let (Some(mut xv), Some(yv), Some(mut xs), Some(ys)) = (x.exact, y.exact, x.step, y.step)
    else {
        return;
    };
    // "from 1.2 to 1.5 million": the scale on Y applies to X.
    let y_written = Ratio::parse_numeral(
        toks.iter()
            .find(|t| t.gi >= y.tokens.start && t.kind == TokenKind::Number)
            .map_or("", |t| t.text),
    )
    .map(|(v, _)| v);
    let x_written = Ratio::parse_numeral(
        toks.iter()
            .find(|t| t.gi >= x.tokens.start && t.kind == TokenKind::Number)
            .map_or("", |t| t.text),
    )
    .map(|(v, _)| v);
    if let (Some(yw), Some(xw)) = (y_written, x_written)
        && yw != yv
        && xw == xv
        && xv.lt(Ratio::int(1000))
        && let Some(sc) = yv.over(yw)
    {
        xv = xv.times(sc).unwrap_or(xv);
        xs = xs.times(sc).unwrap_or(xs);
    }
    if xv.num <= 0 {
        return;
    }
    // The stated change: one candidate only.
    let mut stated: Vec<Stated> = Vec::new();
    let mut dir: Option<i32> = None;
    let mut hedge: Option<&'static str> = None;
    // The clause around "from X to Y": back to a clause break, forward past one comma (", a rise
    // of 40%") but not into the next clause.
    let mut win_lo = from_k;
    // "saw a 20% fall in staff, from 240 to 216": endpoints set off after a comma belong to the
    // clause before it.
    let past_comma = from_k > 1 && toks[from_k - 1].text == "," && toks[from_k].is("from");
    if past_comma {
        win_lo -= 1;
    }
    while win_lo > 0 && from_k - win_lo < if past_comma { 12 } else { 8 } {
        let t = &toks[win_lo - 1];
        if matches!(t.text, "," | ";" | ":")
            || t.is_any(&["and", "while", "but", "whereas", "from", "to"])
        {
            break;
        }
        win_lo -= 1;
    }
    let mut win_hi = y_end;
    while win_hi < toks.len() && win_hi - y_end < 8 {
        let t = &toks[win_hi];
        if t.text == ";" || t.is_any(&["and", "while", "but", "whereas", "from"]) {
            break;
        }
        win_hi += 1;
    }
    for j in win_lo..win_hi {
        if j >= from_k && j < y_end {
            continue;
        }
        let t = &toks[j];
        if let Some(d) = direction(t) {
            dir = dir.or(Some(d));
        }
        let mult = match t.lower.as_ref() {
            "doubled" | "doubling" => Some((2, "doubled")),
            "tripled" | "trebled" | "tripling" => Some((3, "tripled")),
            "quadrupled" => Some((4, "quadrupled")),
            "halved" => Some((-2, "halved")),
            _ => None,
        };
        if let Some((m, w)) = mult {
            let r = if m > 0 {
                Ratio::int(m)
            } else {
                Ratio::new(1, 2).unwrap_or(Ratio::ONE)
            };
            stated.push(Stated::Times(j, r, w));
            if j > 0 {
                hedge = hedge.or_else(|| {
                    let p = &toks[j - 1];
                    if p.is("than") {
                        Some("more")
                    } else if p.is_any(&["nearly", "almost", "roughly", "about", "around"]) {
                        Some("nearly")
                    } else {
                        None
                    }
                });
            }
            continue;
        }
        let Some(fi) = cx.fig_at(si, j) else {
            continue;
        };
        let f = &cx.figs[fi];
        let prev = j.checked_sub(1).map(|p| &toks[p]);
        let next = toks.get(cx.after(fi));
        let changey = prev.is_some_and(|p| p.is("by") || direction(p).is_some())
            || next.is_some_and(|n| {
                direction(n).is_some()
                    || n.is_any(&[
                        "rise",
                        "increase",
                        "fall",
                        "drop",
                        "decline",
                        "jump",
                        "cut",
                        "gain",
                        "growth",
                        "reduction",
                    ])
            })
            || (j >= 3
                && toks[j - 1].is("of")
                && toks[j - 3].is_any(&["a", "an"])
                && direction(&toks[j - 2]).is_some());
        match f.kind {
            FigureKind::Percent | FigureKind::PercentagePoints if changey => {
                let (Some(v), Some(s)) = (f.exact, f.step) else {
                    continue;
                };
                if let Some(q) = f.qualifier {
                    hedge = Some(q);
                }
                if f.kind == FigureKind::Percent {
                    stated.push(Stated::Percent(fi, v, s));
                } else {
                    stated.push(Stated::Points(fi, v, s));
                }
            }
            FigureKind::Fraction if prev.is_some_and(|p| p.is("by")) => {
                if let Some(v) = f.exact {
                    stated.push(Stated::Fraction(fi, v));
                }
            }
            _ => {}
        }
    }
    if stated.len() != 1 {
        return;
    }
    if matches!(
        hedge,
        Some(
            "up" | "at"
                | "as"
                | "upwards"
                | "some"
                | "estimated"
                | "perhaps"
                | "possibly"
                | "maybe"
                | "c"
                | "circa"
                | "just"
        )
    ) {
        return;
    }
    let Some(stated) = stated.pop() else { return };
    // Actual change, with rounding of the endpoints: ratio in [ylo/xhi, yhi/xlo].
    let (Some(xlo), Some(xhi), Some(ylo), Some(yhi)) = (
        xv.minus(half(xs)),
        xv.plus(half(xs)),
        yv.minus(half(ys)),
        yv.plus(half(ys)),
    ) else {
        return;
    };
    if xlo.num <= 0 {
        return;
    }
    let (Some(rmin), Some(rmax), Some(ratio)) = (ylo.over(xhi), yhi.over(xlo), yv.over(xv)) else {
        return;
    };
    let Some(actual_pct) = ratio
        .minus(Ratio::ONE)
        .and_then(|r| r.times(Ratio::HUNDRED))
    else {
        return;
    };
    let show = |f: &Figure, v: Ratio| {
        if f.kind == FigureKind::Money {
            amount(v, f.unit.as_deref())
        } else {
            let suffix = f.unit.as_deref().filter(|u| *u != "%").unwrap_or("");
            format!("{}{suffix}", amount(v, None))
        }
    };
    let (xt, yt) = (show(x, xv), show(y, yv));
    let unit = if x_pct || y_pct { "%" } else { "" };
    let endpoints = format!("{xt}{unit} → {yt}{unit}");
    let (lo_ok, hi_ok, said, change_fig): (Ratio, Ratio, String, Option<usize>) = match stated {
        Stated::Percent(fi, p, s) | Stated::Points(fi, p, s) => {
            let is_points = matches!(stated, Stated::Points(..));
            let sign = match dir {
                Some(d) => d,
                None => return,
            };
            let p_signed = if sign < 0 {
                Ratio::int(0).minus(p)
            } else {
                Some(p)
            };
            let Some(p_signed) = p_signed else { return };
            // Tolerance: one unit of the last digit each way (rounding or truncation), wider for
            // "about"; one-sided for "more than" / "almost".
            let mut tol = s;
            if matches!(
                hedge,
                Some("about" | "around" | "roughly" | "approximately" | "approx" | "close")
            ) {
                tol = p
                    .times(Ratio::new(1, 10).unwrap_or(Ratio::ZERO))
                    .unwrap_or(s)
                    .max_r(s);
            }
            let (Some(mut lo), Some(mut hi)) = (p_signed.minus(tol), p_signed.plus(tol)) else {
                return;
            };
            match hedge {
                Some("more" | "over" | "above") if sign > 0 => hi = Ratio::int(1_000_000),
                Some("more" | "over" | "above") => lo = Ratio::int(-1_000_000),
                Some("nearly" | "almost" | "less" | "under" | "below" | "barely") if sign > 0 => {
                    lo = p_signed
                        .times(Ratio::new(7, 10).unwrap_or(Ratio::ONE))
                        .unwrap_or(lo)
                }
                Some("nearly" | "almost" | "less" | "under" | "below" | "barely") => {
                    hi = p_signed
                        .times(Ratio::new(7, 10).unwrap_or(Ratio::ONE))
                        .unwrap_or(hi)
                }
                _ => {}
            }
            let word = cx.text(cx.figs[fi].range);
            if x_pct && y_pct {
                // Percentages of percentages: accept the point difference or the relative change.
                let (Some(dlo), Some(dhi)) = (ylo.minus(xhi), yhi.minus(xlo)) else {
                    return;
                };
                let pts_ok = !(dhi.lt(lo) || hi.lt(dlo));
                if pts_ok || is_points {
                    let Some(d) = yv.minus(xv) else { return };
                    let consistent = pts_ok;
                    let comp = format!("{yt} − {xt} = {} points", signed(d));
                    let msg = format!(
                        "Stated change `{word}` disagrees with its endpoints: {yt}% − {xt}% = {} percentage points, not {}",
                        signed(d),
                        signed(p_signed)
                    );
                    let range = cx.figs[fi].range;
                    let rel = vec![cx.related(xi, "from"), cx.related(yi, "to")];
                    cx.push(
                        Check::new(META.code, vec![fi, xi, yi], range, comp, consistent)
                            .message(msg, rel),
                    );
                    return;
                }
            } else if is_points {
                return;
            }
            let (Some(l), Some(h)) = (
                lo.over(Ratio::HUNDRED).and_then(|r| r.plus(Ratio::ONE)),
                hi.over(Ratio::HUNDRED).and_then(|r| r.plus(Ratio::ONE)),
            ) else {
                return;
            };
            (
                l,
                h,
                format!("{}, not {}", pct(actual_pct), pct(p_signed)),
                Some(fi),
            )
        }
        Stated::Times(j, r, w) => {
            // Multiplier words are loose in news copy: ±20%.
            let (mut l, mut h) = (
                r.times(Ratio::new(8, 10).unwrap_or(Ratio::ONE))
                    .unwrap_or(r),
                r.times(Ratio::new(12, 10).unwrap_or(Ratio::ONE))
                    .unwrap_or(r),
            );
            match hedge {
                Some("more") => h = Ratio::int(1_000_000),
                Some("nearly") => l = r.times(Ratio::new(3, 4).unwrap_or(Ratio::ONE)).unwrap_or(l),
                _ => {}
            }
            let _ = j;
            (
                l,
                h,
                format!("×{}, not ×{r} (`{w}`)", ratio.rounded(2)),
                None,
            )
        }
        Stated::Fraction(fi, f) => {
            let sign = match dir {
                Some(d) => d,
                None => return,
            };
            let target = if sign > 0 {
                Ratio::ONE.plus(f)
            } else {
                Ratio::ONE.minus(f)
            };
            let Some(target) = target else { return };
            let tol = Ratio::new(3, 100).unwrap_or(Ratio::ZERO);
            let (Some(l), Some(h)) = (target.minus(tol), target.plus(tol)) else {
                return;
            };
            let word = cx.text(cx.figs[fi].range);
            (
                l,
                h,
                format!(
                    "{}, not {} (`by {word}`)",
                    pct(actual_pct),
                    pct(f
                        .times(Ratio::int(if sign > 0 { 100 } else { -100 }))
                        .unwrap_or(Ratio::ZERO))
                ),
                Some(fi),
            )
        }
    };
    let consistent = !(rmax.lt(lo_ok) || hi_ok.lt(rmin));
    let comp = format!(
        "{yt} / {xt} = ×{} = {}\nstated: {}",
        ratio.rounded(2),
        pct(actual_pct),
        said.split(", not ").nth(1).unwrap_or("")
    );
    let msg = format!("Stated change disagrees with its endpoints: {endpoints} is {said}");
    let range = match change_fig {
        Some(fi) => cx.figs[fi].range,
        None => TextRange::new(
            cx.figs[xi].range.start.min(toks[from_k].range.start),
            cx.figs[yi].range.end,
        ),
    };
    let mut figs = vec![xi, yi];
    if let Some(c) = change_fig {
        figs.insert(0, c);
    }
    let rel = vec![cx.related(xi, "from"), cx.related(yi, "to")];
    cx.push(Check::new(META.code, figs, range, comp, consistent).message(msg, rel));
}
