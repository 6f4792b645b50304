//! Quote speakers: the cue ("said", "told", "according to") next to each quotation and the
//! person, pronoun or noun phrase it attaches to; continuation of a speaker to later quotes.

use super::mentions::{Draft, word};
use super::{Attribution, Mention, MentionKind, SpeakerVia};
use crate::analysis::document::Document;
use crate::analysis::lexicon::{self, Gender, calendar};
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

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those",
    "another", "one", "some", "many", "several", "other", "two", "three", "four", "five", "most",
    "all", "both",
];

pub(super) struct Speakers {
    pub attributions: Vec<Attribution>,
    pub pronoun_mentions: Vec<Mention>,
}

/// What a cue attached to.
enum Subject {
    Person(usize, TextRange),
    Pronoun(Gender, TextRange),
    Text(String, TextRange),
}

struct Ctx<'a> {
    doc: &'a Document,
    mentions: &'a [Mention],
    drafts: &'a [Draft],
    /// Top-level quote ranges, sorted.
    quote_ranges: Vec<TextRange>,
    /// The user's attribution verbs (`Config::attribution_verbs`): words and phrases.
    verbs: &'a [String],
}

impl Ctx<'_> {
    fn in_quote(&self, offset: usize) -> bool {
        let i = self.quote_ranges.partition_point(|r| r.end <= offset);
        self.quote_ranges.get(i).is_some_and(|r| r.contains(offset))
    }

    fn w<'b>(&'b self, t: &Token) -> &'b str {
        word(self.doc, t)
    }

    fn is_verb(&self, t: &Token) -> bool {
        t.kind == TokenKind::Word
            && (lexicon::speech_verb(self.w(t)).is_some()
                || super::user_verb_at(self.doc, t, self.verbs))
    }

    /// The person mention covering byte `offset`, if any.
    fn mention_at(&self, offset: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.range.end <= offset);
        self.mentions.get(i).filter(|m| m.range.contains(offset))
    }
}

fn pronoun(w: &str) -> Option<Gender> {
    match w {
        "he" | "He" => Some(Gender::Male),
        "she" | "She" => Some(Gender::Female),
        _ => None,
    }
}

fn plural_pronoun(w: &str) -> bool {
    matches!(w, "they" | "They" | "we" | "We" | "I")
}

pub(super) fn attribute(
    doc: &Document,
    mentions: &[Mention],
    drafts: &[Draft],
    verbs: &[String],
) -> Speakers {
    let quote_ranges: Vec<TextRange> = doc
        .quotes
        .iter()
        .filter(|q| q.parent.is_none())
        .map(|q| q.range)
        .collect();
    let ctx = Ctx {
        doc,
        mentions,
        drafts,
        quote_ranges,
        verbs,
    };
    let mut out: Vec<Attribution> = Vec::with_capacity(doc.quotes.len());
    let mut pronoun_mentions = Vec::new();
    for (qi, q) in doc.quotes.iter().enumerate() {
        let mut a = Attribution {
            quote: qi,
            person: None,
            speaker: None,
            speaker_range: None,
            cue: None,
            cue_range: None,
            via: SpeakerVia::None,
            candidates: Vec::new(),
            speech: false,
        };
        if let Some(parent) = q.parent.and_then(|p| out.get(p)) {
            a = Attribution {
                quote: qi,
                ..parent.clone()
            };
            out.push(a);
            continue;
        }
        let heading = q.paragraphs.clone().any(|p| doc.is_heading(p));
        if !heading {
            find_speaker(&ctx, qi, &out, &mut a);
        }
        if let (SpeakerVia::Pronoun, Some(r)) = (a.via, a.speaker_range) {
            if let Some(p) = a.person {
                pronoun_mentions.push(Mention {
                    range: r,
                    person: p,
                    kind: MentionKind::Pronoun,
                    variant: false,
                });
            }
        }
        a.speech = !heading
            && !is_title_of_work(doc, qi)
            && (a.via != SpeakerVia::None || looks_like_speech(doc, qi));
        out.push(a);
    }
    Speakers {
        attributions: out,
        pronoun_mentions,
    }
}

/// A title of a work or a name in quotes: “Morning Joe”, “The Steve Harvey Morning Show,”.
fn is_title_of_work(doc: &Document, qi: usize) -> bool {
    let Some(q) = doc.quotes.get(qi) else {
        return false;
    };
    let inner = doc.text(q.content).trim();
    let inner = inner.strip_suffix(',').unwrap_or(inner);
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 || inner.contains(['.', '!', '?', ';', ':']) {
        return false;
    }
    let long: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    !long.is_empty()
        && words.len() >= 2
        && long
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A quote with no speaker that still reads as speech: more than three words, or a full
/// sentence, and not a title of a work.
fn looks_like_speech(doc: &Document, qi: usize) -> bool {
    let Some(q) = doc.quotes.get(qi) else {
        return false;
    };
    let inner = doc.text(q.content);
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.len() <= 3 {
        return false;
    }
    // A title of a work: every longer word capitalised, no sentence punctuation inside.
    let title_case = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let sentence_punct = inner.trim_end().ends_with(['.', '!', '?', ',']);
    !(title_case && !sentence_punct && words.len() <= 10)
}

fn find_speaker(ctx: &Ctx<'_>, qi: usize, done: &[Attribution], a: &mut Attribution) {
    let doc = ctx.doc;
    let q = &doc.quotes[qi];
    // 1. A cue right after the quote: "“…,” he said." / "“…,” said Victor Cha."
    let next_quote = ctx
        .quote_ranges
        .get(ctx.quote_ranges.partition_point(|r| r.start < q.range.end))
        .map_or(usize::MAX, |r| r.start);
    let after: Vec<Token> = ctx
        .doc
        .narration(q.end_sentence)
        .into_iter()
        .skip_while(|t| t.range.start < q.range.end)
        .take_while(|t| t.range.start < next_quote)
        .collect();
    if let Some((subj, cue)) = cue_after(ctx, &after) {
        apply(ctx, qi, done, a, subj, cue);
        if a.via != SpeakerVia::None {
            return;
        }
    }
    // 1b. The sentence ended with the quote ("…?” Graham asked."): a short next sentence in the
    //     same paragraph that is only an attribution.
    let trailing = after.iter().all(|t| t.kind == TokenKind::Punct);
    let next = q.end_sentence + 1;
    if trailing
        && doc.sentences.get(next).is_some_and(|n| {
            doc.sentences
                .get(q.end_sentence)
                .is_some_and(|e| e.paragraph == n.paragraph)
        })
    {
        let frame: Vec<Token> = ctx
            .doc
            .narration(next)
            .into_iter()
            .take_while(|t| !ctx.in_quote(t.range.start))
            .collect();
        let whole = doc.sentence_tokens(next).len();
        let has_quote = frame.len() + 1 < whole;
        let words = if has_quote {
            usize::MAX
        } else {
            frame.iter().filter(|t| t.kind == TokenKind::Word).count()
        };
        let verb_early = frame.iter().take(5).any(|t| ctx.is_verb(t));
        if words <= 8 && verb_early && !frame.is_empty() {
            if let Some((subj, cue)) = cue_after(ctx, &frame) {
                apply(ctx, qi, done, a, subj, cue);
                if a.via != SpeakerVia::None {
                    return;
                }
            }
        }
    }
    // 2. A cue before the quote in its sentence: "Stoltenberg said that “…”".
    let before: Vec<Token> = ctx
        .doc
        .narration(q.sentence)
        .into_iter()
        .filter(|t| t.range.end <= q.range.start)
        .collect();
    if let Some((subj, cue)) = cue_before(ctx, &before) {
        apply(ctx, qi, done, a, subj, cue);
        if a.via != SpeakerVia::None {
            return;
        }
    }
    // 3. A colon introduction: "Trump put it bluntly: “…”", possibly in the previous paragraph.
    let head = doc.prose[..q.range.start].trim_end();
    if head.ends_with(':') {
        let colon = head.len() - 1;
        if let Some(si) = doc.sentence_at(colon) {
            let toks: Vec<Token> = ctx
                .doc
                .narration(si)
                .into_iter()
                .filter(|t| t.range.end <= colon)
                .collect();
            if let Some(subj) = clause_subject(ctx, &toks) {
                let cue_range = toks.iter().find(|t| ctx.is_verb(t)).map(|t| t.range);
                apply(ctx, qi, done, a, subj, cue_range);
                if a.via != SpeakerVia::None {
                    return;
                }
            }
        }
    }
    // 3b. The quote opens a sentence and the previous sentence of the paragraph is an attribution
    //     with a named speaker ("…, Schiff said. “The other factor …”").
    let opens_sentence = doc
        .sentences
        .get(q.sentence)
        .is_some_and(|st| st.range.start == q.range.start);
    if opens_sentence && q.sentence > 0 {
        let prev = &doc.sentences[q.sentence - 1];
        let same_para = doc
            .sentences
            .get(q.sentence)
            .is_some_and(|st| st.paragraph == prev.paragraph);
        let prev_has_quote =
            ctx.doc.narration(q.sentence - 1).len() < doc.sentence_tokens(q.sentence - 1).len();
        if same_para && !prev_has_quote {
            let frame = ctx.doc.narration(q.sentence - 1);
            if let Some((subj @ (Subject::Person(..) | Subject::Pronoun(..)), cue)) =
                cue_before(ctx, &frame)
            {
                apply(ctx, qi, done, a, subj, cue);
                if a.via != SpeakerVia::None {
                    return;
                }
            }
        }
    }
    // 3c. A signature closing the paragraph: "“…” ― Adriana Rodarte" (readers' comments, op-ed
    //     excerpts): every quote of the paragraph is signed by it.
    if let Some((subj, _)) = signature(ctx, q.paragraphs.end.saturating_sub(1)) {
        apply(ctx, qi, done, a, subj, None);
        if a.via != SpeakerVia::None {
            return;
        }
    }
    // 4. Continuation: an attributed quote earlier in the paragraph, or in the previous paragraph
    //    when this paragraph opens with the quote.
    let para = q.paragraphs.start;
    let opens_para = doc
        .paragraphs
        .get(para)
        .is_some_and(|p| p.range.start == q.range.start);
    let prev = done.iter().rev().find(|p| {
        doc.quotes[p.quote].parent.is_none() && doc.quotes[p.quote].range.end <= q.range.start
    });
    if let Some(p) = prev {
        let pq = &doc.quotes[p.quote];
        let same_para = pq.paragraphs.end > para;
        let prev_para = pq.paragraphs.end == para && opens_para;
        // Someone else named in a new sentence between the two quotes breaks the continuation.
        // (A sentence that also names the previous speaker keeps the continuation: "Wenger
        // insists he has faith in the Spaniard, back-up to Jens Lehmann. “…”".)
        let between = || {
            ctx.mentions
                .iter()
                .skip(
                    ctx.mentions
                        .partition_point(|m| m.range.start < pq.range.end),
                )
                .take_while(|m| m.range.start < q.range.start)
                .filter(|m| !ctx.in_quote(m.range.start))
        };
        let speaker_between = || {
            between().any(|m| {
                let si = doc.sentence_at(m.range.start);
                Some(m.person) != p.person
                    && si != Some(pq.end_sentence)
                    && !between().any(|o| {
                        p.person.is_some_and(|pp| o.person == pp)
                            && o.kind != MentionKind::Pronoun
                            && doc.sentence_at(o.range.start) == si
                    })
            })
        };
        // (Only asked for quotes in the same or the next paragraph: the span is short.)
        if (same_para || prev_para) && p.speaker.is_some() && !speaker_between() {
            a.person = p.person;
            a.speaker = p.speaker.clone();
            a.speaker_range = p.speaker_range;
            a.cue = p.cue.clone();
            a.cue_range = p.cue_range;
            a.via = SpeakerVia::Continuation;
            a.candidates = p.candidates.clone();
        }
    }
}

/// The signature ending paragraph `pi`: a dash after a closing quote mark, then a name of two to
/// four capitalised words and nothing else but a period.
fn signature(ctx: &Ctx<'_>, pi: usize) -> Option<(Subject, Option<TextRange>)> {
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

/// Records a found subject on the attribution.
fn apply(
    ctx: &Ctx<'_>,
    qi: usize,
    done: &[Attribution],
    a: &mut Attribution,
    subj: Subject,
    cue: Option<TextRange>,
) {
    a.cue = cue.map(|r| ctx.doc.text(r).to_string());
    a.cue_range = cue;
    match subj {
        Subject::Person(p, r) => {
            a.person = Some(p);
            a.speaker = Some(person_name(ctx.drafts, p));
            a.speaker_range = Some(r);
            a.via = SpeakerVia::Named;
        }
        Subject::Text(s, r) => {
            a.speaker = Some(s);
            a.speaker_range = Some(r);
            a.via = SpeakerVia::Named;
        }
        Subject::Pronoun(g, r) => {
            let (chosen, candidates) = resolve_pronoun(ctx, qi, done, g, r.start);
            a.speaker_range = Some(r);
            a.via = SpeakerVia::Pronoun;
            a.person = chosen;
            a.speaker = chosen
                .map(|p| person_name(ctx.drafts, p))
                .or_else(|| text_antecedent(ctx, r.start));
            a.candidates = candidates;
        }
    }
}

/// When no named person fits a pronoun: the unnamed source a nearby attribution gave ("A
/// spokesman for the commission said …" … "“…,” he said"). Looks back over the three sentences
/// before the pronoun's.
fn text_antecedent(ctx: &Ctx<'_>, at: usize) -> Option<String> {
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
            if let Some(Subject::Text(t, _)) = subject_left(ctx, &frame, v) {
                // Only a singular role ("a spokesman for …", "the official"): a bare word may
                // be another person the gazetteer does not know.
                let words: Vec<&str> = t.split_whitespace().collect();
                let role = words.iter().any(|w| lexicon::is_role(w));
                let plural = words.last().is_some_and(|w| w.ends_with('s'));
                if role && !plural {
                    return Some(t);
                }
            }
        }
    }
    None
}

pub(super) fn person_name(drafts: &[Draft], p: usize) -> String {
    drafts
        .get(p)
        .map(|d| d.full.clone().unwrap_or_else(|| d.surname.clone()))
        .unwrap_or_default()
}

/// "“…,” he said" / "“…,” said X" / "“…,” according to X".
fn cue_after(ctx: &Ctx<'_>, toks: &[Token]) -> Option<(Subject, Option<TextRange>)> {
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
fn title_word(ctx: &Ctx<'_>, t: &Token) -> bool {
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
fn core_verb(w: &str) -> bool {
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
fn finding_verb(w: &str) -> bool {
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
fn ambiguous_verb(w: &str) -> bool {
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
fn participle(w: &str) -> bool {
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
fn cue_before(ctx: &Ctx<'_>, toks: &[Token]) -> Option<(Subject, Option<TextRange>)> {
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
fn coordinated(ctx: &Ctx<'_>, toks: &[Token], v: usize) -> Option<usize> {
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

/// The subject ending right before token `v`.
fn subject_left(ctx: &Ctx<'_>, toks: &[Token], v: usize) -> Option<Subject> {
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
fn np_left(ctx: &Ctx<'_>, toks: &[Token], t: usize) -> Option<Subject> {
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
fn object(ctx: &Ctx<'_>, toks: &[Token]) -> Option<Subject> {
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
    for (i, t) in toks.iter().enumerate().take(10) {
        let w = ctx.w(t);
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
fn clause_subject(ctx: &Ctx<'_>, toks: &[Token]) -> Option<Subject> {
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

fn compatible(d: &Draft, g: Gender) -> bool {
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
/// when more than one person fits, every candidate.
fn resolve_pronoun(
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
fn preposition(w: &str) -> bool {
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
type SentenceSubject = (usize, bool);

/// The start of the mention that is the subject of sentence `si`, and whether it is the subject
/// of an attribution verb: the person a speech verb attaches to, else the first person named
/// outside quotes, unless a pronoun comes first.
fn sentence_subject(ctx: &Ctx<'_>, si: usize) -> Option<SentenceSubject> {
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
