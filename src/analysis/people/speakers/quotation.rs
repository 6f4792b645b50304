//! Judging a quotation before its speaker: whether it reads as reported speech or is a title of
//! a work or a scare quote.

use crate::analysis::document::Document;

/// A title of a work or a name in quotes: “Morning Joe”, “The Steve Harvey Morning Show,”.
pub(super) fn is_title_of_work(doc: &Document, qi: usize) -> bool {
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
pub(super) fn looks_like_speech(doc: &Document, qi: usize) -> bool {
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
