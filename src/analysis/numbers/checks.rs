//! The cross-figure checks behind NUM001–NUM008. Each check records a [`Check`] (consistent or
//! not) with its computation; the rules turn the inconsistent ones into findings.

use std::collections::HashMap;

use super::parse::{Tk, adjacent, counted_np, number_word, word_value};
use super::ratio::Ratio;
use super::{Check, Figure, FigureKind, Figures};
use crate::analysis::date::Date;
use crate::analysis::diagnostic::{Edit, Fix, Related};
use crate::analysis::document::{BlockKind, Document};
use crate::analysis::lexicon::{self, calendar};
use crate::analysis::range::TextRange;
use crate::analysis::tokens::TokenKind;

struct Cx<'a> {
    doc: &'a Document,
    toks: &'a [Vec<Tk<'a>>],
    figs: &'a [Figure],
    /// Figure index (+1; 0 = none) by the global index of its first token.
    start_at: Vec<u32>,
    checks: Vec<Check>,
}

impl Cx<'_> {
    /// The figure starting at local token `k` of sentence `si`.
    fn fig_at(&self, si: usize, k: usize) -> Option<usize> {
        let t = self.toks.get(si)?.get(k)?;
        match self.start_at.get(t.gi).copied() {
            Some(0) | None => None,
            Some(i) => Some(i as usize - 1),
        }
    }

    /// The local index of the token after figure `fi` in its sentence.
    fn after(&self, fi: usize) -> usize {
        let f = &self.figs[fi];
        let first = self.toks[f.sentence].first().map_or(0, |t| t.gi);
        f.tokens.end.saturating_sub(first)
    }

    fn local(&self, fi: usize) -> usize {
        let f = &self.figs[fi];
        let first = self.toks[f.sentence].first().map_or(0, |t| t.gi);
        f.tokens.start.saturating_sub(first)
    }

    fn text(&self, r: TextRange) -> String {
        self.doc
            .text(r)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        code: &'static str,
        figures: Vec<usize>,
        computation: String,
        consistent: bool,
        range: TextRange,
        message: String,
        related: Vec<Related>,
        fix: Option<Fix>,
    ) {
        self.checks.push(Check {
            code,
            figures,
            computation,
            consistent,
            range,
            message,
            related,
            fix,
        });
    }

    fn related(&self, fi: usize, what: &str) -> Related {
        let f = &self.figs[fi];
        Related {
            range: f.range,
            message: format!("{what} `{}`", self.text(f.range)),
        }
    }
}

pub(super) fn run(doc: &Document, toks: &[Vec<Tk<'_>>], figures: &mut Figures) {
    let mut start_at = vec![0u32; doc.tokens.len()];
    for (i, f) in figures.figures.iter().enumerate() {
        if let (Some(slot), Ok(v)) = (start_at.get_mut(f.tokens.start), u32::try_from(i + 1)) {
            *slot = v;
        }
    }
    let mut cx = Cx {
        doc,
        toks,
        figs: &figures.figures,
        start_at,
        checks: Vec::new(),
    };
    range_order(&mut cx);
    let mut has_figure = vec![false; toks.len()];
    for f in cx.figs {
        if let Some(h) = has_figure.get_mut(f.sentence) {
            *h = true;
        }
    }
    for (si, st) in toks.iter().enumerate() {
        if st.len() < 3 || !has_figure[si] && !st.iter().any(|t| t.is("both")) {
            continue;
        }
        percent_change(&mut cx, si);
        impossible_share(&mut cx, si);
        percent_sum(&mut cx, si);
        count_lists(&mut cx, si);
        totals(&mut cx, si);
    }
    dates(&mut cx, figures.article_date);
    conflicts(&mut cx);
    let mut checks = cx.checks;
    checks.sort_by_key(|c| (c.range.start, c.code));
    figures.checks = checks;
}

/// An amount as a reader writes it: "£1.2m", "$3bn", "1.5 million", "1,500".
fn amount(v: Ratio, currency: Option<&str>) -> String {
    let money = currency.is_some();
    let cur = currency.unwrap_or("");
    for (scale, short, long) in [
        (1_000_000_000_000i128, "tn", " trillion"),
        (1_000_000_000, "bn", " billion"),
        (1_000_000, "m", " million"),
    ] {
        if let Some(x) = v.over(Ratio::int(scale))
            && Ratio::ONE.le(x.abs())
            && x.times(Ratio::int(100)).is_some_and(|y| y.is_integer())
        {
            return format!("{cur}{x}{}", if money { short } else { long });
        }
    }
    format!("{cur}{v}")
}

fn pct(r: Ratio) -> String {
    let s = r.to_string();
    if r.num >= 0 && !s.starts_with('≈') {
        format!("+{s}%")
    } else if r.num >= 0 {
        format!("≈+{}%", &s['≈'.len_utf8()..])
    } else {
        format!("{s}%")
    }
}

fn half(r: Ratio) -> Ratio {
    r.times(Ratio::new(1, 2).unwrap_or(Ratio::ONE)).unwrap_or(r)
}

// ---------------------------------------------------------------- NUM002

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
        cx.push(
            "NUM002",
            vec![fi],
            comp,
            consistent,
            range,
            msg,
            Vec::new(),
            None,
        );
    }
}

// ---------------------------------------------------------------- NUM005

const RISE: &[&str] = &[
    "rose",
    "risen",
    "rise",
    "rises",
    "rising",
    "increased",
    "increase",
    "increases",
    "grew",
    "grown",
    "grow",
    "grows",
    "growth",
    "jumped",
    "jump",
    "jumps",
    "climbed",
    "climb",
    "soared",
    "surged",
    "up",
    "gained",
    "gain",
    "higher",
    "boosted",
    "raised",
    "increasing",
    "leapt",
    "leaped",
    "rocketed",
    "swelled",
    "expanded",
];
const FALL: &[&str] = &[
    "fell",
    "fallen",
    "fall",
    "falls",
    "falling",
    "decreased",
    "decrease",
    "declined",
    "decline",
    "declines",
    "dropped",
    "drop",
    "drops",
    "slumped",
    "plunged",
    "down",
    "cut",
    "cuts",
    "lower",
    "shrank",
    "shrunk",
    "reduced",
    "reduction",
    "slid",
    "tumbled",
    "dipped",
    "eased",
    "slipped",
    "lost",
    "sank",
    "plummeted",
    "shed",
];

/// The direction a change word states: +1 rise, -1 fall.
fn direction(t: &Tk<'_>) -> Option<i32> {
    if t.is_any(RISE) {
        Some(1)
    } else if t.is_any(FALL) {
        Some(-1)
    } else {
        None
    }
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
        }
    }
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
    while win_lo > 0 && from_k - win_lo < 8 {
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
                        "NUM005",
                        vec![fi, xi, yi],
                        comp,
                        consistent,
                        range,
                        msg,
                        rel,
                        None,
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
    cx.push("NUM005", figs, comp, consistent, range, msg, rel, None);
}

fn signed(r: Ratio) -> String {
    if r.num >= 0 {
        format!("+{r}")
    } else {
        r.to_string()
    }
}

trait MaxR {
    fn max_r(self, o: Ratio) -> Ratio;
}
impl MaxR for Ratio {
    fn max_r(self, o: Ratio) -> Ratio {
        if self.lt(o) { o } else { self }
    }
}

// ---------------------------------------------------------------- NUM003

const PEOPLE_WHOLES: &[&str] = &[
    "voters",
    "members",
    "respondents",
    "people",
    "residents",
    "households",
    "adults",
    "children",
    "students",
    "staff",
    "employees",
    "workers",
    "patients",
    "pupils",
    "those",
    "participants",
    "women",
    "men",
    "mps",
    "councillors",
    "delegates",
    "jurors",
    "shareholders",
];

fn impossible_share(cx: &mut Cx<'_>, si: usize) {
    let toks = &cx.toks[si];
    let n = toks.len();
    for k in 0..n {
        let Some(fi) = cx.fig_at(si, k) else { continue };
        let f = &cx.figs[fi];
        let after = cx.after(fi);
        // "N of the M", "N of M", "N out of M" (not "one in 13 of the 48 million").
        if k > 0 && toks[k - 1].is("in") {
            continue;
        }
        let mut j = after;
        if toks.get(j).is_some_and(|t| t.is("out")) {
            j += 1;
        }
        if !toks.get(j).is_some_and(|t| t.is("of")) {
            continue;
        }
        j += 1;
        if toks
            .get(j)
            .is_some_and(|t| t.is_any(&["the", "its", "their", "his", "her", "our"]))
        {
            j += 1;
        }
        let whole = cx.fig_at(si, j);
        match f.kind {
            FigureKind::Count
                if f.qualifier.is_none() || matches!(f.qualifier, Some("more" | "over" | "at")) =>
            {
                let Some(wi) = whole else { continue };
                let w = &cx.figs[wi];
                if w.kind != FigureKind::Count || w.qualifier.is_some() {
                    continue;
                }
                // "5 of the 2-0 wins", "3 of the 2,000-strong": a glued hyphen means a compound.
                let wa = cx.after(wi);
                if toks
                    .get(wa)
                    .is_some_and(|t| (t.text == "-" || t.text == "–") && adjacent(&toks[wa - 1], t))
                    || toks
                        .get(wa)
                        .is_some_and(|t| t.is_any(&["to", "and", "or", "-", "–", "/", ":", "x"]))
                {
                    continue;
                }
                let (Some(p), Some(m)) = (f.exact, w.exact) else {
                    continue;
                };
                let consistent = p.le(m);
                let written = cx.text(TextRange::new(f.range.start, w.range.end));
                let comp = format!("part {p} {} whole {m}", if consistent { "≤" } else { ">" });
                let msg = format!("`{written}`: the part ({p}) is larger than the whole ({m})");
                let rel = vec![cx.related(wi, "the whole")];
                let range = f.range;
                cx.push(
                    "NUM003",
                    vec![fi, wi],
                    comp,
                    consistent,
                    range,
                    msg,
                    rel,
                    None,
                );
            }
            FigureKind::Percent => {
                let Some(p) = f.exact else { continue };
                if let Some(wi) = whole {
                    let w = &cx.figs[wi];
                    let wa = cx.after(wi);
                    if toks
                        .get(wa)
                        .is_some_and(|t| t.is_any(&["to", "and", "or", "-", "–", "/", ":"]))
                    {
                        continue;
                    }
                    if w.kind == FigureKind::Count && w.qualifier.is_none() {
                        grim(cx, fi, wi, p);
                        continue;
                    }
                }
                // Over 100% of a group of people.
                if Ratio::HUNDRED.lt(p)
                    && toks.get(j).is_some_and(|t| t.is_any(PEOPLE_WHOLES))
                    && !toks.get(j + 1).is_some_and(|t| t.is("'s") || t.is("’s"))
                {
                    let written = cx.text(TextRange::new(f.range.start, toks[j].range.end));
                    let comp = format!("share {p}% > 100%");
                    let msg = format!(
                        "`{written}` is impossible: no share of a group of people exceeds 100%"
                    );
                    let range = f.range;
                    cx.push(
                        "NUM003",
                        vec![fi],
                        comp,
                        false,
                        range,
                        msg,
                        Vec::new(),
                        None,
                    );
                }
            }
            _ => {}
        }
    }
    // "Of the 12 jurors, 37% …"
    if toks.first().is_some_and(|t| t.is("of"))
        && toks.get(1).is_some_and(|t| t.is("the"))
        && let Some(wi) = cx.fig_at(si, 2)
        && cx.figs[wi].kind == FigureKind::Count
        && cx.figs[wi].qualifier.is_none()
        && let Some(ci) = toks.iter().position(|t| t.text == ",")
    {
        for k in ci + 1..(ci + 4).min(n) {
            if let Some(fi) = cx.fig_at(si, k) {
                let f = &cx.figs[fi];
                if let Some(p) = f.exact {
                    if f.kind == FigureKind::Percent {
                        grim(cx, fi, wi, p);
                    } else if f.kind == FigureKind::Count && f.qualifier.is_none() {
                        let m = cx.figs[wi].exact.unwrap_or(p);
                        let consistent = p.le(m);
                        let comp =
                            format!("part {p} {} whole {m}", if consistent { "≤" } else { ">" });
                        let msg = format!(
                            "`{}` of the {m}: the part ({p}) is larger than the whole ({m})",
                            cx.text(f.range)
                        );
                        let rel = vec![cx.related(wi, "the whole")];
                        let range = f.range;
                        cx.push(
                            "NUM003",
                            vec![fi, wi],
                            comp,
                            consistent,
                            range,
                            msg,
                            rel,
                            None,
                        );
                    }
                }
                break;
            }
        }
    }
}

/// GRIM: is `p`% of a whole of `m` a whole number of people, given the rounding of `p`?
fn grim(cx: &mut Cx<'_>, fi: usize, wi: usize, p: Ratio) {
    let f = &cx.figs[fi];
    let (Some(m), Some(step)) = (cx.figs[wi].exact, f.step) else {
        return;
    };
    if f.qualifier.is_some() || !m.is_integer() || m.num < 1 {
        return;
    }
    let written = cx.text(f.range);
    if Ratio::HUNDRED.lt(p) {
        let comp = format!("share {p}% > 100%");
        let msg = format!("`{written}` of {m} is impossible: a part cannot exceed its whole");
        let rel = vec![cx.related(wi, "the whole")];
        let range = f.range;
        cx.push("NUM003", vec![fi, wi], comp, false, range, msg, rel, None);
        return;
    }
    if m.num > 200 {
        return;
    }
    // k people of m give 100k/m %; the written p covers [p - step/2, p + step) (rounding or
    // truncation).
    let (Some(lo), Some(hi)) = (p.minus(half(step)), p.plus(step)) else {
        return;
    };
    let Some(k_guess) = p.times(m).and_then(|x| x.over(Ratio::HUNDRED)) else {
        return;
    };
    let base = k_guess.num.div_euclid(k_guess.den);
    let mut ok = None;
    let mut near: Vec<(i128, Ratio)> = Vec::new();
    for k in [base - 1, base, base + 1, base + 2] {
        if k < 0 || k > m.num {
            continue;
        }
        let Some(share) = Ratio::new(k * 100, m.num) else {
            continue;
        };
        if lo.le(share) && share.lt(hi) {
            ok = Some((k, share));
        }
        near.push((k, share));
    }
    let consistent = ok.is_some();
    let comp = match ok {
        Some((k, s)) => format!("{k} / {m} = {s}% ≈ {p}%"),
        None => near
            .iter()
            .filter(|(k, _)| *k == base || *k == base + 1)
            .map(|(k, s)| format!("{k} / {m} = {s}%"))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let msg = format!(
        "`{written}` of {m} is not a whole number: {}",
        comp.replace('\n', ", ")
    );
    let rel = vec![cx.related(wi, "the whole")];
    let range = f.range;
    cx.push(
        "NUM003",
        vec![fi, wi],
        comp,
        consistent,
        range,
        msg,
        rel,
        None,
    );
}

// ---------------------------------------------------------------- NUM004

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
        cx.push("NUM004", parts, comp, consistent, range, msg, rel, None);
        return;
    }
    if !lower_bounds_only || !toks.iter().any(|t| t.is_any(SPLIT_MARKERS)) {
        return;
    }
    let consistent = sum.le(max_ok);
    let comp = format!(
        "{terms} = {sum}%{}",
        if consistent { "" } else { " > 100%" }
    );
    let msg = format!("The shares of one whole add up to more than 100%: {terms} = {sum}%");
    cx.push("NUM004", parts, comp, consistent, range, msg, rel, None);
}

// ---------------------------------------------------------------- NUM001

/// List items after token `k`: split on `,`/`;` and the final "and"/"or", ending at the sentence end
/// or a closing dash/parenthesis. Returns the item token spans, or `None` when it is not a clean
/// list.
fn list_items(toks: &[Tk<'_>], k: usize, names_only: bool) -> Option<Vec<(usize, usize)>> {
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut start = k;
    let mut j = k;
    let mut saw_and = false;
    let mut end_list = None;
    while j < toks.len() {
        let t = &toks[j];
        let closing = matches!(t.text, "." | "—" | "–" | ")" | "?" | "!" | ":");
        if closing || (saw_and && t.text == ",") {
            end_list = Some(j);
            break;
        }
        if t.text == "," || t.text == ";" {
            if j == start {
                return None;
            }
            items.push((start, j));
            // Oxford comma: ", and".
            if toks.get(j + 1).is_some_and(|n| n.is_any(&["and", "or"])) {
                j += 1;
                saw_and = true;
            }
            start = j + 1;
        } else if t.is_any(&["and", "or"]) {
            if saw_and || j == start {
                return None;
            }
            items.push((start, j));
            saw_and = true;
            start = j + 1;
        } else if names_only
            && !(t.is_cap()
                || t.text == "."
                || t.text == "'s"
                || t.is_any(&["of", "de", "van", "von", "al"]))
        {
            // Names list ends at the first lower-case word after the last name.
            if saw_and && j > start {
                end_list = Some(j);
                break;
            }
            return None;
        }
        j += 1;
    }
    let end = end_list.unwrap_or(toks.len());
    if start >= end || !saw_and {
        return None;
    }
    items.push((start, end));
    // Appositives ("Los Santos, which is …, San Fierro, aka …"): items must all start alike.
    let caps = items.iter().filter(|&&(a, _)| toks[a].is_cap()).count();
    if caps != 0 && caps != items.len() {
        return None;
    }
    for &(a, b) in &items {
        if toks[a..b].iter().any(|t| {
            t.is_any(&[
                "which",
                "who",
                "whom",
                "whose",
                "where",
                "aka",
                "including",
                "such",
                "like",
            ])
        }) {
            return None;
        }
        let len = b - a;
        if len == 0 || len > 6 {
            return None;
        }
        // Items with figures are breakdowns (NUM008), not named items.
        if toks[a..b]
            .iter()
            .any(|t| t.kind == TokenKind::Number || word_value(&t.lower).is_some())
        {
            return None;
        }
        if names_only && (len > 4 || !toks[a].is_cap()) {
            return None;
        }
    }
    Some(items)
}

const ENUM_MARKERS: [&[&str]; 10] = [
    &["first", "firstly"],
    &["second", "secondly"],
    &["third", "thirdly"],
    &["fourth", "fourthly"],
    &["fifth", "fifthly"],
    &["sixth"],
    &["seventh"],
    &["eighth"],
    &["ninth"],
    &["tenth"],
];

/// "The plan has three parts. First, … Second, … Finally, …": the items of an enumeration that
/// starts right after the sentence with the count. Returns the number of markers and the range of
/// the last one, or `None` when the sentences that follow are not a clean enumeration.
fn enumeration(cx: &Cx<'_>, si: usize) -> Option<(usize, TextRange)> {
    let starts = |sj: usize| -> Option<(&Tk<'_>, bool)> {
        let t = cx.toks.get(sj)?.first()?;
        let comma = cx.toks[sj].get(1).is_some_and(|c| c.text == ",");
        Some((t, comma))
    };
    let (t0, c0) = starts(si + 1)?;
    if !c0 || !t0.is_any(ENUM_MARKERS[0]) {
        return None;
    }
    let mut count = 1;
    let mut last = t0.range;
    let mut last_sj = si + 1;
    for sj in si + 2..(si + 14).min(cx.toks.len()) {
        // Items are a few sentences long at most; a later "Finally," is another matter.
        if sj - last_sj > 3 {
            break;
        }
        let Some((t, comma)) = starts(sj) else { break };
        if !comma {
            continue;
        }
        if t.is_any(&["finally", "lastly"]) {
            return Some((count + 1, t.range));
        }
        if let Some(i) = ENUM_MARKERS.iter().position(|m| t.is_any(m)) {
            if i != count {
                return None;
            }
            count += 1;
            last = t.range;
            last_sj = sj;
        }
    }
    (count >= 2).then_some((count, last))
}

fn count_lists(cx: &mut Cx<'_>, si: usize) {
    let toks = &cx.toks[si];
    // "N <plural noun>." followed by "First, … Second, …".
    if toks.last().is_some_and(|t| t.text == ".")
        && let Some((count, last)) = enumeration(cx, si)
    {
        let fi = (0..toks.len()).rev().find_map(|k| {
            cx.fig_at(si, k).filter(|&fi| {
                let f = &cx.figs[fi];
                f.kind == FigureKind::Count
                    && f.qualifier.is_none()
                    && f.exact
                        .is_some_and(|v| v.is_integer() && (2..=10).contains(&v.num))
                    && f.counts.as_deref().is_some_and(|c| c.ends_with('s'))
            })
        });
        if let Some(fi) = fi
            && let Some(n) = cx.figs[fi].exact.map(|v| v.num)
        {
            let f = &cx.figs[fi];
            let written = format!(
                "{} {}",
                cx.text(f.range),
                f.counts.clone().unwrap_or_default()
            );
            let consistent = count as i128 == n;
            let comp = format!(
                "stated {n}, enumerated {count} (First, … {})",
                cx.text(last)
            );
            let msg =
                format!("`{written}` but {count} are enumerated in the sentences that follow");
            let rel = vec![Related {
                range: last,
                message: format!("item {count}"),
            }];
            let range = f.range;
            cx.push("NUM001", vec![fi], comp, consistent, range, msg, rel, None);
        }
    }
    for k in 0..toks.len() {
        // "both X, Y and Z".
        if toks[k].is("both")
            && let Some(items) = list_items(toks, k + 1, true)
            && items.len() >= 3
            && items
                .iter()
                .all(|&(a, b)| toks[a..b].iter().all(|t| t.is_cap() || t.text == "."))
        {
            let n = items.len();
            let comp = format!("`both` = 2, items listed = {n}");
            let last = items[n - 1].1;
            let range = toks[k].range;
            let list = TextRange::new(toks[k + 1].range.start, toks[last - 1].range.end);
            let msg = format!("`both` introduces {n} items: {}", cx.text(list));
            let rel = vec![Related {
                range: list,
                message: format!("{n} items"),
            }];
            cx.push("NUM001", Vec::new(), comp, false, range, msg, rel, None);
            continue;
        }
        let Some(fi) = cx.fig_at(si, k) else { continue };
        let f = &cx.figs[fi];
        if f.kind != FigureKind::Count || f.qualifier.is_some() {
            continue;
        }
        let Some(n) = f.exact.filter(|v| v.is_integer()).map(|v| v.num) else {
            continue;
        };
        if !(2..=20).contains(&n) {
            continue;
        }
        let the = k > 0 && toks[k - 1].is("the");
        let a = cx.after(fi);
        let Some((_, np_end)) = counted_np(toks, a) else {
            continue;
        };
        if np_end - a > 4 {
            continue;
        }
        let mut np_end = np_end;
        // "four priorities for the coming year:" — a short prepositional phrase before a colon.
        if toks
            .get(np_end)
            .is_some_and(|t| t.is_any(&["for", "in", "on", "at", "this", "next", "from"]))
        {
            let mut j = np_end + 1;
            while j < toks.len() && j - np_end <= 4 && toks[j].is_word() {
                j += 1;
            }
            if toks.get(j).is_some_and(|t| t.text == ":") {
                np_end = j;
                // Treat the phrase as part of the noun phrase.
            }
        }
        let Some(sep) = toks.get(np_end) else {
            continue;
        };
        let colon = sep.text == ":";
        let dash = (sep.text == "—" || sep.text == "–") && !adjacent(&toks[np_end - 1], sep);
        let comma_names = the && (sep.text == "," || sep.text == "(");
        if !(colon || dash || comma_names) {
            continue;
        }
        let items = if np_end + 1 == toks.len() || (colon && np_end + 2 == toks.len()) {
            bullet_items(cx, si)
        } else {
            list_items(toks, np_end + 1, !colon).and_then(|v| {
                if comma_names && !colon && !dash {
                    // An appositive closes ("the two leaders, A, B and C, met"); a list that runs on
                    // into a verb ("the two Milan sides, Juventus and Bayern are among …") is the
                    // continuation of a longer list, not the names of the two.
                    let end = v.last().map_or(0, |x| x.1);
                    let closes = toks
                        .get(end)
                        .is_none_or(|t| matches!(t.text, "," | ")" | "—" | "–" | "." | ";" | ":"));
                    let in_list = k >= 2 && (toks[k - 2].text == "," || toks[k - 2].is("and"));
                    if !closes || in_list {
                        return None;
                    }
                }
                Some(v.len())
            })
        };
        let Some(count) = items else { continue };
        if count < 2 {
            continue;
        }
        let written = cx.text(TextRange::new(f.range.start, toks[np_end - 1].range.end));
        let consistent = count as i128 == n;
        let comp = format!("stated {n}, listed {count}");
        let msg = format!("`{written}` but {count} are listed");
        let fix = if consistent {
            None
        } else {
            let orig = cx.text(f.range);
            let repl = if !f.range.is_empty() && toks[k].kind == TokenKind::Number {
                Some(count.to_string())
            } else {
                number_word(count as i128).map(|w| {
                    if orig.chars().next().is_some_and(char::is_uppercase) {
                        let mut c = w.chars();
                        c.next().map_or(w.clone(), |f0| {
                            f0.to_uppercase().collect::<String>() + c.as_str()
                        })
                    } else {
                        w
                    }
                })
            };
            repl.map(|r| Fix {
                title: format!("Change `{orig}` to `{r}`"),
                edits: vec![Edit {
                    range: f.range,
                    replacement: r,
                }],
            })
        };
        let range = f.range;
        cx.push(
            "NUM001",
            vec![fi],
            comp,
            consistent,
            range,
            msg,
            Vec::new(),
            fix,
        );
    }
}

/// The Markdown bullet items right after the paragraph of sentence `si`, at one indentation.
fn bullet_items(cx: &Cx<'_>, si: usize) -> Option<usize> {
    let doc = cx.doc;
    let s = doc.sentences.get(si)?;
    let p = doc.paragraphs.get(s.paragraph)?;
    if p.sentences.end != si + 1 || !cx.text(s.range).ends_with(':') {
        return None;
    }
    let col = |start: usize| {
        let line_start = doc.prose[..start].rfind('\n').map_or(0, |i| i + 1);
        start - line_start
    };
    let mut count = 0;
    let mut first_col = None;
    for q in doc.paragraphs.iter().skip(s.paragraph + 1) {
        if q.kind != BlockKind::ListItem {
            break;
        }
        let c = col(q.range.start);
        match first_col {
            None => first_col = Some(c),
            Some(fc) if c > fc => continue,
            Some(fc) if c < fc => break,
            _ => {}
        }
        count += 1;
    }
    (count > 0).then_some(count)
}

// ---------------------------------------------------------------- NUM008

fn totals(cx: &mut Cx<'_>, si: usize) {
    let toks = &cx.toks[si];
    for k in 0..toks.len() {
        let Some(ti) = cx.fig_at(si, k) else { continue };
        let t = &cx.figs[ti];
        if !matches!(
            t.kind,
            FigureKind::Count | FigureKind::Money | FigureKind::Decimal
        ) || t.qualifier.is_some()
        {
            continue;
        }
        let after = cx.after(ti);
        let marked = (k >= 3 && toks[k - 1].is("of") && toks[k - 2].is("total"))
            || toks.get(after).is_some_and(|n| n.is("in"))
                && toks
                    .get(after + 1)
                    .is_some_and(|n| n.is_any(&["total", "all"]));
        // Where the breakdown starts: after ":" or "—" following the total's noun phrase.
        let mut j = after;
        if toks.get(j).is_some_and(|n| n.is("in"))
            && toks.get(j + 1).is_some_and(|n| n.is_any(&["total", "all"]))
        {
            j += 2;
        }
        let np_end = counted_np(toks, j).map_or(j, |(_, e)| e);
        // "12 people were hurt: …": allow a short verb phrase when the total is marked or a colon follows.
        let mut sep = np_end;
        let mut steps = 0;
        while sep < toks.len()
            && steps < 4
            && !matches!(toks[sep].text, ":" | "—" | "–" | "," | "." | ";")
        {
            sep += 1;
            steps += 1;
        }
        let Some(st) = toks.get(sep) else { continue };
        let ok_sep = st.text == ":"
            || ((st.text == "—" || st.text == "–") && marked)
            || (st.text == "," && marked);
        if !ok_sep {
            continue;
        }
        if toks[after..sep]
            .iter()
            .any(|x| x.is_any(&["including", "among", "whom", "which"]))
        {
            continue;
        }
        // A breakdown continued in the next sentence ("Another was hurt in Odesa.") is not
        // complete in this one.
        if let Some(next) = cx.toks.get(si + 1)
            && cx.doc.sentences.get(si + 1).map(|x| x.paragraph)
                == cx.doc.sentences.get(si).map(|x| x.paragraph)
            && next.iter().take(4).any(|t| {
                t.is_any(&[
                    "another",
                    "other",
                    "others",
                    "remaining",
                    "rest",
                    "further",
                    "also",
                    "more",
                ])
            })
        {
            continue;
        }
        let Some(parts) = breakdown(cx, si, sep + 1, t.kind) else {
            continue;
        };
        let mut sum = Ratio::ZERO;
        for &pi in &parts {
            sum = match cx.figs[pi].exact.and_then(|v| sum.plus(v)) {
                Some(s) => s,
                None => return,
            };
        }
        let Some(total) = t.exact else { continue };
        let cur = t.unit.as_deref().filter(|_| t.kind == FigureKind::Money);
        let terms = parts
            .iter()
            .filter_map(|&pi| cx.figs[pi].exact.map(|v| amount(v, cur)))
            .collect::<Vec<_>>()
            .join(" + ");
        let consistent = sum == total;
        let (sum_s, total_s) = (amount(sum, cur), amount(total, cur));
        let comp = format!(
            "{terms} = {sum_s}{}",
            if consistent {
                String::new()
            } else {
                format!(", not {total_s}")
            }
        );
        let written = cx.text(t.range);
        let msg =
            format!("Total `{written}` disagrees with its parts: {terms} = {sum_s}, not {total_s}");
        let rel: Vec<Related> = parts.iter().map(|&pi| cx.related(pi, "part")).collect();
        let mut figs = vec![ti];
        figs.extend(&parts);
        let range = t.range;
        cx.push("NUM008", figs, comp, consistent, range, msg, rel, None);
    }
}

/// A breakdown "five in Kyiv, three in Lviv and six in Odesa" from token `k`: the part figures.
fn breakdown(cx: &Cx<'_>, si: usize, k: usize, kind: FigureKind) -> Option<Vec<usize>> {
    let toks = &cx.toks[si];
    let mut parts = Vec::new();
    let mut j = k;
    let mut saw_and = false;
    loop {
        let pi = cx.fig_at(si, j)?;
        let p = &cx.figs[pi];
        let same = p.kind == kind
            || (matches!(p.kind, FigureKind::Count | FigureKind::Decimal)
                && matches!(kind, FigureKind::Count | FigureKind::Decimal));
        if !same || p.qualifier.is_some() || p.exact.is_none() {
            return None;
        }
        parts.push(pi);
        j = cx.after(pi);
        // The rest of the item: up to 6 tokens without another figure.
        let mut steps = 0;
        while j < toks.len()
            && !matches!(toks[j].text, "," | ";" | "." | "—" | "–" | ")")
            && !toks[j].is_any(&["and"])
        {
            if cx.fig_at(si, j).is_some() || toks[j].kind == TokenKind::Number {
                return None;
            }
            j += 1;
            steps += 1;
            if steps > 6 {
                return None;
            }
        }
        if saw_and {
            break;
        }
        match toks.get(j) {
            Some(t) if t.is("and") => {
                saw_and = true;
                j += 1;
            }
            Some(t) if t.text == "," || t.text == ";" => {
                j += 1;
                if toks.get(j).is_some_and(|t| t.is("and")) {
                    saw_and = true;
                    j += 1;
                }
            }
            _ => return None,
        }
    }
    // The list must end the clause.
    if let Some(t) = toks.get(j)
        && !matches!(t.text, "." | ";" | "—" | "–" | ")" | ",")
    {
        return None;
    }
    (parts.len() >= 2).then_some(parts)
}

// ---------------------------------------------------------------- NUM006

fn fmt_date(d: Date) -> String {
    format!("{} {}, {}", calendar::month_ap(d.month), d.day, d.year)
}

fn fmt_md(m: u8, d: u8) -> String {
    format!("{} {d}", calendar::month_ap(m))
}

fn dates(cx: &mut Cx<'_>, article: Option<Date>) {
    // The start of "it"/"the war": the unique "began|started|launched [on] DATE" in the article.
    let mut began: Option<usize> = None;
    let mut began_count = 0;
    for (fi, f) in cx.figs.iter().enumerate() {
        if f.kind != FigureKind::Date {
            continue;
        }
        let toks = &cx.toks[f.sentence];
        let k = cx.local(fi);
        let mut p = k;
        if p > 0 && toks[p - 1].is("on") {
            p -= 1;
        }
        if p > 0 && toks[p - 1].is_any(&["began", "started", "launched", "begun", "start", "begin"])
        {
            began = Some(fi);
            began_count += 1;
        }
    }
    if began_count != 1 {
        began = None;
    }
    for fi in 0..cx.figs.len() {
        let f = &cx.figs[fi];
        let si = f.sentence;
        let toks = &cx.toks[si];
        let k = cx.local(fi);
        match f.kind {
            FigureKind::Weekday => weekday_date(cx, fi, si, k),
            FigureKind::Duration => duration_after(cx, fi, si, k, began, article),
            FigureKind::Age => age_check(cx, fi, si, article),
            _ => {}
        }
        let _ = toks;
    }
}

/// "Thursday, Feb. 24", "Feb. 24, a Thursday": the weekday must fall on the date.
fn weekday_date(cx: &mut Cx<'_>, wi: usize, si: usize, k: usize) {
    let toks = &cx.toks[si];
    let w = &cx.figs[wi];
    let Some(wd) = w.weekday else { return };
    let a = cx.after(wi);
    let mut di = None;
    // Weekday then date.
    let mut j = a;
    while toks.get(j).is_some_and(|t| matches!(t.text, "," | "(")) {
        j += 1;
    }
    if let Some(d) = cx
        .fig_at(si, j)
        .filter(|&d| cx.figs[d].kind == FigureKind::Date)
    {
        di = Some(d);
    }
    // Date then ", a Thursday" / ", which was a Thursday".
    if di.is_none() && k >= 2 {
        let mut b = k;
        if toks[b - 1].is_any(&["a", "an"]) {
            b -= 1;
        }
        if b >= 3 && toks[b - 1].is("was") && toks[b - 2].is("which") {
            b -= 2;
        }
        if b >= 2 && toks[b - 1].text == "," {
            b -= 1;
            for d in (0..b).rev().take(8) {
                if let Some(x) = cx.fig_at(si, d)
                    && cx.figs[x].kind == FigureKind::Date
                    && cx.after(x) == b
                {
                    di = Some(x);
                    break;
                }
            }
        }
    }
    let Some(di) = di else { return };
    let Some(date) = cx.figs[di].date else { return };
    let consistent = date.weekday() == wd;
    let name = calendar::weekday_name(wd);
    let comp = format!("{} was a {}", fmt_date(date), date.weekday_name());
    let msg = format!(
        "`{}` does not fall on {}: {} was a {}",
        cx.text(w.range),
        fmt_date(date),
        fmt_date(date),
        date.weekday_name()
    );
    let rel = vec![cx.related(di, "the date")];
    let _ = name;
    let range = cx.figs[wi].range;
    cx.push(
        "NUM006",
        vec![wi, di],
        comp,
        consistent,
        range,
        msg,
        rel,
        None,
    );
}

/// "N days/weeks/months after DATE" against another date or weekday in the sentence; "the first
/// N days of" the event against the article date.
fn duration_after(
    cx: &mut Cx<'_>,
    fi: usize,
    si: usize,
    k: usize,
    began: Option<usize>,
    article: Option<Date>,
) {
    let toks = &cx.toks[si];
    let f = &cx.figs[fi];
    let Some(unit) = f.unit.as_deref() else {
        return;
    };
    if !matches!(unit, "days" | "months" | "years") {
        return;
    }
    let Some(amount) = f.exact.filter(|v| v.is_integer()).map(|v| v.num) else {
        return;
    };
    if f.qualifier.is_some()
        || k > 0
            && toks[k - 1].is_any(&[
                "another", "further", "more", "other", "those", "these", "last", "next", "past",
            ])
    {
        return;
    }
    let a = cx.after(fi);
    let add = |d: Date, sign: i64| -> Option<Date> {
        // Calendar arithmetic only for amounts a calendar can hold.
        if amount > 1_000_000 {
            return None;
        }
        let n = i64::try_from(amount).ok()? * sign;
        match unit {
            "days" => d.add_days(n),
            "months" => d.add_months(n),
            _ => d.add_months(n.checked_mul(12)?),
        }
    };
    let dur_text = cx.text(f.range);
    // "the first 28 days of …"
    if k > 0 && toks[k - 1].is("first") && toks.get(a).is_some_and(|t| t.is("of")) && unit == "days"
    {
        let (Some(bi), Some(today)) = (began, article) else {
            return;
        };
        let Some(start) = cx.figs[bi].date else {
            return;
        };
        let Some(end) = add(start, 1) else { return };
        let consistent = end <= today;
        let comp = format!(
            "{} + {dur_text} = {}; article date {}",
            fmt_date(start),
            fmt_date(end),
            fmt_date(today)
        );
        let msg = format!(
            "`first {dur_text}` have not passed by the article date: {} + {dur_text} = {}, after {}",
            fmt_date(start),
            fmt_date(end),
            fmt_date(today)
        );
        let rel = vec![cx.related(bi, "began")];
        let range = f.range;
        cx.push(
            "NUM006",
            vec![fi, bi],
            comp,
            consistent,
            range,
            msg,
            rel,
            None,
        );
        return;
    }
    let Some(dir_t) = toks.get(a) else { return };
    let sign = if dir_t.is_any(&["after", "later", "since"]) {
        1
    } else if dir_t.is("before") {
        -1
    } else {
        return;
    };
    // The anchor: a date right after ("after Feb. 24", "after the Feb. 24 invasion"), or the start
    // of "it"/"the invasion"/"the war".
    let mut anchor = None;
    for (j, tj) in toks.iter().enumerate().take(a + 4).skip(a + 1) {
        if let Some(d) = cx
            .fig_at(si, j)
            .filter(|&d| cx.figs[d].kind == FigureKind::Date)
        {
            anchor = Some(d);
            break;
        }
        if !tj.is_any(&["the", "on"]) {
            break;
        }
    }
    if anchor.is_none()
        && toks.get(a + 1).is_some_and(|t| t.is_any(&["it", "the"]))
        && toks[a + 1..(a + 4).min(toks.len())].iter().any(|t| {
            t.is_any(&[
                "began",
                "started",
                "start",
                "beginning",
                "invasion",
                "war",
                "attack",
            ])
        })
    {
        anchor = began;
    }
    let Some(ai) = anchor else { return };
    // The target: another date or weekday in the same sentence.
    let mut target = None;
    let srange = cx
        .doc
        .sentences
        .get(si)
        .map_or(TextRange::default(), |s| s.range);
    let first = cx.figs.partition_point(|t| t.range.start < srange.start);
    for (ti, t) in cx.figs.iter().enumerate().skip(first) {
        if t.range.start >= srange.end {
            break;
        }
        if t.sentence == si
            && ti != ai
            && ti != fi
            && matches!(t.kind, FigureKind::Date | FigureKind::Weekday)
        {
            match target {
                None => target = Some(ti),
                // "Friday, March 10": the date is the target (the weekday is checked against it
                // on its own); two dates are ambiguous.
                Some(p) if cx.figs[p].kind == FigureKind::Weekday && t.kind == FigureKind::Date => {
                    target = Some(ti)
                }
                Some(p) if cx.figs[p].kind == FigureKind::Date && t.kind == FigureKind::Weekday => {
                }
                Some(_) => return,
            }
        }
    }
    let Some(mut ti) = target else {
        // "exactly one month after it began", with nothing else dated in the sentence: the day of
        // the article.
        if let Some(today) = article
            && !dir_t.is("later")
            && toks.iter().any(|t| t.is_any(&["exactly", "today"]))
            && let Some(start) = cx.figs[ai].date
            && let Some(end) = add(start, sign)
        {
            let consistent = end == today;
            let anchor_text = cx.text(cx.figs[ai].range);
            let op = if sign > 0 { "+" } else { "−" };
            let comp = format!(
                "{} {op} {dur_text} = {}; article date {}",
                fmt_date(start),
                fmt_date(end),
                fmt_date(today)
            );
            let msg = format!(
                "`{dur_text}` {} `{anchor_text}` is {}, not the article date {}",
                if sign > 0 { "after" } else { "before" },
                fmt_date(end),
                fmt_date(today)
            );
            let rel = vec![cx.related(ai, "from")];
            let range = cx.figs[fi].range;
            cx.push(
                "NUM006",
                vec![fi, ai],
                comp,
                consistent,
                range,
                msg,
                rel,
                None,
            );
        }
        return;
    };
    let mut ai = ai;
    // "two weeks later on 11 December": the date after "later" is the result, the other the start.
    if dir_t.is("later") {
        if cx.figs[ti].kind != FigureKind::Date || cx.figs[ti].range.start > cx.figs[fi].range.start
        {
            return;
        }
        std::mem::swap(&mut ai, &mut ti);
    }
    // A day range ("27-28 November", "27 and 28 November") has no single start.
    for x in [ai, ti] {
        // The figure may sit in another sentence than the one being checked: read its own tokens.
        let own = &cx.toks[cx.figs[x].sentence];
        let k = cx.local(x);
        let (Some(prev), Some(prev2)) = (
            k.checked_sub(1).and_then(|i| own.get(i)),
            k.checked_sub(2).and_then(|i| own.get(i)),
        ) else {
            continue;
        };
        if (matches!(prev.text, "-" | "–") || prev.is_any(&["and", "to", "or"]))
            && prev2.kind == TokenKind::Number
        {
            return;
        }
    }
    let Some((am, ad)) = cx.figs[ai].month_day else {
        return;
    };
    let t = &cx.figs[ti];
    let anchor_text = cx.text(cx.figs[ai].range);
    let dir_word = if sign > 0 { "after" } else { "before" };
    let op = if sign > 0 { "+" } else { "−" };
    match t.kind {
        FigureKind::Date => {
            let Some((tm, td)) = t.month_day else { return };
            let year = cx.figs[ai]
                .date
                .map(|d| d.year)
                .or(t.date.map(|d| d.year))
                .unwrap_or(2001);
            let Some(start) = Date::new(year, am, ad) else {
                return;
            };
            let Some(end) = add(start, sign) else { return };
            // Without a year, compare month and day (leap years aside: skip Feb. 29 cases).
            let consistent = (end.month, end.day) == (tm, td);
            if cx.figs[ai].date.is_none()
                && (am == 2 || end.month == 2 || end.month == 3 && unit == "days")
            {
                return;
            }
            let comp = format!(
                "{} {op} {dur_text} = {}",
                fmt_md(am, ad),
                fmt_md(end.month, end.day)
            );
            let msg = format!(
                "`{dur_text}` {dir_word} `{anchor_text}` is {}, not {}",
                fmt_md(end.month, end.day),
                fmt_md(tm, td)
            );
            let rel = vec![cx.related(ai, "from"), cx.related(ti, "stated date")];
            let range = f.range;
            cx.push(
                "NUM006",
                vec![fi, ai, ti],
                comp,
                consistent,
                range,
                msg,
                rel,
                None,
            );
        }
        FigureKind::Weekday => {
            let Some(wd) = t.weekday else { return };
            let Some(start) = cx.figs[ai].date else {
                return;
            };
            let Some(end) = add(start, sign) else { return };
            let consistent = end.weekday() == wd;
            let comp = format!(
                "{} {op} {dur_text} = {}, a {}",
                fmt_date(start),
                fmt_date(end),
                end.weekday_name()
            );
            let msg = format!(
                "`{dur_text}` {dir_word} `{anchor_text}` is {}, a {}, not a {}",
                fmt_date(end),
                end.weekday_name(),
                calendar::weekday_name(wd)
            );
            let rel = vec![cx.related(ai, "from"), cx.related(ti, "stated day")];
            let range = f.range;
            cx.push(
                "NUM006",
                vec![fi, ai, ti],
                comp,
                consistent,
                range,
                msg,
                rel,
                None,
            );
        }
        _ => {}
    }
}

/// An age against "born DATE" in the same sentence and the article date.
fn age_check(cx: &mut Cx<'_>, fi: usize, si: usize, article: Option<Date>) {
    let toks = &cx.toks[si];
    let Some(born_k) = toks.iter().position(|t| t.is("born")) else {
        return;
    };
    let f = &cx.figs[fi];
    let Some(age) = f.exact.filter(|v| v.is_integer()).map(|v| v.num) else {
        return;
    };
    if f.qualifier.is_some() {
        return;
    }
    let mut j = born_k + 1;
    if toks.get(j).is_some_and(|t| t.is_any(&["on", "in"])) {
        j += 1;
    }
    let Some(bi) = cx.fig_at(si, j) else { return };
    let b = &cx.figs[bi];
    let Some(today) = article else { return };
    let age_text = cx.text(f.range);
    let (expected, comp) = match b.kind {
        FigureKind::Date if b.year_from_text => {
            let Some(bd) = b.date else { return };
            let mut years = i128::from(today.year - bd.year);
            if (today.month, today.day) < (bd.month, bd.day) {
                years -= 1;
            }
            (
                vec![years],
                format!("{} → {}: {years} years", fmt_date(bd), fmt_date(today)),
            )
        }
        FigureKind::Year => {
            let Some(by) = b.exact.map(|v| v.num) else {
                return;
            };
            let y = i128::from(today.year) - by;
            (
                vec![y - 1, y],
                format!(
                    "{} − {by} = {y} (or {} before the birthday)",
                    today.year,
                    y - 1
                ),
            )
        }
        _ => return,
    };
    let consistent = expected.contains(&age);
    let msg = format!("`{age_text}` disagrees with the birth date: {comp}");
    let rel = vec![cx.related(bi, "born")];
    let range = f.range;
    cx.push(
        "NUM006",
        vec![fi, bi],
        comp,
        consistent,
        range,
        msg,
        rel,
        None,
    );
}

// ---------------------------------------------------------------- NUM007

const CHANGE_MARKERS: &[&str] = &[
    "now",
    "updated",
    "update",
    "rose",
    "risen",
    "rise",
    "fell",
    "fallen",
    "increased",
    "decreased",
    "new",
    "previously",
    "formerly",
    "former",
    "originally",
    "initially",
    "expanded",
    "enlarged",
    "until",
    "was",
    "were",
    "had",
    "became",
    "become",
    "will",
    "would",
    "then",
    "once",
    "later",
    "earlier",
    "grew",
    "shrank",
    "reduced",
    "cut",
    "added",
    "joined",
    "joins",
    "join",
    "from",
    "latest",
    "revised",
    "before",
    "after",
    "since",
];

/// One name for the members of a body: "member states", "members", "nations", "countries".
fn member_lemma(np: &str) -> String {
    match np {
        "member state" | "member country" | "member nation" | "nation" | "country" | "state" => {
            "member".to_string()
        }
        _ => np.to_string(),
    }
}

fn lemma(w: &str) -> String {
    let w = w.to_lowercase();
    w.strip_suffix('s')
        .filter(|s| s.len() > 2)
        .map_or(w.clone(), str::to_string)
}

const VICTIMS: &[&str] = &[
    "people",
    "persons",
    "civilians",
    "soldiers",
    "men",
    "women",
    "children",
    "passengers",
    "troops",
    "police",
    "officers",
    "workers",
    "miners",
    "tourists",
    "pilgrims",
    "residents",
];
/// Words that mark a casualty figure as partial, cumulative or about another event.
const TOLL_MARKERS: &[&str] = &[
    "now",
    "updated",
    "rose",
    "risen",
    "rise",
    "climbed",
    "increased",
    "latest",
    "revised",
    "toll",
    "another",
    "other",
    "further",
    "separate",
    "more",
    "total",
    "including",
    "among",
    "whom",
    "earlier",
    "later",
    "initially",
    "first",
    "second",
    "last",
    "previous",
    "since",
    "reached",
    "brings",
    "bringing",
    "year",
    "years",
    "week",
    "month",
    "annually",
    "each",
    "every",
    "per",
    "if",
    "could",
    "would",
    "may",
    "might",
    "feared",
    "estimated",
    "believed",
    "reported",
];

/// "12 people were killed", "killing 12 people", "the 13 dead": one key for the death toll of the
/// article's event, with the place when one follows ("in Kabul").
fn casualty_key(cx: &Cx<'_>, fi: usize, k: usize, a: usize) -> Option<((String, String), String)> {
    let toks = &cx.toks[cx.figs[fi].sentence];
    let mut b = a;
    if toks.get(b).is_some_and(|t| t.is_any(VICTIMS)) {
        b += 1;
    }
    let killed_after = match toks.get(b) {
        Some(t) if t.is_any(&["died", "dead"]) => Some(b + 1),
        Some(t)
            if t.is_any(&["were", "are"]) && toks.get(b + 1).is_some_and(|n| n.is("killed")) =>
        {
            Some(b + 2)
        }
        Some(t)
            if t.is_any(&["have", "had"])
                && toks.get(b + 1).is_some_and(|n| n.is("been"))
                && toks.get(b + 2).is_some_and(|n| n.is("killed")) =>
        {
            Some(b + 3)
        }
        _ => None,
    };
    let killed_before = k > 0 && toks[k - 1].is_any(&["killing", "killed"]) && b > a;
    let end = match (killed_after, killed_before) {
        (Some(e), _) => e,
        (None, true) => b,
        _ => return None,
    };
    if toks.iter().any(|t| t.is_any(TOLL_MARKERS)) || cx.doc.quote_at(toks[k].range.start).is_some()
    {
        return None;
    }
    // Another event: a relative clause ("bombs which killed seven people", "in which 96 died") or
    // a dated one ("the 1989 disaster").
    if toks[k.saturating_sub(3)..k]
        .iter()
        .any(|t| t.is_any(&["which", "that", "where", "whom", "when"]))
    {
        return None;
    }
    let sent = cx.figs[fi].sentence;
    let from = cx.figs.partition_point(|g| g.sentence < sent);
    if cx.figs[from..]
        .iter()
        .take_while(|g| g.sentence == sent)
        .any(|g| matches!(g.kind, FigureKind::Year | FigureKind::Date))
    {
        return None;
    }
    let place = if toks.get(end).is_some_and(|t| t.is("in")) {
        toks.get(end + 1)
            .filter(|t| t.is_cap())
            .map(|t| t.text.to_string())
    } else {
        None
    };
    let what = match &place {
        Some(p) => format!("number of dead in {p}"),
        None => "number of dead".to_string(),
    };
    Some((("#dead".to_string(), place.unwrap_or_default()), what))
}

fn conflicts(cx: &mut Cx<'_>) {
    // key: (entity, counted noun phrase lemma) -> first figure
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for fi in 0..cx.figs.len() {
        let f = &cx.figs[fi];
        if f.kind != FigureKind::Count || f.qualifier.is_some() {
            continue;
        }
        let si = f.sentence;
        let toks = &cx.toks[si];
        let k = cx.local(fi);
        let a = cx.after(fi);
        let mut keys: Vec<(String, String)> = Vec::new();
        let mut shown: Vec<String> = Vec::new();
        // "the 450-seat Duma", "the 27-member European Union".
        if k >= 1
            && toks[k - 1].is("the")
            && toks
                .get(a)
                .is_some_and(|t| t.text == "-" && adjacent(&toks[a - 1], t))
            && let Some(unit) = toks.get(a + 1).filter(|t| {
                adjacent(&toks[a], t)
                    && t.is_any(&["member", "seat", "nation", "country", "state", "strong"])
            })
        {
            let mut g = a + 2;
            while g < toks.len() && g - (a + 2) < 4 && toks[g].is_cap() {
                g += 1;
            }
            // The name must be the head ("the 27-member EU met"), not a modifier ("the 27-member EU
            // summit").
            let head = !toks.get(g).is_some_and(|t| {
                t.is_word()
                    && !t.is_cap()
                    && !(t.lower.ends_with("ed")
                        || t.is_any(&[
                            "is", "was", "has", "had", "will", "would", "and", "or", "in", "on",
                            "at", "for", "to", "said", "says", "met", "meets", "votes", "voted",
                            "agreed", "agrees", "could", "can", "may", "must", "should",
                        ]))
            });
            if g > a + 2 && head {
                let ent = toks[g - 1].stem().to_string();
                let ent_text = cx.text(TextRange::new(
                    toks[a + 2].range.start,
                    toks[g - 1].range.end,
                ));
                let noun = if unit.is("seat") { "seats" } else { "members" };
                shown.push(format!("{noun} of the {ent_text}"));
                keys.push((ent, lemma(noun)));
            }
        }
        // "<Entity>'s N <noun>"
        if k >= 1 {
            let p = &toks[k - 1];
            if p.is_cap() && lexicon::is_possessive(&p.lower) {
                // Head noun phrase right after the number (no "of").
                let mut e = a;
                while e < toks.len()
                    && e - a < 3
                    && toks[e].is_word()
                    && !toks[e].is_cap()
                    && !toks[e].is_any(&[
                        "of", "and", "or", "in", "on", "to", "were", "was", "are", "is", "have",
                        "has", "had", "who", "which", "that", "for", "with", "at", "from", "by",
                    ])
                {
                    e += 1;
                }
                if e > a && !toks.get(e).is_some_and(|t| t.is("of")) {
                    let np = toks[a..e]
                        .iter()
                        .map(|t| lemma(t.text))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let mut b = k - 1;
                    while b > 0 && toks[b - 1].is_cap() && !toks[b - 1].is("the") && b + 4 > k {
                        b -= 1;
                    }
                    let ent_full = cx.text(TextRange::new(toks[b].range.start, p.range.end));
                    let ent_text = lexicon::strip_possessive(&ent_full);
                    shown.push(format!(
                        "{} of the {ent_text}",
                        cx.text(TextRange::new(toks[a].range.start, toks[e - 1].range.end))
                    ));
                    keys.push((p.stem().to_string(), np));
                }
            }
        }
        // "the N <noun> of [the] <Entity>" (+ an appositive "— the Duma").
        if k >= 1 && toks[k - 1].is_any(&["the", "all"]) {
            let mut e = a;
            while e < toks.len()
                && e - a < 3
                && toks[e].is_word()
                && !toks[e].is_cap()
                && !toks[e].is("of")
                && !toks[e].is_any(&[
                    "and", "or", "in", "on", "to", "were", "was", "are", "is", "who", "which",
                    "that",
                ])
            {
                e += 1;
            }
            if e > a && toks.get(e).is_some_and(|t| t.is("of")) {
                let np = toks[a..e]
                    .iter()
                    .map(|t| lemma(t.text))
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut g = e + 1;
                if toks.get(g).is_some_and(|t| t.is("the")) {
                    g += 1;
                }
                let s = g;
                while g < toks.len()
                    && g - s < 6
                    && toks[g].is_word()
                    && (toks[g].is_cap()
                        || (g > s
                            && toks[g].is_any(&["of", "lower", "upper", "house", "parliament"])))
                {
                    g += 1;
                }
                if g > s && toks[s].is_cap() {
                    let ent = toks[s..g]
                        .iter()
                        .map(|t| t.lower.as_ref())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let ent = lexicon::strip_possessive(&ent);
                    let ent = ent.rsplit(' ').next().unwrap_or(ent).to_string();
                    keys.push((ent, np.clone()));
                    let np_text =
                        cx.text(TextRange::new(toks[a].range.start, toks[e - 1].range.end));
                    shown.push(format!(
                        "{np_text} of the {}",
                        cx.text(TextRange::new(toks[s].range.start, toks[g - 1].range.end))
                    ));
                    // Continue over lower-case words of the of-phrase to an appositive.
                    let mut h = g;
                    while h < toks.len() && h - g < 6 && toks[h].is_word() {
                        h += 1;
                    }
                    if toks
                        .get(h)
                        .is_some_and(|t| matches!(t.text, "—" | "–" | "," | "("))
                        && toks.get(h + 1).is_some_and(|t| t.is("the"))
                        && let Some(al) = toks.get(h + 2).filter(|t| t.is_cap())
                    {
                        keys.push((al.stem().to_string(), np));
                        let np_text =
                            cx.text(TextRange::new(toks[a].range.start, toks[e - 1].range.end));
                        shown.push(format!("{np_text} of the {}", al.text));
                    }
                }
            }
        }
        if !keys.is_empty() && toks.iter().any(|t| t.is_any(CHANGE_MARKERS)) {
            keys.clear();
            shown.clear();
        }
        if let Some((key, what)) = casualty_key(cx, fi, k, a) {
            keys.push(key);
            shown.push(what);
        }
        if keys.is_empty() {
            continue;
        }
        let Some(v) = f.exact else { continue };
        for (mut key, what) in keys.into_iter().zip(shown) {
            key.1 = member_lemma(&key.1);
            match seen.get(&key) {
                Some(&pi) => {
                    let p = &cx.figs[pi];
                    let Some(pv) = p.exact else { continue };
                    let consistent = pv == v;
                    let comp = format!("{what}: {v} {} {pv}", if consistent { "=" } else { "≠" });
                    let msg = format!(
                        "Two values for the {what}: `{}` here, `{}` earlier ({v} ≠ {pv})",
                        cx.text(f.range),
                        cx.text(p.range)
                    );
                    let rel = vec![cx.related(pi, "earlier")];
                    let range = f.range;
                    cx.push(
                        "NUM007",
                        vec![fi, pi],
                        comp,
                        consistent,
                        range,
                        msg,
                        rel,
                        None,
                    );
                    break;
                }
                None => {
                    seen.insert(key, fi);
                }
            }
        }
    }
}
