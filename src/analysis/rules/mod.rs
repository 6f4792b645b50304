//! The rule registry: one rule per file, one stable code per rule. Codes are never reused or
//! renumbered. Each rule file starts with `declare_rule!`, whose doc comment is what
//! `copydesk explain CODE` prints and what README's rules table is generated from. Its
//! `## Example` section is run by `tests/rule_examples.rs`: paragraphs starting `Flagged:`,
//! `Not flagged:` or `Not yet flagged:` (a known gap), each with a `backticked` article text.

//! The rule registry: one rule per file, one stable code per rule. Codes are never reused or
//! renumbered.
//!
//! A rule file starts with `declare_rule!`: its doc comment (what `copydesk explain CODE` prints
//! and README's rules table is made from), its code, name and default severity, and what it needs
//! from the shared passes: its first-pass words (`triggers`), its cost group (`cost`) and, for a
//! NUM rule, its checks between figures (`figures`). The file holds the rule's `check` (its
//! logic and its findings, fixes included) and its tests. [`registry!`] below lists every rule
//! once, as a variant of [`Rule`]; nothing else here knows about any particular rule.
//!
//! The `## Example` section of the docs is run by `tests/rule_examples.rs`: paragraphs starting
//! `Flagged:`, `Not flagged:` or `Not yet flagged:` (a known gap), each with a `backticked`
//! article text.

use super::config::{Config, RuleLevel};
use super::diagnostic::Severity;
use super::document::Document;
use super::numbers::cx::Cx;
use super::numbers::parse::{Tk, count_word};
use super::numbers::{Check, Figures};
use super::people::People;
use super::range::TextRange;

mod diagnostic;
mod sourcing;
mod triggers;

pub use diagnostic::Diagnostic;
pub use triggers::Trigger;
pub(crate) use triggers::token_classes;

/// What a rule is, as data.
#[derive(Clone, Copy, Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub default_severity: Severity,
    /// The rule's documentation (Markdown), from its doc comment.
    pub docs: &'static str,
    /// Which group the rule runs in when a long document is checked on two threads.
    pub cost: Cost,
    /// The word lists of the rule's cheap first pass (see [`RuleContext::triggers`]).
    pub triggers: &'static [Trigger],
    /// A NUM rule's checks between figures (see [`figure_checks`]).
    pub(crate) figures: Option<FigureCheck>,
    /// What readers made of the rule's findings in the last audit (`eval/audit/`): how many of
    /// the sampled findings they judged useful, of how many judged. The default severity follows
    /// it (see [`Measured::supports`]); `None` when the corpora gave no findings to judge.
    pub measured: Option<Measured>,
}

/// Sampled findings judged useful by readers who saw the article and the finding, not the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Measured {
    pub useful: u16,
    pub judged: u16,
}

impl Measured {
    /// Fewer judged findings than this say too little to set a severity by.
    pub const ENOUGH: u16 = 5;

    /// The share judged useful, 0.0 when nothing was judged.
    pub fn share(self) -> f64 {
        if self.judged == 0 {
            0.0
        } else {
            f64::from(self.useful) / f64::from(self.judged)
        }
    }

    /// The highest default severity the figure supports: warning (or error) at 80% useful or
    /// more, information at 50% or more, hint below; `None` when too few findings were judged.
    pub fn supports(self) -> Option<Severity> {
        if self.judged < Self::ENOUGH {
            None
        } else if self.share() >= 0.8 {
            Some(Severity::Error)
        } else if self.share() >= 0.5 {
            Some(Severity::Information)
        } else {
            Some(Severity::Hint)
        }
    }
}

/// A NUM rule's checks between the article's figures. They run with the figures pass, consistent
/// or not, so that hovers can show every computation; the rule reports the inconsistent ones.
#[derive(Clone, Copy)]
pub(crate) enum FigureCheck {
    /// Once over the article.
    Article(fn(&mut Cx<'_>)),
    /// Once for each sentence with a figure (or "both") and at least three tokens.
    Sentence(fn(&mut Cx<'_>, usize)),
}

impl std::fmt::Debug for FigureCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FigureCheck::Article(_) => "Article",
            FigureCheck::Sentence(_) => "Sentence",
        })
    }
}

/// How costly a rule is. On a long document (see `analysis::PARALLEL_FROM`) the heavy rules run
/// on one thread and the light ones on the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cost {
    Light,
    Heavy,
}

impl RuleMeta {
    /// The first sentence of the "What it does" section: the one-line summary for tables.
    pub fn summary(&self) -> String {
        let body = self
            .section("What it does")
            .unwrap_or_else(|| self.docs_text());
        let para = body.split("\n\n").next().unwrap_or("");
        let end = para.find(". ").map_or(para.len(), |i| i + 1);
        para[..end].split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The body of the section `## {title}` of the documentation, trimmed; `None` when there is
    /// no such section.
    pub fn section(&self, title: &str) -> Option<String> {
        let docs = self.docs_text();
        let heading = format!("## {title}\n");
        let start = docs.find(&heading)? + heading.len();
        let rest = &docs[start..];
        let end = rest.find("\n## ").unwrap_or(rest.len());
        Some(rest[..end].trim().to_string())
    }

    /// The documentation with the doc comments' leading space removed from each line.
    pub fn docs_text(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_string()
    }
}

/// Declares a rule's metadata from its doc comment:
/// `declare_rule! { /// docs … CODE, "name", Severity, cost: Heavy, triggers: TRIGGERS,
/// figures: Sentence(check_fn) }`, the last three optional (a light rule with no first pass and
/// no figure checks).
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* $code:ident, $name:literal, $severity:ident
        $(, cost: $cost:ident)? $(, triggers: $triggers:expr)?
        $(, figures: $when:ident($figures:path))?
        $(, measured: $useful:literal / $judged:literal)? $(,)?) => {
        pub(crate) const META: $crate::analysis::rules::RuleMeta = $crate::analysis::rules::RuleMeta {
            code: stringify!($code),
            name: $name,
            default_severity: $crate::analysis::diagnostic::Severity::$severity,
            docs: concat!($($doc, "\n"),*),
            cost: declare_rule!(@cost $($cost)?),
            triggers: declare_rule!(@triggers $($triggers)?),
            figures: declare_rule!(@figures $($when($figures))?),
            measured: declare_rule!(@measured $($useful / $judged)?),
        };
    };
    (@measured) => {
        None
    };
    (@measured $useful:literal / $judged:literal) => {
        Some($crate::analysis::rules::Measured { useful: $useful, judged: $judged })
    };
    (@cost) => {
        $crate::analysis::rules::Cost::Light
    };
    (@cost $cost:ident) => {
        $crate::analysis::rules::Cost::$cost
    };
    (@triggers) => {
        &[]
    };
    (@triggers $triggers:expr) => {
        $triggers
    };
    (@figures) => {
        None
    };
    (@figures $when:ident($figures:path)) => {
        Some($crate::analysis::rules::FigureCheck::$when($figures))
    };
}

/// Lists every rule once: `Variant => module`. It declares the modules and generates [`Rule`].
macro_rules! registry {
    ($($variant:ident => $module:ident),* $(,)?) => {
        $(mod $module;)*

        /// A rule of copydesk. Its code, name, severity and docs come from its file's
        /// `declare_rule!`; ordered by code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Rule {
            $($variant),*
        }

        impl Rule {
            /// Every rule, in code order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The rule's metadata, from its `declare_rule!`.
            pub const fn meta(self) -> &'static RuleMeta {
                match self {
                    $(Rule::$variant => &$module::META),*
                }
            }

            /// Runs the rule's check.
            fn check(self, ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
                match self {
                    $(Rule::$variant => $module::check(ctx, out)),*
                }
            }
        }
    };
}

registry! {
    QuoteWithoutSpeaker => att001_quote_without_speaker,
    UnattributedClaim => att002_unattributed_claim,
    VagueSource => att003_vague_source,
    AmbiguousSpeaker => att004_ambiguous_speaker,
    AnonymousSourceWithoutReason => att005_anonymous_source_without_reason,
    UnbalancedQuotes => att006_unbalanced_quotes,
    LoadedAttributionVerb => att007_loaded_attribution_verb,
    CountMismatch => num001_count_mismatch,
    RangeOrder => num002_range_order,
    ImpossibleShare => num003_impossible_share,
    PercentSum => num004_percent_sum,
    PercentChange => num005_percent_change,
    DateArithmetic => num006_date_arithmetic,
    FigureConflict => num007_figure_conflict,
    TotalMismatch => num008_total_mismatch,
    ReferenceConflict => num009_reference_conflict,
    NameVariant => ppl001_name_variant,
    IncompleteFirstReference => ppl002_incomplete_first_reference,
    TitleInconsistent => ppl003_title_inconsistent,
    OfficeOutOfDate => ppl004_office_out_of_date,
    AgeMismatch => ppl005_age_mismatch,
}

impl Rule {
    /// The stable code: `ATT006`.
    pub const fn code(self) -> &'static str {
        self.meta().code
    }

    /// The stable kebab-case name: `unbalanced-quotes`.
    pub const fn name(self) -> &'static str {
        self.meta().name
    }

    pub const fn default_severity(self) -> Severity {
        self.meta().default_severity
    }
}

/// Rules order by code, as reports list them.
impl Ord for Rule {
    fn cmp(&self, other: &Rule) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

impl PartialOrd for Rule {
    fn partial_cmp(&self, other: &Rule) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Everything a rule may read. Rules are pure functions of this.
pub struct RuleContext<'a> {
    /// The original source text.
    pub text: &'a str,
    pub doc: &'a Document,
    pub people: &'a People,
    pub figures: &'a Figures,
    pub config: &'a Config,
    /// The rule being run.
    rule: Rule,
    /// The severity in force for it.
    severity: Severity,
    /// Every token's trigger bits (see [`token_classes`]).
    classes: &'a [u32],
    /// The first bit of the running rule's triggers.
    trigger_base: u32,
}

impl RuleContext<'_> {
    /// A finding of the running rule at `range`, with the configured severity.
    pub fn diagnostic(&self, range: TextRange, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.rule, self.severity, range, message)
    }

    /// The prose text at `range` (masked bytes read as spaces).
    pub fn prose(&self, range: TextRange) -> &str {
        self.doc.text(range)
    }

    /// Which of the running rule's trigger lists (`META.triggers`) sentence `si` has a word of:
    /// bit `k` for list `k`.
    pub(super) fn triggers(&self, si: usize) -> u32 {
        let all = self
            .doc
            .sentences
            .get(si)
            .and_then(|s| self.classes.get(s.tokens.clone()))
            .map_or(0, |c| c.iter().fold(0, |a, &b| a | b));
        let n = self.rule.meta().triggers.len() as u32;
        let mask = if n >= 32 { u32::MAX } else { (1 << n) - 1 };
        all.checked_shr(self.trigger_base).unwrap_or(0) & mask
    }
}

/// Emits the running NUM rule's findings: its inconsistent checks between figures.
fn emit_checks(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let code = ctx.rule.code();
    for c in ctx
        .figures
        .checks
        .iter()
        .filter(|c| c.code == code && !c.consistent)
    {
        let mut d = ctx
            .diagnostic(c.range, c.message.clone())
            .with_computation(c.computation.clone());
        d.related = c.related.clone();
        d.fix = c.fix.clone();
        out.push(d);
    }
}

/// The NUM rules' checks between the article's figures, consistent or not: the rules report the
/// inconsistent ones (`emit_checks`) and hovers show each one's computation. `toks` are the
/// sentences' tokens the figures were parsed from.
pub(crate) fn figure_checks(doc: &Document, toks: &[Vec<Tk<'_>>], figures: &Figures) -> Vec<Check> {
    let mut cx = Cx::new(doc, toks, &figures.figures, figures.article_date);
    let declared = || Rule::ALL.iter().filter_map(|r| r.meta().figures);
    for check in declared() {
        if let FigureCheck::Article(f) = check {
            f(&mut cx);
        }
    }
    let mut has_figure = vec![false; toks.len()];
    for f in &figures.figures {
        if let Some(h) = has_figure.get_mut(f.sentence) {
            *h = true;
        }
    }
    for (si, st) in toks.iter().enumerate() {
        if st.len() < 3 || !has_figure[si] && !st.iter().any(|t| count_word(t).is_some()) {
            continue;
        }
        for check in declared() {
            if let FigureCheck::Sentence(f) = check {
                f(&mut cx, si);
            }
        }
    }
    // The checks are sorted by position then rule, so the order the rules ran in does not show.
    cx.finish()
}

/// Looks a rule up by code (`ATT006`, any case) or name (`unbalanced-quotes`).
pub fn find(code_or_name: &str) -> Option<Rule> {
    let q = code_or_name.trim();
    Rule::ALL
        .iter()
        .copied()
        .find(|r| r.code().eq_ignore_ascii_case(q) || r.name().eq_ignore_ascii_case(q))
}

/// Runs every rule the configuration leaves on. Rules are isolated from each other: the output
/// is sorted by position then code, so it does not depend on rule order.
pub(crate) fn run(
    text: &str,
    doc: &Document,
    people: &People,
    figures: &Figures,
    config: &Config,
    classes: &[u32],
    parallel: bool,
) -> Vec<Diagnostic> {
    let run_group = |heavy: bool| {
        let mut out = Vec::new();
        for &rule in Rule::ALL {
            // On a long document the heavy rules run beside the others (see
            // `analysis::PARALLEL_FROM`). The order of findings across rules does not matter:
            // they are sorted below, and findings of different rules never compare equal.
            if (rule.meta().cost == Cost::Heavy) != heavy {
                continue;
            }
            let severity = match config.rule_level(rule.code()) {
                Some(RuleLevel::Off) => continue,
                Some(RuleLevel::On(s)) => s,
                None => rule.default_severity(),
            };
            let ctx = RuleContext {
                text,
                doc,
                people,
                figures,
                config,
                rule,
                severity,
                classes,
                trigger_base: triggers::base(rule),
            };
            rule.check(&ctx, &mut out);
        }
        out
    };
    let (mut out, second) =
        super::parallel::join(parallel, || run_group(false), || run_group(true));
    out.extend(second);
    out.retain(|d| {
        !doc.suppressions
            .is_suppressed(d.code.code(), d.code.name(), d.range.start)
    });
    out.sort_by(|a, b| {
        (a.range.start, a.code, a.range.end, &a.message).cmp(&(
            b.range.start,
            b.code,
            b.range.end,
            &b.message,
        ))
    });
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measured_usefulness_sets_the_highest_default_severity() {
        let m = |useful, judged| Measured { useful, judged }.supports();
        assert_eq!(m(20, 25), Some(Severity::Error));
        assert_eq!(m(19, 25), Some(Severity::Information));
        assert_eq!(m(13, 26), Some(Severity::Information));
        assert_eq!(m(12, 25), Some(Severity::Hint));
        assert_eq!(m(4, 4), None, "too few judged to say");
        assert_eq!(m(0, 0), None);
    }

    /// Severity follows evidence: no rule is louder by default than its audit supports.
    #[test]
    fn no_default_severity_above_what_its_audit_supports() {
        for r in Rule::ALL {
            let m = r.meta();
            if let Some(most) = m.measured.and_then(Measured::supports) {
                assert!(
                    m.default_severity <= most,
                    "{} is {} by default but its audit ({:?}) supports at most {}",
                    m.code,
                    m.default_severity,
                    m.measured,
                    most
                );
            }
        }
    }

    #[test]
    fn docs_sections() {
        let meta = RuleMeta {
            code: "XYZ001",
            name: "x",
            default_severity: Severity::Warning,
            docs: " ## What it does\n Flags x. And y.\n\n More.\n\n ## Why it matters\n Because.\n ## Example\n `x`\n",
            cost: Cost::Light,
            triggers: &[],
            figures: None,
            measured: None,
        };
        assert_eq!(
            meta.section("What it does").as_deref(),
            Some("Flags x. And y.\n\nMore.")
        );
        assert_eq!(meta.section("Example").as_deref(), Some("`x`"));
        assert_eq!(meta.section("Options"), None);
        assert_eq!(meta.section("Why"), None);
        assert_eq!(meta.summary(), "Flags x.");
    }
}
