//! The class's static functions: the tables the page reads once (limits, presets, the output
//! choices of a problem) and fresh seeds.

use super::{to_js, Playground};
use crate::config::{MAX_KEYS, MAX_SEED, MAX_TEXT};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Bounds the JS side checks before calling in (`Playground.limits()`): one source for both.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Limits {
    link_chars: usize,
    model_bytes: usize,
    csv_bytes: usize,
    text_chars: usize,
    list_items: usize,
    keys: usize,
    points: usize,
}

#[wasm_bindgen]
impl Playground {
    /// The valid (output activation, loss) pairs of a problem: `[{ outputActivation, loss }]`.
    #[wasm_bindgen(js_name = outputChoices)]
    pub fn output_choices(problem: &str) -> Result<JsValue, JsError> {
        let problem = crate::data::dataset::Problem::ALL
            .into_iter()
            .find(|p| p.name() == problem)
            .ok_or_else(|| JsError::new(&format!("problem: {problem:?} is not a problem")))?;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Pair {
            output_activation: &'static str,
            loss: &'static str,
        }
        let pairs: Vec<Pair> = crate::network::loss::Loss::ALL
            .into_iter()
            .flat_map(|loss| {
                crate::config::valid_outputs(problem, loss)
                    .iter()
                    .map(move |a| Pair {
                        output_activation: a.name(),
                        loss: loss.name(),
                    })
            })
            .collect();
        Ok(to_js(&pairs))
    }

    /// The sizes every input is checked against: `{ linkChars, modelBytes, csvBytes, textChars,
    /// listItems, keys, points }`. The JS side checks them before it copies anything in.
    pub fn limits() -> JsValue {
        to_js(&Limits {
            link_chars: crate::io::link::MAX_FRAGMENT,
            model_bytes: crate::io::model::MAX_BYTES,
            csv_bytes: crate::io::csv::MAX_BYTES,
            text_chars: MAX_TEXT,
            list_items: crate::config::MAX_LIST_ITEMS,
            keys: MAX_KEYS,
            points: crate::config::MAX_POINTS,
        })
    }

    /// The presets: `[{ name, title, teaches }]`; `new Playground({ preset: name })` builds one.
    pub fn presets() -> JsValue {
        to_js(&crate::presets::PRESETS)
    }

    /// A fresh seed from the browser's entropy (for a "new seed" button).
    #[wasm_bindgen(js_name = randomSeed)]
    pub fn random_seed() -> f64 {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).expect("the browser provides entropy");
        (u64::from_le_bytes(bytes) & MAX_SEED) as f64
    }
}
