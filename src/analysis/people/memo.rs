//! Per-word memos for the people pass: the word-list answers and name tests asked about the
//! same few thousand words of a long document many times, each answered once.

use crate::analysis::lexicon::FxHashMap as HashMap;

use super::mentions::nameable;
use crate::analysis::lexicon::{self, Gender};
use std::cell::RefCell;

/// The lower-cased capitalised words that may be names, each marked when the article also
/// writes it in lower case ("Morning", "Show": common words).
pub(super) struct LowerWords(pub(super) HashMap<String, bool>);

impl LowerWords {
    /// `lc` is a capitalised word the article also writes in lower case.
    pub(super) fn contains(&self, lc: &str) -> bool {
        self.0.get(lc).copied().unwrap_or(false)
    }
}

/// [`nameable`] answered once per distinct word of the document, not once per occurrence (a
/// long document repeats its capitalised words thousands of times).
#[derive(Default)]
pub(super) struct Nameable<'a> {
    pub(super) memo: HashMap<WordKey, bool>,
    pub(super) _text: std::marker::PhantomData<&'a str>,
}

impl<'a> Nameable<'a> {
    pub(super) fn test(&mut self, w: &'a str) -> bool {
        // Lower-case words, most of them, are rejected without a lookup (as `nameable` does).
        if w.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
            return false;
        }
        *self
            .memo
            .entry(WordKey::new(w))
            .or_insert_with(|| nameable(w))
    }
}

/// A word as a memo key held in the table itself: up to 15 bytes are packed with the length into
/// two integers, so a lookup compares two integers instead of reading the text of the word's
/// first occurrence again (somewhere in a long document, seldom in cache); longer words are
/// owned copies.
#[derive(Clone, PartialEq, Eq)]
pub(super) enum WordKey {
    Short(u64, u64),
    Long(Box<str>),
}

impl WordKey {
    pub(super) fn new(w: &str) -> WordKey {
        let b = w.as_bytes();
        if b.len() <= 15 {
            let mut buf = [0u8; 16];
            if let Some(dst) = buf.get_mut(..b.len()) {
                dst.copy_from_slice(b);
                buf[15] = b.len() as u8;
                let (x, y) = buf.split_at(8);
                if let (Ok(x), Ok(y)) = (<[u8; 8]>::try_from(x), <[u8; 8]>::try_from(y)) {
                    return WordKey::Short(u64::from_le_bytes(x), u64::from_le_bytes(y));
                }
            }
        }
        WordKey::Long(w.into())
    }
}

impl std::hash::Hash for WordKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            WordKey::Short(x, y) => {
                // Mixed so that every byte reaches the low bits (which pick the bucket).
                let m = (x ^ y.rotate_left(31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                state.write_u64(m ^ (m >> 29));
            }
            WordKey::Long(w) => w.hash(state),
        }
    }
}

/// The word-list answers for one word of the document, each looked up on first use.
#[derive(Clone, Copy, Default)]
pub(super) struct LexEntry {
    pub(super) first_name: Option<Option<Gender>>,
    pub(super) surname: Option<bool>,
    pub(super) not_person: Option<bool>,
    pub(super) honorific: Option<Option<Gender>>,
    pub(super) speech_verb: Option<Option<bool>>,
    pub(super) role: Option<bool>,
    pub(super) role_modifier: Option<bool>,
    pub(super) function_word: Option<bool>,
}

/// The `lexicon` lookups, memoised per distinct word: the same functions with the same answers,
/// but a long document asks them about the same few thousand words hundreds of thousands of
/// times, and each lookup lower-cases its word first.
#[derive(Default)]
pub(super) struct Lex<'a> {
    pub(super) memo: RefCell<HashMap<WordKey, LexEntry>>,
    pub(super) _text: std::marker::PhantomData<&'a str>,
}

macro_rules! lex_lookups {
    ($($name:ident: $t:ty = $f:path;)*) => {
        impl<'a> Lex<'a> {
            $(pub(super) fn $name(&self, w: &'a str) -> $t {
                let key = WordKey::new(w);
                if let Some(v) = self.memo.borrow().get(&key).and_then(|e| e.$name) {
                    return v;
                }
                let v = $f(w);
                self.memo.borrow_mut().entry(key).or_default().$name = Some(v);
                v
            })*
        }
    };
}

lex_lookups! {
    first_name: Option<Gender> = lexicon::first_name;
    surname: bool = lexicon::is_surname;
    not_person: bool = lexicon::is_not_person;
    honorific: Option<Gender> = lexicon::honorific;
    speech_verb: Option<bool> = lexicon::speech_verb;
    role: bool = lexicon::is_role;
    role_modifier: bool = lexicon::is_role_modifier;
    function_word: bool = lexicon::is_function_word;
}
