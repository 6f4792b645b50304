//! The rule registry: one rule per file, one stable code per rule. Codes are never reused or
//! renumbered. Each rule file starts with `declare_rule!`, whose doc comment is what
//! `copydesk explain CODE` prints and what README's rules table is generated from.

use super::config::{Config, RuleLevel};
use super::diagnostic::{Diagnostic, Severity};
use super::document::Document;
use super::numbers::Figures;
use super::people::{FxHashSet, People};
use super::range::TextRange;

/// What a rule is, as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub default_severity: Severity,
    /// The rule's documentation (Markdown), from its doc comment.
    pub docs: &'static str,
}

impl RuleMeta {
    /// The first sentence of the "What it does" section: the one-line summary for tables.
    pub fn summary(&self) -> String {
        let docs = self.docs_text();
        let body = docs
            .split_once("## What it does")
            .map_or(docs.as_str(), |(_, rest)| rest)
            .trim_start();
        let para = body.split("\n\n").next().unwrap_or("");
        let para = para.split("\n#").next().unwrap_or(para);
        let end = para.find(". ").map_or(para.len(), |i| i + 1);
        para[..end].split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Declares a rule's metadata from its doc comment: `declare_rule! { /// docs … CODE, "name", Severity }`.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* $code:ident, $name:literal, $severity:ident $(,)?) => {
        pub(crate) const META: $crate::analysis::rules::RuleMeta = $crate::analysis::rules::RuleMeta {
            code: stringify!($code),
            name: $name,
            default_severity: $crate::analysis::diagnostic::Severity::$severity,
            docs: concat!($($doc, "\n"),*),
        };
    };
}

mod att001_quote_without_speaker;
mod att002_unattributed_claim;
mod att003_vague_source;
mod att004_ambiguous_speaker;
mod att005_anonymous_source_without_reason;
mod att006_unbalanced_quotes;
mod att007_loaded_attribution_verb;
mod num001_count_mismatch;
mod num002_range_order;
mod num003_impossible_share;
mod num004_percent_sum;
mod num005_percent_change;
mod num006_date_arithmetic;
mod num007_figure_conflict;
mod num008_total_mismatch;
mod ppl001_name_variant;
mod ppl002_incomplete_first_reference;
mod ppl003_title_inconsistent;

/// Everything a rule may read. Rules are pure functions of this.
pub struct RuleContext<'a> {
    /// The original source text.
    pub text: &'a str,
    pub doc: &'a Document,
    pub people: &'a People,
    pub figures: &'a Figures,
    pub config: &'a Config,
    /// The severity in force for the rule being run.
    severity: Severity,
    meta: RuleMeta,
}

impl RuleContext<'_> {
    /// A finding of the running rule at `range`, with the configured severity.
    pub fn diagnostic(&self, range: TextRange, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: self.meta.code,
            rule: self.meta.name,
            severity: self.severity,
            range,
            message: message.into(),
            related: Vec::new(),
            fix: None,
            computation: None,
        }
    }

    /// The prose text at `range` (masked bytes read as spaces).
    pub fn prose(&self, range: TextRange) -> &str {
        self.doc.text(range)
    }
}

/// A fixed word list as a hash set: the rules' first passes test every token of the document
/// against their trigger words, and a linear scan of a list per token adds up on long documents.
pub(super) type WordSet = std::sync::LazyLock<FxHashSet<&'static str>>;

/// Whether some token of sentence `si`, in lower case, passes `f` (a rule's cheap first pass).
pub(super) fn sentence_has(doc: &Document, si: usize, f: impl Fn(&str) -> bool) -> bool {
    doc.sentences
        .get(si)
        .is_some_and(|s| s.tokens.clone().any(|gi| f(doc.lower(gi))))
}

type CheckFn = fn(&RuleContext<'_>, &mut Vec<Diagnostic>);

/// A registered rule: its metadata and its check.
#[derive(Clone, Copy)]
pub struct Rule {
    pub meta: RuleMeta,
    check: CheckFn,
}

macro_rules! registry {
    ($($module:ident),* $(,)?) => {
        /// Every rule, in code order.
        pub static RULES: &[Rule] = &[$(Rule { meta: $module::META, check: $module::check }),*];
    };
}

registry![
    att001_quote_without_speaker,
    att002_unattributed_claim,
    att003_vague_source,
    att004_ambiguous_speaker,
    att005_anonymous_source_without_reason,
    att006_unbalanced_quotes,
    att007_loaded_attribution_verb,
    num001_count_mismatch,
    num002_range_order,
    num003_impossible_share,
    num004_percent_sum,
    num005_percent_change,
    num006_date_arithmetic,
    num007_figure_conflict,
    num008_total_mismatch,
    ppl001_name_variant,
    ppl002_incomplete_first_reference,
    ppl003_title_inconsistent,
];

/// Looks a rule up by code (`ATT006`, any case) or name (`unbalanced-quotes`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    let q = code_or_name.trim();
    RULES
        .iter()
        .find(|r| r.meta.code.eq_ignore_ascii_case(q) || r.meta.name.eq_ignore_ascii_case(q))
}

/// Runs every rule the configuration leaves on. Rules are isolated from each other: the output
/// is sorted by position then code, so it does not depend on rule order.
pub(crate) fn run(
    text: &str,
    doc: &Document,
    people: &People,
    figures: &Figures,
    config: &Config,
) -> Vec<Diagnostic> {
    let run_group = |second: bool| {
        let mut out = Vec::new();
        for rule in RULES {
            // On a long document the two costliest rules run beside the others (see
            // `analysis::PARALLEL_FROM`). The order of findings across rules does not matter:
            // they are sorted below, and findings of different rules never compare equal.
            if matches!(rule.meta.code, "ATT003" | "ATT002") != second {
                continue;
            }
            let severity = match config.rule_level(rule.meta.code) {
                Some(RuleLevel::Off) => continue,
                Some(RuleLevel::On(s)) => s,
                None => rule.meta.default_severity,
            };
            let ctx = RuleContext {
                text,
                doc,
                people,
                figures,
                config,
                severity,
                meta: rule.meta,
            };
            (rule.check)(&ctx, &mut out);
        }
        out
    };
    let (mut out, second) = super::join(
        text.len() >= super::PARALLEL_FROM,
        || run_group(false),
        || run_group(true),
    );
    out.extend(second);
    out.retain(|d| {
        !doc.suppressions
            .is_suppressed(d.code, d.rule, d.range.start)
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
