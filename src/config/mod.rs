//! The configuration: every field optional, validated with messages that name the field, the value
//! and what is allowed. Values arrive as loose `FieldValue`s (from a JS object, a link's text or a
//! model file), so numbers, booleans and lists are also accepted in their text form ("4,2",
//! "true"). Each setting's name, default and bounds are in the settings table (`settings.rs`).

mod described;
mod error;
mod given;
mod merge;
mod outputs;
mod rules;
mod seed;
pub mod settings;
mod value;

pub use described::{describe, Described, Kind, Label};
pub use error::ConfigError;
pub use outputs::{check_output, valid_outputs};
pub use rules::TENSORFLOW_FEATURES;
pub use seed::{seed_from_text, Seed, MAX_SEED_TEXT};
pub use settings::Choice;
pub use value::{echo, FieldValue, MAX_KEYS, MAX_LIST_ITEMS, MAX_TEXT};

use crate::data::dataset::{DatasetKind, Problem};
use crate::data::features::Feature;
use crate::network::activation::Activation;
use crate::network::loss::Loss;
use crate::network::optimizer::{OptimizerKind, Regularization};
use crate::network::Init;
use crate::presets::{self, Preset};
use crate::tensorflow::{self, Rules};
use error::error;
use given::{allowed_names, integer, Given};
use serde::Serialize;
use settings::{
    ACTIVATION, BATCH_SIZE, CLASSES, DATASET, DISCRETIZE, FEATURES, FIELDS, INIT, LEARNING_RATE,
    LOSS, NETWORK_SHAPE, NOISE, NUM_POINTS, OPTIMIZER, OUTPUTS, OUTPUT_ACTIVATION, PERC_TRAIN_DATA,
    PROBLEM, REGULARIZATION, REGULARIZATION_RATE, RESIDUAL, RULES, SEED, SHOW_TEST_DATA, SHUFFLE,
};

pub const MAX_HIDDEN_LAYERS: usize = NETWORK_SHAPE.max_layers;
pub const MAX_NEURONS: usize = NETWORK_SHAPE.max_neurons;
pub const MIN_CLASSES: usize = CLASSES.min as usize;
pub const MAX_CLASSES: usize = CLASSES.max as usize;
pub const MIN_POINTS: usize = NUM_POINTS.min as usize;
pub const MAX_POINTS: usize = NUM_POINTS.max as usize;
pub const MAX_LEARNING_RATE: f64 = LEARNING_RATE.max;
pub const MAX_REGULARIZATION_RATE: f64 = REGULARIZATION_RATE.max;
/// Seeds travel through JS numbers: keep them exactly representable.
pub const MAX_SEED: u64 = SEED.max;

/// The whole, normalised configuration. Field names (camelCase outside Rust) follow TensorFlow
/// Playground's where the concept is the same.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    /// Hidden layer widths, input to output.
    pub network_shape: Vec<usize>,
    /// Hidden activation.
    pub activation: Activation,
    pub output_activation: Activation,
    pub loss: Loss,
    pub problem: Problem,
    pub dataset: DatasetKind,
    /// Class count for the multiclass data sets.
    pub classes: usize,
    /// Output neurons for regression (ignored by the other problems, as `classes` is).
    pub outputs: usize,
    pub features: Vec<Feature>,
    /// Percent. (Settings are f64 so that they read back exactly as given.)
    pub noise: f64,
    /// Percent of points used for training.
    pub perc_train_data: f64,
    pub num_points: usize,
    pub batch_size: usize,
    pub learning_rate: f64,
    pub optimizer: OptimizerKind,
    pub init: Init,
    pub regularization: Regularization,
    pub regularization_rate: f64,
    pub residual: bool,
    /// Reshuffle the training points every epoch (our rules only).
    pub shuffle: bool,
    /// Whose rules make the data, the initial weights and the training order.
    pub rules: Rules,
    pub seed: Seed,
    /// Draw the test points too (display only).
    pub show_test_data: bool,
    /// Colour the prediction by class only, without shades of confidence (display only).
    pub discretize: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config::from_fields(std::iter::empty()).expect("defaults are valid")
    }
}

/// Every configuration field's name.
pub fn field_names() -> &'static [&'static str] {
    FIELDS
}

impl Config {
    /// Builds a configuration from the given fields; a field not given takes its default, and
    /// defaults follow what was given (a regression data set implies a regression problem and a
    /// linear output, a softmax output implies cross-entropy).
    pub fn from_fields(
        fields: impl IntoIterator<Item = (String, FieldValue)>,
    ) -> Result<Config, ConfigError> {
        Config::from_field_list(fields.into_iter().collect())
    }

    /// A preset's configuration: its fields, in their text form, over the defaults.
    pub fn from_preset(preset: &Preset) -> Result<Config, ConfigError> {
        Config::from_fields(
            preset
                .fields
                .iter()
                .map(|(k, v)| (k.to_string(), FieldValue::Text(v.to_string()))),
        )
    }

    /// The one, non-generic body of `from_fields` (cold code: kept out of line, once, so the
    /// wasm file stays small).
    #[inline(never)]
    fn from_field_list(mut given: Vec<(String, FieldValue)>) -> Result<Config, ConfigError> {
        // A preset is a base configuration; the other fields change it as `merged` does, so
        // that fields which only followed the preset's choices follow the given ones instead.
        if let Some(pos) = given.iter().rposition(|(k, _)| k == "preset") {
            let (_, value) = given.remove(pos);
            given.retain(|(k, _)| k != "preset");
            let preset = match &value {
                FieldValue::Text(name) => presets::find(name),
                _ => None,
            }
            .ok_or_else(|| {
                let names: Vec<_> = presets::PRESETS.iter().map(|p| p.name).collect();
                error(
                    "preset",
                    format!("{value} is not a preset; use one of {}", names.join(", ")),
                )
            })?;
            return Config::from_preset(preset)?.merged(given);
        }
        let given = Given(given);
        if let Some((key, _)) = given.0.iter().find(|(k, _)| !FIELDS.contains(&k.as_str())) {
            return Err(error(
                key,
                // The key quoted: an empty or odd one must still be seen in the message.
                format!(
                    "unknown field {}; the fields are {}",
                    echo(key),
                    FIELDS.join(", ")
                ),
            ));
        }

        let network_shape = match given.list(NETWORK_SHAPE.name)? {
            None => NETWORK_SHAPE.default.to_vec(),
            Some(items) => {
                let value = given.get(NETWORK_SHAPE.name).unwrap();
                if items.len() > MAX_HIDDEN_LAYERS {
                    return Err(error(
                        NETWORK_SHAPE.name,
                        format!(
                            "{value} has {} hidden layers; at most {MAX_HIDDEN_LAYERS} are allowed",
                            items.len()
                        ),
                    ));
                }
                items
                    .iter()
                    .map(|v| integer(NETWORK_SHAPE.name, v, 1, MAX_NEURONS as u64).map(|n| n as usize))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|_| {
                        error(
                            NETWORK_SHAPE.name,
                            format!("{value} is not allowed; give 0 to {MAX_HIDDEN_LAYERS} hidden layer widths of 1 to {MAX_NEURONS} neurons each"),
                        )
                    })?
            }
        };

        // The problem and the data set imply each other; when both are given they must agree.
        let dataset_given = given.choice(&DATASET)?;
        let problem = match (given.get(PROBLEM.name), given.get(DATASET.name)) {
            (Some(_), _) => given.choice(&PROBLEM)?,
            (None, Some(_)) => dataset_given.problem(),
            (None, None) => PROBLEM.default,
        };
        let dataset = if given.get(DATASET.name).is_some() {
            if dataset_given.problem() != problem {
                return Err(error(
                    DATASET.name,
                    format!(
                        "{:?} is a {} data set, but problem is {:?}; for {} use one of {}",
                        dataset_given.name(),
                        dataset_given.problem().name(),
                        problem.name(),
                        problem.name(),
                        allowed_names(&problem.datasets()),
                    ),
                ));
            }
            dataset_given
        } else {
            problem.datasets()[0]
        };

        // Under TensorFlow Playground's rules some defaults are its own (see `rules.rs`).
        let rules = given.choice(&RULES)?;
        let classes = given.integer(&CLASSES)? as usize;
        let outputs = given.integer(&OUTPUTS)? as usize;
        let activation = given.choice(&ACTIVATION)?;
        let output_activation =
            given.choice_or(&OUTPUT_ACTIVATION, problem.default_output_activation())?;
        let default_loss = if output_activation == Activation::Softmax {
            Loss::CrossEntropy
        } else {
            LOSS.default
        };
        let loss = given.choice_or(&LOSS, default_loss)?;
        check_output(problem, output_activation, loss)?;

        let features = match given.list(FEATURES.name)? {
            None => FEATURES.default.to_vec(),
            Some(items) => {
                let mut features = Vec::new();
                for item in &items {
                    let f = match item {
                        FieldValue::Text(s) => Feature::ALL.iter().copied().find(|f| f.name() == s),
                        _ => None,
                    }
                    .ok_or_else(|| {
                        error(
                            FEATURES.name,
                            format!(
                                "{item} is not an input feature; use some of {}",
                                allowed_names(Feature::ALL.as_slice())
                            ),
                        )
                    })?;
                    if !features.contains(&f) {
                        features.push(f);
                    }
                }
                if features.is_empty() {
                    return Err(error(
                        FEATURES.name,
                        format!(
                            "no input feature given; use at least one of {}",
                            allowed_names(Feature::ALL.as_slice())
                        ),
                    ));
                }
                features
            }
        };

        let noise = given.number(&NOISE)?;
        let perc_train_data = given.number(&PERC_TRAIN_DATA)?;
        let num_points = match rules {
            Rules::Tensorflow => given.integer_in(
                NUM_POINTS.name,
                NUM_POINTS.min,
                NUM_POINTS.max,
                tensorflow::data::point_count(problem) as u64,
            )?,
            Rules::Playground => given.integer(&NUM_POINTS)?,
        } as usize;
        let train_points = rules_train_count(rules, num_points, perc_train_data);
        // The batch's upper bound and default follow the training set.
        let train_size = train_points as u64;
        let batch_size = given.integer_in(BATCH_SIZE.name, BATCH_SIZE.min, train_size, BATCH_SIZE.default.min(train_size))
            .map_err(|e| error(BATCH_SIZE.name, format!("{}; the training set has {train_points} points ({perc_train_data}% of {num_points})", e.message)))?
            as usize;
        let learning_rate = given.number(&LEARNING_RATE)?;
        let optimizer = given.choice(&OPTIMIZER)?;
        let init = given.choice(&INIT)?;
        let regularization = given.choice(&REGULARIZATION)?;
        let regularization_rate = given.number(&REGULARIZATION_RATE)?;
        let residual = given.boolean(&RESIDUAL)?;
        let shuffle = match (rules, given.get(SHUFFLE.name)) {
            (Rules::Tensorflow, None) => false,
            _ => given.boolean(&SHUFFLE)?,
        };
        let seed = Seed::read(given.get(SEED.name), rules)?;
        let show_test_data = given.boolean(&SHOW_TEST_DATA)?;
        let discretize = given.boolean(&DISCRETIZE)?;

        let mut config = Config {
            network_shape,
            activation,
            output_activation,
            loss,
            problem,
            dataset,
            classes,
            outputs,
            features,
            noise,
            perc_train_data,
            num_points,
            batch_size,
            learning_rate,
            optimizer,
            init,
            regularization,
            regularization_rate,
            residual,
            shuffle,
            rules,
            seed,
            show_test_data,
            discretize,
        };
        if rules == Rules::Tensorflow {
            rules::check_tensorflow(&mut config)?;
        }
        Ok(config)
    }

    /// Every field in its loose form, so that a configuration can be changed field by field.
    pub fn to_fields(&self) -> Vec<(String, FieldValue)> {
        let text = |s: &str| FieldValue::Text(s.to_string());
        let num = |n: f64| FieldValue::Number(n);
        let list = |names: Vec<FieldValue>| FieldValue::List(names);
        vec![
            (
                NETWORK_SHAPE.name,
                list(self.network_shape.iter().map(|&n| num(n as f64)).collect()),
            ),
            (ACTIVATION.name, text(self.activation.name())),
            (OUTPUT_ACTIVATION.name, text(self.output_activation.name())),
            (LOSS.name, text(self.loss.name())),
            (PROBLEM.name, text(self.problem.name())),
            (DATASET.name, text(self.dataset.name())),
            (CLASSES.name, num(self.classes as f64)),
            (OUTPUTS.name, num(self.outputs as f64)),
            (
                FEATURES.name,
                list(self.features.iter().map(|f| text(f.name())).collect()),
            ),
            (NOISE.name, num(self.noise)),
            (PERC_TRAIN_DATA.name, num(self.perc_train_data)),
            (NUM_POINTS.name, num(self.num_points as f64)),
            (BATCH_SIZE.name, num(self.batch_size as f64)),
            (LEARNING_RATE.name, num(self.learning_rate)),
            (OPTIMIZER.name, text(self.optimizer.name())),
            (INIT.name, text(self.init.name())),
            (REGULARIZATION.name, text(self.regularization.name())),
            (REGULARIZATION_RATE.name, num(self.regularization_rate)),
            (RESIDUAL.name, FieldValue::Bool(self.residual)),
            (SHUFFLE.name, FieldValue::Bool(self.shuffle)),
            (RULES.name, text(self.rules.name())),
            (SEED.name, self.seed.to_field()),
            (SHOW_TEST_DATA.name, FieldValue::Bool(self.show_test_data)),
            (DISCRETIZE.name, FieldValue::Bool(self.discretize)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    /// How many output neurons the problem needs.
    pub fn outputs(&self) -> usize {
        match self.problem {
            Problem::Multiclass => self.classes,
            Problem::Regression => self.outputs,
            Problem::Classification => 1,
        }
    }

    /// How many values a point carries after x and y: a target per output for regression, else
    /// its one label (a class index for multiclass).
    pub fn labels_per_point(&self) -> usize {
        match self.problem {
            Problem::Regression => self.outputs,
            _ => 1,
        }
    }

    /// `[inputs, hidden…, outputs]`.
    pub fn layer_sizes(&self) -> Vec<usize> {
        let mut sizes = vec![self.features.len()];
        sizes.extend(&self.network_shape);
        sizes.push(self.outputs());
        sizes
    }
}

impl Config {
    /// How many of the data set's points are for training, by this configuration's rules.
    pub fn train_points(&self) -> usize {
        rules_train_count(self.rules, self.num_points, self.perc_train_data)
    }
}

fn rules_train_count(rules: Rules, n: usize, perc_train_data: f64) -> usize {
    match rules {
        Rules::Tensorflow => tensorflow::data::train_count(n, perc_train_data),
        Rules::Playground => train_count(n, perc_train_data),
    }
}

/// Number of training points for a data set of `n` points (our rules: at least one for each).
pub fn train_count(n: usize, perc_train_data: f64) -> usize {
    ((n as f64 * perc_train_data / 100.0).round() as usize).clamp(1, n.saturating_sub(1).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(fields: &[(&str, FieldValue)]) -> Result<Config, ConfigError> {
        Config::from_fields(fields.iter().map(|(k, v)| (k.to_string(), v.clone())))
    }
    fn text(s: &str) -> FieldValue {
        FieldValue::Text(s.to_string())
    }

    #[test]
    fn defaults_teach_the_source_text() {
        let c = Config::default();
        assert_eq!(c.layer_sizes(), vec![2, 4, 2, 1]);
        assert_eq!(c.activation, Activation::Relu);
        assert_eq!(c.output_activation, Activation::Sigmoid);
        assert_eq!(c.loss, Loss::Mse);
        assert_eq!(c.dataset, DatasetKind::Circle);
    }

    #[test]
    fn text_forms_are_accepted() {
        let c = with(&[
            ("networkShape", text("3, 5")),
            ("residual", text("true")),
            ("learningRate", text("0.1")),
            ("features", text("x,y,sinX")),
        ])
        .unwrap();
        assert_eq!(c.network_shape, vec![3, 5]);
        assert!(c.residual);
        assert_eq!(c.learning_rate, 0.1);
        assert_eq!(c.features.len(), 3);
        assert_eq!(
            with(&[("networkShape", text(""))]).unwrap().network_shape,
            Vec::<usize>::new()
        );
    }

    #[test]
    fn errors_name_field_value_and_what_is_allowed() {
        let e = with(&[("activation", text("swish"))]).unwrap_err();
        assert_eq!(e.field, "activation");
        assert!(
            e.message.contains("\"swish\"") && e.message.contains("leakyRelu"),
            "{e}"
        );

        let e = with(&[(
            "networkShape",
            FieldValue::List(vec![FieldValue::Number(40.0)]),
        )])
        .unwrap_err();
        assert!(
            e.to_string().starts_with("networkShape: [40]") && e.message.contains("1 to 32"),
            "{e}"
        );

        let e = with(&[("learningRate", FieldValue::Number(11.0))]).unwrap_err();
        assert!(
            e.to_string().contains("learningRate: 11") && e.message.contains("0 to 10"),
            "{e}"
        );

        let e = with(&[("batchSize", FieldValue::Number(400.0))]).unwrap_err();
        assert!(e.message.contains("250 points"), "{e}");

        let e = with(&[("colour", text("red"))]).unwrap_err();
        assert_eq!(e.field, "colour");
        assert!(
            e.to_string()
                .starts_with("colour: unknown field \"colour\"; the fields are"),
            "{e}"
        );

        let e = with(&[("problem", text("regression")), ("dataset", text("xor"))]).unwrap_err();
        assert!(e.message.contains("regPlane"), "{e}");

        let e = with(&[
            ("loss", text("crossEntropy")),
            ("outputActivation", text("tanh")),
        ])
        .unwrap_err();
        assert_eq!(e.field, "outputActivation");
        assert!(e.message.contains("sigmoid"), "{e}");

        let e = with(&[("seed", FieldValue::Number(1.5))]).unwrap_err();
        assert_eq!(e.field, "seed");
        let e = with(&[("features", text("x,z"))]).unwrap_err();
        assert!(e.message.contains("\"z\""), "{e}");
    }

    #[test]
    fn merging_changes_fields_and_their_followers() {
        let c = Config::default();
        assert_eq!(Config::from_fields(c.to_fields()).unwrap(), c);
        let m = c
            .merged([("dataset".to_string(), text("regPlane"))])
            .unwrap();
        assert_eq!(
            (m.problem, m.output_activation),
            (Problem::Regression, Activation::Linear)
        );
        assert_eq!(m.network_shape, c.network_shape);
        let m = c
            .merged([("numPoints".to_string(), FieldValue::Number(10.0))])
            .unwrap();
        assert_eq!(m.batch_size, 5);
        let e = c
            .merged([("learningRate".to_string(), text("fast"))])
            .unwrap_err();
        assert_eq!(e.field, "learningRate");
    }

    #[test]
    fn every_field_round_trips_even_when_none_is_its_default() {
        // Each field differs from its default, so a field that `to_fields` forgot (and that a
        // link or `merged` would then quietly reset) cannot go unnoticed.
        let given = [
            ("networkShape", "3,5"),
            ("activation", "tanh"),
            ("outputActivation", "softmax"),
            ("loss", "crossEntropy"),
            ("problem", "multiclass"),
            ("dataset", "spiralK"),
            ("classes", "4"),
            ("outputs", "3"),
            ("features", "x,y,sinX"),
            ("noise", "15"),
            ("percTrainData", "70"),
            ("numPoints", "300"),
            ("batchSize", "7"),
            ("learningRate", "0.3"),
            ("optimizer", "adam"),
            ("init", "he"),
            ("regularization", "L2"),
            ("regularizationRate", "0.003"),
            ("residual", "true"),
            ("shuffle", "false"),
            ("seed", "77"),
            ("showTestData", "true"),
            ("discretize", "true"),
        ];
        let c = Config::from_fields(
            given
                .iter()
                .map(|(k, v)| (k.to_string(), FieldValue::Text(v.to_string()))),
        )
        .unwrap();
        let defaults = Config::default().to_fields();
        let fields = c.to_fields();
        let names: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            field_names(),
            "to_fields names every field, in order"
        );
        // `rules` cannot differ here (TensorFlow Playground's allow no multiclass or He): its
        // own configuration below changes it, and the seed to text.
        for ((k, v), (_, d)) in fields.iter().zip(&defaults) {
            assert!(
                v != d || k == RULES.name,
                "{k} is still its default: the test would not see it dropped"
            );
        }
        assert_eq!(Config::from_fields(fields).unwrap(), c);
        let c = with(&[
            ("rules", text("tensorflow")),
            ("seed", text("0.59704")),
            ("features", text("sinY,x")),
        ])
        .unwrap();
        assert_eq!(c.seed, Seed::Text("0.59704".into()));
        let names: Vec<_> = c.features.iter().map(|f| f.name()).collect();
        assert_eq!(names, ["x", "sinY"], "its network's order");
        assert_eq!(Config::from_fields(c.to_fields()).unwrap(), c);
    }

    #[test]
    fn tensorflow_playground_s_rules_bring_its_defaults_and_refuse_what_it_lacks() {
        let c = with(&[("rules", text("tensorflow")), ("dataset", text("regPlane"))]).unwrap();
        assert_eq!(
            (c.num_points, c.shuffle, c.train_points()),
            (1200, false, 600)
        );
        let m = c.merged([("dataset".to_string(), text("xor"))]).unwrap();
        assert_eq!(m.num_points, 500, "the count follows the problem");
        let m = m
            .merged([("rules".to_string(), text("playground"))])
            .unwrap();
        assert!(m.shuffle && m.num_points == 500);
        for (key, value, word) in [
            ("dataset", "blobs", "multiclass"),
            ("features", "x,cosX", "cosX"),
            ("init", "he", "uniform or zero"),
            ("shuffle", "true", "fixed order"),
        ] {
            let e = with(&[("rules", text("tensorflow")), (key, text(value))]).unwrap_err();
            assert!(e.message.contains(word), "{key}: {e}");
        }
        // Text seeds: kept under its rules, hashed under ours; a fraction is still refused.
        let c = with(&[("seed", text("0.59704"))]).unwrap();
        assert_eq!(c.seed, Seed::Number(seed_from_text("0.59704")));
        assert!(with(&[("seed", FieldValue::Number(1.5))]).is_err());
        let c = with(&[("rules", text("tensorflow")), ("seed", text("007"))]).unwrap();
        assert_eq!(c.seed.text(), "007");
    }

    #[test]
    fn every_preset_is_a_valid_config() {
        for p in presets::PRESETS {
            Config::from_preset(p).unwrap_or_else(|e| panic!("{}: {e}", p.name));
        }
    }

    #[test]
    fn a_preset_is_a_base_that_given_fields_override() {
        let c = with(&[
            ("preset", text("vanishingGradients")),
            ("learningRate", text("0.01")),
        ])
        .unwrap();
        assert_eq!(c.network_shape.len(), 10);
        assert_eq!(c.activation, Activation::Sigmoid);
        assert_eq!(c.learning_rate, 0.01);
        // Fields that only followed the preset's choices follow the given ones.
        let c = with(&[("preset", text("sourceText")), ("dataset", text("blobs"))]).unwrap();
        assert_eq!(
            (c.output_activation, c.loss),
            (Activation::Softmax, Loss::CrossEntropy)
        );
        assert_eq!(c.batch_size, 1, "the preset's other fields stay");
        let c = with(&[
            ("preset", text("sourceText")),
            ("dataset", text("regPlane")),
        ])
        .unwrap();
        assert_eq!(c.output_activation, Activation::Linear);
        let e = with(&[("preset", text("nope"))]).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("preset: \"nope\" is not a preset; use one of sourceText"),
            "{e}"
        );
    }

    #[test]
    fn defaults_follow_what_was_given() {
        let c = with(&[("dataset", text("regGauss"))]).unwrap();
        assert_eq!(c.problem, Problem::Regression);
        assert_eq!(c.output_activation, Activation::Linear);
        let c = with(&[
            ("problem", text("multiclass")),
            ("classes", FieldValue::Number(5.0)),
        ])
        .unwrap();
        assert_eq!(c.dataset, DatasetKind::Blobs);
        assert_eq!(c.output_activation, Activation::Softmax);
        assert_eq!(c.loss, Loss::CrossEntropy);
        assert_eq!(c.outputs(), 5);
    }
}
