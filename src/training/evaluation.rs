//! The evaluation: loss, accuracy and dead neurons over every point, spread over calls so that a
//! frame never stalls, and the statistics built from it.

use super::Trainer;
use crate::config::Config;
use crate::data::dataset::Problem;
use crate::network::activation::Activation;
use crate::Scalar;
use serde::Serialize;

/// The diagnostics after the latest step.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Mini-batch updates so far.
    pub step: u64,
    /// Completed passes over the training set.
    pub epoch: u64,
    /// `None` when there is no training data.
    pub train_loss: Option<Scalar>,
    /// `None` when there is no test data.
    pub test_loss: Option<Scalar>,
    /// Fraction correct, for classification.
    pub train_accuracy: Option<Scalar>,
    pub test_accuracy: Option<Scalar>,
    /// Mean loss of the latest mini-batch.
    pub batch_loss: Scalar,
    /// Per weight layer: RMS of ∂L/∂W, and of δ over the latest batch.
    pub weight_grad_rms: Vec<Scalar>,
    pub delta_rms: Vec<Scalar>,
    /// Per hidden layer, per neuron: a ReLU with z ≤ 0 on every training point.
    pub dead: Vec<Vec<bool>>,
    pub dead_count: usize,
    pub hidden_count: usize,
    pub diverged: bool,
    /// The step whose loss or weights were no longer finite.
    pub diverged_at_step: Option<u64>,
}

/// An evaluation under way: sums over the points done so far (training points first, then test
/// points), for the parameters of `version`.
#[derive(Clone, Debug)]
pub(super) struct Progress {
    version: u64,
    next: usize,
    train: Sums,
    test: Sums,
    /// Per hidden neuron: z ≤ 0 on every training point so far.
    dead: Vec<Vec<bool>>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    loss: f64,
    correct: usize,
}

/// Loss and accuracy over a data set, cached until the weights change.
#[derive(Clone, Debug, Default)]
pub(super) struct Evaluation {
    train_loss: Option<Scalar>,
    test_loss: Option<Scalar>,
    train_accuracy: Option<Scalar>,
    test_accuracy: Option<Scalar>,
    dead: Vec<Vec<bool>>,
}

impl Trainer {
    /// Starts an evaluation of the current parameters on the evaluator's copy of them.
    fn begin_evaluation(&mut self) -> Progress {
        self.evaluator.copy_parameters_from(&self.network);
        let layers = &self.evaluator.layers;
        Progress {
            version: self.params_version,
            next: 0,
            train: Sums::default(),
            test: Sums::default(),
            dead: layers[..layers.len() - 1]
                .iter()
                .map(|l| vec![l.activation.can_die(); l.outputs])
                .collect(),
        }
    }

    /// Evaluates up to `max_points` more points; returns whether every point is done.
    fn advance_evaluation(&mut self, progress: &mut Progress, max_points: usize) -> bool {
        let (config, net) = (&self.config, &mut self.evaluator);
        let total = self.train.len() + self.test.len();
        let end = progress.next.saturating_add(max_points).min(total);
        for k in progress.next..end {
            let (set, i, sums) = if k < self.train.len() {
                (&self.train, k, &mut progress.train)
            } else {
                (&self.test, k - self.train.len(), &mut progress.test)
            };
            let (input, target) = set.sample(i);
            net.forward(input);
            sums.loss += net.loss_of(target) as f64;
            if predicted_class(config, net.output()) == actual_class(config, set.points[i].label) {
                sums.correct += 1;
            }
            if k < self.train.len() {
                for (flags, layer) in progress.dead.iter_mut().zip(&net.layers) {
                    for (d, &z) in flags.iter_mut().zip(&layer.pre_activations) {
                        *d &= z <= 0.0;
                    }
                }
            }
        }
        progress.next = end;
        end == total
    }

    fn finish_evaluation(&self, progress: Progress) -> Evaluation {
        let mean = |sums: Sums, n: usize| -> (Option<Scalar>, Option<Scalar>) {
            if n == 0 {
                return (None, None);
            }
            let accuracy = (self.config.problem != Problem::Regression)
                .then(|| sums.correct as Scalar / n as Scalar);
            (Some((sums.loss / n as f64) as Scalar), accuracy)
        };
        let (train_loss, train_accuracy) = mean(progress.train, self.train.len());
        let (test_loss, test_accuracy) = mean(progress.test, self.test.len());
        Evaluation {
            train_loss,
            test_loss,
            train_accuracy,
            test_accuracy,
            dead: progress.dead,
        }
    }

    /// An evaluation spread over calls, at most `max_points` points each, so that a big network's
    /// 2000 points never stall a frame: it evaluates the parameters as they were when it began
    /// (exactly, on its own copy), while training goes on. Returns true once an evaluation is
    /// finished; `latest_stats` then reports it. Already evaluated parameters return true at once.
    pub fn evaluate_some(&mut self, max_points: usize) -> bool {
        if matches!(&self.evaluation, Some((v, _)) if *v == self.params_version) {
            self.progress = None;
            return true;
        }
        let mut progress = match self.progress.take() {
            Some(p) => p,
            None => self.begin_evaluation(),
        };
        if !self.advance_evaluation(&mut progress, max_points.max(1)) {
            self.progress = Some(progress);
            return false;
        }
        let version = progress.version;
        let evaluation = self.finish_evaluation(progress);
        self.evaluation = Some((version, evaluation));
        true
    }

    /// The statistics of the current parameters (evaluating every point if they are new).
    pub fn stats(&mut self) -> Stats {
        // One evaluation mechanism: an evaluation under way of older parameters is dropped, one
        // of these parameters is finished, and then everything left is done at once.
        if matches!(&self.progress, Some(p) if p.version != self.params_version) {
            self.progress = None;
        }
        self.evaluate_some(usize::MAX);
        self.latest_stats()
    }

    /// The statistics with the losses, accuracies and dead neurons of the last finished
    /// evaluation, which may be of parameters a few steps old (see `evaluate_some`); the counters
    /// and gradient sizes are current.
    pub fn latest_stats(&mut self) -> Stats {
        if self.evaluation.is_none() {
            self.evaluate_some(usize::MAX);
        }
        let (_, evaluation) = self
            .evaluation
            .as_ref()
            .expect("an evaluation just finished");
        self.stats_with(evaluation.clone())
    }

    fn stats_with(&self, evaluation: Evaluation) -> Stats {
        let mut weight_grad_rms = Vec::new();
        let mut delta_rms = Vec::new();
        self.network.weight_grad_rms(&mut weight_grad_rms);
        self.network.delta_rms(self.batch_samples, &mut delta_rms);
        let dead_count = evaluation.dead.iter().flatten().filter(|d| **d).count();
        Stats {
            step: self.step,
            epoch: self.epoch,
            train_loss: evaluation.train_loss,
            test_loss: evaluation.test_loss,
            train_accuracy: evaluation.train_accuracy,
            test_accuracy: evaluation.test_accuracy,
            batch_loss: self.batch_loss,
            weight_grad_rms,
            delta_rms,
            dead_count,
            hidden_count: self.config.network_shape.iter().sum(),
            dead: evaluation.dead,
            diverged: self.diverged_at.is_some(),
            diverged_at_step: self.diverged_at,
        }
    }
}

/// The class a network output stands for (0/1 for binary, the argmax for multiclass).
pub fn predicted_class(config: &Config, output: &[Scalar]) -> usize {
    match config.problem {
        Problem::Multiclass => {
            let mut best = 0;
            for (k, v) in output.iter().enumerate() {
                if *v > output[best] {
                    best = k;
                }
            }
            best
        }
        _ => {
            let threshold = if config.output_activation == Activation::Sigmoid {
                0.5
            } else {
                0.0
            };
            (output[0] > threshold) as usize
        }
    }
}

fn actual_class(config: &Config, label: Scalar) -> usize {
    match config.problem {
        Problem::Multiclass => label as usize,
        _ => (label > 0.0) as usize,
    }
}
