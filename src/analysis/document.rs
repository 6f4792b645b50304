//! The article as a copy desk reads it: prose, paragraphs, sentences, tokens and quotations,
//! all as UTF-8 byte ranges into the original text.

use super::date::Date;
mod display;
use super::markdown;
use super::parallel;
use super::quotes::{self, Quote, QuoteProblem};
use super::range::TextRange;
use super::sentences;
use super::suppress::Suppressions;
use super::tokens::{self, LowerTokens, Token};

/// How the text is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    Markdown,
    PlainText,
}

impl SourceKind {
    /// `.md` and `.markdown` are Markdown; everything else is plain text.
    pub fn from_extension(ext: &str) -> SourceKind {
        if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") {
            SourceKind::Markdown
        } else {
            SourceKind::PlainText
        }
    }
}

/// Why some bytes of the source are not prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaskKind {
    FrontMatter,
    CodeBlock,
    InlineCode,
    Html,
    Url,
    LinkDestination,
    Math,
    /// Markdown syntax: list markers, `#`, `>`, emphasis markers, table pipes.
    Markup,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mask {
    pub range: TextRange,
    pub kind: MaskKind,
}

/// What kind of block a paragraph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A heading or, in plain text, the headline (a first line with no sentence-final punctuation).
    Heading,
    ListItem,
    BlockQuote,
    TableCell,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// From the first to the last prose byte of the block (trimmed of whitespace).
    pub range: TextRange,
    pub kind: BlockKind,
    /// Indices into [`Document::sentences`].
    pub sentences: std::ops::Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Trimmed of surrounding whitespace; includes the final punctuation and closing quote marks.
    pub range: TextRange,
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
    /// Indices into [`Document::tokens`].
    pub tokens: std::ops::Range<usize>,
}

/// Article metadata from front matter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    pub front_matter: Option<TextRange>,
    pub date: Option<Date>,
    /// Where the `date:` value sits, for diagnostics about it.
    pub date_range: Option<TextRange>,
    pub title: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Document {
    pub kind: SourceKind,
    /// The source with every non-prose byte replaced by an ASCII space (newlines kept), so that
    /// byte offsets into `prose` are byte offsets into the source.
    pub prose: String,
    pub meta: Metadata,
    pub masks: Vec<Mask>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// Quotation spans in source order (outer quotes before the quotes nested in them).
    pub quotes: Vec<Quote>,
    pub quote_problems: Vec<QuoteProblem>,
    pub suppressions: Suppressions,
    /// Every token's lower-case form (see [`Document::lower`]).
    pub lower_tokens: LowerTokens,
    /// One bit a token: set when the token starts inside a top-level quotation (see
    /// [`Document::narration`]).
    quoted: Vec<u64>,
    /// How many paragraphs at the top are in headline style (see [`Document::is_display`]).
    display: usize,
    /// Whether the writer speaks in the first person (see [`Document::is_signed_voice`]).
    first_person: bool,
}

/// One bit per token, set for the tokens that start inside a top-level quotation.
fn quoted_tokens(tokens: &[Token], quotes: &[Quote]) -> Vec<u64> {
    let mut bits = vec![0u64; tokens.len().div_ceil(64)];
    for q in quotes.iter().filter(|q| q.parent.is_none()) {
        let from = tokens.partition_point(|t| t.range.start < q.range.start);
        let to = tokens.partition_point(|t| t.range.start < q.range.end);
        for i in from..to {
            if let Some(w) = bits.get_mut(i / 64) {
                *w |= 1 << (i % 64);
            }
        }
    }
    bits
}

/// Paragraphs, sentences and tokens of `blocks`, the first of which is paragraph `first_block`
/// (sentence and token indices count from 0).
fn split_blocks(
    prose: &str,
    blocks: &[markdown::Block],
    first_block: usize,
) -> (Vec<Paragraph>, Vec<Sentence>, Vec<Token>) {
    let mut paragraphs = Vec::with_capacity(blocks.len());
    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let first_sentence = sentences.len();
        for range in sentences::split(prose, block.range) {
            let first_token = tokens.len();
            tokens::tokenize(prose, range, &mut tokens);
            sentences.push(Sentence {
                range,
                paragraph: first_block + i,
                tokens: first_token..tokens.len(),
            });
        }
        paragraphs.push(Paragraph {
            range: block.range,
            kind: block.kind,
            sentences: first_sentence..sentences.len(),
        });
    }
    (paragraphs, sentences, tokens)
}

impl Document {
    pub fn parse(text: &str, kind: SourceKind) -> Document {
        Document::parse_on(text, kind, text.len() >= parallel::PARALLEL_FROM)
    }

    /// [`Document::parse`] on two threads or on one.
    pub(crate) fn parse_on(text: &str, kind: SourceKind, parallel: bool) -> Document {
        let layout = match kind {
            SourceKind::Markdown => markdown::layout(text),
            SourceKind::PlainText => markdown::plain_layout(text),
        };
        let markdown::Layout {
            prose,
            meta,
            masks,
            blocks,
            suppressions,
        } = layout;
        // Blocks split into sentences and tokens independently: a long document does the second
        // half of its blocks on another thread, then renumbers that half's indices.
        let mid = if parallel { blocks.len() / 2 } else { 0 };
        let (head, tail) = blocks.split_at(mid);
        let (first, second) = parallel::join(
            parallel,
            || split_blocks(&prose, head, 0),
            || split_blocks(&prose, tail, head.len()),
        );
        let (paragraphs, sentences, tokens) = if head.is_empty() {
            second
        } else {
            let (mut paragraphs, mut sentences, mut tokens) = first;
            let (tail_paragraphs, tail_sentences, tail_tokens) = second;
            let (sentence_base, token_base) = (sentences.len(), tokens.len());
            paragraphs.extend(tail_paragraphs.into_iter().map(|mut p| {
                p.sentences = p.sentences.start + sentence_base..p.sentences.end + sentence_base;
                p
            }));
            sentences.extend(tail_sentences.into_iter().map(|mut s| {
                s.tokens = s.tokens.start + token_base..s.tokens.end + token_base;
                s
            }));
            tokens.extend(tail_tokens);
            (paragraphs, sentences, tokens)
        };
        let ((quotes, quote_problems), lower_tokens) = parallel::join(
            parallel,
            || quotes::scan(&prose, &paragraphs, &sentences),
            || LowerTokens::new(&prose, &tokens),
        );
        let quoted = quoted_tokens(&tokens, &quotes);
        let display = display::leading(text, &prose, &paragraphs, &sentences, &tokens);
        Document {
            kind,
            prose,
            meta,
            masks,
            paragraphs,
            sentences,
            tokens,
            quotes,
            quote_problems,
            suppressions,
            lower_tokens,
            quoted,
            display,
            first_person: false,
        }
        .with_voice()
    }

    fn with_voice(mut self) -> Document {
        self.first_person = display::first_person(&self);
        self
    }

    /// The lower-case form of token `i` (its text when it has no upper-case character), as
    /// `lexicon::lower` would give it, without lower-casing again.
    pub fn lower(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .map_or("", |&t| self.lower_tokens.get(i, t))
    }

    /// The index of the sentence containing `offset`, if any (binary search).
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.range.end <= offset);
        (i < self.sentences.len() && self.sentences[i].range.start <= offset).then_some(i)
    }

    /// The index of the paragraph containing `offset`, if any (binary search).
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.range.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].range.start <= offset).then_some(i)
    }

    /// Whether paragraph `pi` is a heading (or a plain-text headline), which is not body copy.
    pub fn is_heading(&self, pi: usize) -> bool {
        self.paragraphs
            .get(pi)
            .is_some_and(|p| p.kind == BlockKind::Heading)
    }

    /// How many words paragraph `pi` has (0 for no such paragraph).
    pub fn paragraph_words(&self, pi: usize) -> usize {
        self.paragraphs
            .get(pi)
            .map_or(0, |p| display::words(&self.tokens, p, &self.sentences))
    }

    /// Whether paragraph `pi` is in headline style: a heading, the headline of a plain text (a
    /// short first line in title case, or with a label ("Poll: …"), or above a dateline), or
    /// the deck under it (a short line without sentence-final punctuation). Headline style drops
    /// first names and attribution, so rules about body copy skip these paragraphs.
    pub fn is_display(&self, pi: usize) -> bool {
        pi < self.display || self.is_heading(pi)
    }

    /// Whether the article speaks in the writer's own voice: first-person narration ("I", "my",
    /// "me" outside quotations) in several sentences, as in a signed column, review or analysis.
    /// There the writer is the source of opinions and expectations.
    pub fn is_signed_voice(&self) -> bool {
        self.first_person
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        self.sentences
            .get(i)
            .and_then(|s| self.tokens.get(s.tokens.clone()))
            .unwrap_or(&[])
    }

    /// Whether token `i` starts inside a quotation (nested quotations are inside their parent).
    pub fn is_quoted(&self, i: usize) -> bool {
        self.quoted
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// The tokens of sentence `si` outside every quotation: the narration around quotes.
    pub fn narration(&self, si: usize) -> Vec<Token> {
        let Some(s) = self.sentences.get(si) else {
            return Vec::new();
        };
        s.tokens
            .clone()
            .filter(|&i| !self.is_quoted(i))
            .filter_map(|i| self.tokens.get(i).copied())
            .collect()
    }

    /// The prose text of `range` (masked bytes read as spaces).
    pub fn text(&self, range: TextRange) -> &str {
        range.slice(&self.prose)
    }

    /// The top-level quotation containing `offset`, if any.
    pub fn quote_at(&self, offset: usize) -> Option<usize> {
        quotes::quote_at(&self.quotes, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narration_leaves_out_quoted_tokens() {
        let text = "“We will win,” she said, “and soon.” Nobody “agreed”.\n";
        let doc = Document::parse(text, SourceKind::PlainText);
        let words = |si: usize| -> Vec<&str> {
            doc.narration(si)
                .iter()
                .map(|t| t.text(&doc.prose))
                .collect()
        };
        assert_eq!(words(0), ["she", "said", ","]);
        assert_eq!(words(1), ["Nobody", "."]);
        assert!(words(2).is_empty());
        let quoted = (0..doc.tokens.len()).filter(|&i| doc.is_quoted(i)).count();
        assert_eq!(quoted + words(0).len() + words(1).len(), doc.tokens.len());
    }
}
