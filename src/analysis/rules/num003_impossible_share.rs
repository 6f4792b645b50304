//! NUM003 `impossible-share`.

use super::{Diagnostic, RuleContext};
use crate::analysis::numbers::arith::half;
use crate::analysis::numbers::cx::Cx;
use crate::analysis::lexicon;
use crate::analysis::numbers::parse::{Tk, adjacent};
use crate::analysis::numbers::{Check, FigureKind, Ratio};
use crate::analysis::range::TextRange;

declare_rule! {
    /// ## What it does
    /// Flags a share that cannot be: a part larger than its whole ("32 of the 30 members"), a share
    /// over 100% of a group, or a percentage of a small stated group that no whole number gives
    /// ("37% of the 12 jurors").
    ///
    /// A part may be written "32 of the 30 members", "11 out of 10", "412 of the union's 390
    /// delegates", "16 of its 15 staff", "4 million of its 3 million customers" or "Of the 20
    /// sectors, 23 …"; "only" and "just" before the part do not hedge it. A share over 100% counts
    /// for a group of people ("110% of respondents") or a stated count, hedged or not ("about 135%
    /// of the 120 workers"; a hedged share from 110%). A
    /// percentage of a stated group of at most 200 is checked against every whole number of members
    /// ("37% of the 12 jurors": 4 of 12 is 33.3%, 5 of 12 is 41.7%), allowing the percentage to be
    /// rounded or truncated at its written precision. Hedged figures ("about 40%") are not checked
    /// against whole numbers,
    /// nor "one in 13 of …" or a whole that starts a range ("90% of 18 to 24-year-olds").
    ///
    /// ## Why it matters
    /// These are arithmetic impossibilities: one of the figures is wrong.
    ///
    /// ## Example
    /// Flagged: `Of the 12 jurors, 37% voted to convict.` (4 of 12 is 33.3%, 5 of 12 is 41.7%)
    ///
    /// Flagged: `In all, 412 of the union's 390 delegates backed the motion.`
    ///
    /// Not flagged: `Of the 12 jurors, 75% voted to convict.`
    ///
    /// Not flagged: `The 240 staff of the 12 branches were balloted.` (different things)
    NUM003, "impossible-share", Error,
    figures: Sentence(impossible_share),
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, out);
}

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
        // "of the council's 250 offices", "of the French Open's 27 events": an owner's whole.
        let mut owned = j;
        while owned < n && owned - j < 3 && toks[owned].is_cap() && !lexicon::is_possessive(&toks[owned].lower) {
            owned += 1;
        }
        if toks.get(owned).is_some_and(|t| t.is_word() && lexicon::is_possessive(&t.lower))
            && (owned == j || toks[j..owned].iter().all(Tk::is_cap))
        {
            j = owned + 1;
        }
        let whole = cx.fig_at(si, j);
        match f.kind {
            FigureKind::Count
                if f.qualifier.is_none()
                    || matches!(f.qualifier, Some("more" | "over" | "at" | "only" | "just")) =>
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
                let written = cx.text(TextRange::new(f.range.start, w.range.end));
                part_of_whole(cx, fi, wi, (p, m), format!("`{written}`"));
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
                        Check::new(META.code, vec![fi], range, comp, false)
                            .message(msg, Vec::new()),
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
                        let lead = format!("`{}` of the {m}", cx.text(f.range));
                        part_of_whole(cx, fi, wi, (p, m), lead);
                    }
                }
                break;
            }
        }
    }
}

/// Part `p` (figure `fi`) of whole `m` (figure `wi`): the part may not exceed the whole. `lead`
/// names the pair in the message.
fn part_of_whole(cx: &mut Cx<'_>, fi: usize, wi: usize, (p, m): (Ratio, Ratio), lead: String) {
    let consistent = p.le(m);
    let comp = format!("part {p} {} whole {m}", if consistent { "≤" } else { ">" });
    let msg = format!("{lead}: the part ({p}) is larger than the whole ({m})");
    let rel = vec![cx.related(wi, "the whole")];
    let range = cx.figs[fi].range;
    cx.push(Check::new(META.code, vec![fi, wi], range, comp, consistent).message(msg, rel));
}

/// GRIM: is `p`% of a whole of `m` a whole number of people, given the rounding of `p`?
fn grim(cx: &mut Cx<'_>, fi: usize, wi: usize, p: Ratio) {
    let f = &cx.figs[fi];
    let (Some(m), Some(step)) = (cx.figs[wi].exact, f.step) else {
        return;
    };
    if !m.is_integer() || m.num < 1 {
        return;
    }
    let written = cx.text(f.range);
    // Over 100% is impossible however the share is hedged ("about 135% of the 120 workers").
    if Ratio::HUNDRED.lt(p) && (f.qualifier.is_none() || Ratio::int(110).le(p)) {
        let comp = format!("share {p}% > 100%");
        let msg = format!("`{written}` of {m} is impossible: a part cannot exceed its whole");
        let rel = vec![cx.related(wi, "the whole")];
        let range = f.range;
        cx.push(Check::new(META.code, vec![fi, wi], range, comp, false).message(msg, rel));
        return;
    }
    if f.qualifier.is_some() || m.num > 200 {
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
    cx.push(Check::new(META.code, vec![fi, wi], range, comp, consistent).message(msg, rel));
}
