fn main() {
    std::process::exit(copydesk::cli::main(copydesk::lsp::run_stdio));
}
