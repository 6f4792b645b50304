//! Quotation spans: curly and straight double quotes, single quotes nested inside them (not
//! apostrophes), news-style quotes that run over several paragraphs (an opening mark at each
//! paragraph, a closing mark only at the end), British-style single-quoted speech in paragraphs
//! that have no double quotes, and unbalanced marks (reported, never fatal).

use super::document::{Paragraph, Sentence};
use super::range::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteStyle {
    /// `“…”` or `"…"`.
    Double,
    /// `‘…’` or `'…'`.
    Single,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing mark, both included. An unclosed quote ends at the end
    /// of the paragraph where it was given up.
    pub range: TextRange,
    /// Between the marks (for a multi-paragraph quote, from the first opening mark to the last
    /// closing mark, the paragraph breaks and re-opening marks included).
    pub content: TextRange,
    pub style: QuoteStyle,
    pub closed: bool,
    /// The paragraphs the quote spans, as indices into `Document::paragraphs`.
    pub paragraphs: std::ops::Range<usize>,
    /// The sentence holding the opening mark (index into `Document::sentences`).
    pub sentence: usize,
    /// The sentence holding the closing mark (or the last sentence of an unclosed quote).
    pub end_sentence: usize,
    /// For a quote nested inside another, the outer quote's index into `Document::quotes`.
    pub parent: Option<usize>,
}

impl Quote {
    /// The quoted words without the marks (multi-paragraph quotes keep their inner marks).
    pub fn inner<'a>(&self, prose: &'a str) -> &'a str {
        self.content.slice(prose)
    }

    pub fn is_multi_paragraph(&self) -> bool {
        self.paragraphs.len() > 1
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteProblemKind {
    /// An opening mark with no closing mark before the paragraph ends (and the next paragraph does
    /// not continue the quote).
    Unclosed,
    /// A closing mark with no quotation open.
    UnexpectedClose,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteProblem {
    /// The offending mark.
    pub mark: TextRange,
    pub kind: QuoteProblemKind,
    /// The paragraph the mark is in.
    pub paragraph: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Open,
    Close,
    Either,
}

/// How a double mark reads from its neighbours: left-flanking opens, right-flanking closes.
fn flank(prev: Option<char>, next: Option<char>) -> Role {
    let prev_space = prev.is_none_or(|c| {
        c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '‘' | '\'')
    });
    let next_space = next.is_none_or(|c| c.is_whitespace());
    let next_punct = next.is_some_and(|c| {
        matches!(
            c,
            ',' | '.' | ';' | ':' | '?' | '!' | ')' | ']' | '—' | '–' | '’' | '\''
        )
    });
    match (prev_space, next_space || next_punct) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

struct Open {
    start: usize,
    para_start: usize,
    style: QuoteStyle,
    id: usize,
}

struct Raw {
    range: TextRange,
    content: TextRange,
    style: QuoteStyle,
    closed: bool,
    paragraphs: std::ops::Range<usize>,
    parent: Option<usize>,
    id: usize,
}

/// The top-level quotation of `quotes` (in source order, as [`scan`] gives them) containing
/// `offset`, if any.
pub fn quote_at(quotes: &[Quote], offset: usize) -> Option<usize> {
    // Quotes are few per sentence; a binary search on start then a short scan back suffices.
    // Top-level quotes never overlap, so only the last one starting at or before `offset` can
    // contain it; nested quotes (which follow their parent) are skipped on the way back.
    let i = quotes.partition_point(|q| q.range.start <= offset);
    (0..i)
        .rev()
        .find(|&qi| quotes[qi].parent.is_none())
        .filter(|&qi| quotes[qi].range.contains(offset))
}

/// The first `n` words of `text` (a quotation's words), with an ellipsis when cut: what a
/// message or a hover shows of a quote.
pub fn excerpt(text: &str, n: usize) -> String {
    let mut words = text.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(n).collect();
    let mut s = head.join(" ");
    if words.next().is_some() {
        s.push('…');
    }
    s
}

/// Scans the paragraphs of `prose` for quotation spans.
pub fn scan(
    prose: &str,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
) -> (Vec<Quote>, Vec<QuoteProblem>) {
    let mut raws: Vec<Raw> = Vec::new();
    let mut problems = Vec::new();
    let mut next_id = 0usize;
    // A double quote carried over from the previous paragraph (multi-paragraph quote).
    let mut carried: Option<Open> = None;
    for (pi, para) in paragraphs.iter().enumerate() {
        let text = para.range.slice(prose);
        let base = para.range.start;
        let mut double: Option<Open> = None;
        let mut single: Option<Open> = None;
        // Curly double quotes opened inside an open double quote and not yet closed.
        let mut nested_double = 0usize;
        // Straight double quotes opened inside a curly double quote and not yet closed: a
        // writer (or a paste) mixing styles, “he called it "a disgrace" twice”.
        let mut nested_straight = 0usize;
        // Curly double quotes opened inside a straight double quote and not yet closed: a
        // straight-quoted passage quoting someone in curly marks, "she read “the letter” aloud",
        // closed by a straight mark.
        let mut nested_curly = 0usize;
        // Only quote marks matter: jump from one candidate byte to the next (`"`, `'`, or the
        // lead byte 0xE2 of the curly marks) instead of walking every character.
        let bytes = text.as_bytes();
        // Marks inside embedded HTML tags (`<a href="…">`, a tweet embed's attributes) are
        // markup, not prose quotes.
        let tags = html_tags(text);
        let mut marks = memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes).filter_map(|i| {
            if tags.iter().any(|t| t.contains(&i)) {
                return None;
            }
            let c = text.get(i..)?.chars().next()?;
            matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'').then_some((i, c))
        });
        if let Some(open) = carried.take() {
            // A quote is only carried into a paragraph that starts with an opening mark, which
            // re-opens the same quotation instead of starting a new one. In a straight-quoted
            // block, a paragraph that starts with a curly mark and closes the block with a
            // straight one opens an inner quotation at its start instead.
            if prose[open.start..].starts_with('"')
                && text.starts_with('“')
                && text['“'.len_utf8()..].contains('"')
            {
                nested_curly += 1;
                marks.next();
            } else if text.starts_with(['“', '"']) {
                marks.next();
            }
            double = Some(open);
        }
        let has_double = text.contains(['“', '”', '"']);
        for (i, c) in marks {
            let prev = text[..i].chars().next_back();
            let next = text[i + c.len_utf8()..].chars().next();
            let at = base + i;
            match c {
                '“' | '”' | '"' => {
                    let mut role = flank(prev, next);
                    if c == '“' && role == Role::Either {
                        role = Role::Open;
                    } else if c == '”' && role == Role::Either {
                        role = Role::Close;
                    }
                    // Inch marks: `a 12" screen` with no quotation open.
                    if c == '"'
                        && double.is_none()
                        && prev.is_some_and(|p| p.is_ascii_digit())
                        && role != Role::Open
                    {
                        continue;
                    }
                    // `”We will …,” she said`, `”…he delivered,” she said`: a closing mark
                    // where the opening one belongs (opening by its flanks, or at the
                    // paragraph's start or after a space), with its partner later in the
                    // paragraph. Reported once (ATT006 says which mark belongs there), and it
                    // opens the quotation, so its real closing mark is no second problem.
                    if c == '”'
                        && double.is_none()
                        && (role == Role::Open
                            || prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[')))
                        && text[i + c.len_utf8()..].contains('”')
                    {
                        problems.push(QuoteProblem {
                            mark: TextRange::new(at, at + c.len_utf8()),
                            kind: QuoteProblemKind::UnexpectedClose,
                            paragraph: pi,
                        });
                        role = Role::Open;
                    }
                    match (&double, role) {
                        (None, Role::Open | Role::Either) => {
                            double = Some(Open {
                                start: at,
                                para_start: pi,
                                style: QuoteStyle::Double,
                                id: next_id,
                            });
                            next_id += 1;
                        }
                        (None, Role::Close) => problems.push(QuoteProblem {
                            mark: TextRange::new(at, at + c.len_utf8()),
                            kind: QuoteProblemKind::UnexpectedClose,
                            paragraph: pi,
                        }),
                        (Some(o), Role::Open)
                            if c == '“'
                                && prose[o.start..].starts_with('"')
                                && text[i + c.len_utf8()..].contains('”')
                                && (!after_terminator(text, i)
                                    || text[i + c.len_utf8()..].contains('"')) =>
                        {
                            // "… the question: “Do you …?” Forty-three, yes.": a curly quote
                            // nested in a straight one. A curly mark after a sentence end with no
                            // straight mark left to close the outer quote is rather the quote
                            // re-opened (next arm).
                            nested_curly += 1;
                        }
                        (Some(_), Role::Close | Role::Either) if c == '”' && nested_curly > 0 => {
                            nested_curly -= 1;
                        }
                        (Some(_), Role::Open) if after_terminator(text, i) => {
                            // `… the potential. “You will …`: a quote re-opened after a sentence
                            // inside the same quotation, as when a multi-paragraph quote lost its
                            // paragraph breaks. The quotation goes on.
                        }
                        (Some(_), Role::Open)
                            if c == '“' && nested_double_fits(&text[i + c.len_utf8()..]) =>
                        {
                            // “… what he calls “hell” than live …”: a double quote nested in a
                            // double quote, closed before the outer one. The outer span covers it.
                            nested_double += 1;
                        }
                        (Some(_), Role::Close | Role::Either) if nested_double > 0 => {
                            nested_double -= 1;
                        }
                        (Some(_), Role::Open) if c == '“' => {
                            // A second opening mark mid-sentence: the first quote was never closed.
                            if let Some(o) = double.take() {
                                unclosed(
                                    &mut raws,
                                    &mut problems,
                                    o,
                                    TextRange::new(at, at),
                                    pi,
                                    prose,
                                );
                            }
                            single = None;
                            double = Some(Open {
                                start: at,
                                para_start: pi,
                                style: QuoteStyle::Double,
                                id: next_id,
                            });
                            next_id += 1;
                        }
                        (Some(o), Role::Open) if c == '"' => {
                            // A straight mark that reads as opening while a quote is open cannot be
                            // told apart from a misplaced nested quote; leave the span open. Inside
                            // a curly quote it opens a nested straight quote, which a straight mark
                            // closes before the curly one does.
                            if prose[o.start..].starts_with('“') {
                                nested_straight += 1;
                            }
                        }
                        (Some(_), Role::Close | Role::Either)
                            if c == '"' && nested_straight > 0 =>
                        {
                            nested_straight -= 1;
                        }
                        (Some(_), _) => {
                            nested_straight = 0;
                            nested_curly = 0;
                            if let Some(o) = double.take() {
                                let parent = o.id;
                                // An unclosed nested single quote is dropped silently: too easily
                                // an apostrophe ("the players’ union").
                                single = None;
                                raws.push(Raw {
                                    range: TextRange::new(o.start, at + c.len_utf8()),
                                    content: TextRange::new(o.start + mark_len(prose, o.start), at),
                                    style: QuoteStyle::Double,
                                    closed: true,
                                    paragraphs: o.para_start..pi + 1,
                                    parent: None,
                                    id: parent,
                                });
                            }
                        }
                    }
                }
                '‘' | '’' | '\'' => {
                    let word_inside = prev.is_some_and(char::is_alphanumeric)
                        && next.is_some_and(char::is_alphanumeric);
                    let before_digit = next.is_some_and(|n| n.is_ascii_digit());
                    if word_inside || before_digit {
                        continue; // apostrophe: "Russia’s", "’90s"
                    }
                    let in_double = double.is_some();
                    if !in_double && has_double {
                        continue;
                    }
                    let role = flank(prev, next);
                    match (&single, role) {
                        (None, Role::Open) if c != '’' => {
                            single = Some(Open {
                                start: at,
                                para_start: pi,
                                style: QuoteStyle::Single,
                                id: next_id,
                            });
                            next_id += 1;
                        }
                        (Some(_), Role::Close) if c != '‘' => {
                            if let Some(s) = single.take() {
                                let content =
                                    TextRange::new(s.start + mark_len(prose, s.start), at);
                                // A possessive plural ("the allies’ ") closes nothing when the
                                // span would be one letter or empty.
                                if content.slice(prose).trim().is_empty() {
                                    continue;
                                }
                                raws.push(Raw {
                                    range: TextRange::new(s.start, at + c.len_utf8()),
                                    content,
                                    style: QuoteStyle::Single,
                                    closed: true,
                                    paragraphs: pi..pi + 1,
                                    parent: double.as_ref().map(|d| d.id),
                                    id: s.id,
                                });
                            }
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        // Paragraph end: a still-open double quote either continues or is unclosed.
        if let Some(o) = double.take() {
            let continues = paragraphs.get(pi + 1).is_some_and(|np| {
                let next = np.range.slice(prose);
                matches!(next.chars().next(), Some('“' | '"'))
                    || fragment_follows(text, next)
                    || credit_line(next)
            });
            if continues {
                carried = Some(o);
            } else {
                unclosed(
                    &mut raws,
                    &mut problems,
                    o,
                    TextRange::new(para.range.end, para.range.end),
                    pi,
                    prose,
                );
            }
        }
    }
    if let Some(o) = carried.take() {
        let last = paragraphs.len().saturating_sub(1);
        let end = paragraphs.last().map_or(prose.len(), |p| p.range.end);
        unclosed(
            &mut raws,
            &mut problems,
            o,
            TextRange::new(end, end),
            last,
            prose,
        );
    }

    // Source order, outer quotes before the ones nested in them; remap parent ids to indices.
    raws.sort_by_key(|r| (r.range.start, r.parent.is_some()));
    let index_of: std::collections::HashMap<usize, usize> =
        raws.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let quotes = raws
        .into_iter()
        .map(|r| {
            let sentence = sentence_index(sentences, r.range.start);
            let end_sentence =
                sentence_index(sentences, r.range.end.saturating_sub(1)).max(sentence);
            Quote {
                range: r.range,
                content: r.content,
                style: r.style,
                closed: r.closed,
                paragraphs: r.paragraphs,
                sentence,
                end_sentence,
                parent: r.parent.and_then(|p| index_of.get(&p).copied()),
            }
        })
        .collect();
    problems.sort_by_key(|p| p.mark.start);
    (quotes, problems)
}

/// Byte ranges of `text` covered by HTML tags (`<a href="…">`, `</a>`, `<br/>`): a `<`
/// followed by a letter or `/`, up to the first `>` outside a quoted attribute value. A `<` with
/// no `>` after it in the paragraph is not a tag.
fn html_tags(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut tags = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[from..]) {
        let start = from + off;
        from = start + 1;
        if !bytes
            .get(start + 1)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/')
        {
            continue;
        }
        let mut quote: Option<u8> = None;
        let mut end = None;
        for (j, &b) in bytes.iter().enumerate().skip(start + 1) {
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b == b'>' => {
                    end = Some(j + 1);
                    break;
                }
                None if b == b'<' => break,
                None => {}
            }
        }
        if let Some(end) = end {
            tags.push(start..end);
            from = end;
        }
    }
    tags
}

/// Whether paragraph `next` continues the sentence that paragraph `text` left unfinished, as
/// when italic or linked words were split onto lines of their own ("… I" / "was" / "prime
/// minister and …"): `text` ends with no sentence-final punctuation, and `next` starts in lower
/// case or is a fragment of a few words with none either.
fn fragment_follows(text: &str, next: &str) -> bool {
    let unfinished = !text
        .trim_end()
        .ends_with(['.', '?', '!', ':', ';', '…', '"', '”']);
    let lower = next.chars().next().is_some_and(char::is_lowercase);
    let short = next.split_whitespace().count() <= 4
        && !next.trim_end().ends_with(['.', '?', '!', ':', ';', '…']);
    unfinished && (lower || short)
}

/// Whether paragraph `next` is the credit line of a pull quote set inside the same pair of
/// marks (`"We were given no warning.` / `— Jane Doe, shop owner"`): a dash, a few words, and
/// the closing mark at its end.
fn credit_line(next: &str) -> bool {
    let next = next.trim_end();
    next.starts_with(['—', '–', '―', '-'])
        && next.ends_with(['"', '”'])
        && next.split_whitespace().count() <= 12
        && !next.contains('\n')
}

/// Whether the rest of a paragraph after a second opening `“` closes both quotes: at least two
/// more closing `”` than further opening marks, so the inner quote ends before the outer one.
fn nested_double_fits(rest: &str) -> bool {
    let closes = rest.matches('”').count();
    let opens = rest.matches('“').count();
    closes >= opens + 2
}

/// Whether the mark at byte `i` of `text` follows a sentence end (`. `, `?” `, `! `).
fn after_terminator(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end();
    if before.len() == text[..i].len() {
        return false; // no space before the mark
    }
    let before = before.trim_end_matches(['"', '”', '’', '\'', ')']);
    before.ends_with(['.', '?', '!', '…'])
}

fn mark_len(prose: &str, at: usize) -> usize {
    prose[at..].chars().next().map_or(1, char::len_utf8)
}

fn unclosed(
    raws: &mut Vec<Raw>,
    problems: &mut Vec<QuoteProblem>,
    o: Open,
    end: TextRange,
    pi: usize,
    prose: &str,
) {
    let mark = TextRange::new(o.start, o.start + mark_len(prose, o.start));
    problems.push(QuoteProblem {
        mark,
        kind: QuoteProblemKind::Unclosed,
        paragraph: o.para_start,
    });
    raws.push(Raw {
        range: TextRange::new(o.start, end.start.max(mark.end)),
        content: TextRange::new(mark.end, end.start.max(mark.end)),
        style: o.style,
        closed: false,
        paragraphs: o.para_start..pi + 1,
        parent: None,
        id: o.id,
    });
}

fn sentence_index(sentences: &[Sentence], offset: usize) -> usize {
    let i = sentences.partition_point(|s| s.range.end <= offset);
    i.min(sentences.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    fn problems(text: &str) -> usize {
        let doc = crate::analysis::document::Document::parse(
            text,
            crate::analysis::document::SourceKind::PlainText,
        );
        doc.quote_problems.len()
    }

    #[test]
    fn pull_quote_with_its_credit_line() {
        assert_eq!(
            problems("Flood.\n\n\"We had no warning.\n— Marta Iles, shop owner\"\n\nMore.\n"),
            0
        );
        // Without the closing mark the quote is still unclosed.
        assert_eq!(
            problems("Flood.\n\n\"We had no warning.\n— Marta Iles, shop owner\n\nMore.\n"),
            1
        );
    }

    #[test]
    fn straight_quote_inside_a_curly_one() {
        assert_eq!(
            problems("“He called it \"a disgrace\" twice,” she said.\n"),
            0
        );
        assert_eq!(problems("“He called it a disgrace twice, she said.\n"), 1);
    }

    #[test]
    fn words_split_onto_lines_of_their_own() {
        assert_eq!(
            problems("He writes: \"I\n\nwas\n\nthe part, and said so,\" he says.\n"),
            0
        );
        // A paragraph that ends like a sentence does not run on into the next one.
        assert_eq!(problems("He writes: \"I was the part.\n\nwas it?\n"), 1);
    }

    use crate::analysis::document::{Document, SourceKind};
    use crate::analysis::quotes::QuoteProblemKind;

    fn quotes(src: &str) -> (Vec<String>, Vec<QuoteProblemKind>) {
        let d = Document::parse(src, SourceKind::PlainText);
        (
            d.quotes
                .iter()
                .map(|q| q.range.slice(src).to_string())
                .collect(),
            d.quote_problems.iter().map(|p| p.kind).collect(),
        )
    }

    #[test]
    fn curly_straight_and_nested() {
        let (q, p) = quotes(
            "“We need to do more,” Stoltenberg said. He called it \"a 'real' threat\" to Russia's ’90s order.",
        );
        assert_eq!(
            q,
            ["“We need to do more,”", "\"a 'real' threat\"", "'real'"]
        );
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn multi_paragraph_quote_is_one_span() {
        let src =
            "“The first paragraph of the quote.\n“The second paragraph ends it,” she said.\nNext.";
        let (q, p) = quotes(src);
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].ends_with("ends it,”"));
        assert!(p.is_empty());
    }

    #[test]
    fn double_nested_in_double() {
        let (q, problems) =
            quotes("“I’d rather live in what he calls “hell” than live there.” ― Adriana Ruiz\n");
        assert_eq!(
            q,
            ["“I’d rather live in what he calls “hell” than live there.”"]
        );
        assert!(problems.is_empty(), "{problems:?}");
        // Without a second closing mark, the second opening mark still means the first quote
        // was left open.
        let (q, problems) = quotes("The plan, “never closed, and “then a new one,” he said.\n");
        assert_eq!(q, ["“never closed, and ", "“then a new one,”"]);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn unclosed_and_stray_marks_are_reported() {
        let (q, p) = quotes("“We need to do more, Stoltenberg said.\nThe end.");
        assert_eq!(q.len(), 1);
        assert_eq!(p, [QuoteProblemKind::Unclosed]);
        let (_, p) = quotes("He said it” twice.");
        assert_eq!(p, [QuoteProblemKind::UnexpectedClose]);
        let (q, p) = quotes("A 12\" screen and the players’ union.");
        assert!(q.is_empty() && p.is_empty(), "{q:?} {p:?}");
    }

    #[test]
    fn marks_inside_html_tags_are_markup() {
        assert_eq!(
            problems("<a href=\"https://example.com/x\" title='y'>Read</a> the \"report\".\n"),
            0
        );
        // A bare `<` is no tag: the stray mark after it is still reported.
        assert_eq!(problems("If x < 5 he said it\" twice > once.\n"), 1);
        assert_eq!(super::html_tags("a <b>c</b> < d"), [2..5, 6..10]);
    }

    #[test]
    fn curly_quote_inside_a_straight_one() {
        assert_eq!(
            problems("\"He read it: “Do you agree?” Most said yes,\" she said.\n"),
            0
        );
        assert_eq!(
            problems("\"He read it: “Do you agree?” Most said yes.\n\nNext.\n"),
            1
        );
    }

    #[test]
    fn british_single_quotes_without_doubles() {
        let (q, p) = quotes("'We will fight,' he said of the players' strike.");
        assert_eq!(q, ["'We will fight,'"]);
        assert!(p.is_empty());
    }
}
