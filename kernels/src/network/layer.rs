//! One weight layer: its parameters and the buffers of the last sample and batch. The passes
//! themselves run over many samples at once, in `batch`.

use crate::network::activation::Activation;
use crate::Scalar;

/// Every bias starts here (as in TensorFlow Playground): slightly positive keeps ReLUs alive.
pub const INITIAL_BIAS: Scalar = 0.1;

#[derive(Clone, Debug)]
pub struct Layer {
    pub inputs: usize,
    pub outputs: usize,
    pub activation: Activation,
    /// a = a_prev + f(z): only on hidden layers whose width equals their input's.
    pub residual: bool,
    /// W, row-major `[outputs][inputs]`.
    pub weights: Vec<Scalar>,
    pub biases: Vec<Scalar>,
    /// z of the last sample.
    pub pre_activations: Vec<Scalar>,
    /// a of the last sample.
    pub activations: Vec<Scalar>,
    /// ∂L/∂a of the last sample.
    pub activation_grads: Vec<Scalar>,
    /// f′(z) of the last sample (∂aᵢ/∂zᵢ; for softmax the Jacobian's diagonal).
    pub derivatives: Vec<Scalar>,
    /// δ = ∂L/∂z of the last sample: the error signal.
    pub deltas: Vec<Scalar>,
    /// ∂L/∂W, mean over the last batch.
    pub weight_grads: Vec<Scalar>,
    /// ∂L/∂b, mean over the last batch.
    pub bias_grads: Vec<Scalar>,
    /// Σ δ² over the last batch (for the per-layer gradient-size diagnostics).
    pub(super) delta_square_sum: Scalar,
}

impl Layer {
    pub(super) fn new(
        inputs: usize,
        outputs: usize,
        activation: Activation,
        residual: bool,
    ) -> Layer {
        let zeros = |n| vec![0.0; n];
        Layer {
            inputs,
            outputs,
            activation,
            residual,
            weights: zeros(inputs * outputs),
            biases: vec![INITIAL_BIAS; outputs],
            pre_activations: zeros(outputs),
            activations: zeros(outputs),
            activation_grads: zeros(outputs),
            derivatives: zeros(outputs),
            deltas: zeros(outputs),
            weight_grads: zeros(inputs * outputs),
            bias_grads: zeros(outputs),
            delta_square_sum: 0.0,
        }
    }

    pub fn parameter_count(&self) -> usize {
        self.weights.len() + self.biases.len()
    }
}
