//! Speech and attribution verbs ("said", "told", "claimed").

use std::sync::LazyLock;

use super::forms::{lower, lower_in};
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

/// Whether `word` is a form of the verb `base`, ignoring case: the base itself ("jab"), its third
/// person ("jabs", "echoes", "replies"), its past ("jabbed", "slammed", "panicked", "echoed",
/// "quoted", "replied") or its present participle ("jabbing", "quoting", "panicking"). A user's
/// attribution verbs (`attribution_verbs` in `copydesk.toml`) are matched with this, in the form
/// listed (a base or an inflected form). Regular inflection only: an irregular form ("shot") is
/// listed itself. Forms that English does not use ("visitted" beside "visited") are accepted:
/// they never occur, so accepting them costs nothing, and a doubled consonant cannot be told from
/// the spelling alone ("admitted", "visited").
pub fn is_inflection_of(word: &str, base: &str) -> bool {
    let (w, b) = (lower(word), lower(base.trim()));
    let (w, b) = (w.as_ref(), b.as_ref());
    if b.is_empty() {
        return false;
    }
    if w == b {
        return true;
    }
    // A final "e" drops before "-ing" ("quote" -> "quoting"; "quoted" is the base + "d").
    if let Some(stem) = b.strip_suffix('e')
        && w.strip_prefix(stem) == Some("ing")
    {
        return true;
    }
    // A consonant and "y": "reply" -> "replies", "replied".
    if let Some(stem) = b.strip_suffix('y')
        && stem.chars().next_back().is_some_and(is_consonant)
        && matches!(w.strip_prefix(stem), Some("ies" | "ied"))
    {
        return true;
    }
    let Some(rest) = w.strip_prefix(b) else {
        return false;
    };
    if matches!(rest, "s" | "es" | "d" | "ed" | "ing") {
        return true;
    }
    // A doubled final consonant ("jab" -> "jabbed", "slam" -> "slamming"), "c" as "ck" ("panic"
    // -> "panicked").
    let Some(last) = b
        .chars()
        .next_back()
        .filter(|&c| is_consonant(c) && !matches!(c, 'w' | 'x' | 'y'))
    else {
        return false;
    };
    let doubled = if last == 'c' { 'k' } else { last };
    rest.strip_prefix(doubled)
        .is_some_and(|r| matches!(r, "ed" | "ing"))
}

fn is_consonant(c: char) -> bool {
    c.is_ascii_alphabetic() && !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
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

    #[test]
    fn inflections_of_user_verbs() {
        let yes = [
            ("jab", &["jab", "jabs", "jabbed", "jabbing", "Jabbed"][..]),
            ("slam", &["slams", "slammed", "slamming"]),
            ("panic", &["panics", "panicked", "panicking"]),
            ("echo", &["echoes", "echoed", "echoing"]),
            ("quote", &["quotes", "quoted", "quoting"]),
            ("reply", &["replies", "replied", "replying"]),
            ("harrumph", &["harrumphs", "harrumphed"]),
            ("admit", &["admitted", "admits"]),
            ("visit", &["visited"]),
            ("quipped", &["quipped", "Quipped"]),
            (" Jab ", &["jabbed"]),
        ];
        for (base, forms) in yes {
            for w in forms {
                assert!(is_inflection_of(w, base), "{w} of {base}");
            }
        }
        let no = [
            ("jab", "jabber"),
            ("jab", "jaded"),
            ("slam", "slammer"),
            ("panic", "panicky"),
            ("reply", "repliesd"),
            ("quote", "quota"),
            ("ask", "asks-"),
            ("", ""),
            (".*", "jabbed"),
        ];
        for (base, w) in no {
            assert!(!is_inflection_of(w, base), "{w} of {base}");
        }
    }
}
