//! The abbreviations of news prose that decide sentence boundaries ("Sen.", "Feb.", "U.S."), and
//! the words that open a sentence after one. Every lookup ignores ASCII case: the lists are lower
//! case.

use std::sync::LazyLock;

use super::calendar;
use super::hash::FxHashSet;
use super::set;

static TITLES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/abbreviations/titles.txt")));
static MONTHS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| calendar::abbreviations().collect());
static MAY_END: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/abbreviations/may_end.txt")));
static OPENERS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/abbreviations/openers.txt")));

/// `word` is in `set` ignoring ASCII case (the lists are lower-case ASCII).
fn is_in(set: &FxHashSet<&'static str>, word: &str) -> bool {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        set.contains(word.to_ascii_lowercase().as_str())
    } else {
        set.contains(word)
    }
}

/// A title or another abbreviation that never ends a sentence ("sen", "dr", "no"), without its
/// period.
pub fn is_title(word: &str) -> bool {
    is_in(&TITLES, word)
}

/// A month abbreviation written with a period ("feb", "sept"), without its period.
pub fn is_month(word: &str) -> bool {
    is_in(&MONTHS, word)
}

/// An abbreviation that may end a sentence ("u.s", "inc", "a.m"), without its final period.
pub fn may_end_sentence(word: &str) -> bool {
    is_in(&MAY_END, word)
}

/// A word that commonly opens a sentence ("The", "But", "officials").
pub fn is_opener(word: &str) -> bool {
    is_in(&OPENERS, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        assert!(is_title("Sen") && is_title("dr") && !is_title("said"));
        assert!(is_month("Feb") && is_month("sept") && !is_month("may"));
        assert!(may_end_sentence("U.S") && may_end_sentence("inc"));
        assert!(is_opener("The") && is_opener("but") && !is_opener("Stoltenberg"));
    }
}
