//! NUM007 `figure-conflict`.

use super::{Diagnostic, RuleContext};
use crate::analysis::lexicon;
use crate::analysis::numbers::cx::Cx;
use crate::analysis::numbers::parse::{Tk, adjacent, stop_word};
use crate::analysis::numbers::{Check, FigureKind};
use crate::analysis::range::TextRange;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Flags the same count of the same thing given two different values in one article,
    /// headline included ("the 300 members of the Duma" … "the Duma's 450 members", "the 120
    /// workers at the plant" … "all 150 plant workers", "12 people were killed" … "the 13 dead").
    /// The finding shows both places.
    ///
    /// A count is keyed by its owner and what it counts, in the forms newsrooms write: "the N
    /// <noun> of [the] <Name>" / "all N <noun> of <Name>" (with an appositive alias: "the 300
    /// members of Russia's lower house of parliament — the Duma —"), "<Name>'s N <noun>", "the N
    /// <noun> at/of the <owner>", "the <owner>'s N <noun>", "<owner> employs/has N <noun>" (also
    /// ", which has N <noun>"), "N <owner> <noun>" ("120 plant workers"), and the death toll of the
    /// article's event ("12 people were killed", "killing 12 people", "the 13 dead", keyed with
    /// the place when one follows). The counted words must match ("full-time staff" and
    /// "part-time staff" are two counts), and a place after them narrows the key ("at the plant
    /// in Leeds"). A count followed by a relative clause or another qualifier ("who joined this
    /// year", "in its youth teams") is a subset and not keyed. Sentences that mark a change or a
    /// part ("now", "rose", "updated", "formerly", "further", "another", "remaining", …), a year or
    /// "last year", a verb of another time right before the figure ("had 300", "was 300", "from
    /// 300"), hedged figures, quotations, relative clauses about other events ("bombs which killed
    /// seven") and dated events ("the 1989 disaster") are skipped.
    ///
    /// ## Why it matters
    /// Two values for one fact means at least one is wrong.
    ///
    /// ## Example
    /// Flagged: `The 300 members of the Duma met on Monday. On Tuesday, all 450 members of the Duma
    /// voted.`
    ///
    /// Flagged: `The 300 members of the Duma met. The Duma's 450 members voted.`
    ///
    /// Flagged: `The 120 workers at the plant were told on Thursday. All 150 plant workers will be
    /// offered new contracts.`
    ///
    /// Not flagged: `The 450 members of the Duma met on Monday. On Tuesday, all 450 members of the
    /// Duma voted.`
    ///
    /// Not flagged: `The 120 workers at the plant in Leeds were told. The 150 workers at the plant
    /// in Hull were not.` (two plants)
    NUM007, "figure-conflict", Warning,
    figures: Article(conflicts),
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, out);
}

/// Words that mark a count as changing or as of another time ("now has", "rose to", "formerly");
/// a sentence with one states no standing count. Tense alone ("was", "will") is not a change.
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
    "previously",
    "formerly",
    "former",
    "originally",
    "initially",
    "expanded",
    "enlarged",
    "until",
    "became",
    "become",
    "once",
    "earlier",
    "grew",
    "grown",
    "shrank",
    "reduced",
    "cut",
    "added",
    "joined",
    "joins",
    "join",
    "latest",
    "revised",
    "since",
    "remaining",
    "another",
    "further",
    "other",
    "more",
    "extra",
    "additional",
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

/// The figure is of another time than the article's present: a year in its sentence
/// ("in 2019"), "last year", or a verb of another time right before it ("had 300", "was 300",
/// "from 300").
fn another_time(cx: &Cx<'_>, fi: usize) -> bool {
    let f = &cx.figs[fi];
    let toks = &cx.toks[f.sentence];
    let k = cx.local(fi);
    let from = cx.figs.partition_point(|g| g.sentence < f.sentence);
    let dated = cx.figs[from..]
        .iter()
        .take_while(|g| g.sentence == f.sentence)
        .any(|g| g.kind == FigureKind::Year);
    let relative = toks.windows(2).any(|w| {
        w[0].is_any(&["last", "previous"])
            && w[1].is_any(&["year", "month", "week", "season", "summer", "spring", "autumn", "winter"])
    });
    let mut b = k;
    while b > 0 && toks[b - 1].is_any(&["the", "all", "only", "just", "some", "about"]) {
        b -= 1;
    }
    let verb = b > 0
        && toks[b - 1].is_any(&["had", "was", "were", "from", "have", "be", "been"]);
    dated || relative || verb
}

/// An owner: its key, its text and the token index after it.
type Owner = (String, String, usize);

/// The words that name an owner: a capitalised name (up to three words, keyed by its last:
/// "the European Convention" -> "convention", as the older forms key it) or one lower-case noun
/// after a determiner ("the company", "its sister company" -> "sister"). Returns the key (lower
/// case, possessive stripped), its text and the index after it.
fn owner_at(cx: &Cx<'_>, toks: &[Tk<'_>], j: usize) -> Option<Owner> {
    let mut s = j;
    let det = toks
        .get(s)
        .is_some_and(|t| t.is_any(&["the", "its", "their", "his", "her", "our"]));
    if det {
        s += 1;
    }
    let t = toks.get(s)?;
    let mut g = s + 1;
    if t.is_cap() {
        while g < toks.len() && g - s < 3 && toks[g].is_cap() {
            g += 1;
        }
    } else if !(det && t.is_word() && !stop_word(t)) {
        return None;
    }
    let key = toks[g - 1].stem().to_string();
    let text = cx.text(TextRange::new(toks[j].range.start, toks[g - 1].range.end));
    Some((key, text, g))
}

/// "in Leeds", "in the UK" after the counted thing or its owner: the place narrows the count.
/// Returns the place and the index after it.
fn place_at(toks: &[Tk<'_>], j: usize) -> Option<(String, usize)> {
    if !toks.get(j).is_some_and(|t| t.is("in")) {
        return None;
    }
    let p = if toks.get(j + 1).is_some_and(|t| t.is("the")) { j + 2 } else { j + 1 };
    toks.get(p)
        .filter(|t| t.is_cap())
        .map(|t| (t.stem().to_string(), p + 1))
}

/// Keys of a count owned by someone, in the forms newsrooms write: "the 120 workers at the
/// plant", "the 120 staff of the firm", "the firm's 120 staff", "the firm, which employs 120
/// staff", "all 120 plant workers". The counted noun phrase is the words right after the figure
/// (so "full-time staff" and "part-time staff" differ); a place after it ("in Leeds") narrows
/// the key; a relative clause or another qualifier after it ("who joined this year", "in its
/// youth teams") makes it a subset, and the figure gives no key.
fn owned_keys(cx: &Cx<'_>, fi: usize) -> (Vec<(String, String)>, Vec<String>) {
    let mut keys = Vec::new();
    let mut shown = Vec::new();
    let f = &cx.figs[fi];
    let toks = &cx.toks[f.sentence];
    let k = cx.local(fi);
    let a = cx.after(fi);
    if cx.doc.quote_at(f.range.start).is_some() {
        return (keys, shown);
    }
    // The counted noun phrase: one to three lower-case words.
    let mut e = a;
    while e < toks.len() && e - a < 3 && toks[e].is_word() && !toks[e].is_cap() && !stop_word(&toks[e])
    {
        e += 1;
    }
    if e == a || !toks[e - 1].lower.ends_with('s') && !toks[e - 1].is_any(&["staff", "people", "police", "personnel", "crew"]) {
        return (keys, shown);
    }
    let np: Vec<String> = toks[a..e].iter().map(|t| lemma(t.text)).collect();
    let np_text = cx.text(TextRange::new(toks[a].range.start, toks[e - 1].range.end));
    let mut push = |owner: String, owner_text: &str, place: Option<String>, noun: String| {
        let ent = match &place {
            Some(p) => format!("{owner} in {p}"),
            None => owner,
        };
        // "plant workers" reads "workers of the plant".
        let counted = np_text
            .strip_prefix(owner_text.trim_start_matches("the "))
            .map_or(np_text.as_str(), str::trim_start);
        shown.push(format!("{counted} of {owner_text}"));
        keys.push((ent, noun));
    };
    // What follows the noun phrase: an owner ("at the plant", "of the firm"), a place, the end.
    let after_np = |j: usize| -> Option<(Option<Owner>, Option<String>)> {
        let t = toks.get(j);
        if t.is_some_and(|t| t.is_any(&["at", "of"])) {
            let o = owner_at(cx, toks, j + 1)?;
            let (place, next) = match place_at(toks, o.2) {
                Some((p, n)) => (Some(p), n),
                None => (None, o.2),
            };
            if toks.get(next).is_some_and(|t| t.is_any(&["who", "which", "that", "in", "at", "from", "with", "outside", "across"])) {
                return None;
            }
            return Some((Some(o), place));
        }
        if let Some((p, n)) = place_at(toks, j) {
            if toks.get(n).is_some_and(|t| t.is_any(&["who", "which", "that", "in", "at", "from", "with"])) {
                return None;
            }
            return Some((None, Some(p)));
        }
        if t.is_some_and(|t| t.is_any(&["who", "which", "that", "in", "from", "with", "outside", "across", "aged", "under", "over"])) {
            return None;
        }
        Some((None, None))
    };
    let Some((owner_after, place)) = after_np(e) else {
        return (keys, shown);
    };
    let noun = np.join(" ");
    let prev = k.checked_sub(1).map(|i| &toks[i]);
    let det = prev.is_some_and(|p| p.is_any(&["the", "all"]));
    // "the 120 workers at the plant", "all 120 staff of the firm" (a capitalised "of" owner is
    // the older form's, keyed already).
    if let Some((o, o_text, _)) = &owner_after
        && (det || k == 0 || prev.is_some_and(|p| p.is("of")))
    {
        let of_name = toks[e].is("of") && toks.get(e + 1).is_some_and(Tk::is_cap)
            || toks[e].is("of") && toks.get(e + 2).is_some_and(Tk::is_cap) && toks[e + 1].is("the");
        if !of_name {
            push(o.clone(), o_text, place.clone(), noun.clone());
        }
    }
    if owner_after.is_some() {
        return (keys, shown);
    }
    // "the firm's 120 staff" (a capitalised owner is the older form's).
    if let Some(p) = prev
        && p.is_word()
        && !p.is_cap()
        && lexicon::is_possessive(&p.lower)
        && k >= 2
        && toks[k - 2].is_any(&["the", "its", "their"])
    {
        let text = cx.text(TextRange::new(toks[k - 2].range.start, p.range.end));
        push(p.stem().to_string(), lexicon::strip_possessive(&text), place, noun);
        return (keys, shown);
    }
    // "The firm employs 120 staff", "The firm, which has 120 staff,".
    if let Some(p) = prev
        && p.is_any(&["has", "employs"])
        && k >= 2
    {
        let mut end = k - 1;
        if end >= 2 && toks[end - 1].is_any(&["which", "who"]) && toks[end - 2].text == "," {
            end -= 2;
        }
        // The owner is the whole subject: from the sentence start (or its last comma).
        let mut s0 = end;
        while s0 > 0 && toks[s0 - 1].is_word() && end - s0 < 4 {
            s0 -= 1;
        }
        if (s0 == 0 || toks[s0 - 1].text == ",")
            && let Some((o, o_text, g)) = owner_at(cx, toks, s0)
            && g == end
        {
            push(o, &o_text, place, noun);
        }
        return (keys, shown);
    }
    // "all 120 plant workers", "650 union members to be balloted": an owner noun before the
    // counted one.
    if np.len() == 2 && (det || k == 0) {
        push(np[0].clone(), &format!("the {}", toks[a].text), place, np[1].clone());
    }
    (keys, shown)
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
                    && (e == a || !stop_word(&toks[e]))
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
        let (owned, owned_shown) = owned_keys(cx, fi);
        for (key, what) in owned.into_iter().zip(owned_shown) {
            if !keys.contains(&key) {
                keys.push(key);
                shown.push(what);
            }
        }
        if !keys.is_empty() && (toks.iter().any(|t| t.is_any(CHANGE_MARKERS)) || another_time(cx, fi))
        {
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
                        Check::new(META.code, vec![fi, pi], range, comp, consistent)
                            .message(msg, rel),
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
