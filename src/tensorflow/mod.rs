//! TensorFlow Playground's rules, for its links: its random stream (`random`), its data sets,
//! shuffle and split (`data`), its initial weights (`initialize`), and the name of the setting
//! that chooses them (`Rules`). How it trains (one fixed order, its batch rule, its L1 rule) is in
//! `training` and `network::optimizer`, beside our own rules.

pub mod data;
pub mod random;

use crate::network::Network;
use crate::Scalar;
use random::SeedRandom;
use serde::Serialize;

/// Whose rules make the data, the initial weights and the training order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Rules {
    /// Ours: seeded streams per purpose, a reshuffle every epoch, a short last batch, L1 that
    /// stops at zero.
    Playground,
    /// TensorFlow Playground's, so that its links replay its own run.
    Tensorflow,
}

impl Rules {
    pub const ALL: [Rules; 2] = [Rules::Playground, Rules::Tensorflow];

    pub fn name(self) -> &'static str {
        match self {
            Rules::Playground => "playground",
            Rules::Tensorflow => "tensorflow",
        }
    }
}

/// Its initial weights, continuing `rng`: one number drawn per weight (w = r − ½), neuron by
/// neuron and layer by layer, every bias 0.1; with `zero` every weight and bias is 0, though a
/// number is still drawn for each weight (as it does).
pub fn initialize(network: &mut Network, rng: &mut SeedRandom, zero: bool) {
    for layer in &mut network.layers {
        // W[i][j] is stored at i · inputs + j: neuron i's weights from each input j, its order.
        for w in &mut layer.weights {
            let drawn = rng.next_f64() - 0.5;
            *w = if zero { 0.0 } else { drawn as Scalar };
        }
        layer.biases.fill(if zero { 0.0 } else { 0.1 });
    }
}
