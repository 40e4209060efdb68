//! The network's buffers as zero-copy views, `setParams` (the only way to write them) and the
//! heatmaps.

use super::{to_js, Playground};
use crate::heatmap::MAX_RESOLUTION;
use crate::network::Layer;
use js_sys::{Float32Array, Uint8ClampedArray};
use wasm_bindgen::prelude::*;

impl Playground {
    fn layer(&self, l: usize) -> Result<&Layer, JsError> {
        let layers = &self.trainer.network.layers;
        layers.get(l).ok_or_else(|| {
            JsError::new(&format!(
                "layer {l} does not exist; layers are 0 to {}",
                layers.len() - 1
            ))
        })
    }

    fn view(&self, l: usize, pick: fn(&Layer) -> &[f32]) -> Result<Float32Array, JsError> {
        // SAFETY: the slice lives as long as this network; the JS engine drops the view when the
        // memory grows or the network is rebuilt.
        Ok(unsafe { Float32Array::view(pick(self.layer(l)?)) })
    }
}

#[wasm_bindgen]
impl Playground {
    /// `[inputs, hidden…, outputs]`.
    #[wasm_bindgen(js_name = layerSizes)]
    pub fn layer_sizes(&self) -> JsValue {
        to_js(&self.trainer.network.sizes())
    }

    pub fn weights(&self, l: usize) -> Result<Float32Array, JsError> {
        self.view(l, |x| &x.weights)
    }

    pub fn biases(&self, l: usize) -> Result<Float32Array, JsError> {
        self.view(l, |x| &x.biases)
    }

    #[wasm_bindgen(js_name = weightGrads)]
    pub fn weight_grads(&self, l: usize) -> Result<Float32Array, JsError> {
        self.view(l, |x| &x.weight_grads)
    }

    #[wasm_bindgen(js_name = biasGrads)]
    pub fn bias_grads(&self, l: usize) -> Result<Float32Array, JsError> {
        self.view(l, |x| &x.bias_grads)
    }

    #[wasm_bindgen(js_name = preActivations)]
    pub fn pre_activations(&self, l: usize) -> Result<Float32Array, JsError> {
        self.view(l, |x| &x.pre_activations)
    }

    pub fn activations(&self, l: usize) -> Result<Float32Array, JsError> {
        self.view(l, |x| &x.activations)
    }

    /// f′(z) of the last sample (for softmax the Jacobian's diagonal).
    pub fn derivatives(&self, l: usize) -> Result<Float32Array, JsError> {
        self.view(l, |x| &x.derivatives)
    }

    #[wasm_bindgen(js_name = activationGrads)]
    pub fn activation_grads(&self, l: usize) -> Result<Float32Array, JsError> {
        self.view(l, |x| &x.activation_grads)
    }

    pub fn deltas(&self, l: usize) -> Result<Float32Array, JsError> {
        self.view(l, |x| &x.deltas)
    }

    /// The network inputs (feature values) of the last sample.
    pub fn inputs(&self) -> Float32Array {
        // SAFETY: as for `view`.
        unsafe { Float32Array::view(&self.trainer.network.input) }
    }

    /// Replaces one layer's weights and biases (the only way to write them).
    #[wasm_bindgen(js_name = setParams)]
    pub fn set_params(&mut self, l: usize, weights: &[f32], biases: &[f32]) -> Result<(), JsError> {
        self.trainer
            .set_params(l, weights, biases)
            .map_err(|e| JsError::new(&e.message))
    }

    /// RGBA pixels (`resolution`² × 4, row 0 at y = +6) of one node over [−6, 6]²: node −1 is
    /// the prediction, 0.. number every node from the inputs through each layer. The view is
    /// valid until the next call.
    pub fn heatmap(&mut self, node: i32, resolution: u32) -> Result<Uint8ClampedArray, JsError> {
        let resolution = resolution_in_bounds(resolution)?;
        let version = self.trainer.params_version();
        let (maps, current) = self.heatmaps.slot(version, resolution);
        if !current {
            let (network, config) = self.trainer.scratch_network();
            maps.update(network, config, version, resolution);
        }
        let nodes = maps.node_count() as i32;
        let pixels = match node {
            -1 => maps.paint_output(self.trainer.config()),
            n if (0..nodes).contains(&n) => maps.paint_node(n as usize),
            n => {
                return Err(JsError::new(&format!(
                    "node {n} does not exist; use -1 (the prediction) or 0 to {}",
                    nodes - 1
                )))
            }
        };
        // SAFETY: as for `view`; valid until the next heatmap call.
        Ok(unsafe { Uint8ClampedArray::view(pixels) })
    }

    /// RGBA pixels of an input feature (`x`, `sinY`, …) over the plane, for its thumbnail.
    #[wasm_bindgen(js_name = featureHeatmap)]
    pub fn feature_heatmap(name: &str, resolution: u32) -> Result<Vec<u8>, JsError> {
        let feature = crate::data::features::Feature::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| JsError::new(&format!("feature: {name:?} is not an input feature")))?;
        Ok(crate::heatmap::feature_pixels(
            feature,
            resolution_in_bounds(resolution)?,
        ))
    }
}

/// A heatmap's resolution, or an error naming the bound (every grid point is a forward pass).
fn resolution_in_bounds(resolution: u32) -> Result<usize, JsError> {
    let resolution = resolution as usize;
    if (1..=MAX_RESOLUTION).contains(&resolution) {
        Ok(resolution)
    } else {
        Err(JsError::new(&format!(
            "resolution {resolution} is not allowed; use 1 to {MAX_RESOLUTION}"
        )))
    }
}
