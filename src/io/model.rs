//! A trained model as JSON: the configuration, the counters and every weight and bias. Reading
//! one checks everything and reports the first problem by its place in the file; on error the
//! caller's model is untouched, because a new trainer is only built from a file that passed.

use crate::config::{Config, ConfigError, FieldValue};
use crate::training::Trainer;
use crate::Scalar;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const FORMAT: &str = "backprop-playground-model";
pub const VERSION: u32 = 1;
/// Far above the largest network's file (about 400 KB), far below trouble.
pub const MAX_BYTES: usize = 4 << 20;

#[derive(Serialize)]
struct ModelOut<'a> {
    format: &'static str,
    version: u32,
    config: &'a Config,
    step: u64,
    epoch: u64,
    layers: Vec<LayerOut<'a>>,
}

#[derive(Serialize)]
struct LayerOut<'a> {
    weights: &'a [Scalar],
    biases: &'a [Scalar],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelIn {
    format: String,
    version: u32,
    config: BTreeMap<String, Option<FieldValue>>,
    #[serde(default)]
    step: u64,
    #[serde(default)]
    epoch: u64,
    layers: Vec<LayerIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LayerIn {
    weights: Vec<f64>,
    biases: Vec<f64>,
}

fn error(message: String) -> ConfigError {
    ConfigError {
        field: "model".into(),
        message,
    }
}

pub fn export(trainer: &Trainer) -> String {
    // The counters, not `stats()`: that would evaluate every data point for two numbers.
    let (step, epoch) = trainer.counters();
    let model = ModelOut {
        format: FORMAT,
        version: VERSION,
        config: trainer.config(),
        step,
        epoch,
        layers: trainer
            .network
            .layers
            .iter()
            .map(|l| LayerOut {
                weights: &l.weights,
                biases: &l.biases,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&model).expect("a model serialises")
}

/// Builds a trainer from a model file: the data comes from the configuration's seed again.
pub fn import(text: &str) -> Result<Trainer, ConfigError> {
    if text.len() > MAX_BYTES {
        return Err(error(format!(
            "the file has {} bytes; a model file has at most {MAX_BYTES}",
            text.len()
        )));
    }
    let model: ModelIn =
        serde_json::from_str(text).map_err(|e| error(format!("not a model file: {e}")))?;
    if model.format != FORMAT {
        return Err(error(format!(
            "format is {:?}, not {FORMAT:?}",
            model.format
        )));
    }
    if model.version != VERSION {
        return Err(error(format!(
            "version {} is not supported; this playground reads version {VERSION}",
            model.version
        )));
    }
    let fields = model
        .config
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)));
    let config = Config::from_fields(fields).map_err(|e| error(format!("config.{e}")))?;
    let sizes = config.layer_sizes();
    if model.layers.len() != sizes.len() - 1 {
        return Err(error(format!(
            "layers: {} layers, but networkShape {:?} with {} inputs and {} outputs has {}",
            model.layers.len(),
            config.network_shape,
            sizes[0],
            sizes[sizes.len() - 1],
            sizes.len() - 1
        )));
    }
    let mut trainer = Trainer::new(config);
    for (l, layer) in model.layers.iter().enumerate() {
        let (inputs, outputs) = (sizes[l], sizes[l + 1]);
        for (name, values, want) in [
            ("weights", &layer.weights, inputs * outputs),
            ("biases", &layer.biases, outputs),
        ] {
            if values.len() != want {
                return Err(error(format!(
                    "layers[{l}].{name}: {} values, but a {inputs} → {outputs} layer has {want}",
                    values.len()
                )));
            }
            if let Some(k) = values
                .iter()
                .position(|v| !(v.is_finite() && v.abs() <= f32::MAX as f64))
            {
                return Err(error(format!(
                    "layers[{l}].{name}[{k}] is not a finite number"
                )));
            }
        }
        let weights: Vec<Scalar> = layer.weights.iter().map(|&v| v as Scalar).collect();
        let biases: Vec<Scalar> = layer.biases.iter().map(|&v| v as Scalar).collect();
        trainer.set_params(l, &weights, &biases)?;
    }
    trainer
        .set_counters(model.step, model.epoch)
        .map_err(|e| error(e.to_string()))?;
    Ok(trainer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trained() -> Trainer {
        let config = Config::from_fields([
            ("networkShape".to_string(), FieldValue::Text("5,3".into())),
            ("activation".to_string(), FieldValue::Text("tanh".into())),
        ])
        .unwrap();
        let mut t = Trainer::new(config);
        t.step(77);
        t
    }

    #[test]
    fn a_model_round_trips_exactly() {
        let mut t = trained();
        let text = export(&t);
        let mut back = import(&text).unwrap();
        assert_eq!(back.config(), t.config());
        for (a, b) in back.network.layers.iter().zip(&t.network.layers) {
            assert_eq!((&a.weights, &a.biases), (&b.weights, &b.biases));
        }
        assert_eq!(back.stats().step, 77);
        assert_eq!(
            back.stats().train_loss.unwrap(),
            t.stats().train_loss.unwrap()
        );
    }

    #[test]
    fn a_bad_file_is_reported_by_its_place() {
        let good = export(&trained());
        let e = |text: &str| import(text).err().unwrap().to_string();
        assert!(e("{").starts_with("model: not a model file"));
        assert!(e(&good.replace(FORMAT, "other")).contains("format is \"other\""));
        assert!(e(&good.replace("\"version\": 1", "\"version\": 9"))
            .contains("version 9 is not supported"));
        assert!(e(&good.replace("\"tanh\"", "\"swish\""))
            .starts_with("model: config.activation: \"swish\""));
        let v: serde_json::Value = serde_json::from_str(&good).unwrap();
        let mut short = v.clone();
        short["layers"][1]["weights"].as_array_mut().unwrap().pop();
        assert_eq!(
            e(&short.to_string()),
            "model: layers[1].weights: 14 values, but a 5 → 3 layer has 15"
        );
        let mut fewer = v.clone();
        fewer["layers"].as_array_mut().unwrap().pop();
        assert!(e(&fewer.to_string()).contains("2 layers, but networkShape [5, 3]"));
        let mut huge = v;
        huge["layers"][0]["biases"][2] = serde_json::json!(1e300);
        assert_eq!(
            e(&huge.to_string()),
            "model: layers[0].biases[2] is not a finite number"
        );
    }
}
