//! Figures: every number in the article with its exact value, kind and what it counts, and the
//! checks the NUM rules make between them.
//!
//! Owned by the number-consistency work; the public shape below is what the CLI (`facts`) and the
//! language server (hover on a figure, symbols) read.

use super::config::Config;
use super::date::Date;
use super::document::Document;
use super::range::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FigureKind {
    Count,
    Decimal,
    Money,
    Percent,
    PercentagePoints,
    Range,
    Ordinal,
    Date,
    Weekday,
    Duration,
    Age,
    Year,
}

impl FigureKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            FigureKind::Count => "count",
            FigureKind::Decimal => "decimal",
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::PercentagePoints => "percentage-points",
            FigureKind::Range => "range",
            FigureKind::Ordinal => "ordinal",
            FigureKind::Date => "date",
            FigureKind::Weekday => "weekday",
            FigureKind::Duration => "duration",
            FigureKind::Age => "age",
            FigureKind::Year => "year",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub range: TextRange,
    pub kind: FigureKind,
    /// The numeric value (the low end of a range; days for a duration; the year for a year), when the
    /// figure has one. Dates and weekdays have none: see `date` and `value_text`.
    pub value: Option<f64>,
    /// The high end of a range.
    pub high: Option<f64>,
    /// The calendar date of a date figure, when the year is known.
    pub date: Option<Date>,
    /// The value as a reader would write it: "1000", "1000–1500", "40%", "2022-02-24", "Thursday".
    pub value_text: String,
    /// A currency or unit: "$", "£", "€", "%", "days", "troops".
    pub unit: Option<String>,
    /// What the figure counts, when the text says so ("multinational battlegroups").
    pub counts: Option<String>,
}

/// One arithmetic check a NUM rule made, kept so that hovers can show the computation.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// The rule code that made it.
    pub code: &'static str,
    /// Indices into [`Figures::figures`].
    pub figures: Vec<usize>,
    /// The computation, one step per line ("Feb. 24 + 28 days = Mar. 24, a Thursday").
    pub computation: String,
    /// Whether the figures agree.
    pub consistent: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// Every figure, sorted by range start.
    pub figures: Vec<Figure>,
    pub checks: Vec<Check>,
    /// The article date in force (front matter, then configuration).
    pub article_date: Option<Date>,
}

impl Figures {
    /// The figure at byte `offset` (cursor semantics).
    pub fn figure_at(&self, offset: usize) -> Option<usize> {
        let i = self.figures.partition_point(|f| f.range.end < offset);
        (i < self.figures.len() && self.figures[i].range.touches(offset)).then_some(i)
    }
}

/// Parses every figure and runs the cross-figure checks.
pub fn analyze(_text: &str, doc: &Document, config: &Config) -> Figures {
    Figures {
        figures: Vec::new(),
        checks: Vec::new(),
        article_date: config.effective_article_date(doc.meta.date),
    }
}
