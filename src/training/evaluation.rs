//! The evaluation: loss, accuracy and dead neurons over every point, spread over calls so that a
//! frame never stalls. It works on its own copy of the parameters, since training goes on in
//! between, so each evaluation is exact for the parameters it began with.

use super::samples::Samples;
use crate::config::Config;
use crate::data::dataset::Problem;
use crate::network::activation::Activation;
use crate::network::Network;
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
    /// Training points the output is confidently wrong on: saturated (f′(z) < 0.01 on every
    /// output) with squared error, so their error signal (ŷ − y)·f′(z) is ~0 and nothing fixes them.
    pub stuck_count: usize,
    /// The lowest training loss evaluated since the network was built (or edited), and the step
    /// of its parameters: `restore` brings those back.
    pub best_loss: Option<Scalar>,
    pub best_step: u64,
}

/// The evaluation's state, kept by the trainer.
#[derive(Clone, Debug)]
pub(super) struct Evaluator {
    /// The parameters the evaluation under way works on.
    network: Network,
    /// That evaluation's sums so far.
    progress: Option<Progress>,
    /// The last finished evaluation, with the parameter version it is of.
    finished: Option<(u64, Evaluation)>,
}

/// An evaluation under way: sums over the points done so far (training points first, then test
/// points), for the parameters of `version`.
#[derive(Clone, Debug)]
struct Progress {
    version: u64,
    step: u64,
    next: usize,
    stuck: usize,
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
    /// The step count of the parameters evaluated.
    pub(super) step: u64,
    pub(super) stuck: usize,
    pub(super) train_loss: Option<Scalar>,
    pub(super) test_loss: Option<Scalar>,
    pub(super) train_accuracy: Option<Scalar>,
    pub(super) test_accuracy: Option<Scalar>,
    pub(super) dead: Vec<Vec<bool>>,
}

impl Evaluator {
    /// An evaluator for networks of `network`'s shape.
    pub(super) fn new(network: Network) -> Evaluator {
        Evaluator {
            network,
            progress: None,
            finished: None,
        }
    }

    /// The evaluator's copy of the network (its parameters are copied in as each evaluation
    /// begins; its activations follow the trainer's).
    pub(super) fn network_mut(&mut self) -> &mut Network {
        &mut self.network
    }

    /// The parameters of the last finished evaluation, until the next one begins.
    pub(super) fn network(&self) -> &Network {
        &self.network
    }

    /// Forgets every evaluation: the data changed.
    pub(super) fn clear(&mut self) {
        self.finished = None;
        self.progress = None;
    }

    /// Drops the evaluation under way, whatever parameters it is of.
    pub(super) fn abandon(&mut self) {
        self.progress = None;
    }

    /// Drops the evaluation under way if it is of parameters older than `version`.
    pub(super) fn abandon_older(&mut self, version: u64) {
        if matches!(&self.progress, Some(p) if p.version != version) {
            self.progress = None;
        }
    }

    /// The last finished evaluation (perhaps of parameters a few steps old).
    pub(super) fn finished(&self) -> Option<&Evaluation> {
        self.finished.as_ref().map(|(_, evaluation)| evaluation)
    }

    /// Evaluates up to `max_points` more points of the evaluation under way, or of a new one of
    /// `current` (parameters of `version`). Returns true once one is finished; parameters already
    /// evaluated return true at once.
    pub(super) fn evaluate_some(
        &mut self,
        current: &Network,
        (version, step): (u64, u64),
        config: &Config,
        train: &Samples,
        test: &Samples,
        max_points: usize,
    ) -> bool {
        if matches!(&self.finished, Some((v, _)) if *v == version) {
            self.progress = None;
            return true;
        }
        let mut progress = match self.progress.take() {
            Some(p) => p,
            None => self.begin(current, version, step),
        };
        if !self.advance(&mut progress, config, train, test, max_points.max(1)) {
            self.progress = Some(progress);
            return false;
        }
        let version = progress.version;
        let evaluation = finish(progress, config, train.len(), test.len());
        self.finished = Some((version, evaluation));
        true
    }

    /// Starts an evaluation of `current`'s parameters on the evaluator's copy of them.
    fn begin(&mut self, current: &Network, version: u64, step: u64) -> Progress {
        self.network.copy_parameters_from(current);
        let layers = &self.network.layers;
        Progress {
            version,
            step,
            next: 0,
            stuck: 0,
            train: Sums::default(),
            test: Sums::default(),
            dead: layers[..layers.len() - 1]
                .iter()
                .map(|l| vec![l.activation.can_die(); l.outputs])
                .collect(),
        }
    }

    /// Evaluates up to `max_points` more points; returns whether every point is done.
    fn advance(
        &mut self,
        progress: &mut Progress,
        config: &Config,
        train: &Samples,
        test: &Samples,
        max_points: usize,
    ) -> bool {
        let net = &mut self.network;
        let total = train.len() + test.len();
        let (start, end) = (
            progress.next,
            progress.next.saturating_add(max_points).min(total),
        );
        let set_of = |k: usize| {
            if k < train.len() {
                (train, k)
            } else {
                (test, k - train.len())
            }
        };
        let inputs = (start..end).map(|k| {
            let (set, i) = set_of(k);
            set.sample(i).0
        });
        net.forward_each(inputs, |net, offset| {
            let k = start + offset;
            let (set, i) = set_of(k);
            let sums = if k < train.len() {
                &mut progress.train
            } else {
                &mut progress.test
            };
            let target = set.sample(i).1;
            sums.loss += net.loss_of(target) as f64;
            let right =
                predicted_class(config, net.output()) == actual_class(config, set.points[i].label);
            sums.correct += right as usize;
            if k < train.len() {
                let saturated = net
                    .output_layer()
                    .derivatives
                    .iter()
                    .all(|d| d.abs() < 0.01);
                progress.stuck +=
                    (!right && saturated && config.loss == crate::network::loss::Loss::Mse)
                        as usize;
                for (flags, layer) in progress.dead.iter_mut().zip(&net.layers) {
                    for (d, &z) in flags.iter_mut().zip(&layer.pre_activations) {
                        *d &= z <= 0.0;
                    }
                }
            }
        });
        progress.next = end;
        end == total
    }
}

/// The means over `train` and `test` points of a finished evaluation.
fn finish(progress: Progress, config: &Config, train: usize, test: usize) -> Evaluation {
    let mean = |sums: Sums, n: usize| -> (Option<Scalar>, Option<Scalar>) {
        if n == 0 {
            return (None, None);
        }
        let accuracy =
            (config.problem != Problem::Regression).then(|| sums.correct as Scalar / n as Scalar);
        (Some((sums.loss / n as f64) as Scalar), accuracy)
    };
    let (train_loss, train_accuracy) = mean(progress.train, train);
    let (test_loss, test_accuracy) = mean(progress.test, test);
    Evaluation {
        step: progress.step,
        stuck: progress.stuck,
        train_loss,
        test_loss,
        train_accuracy,
        test_accuracy,
        dead: progress.dead,
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
