//! The rules' shared first pass: every rule declares the word lists its cheap first pass looks for
//! ([`Trigger`]); their words are looked up together, once per token of the document, and each
//! list gets one bit. A rule then asks which of its own lists a sentence has
//! (`RuleContext::triggers`) and skips the sentences that cannot match.

use std::sync::LazyLock;

use super::Rule;
use crate::analysis::document::Document;

/// A word list a rule's first pass looks for in every sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trigger {
    /// Lower case, at most 15 bytes each.
    pub words: &'static [&'static str],
    /// Matched against a token as written (so a capitalised word is not in it) rather than
    /// against its lower-case form.
    pub as_written: bool,
}

impl Trigger {
    /// The words, in any case.
    pub const fn lower(words: &'static [&'static str]) -> Trigger {
        Trigger {
            words,
            as_written: false,
        }
    }

    /// The words, in lower case only.
    pub const fn as_written(words: &'static [&'static str]) -> Trigger {
        Trigger {
            words,
            as_written: true,
        }
    }
}

/// A small fixed word → trigger bits table for one lookup per token of the document: a word of
/// up to 15 bytes is packed with its length into 16 bytes, compared as two integers (no hashing
/// of the bytes one by one, no `memcmp`); longer words are in no list.
struct ClassTable {
    /// Open addressing; an all-zero key (length 0) is an empty slot.
    slots: Vec<(u64, u64, u32)>,
    /// The bits of the triggers matched as written.
    as_written: u32,
}

impl ClassTable {
    const BITS: u32 = 10;

    fn pack(w: &[u8]) -> Option<(u64, u64)> {
        if w.is_empty() || w.len() > 15 {
            return None;
        }
        let mut buf = [0u8; 16];
        buf.get_mut(..w.len())?.copy_from_slice(w);
        buf[15] = w.len() as u8;
        let (a, b) = buf.split_at(8);
        Some((
            u64::from_le_bytes(a.try_into().ok()?),
            u64::from_le_bytes(b.try_into().ok()?),
        ))
    }

    fn slot(key: (u64, u64)) -> usize {
        let h = (key.0 ^ key.1.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> (64 - Self::BITS)) as usize
    }

    fn new(words: impl IntoIterator<Item = (&'static str, u32)>, as_written: u32) -> ClassTable {
        let size = 1usize << Self::BITS;
        let mut slots = vec![(0u64, 0u64, 0u32); size];
        for (w, bits) in words {
            let Some(key) = Self::pack(w.as_bytes()) else {
                continue;
            };
            let mut i = Self::slot(key);
            // The table is far larger than the lists: a free or matching slot is always found.
            for _ in 0..size {
                let e = &mut slots[i];
                if (e.0, e.1) == key || (e.0, e.1) == (0, 0) {
                    *e = (key.0, key.1, e.2 | bits);
                    break;
                }
                i = (i + 1) & (size - 1);
            }
        }
        ClassTable { slots, as_written }
    }

    fn get(&self, w: &str) -> u32 {
        let Some(key) = Self::pack(w.as_bytes()) else {
            return 0;
        };
        let mut i = Self::slot(key);
        for _ in 0..self.slots.len() {
            match self.slots.get(i) {
                Some(&(a, b, bits)) if (a, b) == key => return bits,
                Some(&(0, 0, _)) | None => return 0,
                Some(_) => i = (i + 1) % self.slots.len(),
            }
        }
        0
    }
}

/// The first trigger bit of each rule of [`Rule::ALL`], in order: the rules' lists take the
/// bits one after another.
static TRIGGER_BASES: LazyLock<Vec<u32>> = LazyLock::new(|| {
    Rule::ALL
        .iter()
        .scan(0u32, |next, r| {
            let base = *next;
            *next += r.meta().triggers.len() as u32;
            Some(base)
        })
        .collect()
});

/// The first trigger bit of `rule` (its list `k` has bit `base + k`).
pub(super) fn base(rule: Rule) -> u32 {
    Rule::ALL
        .iter()
        .position(|&r| r == rule)
        .and_then(|i| TRIGGER_BASES.get(i))
        .copied()
        .unwrap_or(0)
}

/// Every rule's trigger words, each with its rule's bit for its list.
static CLASS_WORDS: LazyLock<ClassTable> = LazyLock::new(|| {
    let lists = Rule::ALL
        .iter()
        .zip(TRIGGER_BASES.iter())
        .flat_map(|(r, &base)| r.meta().triggers.iter().zip(base..));
    let as_written = lists
        .clone()
        .filter(|(t, _)| t.as_written)
        .fold(0u32, |m, (_, bit)| m | 1u32.checked_shl(bit).unwrap_or(0));
    ClassTable::new(
        lists.flat_map(|(t, bit)| {
            t.words
                .iter()
                .map(move |&w| (w, 1u32.checked_shl(bit).unwrap_or(0)))
        }),
        as_written,
    )
});

/// Every token's trigger bits (for `rules::run`).
pub(crate) fn token_classes(doc: &Document) -> Vec<u32> {
    let table = &*CLASS_WORDS;
    doc.tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let lower = doc.lower(i);
            let bits = table.get(lower);
            // The as-written lists are lower case (a test checks it): a token that lower-casing
            // changes has an upper-case letter and is in none of them; any other token is
            // written as its lower case.
            if bits & table.as_written == 0 || t.text(&doc.prose) == lower {
                bits
            } else {
                bits & !table.as_written
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigger_words_fit_the_class_table() {
        let lists: Vec<(Rule, usize, &Trigger)> = Rule::ALL
            .iter()
            .flat_map(|&r| {
                r.meta()
                    .triggers
                    .iter()
                    .enumerate()
                    .map(move |(k, t)| (r, k, t))
            })
            .collect();
        assert!(lists.len() >= 4, "the ATT rules declare first-pass words");
        assert!(
            lists.len() <= 32,
            "{} trigger lists: more than a u32 holds",
            lists.len()
        );
        for (rule, k, t) in &lists {
            assert!(!t.words.is_empty(), "{rule} trigger {k} is empty");
            for w in t.words {
                // Packable, and lower case (the as-written lists rely on it).
                assert!(!w.is_empty() && w.len() <= 15, "{w}");
                assert_eq!(*w, w.to_lowercase(), "{w}");
                assert_ne!(CLASS_WORDS.get(w), 0, "{w}");
            }
        }
        // "said" is in the vague-source rule's second list (its source verbs).
        let vague = Rule::ALL
            .iter()
            .position(|r| r.name() == "vague-source")
            .unwrap();
        let verbs = 1 << (TRIGGER_BASES[vague] + 1);
        assert_eq!(CLASS_WORDS.get("said") & verbs, verbs);
        assert_eq!(CLASS_WORDS.get("Said"), 0);
        assert_eq!(CLASS_WORDS.get("the"), 0);
        assert_eq!(CLASS_WORDS.get("an-unusually-long-word"), 0);
    }
}
