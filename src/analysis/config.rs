//! Analysis options as plain data. Reading `copydesk.toml` happens outside `analysis`
//! (see `crate::config`); this is what it produces.

use super::date::Date;
use super::diagnostic::Severity;
use super::reference::Reference;

/// What a configuration says about one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

impl RuleLevel {
    /// The values [`RuleLevel::parse`] accepts, as error messages name them.
    pub const EXPECTED: &'static str =
        "expected one of \"off\", \"hint\", \"information\", \"warning\", \"error\"";

    /// `"off"` or a severity (`"hint"`, `"information"`, `"warning"`, `"error"`; any case).
    pub fn parse(s: &str) -> Option<RuleLevel> {
        if s.trim().eq_ignore_ascii_case("off") {
            Some(RuleLevel::Off)
        } else {
            Severity::parse(s).map(RuleLevel::On)
        }
    }
}

/// A person from the `[[people]]` registry: the canonical spelling and what the desk knows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegistryPerson {
    pub name: String,
    pub title: Option<String>,
    pub aliases: Vec<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Rule overrides keyed by rule code (`ATT006`); names are resolved to codes by the loader.
    pub rules: Vec<(String, RuleLevel)>,
    /// The article's date when the article itself (front matter) gives none.
    pub article_date: Option<Date>,
    /// A date that wins over front matter and `article_date` (`copydesk check --date`).
    pub article_date_override: Option<Date>,
    /// Extra attribution verbs or phrases (base forms or inflected forms, lower case); the first
    /// word matches in its regular inflections (`lexicon::is_inflection_of`).
    pub attribution_verbs: Vec<String>,
    pub people: Vec<RegistryPerson>,
    /// The desk's reference sheet (`reference = [...]` in `copydesk.toml`), shared between the
    /// configurations made from one file.
    pub reference: std::sync::Arc<Reference>,
}

impl Config {
    /// The article date in force: the override, then the article's own (front matter) date, then
    /// the configured `article_date`.
    pub fn effective_article_date(&self, front_matter: Option<Date>) -> Option<Date> {
        self.article_date_override
            .or(front_matter)
            .or(self.article_date)
    }

    /// The level configured for `code`, if any (last entry wins).
    pub fn rule_level(&self, code: &str) -> Option<RuleLevel> {
        self.rules
            .iter()
            .rev()
            .find(|(c, _)| c.eq_ignore_ascii_case(code))
            .map(|(_, level)| *level)
    }
}
