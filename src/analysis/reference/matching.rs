//! What the article's people and figures are in the desk's reference sheet
//! ([`Reference`]): the matching the sheet rules (NUM009, PPL004, PPL005), `copydesk facts` and
//! hovers share. Which sheet entry a text names is decided here; whether the text agrees with
//! it is each rule's own logic.
//!
//! Matching is narrow on purpose. A figure counts a body's members only in the forms "the 300
//! members of <body>", "<body>'s 300 members" and "<body> has 300 members", where the noun is
//! one the sheet counts the body by and the body's name (or an alias, word for word, capitals
//! kept) stands alone: "300 members of the Duma's staff" or "the Duma committee's 12 members"
//! count something else.

use super::{Reference, SheetCount, SheetOffice, word_key};
use crate::analysis::date::Date;
use crate::analysis::document::Document;
use crate::analysis::lexicon;
use crate::analysis::numbers::{Figure, FigureKind, Figures};
use crate::analysis::people::{MentionKind, People, Person, surname_of};
use crate::analysis::range::TextRange;
use crate::analysis::tokens::TokenKind;

/// A figure that counts a body's members (seats…) as the sheet records them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyFigure {
    /// Index into `Figures::figures`.
    pub figure: usize,
    /// Index into `Reference::bodies`.
    pub body: usize,
    /// The noun the figure counts ("members"), lower case.
    pub noun: String,
    /// Where the body is named.
    pub body_range: TextRange,
    /// The figure's whole value.
    pub value: u64,
}

/// Words that may follow a body's name when it is the whole of what a figure counts in: the
/// end of a clause, a conjunction, a preposition, a relative pronoun or an auxiliary. A noun
/// ("the Duma committee", "the Duma staff") or a capitalised word makes the name part of
/// another name.
const AFTER_BODY: &[&str] = &[
    "and",
    "or",
    "but",
    "nor",
    "who",
    "which",
    "that",
    "whose",
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "by",
    "with",
    "as",
    "after",
    "before",
    "since",
    "over",
    "under",
    "during",
    "until",
    "against",
    "about",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "shall",
    "have",
    "has",
    "had",
    "did",
    "do",
    "does",
    "voted",
    "said",
    "says",
    "also",
    "when",
    "while",
    "if",
    "because",
    "this",
    "last",
    "next",
    "earlier",
    "later",
    "yesterday",
    "today",
];

fn word_at(doc: &Document, gi: usize) -> Option<(&str, bool)> {
    let t = doc.tokens.get(gi)?;
    Some((t.text(&doc.prose), t.is_capitalised(&doc.prose)))
}

/// Whether the token after a name or a counted noun ends the phrase (see [`AFTER_BODY`]).
fn phrase_ends(doc: &Document, gi: usize, end: usize) -> bool {
    if gi >= end {
        return true;
    }
    let Some(t) = doc.tokens.get(gi) else {
        return true;
    };
    match t.kind {
        TokenKind::Punct => !matches!(t.text(&doc.prose), "'" | "’" | "-" | "‑"),
        TokenKind::Number => false,
        TokenKind::Word => !t.is_capitalised(&doc.prose) && AFTER_BODY.contains(&doc.lower(gi)),
    }
}

/// The body named by the words from token `start` (before sentence end `end`), with the number
/// of tokens it covers. With `possessive`, the last word may carry "'s" and must end at `upto`.
fn body_from(
    doc: &Document,
    reference: &Reference,
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let (w, _) = word_at(doc, start)?;
    if !reference.starts_body(&word_key(w)) {
        return None;
    }
    let keys: Vec<(String, bool)> = (start..end.min(start + 12))
        .filter_map(|gi| word_at(doc, gi).map(|(w, c)| (word_key(w), c)))
        .collect();
    let words: Vec<(&str, bool)> = keys.iter().map(|(k, c)| (k.as_str(), *c)).collect();
    reference.body_at(&words)
}

/// The body whose name ends at token `last` with a possessive ("the Duma's"): the body and the
/// first token of its name.
fn body_before_possessive(
    doc: &Document,
    reference: &Reference,
    first_allowed: usize,
    last: usize,
) -> Option<(usize, usize)> {
    let (w, _) = word_at(doc, last)?;
    if !lexicon::is_possessive(w) {
        return None;
    }
    let stripped = word_key(lexicon::strip_possessive(w));
    for start in (first_allowed.max(last.saturating_sub(8))..=last).rev() {
        let mut keys: Vec<(String, bool)> = (start..last)
            .filter_map(|gi| word_at(doc, gi).map(|(w, c)| (word_key(w), c)))
            .collect();
        keys.push((stripped.clone(), word_at(doc, last)?.1));
        if !reference.starts_body(&keys[0].0) {
            continue;
        }
        let words: Vec<(&str, bool)> = keys.iter().map(|(k, c)| (k.as_str(), *c)).collect();
        if let Some((b, n)) = reference.body_at(&words)
            && n == words.len()
        {
            return Some((b, start));
        }
    }
    None
}

/// The figures that count a body of the sheet, in figure order.
pub fn body_figures(doc: &Document, figures: &Figures, reference: &Reference) -> Vec<BodyFigure> {
    let mut out = Vec::new();
    if reference.bodies().is_empty() {
        return out;
    }
    for (fi, f) in figures.figures.iter().enumerate() {
        if let Some(bf) = body_figure(doc, f, fi, reference) {
            out.push(bf);
        }
    }
    out
}

fn whole(f: &Figure) -> Option<u64> {
    if f.kind != FigureKind::Count || f.qualifier.is_some() || f.high.is_some() {
        return None;
    }
    let v = f.value?;
    (v.fract() == 0.0 && (0.0..1e12).contains(&v)).then_some(v as u64)
}

fn body_figure(doc: &Document, f: &Figure, fi: usize, reference: &Reference) -> Option<BodyFigure> {
    let value = whole(f)?;
    let s = doc.sentences.get(f.sentence)?;
    let (first, end) = (s.tokens.start, s.tokens.end);
    let (ft, fe) = (f.tokens.start, f.tokens.end);
    if fe - ft != 1 || ft <= first {
        return None;
    }
    let noun_tok = doc.tokens.get(fe).filter(|t| t.kind == TokenKind::Word)?;
    if noun_tok.is_capitalised(&doc.prose) {
        return None;
    }
    let noun = doc.lower(fe).to_string();
    let counted = |b: usize| reference.bodies()[b].counts.iter().any(|c| c.counts(&noun));
    let found = |body: usize, range: TextRange| BodyFigure {
        figure: fi,
        body,
        noun: noun.clone(),
        body_range: range,
        value,
    };
    let span = |a: usize, b: usize| -> Option<TextRange> {
        Some(doc.tokens.get(a)?.range.cover(doc.tokens.get(b - 1)?.range))
    };
    let before = doc.lower(ft - 1);
    // "the 300 members of (the) Russia's lower house of parliament —"
    if matches!(before, "the" | "all") && fe + 2 < end && matches!(doc.lower(fe + 1), "of" | "in") {
        let mut b = fe + 2;
        if doc.lower(b) == "the" {
            b += 1;
        }
        if let Some((body, n)) = body_from(doc, reference, b, end)
            && phrase_ends(doc, b + n, end)
            && counted(body)
        {
            return Some(found(body, span(b, b + n)?));
        }
        return None;
    }
    // The noun must end its phrase in the other forms ("the Duma's 300 members of staff").
    if !phrase_ends(doc, fe + 1, end) || doc.lower(fe + 1) == "of" {
        return None;
    }
    // "the Duma's 300 deputies"
    if let Some((body, start)) = body_before_possessive(doc, reference, first, ft - 1)
        && counted(body)
    {
        return Some(found(body, span(start, ft)?));
    }
    // "the Duma has 450 members", "the Duma, which has 450 members"
    if matches!(before, "has" | "had") && ft >= first + 2 {
        let mut last = ft - 2;
        if doc.lower(last) == "which"
            && last > first
            && doc.tokens[last - 1].kind == TokenKind::Punct
        {
            last = last.checked_sub(2)?;
        }
        for start in (first.max(last.saturating_sub(8))..=last).rev() {
            if let Some((body, n)) = body_from(doc, reference, start, last + 1)
                && start + n == last + 1
                && counted(body)
            {
                return Some(found(body, span(start, last + 1)?));
            }
        }
    }
    None
}

/// The counts of `body` by `noun` in force on `date`.
pub fn counts_in_force<'r>(
    reference: &'r Reference,
    body: usize,
    noun: &str,
    date: Date,
) -> Vec<&'r SheetCount> {
    reference
        .bodies()
        .get(body)
        .map(|b| {
            b.counts
                .iter()
                .filter(|c| c.counts(noun) && c.in_force_on(date))
                .collect()
        })
        .unwrap_or_default()
}

/// The sheet's entry for an article person: the one person whose name or alias is the article's
/// fullest name for them, else the one whose alias is their surname (when the article never
/// gives more). `None` when no entry or several match.
pub fn sheet_person(reference: &Reference, person: &Person) -> Option<usize> {
    if reference.people().is_empty() {
        return None;
    }
    match reference.people_named(&person.name) {
        [one] => Some(*one as usize),
        [] if !person.name.contains(' ') => None,
        [] => {
            // "Joe Biden" for a sheet that writes "Joseph R. Biden": same surname and first name.
            let first = person.name.split_whitespace().next()?;
            let cands = reference.people_named(surname_of(&person.name));
            let mut it = cands.iter().filter(|&&c| {
                let p = &reference.people()[c as usize];
                surname_of(&p.name).eq_ignore_ascii_case(surname_of(&person.name))
                    && p.name
                        .split_whitespace()
                        .next()
                        .is_some_and(|f| f.eq_ignore_ascii_case(first))
            });
            let one = it.next()?;
            it.next().is_none().then_some(*one as usize)
        }
        _ => None,
    }
}

/// Whether an article title describes the office at another time than the article's ("former
/// NATO Secretary-General", "President-elect"): such titles claim nothing about the date.
pub fn not_current(title: &str) -> bool {
    title
        .split(|c: char| c.is_whitespace() || c == '-')
        .any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "former"
                    | "ex"
                    | "then"
                    | "late"
                    | "outgoing"
                    | "incoming"
                    | "acting"
                    | "interim"
                    | "future"
                    | "elect"
                    | "designate"
                    | "nominee"
                    | "previous"
                    | "past"
            )
        })
}

/// Whether an office title names one office rather than a kind of office: it has a word that is
/// neither a role word nor a role modifier (a place or an organisation: "NATO
/// Secretary-General", "UK Prime Minister", "Lindby Mayor"). "President", "Prime Minister" or
/// "Chancellor" alone are held by many people at once, in many countries and companies.
pub fn specific(title: &str) -> bool {
    title
        .split(|c: char| c.is_whitespace() || c == '-' || c == '‑')
        .filter(|w| !w.is_empty())
        .any(|w| {
            let lc = w.to_lowercase();
            !matches!(lc.as_str(), "of" | "the" | "and" | "for" | "to")
                && !lexicon::is_role_lc(&lc)
                && !lexicon::is_role_modifier_lc(&lc)
        })
}

/// Whether the sentence around `at` is dated to another year than the article's ("in 1979,
/// Tory leader Margaret Thatcher …"): what it says of offices is about that time.
pub fn other_year(doc: &Document, figures: &Figures, at: TextRange, date: Date) -> bool {
    let Some(si) = doc.sentence_at(at.start) else {
        return false;
    };
    figures.in_sentence(si).iter().any(|f| match f.kind {
        FigureKind::Year => f.value.is_some_and(|y| y != f64::from(date.year)),
        FigureKind::Date => f.year_from_text && f.date.is_some_and(|d| d.year != date.year),
        _ => false,
    })
}

/// The sheet's terms of the office an article title names, as (sheet person, office).
pub fn office_terms<'r>(reference: &'r Reference, title: &str) -> Vec<(usize, &'r SheetOffice)> {
    reference
        .offices_titled(title)
        .iter()
        .filter_map(|&(p, o)| {
            let person = reference.people().get(p as usize)?;
            Some((p as usize, person.offices.get(o as usize)?))
        })
        .collect()
}

/// Whether an article person may be sheet person `sp` under another spelling: same surname,
/// or the surname is one of the entry's aliases.
pub fn may_be(reference: &Reference, person: &Person, sp: usize) -> bool {
    let Some(p) = reference.people().get(sp) else {
        return false;
    };
    let surname = surname_of(&person.name);
    surname_of(&p.name).eq_ignore_ascii_case(surname)
        || p.aliases
            .iter()
            .any(|a| surname_of(a).eq_ignore_ascii_case(surname))
}

/// An age written beside a person: "Stoltenberg, 62," (an appositive number), "Stoltenberg,
/// aged 62" or "62-year-old Stoltenberg". The person (index into `People::persons`) and the
/// stated age.
pub fn age_of(doc: &Document, people: &People, f: &Figure) -> Option<(usize, u64)> {
    let v = f.value?;
    if f.qualifier.is_some() || f.high.is_some() || v.fract() != 0.0 || !(1.0..=120.0).contains(&v)
    {
        return None;
    }
    let s = doc.sentences.get(f.sentence)?;
    let (first, end) = (s.tokens.start, s.tokens.end);
    let (ft, fe) = (f.tokens.start, f.tokens.end);
    let named = |gi: usize| -> Option<usize> {
        let t = doc.tokens.get(gi)?;
        let m = people.mention_at(t.range.start)?;
        (matches!(m.kind, MentionKind::FullName | MentionKind::Surname)
            && m.range.end == t.range.end)
            .then_some(m.person)
    };
    let is =
        |gi: usize, w: &str| gi < end && doc.tokens.get(gi).is_some_and(|_| doc.lower(gi) == w);
    let closes = |gi: usize| {
        gi >= end
            || doc.tokens.get(gi).is_some_and(|t| {
                t.kind == TokenKind::Punct
                    && matches!(t.text(&doc.prose), "," | "." | ";" | ")" | "—" | "–")
            })
    };
    match f.kind {
        // "Stoltenberg, 62," — the number alone between commas (or closing the sentence).
        FigureKind::Count if fe == ft + 1 && ft >= first + 2 && is(ft - 1, ",") && closes(fe) => {
            Some((named(ft - 2)?, v as u64))
        }
        // "Stoltenberg, aged 62,"
        FigureKind::Age
            if ft >= first + 3 && is(ft - 1, "aged") && is(ft - 2, ",") && closes(fe) =>
        {
            Some((named(ft - 3)?, v as u64))
        }
        // "62-year-old Stoltenberg" (a title may sit between: "62-year-old NATO chief Jens Stoltenberg" is not read)
        FigureKind::Age
            if fe < end
                && doc
                    .tokens
                    .get(fe - 1)
                    .is_some_and(|t| t.kind == TokenKind::Word) =>
        {
            Some((named(fe)?, v as u64))
        }
        _ => None,
    }
}

/// Where an article's person or figure stands against the reference sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// In the sheet, and nothing the article says of it disagrees.
    Verified,
    /// In the sheet, and the article disagrees (a finding of NUM009, PPL004 or PPL005).
    Conflict,
    /// In the sheet, but the article has no date to check it on.
    NoDate,
    /// Not in the sheet: still to check by hand.
    NotInSheet,
}

impl Standing {
    /// A stable identifier (`copydesk facts` writes it).
    pub const fn as_str(self) -> &'static str {
        match self {
            Standing::Verified => "verified",
            Standing::Conflict => "conflict",
            Standing::NoDate => "no-date",
            Standing::NotInSheet => "not-in-sheet",
        }
    }
}

/// A person's or figure's standing and the sheet entry it was checked against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub standing: Standing,
    /// "State Duma: 450 members since 1993-12-12 (source: …; desk.toml:7)".
    pub entry: Option<String>,
}

/// Every person's and figure's standing against the sheet, in `People::persons` and
/// `Figures::figures` order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetStatus {
    pub persons: Vec<Checked>,
    pub figures: Vec<Checked>,
}

/// A sheet person's entry as one line: offices with their terms, birth date, note, source.
pub fn describe_person(reference: &Reference, sp: usize) -> String {
    let Some(p) = reference.people().get(sp) else {
        return String::new();
    };
    let mut parts = Vec::new();
    for o in &p.offices {
        parts.push(format!("{} {}", o.title, o.term()));
    }
    if let Some(b) = p.born {
        parts.push(format!("born {b}"));
    }
    if let Some(n) = &p.note {
        parts.push(n.clone());
    }
    let mut s = format!("{}: {}", p.name, parts.join("; "));
    match &p.source {
        Some(src) => s.push_str(&format!(" (source: {src}; {})", p.origin)),
        None => s.push_str(&format!(" ({})", p.origin)),
    }
    s
}

/// A body's count as one line: "State Duma: 450 members since 1993-12-12 (source: …; file:line)".
pub fn describe_count(reference: &Reference, body: usize, c: &SheetCount) -> String {
    let Some(b) = reference.bodies().get(body) else {
        return String::new();
    };
    let term = match (c.from, c.to) {
        (Some(f), Some(t)) => format!("from {f} to {t}"),
        (Some(f), None) => format!("since {f}"),
        (None, Some(t)) => format!("until {t}"),
        (None, None) => String::new(),
    };
    let src = b
        .source
        .as_deref()
        .map_or(String::new(), |s| format!("source: {s}; "));
    format!(
        "{}: {} {} {term} ({src}{})",
        b.name,
        c.value,
        c.nouns.first().map_or("", String::as_str),
        c.origin
    )
    .replace("  ", " ")
}

/// The checks against the sheet whose findings mark a conflict (each is one rule's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetCheck {
    /// A person given an office the sheet says they did not hold (PPL004).
    Office,
    /// A person's age against the sheet's birth date (PPL005).
    Age,
    /// A figure against a body's count (NUM009).
    Count,
}

/// The standing of every person and figure of an analysed article. `conflict_at` says whether
/// the article's findings of a check's rule cover a range (the sheet rules' findings mark the
/// conflicts; this layer sits below the rules and does not name them).
pub fn status(
    doc: &Document,
    people: &People,
    figures: &Figures,
    conflict_at: &dyn Fn(SheetCheck, TextRange) -> bool,
    reference: &Reference,
) -> SheetStatus {
    let date = figures.article_date;
    let mut out = SheetStatus::default();
    let ages: Vec<Option<(usize, u64)>> = figures
        .figures
        .iter()
        .map(|f| age_of(doc, people, f))
        .collect();
    for (pi, p) in people.persons.iter().enumerate() {
        let Some(sp) = sheet_person(reference, p) else {
            out.persons.push(Checked {
                standing: Standing::NotInSheet,
                entry: None,
            });
            continue;
        };
        let conflict = p
            .titles
            .iter()
            .any(|(_, r)| conflict_at(SheetCheck::Office, *r))
            || figures.figures.iter().zip(&ages).any(|(f, a)| {
                a.is_some_and(|(q, _)| q == pi) && conflict_at(SheetCheck::Age, f.range)
            });
        out.persons.push(Checked {
            standing: match (conflict, date) {
                (true, _) => Standing::Conflict,
                (false, None) => Standing::NoDate,
                (false, Some(_)) => Standing::Verified,
            },
            entry: Some(describe_person(reference, sp)),
        });
    }
    let bodies = body_figures(doc, figures, reference);
    for (fi, f) in figures.figures.iter().enumerate() {
        let checked = if let Some(bf) = bodies.iter().find(|b| b.figure == fi) {
            let in_force = date.map(|d| counts_in_force(reference, bf.body, &bf.noun, d));
            let entry = match in_force.as_ref().and_then(|c| c.first()) {
                Some(c) => describe_count(reference, bf.body, c),
                None => reference
                    .bodies()
                    .get(bf.body)
                    .map_or(String::new(), |b| format!("{} ({})", b.name, b.origin)),
            };
            Checked {
                standing: match in_force {
                    None => Standing::NoDate,
                    Some(c) if c.is_empty() => Standing::NotInSheet,
                    Some(_) if conflict_at(SheetCheck::Count, f.range) => Standing::Conflict,
                    Some(_) => Standing::Verified,
                },
                entry: Some(entry),
            }
        } else if let Some((pi, _)) = ages[fi]
            && let Some(sp) = people
                .persons
                .get(pi)
                .and_then(|p| sheet_person(reference, p))
                .filter(|&sp| reference.people()[sp].born.is_some())
        {
            Checked {
                standing: match date {
                    None => Standing::NoDate,
                    Some(_) if conflict_at(SheetCheck::Age, f.range) => Standing::Conflict,
                    Some(_) => Standing::Verified,
                },
                entry: Some(describe_person(reference, sp)),
            }
        } else {
            Checked {
                standing: Standing::NotInSheet,
                entry: None,
            }
        };
        out.figures.push(checked);
    }
    out
}
