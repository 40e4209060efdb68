//! The only code that knows wasm-bindgen: a thin `Playground` handle over the pure-Rust core.
//! Buffers are handed out as zero-copy views over wasm memory; they are valid until the memory
//! grows or the network is rebuilt (`setConfig` returning true), so the JS engine module re-creates
//! them then. Names are camelCase on the JS side. The class's methods are spread over this folder:
//! here building, settings, data and the step loop; `views` the network's buffers and heatmaps;
//! `probes` what the teaching views ask; `statics` the class's tables; `fields` the checking of
//! JS values before they are copied in; `panic` the containment of panics.

mod fields;
mod panic;
mod probes;
mod statics;
mod views;

pub use panic::{contain_panics, panic_prefix};

use crate::config::Config;
use crate::data::dataset::Point;
use crate::heatmap::HeatmapCache;
use crate::training::Trainer;
use fields::fields;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Playground {
    trainer: Trainer,
    heatmaps: HeatmapCache,
    /// What reading a link found (for a playground built by `fromLink`).
    report: crate::io::link::LinkReport,
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("plain data serialises")
}

/// Points from (x, y) pairs and `per` labels a point, interleaved (x, y and then t0, t1, … of
/// regression with several outputs).
fn points(xy: &[f32], labels: &[f32], per: usize, field: &str) -> Result<Vec<Point>, JsError> {
    if xy.len() / 2 * per != labels.len() || xy.len() % 2 != 0 {
        return Err(JsError::new(&format!(
            "{field}: {} coordinates for {} labels; give one (x, y) pair per point and {per} label{} per point",
            xy.len(),
            labels.len(),
            if per == 1 { "" } else { "s, interleaved," }
        )));
    }
    Ok(xy
        .chunks_exact(2)
        .zip(labels.chunks_exact(per))
        .map(|(p, t)| Point::with_targets(p[0], p[1], t))
        .collect())
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

    /// `{ notices, errors, options: { embed, controls, autoplay, theme, speed, hide, hideText, preset },
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

    /// The data set as CSV (`x,y,label`, or `x,y,t0,t1,…` for several outputs; training first).
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self) -> String {
        self.trainer.export_csv()
    }

    /// Replaces the data set with CSV text; throws an `Error` naming the line on bad input, and
    /// then nothing changes. Returns a notice (or `undefined`) when the batch size was lowered.
    #[wasm_bindgen(js_name = importCsv)]
    pub fn import_csv(&mut self, text: &str) -> Result<Option<String>, JsError> {
        self.trainer
            .import_csv(text, None)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Under TensorFlow Playground's rules, whether this run is its run (and if not, why not), as
    /// one line for the page; `undefined` under ours.
    #[wasm_bindgen(js_name = tensorflowStatus)]
    pub fn tensorflow_status(&self) -> Option<String> {
        self.trainer.tensorflow_status()
    }

    /// Under TensorFlow Playground's rules, its Reset: the same data and the next weights from its
    /// running stream, training started over; returns false (and changes nothing) under ours.
    #[wasm_bindgen(js_name = resetTensorflow)]
    pub fn reset_tensorflow(&mut self) -> bool {
        self.heatmaps = HeatmapCache::default();
        self.trainer.reset_tensorflow()
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
    /// apply at once; anything else rebuilds the network (then re-create every view). Returns
    /// `{ rebuilt, config, link, tensorflowStatus }`: what the page needs after a change, in the one
    /// call, so that a setting crosses the boundary once (the link names `preset` unless the network
    /// was rebuilt; `tensorflowStatus` is as `tensorflowStatus()` gives it).
    #[wasm_bindgen(js_name = setConfig)]
    pub fn set_config(
        &mut self,
        changes: JsValue,
        preset: Option<String>,
    ) -> Result<JsValue, JsError> {
        let config = self
            .trainer
            .config()
            .merged(fields(&changes)?)
            .map_err(|e| JsError::new(&e.to_string()))?;
        let rebuilt = self
            .trainer
            .set_config(config)
            .map_err(|e| JsError::new(&e.to_string()))?;
        let preset = if rebuilt { None } else { preset };
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Changed<'a> {
            rebuilt: bool,
            config: &'a Config,
            link: String,
            tensorflow_status: Option<String>,
        }
        Ok(to_js(&Changed {
            rebuilt,
            config: self.trainer.config(),
            link: crate::io::link::fragment(&self.trainer, preset.as_deref(), false),
            tensorflow_status: self.trainer.tensorflow_status(),
        }))
    }

    /// Replaces the data: (x, y) pairs in [−6, 6]² and their labels, one a point (for regression
    /// with several outputs a target per output, interleaved per point: t0, t1, …, then the next
    /// point's). Returns a notice (or `undefined`) when the batch size was lowered to fit.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(
        &mut self,
        train_points: &[f32],
        train_labels: &[f32],
        test_points: &[f32],
        test_labels: &[f32],
    ) -> Result<Option<String>, JsError> {
        let per = self.trainer.config().labels_per_point();
        let train = points(train_points, train_labels, per, "trainPoints")?;
        let test = points(test_points, test_labels, per, "testPoints")?;
        self.trainer
            .set_data(train, test)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The training points as x, y, label triples (a copy; for several outputs the label is
    /// output 0's target: the rest are in `exportCsv`).
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

    /// `stats()` with the losses of the last finished evaluation (perhaps a few steps old).
    #[wasm_bindgen(js_name = latestStats)]
    pub fn latest_stats(&mut self) -> JsValue {
        to_js(&self.trainer.latest_stats())
    }

    /// After a divergence, brings back the last finite parameters. Returns whether it did.
    pub fn restore(&mut self) -> bool {
        self.trainer.restore()
    }

    /// Panics on purpose, inside a method (so, like a real panic, it leaves this object borrowed):
    /// the tests use it to check that a panic is contained and the page recovers.
    #[wasm_bindgen(js_name = panicForTests)]
    pub fn panic_for_tests(&mut self) {
        panic!("a deliberate panic, for the tests of panic recovery");
    }
}

fn triples(points: &[Point]) -> Vec<f32> {
    points.iter().flat_map(|p| [p.x, p.y, p.label]).collect()
}
