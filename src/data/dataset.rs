//! Seeded 2-D data sets in [−6, 6]², after TensorFlow Playground's (same shapes and noise model),
//! plus the multiclass `blobs` and `spiralK`.

use crate::rng::{Rng, Stream};
use crate::Scalar;
use core::f32::consts::PI;
use serde::Serialize;

pub const DOMAIN: Scalar = 6.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Problem {
    /// Two classes, labels ±1, one output neuron.
    Classification,
    /// One value per output neuron (`outputs` of them, 1 by default), any finite target.
    Regression,
    /// K classes, labels 0..K, K output neurons.
    Multiclass,
}

impl Problem {
    pub const ALL: [Problem; 3] = [
        Problem::Classification,
        Problem::Regression,
        Problem::Multiclass,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Problem::Classification => "classification",
            Problem::Regression => "regression",
            Problem::Multiclass => "multiclass",
        }
    }

    pub fn datasets(self) -> Vec<DatasetKind> {
        DatasetKind::ALL
            .iter()
            .copied()
            .filter(|d| d.problem() == self)
            .collect()
    }

    pub fn default_output_activation(self) -> crate::network::activation::Activation {
        use crate::network::activation::Activation;
        match self {
            Problem::Classification => Activation::Sigmoid,
            Problem::Regression => Activation::Linear,
            Problem::Multiclass => Activation::Softmax,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DatasetKind {
    Circle,
    Xor,
    Gauss,
    Spiral,
    RegPlane,
    RegGauss,
    Blobs,
    SpiralK,
}

impl DatasetKind {
    pub const ALL: [DatasetKind; 8] = [
        DatasetKind::Circle,
        DatasetKind::Xor,
        DatasetKind::Gauss,
        DatasetKind::Spiral,
        DatasetKind::RegPlane,
        DatasetKind::RegGauss,
        DatasetKind::Blobs,
        DatasetKind::SpiralK,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DatasetKind::Circle => "circle",
            DatasetKind::Xor => "xor",
            DatasetKind::Gauss => "gauss",
            DatasetKind::Spiral => "spiral",
            DatasetKind::RegPlane => "regPlane",
            DatasetKind::RegGauss => "regGauss",
            DatasetKind::Blobs => "blobs",
            DatasetKind::SpiralK => "spiralK",
        }
    }

    pub fn problem(self) -> Problem {
        match self {
            DatasetKind::RegPlane | DatasetKind::RegGauss => Problem::Regression,
            DatasetKind::Blobs | DatasetKind::SpiralK => Problem::Multiclass,
            _ => Problem::Classification,
        }
    }
}

/// The most output neurons a regression network may have (the `outputs` setting's bound).
pub const MAX_OUTPUTS: usize = 8;
/// The largest target magnitude: any finite loss is defined, but a target of 1e30 is a typo.
pub const MAX_TARGET: Scalar = 1e6;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: Scalar,
    pub y: Scalar,
    /// ±1 (classification), a class index (multiclass) or output 0's target (regression).
    pub label: Scalar,
    /// Regression with several outputs: the targets of outputs 1, 2, … (0 where unused). Kept in
    /// the point, not beside it, so that every path that moves points moves them too.
    pub more: [Scalar; MAX_OUTPUTS - 1],
}

impl Point {
    /// A point with one label (every other target 0). Out of line: the generators call it often.
    #[inline(never)]
    pub fn new(x: Scalar, y: Scalar, label: Scalar) -> Point {
        Point {
            x,
            y,
            label,
            more: [0.0; MAX_OUTPUTS - 1],
        }
    }

    /// The target of output `k` (regression; `k` = 0 is the label).
    pub fn target(&self, k: usize) -> Scalar {
        // No panic path (a smaller wasm file): a target past the last output is 0.
        match k.checked_sub(1) {
            None => self.label,
            Some(m) => self.more.get(m).copied().unwrap_or(0.0),
        }
    }

    /// A point with a target per output (`targets` has 1 to `MAX_OUTPUTS` values).
    #[inline(never)]
    pub fn with_targets(x: Scalar, y: Scalar, targets: &[Scalar]) -> Point {
        let mut p = Point::new(x, y, targets[0]);
        for (m, t) in p.more.iter_mut().zip(&targets[1..]) {
            *m = *t;
        }
        p
    }
}

/// Generates `n` points. `noise` is a fraction, 0–0.5.
pub fn generate(
    kind: DatasetKind,
    n: usize,
    noise: Scalar,
    classes: usize,
    seed: u64,
) -> Vec<Point> {
    let mut rng = Rng::new(seed, Stream::Data);
    let r = &mut rng;
    let mut points = Vec::with_capacity(n);
    let half = n / 2;
    match kind {
        DatasetKind::Circle => {
            let radius = 5.0;
            let label = |x: Scalar, y: Scalar| {
                if libm::sqrtf(x * x + y * y) < radius * 0.5 {
                    1.0
                } else {
                    -1.0
                }
            };
            for i in 0..n {
                let (r_lo, r_hi) = if i < half {
                    (0.0, radius * 0.5)
                } else {
                    (radius * 0.7, radius)
                };
                let rad = r.uniform(r_lo, r_hi);
                let angle = r.uniform(0.0, 2.0 * PI);
                let (x, y) = (rad * libm::sinf(angle), rad * libm::cosf(angle));
                let nx = r.uniform(-radius, radius) * noise;
                let ny = r.uniform(-radius, radius) * noise;
                points.push(Point::new(x, y, label(x + nx, y + ny)));
            }
        }
        DatasetKind::Xor => {
            let padding = 0.3;
            for _ in 0..n {
                let mut x = r.uniform(-5.0, 5.0);
                x += if x > 0.0 { padding } else { -padding };
                let mut y = r.uniform(-5.0, 5.0);
                y += if y > 0.0 { padding } else { -padding };
                let nx = r.uniform(-5.0, 5.0) * noise;
                let ny = r.uniform(-5.0, 5.0) * noise;
                let label = if (x + nx) * (y + ny) >= 0.0 {
                    1.0
                } else {
                    -1.0
                };
                points.push(Point::new(x, y, label));
            }
        }
        DatasetKind::Gauss => {
            // The clusters spread as noise grows: variance from 0.5 to 4.
            let std = libm::sqrtf(0.5 + (4.0 - 0.5) * noise / 0.5);
            for i in 0..n {
                let (c, label) = if i < half { (2.0, 1.0) } else { (-2.0, -1.0) };
                let x = clamp(c + r.normal() * std);
                let y = clamp(c + r.normal() * std);
                points.push(Point::new(x, y, label));
            }
        }
        DatasetKind::Spiral => {
            for i in 0..n {
                let (k, delta, label) = if i < half {
                    (i, 0.0, 1.0)
                } else {
                    (i - half, PI, -1.0)
                };
                let arm = if i < half { half } else { n - half };
                points.push(spiral_point(r, k, arm, delta, noise, label));
            }
        }
        DatasetKind::RegPlane => {
            for _ in 0..n {
                let x = r.uniform(-DOMAIN, DOMAIN);
                let y = r.uniform(-DOMAIN, DOMAIN);
                let nx = r.uniform(-DOMAIN, DOMAIN) * noise;
                let ny = r.uniform(-DOMAIN, DOMAIN) * noise;
                let label = ((x + nx + y + ny) / 10.0).clamp(-1.0, 1.0);
                points.push(Point::new(x, y, label));
            }
        }
        DatasetKind::RegGauss => {
            let value = |x: Scalar, y: Scalar| {
                let mut best: Scalar = 0.0;
                for (cx, cy, sign) in BUMPS {
                    let d = libm::sqrtf((x - cx) * (x - cx) + (y - cy) * (y - cy));
                    let v = sign * (1.0 - d / 2.0).clamp(0.0, 1.0);
                    if v.abs() > best.abs() {
                        best = v;
                    }
                }
                best
            };
            for _ in 0..n {
                let x = r.uniform(-DOMAIN, DOMAIN);
                let y = r.uniform(-DOMAIN, DOMAIN);
                let nx = r.uniform(-DOMAIN, DOMAIN) * noise;
                let ny = r.uniform(-DOMAIN, DOMAIN) * noise;
                points.push(Point::new(x, y, value(x + nx, y + ny)));
            }
        }
        DatasetKind::Blobs => {
            let std = 0.6 + 3.0 * noise;
            for i in 0..n {
                let class = i * classes / n;
                let angle = 2.0 * PI * class as Scalar / classes as Scalar;
                let (cx, cy) = (3.5 * libm::cosf(angle), 3.5 * libm::sinf(angle));
                let x = clamp(cx + r.normal() * std);
                let y = clamp(cy + r.normal() * std);
                points.push(Point::new(x, y, class as Scalar));
            }
        }
        DatasetKind::SpiralK => {
            for i in 0..n {
                let class = i * classes / n;
                let start = class * n / classes;
                let arm = (class + 1) * n / classes - start;
                let delta = 2.0 * PI * class as Scalar / classes as Scalar;
                points.push(spiral_point(
                    r,
                    i - start,
                    arm,
                    delta,
                    noise,
                    class as Scalar,
                ));
            }
        }
    }
    points
}

/// The regression bumps (`regGauss`): centre x, centre y and sign, as TensorFlow Playground has
/// them (its generator in `tensorflow::data` uses the same).
pub const BUMPS: [(Scalar, Scalar, Scalar); 6] = [
    (-4.0, 2.5, 1.0),
    (0.0, 2.5, -1.0),
    (4.0, 2.5, 1.0),
    (-4.0, -2.5, -1.0),
    (0.0, -2.5, 1.0),
    (4.0, -2.5, -1.0),
];

/// Point k of an arm of `arm` points: radius grows to 5 over 1.75 turns.
fn spiral_point(
    r: &mut Rng,
    k: usize,
    arm: usize,
    delta: Scalar,
    noise: Scalar,
    label: Scalar,
) -> Point {
    let f = k as Scalar / arm.max(1) as Scalar;
    let rad = f * 5.0;
    let t = 1.75 * f * 2.0 * PI + delta;
    let x = rad * libm::sinf(t) + r.uniform(-1.0, 1.0) * noise;
    let y = rad * libm::cosf(t) + r.uniform(-1.0, 1.0) * noise;
    Point::new(x, y, label)
}

fn clamp(v: Scalar) -> Scalar {
    v.clamp(-DOMAIN, DOMAIN)
}

/// Whether a point may be in a data set of this problem: inside [−6, 6]² with a label the problem
/// allows (for regression, `outputs` finite targets of at most `MAX_TARGET`). The error says what
/// was wrong, naming the output for a target.
pub fn check_point(
    p: &Point,
    problem: Problem,
    classes: usize,
    outputs: usize,
) -> Result<(), String> {
    for (name, v) in [("x", p.x), ("y", p.y)] {
        if !(v.is_finite() && v.abs() <= DOMAIN) {
            return Err(format!("{name} = {v} is outside [−6, 6]"));
        }
    }
    if problem == Problem::Regression {
        for k in 0..outputs {
            let t = p.target(k);
            if !(t.is_finite() && t.abs() <= MAX_TARGET) {
                return Err(format!(
                    "label {t} (output {k}) is not allowed; use a number from −{MAX_TARGET} to {MAX_TARGET}"
                ));
            }
        }
        return Ok(());
    }
    let ok = match problem {
        Problem::Multiclass => {
            p.label.fract() == 0.0 && p.label >= 0.0 && (p.label as usize) < classes
        }
        _ => p.label == 1.0 || p.label == -1.0,
    };
    if ok {
        return Ok(());
    }
    let allowed = match problem {
        Problem::Multiclass => format!("a class index from 0 to {}", classes - 1),
        _ => "−1 or +1".to_string(),
    };
    Err(format!("label {} is not allowed; use {allowed}", p.label))
}

/// Shuffles the points (seeded) and splits off the first `train` of them for training.
pub fn split(mut points: Vec<Point>, train: usize, seed: u64) -> (Vec<Point>, Vec<Point>) {
    Rng::new(seed, Stream::Split).shuffle(&mut points);
    let test = points.split_off(train.min(points.len()));
    (points, test)
}
