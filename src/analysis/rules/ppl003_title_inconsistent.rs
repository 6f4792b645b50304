//! PPL003 `title-inconsistent`.

use super::{Diagnostic, RuleContext};

declare_rule! {
    /// ## What it does
    /// Flags a person given two different offices in one article ("Defence Secretary" then
    /// "Foreign Secretary"). Titles that contain one another ("President" and "Ukrainian
    /// President", "national security adviser" and "White House national security adviser")
    /// agree; "Sen." and "Senator" are the same word. Only offices are compared: descriptions
    /// ("actor" and "star", "striker" and "Liverpool forward"), ranks beside an office ("General"
    /// and "President") and past offices ("former shadow chancellor") are left alone.
    ///
    /// ## Why it matters
    /// A person has one role at a time; two titles means one of them is wrong or out of date.
    ///
    /// ## Example
    /// Flagged: `Foreign Secretary Jack Straw arrived first. Later, Home Secretary Jack Straw
    /// spoke.`
    ///
    /// Not flagged: `Foreign Secretary Jack Straw arrived first. Later, Mr Straw spoke.`
    PPL003, "title-inconsistent", Hint,
    measured: 0 / 1,
}

fn words(title: &str) -> Vec<String> {
    title
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .map(|w| {
            match w.as_str() {
                "sen" => "senator",
                "gov" => "governor",
                "rep" => "representative",
                "gen" => "general",
                "prof" => "professor",
                "lt" => "lieutenant",
                "col" => "colonel",
                "capt" => "captain",
                "advisor" => "adviser",
                "defense" => "defence",
                other => other,
            }
            .to_string()
        })
        .filter(|w| {
            !w.is_empty() && !matches!(w.as_str(), "former" | "the" | "then" | "of" | "a" | "an")
        })
        .collect()
}

fn agree(a: &str, b: &str) -> bool {
    // Past offices accumulate: "former Defence Secretary" and "former shadow chancellor".
    let past = |t: &str| {
        let t = t.to_lowercase();
        t.contains("former") || t.contains("ex-")
    };
    if past(a) || past(b) {
        return true;
    }
    let (a, b) = (words(a), words(b));
    if a.iter().all(|w| b.contains(w)) || b.iter().all(|w| a.contains(w)) {
        return true;
    }
    // Only two offices disagree. A description ("actor" and "star", "striker" and "Liverpool
    // forward", "Fed chief" and "Federal Reserve chairman") or a rank beside an office
    // ("General" and "President") is style, not a contradiction.
    let (Some(ha), Some(hb)) = (a.last(), b.last()) else {
        return true;
    };
    if !office(ha) || !office(hb) {
        return true;
    }
    // The same office under another abbreviation ("NI minister", "Northern Ireland minister").
    ha == hb
        && (a.len() == 1
            || b.len() == 1
            || a.first().zip(b.first()).is_some_and(|(x, y)| x == y)
            || abbreviates(&a, &b)
            || abbreviates(&b, &a))
}

/// A formal office whose holder a copy desk can check: not a description, a rank or an
/// honorific.
fn office(head: &str) -> bool {
    matches!(
        head,
        "president"
            | "minister"
            | "secretary"
            | "chancellor"
            | "senator"
            | "representative"
            | "congressman"
            | "congresswoman"
            | "governor"
            | "mayor"
            | "ambassador"
            | "judge"
            | "justice"
            | "commissioner"
            | "speaker"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "premier"
            | "mp"
            | "mep"
            | "councillor"
            | "attorney"
            | "adviser"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "director"
            | "executive"
            | "ceo"
            | "treasurer"
            | "envoy"
            | "deputy"
    )
}

/// Whether the words of `short` are the initials of words in `long` plus the same head
/// ("NI minister" for "Northern Ireland minister").
fn abbreviates(short: &[String], long: &[String]) -> bool {
    let initials: String = long
        .iter()
        .take(long.len().saturating_sub(1))
        .filter_map(|w| w.chars().next())
        .collect();
    short
        .iter()
        .take(short.len().saturating_sub(1))
        .any(|w| w.len() >= 2 && initials.contains(w.as_str()))
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for p in &ctx.people.persons {
        let Some((first, first_range)) = p.titles.first() else {
            continue;
        };
        for (t, r) in p.titles.iter().skip(1) {
            if agree(first, t) {
                continue;
            }
            out.push(
                ctx.diagnostic(
                    *r,
                    format!("{} is `{t}` here but `{first}` earlier", p.name),
                )
                .with_related(*first_range, format!("first title: `{first}`")),
            );
        }
    }
}
