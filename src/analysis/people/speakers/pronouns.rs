//! Pronoun resolution: the person "he" or "she" in an attribution refers to, the other people it
//! could be, and the unnamed source ("a spokesman for …") when no named person fits.

use std::ops::ControlFlow;

use super::candidates::subject_left;
use super::{Ctx, Subject, pronoun};
use crate::analysis::lexicon::{self, Gender};
use crate::analysis::people::mentions::Draft;
use crate::analysis::people::{Attribution, Mention, MentionKind};
use crate::analysis::tokens::{Token, TokenKind};

/// When no named person fits a pronoun: the unnamed source a nearby attribution gave ("A
/// spokesman for the commission said …" … "“…,” he said"). Looks back over the three sentences
/// before the pronoun's.
pub(super) fn text_antecedent(ctx: &Ctx<'_>, at: usize) -> Option<String> {
    verb_subjects_before(ctx, at, |_, subject| {
        if let Subject::Text(t, _) = subject {
            // Only a singular role ("a spokesman for …", "the official"): a bare word may be
            // another person the gazetteer does not know.
            let words: Vec<&str> = t.split_whitespace().collect();
            let role = words.iter().any(|w| lexicon::is_role(w));
            let plural = words.last().is_some_and(|w| w.ends_with('s'));
            if role && !plural {
                return ControlFlow::Break(Some(t));
            }
        }
        ControlFlow::Continue(())
    })
}

/// Walks back from byte `at` over the pronoun's sentence and the three before it, verb by verb
/// (finite verbs of the narration, nearest first), and hands `visit` each verb's subject with
/// its sentence, until `visit` breaks with the answer.
fn verb_subjects_before<R>(
    ctx: &Ctx<'_>,
    at: usize,
    mut visit: impl FnMut(usize, Subject) -> ControlFlow<Option<R>>,
) -> Option<R> {
    let si = ctx.doc.sentence_at(at)?;
    for s in (si.saturating_sub(3)..=si).rev() {
        let frame: Vec<Token> = ctx
            .doc
            .narration(s)
            .into_iter()
            .filter(|t| t.range.start < at)
            .collect();
        for v in (0..frame.len()).rev() {
            if !ctx.is_verb(&frame[v]) || ctx.w(&frame[v]).ends_with("ing") {
                continue;
            }
            if let Some(subject) = subject_left(ctx, &frame, v)
                && let ControlFlow::Break(answer) = visit(s, subject)
            {
                return answer;
            }
        }
    }
    None
}

/// The nearest speaker named as text that "he"/"she" at byte `at` can refer to: the subject of a
/// speech verb in the pronoun's sentence or the three before that is a name the lists lack
/// ("McLenney said …", "Aiko Tanabe told …"). Returns its sentence and text. A role ("the
/// Republican nominee said") usually stands for someone named, and is passed over. Stops at a person the pronoun fits (the
/// named mentions decide then) and skips people of the other sex.
pub(super) fn nearest_spoken_text(ctx: &Ctx<'_>, at: usize, g: Gender) -> Option<(usize, String)> {
    verb_subjects_before(ctx, at, |s, subject| match subject {
        Subject::Person(p, _) if ctx.drafts.get(p).is_some_and(|d| compatible(d, g)) => {
            ControlFlow::Break(None)
        }
        Subject::Text(t, _) if name_like(ctx, &t.split_whitespace().collect::<Vec<_>>(), at) => {
            ControlFlow::Break(Some((s, t)))
        }
        _ => ControlFlow::Continue(()),
    })
}

/// Words that read as a person's name the lists lack: capitalised words, none a listed non-name,
/// role, function or calendar word, none all capitals ("IMF"), no possessive; two or three words
/// not ending in a plural ("Presidential Debates"), or one word that the article gave earlier
/// after a capitalised first name ("Tyresha McLenney" … "McLenney said").
fn name_like(ctx: &Ctx<'_>, words: &[&str], at: usize) -> bool {
    let wordy = words.iter().all(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.any(char::is_lowercase)
            && !lexicon::is_not_person(w)
            && !lexicon::is_role(w)
            && !lexicon::is_function_word(w)
            && !lexicon::is_possessive(w)
            && lexicon::calendar::month_of(&lexicon::lower(w)).is_none()
            && lexicon::calendar::weekday_of(&lexicon::lower(w)).is_none()
    }) && !matches!(
        words.first(),
        Some(&("He" | "She" | "It" | "They" | "We" | "I" | "This" | "That"))
    );
    match words {
        [one] if wordy => {
            let doc = ctx.doc;
            let end = doc.tokens.partition_point(|t| t.range.start < at);
            let start = end.saturating_sub(2000);
            doc.tokens[start..end].windows(2).any(|p| {
                ctx.w(&p[1]) == *one
                    && p[0].kind == TokenKind::Word
                    && ctx.w(&p[0]).chars().next().is_some_and(char::is_uppercase)
                    && !lexicon::is_not_person(ctx.w(&p[0]))
                    && !lexicon::is_role(ctx.w(&p[0]))
                    && !lexicon::is_function_word(ctx.w(&p[0]))
            })
        }
        [_, .., last] if words.len() <= 3 => wordy && !last.ends_with('s'),
        _ => false,
    }
}

pub(super) fn compatible(d: &Draft, g: Gender) -> bool {
    match d.gender {
        // A name found only by a known surname ("Royal Bank") is too weak to be a pronoun's
        // antecedent unless something else made it a person.
        // A full name confirmed by a speech verb or a title ("Ivanka Trump acknowledged") fits
        // either pronoun.
        None | Some(Gender::Unknown) => d.strong || (d.confirmed && d.first.is_some()),
        Some(x) => x == g,
    }
}

/// Resolves "he"/"she" at byte `at` to the person it refers to. Returns the chosen person and,
/// when a reader would hesitate, every candidate: two or more people of the pronoun's known sex
/// in subject position in the sentence it points back to ("Okoro and Haas spoke to reporters."),
/// none of them the speaker just quoted. Objects ("met Haas"), possessors, objects of
/// prepositions, people named only inside quotes and the dead ("Charles, who died in June") are
/// never candidates.
pub(super) fn resolve_pronoun(
    ctx: &Ctx<'_>,
    qi: usize,
    done: &[Attribution],
    g: Gender,
    at: usize,
) -> (Option<usize>, Vec<usize>) {
    let (chosen, cands) = resolve_pronoun_inner(ctx, qi, done, g, at);
    if cands.len() < 2 {
        return (chosen, cands);
    }
    let Some(si) = chosen
        .and_then(|p| {
            ctx.mentions[..ctx.mentions.partition_point(|m| m.range.start < at)]
                .iter()
                .rev()
                .find(|m| m.person == p && !ctx.in_quote(m.range.start))
        })
        .and_then(|m| ctx.doc.sentence_at(m.range.start))
    else {
        return (chosen, Vec::new());
    };
    let prev_speaker = done.iter().rev().find_map(|a| a.person);
    let mut fit: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|&p| ctx.drafts.get(p).is_some_and(|d| d.gender == Some(g)))
        .filter(|&p| could_speak(ctx, p, si, at))
        .collect();
    fit.dedup();
    if fit.len() < 2 || prev_speaker.is_some_and(|p| fit.contains(&p)) {
        return (chosen, Vec::new());
    }
    (chosen, fit)
}

/// Whether person `p` stands in subject position in sentence `si` (before byte `at`, outside
/// quotes): first in the sentence or after a comma or a conjunction ("Okoro and Haas met",
/// "…, and Haas said"), past titles, not a possessor ("Haas's aide") and not dead ("Charles, who
/// died", "the late Ray Charles").
fn could_speak(ctx: &Ctx<'_>, p: usize, si: usize, at: usize) -> bool {
    let doc = ctx.doc;
    let Some(s) = doc.sentences.get(si) else {
        return false;
    };
    let toks = doc.sentence_tokens(si);
    ctx.mentions
        .iter()
        .filter(|m| m.person == p && m.kind != MentionKind::Pronoun)
        .filter(|m| m.range.start >= s.range.start && m.range.end <= s.range.end.min(at))
        .filter(|m| !ctx.in_quote(m.range.start))
        .any(|m| {
            let rest = doc.prose.get(m.range.end..).unwrap_or("");
            if rest.starts_with("'s") || rest.starts_with("’s") {
                return false;
            }
            let i = toks.partition_point(|t| t.range.start < m.range.start);
            // The word before the name, past titles; along a list ("Wood, Jason and Cohen")
            // back to its first name, whose place decides for the whole list.
            let word_before = |i: usize| {
                toks[..i].iter().rposition(|t| {
                    let w = ctx.w(t);
                    let cap = w.chars().next().is_some_and(char::is_uppercase);
                    !(cap || lexicon::is_role(w) || matches!(w, "-" | "'" | "’"))
                })
            };
            let mut b = word_before(i);
            let mut hops = 0;
            while let Some(j) = b.filter(|&j| matches!(ctx.w(&toks[j]), "," | "and" | "or")) {
                let listed = j
                    .checked_sub(1)
                    .and_then(|k| ctx.mention_at(toks[k].range.start))
                    .filter(|x| x.kind != MentionKind::Pronoun);
                match listed {
                    Some(x) if hops < 8 => {
                        hops += 1;
                        b = word_before(toks.partition_point(|t| t.range.start < x.range.start));
                    }
                    // "England and Real Madrid striker Owen", "from Bernal, Jamie Foxx": joined
                    // to a name the lists lack or to something not a person.
                    _ if ctx.w(&toks[j]) != ","
                        || j.checked_sub(1).is_some_and(|k| {
                            ctx.w(&toks[k])
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase)
                        }) =>
                    {
                        return false;
                    }
                    _ => break,
                }
            }
            let before = b.map(|j| ctx.w(&toks[j]));
            let after: Vec<String> = toks[i..]
                .iter()
                .skip_while(|t| t.range.start < m.range.end)
                .take(4)
                .map(|t| lexicon::lower(ctx.w(t)).into_owned())
                .collect();
            let dead = after.iter().any(|w| w == "died")
                || toks[..i]
                    .iter()
                    .rev()
                    .take(3)
                    .any(|t| ctx.w(t).eq_ignore_ascii_case("late"));
            !dead
                && before.is_none_or(|w| {
                    matches!(w, "," | "and" | "but" | "while" | "whereas" | "as" | "both")
                })
        })
}

fn resolve_pronoun_inner(
    ctx: &Ctx<'_>,
    qi: usize,
    done: &[Attribution],
    g: Gender,
    at: usize,
) -> (Option<usize>, Vec<usize>) {
    let doc = ctx.doc;
    let q = &doc.quotes[qi];
    let para = q.paragraphs.start;
    let limit = doc
        .paragraphs
        .get(para.saturating_sub(3))
        .map_or(0, |p| p.range.start);
    let end = ctx.mentions.partition_point(|m| m.range.start < at);
    // Walk back over the mentions outside quotes; prefer the most recent sentence subject (the
    // first person named in a sentence that does not open with a pronoun), else the most recent
    // mention.
    let mut first_any: Option<&Mention> = None;
    let mut chosen: Option<&Mention> = None;
    let mut subject_cache: Option<(Option<usize>, Option<SentenceSubject>)> = None;
    let mut spoke = false;
    for m in ctx.mentions[..end].iter().rev() {
        if m.range.start < limit {
            break;
        }
        if ctx.in_quote(m.range.start) || m.kind == MentionKind::Pronoun {
            continue;
        }
        let Some(d) = ctx.drafts.get(m.person) else {
            continue;
        };
        if !compatible(d, g) {
            continue;
        }
        if first_any.is_none() {
            first_any = Some(m);
        }
        let si = doc.sentence_at(m.range.start);
        let subj = match subject_cache {
            Some((s, subj)) if s == si => subj,
            _ => {
                let subj = si.and_then(|si| sentence_subject(ctx, si));
                subject_cache = Some((si, subj));
                subj
            }
        };
        if let Some((_, via_verb)) = subj.filter(|(start, _)| *start == m.range.start) {
            chosen = Some(m);
            spoke = via_verb;
            break;
        }
    }
    let Some(m) = chosen.or(first_any) else {
        return (None, Vec::new());
    };
    // The named mentions of the chosen mention's sentence, outside quotes, before the pronoun.
    let (s_start, s_end) = doc
        .sentence_at(m.range.start)
        .and_then(|si| doc.sentences.get(si))
        .map_or((0, 0), |s| (s.range.start, s.range.end));
    let from = ctx.mentions.partition_point(|x| x.range.start < s_start);
    let in_sentence = || {
        ctx.mentions[from..]
            .iter()
            .take_while(|x| x.range.start < s_end.min(at))
            .filter(|x| x.kind != MentionKind::Pronoun && !ctx.in_quote(x.range.start))
    };
    // Other people who fit, named in the same sentence.
    let mut cands: Vec<usize> = vec![m.person];
    for x in in_sentence() {
        if ctx.drafts.get(x.person).is_some_and(|d| compatible(d, g)) && !cands.contains(&x.person)
        {
            cands.push(x.person);
        }
    }
    // One candidate, or the subject of the nearest attribution ("Davenport believes …"):
    // nothing to ask.
    if cands.len() == 1 || spoke {
        return (Some(m.person), Vec::new());
    }
    // Whether every mention of `p` in the chosen mention's sentence is out of subject position:
    // a possessor ("Tony Blair's government") or the object of a preposition ("agreed with
    // Matthews", "the likes of Jonny Wilkinson and Brian O'Driscoll").
    let sidelined = |p: usize| {
        // Object of a preposition: the nearest word before the name, past titles, possessors
        // and numbers, is a preposition ("to Arsenal's Robert Pires", "by Gavin Henson"). The
        // object of a verb still competes ("Okoro met Chancellor Haas. … he said" is
        // ambiguous).
        let word_before = |start: usize| -> Option<&str> {
            let ti = doc.tokens.partition_point(|t| t.range.start < start);
            doc.tokens[..ti]
                .iter()
                .rev()
                .take_while(|t| t.range.start >= s_start)
                .map(|t| ctx.w(t))
                .find(|w| {
                    let cap = w.chars().next().is_some_and(char::is_uppercase);
                    let num = w.chars().next().is_some_and(|c| c.is_ascii_digit());
                    !(cap || num || lexicon::is_role(w) || matches!(*w, "-" | "'" | "’"))
                })
        };
        let object = |x: &Mention| {
            let Some(w) = word_before(x.range.start) else {
                return false;
            };
            // "… stars Robert De Niro, Barbra Streisand and Ben Stiller": coordinated with an
            // object, back along the list.
            let mut w = w;
            let mut at = x.range.start;
            while matches!(w, "and" | "or" | ",") {
                let Some(y) = in_sentence().take_while(|y| y.range.end <= at).last() else {
                    return false;
                };
                at = y.range.start;
                let Some(v) = word_before(at) else {
                    return false;
                };
                w = v;
            }
            preposition(w)
        };
        in_sentence().filter(|x| x.person == p).all(|x| {
            let rest = doc.prose.get(x.range.end..).unwrap_or("");
            rest.starts_with("'s") || rest.starts_with("’s") || object(x)
        })
    };
    // Prefer the one person whose gender is known to match. A titled person whose first name the
    // lists lack ("NATO Secretary-General Jens Stoltenberg") is still a plausible speaker in
    // subject position: the reading stays, and the ambiguity is reported.
    let known: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|&p| ctx.drafts[p].gender == Some(g))
        .collect();
    let prev_speaker = done.iter().rev().find_map(|a| a.person);
    if let [k] = known[..] {
        let mut rivals: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&p| p == k || (ctx.drafts[p].strong && !sidelined(p)))
            .collect();
        if rivals.len() == 1 || prev_speaker == Some(k) {
            return (Some(k), Vec::new());
        }
        rivals.sort_unstable();
        return (Some(k), rivals);
    }
    // The previous quote's speaker settles it when it is one of them, unless the sentence names
    // them only out of subject position: then the subject wins.
    if let Some(p) = prev_speaker.filter(|p| cands.contains(p)) {
        if chosen.is_some() && p != m.person && sidelined(p) {
            return (Some(m.person), Vec::new());
        }
        return (Some(p), Vec::new());
    }
    // Others named only out of subject position do not compete with the sentence's subject.
    if chosen.is_some() && cands.iter().skip(1).all(|&p| sidelined(p)) {
        return (Some(m.person), Vec::new());
    }
    let mut all = cands.clone();
    all.sort_unstable();
    (Some(m.person), all)
}

/// Prepositions whose object is not a clause's subject.
pub(super) fn preposition(w: &str) -> bool {
    matches!(
        w,
        "with"
            | "to"
            | "about"
            | "against"
            | "by"
            | "from"
            | "for"
            | "on"
            | "of"
            | "at"
            | "like"
            | "than"
            | "into"
            | "over"
            | "under"
            | "between"
            | "among"
            | "including"
            | "alongside"
            | "beside"
            | "behind"
            | "toward"
            | "towards"
            | "without"
            | "via"
            | "versus"
    )
}

/// A sentence subject's start and whether an attribution verb attaches to it.
pub(super) type SentenceSubject = (usize, bool);

/// The start of the mention that is the subject of sentence `si`, and whether it is the subject
/// of an attribution verb: the person a speech verb attaches to, else the first person named
/// outside quotes, unless a pronoun comes first.
pub(super) fn sentence_subject(ctx: &Ctx<'_>, si: usize) -> Option<SentenceSubject> {
    // The person an attribution verb attaches to ("…, and Sculthorpe said he would …").
    let frame = ctx.doc.narration(si);
    for v in 0..frame.len() {
        // A participle takes the clause's subject, not the word before it ("Sturgeon has
        // written to Mr McConnell asking …").
        if ctx.is_verb(&frame[v]) && !ctx.w(&frame[v]).ends_with("ing") {
            if let Some(Subject::Person(_, r)) = subject_left(ctx, &frame, v) {
                return Some((r.start, true));
            }
        }
    }
    let toks = ctx.doc.sentence_tokens(si);
    // An opening prepositional phrase ("In an interview with Rusty Humphries, Ham made it clear
    // …") holds no subject.
    let opening = toks.first().is_some_and(|t| {
        matches!(
            ctx.w(t),
            "In" | "After"
                | "At"
                | "During"
                | "Before"
                | "With"
                | "On"
                | "Following"
                | "Since"
                | "Despite"
                | "Amid"
                | "Unlike"
                | "Like"
        ) || {
            // "Having worked closely with Mr Cantalupo, Mr Bell focused …"
            let w = ctx.w(t);
            w.ends_with("ing") && w.chars().next().is_some_and(char::is_uppercase)
        }
    });
    let skip = if opening {
        toks.iter()
            .position(|t| ctx.w(t) == ",")
            .map_or(0, |c| c + 1)
    } else {
        0
    };
    for t in &toks[skip..] {
        if ctx.in_quote(t.range.start) {
            continue;
        }
        if pronoun(ctx.w(t)).is_some() {
            return None;
        }
        if let Some(m) = ctx.mention_at(t.range.start) {
            if m.kind != MentionKind::Pronoun {
                return Some((m.range.start, false));
            }
        }
    }
    None
}
