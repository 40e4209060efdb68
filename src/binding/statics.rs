//! The class's static functions: the tables the page reads once (the schema, limits, presets, the
//! output choices of a problem) and fresh seeds.

use super::{to_js, Playground};
use crate::config::MAX_SEED;
use serde::Serialize;
use wasm_bindgen::prelude::*;

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
        to_js(&crate::schema::limits())
    }

    /// Everything the page builds its controls from: `{ settings, presets, controls, limits }`,
    /// each setting `{ name, kind, default, … }` with its bounds, steps and labelled choices, in
    /// the order of the configuration's fields (see `config/settings.rs`).
    pub fn schema() -> JsValue {
        to_js(&crate::schema::schema())
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
