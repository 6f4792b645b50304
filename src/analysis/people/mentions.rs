//! Finding people: capitalised name sequences confirmed by the gazetteer or by context (a title
//! or honorific before, an appositive title after, a speech verb next to them), then later
//! references by surname, by role ("the secretary-general") and misspelled surnames.

use crate::analysis::lexicon::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{Mention, MentionKind};
use crate::analysis::config::Config;
use crate::analysis::document::Document;
use crate::analysis::lexicon::{self, Gender};
use crate::analysis::range::TextRange;
use crate::analysis::tokens::{Token, TokenKind};
use std::cell::RefCell;

/// A person while the article is being read.
#[derive(Clone, Debug, Default)]
pub(super) struct Draft {
    pub first: Option<String>,
    pub surname: String,
    /// The fullest name seen ("Jens Stoltenberg").
    pub full: Option<String>,
    pub titles: Vec<(String, TextRange)>,
    pub gender: Option<Gender>,
    /// The gender of the first "Mr"/"Ms" seen with the name: said, not guessed from a first
    /// name ("Sandy" is listed as a woman's name; "Mr Walkington" settles it).
    pub said_gender: Option<Gender>,
    pub registry: Option<usize>,
    /// Extra surnames that refer to this person (registry aliases).
    pub aliases: Vec<String>,
    /// Found with strong evidence at least once: a known first name, a title or an honorific
    /// (not only a known surname or a speech verb).
    pub strong: bool,
    /// Found with more evidence than a known surname at least once ("Dimension Data" is not).
    pub confirmed: bool,
}

pub(super) struct Found {
    pub drafts: Vec<Draft>,
    pub mentions: Vec<Mention>,
}

pub(super) fn word<'a>(doc: &'a Document, t: &Token) -> &'a str {
    t.text(&doc.prose)
}

fn is_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
}

/// A capitalised word that may be part of a name.
fn nameable(w: &str) -> bool {
    // Most words are lower case: reject them before stripping a possessive (which never
    // changes the first character).
    if w.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let base = lexicon::strip_possessive(w);
    if !base.chars().next().is_some_and(char::is_uppercase) || is_acronym(base) {
        return false;
    }
    if !base
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '‑' | '\'' | '’'))
    {
        return false;
    }
    let mut buf = [0u8; 64];
    let lc = lexicon::lower_in(base, &mut buf);
    !lexicon::is_function_word_lc(&lc)
        && !lexicon::is_role_lc(&lc)
        && !lexicon::is_role_modifier_lc(&lc)
        && lexicon::speech_verb_lc(&lc).is_none()
}

/// The lower-cased capitalised words that may be names, each marked when the article also
/// writes it in lower case ("Morning", "Show": common words).
struct LowerWords(HashMap<String, bool>);

impl LowerWords {
    /// `lc` is a capitalised word the article also writes in lower case.
    fn contains(&self, lc: &str) -> bool {
        self.0.get(lc).copied().unwrap_or(false)
    }
}

/// [`nameable`] answered once per distinct word of the document, not once per occurrence (a
/// long document repeats its capitalised words thousands of times).
#[derive(Default)]
struct Nameable<'a> {
    memo: HashMap<WordKey, bool>,
    _text: std::marker::PhantomData<&'a str>,
}

impl<'a> Nameable<'a> {
    fn test(&mut self, w: &'a str) -> bool {
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
enum WordKey {
    Short(u64, u64),
    Long(Box<str>),
}

impl WordKey {
    fn new(w: &str) -> WordKey {
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

/// Finds known surnames within edit distance of a word without comparing against every person
/// (symmetric-delete index: two strings within distance k share a string reachable by at most k
/// deletions from each).
#[derive(Default)]
struct VariantIndex {
    /// Keyed by a 64-bit hash of each deletion variant: no string is built per key.
    map: HashMap<u64, Vec<usize>>,
}

impl VariantIndex {
    /// FNV-1a over the lower-cased characters of `chars`, skipping positions `a` and `b`.
    fn hash(chars: &[char], a: usize, b: usize) -> u64 {
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

    fn keys(word: &str) -> Vec<u64> {
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

    fn insert(&mut self, word: &str, person: usize) {
        for k in Self::keys(word) {
            let v = self.map.entry(k).or_default();
            if v.last() != Some(&person) {
                v.push(person);
            }
        }
    }

    /// People with a surname (or alias) that may be a variant of `word`.
    fn candidates(&self, word: &str) -> Vec<usize> {
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
fn derived_place(lc: &str) -> bool {
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

/// The word-list answers for one word of the document, each looked up on first use.
#[derive(Clone, Copy, Default)]
struct LexEntry {
    first_name: Option<Option<Gender>>,
    surname: Option<bool>,
    not_person: Option<bool>,
    honorific: Option<Option<Gender>>,
    speech_verb: Option<Option<bool>>,
    role: Option<bool>,
    role_modifier: Option<bool>,
    function_word: Option<bool>,
}

/// The `lexicon` lookups, memoised per distinct word: the same functions with the same answers,
/// but a long document asks them about the same few thousand words hundreds of thousands of
/// times, and each lookup lower-cases its word first.
#[derive(Default)]
struct Lex<'a> {
    memo: RefCell<HashMap<WordKey, LexEntry>>,
    _text: std::marker::PhantomData<&'a str>,
}

macro_rules! lex_lookups {
    ($($name:ident: $t:ty = $f:path;)*) => {
        impl<'a> Lex<'a> {
            $(fn $name(&self, w: &'a str) -> $t {
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

struct Ctx<'a, 'l> {
    doc: &'a Document,
    toks: &'a [Token],
    lex: &'l Lex<'a>,
}

impl<'a> Ctx<'a, '_> {
    fn w(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| word(self.doc, t))
    }
    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }
}

/// A name found in pass 1.
struct Candidate {
    range: TextRange,
    first: Option<String>,
    surname: String,
    full: String,
    title: Option<(String, TextRange)>,
    gender: Option<Gender>,
    /// The gender of the honorific before the name, if it has one.
    said_gender: Option<Gender>,
    /// Strong evidence: title, honorific or a known first name.
    strong: bool,
    /// Any evidence beyond a known surname: strong, or a speech verb or appositive title next to it.
    confirmed: bool,
    /// Found in a headline, or inside a longer run of capitalised words: weak context.
    heading: bool,
}

/// Pass 1 over one sentence's tokens.
fn candidates<'a>(
    doc: &'a Document,
    toks: &'a [Token],
    heading: bool,
    lower_words: &LowerWords,
    names: &mut Nameable<'a>,
    lex: &Lex<'a>,
    out: &mut Vec<Candidate>,
) {
    let c = Ctx { doc, toks, lex };
    // The name parts of the current run, reused across runs: one allocation per sentence.
    let mut parts: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != TokenKind::Word || !names.test(c.w(i)) {
            i += 1;
            continue;
        }
        // Collect the name parts: capitalised words, initials ("F."), particles.
        let start = i;
        parts.clear();
        let mut j = i;
        let mut first_known = false;
        while j < toks.len() && toks[j].kind == TokenKind::Word {
            let w = c.w(j);
            let single = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
            if single && c.w(j + 1) == "." && !parts.is_empty() {
                j += 2; // an initial
                continue;
            }
            if lexicon::is_particle(w) && !parts.is_empty() && names.test(c.w(j + 1)) {
                j += 1;
                continue;
            }
            // A word the article also writes in lower case ("Morning", "Show") is a common word,
            // unless the gazetteer knows it as a name.
            let bare = lexicon::strip_possessive(w);
            let mut buf = [0u8; 64];
            let common = lower_words.contains(lexicon::lower_in(bare, &mut buf).as_ref())
                && !c.lex.surname(bare)
                && (!parts.is_empty() || c.lex.first_name(bare).is_none());
            // "Dr Fox", "Mr Brown": after an honorific even a word that is usually not a name
            // ("Fox" the network) is one.
            let honorific_before = parts.is_empty()
                && j > 0
                && !lexicon::is_particle(&lexicon::lower_in(w, &mut [0u8; 64]))
                && (c.lex.honorific(c.w(j - 1)).is_some()
                    || (c.w(j - 1) == "." && j > 1 && c.lex.honorific(c.w(j - 2)).is_some()));
            let ok = nameable(w)
                && (!common || honorific_before)
                && (!c.lex.not_person(w) || (parts.len() == 1 && first_known) || honorific_before);
            if !ok {
                break;
            }
            if parts.is_empty() {
                first_known = c.lex.first_name(w).is_some();
            }
            parts.push(j);
            j += 1;
            if lexicon::is_possessive(w) {
                break;
            }
        }
        if parts.is_empty() {
            i += 1;
            continue;
        }
        // "Councillor Maria Santos", "Challenger Jane Whitfield": a capitalised word before a
        // known first name is a title, not part of the name.
        // A role word opening the run is a title even before a first name the lists lack
        // ("Councillor Gareth Elory").
        let mut start = start;
        if parts.len() >= 3
            && c.lex.first_name(c.w(parts[0])).is_none()
            && (c.lex.first_name(c.w(parts[1])).is_some()
                || (c.lex.role(c.w(parts[0])) && c.lex.honorific(c.w(parts[0])).is_none()))
        {
            parts.remove(0);
            start = parts[0];
        }
        let end = j;
        i = end.max(start + 1);
        // A lone not-person word ("Russia") or a run of five or more words is no name, unless an
        // honorific stands before it ("Dr Fox").
        let titled = start > 0
            && (c.lex.honorific(c.w(start - 1)).is_some()
                || (c.w(start - 1) == "."
                    && start > 1
                    && c.lex.honorific(c.w(start - 2)).is_some()));
        if parts.len() > 4 || (!titled && parts.iter().all(|&p| c.lex.not_person(c.w(p)))) {
            continue;
        }
        // Context before: honorific, title.
        let mut before = start;
        let mut honorific = None;
        if before >= 1 && c.w(before - 1) == "." && before >= 2 {
            if let Some(g) = c.lex.honorific(c.w(before - 2)) {
                honorific = Some(g);
            }
        } else if before >= 1 {
            honorific = c.lex.honorific(c.w(before - 1));
        }
        let title = title_before(&c, start);
        if honorific.is_some() && title.is_none() {
            before = before.saturating_sub(1);
        }
        let _ = before;
        let appositive = title_after(&c, end);
        let first_tok = c.w(parts[0]);
        let last_tok = lexicon::strip_possessive(c.w(parts[parts.len() - 1]));
        let k = parts.len();
        let first_gender = if k >= 2 {
            c.lex.first_name(first_tok)
        } else {
            None
        };
        let verb_after =
            c.lex.speech_verb(c.w(end)).is_some() || (c.w(end) == "," && appositive.is_some());
        let verb_before = start >= 1
            && c.lex.speech_verb(c.w(start - 1)).is_some()
            && c.kind(start.wrapping_sub(2)) == Some(TokenKind::Punct);
        let no_place = !parts.iter().any(|&p| c.lex.not_person(c.w(p)));
        let strong = title.is_some()
            || honorific.is_some()
            || first_gender.is_some()
            || (k == 1 && c.lex.first_name(first_tok).is_some() && verb_after);
        // A first name alone as the subject of a speech verb ("Melanie said"): feature stories
        // name people that way.
        let first_alone = k == 1
            && c.w(end) != ","
            // "the Scot admitted": a noun after a determiner, not a first name.
            && !(start > 0 && c.lex.function_word(c.w(start - 1)))
            && c.lex.speech_verb(c.w(end)).is_some()
            && c.lex.first_name(first_tok).is_some()
            && !c.lex.not_person(first_tok);
        // "Tyresha McClenney and Bryan Anderson": a two-word name coordinated with a full name
        // whose first name is known.
        let known_full = |i: usize| {
            c.lex.first_name(c.w(i)).is_some()
                && nameable(c.w(i + 1))
                && !c.lex.not_person(c.w(i + 1))
        };
        let coordinated = k == 2
            && no_place
            && ((matches!(c.w(end), "and" | ",") && known_full(end + 1))
                || (start >= 3 && matches!(c.w(start - 1), "and" | ",") && known_full(start - 3)));
        let accept = (k >= 2 && first_gender.is_some())
            || first_alone
            || coordinated
            || (k <= 3 && (title.is_some() || honorific.is_some()))
            || (k >= 2 && no_place && c.lex.surname(last_tok))
            || (k >= 2 && no_place && (verb_after || verb_before || appositive.is_some()));
        if !accept || (heading && !strong && k < 2) {
            continue;
        }
        let first_tok_start = toks[parts[0]].range.start;
        let last = toks[parts[k - 1]];
        let last_text = c.w(parts[k - 1]);
        let name_end = last.range.start + lexicon::strip_possessive(last_text).len();
        let range = TextRange::new(first_tok_start, name_end);
        let full = squash_spaces(doc.text(range));
        let mut gender = first_gender.filter(|g| *g != Gender::Unknown);
        if gender.is_none() && first_alone {
            gender = lexicon::first_name(first_tok).filter(|g| *g != Gender::Unknown);
        }
        if gender.is_none() {
            gender = honorific.filter(|g| *g != Gender::Unknown);
        }
        let confirmed = strong || verb_after || verb_before || appositive.is_some() || coordinated;
        let title = title.or(appositive);
        if gender.is_none() {
            if let Some((t, _)) = &title {
                gender = t.split_whitespace().find_map(lexicon::role_gender);
            }
        }
        out.push(Candidate {
            range,
            first: (k >= 2).then(|| first_tok.to_string()),
            surname: last_tok.to_string(),
            full,
            title,
            gender,
            said_gender: honorific.filter(|g| *g != Gender::Unknown),
            strong,
            confirmed,
            // Not inside a longer run of capitalised words ("Hit Piece Exploits Trump Supporter").
            heading: heading || (start > 0 && nameable(c.w(start - 1))) || nameable(c.w(end)),
        });
    }
}

/// `s` with each run of whitespace made one space and none at either end: the same string as
/// `split_whitespace().collect::<Vec<_>>().join(" ")`, built without the intermediate `Vec`.
fn squash_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The title right before the name starting at token `start` ("NATO Secretary-General",
/// "White House national security adviser", "Secretary of State").
fn title_before(c: &Ctx<'_, '_>, start: usize) -> Option<(String, TextRange)> {
    let mut i = start;
    let mut has_role = false;
    let mut first = start;
    while i > 0 {
        let t = i - 1;
        let w = c.w(t);
        if c.kind(t) == Some(TokenKind::Punct) {
            // "Sen." / "Gov.": the period of an abbreviation inside the title.
            if w == "." && t > 0 && c.lex.role(c.w(t - 1)) {
                i = t;
                continue;
            }
            break;
        }
        if c.kind(t) != Some(TokenKind::Word) || lexicon::is_possessive(w) {
            break;
        }
        let role = c.lex.role(w) && c.lex.honorific(w).is_none();
        let modifier = c.lex.role_modifier(w);
        let cap = w.chars().next().is_some_and(char::is_uppercase) && !c.lex.function_word(w);
        let of = w == "of" && t > 0 && c.lex.role(c.w(t - 1)) && i < start;
        if role {
            has_role = true;
        } else if !(modifier || cap || of) {
            break;
        }
        first = t;
        i = t;
        if start - t > 8 {
            break;
        }
    }
    if !has_role {
        return None;
    }
    // The title must end in a role word or a capitalised word inside a role phrase ("Secretary of
    // State"), and must not start with "of".
    while first < start && (c.w(first) == "of" || !title_word(c, first)) {
        first += 1;
    }
    let last = (first..start)
        .rev()
        .find(|&t| c.kind(t) == Some(TokenKind::Word))?;
    let range = TextRange::new(c.toks[first].range.start, c.toks[last].range.end);
    let mut text = squash_spaces(c.doc.text(range));
    if c.w(last + 1) == "." && last + 1 < start {
        text.push('.');
    }
    Some((text, range))
}

fn title_word(c: &Ctx<'_, '_>, t: usize) -> bool {
    let w = c.w(t);
    c.lex.role(w) || c.lex.role_modifier(w) || w.chars().next().is_some_and(char::is_uppercase)
}

/// An appositive title after the name: ", the national security adviser", ", executive director of …".
fn title_after(c: &Ctx<'_, '_>, end: usize) -> Option<(String, TextRange)> {
    if c.w(end) != "," {
        return None;
    }
    let mut i = end + 1;
    if matches!(c.w(i), "the" | "a" | "an") {
        i += 1;
    }
    let from = i;
    let mut last_role = None;
    while i < c.toks.len() && i < from + 6 {
        let w = c.w(i);
        if c.kind(i) != Some(TokenKind::Word) {
            break;
        }
        if c.lex.role(w) && c.lex.honorific(w).is_none() {
            last_role = Some(i);
        } else if !(c.lex.role_modifier(w)
            || w.chars().next().is_some_and(char::is_uppercase)
            // "the Charlotte-Mecklenburg police chief": a plain noun before the role word.
            || (!c.lex.function_word(w)
                && c.lex.speech_verb(w).is_none()
                && !lexicon::is_possessive(w)
                && c.lex.role(c.w(i + 1))))
        {
            break;
        }
        i += 1;
    }
    let last = last_role?;
    let range = TextRange::new(c.toks[from].range.start, c.toks[last].range.end);
    Some((c.doc.text(range).to_string(), range))
}

/// Finds people and their mentions.
pub(super) fn find(doc: &Document, config: &Config) -> Found {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::new();
    // surname → person indices.
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::default();
    let mut cands = Vec::new();
    // Lower-case forms of the capitalised words that the article also writes in lower case.
    // Only words that could be names matter; a bitmap on (first two bytes, length) skips most
    // lower-case words without hashing them.
    // Each distinct capitalised word is tested and lower-cased once, not once per occurrence.
    let capitalised_bases: HashMap<WordKey, &str> = doc
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && t.is_capitalised(&doc.prose))
        .map(|t| {
            let base = lexicon::strip_possessive(word(doc, t));
            (WordKey::new(base), base)
        })
        .collect();
    let mut names = Nameable::default();
    let lex = Lex::default();
    let mut capitalised = LowerWords(
        capitalised_bases
            .into_values()
            .filter(|w| names.test(w))
            .map(|w| (w.to_lowercase(), false))
            .collect(),
    );
    // 2^20 bits keyed by a hash of the length and the first three and last bytes: sparse enough
    // that only words which really are in `capitalised` (and a few percent more) reach the set.
    let bit = |w: &[u8]| -> usize {
        let b = |i: usize| u64::from(w.get(i).copied().unwrap_or(0));
        let last = u64::from(w.last().copied().unwrap_or(0));
        let key = b(0) | (b(1) << 8) | (b(2) << 16) | (last << 24) | ((w.len() as u64) << 32);
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 44) as usize
    };
    let mut bitmap = vec![0u64; 1 << 14];
    for w in capitalised.0.keys() {
        let k = bit(w.as_bytes());
        bitmap[k >> 6] |= 1 << (k & 63);
    }
    for t in &doc.tokens {
        if t.kind != TokenKind::Word {
            continue;
        }
        let w = word(doc, t);
        if !w.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
            continue;
        }
        let k = bit(w.as_bytes());
        if bitmap[k >> 6] & (1 << (k & 63)) == 0 {
            continue;
        }
        if let Some(seen) = capitalised.0.get_mut(w) {
            *seen = true;
        }
    }
    let lower_words = capitalised;
    for (si, s) in doc.sentences.iter().enumerate() {
        let heading = doc.is_heading(s.paragraph);
        candidates(
            doc,
            doc.sentence_tokens(si),
            heading,
            &lower_words,
            &mut names,
            &lex,
            &mut cands,
        );
    }
    let mut variants = VariantIndex::default();
    // The registry first: its people exist whether or not the article names them in full.
    for (ri, rp) in config.people.iter().enumerate() {
        let parts: Vec<&str> = rp.name.split_whitespace().collect();
        let Some(surname) = parts.last() else {
            continue;
        };
        let idx = drafts.len();
        drafts.push(Draft {
            first: (parts.len() >= 2).then(|| parts[0].to_string()),
            surname: surname.to_string(),
            full: Some(rp.name.clone()),
            titles: Vec::new(),
            gender: parts.first().and_then(|f| lexicon::first_name(f)),
            said_gender: None,
            registry: Some(ri),
            strong: true,
            confirmed: true,
            aliases: rp
                .aliases
                .iter()
                .filter_map(|a| a.split_whitespace().last().map(str::to_string))
                .collect(),
        });
        by_surname.entry(surname.to_string()).or_default().push(idx);
        variants.insert(surname, idx);
        for a in &drafts[idx].aliases.clone() {
            by_surname.entry(a.clone()).or_default().push(idx);
            variants.insert(a, idx);
        }
    }
    let mut last_seen: Vec<usize> = vec![0; drafts.len()];
    // Whether each person is named in full outside headlines.
    let mut in_body: Vec<bool> = vec![true; drafts.len()];
    for cand in cands {
        let person = match_person(&drafts, &by_surname, &variants, &last_seen, &cand);
        let p = match person {
            Some(p) => p,
            None => {
                drafts.push(Draft {
                    surname: cand.surname.clone(),
                    ..Draft::default()
                });
                last_seen.push(0);
                in_body.push(false);
                by_surname
                    .entry(cand.surname.clone())
                    .or_default()
                    .push(drafts.len() - 1);
                drafts.len() - 1
            }
        };
        let d = &mut drafts[p];
        if cand.first.is_some() && d.first.is_none() {
            d.first = cand.first.clone();
        }
        if cand.first.is_some() && d.registry.is_none() && d.full.is_none() {
            d.full = Some(cand.full.clone());
        }
        if let Some(t) = &cand.title {
            d.titles.push(t.clone());
        }
        if d.gender.is_none() || d.gender == Some(Gender::Unknown) {
            d.gender = cand.gender.or(d.gender);
        }
        d.said_gender = d.said_gender.or(cand.said_gender);
        last_seen[p] = cand.range.start;
        in_body[p] |= !cand.heading && cand.first.is_some();
        // Only people found with strong evidence can have misspelled references: index them once.
        if cand.strong && !d.strong {
            variants.insert(&d.surname, p);
        }
        d.strong |= cand.strong;
        d.confirmed |= cand.confirmed;
        mentions.push(Mention {
            range: cand.range,
            person: p,
            kind: if cand.first.is_some() {
                MentionKind::FullName
            } else {
                MentionKind::Surname
            },
            variant: false,
        });
    }
    mentions.sort_by_key(|m| m.range.start);
    // Pass 2: surnames alone, misspelled surnames and roles.
    let mut covered = mentions.iter().map(|m| m.range).collect::<Vec<_>>();
    covered.sort_by_key(|r| r.start);
    let mut extra = Vec::new();
    let mut recent: Vec<usize> = vec![0; drafts.len()];
    let roles = role_index(&drafts);
    let mut variant_memo: HashMap<WordKey, (Option<usize>, Option<usize>)> = HashMap::default();
    let mut short: Vec<Mention> = Vec::new();
    let mut own_words: HashMap<WordKey, bool> = HashMap::default();
    let mut ci = 0;
    for (ti, t) in doc.tokens.iter().enumerate() {
        if t.kind != TokenKind::Word {
            continue;
        }
        while ci < covered.len() && covered[ci].end <= t.range.start {
            ci += 1;
        }
        if ci < covered.len() && covered[ci].intersects(t.range) {
            continue;
        }
        let w = word(doc, t);
        let Some(ch) = w.chars().next() else {
            continue;
        };
        if !ch.is_uppercase() {
            // Roles: "the secretary-general".
            if ti > 0 && word(doc, &doc.tokens[ti - 1]).eq_ignore_ascii_case("the") && lex.role(w) {
                if let Some(p) = role_person(&roles, w, &recent) {
                    extra.push(Mention {
                        range: t.range,
                        person: p,
                        kind: MentionKind::Role,
                        variant: false,
                    });
                    recent[p] = t.range.start;
                }
            }
            continue;
        }
        let base = lexicon::strip_possessive(w);
        let range = TextRange::new(t.range.start, t.range.start + base.len());
        if let Some(ps) = by_surname.get(base) {
            let p = pick_recent(ps, &recent);
            extra.push(Mention {
                range,
                person: p,
                kind: MentionKind::Surname,
                variant: false,
            });
            recent[p] = t.range.start;
            continue;
        }
        if lex.role(base)
            && ti > 0
            && word(doc, &doc.tokens[ti - 1]).eq_ignore_ascii_case("the")
            && !doc
                .tokens
                .get(ti + 1)
                .is_some_and(|n| n.is_capitalised(&doc.prose))
        {
            if let Some(p) = role_person(&roles, base, &recent) {
                extra.push(Mention {
                    range: t.range,
                    person: p,
                    kind: MentionKind::Role,
                    variant: false,
                });
                recent[p] = t.range.start;
            }
            continue;
        }
        if base.len() < 4 || !names.test(base) {
            continue;
        }
        // A rarer known surname can still be a misspelling ("Stoltenburg" is in the Census list);
        // a common one ("Clark", "Anderson") is a name of its own. A person the article
        // introduces under that spelling was matched exactly above. (Asked once per word.)
        let own_word = *own_words.entry(WordKey::new(base)).or_insert_with(|| {
            let lc = lexicon::lower(base);
            lexicon::is_not_person_lc(&lc)
                || lexicon::first_name_lc(&lc).is_some()
                || lexicon::is_common_surname_lc(&lc)
                || lower_words.contains(lc.as_ref())
                || derived_place(&lc)
        });
        if own_word {
            continue;
        }
        // A misspelling stands where a surname stands: not inside a longer capitalised name
        // ("American Beauty", "Ioannis Karmis"), not in a heading.
        let prev = ti.checked_sub(1).map(|p| word(doc, &doc.tokens[p]));
        let next = doc.tokens.get(ti + 1).map(|n| word(doc, n));
        let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let prev_ok = prev.is_none_or(|p| {
            !cap(p) || lex.honorific(p).is_some() || lex.role(p) || lex.function_word(p)
        });
        let next_ok = next.is_none_or(|n| !cap(n) || lexicon::is_possessive(base));
        let in_heading = doc
            .paragraph_at(t.range.start)
            .is_some_and(|pi| doc.is_heading(pi));
        if !prev_ok || !next_ok || in_heading {
            // "Jens Stoltenburg" (the person's own first name before it) is handled in pass 1.
            continue;
        }
        {
            // The same word recurs: look each one up once.
            let (hit, short_hit) = *variant_memo.entry(WordKey::new(base)).or_insert_with(|| {
                let cands = variants.candidates(base);
                let hits: Vec<usize> = cands
                    .iter()
                    .copied()
                    .filter(|&p| {
                        drafts[p].strong && is_variant(&drafts[p].surname, base)
                            || drafts[p].aliases.iter().any(|a| is_variant(a, base))
                    })
                    .collect();
                // A short name ("Smth" for Smith) is kept only if the rest of the article
                // settles it: see `short_names::settle`.
                let short_hit = if lexicon::is_surname(base) {
                    None
                } else {
                    let hits: Vec<usize> = cands
                        .into_iter()
                        .filter(|&p| {
                            drafts[p].strong
                                && drafts[p].first.is_some()
                                && super::short_names::is_short_variant(&drafts[p].surname, base)
                        })
                        .collect();
                    (hits.len() == 1).then(|| hits[0])
                };
                (
                    closest(&hits, |p| drafts[p].surname.as_str(), base),
                    short_hit,
                )
            });
            // In a five-letter word one changed letter is as likely another word ("Games
            // consoles" near "Gates"): only when a speech verb follows ("Wines believes").
            let hit = hit.filter(|&p| {
                let s = &drafts[p].surname;
                !(base.chars().count() == 5 && s.len() == base.len())
                    || next.is_some_and(|n| lexicon::speech_verb(n).is_some())
            });
            // A short near-miss stands in running prose: after an honorific or a lower-case
            // word, or before a speech verb; not capitalised only by the sentence start ("Teak
            // tough and …") nor in a list of names ("Replacements: Vaili, Cole").
            let short_hit = short_hit.filter(|_| {
                prev.is_some_and(|p| {
                    lex.honorific(p).is_some() || p.chars().next().is_some_and(char::is_lowercase)
                }) || next.is_some_and(|n| lexicon::speech_verb(n).is_some())
            });
            if let Some(p) = hit.or(short_hit) {
                let m = Mention {
                    range,
                    person: p,
                    kind: MentionKind::Surname,
                    variant: true,
                };
                if hit.is_some() {
                    extra.push(m);
                    recent[p] = t.range.start;
                } else {
                    short.push(m);
                }
            }
        }
    }
    mentions.extend(extra);
    super::short_names::settle(doc, &drafts, &mut mentions, short);
    // A full name sharing its surname with a confirmed person is a relative ("Rakeyia Scott"
    // beside "Keith Lamont Scott"), not a firm name that happens to end in a surname.
    let family: HashSet<&str> = drafts
        .iter()
        .filter(|d| d.confirmed && d.first.is_some())
        .map(|d| d.surname.as_str())
        .collect();
    let relatives: Vec<usize> = drafts
        .iter()
        .enumerate()
        .filter(|&(i, d)| {
            !d.confirmed && d.first.is_some() && in_body[i] && family.contains(d.surname.as_str())
        })
        .map(|(i, _)| i)
        .collect();
    for i in relatives {
        drafts[i].confirmed = true;
    }
    mentions.retain(|m| drafts.get(m.person).is_some_and(|d| d.confirmed));
    mentions.sort_by_key(|m| (m.range.start, m.range.end));
    mentions.dedup_by_key(|m| m.range.start);
    Found { drafts, mentions }
}

fn pick_recent(ps: &[usize], recent: &[usize]) -> usize {
    ps.iter()
        .copied()
        .max_by_key(|&p| (recent.get(p).copied().unwrap_or(0), usize::MAX - p))
        .unwrap_or(ps[0])
}

/// People by the last word of their first title, lower case ("secretary-general").
fn role_index(drafts: &[Draft]) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, d) in drafts.iter().enumerate() {
        if let Some(l) = d
            .titles
            .first()
            .and_then(|(t, _)| t.split_whitespace().last())
        {
            out.entry(l.trim_end_matches('.').to_lowercase())
                .or_default()
                .push(i);
        }
    }
    out
}

/// The person whose title ends in this role word, most recently mentioned first.
fn role_person(roles: &HashMap<String, Vec<usize>>, role: &str, recent: &[usize]) -> Option<usize> {
    let ps = roles.get(lexicon::lower(role).as_ref())?;
    let recent_any = ps.iter().filter(|&&p| recent[p] > 0).count();
    if ps.len() > 1 && recent_any == 0 {
        return None;
    }
    Some(pick_recent(ps, recent))
}

/// Which existing person a pass-1 candidate names, if any.
fn match_person(
    drafts: &[Draft],
    by_surname: &HashMap<String, Vec<usize>>,
    variants: &VariantIndex,
    last_seen: &[usize],
    cand: &Candidate,
) -> Option<usize> {
    if let Some(ps) = by_surname.get(&cand.surname) {
        match &cand.first {
            Some(f) => {
                if let Some(&p) = ps.iter().find(|&&p| drafts[p].first.as_deref() == Some(f)) {
                    return Some(p);
                }
                if let Some(&p) = ps.iter().find(|&&p| drafts[p].first.is_none()) {
                    return Some(p);
                }
                // Same surname, another first name: another person ("Bill" and "Hillary Clinton"),
                // unless the first name is a short form of the known one.
                if let Some(&p) = ps.iter().find(|&&p| {
                    drafts[p]
                        .first
                        .as_deref()
                        .is_some_and(|g| g.starts_with(f.as_str()) || f.starts_with(g))
                }) {
                    return Some(p);
                }
                return None;
            }
            None => {
                // "President Obama" when only "Michelle Obama" is known: another person, unless
                // the title matches.
                let all_first = ps.iter().all(|&p| drafts[p].first.is_some());
                if let (true, Some((t, _))) = (all_first, &cand.title) {
                    let same = ps.iter().copied().find(|&p| {
                        drafts[p]
                            .titles
                            .iter()
                            .any(|(x, _)| x.eq_ignore_ascii_case(t))
                    });
                    return same;
                }
                return Some(pick_recent(ps, last_seen));
            }
        }
    }
    // A misspelled surname of a known person with the same first name, or with a title.
    // (A common one, or a first name, as in pass 2: the full Census list holds most
    // misspellings of a surname.)
    if cand.first.is_none() {
        let lc = lexicon::lower(&cand.surname);
        if lexicon::is_common_surname_lc(&lc) || lexicon::first_name_lc(&lc).is_some() {
            return None;
        }
    }
    // A surname introduced with its own title ("President Obama" near "Osama bin Laden") is
    // someone else, not a misspelling; but for the title the person already has ("Mr Trainor" …
    // "Mr Traino"), it is that person's name misspelled.
    let own_title = |d: &Draft| {
        cand.title.as_ref().is_some_and(|(t, _)| {
            d.titles.iter().any(|(x, _)| {
                x.trim_end_matches('.')
                    .eq_ignore_ascii_case(t.trim_end_matches('.'))
            })
        })
    };
    if cand.first.is_none()
        && cand.title.is_some()
        && !variants
            .candidates(&cand.surname)
            .into_iter()
            .any(|i| own_title(&drafts[i]))
    {
        return None;
    }
    let hits: Vec<usize> = variants
        .candidates(&cand.surname)
        .into_iter()
        .filter(|&i| {
            let d = &drafts[i];
            // "Mr Makarov" is not a misspelling of Chloe Mkarov's name.
            let other_gender = other_gender(cand.said_gender, d);
            is_variant(&d.surname, &cand.surname)
                && !other_gender
                && match (&cand.first, &d.first) {
                    (Some(a), Some(b)) => a == b,
                    (None, _) => true,
                    (Some(_), None) => true,
                }
        })
        .collect();
    closest(&hits, |i| drafts[i].surname.as_str(), &cand.surname)
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
fn closest<'a>(hits: &[usize], surname: impl Fn(usize) -> &'a str, word: &str) -> Option<usize> {
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
