//! Where a reader looks for a source, shared by the sourcing rules (ATT002 unattributed claims,
//! ATT003 vague sources, ATT005 anonymous sources): the sentence before (even across a
//! paragraph break), the sentence itself and the one after, never a headline or deck.

use super::RuleContext;
use crate::analysis::lexicon;
use crate::analysis::numbers::FigureKind;
use crate::analysis::range::TextRange;
use crate::analysis::tokens::TokenKind;

/// The sentences a reader reads with sentence `si`: the one before it (across a paragraph
/// break too), `si` itself and the one after, leaving out headline-style paragraphs.
pub(super) fn around<'a>(ctx: &RuleContext<'a>, si: usize) -> impl Iterator<Item = usize> + 'a {
    let doc = ctx.doc;
    (si.saturating_sub(1)..=si + 1).filter(move |&i| {
        doc.sentences
            .get(i)
            .is_some_and(|s| !doc.is_display(s.paragraph))
    })
}

/// Words that qualify a source without naming it ("Some officials", "Senior analysts").
const GENERIC: &[&str] = &[
    "some",
    "many",
    "most",
    "several",
    "other",
    "others",
    "senior",
    "top",
    "former",
    "unnamed",
    "anonymous",
    "one",
    "two",
    "three",
    "four",
    "few",
    "local",
    "independent",
    "but",
    "and",
];

/// Whether a source of kind `lemmas` ("official", "spokesman") is named near sentence `si`,
/// outside `skip` (the phrase being judged): one of the words, singular or plural, within three
/// words of a person's name or of a capitalised word that names an organisation ("Treasury
/// officials said", "said Ann Cole, an economist at Brandt Bank").
pub(super) fn named_nearby(
    ctx: &RuleContext<'_>,
    si: usize,
    lemmas: &[&str],
    skip: TextRange,
) -> bool {
    let doc = ctx.doc;
    around(ctx, si).any(|s| {
        let Some(sentence) = doc.sentences.get(s) else {
            return false;
        };
        let toks = doc.sentence_tokens(s);
        let base = sentence.tokens.start;
        (0..toks.len()).any(|k| {
            let t = toks[k];
            if t.kind != TokenKind::Word || skip.contains_range(t.range) {
                return false;
            }
            let w = doc.lower(base + k);
            let w = lexicon::strip_possessive(w);
            let lemma = w.strip_suffix('s').unwrap_or(w);
            if !lemmas.contains(&lemma) && !lemmas.contains(&w) {
                return false;
            }
            let from = k.saturating_sub(3);
            let to = (k + 4).min(toks.len());
            (from..to).filter(|&j| j != k).any(|j| {
                let n = toks[j];
                if skip.contains_range(n.range) {
                    return false;
                }
                ctx.people.mention_at(n.range.start).is_some()
                    || (n.is_capitalised(&doc.prose) && {
                        let lw = doc.lower(base + j);
                        !lexicon::is_function_word_lc(lw)
                            && !GENERIC.contains(&lw)
                            && !lexicon::is_role_lc(lw)
                    })
            })
        })
    })
}

/// A phrase of words, matched word for word; `*` matches any one word.
type Phrase = &'static [&'static str];

/// Whether `words` contain `phrase` (word for word, `*` for any word).
pub(super) fn contains_phrase(words: &[&str], phrase: Phrase) -> bool {
    !phrase.is_empty()
        && words
            .windows(phrase.len())
            .any(|w| w.iter().zip(phrase).all(|(a, b)| *b == "*" || a == b))
}

/// How far either side of a vague phrase named sources are looked for, in sentences (a story;
/// a long file of many stories stops here).
const STORY_SENTENCES: usize = 80;

/// Whether the sentence after `si` names a speaker: a person's name within four words of an
/// attribution verb ("Jack Law said …", "… , said Ann Cole"), or opening a sentence that has
/// one ("Ann Cole, who chairs the forum, said …").
pub(super) fn speaker_next(ctx: &RuleContext<'_>, si: usize) -> bool {
    let doc = ctx.doc;
    around(ctx, si).filter(|&i| i == si + 1).any(|i| {
        let toks = doc.narration(i);
        let named =
            |n: &crate::analysis::tokens::Token| ctx.people.mention_at(n.range.start).is_some();
        let opens_named = toks.first().is_some_and(named);
        toks.iter().enumerate().any(|(k, t)| {
            lexicon::speech_verb(t.text(&doc.prose)).is_some()
                && (opens_named
                    || toks[k.saturating_sub(4)..(k + 5).min(toks.len())]
                        .iter()
                        .any(named))
        })
    })
}

/// Whether a source of kind `lemmas` is named anywhere in the story around sentence `si` (within
/// [`STORY_SENTENCES`] either side, the sentences next to it included): "analysts said" in a
/// story that quotes "Sue Blythe, an economist at Brandt" sums up the named ones, wherever they
/// stand, and an intro's "Experts say …" sums up the experts the story names below it.
pub(super) fn named_in_story(
    ctx: &RuleContext<'_>,
    si: usize,
    lemmas: &[&str],
    skip: TextRange,
) -> bool {
    !lemmas.is_empty()
        && (si.saturating_sub(STORY_SENTENCES)..ctx.doc.sentences.len().min(si + STORY_SENTENCES))
            .step_by(3)
            .any(|c| named_nearby(ctx, c, lemmas, skip))
}

/// Whether a figure a reader would check (a count, an amount, a share, a rate) rests on the
/// vague phrase at `range` in sentence `si`: one stands in the sentence outside the phrase.
/// Dates, years, weekdays, ordinals, ages and durations place a claim; they do not make one.
pub(super) fn figure_rests_on(ctx: &RuleContext<'_>, si: usize, range: TextRange) -> bool {
    let doc = ctx.doc;
    // The claim follows the phrase ("analysts say sales will fall 10%", "is expected to cost
    // £2bn"), unless the phrase closes it ("Sales will fall 10%, analysts say.").
    let closes = doc
        .tokens
        .get(doc.tokens.partition_point(|t| t.range.start < range.end))
        .is_none_or(|t| {
            t.kind == TokenKind::Punct && matches!(t.text(&doc.prose), "." | "," | ";" | "!")
        });
    ctx.figures.in_sentence(si).iter().any(|f| {
        !range.contains_range(f.range)
            && (closes || f.range.start >= range.end)
            // "the two parties", "its 25 members": a definite count names who is meant;
            // it is not what the source says.
            && !(f.kind == FigureKind::Count
                && f.tokens.start.checked_sub(1).is_some_and(|k| {
                    let w = doc.lower(k);
                    lexicon::is_possessive(w)
                        || matches!(
                            w,
                            "the" | "its" | "their" | "his" | "her" | "our" | "these"
                                | "those" | "all" | "both"
                        )
                }))
            && matches!(
                f.kind,
                FigureKind::Count
                    | FigureKind::Decimal
                    | FigureKind::Money
                    | FigureKind::Percent
                    | FigureKind::PercentagePoints
                    | FigureKind::Range
                    | FigureKind::Fraction
            )
            // "one of the", "a single": a count of one is a figure of speech more often
            // than a claim.
            && !(f.kind == FigureKind::Count && f.value == Some(1.0))
    })
}
