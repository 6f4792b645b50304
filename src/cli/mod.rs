//! The command line: `check`, `facts`, `explain`, `rules`, `lsp`.

/// Runs the CLI and returns the process exit code.
pub fn main() -> i32 {
    0
}
