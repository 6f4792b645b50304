//! A newsroom-sized reference sheet: 100,000 people (each with an office) and 10,000 bodies
//! (each with a count), generated here, never committed. Prints the time to load it (TOML, and
//! the people as CSV) and the analysis throughput with and without it, on the same text and the
//! same article date. Budget: load under 1 s, throughput within 10%. Run with
//! `cargo bench --bench reference [-- FILE]`.

mod common;

use std::fmt::Write as _;
use std::time::Instant;

use copydesk::analysis::{self, Config, Date, SourceKind};

const PEOPLE: usize = 100_000;
const BODIES: usize = 10_000;

/// A pronounceable name part from a number (distinct numbers give distinct names).
fn part(mut n: usize) -> String {
    const SYL: [&str; 16] = [
        "ka", "lo", "mi", "ren", "sa", "tor", "vi", "ne", "dan", "el", "gar", "hu", "is", "jo",
        "per", "qua",
    ];
    let mut s = String::new();
    loop {
        s.push_str(SYL[n % 16]);
        n /= 16;
        if n == 0 {
            break;
        }
    }
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn sheets() -> (String, String, String) {
    let mut people = String::with_capacity(PEOPLE * 260);
    let mut csv = String::with_capacity(PEOPLE * 120);
    csv.push_str("name,aliases,title,from,to,born,source\n");
    for i in 0..PEOPLE {
        let (first, last) = (part(i % 997), part(i));
        let year = 1940 + i % 60;
        let _ = write!(
            people,
            "[[person]]\nname = \"{first} {last}\"\naliases = [\"{last}\"]\nborn = \"{year}-0{}-1{}\"\n\
             source = \"Newsroom people database, record {i}\"\n\n[[person.office]]\n\
             title = \"Mayor of {last}ville\"\nfrom = \"20{:02}-01-01\"\n\n",
            1 + i % 9,
            i % 10,
            i % 25
        );
        let _ = writeln!(
            csv,
            "{first} {last},{last},Mayor of {last}ville,20{:02}-01-01,,{year}-0{}-1{},record {i}",
            i % 25,
            1 + i % 9,
            i % 10
        );
    }
    let mut bodies = String::with_capacity(BODIES * 200);
    for i in 0..BODIES {
        let name = part(i + 50_000);
        let _ = write!(
            bodies,
            "[[body]]\nname = \"{name} Council\"\naliases = [\"{name} Assembly\"]\n\
             source = \"Statute {i}\"\n\n[[body.count]]\nnouns = [\"members\", \"seats\"]\n\
             value = {}\nfrom = \"2000-01-01\"\n\n",
            9 + i % 200
        );
    }
    (people, bodies, csv)
}

fn main() {
    let arg = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let (name, text) = match arg {
        Some(path) => {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            (path, text)
        }
        None => common::bench_text(1_000_000),
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    let (people, bodies, csv) = sheets();
    std::fs::write(dir.path().join("people.toml"), &people).unwrap();
    std::fs::write(dir.path().join("bodies.toml"), &bodies).unwrap();
    std::fs::write(dir.path().join("people.csv"), &csv).unwrap();
    let toml_cfg = dir.path().join("toml").join("copydesk.toml");
    let csv_cfg = dir.path().join("csv").join("copydesk.toml");
    for (cfg, sheets) in [
        (&toml_cfg, "[\"../people.toml\", \"../bodies.toml\"]"),
        (&csv_cfg, "[\"../people.csv\", \"../bodies.toml\"]"),
    ] {
        std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
        std::fs::write(cfg, format!("reference = {sheets}\n")).unwrap();
    }
    println!(
        "sheet: {PEOPLE} people, {BODIES} bodies ({:.1} MB TOML people, {:.1} MB CSV people, {:.1} MB bodies)",
        people.len() as f64 / 1e6,
        csv.len() as f64 / 1e6,
        bodies.len() as f64 / 1e6
    );
    let mut loaded = None;
    for (label, cfg) in [("TOML", &toml_cfg), ("CSV", &csv_cfg)] {
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let t = Instant::now();
            let c = copydesk::config::load_file(cfg).expect("the generated sheet loads");
            best = best.min(t.elapsed().as_secs_f64());
            assert_eq!(c.reference.people().len(), PEOPLE);
            assert_eq!(c.reference.bodies().len(), BODIES);
            loaded.get_or_insert(c);
        }
        println!(
            "load ({label} people + TOML bodies): {:.0} ms (best of 3)",
            best * 1e3
        );
    }
    let date = Date::new(2022, 3, 24);
    let mut with = loaded.expect("loaded");
    with.article_date = date;
    let without = Config {
        article_date: date,
        ..Config::default()
    };
    println!("input: {name} ({:.2} MB)", text.len() as f64 / 1e6);
    // Interleaved, best of seven each: the machine is shared and noisy. Wall time is what a user
    // waits; CPU time (all threads, from /proc on Linux) is less disturbed by other processes.
    let (mut best_without, mut best_with) = (f64::INFINITY, f64::INFINITY);
    let (mut cpu_without, mut cpu_with) = (f64::INFINITY, f64::INFINITY);
    let mut findings = (0, 0);
    for _ in 0..7 {
        let (t, c) = (Instant::now(), cpu_seconds());
        findings.0 = analysis::analyze(&text, SourceKind::PlainText, &without)
            .diagnostics
            .len();
        best_without = best_without.min(t.elapsed().as_secs_f64());
        cpu_without = cpu_without.min(cpu_seconds() - c);
        let (t, c) = (Instant::now(), cpu_seconds());
        findings.1 = analysis::analyze(&text, SourceKind::PlainText, &with)
            .diagnostics
            .len();
        best_with = best_with.min(t.elapsed().as_secs_f64());
        cpu_with = cpu_with.min(cpu_seconds() - c);
    }
    let mbps = |s: f64| text.len() as f64 / s / 1e6;
    println!(
        "wall: without the sheet {:.1} MB/s ({} findings); with it {:.1} MB/s ({} findings); x{:.3}",
        mbps(best_without),
        findings.0,
        mbps(best_with),
        findings.1,
        best_without / best_with
    );
    if cpu_without.is_finite() && cpu_without > 0.0 {
        println!(
            "cpu:  without the sheet {:.0} ms; with it {:.0} ms; x{:.3}",
            cpu_without * 1e3,
            cpu_with * 1e3,
            cpu_without / cpu_with
        );
    }
}

/// CPU seconds used so far by this process, all threads (user + system), from `/proc/self/stat`
/// (Linux; clock ticks of 1/100 s, the kernel's fixed USER_HZ). NaN elsewhere.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return f64::NAN;
    };
    // Fields after the command name (which may hold spaces) start at its closing parenthesis;
    // utime and stime are the 14th and 15th fields of the line.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    match (
        f.get(11).and_then(|u| u.parse::<f64>().ok()),
        f.get(12).and_then(|s| s.parse::<f64>().ok()),
    ) {
        (Some(u), Some(s)) => (u + s) / 100.0,
        _ => f64::NAN,
    }
}
