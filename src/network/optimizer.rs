//! Gradient descent: W ← W − η · ∂L/∂W, plain, with momentum, or Adam; with L1/L2 regularisation
//! added to the weights' gradients (never the biases').

use crate::network::Network;
use crate::Scalar;
use serde::Serialize;

pub const MOMENTUM: Scalar = 0.9;
pub const ADAM_BETA1: Scalar = 0.9;
pub const ADAM_BETA2: Scalar = 0.999;
pub const ADAM_EPSILON: Scalar = 1e-8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OptimizerKind {
    Sgd,
    Momentum,
    Adam,
}

impl OptimizerKind {
    pub const ALL: [OptimizerKind; 3] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Adam,
    ];

    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Adam => "adam",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Regularization {
    #[serde(rename = "none")]
    None,
    L1,
    L2,
}

impl Regularization {
    pub const ALL: [Regularization; 3] =
        [Regularization::None, Regularization::L1, Regularization::L2];

    pub fn name(self) -> &'static str {
        match self {
            Regularization::None => "none",
            Regularization::L1 => "L1",
            Regularization::L2 => "L2",
        }
    }

    /// d/dw of the penalty: L1 = |w| gives sign(w), L2 = ½w² gives w.
    pub fn derivative(self, w: Scalar) -> Scalar {
        match self {
            Regularization::None => 0.0,
            Regularization::L1 => {
                if w > 0.0 {
                    1.0
                } else if w < 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            Regularization::L2 => w,
        }
    }
}

/// The settings of one update; they can change between steps without a reset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UpdateRule {
    pub kind: OptimizerKind,
    pub learning_rate: Scalar,
    pub regularization: Regularization,
    pub regularization_rate: Scalar,
}

/// Per-parameter state (momentum velocity, Adam's moments), laid out as `Network::save_parameters`.
#[derive(Clone, Debug)]
pub struct Optimizer {
    first: Vec<Scalar>,
    second: Vec<Scalar>,
    /// β₁ᵗ and β₂ᵗ, kept as running products (no `powi`, whose result may differ by target).
    beta1_power: Scalar,
    beta2_power: Scalar,
    kind: OptimizerKind,
}

impl Optimizer {
    pub fn new(parameters: usize) -> Optimizer {
        Optimizer {
            first: vec![0.0; parameters],
            second: vec![0.0; parameters],
            beta1_power: 1.0,
            beta2_power: 1.0,
            kind: OptimizerKind::Sgd,
        }
    }

    /// Forgets the momentum and Adam's moments.
    pub fn reset(&mut self) {
        self.first.fill(0.0);
        self.second.fill(0.0);
        self.beta1_power = 1.0;
        self.beta2_power = 1.0;
    }

    /// One update of every weight and bias from the network's gradient buffers.
    pub fn apply(&mut self, rule: &UpdateRule, network: &mut Network) {
        if rule.kind != self.kind {
            // State from another optimiser means nothing to this one.
            self.reset();
            self.kind = rule.kind;
        }
        let powers = self.next_powers(rule);
        (self.beta1_power, self.beta2_power) = powers;
        let mut at = 0;
        for layer in &mut network.layers {
            for (params, grads, regularize) in [
                (&mut layer.weights, &layer.weight_grads, true),
                (&mut layer.biases, &layer.bias_grads, false),
            ] {
                for (k, (w, &g)) in params.iter_mut().zip(grads.iter()).enumerate() {
                    let state = (self.first[at + k], self.second[at + k]);
                    let (dw, first, second) = change(rule, *w, g, regularize, state, powers);
                    *w += dw;
                    self.first[at + k] = first;
                    self.second[at + k] = second;
                }
                at += params.len();
            }
        }
    }

    /// The change the next `apply` will make to the parameter at `at` (value `w`, gradient `g`).
    pub fn preview(
        &self,
        rule: &UpdateRule,
        at: usize,
        w: Scalar,
        g: Scalar,
        regularize: bool,
    ) -> Scalar {
        // Another optimiser's state would be reset by `apply`: preview from a fresh one.
        let (state, powers) = if rule.kind == self.kind {
            ((self.first[at], self.second[at]), self.next_powers(rule))
        } else {
            ((0.0, 0.0), Optimizer::fresh_powers(rule))
        };
        change(rule, w, g, regularize, state, powers).0
    }

    fn fresh_powers(rule: &UpdateRule) -> (Scalar, Scalar) {
        if rule.kind == OptimizerKind::Adam {
            (ADAM_BETA1, ADAM_BETA2)
        } else {
            (1.0, 1.0)
        }
    }

    /// β₁ᵗ and β₂ᵗ for the coming update.
    fn next_powers(&self, rule: &UpdateRule) -> (Scalar, Scalar) {
        if rule.kind == OptimizerKind::Adam {
            (self.beta1_power * ADAM_BETA1, self.beta2_power * ADAM_BETA2)
        } else {
            (self.beta1_power, self.beta2_power)
        }
    }
}

/// (Δw, new first moment, new second moment) for one parameter with moments `(first, second)`.
fn change(
    rule: &UpdateRule,
    w: Scalar,
    g: Scalar,
    regularize: bool,
    (first, second): (Scalar, Scalar),
    (b1t, b2t): (Scalar, Scalar),
) -> (Scalar, Scalar, Scalar) {
    let eta = rule.learning_rate;
    let reg_rate = if regularize {
        rule.regularization_rate
    } else {
        0.0
    };
    let g = g + reg_rate * rule.regularization.derivative(w);
    match rule.kind {
        OptimizerKind::Sgd => (-eta * g, first, second),
        OptimizerKind::Momentum => {
            let v = MOMENTUM * first + g;
            (-eta * v, v, second)
        }
        OptimizerKind::Adam => {
            let m = ADAM_BETA1 * first + (1.0 - ADAM_BETA1) * g;
            let v = ADAM_BETA2 * second + (1.0 - ADAM_BETA2) * g * g;
            let m_hat = m / (1.0 - b1t);
            let v_hat = v / (1.0 - b2t);
            (-eta * m_hat / (libm::sqrtf(v_hat) + ADAM_EPSILON), m, v)
        }
    }
}
