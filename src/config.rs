//! Reading `copydesk.toml` into [`analysis::Config`](crate::analysis::Config).
//!
//! ```toml
//! date = "2022-03-24"                 # the article date when front matter has none
//! attribution_verbs = ["quipped"]     # extra speech verbs
//!
//! [rules]
//! ATT006 = "off"                      # a code or a name: "off", "hint", "information", "warning", "error"
//! vague-source = "information"
//!
//! [[people]]
//! name = "Jens Stoltenberg"
//! title = "NATO Secretary-General"
//! aliases = ["Stoltenberg"]
//! note = "Secretary-general since 2014"
//!
//! reference = ["desk/people.toml", "desk/bodies.toml"]   # the desk's reference sheets (see `sheet`)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::analysis::{Config, Date, RegistryPerson, RuleLevel, rules};

pub mod sheet;

pub const FILE_NAME: &str = "copydesk.toml";

/// A configuration file that could not be used, with where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column of the problem, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Byte range of the problem in the file, when known.
    pub span: Option<std::ops::Range<usize>>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, ":{l}:{c}")?;
        }
        let what = if self.path.file_name().is_some_and(|n| n == FILE_NAME) {
            "invalid configuration"
        } else {
            "invalid reference sheet"
        };
        write!(f, ": {what}: {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    attribution_verbs: Vec<String>,
    #[serde(default)]
    people: Vec<RawPerson>,
    #[serde(default)]
    reference: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    name: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = src.get(..offset).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn error_at(
    path: &Path,
    src: &str,
    span: Option<std::ops::Range<usize>>,
    message: String,
) -> ConfigError {
    let (line, column) = match &span {
        Some(s) => {
            let (l, c) = line_col(src, s.start);
            (Some(l), Some(c))
        }
        None => (None, None),
    };
    ConfigError {
        path: path.to_path_buf(),
        line,
        column,
        span,
        message,
    }
}

/// Finds the byte span of `needle` as a key or value in `src` (for errors found after parsing).
fn find_span(src: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    src.find(needle).map(|i| i..i + needle.len())
}

/// What is wrong with one rule setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSettingError {
    /// The key is no rule's code or name.
    UnknownRule,
    /// The value is not a level ([`RuleLevel::EXPECTED`]).
    BadLevel,
}

/// What to write instead of an unknown rule.
pub const UNKNOWN_RULE_HELP: &str = "expected a rule code such as `ATT006` or a name such as \
     `unbalanced-quotes` (see `copydesk rules`)";

/// One rule setting, as `[rules]` in `copydesk.toml` and the server's `rules` setting give it:
/// a rule code or name (any case) and a level, as the rule's code and the level.
pub fn rule_setting(key: &str, level: &str) -> Result<(String, RuleLevel), RuleSettingError> {
    let rule = rules::find(key).ok_or(RuleSettingError::UnknownRule)?;
    let level = RuleLevel::parse(level).ok_or(RuleSettingError::BadLevel)?;
    Ok((rule.code().to_string(), level))
}

/// Parses the text of a configuration file and reads the reference sheets it names (paths
/// relative to `path`'s directory). A sheet that cannot be read is the error, naming the sheet.
pub fn parse_str(src: &str, path: &Path) -> Result<Config, ConfigError> {
    let (mut config, sheets) = parse_settings(src, path)?;
    if !sheets.is_empty() {
        let base = path.parent().unwrap_or(Path::new(""));
        let loaded = sheet::load(base, &sheets, false);
        if let Some(e) = loaded.errors.into_iter().next() {
            return Err(e);
        }
        let mut reference = sheet::Sheets {
            people: loaded.people,
            bodies: loaded.bodies,
            ..sheet::Sheets::default()
        };
        merge_registry(&mut reference, &config.people);
        config.reference = std::sync::Arc::new(reference.into_reference());
    }
    Ok(config)
}

/// The registry and the sheet are one list of people: a `[[people]]` entry named like a sheet
/// person lends it its aliases and note.
fn merge_registry(sheets: &mut sheet::Sheets, registry: &[RegistryPerson]) {
    if registry.is_empty() {
        return;
    }
    for p in &mut sheets.people {
        let key = crate::analysis::reference::name_key(&p.name);
        let Some(r) = registry
            .iter()
            .find(|r| crate::analysis::reference::name_key(&r.name) == key)
        else {
            continue;
        };
        for a in &r.aliases {
            if !p.aliases.contains(a) {
                p.aliases.push(a.clone());
            }
        }
        if p.note.is_none() {
            p.note = r.note.clone();
        }
    }
}

/// The reference sheets a configuration file names, as written (empty when it names none or
/// cannot be parsed).
pub fn sheet_names(src: &str, path: &Path) -> Vec<String> {
    parse_settings(src, path)
        .map(|(_, s)| s)
        .unwrap_or_default()
}

/// Parses the configuration file's own settings, without reading its sheets: the configuration
/// and the sheets it names.
pub fn parse_settings(src: &str, path: &Path) -> Result<(Config, Vec<String>), ConfigError> {
    let raw: RawConfig = toml::from_str(src).map_err(|e| {
        let msg = e.message().to_string();
        error_at(path, src, e.span(), msg)
    })?;
    let mut config = Config::default();
    for (key, value) in raw.rules {
        match rule_setting(&key, &value) {
            Ok(setting) => config.rules.push(setting),
            Err(RuleSettingError::UnknownRule) => {
                return Err(error_at(
                    path,
                    src,
                    find_span(src, &key),
                    format!("unknown rule `{key}` in [rules]: {UNKNOWN_RULE_HELP}"),
                ));
            }
            Err(RuleSettingError::BadLevel) => {
                return Err(error_at(
                    path,
                    src,
                    find_span(src, &format!("\"{value}\"")).or_else(|| find_span(src, &key)),
                    format!("rule `{key}` is set to `{value}`: {}", RuleLevel::EXPECTED),
                ));
            }
        }
    }
    if let Some(d) = raw.date {
        config.article_date = Some(Date::parse_iso(&d).ok_or_else(|| {
            error_at(
                path,
                src,
                find_span(src, &d),
                format!("`date = \"{d}\"` is not a date: expected YYYY-MM-DD, e.g. \"2022-03-24\""),
            )
        })?);
    }
    for verb in raw.attribution_verbs {
        let v = verb.trim().to_lowercase();
        if v.is_empty()
            || !v
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'')
        {
            return Err(error_at(
                path,
                src,
                find_span(src, &verb),
                format!("attribution verb `{verb}` must be a word or phrase of letters"),
            ));
        }
        config.attribution_verbs.push(v);
    }
    for p in raw.people {
        if p.name.split_whitespace().next().is_none() {
            return Err(error_at(
                path,
                src,
                find_span(src, "[[people]]"),
                "a [[people]] entry has an empty `name`".to_string(),
            ));
        }
        config.people.push(RegistryPerson {
            name: p.name.split_whitespace().collect::<Vec<_>>().join(" "),
            title: p.title.filter(|t| !t.trim().is_empty()),
            aliases: p.aliases,
            note: p.note.filter(|t| !t.trim().is_empty()),
        });
    }
    let sheets: Vec<String> = raw
        .reference
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    Ok((config, sheets))
}

/// Reads and parses a configuration file.
pub fn load_file(path: &Path) -> Result<Config, ConfigError> {
    let bytes = std::fs::read(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: None,
        column: None,
        span: None,
        message: format!("cannot read the file: {e}"),
    })?;
    let src = String::from_utf8(bytes).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: None,
        column: None,
        span: None,
        message: format!(
            "the file is not valid UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ),
    })?;
    parse_str(&src, path)
}

/// The nearest `copydesk.toml` in `dir` or one of its ancestors.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Severity;

    #[test]
    fn parses_a_full_config() {
        let src = r#"
date = "2022-03-24"
attribution_verbs = ["quipped"]
[rules]
ATT006 = "off"
vague-source = "information"
[[people]]
name = "Jens Stoltenberg"
title = "NATO Secretary-General"
aliases = ["Stoltenberg"]
"#;
        let c = parse_str(src, Path::new("copydesk.toml")).unwrap();
        assert_eq!(c.article_date, Date::new(2022, 3, 24));
        assert_eq!(c.rule_level("ATT006"), Some(RuleLevel::Off));
        assert_eq!(
            c.rule_level("ATT003"),
            Some(RuleLevel::On(Severity::Information))
        );
        assert_eq!(c.people[0].title.as_deref(), Some("NATO Secretary-General"));
    }

    #[test]
    fn errors_name_line_and_expectation() {
        let e = parse_str("[rules]\nATT006 = \"loud\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("expected one of"), "{e}");
        let e = parse_str("[rules\nATT006 = 1\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(e.line, Some(1));
        let e = parse_str("[rules]\nNOPE1 = \"off\"\n", Path::new("c.toml")).unwrap_err();
        assert!(e.message.contains("unknown rule"), "{e}");
        let e = parse_str("colour = 1\n", Path::new("c.toml")).unwrap_err();
        assert!(e.to_string().starts_with("c.toml:1:1"), "{e}");
    }
}
