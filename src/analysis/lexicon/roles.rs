//! Titles and role words ("national security adviser", "Sen.") and the gender some imply.

use std::sync::LazyLock;

use super::forms::{lower_in, strip_dot};
use super::hash::{FxHashMap, FxHashSet};
use super::names::Gender;
use super::{lines, set};

static ROLES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/roles.txt")));
static ROLE_MODIFIERS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../data/role_modifiers.txt")));
static ROLE_GENDERS: LazyLock<FxHashMap<&'static str, Gender>> = LazyLock::new(|| {
    lines(include_str!("../data/role_genders.tsv"))
        .filter_map(|l| {
            let (role, g) = l.split_once('\t')?;
            let g = match g {
                "m" => Gender::Male,
                "f" => Gender::Female,
                _ => return None,
            };
            Some((role, g))
        })
        .collect()
});

pub fn is_role(word: &str) -> bool {
    ROLES.contains(lower_in(strip_dot(word), &mut [0u8; 64]).as_ref())
}

pub fn is_role_modifier(word: &str) -> bool {
    let mut buf = [0u8; 64];
    let w = lower_in(strip_dot(word), &mut buf);
    ROLE_MODIFIERS.contains(w.as_ref())
}

/// Lookups on an already lower-cased word (hot paths lower-case once).
pub fn is_role_lc(lc: &str) -> bool {
    ROLES.contains(strip_dot(lc))
}
pub fn is_role_modifier_lc(lc: &str) -> bool {
    ROLE_MODIFIERS.contains(strip_dot(lc))
}

/// The gender a role word implies ("spokeswoman", "king").
pub fn role_gender(word: &str) -> Option<Gender> {
    ROLE_GENDERS
        .get(lower_in(strip_dot(word), &mut [0u8; 64]).as_ref())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        assert!(is_role("Sen.") && is_role("secretary-general"));
        assert!(is_role_modifier("national") && is_role_modifier_lc("security"));
        assert_eq!(role_gender("Spokeswoman"), Some(Gender::Female));
        assert_eq!(role_gender("king"), Some(Gender::Male));
        assert_eq!(role_gender("minister"), None);
    }
}
