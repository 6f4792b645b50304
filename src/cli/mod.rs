//! The command line: `check`, `facts`, `explain`, `rules`, `lsp`, `bench`.
//!
//! Exit codes: 0 no finding at or above `--fail-on`, 1 findings, 2 usage or IO error (an IO error
//! wins over findings).

pub mod args;
pub mod bench;
pub mod check;
pub mod explain;
pub mod facts;
pub mod input;
pub mod lines;
pub mod render;

use std::io::Write as _;

use clap::Parser as _;

pub use explain::rules_table_markdown;

use args::{Cli, Command};

/// Writes `s` to stdout. A closed pipe (`copydesk rules | head`) is not an error; other write
/// errors are reported. Returns false on a real error.
pub(crate) fn emit(s: &str) -> bool {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            eprintln!("error: cannot write to stdout: {}", input::io_message(&e));
            false
        }
    }
}

/// Runs the CLI and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(a) => check::run(a),
        Command::Facts(a) => facts::run(a),
        Command::Explain(a) => explain::explain(&a.rule),
        Command::Rules(a) => explain::rules(a),
        Command::Lsp(_) => crate::lsp::run_stdio(),
        Command::Bench(a) => bench::run(a),
    }
}
