//! One file per feature. Each takes an [`Analyzed`](super::documents::Analyzed) snapshot (text,
//! analysis and encoding of one version) and returns protocol types; no state, no IO.

pub mod actions;
pub mod diagnostics;
pub mod hover;
pub mod inlay;
pub mod navigation;
pub mod symbols;

use super::documents::Analyzed;

/// The first `n` words of a quote's words, with an ellipsis when cut.
pub(crate) fn first_words(text: &str, n: usize) -> String {
    let mut words = text.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(n).collect();
    let mut s = head.join(" ");
    if words.next().is_some() {
        s.push('…');
    }
    s
}

/// The words of quote `qi` (between the marks), from the source text.
pub(crate) fn quote_words(a: &Analyzed, qi: usize) -> String {
    a.analysis
        .document
        .quotes
        .get(qi)
        .map(|q| a.slice(q.content))
        .unwrap_or_default()
}

/// The surname of a full name: its last word.
pub(crate) fn surname(name: &str) -> &str {
    name.split_whitespace().next_back().unwrap_or(name)
}
