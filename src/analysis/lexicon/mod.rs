//! The lexicon: what copydesk knows about English words before it reads any article. The lowest
//! layer of the analysis (see `ARCHITECTURE.md`): it imports nothing from the rest of the crate.
//!
//! - [`abbreviations`]: the abbreviations that decide sentence boundaries ("Sen.", "U.S.").
//! - [`calendar`]: month and weekday names.
//! - [`hash`]: the fast hash sets and maps every word lookup uses.
//! - [`forms`]: a word's forms: lower case, without a possessive, without an abbreviation period.
//! - [`names`]: first names and surnames (US Census 1990), honorifics, name particles, function
//!   words and capitalised words that are not people.
//! - [`roles`]: titles and role words ("secretary-general", "Sen.") and the gender some imply.
//! - [`verbs`]: speech and attribution verbs, and the inflections of a user's own.
//!
//! Every word list is data under `src/analysis/data/` (see its `PROVENANCE.md`), compiled in with
//! `include_str!` and loaded on first use.

pub mod abbreviations;
pub mod calendar;
pub mod forms;
pub mod hash;
pub mod names;
pub mod roles;
pub mod verbs;

pub use forms::{is_possessive, lower, lower_in, strip_possessive};
pub use hash::{FxBuild, FxHashMap, FxHashSet, FxHasher};
pub use names::{
    Gender, first_name, first_name_lc, honorific, is_common_surname_lc, is_function_word,
    is_function_word_lc, is_not_person, is_not_person_lc, is_particle, is_surname,
};
pub use roles::{is_role, is_role_lc, is_role_modifier, is_role_modifier_lc, role_gender};
pub use verbs::{is_inflection_of, speech_verb, speech_verb_lc};

/// The entries of a word-list file: trimmed lines, without blank lines and `#` comments.
fn lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A word-list file as a set.
fn set(src: &'static str) -> FxHashSet<&'static str> {
    lines(src).collect()
}
