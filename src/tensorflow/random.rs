//! TensorFlow Playground's random stream: the `seedrandom` library (version 2.x) that it installs
//! as `Math.random`, seeded with the link's `seed` text. Written from the library's published
//! algorithm (RC4 keyed by the seed text, its first 256 bytes dropped; each number built from 7
//! or more bytes to fill a double's 52-bit mantissa), so that a TensorFlow Playground link can
//! draw exactly the numbers TensorFlow Playground drew: its data, its split and its weights.
//! `tests/js/tensorflow-rng.test.mjs` checks the numbers against the library itself.

const WIDTH: f64 = 256.0;
const CHUNKS: usize = 6;
/// 2⁴⁸, 2⁵² and 2⁵³: the first denominator, the bits a double needs, and where they overflow.
const START_DENOMINATOR: f64 = 281_474_976_710_656.0;
const SIGNIFICANCE: f64 = 4_503_599_627_370_496.0;
const OVERFLOW: f64 = 9_007_199_254_740_992.0;

#[derive(Clone, Debug)]
pub struct SeedRandom {
    s: [u8; 256],
    i: u8,
    j: u8,
}

impl SeedRandom {
    /// The stream `Math.seedrandom(seed)` starts, for a seed given as text (the link's value).
    pub fn new(seed: &str) -> Self {
        // The key: each UTF-16 unit of the text mixed into 256 slots ("mixkey").
        let mut key = [0u8; 256];
        let mut len = 0usize;
        let mut smear: u32 = 0;
        for (j, unit) in seed.encode_utf16().enumerate() {
            let slot = j & 255;
            smear ^= (key[slot] as u32).wrapping_mul(19);
            key[slot] = (smear.wrapping_add(unit as u32) & 255) as u8;
            len = len.max(slot + 1);
        }
        // An empty key is the one-byte key [0].
        let key = &key[..len.max(1)];
        let mut s = [0u8; 256];
        for (k, v) in s.iter_mut().enumerate() {
            *v = k as u8;
        }
        let mut j: u8 = 0;
        for i in 0..256 {
            let t = s[i];
            j = j.wrapping_add(key[i % key.len()]).wrapping_add(t);
            s[i] = s[j as usize];
            s[j as usize] = t;
        }
        let mut rng = SeedRandom { s, i: 0, j: 0 };
        for _ in 0..256 {
            rng.byte(); // RC4-drop[256]
        }
        rng
    }

    fn byte(&mut self) -> u8 {
        self.i = self.i.wrapping_add(1);
        let t = self.s[self.i as usize];
        self.j = self.j.wrapping_add(t);
        self.s[self.i as usize] = self.s[self.j as usize];
        self.s[self.j as usize] = t;
        self.s[self.s[self.i as usize].wrapping_add(t) as usize]
    }

    /// `count` bytes as one big-endian number (at most 6 bytes: exact in a double).
    fn bytes(&mut self, count: usize) -> f64 {
        (0..count).fold(0.0, |r, _| r * WIDTH + self.byte() as f64)
    }

    /// The next number in [0, 1), exactly as the library computes it (every step is exact in a
    /// double, so the one rounding is the final division's, as in JavaScript).
    pub fn next_f64(&mut self) -> f64 {
        let mut n = self.bytes(CHUNKS);
        let mut d = START_DENOMINATOR;
        let mut x = 0.0;
        while n < SIGNIFICANCE {
            n = (n + x) * WIDTH;
            d *= WIDTH;
            x = self.bytes(1);
        }
        while n >= OVERFLOW {
            n /= 2.0;
            d /= 2.0;
            x = ((x as u32) >> 1) as f64;
        }
        (n + x) / d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_in_the_unit_interval_and_seeds_differ() {
        let mut a = SeedRandom::new("0.59704");
        let mut b = SeedRandom::new("0.59705");
        let (xs, ys): (Vec<f64>, Vec<f64>) =
            (0..1000).map(|_| (a.next_f64(), b.next_f64())).unzip();
        assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
        assert_ne!(xs, ys);
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        assert!((mean - 0.5).abs() < 0.05, "mean {mean}");
    }
}
