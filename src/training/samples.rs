//! Sample encoding: a data set's points with their network inputs and targets precomputed.

use crate::config::Config;
use crate::data::dataset::{Point, Problem};
use crate::data::features;
use crate::network::activation::Activation;
use crate::Scalar;

/// A data set with its network inputs and targets precomputed.
#[derive(Clone, Debug, Default)]
pub struct Samples {
    pub points: Vec<Point>,
    pub inputs: Vec<Scalar>,
    pub targets: Vec<Scalar>,
    /// Inputs and targets per sample (kept, not divided out on every lookup).
    input_width: usize,
    target_width: usize,
}

impl Samples {
    pub(super) fn new(points: Vec<Point>, config: &Config) -> Samples {
        let (f, o) = (config.features.len(), config.outputs());
        let mut inputs = vec![0.0; points.len() * f];
        let mut targets = vec![0.0; points.len() * o];
        for (k, p) in points.iter().enumerate() {
            features::fill(&config.features, p.x, p.y, &mut inputs[k * f..(k + 1) * f]);
            encode_target(config, p, &mut targets[k * o..(k + 1) * o]);
        }
        Samples {
            points,
            inputs,
            targets,
            input_width: f,
            target_width: o,
        }
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    pub fn sample(&self, k: usize) -> (&[Scalar], &[Scalar]) {
        let (f, o) = (self.input_width, self.target_width);
        (
            &self.inputs[k * f..(k + 1) * f],
            &self.targets[k * o..(k + 1) * o],
        )
    }
}

/// The network's target for a point: a sigmoid output learns 0/1 for the classes −1/+1, tanh and
/// linear outputs learn ±1; multiclass labels become one-hot vectors; regression targets are the
/// point's own, one per output.
pub fn encode_target(config: &Config, point: &Point, out: &mut [Scalar]) {
    let label = point.label;
    match config.problem {
        Problem::Multiclass => {
            out.fill(0.0);
            out[label as usize] = 1.0;
        }
        Problem::Classification if config.output_activation == Activation::Sigmoid => {
            out[0] = if label > 0.0 { 1.0 } else { 0.0 };
        }
        Problem::Classification => out[0] = label,
        Problem::Regression => {
            out[0] = label;
            for (t, m) in out[1..].iter_mut().zip(&point.more) {
                *t = *m;
            }
        }
    }
}
