//! A link's text: percent-encoding both ways, the fragment written from a trainer, and the packed
//! weights read back into one.

use super::base64url;
use crate::config::FieldValue;
use crate::training::Trainer;
use crate::Scalar;

/// The version links are written with; a link of another version is read as well as it can be.
pub const VERSION: u32 = 1;

pub(super) fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut k = 0;
    while k < bytes.len() {
        if bytes[k] == b'%' && k + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[k + 1..k + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                k += 3;
                continue;
            }
        }
        out.push(bytes[k]);
        k += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b".,_-".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(super) fn load_weights(trainer: &mut Trainer, text: &str) -> Result<(), String> {
    let bytes = base64url::decode(text.trim_end_matches('=')).ok_or("not base64url")?;
    let count = trainer.network.parameter_count();
    if bytes.len() != count * 4 {
        return Err(format!(
            "{} bytes, but this network has {count} parameters ({} bytes)",
            bytes.len(),
            count * 4
        ));
    }
    let values: Vec<Scalar> = bytes
        .chunks_exact(4)
        .map(|b| Scalar::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    if values.iter().any(|v| !v.is_finite()) {
        return Err("a weight is not a finite number".into());
    }
    let mut at = 0;
    for l in 0..trainer.network.layers.len() {
        let (nw, nb) = (
            trainer.network.layers[l].weights.len(),
            trainer.network.layers[l].biases.len(),
        );
        let (w, b) = (
            values[at..at + nw].to_vec(),
            values[at + nw..at + nw + nb].to_vec(),
        );
        trainer.set_params(l, &w, &b).map_err(|e| e.message)?;
        at += nw + nb;
    }
    Ok(())
}

/// The fragment (without `#`) for a trainer: the version, every configuration field, the preset
/// if any, the points when they are the user's own, and with `weights` the step, epoch and every parameter packed as base64url.
pub fn fragment(trainer: &Trainer, preset: Option<&str>, weights: bool) -> String {
    let mut parts = vec![format!("v={VERSION}")];
    if let Some(p) = preset {
        parts.push(format!("preset={}", encode_component(p)));
    }
    for (key, value) in trainer.config().to_fields() {
        let text = match value {
            FieldValue::Bool(b) => b.to_string(),
            FieldValue::Number(n) => n.to_string(),
            FieldValue::Text(t) => t,
            FieldValue::List(items) => items
                .iter()
                .map(|i| match i {
                    FieldValue::Number(n) => n.to_string(),
                    FieldValue::Text(t) => t.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(","),
        };
        parts.push(format!("{key}={}", encode_component(&text)));
    }
    parts.extend(super::data::parts(trainer));
    if weights {
        let mut values = vec![0.0; trainer.network.parameter_count()];
        trainer.network.save_parameters(&mut values);
        let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        // The counters, not `stats()`: that would evaluate every data point (17 ms on the largest
        // network), and the page saves a link with weights every second.
        let (step, epoch) = trainer.counters();
        parts.push(format!("step={step}"));
        parts.push(format!("epoch={epoch}"));
        parts.push(format!("w={}", base64url::encode(&bytes)));
    }
    parts.join("&")
}
