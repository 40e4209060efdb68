//! The trainer's data: points with their network inputs and targets precomputed, and how new
//! data is installed (checked, and the batch size lowered to fit).

use super::Trainer;
use crate::config::{Config, ConfigError};
use crate::data::dataset::{self, Point, Problem};
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
    fn new(points: Vec<Point>, config: &Config) -> Samples {
        let (f, o) = (config.features.len(), config.outputs());
        let mut inputs = vec![0.0; points.len() * f];
        let mut targets = vec![0.0; points.len() * o];
        for (k, p) in points.iter().enumerate() {
            features::fill(&config.features, p.x, p.y, &mut inputs[k * f..(k + 1) * f]);
            encode_target(config, p.label, &mut targets[k * o..(k + 1) * o]);
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

/// The network's target for a label: a sigmoid output learns 0/1 for the classes −1/+1, tanh and
/// linear outputs learn ±1; multiclass labels become one-hot vectors.
pub fn encode_target(config: &Config, label: Scalar, out: &mut [Scalar]) {
    match config.problem {
        Problem::Multiclass => {
            out.fill(0.0);
            out[label as usize] = 1.0;
        }
        Problem::Classification if config.output_activation == Activation::Sigmoid => {
            out[0] = if label > 0.0 { 1.0 } else { 0.0 };
        }
        _ => out[0] = label,
    }
}

impl Trainer {
    /// Installs data; a batch size larger than the training set is lowered to fit, and then
    /// the size it had is returned (so that the caller can say so).
    pub(super) fn install_data(&mut self, train: Vec<Point>, test: Vec<Point>) -> Option<usize> {
        self.train = Samples::new(train, &self.config);
        self.test = Samples::new(test, &self.config);
        self.order = (0..self.train.len()).collect();
        if self.config.shuffle {
            self.shuffle_rng.shuffle(&mut self.order);
        }
        self.cursor = 0;
        let before = self.config.batch_size;
        self.config.batch_size = before.clamp(1, self.train.len().max(1));
        self.evaluation = None;
        self.progress = None;
        (self.config.batch_size != before).then_some(before)
    }

    /// Replaces the data set (keeping the network), checking every point and label. Returns a
    /// notice when the batch size had to be lowered to fit the new training set.
    pub fn set_data(
        &mut self,
        train: Vec<Point>,
        test: Vec<Point>,
    ) -> Result<Option<String>, ConfigError> {
        let bad = |field: &str, message: String| ConfigError {
            field: field.to_string(),
            message,
        };
        if train.len() + test.len() > crate::config::MAX_POINTS {
            return Err(bad(
                "trainPoints",
                format!(
                    "{} points in all; at most {} are allowed",
                    train.len() + test.len(),
                    crate::config::MAX_POINTS
                ),
            ));
        }
        for (field, set) in [("train", &train), ("test", &test)] {
            for (k, p) in set.iter().enumerate() {
                dataset::check_point(p, self.config.problem, self.config.classes).map_err(|m| {
                    let what = if m.starts_with("label") {
                        "Labels"
                    } else {
                        "Points"
                    };
                    bad(&format!("{field}{what}"), format!("point {k}: {m}"))
                })?;
            }
        }
        let lowered = self.install_data(train, test);
        self.custom_data = true;
        Ok(lowered.map(|before| {
            format!(
                "batchSize: {before} is more than the {} training points, so it is now {}",
                self.train.len(),
                self.config.batch_size
            )
        }))
    }

    pub fn train_samples(&self) -> &Samples {
        &self.train
    }

    pub fn test_samples(&self) -> &Samples {
        &self.test
    }
}
