//! Activation functions and their derivatives, written once over `Real` (one value or four lanes)
//! with plain + × ÷ and a branch-free exp: every target computes the same bits, so a shared link
//! replays identically in any browser and natively.

use crate::network::lanes::{Lanes, Real, V};
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
    /// Every activation, hidden and output ones alike (a name reads as any of them).
    pub const ALL: [Activation; 7] = [
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Elu,
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::Linear,
        Activation::Softmax,
    ];
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
            Activation::Tanh => tanh(z),
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
            Activation::Tanh => tanh_derivative(z),
            Activation::Sigmoid => sigmoid_derivative(z),
            Activation::Linear => 1.0,
            Activation::Softmax => panic!("softmax has a Jacobian, not a derivative"),
        }
    }

    /// f(z) and f′(z) together (the forward pass keeps f′ for the backward pass).
    pub fn apply_with_derivative(self, z: Scalar) -> (Scalar, Scalar) {
        match self {
            Activation::Tanh => tanh_with_derivative(z),
            Activation::Sigmoid => sigmoid_with_derivative(z),
            _ => (self.apply(z), self.derivative(z)),
        }
    }

    /// f and f′ over a whole layer's lane groups (four samples per group), `z` to (`a`, `d`): tanh
    /// and sigmoid four lanes at a time; the others are branch-free per value, and the compiler
    /// vectorises their loop. The match is outside the loops.
    pub fn apply_layer(self, z: &[Lanes], a: &mut [Lanes], d: &mut [Lanes]) {
        #[inline(always)]
        fn each(z: &[Lanes], a: &mut [Lanes], d: &mut [Lanes], f: impl Fn(V) -> (V, V)) {
            for ((a, d), z) in a.iter_mut().zip(d.iter_mut()).zip(z) {
                let (fa, fd) = f(V::load(z));
                (*a, *d) = (fa.get(), fd.get());
            }
        }
        match self {
            Activation::Tanh => each(z, a, d, tanh_with_derivative),
            Activation::Sigmoid => each(z, a, d, sigmoid_with_derivative),
            _ => {
                let (a, d) = (a.as_flattened_mut(), d.as_flattened_mut());
                for ((a, d), &z) in a.iter_mut().zip(d.iter_mut()).zip(z.as_flattened()) {
                    (*a, *d) = self.apply_with_derivative(z);
                }
            }
        }
    }

    /// Only ReLU can die: its slope is exactly zero for z ≤ 0. Leaky ReLU and ELU keep a slope.
    pub fn can_die(self) -> bool {
        self == Activation::Relu
    }
}

/// tanh(z) and tanh′(z) = sech² z from one exp and one division: with e = e^−2z and
/// r = 1 / (1 + e), tanh z = 2r − 1 (never outside [−1, 1]) and sech² z = 4e·r², right to a few
/// ulps wherever it is a normal float (|z| ≤ 43). Not 1 − tanh² z, which cancels to nothing as
/// tanh z nears ±1 (1.5 % off at z = 6). Plain + × ÷ and the branch-free `exp`: the same bits on
/// every target, four lanes at a time as cheaply as one.
#[inline(always)]
pub fn tanh_with_derivative<T: Real>(z: T) -> (T, T) {
    let c = T::splat;
    let e = exp(c(-2.0) * z);
    let r = c(1.0) / (c(1.0) + e);
    (c(2.0) * r - c(1.0), c(4.0) * e * r * r)
}

/// tanh, as `tanh_with_derivative` computes it (within 2.5·10⁻⁷ of libm's).
pub fn tanh<T: Real>(z: T) -> T {
    tanh_with_derivative(z).0
}

/// tanh′, as `tanh_with_derivative` computes it.
pub fn tanh_derivative<T: Real>(z: T) -> T {
    tanh_with_derivative(z).1
}

/// σ(z) and σ′(z) from one exp and one division: with e = e^−z, σ = 1 / (1 + e) and
/// σ′ = σ · (e · σ), where e · σ = 1 − σ without the cancellation of 1 − σ for large z (and
/// without overflow or underflow for very negative z, where e is huge and σ tiny).
#[inline(always)]
pub fn sigmoid_with_derivative<T: Real>(z: T) -> (T, T) {
    let c = T::splat;
    let e = exp(c(0.0) - z);
    let s = c(1.0) / (c(1.0) + e);
    (s, s * (e * s))
}

/// σ′(z), as `sigmoid_with_derivative` computes it.
pub fn sigmoid_derivative(z: Scalar) -> Scalar {
    sigmoid_with_derivative(z).1
}

/// σ(z) = 1 / (1 + e^−z), with `exp` below: branch-free, so a sigmoid layer vectorises. The clamp
/// inside `exp` keeps e^−z finite, so a saturated input gives 1 or 1.6·10⁻³⁸ (the smallest normal
/// float's neighbourhood, never a slow subnormal), never NaN.
pub fn sigmoid<T: Real>(z: T) -> T {
    let c = T::splat;
    c(1.0) / (c(1.0) + exp(c(0.0) - z))
}

/// eˣ for x in [−87, 87] (clamped outside: e⁸⁷ keeps 1/(1 + eˣ) a normal float), within a
/// relative 2ε of libm's (1.2·10⁻⁷ measured): Cephes' expf. x = k·ln 2 + r with |r| ≤ ½ ln 2, a
/// degree-6 polynomial for eʳ, and 2ᵏ put straight into the exponent bits. Plain + × and bit
/// operations (no FMA is formed from separate * and +): the same bits on every target.
#[allow(clippy::excessive_precision)] // the published constants; the compiler rounds them
#[inline(always)]
pub fn exp<T: Real>(x: T) -> T {
    const LOG2E: Scalar = std::f32::consts::LOG2_E;
    // ln 2 split in two so that k · LN2_HI is exact.
    const LN2_HI: Scalar = 0.693_359_375;
    const LN2_LO: Scalar = -2.121_944_4e-4;
    // Adding and subtracting 1.5 · 2²³ rounds to the nearest integer without a branch or a call.
    const ROUND: Scalar = 12_582_912.0;
    let c = T::splat;
    let x = x.clamped(-87.0, 87.0);
    let rounded = x * c(LOG2E) + c(ROUND);
    let k = rounded - c(ROUND);
    let r = x - k * c(LN2_HI) - k * c(LN2_LO);
    let mut p = c(1.987_569_15e-4);
    p = p * r + c(1.398_199_95e-3);
    p = p * r + c(8.333_451_9e-3);
    p = p * r + c(4.166_579_59e-2);
    p = p * r + c(1.666_666_55e-1);
    p = p * r + c(5.000_000_12e-1);
    let e_r = p * r * r + r + c(1.0);
    // `rounded`'s low mantissa bits are k itself (|k| ≤ 126 ≪ 2²²): 2ᵏ's exponent field is their
    // sum with the bias, an integer add and shift that vectorise (a float-to-int cast does not).
    const BIAS: u32 = 127u32.wrapping_sub(ROUND.to_bits());
    e_r * rounded.exponent_from_bits(BIAS)
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
    fn every_derivative_is_right_to_float_precision_over_the_whole_range() {
        // Against float64 at float32 inputs, wherever the float64 value is a normal float32: no
        // invented zeros where gradients vanish, no cancellation where they are small.
        let exact = |act: Activation, z: f64| -> f64 {
            match act {
                Activation::Tanh => 1.0 / libm::cosh(z).powi(2),
                Activation::Sigmoid => libm::exp(-z) / (1.0 + libm::exp(-z)).powi(2),
                Activation::Elu if z <= 0.0 => libm::exp(z),
                Activation::LeakyRelu if z <= 0.0 => LEAKY_SLOPE as f64,
                Activation::Relu if z <= 0.0 => 0.0,
                _ => 1.0,
            }
        };
        for act in Activation::HIDDEN {
            let mut worst: f64 = 0.0;
            for k in -300_000..=300_000 {
                let z = k as f32 * 1e-4;
                let want = exact(act, z as f64);
                if want != 0.0 && (want.abs() as f32).is_normal() {
                    let (_, with) = act.apply_with_derivative(z);
                    for got in [act.derivative(z), with] {
                        worst = worst.max((got as f64 - want).abs() / want.abs());
                    }
                }
            }
            // The layer's four lanes at a time give the same bits as one value at a time.
            let z = [[-29.5, 0.3, 17.0, -1e-3], [f32::NAN, 88.0, -88.0, 0.0]];
            let (mut a, mut d) = ([[0.0; 4]; 2], [[0.0; 4]; 2]);
            act.apply_layer(&z, &mut a, &mut d);
            let values = z
                .as_flattened()
                .iter()
                .zip(a.as_flattened().iter().zip(d.as_flattened()));
            for (zi, (ai, di)) in values {
                let (want_a, want_d) = (act.apply(*zi), act.derivative(*zi));
                assert_eq!(ai.to_bits(), want_a.to_bits(), "{}: f({zi})", act.name());
                assert_eq!(di.to_bits(), want_d.to_bits(), "{}: f′({zi})", act.name());
            }
            assert!(worst <= 1e-4, "{}: relative error {worst:e}", act.name());
        }
        assert!(tanh_derivative(30.0) > 0.0 && sigmoid_derivative(30.0) > 0.0);
    }

    #[test]
    fn tanh_matches_libm() {
        let mut worst: f32 = 0.0;
        for k in -20_000..=20_000 {
            let z = k as f32 * 0.001;
            worst = worst.max((tanh(z) - libm::tanhf(z)).abs());
        }
        assert!(worst < 2.5e-7, "largest difference {worst}");
        assert_eq!(tanh(50.0), 1.0);
        assert_eq!(tanh(-50.0), -1.0);
        assert_eq!(tanh(0.0), 0.0);
        assert!(tanh(f32::NAN).is_nan());
    }

    #[test]
    fn the_branch_free_exp_matches_libm() {
        let mut worst: Scalar = 0.0;
        for i in -870_000..=870_000 {
            let x = i as Scalar * 1e-4;
            let (ours, libm) = (exp(x), libm::expf(x));
            worst = worst.max(((ours - libm) / libm).abs());
        }
        assert!(worst < 2.0 * Scalar::EPSILON, "relative error {worst}");
        // Saturated inputs stay finite, and σ of them is 1 or a tiny normal float, never NaN.
        assert!(exp(1e30).is_finite() && exp(-1e30) > 0.0);
        let low = sigmoid(-1e30);
        assert!(low.is_normal() && low < 1e-37, "σ(−10³⁰) = {low}");
        assert_eq!(sigmoid(1e30), 1.0);
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
        assert!(sigmoid(-200.0).is_normal() && sigmoid(-200.0) < 1e-37);
        assert_eq!(sigmoid(200.0), 1.0);
    }
}
