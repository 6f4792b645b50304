//! Headline style and the writer's voice: what a copy editor sees before reading a sentence.
//!
//! A headline and the deck under it follow headline style (surnames alone, no attribution,
//! present tense), and a signed column speaks in the first person; rules about body copy ask
//! [`super::Document::is_display`] and [`super::Document::is_signed_voice`].

use super::{BlockKind, Document, Paragraph, Sentence};
use crate::analysis::tokens::{Token, TokenKind};

/// The longest headline, in words.
const HEADLINE_WORDS: usize = 20;
/// The longest sentence-case headline, in words.
const SHORT_HEADLINE_WORDS: usize = 16;
/// The longest deck, in words.
const DECK_WORDS: usize = 40;
/// The longest deck that ends like a sentence, in words (it must stand over a dateline), and the
/// longest line that [`over_longer_intro`] looks past to find the intro.
const SHORT_DECK_WORDS: usize = 20;
/// The longest section label under a headline ("Letters.", "Opinion.").
const LABEL_WORDS: usize = 3;

/// Labels that mark a piece as the writer's own judgement ("Analysis: …", "Review: …").
const GENRE_LABELS: &[&str] = &[
    "analysis",
    "opinion",
    "comment",
    "commentary",
    "column",
    "review",
    "editorial",
    "viewpoint",
    "essay",
];

/// The words (word tokens) of paragraph `p`.
pub(super) fn words(tokens: &[Token], p: &Paragraph, sentences: &[Sentence]) -> usize {
    span(tokens, p, sentences)
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count()
}

fn span<'a>(tokens: &'a [Token], p: &Paragraph, sentences: &[Sentence]) -> &'a [Token] {
    let from = sentences
        .get(p.sentences.start)
        .map_or(0, |s| s.tokens.start);
    let to = p
        .sentences
        .end
        .checked_sub(1)
        .and_then(|i| sentences.get(i))
        .map_or(from, |s| s.tokens.end);
    tokens.get(from..to).unwrap_or(&[])
}

fn ends_like_sentence(s: &str) -> bool {
    s.ends_with(['.', '?', '!', '"', '”', ':', ';', ',', '’', '\''])
}

/// Title case: at least three words of four letters or more, three in four of them capitalised
/// ("Clinton Plan for Taxes Is Expansive but Complex").
fn title_case(prose: &str, toks: &[Token]) -> bool {
    let long: Vec<&Token> = toks
        .iter()
        .filter(|t| t.kind == TokenKind::Word && t.text(prose).chars().count() >= 4)
        .collect();
    let caps = long.iter().filter(|t| t.is_capitalised(prose)).count();
    long.len() >= 3 && caps * 4 >= long.len() * 3
}

/// A label before a colon at the start ("Poll: …", "The Latest: …").
fn label(prose: &str, toks: &[Token]) -> bool {
    toks.iter()
        .take(5)
        .position(|t| t.text(prose) == ":")
        .is_some_and(|i| {
            i > 0 && i + 1 < toks.len() && toks[..i].iter().any(|t| t.is_capitalised(prose))
        })
}

/// A dateline opens the paragraph: a place in capitals, then a dash or an agency in brackets
/// within the first few words ("WASHINGTON (AP) —", "HEMPSTEAD, N.Y. ―", "BRUSSELS - ").
fn dateline(prose: &str, toks: &[Token]) -> bool {
    let Some(first) = toks.first() else {
        return false;
    };
    let w = first.text(prose);
    let caps = w.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && w.chars().all(|c| !c.is_lowercase());
    caps && toks.iter().take(10).enumerate().any(|(i, t)| {
        let w = t.text(prose);
        matches!(w, "—" | "―" | "–" | "(") || w.starts_with("--") || (w == "-" && i <= 4)
    })
}

/// A line of one or two sentences and at most [`SHORT_HEADLINE_WORDS`] words above an intro at
/// least twice as long: the shape of a headline over its intro, whatever its case. The intro is
/// the next paragraph, or the one after it when the next is itself a short line (a deck, a
/// section label such as "Letters.").
fn over_longer_intro(paragraphs: &[Paragraph], tokens: &[Token], sentences: &[Sentence]) -> bool {
    let Some(first) = paragraphs.first() else {
        return false;
    };
    let n = words(tokens, first, sentences);
    let intro = |i: usize| paragraphs.get(i).map_or(0, |p| words(tokens, p, sentences));
    let next = intro(1);
    let longest = if next <= SHORT_DECK_WORDS {
        next.max(intro(2))
    } else {
        next
    };
    first.sentences.len() <= 2 && n <= SHORT_HEADLINE_WORDS && longest >= 2 * n
}

/// How many paragraphs at the top of the document are in headline style: the headline (a
/// heading, or a short single line that no sentence ends, that is in title case, that has a
/// label, or that stands above a dateline) and the deck under it (a short single line that no
/// sentence ends, or a short line wholly in emphasis).
pub(super) fn leading(
    text: &str,
    prose: &str,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    tokens: &[Token],
) -> usize {
    let Some(first) = paragraphs.first() else {
        return 0;
    };
    if paragraphs.len() < 2 || !matches!(first.kind, BlockKind::Heading | BlockKind::Paragraph) {
        return 0;
    }
    let one_line = |p: &Paragraph| !p.range.slice(prose).contains(['\n', '\r']);
    let headline = first.kind == BlockKind::Heading || {
        let toks = span(tokens, first, sentences);
        let next = span(tokens, &paragraphs[1], sentences);
        one_line(first)
            && words(tokens, first, sentences) <= HEADLINE_WORDS
            && first.sentences.len() <= 2
            && (!ends_like_sentence(first.range.slice(prose))
                || title_case(prose, toks)
                || label(prose, toks)
                || dateline(prose, next)
                || over_longer_intro(paragraphs, tokens, sentences))
    };
    if !headline {
        return 0;
    }
    let Some(deck) = paragraphs.get(1) else {
        return 1;
    };
    let emphasised = {
        let before = text.get(..deck.range.start).unwrap_or("").trim_end();
        let after = text.get(deck.range.end..).unwrap_or("").trim_start();
        before.ends_with(['*', '_']) && after.starts_with(['*', '_'])
    };
    let is_deck = deck.kind == BlockKind::Paragraph
        && paragraphs.len() > 2
        && one_line(deck)
        && words(tokens, deck, sentences) <= DECK_WORDS
        && !dateline(prose, span(tokens, deck, sentences))
        && (emphasised || !ends_like_sentence(deck.range.slice(prose)) || {
            // A one-sentence summary line between the headline and an intro that opens with a
            // dateline, or a section label ("Letters."). A short first paragraph over a longer
            // one is no deck by its shape alone: that is also how a one-sentence lede looks.
            let n = words(tokens, deck, sentences);
            let intro = &paragraphs[2];
            deck.sentences.len() == 1
                && (n <= LABEL_WORDS
                    || (n <= SHORT_DECK_WORDS && dateline(prose, span(tokens, intro, sentences))))
        });
    if is_deck { 2 } else { 1 }
}

/// Whether the writer speaks in the first person in several sentences of the body, or labels
/// the piece as their own judgement ("Analysis: …", "Review" above the text).
pub(super) fn first_person(doc: &Document) -> bool {
    let labelled = (0..doc.paragraphs.len().min(3)).any(|pi| {
        let Some(p) = doc.paragraphs.get(pi) else {
            return false;
        };
        let toks = span(&doc.tokens, p, &doc.sentences);
        toks.first().is_some_and(|t| {
            let w = t.text(&doc.prose).to_lowercase();
            GENRE_LABELS.contains(&w.as_str())
                && toks.get(1).is_none_or(|n| n.text(&doc.prose) == ":")
        })
    });
    if labelled {
        return true;
    }
    let mut body = 0;
    let mut own = 0;
    for s in &doc.sentences {
        let kind = doc.paragraphs.get(s.paragraph).map(|p| p.kind);
        if kind != Some(BlockKind::Paragraph) || doc.is_display(s.paragraph) {
            continue;
        }
        body += 1;
        let first = s.tokens.clone().any(|i| {
            !doc.is_quoted(i)
                && doc.tokens.get(i).is_some_and(|t| {
                    matches!(
                        t.text(&doc.prose),
                        "I" | "my"
                            | "My"
                            | "me"
                            | "myself"
                            | "I'm"
                            | "I\u{2019}m"
                            | "I've"
                            | "I\u{2019}ve"
                    )
                })
        });
        if first {
            own += 1;
        }
    }
    own >= 3 && own * 15 >= body
}

#[cfg(test)]
mod tests {
    use crate::analysis::document::{Document, SourceKind};

    fn display(text: &str, kind: SourceKind) -> Vec<bool> {
        let doc = Document::parse(text, kind);
        (0..doc.paragraphs.len())
            .map(|i| doc.is_display(i))
            .collect()
    }

    #[test]
    fn headlines_in_headline_style() {
        let plain = SourceKind::PlainText;
        let body = "\n\nGrace Okafor won the vote on Tuesday.\n\nShe takes office in May.\n";
        for headline in [
            "Okafor Wins Riverton Race by a Wide Margin.",
            "Okafor: Riverton Will Freeze Fares.",
            "Okafor wins Riverton race",
        ] {
            let d = display(&format!("{headline}{body}"), plain);
            assert_eq!(d, [true, false, false], "{headline}");
        }
        // A sentence-case headline ending in a period, above a dateline.
        let d = display(
            "Okafor wins Riverton race.\n\nRIVERTON (AP) — Grace Okafor won.\n\nMore.\n",
            plain,
        );
        assert_eq!(d, [true, false, false]);
    }

    #[test]
    fn a_sentence_case_headline_over_a_longer_intro() {
        let d = display(
            "Okafor calls for a fare freeze.\n\nRiverton mayor Grace Okafor on Tuesday asked the transit board to hold bus fares at this year's level until 2027.\n",
            SourceKind::PlainText,
        );
        assert_eq!(d, [true, false]);
    }

    #[test]
    fn a_short_lede_is_no_headline() {
        let d = display(
            "The mayor resigned on Tuesday.\n\nShe had served two terms.\n",
            SourceKind::PlainText,
        );
        assert_eq!(d, [false, false]);
    }

    #[test]
    fn decks_under_the_headline() {
        let d = display(
            "Okafor wins Riverton race\n\nFormer teacher promises cheaper buses\n\nGrace Okafor won.\n",
            SourceKind::PlainText,
        );
        assert_eq!(d, [true, true, false]);
        let d = display(
            "# Okafor wins\n\n*The former teacher promises cheaper buses.*\n\nGrace Okafor won.\n",
            SourceKind::Markdown,
        );
        assert_eq!(d, [true, true, false]);
        // A first body paragraph that ends like a sentence is no deck.
        let d = display(
            "Okafor wins Riverton race\n\nGrace Okafor won the vote.\n\nShe starts in May.\n",
            SourceKind::PlainText,
        );
        assert_eq!(d, [true, false, false]);
    }

    #[test]
    fn sentence_case_headlines_and_decks_over_a_longer_intro() {
        let plain = SourceKind::PlainText;
        // Two short sentences as the headline.
        let d = display(
            "The mayor stayed home. Riverton noticed.\n\nRiverton mayor Grace Okafor skipped the transit board meeting on Tuesday for the third time this year, and board members said they would ask her why.\n",
            plain,
        );
        assert_eq!(d, [true, false]);
        // A headline, a one-sentence deck, then the intro under its dateline.
        let d = display(
            "Okafor takes on the transit board.\n\nMayor says fares must freeze until 2027.\n\nRIVERTON - Riverton mayor Grace Okafor on Tuesday asked the transit board to hold bus fares at this year's level until 2027, saying families could not absorb another rise.\n",
            plain,
        );
        assert_eq!(d, [true, true, false]);
        // A headline above a section label.
        let d = display(
            "Would you ride the bus?\n\nLetters.\n\nI have taken the number 9 bus to work for eleven years and it has never once been on time, whatever the mayor says about reliability.\n",
            plain,
        );
        assert_eq!(d, [true, true, false]);
        // A short lede stays body copy, even over a longer paragraph.
        let d = display(
            "Okafor wins Riverton race\n\nGrace Okafor won the vote on Tuesday.\n\nShe takes office in May, and she says her first weeks will go on bus fares, which rose twice last year.\n",
            plain,
        );
        assert_eq!(d, [true, false, false]);
    }

    #[test]
    fn the_writers_own_voice() {
        let column = "Why I gave up my car\n\nI sold my car in March. My neighbours laughed.\n\nThe bus is slow, but I read on it. Nobody misses me on the ring road.\n";
        assert!(Document::parse(column, SourceKind::PlainText).is_signed_voice());
        let news = "Mayor sells car\n\nThe mayor sold her car in March. “I read on the bus,” she said. “My neighbours laughed at me.”\n";
        assert!(!Document::parse(news, SourceKind::PlainText).is_signed_voice());
        let labelled =
            "Analysis: the cost of free buses\n\nThe city will lose fares worth $3 million.\n";
        assert!(Document::parse(labelled, SourceKind::PlainText).is_signed_voice());
    }
}
