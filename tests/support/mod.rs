//! What the integration tests share.
//!
//! - `text`: the tests' own line and column arithmetic (any test).
//! - `cli`: running the real `copydesk` binary and reading its JSON (needs the binary).
//! - `lsp`: a framed JSON-RPC client for `copydesk lsp` (needs the binary); re-exported here.
//!
//! A test file includes it with `mod support;` and uses what it needs.

#![allow(dead_code, unused_imports)]

pub mod text;

#[cfg(all(feature = "cli", feature = "lsp"))]
pub mod cli;
#[cfg(all(feature = "cli", feature = "lsp"))]
pub mod lsp;
#[cfg(all(feature = "cli", feature = "lsp"))]
pub use lsp::*;
