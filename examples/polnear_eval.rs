//! Writes quote and speaker predictions for the PolNeAR dev articles in the JSONL format of
//! `score.py`, analysing each `.txt` exactly as `copydesk facts` does (plain text, default config).
//!
//! ```text
//! cargo run --release --example polnear_eval -- [CORPUS_DIR] [OUT.jsonl]
//! python3 CORPUS_DIR/score.py CORPUS_DIR OUT.jsonl --strict-outside
//! ```
//!
//! Only quotes that read as speech are predicted (scare quotes and titles are left out, as
//! `quote-without-speaker` leaves them out). Offsets are Unicode code points, as the scorer wants.
//! A bare pronoun is never predicted as a speaker ("they", "it": the scorer counts it wrong, and
//! a reader learns nothing from it): such a quote is predicted with no speaker.
//! Also prints how often each ATT/PPL rule fired.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;

use copydesk::analysis::quotes::QuoteStyle;
use copydesk::analysis::{self, Config, SourceKind};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/work/shared/corpus/polnear-dev".to_string()),
    );
    let out_path = PathBuf::from(args.next().unwrap_or_else(|| "pred.jsonl".to_string()));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no corpus at {}", dir.display());
        std::process::exit(2);
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = match std::fs::File::create(&out_path) {
        Ok(f) => std::io::BufWriter::new(f),
        Err(e) => {
            eprintln!("cannot write {}: {e}", out_path.display());
            std::process::exit(2);
        }
    };
    let config = Config::default();
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let id = file
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let a = analysis::analyze(&text, SourceKind::PlainText, &config);
        // Byte offset → code point offset.
        let mut cp = vec![0usize; text.len() + 1];
        let mut n = 0;
        for (i, c) in text.char_indices() {
            for slot in cp.iter_mut().skip(i).take(c.len_utf8()) {
                *slot = n;
            }
            n += 1;
        }
        cp[text.len()] = n;
        let mut quotes = Vec::new();
        for at in &a.people.attributions {
            let q = &a.document.quotes[at.quote];
            // The gold marks only double-quoted spans as quotes (`''…''` and single quotes are not
            // in it), so only those are predicted.
            if q.parent.is_some() || !at.speech || q.style != QuoteStyle::Double {
                continue;
            }
            let speaker = at.speaker.as_deref().filter(|s| !bare_pronoun(s));
            quotes.push(serde_json::json!({
                "start": cp[q.range.start],
                "end": cp[q.range.end],
                "speaker": speaker,
            }));
        }
        for d in &a.diagnostics {
            *counts.entry(d.code.code()).or_default() += 1;
        }
        let line = serde_json::json!({"id": id, "quotes": quotes});
        let _ = writeln!(out, "{line}");
    }
    let _ = out.flush();
    eprintln!("{} articles -> {}", files.len(), out_path.display());
    for (code, n) in counts {
        eprintln!("{code}: {n}");
    }
}

/// A speaker that is only a pronoun ("they", "It"): it names nobody.
fn bare_pronoun(speaker: &str) -> bool {
    matches!(
        speaker.trim().to_lowercase().as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "him" | "her" | "them" | "us"
    )
}
