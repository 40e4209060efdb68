//! What TensorFlow Playground's rules allow: only what that playground has where its rules decide
//! (its data sets, one output, its seven inputs in its order, its two initialisations, one fixed
//! order). Everything else may differ, and then the run differs from its run (`tensorflow_match`).

use super::error::error;
use super::given::allowed_names;
use super::settings::{FEATURES, INIT, OUTPUTS, PROBLEM, SHUFFLE};
use super::{Config, ConfigError};
use crate::data::dataset::Problem;
use crate::data::features::Feature;
use crate::network::activation::Activation;
use crate::network::loss::Loss;
use crate::network::optimizer::OptimizerKind;
use crate::network::Init;

const UNDER: &str = "under TensorFlow Playground's rules";

/// Its inputs, in the order its network has them: ours, in the same order, without cos x and cos y.
pub const TENSORFLOW_FEATURES: &[Feature] = Feature::ALL.split_at(7).0;

pub(super) fn check_tensorflow(config: &mut Config) -> Result<(), ConfigError> {
    if config.problem == Problem::Multiclass {
        return Err(error(
            PROBLEM.name,
            format!("\"multiclass\" is not allowed {UNDER}; use classification or regression"),
        ));
    }
    if config.problem == Problem::Regression && config.outputs != 1 {
        return Err(error(
            OUTPUTS.name,
            format!(
                "{} is not allowed {UNDER}: its network has one output",
                config.outputs
            ),
        ));
    }
    if let Some(f) = config
        .features
        .iter()
        .find(|f| !TENSORFLOW_FEATURES.contains(f))
    {
        return Err(error(
            FEATURES.name,
            format!(
                "{:?} is not an input {UNDER}; use some of {}",
                f.name(),
                allowed_names(TENSORFLOW_FEATURES)
            ),
        ));
    }
    // Its network takes the inputs in its own order, and draws their weights in that order.
    config.features = TENSORFLOW_FEATURES
        .iter()
        .copied()
        .filter(|f| config.features.contains(f))
        .collect();
    if !matches!(config.init, Init::Uniform | Init::Zero) {
        return Err(error(
            INIT.name,
            format!(
                "{:?} is not allowed {UNDER}; use uniform or zero",
                config.init.name()
            ),
        ));
    }
    if config.shuffle {
        return Err(error(
            SHUFFLE.name,
            format!("true is not allowed {UNDER}: it trains in one fixed order"),
        ));
    }
    Ok(())
}

impl Config {
    /// Under TensorFlow Playground's rules, what makes this run differ from its run (None when
    /// nothing does): a setting that playground does not have.
    pub fn tensorflow_difference(&self) -> Option<String> {
        let output = match self.problem {
            Problem::Regression => Activation::Linear,
            _ => Activation::Tanh,
        };
        let hidden = [
            Activation::Relu,
            Activation::Tanh,
            Activation::Sigmoid,
            Activation::Linear,
        ];
        let differences = [
            (self.output_activation != output).then(|| {
                format!(
                    "the output is {} (it has {})",
                    self.output_activation.name(),
                    output.name()
                )
            }),
            (self.loss != Loss::Mse).then(|| format!("the loss is {}", self.loss.name())),
            (!hidden.contains(&self.activation))
                .then(|| format!("the activation is {}", self.activation.name())),
            (self.optimizer != OptimizerKind::Sgd)
                .then(|| format!("the optimizer is {}", self.optimizer.name())),
            self.residual
                .then(|| "residual connections are on".to_string()),
        ];
        let found: Vec<String> = differences.into_iter().flatten().collect();
        (!found.is_empty()).then(|| found.join(", "))
    }
}
