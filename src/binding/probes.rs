//! What the teaching views ask of the core: one sample traced, the next batch's gradients and the
//! update they will make, finite differences, and an activation swapped in place.

use super::{to_js, Playground};
use crate::config::settings::ACTIVATION;
use crate::config::FieldValue;
use crate::network::Param;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Trace<'a> {
    index: u32,
    x: f32,
    y: f32,
    label: f32,
    input: &'a [f32],
    target: &'a [f32],
    output: &'a [f32],
    loss: f32,
}

#[wasm_bindgen]
impl Playground {
    /// Forward and backward for one training sample without updating; z, a, δ and the gradient
    /// buffers then hold that sample's values.
    /// The index is taken as a JS number and checked whole: a `u32` would wrap 2³² + 3 to 3.
    pub fn trace(&mut self, index: f64) -> Result<JsValue, JsError> {
        let count = self.trainer.train_samples().len();
        let missing = || {
            JsError::new(&format!(
                "sample {index} does not exist; there are {count} training samples (0 to {})",
                count as f64 - 1.0
            ))
        };
        if !(index >= 0.0 && index.fract() == 0.0 && index < count as f64) {
            return Err(missing());
        }
        let k = index as usize;
        let loss = self.trainer.trace(k).ok_or_else(missing)?;
        let p = self.trainer.train_samples().points[k];
        let (input, target) = self.trainer.train_samples().sample(k);
        Ok(to_js(&Trace {
            index: k as u32,
            x: p.x,
            y: p.y,
            label: p.label,
            input,
            target,
            output: self.trainer.network.output(),
            loss,
        }))
    }

    /// The training sample the next step's mini-batch starts with
    /// (`undefined` when there is no training data).
    #[wasm_bindgen(js_name = nextSample)]
    pub fn next_sample(&self) -> Option<u32> {
        self.trainer.next_sample().map(|k| k as u32)
    }

    /// Forward and backward over the given samples, no weight change; returns the mean loss.
    #[wasm_bindgen(js_name = computeGradients)]
    pub fn compute_gradients(&mut self, inputs: &[f32], targets: &[f32]) -> Result<f32, JsError> {
        self.trainer
            .compute_gradients(inputs, targets)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// One optimiser update from the gradient buffers.
    #[wasm_bindgen(js_name = applyGradients)]
    pub fn apply_gradients(&mut self) {
        self.trainer.apply_gradients();
    }

    /// Central-difference ∂L/∂(weight `index`, or bias `index` when `isBias`) of layer `layer`
    /// on training sample `sample`, with step `h`.
    #[wasm_bindgen(js_name = numericalGradient)]
    pub fn numerical_gradient(
        &mut self,
        layer: usize,
        index: usize,
        is_bias: bool,
        sample: u32,
        h: f32,
    ) -> Result<f32, JsError> {
        let param = param(layer, index, is_bias);
        self.trainer
            .numerical_gradient(param, sample as usize, h)
            .ok_or_else(|| JsError::new(&format!("{param:?} or sample {sample} does not exist")))
    }

    /// Computes the next step's mini-batch gradients without an update (then `updatePreview` is
    /// exactly the change the next step makes); returns the batch's mean loss.
    #[wasm_bindgen(js_name = computeNextBatchGradients)]
    pub fn compute_next_batch_gradients(&mut self) -> f32 {
        self.trainer.compute_next_batch_gradients()
    }

    /// The change the next update will make to a weight (or bias), from the gradient buffers.
    #[wasm_bindgen(js_name = updatePreview)]
    pub fn update_preview(
        &self,
        layer: usize,
        index: usize,
        is_bias: bool,
    ) -> Result<f32, JsError> {
        let param = param(layer, index, is_bias);
        self.trainer
            .update_preview(param)
            .ok_or_else(|| JsError::new(&format!("{param:?} does not exist")))
    }

    /// The training loss with parameters a and b set to each (a, b) pair of `pairs` (flat), the
    /// rest as they are: the loss landscape. `params` is [layer, index, isBias] of a, then of b.
    #[wasm_bindgen(js_name = lossAt)]
    pub fn loss_at(&mut self, params: &[u32], pairs: &[f32]) -> Result<Vec<f32>, JsError> {
        let [la, ia, ba, lb, ib, bb] = params else {
            return Err(JsError::new(
                "give [layer, index, isBias] of each of two parameters",
            ));
        };
        let a = param(*la as usize, *ia as usize, *ba != 0);
        let b = param(*lb as usize, *ib as usize, *bb != 0);
        self.trainer
            .loss_at(a, b, pairs)
            .ok_or_else(|| JsError::new("a and b are not two parameters of this network"))
    }

    /// Swaps the hidden activation and keeps the weights (`setConfig` would rebuild).
    #[wasm_bindgen(js_name = switchActivation)]
    pub fn switch_activation(&mut self, name: &str) -> Result<(), JsError> {
        let config = self
            .trainer
            .config()
            .merged([(
                ACTIVATION.name.to_string(),
                FieldValue::Text(name.to_string()),
            )])
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.trainer
            .switch_activation(config.activation)
            .map_err(|e| JsError::new(&e.to_string()))
    }
}

fn param(layer: usize, index: usize, is_bias: bool) -> Param {
    if is_bias {
        Param::Bias { layer, index }
    } else {
        Param::Weight { layer, index }
    }
}
