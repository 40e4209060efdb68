//! The fields given, read one setting at a time against the settings table: a field not given
//! takes the setting's default, a bad one is refused with a message naming the field, the value
//! and what is allowed.

use super::error::{error, ConfigError};
use super::settings::{BoolSetting, Choice, ChoiceSetting, IntegerSetting, NumberSetting};
use super::value::{FieldValue, MAX_LIST_ITEMS};

/// The fields given, looked up by name (the last of a name wins).
pub(super) struct Given(pub(super) Vec<(String, FieldValue)>);

impl Given {
    pub(super) fn get(&self, field: &str) -> Option<&FieldValue> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v)
    }

    /// One of the setting's values, or its default.
    pub(super) fn choice<T: Choice>(&self, setting: &ChoiceSetting<T>) -> Result<T, ConfigError> {
        self.choice_or(setting, setting.default)
    }

    /// One of the setting's values, or `default` (for a default that follows other settings).
    pub(super) fn choice_or<T: Choice>(
        &self,
        setting: &ChoiceSetting<T>,
        default: T,
    ) -> Result<T, ConfigError> {
        let (field, allowed) = (setting.name, setting.values);
        let Some(value) = self.get(field) else {
            return Ok(default);
        };
        let found = match value {
            FieldValue::Text(s) => allowed.iter().copied().find(|c| c.name() == s),
            _ => None,
        };
        found.ok_or_else(|| {
            error(
                field,
                format!(
                    "{value} is not allowed; use one of {}",
                    allowed_names(allowed)
                ),
            )
        })
    }

    pub(super) fn number(&self, setting: &NumberSetting) -> Result<f64, ConfigError> {
        match self.get(setting.name) {
            None => Ok(setting.default),
            Some(value) => number(setting.name, value, setting.min, setting.max),
        }
    }

    pub(super) fn integer(&self, setting: &IntegerSetting) -> Result<u64, ConfigError> {
        self.integer_in(setting.name, setting.min, setting.max, setting.default)
    }

    /// A whole number with bounds and default of its own (the batch size's follow the data).
    pub(super) fn integer_in(
        &self,
        field: &str,
        lo: u64,
        hi: u64,
        default: u64,
    ) -> Result<u64, ConfigError> {
        match self.get(field) {
            None => Ok(default),
            Some(value) => integer(field, value, lo, hi),
        }
    }

    pub(super) fn boolean(&self, setting: &BoolSetting) -> Result<bool, ConfigError> {
        let field = setting.name;
        let Some(value) = self.get(field) else {
            return Ok(setting.default);
        };
        match value {
            FieldValue::Bool(b) => Ok(*b),
            FieldValue::Text(s) if s == "true" => Ok(true),
            FieldValue::Text(s) if s == "false" => Ok(false),
            _ => Err(error(
                field,
                format!("{value} is not allowed; use true or false"),
            )),
        }
    }

    /// A list, given as a list or as comma-separated text (counted before it is built).
    pub(super) fn list(&self, field: &str) -> Result<Option<Vec<FieldValue>>, ConfigError> {
        let Some(value) = self.get(field) else {
            return Ok(None);
        };
        let items = match value {
            FieldValue::List(items) => items.clone(),
            FieldValue::Text(s) if s.trim().is_empty() => Vec::new(),
            FieldValue::Text(s) => {
                let count = s.split(',').count();
                if count > MAX_LIST_ITEMS {
                    return Err(error(
                        field,
                        format!("a list of {count} items is not allowed; no setting takes more than {MAX_LIST_ITEMS}"),
                    ));
                }
                s.split(',')
                    .map(|p| FieldValue::Text(p.trim().to_string()))
                    .collect()
            }
            other => vec![other.clone()],
        };
        Ok(Some(items))
    }
}

pub(super) fn allowed_names<T: Choice>(set: &[T]) -> String {
    set.iter().map(|c| c.name()).collect::<Vec<_>>().join(", ")
}

fn number(field: &str, value: &FieldValue, lo: f64, hi: f64) -> Result<f64, ConfigError> {
    let n = match value {
        FieldValue::Number(n) => Some(*n),
        FieldValue::Text(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match n {
        Some(n) if n.is_finite() && n >= lo && n <= hi => Ok(n),
        _ => Err(error(
            field,
            format!("{value} is not allowed; use a number from {lo} to {hi}"),
        )),
    }
}

/// A whole number from `lo` to `hi` (also used for each width of the network's shape).
pub(super) fn integer(
    field: &str,
    value: &FieldValue,
    lo: u64,
    hi: u64,
) -> Result<u64, ConfigError> {
    let n = match value {
        FieldValue::Number(n) => Some(*n),
        FieldValue::Text(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match n {
        Some(n) if n.fract() == 0.0 && n >= lo as f64 && n <= hi as f64 => Ok(n as u64),
        _ => Err(error(
            field,
            format!("{value} is not allowed; use a whole number from {lo} to {hi}"),
        )),
    }
}
