//! The seeded random stream. ChaCha8 keyed by the seed is documented as portable, and every
//! conversion to a float or an index below is our own, so a link replays identically on every
//! platform and every future build (rand's own `StdRng` and range helpers may change).

use crate::Scalar;
use rand_chacha::rand_core::{Rng as _, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Independent streams from one seed, so that changing one setting (say, the batch size) does not
/// change the data or the initial weights.
#[derive(Clone, Copy, Debug)]
pub enum Stream {
    Data = 0,
    Init = 1,
    Shuffle = 2,
    Split = 3,
}

#[derive(Clone, Debug)]
pub struct Rng(ChaCha8Rng);

impl Rng {
    pub fn new(seed: u64, stream: Stream) -> Self {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        let mut rng = ChaCha8Rng::from_seed(key);
        rng.set_stream(stream as u64);
        Rng(rng)
    }

    pub fn next_u32(&mut self) -> u32 {
        self.0.next_u32()
    }

    /// Uniform in [0, 1), from the top 24 bits (exactly representable in f32).
    pub fn unit(&mut self) -> Scalar {
        (self.next_u32() >> 8) as Scalar * (1.0 / (1u32 << 24) as Scalar)
    }

    /// Uniform in [lo, hi).
    pub fn uniform(&mut self, lo: Scalar, hi: Scalar) -> Scalar {
        lo + (hi - lo) * self.unit()
    }

    /// Standard normal by Box–Muller, with libm so wasm and native agree bit for bit.
    pub fn normal(&mut self) -> Scalar {
        let u1 = 1.0 - self.unit(); // (0, 1]: keeps ln finite
        let u2 = self.unit();
        libm::sqrtf(-2.0 * libm::logf(u1)) * libm::cosf(2.0 * core::f32::consts::PI * u2)
    }

    /// Uniform index in 0..n (n > 0), unbiased by rejection.
    pub fn below(&mut self, n: usize) -> usize {
        let n = n as u32;
        let zone = u32::MAX - (u32::MAX % n);
        loop {
            let r = self.next_u32();
            if r < zone {
                return (r % n) as usize;
            }
        }
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_independent() {
        let a: Vec<u32> = (0..4)
            .map(|_| Rng::new(7, Stream::Data).next_u32())
            .collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut d = Rng::new(7, Stream::Data);
        let mut i = Rng::new(7, Stream::Init);
        assert_ne!(d.next_u32(), i.next_u32());
    }

    #[test]
    fn unit_and_below_stay_in_range() {
        let mut r = Rng::new(1, Stream::Data);
        for _ in 0..10_000 {
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(r.below(7) < 7);
        }
    }

    #[test]
    fn normal_has_unit_variance() {
        let mut r = Rng::new(3, Stream::Data);
        let n = 20_000;
        let xs: Vec<f64> = (0..n).map(|_| r.normal() as f64).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.03, "mean {mean}");
        assert!((var - 1.0).abs() < 0.05, "variance {var}");
    }
}
