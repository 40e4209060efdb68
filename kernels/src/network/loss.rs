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
        if act == Activation::Softmax && self == Loss::CrossEntropy {
            return log_sum_exp(z) - z.iter().zip(y).map(|(zi, t)| zi * t).sum::<Scalar>();
        }
        let terms = z.iter().zip(a).zip(y);
        self.sample_loss(terms.map(|((&z, &a), &y)| self.term(z, a, y)).sum())
    }

    /// One output's share of an element-wise loss, before `sample_loss`: (ŷ − y)² for MSE; for
    /// binary cross-entropy −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = max(z, 0) − z·y + ln(1 + e^−|z|).
    #[inline(always)]
    fn term(self, z: Scalar, a: Scalar, y: Scalar) -> Scalar {
        match self {
            Loss::Mse => (a - y) * (a - y),
            Loss::CrossEntropy => z.max(0.0) - z * y + libm::log1pf(libm::expf(-z.abs())),
        }
    }

    /// A sample's loss from the sum of its outputs' `term`s: L = ½ Σ (ŷ − y)² for MSE.
    #[inline(always)]
    pub fn sample_loss(self, terms: Scalar) -> Scalar {
        match self {
            Loss::Mse => 0.5 * terms,
            Loss::CrossEntropy => terms,
        }
    }

    /// One output of an element-wise output layer (not softmax): from z, a = ŷ, y and f′(z), the
    /// (∂L/∂ŷ, δ = ∂L/∂z, its `term` of the loss). MSE's δ is the source text's Step 1,
    /// (ŷ − y) · f′(z); cross-entropy with its matching output cancels f′: δ = ŷ − y.
    #[inline(always)]
    pub fn element_signals(
        self,
        z: Scalar,
        a: Scalar,
        y: Scalar,
        derivative: Scalar,
    ) -> (Scalar, Scalar, Scalar) {
        let term = self.term(z, a, y);
        match self {
            Loss::Mse => (a - y, (a - y) * derivative, term),
            Loss::CrossEntropy => ((a - y) / derivative.max(Scalar::MIN_POSITIVE), a - y, term),
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
        if act != Activation::Softmax {
            let mut terms = 0.0;
            for i in 0..a.len() {
                let (grad, delta, term) = self.element_signals(z[i], a[i], y[i], derivatives[i]);
                (loss_grads[i], deltas[i]) = (grad, delta);
                terms += term;
            }
            return self.sample_loss(terms);
        }
        for ((g, p), t) in loss_grads.iter_mut().zip(a).zip(y) {
            *g = match self {
                Loss::Mse => p - t,
                Loss::CrossEntropy => -t / p.max(Scalar::MIN_POSITIVE),
            };
        }
        match self {
            // Cross-entropy with softmax cancels the Jacobian: ŷ − y.
            Loss::CrossEntropy => {
                for ((d, p), t) in deltas.iter_mut().zip(a).zip(y) {
                    *d = p - t;
                }
            }
            Loss::Mse => {
                // Softmax Jacobian: δᵢ = ŷᵢ ((ŷᵢ − yᵢ) − Σₖ (ŷₖ − yₖ) ŷₖ).
                let s: Scalar = a.iter().zip(y).map(|(p, t)| (p - t) * p).sum();
                for ((d, p), t) in deltas.iter_mut().zip(a).zip(y) {
                    *d = p * ((p - t) - s);
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
