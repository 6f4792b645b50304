//! The one place where UTF-8 byte offsets meet LSP positions.
//!
//! The analysis speaks UTF-8 byte offsets; the protocol speaks `(line, character)` where `character`
//! counts UTF-8, UTF-16 or UTF-32 code units, as negotiated. Lines end at `\n`, `\r\n` or a lone
//! `\r` (ropey is built with `cr_lines` and without `unicode_lines`, which is exactly the LSP set).
//!
//! Clamping (LSP 3.17): a `character` past the end of its line means the end of the line (before
//! the line break); a `line` past the last line means the end of the text. A `character` that
//! points *inside* a character (between the two halves of a UTF-16 surrogate pair, or inside a
//! multi-byte UTF-8 sequence) is an error for edits ([`to_offset`]) and rounds down for queries
//! ([`to_offset_lenient`]).
//!
//! Every ropey call of the server lives in this module and in `documents.rs`.

use ropey::{Rope, RopeSlice};
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use crate::analysis::TextRange;

/// The negotiated position encoding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    pub fn from_kind(kind: &PositionEncodingKind) -> Option<Encoding> {
        match kind.as_str() {
            "utf-8" => Some(Encoding::Utf8),
            "utf-16" => Some(Encoding::Utf16),
            "utf-32" => Some(Encoding::Utf32),
            _ => None,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// The client's most preferred encoding that we support; UTF-16 (mandatory) otherwise.
    pub fn negotiate(client: Option<&[PositionEncodingKind]>) -> Encoding {
        client
            .unwrap_or(&[])
            .iter()
            .find_map(Encoding::from_kind)
            .unwrap_or_default()
    }
}

/// A position that points inside a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InsideChar;

/// Length in bytes of the line break ending `line` (0 for the last line).
fn terminator_len(line: RopeSlice<'_>) -> usize {
    let n = line.len_bytes();
    if n == 0 {
        return 0;
    }
    match line.byte(n - 1) {
        b'\n' if n >= 2 && line.byte(n - 2) == b'\r' => 2,
        b'\n' | b'\r' => 1,
        _ => 0,
    }
}

/// Byte range of line `l` without its line break. `l` must be a valid line index.
fn line_content(rope: &Rope, l: usize) -> (usize, usize) {
    let start = rope.line_to_byte(l);
    let line = rope.line(l);
    (start, start + line.len_bytes() - terminator_len(line))
}

fn resolve(rope: &Rope, pos: Position, enc: Encoding, lenient: bool) -> Result<usize, InsideChar> {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return Ok(rope.len_bytes());
    }
    let (start, end) = line_content(rope, line);
    let col = pos.character as usize;
    match enc {
        Encoding::Utf8 => {
            let target = start.saturating_add(col).min(end);
            let ch = rope.byte_to_char(target);
            let on_boundary = rope.char_to_byte(ch);
            if on_boundary == target || lenient {
                Ok(on_boundary)
            } else {
                Err(InsideChar)
            }
        }
        Encoding::Utf16 => {
            let start_cu = rope.char_to_utf16_cu(rope.byte_to_char(start));
            let end_cu = rope.char_to_utf16_cu(rope.byte_to_char(end));
            let target = start_cu.saturating_add(col).min(end_cu);
            let ch = rope.utf16_cu_to_char(target);
            if rope.char_to_utf16_cu(ch) == target || lenient {
                Ok(rope.char_to_byte(ch))
            } else {
                Err(InsideChar)
            }
        }
        Encoding::Utf32 => {
            let start_ch = rope.byte_to_char(start);
            let end_ch = rope.byte_to_char(end);
            Ok(rope.char_to_byte(start_ch.saturating_add(col).min(end_ch)))
        }
    }
}

/// The byte offset of `pos`, clamped as the protocol says; an error when `pos` points inside a
/// character. Used for edits, where such a position means client and server disagree.
pub fn to_offset(rope: &Rope, pos: Position, enc: Encoding) -> Result<usize, InsideChar> {
    resolve(rope, pos, enc, false)
}

/// The byte offset of `pos`, clamped, rounding down inside a character. Used for queries.
pub fn to_offset_lenient(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    resolve(rope, pos, enc, true).unwrap_or(0)
}

/// The position of byte `offset` (clamped to the text, rounded down to a char boundary).
pub fn to_position(rope: &Rope, offset: usize, enc: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let ch = rope.byte_to_char(offset);
    let line = rope.char_to_line(ch);
    let character = match enc {
        Encoding::Utf8 => rope.char_to_byte(ch) - rope.line_to_byte(line),
        Encoding::Utf16 => {
            rope.char_to_utf16_cu(ch) - rope.char_to_utf16_cu(rope.line_to_char(line))
        }
        Encoding::Utf32 => ch - rope.line_to_char(line),
    };
    Position::new(saturate(line), saturate(character))
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The LSP range of a byte range.
pub fn to_range(rope: &Rope, range: TextRange, enc: Encoding) -> Range {
    Range::new(
        to_position(rope, range.start, enc),
        to_position(rope, range.end.max(range.start), enc),
    )
}

/// The byte range of an LSP range for an edit: an error when either end points inside a
/// character or the range is reversed.
pub fn to_text_range(rope: &Rope, range: Range, enc: Encoding) -> Result<TextRange, InsideChar> {
    let start = to_offset(rope, range.start, enc)?;
    let end = to_offset(rope, range.end, enc)?;
    if start > end {
        return Err(InsideChar);
    }
    Ok(TextRange::new(start, end))
}

/// The byte range of `line` without its line break, or `None` past the last line.
pub fn line_range(rope: &Rope, line: usize) -> Option<TextRange> {
    (line < rope.len_lines()).then(|| {
        let (s, e) = line_content(rope, line);
        TextRange::new(s, e)
    })
}

/// The line break used at the end of `line` ("\n" when the line has none).
pub fn line_break(rope: &Rope, line: usize) -> &'static str {
    if line >= rope.len_lines() {
        return "\n";
    }
    let l = rope.line(line);
    match terminator_len(l) {
        2 => "\r\n",
        1 if l.byte(l.len_bytes() - 1) == b'\r' => "\r",
        _ => "\n",
    }
}

/// The line holding byte `offset`.
pub fn line_of(rope: &Rope, offset: usize) -> usize {
    rope.byte_to_line(offset.min(rope.len_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reference implementation on `&str`, written independently of ropey.
    fn naive_lines(text: &str) -> Vec<(usize, usize)> {
        // (content start, content end) per line
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\r' && i + 1 < b.len() && b[i + 1] == b'\n' {
                out.push((start, i));
                i += 2;
                start = i;
            } else if b[i] == b'\n' || b[i] == b'\r' {
                out.push((start, i));
                i += 1;
                start = i;
            } else {
                i += 1;
            }
        }
        out.push((start, b.len()));
        out
    }

    fn units(s: &str, enc: Encoding) -> usize {
        match enc {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 => s.encode_utf16().count(),
            Encoding::Utf32 => s.chars().count(),
        }
    }

    fn naive_position(text: &str, offset: usize, enc: Encoding) -> Position {
        let lines = naive_lines(text);
        let l = lines.iter().rposition(|&(s, _)| s <= offset).unwrap_or(0);
        let (s, _) = lines[l];
        Position::new(l as u32, units(&text[s..offset], enc) as u32)
    }

    const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a", "Z", " ", "é", "e\u{301}", "😀", "👍🏽", "中", "文", "“", "”", "—", "’", "\n",
            "\r\n", "\r", "\r\r\n", "\n\r",
        ])
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn round_trips_in_every_encoding(t in text()) {
            let rope = Rope::from_str(&t);
            for enc in ENCODINGS {
                for (b, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
                    let pos = to_position(&rope, b, enc);
                    prop_assert_eq!(pos, naive_position(&t, b, enc), "offset {} {:?}", b, enc);
                    // The byte between `\r` and `\n` is not a position of its own.
                    let inside_crlf = b > 0 && t.as_bytes()[b - 1] == b'\r' && t.as_bytes().get(b) == Some(&b'\n');
                    if !inside_crlf {
                        prop_assert_eq!(to_offset(&rope, pos, enc), Ok(b));
                    }
                }
            }
        }

        #[test]
        fn positions_past_the_end_clamp(t in text(), line in 0u32..60, col in 0u32..200) {
            let rope = Rope::from_str(&t);
            let lines = naive_lines(&t);
            for enc in ENCODINGS {
                let got = to_offset_lenient(&rope, Position::new(line, col), enc);
                prop_assert!(t.is_char_boundary(got));
                match lines.get(line as usize) {
                    None => prop_assert_eq!(got, t.len()),
                    Some(&(s, e)) => {
                        prop_assert!(s <= got && got <= e);
                        if col as usize >= units(&t[s..e], enc) {
                            prop_assert_eq!(got, e);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn emoji_and_curly_quotes_in_utf16() {
        let t = "“Go 😀 now,” she said — 中文.\r\nNext";
        let rope = Rope::from_str(t);
        let said = t.find("said").unwrap();
        assert_eq!(
            to_position(&rope, said, Encoding::Utf16),
            Position::new(0, 17)
        );
        assert_eq!(
            to_position(&rope, said, Encoding::Utf8),
            Position::new(0, said as u32)
        );
        assert_eq!(
            to_position(&rope, said, Encoding::Utf32),
            Position::new(0, 16)
        );
        let next = t.find("Next").unwrap();
        assert_eq!(
            to_position(&rope, next, Encoding::Utf16),
            Position::new(1, 0)
        );
        // Inside the surrogate pair of 😀 (UTF-16 columns 4 and 5).
        assert_eq!(
            to_offset(&rope, Position::new(0, 5), Encoding::Utf16),
            Err(InsideChar)
        );
        assert_eq!(
            to_offset_lenient(&rope, Position::new(0, 5), Encoding::Utf16),
            t.find('😀').unwrap()
        );
        // Past the end of line 0: before the CRLF.
        assert_eq!(
            to_offset(&rope, Position::new(0, 999), Encoding::Utf16),
            Ok(t.find('\r').unwrap())
        );
        assert_eq!(
            to_offset(&rope, Position::new(9, 0), Encoding::Utf16),
            Ok(t.len())
        );
        assert_eq!(line_break(&rope, 0), "\r\n");
    }

    #[test]
    fn negotiation_prefers_the_clients_first_supported_choice() {
        let k = |s: &'static str| PositionEncodingKind::new(s);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[k("utf-8"), k("utf-16")])),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&[k("utf-7"), k("utf-32")])),
            Encoding::Utf32
        );
        assert_eq!(Encoding::negotiate(Some(&[k("latin-1")])), Encoding::Utf16);
    }
}
