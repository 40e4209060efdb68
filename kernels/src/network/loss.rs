//! Losses and the error signal that enters the network from the right: ∂L/∂z of the output layer.

use crate::network::activation::{log_sum_exp, Activation};
use crate::Scalar;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Loss {
    /// L = ½ Σ (ŷ − y)²
    Mse,
    /// Binary with a sigmoid output, categorical with softmax.
    CrossEntropy,
}

impl Loss {
    pub const ALL: [Loss; 2] = [Loss::Mse, Loss::CrossEntropy];

    pub fn name(self) -> &'static str {
        match self {
            Loss::Mse => "mse",
            Loss::CrossEntropy => "crossEntropy",
        }
    }

    /// The loss of one sample from the output layer's z and a = ŷ. Cross-entropy is computed from z
    /// so that saturated outputs give a large finite loss, never ln 0.
    pub fn value(self, act: Activation, z: &[Scalar], a: &[Scalar], y: &[Scalar]) -> Scalar {
        match (self, act) {
            (Loss::Mse, _) => {
                0.5 * a
                    .iter()
                    .zip(y)
                    .map(|(p, t)| (p - t) * (p - t))
                    .sum::<Scalar>()
            }
            (Loss::CrossEntropy, Activation::Softmax) => {
                log_sum_exp(z) - z.iter().zip(y).map(|(zi, t)| zi * t).sum::<Scalar>()
            }
            // Binary: −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = max(z, 0) − z·y + ln(1 + e^−|z|).
            (Loss::CrossEntropy, _) => z
                .iter()
                .zip(y)
                .map(|(&zi, &t)| zi.max(0.0) - zi * t + libm::log1pf(libm::expf(-zi.abs())))
                .sum(),
        }
    }

    /// Fills the output layer's signals for one sample and returns its loss:
    /// `loss_grads` = ∂L/∂ŷ, `derivatives` = ∂ŷᵢ/∂zᵢ (for softmax the Jacobian's diagonal), and
    /// `deltas` = δ = ∂L/∂z, the error signal that enters the network from the right.
    ///
    /// MSE with an element-wise activation is the source text's Step 1:
    /// ∂L/∂z = (ŷ − y) · f′(z), which for a sigmoid is (ŷ − y) · ŷ · (1 − ŷ).
    pub fn output_signals(
        self,
        act: Activation,
        z: &[Scalar],
        a: &[Scalar],
        y: &[Scalar],
        out: OutputSignals<'_>,
    ) -> Scalar {
        let OutputSignals {
            loss_grads,
            derivatives,
            deltas,
        } = out;
        // `derivatives` already holds f′(z) from the forward pass.
        for i in 0..a.len() {
            loss_grads[i] = match (self, act) {
                (Loss::Mse, _) => a[i] - y[i],
                (Loss::CrossEntropy, Activation::Softmax) => -y[i] / a[i].max(Scalar::MIN_POSITIVE),
                (Loss::CrossEntropy, _) => (a[i] - y[i]) / derivatives[i].max(Scalar::MIN_POSITIVE),
            };
        }
        match (self, act) {
            // Cross-entropy with its matching output cancels the activation's derivative: ŷ − y.
            (Loss::CrossEntropy, _) => {
                for ((d, p), t) in deltas.iter_mut().zip(a).zip(y) {
                    *d = p - t;
                }
            }
            (Loss::Mse, Activation::Softmax) => {
                // Softmax Jacobian: δᵢ = ŷᵢ ((ŷᵢ − yᵢ) − Σₖ (ŷₖ − yₖ) ŷₖ).
                let s: Scalar = a.iter().zip(y).map(|(p, t)| (p - t) * p).sum();
                for ((d, p), t) in deltas.iter_mut().zip(a).zip(y) {
                    *d = p * ((p - t) - s);
                }
            }
            (Loss::Mse, _) => {
                for ((d, g), f) in deltas
                    .iter_mut()
                    .zip(loss_grads.iter())
                    .zip(derivatives.iter())
                {
                    *d = g * f;
                }
            }
        }
        self.value(act, z, a, y)
    }
}

/// What `output_signals` reads (f′(z)) and writes (∂L/∂ŷ and δ).
pub struct OutputSignals<'a> {
    pub loss_grads: &'a mut [Scalar],
    /// f′(z), from the forward pass.
    pub derivatives: &'a [Scalar],
    pub deltas: &'a mut [Scalar],
}
