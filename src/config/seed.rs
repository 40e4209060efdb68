//! The seed: a whole number for our streams, or any short text under TensorFlow Playground's
//! rules, where its links carry text (`seed=0.59704`) that keys its random stream as it is.

use super::error::error;
use super::given::integer;
use super::settings::SEED;
use super::{ConfigError, FieldValue, MAX_SEED};
use crate::tensorflow::Rules;
use serde::Serialize;

/// The longest seed text kept (TensorFlow Playground writes 7 characters).
pub const MAX_SEED_TEXT: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Seed {
    Number(u64),
    /// Only under TensorFlow Playground's rules: under ours a text seed is hashed to a number.
    Text(String),
}

impl Seed {
    /// The number our streams are keyed by.
    pub fn number(&self) -> u64 {
        match self {
            Seed::Number(n) => *n,
            Seed::Text(t) => seed_from_text(t),
        }
    }

    /// The text TensorFlow Playground's stream is keyed by (a number as its decimal digits).
    pub fn text(&self) -> String {
        match self {
            Seed::Number(n) => n.to_string(),
            Seed::Text(t) => t.clone(),
        }
    }

    pub fn to_field(&self) -> FieldValue {
        match self {
            Seed::Number(n) => FieldValue::Number(*n as f64),
            Seed::Text(t) => FieldValue::Text(t.clone()),
        }
    }

    /// A seed as given: a whole number from 0 to `MAX_SEED`, or text that is not one. Under
    /// TensorFlow Playground's rules text stays text; under ours it is hashed into range.
    pub(super) fn read(value: Option<&FieldValue>, rules: Rules) -> Result<Seed, ConfigError> {
        let Some(value) = value else {
            return Ok(Seed::Number(SEED.default));
        };
        let FieldValue::Text(text) = value else {
            return integer(SEED.name, value, SEED.min, SEED.max).map(Seed::Number);
        };
        if let Ok(n) = text.trim().parse::<u64>() {
            // Under TensorFlow Playground's rules "007" is not "7": its stream keys on the text.
            if n <= MAX_SEED && (rules == Rules::Playground || n.to_string() == *text) {
                return Ok(Seed::Number(n));
            }
        }
        if text.is_empty() || text.chars().count() > MAX_SEED_TEXT {
            return Err(error(
                SEED.name,
                format!("{value} is not allowed; use a whole number from 0 to {MAX_SEED}, or up to {MAX_SEED_TEXT} characters of text"),
            ));
        }
        Ok(match rules {
            Rules::Tensorflow => Seed::Text(text.clone()),
            Rules::Playground => Seed::Number(seed_from_text(text)),
        })
    }
}

impl std::fmt::Display for Seed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

/// A text seed as one of ours: hashed deterministically (FNV-1a) into range.
pub fn seed_from_text(text: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h & MAX_SEED
}
