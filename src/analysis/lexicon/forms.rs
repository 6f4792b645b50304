//! The forms of a word: lower case, without a possessive ending, without an abbreviation period.

use std::borrow::Cow;

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

/// Whether `s` ends in a possessive ("Biden’s", "Jones’").
pub fn is_possessive(s: &str) -> bool {
    strip_possessive(s).len() != s.len()
}

/// `s` without a final abbreviation period ("Sen." → "Sen").
pub fn strip_dot(s: &str) -> &str {
    s.strip_suffix('.').unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(lower("Biden"), "biden");
        assert!(matches!(lower("said"), Cow::Borrowed(_)));
        assert_eq!(lower_in("NATO", &mut [0u8; 64]), "nato");
        assert_eq!(lower_in("Élysée", &mut [0u8; 64]), "élysée");
        for (word, base) in [
            ("Biden’s", "Biden"),
            ("Biden's", "Biden"),
            ("NATO'S", "NATO"),
            ("Jones’", "Jones"),
            ("Jones", "Jones"),
            ("’s", "’s"),
        ] {
            assert_eq!(strip_possessive(word), base, "{word}");
            assert_eq!(is_possessive(word), word != base, "{word}");
        }
        assert_eq!(strip_dot("Sen."), "Sen");
    }
}
