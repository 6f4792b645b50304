//! Analysis throughput and scaling: analyses one document at 1×, 2× and 4× its size and prints
//! MB/s for each. Linear work keeps MB/s flat as the input doubles; a quadratic step shows as a
//! falling figure. Run with `cargo bench --bench scaling [-- FILE]`. Defaults to
//! ../shared/bench/large.txt when present, else to the bundled fixtures.

mod common;

use std::time::Instant;

use copydesk::analysis::{self, Config, SourceKind};

fn default_input() -> (String, String) {
    common::bench_text(1_000_000)
}

fn main() {
    let arg = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let (name, base) = match arg {
        Some(path) => {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            (path, text)
        }
        None => default_input(),
    };
    println!("input: {name} ({:.2} MB)", base.len() as f64 / 1e6);
    let config = Config::default();
    for kind in [SourceKind::PlainText, SourceKind::Markdown] {
        let mut first = None;
        for factor in [1usize, 2, 4] {
            let text = base.repeat(factor);
            // Best of three runs: the machine is shared and noisy.
            let mut best = f64::INFINITY;
            let mut findings = 0;
            for _ in 0..3 {
                let t = Instant::now();
                let a = analysis::analyze(&text, kind, &config);
                best = best.min(t.elapsed().as_secs_f64());
                findings = a.diagnostics.len();
            }
            let mbps = text.len() as f64 / best / 1e6;
            let ratio = mbps / *first.get_or_insert(mbps);
            println!(
                "{kind:?} {factor}x: {:>7.2} MB in {:>7.1} ms = {mbps:>6.1} MB/s (x{ratio:.2} of 1x), {findings} findings",
                text.len() as f64 / 1e6,
                best * 1e3
            );
        }
    }
}
