//! Figures: every number in the article with its exact value, kind and what it counts, and what
//! the NUM rules (`rules/num*.rs`) share to check them against each other: the figures by token
//! ([`cx::Cx`]), the tokens' word forms ([`parse::Tk`]) and exact arithmetic ([`arith`]).
//!
//! Owned by the number-consistency work; the public shape below is what the CLI (`facts`) and the
//! language server (hover on a figure, symbols) read.

pub(crate) mod arith;
pub(crate) mod cx;
pub(crate) mod parse;
pub mod ratio;

use super::config::Config;
use super::date::Date;
use super::diagnostic::{Fix, Related};
use super::document::Document;
use super::range::TextRange;
pub use ratio::Ratio;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FigureKind {
    #[default]
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
    /// "half", "a third", "two-thirds" (as a share: "by half", "a third of").
    Fraction,
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
            FigureKind::Fraction => "fraction",
        }
    }
}

/// `Default` exists so that code building a figure by hand (tests, tools) can fill only the fields
/// it cares about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figure {
    pub range: TextRange,
    pub kind: FigureKind,
    /// The numeric value (the low end of a range; for a duration the amount in `unit`: days for
    /// days and weeks, else months, years, hours…; the year for a year), when the figure has one.
    /// Dates and weekdays have none: see `date` and `value_text`.
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
    /// Index into `Document::sentences`.
    pub sentence: usize,
    /// Indices into `Document::tokens`.
    pub tokens: std::ops::Range<usize>,
    /// The exact value (`value` is its float view); for a range, the low end.
    pub exact: Option<Ratio>,
    /// The exact high end of a range.
    pub exact_high: Option<Ratio>,
    /// One unit of the last written digit ("1,500" -> 1, "1.2 million" -> 100,000), for rounding.
    pub step: Option<Ratio>,
    /// A hedge written before the figure ("about", "more", "at", "nearly"…).
    pub qualifier: Option<&'static str>,
    /// Month and day of a date, known even when the year is not.
    pub month_day: Option<(u8, u8)>,
    /// 0 = Monday … 6 = Sunday, for a weekday.
    pub weekday: Option<u8>,
    /// The year of a date is written in the text (not inferred from the article date).
    pub year_from_text: bool,
    /// How a range is written: "between", "between-years", "hyphen", "hyphen-unit", "hyphen-years".
    pub range_form: Option<&'static str>,
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
    /// Where a finding goes (the figure that is probably wrong).
    pub range: TextRange,
    /// The finding's message (one sentence, no final period), for inconsistent checks.
    pub message: String,
    /// The other figures involved.
    pub related: Vec<Related>,
    /// An unambiguous correction, when there is one.
    pub fix: Option<Fix>,
}

impl Check {
    /// A check of rule `code` over `figures`, reported at `range`, with its computation.
    pub(crate) fn new(
        code: &'static str,
        figures: Vec<usize>,
        range: TextRange,
        computation: String,
        consistent: bool,
    ) -> Check {
        Check {
            code,
            figures,
            computation,
            consistent,
            range,
            message: String::new(),
            related: Vec::new(),
            fix: None,
        }
    }

    /// With the finding's message and the other figures involved.
    pub(crate) fn message(mut self, message: String, related: Vec<Related>) -> Check {
        self.message = message;
        self.related = related;
        self
    }

    /// With a correction.
    pub(crate) fn fix(mut self, fix: Option<Fix>) -> Check {
        self.fix = fix;
        self
    }
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
    /// The figures of sentence `si`: one run, since figures are sorted by position and
    /// sentences follow each other (found by binary search, not a scan of every figure).
    pub fn in_sentence(&self, si: usize) -> &[Figure] {
        let first = self.figures.partition_point(|f| f.sentence < si);
        let len = self.figures[first..]
            .iter()
            .take_while(|f| f.sentence == si)
            .count();
        &self.figures[first..first + len]
    }

    /// The figure at byte `offset` (cursor semantics).
    pub fn figure_at(&self, offset: usize) -> Option<usize> {
        let i = self.figures.partition_point(|f| f.range.end < offset);
        (i < self.figures.len() && self.figures[i].range.touches(offset)).then_some(i)
    }
}

/// Parses every figure of the article. The NUM rules' checks between them are made from the same
/// tokens (returned beside the figures) and stored in [`Figures::checks`] by the caller.
pub(crate) fn parse<'a>(
    _text: &str,
    doc: &'a Document,
    config: &Config,
) -> (Figures, Vec<Vec<parse::Tk<'a>>>) {
    let article_date = config.effective_article_date(doc.meta.date);
    let mut figures = Vec::new();
    let mut sentence_toks = Vec::with_capacity(doc.sentences.len());
    for si in 0..doc.sentences.len() {
        let toks = parse::sentence_toks(doc, si);
        if toks.is_empty() {
            sentence_toks.push(toks);
            continue;
        }
        let before = figures.len();
        parse::parse_sentence(&toks, si, article_date, &mut figures);
        let mut toks = toks;
        if figures.len() == before && !toks.iter().any(|t| parse::count_word(t).is_some()) {
            // A sentence without figures is only ever read for its opening words ("First,",
            // "Another …"): keep those, free the rest.
            toks.truncate(4);
            toks.shrink_to_fit();
        }
        sentence_toks.push(toks);
    }
    figures.sort_by_key(|f: &Figure| (f.range.start, f.range.end));
    let out = Figures {
        figures,
        checks: Vec::new(),
        article_date,
    };
    (out, sentence_toks)
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Config, Date, SourceKind, analyze};

    /// An invented article with the shape of the seed story: its dates, counts and ranges agree, so
    /// no NUM rule may fire, with or without an article date.
    const SEED_SHAPED: &str = "Allies meet as war reaches one month
Western leaders gathered in Brussels Thursday to plan their next steps, as the war has settled into a grinding stalemate exactly one month after it began.
The president arrived shortly before 10 a.m. local time and was met by the alliance's secretary-general. The two shook hands and walked past reporters without taking questions.
The summit is the first of three major events on the president's calendar Thursday. Later in the day he will meet leaders of the G-7 group of industrialized nations, then leaders of the European Union.
Sanctions against the 300 members of the country's lower house of parliament — the Assembly — could be announced as soon as Thursday.
Members are expected to discuss four new multinational battlegroups, numbering between 1,000 and 1,500 troops each, along the eastern flank.
The president has pleaded for air defences since the invasion began Feb. 24. Invading forces have captured just one major city in the first 28 days of their attack.
";

    #[test]
    fn seed_shaped_article_is_quiet() {
        for date in [None, Date::new(2022, 3, 24)] {
            let config = Config {
                article_date: date,
                ..Config::default()
            };
            let a = analyze(SEED_SHAPED, SourceKind::PlainText, &config);
            let num: Vec<_> = a
                .diagnostics
                .iter()
                .filter(|d| d.code.code().starts_with("NUM"))
                .collect();
            assert!(num.is_empty(), "{num:?}");
            if date.is_some() {
                // The date arithmetic was made, and agreed.
                let dated: Vec<_> = a
                    .figures
                    .checks
                    .iter()
                    .filter(|c| c.code == "NUM006")
                    .collect();
                assert_eq!(dated.len(), 2, "{dated:?}");
                assert!(dated.iter().all(|c| c.consistent));
                assert!(
                    dated[0]
                        .computation
                        .contains("= March 24, 2022, a Thursday")
                );
            }
        }
    }

    #[test]
    fn seed_shaped_variants_are_caught() {
        let config = Config {
            article_date: Date::new(2022, 3, 24),
            ..Config::default()
        };
        for (from, to, code) in [
            ("began Feb. 24", "began Feb. 23", "NUM006"),
            (
                "between 1,000 and 1,500",
                "between 1,500 and 1,000",
                "NUM002",
            ),
            ("first 28 days", "first 30 days", "NUM006"),
        ] {
            let text = SEED_SHAPED.replace(from, to);
            let a = analyze(&text, SourceKind::PlainText, &config);
            assert!(
                a.diagnostics.iter().any(|d| d.code.code() == code),
                "{to}: {:?}",
                a.diagnostics
            );
        }
    }
}

#[cfg(test)]
mod props {
    use crate::analysis::{Config, Date, SourceKind, analyze};
    use proptest::prelude::*;

    /// Number-heavy prose: the words and marks the figure parser and the checks key on.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            "[0-9]{1,4}",
            "[0-9]{1,3},[0-9]{3}",
            "[0-9]{1,2}\\.[0-9]{1,2}",
            "[0-9]{20,40}",
            Just("between".to_string()),
            Just("and".to_string()),
            Just("from".to_string()),
            Just("to".to_string()),
            Just("of the".to_string()),
            Just("%".to_string()),
            Just("per cent".to_string()),
            Just("percentage points".to_string()),
            Just("rose".to_string()),
            Just("fell by a third".to_string()),
            Just("doubled".to_string()),
            Just("Feb. 24".to_string()),
            Just("24 February 2022".to_string()),
            Just("Thursday,".to_string()),
            Just("a Wednesday".to_string()),
            Just("days after".to_string()),
            Just("weeks later on".to_string()),
            Just("began".to_string()),
            Just("born".to_string()),
            Just("-year-old".to_string()),
            Just("million".to_string()),
            Just("$".to_string()),
            Just("£".to_string()),
            Just("bn".to_string()),
            Just("first".to_string()),
            Just("First,".to_string()),
            Just("Finally,".to_string()),
            Just("both".to_string()),
            Just("the two".to_string()),
            Just("a total of".to_string()),
            Just("in total:".to_string()),
            Just("people were killed".to_string()),
            Just("the Duma's".to_string()),
            Just("members of the Duma".to_string()),
            Just("-".to_string()),
            Just("—".to_string()),
            Just(":".to_string()),
            Just(",".to_string()),
            Just(".".to_string()),
            Just("\n\n- ".to_string()),
            Just("`".to_string()),
            Just("Smith".to_string()),
            Just("twenty-one".to_string()),
            Just("a dozen".to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn figures_never_panic_and_stay_in_bounds(parts in prop::collection::vec(piece(), 0..60), spaces in prop::collection::vec(any::<bool>(), 60)) {
            let mut text = String::new();
            for (i, p) in parts.iter().enumerate() {
                text.push_str(p);
                if spaces.get(i).copied().unwrap_or(true) {
                    text.push(' ');
                }
            }
            for kind in [SourceKind::PlainText, SourceKind::Markdown] {
                let config = Config { article_date: Date::new(2022, 3, 24), ..Config::default() };
                let a = analyze(&text, kind, &config);
                for f in &a.figures.figures {
                    prop_assert!(f.range.end <= text.len() && text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
                }
                for c in &a.figures.checks {
                    prop_assert!(c.range.end <= text.len());
                    prop_assert!(c.figures.iter().all(|&i| i < a.figures.figures.len()));
                    prop_assert!(!c.computation.is_empty());
                }
            }
        }
    }
}
