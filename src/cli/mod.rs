//! The command line: `check`, `facts`, `explain`, `rules`, `lsp`, `bench`, `reference check`.
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
pub mod reference;
pub mod render;

use std::io::Write as _;

use clap::Parser as _;

pub use explain::rules_table_markdown;

use args::{Cli, Command};

thread_local! {
    /// Set while a file is analysed under [`guarded`], whose caller reports any panic itself.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into `Err(message)`. The panic hook stays quiet meanwhile: the caller
/// reports the failure once, naming the file, instead of the default hook's "thread panicked"
/// lines and backtrace.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    GUARDED.with(|g| g.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(false));
    result.map_err(|payload| crate::analysis::parallel::panic_message(payload.as_ref()))
}

/// Keeps the default panic output for panics nobody catches; silences the ones [`guarded`]
/// reports. `COPYDESK_PANIC_BACKTRACE=1` shows them all, for debugging.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let quiet = GUARDED.with(std::cell::Cell::get)
            && std::env::var_os("COPYDESK_PANIC_BACKTRACE").is_none();
        if !quiet {
            default(info);
        }
    }));
}

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

/// Runs the CLI and returns the process exit code. `serve` runs the language server for
/// `copydesk lsp`: the binary passes `lsp::run_stdio`, so that the CLI does not depend on the
/// server (each builds without the other).
pub fn main(serve: fn() -> i32) -> i32 {
    install_panic_hook();
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
        Command::Lsp(_) => serve(),
        Command::Bench(a) => bench::run(a),
        Command::Reference(args::ReferenceCommand::Check(a)) => reference::check(a),
    }
}
