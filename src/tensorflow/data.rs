//! TensorFlow Playground's data sets, drawn from its random stream exactly as its `dataset.ts`
//! draws them (the same numbers in the same order, in doubles, rounded to our floats at the end),
//! its in-place shuffle and its split. Written from its published algorithms: the shapes are ours
//! too (`data::dataset`), but there the noise model is the same and the numbers are not.

use super::random::SeedRandom;
use crate::data::dataset::{DatasetKind, Point, Problem, BUMPS};
use crate::Scalar;
use core::f64::consts::PI;

/// How many points TensorFlow Playground makes for a problem.
pub fn point_count(problem: Problem) -> usize {
    match problem {
        Problem::Regression => 1200,
        _ => 500,
    }
}

/// Whether TensorFlow Playground has this data set.
pub fn has(kind: DatasetKind) -> bool {
    !matches!(kind, DatasetKind::Blobs | DatasetKind::SpiralK)
}

/// `n` points of a data set with `noise` (a fraction, 0–0.5), continuing `rng`. For a data set
/// TensorFlow Playground does not have (see `has`), none.
pub fn generate(kind: DatasetKind, n: usize, noise: f64, rng: &mut SeedRandom) -> Vec<Point> {
    let mut points = Vec::with_capacity(n);
    let mut push = |x: f64, y: f64, label: f64| {
        points.push(Point::new(x as Scalar, y as Scalar, label as Scalar))
    };
    // Its loops run while i < n / 2 in doubles: for an odd n the halves have ⌈n/2⌉ points each.
    let half = n.div_ceil(2);
    match kind {
        DatasetKind::Gauss => {
            // A linear scale from noise 0–0.5 to variance 0.5–4.
            let t = noise / 0.5;
            let variance = 0.5 * (1.0 - t) + 4.0 * t;
            for (c, label) in [(2.0, 1.0), (-2.0, -1.0)] {
                for _ in 0..half {
                    let x = normal(rng, c, variance);
                    let y = normal(rng, c, variance);
                    push(x, y, label);
                }
            }
        }
        DatasetKind::RegPlane => {
            for _ in 0..n {
                let (x, y, nx, ny) = noisy_point(rng, 6.0, noise);
                // A linear scale from x + y in −10…10 to −1…1, not clamped.
                let t = ((x + nx + y + ny) + 10.0) / 20.0;
                push(x, y, -(1.0 - t) + t);
            }
        }
        DatasetKind::RegGauss => {
            for _ in 0..n {
                let (x, y, nx, ny) = noisy_point(rng, 6.0, noise);
                let (px, py) = (x + nx, y + ny);
                // The bump largest in magnitude; each falls linearly from 1 at its centre to 0 at
                // distance 2 (a clamped scale).
                let mut label: f64 = 0.0;
                for (cx, cy, sign) in BUMPS {
                    let (cx, cy, sign) = (cx as f64, cy as f64, sign as f64);
                    let t = (distance(px - cx, py - cy) / 2.0).clamp(0.0, 1.0);
                    let value = sign * (1.0 - t);
                    if value.abs() > label.abs() {
                        label = value;
                    }
                }
                push(x, y, label);
            }
        }
        DatasetKind::Spiral => {
            let arm = n as f64 / 2.0;
            for (delta, label) in [(0.0, 1.0), (PI, -1.0)] {
                for i in 0..half {
                    let i = i as f64;
                    let r = i / arm * 5.0;
                    let t = 1.75 * i / arm * 2.0 * PI + delta;
                    let x = r * libm::sin(t) + uniform(rng, -1.0, 1.0) * noise;
                    let y = r * libm::cos(t) + uniform(rng, -1.0, 1.0) * noise;
                    push(x, y, label);
                }
            }
        }
        DatasetKind::Circle => {
            let radius = 5.0;
            for (lo, hi) in [(0.0, radius * 0.5), (radius * 0.7, radius)] {
                for _ in 0..half {
                    let r = uniform(rng, lo, hi);
                    let angle = uniform(rng, 0.0, 2.0 * PI);
                    let (x, y) = (r * libm::sin(angle), r * libm::cos(angle));
                    let nx = uniform(rng, -radius, radius) * noise;
                    let ny = uniform(rng, -radius, radius) * noise;
                    let inside = distance(x + nx, y + ny) < radius * 0.5;
                    push(x, y, if inside { 1.0 } else { -1.0 });
                }
            }
        }
        DatasetKind::Xor => {
            let padding = 0.3;
            for _ in 0..n {
                let mut x = uniform(rng, -5.0, 5.0);
                x += if x > 0.0 { padding } else { -padding };
                let mut y = uniform(rng, -5.0, 5.0);
                y += if y > 0.0 { padding } else { -padding };
                let nx = uniform(rng, -5.0, 5.0) * noise;
                let ny = uniform(rng, -5.0, 5.0) * noise;
                push(
                    x,
                    y,
                    if (x + nx) * (y + ny) >= 0.0 {
                        1.0
                    } else {
                        -1.0
                    },
                );
            }
        }
        DatasetKind::Blobs | DatasetKind::SpiralK => {}
    }
    points
}

/// Its Fisher–Yates shuffle: from the back, each place swapped with one drawn at or before it.
pub fn shuffle<T>(items: &mut [T], rng: &mut SeedRandom) {
    let mut counter = items.len();
    while counter > 0 {
        let index = (rng.next_f64() * counter as f64) as usize;
        counter -= 1;
        items.swap(counter, index);
    }
}

/// How many of `n` shuffled points it trains on: ⌊n · percent / 100⌋.
pub fn train_count(n: usize, perc_train_data: f64) -> usize {
    ((n as f64 * perc_train_data / 100.0) as usize).min(n)
}

fn uniform(rng: &mut SeedRandom, a: f64, b: f64) -> f64 {
    rng.next_f64() * (b - a) + a
}

/// x, y in [−r, r] and their noise (each also in [−r, r], times `noise`), in its order.
fn noisy_point(rng: &mut SeedRandom, r: f64, noise: f64) -> (f64, f64, f64, f64) {
    let x = uniform(rng, -r, r);
    let y = uniform(rng, -r, r);
    let nx = uniform(rng, -r, r) * noise;
    let ny = uniform(rng, -r, r) * noise;
    (x, y, nx, ny)
}

/// Its normal sample (the polar Box–Muller method, rejecting pairs outside the unit disc).
fn normal(rng: &mut SeedRandom, mean: f64, variance: f64) -> f64 {
    let (v1, s) = loop {
        let v1 = 2.0 * rng.next_f64() - 1.0;
        let v2 = 2.0 * rng.next_f64() - 1.0;
        let s = v1 * v1 + v2 * v2;
        if s <= 1.0 {
            break (v1, s);
        }
    };
    let result = libm::sqrt(-2.0 * libm::log(s) / s) * v1;
    mean + libm::sqrt(variance) * result
}

fn distance(dx: f64, dy: f64) -> f64 {
    libm::sqrt(dx * dx + dy * dy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_set_has_its_count_and_labels() {
        for kind in DatasetKind::ALL.into_iter().filter(|&k| has(k)) {
            let n = point_count(kind.problem());
            let mut rng = SeedRandom::new("0.5");
            let points = generate(kind, n, 0.2, &mut rng);
            assert_eq!(points.len(), n, "{kind:?}");
            if kind.problem() == Problem::Classification {
                let positive = points.iter().filter(|p| p.label == 1.0).count();
                assert!(points.iter().all(|p| p.label.abs() == 1.0));
                assert!(
                    positive > n / 4 && positive < 3 * n / 4,
                    "{kind:?}: {positive}"
                );
            }
        }
    }

    #[test]
    fn the_shuffle_is_a_permutation() {
        let mut items: Vec<usize> = (0..500).collect();
        shuffle(&mut items, &mut SeedRandom::new("x"));
        assert_ne!(items, (0..500).collect::<Vec<_>>());
        items.sort_unstable();
        assert_eq!(items, (0..500).collect::<Vec<_>>());
        assert_eq!(train_count(500, 50.0), 250);
        assert_eq!(train_count(1200, 33.0), 396);
        assert_eq!(train_count(500, 100.0), 500);
    }
}
