//! Running the real `copydesk` binary: exit code and output, JSON reports, files to check.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_copydesk");

/// One run of the binary.
pub struct Run {
    /// The exit code; -1 when a signal ended the process.
    pub code: i32,
    /// Standard output, which is always UTF-8.
    pub stdout: String,
    /// Standard error (lossily decoded: it may quote a bad file name).
    pub stderr: String,
}

impl Run {
    /// Standard output as JSON; panics with both outputs when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}): {}\nstderr: {}",
                self.stdout, self.stderr
            )
        })
    }
}

/// Runs `copydesk ARGS` in `dir`, stdin closed, `NO_COLOR` unset unless `env` sets it.
pub fn run<S: AsRef<OsStr>>(dir: &Path, args: &[S], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("spawn copydesk");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// Writes `content` to `rel` under `dir` (making directories), returning the path.
pub fn write(dir: &Path, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("a file under dir")).expect("create dirs");
    std::fs::write(&p, content).expect("write the file");
    p
}

/// The rule codes a JSON report gives for the file whose path ends with `name`.
pub fn codes(report: &Value, name: &str) -> Vec<String> {
    let file = report["files"]
        .as_array()
        .expect("a `files` array")
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(name)))
        .unwrap_or_else(|| panic!("{name} not in the report: {report}"));
    file["diagnostics"]
        .as_array()
        .expect("a `diagnostics` array")
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
}
