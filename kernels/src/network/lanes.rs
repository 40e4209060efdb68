//! Four f32 lanes as one SIMD register: f32x4 in wasm (simd128), SSE on x86-64, plain arrays
//! elsewhere. The one place that names SIMD instructions. The batched passes write their loops
//! with these few operations because LLVM, left to itself, vectorised some of them across the
//! wrong axis (a loop over a row, with the lanes of each element gathered and scattered).
//!
//! Every operation is an IEEE single-precision add or multiply per lane (no fused multiply-add
//! exists in wasm SIMD, and none is formed here), so every target computes the same bits.

use crate::Scalar;

/// Four samples' values of one neuron, as stored.
pub type Lanes = [Scalar; 4];

#[cfg(target_arch = "x86_64")]
mod imp {
    use super::Lanes;
    use core::arch::x86_64::{
        __m128, _mm_add_epi32, _mm_add_ps, _mm_and_ps, _mm_castps_si128, _mm_castsi128_ps,
        _mm_div_ps, _mm_max_ps, _mm_min_ps, _mm_movehl_ps, _mm_movelh_ps, _mm_mul_ps,
        _mm_set1_epi32, _mm_set1_ps, _mm_slli_epi32, _mm_sub_ps, _mm_unpackhi_ps, _mm_unpacklo_ps,
    };

    #[derive(Clone, Copy)]
    pub struct V(__m128);

    impl V {
        #[inline(always)]
        pub fn load(x: &Lanes) -> V {
            // SAFETY: [f32; 4] and __m128 have the same size, and every bit pattern is valid.
            V(unsafe { core::mem::transmute::<Lanes, __m128>(*x) })
        }
        #[inline(always)]
        pub fn get(self) -> Lanes {
            // SAFETY: as in `load`.
            unsafe { core::mem::transmute::<__m128, Lanes>(self.0) }
        }
        #[inline(always)]
        pub fn splat(x: f32) -> V {
            // SAFETY (these three): SSE is part of every x86-64 CPU.
            V(unsafe { _mm_set1_ps(x) })
        }
        #[inline(always)]
        pub fn vadd(self, o: V) -> V {
            V(unsafe { _mm_add_ps(self.0, o.0) })
        }
        #[inline(always)]
        pub fn vmul(self, o: V) -> V {
            V(unsafe { _mm_mul_ps(self.0, o.0) })
        }
        #[inline(always)]
        pub fn vsub(self, o: V) -> V {
            V(unsafe { _mm_sub_ps(self.0, o.0) })
        }
        #[inline(always)]
        pub fn vdiv(self, o: V) -> V {
            V(unsafe { _mm_div_ps(self.0, o.0) })
        }
        /// Per lane `if x < lo { lo } else { x }` (maxps returns its second operand for a NaN).
        #[inline(always)]
        pub fn at_least(self, lo: V) -> V {
            V(unsafe { _mm_max_ps(lo.0, self.0) })
        }
        /// Per lane `if x > hi { hi } else { x }`.
        #[inline(always)]
        pub fn at_most(self, hi: V) -> V {
            V(unsafe { _mm_min_ps(hi.0, self.0) })
        }
        #[inline(always)]
        pub fn abs(self) -> V {
            V(unsafe { _mm_and_ps(self.0, _mm_castsi128_ps(_mm_set1_epi32(0x7fff_ffff))) })
        }
        /// Rows to columns: lane k of result r is lane r of input k.
        #[inline(always)]
        pub fn transpose([a, b, c, d]: [V; 4]) -> [V; 4] {
            // SAFETY: SSE is part of every x86-64 CPU.
            unsafe {
                let (t0, t1) = (_mm_unpacklo_ps(a.0, b.0), _mm_unpacklo_ps(c.0, d.0));
                let (t2, t3) = (_mm_unpackhi_ps(a.0, b.0), _mm_unpackhi_ps(c.0, d.0));
                [
                    V(_mm_movelh_ps(t0, t1)),
                    V(_mm_movehl_ps(t1, t0)),
                    V(_mm_movelh_ps(t2, t3)),
                    V(_mm_movehl_ps(t3, t2)),
                ]
            }
        }
        /// The float whose bits are (`self`'s bits + `add`) << 23, per lane (integer arithmetic).
        #[inline(always)]
        pub fn exponent_from_bits(self, add: u32) -> V {
            V(unsafe {
                let bits = _mm_add_epi32(_mm_castps_si128(self.0), _mm_set1_epi32(add as i32));
                _mm_castsi128_ps(_mm_slli_epi32::<23>(bits))
            })
        }
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use super::Lanes;
    use core::arch::wasm32::{
        f32x4_abs, f32x4_add, f32x4_div, f32x4_mul, f32x4_pmax, f32x4_pmin, f32x4_splat, f32x4_sub,
        i32x4_add, i32x4_shl, i32x4_shuffle, u32x4_splat, v128,
    };

    #[derive(Clone, Copy)]
    pub struct V(v128);

    impl V {
        #[inline(always)]
        pub fn load(x: &Lanes) -> V {
            // SAFETY: [f32; 4] and v128 have the same size, and every bit pattern is valid.
            V(unsafe { core::mem::transmute::<Lanes, v128>(*x) })
        }
        #[inline(always)]
        pub fn get(self) -> Lanes {
            // SAFETY: as in `load`.
            unsafe { core::mem::transmute::<v128, Lanes>(self.0) }
        }
        #[inline(always)]
        pub fn splat(x: f32) -> V {
            V(f32x4_splat(x))
        }
        #[inline(always)]
        pub fn vadd(self, o: V) -> V {
            V(f32x4_add(self.0, o.0))
        }
        #[inline(always)]
        pub fn vmul(self, o: V) -> V {
            V(f32x4_mul(self.0, o.0))
        }
        #[inline(always)]
        pub fn vsub(self, o: V) -> V {
            V(f32x4_sub(self.0, o.0))
        }
        #[inline(always)]
        pub fn vdiv(self, o: V) -> V {
            V(f32x4_div(self.0, o.0))
        }
        /// Per lane `if x < lo { lo } else { x }` (pmax: `a < b ? b : a`).
        #[inline(always)]
        pub fn at_least(self, lo: V) -> V {
            V(f32x4_pmax(self.0, lo.0))
        }
        /// Per lane `if x > hi { hi } else { x }` (pmin: `b < a ? b : a`).
        #[inline(always)]
        pub fn at_most(self, hi: V) -> V {
            V(f32x4_pmin(self.0, hi.0))
        }
        #[inline(always)]
        pub fn abs(self) -> V {
            V(f32x4_abs(self.0))
        }
        /// Rows to columns: lane k of result r is lane r of input k.
        #[inline(always)]
        pub fn transpose([a, b, c, d]: [V; 4]) -> [V; 4] {
            let (t0, t1) = (
                i32x4_shuffle::<0, 4, 1, 5>(a.0, b.0),
                i32x4_shuffle::<0, 4, 1, 5>(c.0, d.0),
            );
            let (t2, t3) = (
                i32x4_shuffle::<2, 6, 3, 7>(a.0, b.0),
                i32x4_shuffle::<2, 6, 3, 7>(c.0, d.0),
            );
            [
                V(i32x4_shuffle::<0, 1, 4, 5>(t0, t1)),
                V(i32x4_shuffle::<2, 3, 6, 7>(t0, t1)),
                V(i32x4_shuffle::<0, 1, 4, 5>(t2, t3)),
                V(i32x4_shuffle::<2, 3, 6, 7>(t2, t3)),
            ]
        }
        /// The float whose bits are (`self`'s bits + `add`) << 23, per lane (integer arithmetic).
        #[inline(always)]
        pub fn exponent_from_bits(self, add: u32) -> V {
            V(i32x4_shl(i32x4_add(self.0, u32x4_splat(add)), 23))
        }
    }
}

#[cfg(not(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
mod imp {
    use super::Lanes;

    #[derive(Clone, Copy)]
    pub struct V(Lanes);

    impl V {
        #[inline(always)]
        pub fn load(x: &Lanes) -> V {
            V(*x)
        }
        #[inline(always)]
        pub fn get(self) -> Lanes {
            self.0
        }
        #[inline(always)]
        pub fn splat(x: f32) -> V {
            V([x; 4])
        }
        #[inline(always)]
        pub fn vadd(self, o: V) -> V {
            V(core::array::from_fn(|k| self.0[k] + o.0[k]))
        }
        #[inline(always)]
        pub fn vmul(self, o: V) -> V {
            V(core::array::from_fn(|k| self.0[k] * o.0[k]))
        }
        #[inline(always)]
        pub fn vsub(self, o: V) -> V {
            V(core::array::from_fn(|k| self.0[k] - o.0[k]))
        }
        #[inline(always)]
        pub fn vdiv(self, o: V) -> V {
            V(core::array::from_fn(|k| self.0[k] / o.0[k]))
        }
        #[inline(always)]
        pub fn at_least(self, lo: V) -> V {
            V(core::array::from_fn(|k| {
                if self.0[k] < lo.0[k] {
                    lo.0[k]
                } else {
                    self.0[k]
                }
            }))
        }
        #[inline(always)]
        pub fn at_most(self, hi: V) -> V {
            V(core::array::from_fn(|k| {
                if self.0[k] > hi.0[k] {
                    hi.0[k]
                } else {
                    self.0[k]
                }
            }))
        }
        #[inline(always)]
        pub fn abs(self) -> V {
            V(self.0.map(f32::abs))
        }
        #[inline(always)]
        pub fn transpose(v: [V; 4]) -> [V; 4] {
            core::array::from_fn(|r| V(core::array::from_fn(|k| v[k].0[r])))
        }
        #[inline(always)]
        pub fn exponent_from_bits(self, add: u32) -> V {
            V(self
                .0
                .map(|x| f32::from_bits(x.to_bits().wrapping_add(add) << 23)))
        }
    }
}

/// Four lanes in a register.
pub use imp::V;

impl V {
    /// self + a · b, as two rounded operations.
    #[inline(always)]
    pub fn mul_add(self, a: V, b: V) -> V {
        self + a * b
    }

    /// The four lanes' sum in one fixed order, (0 + 1) + (2 + 3), on every target.
    #[inline(always)]
    pub fn sum(self) -> Scalar {
        let v = self.get();
        (v[0] + v[1]) + (v[2] + v[3])
    }

    /// `sum` of four vectors at once, lane k the sum of `v[k]`: the same order, so the same bits.
    #[inline(always)]
    pub fn sums(v: [V; 4]) -> V {
        let [a, b, c, d] = V::transpose(v);
        (a + b) + (c + d)
    }
}

/// What the activations' maths needs of a number: one scalar, or four lanes computed alike. Their
/// formulas are written once over it, so the batched passes and the per-sample ones (the page's
/// traced sample, the evaluation) compute the same bits.
pub trait Real:
    Copy
    + core::ops::Add<Output = Self>
    + core::ops::Sub<Output = Self>
    + core::ops::Mul<Output = Self>
    + core::ops::Div<Output = Self>
{
    fn splat(x: Scalar) -> Self;
    fn magnitude(self) -> Self;
    /// `f32::clamp`, NaN passing through.
    fn clamped(self, lo: Scalar, hi: Scalar) -> Self;
    /// The float whose bits are (`self`'s bits + `add`) << 23: an exponent field made directly.
    fn exponent_from_bits(self, add: u32) -> Self;
}

impl Real for Scalar {
    #[inline(always)]
    fn splat(x: Scalar) -> Self {
        x
    }
    #[inline(always)]
    fn magnitude(self) -> Self {
        self.abs()
    }
    #[inline(always)]
    fn clamped(self, lo: Scalar, hi: Scalar) -> Self {
        self.clamp(lo, hi)
    }
    #[inline(always)]
    fn exponent_from_bits(self, add: u32) -> Self {
        Scalar::from_bits(self.to_bits().wrapping_add(add) << 23)
    }
}

impl Real for V {
    #[inline(always)]
    fn splat(x: Scalar) -> Self {
        V::splat(x)
    }
    #[inline(always)]
    fn magnitude(self) -> Self {
        self.abs()
    }
    #[inline(always)]
    fn clamped(self, lo: Scalar, hi: Scalar) -> Self {
        self.at_least(V::splat(lo)).at_most(V::splat(hi))
    }
    #[inline(always)]
    fn exponent_from_bits(self, add: u32) -> Self {
        V::exponent_from_bits(self, add)
    }
}

macro_rules! lane_ops {
    ($($op:ident $f:ident $imp:ident),*) => {$(
        impl core::ops::$op for V {
            type Output = V;
            #[inline(always)]
            fn $f(self, o: V) -> V {
                V::$imp(self, o)
            }
        }
    )*};
}
lane_ops!(Add add vadd, Sub sub vsub, Mul mul vmul, Div div vdiv);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_add_and_multiply_as_scalars_do() {
        let (a, b, c) = (
            [1.5, -2.0, 3.25, 1e-3],
            [0.1, 7.0, -0.3, 3e4],
            [1e8, 0.0, 2.0, -1.0],
        );
        let got = V::load(&c).mul_add(V::load(&a), V::load(&b)).get();
        for k in 0..4 {
            assert_eq!(got[k].to_bits(), (c[k] + a[k] * b[k]).to_bits());
        }
        assert_eq!(V::splat(2.5).get(), [2.5; 4]);
        assert_eq!(V::load(&[1.0, 2.0, 4.0, 8.0]).sum(), 15.0);
        let rows = [
            [1e8, 1.0, -1e8, 3.0],
            [0.1, 0.2, 0.3, 0.4],
            [7.0; 4],
            [-2.5, 1e-9, 6.0, 0.0],
        ];
        let sums = V::sums(rows.map(|r| V::load(&r))).get();
        for (got, row) in sums.iter().zip(&rows) {
            assert_eq!(got.to_bits(), V::load(row).sum().to_bits());
        }
    }

    #[test]
    fn lanes_clamp_and_take_magnitudes_as_scalars_do() {
        let x = [f32::NAN, -100.0, 3.0, 1e9];
        let got = Real::clamped(V::load(&x), -8.0, 8.0).get();
        for k in 0..4 {
            assert_eq!(
                got[k].to_bits(),
                x[k].clamp(-8.0, 8.0).to_bits(),
                "{}",
                x[k]
            );
        }
        assert_eq!(
            V::load(&[-0.0, -2.0, 3.0, -1e-30]).abs().get(),
            [0.0, 2.0, 3.0, 1e-30]
        );
        let bits = V::load(&[12_582_912.0; 4]).exponent_from_bits(127u32.wrapping_sub(0x4b40_0000));
        assert_eq!(bits.get(), [1.0; 4]);
    }
}
