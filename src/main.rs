fn main() {
    // Temporary dispatch until the CLI wires `copydesk lsp` (owned by the CLI work).
    if std::env::args().nth(1).as_deref() == Some("lsp") {
        std::process::exit(copydesk::lsp::run_stdio())
    }
    std::process::exit(copydesk::cli::main());
}
