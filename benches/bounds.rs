//! Resource bounds (issue 7): time and peak memory of `copydesk check` on 12.5, 25, 50 and 100 MB
//! articles, and evidence that no analysis step is quadratic in sentences, quotes or figures.
//!
//! ```sh
//! cargo bench --bench bounds            # everything (the 100 MB case needs ~2 GB of free memory)
//! cargo bench --bench bounds -- cli     # only the CLI sizes
//! cargo bench --bench bounds -- shapes  # only the single-paragraph / quotes / figures inputs
//! ```
//!
//! The CLI path: the bench writes each generated article to a temporary file and re-runs itself
//! as a child process that executes exactly `copydesk check --format json FILE` (through
//! `copydesk::cli::main`, output to /dev/null) and then reports its own peak resident memory
//! (`VmHWM` in /proc/self/status), so the figure is the whole CLI's peak, read once after the
//! work, not sampled. Input: ../shared/bench/large.txt repeated when present, else the bundled
//! fixtures repeated. Linear growth shows as a flat MB/s column and a flat "peak / input" column.
//!
//! The shapes: one giant paragraph (no blank line), 25k to 200k quotes, 25k to 200k figures,
//! each analysed in process at n, 2n, 4n and 8n; a quadratic step shows as a time ratio near 4 per
//! doubling instead of 2.

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::Instant;

use copydesk::analysis::{self, Config, SourceKind};

const CHILD_ENV: &str = "COPYDESK_BOUNDS_CHILD";

fn vm_hwm_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn base_text() -> (String, String) {
    common::bench_text(0)
}

fn cli_sizes() {
    let (name, base) = base_text();
    println!("CLI: copydesk check --format json FILE, FILE = {name} repeated");
    println!(
        "{:>8} {:>10} {:>9} {:>11} {:>12}",
        "MB", "time s", "MB/s", "peak MB", "peak/input"
    );
    let dir = std::env::temp_dir().join(format!("copydesk-bounds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for mb in [12.5f64, 25.0, 50.0, 100.0] {
        let want = (mb * 1024.0 * 1024.0) as usize;
        let path = dir.join(format!("article-{mb}.txt"));
        {
            let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
            let mut written = 0;
            while written < want {
                let take = base.len().min(want - written);
                let mut cut = take;
                while !base.is_char_boundary(cut) {
                    cut -= 1;
                }
                f.write_all(&base.as_bytes()[..cut]).unwrap();
                written += cut.max(1);
            }
        }
        let len = std::fs::metadata(&path).unwrap().len() as f64;
        let t = Instant::now();
        let out = Command::new(std::env::current_exe().unwrap())
            .env(CHILD_ENV, "1")
            .args(["check", "--format", "json"])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let secs = t.elapsed().as_secs_f64();
        let err = String::from_utf8_lossy(&out.stderr);
        let peak_kb: f64 = err
            .lines()
            .find_map(|l| l.strip_prefix("bounds-child VmHWM kB "))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(f64::NAN);
        println!(
            "{:>8.1} {:>10.2} {:>9.1} {:>11.1} {:>12.2}   (exit {:?})",
            len / 1048576.0,
            secs,
            len / 1e6 / secs,
            peak_kb / 1024.0,
            peak_kb * 1024.0 / len,
            out.status.code()
        );
        let _ = std::fs::remove_file(&path);
    }
    let _ = std::fs::remove_dir(&dir);
}

/// In the child: run the real CLI, then report peak memory on stderr.
fn child() -> ! {
    // `copydesk::cli::main` parses std::env::args: argv[0] is this bench, then `check ...`
    // (`lsp` is not wired in here: it would exit 2).
    let code = copydesk::cli::main(|| 2);
    eprintln!("bounds-child VmHWM kB {}", vm_hwm_kb());
    std::process::exit(code)
}

fn time_best(text: &str, kind: SourceKind) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut n = 0;
    for _ in 0..2 {
        let t = Instant::now();
        let a = analysis::analyze(text, kind, &Config::default());
        best = best.min(t.elapsed().as_secs_f64());
        n = a.diagnostics.len();
    }
    (best, n)
}

fn shape(label: &str, make: impl Fn(usize) -> String, n0: usize) {
    let mut prev: Option<f64> = None;
    for n in [n0, 2 * n0, 4 * n0, 8 * n0] {
        let text = make(n);
        let (secs, findings) = time_best(&text, SourceKind::PlainText);
        let ratio = prev.map_or(String::from("-"), |p| format!("{:.2}", secs / p));
        println!(
            "{label:<34} n={n:>7} {:>7.2} MB {:>9.1} ms  x{ratio:<5} per doubling  {findings} findings",
            text.len() as f64 / 1e6,
            secs * 1e3
        );
        prev = Some(secs);
    }
}

fn shapes() {
    println!("Shapes (in-process analyze, plain text, best of 2; linear = x2.00 per doubling)");
    // One giant paragraph: n sentences, no blank line.
    shape(
        "one paragraph, n sentences",
        |n| {
            let mut s = String::with_capacity(n * 80);
            for i in 0..n {
                s.push_str(&format!(
                    "Councillor Ada Brennan met {} residents on Tuesday, officials said. ",
                    i % 97 + 3
                ));
            }
            s
        },
        25_000,
    );
    // n quotations, ten per paragraph, attributed and not.
    shape(
        "n quotes (10 per paragraph)",
        |n| {
            let mut s = String::with_capacity(n * 60);
            for i in 0..n {
                if i % 2 == 0 {
                    s.push_str(&format!(
                        "\"We will build {} homes,\" Brennan said. ",
                        i % 50 + 2
                    ));
                } else {
                    s.push_str("\u{201c}It is not enough,\u{201d} a resident said. ");
                }
                if i % 10 == 9 {
                    s.push_str("\n\n");
                }
            }
            s
        },
        25_000,
    );
    // n quotations in one paragraph.
    shape(
        "n quotes (one paragraph)",
        |n| "\"Yes,\" she said. ".repeat(n),
        25_000,
    );
    // n figures: counts, money, percentages, years, a few per sentence.
    shape(
        "n figures (4 per sentence)",
        |n| {
            let mut s = String::with_capacity(n * 25);
            for i in 0..n / 4 {
                s.push_str(&format!(
                    "The fund grew {}% to ${}.{} million in {}, up from {} staff. ",
                    i % 90 + 1,
                    i % 900 + 10,
                    i % 10,
                    1990 + i % 30,
                    i % 5000 + 7
                ));
                if i % 8 == 7 {
                    s.push_str("\n\n");
                }
            }
            s
        },
        25_000,
    );
}

fn main() {
    if std::env::var_os(CHILD_ENV).is_some() {
        child();
    }
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let want = |w: &str| filter.is_empty() || filter.iter().any(|f| f == w);
    if want("shapes") {
        shapes();
    }
    if want("cli") {
        cli_sizes();
    }
}
