//! `copydesk bench PATH...`: throughput of the check pipeline (read + analyse + render to a sink),
//! in parallel across files as `check` runs it.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::args::{BenchArgs, CheckFormat};
use super::check::{FileOutcome, PipelineOptions, check_one, with_pool};
use super::input::{self, ConfigResolver};
use super::render::json;
use crate::analysis::Config;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn run(args: BenchArgs) -> i32 {
    let (files, errors) = input::collect_files(&args.paths);
    for e in &errors {
        eprintln!("error: {e}");
    }
    if files.is_empty() {
        eprintln!("error: nothing to measure");
        return 2;
    }
    let mut resolver = ConfigResolver::new(args.config.as_deref(), None);
    let mut work: Vec<(PathBuf, Arc<Config>)> = Vec::new();
    for f in files {
        match resolver.for_file(&f) {
            Ok(c) => work.push((f, c)),
            Err(e) => eprintln!("error: {}: skipped: {e}", f.display()),
        }
    }
    let opts = PipelineOptions {
        format: args.format,
        color: false,
    };
    let runs = args.runs.max(1);
    let one_run = || -> (Duration, usize, usize, Vec<Duration>, usize) {
        let start = Instant::now();
        let results: Vec<(Duration, usize, usize, bool)> = with_pool(args.jobs, || {
            work.par_iter()
                .enumerate()
                .map(|(index, (path, config))| {
                    let t = Instant::now();
                    let outcome = check_one(index, path, config, opts);
                    let elapsed = t.elapsed();
                    match outcome {
                        FileOutcome::Checked(f) => {
                            // Human, github and HTML output is rendered inside `check_one`; JSON and
                            // SARIF are assembled at the end of a run, so serialise this file's
                            // findings to a sink here to count that work.
                            let mut elapsed = elapsed;
                            if matches!(opts.format, CheckFormat::Json | CheckFormat::Sarif) {
                                let t = Instant::now();
                                let out: Vec<_> =
                                    f.diagnostics.iter().map(json::diagnostic_out).collect();
                                let _ = serde_json::to_writer(std::io::sink(), &out);
                                elapsed += t.elapsed();
                            }
                            std::hint::black_box(&f.rendered);
                            (elapsed, f.bytes, f.diagnostics.len(), true)
                        }
                        FileOutcome::Failed(_) => (elapsed, 0, 0, false),
                    }
                })
                .collect()
        });
        let wall = start.elapsed();
        let bytes = results.iter().map(|r| r.1).sum();
        let findings = results.iter().map(|r| r.2).sum();
        let failed = results.iter().filter(|r| !r.3).count();
        (
            wall,
            bytes,
            findings,
            results.into_iter().map(|r| r.0).collect(),
            failed,
        )
    };
    // Warm-up (page cache, allocator, lazily built tables).
    let (_, bytes, findings, _, failed) = one_run();
    if failed > 0 {
        eprintln!("warning: {failed} files could not be checked (run `copydesk check` to see why)");
    }
    let mut walls = Vec::with_capacity(runs);
    let mut latencies = Vec::with_capacity(runs * work.len());
    for _ in 0..runs {
        let (wall, _, _, lat, _) = one_run();
        walls.push(wall);
        latencies.extend(lat);
    }
    walls.sort();
    latencies.sort();
    let median_wall = percentile(&walls, 50.0);
    let best_wall = walls[0];
    let mb = bytes as f64 / 1_000_000.0;
    let threads = args.jobs.unwrap_or_else(rayon::current_num_threads);
    println!(
        "copydesk bench: {} files, {:.2} MB, {} findings, {} runs after 1 warm-up, {} threads, format {:?}",
        work.len(),
        mb,
        findings,
        runs,
        threads,
        args.format
    );
    println!(
        "wall time per run: median {:.1} ms, best {:.1} ms",
        ms(median_wall),
        ms(best_wall)
    );
    println!(
        "throughput (median run): {:.1} MB/s, {:.0} files/s",
        mb / median_wall.as_secs_f64(),
        work.len() as f64 / median_wall.as_secs_f64()
    );
    println!(
        "per-file latency over all runs: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        ms(percentile(&latencies, 50.0)),
        ms(percentile(&latencies, 99.0)),
        ms(latencies.last().copied().unwrap_or_default())
    );
    i32::from(!errors.is_empty()) * 2
}
