//! The only file that knows wasm-bindgen: a thin `Playground` handle over the pure-Rust core.
//! Buffers are handed out as zero-copy views over wasm memory; they are valid until the memory
//! grows or the network is rebuilt (`setConfig` returning true), so the JS engine module re-creates
//! them then. Names are camelCase on the JS side.

use crate::config::{Config, FieldValue, MAX_SEED};
use crate::data::dataset::Point;
use crate::heatmap::{HeatmapCache, MAX_RESOLUTION};
use crate::network::{Layer, Param};
use crate::training::Trainer;
use js_sys::{Float32Array, Object, Uint8ClampedArray};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Playground {
    trainer: Trainer,
    heatmaps: HeatmapCache,
    /// What reading a link found (for a playground built by `fromLink`).
    report: crate::io::link::LinkReport,
}

/// The longest text a setting takes (a data set's name, a list written out): longer is refused
/// before it is copied into wasm memory.
pub const MAX_TEXT: usize = 1000;
/// More keys than any configuration has (about 30): a larger object is refused unread.
pub const MAX_KEYS: usize = 64;

/// A JS object's fields as loose values; `undefined` and `null` mean "not given". Everything is
/// checked on the JS side of the boundary first (type, size, nesting), so that no value is copied
/// into wasm memory before it is known to be small, and no conversion can recurse into a cyclic
/// or deeply nested one.
fn fields(config: &JsValue) -> Result<Vec<(String, FieldValue)>, JsError> {
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
    let error = crate::config::ConfigError {
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
        if list.length() as usize > crate::config::MAX_LIST_ITEMS {
            return Err(refusal(
                key,
                format!(
                    "a list of {} items is too long; no setting takes more than {}",
                    list.length(),
                    crate::config::MAX_LIST_ITEMS
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

fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("plain data serialises")
}

fn points(xy: &[f32], labels: &[f32], field: &str) -> Result<Vec<Point>, JsError> {
    if xy.len() != 2 * labels.len() {
        return Err(JsError::new(&format!(
            "{field}: {} coordinates for {} labels; give one (x, y) pair per label",
            xy.len(),
            labels.len()
        )));
    }
    Ok(xy
        .chunks_exact(2)
        .zip(labels)
        .map(|(p, &label)| Point {
            x: p[0],
            y: p[1],
            label,
        })
        .collect())
}

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
    /// Builds a playground from a plain object of settings (all optional).
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<Playground, JsError> {
        let config =
            Config::from_fields(fields(&config)?).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Playground {
            trainer: Trainer::new(config),
            heatmaps: HeatmapCache::default(),
            report: Default::default(),
        })
    }

    /// A playground from a model file (`exportModel`'s JSON); throws an `Error` naming what is
    /// wrong with a bad file.
    #[wasm_bindgen(js_name = fromModel)]
    pub fn from_model(text: &str) -> Result<Playground, JsError> {
        let trainer = crate::io::model::import(text).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Playground {
            trainer,
            heatmaps: HeatmapCache::default(),
            report: Default::default(),
        })
    }

    /// A playground from a link's fragment. Never throws: unknown keys and bad values are in
    /// `linkReport()` (and defaults were used), so any link opens a working playground.
    #[wasm_bindgen(js_name = fromLink)]
    pub fn from_link(fragment: &str) -> Playground {
        let (trainer, report) = crate::io::link::open(fragment);
        Playground {
            trainer,
            heatmaps: HeatmapCache::default(),
            report,
        }
    }

    /// `{ notices, errors, options: { embed, controls, autoplay, theme, hide, hideText, preset },
    /// weights, tensorflow }` from `fromLink`.
    #[wasm_bindgen(js_name = linkReport)]
    pub fn link_report(&self) -> JsValue {
        to_js(&self.report)
    }

    /// This playground as a link fragment (without `#`): the version, every setting, the preset
    /// if given, and with `weights` the trained parameters.
    pub fn link(&self, weights: bool, preset: Option<String>) -> String {
        crate::io::link::fragment(&self.trainer, preset.as_deref(), weights)
    }

    /// The configuration, counters and every weight and bias as JSON.
    #[wasm_bindgen(js_name = exportModel)]
    pub fn export_model(&self) -> String {
        crate::io::model::export(&self.trainer)
    }

    /// The data set as CSV (`x,y,label`; training points first).
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self) -> String {
        self.trainer.export_csv()
    }

    /// Replaces the data set with CSV text; throws an `Error` naming the line on bad input, and
    /// then nothing changes. Returns a notice (or `undefined`) when the batch size was lowered.
    #[wasm_bindgen(js_name = importCsv)]
    pub fn import_csv(&mut self, text: &str) -> Result<Option<String>, JsError> {
        self.trainer
            .import_csv(text)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Whether the data came from `setData` or `importCsv`.
    #[wasm_bindgen(js_name = hasCustomData)]
    pub fn has_custom_data(&self) -> bool {
        self.trainer.has_custom_data()
    }

    /// The full, normalised configuration.
    pub fn config(&self) -> JsValue {
        to_js(self.trainer.config())
    }

    /// Changes some settings. Learning rate, regularisation, batch size, optimiser and shuffling
    /// apply at once; anything else rebuilds the network (returns true: re-create every view).
    #[wasm_bindgen(js_name = setConfig)]
    pub fn set_config(&mut self, changes: JsValue) -> Result<bool, JsError> {
        let config = self
            .trainer
            .config()
            .merged(fields(&changes)?)
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.trainer
            .set_config(config)
            .map_err(|e| JsError::new(&e.to_string()))
    }

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

    /// Replaces the data: (x, y) pairs in [−6, 6]² and their labels. Returns a notice (or
    /// `undefined`) when the batch size was lowered to fit.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(
        &mut self,
        train_points: &[f32],
        train_labels: &[f32],
        test_points: &[f32],
        test_labels: &[f32],
    ) -> Result<Option<String>, JsError> {
        let train = points(train_points, train_labels, "trainPoints")?;
        let test = points(test_points, test_labels, "testPoints")?;
        self.trainer
            .set_data(train, test)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The training points as x, y, label triples (a copy).
    #[wasm_bindgen(js_name = trainPoints)]
    pub fn train_points(&self) -> Vec<f32> {
        triples(&self.trainer.train_samples().points)
    }

    /// The test points as x, y, label triples (a copy).
    #[wasm_bindgen(js_name = testPoints)]
    pub fn test_points(&self) -> Vec<f32> {
        triples(&self.trainer.test_samples().points)
    }

    /// Runs up to `n` mini-batch updates (fewer if training diverges); returns how many ran.
    pub fn step(&mut self, n: u32) -> u32 {
        self.trainer.step(n as usize) as u32
    }

    /// Runs the rest of the current epoch; returns the updates run.
    pub fn epoch(&mut self) -> u32 {
        self.trainer.epoch() as u32
    }

    pub fn stats(&mut self) -> JsValue {
        to_js(&self.trainer.stats())
    }

    /// Evaluates up to `maxPoints` more points of an evaluation spread over calls; true once one
    /// is finished (then `latestStats` reports it).
    #[wasm_bindgen(js_name = evaluateSome)]
    pub fn evaluate_some(&mut self, max_points: u32) -> bool {
        self.trainer.evaluate_some(max_points as usize)
    }

    /// Panics on purpose, inside a method (so, like a real panic, it leaves this object borrowed):
    /// the tests use it to check that a panic is contained and the page recovers.
    #[wasm_bindgen(js_name = panicForTests)]
    pub fn panic_for_tests(&mut self) {
        panic!("a deliberate panic, for the tests of panic recovery");
    }

    /// `stats()` with the losses of the last finished evaluation (perhaps a few steps old).
    #[wasm_bindgen(js_name = latestStats)]
    pub fn latest_stats(&mut self) -> JsValue {
        to_js(&self.trainer.latest_stats())
    }

    /// After a divergence, brings back the last finite parameters. Returns whether it did.
    pub fn restore(&mut self) -> bool {
        self.trainer.restore()
    }

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

    /// The training sample the next step's mini-batch starts with
    /// (`undefined` when there is no training data).
    #[wasm_bindgen(js_name = nextSample)]
    pub fn next_sample(&self) -> Option<u32> {
        self.trainer.next_sample().map(|k| k as u32)
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

    /// Swaps the hidden activation and keeps the weights (`setConfig` would rebuild).
    #[wasm_bindgen(js_name = switchActivation)]
    pub fn switch_activation(&mut self, name: &str) -> Result<(), JsError> {
        let config = self
            .trainer
            .config()
            .merged([("activation".to_string(), FieldValue::Text(name.to_string()))])
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.trainer
            .switch_activation(config.activation)
            .map_err(|e| JsError::new(&e.to_string()))
    }

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

/// Starts every panic's message, so that JS can tell a panic from an ordinary error.
const PANIC_PREFIX: &str = "Backprop Playground core panic: ";

/// Makes a panic throw a JS Error carrying its message (`PANIC_PREFIX` first) instead of trapping
/// with a bare "unreachable". The instance is not usable afterwards (a Rust object may be left
/// mid-change): the JS engine then builds a new one.
#[wasm_bindgen(js_name = containPanics)]
pub fn contain_panics() {
    std::panic::set_hook(Box::new(|info| {
        wasm_bindgen::throw_str(&format!("{PANIC_PREFIX}{info}"))
    }));
}

/// The prefix of a panic's message (see `containPanics`).
#[wasm_bindgen(js_name = panicPrefix)]
pub fn panic_prefix() -> String {
    PANIC_PREFIX.to_string()
}

fn param(layer: usize, index: usize, is_bias: bool) -> Param {
    if is_bias {
        Param::Bias { layer, index }
    } else {
        Param::Weight { layer, index }
    }
}

fn triples(points: &[Point]) -> Vec<f32> {
    points.iter().flat_map(|p| [p.x, p.y, p.label]).collect()
}
