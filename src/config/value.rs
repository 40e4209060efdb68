//! A setting's value as it arrives, loosely typed (from a JS object, a link's text or a model
//! file), read by its own type, bounded in size, and echoed short in error messages.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// No setting is a list longer than this (16 layers, 9 features): a longer one is refused before
/// it is built, so that a hostile link or file cannot make the parser hold much memory.
pub const MAX_LIST_ITEMS: usize = 64;
/// The longest text a setting takes (a data set's name, a list written out): longer is refused
/// before it is copied into wasm memory.
pub const MAX_TEXT: usize = 1000;
/// More keys than any configuration has (about 30): a larger object is refused unread.
pub const MAX_KEYS: usize = 64;

/// A loosely typed value, as a JS object or a link provides it.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<FieldValue>),
}

/// Read by the value's own type, not `#[serde(untagged)]`: untagged buffers every value and copies
/// each nested list again to try it, so a model file with 100 KB of numbers in lists nested 120
/// deep held 196 MB at once (memory grew with size × depth).
impl<'de> Deserialize<'de> for FieldValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldValueVisitor)
    }
}

struct FieldValueVisitor;

impl<'de> Visitor<'de> for FieldValueVisitor {
    type Value = FieldValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, text, true/false or a list of those")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<FieldValue, E> {
        Ok(FieldValue::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<FieldValue, E> {
        Ok(FieldValue::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<FieldValue, E> {
        Ok(FieldValue::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<FieldValue, E> {
        Ok(FieldValue::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldValue, E> {
        Ok(FieldValue::Text(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<FieldValue, E> {
        Ok(FieldValue::Text(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FieldValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            // No setting is a list of lists; refusing them keeps a hostile file's memory small
            // (each inner list would cost a buffer of its own).
            if matches!(item, FieldValue::List(_)) {
                return Err(de::Error::custom("a list inside a list is not a setting"));
            }
            if items.len() == MAX_LIST_ITEMS {
                return Err(de::Error::custom(format!(
                    "a list of more than {MAX_LIST_ITEMS} items is not a setting"
                )));
            }
            items.push(item);
        }
        Ok(FieldValue::List(items))
    }
}

/// How much of a text value an error message echoes: a 50 MB string comes back as a short prefix.
pub(super) const ECHO_CHARS: usize = 40;
/// How many items of a list an error message echoes.
const ECHO_ITEMS: usize = 8;

/// A text as messages quote it: in quotes, and cut to a short prefix when long.
pub fn echo(text: &str) -> String {
    let count = text.chars().count();
    if count > ECHO_CHARS {
        let prefix: String = text.chars().take(ECHO_CHARS).collect();
        format!("{prefix:?}… ({count} characters)")
    } else {
        format!("{text:?}")
    }
}

/// A value as error messages echo it: short whatever was given (huge numbers in exponent form,
/// long texts and lists cut to a prefix), so a message can never carry the input back whole.
impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Bool(b) => write!(f, "{b}"),
            FieldValue::Number(n)
                if n.is_finite() && *n != 0.0 && !(1e-6..1e15).contains(&n.abs()) =>
            {
                write!(f, "{n:e}")
            }
            FieldValue::Number(n) => write!(f, "{n}"),
            FieldValue::Text(s) => f.write_str(&echo(s)),
            FieldValue::List(items) => {
                write!(f, "[")?;
                for (i, item) in items.iter().take(ECHO_ITEMS).enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{item}")?;
                }
                if items.len() > ECHO_ITEMS {
                    write!(f, ", … {} items in all", items.len())?;
                }
                write!(f, "]")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    fn text(s: &str) -> FieldValue {
        FieldValue::Text(s.to_string())
    }

    #[test]
    fn values_are_echoed_short() {
        let shown = |v: FieldValue| v.to_string();
        assert_eq!(shown(FieldValue::Number(1e308)), "1e308");
        assert_eq!(shown(FieldValue::Number(-2.5e-9)), "-2.5e-9");
        assert_eq!(shown(FieldValue::Number(0.003)), "0.003");
        assert_eq!(shown(FieldValue::Number(1000.0)), "1000");
        let long = shown(FieldValue::Text("é".repeat(50_000_000 / 100)));
        assert!(
            long.ends_with("… (500000 characters)") && long.chars().count() < 70,
            "{long}"
        );
        let list = shown(FieldValue::List(
            (0..64).map(|k| FieldValue::Number(k as f64)).collect(),
        ));
        assert_eq!(list, "[0, 1, 2, 3, 4, 5, 6, 7, … 64 items in all]");
        let e = Config::from_fields([("learningRate".to_string(), FieldValue::Number(1e308))])
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("learningRate: 1e308 is not allowed"),
            "{e}"
        );
        let key = "k".repeat(10_000);
        let e = Config::from_fields([(key, FieldValue::Bool(true))]).unwrap_err();
        assert!(e.to_string().len() < 700, "{}", e.to_string().len());
    }

    #[test]
    fn field_values_read_from_json_by_their_type() {
        use FieldValue::{Bool, List, Number};
        let read = |json: &str| serde_json::from_str::<FieldValue>(json);
        assert_eq!(read("true").unwrap(), Bool(true));
        assert_eq!(read("-3").unwrap(), Number(-3.0));
        assert_eq!(read("0.25").unwrap(), Number(0.25));
        assert_eq!(
            read("18446744073709551615").unwrap(),
            Number(u64::MAX as f64)
        );
        assert_eq!(read("\"4,2\"").unwrap(), text("4,2"));
        assert_eq!(
            read("[4, \"x\", false]").unwrap(),
            List(vec![Number(4.0), text("x"), Bool(false)])
        );
        let nested = read("[4, [false]]").unwrap_err().to_string();
        assert!(nested.contains("a list inside a list"), "{nested}");
        for bad in ["null", "{}", "[1, {\"a\": 1}]"] {
            let e = read(bad).unwrap_err().to_string();
            assert!(
                e.contains("expected a number, text, true/false or a list of those"),
                "{bad}: {e}"
            );
        }
    }
}
