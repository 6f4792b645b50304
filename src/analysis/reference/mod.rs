//! The desk's reference sheet as plain data: the people (born, offices with their terms) and the
//! bodies (how many members, seats… and since when) a newsroom has verified, each with its
//! source. Reading the sheet files happens outside `analysis` (`crate::config`); this is what it
//! produces, with the indices the rules look entries up by.
//!
//! Every lookup is by exact (normalised) name or alias: an alias never matches more than the
//! words the sheet wrote ("the House" is not the State Duma unless the sheet says so).

pub mod matching;

use super::date::Date;
use super::lexicon::FxHashMap as HashMap;
use super::range::TextRange;
use super::tokens::{TokenKind, tokenize};

/// Where a sheet entry is written: the sheet's path as `copydesk.toml` names it and a 1-based
/// line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// Shared by every entry of one sheet (a newsroom sheet has 100,000 entries).
    pub file: std::sync::Arc<str>,
    pub line: usize,
}

impl Origin {
    /// How a finding cites the entry: its source, when the sheet gives one, then where it is
    /// ("source: NATO biography; desk/people.toml:12").
    pub fn cite(&self, source: Option<&str>) -> String {
        match source {
            Some(s) => format!("source: {s}; {self}"),
            None => self.to_string(),
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One term of an office: `from` inclusive, `to` exclusive (the day the next holder took over);
/// no `to` means still in office.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetOffice {
    pub title: String,
    pub aliases: Vec<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Where the desk verified this term, when the entry says (else the person's source).
    pub source: Option<String>,
    pub origin: Origin,
}

impl SheetOffice {
    /// Whether the term covers `date`.
    pub fn holds_on(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date < t)
    }

    /// "from 2014-10-01 to 2024-10-01", "since 2024-10-01".
    pub fn term(&self) -> String {
        match (self.from, self.to) {
            (Some(f), Some(t)) => format!("from {f} to {t}"),
            (Some(f), None) => format!("since {f}"),
            (None, Some(t)) => format!("until {t}"),
            (None, None) => "with no dates".to_string(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetPerson {
    pub name: String,
    pub aliases: Vec<String>,
    pub born: Option<Date>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub offices: Vec<SheetOffice>,
    pub origin: Origin,
}

impl SheetPerson {
    /// Age in whole years on `date`, when the birth date is known and not after `date`.
    pub fn age_on(&self, date: Date) -> Option<i32> {
        let b = self.born?;
        if b > date {
            return None;
        }
        let before_birthday = (date.month, date.day) < (b.month, b.day);
        Some(date.year - b.year - i32::from(before_birthday))
    }
}

/// What a body counts and how many, for a period: `nouns` are the words a figure counts them by
/// ("members", "seats").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetCount {
    pub nouns: Vec<String>,
    pub value: u64,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub origin: Origin,
}

impl SheetCount {
    pub fn in_force_on(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date < t)
    }

    /// Whether the count is counted by `noun` (lower case; a plural or its singular).
    pub fn counts(&self, noun: &str) -> bool {
        self.nouns.iter().any(|n| {
            let n = n.trim();
            n.eq_ignore_ascii_case(noun)
                || n.strip_suffix('s')
                    .is_some_and(|s| s.eq_ignore_ascii_case(noun))
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetBody {
    pub name: String,
    pub aliases: Vec<String>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub counts: Vec<SheetCount>,
    pub origin: Origin,
}

/// A word as the sheet indices compare it: lower case, curly apostrophes straightened.
pub fn word_key(w: &str) -> String {
    let mut s = w.to_lowercase();
    if s.contains('’') {
        s = s.replace('’', "'");
    }
    s
}

/// A name or title as the indices compare it: its words' keys, hyphens read as spaces, one space
/// between words, a leading "the" dropped.
pub fn name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace() || c == '-' || c == '‑') {
        if w.is_empty() || (out.is_empty() && w.eq_ignore_ascii_case("the")) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            // The common case, without a String per word: ASCII has no curly apostrophe and
            // lower-cases byte by byte.
            out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&word_key(w));
        }
    }
    out
}

/// One alias of a body as words: each word's key and whether the sheet capitalised it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct AliasWords {
    words: Vec<(String, bool)>,
    body: u32,
}

/// The entries one index key names: nearly always one, so one is kept without a `Vec` (a
/// newsroom sheet has hundreds of thousands of keys).
#[derive(Clone, Debug)]
enum Ids<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: Copy + PartialEq> Ids<T> {
    fn add(&mut self, id: T) {
        match self {
            Ids::One(a) if *a == id => {}
            Ids::One(a) => *self = Ids::Many(vec![*a, id]),
            Ids::Many(v) => {
                if !v.contains(&id) {
                    v.push(id);
                }
            }
        }
    }

    fn as_slice(&self) -> &[T] {
        match self {
            Ids::One(a) => std::slice::from_ref(a),
            Ids::Many(v) => v,
        }
    }
}

/// The reference sheet with its indices. Built once when the configuration is read.
#[derive(Clone, Debug, Default)]
pub struct Reference {
    people: Vec<SheetPerson>,
    bodies: Vec<SheetBody>,
    /// Name or alias key → people.
    by_name: HashMap<String, Ids<u32>>,
    /// Office title or alias key → (person, office).
    by_office: HashMap<String, Ids<(u32, u32)>>,
    /// First word key of a body's name or alias → its aliases starting with that word.
    by_body_word: HashMap<String, Vec<AliasWords>>,
}

impl Reference {
    pub fn new(people: Vec<SheetPerson>, bodies: Vec<SheetBody>) -> Reference {
        let names: usize = people.iter().map(|p| 1 + p.aliases.len()).sum();
        let titles: usize = people
            .iter()
            .flat_map(|p| &p.offices)
            .map(|o| 1 + o.aliases.len())
            .sum();
        let mut r = Reference {
            by_name: HashMap::with_capacity_and_hasher(names, Default::default()),
            by_office: HashMap::with_capacity_and_hasher(titles, Default::default()),
            people,
            bodies,
            ..Reference::default()
        };
        for (pi, p) in r.people.iter().enumerate() {
            let pi = pi as u32;
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                let k = name_key(n);
                if k.is_empty() {
                    continue;
                }
                r.by_name
                    .entry(k)
                    .and_modify(|v| v.add(pi))
                    .or_insert(Ids::One(pi));
            }
            for (oi, o) in p.offices.iter().enumerate() {
                for t in std::iter::once(&o.title).chain(&o.aliases) {
                    let k = name_key(t);
                    if k.is_empty() {
                        continue;
                    }
                    let id = (pi, oi as u32);
                    r.by_office
                        .entry(k)
                        .and_modify(|v| v.add(id))
                        .or_insert(Ids::One(id));
                }
            }
        }
        for (bi, b) in r.bodies.iter().enumerate() {
            for n in std::iter::once(&b.name).chain(&b.aliases) {
                let mut toks = Vec::new();
                tokenize(n, TextRange::new(0, n.len()), &mut toks);
                let words: Vec<(String, bool)> = toks
                    .iter()
                    .map(|t| {
                        let w = t.text(n);
                        (
                            word_key(w),
                            t.kind == TokenKind::Word && t.is_capitalised(n),
                        )
                    })
                    .collect();
                let Some(first) = words.first().map(|w| w.0.clone()) else {
                    continue;
                };
                r.by_body_word.entry(first).or_default().push(AliasWords {
                    words,
                    body: bi as u32,
                });
            }
        }
        r
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.bodies.is_empty()
    }

    pub fn people(&self) -> &[SheetPerson] {
        &self.people
    }

    pub fn bodies(&self) -> &[SheetBody] {
        &self.bodies
    }

    /// The people whose name or alias is exactly `name` (normalised).
    pub fn people_named(&self, name: &str) -> &[u32] {
        self.by_name.get(&name_key(name)).map_or(&[], Ids::as_slice)
    }

    /// The (person, office) terms whose title or alias is exactly `title` (normalised).
    pub fn offices_titled(&self, title: &str) -> &[(u32, u32)] {
        self.by_office
            .get(&name_key(title))
            .map_or(&[], Ids::as_slice)
    }

    /// The longest body name or alias written at the start of `words` (each a word key and
    /// whether the text capitalised it): the body and how many words it covers. A word the
    /// sheet capitalised matches only a capitalised word.
    pub fn body_at(&self, words: &[(&str, bool)]) -> Option<(usize, usize)> {
        let (first, _) = words.first()?;
        let cands = self.by_body_word.get(*first)?;
        cands
            .iter()
            .filter(|a| {
                a.words.len() <= words.len()
                    && a.words
                        .iter()
                        .zip(words)
                        .all(|((k, cap), (w, wcap))| k == w && (!cap || *wcap))
            })
            .max_by_key(|a| a.words.len())
            .map(|a| (a.body as usize, a.words.len()))
    }

    /// Whether any body name or alias starts with this word key (a cheap first test).
    pub fn starts_body(&self, key: &str) -> bool {
        self.by_body_word.contains_key(key)
    }
}

impl PartialEq for Reference {
    fn eq(&self, other: &Reference) -> bool {
        self.people == other.people && self.bodies == other.bodies
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duma() -> Reference {
        Reference::new(
            vec![SheetPerson {
                name: "Jens Stoltenberg".into(),
                aliases: vec!["Stoltenberg".into()],
                born: Date::new(1959, 3, 16),
                offices: vec![SheetOffice {
                    title: "NATO Secretary-General".into(),
                    from: Date::new(2014, 10, 1),
                    to: Date::new(2024, 10, 1),
                    ..SheetOffice::default()
                }],
                ..SheetPerson::default()
            }],
            vec![SheetBody {
                name: "State Duma".into(),
                aliases: vec!["Duma".into(), "Russia's lower house of parliament".into()],
                ..SheetBody::default()
            }],
        )
    }

    #[test]
    fn lookups_are_exact() {
        let r = duma();
        assert_eq!(r.people_named("jens  stoltenberg"), &[0]);
        assert!(r.people_named("Jens").is_empty());
        assert_eq!(r.offices_titled("NATO secretary general"), &[(0, 0)]);
        assert!(r.offices_titled("secretary general").is_empty());
        let w = |s: &[(&'static str, bool)]| s.to_vec();
        assert_eq!(r.body_at(&w(&[("duma", true), ("—", false)])), Some((0, 1)));
        assert_eq!(r.body_at(&w(&[("duma", false)])), None);
        assert_eq!(
            r.body_at(&w(&[
                ("russia's", true),
                ("lower", false),
                ("house", false),
                ("of", false),
                ("parliament", false)
            ])),
            Some((0, 5))
        );
        assert_eq!(r.body_at(&w(&[("house", true)])), None);
    }

    #[test]
    fn terms_and_ages() {
        let r = duma();
        let p = &r.people()[0];
        assert!(p.offices[0].holds_on(Date::new(2022, 3, 24).unwrap()));
        assert!(!p.offices[0].holds_on(Date::new(2024, 10, 1).unwrap()));
        assert_eq!(p.age_on(Date::new(2022, 3, 15).unwrap()), Some(62));
        assert_eq!(p.age_on(Date::new(2022, 3, 16).unwrap()), Some(63));
    }
}
