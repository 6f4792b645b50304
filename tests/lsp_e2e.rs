//! End-to-end tests of `copydesk lsp`: the real binary over its real stdio transport.
//!
//! Expectations about people and figures are computed from `copydesk::analysis::analyze` on the
//! client's text, so these tests keep passing as the analysis grows; the exact-range checks use
//! hand-counted columns.

mod support;

use copydesk::analysis::{self, Config, SourceKind};
use serde_json::{Value, json};
use support::{Doc, Enc, Server, range, summarize};

/// An invented article: curly quotes, em dashes, emoji, CJK, and a quotation that is never closed
/// (ATT006) on a line with an emoji.
const ARTICLE: &str = "# Harbour authority delays ferry contract 🚢

The Port Harbour Authority postponed a vote on Tuesday on a new ferry contract worth $42 million — the third delay this year.

“We need more time to review the bids,” said Linda Okafor, the authority’s chair, who has led the board since 2019.

Okafor said the authority had received four bids, including one from a consortium led by 東方海運 (Dongfang Shipping).

“We expect a decision by June,” she said.

Residents 😡 were unimpressed. “This is the same story every spring, said Marcus Bell, who commutes daily to the mainland.

The board meets again next month — after the holiday.
";

const UNCLOSED_LINE: u64 = 10;

fn article(name: &str) -> Doc {
    let dir = std::env::temp_dir().join("copydesk-lsp-e2e");
    Doc::new(&support::file_uri(&dir.join(name)), "markdown", ARTICLE)
}

fn analysis_of(doc: &Doc) -> analysis::Analysis {
    analysis::analyze(&doc.text, SourceKind::Markdown, &Config::default())
}

fn att006(diags: &[Value]) -> Vec<&Value> {
    diags.iter().filter(|d| d["code"] == "ATT006").collect()
}

/// Small deterministic generator for edit positions.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn char_boundary_at(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn check_against_fresh_analysis(s: &mut Server, doc: &Doc) {
    let got = s.diagnostics(&doc.uri, Some(doc.version));
    assert_eq!(
        summarize(&got),
        doc.expected(SourceKind::Markdown, s.enc),
        "version {}",
        doc.version
    );
    let t = s.call("copydesk/documentText", json!({"uri": doc.uri}));
    assert_eq!(t["text"].as_str(), Some(doc.text.as_str()));
    assert_eq!(t["version"].as_i64(), Some(doc.version));
}

#[test]
fn utf16_client_gets_exact_ranges_and_diagnostics_follow_edits() {
    let mut s = Server::spawn();
    let init = s.initialize(&["utf-16"], json!({"debounceMs": 0}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        init["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    let mut doc = article("utf16.md");
    s.open(&doc);
    let diags = s.diagnostics(&doc.uri, Some(1));
    assert_eq!(
        summarize(&diags),
        doc.expected(SourceKind::Markdown, Enc::Utf16)
    );
    let unclosed = att006(&diags);
    assert_eq!(unclosed.len(), 1, "{diags:?}");
    let d = unclosed[0];
    // `Residents 😡 were unimpressed. ` is 31 UTF-16 code units (the emoji counts two).
    assert_eq!(
        d["range"]["start"],
        json!({"line": UNCLOSED_LINE, "character": 31})
    );
    assert_eq!(
        d["range"]["end"],
        json!({"line": UNCLOSED_LINE, "character": 32})
    );
    assert_eq!(d["source"], "copydesk");
    assert_eq!(
        d["codeDescription"]["href"],
        "https://github.com/copydesk/copydesk#att006"
    );
    assert!(
        d["data"]["fix"]["edits"]
            .as_array()
            .is_some_and(|e| !e.is_empty()),
        "{d}"
    );

    // Insert before the emoji line's quote, delete it again, then a multi-line replacement.
    let at = doc.find("Residents", s.enc)["start"].clone();
    s.change(&mut doc, &[(json!({"start": at, "end": at}), "Update: ")]);
    check_against_fresh_analysis(&mut s, &doc);
    let upd = doc.find("Update: ", s.enc);
    s.change(&mut doc, &[(upd, "")]);
    check_against_fresh_analysis(&mut s, &doc);
    let from = doc.text.find("four bids").unwrap();
    let to = doc.text.find("were unimpressed").unwrap();
    let r = range(&doc.text, from, to, s.enc);
    s.change(&mut doc, &[(r, "three bids.\r\n\r\nNeighbours 🙄 ")]);
    check_against_fresh_analysis(&mut s, &doc);

    // 200 rapid single-character edits, one didChange each, no waiting in between.
    let mut rng = Lcg(7);
    for i in 0..200 {
        let len = doc.text.len();
        let p = char_boundary_at(&doc.text, rng.next(len + 1));
        if i % 3 == 2 && p < len {
            let next = p + doc.text[p..].chars().next().unwrap().len_utf8();
            let r = range(&doc.text, p, next, s.enc);
            s.change(&mut doc, &[(r, "")]);
        } else {
            let r = range(&doc.text, p, p, s.enc);
            s.change(&mut doc, &[(r, ["“", "é", "😀", "x", "\n", "中"][i % 6])]);
        }
    }
    check_against_fresh_analysis(&mut s, &doc);
    assert_eq!(s.shutdown_and_exit(), Some(0));
}

#[test]
fn utf8_client_gets_byte_columns() {
    let mut s = Server::spawn();
    let init = s.initialize(&["utf-8", "utf-16"], json!({"debounceMs": 0}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let mut doc = article("utf8.md");
    s.open(&doc);
    let diags = s.diagnostics(&doc.uri, Some(1));
    assert_eq!(
        summarize(&diags),
        doc.expected(SourceKind::Markdown, Enc::Utf8)
    );
    // `Residents 😡 were unimpressed. ` is 33 bytes.
    assert_eq!(
        att006(&diags)[0]["range"]["start"],
        json!({"line": UNCLOSED_LINE, "character": 33})
    );
    // An edit addressed in bytes right after the emoji.
    let after = doc.text.find("😡").unwrap() + "😡".len();
    let r = range(&doc.text, after, after, Enc::Utf8);
    assert_eq!(r["start"]["character"], 14);
    s.change(&mut doc, &[(r, " (angry)")]);
    check_against_fresh_analysis(&mut s, &doc);
    assert_eq!(s.shutdown_and_exit(), Some(0));
}

#[test]
fn utf32_client_is_served_in_code_points() {
    let mut s = Server::spawn();
    let init = s.initialize(&["utf-32"], json!({"debounceMs": 0}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-32");
    let doc = article("utf32.md");
    s.open(&doc);
    let diags = s.diagnostics(&doc.uri, Some(1));
    assert_eq!(
        att006(&diags)[0]["range"]["start"],
        json!({"line": UNCLOSED_LINE, "character": 30})
    );
}

#[test]
fn hover_navigation_symbols_actions_and_rename() {
    let mut s = Server::spawn();
    s.initialize(&["utf-16"], json!({"debounceMs": 0}));
    let mut doc = article("features.md");
    s.open(&doc);
    s.diagnostics(&doc.uri, Some(1));
    let a = analysis_of(&doc);
    let enc = s.enc;
    let tdoc = json!({"uri": doc.uri});
    let pos_of = |offset: usize| support::position(&doc.text, offset, enc);

    // Hover on a quote: speaker (if found) and how it was found.
    let q = &a.document.quotes[0];
    let h = s.call(
        "textDocument/hover",
        json!({"textDocument": tdoc, "position": pos_of(q.range.start + 4)}),
    );
    let text = h["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        text.contains("Quote") && text.contains("We need more time"),
        "{text}"
    );
    assert_eq!(
        h["range"],
        range(&doc.text, q.range.start, q.range.end, enc)
    );
    match a.people.attributions[0].person {
        Some(p) => assert!(text.contains(&a.people.persons[p].name), "{text}"),
        None => assert!(text.contains("Speaker"), "{text}"),
    }
    // Hover on plain prose with no person, figure or quote: nothing.
    let plain = doc.text.find("postponed").unwrap();
    if a.people.mention_at(plain).is_none() && a.figures.figure_at(plain).is_none() {
        let h = s.call(
            "textDocument/hover",
            json!({"textDocument": tdoc, "position": pos_of(plain + 2)}),
        );
        assert!(h.is_null(), "{h}");
    }

    // People: hover, definition, references, rename, as far as the analysis finds them.
    if let Some((pi, person)) = a
        .people
        .persons
        .iter()
        .enumerate()
        .find(|(_, p)| !p.mentions.is_empty())
    {
        let mentions: Vec<_> = person
            .mentions
            .iter()
            .map(|&m| a.people.mentions[m].clone())
            .collect();
        let last = mentions.last().unwrap();
        let at = pos_of(last.range.start);
        let h = s.call(
            "textDocument/hover",
            json!({"textDocument": tdoc, "position": at}),
        );
        let card = h["contents"]["value"].as_str().unwrap_or_default();
        assert!(card.contains(&person.name), "{card}");
        assert!(
            card.contains(&format!("{} mention", mentions.len())),
            "{card}"
        );
        let def = s.call(
            "textDocument/definition",
            json!({"textDocument": tdoc, "position": at}),
        );
        assert_eq!(
            def["range"],
            range(
                &doc.text,
                mentions[0].range.start,
                mentions[0].range.end,
                enc
            )
        );
        let refs = s.call(
            "textDocument/references",
            json!({"textDocument": tdoc, "position": at, "context": {"includeDeclaration": true}}),
        );
        assert_eq!(refs.as_array().map(Vec::len), Some(mentions.len()));
        let _ = pi;
        let named = mentions.iter().find(|m| {
            matches!(
                m.kind,
                analysis::people::MentionKind::Surname | analysis::people::MentionKind::FullName
            )
        });
        if let Some(m) = named {
            let at = pos_of(m.range.start);
            let prep = s.call(
                "textDocument/prepareRename",
                json!({"textDocument": tdoc, "position": at}),
            );
            assert_eq!(
                prep["range"],
                range(&doc.text, m.range.start, m.range.end, enc)
            );
            let edit = s.call(
                "textDocument/rename",
                json!({"textDocument": tdoc, "position": at, "newName": "Renamed Person"}),
            );
            let edits = edit["changes"][&doc.uri]
                .as_array()
                .cloned()
                .unwrap_or_default();
            assert!(!edits.is_empty(), "{edit}");
        }
    } else {
        // Today's analysis finds no people: navigation answers null, not an error.
        let at = pos_of(doc.text.find("Okafor said").unwrap());
        assert!(
            s.call(
                "textDocument/definition",
                json!({"textDocument": tdoc, "position": at})
            )
            .is_null()
        );
        assert!(
            s.call(
                "textDocument/prepareRename",
                json!({"textDocument": tdoc, "position": at})
            )
            .is_null()
        );
    }

    // Symbols: every top-level quote appears, under its speaker or at the top level.
    let syms = s.call("textDocument/documentSymbol", json!({"textDocument": tdoc}));
    let mut ranges = Vec::new();
    fn walk(v: &Value, out: &mut Vec<Value>) {
        for s in v.as_array().into_iter().flatten() {
            out.push(s["range"].clone());
            walk(&s["children"], out);
        }
    }
    walk(&syms, &mut ranges);
    for q in a.document.quotes.iter().filter(|q| q.parent.is_none()) {
        let r = range(&doc.text, q.range.start, q.range.end, enc);
        assert!(ranges.contains(&r), "quote {r} missing from {syms}");
    }

    // Inlay hints: one per quote whose speaker came from a continuation or a pronoun.
    let want = a
        .people
        .attributions
        .iter()
        .filter(|t| {
            t.person.is_some()
                && matches!(
                    t.via,
                    analysis::people::SpeakerVia::Continuation
                        | analysis::people::SpeakerVia::Pronoun
                )
        })
        .count();
    let full = range(&doc.text, 0, doc.text.len(), enc);
    let hints = s.call(
        "textDocument/inlayHint",
        json!({"textDocument": tdoc, "range": full}),
    );
    assert_eq!(hints.as_array().map(Vec::len), Some(want), "{hints}");

    // Code actions on the unclosed quote: the rule's fix and "disable for this line".
    let diags = s.call("copydesk/documentText", json!({"uri": doc.uri}));
    assert_eq!(diags["version"], 1);
    let mark = doc.text.find("“This is the same").unwrap();
    let r = range(&doc.text, mark, mark + "“".len(), enc);
    let actions = s.call(
        "textDocument/codeAction",
        json!({"textDocument": tdoc, "range": r, "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(
        titles.contains(&"Disable ATT006 for this line"),
        "{titles:?}"
    );
    let disable = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Disable ATT006 for this line")
        .unwrap();
    let edits = disable["edit"]["changes"][&doc.uri]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(edits.len(), 1);
    assert_eq!(
        edits[0]["range"]["start"],
        json!({"line": UNCLOSED_LINE, "character": 0})
    );
    s.change(
        &mut doc,
        &[(
            edits[0]["range"].clone(),
            edits[0]["newText"].as_str().unwrap(),
        )],
    );
    assert!(
        doc.text
            .contains("<!-- copydesk-disable-next-line ATT006 -->\nResidents")
    );
    let after = s.diagnostics(&doc.uri, Some(doc.version));
    assert!(att006(&after).is_empty(), "{after:?}");
    assert_eq!(summarize(&after), doc.expected(SourceKind::Markdown, enc));
    assert_eq!(s.shutdown_and_exit(), Some(0));
}

#[test]
fn the_rules_fix_is_offered_and_applies() {
    let mut s = Server::spawn();
    s.initialize(&["utf-16"], json!({"debounceMs": 0}));
    let mut doc = article("fix.md");
    s.open(&doc);
    let diags = s.diagnostics(&doc.uri, Some(1));
    let d = att006(&diags)[0].clone();
    let actions = s.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc.uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true)
        .cloned()
        .expect("a preferred fix");
    assert_eq!(fix["kind"], "quickfix");
    let edits = fix["edit"]["changes"][&doc.uri].as_array().unwrap().clone();
    let edits: Vec<(Value, &str)> = edits
        .iter()
        .map(|e| (e["range"].clone(), e["newText"].as_str().unwrap()))
        .collect();
    assert_eq!(edits.len(), 1, "one edit keeps the ranges valid");
    s.change(&mut doc, &edits);
    let after = s.diagnostics(&doc.uri, Some(2));
    assert!(att006(&after).is_empty(), "{after:?}");
}

#[test]
fn malformed_input_gets_protocol_errors_and_the_server_keeps_serving() {
    let mut s = Server::spawn();
    s.initialize(&["utf-16"], json!({"debounceMs": 0}));
    // Not JSON.
    s.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let e = s.wait_for("parse error", |m| m["error"]["code"] == -32700);
    assert!(e["id"].is_null());
    // JSON but not JSON-RPC: invalid request, with its id.
    s.send(&json!({"id": 99, "foo": 1}));
    let e = s.wait_for("invalid request", |m| m["error"]["code"] == -32600);
    assert_eq!(e["id"], 99);
    // A header without a usable Content-Length, then junk, then a good message.
    s.send_raw(b"Content-Length: lots\r\n\r\n{\"x\":1}garbage");
    // A Content-Length that is too short: the cut body is a parse error; the rest is skipped.
    let req = br#"{"jsonrpc":"2.0","id":41,"method":"shutdown"}"#;
    s.send_raw(format!("Content-Length: 5\r\n\r\n{}", String::from_utf8_lossy(req)).as_bytes());
    s.wait_for("parse error for the cut body", |m| {
        m["error"]["code"] == -32700
    });
    // A Content-Length that is too long would swallow the next message: the message is answered
    // with an error carrying its id, and the next one is served.
    let req = json!({"jsonrpc": "2.0", "id": 77, "method": "copydesk/documentText", "params": {"uri": "file:///x.md"}});
    let req = req.to_string();
    s.send_raw(format!("Content-Length: {}\r\n\r\n{req}", req.len() + 1000).as_bytes());
    // Unknown method.
    let id = s.request("copydesk/noSuchMethod", json!({}));
    assert_eq!(s.response(id)["error"]["code"], -32601);
    assert_eq!(s.response(77)["error"]["code"], -32700);
    // didChange for a document never opened: ignored (logged).
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.md", "version": 3}, "contentChanges": [{"text": "x"}]}),
    );
    // Still serving: open a document and get its diagnostics; hover past the end is answered.
    let mut doc = article("abuse.md");
    s.open(&doc);
    s.diagnostics(&doc.uri, Some(1));
    let h = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc.uri}, "position": {"line": 9999, "character": 9999}}),
    );
    assert!(s.response(h).get("error").is_none());
    // A version going backwards is dropped; the next higher version applies.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc.uri, "version": 0}, "contentChanges": [{"text": "stale"}]}),
    );
    let at = json!({"line": 0, "character": 0});
    s.change(&mut doc, &[(json!({"start": at, "end": at}), "New: ")]);
    check_against_fresh_analysis(&mut s, &doc);
    // Positions past the end of a line clamp to the line's end, past the last line to the end.
    let eol = json!({"line": 0, "character": 9999});
    let eof = json!({"line": 9999, "character": 3});
    s.change(
        &mut doc,
        &[
            (json!({"start": eol, "end": eol}), "!"),
            (json!({"start": eof, "end": eof}), "\nEnd."),
        ],
    );
    assert!(doc.text.lines().next().unwrap().ends_with('!') && doc.text.ends_with("\nEnd."));
    check_against_fresh_analysis(&mut s, &doc);
    // A range inside a surrogate pair cannot be applied: the document is out of sync until the
    // next full text, and says so.
    let emoji = doc.text.find("😡").unwrap();
    let mut p = support::position(&doc.text, emoji, Enc::Utf16);
    p["character"] = json!(p["character"].as_u64().unwrap() + 1);
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc.uri, "version": 10}, "contentChanges": [{"range": {"start": p, "end": p}, "text": "x"}]}),
    );
    let t = s.call("copydesk/documentText", json!({"uri": doc.uri}));
    assert_eq!(t["outOfSync"], true);
    assert_eq!(
        t["text"].as_str(),
        Some(doc.text.as_str()),
        "nothing was applied"
    );
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc.uri, "version": 11}, "contentChanges": [{"text": ARTICLE}]}),
    );
    doc.text = ARTICLE.to_string();
    doc.version = 11;
    check_against_fresh_analysis(&mut s, &doc);
    assert_eq!(s.shutdown_and_exit(), Some(0));
}

#[test]
fn requests_before_initialize_get_the_protocols_error() {
    let mut s = Server::spawn();
    let id = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///a.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(s.response(id)["error"]["code"], -32002);
    s.initialize(&[], json!({}));
    assert_eq!(s.shutdown_and_exit(), Some(0));
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let mut s = Server::spawn();
    s.initialize(&[], json!({}));
    s.notify("exit", Value::Null);
    assert_eq!(s.wait_exit(), Some(1));
}

#[test]
fn end_of_input_ends_the_server() {
    let mut s = Server::spawn();
    s.initialize(&[], json!({}));
    s.close_stdin();
    assert_eq!(s.wait_exit(), Some(1));
}

#[test]
fn closing_a_document_clears_its_diagnostics() {
    let mut s = Server::spawn();
    s.initialize(&[], json!({"debounceMs": 0}));
    let doc = article("close.md");
    s.open(&doc);
    assert!(!s.diagnostics(&doc.uri, Some(1)).is_empty());
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": doc.uri}}),
    );
    assert!(s.diagnostics(&doc.uri, None).is_empty());
}

#[test]
fn ten_thousand_rapid_edits() {
    let mut s = Server::spawn();
    s.initialize(&[], json!({"debounceMs": 0}));
    let mut doc = article("rapid.md");
    s.open(&doc);
    let mut rng = Lcg(99);
    for i in 0..10_000 {
        let len = doc.text.len();
        let p = char_boundary_at(&doc.text, rng.next(len + 1));
        if i % 2 == 1 && p < len {
            let next = p + doc.text[p..].chars().next().unwrap().len_utf8();
            let r = range(&doc.text, p, next, s.enc);
            s.change(&mut doc, &[(r, "")]);
        } else {
            let r = range(&doc.text, p, p, s.enc);
            s.change(&mut doc, &[(r, ["a", "’", "🙂", " "][i % 4])]);
        }
    }
    check_against_fresh_analysis(&mut s, &doc);
}

#[test]
fn configuration_file_and_settings() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("copydesk.toml");
    std::fs::write(&toml, "[rules]\nATT006 = \"loud\"\n").unwrap();
    let toml_uri = support::file_uri(&toml);
    let mut s = Server::spawn();
    s.initialize_in(&["utf-16"], json!({"debounceMs": 0}), dir.path());
    // The client supports dynamic registration: the server asks to watch configuration files.
    let reg = s.wait_for("watcher registration", |m| {
        m["method"] == "client/registerCapability"
    });
    let watcher = &reg["params"]["registrations"][0];
    assert_eq!(watcher["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        watcher["registerOptions"]["watchers"][0]["globPattern"],
        "**/copydesk.toml"
    );
    let mut doc = Doc::new(
        &support::file_uri(&dir.path().join("story.md")),
        "markdown",
        ARTICLE,
    );
    s.open(&doc);
    // The broken file is reported on itself, at the bad value (line 2), not as a crash.
    let cfg = s.diagnostics(&toml_uri, None);
    assert_eq!(cfg.len(), 1, "{cfg:?}");
    assert_eq!(cfg[0]["range"]["start"]["line"], 1);
    assert!(
        cfg[0]["message"]
            .as_str()
            .unwrap()
            .contains("expected one of"),
        "{cfg:?}"
    );
    assert_eq!(att006(&s.diagnostics(&doc.uri, Some(1))).len(), 1);

    // Fixed, and the rule turned off: the file's diagnostic clears and the article is re-checked.
    std::fs::write(&toml, "[rules]\nATT006 = \"off\"\n").unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": toml_uri, "type": 2}]}),
    );
    assert!(s.diagnostics(&toml_uri, None).is_empty());
    assert!(att006(&s.diagnostics(&doc.uri, Some(1))).is_empty());

    // Settings override the file.
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"unbalanced-quotes": "error"}}}}),
    );
    let d = s.diagnostics(&doc.uri, Some(1));
    assert_eq!(att006(&d).len(), 1);
    assert_eq!(att006(&d)[0]["severity"], 1);

    // didSave of the configuration file reloads it too.
    std::fs::write(&toml, "date = \"not a date\"\n").unwrap();
    s.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": toml_uri}}),
    );
    let cfg = s.diagnostics(&toml_uri, None);
    assert_eq!(cfg[0]["range"]["start"]["line"], 0, "{cfg:?}");
    let at = json!({"line": 0, "character": 0});
    s.change(&mut doc, &[(json!({"start": at, "end": at}), "x")]);
    assert!(!s.diagnostics(&doc.uri, Some(2)).is_empty());
}

/// A 50 MB document opens, is analysed and edited. Slow in a debug build: run with
/// `cargo test --release --test lsp_e2e -- --ignored`.
#[test]
#[ignore]
fn fifty_megabyte_document() {
    let mut s = Server::spawn();
    s.initialize(&[], json!({}));
    let mut text = String::with_capacity(51 << 20);
    while text.len() < 50 << 20 {
        text.push_str(ARTICLE);
        text.push('\n');
    }
    let mut doc = Doc::new("file:///tmp/copydesk-big.md", "markdown", &text);
    drop(text);
    s.open(&doc);
    let long = std::time::Duration::from_secs(600);
    let uri = doc.uri.clone();
    let m = s.wait_for_within(long, "diagnostics for the 50 MB document", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["version"] == 1
    });
    assert!(!m["params"]["diagnostics"].as_array().unwrap().is_empty());
    let end = support::position(&doc.text, doc.text.len(), s.enc);
    s.change(
        &mut doc,
        &[(json!({"start": end, "end": end}), "“The end.")],
    );
    let m = s.wait_for_within(long, "diagnostics after the edit", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["version"] == 2
    });
    let last = m["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .last()
        .cloned()
        .unwrap();
    assert_eq!(last["code"], "ATT006");
    assert_eq!(
        last["range"]["start"]["line"].as_u64(),
        end["line"].as_u64()
    );
    let t = s.call("copydesk/documentText", json!({"uri": doc.uri}));
    assert_eq!(t["text"].as_str().map(str::len), Some(doc.text.len()));
    assert_eq!(s.shutdown_and_exit(), Some(0));
}

/// The bundled example with its `copydesk.toml`, found from the document's directory.
#[test]
fn bundled_example_with_its_configuration() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let path = dir.join("nato-summit.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let config = copydesk::config::load_file(&dir.join("copydesk.toml")).unwrap();
    let mut s = Server::spawn();
    s.initialize_in(&["utf-16"], json!({"debounceMs": 0}), &dir);
    let doc = Doc::new(&support::file_uri(&path), "markdown", &text);
    s.open(&doc);
    let diags = s.diagnostics(&doc.uri, Some(1));
    assert!(!diags.is_empty());
    assert_eq!(
        summarize(&diags),
        doc.expected_with(SourceKind::Markdown, s.enc, &config)
    );
    // Hover on the first mention of the Secretary-General: the registry's note when the analysis
    // tracks her, otherwise whatever is under the cursor (a quote or nothing), never an error.
    let a = analysis::analyze(&text, SourceKind::Markdown, &config);
    let at = text.find("Ingrid Halvorsen").unwrap() + "Ingrid ".len();
    let id = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc.uri}, "position": support::position(&text, at, s.enc)}),
    );
    let h = s.response(id);
    assert!(h.get("error").is_none(), "{h}");
    if let Some(m) = a.people.mention_at(at) {
        let person = &a.people.persons[m.person];
        let card = h["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default();
        assert!(card.contains(&person.name), "{card}");
        if let Some(note) = &person.note {
            assert!(card.contains(note.as_str()), "{card}");
        }
    }
    assert_eq!(s.shutdown_and_exit(), Some(0));
}
