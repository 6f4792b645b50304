//! Cue finding: the attribution verb or phrase next to a quotation ("said", "told", "according
//! to", a colon introduction, a signature after a dash) and the subject or object it attaches to.

use super::candidates::{DETERMINERS, clause_subject, object, subject_left};
use super::{Ctx, Subject, plural_pronoun, pronoun};
use crate::analysis::lexicon;
use crate::analysis::range::TextRange;
use crate::analysis::tokens::{Token, TokenKind};

/// "“…,” he said" / "“…,” said X" / "“…,” according to X".
pub(super) fn cue_after(ctx: &Ctx<'_>, toks: &[Token]) -> Option<(Subject, Option<TextRange>)> {
    let mut i = 0;
    let mut dash = false;
    while i < toks.len()
        && toks[i].kind == TokenKind::Punct
        && matches!(ctx.w(&toks[i]), "," | "—" | "–" | "-" | "―")
    {
        dash |= ctx.w(&toks[i]) != ",";
        i += 1;
    }
    let rest = toks.get(i..)?;
    if rest.is_empty() {
        return None;
    }
    // "according to X"
    if ctx.w(&rest[0]).eq_ignore_ascii_case("according")
        && rest.get(1).is_some_and(|t| ctx.w(t) == "to")
    {
        let cue = TextRange::new(rest[0].range.start, rest[1].range.end);
        return object(ctx, &rest[2..]).map(|s| (s, Some(cue)));
    }
    // "said X"
    if ctx.is_verb(&rest[0]) {
        return object(ctx, &rest[1..]).map(|s| (s, Some(rest[0].range)));
    }
    // "“…” ― Jane Doe": a signature after a dash.
    if dash {
        if let Some(m) = ctx.mention_at(rest[0].range.start) {
            return Some((Subject::Person(m.person, m.range), None));
        }
        let n = rest
            .iter()
            .take_while(|t| t.kind == TokenKind::Word && t.is_capitalised(&ctx.doc.prose))
            .count();
        if (2..=4).contains(&n) && rest.get(n).is_none_or(|t| ctx.w(t) == ".") {
            let r = TextRange::new(rest[0].range.start, rest[n - 1].range.end);
            return Some((Subject::Text(ctx.doc.text(r).to_string(), r), None));
        }
    }
    // "X said": the verb within the next few tokens, only subject words before it.
    let v = rest.iter().take(14).position(|t| ctx.is_verb(t));
    // "“…,” Scott Pruitt, the attorney general of Oklahoma, …, said"
    // "“…,” retired Air Force general Lloyd Newton said", "“…,” Rep. Jim Jordan (R-Ohio), an
    // oversight panel member, said": a person named within the first few words (after title
    // words only), and a speech verb later in the sentence.
    for t in rest.iter().take(7) {
        if let Some(m) = ctx.mention_at(t.range.start) {
            if m.range.start == t.range.start {
                if let Some(v) = rest.iter().take(30).find(|t| ctx.is_verb(t)) {
                    return Some((Subject::Person(m.person, m.range), Some(v.range)));
                }
            }
            break;
        }
        if !title_word(ctx, t) {
            break;
        }
    }
    let v = v?;
    let head = ctx.w(&rest[0]);
    if v > 0
        && !(head.chars().next().is_some_and(char::is_uppercase)
            || DETERMINERS.contains(&lexicon::lower(head).as_ref())
            || pronoun(head).is_some()
            || plural_pronoun(head)
            || head.ends_with('s'))
    {
        return None;
    }
    if rest[..v]
        .iter()
        .any(|t| t.kind == TokenKind::Punct && !matches!(ctx.w(t), "," | "." | "(" | ")" | "-"))
    {
        return None;
    }
    let subj = subject_left(ctx, rest, v)?;
    if matches!(subj, Subject::Text(..)) && !core_verb(ctx.w(&rest[v])) {
        return None;
    }
    Some((subj, Some(rest[v].range)))
}

/// A word that may stand in a descriptive title before a name: "retired Air Force general",
/// "panel Chairman Rep.", "9/11 widow", "longtime party activist" (not a function word or a verb,
/// so "said the company hired Jane Doe" does not reach the name).
pub(super) fn title_word(ctx: &Ctx<'_>, t: &Token) -> bool {
    let w = ctx.w(t);
    match t.kind {
        TokenKind::Word => {
            lexicon::is_role(w)
                || lexicon::is_role_modifier(w)
                || w.chars().next().is_some_and(char::is_uppercase)
                || (!lexicon::is_function_word(w) && !ctx.is_verb(t) && !participle(w))
        }
        TokenKind::Punct => matches!(w, "." | "/" | "-" | "‑"),
        _ => w.chars().all(|c| c.is_ascii_digit()),
    }
}

/// Verbs that take a non-person subject in attributions ("the statement said", "the letter reads").
pub(super) fn core_verb(w: &str) -> bool {
    matches!(
        lexicon::lower(w).as_ref(),
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "wrote"
            | "writes"
            | "reads"
            | "read"
            | "stated"
            | "noted"
            | "warned"
            | "announced"
            | "tweeted"
            | "argued"
            | "insisted"
            | "claimed"
            | "declared"
            | "continued"
            | "asked"
            | "asks"
            | "explained"
            | "reported"
            | "concluded"
            | "acknowledged"
            | "urged"
            | "predicted"
    )
}

/// Verbs that report a finding when a "that" clause follows ("the report found that …").
pub(super) fn finding_verb(w: &str) -> bool {
    matches!(
        lexicon::lower(w).as_ref(),
        "found"
            | "finds"
            | "showed"
            | "shows"
            | "concluded"
            | "concludes"
            | "revealed"
            | "reveals"
            | "indicated"
            | "indicates"
    )
}

/// Noun-or-verb forms ("tweets", "calls", "reports"): a verb only after a person or pronoun.
pub(super) fn ambiguous_verb(w: &str) -> bool {
    matches!(
        lexicon::lower(w).as_ref(),
        "tweets"
            | "notes"
            | "claims"
            | "calls"
            | "reports"
            | "states"
            | "answers"
            | "remarks"
            | "replies"
            | "demands"
            | "posts"
            | "estimates"
            | "feels"
            | "thought"
            | "put"
            | "called"
            | "promised"
            | "pledged"
            | "charged"
            | "questioned"
            | "reported"
            | "echoed"
            | "vows"
            | "urges"
            | "warns"
            | "read"
            | "reads"
            | "concerns"
            | "asks"
    )
}

/// Participles that take the subject of the main clause ("…, saying “…”").
pub(super) fn participle(w: &str) -> bool {
    matches!(
        w,
        "saying"
            | "adding"
            | "telling"
            | "writing"
            | "tweeting"
            | "arguing"
            | "noting"
            | "calling"
            | "warning"
            | "asking"
            | "declaring"
            | "insisting"
            | "explaining"
            | "describing"
            | "admitting"
            | "acknowledging"
            | "conceding"
            | "claiming"
            | "suggesting"
            | "stressing"
            | "urging"
    )
}

/// The nearest cue before the quote in its sentence and the subject it attaches to.
pub(super) fn cue_before(ctx: &Ctx<'_>, toks: &[Token]) -> Option<(Subject, Option<TextRange>)> {
    for v in (0..toks.len()).rev() {
        let w = ctx.w(&toks[v]);
        if w == "to" && v > 0 && ctx.w(&toks[v - 1]).eq_ignore_ascii_case("according") {
            let cue = TextRange::new(toks[v - 1].range.start, toks[v].range.end);
            if let Some(s) = object(ctx, &toks[v + 1..]) {
                return Some((s, Some(cue)));
            }
            continue;
        }
        if participle(w) {
            // "footage of Trump saying “…”": a person right before the participle says it.
            if let Some(m) = v
                .checked_sub(1)
                .and_then(|p| ctx.mention_at(toks[p].range.start))
            {
                let name = ctx.w(&toks[v - 1]);
                if !lexicon::is_possessive(name) {
                    return Some((Subject::Person(m.person, m.range), Some(toks[v].range)));
                }
            }
            // "He’s claiming that …"
            if let Some(s @ Subject::Pronoun(..)) = subject_left(ctx, toks, v) {
                return Some((s, Some(toks[v].range)));
            }
            if let Some(s) = clause_subject(ctx, &toks[..v]) {
                return Some((s, Some(toks[v].range)));
            }
            continue;
        }
        // "A GAO report found that …", "The Post reports that …": a finding verb before "that".
        let that = toks.get(v + 1).is_some_and(|t| ctx.w(t) == "that");
        if that && finding_verb(w) {
            if let Some(s) = subject_left(ctx, toks, v) {
                return Some((s, Some(toks[v].range)));
            }
            continue;
        }
        if !ctx.is_verb(&toks[v]) {
            continue;
        }
        // A second verb of the clause: "Clinton, the former secretary of State, stressed her
        // support … and said …", "Scott beamed and asked …": the clause's own subject.
        if let Some(and) = coordinated(ctx, toks, v) {
            if let Some(s @ (Subject::Person(..) | Subject::Pronoun(..))) =
                clause_subject(ctx, &toks[..and])
            {
                return Some((s, Some(toks[v].range)));
            }
        }
        if let Some(s) = subject_left(ctx, toks, v) {
            // A phrase subject needs a plain attribution verb ("the statement said"), unless it
            // is a proper name ("Japan branded …", "Russia insisted …") or the verb introduces a
            // "that" clause ("A document on the website states that …").
            if let Subject::Text(t, _) = &s {
                let proper = t.chars().next().is_some_and(char::is_uppercase)
                    && !DETERMINERS.contains(
                        &lexicon::lower(t.split_whitespace().next().unwrap_or("")).as_ref(),
                    );
                let ok = if ambiguous_verb(w) {
                    that
                } else {
                    core_verb(w) || proper || that
                };
                if !ok {
                    continue;
                }
            }
            return Some((s, Some(toks[v].range)));
        }
        // "…, said X, “…”"
        if v > 0 && ctx.w(&toks[v - 1]) == "," {
            if let Some(s @ Subject::Person(..)) = object(ctx, &toks[v + 1..]) {
                return Some((s, Some(toks[v].range)));
            }
        }
    }
    None
}

/// The "and" before verb `v` (over adverbs) when the verb is the second of its clause and the
/// words before "and" are a verb phrase, not a subject ("Biden and Harris said" is a subject).
pub(super) fn coordinated(ctx: &Ctx<'_>, toks: &[Token], v: usize) -> Option<usize> {
    let mut j = v;
    while j > 0 {
        let w = ctx.w(&toks[j - 1]);
        if w.len() > 4 && w.ends_with("ly") && w.chars().all(char::is_lowercase) {
            j -= 1;
            continue;
        }
        break;
    }
    let and = j.checked_sub(1)?;
    if !matches!(ctx.w(&toks[and]), "and" | "but") || and == 0 {
        return None;
    }
    // The word before "and" ends a verb phrase: a lower-case word that is not a determiner and
    // not part of a name or noun list ("officials and experts said" stays a subject).
    let prev = &toks[and - 1];
    let pw = ctx.w(prev);
    let lower = pw.chars().next().is_some_and(char::is_lowercase);
    let verbish = pw.ends_with("ed") || ctx.is_verb(prev);
    let before_is_phrase = ctx.mention_at(prev.range.start).is_none()
        && (verbish || (!lower && prev.kind == TokenKind::Word) || prev.kind == TokenKind::Number);
    // "officials and experts said" / "Biden and Harris said" are plural subjects, not
    // coordination: there must be more than one word between the clause start and "and".
    if !before_is_phrase || and < 2 {
        return None;
    }
    // A capitalised word before "and" ("… sponsored by NBC News and said") is accepted here; the
    // caller only takes a person or pronoun that clause_subject finds before a verb.
    Some(and)
}

/// The signature ending paragraph `pi`: a dash after a closing quote mark, then a name of two to
/// four capitalised words and nothing else but a period.
pub(super) fn signature(ctx: &Ctx<'_>, pi: usize) -> Option<(Subject, Option<TextRange>)> {
    let doc = ctx.doc;
    let para = doc.paragraphs.get(pi)?;
    let toks = &doc.tokens[doc
        .tokens
        .partition_point(|t| t.range.start < para.range.start)
        ..doc
            .tokens
            .partition_point(|t| t.range.start < para.range.end)];
    let mut end = toks.len();
    if end > 0 && ctx.w(&toks[end - 1]) == "." {
        end -= 1;
    }
    let n = toks[..end]
        .iter()
        .rev()
        .take_while(|t| {
            (t.kind == TokenKind::Word && t.is_capitalised(&doc.prose))
                || (ctx.w(t) == "." && t.range.start > 0)
        })
        .count();
    let dash = end.checked_sub(n + 1)?;
    let words = toks[dash + 1..end]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count();
    if !matches!(ctx.w(&toks[dash]), "―" | "—" | "–") || !(2..=4).contains(&words) {
        return None;
    }
    // The dash follows a closing quote mark.
    let before = doc.prose[..toks[dash].range.start].trim_end();
    if !before.ends_with(['”', '"', '’']) {
        return None;
    }
    let first = &toks[dash + 1];
    if let Some(m) = ctx.mention_at(first.range.start) {
        return Some((Subject::Person(m.person, m.range), None));
    }
    let r = TextRange::new(first.range.start, toks[end - 1].range.end);
    Some((Subject::Text(doc.text(r).to_string(), r), None))
}
