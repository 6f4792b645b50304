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
    /// Every token's trigger classes (see [`class`]).
    classes: &'a [u16],
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

    /// The trigger classes (see [`class`]) of the tokens of sentence `si`, together.
    pub(super) fn sentence_classes(&self, si: usize) -> u16 {
        self.doc
            .sentences
            .get(si)
            .and_then(|s| self.classes.get(s.tokens.clone()))
            .map_or(0, |c| c.iter().fold(0, |a, &b| a | b))
    }
}

/// Trigger classes: the words the rules' cheap first passes look for, one bit per list. Every
/// token's classes are found once per document (one hash lookup a token), and a rule skips a
/// sentence by OR-ing its tokens' bits, instead of each rule lower-casing and looking up every
/// token of the document again.
pub(super) mod class {
    /// ATT003: a generic source ("officials"), lower case.
    pub const ATT003_HEAD: u16 = 1 << 0;
    /// ATT003: a verb that makes it a source ("said").
    pub const ATT003_VERB: u16 = 1 << 1;
    pub const ATT003_ACCORDING: u16 = 1 << 2;
    pub const ATT003_IT: u16 = 1 << 3;
    /// ATT003: "it is believed" participles.
    pub const ATT003_IMPERSONAL: u16 = 1 << 4;
    /// ATT003: "is", "are", "was", "were".
    pub const ATT003_BE: u16 = 1 << 5;
    /// ATT003: "is expected to" participles.
    pub const ATT003_AGENTLESS: u16 = 1 << 6;
    pub const ATT003_TO: u16 = 1 << 7;
    /// ATT005's first-pass words, lower case.
    pub const ATT005: u16 = 1 << 8;
    /// ATT002's first-pass words, as written.
    pub const ATT002: u16 = 1 << 9;
    /// ATT007's first-pass words (loaded verbs), as written.
    pub const ATT007: u16 = 1 << 10;
    /// Classes matched against a token's text as written; the others against its lower case.
    pub const AS_WRITTEN: u16 = ATT002 | ATT007;
}

/// A small fixed word → classes table for one lookup per token of the document: a word of up to
/// 15 bytes is packed with its length into 16 bytes, compared as two integers (no hashing of
/// the bytes one by one, no `memcmp`); longer words are in no list.
struct ClassTable {
    /// Open addressing; an all-zero key (length 0) is an empty slot.
    slots: Vec<(u64, u64, u16)>,
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

    fn new(words: impl IntoIterator<Item = (&'static str, u16)>) -> ClassTable {
        let size = 1usize << Self::BITS;
        let mut slots = vec![(0u64, 0u64, 0u16); size];
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
        ClassTable { slots }
    }

    fn get(&self, w: &str) -> u16 {
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

static CLASS_WORDS: LazyLock<ClassTable> = LazyLock::new(|| {
    let lists: [(&[&str], u16); 12] = [
        (att003_vague_source::HEADS, class::ATT003_HEAD),
        (att003_vague_source::VERBS, class::ATT003_VERB),
        (&["according"], class::ATT003_ACCORDING),
        (&["it"], class::ATT003_IT),
        (att003_vague_source::IMPERSONAL, class::ATT003_IMPERSONAL),
        (&["is", "are", "was", "were"], class::ATT003_BE),
        (att003_vague_source::AGENTLESS, class::ATT003_AGENTLESS),
        (&["to"], class::ATT003_TO),
        (
            att005_anonymous_source_without_reason::SINGULAR,
            class::ATT005,
        ),
        (
            att005_anonymous_source_without_reason::TRIGGERS,
            class::ATT005,
        ),
        (att002_unattributed_claim::TRIGGERS, class::ATT002),
        (att007_loaded_attribution_verb::LOADED_FORMS, class::ATT007),
    ];
    ClassTable::new(
        lists
            .into_iter()
            .flat_map(|(words, bit)| words.iter().map(move |&w| (w, bit))),
    )
});

/// Every token's trigger classes (for [`run`]).
pub(crate) fn token_classes(doc: &Document) -> Vec<u16> {
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
            if bits & class::AS_WRITTEN == 0 || t.text(&doc.prose) == lower {
                bits
            } else {
                bits & !class::AS_WRITTEN
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
    classes: &[u16],
    parallel: bool,
) -> Vec<Diagnostic> {
    let run_group = |second: bool| {
        let mut out = Vec::new();
        for rule in RULES {
            // On a long document the costliest rules run beside the others (see
            // `analysis::PARALLEL_FROM`). The order of findings across rules does not matter:
            // they are sorted below, and findings of different rules never compare equal.
            if matches!(rule.meta.code, "ATT003" | "ATT002" | "ATT001") != second {
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
        let lists: [&[&str]; 8] = [
            att003_vague_source::HEADS,
            att003_vague_source::VERBS,
            att003_vague_source::IMPERSONAL,
            att003_vague_source::AGENTLESS,
            att005_anonymous_source_without_reason::SINGULAR,
            att005_anonymous_source_without_reason::TRIGGERS,
            att002_unattributed_claim::TRIGGERS,
            att007_loaded_attribution_verb::LOADED_FORMS,
        ];
        for w in lists.iter().flat_map(|l| l.iter()) {
            // Packable, and lower case (the as-written lists rely on it).
            assert!(!w.is_empty() && w.len() <= 15, "{w}");
            assert_eq!(*w, w.to_lowercase(), "{w}");
            assert_ne!(CLASS_WORDS.get(w), 0, "{w}");
        }
        assert_eq!(
            CLASS_WORDS.get("said") & class::ATT003_VERB,
            class::ATT003_VERB
        );
        assert_eq!(CLASS_WORDS.get("Said"), 0);
        assert_eq!(CLASS_WORDS.get("the"), 0);
        assert_eq!(CLASS_WORDS.get("an-unusually-long-word"), 0);
    }
}
