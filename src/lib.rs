//! copydesk: editorial fact-checking for news drafts.
//!
//! - [`analysis`]: the pure core (text model, people, figures, rules).
//! - `config`: reading `copydesk.toml` into [`analysis::Config`].
//! - `cli`: `copydesk check`, `facts`, `explain`, `rules` and the renderers.
//! - `lsp`: the language server.

pub mod analysis;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "config")]
pub mod config;
#[cfg(feature = "lsp")]
pub mod lsp;
