//! The language server (`copydesk lsp`), on tower-lsp-server.
