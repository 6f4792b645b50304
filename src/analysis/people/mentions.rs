//! Finding people: capitalised name sequences confirmed by the gazetteer or by context (a title
//! or honorific before, an appositive title after, a speech verb next to them), then later
//! references by surname, by role ("the secretary-general") and misspelled surnames.

use super::lexicon::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::lexicon::{self, Gender};
use super::{Mention, MentionKind};
use crate::analysis::config::Config;
use crate::analysis::document::Document;
use crate::analysis::range::TextRange;
use crate::analysis::tokens::{Token, TokenKind};

/// A person while the article is being read.
#[derive(Clone, Debug, Default)]
pub(super) struct Draft {
    pub first: Option<String>,
    pub surname: String,
    /// The fullest name seen ("Jens Stoltenberg").
    pub full: Option<String>,
    pub titles: Vec<(String, TextRange)>,
    pub gender: Option<Gender>,
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

fn is_possessive(w: &str) -> bool {
    lexicon::strip_possessive(w).len() != w.len()
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
        if chars.len() < 5 || chars.len() > 30 {
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
    // Plurals ("the Clintons", "Christmases") are not variants.
    for suffix in ["s", "es"] {
        if a.strip_suffix(suffix) == Some(b) || b.strip_suffix(suffix) == Some(a) {
            return false;
        }
    }
    let len = a.chars().count().max(b.chars().count());
    let limit = if len >= 9 { 2 } else { 1 };
    edit_distance(a, b) <= limit
}

struct Ctx<'a> {
    doc: &'a Document,
    toks: &'a [Token],
}

impl Ctx<'_> {
    fn w(&self, i: usize) -> &str {
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
    /// Strong evidence: title, honorific or a known first name.
    strong: bool,
    /// Any evidence beyond a known surname: strong, or a speech verb or appositive title next to it.
    confirmed: bool,
    /// Found in a headline, or inside a longer run of capitalised words: weak context.
    heading: bool,
}

/// Pass 1 over one sentence's tokens.
fn candidates(
    doc: &Document,
    toks: &[Token],
    heading: bool,
    lower_words: &HashSet<&str>,
    out: &mut Vec<Candidate>,
) {
    let c = Ctx { doc, toks };
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != TokenKind::Word || !nameable(c.w(i)) {
            i += 1;
            continue;
        }
        // Collect the name parts: capitalised words, initials ("F."), particles.
        let start = i;
        let mut parts: Vec<usize> = Vec::new();
        let mut j = i;
        let mut first_known = false;
        while j < toks.len() && toks[j].kind == TokenKind::Word {
            let w = c.w(j);
            let single = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
            if single && c.w(j + 1) == "." && !parts.is_empty() {
                j += 2; // an initial
                continue;
            }
            if lexicon::is_particle(w) && !parts.is_empty() && nameable(c.w(j + 1)) {
                j += 1;
                continue;
            }
            // A word the article also writes in lower case ("Morning", "Show") is a common word,
            // unless the gazetteer knows it as a name.
            let bare = lexicon::strip_possessive(w);
            let mut buf = [0u8; 64];
            let common = lower_words.contains(lexicon::lower_in(bare, &mut buf).as_ref())
                && !lexicon::is_surname(bare)
                && (!parts.is_empty() || lexicon::first_name(bare).is_none());
            // "Dr Fox", "Mr Brown": after an honorific even a word that is usually not a name
            // ("Fox" the network) is one.
            let honorific_before = parts.is_empty()
                && j > 0
                && !lexicon::is_particle(&lexicon::lower(w))
                && (lexicon::honorific(c.w(j - 1)).is_some()
                    || (c.w(j - 1) == "." && j > 1 && lexicon::honorific(c.w(j - 2)).is_some()));
            let ok = nameable(w)
                && (!common || honorific_before)
                && (!lexicon::is_not_person(w)
                    || (parts.len() == 1 && first_known)
                    || honorific_before);
            if !ok {
                break;
            }
            if parts.is_empty() {
                first_known = lexicon::first_name(w).is_some();
            }
            parts.push(j);
            j += 1;
            if is_possessive(w) {
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
            && lexicon::first_name(c.w(parts[0])).is_none()
            && (lexicon::first_name(c.w(parts[1])).is_some()
                || (lexicon::is_role(c.w(parts[0])) && lexicon::honorific(c.w(parts[0])).is_none()))
        {
            parts.remove(0);
            start = parts[0];
        }
        let end = j;
        i = end.max(start + 1);
        // A lone not-person word ("Russia") or a run of five or more words is no name, unless an
        // honorific stands before it ("Dr Fox").
        let titled = start > 0
            && (lexicon::honorific(c.w(start - 1)).is_some()
                || (c.w(start - 1) == "."
                    && start > 1
                    && lexicon::honorific(c.w(start - 2)).is_some()));
        if parts.len() > 4 || (!titled && parts.iter().all(|&p| lexicon::is_not_person(c.w(p)))) {
            continue;
        }
        // Context before: honorific, title.
        let mut before = start;
        let mut honorific = None;
        if before >= 1 && c.w(before - 1) == "." && before >= 2 {
            if let Some(g) = lexicon::honorific(c.w(before - 2)) {
                honorific = Some(g);
            }
        } else if before >= 1 {
            honorific = lexicon::honorific(c.w(before - 1));
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
            lexicon::first_name(first_tok)
        } else {
            None
        };
        let verb_after =
            lexicon::speech_verb(c.w(end)).is_some() || (c.w(end) == "," && appositive.is_some());
        let verb_before = start >= 1
            && lexicon::speech_verb(c.w(start - 1)).is_some()
            && c.kind(start.wrapping_sub(2)) == Some(TokenKind::Punct);
        let no_place = !parts.iter().any(|&p| lexicon::is_not_person(c.w(p)));
        let strong = title.is_some()
            || honorific.is_some()
            || first_gender.is_some()
            || (k == 1 && lexicon::first_name(first_tok).is_some() && verb_after);
        // A first name alone as the subject of a speech verb ("Melanie said"): feature stories
        // name people that way.
        let first_alone = k == 1
            && c.w(end) != ","
            // "the Scot admitted": a noun after a determiner, not a first name.
            && !(start > 0 && lexicon::is_function_word(c.w(start - 1)))
            && lexicon::speech_verb(c.w(end)).is_some()
            && lexicon::first_name(first_tok).is_some()
            && !lexicon::is_not_person(first_tok);
        // "Tyresha McClenney and Bryan Anderson": a two-word name coordinated with a full name
        // whose first name is known.
        let known_full = |i: usize| {
            lexicon::first_name(c.w(i)).is_some()
                && nameable(c.w(i + 1))
                && !lexicon::is_not_person(c.w(i + 1))
        };
        let coordinated = k == 2
            && no_place
            && ((matches!(c.w(end), "and" | ",") && known_full(end + 1))
                || (start >= 3 && matches!(c.w(start - 1), "and" | ",") && known_full(start - 3)));
        let accept = (k >= 2 && first_gender.is_some())
            || first_alone
            || coordinated
            || (k <= 3 && (title.is_some() || honorific.is_some()))
            || (k >= 2 && no_place && lexicon::is_surname(last_tok))
            || (k >= 2 && no_place && (verb_after || verb_before || appositive.is_some()));
        if !accept || (heading && !strong && k < 2) {
            continue;
        }
        let first_tok_start = toks[parts[0]].range.start;
        let last = toks[parts[k - 1]];
        let last_text = c.w(parts[k - 1]);
        let name_end = last.range.start + lexicon::strip_possessive(last_text).len();
        let range = TextRange::new(first_tok_start, name_end);
        let full = doc
            .text(range)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
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
            strong,
            confirmed,
            // Not inside a longer run of capitalised words ("Hit Piece Exploits Trump Supporter").
            heading: heading || (start > 0 && nameable(c.w(start - 1))) || nameable(c.w(end)),
        });
    }
}

/// The title right before the name starting at token `start` ("NATO Secretary-General",
/// "White House national security adviser", "Secretary of State").
fn title_before(c: &Ctx<'_>, start: usize) -> Option<(String, TextRange)> {
    let mut i = start;
    let mut has_role = false;
    let mut first = start;
    while i > 0 {
        let t = i - 1;
        let w = c.w(t);
        if c.kind(t) == Some(TokenKind::Punct) {
            // "Sen." / "Gov.": the period of an abbreviation inside the title.
            if w == "." && t > 0 && lexicon::is_role(c.w(t - 1)) {
                i = t;
                continue;
            }
            break;
        }
        if c.kind(t) != Some(TokenKind::Word) || is_possessive(w) {
            break;
        }
        let role = lexicon::is_role(w) && lexicon::honorific(w).is_none();
        let modifier = lexicon::is_role_modifier(w);
        let cap = w.chars().next().is_some_and(char::is_uppercase) && !lexicon::is_function_word(w);
        let of = w == "of" && t > 0 && lexicon::is_role(c.w(t - 1)) && i < start;
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
    let mut text = c
        .doc
        .text(range)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if c.w(last + 1) == "." && last + 1 < start {
        text.push('.');
    }
    Some((text, range))
}

fn title_word(c: &Ctx<'_>, t: usize) -> bool {
    let w = c.w(t);
    lexicon::is_role(w)
        || lexicon::is_role_modifier(w)
        || w.chars().next().is_some_and(char::is_uppercase)
}

/// An appositive title after the name: ", the national security adviser", ", executive director of …".
fn title_after(c: &Ctx<'_>, end: usize) -> Option<(String, TextRange)> {
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
        if lexicon::is_role(w) && lexicon::honorific(w).is_none() {
            last_role = Some(i);
        } else if !(lexicon::is_role_modifier(w)
            || w.chars().next().is_some_and(char::is_uppercase)
            // "the Charlotte-Mecklenburg police chief": a plain noun before the role word.
            || (!lexicon::is_function_word(w)
                && lexicon::speech_verb(w).is_none()
                && !is_possessive(w)
                && lexicon::is_role(c.w(i + 1))))
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
    let capitalised_bases: HashSet<&str> = doc
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && t.is_capitalised(&doc.prose))
        .map(|t| lexicon::strip_possessive(word(doc, t)))
        .collect();
    let capitalised: HashSet<String> = capitalised_bases
        .into_iter()
        .filter(|w| nameable(w))
        .map(str::to_lowercase)
        .collect();
    let bit = |w: &[u8]| -> usize {
        let b0 = usize::from(w.first().copied().unwrap_or(0));
        let b1 = usize::from(w.get(1).copied().unwrap_or(0));
        ((b0 << 8) | b1) ^ ((w.len() & 15) << 12)
    };
    let mut bitmap = vec![0u64; 1024];
    for w in &capitalised {
        let k = bit(w.as_bytes()) & 0xffff;
        bitmap[k >> 6] |= 1 << (k & 63);
    }
    let lower_words: HashSet<&str> = doc
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| word(doc, t))
        .filter(|w| {
            let k = bit(w.as_bytes()) & 0xffff;
            bitmap[k >> 6] & (1 << (k & 63)) != 0
        })
        .filter(|w| w.as_bytes().first().is_some_and(u8::is_ascii_lowercase))
        .filter(|w| capitalised.contains(*w))
        .collect();
    for (si, s) in doc.sentences.iter().enumerate() {
        let heading = doc.is_heading(s.paragraph);
        candidates(
            doc,
            doc.sentence_tokens(si),
            heading,
            &lower_words,
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
    let mut variant_memo: HashMap<&str, Option<usize>> = HashMap::default();
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
            if ti > 0
                && word(doc, &doc.tokens[ti - 1]).eq_ignore_ascii_case("the")
                && lexicon::is_role(w)
            {
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
        if lexicon::is_role(base)
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
        if base.len() < 5 || !nameable(base) {
            continue;
        }
        let lc = lexicon::lower(base);
        // A rarer known surname can still be a misspelling ("Stoltenburg" is in the Census list);
        // a common one ("Clark", "Anderson") is a name of its own. A person the article
        // introduces under that spelling was matched exactly above.
        if lexicon::is_not_person_lc(&lc)
            || lexicon::first_name_lc(&lc).is_some()
            || lexicon::is_common_surname_lc(&lc)
            || lower_words.contains(lc.as_ref())
            || derived_place(&lc)
        {
            continue;
        }
        // A misspelling stands where a surname stands: not inside a longer capitalised name
        // ("American Beauty", "Ioannis Karmis"), not in a heading.
        let prev = ti.checked_sub(1).map(|p| word(doc, &doc.tokens[p]));
        let next = doc.tokens.get(ti + 1).map(|n| word(doc, n));
        let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let prev_ok = prev.is_none_or(|p| {
            !cap(p)
                || lexicon::honorific(p).is_some()
                || lexicon::is_role(p)
                || lexicon::is_function_word(p)
        });
        let next_ok = next.is_none_or(|n| !cap(n) || is_possessive(base));
        let in_heading = doc
            .paragraph_at(t.range.start)
            .is_some_and(|pi| doc.is_heading(pi));
        if !prev_ok || !next_ok || in_heading {
            // "Jens Stoltenburg" (the person's own first name before it) is handled in pass 1.
            continue;
        }
        {
            // The same word recurs: look each one up once.
            let hit = *variant_memo.entry(base).or_insert_with(|| {
                let hits: Vec<usize> = variants
                    .candidates(base)
                    .into_iter()
                    .filter(|&p| {
                        drafts[p].strong && is_variant(&drafts[p].surname, base)
                            || drafts[p].aliases.iter().any(|a| is_variant(a, base))
                    })
                    .collect();
                (hits.len() == 1).then(|| hits[0])
            });
            // In a five-letter word one changed letter is as likely another word ("Games
            // consoles" near "Gates"): only when a speech verb follows ("Wines believes").
            let hit = hit.filter(|&p| {
                let s = &drafts[p].surname;
                !(base.chars().count() == 5 && s.len() == base.len())
                    || next.is_some_and(|n| lexicon::speech_verb(n).is_some())
            });
            let hits: Vec<usize> = hit.into_iter().collect();
            if hits.len() == 1 {
                extra.push(Mention {
                    range,
                    person: hits[0],
                    kind: MentionKind::Surname,
                    variant: true,
                });
                recent[hits[0]] = t.range.start;
            }
        }
    }
    mentions.extend(extra);
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
    if cand.first.is_none() && lexicon::is_surname(&cand.surname) {
        return None;
    }
    // A surname introduced with its own title ("President Obama" near "Osama bin Laden") is
    // someone else, not a misspelling.
    if cand.first.is_none() && cand.title.is_some() {
        return None;
    }
    let hits: Vec<usize> = variants
        .candidates(&cand.surname)
        .into_iter()
        .filter(|&i| {
            let d = &drafts[i];
            is_variant(&d.surname, &cand.surname)
                && match (&cand.first, &d.first) {
                    (Some(a), Some(b)) => a == b,
                    (None, _) => true,
                    (Some(_), None) => true,
                }
        })
        .collect();
    (hits.len() == 1).then(|| hits[0])
}
