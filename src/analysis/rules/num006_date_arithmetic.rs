//! NUM006 `date-arithmetic`.

use super::{Diagnostic, RuleContext};
use crate::analysis::date::Date;
use crate::analysis::lexicon::calendar;
use crate::analysis::numbers::cx::Cx;
use crate::analysis::numbers::{Check, FigureKind};
use crate::analysis::range::TextRange;
use crate::analysis::tokens::TokenKind;

declare_rule! {
    /// ## What it does
    /// Flags dates that disagree: a weekday that does not fall on the date beside it, "N
    /// days/weeks/months after DATE" that lands on another stated day, "the first N days" of an
    /// event that have not yet passed, and an age that disagrees with a birth date.
    ///
    /// It reads a weekday written next to a date ("Tuesday, March 24, 2022", "Feb. 24, 2022, a
    /// Wednesday"); "N days/weeks/months after DATE" (or after "it began"/"the invasion", with the
    /// article's single "began DATE") against a weekday or date stated in the same sentence; "the
    /// first N days of" an event that began on a date, which must have passed by the article date;
    /// and an age in the same sentence as "born DATE" or "born in YEAR", against the article date.
    /// The year comes from the date itself or, when the text gives none, from the article date
    /// (front matter `date:`, `copydesk.toml` or `--date`), taking the nearest such date; without
    /// either, weekday checks stay quiet.
    ///
    /// ## Why it matters
    /// Calendar slips are easy to make and easy for readers to check.
    ///
    /// ## Example
    /// Flagged: `The invasion began Feb. 24, 2022, a Wednesday.` (Feb. 24, 2022 was a Thursday)
    ///
    /// Not flagged: `The invasion began Feb. 24, 2022, a Thursday.`
    NUM006, "date-arithmetic", Warning,
    figures: Article(dates),
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, out);
}

fn fmt_date(d: Date) -> String {
    format!("{} {}, {}", calendar::month_ap(d.month), d.day, d.year)
}

fn fmt_md(m: u8, d: u8) -> String {
    format!("{} {d}", calendar::month_ap(m))
}

fn dates(cx: &mut Cx<'_>) {
    let article = cx.article_date;
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
    cx.push(Check::new(META.code, vec![wi, di], range, comp, consistent).message(msg, rel));
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
        cx.push(Check::new(META.code, vec![fi, bi], range, comp, consistent).message(msg, rel));
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
            cx.push(Check::new(META.code, vec![fi, ai], range, comp, consistent).message(msg, rel));
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
                Check::new(META.code, vec![fi, ai, ti], range, comp, consistent).message(msg, rel),
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
                Check::new(META.code, vec![fi, ai, ti], range, comp, consistent).message(msg, rel),
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
    cx.push(Check::new(META.code, vec![fi, bi], range, comp, consistent).message(msg, rel));
}
