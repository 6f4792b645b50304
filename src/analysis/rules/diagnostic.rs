//! A finding of a rule. The words it is made of (severity, fix, edit, related place) are the
//! text model's (`analysis::diagnostic`); the finding itself names its rule, so it lives here.

use super::Rule;
use crate::analysis::diagnostic::{Fix, Related, Severity};
use crate::analysis::range::TextRange;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it; `code.code()` is its stable code (`ATT006`), `code.name()` its
    /// stable kebab-case name (`unbalanced-quotes`).
    pub code: Rule,
    pub severity: Severity,
    pub range: TextRange,
    /// One sentence, no trailing period, quoted text in backticks.
    pub message: String,
    pub related: Vec<Related>,
    /// The rule's fix: the CLI shows it, the language server offers it as a code action.
    pub fix: Option<Fix>,
    /// The arithmetic or reasoning behind the finding, one step per line (shown in hovers and notes).
    pub computation: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at `range` (rules make theirs with `RuleContext::diagnostic`).
    pub fn new(
        rule: Rule,
        severity: Severity,
        range: TextRange,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: rule,
            severity,
            range,
            message: message.into(),
            related: Vec::new(),
            fix: None,
            computation: None,
        }
    }

    pub fn with_related(mut self, range: TextRange, message: impl Into<String>) -> Self {
        self.related.push(Related {
            range,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(
        mut self,
        title: impl Into<String>,
        edits: Vec<crate::analysis::diagnostic::Edit>,
    ) -> Self {
        self.fix = Some(Fix::new(title, edits));
        self
    }

    pub fn with_computation(mut self, computation: impl Into<String>) -> Self {
        self.computation = Some(computation.into());
        self
    }
}
