//! One file per feature. Each takes a [`Snapshot`](super::snapshot::Snapshot) (the text,
//! findings, people, figures and quotes of one version) and returns protocol types; no state, no IO.

pub mod actions;
pub mod diagnostics;
pub mod hover;
pub mod inlay;
pub mod navigation;
pub mod symbols;
