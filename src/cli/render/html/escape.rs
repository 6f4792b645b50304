//! Escaping. Everything that comes from an article (its text, paths, names, quotes, messages
//! that quote it) goes through these functions and nothing else reaches the page unescaped.

/// Appends `s` escaped for an HTML text node or a double-quoted attribute value.
///
/// Beyond `& < > " '`: a carriage return becomes `&#13;` because the HTML parser turns every
/// literal CR (and CRLF) into LF before tokenising, while a character reference survives; the
/// page's text then keeps the article's bytes, which the page's script counts to find byte
/// ranges. NUL, which the parser drops from text, becomes U+FFFD (the one place the page's text
/// differs from the article; `read_article` refuses a NUL in the first 8 KB).
pub fn push(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut last = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\r' => "&#13;",
            0 => "\u{fffd}",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `s` escaped (see [`push`]).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    push(&mut out, s);
    out
}

/// A finding's message, computation or fix title: text quoted from the article sits between
/// backticks (`spelled \`Halvorssen\` here`); it becomes `<code>`, everything escaped. An
/// unpaired backtick stays a backtick.
pub fn push_message(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else {
            break;
        };
        push(out, &rest[..open]);
        out.push_str("<code>");
        push(out, &after[..close]);
        out.push_str("</code>");
        rest = &after[close + 1..];
    }
    push(out, rest);
}

/// The first `max` characters of `s` with whitespace runs collapsed, and `…` when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    for word in s.split_whitespace() {
        if n > 0 {
            out.push(' ');
            n += 1;
        }
        for c in word.chars() {
            if n >= max {
                out.push('…');
                return out;
            }
            out.push(c);
            n += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_carriage_returns() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape("a\r\nb"), "a&#13;\nb");
        assert_eq!(
            escape("caf\u{e9} \u{201c}q\u{201d}"),
            "caf\u{e9} \u{201c}q\u{201d}"
        );
        assert_eq!(escape("a\0b"), "a\u{fffd}b");
    }

    #[test]
    fn messages_put_quoted_text_in_code() {
        let mut out = String::new();
        push_message(&mut out, "spelled `<b>Halvorssen</b>` here, `odd");
        assert_eq!(
            out,
            "spelled <code>&lt;b&gt;Halvorssen&lt;/b&gt;</code> here, `odd"
        );
    }

    #[test]
    fn shorten_collapses_and_cuts() {
        assert_eq!(shorten("a  b\n c", 10), "a b c");
        assert_eq!(shorten("abcdef", 3), "abc…");
        assert_eq!(shorten("", 3), "");
    }
}
