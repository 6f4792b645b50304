//! Words, numbers and punctuation with byte ranges.

use super::range::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with internal apostrophes, hyphens and abbreviation periods ("Russia's",
    /// "secretary-general", "U.S.").
    Word,
    /// Digits with internal `,` / `.` separators ("1,500", "2.5", "28th" is Word+suffix: see
    /// [`Token::is_ordinal`]).
    Number,
    /// Any other non-space character, one per token.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub range: TextRange,
    pub kind: TokenKind,
}

impl Token {
    pub fn text(self, prose: &str) -> &str {
        self.range.slice(prose)
    }

    /// Starts with an upper-case letter.
    pub fn is_capitalised(self, prose: &str) -> bool {
        self.kind == TokenKind::Word
            && self
                .text(prose)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‑'
}

/// The character at byte `at` of `text` (on a boundary) and its length; ASCII without decoding.
#[inline]
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(at)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Appends the tokens of `range` in `prose` to `out`.
pub fn tokenize(prose: &str, range: TextRange, out: &mut Vec<Token>) {
    let Some(text) = prose.get(range.start..range.end) else {
        return;
    };
    let base = range.start;
    // Byte offsets, always on character boundaries.
    let mut p = 0;
    while let Some((c, len)) = char_at(text, p) {
        let i = p;
        p += len;
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphabetic() {
            let mut end = p;
            while let Some((d, dlen)) = char_at(text, p) {
                let j = p;
                if d.is_alphanumeric() {
                    p += dlen;
                    end = p;
                    continue;
                }
                // Internal apostrophe, hyphen or abbreviation period: keep it when a letter follows
                // ("Russia's", "anti-tank"), or for a period after a single letter ("U.S.").
                if is_apostrophe(d) || is_hyphen(d) || d == '.' {
                    let next = char_at(text, j + dlen).map(|(n, _)| n);
                    if next.is_some_and(char::is_alphanumeric) {
                        if d == '.' && !single_letter_segment(text, i, j) {
                            break;
                        }
                        p += dlen;
                        end = p;
                        continue;
                    }
                    if d == '.' && single_letter_segment(text, i, j) && text[i..j].contains('.') {
                        // The final period of "U.S." belongs to the word.
                        end = j + 1;
                        p += dlen;
                    }
                }
                break;
            }
            out.push(Token {
                range: TextRange::new(base + i, base + end),
                kind: TokenKind::Word,
            });
        } else if c.is_ascii_digit() {
            let mut end = p;
            while let Some((d, dlen)) = char_at(text, p) {
                if d.is_ascii_digit() {
                    p += 1;
                    end = p;
                    continue;
                }
                if d == ',' || d == '.' {
                    let next = char_at(text, p + 1).map(|(n, _)| n);
                    if next.is_some_and(|n| n.is_ascii_digit()) {
                        p += dlen;
                        end = p;
                        continue;
                    }
                }
                break;
            }
            out.push(Token {
                range: TextRange::new(base + i, base + end),
                kind: TokenKind::Number,
            });
        } else {
            out.push(Token {
                range: TextRange::new(base + i, base + p),
                kind: TokenKind::Punct,
            });
        }
    }
}

/// Every token's lower-case form, computed once per document so that the passes and rules that
/// compare words case-insensitively do not lower-case (or allocate) per visit. Token `i`'s form is
/// exactly what `lexicon::lower` gives for its text: the text itself when it has no upper-case
/// character, else `str::to_lowercase` of it.
///
/// Stored as an ASCII-lower-cased copy of the prose (same byte offsets, one fast pass) plus the
/// few tokens whose full Unicode lower case differs from that copy, found from the non-ASCII
/// bytes of the prose.
#[derive(Clone, Debug, Default)]
pub struct LowerTokens {
    /// The prose with ASCII letters lower-cased.
    ascii: String,
    /// One bit a token: set when the token's form is in `unicode` rather than in `ascii`.
    odd: Vec<u64>,
    /// `(token index, form)` in token order, for the tokens with a bit in `odd`.
    unicode: Vec<(usize, String)>,
}

impl LowerTokens {
    pub fn new(prose: &str, tokens: &[Token]) -> LowerTokens {
        let ascii = prose.to_ascii_lowercase();
        let mut odd = vec![0u64; tokens.len().div_ceil(64)];
        let mut unicode = Vec::new();
        let bytes = prose.as_bytes();
        let mut at = 0;
        while let Some(rel) = bytes
            .get(at..)
            .and_then(|b| b.iter().position(|&c| c >= 0x80))
        {
            let pos = at + rel;
            // The token containing this byte, if any (tokens are sorted and disjoint).
            let i = tokens.partition_point(|t| t.range.end <= pos);
            match tokens.get(i).filter(|t| t.range.start <= pos) {
                Some(t) => {
                    let text = t.text(prose);
                    let form = crate::analysis::lexicon::lower(text);
                    if ascii.get(t.range.start..t.range.end) != Some(form.as_ref()) {
                        if let Some(w) = odd.get_mut(i / 64) {
                            *w |= 1 << (i % 64);
                        }
                        unicode.push((i, form.into_owned()));
                    }
                    at = t.range.end.max(pos + 1);
                }
                None => at = pos + 1,
            }
        }
        LowerTokens {
            ascii,
            odd,
            unicode,
        }
    }

    /// The lower-case form of token `i`, which is `t`.
    pub fn get(&self, i: usize, t: Token) -> &str {
        if self
            .odd
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
        {
            let k = self.unicode.partition_point(|e| e.0 < i);
            if let Some((_, form)) = self.unicode.get(k).filter(|e| e.0 == i) {
                return form;
            }
        }
        self.ascii.get(t.range.start..t.range.end).unwrap_or("")
    }
}

/// True when the word from `start` to the period at `dot` is an initialism segment ("U" in "U.S.").
fn single_letter_segment(text: &str, start: usize, dot: usize) -> bool {
    let seg = &text[start..dot];
    let last = seg.rsplit('.').next().unwrap_or(seg);
    last.chars().count() == 1 && last.chars().all(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(s, TextRange::new(0, s.len()), &mut out);
        out.iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn news_tokens() {
        assert_eq!(
            words("Russia’s U.S. Army sent 1,500 anti-tank missiles."),
            [
                "Russia’s",
                "U.S.",
                "Army",
                "sent",
                "1,500",
                "anti-tank",
                "missiles",
                "."
            ]
        );
        assert_eq!(
            words("He said: “No.”"),
            ["He", "said", ":", "“", "No", ".", "”"]
        );
        assert_eq!(words("2.5% of 10"), ["2.5", "%", "of", "10"]);
        assert_eq!(words("the ’90s"), ["the", "’", "90", "s"]);
    }
}
