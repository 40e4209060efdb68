//! The network: flat, preallocated buffers per weight layer, a forward pass and backpropagation.
//! Layer `l` joins `sizes[l]` inputs to `sizes[l + 1]` neurons; `weights[i * inputs + j]` is W[i][j],
//! the weight from input j to neuron i, as in the source text. Nothing here allocates after `new`.
//! The maths in its parts: `activation` and `loss` (with their derivatives), `layer` (one layer's
//! passes), `optimizer` (the update rules) and `gradient_check` (finite differences).

pub mod activation;
pub mod batch;
pub mod gradient_check;
pub mod lanes;
pub mod layer;
pub mod loss;
pub mod optimizer;

pub use crate::network::layer::{Layer, INITIAL_BIAS};

use crate::network::activation::Activation;
use crate::network::loss::Loss;
use crate::rng::Rng;
use crate::Scalar;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Init {
    /// W ~ U(−0.5, 0.5), as TensorFlow Playground.
    Uniform,
    /// W ~ U(−√(6/(in+out)), √(6/(in+out))).
    Xavier,
    /// W ~ N(0, 2/in).
    He,
    /// W = 0: every neuron of a layer stays identical (the symmetry problem).
    Zero,
}

impl Init {
    pub const ALL: [Init; 4] = [Init::Uniform, Init::Xavier, Init::He, Init::Zero];

    pub fn name(self) -> &'static str {
        match self {
            Init::Uniform => "uniform",
            Init::Xavier => "xavier",
            Init::He => "he",
            Init::Zero => "zero",
        }
    }
}

/// One trainable parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// W[i][j] of `layer`, at `index = i * inputs + j`.
    Weight {
        layer: usize,
        index: usize,
    },
    Bias {
        layer: usize,
        index: usize,
    },
}

#[derive(Clone, Debug)]
pub struct Network {
    /// The current sample's network inputs (the feature values).
    pub input: Vec<Scalar>,
    pub layers: Vec<Layer>,
    pub loss: Loss,
    /// The workspace of `compute_gradients` and `grid_values` (the batch as matrices).
    batch: batch::Batch,
}

impl Network {
    /// `sizes` is `[inputs, hidden…, outputs]`.
    pub fn new(
        sizes: &[usize],
        hidden: Activation,
        output: Activation,
        loss: Loss,
        residual: bool,
    ) -> Network {
        assert!(sizes.len() >= 2, "a network needs inputs and outputs");
        let last = sizes.len() - 2;
        let layers = (0..=last)
            .map(|l| {
                let (inputs, outputs) = (sizes[l], sizes[l + 1]);
                if l == last {
                    Layer::new(inputs, outputs, output, false)
                } else {
                    Layer::new(inputs, outputs, hidden, residual && inputs == outputs)
                }
            })
            .collect();
        Network {
            input: vec![0.0; sizes[0]],
            layers,
            loss,
            batch: batch::Batch::default(),
        }
    }

    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![self.input.len()];
        sizes.extend(self.layers.iter().map(|l| l.outputs));
        sizes
    }

    pub fn initialize(&mut self, init: Init, rng: &mut Rng) {
        for layer in &mut self.layers {
            let (n_in, n_out) = (layer.inputs as Scalar, layer.outputs as Scalar);
            for w in &mut layer.weights {
                *w = match init {
                    Init::Uniform => rng.uniform(-0.5, 0.5),
                    Init::Xavier => {
                        let r = libm::sqrtf(6.0 / (n_in + n_out));
                        rng.uniform(-r, r)
                    }
                    Init::He => rng.normal() * libm::sqrtf(2.0 / n_in),
                    Init::Zero => 0.0,
                };
            }
            layer.biases.fill(INITIAL_BIAS);
        }
    }

    pub fn output(&self) -> &[Scalar] {
        &self.layers.last().expect("at least one layer").activations
    }

    pub fn output_layer(&self) -> &Layer {
        self.layers.last().expect("at least one layer")
    }

    /// Forward pass for `input` (one sample's features): the batched pass with one sample.
    pub fn forward(&mut self, input: &[Scalar]) {
        self.forward_each(std::iter::once(input), |_, _| {});
    }

    /// The loss of the sample last passed forward.
    pub fn loss_of(&self, target: &[Scalar]) -> Scalar {
        let out = self.output_layer();
        self.loss.value(
            out.activation,
            &out.pre_activations,
            &out.activations,
            target,
        )
    }

    pub fn zero_grads(&mut self) {
        for layer in &mut self.layers {
            layer.weight_grads.fill(0.0);
            layer.bias_grads.fill(0.0);
            layer.delta_square_sum = 0.0;
        }
    }

    /// RMS of ∂L/∂W per layer (from the gradient buffers).
    pub fn weight_grad_rms(&self, out: &mut Vec<Scalar>) {
        out.clear();
        out.extend(self.layers.iter().map(|l| rms(&l.weight_grads)));
    }

    /// RMS of δ per layer over the samples of the last gradient computation.
    pub fn delta_rms(&self, samples: usize, out: &mut Vec<Scalar>) {
        out.clear();
        out.extend(
            self.layers
                .iter()
                .map(|l| libm::sqrtf(l.delta_square_sum / (samples.max(1) * l.outputs) as Scalar)),
        );
    }

    pub fn parameter_count(&self) -> usize {
        self.layers.iter().map(Layer::parameter_count).sum()
    }

    /// Copies every weight and bias, layer by layer, into `out` (of `parameter_count()` length).
    pub fn save_parameters(&self, out: &mut [Scalar]) {
        let mut at = 0;
        for layer in &self.layers {
            for src in [&layer.weights, &layer.biases] {
                out[at..at + src.len()].copy_from_slice(src);
                at += src.len();
            }
        }
    }

    /// Takes every weight and bias of `other`, a network of the same shape (no allocation).
    pub fn copy_parameters_from(&mut self, other: &Network) {
        for (mine, theirs) in self.layers.iter_mut().zip(&other.layers) {
            mine.weights.copy_from_slice(&theirs.weights);
            mine.biases.copy_from_slice(&theirs.biases);
        }
    }

    pub fn load_parameters(&mut self, from: &[Scalar]) {
        let mut at = 0;
        for layer in &mut self.layers {
            for dst in [&mut layer.weights, &mut layer.biases] {
                let n = dst.len();
                dst.copy_from_slice(&from[at..at + n]);
                at += n;
            }
        }
    }

    /// Whether `param` exists in this network.
    pub fn has(&self, param: Param) -> bool {
        match param {
            Param::Weight { layer, index } => self
                .layers
                .get(layer)
                .is_some_and(|l| index < l.weights.len()),
            Param::Bias { layer, index } => self
                .layers
                .get(layer)
                .is_some_and(|l| index < l.biases.len()),
        }
    }

    /// (value, gradient, position in the `save_parameters` order) of an existing parameter.
    pub fn param(&self, param: Param) -> (Scalar, Scalar, usize) {
        let (layer, index, is_bias) = match param {
            Param::Weight { layer, index } => (layer, index, false),
            Param::Bias { layer, index } => (layer, index, true),
        };
        let before: usize = self.layers[..layer]
            .iter()
            .map(Layer::parameter_count)
            .sum();
        let l = &self.layers[layer];
        if is_bias {
            (
                l.biases[index],
                l.bias_grads[index],
                before + l.weights.len() + index,
            )
        } else {
            (l.weights[index], l.weight_grads[index], before + index)
        }
    }

    pub fn parameters_finite(&self) -> bool {
        // Non-finite floats have every exponent bit set. An `or` over all of them rather than a
        // short-circuiting `all`: it runs twice per update and vectorises this way.
        let non_finite = |v: &Scalar| (v.to_bits() & 0x7f80_0000 == 0x7f80_0000) as u32;
        let params = self.layers.iter().flat_map(|l| [&l.weights, &l.biases]);
        params
            .map(|values| values.iter().fold(0, |bad, v| bad | non_finite(v)))
            .fold(0, |a, b| a | b)
            == 0
    }
}

pub fn rms(values: &[Scalar]) -> Scalar {
    if values.is_empty() {
        return 0.0;
    }
    libm::sqrtf(values.iter().map(|v| v * v).sum::<Scalar>() / values.len() as Scalar)
}
