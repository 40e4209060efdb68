//! The one error of the core's inputs: which field, and a sentence saying what was wrong and
//! what is allowed.

use super::value::{echo, ECHO_CHARS};
use std::fmt;

/// A rejected field: which one, and a sentence saying what was wrong and what is allowed.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigError {
    pub field: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The field is a key someone gave: a long one is named by its prefix.
        if self.field.chars().count() > ECHO_CHARS {
            write!(f, "{}: {}", echo(&self.field), self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

pub(super) fn error(field: &str, message: String) -> ConfigError {
    ConfigError {
        field: field.to_string(),
        message,
    }
}
