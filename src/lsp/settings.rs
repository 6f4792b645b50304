//! Client settings (`initializationOptions` and the `copydesk` section of
//! `workspace/didChangeConfiguration`) and how they combine with `copydesk.toml`.
//!
//! ```json
//! { "copydesk": { "rules": { "ATT006": "off", "vague-source": "hint" },
//!                 "date": "2022-03-24", "debounceMs": 150 } }
//! ```
//! The `copydesk` wrapper is optional. Keys that are absent keep their previous value; settings
//! override the file.

use std::time::Duration;

use serde_json::Value;

use crate::analysis::{Config, Date, RuleLevel};
use crate::config::{RuleSettingError, UNKNOWN_RULE_HELP, rule_setting};

pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub rules: Vec<(String, RuleLevel)>,
    pub date: Option<Date>,
    pub debounce: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rules: Vec::new(),
            date: None,
            debounce: DEFAULT_DEBOUNCE,
        }
    }
}

impl Settings {
    /// Applies a settings object; returns a warning for every value that was ignored.
    pub fn update(&mut self, value: &Value) -> Vec<String> {
        let mut warnings = Vec::new();
        let obj = match value.get("copydesk") {
            Some(inner) => inner,
            None => value,
        };
        let Some(obj) = obj.as_object() else {
            return warnings;
        };
        if let Some(rules_value) = obj.get("rules") {
            self.rules.clear();
            match rules_value.as_object() {
                Some(map) => {
                    for (key, level) in map {
                        match rule_setting(key, level.as_str().unwrap_or("")) {
                            Ok(setting) => self.rules.push(setting),
                            Err(RuleSettingError::UnknownRule) => warnings.push(format!(
                                "copydesk.rules: unknown rule `{key}`: {UNKNOWN_RULE_HELP}"
                            )),
                            Err(RuleSettingError::BadLevel) => warnings
                                .push(format!("copydesk.rules.{key}: {}", RuleLevel::EXPECTED)),
                        }
                    }
                }
                None if rules_value.is_null() => {}
                None => warnings.push("copydesk.rules: expected an object".to_string()),
            }
        }
        if let Some(date) = obj.get("date") {
            match date {
                Value::Null => self.date = None,
                Value::String(s) if s.trim().is_empty() => self.date = None,
                Value::String(s) => match Date::parse_iso(s.trim()) {
                    Some(d) => self.date = Some(d),
                    None => warnings.push(format!("copydesk.date: `{s}` is not a YYYY-MM-DD date")),
                },
                _ => warnings.push("copydesk.date: expected a YYYY-MM-DD string".to_string()),
            }
        }
        if let Some(ms) = obj.get("debounceMs") {
            match ms.as_u64() {
                Some(ms) => self.debounce = Duration::from_millis(ms.min(60_000)),
                None if ms.is_null() => self.debounce = DEFAULT_DEBOUNCE,
                None => warnings
                    .push("copydesk.debounceMs: expected a number of milliseconds".to_string()),
            }
        }
        warnings
    }

    /// The file's configuration with these settings on top.
    pub fn apply(&self, base: &Config) -> Config {
        let mut c = base.clone();
        c.rules.extend(self.rules.iter().cloned());
        if self.date.is_some() {
            c.article_date = self.date;
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_wrapped_and_bare_settings() {
        let mut s = Settings::default();
        let w = s.update(&json!({"copydesk": {"rules": {"unbalanced-quotes": "off", "NOPE": "hint"}, "debounceMs": 0}}));
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(s.rules, vec![("ATT006".to_string(), RuleLevel::Off)]);
        assert_eq!(s.debounce, Duration::ZERO);
        s.update(&json!({"date": "2022-03-24"}));
        assert_eq!(s.date, Date::new(2022, 3, 24));
        assert_eq!(s.debounce, Duration::ZERO, "absent keys keep their value");
        let c = s.apply(&Config::default());
        assert_eq!(c.rule_level("ATT006"), Some(RuleLevel::Off));
        assert_eq!(c.article_date, Date::new(2022, 3, 24));
    }
}
