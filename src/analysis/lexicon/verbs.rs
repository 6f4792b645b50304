//! Speech and attribution verbs ("said", "told", "claimed").

use std::sync::LazyLock;

use super::forms::lower_in;
use super::hash::FxHashMap;
use super::lines;

/// Speech verbs; the value says whether the verb is loaded ("claimed").
static VERBS: LazyLock<FxHashMap<&'static str, bool>> = LazyLock::new(|| {
    lines(include_str!("../data/speech_verbs.txt"))
        .map(|l| match l.strip_suffix('*') {
            Some(v) => (v.trim(), true),
            None => (l, false),
        })
        .collect()
});

/// `Some(loaded)` when `word` is a speech or attribution verb.
pub fn speech_verb(word: &str) -> Option<bool> {
    VERBS.get(lower_in(word, &mut [0u8; 64]).as_ref()).copied()
}

/// [`speech_verb`] of an already lower-cased word.
pub fn speech_verb_lc(lc: &str) -> Option<bool> {
    VERBS.get(lc).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_loads() {
        assert_eq!(speech_verb("claimed"), Some(true));
        assert_eq!(speech_verb("said"), Some(false));
        assert_eq!(speech_verb("Said"), Some(false));
        assert_eq!(speech_verb_lc("walked"), None);
    }
}
