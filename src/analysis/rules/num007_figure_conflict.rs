//! NUM007 `figure-conflict`.

use super::{Diagnostic, RuleContext};
use crate::analysis::lexicon;
use crate::analysis::numbers::cx::Cx;
use crate::analysis::numbers::parse::adjacent;
use crate::analysis::numbers::{Check, FigureKind};
use crate::analysis::range::TextRange;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Flags the same count of the same thing given two different values in one article ("the 300
    /// members of the Duma" … "the Duma's 450 members", "12 people were killed" … "the 13 dead").
    ///
    /// Only strong keys are compared: "the N <noun> of [the] <Name>" / "all N <noun> of <Name>"
    /// (with an appositive alias: "the 300 members of Russia's lower house of parliament — the Duma
    /// —"), "<Name>'s N <noun>", and the death toll of the article's event ("12 people were
    /// killed", "killing 12 people", "the 13 dead", keyed with the place when one follows).
    /// Sentences that mark a change ("now", "rose", "updated", "new", "was", "earlier", "another",
    /// "toll", …), hedged figures, quotations, relative clauses about other events ("bombs which
    /// killed seven") and dated events ("the 1989 disaster") are skipped.
    ///
    /// ## Why it matters
    /// Two values for one fact means at least one is wrong.
    ///
    /// ## Example
    /// Flagged: `The 300 members of the Duma met on Monday. On Tuesday, all 450 members of the Duma
    /// voted.`
    ///
    /// Not yet flagged: `The 300 members of the Duma met. The Duma's 450 members voted.` (a known
    /// gap: the possessive form is not yet matched with the first)
    ///
    /// Not flagged: `The 450 members of the Duma met on Monday. On Tuesday, all 450 members of the
    /// Duma voted.`
    NUM007, "figure-conflict", Warning,
    figures: Article(conflicts),
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    super::emit_checks(ctx, out);
}

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
