//! Misspelled surnames: edit distance, the variant test, the symmetric-delete index that finds
//! near spellings without comparing against every person, and which of several near people a
//! spelling belongs to.

use crate::analysis::lexicon::FxHashMap as HashMap;

use super::mentions::Draft;
use crate::analysis::lexicon::{self, Gender};

/// Finds known surnames within edit distance of a word without comparing against every person
/// (symmetric-delete index: two strings within distance k share a string reachable by at most k
/// deletions from each).
#[derive(Default)]
pub(super) struct VariantIndex {
    /// Keyed by a 64-bit hash of each deletion variant: no string is built per key.
    pub(super) map: HashMap<u64, Vec<usize>>,
}

impl VariantIndex {
    /// FNV-1a over the lower-cased characters of `chars`, skipping positions `a` and `b`.
    pub(super) fn hash(chars: &[char], a: usize, b: usize) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut n: u64 = 0;
        for (j, &c) in chars.iter().enumerate() {
            if j == a || j == b {
                continue;
            }
            h ^= u64::from(u32::from(c));
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
            n += 1;
        }
        h ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    pub(super) fn keys(word: &str) -> Vec<u64> {
        let chars: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
        let none = usize::MAX;
        let mut out = vec![Self::hash(&chars, none, none)];
        if chars.len() < 4 || chars.len() > 30 {
            return out;
        }
        for i in 0..chars.len() {
            if chars.len() >= 9 {
                for j in i + 1..chars.len() {
                    out.push(Self::hash(&chars, i, j));
                }
            }
            out.push(Self::hash(&chars, i, none));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    pub(super) fn insert(&mut self, word: &str, person: usize) {
        for k in Self::keys(word) {
            let v = self.map.entry(k).or_default();
            if v.last() != Some(&person) {
                v.push(person);
            }
        }
    }

    /// People with a surname (or alias) that may be a variant of `word`.
    pub(super) fn candidates(&self, word: &str) -> Vec<usize> {
        let mut out: Vec<usize> = Self::keys(word)
            .iter()
            .filter_map(|k| self.map.get(k))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// A nationality or plural formed from a place ("Austrian", "Argentinas", "Scots").
pub(super) fn derived_place(lc: &str) -> bool {
    ["n", "ns", "s", "es", "an", "ian", "ians", "i"]
        .iter()
        .any(|suf| lc.strip_suffix(suf).is_some_and(lexicon::is_not_person_lc))
}

/// Damerau-Levenshtein distance (optimal string alignment) on chars, capped.
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

/// Two surnames that are probably one person's name spelled two ways.
pub(super) fn is_variant(a: &str, b: &str) -> bool {
    // Cheap rejections first: this runs for many capitalised words against many people.
    if a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    match (a.chars().next(), b.chars().next()) {
        (Some(x), Some(y)) if x.to_lowercase().eq(y.to_lowercase()) => {}
        _ => return false,
    }
    if a == b || a.chars().count().min(b.chars().count()) < 5 {
        return false;
    }
    let first = |s: &str| {
        s.chars()
            .next()
            .map(|c| c.to_lowercase().collect::<String>())
    };
    if first(a) != first(b) {
        return false;
    }
    // Plurals ("the Clintons", "Christmases") are not variants; a doubled final "s" ("Lucass")
    // is no plural.
    for suffix in ["s", "es"] {
        let plural = |x: &str, y: &str| x.strip_suffix(suffix) == Some(y) && !y.ends_with('s');
        if plural(a, b) || plural(b, a) {
            return false;
        }
    }
    let len = a.chars().count().max(b.chars().count());
    let limit = if len >= 9 { 2 } else { 1 };
    edit_distance(a, b) <= limit
}

/// An honorific of one gender before a name, and a person known (by an honorific, else by a first
/// name) to be of the other: two people.
pub(super) fn other_gender(said: Option<Gender>, d: &Draft) -> bool {
    matches!(
        (said, d.said_gender.or(d.gender)),
        (Some(a), Some(b)) if a != b && a != Gender::Unknown && b != Gender::Unknown
    )
}

/// The one person among `hits` whose surname is nearest `word`: "Williamms" is Williams, not
/// Walliams. `None` when two are as near.
pub(super) fn closest<'a>(
    hits: &[usize],
    surname: impl Fn(usize) -> &'a str,
    word: &str,
) -> Option<usize> {
    let dist: Vec<(usize, usize)> = hits
        .iter()
        .map(|&p| (edit_distance(surname(p), word), p))
        .collect();
    let best = dist.iter().map(|d| d.0).min()?;
    let mut at_best = dist.iter().filter(|d| d.0 == best);
    match (at_best.next(), at_best.next()) {
        (Some(&(_, p)), None) => Some(p),
        _ => None,
    }
}
