//! The embedded word lists: first names and surnames (US Census 1990), titles and roles, speech
//! verbs, and capitalised words that are not people. See `data/PROVENANCE.md`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A small fast non-cryptographic hasher (the Fx hash of rustc) for word lookups: the word lists
/// are fixed and the analysed text cannot choose collisions worth defending against here.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(buf));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
pub type FxHashSet<T> = HashSet<T, FxBuild>;
pub type FxHashMap<K, V> = HashMap<K, V, FxBuild>;

/// What the first-name lists say about a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

fn lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn set(src: &'static str) -> FxHashSet<&'static str> {
    lines(src).collect()
}

static FIRST: LazyLock<FxHashMap<&'static str, Gender>> = LazyLock::new(|| {
    lines(include_str!("../data/names/first.tsv"))
        .chain(lines(include_str!("../data/names/first_extra.tsv")))
        .filter_map(|l| {
            let (name, g) = l.split_once('\t')?;
            let g = match g {
                "m" => Gender::Male,
                "f" => Gender::Female,
                _ => Gender::Unknown,
            };
            Some((name, g))
        })
        .collect()
});
static LAST: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/names/last.txt")));
/// The 5,000 most frequent surnames: a spelling this common is a name of its own, not a typo.
static COMMON_LAST: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/names/common_last.txt")));
static ROLES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/roles.txt")));
static ROLE_MODIFIERS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/role_modifiers.txt")));
static FUNCTION: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/function_words.txt")));
static NOT_PERSON: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/not_person.txt")));
/// Speech verbs; the value says whether the verb is loaded ("claimed").
static VERBS: LazyLock<FxHashMap<&'static str, bool>> = LazyLock::new(|| {
    lines(include_str!("../data/speech_verbs.txt"))
        .map(|l| match l.strip_suffix('*') {
            Some(v) => (v.trim(), true),
            None => (l, false),
        })
        .collect()
});

/// Lower-cases `s`, borrowing when it already is.
pub fn lower(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Like [`lower`], but a short ASCII word is lower-cased into the caller's `buf` instead of a
/// new `String` (the per-token scans call this for every capitalised word).
pub fn lower_in<'a>(s: &'a str, buf: &'a mut [u8; 64]) -> Cow<'a, str> {
    if s.is_ascii() {
        if !s.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Borrowed(s);
        }
        if let Some(dst) = buf.get_mut(..s.len()) {
            dst.copy_from_slice(s.as_bytes());
            dst.make_ascii_lowercase();
            if let Ok(lc) = std::str::from_utf8(dst) {
                return Cow::Borrowed(lc);
            }
        }
    }
    lower(s)
}

/// `s` without a possessive ending ("Biden’s" → "Biden", "Jones’" → "Jones").
pub fn strip_possessive(s: &str) -> &str {
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(base) = s.strip_suffix(suffix) {
            if !base.is_empty() {
                return base;
            }
        }
    }
    s.strip_suffix(['’', '\'']).unwrap_or(s)
}

/// `s` without a final abbreviation period ("Sen." → "Sen").
fn strip_dot(s: &str) -> &str {
    s.strip_suffix('.').unwrap_or(s)
}

pub fn first_name(word: &str) -> Option<Gender> {
    FIRST.get(lower_in(word, &mut [0u8; 64]).as_ref()).copied()
}

pub fn is_surname(word: &str) -> bool {
    LAST.contains(lower_in(word, &mut [0u8; 64]).as_ref())
}

pub fn is_role(word: &str) -> bool {
    ROLES.contains(lower_in(strip_dot(word), &mut [0u8; 64]).as_ref())
}

pub fn is_role_modifier(word: &str) -> bool {
    let mut buf = [0u8; 64];
    let w = lower_in(strip_dot(word), &mut buf);
    ROLE_MODIFIERS.contains(w.as_ref())
}

pub fn is_function_word(word: &str) -> bool {
    FUNCTION.contains(lower_in(word, &mut [0u8; 64]).as_ref())
}

pub fn is_not_person(word: &str) -> bool {
    NOT_PERSON.contains(lower_in(strip_possessive(word), &mut [0u8; 64]).as_ref())
}

/// `Some(loaded)` when `word` is a speech or attribution verb.
pub fn speech_verb(word: &str) -> Option<bool> {
    VERBS.get(lower_in(word, &mut [0u8; 64]).as_ref()).copied()
}

/// Lookups on an already lower-cased word (hot paths lower-case once).
pub fn is_common_surname_lc(lc: &str) -> bool {
    COMMON_LAST.contains(lc)
}
pub fn first_name_lc(lc: &str) -> Option<Gender> {
    FIRST.get(lc).copied()
}
pub fn is_role_lc(lc: &str) -> bool {
    ROLES.contains(strip_dot(lc))
}
pub fn is_role_modifier_lc(lc: &str) -> bool {
    ROLE_MODIFIERS.contains(strip_dot(lc))
}
pub fn is_function_word_lc(lc: &str) -> bool {
    FUNCTION.contains(lc)
}
pub fn is_not_person_lc(lc: &str) -> bool {
    NOT_PERSON.contains(lc)
}
pub fn speech_verb_lc(lc: &str) -> Option<bool> {
    VERBS.get(lc).copied()
}

/// Honorifics and the gender they imply.
pub fn honorific(word: &str) -> Option<Gender> {
    match lower_in(strip_dot(word), &mut [0u8; 64]).as_ref() {
        "mr" | "sir" | "lord" | "messrs" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "dame" | "lady" => Some(Gender::Female),
        "dr" | "prof" | "mx" => Some(Gender::Unknown),
        _ => None,
    }
}

/// The gender a role word implies ("spokeswoman", "king").
pub fn role_gender(word: &str) -> Option<Gender> {
    match lower_in(strip_dot(word), &mut [0u8; 64]).as_ref() {
        "spokesman" | "congressman" | "chairman" | "king" | "prince" | "father" | "brother"
        | "son" | "husband" | "actor" | "pope" | "sir" | "lord" | "mr" => Some(Gender::Male),
        "spokeswoman" | "congresswoman" | "chairwoman" | "queen" | "princess" | "mother"
        | "sister" | "daughter" | "wife" | "actress" | "dame" | "lady" | "mrs" | "ms" | "miss" => {
            Some(Gender::Female)
        }
        _ => None,
    }
}

/// Particles that may sit inside a name ("Ursula von der Leyen", "Charles de Gaulle").
pub fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "von"
            | "van"
            | "der"
            | "den"
            | "de"
            | "da"
            | "di"
            | "du"
            | "del"
            | "della"
            | "la"
            | "le"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "ter"
            | "dos"
            | "das"
    )
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
        assert!(is_role("Sen.") && is_role("secretary-general"));
        assert_eq!(speech_verb("claimed"), Some(true));
        assert_eq!(speech_verb("said"), Some(false));
        assert!(is_not_person("Kremlin") && is_function_word("The"));
        assert_eq!(strip_possessive("Biden’s"), "Biden");
    }
}
