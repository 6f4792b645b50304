//! Quote speakers: the cue ("said", "told", "according to") next to each quotation and the
//! person, pronoun or noun phrase it attaches to; continuation of a speaker to later quotes.

mod candidates;
mod continuation;
mod cues;
mod pronouns;
mod quotation;

use super::mentions::{Draft, word};
use super::{Attribution, Mention, MentionKind, SpeakerVia};
use crate::analysis::document::Document;
use crate::analysis::lexicon::{self, Gender};
use crate::analysis::range::TextRange;
use crate::analysis::tokens::{Token, TokenKind};
use candidates::clause_subject;
use cues::{cue_after, cue_before, signature};
use pronouns::{nearest_spoken_text, resolve_pronoun, text_antecedent};
use quotation::{is_title_of_work, looks_like_speech};

pub(super) struct Speakers {
    pub attributions: Vec<Attribution>,
    pub pronoun_mentions: Vec<Mention>,
}

/// What a cue attached to.
pub(super) enum Subject {
    Person(usize, TextRange),
    Pronoun(Gender, TextRange),
    Text(String, TextRange),
}

pub(super) struct Ctx<'a> {
    pub(super) doc: &'a Document,
    pub(super) mentions: &'a [Mention],
    pub(super) drafts: &'a [Draft],
    /// Top-level quote ranges, sorted.
    pub(super) quote_ranges: Vec<TextRange>,
    /// The user's attribution verbs (`Config::attribution_verbs`): words and phrases.
    pub(super) verbs: &'a [String],
}

impl Ctx<'_> {
    pub(super) fn in_quote(&self, offset: usize) -> bool {
        let i = self.quote_ranges.partition_point(|r| r.end <= offset);
        self.quote_ranges.get(i).is_some_and(|r| r.contains(offset))
    }

    pub(super) fn w<'b>(&'b self, t: &Token) -> &'b str {
        word(self.doc, t)
    }

    pub(super) fn is_verb(&self, t: &Token) -> bool {
        t.kind == TokenKind::Word
            && (lexicon::speech_verb(self.w(t)).is_some()
                || super::user_verb_at(self.doc, t, self.verbs))
    }

    /// The mentions that start at or after byte `from` and before byte `to` (mentions are in
    /// source order).
    pub(super) fn mentions_between(&self, from: usize, to: usize) -> &[Mention] {
        let a = self.mentions.partition_point(|m| m.range.start < from);
        let b = a + self.mentions[a..].partition_point(|m| m.range.start < to);
        &self.mentions[a..b]
    }

    /// Whether `range` (a quotation, say) names `person` by name, not by pronoun.
    pub(super) fn names(&self, range: TextRange, person: usize) -> bool {
        self.mentions_between(range.start, range.end)
            .iter()
            .any(|m| m.person == person && m.kind != MentionKind::Pronoun)
    }

    /// The person mention covering byte `offset`, if any.
    pub(super) fn mention_at(&self, offset: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.range.end <= offset);
        self.mentions.get(i).filter(|m| m.range.contains(offset))
    }
}

pub(super) fn pronoun(w: &str) -> Option<Gender> {
    match w {
        "he" | "He" => Some(Gender::Male),
        "she" | "She" => Some(Gender::Female),
        _ => None,
    }
}

pub(super) fn plural_pronoun(w: &str) -> bool {
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
    continuation::continue_previous(ctx, qi, done, a);
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
            // An epithet for someone already named ("the Waterford man", "the Irishman") is that
            // person, found as a pronoun of the epithet's sex would be.
            let person = epithet(&s).and_then(|g| {
                let (chosen, candidates) = resolve_pronoun(ctx, qi, done, g, r.start);
                chosen.filter(|_| candidates.len() < 2)
            });
            a.person = person;
            a.speaker = Some(person.map_or(s, |p| person_name(ctx.drafts, p)));
            a.speaker_range = Some(r);
            a.via = SpeakerVia::Named;
        }
        Subject::Pronoun(g, r) => {
            let (mut chosen, mut candidates) = resolve_pronoun(ctx, qi, done, g, r.start);
            // A speaker named as text in a nearer sentence than the chosen person's ("McLenney
            // said Clinton had not earned her vote. “…,” she said.") is the one meant.
            let mut text = None;
            if let Some((ts, t)) = nearest_spoken_text(ctx, r.start, g) {
                let chosen_sentence = chosen.and_then(|p| {
                    ctx.mentions[..ctx.mentions.partition_point(|m| m.range.start < r.start)]
                        .iter()
                        .rev()
                        .find(|m| m.person == p && !ctx.in_quote(m.range.start))
                        .and_then(|m| doc_sentence(ctx, m.range.start))
                });
                if chosen_sentence.is_none_or(|cs| cs <= ts) {
                    chosen = None;
                    candidates.clear();
                    text = Some(t);
                }
            }
            a.speaker_range = Some(r);
            a.via = SpeakerVia::Pronoun;
            a.person = chosen;
            a.speaker = chosen
                .map(|p| person_name(ctx.drafts, p))
                .or(text)
                .or_else(|| text_antecedent(ctx, r.start));
            a.candidates = candidates;
        }
    }
}

/// The sex a second-reference epithet gives, when `text` is one: "the", at least one modifier
/// and a head noun for a person of that sex ("the Waterford man", "the young woman"), or a
/// demonym ("the Irishman", "the Dutchwoman"). "The man" alone is often someone not named;
/// roles ("the spokesman", "the Co-Chairman") name an office; an age ("the 20-year-old") fits
/// anyone of that age, named or not, and is left as written.
fn epithet(text: &str) -> Option<Gender> {
    let mut words = text.split_whitespace();
    if !words.next().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        return None;
    }
    let words: Vec<&str> = words.collect();
    let head = *words.last()?;
    if words.len() > 3 || head.contains('-') || lexicon::is_role(head) {
        return None;
    }
    let lower = lexicon::lower(head);
    let demonym = |suffix: &str| {
        head.chars().next().is_some_and(char::is_uppercase)
            && lower.len() > suffix.len() + 2
            && lower.ends_with(suffix)
    };
    let modified = words.len() >= 2;
    match lower.as_ref() {
        "man" | "boy" if modified => Some(Gender::Male),
        "woman" | "girl" if modified => Some(Gender::Female),
        _ if demonym("woman") => Some(Gender::Female),
        _ if demonym("man") => Some(Gender::Male),
        _ => None,
    }
}

fn doc_sentence(ctx: &Ctx<'_>, offset: usize) -> Option<usize> {
    ctx.doc.sentence_at(offset)
}

pub(super) fn person_name(drafts: &[Draft], p: usize) -> String {
    drafts
        .get(p)
        .map(|d| d.full.clone().unwrap_or_else(|| d.surname.clone()))
        .unwrap_or_default()
}
