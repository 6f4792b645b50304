//! People: every named person in the article, their mentions, and the speaker of every quote.
//!
//! Owned by the attribution-and-people work; the public shape below is what the CLI (`facts`)
//! and the language server (hover, definition, references, rename, symbols) read.

use super::config::Config;
use super::document::Document;
use super::lexicon;
use super::range::TextRange;
use super::tokens::{Token, TokenKind};

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

impl MentionKind {
    /// A stable identifier (`copydesk facts` writes it): "full-name", "surname", "role",
    /// "pronoun".
    pub const fn as_str(self) -> &'static str {
        match self {
            MentionKind::FullName => "full-name",
            MentionKind::Surname => "surname",
            MentionKind::Role => "role",
            MentionKind::Pronoun => "pronoun",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The name, role or pronoun itself (titles excluded).
    pub range: TextRange,
    /// Index into [`People::persons`].
    pub person: usize,
    pub kind: MentionKind,
    /// The surname is spelled differently from the person's canonical spelling (`Person::name`).
    pub variant: bool,
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
    /// Every title the article gives the person, in text order, with where it is written.
    pub titles: Vec<(String, TextRange)>,
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

impl SpeakerVia {
    /// A stable identifier (`copydesk facts` writes it): "named", "continuation", "pronoun",
    /// "none".
    pub const fn as_str(self) -> &'static str {
        match self {
            SpeakerVia::Named => "named",
            SpeakerVia::Continuation => "continuation",
            SpeakerVia::Pronoun => "pronoun",
            SpeakerVia::None => "none",
        }
    }

    /// How the speaker was found, for a reader ("named in the attribution").
    pub const fn describe(self) -> &'static str {
        match self {
            SpeakerVia::Named => "named in the attribution",
            SpeakerVia::Continuation => "continuation of an attributed quote",
            SpeakerVia::Pronoun => "pronoun resolved to the last person named",
            SpeakerVia::None => "not found",
        }
    }
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
    /// The quote reads as reported speech: a speaker or cue was found, or it is longer than three
    /// words and not a title of a work. Scare quotes, titles and quotes in headings are not speech.
    pub speech: bool,
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

mod memo;
mod mentions;
mod names;
mod short_names;
mod speakers;
mod variants;

/// True when a user attribution verb from `Config.attribution_verbs` starts at token `t`: a word
/// ("harrumph") or a phrase ("shot back", "fired back"), its first word in any regular inflection
/// ([`lexicon::is_inflection_of`]: "harrumphed", "jabbed") and the rest matched word for word.
pub fn user_verb_at(doc: &Document, t: &Token, verbs: &[String]) -> bool {
    if verbs.is_empty() || t.kind != TokenKind::Word {
        return false;
    }
    let i = doc
        .tokens
        .partition_point(|x| x.range.start < t.range.start);
    verbs.iter().any(|v| {
        let mut words = v.split_whitespace();
        let Some(first) = words.next() else {
            return false;
        };
        lexicon::is_inflection_of(t.text(&doc.prose), first)
            && words.enumerate().all(|(k, w)| {
                doc.tokens
                    .get(i + 1 + k)
                    .is_some_and(|n| n.text(&doc.prose).eq_ignore_ascii_case(w))
            })
    })
}

/// Finds people, mentions and quote speakers.
pub fn analyze(_text: &str, doc: &Document, config: &Config) -> People {
    let found = mentions::find(doc, config);
    let mentions::Found {
        drafts,
        mut mentions,
    } = found;
    let sp = speakers::attribute(doc, &mentions, &drafts, &config.attribution_verbs);
    let mut attributions = sp.attributions;
    mentions.extend(sp.pronoun_mentions);
    mentions.sort_by_key(|m| (m.range.start, m.range.end));
    mentions.dedup_by_key(|m| m.range.start);

    // Keep the people the article mentions; renumber.
    let mut keep = vec![usize::MAX; drafts.len()];
    let mut persons: Vec<Person> = Vec::new();
    for (mi, m) in mentions.iter().enumerate() {
        if keep[m.person] == usize::MAX {
            keep[m.person] = persons.len();
            let d = &drafts[m.person];
            let reg = d.registry.and_then(|r| config.people.get(r));
            persons.push(Person {
                name: speakers::person_name(&drafts, m.person),
                title: d
                    .titles
                    .first()
                    .map(|(t, _)| t.clone())
                    .or_else(|| reg.and_then(|r| r.title.clone())),
                note: reg.and_then(|r| r.note.clone()),
                in_registry: reg.is_some(),
                titles: d.titles.clone(),
                mentions: Vec::new(),
            });
        }
        persons[keep[m.person]].mentions.push(mi);
    }
    for m in &mut mentions {
        m.person = keep[m.person];
    }
    for a in &mut attributions {
        a.person = a.person.map(|p| keep[p]).filter(|&p| p != usize::MAX);
        a.candidates = a
            .candidates
            .iter()
            .map(|&p| keep[p])
            .filter(|&p| p != usize::MAX)
            .collect();
        if let Some(p) = a.person {
            a.speaker = Some(persons[p].name.clone());
        }
    }
    canonical_spellings(doc, &drafts, &keep, &mut persons, &mut mentions);
    People {
        persons,
        mentions,
        attributions,
    }
}

/// The surname of a name ("Jens Stoltenberg" → "Stoltenberg").
pub fn surname_of(name: &str) -> &str {
    name.split_whitespace().last().unwrap_or(name)
}

/// The canonical spelling among `(spelling, mentions, first mention, first full-name mention)`:
/// the most frequent (one odd spelling among more mentions of another is the typo, even in the
/// full-name first reference); between spellings written as often, the first full-name
/// reference's, else the earliest.
fn canonical_of(counts: &[(String, usize, usize, Option<usize>)]) -> Option<String> {
    let most = counts.iter().map(|c| c.1).max()?;
    let tied = || counts.iter().filter(|c| c.1 == most);
    tied()
        .filter_map(|c| c.3.map(|f| (f, c)))
        .min_by_key(|&(f, _)| f)
        .map(|(_, c)| c)
        .or_else(|| tied().min_by_key(|c| c.2))
        .map(|c| c.0.clone())
}

/// Decides each person's canonical surname spelling (the registry's, else the most frequent,
/// ties to the full-name first reference: see [`canonical_of`]) and marks the mentions spelled
/// otherwise.
/// Whether two spellings of a surname are the same but for the apostrophe's glyph ("O’Neill",
/// "O'Neill"): typography, not spelling.
fn same_spelling(a: &str, b: &str) -> bool {
    let fold = |c: char| {
        if matches!(c, '’' | '‘' | 'ʼ') {
            '\''
        } else {
            c
        }
    };
    a.chars().map(fold).eq(b.chars().map(fold))
}

fn canonical_spellings(
    doc: &Document,
    drafts: &[mentions::Draft],
    keep: &[usize],
    persons: &mut [Person],
    mentions: &mut [Mention],
) {
    let spelled = |m: &Mention| -> Option<String> {
        match m.kind {
            MentionKind::FullName | MentionKind::Surname => {
                Some(surname_of(doc.text(m.range)).to_string())
            }
            _ => None,
        }
    };
    for (di, d) in drafts.iter().enumerate() {
        let p = keep[di];
        if p == usize::MAX {
            continue;
        }
        let canonical = if d.registry.is_some() {
            surname_of(&persons[p].name).to_string()
        } else {
            // (spelling, mentions, first mention, first full-name mention)
            let mut counts: Vec<(String, usize, usize, Option<usize>)> = Vec::new();
            for &mi in &persons[p].mentions {
                let m = &mentions[mi];
                let Some(s) = spelled(m) else { continue };
                let full = (m.kind == MentionKind::FullName).then_some(mi);
                match counts.iter_mut().find(|c| same_spelling(&c.0, &s)) {
                    Some(c) => {
                        c.1 += 1;
                        c.3 = c.3.or(full);
                    }
                    None => counts.push((s, 1, mi, full)),
                }
            }
            let Some(best) = canonical_of(&counts) else {
                continue;
            };
            best
        };
        let aliases: Vec<&str> = d.aliases.iter().map(String::as_str).collect();
        for &mi in &persons[p].mentions {
            if let Some(s) = spelled(&mentions[mi]) {
                mentions[mi].variant =
                    !same_spelling(&s, &canonical) && !aliases.contains(&s.as_str());
            }
        }
        // The person's name uses the canonical spelling.
        let name = persons[p].name.clone();
        if !same_spelling(surname_of(&name), &canonical) && d.registry.is_none() {
            let head = name
                .rsplit_once(char::is_whitespace)
                .map_or(String::new(), |(h, _)| format!("{h} "));
            persons[p].name = format!("{head}{canonical}");
        }
    }
}

#[cfg(test)]
mod tests;
