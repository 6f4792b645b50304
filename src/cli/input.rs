//! Finding the articles to check, reading them, and finding their configuration.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::{Config, Date, SourceKind};

/// Extensions searched for inside directories.
pub const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// How many leading bytes are looked at to decide that a file is binary.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// A problem with one input, reported on stderr; the run goes on and exits with code 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The file or directory the problem is about.
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(e)))
}

/// Expands the command-line paths into the list of files to check: each argument in the order
/// given, the files found under a directory sorted by path, duplicates dropped.
pub fn collect_files(args: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for arg in args {
        let meta = match std::fs::metadata(arg) {
            Ok(m) => m,
            Err(e) => {
                errors.push(InputError {
                    path: arg.clone(),
                    message: match e.kind() {
                        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
                        _ => format!("cannot read: {}", io_message(&e)),
                    },
                });
                continue;
            }
        };
        if !meta.is_dir() && !meta.is_file() {
            // A FIFO would block for ever and a device such as /dev/zero never ends.
            errors.push(InputError {
                path: arg.clone(),
                message: "not a regular file (a FIFO, socket or device): skipped".to_string(),
            });
            continue;
        }
        if !meta.is_dir() {
            if seen.insert(arg.clone()) {
                files.push(arg.clone());
            }
            continue;
        }
        let mut found = Vec::new();
        let walker = ignore::WalkBuilder::new(arg)
            .standard_filters(true)
            .require_git(false)
            .follow_links(true)
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    if is_file && is_article(entry.path()) {
                        found.push(entry.into_path());
                    }
                }
                Err(e) => errors.push(walk_error(arg, &e)),
            }
        }
        if found.is_empty() {
            errors.push(InputError {
                path: arg.clone(),
                message: format!(
                    "no articles found in this directory (looked for {} files not excluded by ignore files)",
                    ARTICLE_EXTENSIONS
                        .iter()
                        .map(|e| format!(".{e}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        found.sort();
        for f in found {
            if seen.insert(f.clone()) {
                files.push(f);
            }
        }
    }
    (files, errors)
}

fn walk_error(root: &Path, e: &ignore::Error) -> InputError {
    // Dig out the path and the innermost cause; the ignore crate nests them.
    let mut err = e;
    let mut path = None;
    loop {
        match err {
            ignore::Error::WithPath {
                path: p,
                err: inner,
            } => {
                path = Some(p.clone());
                err = inner;
            }
            ignore::Error::WithDepth { err: inner, .. }
            | ignore::Error::WithLineNumber { err: inner, .. } => {
                err = inner;
            }
            _ => break,
        }
    }
    match err {
        ignore::Error::Loop { ancestor, child } => InputError {
            path: child.clone(),
            message: format!(
                "symbolic link loop: it leads back to {}, skipped",
                ancestor.display()
            ),
        },
        ignore::Error::Io(io) => InputError {
            path: path.unwrap_or_else(|| root.to_path_buf()),
            message: match io.kind() {
                std::io::ErrorKind::NotFound => {
                    "broken symbolic link or vanished file: its target does not exist".to_string()
                }
                std::io::ErrorKind::PermissionDenied => {
                    "cannot read: permission denied".to_string()
                }
                _ => format!("cannot read: {}", io_message(io)),
            },
        },
        other => InputError {
            path: path.unwrap_or_else(|| root.to_path_buf()),
            message: other.to_string(),
        },
    }
}

/// An io::Error's message without the "(os error N)" suffix.
pub fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Reads an article: once, whole, checked to be UTF-8 text.
pub fn read_article(path: &Path) -> Result<String, InputError> {
    let err = |message: String| InputError {
        path: path.to_path_buf(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| {
        err(match e.kind() {
            std::io::ErrorKind::NotFound => {
                "the file disappeared before it could be read".to_string()
            }
            std::io::ErrorKind::PermissionDenied => "cannot read: permission denied".to_string(),
            std::io::ErrorKind::IsADirectory => "is a directory".to_string(),
            _ => format!("cannot read: {}", io_message(&e)),
        })
    })?;
    decode(bytes).map_err(err)
}

/// Checks that `bytes` are text: no NUL byte in the first 8 KB, valid UTF-8. A leading UTF-8 byte
/// order mark is kept, so byte ranges are offsets into the file; the analysis skips it and line
/// columns do not count it.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if let Some(i) = memchr::memchr(0, head) {
        return Err(format!(
            "binary file (NUL byte at offset {i}), not an article: skipped"
        ));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = memchr::memchr_iter(b'\n', &bytes[..offset]).count() + 1;
            Err(format!(
                "not valid UTF-8: invalid byte 0x{:02X} at byte offset {offset} (line {line}); save the file as UTF-8",
                bytes.get(offset).copied().unwrap_or(0)
            ))
        }
    }
}

pub fn source_kind(path: &Path) -> SourceKind {
    SourceKind::from_extension(path.extension().and_then(|e| e.to_str()).unwrap_or(""))
}

/// Configuration for each file: `--config` for all, or the nearest `copydesk.toml`, each file
/// loaded once and each directory looked up once.
pub struct ConfigResolver {
    fixed: Option<Result<Arc<Config>, String>>,
    date: Option<Date>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    by_file: HashMap<PathBuf, Result<Arc<Config>, String>>,
    default: Arc<Config>,
    /// Reference sheets that could not be read, each once: the files they serve are checked
    /// without the sheet, and the run fails.
    pub sheet_errors: Vec<InputError>,
}

impl ConfigResolver {
    /// `config`: an explicit file for every article. `date`: `--date`.
    pub fn new(config: Option<&Path>, date: Option<Date>) -> Self {
        let mut sheet_errors = Vec::new();
        let fixed = config.map(|p| load(p, date, &mut sheet_errors));
        let default = Config {
            article_date_override: date,
            ..Config::default()
        };
        ConfigResolver {
            fixed,
            date,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
            default: Arc::new(default),
            sheet_errors,
        }
    }

    /// The configuration for `file`, or the configuration error (already formatted with the
    /// config file's path, line and column).
    pub fn for_file(&mut self, file: &Path) -> Result<Arc<Config>, String> {
        if let Some(fixed) = &self.fixed {
            return fixed.clone();
        }
        let dir = match file.parent() {
            Some(p) if p.as_os_str().is_empty() => PathBuf::from("."),
            Some(p) => p.to_path_buf(),
            None => PathBuf::from("."),
        };
        let found = match self.by_dir.get(&dir) {
            Some(f) => f.clone(),
            None => {
                // Walk up from the absolute directory so that `a.md` finds `../copydesk.toml`.
                let abs = std::path::absolute(&dir).unwrap_or_else(|_| dir.clone());
                let f = crate::config::discover(&abs).map(|p| relative_to_cwd(&p));
                self.by_dir.insert(dir, f.clone());
                f
            }
        };
        let Some(config_path) = found else {
            return Ok(self.default.clone());
        };
        let date = self.date;
        let errors = &mut self.sheet_errors;
        self.by_file
            .entry(config_path.clone())
            .or_insert_with(|| load(&config_path, date, errors))
            .clone()
    }
}

/// `path` relative to the current directory when it is under it (for messages).
fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
}

/// Loads a configuration file. A reference sheet it names that cannot be read goes to
/// `sheet_errors`, and the configuration is used without its sheets: the articles' other
/// findings are not lost.
fn load(
    path: &Path,
    date: Option<Date>,
    sheet_errors: &mut Vec<InputError>,
) -> Result<Arc<Config>, String> {
    let loaded = match crate::config::load_file(path) {
        Err(e) if e.path != path => {
            sheet_errors.push(InputError {
                path: e.path.clone(),
                message: format!(
                    "{}invalid reference sheet: {} (articles under {} are checked without the \
                     reference sheets)",
                    e.line.map_or(String::new(), |l| format!(
                        "line {l}, column {}: ",
                        e.column.unwrap_or(1)
                    )),
                    e.message,
                    path.display()
                ),
            });
            std::fs::read_to_string(path)
                .map_err(|_| e.clone())
                .and_then(|src| crate::config::parse_settings(&src, path).map(|(c, _)| c))
        }
        other => other,
    };
    match loaded {
        Ok(mut c) => {
            c.article_date_override = date;
            if date.is_some() {
                c.article_date = date;
            }
            Ok(Arc::new(c))
        }
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rejects_binary_and_bad_utf8() {
        assert!(decode(b"abc\0def".to_vec()).unwrap_err().contains("binary"));
        let e = decode(b"line one\nab\xffcd".to_vec()).unwrap_err();
        assert!(e.contains("byte offset 11"), "{e}");
        assert!(e.contains("line 2"), "{e}");
        assert_eq!(decode("caf\u{e9}".as_bytes().to_vec()).unwrap(), "café");
        // A NUL byte after the first 8 KB does not make a file binary.
        let mut late = vec![b'a'; 9000];
        late.push(0);
        assert!(decode(late).is_ok());
    }
}
