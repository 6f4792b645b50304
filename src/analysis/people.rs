//! People: every named person in the article, their mentions, and the speaker of every quote.
//!
//! Owned by the attribution-and-people work; the public shape below is what the CLI (`facts`)
//! and the language server (hover, definition, references, rename, symbols) read.

use super::config::Config;
use super::document::Document;
use super::range::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// First and last name ("Jens Stoltenberg"), possibly with a title before or after it.
    FullName,
    /// Surname alone ("Stoltenberg").
    Surname,
    /// A role standing for the person ("the secretary-general", "the president").
    Role,
    /// A pronoun in an attribution ("he said").
    Pronoun,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The name, role or pronoun itself (titles excluded).
    pub range: TextRange,
    /// Index into [`People::persons`].
    pub person: usize,
    pub kind: MentionKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// The fullest spelling the article (or the registry, which wins) gives: "Jens Stoltenberg".
    pub name: String,
    /// The title from the first reference that has one ("NATO Secretary-General").
    pub title: Option<String>,
    /// The registry note, if the person is in `[[people]]`.
    pub note: Option<String>,
    pub in_registry: bool,
    /// Indices into [`People::mentions`], in text order; the first is the first reference.
    pub mentions: Vec<usize>,
}

/// How a quote's speaker was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeakerVia {
    /// The speaker is named in the quote's sentence or attribution ("Stoltenberg told reporters").
    Named,
    /// The quote continues an attributed quote in the same or previous paragraph.
    Continuation,
    /// A pronoun ("he said") resolved to the person it refers to.
    Pronoun,
    /// No speaker was found.
    None,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// Index into `Document::quotes`.
    pub quote: usize,
    /// Index into [`People::persons`] when the speaker is a tracked person.
    pub person: Option<usize>,
    /// The speaker as written when it is not a tracked person ("the Kremlin", "a spokesman"), or the
    /// person's name.
    pub speaker: Option<String>,
    pub speaker_range: Option<TextRange>,
    /// The attribution verb or phrase ("told", "said", "according to").
    pub cue: Option<String>,
    pub cue_range: Option<TextRange>,
    pub via: SpeakerVia,
    /// When a pronoun could mean more than one person: every candidate (indices into `persons`).
    pub candidates: Vec<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct People {
    pub persons: Vec<Person>,
    /// Every mention, sorted by range start.
    pub mentions: Vec<Mention>,
    /// One entry per quote of `Document::quotes`, same order.
    pub attributions: Vec<Attribution>,
}

impl People {
    /// The mention at byte `offset` (cursor semantics: the end of a mention counts).
    pub fn mention_at(&self, offset: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.range.end < offset);
        self.mentions.get(i).filter(|m| m.range.touches(offset))
    }

    /// The quotes attributed to person `p`, as indices into `Document::quotes`.
    pub fn quotes_of(&self, p: usize) -> impl Iterator<Item = usize> + '_ {
        self.attributions
            .iter()
            .filter(move |a| a.person == Some(p))
            .map(|a| a.quote)
    }
}

/// Finds people, mentions and quote speakers.
pub fn analyze(_text: &str, doc: &Document, _config: &Config) -> People {
    People {
        persons: Vec::new(),
        mentions: Vec::new(),
        attributions: (0..doc.quotes.len())
            .map(|quote| Attribution {
                quote,
                person: None,
                speaker: None,
                speaker_range: None,
                cue: None,
                cue_range: None,
                via: SpeakerVia::None,
                candidates: Vec::new(),
            })
            .collect(),
    }
}
