//! Pass 1 of the people pass: capitalised name sequences in one sentence, confirmed by the
//! gazetteer or by context, with the title before or after them.

use super::memo::*;
use super::mentions::{nameable, word};
use crate::analysis::document::Document;
use crate::analysis::lexicon::{self, Gender};
use crate::analysis::range::TextRange;
use crate::analysis::tokens::{Token, TokenKind};

pub(super) struct Ctx<'a, 'l> {
    pub(super) doc: &'a Document,
    pub(super) toks: &'a [Token],
    pub(super) lex: &'l Lex<'a>,
}

impl<'a> Ctx<'a, '_> {
    pub(super) fn w(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| word(self.doc, t))
    }
    pub(super) fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }
}

/// A name found in pass 1.
pub(super) struct Candidate {
    pub(super) range: TextRange,
    pub(super) first: Option<String>,
    pub(super) surname: String,
    pub(super) full: String,
    pub(super) title: Option<(String, TextRange)>,
    pub(super) gender: Option<Gender>,
    /// The gender of the honorific before the name, if it has one.
    pub(super) said_gender: Option<Gender>,
    /// Strong evidence: title, honorific or a known first name.
    pub(super) strong: bool,
    /// Any evidence beyond a known surname: strong, or a speech verb or appositive title next to it.
    pub(super) confirmed: bool,
    /// Found in a headline, or inside a longer run of capitalised words: weak context.
    pub(super) heading: bool,
}

/// Pass 1 over one sentence's tokens.
pub(super) fn candidates<'a>(
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
pub(super) fn squash_spaces(s: &str) -> String {
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
pub(super) fn title_before(c: &Ctx<'_, '_>, start: usize) -> Option<(String, TextRange)> {
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

pub(super) fn title_word(c: &Ctx<'_, '_>, t: usize) -> bool {
    let w = c.w(t);
    c.lex.role(w) || c.lex.role_modifier(w) || w.chars().next().is_some_and(char::is_uppercase)
}

/// An appositive title after the name: ", the national security adviser", ", executive director of …".
pub(super) fn title_after(c: &Ctx<'_, '_>, end: usize) -> Option<(String, TextRange)> {
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
