//! Activation functions and their derivatives. libm's `expf`/`tanhf` make every target compute the
//! same bits, so a shared link replays identically in any browser and natively.

use crate::Scalar;
use serde::Serialize;

/// Slope of leaky ReLU for z ≤ 0.
pub const LEAKY_SLOPE: Scalar = 0.01;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Activation {
    Relu,
    LeakyRelu,
    Elu,
    Tanh,
    Sigmoid,
    Linear,
    /// Output layer only: a vector function of the whole layer.
    Softmax,
}

impl Activation {
    pub const HIDDEN: [Activation; 6] = [
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Elu,
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::Linear,
    ];
    pub const OUTPUT: [Activation; 4] = [
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Linear,
        Activation::Softmax,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::LeakyRelu => "leakyRelu",
            Activation::Elu => "elu",
            Activation::Tanh => "tanh",
            Activation::Sigmoid => "sigmoid",
            Activation::Linear => "linear",
            Activation::Softmax => "softmax",
        }
    }

    /// f(z) for the element-wise activations (softmax is applied to a whole layer by `softmax`).
    pub fn apply(self, z: Scalar) -> Scalar {
        match self {
            Activation::Relu => {
                if z > 0.0 {
                    z
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    LEAKY_SLOPE * z
                }
            }
            Activation::Elu => {
                if z > 0.0 {
                    z
                } else {
                    libm::expm1f(z)
                }
            }
            Activation::Tanh => libm::tanhf(z),
            Activation::Sigmoid => sigmoid(z),
            Activation::Linear => z,
            Activation::Softmax => panic!("softmax is applied per layer"),
        }
    }

    /// f′(z). ReLU′(z) = 1 if z > 0, 0 if z ≤ 0, as in the source text.
    pub fn derivative(self, z: Scalar) -> Scalar {
        match self {
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    LEAKY_SLOPE
                }
            }
            Activation::Elu => {
                if z > 0.0 {
                    1.0
                } else {
                    libm::expf(z)
                }
            }
            Activation::Tanh => {
                let t = libm::tanhf(z);
                1.0 - t * t
            }
            Activation::Sigmoid => {
                let s = sigmoid(z);
                s * (1.0 - s)
            }
            Activation::Linear => 1.0,
            Activation::Softmax => panic!("softmax has a Jacobian, not a derivative"),
        }
    }

    /// Only ReLU can die: its slope is exactly zero for z ≤ 0. Leaky ReLU and ELU keep a slope.
    pub fn can_die(self) -> bool {
        self == Activation::Relu
    }
}

pub fn sigmoid(z: Scalar) -> Scalar {
    // Two branches so that exp never overflows.
    if z >= 0.0 {
        1.0 / (1.0 + libm::expf(-z))
    } else {
        let e = libm::expf(z);
        e / (1.0 + e)
    }
}

/// Numerically stable softmax: subtract the maximum before exponentiating.
pub fn softmax(z: &[Scalar], out: &mut [Scalar]) {
    let max = z.iter().copied().fold(Scalar::NEG_INFINITY, Scalar::max);
    let mut sum = 0.0;
    for (o, &v) in out.iter_mut().zip(z) {
        *o = libm::expf(v - max);
        sum += *o;
    }
    for o in out.iter_mut() {
        *o /= sum;
    }
}

/// ln Σ exp(z), stably.
pub fn log_sum_exp(z: &[Scalar]) -> Scalar {
    let max = z.iter().copied().fold(Scalar::NEG_INFINITY, Scalar::max);
    let sum: Scalar = z.iter().map(|&v| libm::expf(v - max)).sum();
    max + libm::logf(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_match_central_differences() {
        for act in Activation::HIDDEN {
            for &z in &[-2.3f32, -0.7, 0.4, 1.9] {
                let h = 1e-2;
                let fd = (act.apply(z + h) - act.apply(z - h)) / (2.0 * h);
                let d = act.derivative(z);
                assert!((fd - d).abs() < 2e-3, "{} at {z}: {d} vs {fd}", act.name());
            }
        }
    }

    #[test]
    fn relu_derivative_is_zero_at_and_below_zero() {
        assert_eq!(Activation::Relu.derivative(0.0), 0.0);
        assert_eq!(Activation::Relu.derivative(-3.0), 0.0);
        assert_eq!(Activation::Relu.derivative(1e-6), 1.0);
    }

    #[test]
    fn softmax_is_stable_for_huge_inputs() {
        let mut out = [0.0; 3];
        softmax(&[1000.0, 999.0, -1000.0], &mut out);
        assert!(out.iter().all(|v| v.is_finite()));
        assert!((out.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!((log_sum_exp(&[1000.0, 1000.0]) - (1000.0 + 2f32.ln())).abs() < 1e-3);
        assert_eq!(sigmoid(-200.0), 0.0);
        assert_eq!(sigmoid(200.0), 1.0);
    }
}
