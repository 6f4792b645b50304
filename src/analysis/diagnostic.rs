//! The words findings are made of: severity, fix, edit, related place. A finding itself
//! (`rules::Diagnostic`) names its rule and lives with the rules; renderers (CLI, LSP) turn it
//! into their own formats.

use super::range::TextRange;

/// How sure a rule is. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses the configuration spelling (`"info"` is accepted for `"information"`).
    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hint" => Some(Severity::Hint),
            "information" | "info" => Some(Severity::Information),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One text replacement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub replacement: String,
}

/// Whether a fix's edits give finished text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Applicability {
    /// The edits make the text consistent (the registry's spelling, the count the list gives):
    /// an editor offers it as the preferred fix.
    #[default]
    Ready,
    /// The edits leave a placeholder for the writer to fill in ("[SPEAKER] said"): offered, never
    /// preferred.
    Placeholder,
}

impl Applicability {
    pub const fn as_str(self) -> &'static str {
        match self {
            Applicability::Ready => "ready",
            Applicability::Placeholder => "placeholder",
        }
    }
}

/// A suggested fix: a title for the editor's menu and the edits that make it. The rule that
/// finds a problem makes its fix; the CLI and the language server only show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    /// A fix whose edits give finished text.
    pub fn new(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            edits,
            applicability: Applicability::Ready,
        }
    }

    /// A fix that leaves a placeholder for the writer.
    pub fn placeholder(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            applicability: Applicability::Placeholder,
            ..Fix::new(title, edits)
        }
    }
}

/// Another place in the article that explains a finding (the other spelling, the other figure).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub range: TextRange,
    pub message: String,
}
