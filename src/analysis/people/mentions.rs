//! Finding people: capitalised name sequences confirmed by the gazetteer or by context (a title
//! or honorific before, an appositive title after, a speech verb next to them), then later
//! references by surname, by role ("the secretary-general") and misspelled surnames.

use crate::analysis::lexicon::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::memo::*;
use super::names::*;
use super::variants::*;
pub(super) use super::variants::{edit_distance, is_variant, other_gender};
use super::{Mention, MentionKind};
use crate::analysis::config::Config;
use crate::analysis::document::Document;
use crate::analysis::lexicon::{self, Gender};
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

pub(super) fn is_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
}

/// A capitalised word that may be part of a name.
pub(super) fn nameable(w: &str) -> bool {
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
                // A surname known so far without a first name takes the first name, unless an
                // honorific gave it the other sex ("Mr. Obama" is not "Michelle Obama").
                if let Some(&p) = ps.iter().find(|&&p| {
                    drafts[p].first.is_none()
                        && !other_gender(cand.said_gender.or(cand.gender), &drafts[p])
                }) {
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
