//! The analysis core. Pure: `&str` in, plain data out. No IO, async, LSP types, ropey, clap or
//! printing; UTF-8 byte ranges everywhere. It never fails: bad input degrades to fewer findings.

pub mod config;
pub mod date;
pub mod diagnostic;
pub mod document;
pub mod lexicon;
pub mod markdown;
pub mod numbers;
pub mod parallel;
pub mod people;
pub mod quotes;
pub mod range;
pub mod reference;
pub mod rules;
pub mod sentences;
pub mod suppress;
pub mod tokens;

pub use config::{Config, RegistryPerson, RuleLevel};
pub use date::Date;
pub use diagnostic::{Applicability, Edit, Fix, Related, Severity};
pub use document::{Document, SourceKind};
pub use numbers::Figures;
pub use parallel::PARALLEL_FROM;
pub use people::People;
pub use range::TextRange;
pub use reference::Reference;
pub use rules::{Diagnostic, Rule};

/// Everything copydesk knows about one article.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub document: Document,
    pub people: People,
    pub figures: Figures,
    /// Sorted by range start, then code.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where each person and figure of an analysed article stands against the desk's reference
/// sheet (`config.reference`): verified, in conflict, not in the sheet, or unchecked for want of a
/// date. Empty when the sheet is.
pub fn sheet_status(a: &Analysis, config: &Config) -> reference::matching::SheetStatus {
    use reference::matching::{self, SheetCheck};
    if config.reference.is_empty() {
        return matching::SheetStatus::default();
    }
    let conflict_at = |check: SheetCheck, r: TextRange| {
        let rule = match check {
            SheetCheck::Office => Rule::OfficeOutOfDate,
            SheetCheck::Age => Rule::AgeMismatch,
            SheetCheck::Count => Rule::ReferenceConflict,
        };
        a.diagnostics
            .iter()
            .any(|d| d.code == rule && d.range.intersects(r))
    };
    matching::status(
        &a.document,
        &a.people,
        &a.figures,
        &conflict_at,
        &config.reference,
    )
}

/// Analyses one article. Deterministic: the same input gives the same output.
pub fn analyze(text: &str, kind: SourceKind, config: &Config) -> Analysis {
    analyze_on(text, kind, config, text.len() >= PARALLEL_FROM)
}

/// [`analyze`] on two threads or on one.
fn analyze_on(text: &str, kind: SourceKind, config: &Config, parallel: bool) -> Analysis {
    let document = Document::parse_on(text, kind, parallel);
    // The figures pass is the shorter: the rules' token classes (document only) follow it there.
    let (people, (figures, classes)) = parallel::join(
        parallel,
        || people::analyze(text, &document, config),
        || {
            let (mut figures, toks) = numbers::parse(text, &document, config);
            figures.checks = rules::figure_checks(&document, &toks, &figures);
            (figures, rules::token_classes(&document))
        },
    );
    let diagnostics = rules::run(
        text, &document, &people, &figures, config, &classes, parallel,
    );
    Analysis {
        document,
        people,
        figures,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two-thread path gives exactly what the one-thread path gives.
    #[test]
    fn parallel_analysis_is_the_sequential_one() {
        let article = "Talks stalled on Tuesday, officials said. \"We will not sign,\" said Jane \
            Whitfield, the trade minister. A senior official, who asked not to be named, said 40% \
            of the 1,200 jobs were at risk. Whitfield claimed the deal is expected to collapse. \
            It is believed that two-thirds of the 300 members were absent on Monday, March 3.\n\n";
        let text = article.repeat(PARALLEL_FROM / article.len() + 2);
        assert!(text.len() >= PARALLEL_FROM);
        let config = Config::default();
        let one = analyze_on(&text, SourceKind::PlainText, &config, false);
        let two = analyze_on(&text, SourceKind::PlainText, &config, true);
        assert!(!one.diagnostics.is_empty() && !one.figures.figures.is_empty());
        assert_eq!(
            format!("{:?}", one.diagnostics),
            format!("{:?}", two.diagnostics)
        );
        assert_eq!(format!("{:?}", one.people), format!("{:?}", two.people));
        assert_eq!(format!("{:?}", one.figures), format!("{:?}", two.figures));
        assert_eq!(
            format!(
                "{:?}",
                analyze(&text, SourceKind::PlainText, &config).diagnostics
            ),
            format!("{:?}", one.diagnostics)
        );
    }
}
