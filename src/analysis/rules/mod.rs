//! The rule registry: one rule per file, one stable code per rule. Codes are never reused or
//! renumbered. Each rule file starts with `declare_rule!`, whose doc comment is what
//! `copydesk explain CODE` prints and what README's rules table is generated from. Its
//! `## Example` section is run by `tests/rule_examples.rs`: paragraphs starting `Flagged:`,
//! `Not flagged:` or `Not yet flagged:` (a known gap), each with a `backticked` article text.

use super::config::{Config, RuleLevel};
use super::diagnostic::{Diagnostic, Severity};
use super::document::Document;
use super::numbers::cx::Cx;
use super::numbers::parse::Tk;
use super::numbers::{Check, Figures};
use super::people::People;
use super::range::TextRange;
use std::sync::LazyLock;

/// What a rule is, as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
}

/// How costly a rule is. On a long document (see `analysis::PARALLEL_FROM`) the heavy rules run
/// on one thread and the light ones on the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cost {
    Light,
    Heavy,
}

/// A word list a rule's first pass looks for in every sentence. The lists of all rules are
/// looked up together, once per token of the document; a rule then reads which of its lists a
/// sentence has ([`RuleContext::triggers`]) and skips the sentences that cannot match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trigger {
    /// Lower case, at most 15 bytes each.
    pub words: &'static [&'static str],
    /// Matched against a token as written (so a capitalised word is not in it) rather than
    /// against its lower-case form.
    pub as_written: bool,
}

impl Trigger {
    /// The words, in any case.
    pub const fn lower(words: &'static [&'static str]) -> Trigger {
        Trigger {
            words,
            as_written: false,
        }
    }

    /// The words, in lower case only.
    pub const fn as_written(words: &'static [&'static str]) -> Trigger {
        Trigger {
            words,
            as_written: true,
        }
    }
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
/// `declare_rule! { /// docs … CODE, "name", Severity, cost: Heavy, triggers: TRIGGERS }`, the
/// last two optional (a light rule with no first pass).
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* $code:ident, $name:literal, $severity:ident
        $(, cost: $cost:ident)? $(, triggers: $triggers:expr)? $(,)?) => {
        pub(crate) const META: $crate::analysis::rules::RuleMeta = $crate::analysis::rules::RuleMeta {
            code: stringify!($code),
            name: $name,
            default_severity: $crate::analysis::diagnostic::Severity::$severity,
            docs: concat!($($doc, "\n"),*),
            cost: declare_rule!(@cost $($cost)?),
            triggers: declare_rule!(@triggers $($triggers)?),
        };
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
    /// Every token's trigger bits (see [`token_classes`]).
    classes: &'a [u32],
    /// The first bit of the running rule's triggers.
    trigger_base: u32,
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

    /// Which of the running rule's trigger lists (`META.triggers`) sentence `si` has a word of:
    /// bit `k` for list `k`.
    pub(super) fn triggers(&self, si: usize) -> u32 {
        let all = self
            .doc
            .sentences
            .get(si)
            .and_then(|s| self.classes.get(s.tokens.clone()))
            .map_or(0, |c| c.iter().fold(0, |a, &b| a | b));
        let n = self.meta.triggers.len() as u32;
        let mask = if n >= 32 { u32::MAX } else { (1 << n) - 1 };
        all.checked_shr(self.trigger_base).unwrap_or(0) & mask
    }
}

/// A small fixed word → trigger bits table for one lookup per token of the document: a word of
/// up to 15 bytes is packed with its length into 16 bytes, compared as two integers (no hashing
/// of the bytes one by one, no `memcmp`); longer words are in no list.
struct ClassTable {
    /// Open addressing; an all-zero key (length 0) is an empty slot.
    slots: Vec<(u64, u64, u32)>,
    /// The bits of the triggers matched as written.
    as_written: u32,
}

impl ClassTable {
    const BITS: u32 = 10;

    fn pack(w: &[u8]) -> Option<(u64, u64)> {
        if w.is_empty() || w.len() > 15 {
            return None;
        }
        let mut buf = [0u8; 16];
        buf.get_mut(..w.len())?.copy_from_slice(w);
        buf[15] = w.len() as u8;
        let (a, b) = buf.split_at(8);
        Some((
            u64::from_le_bytes(a.try_into().ok()?),
            u64::from_le_bytes(b.try_into().ok()?),
        ))
    }

    fn slot(key: (u64, u64)) -> usize {
        let h = (key.0 ^ key.1.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> (64 - Self::BITS)) as usize
    }

    fn new(words: impl IntoIterator<Item = (&'static str, u32)>, as_written: u32) -> ClassTable {
        let size = 1usize << Self::BITS;
        let mut slots = vec![(0u64, 0u64, 0u32); size];
        for (w, bits) in words {
            let Some(key) = Self::pack(w.as_bytes()) else {
                continue;
            };
            let mut i = Self::slot(key);
            // The table is far larger than the lists: a free or matching slot is always found.
            for _ in 0..size {
                let e = &mut slots[i];
                if (e.0, e.1) == key || (e.0, e.1) == (0, 0) {
                    *e = (key.0, key.1, e.2 | bits);
                    break;
                }
                i = (i + 1) & (size - 1);
            }
        }
        ClassTable { slots, as_written }
    }

    fn get(&self, w: &str) -> u32 {
        let Some(key) = Self::pack(w.as_bytes()) else {
            return 0;
        };
        let mut i = Self::slot(key);
        for _ in 0..self.slots.len() {
            match self.slots.get(i) {
                Some(&(a, b, bits)) if (a, b) == key => return bits,
                Some(&(0, 0, _)) | None => return 0,
                Some(_) => i = (i + 1) % self.slots.len(),
            }
        }
        0
    }
}

/// The first trigger bit of each rule of [`RULES`], in order: the rules' lists take the bits
/// one after another.
static TRIGGER_BASES: LazyLock<Vec<u32>> = LazyLock::new(|| {
    RULES
        .iter()
        .scan(0u32, |next, r| {
            let base = *next;
            *next += r.meta.triggers.len() as u32;
            Some(base)
        })
        .collect()
});

/// Every rule's trigger words, each with its rule's bit for its list.
static CLASS_WORDS: LazyLock<ClassTable> = LazyLock::new(|| {
    let lists = RULES
        .iter()
        .zip(TRIGGER_BASES.iter())
        .flat_map(|(r, &base)| r.meta.triggers.iter().zip(base..));
    let as_written = lists
        .clone()
        .filter(|(t, _)| t.as_written)
        .fold(0u32, |m, (_, bit)| m | 1u32.checked_shl(bit).unwrap_or(0));
    ClassTable::new(
        lists.flat_map(|(t, bit)| {
            t.words
                .iter()
                .map(move |&w| (w, 1u32.checked_shl(bit).unwrap_or(0)))
        }),
        as_written,
    )
});

/// Every token's trigger bits (for [`run`]).
pub(crate) fn token_classes(doc: &Document) -> Vec<u32> {
    let table = &*CLASS_WORDS;
    doc.tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let lower = doc.lower(i);
            let bits = table.get(lower);
            // The as-written lists are lower case (a test checks it): a token that lower-casing
            // changes has an upper-case letter and is in none of them; any other token is
            // written as its lower case.
            if bits & table.as_written == 0 || t.text(&doc.prose) == lower {
                bits
            } else {
                bits & !table.as_written
            }
        })
        .collect()
}

/// Emits the findings of NUM rule `code` from the figures' inconsistent checks.
fn emit_checks(ctx: &RuleContext<'_>, code: &str, out: &mut Vec<Diagnostic>) {
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

/// The NUM rules' checks between the article's figures, consistent or not: the rules report the
/// inconsistent ones (`emit_checks`) and hovers show each one's computation. `toks` are the
/// sentences' tokens the figures were parsed from.
pub(crate) fn figure_checks(doc: &Document, toks: &[Vec<Tk<'_>>], figures: &Figures) -> Vec<Check> {
    let mut cx = Cx::new(doc, toks, &figures.figures);
    num002_range_order::range_order(&mut cx);
    let mut has_figure = vec![false; toks.len()];
    for f in &figures.figures {
        if let Some(h) = has_figure.get_mut(f.sentence) {
            *h = true;
        }
    }
    for (si, st) in toks.iter().enumerate() {
        if st.len() < 3 || !has_figure[si] && !st.iter().any(|t| t.is("both")) {
            continue;
        }
        num005_percent_change::percent_change(&mut cx, si);
        num003_impossible_share::impossible_share(&mut cx, si);
        num004_percent_sum::percent_sum(&mut cx, si);
        num001_count_mismatch::count_lists(&mut cx, si);
        num008_total_mismatch::totals(&mut cx, si);
    }
    num006_date_arithmetic::dates(&mut cx, figures.article_date);
    num007_figure_conflict::conflicts(&mut cx);
    cx.finish()
}

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
    classes: &[u32],
    parallel: bool,
) -> Vec<Diagnostic> {
    let run_group = |heavy: bool| {
        let mut out = Vec::new();
        for (rule, &trigger_base) in RULES.iter().zip(TRIGGER_BASES.iter()) {
            // On a long document the heavy rules run beside the others (see
            // `analysis::PARALLEL_FROM`). The order of findings across rules does not matter:
            // they are sorted below, and findings of different rules never compare equal.
            if (rule.meta.cost == Cost::Heavy) != heavy {
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
                classes,
                trigger_base,
            };
            (rule.check)(&ctx, &mut out);
        }
        out
    };
    let (mut out, second) =
        super::parallel::join(parallel, || run_group(false), || run_group(true));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_sections() {
        let meta = RuleMeta {
            code: "XYZ001",
            name: "x",
            default_severity: Severity::Warning,
            docs: " ## What it does\n Flags x. And y.\n\n More.\n\n ## Why it matters\n Because.\n ## Example\n `x`\n",
            cost: Cost::Light,
            triggers: &[],
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

    #[test]
    fn trigger_words_fit_the_class_table() {
        let lists: Vec<(&RuleMeta, usize, &Trigger)> = RULES
            .iter()
            .flat_map(|r| {
                r.meta
                    .triggers
                    .iter()
                    .enumerate()
                    .map(move |(k, t)| (&r.meta, k, t))
            })
            .collect();
        assert!(lists.len() >= 4, "the ATT rules declare first-pass words");
        assert!(
            lists.len() <= 32,
            "{} trigger lists: more than a u32 holds",
            lists.len()
        );
        for (meta, k, t) in &lists {
            assert!(!t.words.is_empty(), "{} trigger {k} is empty", meta.code);
            for w in t.words {
                // Packable, and lower case (the as-written lists rely on it).
                assert!(!w.is_empty() && w.len() <= 15, "{w}");
                assert_eq!(*w, w.to_lowercase(), "{w}");
                assert_ne!(CLASS_WORDS.get(w), 0, "{w}");
            }
        }
        // "said" is in ATT003's second list (its source verbs).
        let att003 = RULES.iter().position(|r| r.meta.code == "ATT003").unwrap();
        let verbs = 1 << (TRIGGER_BASES[att003] + 1);
        assert_eq!(CLASS_WORDS.get("said") & verbs, verbs);
        assert_eq!(CLASS_WORDS.get("Said"), 0);
        assert_eq!(CLASS_WORDS.get("the"), 0);
        assert_eq!(CLASS_WORDS.get("an-unusually-long-word"), 0);
    }
}
