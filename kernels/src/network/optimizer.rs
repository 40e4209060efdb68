//! Gradient descent: W ← W − η · ∂L/∂W, plain, with momentum, or Adam; with L2 regularisation
//! added to the weights' gradients and L1 as a step of its own toward zero that never crosses it
//! (never on the biases).

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

/// What L1's step does at zero. Either way "L1 makes weights exactly zero" holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum L1AtZero {
    /// Truncated-gradient L1 (ours): after the gradient's step, the weight moves η·λ toward zero
    /// and stops there; a later gradient may move it again.
    Stop,
    /// TensorFlow Playground's: the step uses the penalty's slope at the weight before the update,
    /// and a weight it would carry across zero is set to 0 and frozen there (a dead link).
    Freeze,
}

/// The settings of one update; they can change between steps without a reset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UpdateRule {
    pub kind: OptimizerKind,
    pub learning_rate: Scalar,
    pub regularization: Regularization,
    pub regularization_rate: Scalar,
    pub l1_at_zero: L1AtZero,
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
    /// Weights that L1 froze at zero (`L1AtZero::Freeze`); one set to another value by hand (or a
    /// restore) is alive again.
    frozen: Vec<bool>,
    /// Whether any of `frozen` is set (most runs never freeze one: they take the plain loop).
    any_frozen: bool,
}

impl Optimizer {
    pub fn new(parameters: usize) -> Optimizer {
        Optimizer {
            first: vec![0.0; parameters],
            second: vec![0.0; parameters],
            beta1_power: 1.0,
            beta2_power: 1.0,
            kind: OptimizerKind::Sgd,
            frozen: vec![false; parameters],
            any_frozen: false,
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
        if rule.regularization != Regularization::L1 && !self.any_frozen {
            return self.apply_plain(rule, network, powers);
        }
        let mut at = 0;
        for layer in &mut network.layers {
            for (params, grads, regularize) in [
                (&mut layer.weights, &layer.weight_grads, true),
                (&mut layer.biases, &layer.bias_grads, false),
            ] {
                for (k, (w, &g)) in params.iter_mut().zip(grads.iter()).enumerate() {
                    let frozen = &mut self.frozen[at + k];
                    *frozen &= *w == 0.0;
                    if *frozen {
                        continue;
                    }
                    let state = (self.first[at + k], self.second[at + k]);
                    let step = change(rule, *w, g, regularize, state, powers);
                    *w = step.weight;
                    *frozen = step.freeze;
                    self.first[at + k] = step.first;
                    self.second[at + k] = step.second;
                }
                at += params.len();
            }
        }
        self.any_frozen = self.frozen.contains(&true);
    }

    /// `apply` without L1 and with nothing frozen: no per-parameter branch on either, so that the
    /// loop over a layer's parameters is straight-line code the compiler vectorises.
    fn apply_plain(&mut self, rule: &UpdateRule, network: &mut Network, powers: (Scalar, Scalar)) {
        // One loop per optimiser, with its kind a constant in each (no per-parameter match on it).
        match rule.kind {
            OptimizerKind::Sgd => self.apply_as::<0>(rule, network, powers),
            OptimizerKind::Momentum => self.apply_as::<1>(rule, network, powers),
            OptimizerKind::Adam => self.apply_as::<2>(rule, network, powers),
        }
    }

    fn apply_as<const KIND: usize>(
        &mut self,
        rule: &UpdateRule,
        network: &mut Network,
        powers: (Scalar, Scalar),
    ) {
        let rule = UpdateRule {
            kind: OptimizerKind::ALL[KIND],
            ..*rule
        };
        let (mut first, mut second) = (&mut self.first[..], &mut self.second[..]);
        for layer in &mut network.layers {
            for (params, grads, regularize) in [
                (&mut layer.weights, &layer.weight_grads, true),
                (&mut layer.biases, &layer.bias_grads, false),
            ] {
                let (f, rest_f) = std::mem::take(&mut first).split_at_mut(params.len());
                let (s, rest_s) = std::mem::take(&mut second).split_at_mut(params.len());
                (first, second) = (rest_f, rest_s);
                for (((w, &g), f), s) in params.iter_mut().zip(grads).zip(f).zip(s) {
                    let step = change(&rule, *w, g, regularize, (*f, *s), powers);
                    (*w, *f, *s) = (step.weight, step.first, step.second);
                }
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
        if self.frozen[at] && w == 0.0 {
            return 0.0;
        }
        // Another optimiser's state would be reset by `apply`: preview from a fresh one.
        let (state, powers) = if rule.kind == self.kind {
            ((self.first[at], self.second[at]), self.next_powers(rule))
        } else {
            ((0.0, 0.0), Optimizer::fresh_powers(rule))
        };
        change(rule, w, g, regularize, state, powers).delta
    }

    /// Whether L1 froze the parameter at `at` (laid out as `Network::save_parameters`).
    pub fn is_frozen(&self, at: usize) -> bool {
        self.frozen[at]
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

/// One parameter's update: its new value and the change that made it (the update step itself,
/// exactly, where L1 did not move it further), the optimiser's new moments, and whether L1 froze it.
struct Step {
    weight: Scalar,
    delta: Scalar,
    first: Scalar,
    second: Scalar,
    freeze: bool,
}

/// The update of one parameter `w` with gradient `g` and moments `(first, second)`.
#[inline(always)]
fn change(
    rule: &UpdateRule,
    w: Scalar,
    g: Scalar,
    regularize: bool,
    (first, second): (Scalar, Scalar),
    (b1t, b2t): (Scalar, Scalar),
) -> Step {
    let eta = rule.learning_rate;
    let reg_rate = if regularize {
        rule.regularization_rate
    } else {
        0.0
    };
    let g = match rule.regularization {
        Regularization::L2 => g + reg_rate * w,
        _ => g,
    };
    let (dw, first, second) = match rule.kind {
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
    };
    let moved = w + dw;
    let mut step = Step {
        weight: moved,
        delta: dw,
        first,
        second,
        freeze: false,
    };
    if rule.regularization == Regularization::L1 && reg_rate != 0.0 {
        let shrink = eta * reg_rate;
        step.weight = match rule.l1_at_zero {
            L1AtZero::Stop => {
                if moved > shrink {
                    moved - shrink
                } else if moved < -shrink {
                    moved + shrink
                } else {
                    0.0
                }
            }
            L1AtZero::Freeze => {
                let after = moved - shrink * Regularization::L1.derivative(w);
                step.freeze = moved * after < 0.0;
                if step.freeze {
                    0.0
                } else {
                    after
                }
            }
        };
        step.delta = step.weight - w;
    }
    step
}
