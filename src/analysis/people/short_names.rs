//! Misspellings of short surnames ("Smth" for Smith, "Lommu" for Lomu), which the ordinary
//! variant test leaves alone: one changed letter in a short word is as likely another name or word,
//! so the rest of the article has to settle it.

use super::mentions::{Draft, edit_distance, other_gender, word};
use super::{Mention, MentionKind};
use crate::analysis::document::Document;
use crate::analysis::lexicon::{self, FxHashMap as HashMap};
use crate::analysis::tokens::TokenKind;

/// One letter from a short surname ("Smth", "Lommu", "Moroe"), where [`is_variant`] does not
/// look: four letters or more, same first letter, one edit, no plural.
pub(super) fn is_short_variant(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    la.min(lb) >= 4
        && a != b
        && a.chars()
            .next()
            .map(|c| c.to_lowercase().collect::<String>())
            == b.chars()
                .next()
                .map(|c| c.to_lowercase().collect::<String>())
        && !(a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a))
        && edit_distance(a, b) == 1
}

/// A short near-miss of a surname is that person's name misspelled only when the article settles
/// it: the person is introduced by full name, their surname is written right at least three
/// times, and the odd spelling appears once. A word one letter from a short surname is otherwise
/// as likely another name or word ("Hain" / "Main").
pub(super) fn settle(
    doc: &Document,
    drafts: &[Draft],
    mentions: &mut Vec<Mention>,
    mut short: Vec<Mention>,
) {
    // Per person: mentions, surname written right, introduced by full name.
    let mut seen: HashMap<usize, (usize, usize, bool)> = HashMap::default();
    for o in mentions.iter() {
        let e = seen.entry(o.person).or_default();
        e.0 += 1;
        if !o.variant
            && matches!(o.kind, MentionKind::FullName | MentionKind::Surname)
            && doc
                .text(o.range)
                .ends_with(drafts[o.person].surname.as_str())
        {
            e.1 += 1;
        }
        e.2 |= o.kind == MentionKind::FullName;
    }
    // "Mr Blir" was taken for a person of its own in pass 1 (is_variant does not look at short
    // names): a surname-only person mentioned once, one letter from a full-named person.
    let lone: Vec<&Mention> = mentions
        .iter()
        .filter(|m| {
            let d = &drafts[m.person];
            m.kind == MentionKind::Surname
                && d.first.is_none()
                && d.registry.is_none()
                && seen.get(&m.person).is_some_and(|e| e.0 == 1)
                && doc.text(m.range) == d.surname
                && !lexicon::is_surname(&d.surname)
        })
        .collect();
    if !lone.is_empty() {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::default();
        for (q, d) in drafts.iter().enumerate() {
            // Every full-named person, settled or not: a near-miss of two people is neither's.
            if d.strong && d.first.is_some() {
                for k in keys(&d.surname) {
                    by_key.entry(k).or_default().push(q);
                }
            }
        }
        for m in lone {
            let w = &drafts[m.person].surname;
            let mut hits: Vec<usize> = keys(w)
                .iter()
                .filter_map(|k| by_key.get(k))
                .flatten()
                .copied()
                .filter(|&q| is_short_variant(&drafts[q].surname, w))
                // "Mr Vosk" is not a misspelling of Anna Voss's name.
                .filter(|&q| !other_gender(drafts[m.person].said_gender, &drafts[q]))
                .collect();
            hits.sort_unstable();
            hits.dedup();
            if let [q] = hits[..] {
                short.push(Mention {
                    range: m.range,
                    person: q,
                    kind: MentionKind::Surname,
                    variant: true,
                });
            }
        }
    }
    short.retain(|m| seen.get(&m.person).is_some_and(|e| e.1 >= 3 && e.2));
    if short.is_empty() {
        return;
    }
    // How often each odd spelling is written.
    let mut written: HashMap<&str, usize> = short.iter().map(|m| (doc.text(m.range), 0)).collect();
    for t in doc.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        if let Some(n) = written.get_mut(lexicon::strip_possessive(word(doc, t))) {
            *n += 1;
        }
    }
    for m in short {
        if written.get(doc.text(m.range)) != Some(&1) {
            continue;
        }
        // Replaces the mention of the one-mention person, if there was one.
        if let Some(i) = mentions.iter().position(|o| o.range == m.range) {
            mentions[i] = m;
        } else {
            mentions.push(m);
        }
    }
}

/// The word lower-cased, and with each letter left out in turn: two words one edit apart share
/// one of these.
fn keys(w: &str) -> Vec<String> {
    let chars: Vec<char> = w.chars().flat_map(char::to_lowercase).collect();
    let mut out = vec![chars.iter().collect::<String>()];
    for i in 0..chars.len() {
        out.push(
            chars
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, c)| c)
                .collect(),
        );
    }
    out
}
