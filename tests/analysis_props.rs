//! Property tests of the whole analysis: it never panics, every range it returns lies inside the
//! text on char boundaries, and the same input always gives the same output.

use copydesk::analysis::{self, Analysis, Config, SourceKind, TextRange};
use proptest::prelude::*;

/// Pieces that stress the text model: quote marks of every kind, abbreviations, numbers, Markdown
/// syntax, multi-byte characters, combining marks and every kind of line break.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("'".to_string()),
        Just(". ".to_string()),
        Just("? ".to_string()),
        Just(", ".to_string()),
        Just(": ".to_string()),
        Just(" — ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("said ".to_string()),
        Just("he said".to_string()),
        Just("Jens Stoltenberg ".to_string()),
        Just("Stoltenburg".to_string()),
        Just("President Biden".to_string()),
        Just("the secretary-general".to_string()),
        Just("officials said".to_string()),
        Just("Feb. 24".to_string()),
        Just("U.S. ".to_string()),
        Just("10 a.m. ".to_string()),
        Just("Thursday".to_string()),
        Just("1,500".to_string()),
        Just("between 1,500 and 1,000".to_string()),
        Just("37% of 12 people".to_string()),
        Just("rose 50% from 200 to 250".to_string()),
        Just("three ".to_string()),
        Just("$3bn ".to_string()),
        Just("28 days later".to_string()),
        Just("# ".to_string()),
        Just("- ".to_string()),
        Just("> ".to_string()),
        Just("```\n".to_string()),
        Just("`".to_string()),
        Just("<!-- copydesk-disable-next-line ATT006 -->".to_string()),
        Just("<b>".to_string()),
        Just("[link](http://x.y/1)".to_string()),
        Just("https://example.com/a?b=1 ".to_string()),
        Just("---\ndate: 2022-03-24\n---\n".to_string()),
        Just("😀".to_string()),
        Just("北约".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{2028}".to_string()),
        Just("\0".to_string()),
        "[a-zA-Z ]{1,12}",
        "[0-9.,%]{1,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|v| v.concat())
}

fn check_range(text: &str, r: TextRange, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(r.start <= r.end, "{what}: reversed range {r:?}");
    prop_assert!(
        r.end <= text.len(),
        "{what}: range {r:?} past end {}",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what}: range {r:?} off a char boundary"
    );
    Ok(())
}

fn check_analysis(text: &str, a: &Analysis) -> Result<(), TestCaseError> {
    let d = &a.document;
    prop_assert_eq!(d.prose.len(), text.len());
    for p in &d.paragraphs {
        check_range(text, p.range, "paragraph")?;
    }
    for s in &d.sentences {
        check_range(text, s.range, "sentence")?;
    }
    for t in &d.tokens {
        check_range(text, t.range, "token")?;
    }
    for q in &d.quotes {
        check_range(text, q.range, "quote")?;
        check_range(text, q.content, "quote content")?;
        prop_assert!(q.range.contains_range(q.content) || q.content.is_empty());
    }
    for m in &d.masks {
        check_range(text, m.range, "mask")?;
    }
    for m in &a.people.mentions {
        check_range(text, m.range, "mention")?;
        prop_assert!(m.person < a.people.persons.len());
    }
    prop_assert_eq!(a.people.attributions.len(), d.quotes.len());
    for f in &a.figures.figures {
        check_range(text, f.range, "figure")?;
    }
    for diag in &a.diagnostics {
        check_range(text, diag.range, diag.code.code())?;
        for r in &diag.related {
            check_range(text, r.range, "related")?;
        }
        if let Some(fix) = &diag.fix {
            for e in &fix.edits {
                check_range(text, e.range, "fix edit")?;
            }
        }
    }
    prop_assert!(
        a.diagnostics
            .windows(2)
            .all(|w| w[0].range.start <= w[1].range.start),
        "diagnostics not sorted"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn analysis_is_total_bounded_and_deterministic(text in article(), md in any::<bool>()) {
        let kind = if md { SourceKind::Markdown } else { SourceKind::PlainText };
        let config = Config::default();
        let a = analysis::analyze(&text, kind, &config);
        check_analysis(&text, &a)?;
        let b = analysis::analyze(&text, kind, &config);
        prop_assert_eq!(format!("{:?}", a.diagnostics), format!("{:?}", b.diagnostics));
        prop_assert_eq!(format!("{:?}", a.people), format!("{:?}", b.people));
        prop_assert_eq!(format!("{:?}", a.figures), format!("{:?}", b.figures));
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,300}", md in any::<bool>()) {
        let kind = if md { SourceKind::Markdown } else { SourceKind::PlainText };
        let a = analysis::analyze(&text, kind, &Config::default());
        check_analysis(&text, &a)?;
    }
}
