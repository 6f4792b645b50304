//! Fuzzes the analysis entry point: any bytes, read as UTF-8 (lossily, as the CLI never would but
//! the fuzzer needs), analysed as Markdown and as plain text. Checks the invariants the rest of
//! copydesk relies on: no panic, every range on char boundaries inside the text.
#![no_main]

use copydesk::analysis::{self, Config, SourceKind, TextRange};
use libfuzzer_sys::fuzz_target;

fn ok(text: &str, r: TextRange) -> bool {
    r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for kind in [SourceKind::Markdown, SourceKind::PlainText] {
        let a = analysis::analyze(&text, kind, &Config::default());
        assert_eq!(a.document.prose.len(), text.len());
        for s in &a.document.sentences {
            assert!(ok(&text, s.range));
        }
        for q in &a.document.quotes {
            assert!(ok(&text, q.range) && ok(&text, q.content));
        }
        for m in &a.people.mentions {
            assert!(ok(&text, m.range));
        }
        for f in &a.figures.figures {
            assert!(ok(&text, f.range));
        }
        for d in &a.diagnostics {
            assert!(ok(&text, d.range), "{} {:?}", d.code, d.range);
        }
    }
});
