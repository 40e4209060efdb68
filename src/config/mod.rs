//! The configuration: every field optional, validated with messages that name the field, the value
//! and what is allowed. Values arrive as loose `FieldValue`s (from a JS object today, from a link's
//! text later), so numbers, booleans and lists are also accepted in their text form ("4,2", "true").

use crate::data::dataset::{DatasetKind, Problem};
use crate::data::features::Feature;
use crate::network::activation::Activation;
use crate::network::loss::Loss;
use crate::network::optimizer::{OptimizerKind, Regularization};
use crate::network::Init;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

pub const MAX_HIDDEN_LAYERS: usize = 16;
pub const MAX_NEURONS: usize = 32;
pub const MIN_CLASSES: usize = 2;
pub const MAX_CLASSES: usize = 8;
pub const MIN_POINTS: usize = 10;
pub const MAX_POINTS: usize = 2000;
pub const MAX_LEARNING_RATE: f64 = 10.0;
pub const MAX_REGULARIZATION_RATE: f64 = 10.0;
/// Seeds travel through JS numbers: keep them exactly representable.
pub const MAX_SEED: u64 = (1 << 53) - 1;
/// No setting is a list longer than this (16 layers, 9 features): a longer one is refused before
/// it is built, so that a hostile link or file cannot make the parser hold much memory.
pub const MAX_LIST_ITEMS: usize = 64;

/// A loosely typed value, as a JS object or a link provides it.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<FieldValue>),
}

/// Read by the value's own type, not `#[serde(untagged)]`: untagged buffers every value and copies
/// each nested list again to try it, so a model file with 100 KB of numbers in lists nested 120
/// deep held 196 MB at once (memory grew with size × depth).
impl<'de> Deserialize<'de> for FieldValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldValueVisitor)
    }
}

struct FieldValueVisitor;

impl<'de> Visitor<'de> for FieldValueVisitor {
    type Value = FieldValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, text, true/false or a list of those")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<FieldValue, E> {
        Ok(FieldValue::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<FieldValue, E> {
        Ok(FieldValue::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<FieldValue, E> {
        Ok(FieldValue::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<FieldValue, E> {
        Ok(FieldValue::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldValue, E> {
        Ok(FieldValue::Text(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<FieldValue, E> {
        Ok(FieldValue::Text(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FieldValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            // No setting is a list of lists; refusing them keeps a hostile file's memory small
            // (each inner list would cost a buffer of its own).
            if matches!(item, FieldValue::List(_)) {
                return Err(de::Error::custom("a list inside a list is not a setting"));
            }
            if items.len() == MAX_LIST_ITEMS {
                return Err(de::Error::custom(format!(
                    "a list of more than {MAX_LIST_ITEMS} items is not a setting"
                )));
            }
            items.push(item);
        }
        Ok(FieldValue::List(items))
    }
}

/// How much of a text value an error message echoes: a 50 MB string comes back as a short prefix.
const ECHO_CHARS: usize = 40;
/// How many items of a list an error message echoes.
const ECHO_ITEMS: usize = 8;

/// A text as messages quote it: in quotes, and cut to a short prefix when long.
pub fn echo(text: &str) -> String {
    let count = text.chars().count();
    if count > ECHO_CHARS {
        let prefix: String = text.chars().take(ECHO_CHARS).collect();
        format!("{prefix:?}… ({count} characters)")
    } else {
        format!("{text:?}")
    }
}

/// A value as error messages echo it: short whatever was given (huge numbers in exponent form,
/// long texts and lists cut to a prefix), so a message can never carry the input back whole.
impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Bool(b) => write!(f, "{b}"),
            FieldValue::Number(n)
                if n.is_finite() && *n != 0.0 && !(1e-6..1e15).contains(&n.abs()) =>
            {
                write!(f, "{n:e}")
            }
            FieldValue::Number(n) => write!(f, "{n}"),
            FieldValue::Text(s) => f.write_str(&echo(s)),
            FieldValue::List(items) => {
                write!(f, "[")?;
                for (i, item) in items.iter().take(ECHO_ITEMS).enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{item}")?;
                }
                if items.len() > ECHO_ITEMS {
                    write!(f, ", … {} items in all", items.len())?;
                }
                write!(f, "]")
            }
        }
    }
}

/// A rejected field: which one, and a sentence saying what was wrong and what is allowed.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigError {
    pub field: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The field is a key someone gave: a long one is named by its prefix.
        if self.field.chars().count() > ECHO_CHARS {
            write!(f, "{}: {}", echo(&self.field), self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

fn error(field: &str, message: String) -> ConfigError {
    ConfigError {
        field: field.to_string(),
        message,
    }
}

/// An enum chosen by name.
pub trait Choice: Copy + 'static {
    const ALL: &'static [Self];
    fn name(self) -> &'static str;
}

macro_rules! choice {
    ($t:ty, $all:expr) => {
        impl Choice for $t {
            const ALL: &'static [Self] = &$all;
            fn name(self) -> &'static str {
                <$t>::name(self)
            }
        }
    };
}
choice!(Feature, Feature::ALL);
choice!(DatasetKind, DatasetKind::ALL);
choice!(Problem, Problem::ALL);
choice!(Loss, Loss::ALL);
choice!(Init, Init::ALL);
choice!(OptimizerKind, OptimizerKind::ALL);
choice!(Regularization, Regularization::ALL);

fn allowed_names<T: Choice>(set: &[T]) -> String {
    set.iter().map(|c| c.name()).collect::<Vec<_>>().join(", ")
}

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
    pub features: Vec<Feature>,
    /// Percent, 0–50. (Settings are f64 so that they read back exactly as given.)
    pub noise: f64,
    /// Percent of points used for training, 10–90.
    pub perc_train_data: f64,
    pub num_points: usize,
    pub batch_size: usize,
    pub learning_rate: f64,
    pub optimizer: OptimizerKind,
    pub init: Init,
    pub regularization: Regularization,
    pub regularization_rate: f64,
    pub residual: bool,
    pub shuffle: bool,
    pub seed: u64,
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

const FIELDS: &[&str] = &[
    "networkShape",
    "activation",
    "outputActivation",
    "loss",
    "problem",
    "dataset",
    "classes",
    "features",
    "noise",
    "percTrainData",
    "numPoints",
    "batchSize",
    "learningRate",
    "optimizer",
    "init",
    "regularization",
    "regularizationRate",
    "residual",
    "shuffle",
    "seed",
    "showTestData",
    "discretize",
];

/// Every configuration field's name.
pub fn field_names() -> &'static [&'static str] {
    FIELDS
}

/// The fields given, looked up by name.
struct Given(Vec<(String, FieldValue)>);

impl Given {
    fn get(&self, field: &str) -> Option<&FieldValue> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v)
    }

    fn choice<T: Choice>(&self, field: &str, allowed: &[T], default: T) -> Result<T, ConfigError> {
        let Some(value) = self.get(field) else {
            return Ok(default);
        };
        let found = match value {
            FieldValue::Text(s) => allowed.iter().copied().find(|c| c.name() == s),
            _ => None,
        };
        found.ok_or_else(|| {
            error(
                field,
                format!(
                    "{value} is not allowed; use one of {}",
                    allowed_names(allowed)
                ),
            )
        })
    }

    fn number(&self, field: &str, lo: f64, hi: f64, default: f64) -> Result<f64, ConfigError> {
        match self.get(field) {
            None => Ok(default),
            Some(value) => number(field, value, lo, hi),
        }
    }

    fn integer(&self, field: &str, lo: u64, hi: u64, default: u64) -> Result<u64, ConfigError> {
        match self.get(field) {
            None => Ok(default),
            Some(value) => integer(field, value, lo, hi),
        }
    }

    fn boolean(&self, field: &str, default: bool) -> Result<bool, ConfigError> {
        let Some(value) = self.get(field) else {
            return Ok(default);
        };
        match value {
            FieldValue::Bool(b) => Ok(*b),
            FieldValue::Text(s) if s == "true" => Ok(true),
            FieldValue::Text(s) if s == "false" => Ok(false),
            _ => Err(error(
                field,
                format!("{value} is not allowed; use true or false"),
            )),
        }
    }

    /// A list, given as a list or as comma-separated text (counted before it is built).
    fn list(&self, field: &str) -> Result<Option<Vec<FieldValue>>, ConfigError> {
        let Some(value) = self.get(field) else {
            return Ok(None);
        };
        let items = match value {
            FieldValue::List(items) => items.clone(),
            FieldValue::Text(s) if s.trim().is_empty() => Vec::new(),
            FieldValue::Text(s) => {
                let count = s.split(',').count();
                if count > MAX_LIST_ITEMS {
                    return Err(error(
                        field,
                        format!("a list of {count} items is not allowed; no setting takes more than {MAX_LIST_ITEMS}"),
                    ));
                }
                s.split(',')
                    .map(|p| FieldValue::Text(p.trim().to_string()))
                    .collect()
            }
            other => vec![other.clone()],
        };
        Ok(Some(items))
    }
}

fn number(field: &str, value: &FieldValue, lo: f64, hi: f64) -> Result<f64, ConfigError> {
    let n = match value {
        FieldValue::Number(n) => Some(*n),
        FieldValue::Text(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match n {
        Some(n) if n.is_finite() && n >= lo && n <= hi => Ok(n),
        _ => Err(error(
            field,
            format!("{value} is not allowed; use a number from {lo} to {hi}"),
        )),
    }
}

fn integer(field: &str, value: &FieldValue, lo: u64, hi: u64) -> Result<u64, ConfigError> {
    let n = match value {
        FieldValue::Number(n) => Some(*n),
        FieldValue::Text(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match n {
        Some(n) if n.fract() == 0.0 && n >= lo as f64 && n <= hi as f64 => Ok(n as u64),
        _ => Err(error(
            field,
            format!("{value} is not allowed; use a whole number from {lo} to {hi}"),
        )),
    }
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
                FieldValue::Text(name) => crate::presets::find(name),
                _ => None,
            }
            .ok_or_else(|| {
                let names: Vec<_> = crate::presets::PRESETS.iter().map(|p| p.name).collect();
                error(
                    "preset",
                    format!("{value} is not a preset; use one of {}", names.join(", ")),
                )
            })?;
            return preset.config()?.merged(given);
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

        let network_shape = match given.list("networkShape")? {
            None => vec![4, 2],
            Some(items) => {
                let value = given.get("networkShape").unwrap();
                if items.len() > MAX_HIDDEN_LAYERS {
                    return Err(error(
                        "networkShape",
                        format!(
                            "{value} has {} hidden layers; at most {MAX_HIDDEN_LAYERS} are allowed",
                            items.len()
                        ),
                    ));
                }
                items
                    .iter()
                    .map(|v| integer("networkShape", v, 1, MAX_NEURONS as u64).map(|n| n as usize))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|_| {
                        error(
                            "networkShape",
                            format!("{value} is not allowed; give 0 to {MAX_HIDDEN_LAYERS} hidden layer widths of 1 to {MAX_NEURONS} neurons each"),
                        )
                    })?
            }
        };

        // The problem and the data set imply each other; when both are given they must agree.
        let dataset_given = given.choice("dataset", &DatasetKind::ALL, DatasetKind::Circle)?;
        let problem = match (given.get("problem"), given.get("dataset")) {
            (Some(_), _) => given.choice("problem", &Problem::ALL, Problem::Classification)?,
            (None, Some(_)) => dataset_given.problem(),
            (None, None) => Problem::Classification,
        };
        let dataset = if given.get("dataset").is_some() {
            if dataset_given.problem() != problem {
                return Err(error(
                    "dataset",
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

        let classes = given.integer("classes", MIN_CLASSES as u64, MAX_CLASSES as u64, 3)? as usize;
        let activation = given.choice("activation", &Activation::HIDDEN, Activation::Relu)?;
        let output_activation = given.choice(
            "outputActivation",
            &Activation::OUTPUT,
            problem.default_output_activation(),
        )?;
        let default_loss = if output_activation == Activation::Softmax {
            Loss::CrossEntropy
        } else {
            Loss::Mse
        };
        let loss = given.choice("loss", &Loss::ALL, default_loss)?;
        check_output(problem, output_activation, loss)?;

        let features = match given.list("features")? {
            None => vec![Feature::X, Feature::Y],
            Some(items) => {
                let mut features = Vec::new();
                for item in &items {
                    let f = match item {
                        FieldValue::Text(s) => Feature::ALL.iter().copied().find(|f| f.name() == s),
                        _ => None,
                    }
                    .ok_or_else(|| {
                        error(
                            "features",
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
                        "features",
                        format!(
                            "no input feature given; use at least one of {}",
                            allowed_names(Feature::ALL.as_slice())
                        ),
                    ));
                }
                features
            }
        };

        let noise = given.number("noise", 0.0, 50.0, 0.0)?;
        let perc_train_data = given.number("percTrainData", 10.0, 90.0, 50.0)?;
        let num_points =
            given.integer("numPoints", MIN_POINTS as u64, MAX_POINTS as u64, 500)? as usize;
        let train_points = train_count(num_points, perc_train_data);
        let batch_size = given.integer("batchSize", 1, train_points as u64, 10.min(train_points as u64))
            .map_err(|e| error("batchSize", format!("{}; the training set has {train_points} points ({perc_train_data}% of {num_points})", e.message)))?
            as usize;
        let learning_rate = given.number("learningRate", 0.0, MAX_LEARNING_RATE, 0.1)?;
        let optimizer = given.choice("optimizer", &OptimizerKind::ALL, OptimizerKind::Sgd)?;
        let init = given.choice("init", &Init::ALL, Init::Uniform)?;
        let regularization =
            given.choice("regularization", &Regularization::ALL, Regularization::None)?;
        let regularization_rate =
            given.number("regularizationRate", 0.0, MAX_REGULARIZATION_RATE, 0.0)?;
        let residual = given.boolean("residual", false)?;
        let shuffle = given.boolean("shuffle", true)?;
        let seed = given.integer("seed", 0, MAX_SEED, 1)?;
        let show_test_data = given.boolean("showTestData", false)?;
        let discretize = given.boolean("discretize", false)?;

        Ok(Config {
            network_shape,
            activation,
            output_activation,
            loss,
            problem,
            dataset,
            classes,
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
            seed,
            show_test_data,
            discretize,
        })
    }

    /// Every field in its loose form, so that a configuration can be changed field by field.
    pub fn to_fields(&self) -> Vec<(String, FieldValue)> {
        let text = |s: &str| FieldValue::Text(s.to_string());
        let num = |n: f64| FieldValue::Number(n);
        let list = |names: Vec<FieldValue>| FieldValue::List(names);
        vec![
            (
                "networkShape",
                list(self.network_shape.iter().map(|&n| num(n as f64)).collect()),
            ),
            ("activation", text(self.activation.name())),
            ("outputActivation", text(self.output_activation.name())),
            ("loss", text(self.loss.name())),
            ("problem", text(self.problem.name())),
            ("dataset", text(self.dataset.name())),
            ("classes", num(self.classes as f64)),
            (
                "features",
                list(self.features.iter().map(|f| text(f.name())).collect()),
            ),
            ("noise", num(self.noise)),
            ("percTrainData", num(self.perc_train_data)),
            ("numPoints", num(self.num_points as f64)),
            ("batchSize", num(self.batch_size as f64)),
            ("learningRate", num(self.learning_rate)),
            ("optimizer", text(self.optimizer.name())),
            ("init", text(self.init.name())),
            ("regularization", text(self.regularization.name())),
            ("regularizationRate", num(self.regularization_rate)),
            ("residual", FieldValue::Bool(self.residual)),
            ("shuffle", FieldValue::Bool(self.shuffle)),
            ("seed", num(self.seed as f64)),
            ("showTestData", FieldValue::Bool(self.show_test_data)),
            ("discretize", FieldValue::Bool(self.discretize)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    /// This configuration with some fields changed. Fields that were only defaults of a changed
    /// field follow it: a new data set or problem brings its own output and loss, a new output
    /// activation its loss, and a batch size that no longer fits the training set shrinks to it.
    pub fn merged(
        &self,
        changes: impl IntoIterator<Item = (String, FieldValue)>,
    ) -> Result<Config, ConfigError> {
        self.merged_list(changes.into_iter().collect())
    }

    #[inline(never)]
    fn merged_list(&self, changes: Vec<(String, FieldValue)>) -> Result<Config, ConfigError> {
        let changed = |k: &str| changes.iter().any(|(c, _)| c == k);
        if changed("preset") {
            // A preset replaces the whole configuration; the other changes apply on top of it.
            return Config::from_fields(changes);
        }
        let mut followers: Vec<&str> = Vec::new();
        if changed("dataset") || changed("problem") {
            followers.extend(["dataset", "problem", "outputActivation", "loss"]);
        }
        if changed("outputActivation") {
            followers.push("loss");
        }
        let mut fields: Vec<(String, FieldValue)> = self
            .to_fields()
            .into_iter()
            .filter(|(k, _)| !followers.contains(&k.as_str()) || changed(k))
            .collect();
        if !changed("batchSize") && (changed("numPoints") || changed("percTrainData")) {
            let probe = Config::from_fields(
                fields
                    .iter()
                    .filter(|(k, _)| k != "batchSize")
                    .cloned()
                    .chain(changes.iter().cloned()),
            )?;
            let fits = train_count(probe.num_points, probe.perc_train_data);
            fields.retain(|(k, _)| k != "batchSize");
            fields.push((
                "batchSize".into(),
                FieldValue::Number(self.batch_size.min(fits) as f64),
            ));
        }
        Config::from_fields(fields.into_iter().chain(changes))
    }

    /// How many output neurons the problem needs.
    pub fn outputs(&self) -> usize {
        match self.problem {
            Problem::Multiclass => self.classes,
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

/// Number of training points for a data set of `n` points.
pub fn train_count(n: usize, perc_train_data: f64) -> usize {
    ((n as f64 * perc_train_data / 100.0).round() as usize).clamp(1, n.saturating_sub(1).max(1))
}

/// The output activations that go with a loss for a problem (empty: the loss does not fit).
pub fn valid_outputs(problem: Problem, loss: Loss) -> &'static [Activation] {
    use Activation::*;
    match (problem, loss) {
        (Problem::Classification, Loss::Mse) => &[Sigmoid, Tanh, Linear],
        (Problem::Classification, Loss::CrossEntropy) => &[Sigmoid],
        (Problem::Multiclass, Loss::Mse) => &[Softmax, Sigmoid, Tanh, Linear],
        (Problem::Multiclass, Loss::CrossEntropy) => &[Softmax],
        (Problem::Regression, Loss::Mse) => &[Linear, Tanh],
        (Problem::Regression, Loss::CrossEntropy) => &[],
    }
}

/// Which output activation and loss go together for each problem.
pub fn check_output(problem: Problem, output: Activation, loss: Loss) -> Result<(), ConfigError> {
    let allowed = valid_outputs(problem, loss);
    if allowed.is_empty() {
        return Err(error(
            "loss",
            format!(
                "{:?} is for classification; {} uses \"mse\"",
                loss.name(),
                problem.name()
            ),
        ));
    }
    if allowed.contains(&output) {
        Ok(())
    } else {
        let names: Vec<_> = allowed.iter().map(|a| a.name()).collect();
        Err(error(
            "outputActivation",
            format!(
                "{:?} does not go with loss {:?} for {}; use one of {}",
                output.name(),
                loss.name(),
                problem.name(),
                names.join(", ")
            ),
        ))
    }
}

impl Choice for Activation {
    const ALL: &'static [Self] = &[
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Elu,
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::Linear,
        Activation::Softmax,
    ];
    fn name(self) -> &'static str {
        Activation::name(self)
    }
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
    fn values_are_echoed_short() {
        let shown = |v: FieldValue| v.to_string();
        assert_eq!(shown(FieldValue::Number(1e308)), "1e308");
        assert_eq!(shown(FieldValue::Number(-2.5e-9)), "-2.5e-9");
        assert_eq!(shown(FieldValue::Number(0.003)), "0.003");
        assert_eq!(shown(FieldValue::Number(1000.0)), "1000");
        let long = shown(FieldValue::Text("é".repeat(50_000_000 / 100)));
        assert!(
            long.ends_with("… (500000 characters)") && long.chars().count() < 70,
            "{long}"
        );
        let list = shown(FieldValue::List(
            (0..64).map(|k| FieldValue::Number(k as f64)).collect(),
        ));
        assert_eq!(list, "[0, 1, 2, 3, 4, 5, 6, 7, … 64 items in all]");
        let e = Config::from_fields([("learningRate".to_string(), FieldValue::Number(1e308))])
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("learningRate: 1e308 is not allowed"),
            "{e}"
        );
        let key = "k".repeat(10_000);
        let e = Config::from_fields([(key, FieldValue::Bool(true))]).unwrap_err();
        assert!(e.to_string().len() < 700, "{}", e.to_string().len());
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
    fn field_values_read_from_json_by_their_type() {
        use FieldValue::{Bool, List, Number};
        let read = |json: &str| serde_json::from_str::<FieldValue>(json);
        assert_eq!(read("true").unwrap(), Bool(true));
        assert_eq!(read("-3").unwrap(), Number(-3.0));
        assert_eq!(read("0.25").unwrap(), Number(0.25));
        assert_eq!(
            read("18446744073709551615").unwrap(),
            Number(u64::MAX as f64)
        );
        assert_eq!(read("\"4,2\"").unwrap(), text("4,2"));
        assert_eq!(
            read("[4, \"x\", false]").unwrap(),
            List(vec![Number(4.0), text("x"), Bool(false)])
        );
        let nested = read("[4, [false]]").unwrap_err().to_string();
        assert!(nested.contains("a list inside a list"), "{nested}");
        for bad in ["null", "{}", "[1, {\"a\": 1}]"] {
            let e = read(bad).unwrap_err().to_string();
            assert!(
                e.contains("expected a number, text, true/false or a list of those"),
                "{bad}: {e}"
            );
        }
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
        for ((k, v), (_, d)) in fields.iter().zip(&defaults) {
            assert_ne!(
                v, d,
                "{k} is still its default: the test would not see it dropped"
            );
        }
        assert_eq!(Config::from_fields(fields).unwrap(), c);
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
