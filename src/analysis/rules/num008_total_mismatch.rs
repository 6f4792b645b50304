//! NUM008 `total-mismatch`.

use super::{Diagnostic, RuleContext};
use crate::analysis::diagnostic::Related;
use crate::analysis::numbers::arith::amount;
use crate::analysis::numbers::cx::Cx;
use crate::analysis::numbers::parse::{adjacent, counted_np};
use crate::analysis::numbers::{Check, FigureKind, Ratio};
use crate::analysis::tokens::TokenKind;

declare_rule! {
    /// ## What it does
    /// Flags a stated total whose breakdown in the same sentence does not add up to it ("a total of
    /// 12 people were hurt: five in Kyiv and six in Lviv").
    ///
    /// The breakdown must follow a colon, "made up of", "consisting of", "comprising" or "split
    /// between" (or a dash, a spaced hyphen or a comma, with or without "with", when the total is
    /// marked by "a total of", "in total" or "in all", also "In all, …" opening the sentence), and
    /// every part must start with a figure of the same kind as the total: "12 medals in
    /// total: five gold, four silver and four bronze", "a total of £12m, £5m on schools, £4m on
    /// roads and £2m on parks". Hedged totals ("at least 12"), subsets ("including", "of whom") and
    /// parts with other figures in them are not checked.
    ///
    /// ## Why it matters
    /// Totals and breakdowns are edited separately and drift apart.
    ///
    /// ## Example
    /// Flagged: `A total of 12 people were hurt: five in Kyiv and six in Lviv.` (5 + 6 = 11)
    ///
    /// Flagged: `The £21m package is made up of £12m for schools, £4m for roads and £4m for parks.`
    ///
    /// Not flagged: `A total of 11 people were hurt: five in Kyiv and six in Lviv.`
    NUM008, "total-mismatch", Warning,
    figures: Sentence(totals),
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, out);
}

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
        // "In all, 21 schools …", "In total, …" opening the sentence.
        let opened = k >= 3
            && toks[0].is("in")
            && toks[1].is_any(&["total", "all"])
            && toks[2].text == ","
            && (3..k).all(|i| cx.fig_at(si, i).is_none());
        let marked = opened
            || (k >= 3 && toks[k - 1].is("of") && toks[k - 2].is("total"))
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
        // "31 sites in total, with …".
        let marked = marked
            || toks.get(np_end).is_some_and(|n| n.is("in"))
                && toks
                    .get(np_end + 1)
                    .is_some_and(|n| n.is_any(&["total", "all"]));
        // "12 people were hurt: …": allow a short verb phrase when the total is marked or a colon follows.
        let mut sep = np_end;
        let mut steps = 0;
        while sep < toks.len()
            && steps < 4
            && !matches!(toks[sep].text, ":" | "—" | "–" | "," | "." | ";")
            && !(toks[sep].text == "-" && sep > 0 && !adjacent(&toks[sep - 1], &toks[sep]))
        {
            sep += 1;
            steps += 1;
        }
        // "… is made up of £12m for …", "… consisting of …", "… split between …": the words
        // that open a breakdown.
        let opener = (np_end..sep).find_map(|i| {
            let next = |d: usize, w: &str| toks.get(i + d).is_some_and(|n| n.is(w));
            if toks[i].is("made") && next(1, "up") && next(2, "of") {
                Some(i + 2)
            } else if (toks[i].is_any(&["consisting", "consists"]) && next(1, "of"))
                || (toks[i].is("split") && next(1, "between"))
            {
                Some(i + 1)
            } else if toks[i].is_any(&["comprising", "comprises"]) {
                Some(i)
            } else {
                None
            }
        });
        let opened_by_words = opener.is_some();
        let sep = opener.unwrap_or(sep);
        let Some(st) = toks.get(sep) else { continue };
        let spaced_hyphen = st.text == "-"
            && sep > 0
            && !adjacent(&toks[sep - 1], st)
            && toks.get(sep + 1).is_some_and(|n| !adjacent(st, n));
        let ok_sep = st.text == ":"
            || opened_by_words
            || ((st.text == "—" || st.text == "–" || spaced_hyphen) && marked)
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
        // "…, with seven in Luton and two in Hull".
        let mut from = sep + 1;
        if st.text == "," && toks.get(from).is_some_and(|n| n.is("with")) {
            from += 1;
        }
        let Some(parts) = breakdown(cx, si, from, t.kind) else {
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
        cx.push(Check::new(META.code, figs, range, comp, consistent).message(msg, rel));
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
