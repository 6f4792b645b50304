//! NUM001 `count-mismatch`.

use super::{Diagnostic, RuleContext};
use crate::analysis::diagnostic::{Edit, Fix, Related};
use crate::analysis::document::BlockKind;
use crate::analysis::lexicon;
use crate::analysis::numbers::cx::Cx;
use crate::analysis::numbers::parse::{
    Tk, adjacent, count_word, counted_np, number_word, sentence_toks, word_value,
};
use crate::analysis::numbers::{Check, FigureKind};
use crate::analysis::range::TextRange;
use crate::analysis::tokens::TokenKind;

declare_rule! {
    /// ## What it does
    /// Flags a stated count that disagrees with the items listed with it: "three goals: a, b, c
    /// and d", "her three daughters, Ana and Lucia", "both" or "the pair" over three names, "the
    /// first of four stops" followed by only three.
    ///
    /// Only clean lists count: `N <noun>: a, b and c` (also "N <noun> are:" and "are as
    /// follows:"); `N <noun> - a, b and c -` with an em dash, an en dash or a spaced hyphen; "the
    /// N <noun>, Name, Name and Name" after a determiner ("the", "her", "its", "the firm's",
    /// "all"), which names all of them; `N <noun>:` ending a paragraph followed by a Markdown
    /// bullet list; `N <plural noun>.` followed by sentences opening "First," "Second," … or "The
    /// first" "The second" …, with "Finally," or "The last" closing; "the first of N <noun>"
    /// followed by sentences of its paragraph that continue the sequence ("Later …, then …",
    /// "Another …", "The second …", "Finally …"); a short sentence counting things to come
    /// ("Meetings with five leaders are planned.") followed by an unmarked first item and
    /// sentences opened by "Then", "Later", "Next" … that close with "Finally" or "The last"; and
    /// "both", "the pair", "the duo", "the trio"
    /// or "the quartet" over a list of names, or over the names that open the sentence before
    /// ("A and B were named. The trio …").
    ///
    /// A list introduced by "including", "such as", "among them" or "notably" is partial and
    /// never counted; nor are alternatives after a dash or comma ("one of the four banks - A or
    /// B -"), places ("in Leeds, York and Hull"), lists whose items mix capitalised and lower-case
    /// starts (but for a few one-word names among lower-case things), contain "which"/"who"/"aka",
    /// contain figures, run longer than six words, or have a second "and". A sequence that stops
    /// short after one more sentence ("The second is due next month") may be partial and is not
    /// counted unless it is closed ("Finally", "a final", "the second and final").
    ///
    /// ## Why it matters
    /// A count and its list drift apart when a draft is edited. Readers notice, and it undermines
    /// every other figure in the story.
    ///
    /// ## Example
    /// Flagged: `The summit has three goals: sanctions, troops, aid and energy.` (four listed; the
    /// fix changes `three` to `four`)
    ///
    /// Flagged: `She is survived by her three daughters, Ana and Lucia, and a son.`
    ///
    /// Flagged: `The firm's four brands - Acme, Zenith and Orbit - will share the site.`
    ///
    /// Flagged: `The visit is the first of four stops on her tour. Later she will visit Leeds, then
    /// York.` (three stops)
    ///
    /// Flagged: `Tom Hale and Ana Ruiz were named in the squad. The trio will travel on Friday.`
    ///
    /// Not flagged: `The summit has four goals: sanctions, troops, aid and energy.`
    ///
    /// Not flagged: `The firm has four brands, including Acme and Zenith.` (a partial list)
    ///
    /// Not flagged: `The first of three rounds was held in Leeds. The second is due in May.`
    NUM001, "count-mismatch", Warning,
    figures: Sentence(count_lists),
    measured: 1 / 1,
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
        let closing = matches!(t.text, "." | "—" | "–" | ")" | "?" | "!" | ":")
            || (t.text == "-" && j > k && !adjacent(&toks[j - 1], t));
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
    // Appositives ("Los Santos, which is …, San Fierro, aka …"): items must start alike, but for
    // a few capitalised words among lower-case things ("maths, English and music").
    let caps = items.iter().filter(|&&(a, _)| toks[a].is_cap()).count();
    let few_proper = !names_only
        && caps * 2 < items.len()
        && items
            .iter()
            .all(|&(a, b)| !toks[a].is_cap() || b - a == 1);
    if caps != 0 && caps != items.len() && !few_proper {
        return None;
    }
    // Places and circumstances ("in Leeds, York and Hull") are not the counted things themselves.
    if items.iter().any(|&(a, _)| {
        toks[a].is_any(&[
            "in", "at", "on", "from", "to", "by", "with", "for", "across", "into", "near",
        ])
    }) {
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
    // A sentence opening "First," / "Secondly," or "The first" / "The second": the marker's
    // index (0 = first; `None` for "Finally," / "The last") and its range.
    let marker = |sj: usize| -> Option<(Option<usize>, TextRange)> {
        let st = cx.toks.get(sj)?;
        let t = st.first()?;
        let comma = st.get(1).is_some_and(|c| c.text == ",");
        if comma {
            if t.is_any(&["finally", "lastly"]) {
                return Some((None, t.range));
            }
            let i = ENUM_MARKERS.iter().position(|m| t.is_any(m))?;
            return Some((Some(i), t.range));
        }
        let o = st.get(1).filter(|_| t.is("the"))?;
        if o.is_any(&["last", "final"]) {
            return Some((None, o.range));
        }
        let i = ENUM_MARKERS.iter().position(|m| o.is(m[0]))?;
        Some((Some(i), o.range))
    };
    let (Some(0), first) = marker(si + 1)? else {
        return None;
    };
    let mut count = 1;
    let mut last = first;
    let mut last_sj = si + 1;
    for sj in si + 2..(si + 14).min(cx.toks.len()) {
        // Items are a few sentences long at most; a later "Finally," is another matter.
        if sj - last_sj > 3 {
            break;
        }
        let Some((i, range)) = marker(sj) else {
            continue;
        };
        match i {
            None => return Some((count + 1, range)),
            Some(i) if i == count => {
                count += 1;
                last = range;
                last_sj = sj;
            }
            Some(_) => return None,
        }
    }
    (count >= 2).then_some((count, last))
}

fn count_lists(cx: &mut Cx<'_>, si: usize) {
    let toks = &cx.toks[si];
    back_reference(cx, si);
    first_of(cx, si);
    planned_sequence(cx, si);
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
        // "both X, Y and Z", "both of them - X, Y and Z -", "the pair, X, Y and Z,".
        if let Some(n) = count_word(&toks[k])
            && let Some((from, items)) = collective_list(toks, k, n)
        {
            let count = items.len();
            let comp = format!("`{}` = {n}, items listed = {count}", toks[k].lower);
            let last = items[count - 1].1;
            let list = TextRange::new(toks[from].range.start, toks[last - 1].range.end);
            let msg = format!(
                "`{}` means {n} but introduces {count} items: {}",
                cx.text(toks[k].range),
                cx.text(list)
            );
            let rel = vec![Related {
                range: list,
                message: format!("{count} items"),
            }];
            let range = toks[k].range;
            cx.push(
                Check::new(META.code, Vec::new(), range, comp, count as i128 == n)
                    .message(msg, rel),
            );
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
        // "the two leaders", "her three daughters", "the firm's four brands", "all six players".
        let the = determined(toks, k);
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
        // "The four finalists are:", "the three towns chosen were as follows:".
        if toks.get(np_end).is_some_and(|t| t.is_any(&["are", "were"])) {
            let mut j = np_end + 1;
            if toks.get(j).is_some_and(|t| t.is("as"))
                && toks.get(j + 1).is_some_and(|t| t.is("follows"))
            {
                j += 2;
            }
            if toks.get(j).is_some_and(|t| t.text == ":") {
                np_end = j;
            }
        }
        let Some(sep) = toks.get(np_end) else {
            continue;
        };
        let colon = sep.text == ":";
        let dash = opening_dash(toks, np_end);
        let comma_names = the && (sep.text == "," || sep.text == "(");
        if !(colon || dash || comma_names) {
            continue;
        }
        let items = if np_end + 1 == toks.len() || (colon && np_end + 2 == toks.len()) {
            bullet_items(cx, si)
        } else {
            list_items(toks, np_end + 1, !colon && !dash).and_then(|v| {
                // "one of the four banks - A or B -": alternatives name a choice among the
                // count, not its members (a colon still lists options: "two choices: stay or go").
                let last_start = v.last().map_or(0, |x| x.0);
                if !colon && last_start > 0 && toks[last_start - 1].is("or") {
                    return None;
                }
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
            count_fix(cx, fi, toks[k].kind == TokenKind::Number, count)
        };
        let range = f.range;
        cx.push(
            Check::new(META.code, vec![fi], range, comp, consistent)
                .message(msg, Vec::new())
                .fix(fix),
        );
    }
}

/// The names a count word introduces: "both X, Y and Z", "both of them - X, Y and Z -", "the
/// pair, X, Y and Z,". Returns the first token of the list and its items, when the list has a
/// clean close and, for "both" (which also joins two things: "both Tom and Ana"), three or more
/// names.
fn collective_list(
    toks: &[Tk<'_>],
    k: usize,
    n: i128,
) -> Option<(usize, Vec<(usize, usize)>)> {
    let both = toks[k].is("both");
    let mut j = k + 1;
    if both {
        if toks.get(j).is_some_and(|t| t.is("of"))
            && toks
                .get(j + 1)
                .is_some_and(|t| t.is_any(&["them", "these", "those"]))
        {
            j += 2;
            if !opening_dash(toks, j) && toks.get(j).is_none_or(|t| t.text != ":") {
                return None;
            }
            j += 1;
        }
    } else {
        // "the pair, …" / "the trio - …": a definite collective followed by its appositive.
        if !(k > 0 && toks[k - 1].is_any(&["the", "this", "that"])) {
            return None;
        }
        if !(toks.get(j).is_some_and(|t| t.text == "," || t.text == "(") || opening_dash(toks, j))
        {
            return None;
        }
        j += 1;
    }
    let items = list_items(toks, j, true)?;
    let end = items.last().map_or(0, |x| x.1);
    let closes = toks
        .get(end)
        .is_none_or(|t| matches!(t.text, "," | ")" | "—" | "–" | "-" | "." | ";" | ":"))
        || both && j == k + 1;
    let names = items
        .iter()
        .all(|&(a, b)| toks[a..b].iter().all(|t| t.is_cap() || t.text == "."));
    if !closes || !names || (both && items.len() < 3) || items.len() < 2 {
        return None;
    }
    let _ = n;
    Some((j, items))
}

/// "A and B have been named in the squad. The trio will travel …": a collective at the start of
/// a sentence that takes up the names opening the sentence before (same paragraph).
fn back_reference(cx: &mut Cx<'_>, si: usize) {
    let toks = &cx.toks[si];
    let (Some(t0), Some(t1)) = (toks.first(), toks.get(1)) else {
        return;
    };
    let Some(n) = count_word(t1).filter(|_| t0.is("the") && !t1.is("both")) else {
        return;
    };
    // "the pair of shoes", "the trio's album": not a back-reference to people.
    if toks.get(2).is_none_or(|t| t.is("of") || !t.is_word()) || si == 0 {
        return;
    }
    let doc = cx.doc;
    if doc.sentences[si - 1].paragraph != doc.sentences[si].paragraph {
        return;
    }
    let prev = sentence_toks(doc, si - 1);
    let Some(items) = list_items(&prev, 0, true) else {
        return;
    };
    let end = items.last().map_or(0, |x| x.1);
    // The names are the subject: a verb follows them.
    if !prev.get(end).is_some_and(|t| {
        t.is_any(&[
            "have", "has", "had", "were", "are", "will", "would", "was", "is", "both", "all",
        ]) || (t.is_word() && !t.is_cap() && t.lower.ends_with("ed"))
    }) {
        return;
    }
    let count = items.len();
    if count < 2 || count as i128 == n {
        return;
    }
    let list = TextRange::new(prev[0].range.start, prev[end - 1].range.end);
    let comp = format!("`{}` = {n}, named before = {count}", t1.lower);
    let msg = format!(
        "`{}` means {n} but the sentence before names {count}: {}",
        cx.text(TextRange::new(t0.range.start, t1.range.end)),
        cx.text(list)
    );
    let rel = vec![Related {
        range: list,
        message: format!("{count} named"),
    }];
    let range = t1.range;
    cx.push(Check::new(META.code, Vec::new(), range, comp, false).message(msg, rel));
}

/// Sentence openers that continue a sequence: "Later …", "Then …", "Another …", "The second …".
fn continues(toks: &[Tk<'_>]) -> Option<bool> {
    let t0 = toks.first()?;
    if t0.is_any(&["finally", "lastly"]) {
        return Some(true);
    }
    if t0.is_any(&["later", "then", "afterwards", "next", "another"]) {
        return Some(false);
    }
    let t1 = toks.get(1)?;
    if t0.is("after") && t1.is("that") {
        return Some(false);
    }
    if t0.is_any(&["the", "a"]) {
        if t1.is_any(&["last", "final"]) {
            return Some(true);
        }
        if t1.is("next") || ENUM_MARKERS[1..].iter().any(|m| t1.is(m[0])) {
            return Some(false);
        }
    }
    None
}

/// "the second and final …": an ordinal that says it ends the sequence.
fn closes_ordinal(st: &[Tk<'_>]) -> bool {
    st.windows(3).any(|w| {
        w[1].is("and")
            && w[2].is_any(&["final", "last"])
            && ENUM_MARKERS[1..].iter().any(|m| w[0].is_any(m))
    })
}

/// "Meetings with five leaders are planned. She sees A on Monday. Then comes a meeting with B.
/// Finally, she will meet C.": a count of things to come, then the sentences of its paragraph
/// that go through them, the first unmarked and the rest opened by "Then", "Later", "Next" …
/// Only a run that says where it ends ("Finally", "The last") is the whole of it.
fn planned_sequence(cx: &mut Cx<'_>, si: usize) {
    let toks = &cx.toks[si];
    if toks.len() > 16
        || toks.last().is_none_or(|t| t.text != ".")
        || toks.iter().any(|t| t.is_any(&["first", "including", "such", ":"]))
        || !toks.iter().any(|t| {
            t.is_any(&[
                "planned",
                "scheduled",
                "will",
                "due",
                "expected",
                "lined",
            ])
        })
    {
        return;
    }
    let figs: Vec<usize> = (0..toks.len()).filter_map(|k| cx.fig_at(si, k)).collect();
    let [fi] = figs[..] else { return };
    let f = &cx.figs[fi];
    let Some(n) = f
        .exact
        .filter(|v| v.is_integer() && (2..=10).contains(&v.num))
        .map(|v| v.num)
    else {
        return;
    };
    if f.kind != FigureKind::Count
        || f.qualifier.is_some()
        || !f.counts.as_deref().is_some_and(|c| c.ends_with('s'))
        || enumeration(cx, si).is_some()
    {
        return;
    }
    let doc = cx.doc;
    let para = doc.sentences[si].paragraph;
    let same_para = |sj: usize| sj < doc.sentences.len() && doc.sentences[sj].paragraph == para;
    // The first item: a sentence of its own, not itself a continuation.
    if !same_para(si + 1) || continues(&sentence_toks(doc, si + 1)).is_some() {
        return;
    }
    let mut items = 1usize;
    let mut closed = false;
    let mut last = None;
    let mut sj = si + 2;
    while same_para(sj) && sj <= si + 5 && !closed {
        let st = sentence_toks(doc, sj);
        let Some(fin) = continues(&st) else { break };
        items += 1;
        closed |= fin || closes_ordinal(&st);
        last = Some(st[0].range);
        for w in st.windows(2).skip(1) {
            if (w[0].text == "," || w[0].is("and")) && w[1].is_any(&["then", "finally"]) {
                items += 1;
                closed |= w[1].is("finally");
                last = Some(w[1].range);
            }
        }
        sj += 1;
    }
    let Some(last) = last.filter(|_| closed && items >= 3) else {
        return;
    };
    let digits = toks[cx.local(fi)].kind == TokenKind::Number;
    sequence_check(cx, fi, n, items, last, digits, "… ", |written| {
        format!("`{written}` but the sentences that go through them name {items}")
    });
}

/// "X is the first of three stops on the tour. Later she will visit Y, then Z.": the items of a
/// sequence that the first item opens and the next sentences of its paragraph continue. Each
/// continuing sentence is one item, and each ", then" / "and finally" inside it one more.
fn first_of(cx: &mut Cx<'_>, si: usize) {
    let toks = &cx.toks[si];
    let Some(k) = (1..toks.len().saturating_sub(1))
        .find(|&k| toks[k].is("first") && toks[k + 1].is("of"))
    else {
        return;
    };
    let Some(fi) = cx.fig_at(si, k + 2) else {
        return;
    };
    let f = &cx.figs[fi];
    let Some(n) = f
        .exact
        .filter(|v| v.is_integer() && (2..=10).contains(&v.num))
        .map(|v| v.num)
    else {
        return;
    };
    if f.kind != FigureKind::Count
        || f.qualifier.is_some()
        || !f.counts.as_deref().is_some_and(|c| c.ends_with('s'))
    {
        return;
    }
    let doc = cx.doc;
    let para = doc.sentences[si].paragraph;
    let mut items = 1usize;
    let mut closed = false;
    let mut last = None;
    let mut sj = si + 1;
    while sj < doc.sentences.len() && sj <= si + 4 && doc.sentences[sj].paragraph == para {
        let st = sentence_toks(doc, sj);
        let Some(fin) = continues(&st) else { break };
        items += 1;
        closed |= fin;
        last = Some(st[0].range);
        for w in st.windows(2).skip(1) {
            if (w[0].text == "," || w[0].is("and")) && w[1].is_any(&["then", "finally"]) {
                items += 1;
                closed |= w[1].is("finally");
                last = Some(w[1].range);
            }
            if w[1].is_any(&["final", "last"]) && w[0].is_any(&["a", "the"]) {
                closed = true;
            }
        }
        // "The second and final round …", "the third and last stop".
        closed |= closes_ordinal(&st);
        sj += 1;
    }
    let Some(last) = last else { return };
    // One sentence more can be a partial mention ("The second is due next month."); a run of
    // them, or one that ends the sequence ("Finally"), is the whole of it.
    if items as i128 != n && items < n as usize && items < 3 && !closed {
        return;
    }
    let digits = toks[k + 2].kind == TokenKind::Number;
    sequence_check(cx, fi, n, items, last, digits, "this one, then … ", |written| {
        format!("`first of {written}` but the sequence that follows has {items}")
    });
}

/// Count figure `fi` (stated `n`) against a sequence of `items` told over sentences, the last
/// at `last`: consistent when they agree, else a mismatch whose message `describe` words from
/// the count as written ("three stops"), with the fix to `items` written as the figure was.
#[allow(clippy::too_many_arguments)]
fn sequence_check(
    cx: &mut Cx<'_>,
    fi: usize,
    n: i128,
    items: usize,
    last: TextRange,
    digits: bool,
    lead: &str,
    describe: impl FnOnce(&str) -> String,
) {
    let f = &cx.figs[fi];
    let range = f.range;
    if items as i128 == n {
        let comp = format!("stated {n}, sequence of {items}");
        cx.push(Check::new(META.code, vec![fi], range, comp, true));
        return;
    }
    let written = format!("{} {}", cx.text(range), f.counts.clone().unwrap_or_default());
    let comp = format!("stated {n}, sequence of {items} ({lead}{})", cx.text(last));
    let msg = describe(&written);
    let rel = vec![Related {
        range: last,
        message: format!("item {items}"),
    }];
    let fix = count_fix(cx, fi, digits, items);
    cx.push(
        Check::new(META.code, vec![fi], range, comp, false)
            .message(msg, rel)
            .fix(fix),
    );
}

/// The correction of figure `fi` to `count`, written as the figure was (digits or words).
fn count_fix(cx: &Cx<'_>, fi: usize, digits: bool, count: usize) -> Option<Fix> {
    let f = &cx.figs[fi];
    let orig = cx.text(f.range);
    let repl = if !f.range.is_empty() && digits {
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
}

/// A determiner that makes "N <noun>" a definite set whose appositive names all of it: "the",
/// a possessive ("her", "its", "the firm's") or "all".
fn determined(toks: &[Tk<'_>], k: usize) -> bool {
    let Some(p) = k.checked_sub(1).and_then(|i| toks.get(i)) else {
        return false;
    };
    p.is_any(&[
        "the", "its", "their", "his", "her", "our", "my", "your", "all", "these", "those",
    ]) || (p.is_word() && lexicon::is_possessive(&p.lower))
}

/// A dash that opens a list at token `j`: an em or en dash not glued to the word before, or a
/// hyphen with a space on both sides (" - ").
fn opening_dash(toks: &[Tk<'_>], j: usize) -> bool {
    let Some(t) = toks.get(j) else { return false };
    let spaced_before = j > 0 && !adjacent(&toks[j - 1], t);
    match t.text {
        "—" | "–" => spaced_before,
        "-" => spaced_before && toks.get(j + 1).is_some_and(|n| !adjacent(t, n)),
        _ => false,
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
