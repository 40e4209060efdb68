//! JS values checked before they are copied in: a plain object of settings, each a number,
//! true/false, a short text or a short flat list of those.

use crate::config::{ConfigError, FieldValue, MAX_KEYS, MAX_LIST_ITEMS, MAX_TEXT};
use js_sys::Object;
use wasm_bindgen::prelude::*;

/// A JS object's fields as loose values; `undefined` and `null` mean "not given". Everything is
/// checked on the JS side of the boundary first (type, size, nesting), so that no value is copied
/// into wasm memory before it is known to be small, and no conversion can recurse into a cyclic
/// or deeply nested one.
pub(super) fn fields(config: &JsValue) -> Result<Vec<(String, FieldValue)>, JsError> {
    if config.is_undefined() || config.is_null() {
        return Ok(Vec::new());
    }
    let plain = config.is_object() && !js_sys::Array::is_array(config) && {
        let proto = Object::get_prototype_of(config);
        proto.is_null() || proto == Object::get_prototype_of(&Object::new())
    };
    if !plain {
        return Err(JsError::new(
            "config: expected a plain object of settings (not a list, Map or other object)",
        ));
    }
    let keys = Object::keys(config.unchecked_ref::<Object>());
    if keys.length() as usize > MAX_KEYS {
        return Err(JsError::new(&format!(
            "config: {} settings given; there are at most {MAX_KEYS}",
            keys.length()
        )));
    }
    let mut out = Vec::new();
    for key in keys.iter() {
        let key_text: js_sys::JsString = key.clone().unchecked_into();
        if key_text.length() as usize > MAX_TEXT {
            return Err(JsError::new(&format!(
                "config: a setting name of {} characters is not a setting",
                key_text.length()
            )));
        }
        let key_name = key.as_string().unwrap_or_default();
        // A getter that throws is a value that cannot be read, named like any other bad value.
        let value = js_sys::Reflect::get(config, &key)
            .map_err(|_| refusal(&key_name, "could not be read".into()))?;
        let key = key_name;
        if value.is_undefined() || value.is_null() {
            continue;
        }
        shallow_check(&key, &value)?;
        let parsed = serde_wasm_bindgen::from_value::<FieldValue>(value)
            .map_err(|e| refusal(&key, e.to_string()))?;
        out.push((key, parsed));
    }
    Ok(out)
}

/// A refused setting, named as the core names them (a long key by its prefix).
fn refusal(key: &str, message: String) -> JsError {
    let error = ConfigError {
        field: key.to_string(),
        message,
    };
    JsError::new(&error.to_string())
}

/// A setting is a number, true/false, a short text, or a short flat list of those.
fn shallow_check(key: &str, value: &JsValue) -> Result<(), JsError> {
    let scalar = |v: &JsValue| -> Result<(), JsError> {
        if let Some(text) = v.dyn_ref::<js_sys::JsString>() {
            if text.length() as usize > MAX_TEXT {
                return Err(refusal(
                    key,
                    format!(
                        "a text of {} characters is too long; no setting is longer than {MAX_TEXT}",
                        text.length()
                    ),
                ));
            }
            return Ok(());
        }
        if v.as_f64().is_some() || v.as_bool().is_some() {
            return Ok(());
        }
        Err(refusal(
            key,
            "not a number, text, true/false or list of those".into(),
        ))
    };
    if let Some(list) = value.dyn_ref::<js_sys::Array>() {
        if list.length() as usize > MAX_LIST_ITEMS {
            return Err(refusal(
                key,
                format!(
                    "a list of {} items is too long; no setting takes more than {}",
                    list.length(),
                    MAX_LIST_ITEMS
                ),
            ));
        }
        for item in list.iter() {
            if item.is_object() {
                return Err(refusal(
                    key,
                    "a list inside a list is nested too deeply or cyclic; a setting is a flat list"
                        .into(),
                ));
            }
            scalar(&item)?;
        }
        return Ok(());
    }
    scalar(value)
}
