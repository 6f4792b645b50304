//! Byte offsets to 1-based lines and columns (columns in Unicode scalar values), in linear time.

use serde::Serialize;

/// A 1-based line and column; the column counts Unicode scalar values (chars) from the line start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where every line starts. Built once per file with one `memchr` pass.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 60 + 1);
        starts.push(0);
        // `\n`, `\r\n` and a lone `\r` end a line, as the Language Server Protocol counts them, so
        // the CLI and the server agree on line numbers.
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// The end of 0-based `line`'s content: before its `\n` or lone `\r` (and a `\r` before a `\n`).
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        let mut end = self.starts.get(line + 1).map_or(self.len, |&next| next - 1);
        let start = self.line_start(line);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        end
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The positions of `offsets` (in the order given). Offsets are visited in sorted order and
    /// columns are counted from the previous offset on the same line, so the cost is linear in the
    /// text touched even on one very long line.
    pub fn positions(&self, text: &str, offsets: &[usize]) -> Vec<Position> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut out = vec![Position::default(); offsets.len()];
        // (line, offset, column) of the last resolved offset.
        let mut last: Option<(usize, usize, usize)> = None;
        for i in order {
            let offset = floor_char_boundary(text, offsets[i].min(text.len()));
            let line = self.line_of(offset);
            let (from, col0) = match last {
                Some((l, o, c)) if l == line && o <= offset => (o, c),
                _ => (self.line_start(line), 0),
            };
            let mut column = col0 + text.get(from..offset).map_or(0, |s| s.chars().count());
            // A byte order mark is not a column: editors hide it.
            if from == 0 && offset > 0 && text.starts_with('\u{feff}') {
                column -= 1;
            }
            last = Some((line, offset, column));
            out[i] = Position {
                line: line + 1,
                column: column + 1,
            };
        }
        out
    }
}

/// The largest char boundary at or before `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Code-point offsets of byte `offsets` (in the order given), in one pass over the text.
pub fn char_offsets(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![0; offsets.len()];
    let (mut byte, mut chars) = (0usize, 0usize);
    for i in order {
        let target = floor_char_boundary(text, offsets[i]);
        chars += text.get(byte..target).map_or(0, |s| s.chars().count());
        byte = target;
        out[i] = chars;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_and_lines() {
        let text = "ab\r\n“é” x\nlast";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        let l = text.find("last").unwrap();
        let p = idx.positions(text, &[x, 0, l, text.len(), 2]);
        assert_eq!(p[0], Position { line: 2, column: 5 });
        assert_eq!(p[1], Position { line: 1, column: 1 });
        assert_eq!(p[2], Position { line: 3, column: 1 });
        assert_eq!(p[3], Position { line: 3, column: 5 });
        assert_eq!(p[4], Position { line: 1, column: 3 });
        assert_eq!(idx.line_end(text, 0), 2);
        assert_eq!(&text[idx.line_start(1)..idx.line_end(text, 1)], "“é” x");
        assert_eq!(idx.line_end(text, 2), text.len());
    }

    /// Counts by hand: `\n` and a lone `\r` break lines; the `\r` of a `\r\n` is a column.
    fn naive(text: &str, offset: usize) -> Position {
        let (mut line, mut column) = (1, 1);
        for (i, c) in text[..offset].char_indices() {
            let lone_cr = c == '\r' && !text[i + 1..].starts_with('\n');
            if c == '\n' || lone_cr {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        Position { line, column }
    }

    #[test]
    fn lone_cr_breaks_lines_and_bom_is_no_column() {
        let text = "a\rb\r\nc";
        let idx = LineIndex::new(text);
        let p = idx.positions(text, &[2, 5]);
        assert_eq!(p[0], Position { line: 2, column: 1 });
        assert_eq!(p[1], Position { line: 3, column: 1 });
        let bom = "\u{feff}ab";
        let idx = LineIndex::new(bom);
        assert_eq!(idx.positions(bom, &[4])[0], Position { line: 1, column: 2 });
    }

    proptest::proptest! {
        #[test]
        fn positions_match_a_naive_count(
            text in "[a\n\r“é😀 ]{0,60}",
            picks in proptest::collection::vec(0usize..1000, 0..12),
        ) {
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let offsets: Vec<usize> = picks.iter().map(|p| boundaries[p % boundaries.len()]).collect();
            let idx = LineIndex::new(&text);
            let got = idx.positions(&text, &offsets);
            for (o, p) in offsets.iter().zip(&got) {
                proptest::prop_assert_eq!(*p, naive(&text, *o));
            }
            let chars = char_offsets(&text, &offsets);
            for (o, c) in offsets.iter().zip(&chars) {
                proptest::prop_assert_eq!(*c, text[..*o].chars().count());
            }
        }
    }

    #[test]
    fn char_offsets_are_code_points() {
        let text = "a“😀”b";
        let b = text.find('b').unwrap();
        assert_eq!(char_offsets(text, &[b, 0, 1]), vec![4, 0, 1]);
    }
}
