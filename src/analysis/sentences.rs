//! Sentence boundaries for news prose. A boundary is a terminator (`.`, `?`, `!`, `…`), any
//! closing quotes or brackets, whitespace, then something that can start a sentence. A period
//! after a news abbreviation ("Feb. 24", "Sen. Warren", "U.S. Army", "10 a.m. Belgium time",
//! "No. 3", "Jens J. Stoltenberg") is not a boundary, unless a common sentence opener follows
//! an abbreviation that can also end a sentence ("… in the U.S. The talks …").

use super::lexicon::abbreviations;
use super::range::TextRange;

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

fn is_opener_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«')
}

/// The word (letters and inner periods) that ends right before byte `dot` of `text`.
fn word_before(text: &str, dot: usize) -> &str {
    let head = &text[..dot];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// The word starting at byte `at` of `text` (letters only).
fn word_at(text: &str, at: usize) -> &str {
    let tail = &text[at..];
    let end = tail
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(tail.len(), |(i, _)| i);
    &tail[..end]
}

/// The character starting at byte `at` of `text`, if `at` is inside it (and on a boundary).
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|t| t.chars().next())
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…')
}

/// The byte offset of the next terminator at or after `from`: a byte scan, since every
/// terminator but `…` is ASCII and `…` starts with a byte (0xE2) that is only ever a lead byte.
fn next_terminator(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut p = from;
    while let Some(rel) = bytes
        .get(p..)?
        .iter()
        .position(|&b| matches!(b, b'.' | b'?' | b'!' | 0xE2))
    {
        let at = p + rel;
        if char_at(text, at).is_some_and(is_terminator) {
            return Some(at);
        }
        p = at + 1;
    }
    None
}

/// Splits `range` of `prose` (one paragraph) into trimmed sentence ranges, in order.
pub fn split(prose: &str, range: TextRange) -> Vec<TextRange> {
    let mut out = Vec::new();
    let Some(text) = prose.get(range.start..range.end) else {
        return out;
    };
    let base = range.start;
    let mut start = 0usize;
    // Byte offsets, always on character boundaries.
    let mut p = 0;
    while let Some(pos) = next_terminator(text, p) {
        let Some(c) = char_at(text, pos) else {
            break;
        };
        // Run of terminators, then closers.
        let mut j = pos + c.len_utf8();
        while let Some(d) = char_at(text, j).filter(|&d| is_terminator(d)) {
            j += d.len_utf8();
        }
        // Only closers (no second terminator) between this terminator and the whitespace.
        let single = j == pos + c.len_utf8();
        while let Some(d) = char_at(text, j).filter(|&d| is_closer(d)) {
            j += d.len_utf8();
        }
        let end = j;
        // Whitespace must follow.
        let mut k = j;
        while let Some(d) = char_at(text, k).filter(|d| d.is_whitespace()) {
            k += d.len_utf8();
        }
        if k == j && k < text.len() {
            p = j;
            continue;
        }
        let Some(next) = char_at(text, k) else {
            break; // the paragraph's end closes the last sentence
        };
        let next_pos = k;
        let next_starts = next.is_uppercase()
            || next.is_ascii_digit()
            || (is_opener_mark(next)
                && char_at(text, k + next.len_utf8())
                    .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || is_opener_mark(n)));
        let mut boundary = next_starts;
        if boundary && c == '.' && single {
            let word = word_before(text, pos);
            let lower = word.to_ascii_lowercase();
            let next_word = word_at(
                text,
                next_pos
                    + if is_opener_mark(next) {
                        next.len_utf8()
                    } else {
                        0
                    },
            );
            let opener = || abbreviations::is_opener(next_word);
            if word.is_empty() {
                // "… 1. The" or a lone period: a boundary.
            } else if abbreviations::is_title(&lower) {
                boundary = false;
            } else if abbreviations::is_month(&lower) {
                boundary = !next.is_ascii_digit() && opener();
            } else if abbreviations::may_end_sentence(&lower) {
                boundary = opener();
            } else if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
                // An initial ("Jens J. Stoltenberg"): never a boundary unless an opener follows.
                boundary = opener() && next_word != "I";
            } else if lower.contains('.') {
                // Other dotted initialisms ("N.A.T.O.", "U.S.A.").
                boundary = opener();
            }
        }
        if boundary {
            let r = trim(text, start, end);
            if r.0 < r.1 {
                out.push(TextRange::new(base + r.0, base + r.1));
            }
            start = next_pos;
            p = k;
        } else {
            p = j;
        }
    }
    let r = trim(text, start, text.len());
    if r.0 < r.1 {
        out.push(TextRange::new(base + r.0, base + r.1));
    }
    out
}

fn trim(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let t = &text[s..e];
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    s += lead;
    e -= trail;
    (s, e.max(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<&str> {
        split(s, TextRange::new(0, s.len()))
            .into_iter()
            .map(|r| r.slice(s))
            .collect()
    }

    #[test]
    fn news_abbreviations_do_not_split() {
        let one = [
            "The invasion began Feb. 24, 2022, and has not stopped.",
            "Biden arrived shortly before 10 a.m. Belgium time on Thursday.",
            "The U.S. Army sent more troops.",
            "Sen. Warren and Dr. Smith spoke to No. 3 in the queue.",
            "John F. Kennedy was president.",
            "He met Gov. Newsom in Sacramento, Calif. on Monday.",
            "“Why?” he asked.",
            "The vote was 12 vs. 3 in the end.",
        ];
        for s in one {
            assert_eq!(sents(s), [s], "split wrongly: {s}");
        }
    }

    #[test]
    fn real_boundaries_split() {
        assert_eq!(
            sents("He left. She stayed! Did they? Yes."),
            ["He left.", "She stayed!", "Did they?", "Yes."]
        );
        assert_eq!(
            sents(
                "“We need to do more,” he said. “There is a new sense of urgency.” Then he left."
            ),
            [
                "“We need to do more,” he said.",
                "“There is a new sense of urgency.”",
                "Then he left."
            ]
        );
        assert_eq!(
            sents("Troops arrived in the U.S. The talks began at 10 a.m. The end."),
            [
                "Troops arrived in the U.S.",
                "The talks began at 10 a.m.",
                "The end."
            ]
        );
        assert_eq!(
            sents("Prices rose 2.5% in 2004. Growth slowed."),
            ["Prices rose 2.5% in 2004.", "Growth slowed."]
        );
    }
}
