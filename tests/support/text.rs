//! Texts for tests: the tests' own line arithmetic, independent of the crate's (`cli/lines.rs`,
//! `lsp/convert.rs`), so that a test checks positions against a second implementation; and large
//! invented articles.

/// (start, end-of-content) byte offsets of each line; breaks are `\n`, `\r\n`, `\r`.
pub fn lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let brk = match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
            b'\r' | b'\n' => 1,
            _ => 0,
        };
        if brk > 0 {
            out.push((start, i));
            i += brk;
            start = i;
        } else {
            i += 1;
        }
    }
    out.push((start, b.len()));
    out
}

/// The 1-based line and 1-based column (in characters) of byte `offset` of `text`, lines broken
/// at `\n`, `\r\n` and `\r` as the CLI and the server count them.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let ls = lines(text);
    // The last line starting at or before `offset`.
    let i = ls
        .partition_point(|&(start, _)| start <= offset)
        .saturating_sub(1);
    let start = ls.get(i).map_or(0, |&(s, _)| s);
    let col = text.get(start..offset).map_or(0, |s| s.chars().count());
    (i + 1, col + 1)
}

/// An invented article of about `mb` megabytes: one paragraph repeated, then an unclosed quote
/// (one ATT006 finding at the end).
pub fn big_article(mb: usize) -> String {
    let para = "The council voted 7-2 on Tuesday to approve the budget, officials said. \
                Residents questioned the cost at a meeting that ran past 10 p.m.\n\n";
    let mut big = String::with_capacity(mb << 20);
    while big.len() < mb << 20 {
        big.push_str(para);
    }
    big.push_str("Finally the mayor said \"this is not over.\n");
    big
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "ab\ncd\r\néf\rg";
        assert_eq!(lines(text), [(0, 2), (3, 5), (7, 10), (11, 12)]);
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 4), (2, 2));
        assert_eq!(line_col(text, 9), (3, 2));
        assert_eq!(line_col(text, 11), (4, 1));
        assert_eq!(line_col(text, 99), (4, 2));
    }
}
