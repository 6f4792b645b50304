//! What the NUM rules' checks read and record into: the figures of an article by the token they
//! start at, each sentence's tokens, and the checks made so far.

use super::parse::Tk;
use super::{Check, Figure};
use crate::analysis::date::Date;
use crate::analysis::diagnostic::Related;
use crate::analysis::document::Document;
use crate::analysis::range::TextRange;

pub(crate) struct Cx<'a> {
    pub doc: &'a Document,
    pub toks: &'a [Vec<Tk<'a>>],
    pub figs: &'a [Figure],
    /// The article date in force (front matter, then configuration), for date checks.
    pub article_date: Option<Date>,
    /// Figure index (+1; 0 = none) by the global index of its first token.
    start_at: Vec<u32>,
    checks: Vec<Check>,
}

impl<'a> Cx<'a> {
    pub(crate) fn new(
        doc: &'a Document,
        toks: &'a [Vec<Tk<'a>>],
        figs: &'a [Figure],
        article_date: Option<Date>,
    ) -> Cx<'a> {
        let mut start_at = vec![0u32; doc.tokens.len()];
        for (i, f) in figs.iter().enumerate() {
            if let (Some(slot), Ok(v)) = (start_at.get_mut(f.tokens.start), u32::try_from(i + 1)) {
                *slot = v;
            }
        }
        Cx {
            doc,
            toks,
            figs,
            article_date,
            start_at,
            checks: Vec::new(),
        }
    }

    /// The checks made, by position then rule.
    pub(crate) fn finish(self) -> Vec<Check> {
        let mut checks = self.checks;
        checks.sort_by_key(|c| (c.range.start, c.code));
        checks
    }
}

impl Cx<'_> {
    /// The figure starting at local token `k` of sentence `si`.
    pub(crate) fn fig_at(&self, si: usize, k: usize) -> Option<usize> {
        let t = self.toks.get(si)?.get(k)?;
        match self.start_at.get(t.gi).copied() {
            Some(0) | None => None,
            Some(i) => Some(i as usize - 1),
        }
    }

    /// The local index of the token after figure `fi` in its sentence.
    pub(crate) fn after(&self, fi: usize) -> usize {
        let f = &self.figs[fi];
        let first = self.toks[f.sentence].first().map_or(0, |t| t.gi);
        f.tokens.end.saturating_sub(first)
    }

    /// The local index of the first token of figure `fi` in its sentence.
    pub(crate) fn local(&self, fi: usize) -> usize {
        let f = &self.figs[fi];
        let first = self.toks[f.sentence].first().map_or(0, |t| t.gi);
        f.tokens.start.saturating_sub(first)
    }

    /// The prose at `r`, its whitespace runs closed up to single spaces.
    pub(crate) fn text(&self, r: TextRange) -> String {
        self.doc
            .text(r)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Records a check.
    pub(crate) fn push(&mut self, check: Check) {
        self.checks.push(check);
    }

    /// Figure `fi` as a related location: "`what` `<its text>`".
    pub(crate) fn related(&self, fi: usize, what: &str) -> Related {
        let f = &self.figs[fi];
        Related {
            range: f.range,
            message: format!("{what} `{}`", self.text(f.range)),
        }
    }
}

const RISE: &[&str] = &[
    "rose",
    "risen",
    "rise",
    "rises",
    "rising",
    "increased",
    "increase",
    "increases",
    "grew",
    "grown",
    "grow",
    "grows",
    "growth",
    "jumped",
    "jump",
    "jumps",
    "climbed",
    "climb",
    "soared",
    "surged",
    "up",
    "gained",
    "gain",
    "higher",
    "boosted",
    "raised",
    "increasing",
    "leapt",
    "leaped",
    "rocketed",
    "swelled",
    "expanded",
];
const FALL: &[&str] = &[
    "fell",
    "fallen",
    "fall",
    "falls",
    "falling",
    "decreased",
    "decrease",
    "declined",
    "decline",
    "declines",
    "dropped",
    "drop",
    "drops",
    "slumped",
    "plunged",
    "down",
    "cut",
    "cuts",
    "lower",
    "shrank",
    "shrunk",
    "reduced",
    "reduction",
    "slid",
    "tumbled",
    "dipped",
    "eased",
    "slipped",
    "lost",
    "sank",
    "plummeted",
    "shed",
];

/// The direction a change word states: +1 rise, -1 fall.
pub(crate) fn direction(t: &Tk<'_>) -> Option<i32> {
    if t.is_any(RISE) {
        Some(1)
    } else if t.is_any(FALL) {
        Some(-1)
    } else {
        None
    }
}
