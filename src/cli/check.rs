//! `copydesk check`: collect files, analyse them in parallel, render in input order.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::args::{CheckArgs, CheckFormat};
use super::input::{self, ConfigResolver, InputError};
use super::lines::{LineIndex, Position};
use super::render;
use crate::analysis::{self, Config, Diagnostic, Severity};

/// A finding with its 1-based positions resolved.
#[derive(Clone, Debug)]
pub struct Located {
    pub diag: Diagnostic,
    pub start: Position,
    pub end: Position,
    /// Start and end of each `diag.related`, same order.
    pub related: Vec<(Position, Position)>,
    /// Start and end of each edit of `diag.fix`, same order.
    pub edits: Vec<(Position, Position)>,
}

/// One article that was read and analysed.
#[derive(Clone, Debug)]
pub struct CheckedFile {
    pub path: PathBuf,
    pub diagnostics: Vec<Located>,
    /// Bytes read.
    pub bytes: usize,
    /// The per-file part of a streaming format (human, github), rendered in the parallel stage.
    pub rendered: String,
}

#[derive(Clone, Debug)]
pub enum FileOutcome {
    Checked(CheckedFile),
    Failed(InputError),
}

impl FileOutcome {
    pub fn path(&self) -> &Path {
        match self {
            FileOutcome::Checked(c) => &c.path,
            FileOutcome::Failed(e) => &e.path,
        }
    }
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub files: usize,
    pub files_with_findings: usize,
    pub failed: usize,
    pub errors: usize,
    pub warnings: usize,
    pub information: usize,
    pub hints: usize,
}

impl Counts {
    pub fn of(outcomes: &[FileOutcome]) -> Counts {
        let mut c = Counts::default();
        for o in outcomes {
            match o {
                FileOutcome::Checked(f) => {
                    c.files += 1;
                    if !f.diagnostics.is_empty() {
                        c.files_with_findings += 1;
                    }
                    for d in &f.diagnostics {
                        match d.diag.severity {
                            Severity::Error => c.errors += 1,
                            Severity::Warning => c.warnings += 1,
                            Severity::Information => c.information += 1,
                            Severity::Hint => c.hints += 1,
                        }
                    }
                }
                FileOutcome::Failed(_) => c.failed += 1,
            }
        }
        c
    }

    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.information + self.hints
    }
}

/// Resolves every diagnostic's positions in one pass over the text.
pub fn locate(text: &str, index: &LineIndex, diagnostics: Vec<Diagnostic>) -> Vec<Located> {
    let mut offsets = Vec::with_capacity(diagnostics.len() * 2);
    for d in &diagnostics {
        offsets.push(d.range.start);
        offsets.push(d.range.end);
        for r in &d.related {
            offsets.push(r.range.start);
            offsets.push(r.range.end);
        }
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            offsets.push(e.range.start);
            offsets.push(e.range.end);
        }
    }
    let positions = index.positions(text, &offsets);
    let mut it = positions.chunks_exact(2).map(|p| (p[0], p[1]));
    diagnostics
        .into_iter()
        .map(|diag| {
            let (start, end) = it.next().unwrap_or_default();
            let related = diag
                .related
                .iter()
                .map(|_| it.next().unwrap_or_default())
                .collect();
            let edits = diag
                .fix
                .iter()
                .flat_map(|f| &f.edits)
                .map(|_| it.next().unwrap_or_default())
                .collect();
            Located {
                diag,
                start,
                end,
                related,
                edits,
            }
        })
        .collect()
}

/// Options of the per-file pipeline.
#[derive(Clone, Copy, Debug)]
pub struct PipelineOptions {
    pub format: CheckFormat,
    pub color: bool,
}

/// Reads, analyses and renders one file, the `index`-th of the run (the HTML report's ids count
/// files). Never panics: a panic in the analysis becomes an internal error for this file.
pub fn check_one(index: usize, path: &Path, config: &Config, opts: PipelineOptions) -> FileOutcome {
    let text = match input::read_article(path) {
        Ok(t) => t,
        Err(e) => return FileOutcome::Failed(e),
    };
    let kind = input::source_kind(path);
    let result = super::guarded(|| {
        debug_panic_hook(&text);
        let mut analysis = analysis::analyze(&text, kind, config);
        let lines = LineIndex::new(&text);
        let diagnostics = locate(&text, &lines, std::mem::take(&mut analysis.diagnostics));
        let display = display_path(path);
        let rendered = match opts.format {
            CheckFormat::Human => {
                render::human::render_file(&display, &text, &lines, &diagnostics, opts.color)
            }
            CheckFormat::Github => render::github::render_file(&display, &diagnostics),
            CheckFormat::Html => {
                render::html::render_file(index, &display, &text, &analysis, &diagnostics)
            }
            CheckFormat::Json | CheckFormat::Sarif => String::new(),
        };
        (diagnostics, rendered)
    });
    match result {
        Ok((diagnostics, rendered)) => FileOutcome::Checked(CheckedFile {
            path: path.to_path_buf(),
            diagnostics,
            bytes: text.len(),
            rendered,
        }),
        Err(what) => FileOutcome::Failed(InputError {
            path: path.to_path_buf(),
            message: format!(
                "internal error while checking this file ({what}); the other files were checked. Please report this with the file"
            ),
        }),
    }
}

/// Test support: `COPYDESK_DEBUG_PANIC=MARKER` makes the analysis of any file containing MARKER
/// panic, so that the test suite can prove one bad file does not stop the run.
fn debug_panic_hook(text: &str) {
    if let Some(marker) = std::env::var_os("COPYDESK_DEBUG_PANIC") {
        let marker = marker.to_string_lossy();
        if !marker.is_empty() && text.contains(marker.as_ref()) {
            panic!("COPYDESK_DEBUG_PANIC marker found");
        }
    }
}

/// The path as shown in reports: as given on the command line, with `/` separators.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.to_string()
    }
}

/// Runs `f` on a pool of `jobs` threads, or on rayon's global pool.
pub fn with_pool<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> T {
    match jobs {
        Some(n) if n > 0 => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(f),
            Err(_) => f(),
        },
        _ => f(),
    }
}

/// Collects the files, resolves configurations, and runs the pipeline in parallel. Returns the
/// outcomes in input order and the errors found before any file was read.
pub fn run_pipeline(
    paths: &[PathBuf],
    config: Option<&Path>,
    date: Option<analysis::Date>,
    jobs: Option<usize>,
    opts: PipelineOptions,
) -> (Vec<FileOutcome>, Vec<InputError>) {
    let (files, mut early) = input::collect_files(paths);
    let mut resolver = ConfigResolver::new(config, date);
    let mut reported_configs = std::collections::HashSet::new();
    let work: Vec<(PathBuf, Result<Arc<Config>, String>)> = files
        .into_iter()
        .map(|f| {
            let config = resolver.for_file(&f).map_err(|e| {
                if reported_configs.insert(e.clone()) {
                    format!("not checked because its configuration is invalid: {e}")
                } else {
                    "not checked because its configuration is invalid (see above)".to_string()
                }
            });
            (f, config)
        })
        .collect();
    early.append(&mut resolver.sheet_errors);
    let outcomes = with_pool(jobs, || {
        work.par_iter()
            .enumerate()
            .map(|(index, (path, config))| match config {
                Ok(config) => check_one(index, path, config, opts),
                Err(message) => FileOutcome::Failed(InputError {
                    path: path.clone(),
                    message: message.clone(),
                }),
            })
            .collect()
    });
    (outcomes, early)
}

/// Whether stdout gets colour: a terminal, and `NO_COLOR` unset or empty.
pub fn stdout_color() -> bool {
    use std::io::IsTerminal as _;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes `bytes` to `path` through a temporary file in the same directory, renamed over `path`
/// at the end: a reader (a browser, a CI upload) never sees half a report, and a failed run
/// leaves the previous report as it was.
fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"))?;
    // A fresh name beside the destination (`create_new`, so two runs never share one).
    let mut attempt = 0;
    let (tmp, mut file) = loop {
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{attempt}.tmp"));
        let tmp = dir.join(tmp_name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 1000 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    };
    let result = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            std::fs::rename(&tmp, path)
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

pub fn run(args: CheckArgs) -> i32 {
    let opts = PipelineOptions {
        format: args.format,
        color: args.format == CheckFormat::Human && args.output.is_none() && stdout_color(),
    };
    let (outcomes, early) = run_pipeline(
        &args.paths,
        args.config.as_deref(),
        args.date,
        args.jobs,
        opts,
    );
    let mut io_error = !early.is_empty();
    for e in &early {
        eprintln!("error: {e}");
    }
    for o in &outcomes {
        if let FileOutcome::Failed(e) = o {
            io_error = true;
            eprintln!("error: {e}");
        }
    }
    let output = match args.format {
        CheckFormat::Human => render::human::render_report(&outcomes, opts.color),
        CheckFormat::Github => render::github::render_report(&outcomes),
        CheckFormat::Json => render::json::render_report(&outcomes),
        CheckFormat::Sarif => render::sarif::render_report(&outcomes),
        CheckFormat::Html => render::html::render_report(&outcomes, &early),
    };
    if let Some(file) = &args.output {
        if let Err(e) = write_replacing(file, output.as_bytes()) {
            eprintln!(
                "error: cannot write the report to {}: {}",
                file.display(),
                input::io_message(&e)
            );
            return 2;
        }
    } else {
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout
            .write_all(output.as_bytes())
            .and_then(|()| stdout.flush())
        {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("error: cannot write the report: {}", input::io_message(&e));
            }
            return 2;
        }
    }
    if io_error {
        return 2;
    }
    let threshold = args.fail_on.severity();
    let failing = outcomes.iter().any(|o| match o {
        FileOutcome::Checked(f) => f.diagnostics.iter().any(|d| d.diag.severity >= threshold),
        FileOutcome::Failed(_) => false,
    });
    i32::from(failing)
}
