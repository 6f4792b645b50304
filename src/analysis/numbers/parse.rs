//! Figure parsing: one pass over each sentence's tokens, longest match first.

use super::ratio::Ratio;
use super::{Figure, FigureKind};
use crate::analysis::date::Date;
use crate::analysis::document::Document;
use crate::analysis::lexicon::{self, calendar};
use crate::analysis::range::TextRange;
use crate::analysis::tokens::TokenKind;

/// A token with its lower-cased text, for matching.
pub(crate) struct Tk<'a> {
    pub text: &'a str,
    pub lower: std::borrow::Cow<'a, str>,
    pub kind: TokenKind,
    pub range: TextRange,
    /// Index into `Document::tokens`.
    pub gi: usize,
}

impl Tk<'_> {
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    pub fn is_any(&self, ws: &[&str]) -> bool {
        ws.contains(&self.lower.as_ref())
    }
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    pub fn is_cap(&self) -> bool {
        self.kind == TokenKind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
    /// The word without a possessive ending ("Thursday’s" -> "thursday").
    pub fn stem(&self) -> &str {
        lexicon::strip_possessive(&self.lower)
    }
}

pub(crate) fn sentence_toks(doc: &Document, si: usize) -> Vec<Tk<'_>> {
    let Some(s) = doc.sentences.get(si) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(s.tokens.len());
    for gi in s.tokens.clone() {
        let Some(t) = doc.tokens.get(gi) else {
            continue;
        };
        let text = t.text(&doc.prose);
        // Word tokens read in lower case: an ASCII word's form comes from the document's cache;
        // any other word is lower-cased in full (`to_lowercase` also folds title-case letters).
        let lower = if t.kind != TokenKind::Word {
            std::borrow::Cow::Borrowed(text)
        } else if text.is_ascii() {
            std::borrow::Cow::Borrowed(doc.lower(gi))
        } else {
            std::borrow::Cow::Owned(text.to_lowercase())
        };
        out.push(Tk {
            text,
            lower,
            kind: t.kind,
            range: t.range,
            gi,
        });
    }
    out
}

/// Words that state a count without a figure: "both" (2) and the collective nouns "pair", "duo"
/// (2), "trio" (3), "quartet" (4).
pub(crate) const COUNT_WORDS: &[(&str, i128)] = &[
    ("both", 2),
    ("pair", 2),
    ("duo", 2),
    ("trio", 3),
    ("quartet", 4),
];

/// The count a word states without a figure ("both", "the trio"), if it is one.
pub(crate) fn count_word(t: &Tk<'_>) -> Option<i128> {
    COUNT_WORDS.iter().find(|(w, _)| t.is(w)).map(|&(_, n)| n)
}

pub(crate) fn adjacent(a: &Tk<'_>, b: &Tk<'_>) -> bool {
    a.range.end == b.range.start
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const ORDINALS: [&str; 20] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];
/// The value of a single number word ("seven", "twenty-one"), if it is one.
pub(crate) fn word_value(w: &str) -> Option<i128> {
    if w.len() < 3 || w.len() > 13 {
        return None;
    }
    let simple = |x: &str| -> Option<i128> {
        Some(match x {
            "zero" => 0,
            "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            _ => return None,
        })
    };
    if let Some(v) = simple(w) {
        return Some(v);
    }
    let (t, u) = w.split_once(['-', '‑'])?;
    let tv = simple(t).filter(|v| *v >= 20 && v % 10 == 0)?;
    let uv = simple(u).filter(|v| (1..=9).contains(v))?;
    Some(tv + uv)
}

/// The number word for 0..=99 ("four", "twenty-one").
pub(crate) fn number_word(n: i128) -> Option<String> {
    match n {
        0..=19 => Some(UNITS[n as usize].to_string()),
        20..=99 => {
            let t = TENS[(n / 10 - 2) as usize];
            Some(if n % 10 == 0 {
                t.to_string()
            } else {
                format!("{t}-{}", UNITS[(n % 10) as usize])
            })
        }
        _ => None,
    }
}

fn month_of(w: &str) -> Option<u8> {
    calendar::month_of(w.trim_end_matches('.'))
}

fn scale_of(w: &str) -> Option<i128> {
    match w {
        "thousand" | "k" => Some(1_000),
        "million" | "m" | "mn" | "millions" => Some(1_000_000),
        "billion" | "bn" | "b" | "billions" => Some(1_000_000_000),
        "trillion" | "tn" | "trn" => Some(1_000_000_000_000),
        _ => None,
    }
}

const HEDGES1: &[&str] = &[
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "some",
    "approximately",
    "approx",
    "over",
    "under",
    "estimated",
    "circa",
    "c",
    "perhaps",
    "possibly",
    "maybe",
    "below",
    "above",
    "only",
    "barely",
    "just",
    "near",
    "upwards",
];
const HEDGES2: &[(&str, &str)] = &[
    ("more", "than"),
    ("less", "than"),
    ("fewer", "than"),
    ("up", "to"),
    ("at", "least"),
    ("at", "most"),
    ("close", "to"),
    ("as", "many"),
    ("as", "much"),
    ("as", "few"),
    ("in", "excess"),
    ("upwards", "of"),
];

/// Words that end the noun phrase a figure counts.
/// Sorted (binary search; a test checks the order).
const NP_STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "already",
    "also",
    "although",
    "among",
    "an",
    "and",
    "are",
    "around",
    "as",
    "at",
    "away",
    "back",
    "be",
    "because",
    "been",
    "before",
    "began",
    "behind",
    "being",
    "below",
    "between",
    "beyond",
    "both",
    "bought",
    "brought",
    "built",
    "but",
    "by",
    "came",
    "can",
    "come",
    "comes",
    "could",
    "cut",
    "de",
    "did",
    "died",
    "do",
    "does",
    "down",
    "during",
    "each",
    "even",
    "face",
    "faced",
    "fell",
    "fewer",
    "for",
    "found",
    "from",
    "gave",
    "get",
    "gets",
    "go",
    "goes",
    "got",
    "grew",
    "had",
    "has",
    "have",
    "he",
    "held",
    "her",
    "here",
    "his",
    "hit",
    "how",
    "i",
    "if",
    "in",
    "include",
    "includes",
    "including",
    "injured",
    "inside",
    "into",
    "is",
    "it",
    "its",
    "just",
    "kept",
    "killed",
    "least",
    "led",
    "left",
    "less",
    "like",
    "lose",
    "lost",
    "made",
    "make",
    "makes",
    "may",
    "meet",
    "met",
    "might",
    "minus",
    "more",
    "most",
    "must",
    "near",
    "need",
    "needs",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "one",
    "only",
    "onto",
    "or",
    "our",
    "out",
    "outside",
    "over",
    "paid",
    "per",
    "plus",
    "put",
    "ran",
    "remain",
    "remained",
    "rose",
    "s",
    "said",
    "sat",
    "saw",
    "say",
    "says",
    "see",
    "sees",
    "set",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "sold",
    "spent",
    "still",
    "stood",
    "such",
    "take",
    "takes",
    "than",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thought",
    "through",
    "times",
    "to",
    "told",
    "took",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "via",
    "voted",
    "want",
    "wants",
    "was",
    "we",
    "went",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "win",
    "with",
    "within",
    "without",
    "won",
    "would",
    "wounded",
    "yet",
    "you",
    "your",
];

/// Leading modifiers that do not change what is counted.
const NP_SKIP_LEAD: &[&str] = &["new", "more", "other", "additional", "extra", "further"];

pub(crate) fn stop_word(t: &Tk<'_>) -> bool {
    if t.kind != TokenKind::Word {
        return true;
    }
    let w = t.lower.as_ref();
    NP_STOP.binary_search(&w).is_ok()
        || word_value(w).is_some()
        || month_of(w).is_some() && t.is_cap()
        || calendar::weekday_of(t.stem()).is_some()
        || (w.len() > 4 && (w.ends_with("ed") || w.ends_with("ly")))
}

/// The noun phrase a figure counts, starting at token `k`: up to five words, then any
/// "of <noun phrase>" continuations ("members of Russia's lower house of parliament").
/// Returns the phrase and the index after it.
pub(crate) fn counted_np(toks: &[Tk<'_>], mut k: usize) -> Option<(String, usize)> {
    while toks.get(k).is_some_and(|t| t.is_any(NP_SKIP_LEAD)) {
        k += 1;
    }
    let start = k;
    while k < toks.len() && k - start < 5 && !stop_word(&toks[k]) {
        k += 1;
    }
    if k == start {
        return None;
    }
    let mut end = k;
    // "of [the] X" continuations.
    while toks.get(end).is_some_and(|t| t.is("of")) {
        let mut j = end + 1;
        if toks.get(j).is_some_and(|t| t.is("the")) {
            j += 1;
        }
        let s2 = j;
        while j < toks.len() && j - s2 < 5 && !stop_word(&toks[j]) {
            j += 1;
        }
        if j == s2 {
            break;
        }
        end = j;
    }
    let mut s = String::new();
    for t in &toks[start..end] {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(t.text);
    }
    Some((s, end))
}

/// A number: numeral or words, with currency and scale.
#[derive(Clone, Debug)]
pub(super) struct Core {
    pub value: Ratio,
    /// One unit of the last written digit, after scaling ("1.2 million" -> 100,000).
    pub step: Ratio,
    /// Token indices (within the sentence) covered.
    pub start: usize,
    pub end: usize,
    pub currency: Option<&'static str>,
    pub scaled: bool,
    pub ordinal: bool,
    pub fraction: bool,
    pub words: bool,
    /// A plain four-digit numeral ("2022").
    pub plain4: bool,
    /// An adjacent unit glued to the numeral ("5km").
    pub unit: Option<String>,
}

fn currency_of(t: &Tk<'_>) -> Option<&'static str> {
    match t.text {
        "$" => Some("$"),
        "£" => Some("£"),
        "€" => Some("€"),
        "¥" => Some("¥"),
        _ => None,
    }
}

/// Parses the number starting at token `i`, if any.
pub(super) fn core(toks: &[Tk<'_>], i: usize) -> Option<Core> {
    let first = toks.get(i)?;
    let mut j = i;
    let mut currency = None;
    if let Some(c) = currency_of(first) {
        let next = toks.get(i + 1)?;
        if next.kind != TokenKind::Number || !adjacent(first, next) {
            return None;
        }
        currency = Some(c);
        // "US$": keep just "$".
        j = i + 1;
    }
    let t = toks.get(j)?;
    if t.kind == TokenKind::Number {
        // A numeral glued to a word before it ("G7", "A380", "F1") is a name, not a figure.
        if j > 0 && currency.is_none() {
            let prev = &toks[j - 1];
            if adjacent(prev, t) && (prev.is_word() || prev.text == "#" || prev.text == "/") {
                return None;
            }
            if adjacent(prev, t) && (prev.text == "." || prev.text == ":") {
                // "10.30", "3:1" fragments.
                return None;
            }
        }
        let (mut value, mut step) = Ratio::parse_numeral(t.text)?;
        let plain4 = t.text.len() == 4 && t.text.bytes().all(|b| b.is_ascii_digit());
        let mut end = j + 1;
        let mut ordinal = false;
        let mut scaled = false;
        let mut unit = None;
        if let Some(nx) = toks.get(end) {
            if adjacent(t, nx) && nx.is_word() {
                if nx.is_any(&["th", "st", "nd", "rd"]) && value.is_integer() {
                    ordinal = true;
                    end += 1;
                } else if let Some(sc) = scale_of(&nx.lower) {
                    value = value.times(Ratio::int(sc))?;
                    step = step.times(Ratio::int(sc))?;
                    scaled = true;
                    end += 1;
                } else if nx.is_any(&[
                    "km", "kg", "mph", "ft", "cm", "mm", "mw", "gw", "gb", "mb", "kw", "kph", "pc",
                    "lb", "lbs", "oz", "ml", "am", "pm", "a.m.", "p.m.", "sq", "p",
                ]) {
                    unit = Some(nx.lower.to_string());
                    end += 1;
                } else {
                    // "3D", "4G", "1990s", "V8".
                    return None;
                }
            } else if adjacent(t, nx) && nx.kind == TokenKind::Number {
                return None;
            }
        }
        if !scaled
            && let Some(nx) = toks.get(end)
            && let Some(sc) = scale_of(&nx.lower)
            && nx.lower.len() > 2
        {
            value = value.times(Ratio::int(sc))?;
            step = step.times(Ratio::int(sc))?;
            scaled = true;
            end += 1;
        }
        return Some(Core {
            value,
            step,
            start: i,
            end,
            currency,
            scaled,
            ordinal,
            fraction: false,
            words: false,
            plain4: plain4 && !scaled && unit.is_none() && currency.is_none(),
            unit,
        });
    }
    if currency.is_some() || t.kind != TokenKind::Word {
        return None;
    }
    word_core(toks, i)
}

fn word_core(toks: &[Tk<'_>], i: usize) -> Option<Core> {
    let t = toks.get(i)?;
    // Every number, fraction and ordinal word starts with one of these letters.
    if !matches!(
        t.lower.as_bytes().first(),
        Some(b'a' | b'e' | b'f' | b'h' | b'n' | b'o' | b's' | b't' | b'z')
    ) {
        return None;
    }
    let prev = i.checked_sub(1).and_then(|p| toks.get(p));
    // A capitalised number word inside a sentence is part of a name ("Radio Five Live").
    if t.is_cap() && prev.is_some_and(|p| p.is_word() || matches!(p.text, "," | ";" | "(")) {
        return None;
    }
    let next = toks.get(i + 1);
    let mk = |value: Ratio, end: usize, ordinal: bool, fraction: bool| Core {
        value,
        step: Ratio::ONE,
        start: i,
        end,
        currency: None,
        scaled: false,
        ordinal,
        fraction,
        words: true,
        plain4: false,
        unit: None,
    };
    let frac_ctx = |after: usize| {
        prev.is_some_and(|p| p.is("by")) || toks.get(after).is_some_and(|n| n.is("of"))
    };
    // Fractions: "half", "a third", "two-thirds", only as fractions ("by half", "half of").
    match t.lower.as_ref() {
        "half" if frac_ctx(i + 1) => return Some(mk(Ratio::new(1, 2)?, i + 1, false, true)),
        "a" | "one" => {
            if let Some(n) = next {
                let f = match n.lower.as_ref() {
                    "third" => Ratio::new(1, 3),
                    "quarter" => Ratio::new(1, 4),
                    "fifth" => Ratio::new(1, 5),
                    "half" => Ratio::new(1, 2),
                    _ => None,
                };
                if let Some(f) = f
                    && frac_ctx(i + 2)
                {
                    return Some(mk(f, i + 2, false, true));
                }
                if n.is("dozen") {
                    return Some(mk(Ratio::int(12), i + 2, false, false));
                }
            }
        }
        "two-thirds" | "three-quarters" | "one-third" | "one-quarter" | "one-half" => {
            let f = match t.lower.as_ref() {
                "two-thirds" => Ratio::new(2, 3),
                "three-quarters" => Ratio::new(3, 4),
                "one-third" => Ratio::new(1, 3),
                "one-quarter" => Ratio::new(1, 4),
                _ => Ratio::new(1, 2),
            };
            return Some(mk(f?, i + 1, false, true));
        }
        _ => {}
    }
    if (t.lower.ends_with("st")
        || t.lower.ends_with("nd")
        || t.lower.ends_with("rd")
        || t.lower.ends_with("th"))
        && let Some(o) = ORDINALS.iter().position(|w| *w == t.lower)
    {
        // "second" is also a unit of time: only after a determiner.
        if o == 1 && !prev.is_some_and(|p| p.is_any(&["the", "its", "his", "her", "their"])) {
            return None;
        }
        return Some(mk(Ratio::int(o as i128 + 1), i + 1, true, false));
    }
    // Cardinal words with hundred/thousand/million.
    let mut j = i;
    let mut total: i128 = 0;
    let mut current: i128 = 0;
    let mut any = false;
    if t.is("a") && next.is_some_and(|n| n.is_any(&["hundred", "thousand", "million", "billion"])) {
        current = 1;
        j += 1;
        any = true;
    }
    while let Some(w) = toks.get(j) {
        if let Some(v) = word_value(&w.lower) {
            if current % 100 != 0 && current != 0 && v < 100 && current >= 20 && v >= 10 {
                break;
            }
            current = current.checked_add(v)?;
            any = true;
        } else if w.is("hundred") && any {
            current = current.max(1).checked_mul(100)?;
        } else if let Some(sc) = scale_of(&w.lower).filter(|_| any && w.lower.len() > 2) {
            total = total.checked_add(current.max(1).checked_mul(sc)?)?;
            current = 0;
        } else if w.is("and")
            && any
            && current % 100 == 0
            && current > 0
            && toks
                .get(j + 1)
                .is_some_and(|n| word_value(&n.lower).is_some())
        {
            // "one hundred and twenty"
        } else {
            break;
        }
        j += 1;
    }
    if !any || j == i {
        return None;
    }
    // "one" as a pronoun: "no one", "the one", "one another".
    if t.is("one")
        && j == i + 1
        && (prev.is_some_and(|p| {
            p.is_any(&[
                "no", "any", "every", "some", "each", "the", "this", "that", "which",
            ])
        }) || next.is_some_and(|n| n.is_any(&["another", "day", "time", "way"])))
    {
        return None;
    }
    Some(mk(Ratio::int(total.checked_add(current)?), j, false, false))
}

/// The hedge before token `i` ("about", "more than"), if any.
pub(super) fn hedge_before(toks: &[Tk<'_>], i: usize) -> Option<&'static str> {
    if i >= 2 {
        let (a, b) = (&toks[i - 2], &toks[i - 1]);
        for (x, y) in HEDGES2 {
            if a.is(x) && b.is(y) {
                return Some(x);
            }
        }
    }
    if i >= 1 {
        let a = &toks[i - 1];
        if let Some(h) = HEDGES1.iter().find(|h| a.is(h)) {
            return Some(h);
        }
    }
    None
}

fn nearest_year(month: u8, day: u8, article: Option<Date>) -> Option<Date> {
    let a = article?;
    let mut best: Option<(i64, Date)> = None;
    for y in [a.year - 1, a.year, a.year + 1] {
        if let Some(d) = Date::new(y, month, day) {
            let dist = (d.days_since_epoch() - a.days_since_epoch()).abs();
            if best.is_none_or(|(bd, _)| dist < bd) {
                best = Some((dist, d));
            }
        }
    }
    best.map(|(_, d)| d)
}

fn new_figure(range: TextRange, kind: FigureKind, si: usize, gi: std::ops::Range<usize>) -> Figure {
    Figure {
        range,
        kind,
        value: None,
        high: None,
        date: None,
        value_text: String::new(),
        unit: None,
        counts: None,
        sentence: si,
        tokens: gi,
        exact: None,
        exact_high: None,
        step: None,
        qualifier: None,
        month_day: None,
        weekday: None,
        year_from_text: false,
        range_form: None,
    }
}

fn day_number(t: &Tk<'_>) -> Option<u8> {
    if t.kind != TokenKind::Number || t.text.len() > 2 {
        return None;
    }
    let d: u8 = t.text.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_number(t: &Tk<'_>) -> Option<i32> {
    if t.kind != TokenKind::Number || t.text.len() != 4 {
        return None;
    }
    let y: i32 = t.text.parse().ok()?;
    (1000..=2999).contains(&y).then_some(y)
}

/// Tries a calendar date at `i`: "Feb. 24", "March 24, 2022", "24 February 2022".
fn date_at(toks: &[Tk<'_>], i: usize) -> Option<(u8, u8, Option<i32>, usize)> {
    let t = toks.get(i)?;
    if t.is_cap()
        && let Some(m) = month_of(&t.lower)
    {
        let mut j = i + 1;
        let abbr = t.lower.len() <= 4 && t.lower != "june" && t.lower != "july";
        if abbr && toks.get(j).is_some_and(|p| p.text == ".") {
            j += 1;
        } else if abbr && t.lower != "may" && t.lower != "march" && t.lower != "april" {
            // "Feb 24" without a period is fine too; nothing to skip.
        }
        let d = day_number(toks.get(j)?)?;
        // "May 5" and "March 3" only as dates when the number is not followed by more digits.
        j += 1;
        if toks
            .get(j)
            .is_some_and(|s| s.is_any(&["th", "st", "nd", "rd"]) && adjacent(&toks[j - 1], s))
        {
            j += 1;
        }
        if toks.get(j).is_some_and(|c| c.text == ",")
            && let Some(y) = toks.get(j + 1).and_then(year_number)
        {
            return Some((m, d, Some(y), j + 2));
        }
        return Some((m, d, None, j));
    }
    if let Some(d) = day_number(t) {
        let mut j = i + 1;
        if toks
            .get(j)
            .is_some_and(|s| s.is_any(&["th", "st", "nd", "rd"]) && adjacent(t, s))
        {
            j += 1;
        }
        let mt = toks.get(j)?;
        if !mt.is_cap() {
            return None;
        }
        let m = month_of(&mt.lower)?;
        j += 1;
        if mt.lower.len() <= 4 && toks.get(j).is_some_and(|p| p.text == ".") {
            j += 1;
        }
        if let Some(y) = toks.get(j).and_then(year_number) {
            return Some((m, d, Some(y), j + 1));
        }
        return Some((m, d, None, j));
    }
    None
}

fn span(toks: &[Tk<'_>], a: usize, b: usize) -> (TextRange, std::ops::Range<usize>) {
    let r = TextRange::new(toks[a].range.start, toks[b - 1].range.end);
    (r, toks[a].gi..toks[b - 1].gi + 1)
}

const DURATION_UNITS: &[(&str, &str, i128)] = &[
    ("day", "days", 1),
    ("days", "days", 1),
    ("week", "days", 7),
    ("weeks", "days", 7),
    ("month", "months", 1),
    ("months", "months", 1),
    ("year", "years", 1),
    ("years", "years", 1),
    ("decade", "years", 10),
    ("decades", "years", 10),
    ("hour", "hours", 1),
    ("hours", "hours", 1),
    ("minute", "minutes", 1),
    ("minutes", "minutes", 1),
];

/// Parses every figure in sentence `si`.
pub(super) fn parse_sentence(
    toks: &[Tk<'_>],
    si: usize,
    article: Option<Date>,
    out: &mut Vec<Figure>,
) {
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // Most tokens cannot start a figure: a lower-case word whose first letter starts no
        // number word and is not "a", "an" or "between", or punctuation other than a currency
        // sign. Every branch below would reject them; skip them at once.
        let skip = match t.kind {
            TokenKind::Word => t.text.as_bytes().first().is_some_and(|&b| {
                b.is_ascii_lowercase()
                    && !matches!(
                        b,
                        b'a' | b'b' | b'e' | b'f' | b'h' | b'n' | b'o' | b's' | b't' | b'z'
                    )
            }),
            TokenKind::Punct => currency_of(t).is_none(),
            TokenKind::Number => false,
        };
        if skip {
            i += 1;
            continue;
        }
        // Weekdays.
        if t.is_cap()
            && let Some(w) = calendar::weekday_of(t.stem())
        {
            let (r, g) = span(toks, i, i + 1);
            let mut f = new_figure(r, FigureKind::Weekday, si, g);
            f.weekday = Some(w);
            f.value_text = calendar::weekday_name(w).to_string();
            out.push(f);
            i += 1;
            continue;
        }
        // Calendar dates.
        if let Some((m, d, y, end)) = date_at(toks, i)
            && (toks[i].kind == TokenKind::Word || end > i + 2 || toks[i].kind == TokenKind::Number)
        {
            let date = match y {
                Some(y) => Date::new(y, m, d),
                None => nearest_year(m, d, article),
            };
            if Date::new(y.unwrap_or(2000), m, d).is_some() {
                let (r, g) = span(toks, i, end);
                let mut f = new_figure(r, FigureKind::Date, si, g);
                f.month_day = Some((m, d));
                f.date = date;
                f.year_from_text = y.is_some();
                f.value_text = match date {
                    Some(dt) => dt.to_string(),
                    None => format!("--{m:02}-{d:02}"),
                };
                out.push(f);
                i = end;
                continue;
            }
        }
        // "a month after", "a fortnight later": a duration of one.
        if t.is_any(&["a", "an"])
            && let Some(u) = toks.get(i + 1)
            && let Some((unit, days)) = match u.lower.as_ref() {
                "day" => Some(("days", 1)),
                "week" => Some(("days", 7)),
                "fortnight" => Some(("days", 14)),
                "month" => Some(("months", 1)),
                "year" => Some(("years", 1)),
                _ => None,
            }
            && toks
                .get(i + 2)
                .is_some_and(|n| n.is_any(&["after", "before", "later", "earlier", "since"]))
        {
            let (r, g) = span(toks, i, i + 2);
            let mut f = new_figure(r, FigureKind::Duration, si, g);
            f.exact = Some(Ratio::int(days));
            f.value = Some(days as f64);
            f.step = Some(Ratio::ONE);
            f.unit = Some(unit.to_string());
            f.value_text = days.to_string();
            f.qualifier = hedge_before(toks, i);
            out.push(f);
            i += 2;
            continue;
        }
        // "between X and Y".
        if t.is("between")
            && let Some(lo) = core(toks, i + 1)
            && let lo_after = take_percent(toks, lo.end).unwrap_or(lo.end)
            && toks.get(lo_after).is_some_and(|a| a.is("and"))
            && let Some(hi) = core(toks, lo_after + 1)
            && !lo.ordinal
            && !hi.ordinal
        {
            let mut end = hi.end;
            let percent = take_percent(toks, end);
            if let Some(e) = percent {
                end = e;
            }
            let lo_pct = take_percent(toks, lo.end).is_some();
            // Times of day: "between 9 and 5 o'clock", "between 10am and 2pm".
            let time = toks.get(end).is_some_and(|n| {
                n.is_any(&[
                    "am", "pm", "a.m.", "p.m.", "o'clock", "gmt", "bst", "et", "hours", "hrs",
                ])
            }) || lo.unit.as_deref().is_some_and(|u| u == "am" || u == "pm")
                || hi.unit.as_deref().is_some_and(|u| u == "am" || u == "pm");
            let years = lo.plain4 && hi.plain4;
            if !time {
                let mut lo_v = lo.value;
                let mut lo_step = lo.step;
                // "between 1.5 and 2 million": the scale applies to both ends.
                if hi.scaled && !lo.scaled && lo.value.lt(Ratio::int(1000)) {
                    let sc = hi.value.over(core_unscaled(toks, &hi).unwrap_or(hi.value));
                    if let Some(sc) = sc {
                        lo_v = lo_v.times(sc).unwrap_or(lo_v);
                        lo_step = lo_step.times(sc).unwrap_or(lo_step);
                    }
                }
                let (r, g) = span(toks, i, end);
                let mut f = new_figure(r, FigureKind::Range, si, g);
                f.exact = Some(lo_v);
                f.exact_high = Some(hi.value);
                f.step = Some(lo_step);
                f.value = Some(lo_v.to_f64());
                f.high = Some(hi.value.to_f64());
                f.range_form = Some(if years { "between-years" } else { "between" });
                f.unit = hi
                    .currency
                    .map(str::to_string)
                    .or_else(|| (percent.is_some() || lo_pct).then(|| "%".to_string()));
                f.value_text = format!("{lo_v}–{}", hi.value);
                f.qualifier = hedge_before(toks, i);
                f.counts = counted_np(toks, end).map(|(s, _)| s);
                out.push(f);
                i = end;
                continue;
            }
        }
        let Some(c) = core(toks, i) else {
            i += 1;
            continue;
        };
        // Hyphen ranges "1,000-1,500", "£3m–£5m", "2%-3%".
        let lo_pct = toks
            .get(c.end)
            .filter(|p| p.text == "%" && adjacent(&toks[c.end - 1], p))
            .map(|_| c.end + 1);
        let dash_k = lo_pct.unwrap_or(c.end);
        if !c.ordinal
            && !c.fraction
            && !c.words
            && let Some(dash) = toks.get(dash_k)
            && (dash.text == "-" || dash.text == "–")
            && adjacent(&toks[dash_k - 1], dash)
            && let Some(hi) = toks
                .get(dash_k + 1)
                .filter(|n| adjacent(dash, n))
                .and_then(|_| core(toks, dash_k + 1))
            && !hi.ordinal
            && (c.currency.is_some()
                || hi.currency.is_some()
                || c.scaled
                || hi.scaled
                || lo_pct.is_some()
                || take_percent(toks, hi.end).is_some()
                || (c.plain4 && (hi.plain4 || toks[hi.start].text.len() == 2))
                || (Ratio::int(100).le(c.value) && Ratio::int(100).le(hi.value)))
        {
            // Small bare pairs ("won 3-1") are scores, not ranges: they stay two counts.
            let mut end = hi.end;
            let percent = take_percent(toks, end);
            if let Some(e) = percent {
                end = e;
            }
            let years = c.plain4 && (hi.plain4 || toks[hi.start].text.len() == 2);
            let (r, g) = span(toks, i, end);
            let mut f = new_figure(r, FigureKind::Range, si, g);
            f.exact = Some(c.value);
            f.exact_high = Some(hi.value);
            f.step = Some(c.step);
            f.value = Some(c.value.to_f64());
            f.high = Some(hi.value.to_f64());
            // Only a range with a unit or a currency is surely a range (not a score "3-1").
            let sure = c.currency.is_some()
                || hi.currency.is_some()
                || percent.is_some()
                || c.scaled
                || hi.scaled;
            f.range_form = Some(if years {
                "hyphen-years"
            } else if sure {
                "hyphen-unit"
            } else {
                "hyphen"
            });
            f.unit = hi
                .currency
                .or(c.currency)
                .map(str::to_string)
                .or_else(|| percent.map(|_| "%".to_string()));
            f.value_text = format!("{}–{}", c.value, hi.value);
            f.qualifier = hedge_before(toks, i);
            f.counts = counted_np(toks, end).map(|(s, _)| s);
            out.push(f);
            i = end;
            continue;
        }
        let (kind, end, unit, value, counts) = classify(toks, &c);
        let (r, g) = span(toks, i, end);
        let mut f = new_figure(r, kind, si, g);
        f.exact = Some(value);
        f.value = Some(value.to_f64());
        f.step = Some(c.step);
        f.unit = unit;
        f.counts = counts;
        f.qualifier = hedge_before(toks, i);
        f.value_text = match kind {
            FigureKind::Percent => format!("{value}%"),
            FigureKind::PercentagePoints => format!("{value} points"),
            FigureKind::Money => format!("{}{value}", c.currency.unwrap_or("")),
            FigureKind::Ordinal => format!("#{value}"),
            FigureKind::Fraction => format!("{}/{}", value.num, value.den),
            FigureKind::Year => value.num.to_string(),
            _ => value.to_string(),
        };
        out.push(f);
        i = end.max(i + 1);
    }
}

/// The unscaled written value of a scaled core (for "between 1.5 and 2 million").
fn core_unscaled(toks: &[Tk<'_>], c: &Core) -> Option<Ratio> {
    let start = if c.currency.is_some() {
        c.start + 1
    } else {
        c.start
    };
    Ratio::parse_numeral(toks.get(start)?.text).map(|(v, _)| v)
}

/// "%", "percent", "per cent" at `k`: the index after it.
fn take_percent(toks: &[Tk<'_>], k: usize) -> Option<usize> {
    let t = toks.get(k)?;
    if t.text == "%" || t.is("percent") || t.is("pc") {
        return Some(k + 1);
    }
    if t.is("per") && toks.get(k + 1).is_some_and(|n| n.is("cent")) {
        return Some(k + 2);
    }
    None
}

type Classified = (FigureKind, usize, Option<String>, Ratio, Option<String>);

fn classify(toks: &[Tk<'_>], c: &Core) -> Classified {
    let v = c.value;
    let end = c.end;
    if c.ordinal {
        return (
            FigureKind::Ordinal,
            end,
            None,
            v,
            counted_np(toks, end).map(|x| x.0),
        );
    }
    if c.fraction {
        return (FigureKind::Fraction, end, None, v, None);
    }
    if let Some(e) =
        take_percent(toks, end).or_else(|| (c.unit.as_deref() == Some("pc")).then_some(end))
    {
        if toks.get(e).is_some_and(|t| t.is("percentage"))
            && toks
                .get(e + 1)
                .is_some_and(|t| t.is_any(&["point", "points"]))
        {
            return (
                FigureKind::PercentagePoints,
                e + 2,
                Some("points".into()),
                v,
                None,
            );
        }
        return (FigureKind::Percent, e, Some("%".into()), v, None);
    }
    if toks.get(end).is_some_and(|t| t.is("percentage"))
        && toks
            .get(end + 1)
            .is_some_and(|t| t.is_any(&["point", "points"]))
    {
        return (
            FigureKind::PercentagePoints,
            end + 2,
            Some("points".into()),
            v,
            None,
        );
    }
    // Ages: "45-year-old", "45 years old", "aged 45".
    if let (Some(d), Some(y)) = (toks.get(end), toks.get(end + 1))
        && d.text == "-"
        && (y.lower.starts_with("year-old") || y.lower.starts_with("years-old"))
    {
        return (FigureKind::Age, end + 2, Some("years".into()), v, None);
    }
    if toks.get(end).is_some_and(|t| t.is("years"))
        && toks.get(end + 1).is_some_and(|t| t.is("old"))
    {
        return (FigureKind::Age, end + 2, Some("years".into()), v, None);
    }
    if c.start > 0 && toks[c.start - 1].is("aged") {
        return (FigureKind::Age, end, Some("years".into()), v, None);
    }
    if c.currency.is_none() && !c.ordinal {
        // Durations, also "a 28-day period".
        let (k, hy) = match toks.get(end) {
            Some(d) if d.text == "-" => (end + 1, true),
            _ => (end, false),
        };
        if let Some(u) = toks.get(k)
            && let Some((_, unit, mul)) = DURATION_UNITS.iter().find(|(w, _, _)| u.is(w))
            && (!hy || adjacent(&toks[end - 1], &toks[end]))
        {
            let val = v.times(Ratio::int(*mul)).unwrap_or(v);
            return (
                FigureKind::Duration,
                k + 1,
                Some((*unit).to_string()),
                val,
                None,
            );
        }
    }
    if let Some(cur) = c.currency {
        return (FigureKind::Money, end, Some(cur.to_string()), v, None);
    }
    let counts = counted_np(toks, end).map(|x| x.0);
    if c.plain4 && (1800..=2100).contains(&v.num) && v.is_integer() {
        // A year unless a counted plural noun follows ("2000 troops").
        let noun_follows = toks.get(end).is_some_and(|t| {
            t.is_word()
                && !t.is_cap()
                && t.lower.ends_with('s')
                && !stop_word(t)
                && t.lower.len() > 3
        });
        if !noun_follows {
            return (FigureKind::Year, end, None, v, None);
        }
    }
    if let Some(u) = &c.unit {
        return (FigureKind::Decimal, end, Some(u.clone()), v, None);
    }
    let kind = if v.is_integer() {
        FigureKind::Count
    } else {
        FigureKind::Decimal
    };
    (kind, end, None, v, counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_list_sorted() {
        assert!(NP_STOP.windows(2).all(|w| w[0] < w[1]));
    }

    fn figures_of(text: &str) -> Vec<(String, &'static str, String, Option<String>)> {
        use crate::analysis::{Config, SourceKind, analyze};
        let a = analyze(text, SourceKind::PlainText, &Config::default());
        a.figures
            .figures
            .iter()
            .map(|f| {
                (
                    f.range.slice(text).to_string(),
                    f.kind.as_str(),
                    f.value_text.clone(),
                    f.counts.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn issue_examples() {
        let got = figures_of(
            "Leaders agreed four new multinational battlegroups, numbering between 1,000 and \
             1,500 troops each. Penalties against the 300 members of Russia's lower house of \
             parliament were agreed. Aid rose 40 per cent to $3bn, £40m and €2.5 billion, and \
             1.2 million people, twenty-one towns and a dozen ships were hit, 5 percentage points \
             more. A 45-year-old man, aged 45, spoke on March 24, 2022, 24 February and \
             Thursday, in the first 28 days, after one month and three weeks, for the 28th time \
             since 2019, down by half.",
        );
        let has = |t: &str, k: &str, v: &str| {
            assert!(
                got.iter().any(|g| g.0 == t && g.1 == k && g.2 == v),
                "missing {t} {k} {v} in {got:?}"
            );
        };
        has("four", "count", "4");
        has("between 1,000 and 1,500", "range", "1,000–1,500");
        has("300", "count", "300");
        has("40 per cent", "percent", "40%");
        has("$3bn", "money", "$3,000,000,000");
        has("£40m", "money", "£40,000,000");
        has("€2.5 billion", "money", "€2,500,000,000");
        has("1.2 million", "count", "1,200,000");
        has("twenty-one", "count", "21");
        has("a dozen", "count", "12");
        has("5 percentage points", "percentage-points", "5 points");
        has("45-year-old", "age", "45");
        has("45", "age", "45");
        has("March 24, 2022", "date", "2022-03-24");
        has("24 February", "date", "--02-24");
        has("Thursday", "weekday", "Thursday");
        has("28 days", "duration", "28");
        has("one month", "duration", "1");
        has("three weeks", "duration", "21");
        has("28th", "ordinal", "#28");
        has("2019", "year", "2019");
        has("half", "fraction", "1/2");
        let counts = |t: &str| got.iter().find(|g| g.0 == t).and_then(|g| g.3.clone());
        assert_eq!(
            counts("four").as_deref(),
            Some("multinational battlegroups")
        );
        assert_eq!(counts("between 1,000 and 1,500").as_deref(), Some("troops"));
        assert_eq!(
            counts("300").as_deref(),
            Some("members of Russia's lower house of parliament")
        );
    }

    #[test]
    fn not_figures() {
        let got = figures_of("He won 3-1 on BBC Radio Five Live with a G7 deal and 3D films.");
        assert!(!got.iter().any(|g| g.1 == "range"), "{got:?}");
        assert!(
            !got.iter()
                .any(|g| g.0 == "Five" || g.0 == "7" || g.0 == "3D"),
            "{got:?}"
        );
    }

    #[test]
    fn number_words() {
        assert_eq!(word_value("twenty-one"), Some(21));
        assert_eq!(word_value("seven"), Some(7));
        assert_eq!(word_value("twenty-ten"), None);
        assert_eq!(number_word(21).as_deref(), Some("twenty-one"));
    }
}
