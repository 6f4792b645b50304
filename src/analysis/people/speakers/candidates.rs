//! Candidate gathering: the noun phrase a cue attaches to, before it ("Daryl Kimball, executive
//! director of …, said") or after it ("said Victor Cha", "according to a statement"), and the
//! subject of a clause that introduces a quote.

use super::cues::title_word;
use super::{Ctx, Subject, plural_pronoun, pronoun};
use crate::analysis::lexicon::{self, calendar};
use crate::analysis::people::MentionKind;
use crate::analysis::range::TextRange;
use crate::analysis::tokens::{Token, TokenKind};

/// Words that may stand between a subject and its speech verb ("Biden also said").
const SKIP_BEFORE_VERB: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "would",
    "will",
    "later",
    "then",
    "again",
    "previously",
    "repeatedly",
    "earlier",
    "recently",
    "once",
    "publicly",
    "privately",
    "not",
    "never",
    "did",
    "does",
    "do",
    "just",
    "already",
    "reportedly",
    "had",
    "initially",
    "first",
    "often",
    "simply",
    "flatly",
    "bluntly",
    "quickly",
    "separately",
    "yesterday",
    "today",
    "tonight",
    "on",
    "last",
    "week",
    "night",
    "morning",
    "afternoon",
    "evening",
    "further",
    "and",
    "but",
    "is",
    "was",
];

/// A word of [`SKIP_BEFORE_VERB`] or a weekday ("Biden on Monday said"), lower case.
fn skips_before_verb(lc: &str) -> bool {
    SKIP_BEFORE_VERB.contains(&lc) || calendar::weekday_of(lc).is_some()
}

pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those",
    "another", "one", "some", "many", "several", "other", "two", "three", "four", "five", "most",
    "all", "both",
];

/// The subject ending right before token `v`.
pub(super) fn subject_left(ctx: &Ctx<'_>, toks: &[Token], v: usize) -> Option<Subject> {
    let mut j = v;
    while j > 0 {
        let w = ctx.w(&toks[j - 1]);
        if toks[j - 1].kind == TokenKind::Word
            && (skips_before_verb(&lexicon::lower(w))
                || (w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_lowercase())))
        {
            j -= 1;
            continue;
        }
        // A party designation or aside: "Rep. Gwen Moore (D-Wis.) said".
        if w == ")" {
            let open = toks[..j - 1].iter().rposition(|t| ctx.w(t) == "(");
            if let Some(o) = open.filter(|&o| j - 1 - o <= 8) {
                j = o;
                continue;
            }
        }
        break;
    }
    if j == 0 {
        return None;
    }
    let t = j - 1;
    // An appositive: "Daryl Kimball, executive director of …, said".
    if ctx.w(&toks[t]) == "," {
        // "Cosby's lawyer, Walter M Phillips Jr, said": the name is the appositive itself.
        if let Some(m) = t
            .checked_sub(1)
            .and_then(|n| ctx.mention_at(toks[n].range.start))
            .filter(|m| m.kind == MentionKind::FullName)
        {
            let w = ctx.w(&toks[t - 1]);
            let comma_before = toks[..t - 1]
                .iter()
                .rposition(|x| ctx.w(x) == ",")
                .is_some_and(|c| toks[c].range.end <= m.range.start);
            if comma_before && !lexicon::is_possessive(w) {
                return Some(Subject::Person(m.person, m.range));
            }
        }
        // Up to three comma-separated asides back: "Jean-Marc Ayrault, the foreign minister of
        // France, a permanent member of the Security Council, said".
        let mut k = t;
        for _ in 0..3 {
            let mut found = None;
            while k > 0 && t - k < 30 {
                k -= 1;
                if ctx.w(&toks[k]) == "," {
                    found = Some(k);
                    break;
                }
            }
            let c = found?;
            if c == 0 {
                return None;
            }
            if let Some(m) = ctx.mention_at(toks[c - 1].range.start) {
                return Some(Subject::Person(m.person, m.range));
            }
            // "Officials at Homeland Security Investigations, a division of …, said"
            if let Some(s @ Subject::Text(..)) = np_left(ctx, toks, c - 1) {
                let first = ctx.w(&toks[c - 1]);
                if !skips_before_verb(&lexicon::lower(first)) && !lexicon::is_not_person(first) {
                    return Some(s);
                }
            }
            k = c;
        }
        return None;
    }
    let w = ctx.w(&toks[t]);
    if let Some(g) = pronoun(w) {
        return Some(Subject::Pronoun(g, toks[t].range));
    }
    // "He’s claiming that …": a contracted pronoun before a progressive verb.
    if t + 1 == v
        && ctx.w(&toks[v]).ends_with("ing")
        && let Some(g) = pronoun(lexicon::strip_possessive(w))
    {
        return Some(Subject::Pronoun(g, toks[t].range));
    }
    if plural_pronoun(w) {
        return Some(Subject::Text(w.to_string(), toks[t].range));
    }
    if let Some(m) = ctx.mention_at(toks[t].range.start) {
        return Some(Subject::Person(m.person, m.range));
    }
    np_left(ctx, toks, t)
}

/// A noun phrase ending at token `t`: "the Kremlin", "a spokesman for the ministry", "officials".
pub(super) fn np_left(ctx: &Ctx<'_>, toks: &[Token], t: usize) -> Option<Subject> {
    if toks[t].kind != TokenKind::Word {
        return None;
    }
    let last = ctx.w(&toks[t]);
    if lexicon::is_function_word(last) || DETERMINERS.contains(&lexicon::lower(last).as_ref()) {
        return None;
    }
    if ctx.is_verb(&toks[t]) {
        return None;
    }
    let mut s = t;
    let mut n = 1;
    while s > 0 && n < 10 {
        let w = ctx.w(&toks[s - 1]);
        if toks[s - 1].kind != TokenKind::Word {
            break;
        }
        let lw = lexicon::lower(w);
        if DETERMINERS.contains(&lw.as_ref()) {
            s -= 1;
            // "a spokesman for the Kremlin": keep going over "for/of/at".
            if s > 0
                && matches!(
                    ctx.w(&toks[s - 1]),
                    "for" | "of" | "at" | "from" | "with" | "in" | "on"
                )
            {
                s -= 1;
                n += 2;
                continue;
            }
            break;
        }
        // A connector inside a proper name ("the Council on Foreign Relations", "Democrats and
        // Republicans"): the phrase goes on when a capitalised word stands on both sides.
        if matches!(w, "on" | "and" | "in" | "to" | "de")
            && s >= 2
            && ctx
                .w(&toks[s - 2])
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            && ctx
                .w(&toks[s])
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            && toks[s - 2].kind == TokenKind::Word
        {
            s -= 1;
            n += 1;
            continue;
        }
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        if cap && !matches!(w, "But" | "And" | "So" | "Then" | "Yet" | "Or") {
            s -= 1;
            n += 1;
            continue;
        }
        if lexicon::is_role_modifier(w) && !ctx.is_verb(&toks[s - 1]) {
            // "the former campaign strategist"
            s -= 1;
            n += 1;
            continue;
        }
        if lexicon::is_function_word(w) || ctx.is_verb(&toks[s - 1]) {
            // Allow "of"/"for" inside: "director of the agency".
            if matches!(w, "for" | "of" | "at" | "from") {
                s -= 1;
                n += 1;
                continue;
            }
            break;
        }
        s -= 1;
        n += 1;
    }
    while s < t
        && lexicon::is_function_word(ctx.w(&toks[s]))
        && !DETERMINERS.contains(&lexicon::lower(ctx.w(&toks[s])).as_ref())
    {
        s += 1;
    }
    // A mention ending the phrase ("NATO chief Jens Stoltenberg") is the speaker itself.
    if let Some(m) = ctx.mention_at(toks[t].range.start) {
        return Some(Subject::Person(m.person, m.range));
    }
    // A noun phrase starts with a determiner or a capital ("the Kremlin", "Japan"), or is a bare
    // plural ("officials"); anything else ("should be released") is no subject.
    let head = ctx.w(&toks[s]);
    let plural_noun = s == t && head.ends_with('s') && head.chars().all(char::is_lowercase);
    let starts_ok = DETERMINERS.contains(&lexicon::lower(head).as_ref())
        || head.chars().next().is_some_and(char::is_uppercase)
        || plural_noun;
    if !starts_ok {
        return None;
    }
    let range = TextRange::new(toks[s].range.start, toks[t].range.end);
    let text = ctx
        .doc
        .text(range)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // A mention inside the phrase ("NATO chief Jens Stoltenberg") is the speaker itself when it
    // ends the phrase.
    if let Some(m) = ctx.mention_at(toks[t].range.start) {
        return Some(Subject::Person(m.person, m.range));
    }
    Some(Subject::Text(text, range))
}

/// The speaker after a cue: "said Victor Cha", "said Secretary of State John Kerry", "said the
/// Kremlin", "according to a statement".
pub(super) fn object(ctx: &Ctx<'_>, toks: &[Token]) -> Option<Subject> {
    for t in toks.iter().take(8) {
        if let Some(m) = ctx.mention_at(t.range.start) {
            return Some(Subject::Person(m.person, m.range));
        }
        if !(title_word(ctx, t) || ctx.w(t) == "of") {
            break;
        }
    }
    let first = toks.first()?;
    let w = ctx.w(first);
    if let Some(g) = pronoun(w) {
        return Some(Subject::Pronoun(g, first.range));
    }
    // A noun phrase up to punctuation, a relative word or a verb.
    let mut end = 0;
    let mut age_end = 0;
    for (i, t) in toks.iter().enumerate().take(10) {
        let w = ctx.w(t);
        // An age in the phrase ("said the 28-year-old"): the number, its hyphen and "year-old".
        if t.kind == TokenKind::Number
            && ctx
                .doc
                .prose
                .get(t.range.end..)
                .is_some_and(|r| r.starts_with("-year-old"))
        {
            age_end = i + 2;
        }
        if i <= age_end && age_end > 0 {
            end = i + 1;
            continue;
        }
        if t.kind != TokenKind::Word
            || matches!(
                w,
                "who"
                    | "that"
                    | "which"
                    | "in"
                    | "on"
                    | "at"
                    | "during"
                    | "after"
                    | "before"
                    | "when"
            )
            || ctx.is_verb(t)
        {
            break;
        }
        end = i + 1;
    }
    if end == 0 {
        return None;
    }
    let range = TextRange::new(toks[0].range.start, toks[end - 1].range.end);
    let text = ctx
        .doc
        .text(range)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(Subject::Text(text, range))
}

/// The subject of a clause that introduces a quote with a colon.
pub(super) fn clause_subject(ctx: &Ctx<'_>, toks: &[Token]) -> Option<Subject> {
    if let Some(v) = toks.iter().position(|t| ctx.is_verb(t)) {
        if let Some(s) = subject_left(ctx, toks, v) {
            return Some(s);
        }
    }
    // "It attacked Trump, saying he …": a non-person pronoun opening the clause is its subject.
    // ("Meanwhile, it attacked …": after one opening word and its comma.)
    let lead = if toks.get(1).is_some_and(|t| ctx.w(t) == ",") {
        2
    } else {
        0
    };
    if let [head, next, ..] = toks.get(lead..).unwrap_or(&[]) {
        let nw = ctx.w(next);
        if matches!(ctx.w(head), "It" | "it" | "They" | "they")
            && nw.chars().next().is_some_and(char::is_lowercase)
            && !lexicon::is_function_word(nw)
        {
            return Some(Subject::Text(ctx.w(head).to_string(), head.range));
        }
    }
    // The first person or pronoun followed by a verb-like word ("President Obama is rolling out
    // …:"), else the first person named.
    let mut first = None;
    for (i, t) in toks.iter().enumerate() {
        let subj = if let Some(m) = ctx.mention_at(t.range.start) {
            if m.range.end > t.range.end {
                continue;
            }
            // "Trump's persistent sniffing" is not a subject.
            let w = ctx.w(t);
            if lexicon::is_possessive(w) {
                continue;
            }
            // A person opening the clause with an appositive ("Dean, a former chairman, poked
            // at …") is its subject.
            if i == 0 && toks.get(1).is_some_and(|n| ctx.w(n) == ",") {
                return Some(Subject::Person(m.person, m.range));
            }
            Subject::Person(m.person, m.range)
        } else if let Some(g) = pronoun(ctx.w(t)) {
            Subject::Pronoun(g, t.range)
        } else {
            continue;
        };
        let next = toks.get(i + 1).map_or("", |n| ctx.w(n));
        let verbish = next.chars().next().is_some_and(char::is_lowercase)
            && (!lexicon::is_function_word(next)
                || matches!(
                    next,
                    "is" | "was" | "has" | "had" | "will" | "would" | "then"
                ));
        if verbish {
            return Some(subj);
        }
        // A person right after a verb is its object ("groups granted Mr. Clarke an extension"),
        // not the clause's subject.
        let after_verb = i > 0 && {
            let p = ctx.w(&toks[i - 1]);
            p.chars().next().is_some_and(char::is_lowercase) && !lexicon::is_function_word(p)
        };
        if first.is_none() && !after_verb {
            first = Some(subj);
        }
    }
    if first.is_some() {
        return first;
    }
    // "The piece used one of the woman's quotes as its headline:": the noun phrase opening the
    // clause.
    let head = toks.first()?;
    if DETERMINERS.contains(&lexicon::lower(ctx.w(head)).as_ref()) {
        let end = toks
            .iter()
            .skip(1)
            .take(1)
            .take_while(|t| {
                t.kind == TokenKind::Word && !lexicon::is_function_word(ctx.w(t)) && !ctx.is_verb(t)
            })
            .count();
        if end >= 1 {
            let r = TextRange::new(head.range.start, toks[end].range.end);
            return Some(Subject::Text(ctx.doc.text(r).to_string(), r));
        }
    }
    None
}
