//! Property test through the real server: random edit sequences (inserts, deletes, replacements
//! spanning lines, emoji, CRLF, lone CR) applied by the server give the client's text.

mod support;

use proptest::prelude::*;
use proptest::test_runner::{Config as PtConfig, TestRunner};
use serde_json::json;
use support::{Doc, Server, range};

#[derive(Clone, Debug)]
struct Edit {
    start: usize,
    len: usize,
    text: String,
}

fn edit() -> impl Strategy<Value = Edit> {
    let piece = prop::sample::select(vec![
        "a", "Z ", "é", "e\u{301}", "😀", "中文", "“", "”", "—", "\n", "\r\n", "\r", "said. ",
    ]);
    (
        0usize..10_000,
        0usize..12,
        prop::collection::vec(piece, 0..4),
    )
        .prop_map(|(start, len, p)| Edit {
            start,
            len,
            text: p.concat(),
        })
}

fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[test]
fn server_text_equals_client_text_after_random_edits() {
    for encodings in [["utf-16"], ["utf-8"], ["utf-32"]] {
        let mut s = Server::spawn();
        s.initialize(&encodings, json!({"debounceMs": 0}));
        let mut runner = TestRunner::new(PtConfig {
            cases: 24,
            failure_persistence: None,
            ..PtConfig::default()
        });
        let n = std::cell::Cell::new(0);
        let server = std::cell::RefCell::new(&mut s);
        runner
            .run(
                &(
                    prop::collection::vec(edit(), 1..30),
                    prop::collection::vec(any::<bool>(), 30),
                ),
                |(edits, batch)| {
                    let mut s = server.borrow_mut();
                    n.set(n.get() + 1);
                    let mut doc = Doc::new(
                        &format!("untitled:prop-{}", n.get()),
                        "plaintext",
                        "Start “quote” 😀\r\nline two\rthree\n",
                    );
                    s.open(&doc);
                    let enc = s.enc;
                    // Some edits are sent alone, some batched in one didChange (applied in order).
                    let mut pending: Vec<(serde_json::Value, String)> = Vec::new();
                    let mut shadow = doc.clone();
                    for (i, e) in edits.iter().enumerate() {
                        let st = boundary(&shadow.text, e.start % (shadow.text.len() + 1));
                        let en = boundary(&shadow.text, st + e.len);
                        let r = range(&shadow.text, st, en, enc);
                        shadow.apply(&r, &e.text, enc);
                        pending.push((r, e.text.clone()));
                        if !batch[i] || i + 1 == edits.len() {
                            let list: Vec<(serde_json::Value, &str)> = pending
                                .iter()
                                .map(|(r, t)| (r.clone(), t.as_str()))
                                .collect();
                            s.change(&mut doc, &list);
                            pending.clear();
                        }
                    }
                    prop_assert_eq!(&doc.text, &shadow.text);
                    let t = s.call("copydesk/documentText", json!({"uri": doc.uri}));
                    prop_assert_eq!(t["text"].as_str(), Some(doc.text.as_str()));
                    prop_assert_eq!(t["version"].as_i64(), Some(doc.version));
                    prop_assert_eq!(&t["outOfSync"], &json!(false));
                    s.notify(
                        "textDocument/didClose",
                        json!({"textDocument": {"uri": doc.uri}}),
                    );
                    Ok(())
                },
            )
            .unwrap();
        let s = server.into_inner();
        assert_eq!(s.shutdown_and_exit(), Some(0));
    }
}
