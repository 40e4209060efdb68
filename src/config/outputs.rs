//! Which output activation and loss go together for each problem.

use super::error::{error, ConfigError};
use super::settings::{LOSS, OUTPUT_ACTIVATION};
use crate::data::dataset::Problem;
use crate::network::activation::Activation;
use crate::network::loss::Loss;

/// The output activations that go with a loss for a problem (empty: the loss does not fit).
pub fn valid_outputs(problem: Problem, loss: Loss) -> &'static [Activation] {
    use Activation::*;
    match (problem, loss) {
        (Problem::Classification, Loss::Mse) => &[Sigmoid, Tanh, Linear],
        (Problem::Classification, Loss::CrossEntropy) => &[Sigmoid],
        (Problem::Multiclass, Loss::Mse) => &[Softmax, Sigmoid, Tanh, Linear],
        (Problem::Multiclass, Loss::CrossEntropy) => &[Softmax],
        // Sigmoid too: a worked example by hand (Mazur's 2-2-2) has sigmoid outputs and targets.
        (Problem::Regression, Loss::Mse) => &[Linear, Tanh, Sigmoid],
        (Problem::Regression, Loss::CrossEntropy) => &[],
    }
}

/// Which output activation and loss go together for each problem.
pub fn check_output(problem: Problem, output: Activation, loss: Loss) -> Result<(), ConfigError> {
    let allowed = valid_outputs(problem, loss);
    if allowed.is_empty() {
        return Err(error(
            LOSS.name,
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
            OUTPUT_ACTIVATION.name,
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
