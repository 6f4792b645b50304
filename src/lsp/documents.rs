//! The document actor: one task owns every open document's rope, applies `DocEvent`s strictly in
//! channel order, schedules (debounced) analysis off the protocol task, drops stale results and
//! answers queries from request handlers.
//!
//! Architecture invariants:
//! - Notification handlers only `send` a [`DocEvent`]; nothing here is reordered.
//! - A document's `revision` rises on every text or configuration change; an analysis result for an
//!   older revision is dropped, and at most one analysis per document is in flight.
//! - A change that cannot be applied (a range inside a character, reversed, or a partial change on
//!   a desynced document) marks the document desynced: nothing is published for it until a
//!   full-text change arrives.
//! - `publishDiagnostics` carries the client's version of the text that was analysed.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ropey::Rope;
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;
use tower_lsp_server::ls_types::{self as lsp, MessageType, TextDocumentContentChangeEvent, Uri};

use super::convert::{self, Encoding};
use super::features::diagnostics;
use super::settings::Settings;
use super::snapshot::Snapshot;
use crate::analysis::{Analysis, Config, SourceKind, parallel};
use crate::config as config_file;

/// The analysis entry point (swappable in tests, e.g. for one that panics).
pub type Analyzer = fn(&str, SourceKind, &Config) -> Analysis;

/// The text the server holds for a document (the `copydesk/documentText` debugging request).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocText {
    pub text: String,
    pub version: i32,
    pub desynced: bool,
}

/// Set once by `initialize`.
#[derive(Clone, Debug, Default)]
pub struct InitInfo {
    pub encoding: Encoding,
    pub roots: Vec<PathBuf>,
    pub options: Option<Value>,
}

pub enum DocEvent {
    Init(InitInfo),
    Open {
        uri: Uri,
        language_id: String,
        version: i32,
        text: String,
    },
    Change {
        uri: Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    },
    Close {
        uri: Uri,
    },
    Saved {
        uri: Uri,
    },
    Settings(Value),
    WatchedFiles(Vec<Uri>),
    /// Replies with the current text (after every earlier event).
    Text {
        uri: Uri,
        reply: oneshot::Sender<Option<DocText>>,
    },
    /// Replies with the analysis of the current text once it is done (`None` when the document is
    /// not open, desynced, or its analysis failed).
    Analysis {
        uri: Uri,
        reply: oneshot::Sender<Option<Arc<Snapshot>>>,
    },
}

/// What the actor asks the client side to send.
#[derive(Debug)]
pub enum Outgoing {
    Publish {
        uri: Uri,
        diagnostics: Vec<lsp::Diagnostic>,
        version: Option<i32>,
    },
    Log {
        typ: MessageType,
        message: String,
    },
}

struct Finished {
    uri: Uri,
    revision: u64,
    outcome: Result<(Arc<Snapshot>, Vec<lsp::Diagnostic>), String>,
}

struct Doc {
    version: i32,
    kind: SourceKind,
    rope: Rope,
    revision: u64,
    desynced: bool,
    analyzed: Option<(u64, Arc<Snapshot>)>,
    failed: Option<u64>,
    /// The revision being analysed, if any.
    in_flight: Option<u64>,
    due: Option<Instant>,
    waiters: Vec<oneshot::Sender<Option<Arc<Snapshot>>>>,
    config: Arc<Config>,
}

impl Doc {
    fn is_current(&self) -> bool {
        self.analyzed
            .as_ref()
            .is_some_and(|(r, _)| *r == self.revision)
            || self.failed == Some(self.revision)
    }
}

type Job = Box<dyn FnOnce() + Send>;

enum Step {
    Event(DocEvent),
    Finished(Finished),
    Due,
}

/// A channel handle for the handlers.
#[derive(Clone)]
pub struct Documents {
    tx: mpsc::UnboundedSender<DocEvent>,
}

impl Documents {
    /// Starts the actor on the current tokio runtime.
    pub fn spawn(analyzer: Analyzer, out: mpsc::UnboundedSender<Outgoing>) -> Documents {
        let (tx, rx) = mpsc::unbounded_channel();
        let actor = Actor::new(analyzer, out);
        tokio::spawn(actor.run(rx));
        Documents { tx }
    }

    /// Enqueues an event. Never awaits: the order of `send` calls is the order of application.
    pub fn send(&self, event: DocEvent) {
        // The actor lives as long as the runtime; a closed channel means we are shutting down.
        let _ = self.tx.send(event);
    }

    pub async fn text(&self, uri: Uri) -> Option<DocText> {
        let (reply, rx) = oneshot::channel();
        self.send(DocEvent::Text { uri, reply });
        rx.await.ok().flatten()
    }

    pub async fn analysis(&self, uri: Uri) -> Option<Arc<Snapshot>> {
        let (reply, rx) = oneshot::channel();
        self.send(DocEvent::Analysis { uri, reply });
        rx.await.ok().flatten()
    }
}

struct Actor {
    analyzer: Analyzer,
    out: mpsc::UnboundedSender<Outgoing>,
    docs: HashMap<Uri, Doc>,
    /// Revisions are unique across documents and reopenings, so a result computed for a closed
    /// document can never pass for one of its reopened successor.
    revisions: u64,
    init: InitInfo,
    settings: Settings,
    /// Parsed configuration files (`None`: broken, its diagnostic is published).
    files: HashMap<PathBuf, Option<Arc<Config>>>,
    /// Configuration files that currently have a diagnostic published.
    broken: HashSet<PathBuf>,
    /// The reference sheets the loaded configuration files name (a change reloads them).
    sheets: HashSet<PathBuf>,
    /// Reference sheets that currently have a diagnostic published, with the configuration file
    /// that names them.
    broken_sheets: HashMap<PathBuf, PathBuf>,
    done_tx: mpsc::UnboundedSender<Finished>,
    /// The analysis thread. One dedicated thread (rather than tokio's blocking pool) keeps the
    /// allocations of large analyses in one malloc arena: with a pool, every thread's arena kept
    /// its own freed copy and resident memory grew with each edit of a large document.
    jobs: std::sync::mpsc::Sender<Job>,
    done_rx: Option<mpsc::UnboundedReceiver<Finished>>,
}

fn file_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str().eq_ignore_ascii_case("file") {
        uri.to_file_path().map(|p| p.into_owned())
    } else {
        None
    }
}

fn is_config_uri(uri: &Uri) -> bool {
    uri.path().as_str().ends_with(config_file::FILE_NAME)
}

fn source_kind(language_id: &str, uri: &Uri) -> SourceKind {
    if language_id.eq_ignore_ascii_case("markdown") {
        return SourceKind::Markdown;
    }
    let path = uri.path().as_str();
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((_, ext)) => SourceKind::from_extension(ext),
        None => SourceKind::PlainText,
    }
}

/// Above this size, the analysis thread hands freed memory back to the system after each run.
const LARGE_DOCUMENT: usize = 1 << 20;

/// Returns free heap memory to the system. An analysis of a large document allocates several
/// times the text and frees most of it; glibc keeps those pages otherwise, and resident memory
/// after a few edits of a 5 MB document stayed at about twice what one analysis needs.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_free_memory() {
    unsafe extern "C" {
        fn malloc_trim(pad: usize) -> std::os::raw::c_int;
    }
    // SAFETY: `malloc_trim` has no preconditions; it only releases unused pages of the heap.
    unsafe {
        malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_free_memory() {}

impl Actor {
    fn new(analyzer: Analyzer, out: mpsc::UnboundedSender<Outgoing>) -> Actor {
        let (done_tx, done_rx) = mpsc::unbounded_channel();
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let spawned = std::thread::Builder::new()
            .name("copydesk-analysis".to_string())
            .spawn(move || {
                while let Ok(job) = queue.recv() {
                    job();
                }
            });
        if let Err(e) = spawned {
            eprintln!("copydesk lsp: cannot start the analysis thread: {e}");
        }
        Actor {
            analyzer,
            out,
            docs: HashMap::new(),
            revisions: 0,
            init: InitInfo::default(),
            settings: Settings::default(),
            files: HashMap::new(),
            broken: HashSet::new(),
            sheets: HashSet::new(),
            broken_sheets: HashMap::new(),
            done_tx,
            done_rx: Some(done_rx),
            jobs,
        }
    }

    async fn run(mut self, mut events: mpsc::UnboundedReceiver<DocEvent>) {
        let Some(mut done) = self.done_rx.take() else {
            return;
        };
        loop {
            let next_due = self
                .docs
                .values()
                .filter(|d| d.in_flight.is_none() && !d.desynced)
                .filter_map(|d| d.due)
                .min();
            // Due now and nothing else queued: start at once (a timer would add up to a tick).
            let step = if next_due.is_some_and(|t| t <= Instant::now()) && events.is_empty() {
                Step::Due
            } else {
                tokio::select! {
                    biased;
                    ev = events.recv() => match ev {
                        Some(ev) => Step::Event(ev),
                        None => break,
                    },
                    Some(f) = done.recv() => Step::Finished(f),
                    _ = tokio::time::sleep_until(next_due.unwrap_or_else(Instant::now)), if next_due.is_some() => Step::Due,
                }
            };
            // A bug in one step must not take every open document down with the actor.
            let ran = catch_unwind(AssertUnwindSafe(|| match step {
                Step::Event(ev) => self.handle(ev),
                Step::Finished(f) => self.finish(f),
                Step::Due => self.start_due(),
            }));
            if let Err(p) = ran {
                let msg = format!(
                    "copydesk: internal error (ignored): {}",
                    parallel::panic_message(p.as_ref())
                );
                self.log(MessageType::ERROR, msg);
            }
        }
    }

    fn log(&self, typ: MessageType, message: impl Into<String>) {
        let _ = self.out.send(Outgoing::Log {
            typ,
            message: message.into(),
        });
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        let _ = self.out.send(Outgoing::Publish {
            uri,
            diagnostics,
            version,
        });
    }

    fn handle(&mut self, ev: DocEvent) {
        match ev {
            DocEvent::Init(info) => {
                if let Some(opts) = &info.options {
                    for w in self.settings.update(opts) {
                        self.log(MessageType::WARNING, format!("initializationOptions: {w}"));
                    }
                }
                self.init = info;
            }
            DocEvent::Open {
                uri,
                language_id,
                version,
                text,
            } => self.open(uri, &language_id, version, &text),
            DocEvent::Change {
                uri,
                version,
                changes,
            } => self.change(uri, version, changes),
            DocEvent::Close { uri } => {
                if let Some(doc) = self.docs.remove(&uri) {
                    for w in doc.waiters {
                        let _ = w.send(None);
                    }
                    self.publish(uri, Vec::new(), None);
                }
            }
            DocEvent::Saved { uri } => {
                if is_config_uri(&uri) || self.is_sheet(&uri) {
                    self.reload_config();
                }
            }
            DocEvent::Settings(value) => {
                let before = self.settings.clone();
                for w in self.settings.update(&value) {
                    self.log(MessageType::WARNING, w);
                }
                // Only rule and date changes need a new analysis (a pulled `{}` changes nothing).
                if self.settings.rules != before.rules || self.settings.date != before.date {
                    self.reconfigure_all();
                }
            }
            DocEvent::WatchedFiles(uris) => {
                if uris.iter().any(|u| is_config_uri(u) || self.is_sheet(u)) {
                    self.reload_config();
                }
            }
            DocEvent::Text { uri, reply } => {
                let text = self.docs.get(&uri).map(|d| DocText {
                    text: d.rope.to_string(),
                    version: d.version,
                    desynced: d.desynced,
                });
                let _ = reply.send(text);
            }
            DocEvent::Analysis { uri, reply } => match self.docs.get_mut(&uri) {
                None => {
                    let _ = reply.send(None);
                }
                Some(doc) if doc.desynced => {
                    let _ = reply.send(None);
                }
                Some(doc) if doc.is_current() => {
                    let a = doc
                        .analyzed
                        .as_ref()
                        .filter(|(r, _)| *r == doc.revision)
                        .map(|(_, a)| a.clone());
                    let _ = reply.send(a);
                }
                Some(doc) => {
                    doc.waiters.push(reply);
                    // Someone is waiting: skip the rest of the debounce.
                    if doc.due.is_some() {
                        doc.due = Some(Instant::now());
                    }
                }
            },
        }
    }

    fn open(&mut self, uri: Uri, language_id: &str, version: i32, text: &str) {
        if is_config_uri(&uri) || self.is_sheet(&uri) {
            // A configuration file or a reference sheet open in the editor is not an article.
            return;
        }
        let kind = source_kind(language_id, &uri);
        let config = self.config_for(&uri);
        self.revisions += 1;
        let revision = self.revisions;
        let (waiters, in_flight) = self
            .docs
            .remove(&uri)
            .map(|d| (d.waiters, d.in_flight))
            .unwrap_or_default();
        self.docs.insert(
            uri,
            Doc {
                version,
                kind,
                rope: Rope::from_str(text),
                revision,
                desynced: false,
                analyzed: None,
                failed: None,
                in_flight,
                due: Some(Instant::now()),
                waiters,
                config,
            },
        );
    }

    fn change(&mut self, uri: Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        let encoding = self.init.encoding;
        let debounce = self.settings.debounce;
        let Some(doc) = self.docs.get_mut(&uri) else {
            if !is_config_uri(&uri) {
                self.log(
                    MessageType::WARNING,
                    format!("didChange for {} which is not open: ignored", uri.as_str()),
                );
            }
            return;
        };
        if version <= doc.version {
            let msg = format!(
                "didChange for {} with version {version}, not above {}: ignored",
                uri.as_str(),
                doc.version
            );
            self.log(MessageType::WARNING, msg);
            return;
        }
        doc.version = version;
        self.revisions += 1;
        doc.revision = self.revisions;
        doc.failed = None;
        // Requests wait for the analysis of the current revision, so the old one is no longer
        // needed: free it now rather than hold two analyses of a large document.
        doc.analyzed = None;
        // rust-analyzer's `apply_document_changes`: the last full-text change wins, then the later
        // partial changes apply in order.
        let last_full = changes.iter().rposition(|c| c.range.is_none());
        let mut rest = &changes[..];
        if let Some(i) = last_full {
            doc.rope = Rope::from_str(&changes[i].text);
            doc.desynced = false;
            rest = &changes[i + 1..];
        }
        let mut failed = None;
        if !doc.desynced {
            for c in rest {
                let Some(range) = c.range else { continue };
                match convert::to_text_range(&doc.rope, range, encoding) {
                    Ok(r) => {
                        let start = doc.rope.byte_to_char(r.start);
                        let end = doc.rope.byte_to_char(r.end);
                        doc.rope.remove(start..end);
                        doc.rope.insert(start, &c.text);
                    }
                    Err(_) => {
                        failed = Some(range);
                        doc.desynced = true;
                        break;
                    }
                }
            }
        }
        if doc.desynced {
            doc.due = None;
            for w in doc.waiters.drain(..) {
                let _ = w.send(None);
            }
        } else if doc.waiters.is_empty() {
            doc.due = Some(Instant::now() + debounce);
        } else {
            // A request is waiting for this document: no debounce.
            doc.due = Some(Instant::now());
        }
        if let Some(range) = failed {
            let msg = format!(
                "didChange for {} version {version}: range {}:{}-{}:{} does not fit the text; the document is out of sync until the editor sends its full text (reopen it)",
                uri.as_str(),
                range.start.line,
                range.start.character,
                range.end.line,
                range.end.character
            );
            self.log(MessageType::ERROR, msg);
        }
    }

    fn start_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .docs
            .iter()
            .filter(|(_, d)| {
                d.in_flight.is_none() && !d.desynced && d.due.is_some_and(|t| t <= now)
            })
            .map(|(u, _)| u.clone())
            .collect();
        for uri in due {
            let Some(doc) = self.docs.get_mut(&uri) else {
                continue;
            };
            doc.due = None;
            doc.in_flight = Some(doc.revision);
            let analyzer = self.analyzer;
            let rope = doc.rope.clone();
            let kind = doc.kind;
            let version = doc.version;
            let revision = doc.revision;
            let config = doc.config.clone();
            let encoding = self.init.encoding;
            let done = self.done_tx.clone();
            let job_uri = uri.clone();
            let uri_for_error = uri.clone();
            let large = rope.len_bytes() > LARGE_DOCUMENT;
            let job: Job = Box::new(move || {
                let outcome = catch_unwind(AssertUnwindSafe(|| {
                    let text = rope.to_string();
                    let analysis = analyzer(&text, kind, &config);
                    drop(text);
                    let reference = crate::analysis::sheet_status(&analysis, &config);
                    let snapshot =
                        Snapshot::new(job_uri, version, kind, rope, encoding, analysis, reference);
                    let diags = diagnostics::to_lsp(&snapshot);
                    (Arc::new(snapshot), diags)
                }))
                .map_err(|p| parallel::panic_message(p.as_ref()));
                let _ = done.send(Finished {
                    uri,
                    revision,
                    outcome,
                });
                if large {
                    release_free_memory();
                }
            });
            if self.jobs.send(job).is_err() {
                // No analysis thread: keep serving edits; nothing will be published.
                if let Some(doc) = self.docs.get_mut(&uri_for_error) {
                    doc.in_flight = None;
                    doc.failed = Some(doc.revision);
                }
                self.log(
                    MessageType::ERROR,
                    "copydesk: the analysis thread is not running",
                );
            }
        }
    }

    fn finish(&mut self, f: Finished) {
        let Some(doc) = self.docs.get_mut(&f.uri) else {
            return;
        };
        if doc.in_flight == Some(f.revision) {
            doc.in_flight = None;
        }
        if f.revision != doc.revision {
            // Stale: the text or configuration changed meanwhile; the newer revision is due.
            if doc.in_flight.is_none() && doc.due.is_none() && !doc.desynced && !doc.is_current() {
                doc.due = Some(Instant::now());
            }
            return;
        }
        match f.outcome {
            Ok((analyzed, diags)) => {
                for w in doc.waiters.drain(..) {
                    let _ = w.send(Some(analyzed.clone()));
                }
                let version = analyzed.version;
                doc.analyzed = Some((f.revision, analyzed));
                self.publish(f.uri, diags, Some(version));
            }
            Err(panic) => {
                doc.failed = Some(f.revision);
                for w in doc.waiters.drain(..) {
                    let _ = w.send(None);
                }
                let msg = format!(
                    "copydesk: the analysis of {} (version {}) failed: {panic}. It will run again on the next change.",
                    f.uri.as_str(),
                    doc.version
                );
                self.log(MessageType::ERROR, msg);
            }
        }
    }

    // ---- configuration ------------------------------------------------------------------

    /// The nearest `copydesk.toml` for a document: from its directory upwards, else from the
    /// workspace roots.
    fn discover(&self, uri: &Uri) -> Option<PathBuf> {
        let from_doc = file_path(uri)
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .and_then(|dir| config_file::discover(&dir));
        from_doc.or_else(|| {
            self.init
                .roots
                .iter()
                .find_map(|r| config_file::discover(r))
        })
    }

    fn config_for(&mut self, uri: &Uri) -> Arc<Config> {
        let base = match self.discover(uri) {
            Some(path) => self.load(&path),
            None => None,
        };
        let base = base.unwrap_or_default();
        Arc::new(self.settings.apply(&base))
    }

    /// Loads (or returns the cached) configuration file; publishes its error on the file.
    fn load(&mut self, path: &Path) -> Option<Arc<Config>> {
        if let Some(c) = self.files.get(path) {
            return c.clone();
        }
        let loaded = match std::fs::read_to_string(path) {
            Ok(src) => {
                let base = path.parent().unwrap_or(Path::new(""));
                for name in config_file::sheet_names(&src, path) {
                    self.sheets.insert(base.join(name));
                }
                match config_file::parse_str(&src, path) {
                    // A broken reference sheet: its error on the sheet, and the configuration
                    // without sheets, so that the articles' other findings still show.
                    Err(e) if e.path != path => {
                        self.sheet_error(&e, path);
                        config_file::parse_settings(&src, path)
                            .map(|(c, _)| c)
                            .map_err(|e| (e, Some(src)))
                    }
                    other => other.map_err(|e| (e, Some(src))),
                }
            }
            Err(_) => config_file::load_file(path).map_err(|e| (e, None)),
        };
        let result = match loaded {
            Ok(c) => {
                if self.broken.remove(path) {
                    if let Some(uri) = Uri::from_file_path(path) {
                        self.publish(uri, Vec::new(), None);
                    }
                }
                Some(Arc::new(c))
            }
            Err((e, src)) => {
                self.log(MessageType::ERROR, e.to_string());
                if let Some(uri) = Uri::from_file_path(path) {
                    let rope = Rope::from_str(src.as_deref().unwrap_or(""));
                    let diag = diagnostics::config_error(&e, &rope, self.init.encoding);
                    self.broken.insert(path.to_path_buf());
                    self.publish(uri, vec![diag], None);
                }
                None
            }
        };
        self.files.insert(path.to_path_buf(), result.clone());
        result
    }

    /// Whether `uri` is a reference sheet of a loaded configuration.
    fn is_sheet(&self, uri: &Uri) -> bool {
        file_path(uri).is_some_and(|p| self.sheets.contains(&p))
    }

    /// Publishes a reference sheet's error on the sheet, at the error's place.
    fn sheet_error(&mut self, e: &config_file::ConfigError, config: &Path) {
        self.log(MessageType::ERROR, e.to_string());
        let Some(uri) = Uri::from_file_path(&e.path) else {
            return;
        };
        let src = std::fs::read_to_string(&e.path).unwrap_or_default();
        let rope = Rope::from_str(&src);
        let mut diag = diagnostics::config_error(e, &rope, self.init.encoding);
        diag.message = format!(
            "invalid reference sheet: {} (articles are checked without the reference sheets)",
            e.message
        );
        self.broken_sheets
            .insert(e.path.clone(), config.to_path_buf());
        self.publish(uri, vec![diag], None);
    }

    fn reload_config(&mut self) {
        self.files.clear();
        self.sheets.clear();
        // Sheets that were broken: clear their diagnostics; loading their configuration again
        // republishes the ones still broken.
        let sheets: Vec<(PathBuf, PathBuf)> = self.broken_sheets.drain().collect();
        for (sheet, _) in &sheets {
            if let Some(uri) = Uri::from_file_path(sheet) {
                self.publish(uri, Vec::new(), None);
            }
        }
        for (_, config) in sheets {
            if config.is_file() {
                self.load(&config);
            }
        }
        // A file that was broken and is now gone: clear its diagnostic.
        let gone: Vec<PathBuf> = self
            .broken
            .iter()
            .filter(|p| !p.is_file())
            .cloned()
            .collect();
        for p in gone {
            self.broken.remove(&p);
            if let Some(uri) = Uri::from_file_path(&p) {
                self.publish(uri, Vec::new(), None);
            }
        }
        // Re-read broken files even when no open document uses them, to update their diagnostics.
        let broken: Vec<PathBuf> = self.broken.iter().cloned().collect();
        for p in broken {
            self.load(&p);
        }
        self.reconfigure_all();
    }

    fn reconfigure_all(&mut self) {
        let uris: Vec<Uri> = self.docs.keys().cloned().collect();
        for uri in uris {
            let config = self.config_for(&uri);
            if let Some(doc) = self.docs.get_mut(&uri) {
                doc.config = config;
                self.revisions += 1;
                doc.revision = self.revisions;
                doc.failed = None;
                doc.analyzed = None;
                if !doc.desynced {
                    doc.due = Some(Instant::now());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    use std::time::Duration;
    use tower_lsp_server::ls_types::{Position, Range};

    fn uri(s: &str) -> Uri {
        Uri::from_str(s).unwrap()
    }

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    async fn next_publish(
        rx: &mut mpsc::UnboundedReceiver<Outgoing>,
    ) -> (Uri, Vec<lsp::Diagnostic>, Option<i32>) {
        loop {
            let out = tokio::time::timeout(Duration::from_secs(10), rx.recv())
                .await
                .expect("timed out")
                .expect("closed");
            if let Outgoing::Publish {
                uri,
                diagnostics,
                version,
            } = out
            {
                return (uri, diagnostics, version);
            }
        }
    }

    fn panicking(text: &str, kind: SourceKind, config: &Config) -> Analysis {
        if text.contains("PANIC") {
            panic!("test panic");
        }
        crate::analysis::analyze(text, kind, config)
    }

    #[tokio::test]
    async fn edits_apply_in_order_and_stale_versions_are_dropped() {
        let (out, mut rx) = mpsc::unbounded_channel();
        let docs = Documents::spawn(crate::analysis::analyze, out);
        docs.send(DocEvent::Init(InitInfo::default()));
        let u = uri("file:///tmp/a.md");
        docs.send(DocEvent::Open {
            uri: u.clone(),
            language_id: "markdown".into(),
            version: 1,
            text: "Hello 😀 world\r\nline two".into(),
        });
        docs.send(DocEvent::Change {
            uri: u.clone(),
            version: 2,
            changes: vec![edit(0, 9, 0, 14, "there"), edit(1, 0, 1, 4, "LINE")],
        });
        docs.send(DocEvent::Change {
            uri: u.clone(),
            version: 2,
            changes: vec![edit(0, 0, 0, 0, "STALE")],
        });
        let t = docs.text(u.clone()).await.unwrap();
        assert_eq!(t.text, "Hello 😀 there\r\nLINE two");
        assert_eq!(t.version, 2);
        let (_, _, v) = next_publish(&mut rx).await;
        assert_eq!(v, Some(2));
        // Inside the surrogate pair: desynced, nothing applied, no analysis.
        docs.send(DocEvent::Change {
            uri: u.clone(),
            version: 3,
            changes: vec![edit(0, 7, 0, 7, "x")],
        });
        assert!(docs.text(u.clone()).await.unwrap().desynced);
        assert!(docs.analysis(u.clone()).await.is_none());
        docs.send(DocEvent::Change {
            uri: u.clone(),
            version: 4,
            changes: vec![
                TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: "fresh".into(),
                },
                edit(0, 5, 0, 5, "!"),
            ],
        });
        let t = docs.text(u.clone()).await.unwrap();
        assert_eq!((t.text.as_str(), t.desynced), ("fresh!", false));
        let a = docs.analysis(u.clone()).await.unwrap();
        assert_eq!(a.version, 4);
    }

    fn slow(text: &str, kind: SourceKind, config: &Config) -> Analysis {
        if text.contains("SLOW") {
            // Not synchronisation: widens the window in which the document is closed and reopened.
            std::thread::sleep(Duration::from_millis(300));
        }
        crate::analysis::analyze(text, kind, config)
    }

    #[tokio::test]
    async fn a_result_for_a_closed_document_never_reaches_its_reopened_successor() {
        let (out, mut rx) = mpsc::unbounded_channel();
        let docs = Documents::spawn(slow, out);
        docs.send(DocEvent::Init(InitInfo::default()));
        let u = uri("untitled:reopened");
        let open = |text: &str| DocEvent::Open {
            uri: u.clone(),
            language_id: "plaintext".into(),
            version: 1,
            text: text.into(),
        };
        docs.send(open("SLOW “never closed\n\nNext paragraph."));
        // Let the slow analysis start, then close and reopen with other text and the same version.
        docs.text(u.clone()).await.unwrap();
        docs.send(DocEvent::Close { uri: u.clone() });
        docs.send(open("Calm text."));
        let a = docs.analysis(u.clone()).await.unwrap();
        assert!(a.diagnostics.is_empty());
        while let Ok(o) = rx.try_recv() {
            if let Outgoing::Publish {
                diagnostics,
                version,
                ..
            } = o
            {
                assert!(
                    diagnostics.is_empty(),
                    "stale diagnostics published for version {version:?}: {diagnostics:?}"
                );
            }
        }
    }

    #[tokio::test]
    async fn a_panicking_analysis_is_logged_and_retried_on_the_next_change() {
        let (out, mut rx) = mpsc::unbounded_channel();
        let docs = Documents::spawn(panicking, out);
        docs.send(DocEvent::Init(InitInfo::default()));
        let u = uri("untitled:Untitled-1");
        docs.send(DocEvent::Open {
            uri: u.clone(),
            language_id: "plaintext".into(),
            version: 1,
            text: "PANIC".into(),
        });
        assert!(docs.analysis(u.clone()).await.is_none());
        let logged = loop {
            match rx.recv().await.unwrap() {
                Outgoing::Log { typ, message } if typ == MessageType::ERROR => break message,
                _ => {}
            }
        };
        assert!(logged.contains("test panic"), "{logged}");
        docs.send(DocEvent::Change {
            uri: u.clone(),
            version: 2,
            changes: vec![edit(0, 0, 0, 5, "calm")],
        });
        let a = docs.analysis(u.clone()).await.unwrap();
        assert_eq!(a.version, 2);
        let (_, _, v) = next_publish(&mut rx).await;
        assert_eq!(v, Some(2));
    }
}
