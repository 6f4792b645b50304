//! NUM001 `count-mismatch`.

use super::{Diagnostic, RuleContext};
use crate::analysis::diagnostic::{Edit, Fix, Related};
use crate::analysis::document::BlockKind;
use crate::analysis::numbers::cx::Cx;
use crate::analysis::numbers::parse::{Tk, adjacent, counted_np, number_word, word_value};
use crate::analysis::numbers::{Check, FigureKind};
use crate::analysis::range::TextRange;
use crate::analysis::tokens::TokenKind;

declare_rule! {
    /// ## What it does
    /// Flags a stated count that disagrees with the items listed right after it: "three goals: a,
    /// b, c and d", "both" over three names, "the two leaders, A, B and C".
    ///
    /// Only clean lists count: `N <noun>: a, b, c and d` or `N <noun> — a, b and c —` in the same
    /// sentence; `N <noun>:` ending a paragraph followed by a Markdown bullet list (items at the
    /// first list's indentation); `N <plural noun>.` followed by sentences opening "First,"
    /// "Second," … "Finally," (each within three sentences of the last); "the N <noun>, Name, Name
    /// and Name" (a list of capitalised names); and "both" over three or more names. Lists whose
    /// items mix capitalised and lower-case starts, contain "which"/"who"/"aka" (appositives),
    /// contain figures, run longer than six words, or have a second "and" are not counted.
    ///
    /// ## Why it matters
    /// A count and its list drift apart when a draft is edited. Readers notice, and it undermines
    /// every other figure in the story.
    ///
    /// ## Example
    /// Flagged: `The summit has three goals: sanctions, troops, aid and energy.` (four listed; the
    /// fix changes `three` to `four`)
    ///
    /// Not flagged: `The summit has four goals: sanctions, troops, aid and energy.`
    NUM001, "count-mismatch", Warning,
    figures: Sentence(count_lists),
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, out);
}

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
            cx.push(Check::new(META.code, vec![fi], range, comp, consistent).message(msg, rel));
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
            cx.push(Check::new(META.code, Vec::new(), range, comp, false).message(msg, rel));
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
            repl.map(|r| {
                Fix::new(
                    format!("Change `{orig}` to `{r}`"),
                    vec![Edit {
                        range: f.range,
                        replacement: r,
                    }],
                )
            })
        };
        let range = f.range;
        cx.push(
            Check::new(META.code, vec![fi], range, comp, consistent)
                .message(msg, Vec::new())
                .fix(fix),
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
