//! People's names: first names and surnames (US Census 1990), honorifics, name particles, and
//! the words that are never a name (function words, capitalised words that are not people).

use std::sync::LazyLock;

use super::calendar;
use super::forms::{lower_in, strip_dot, strip_possessive};
use super::hash::{FxHashMap, FxHashSet};
use super::{lines, set};

/// What the first-name lists say about a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

/// `m`, `f` or anything else (`mf`, `u`) as a gender.
fn gender(code: &str) -> Gender {
    match code {
        "m" => Gender::Male,
        "f" => Gender::Female,
        _ => Gender::Unknown,
    }
}

/// A `word<TAB>gender` file as a map.
fn genders(src: &'static str) -> FxHashMap<&'static str, Gender> {
    lines(src)
        .filter_map(|l| {
            let (name, g) = l.split_once('\t')?;
            Some((name, gender(g)))
        })
        .collect()
}

static FIRST: LazyLock<FxHashMap<&'static str, Gender>> = LazyLock::new(|| {
    let mut first = genders(include_str!("../data/names/first.tsv"));
    first.extend(genders(include_str!("../data/names/first_extra.tsv")));
    first
});
static LAST: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/names/last.txt")));
/// The 5,000 most frequent surnames: a spelling this common is a name of its own, not a typo.
static COMMON_LAST: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/names/common_last.txt")));
static FUNCTION: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/function_words.txt")));
/// The list, and every month and weekday word.
static NOT_PERSON: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    let mut words = set(include_str!("../data/not_person.txt"));
    words.extend(calendar::words());
    words
});
static HONORIFICS: LazyLock<FxHashMap<&'static str, Gender>> =
    LazyLock::new(|| genders(include_str!("../data/honorifics.tsv")));
static PARTICLES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/name_particles.txt")));

pub fn first_name(word: &str) -> Option<Gender> {
    FIRST.get(lower_in(word, &mut [0u8; 64]).as_ref()).copied()
}

pub fn is_surname(word: &str) -> bool {
    LAST.contains(lower_in(word, &mut [0u8; 64]).as_ref())
}

pub fn is_function_word(word: &str) -> bool {
    FUNCTION.contains(lower_in(word, &mut [0u8; 64]).as_ref())
}

pub fn is_not_person(word: &str) -> bool {
    NOT_PERSON.contains(lower_in(strip_possessive(word), &mut [0u8; 64]).as_ref())
}

/// Lookups on an already lower-cased word (hot paths lower-case once).
pub fn is_common_surname_lc(lc: &str) -> bool {
    COMMON_LAST.contains(lc)
}
pub fn first_name_lc(lc: &str) -> Option<Gender> {
    FIRST.get(lc).copied()
}
pub fn is_function_word_lc(lc: &str) -> bool {
    FUNCTION.contains(lc)
}
pub fn is_not_person_lc(lc: &str) -> bool {
    NOT_PERSON.contains(lc)
}

/// Honorifics and the gender they imply.
pub fn honorific(word: &str) -> Option<Gender> {
    HONORIFICS
        .get(lower_in(strip_dot(word), &mut [0u8; 64]).as_ref())
        .copied()
}

/// Particles that may sit inside a name ("Ursula von der Leyen", "Charles de Gaulle").
pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_first_names_do_not_repeat_the_census_lists() {
        let census: std::collections::HashSet<&str> =
            lines(include_str!("../data/names/first.tsv"))
                .filter_map(|l| l.split_once('\t').map(|(n, _)| n))
                .collect();
        let extra: Vec<&str> = lines(include_str!("../data/names/first_extra.tsv")).collect();
        assert!(extra.len() > 50);
        for l in extra {
            let (name, g) = l.split_once('\t').expect("name<TAB>gender");
            assert!(!census.contains(name), "{name} is already in first.tsv");
            assert!(matches!(g, "m" | "f" | "mf"), "{l}");
            assert_eq!(name, name.to_lowercase());
        }
        assert_eq!(first_name("Jens"), Some(Gender::Male));
        assert_eq!(first_name("Niamh"), Some(Gender::Female));
    }

    #[test]
    fn lists_load() {
        assert_eq!(first_name("Jake"), Some(Gender::Male));
        assert_eq!(first_name("Hillary"), Some(Gender::Female));
        assert!(is_surname("Stoltenberg") && is_surname("Sullivan"));
        assert!(is_not_person("Kremlin") && is_function_word("The"));
        assert_eq!(strip_possessive("Biden’s"), "Biden");
        assert_eq!(honorific("Mrs."), Some(Gender::Female));
        assert_eq!(honorific("Dr"), Some(Gender::Unknown));
        assert_eq!(honorific("Sen."), None);
        assert!(is_particle("von") && !is_particle("Von"));
    }
}
