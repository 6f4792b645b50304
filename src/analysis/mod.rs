//! The analysis core. Pure: `&str` in, plain data out. No IO, async, LSP types, ropey, clap or
//! printing; UTF-8 byte ranges everywhere. It never fails: bad input degrades to fewer findings.

pub mod config;
pub mod date;
pub mod diagnostic;
pub mod document;
pub mod markdown;
pub mod numbers;
pub mod people;
pub mod quotes;
pub mod range;
pub mod rules;
pub mod sentences;
pub mod suppress;
pub mod tokens;

pub use config::{Config, RegistryPerson, RuleLevel};
pub use date::Date;
pub use diagnostic::{Diagnostic, Edit, Fix, Related, Severity};
pub use document::{Document, SourceKind};
pub use numbers::Figures;
pub use people::People;
pub use range::TextRange;

/// Everything copydesk knows about one article.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub document: Document,
    pub people: People,
    pub figures: Figures,
    /// Sorted by range start, then code.
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses one article. Deterministic: the same input gives the same output.
pub fn analyze(text: &str, kind: SourceKind, config: &Config) -> Analysis {
    let document = Document::parse(text, kind);
    let people = people::analyze(text, &document, config);
    let figures = numbers::analyze(text, &document, config);
    let diagnostics = rules::run(text, &document, &people, &figures, config);
    Analysis {
        document,
        people,
        figures,
        diagnostics,
    }
}
