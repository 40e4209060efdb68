//! Training: the data, the mini-batch loop, divergence handling and the diagnostics.

use crate::config::{train_count, Config, ConfigError};
use crate::data::dataset::{self, Point, Problem};
use crate::data::features;
use crate::network::activation::Activation;
use crate::network::gradient_check;
use crate::network::optimizer::{Optimizer, UpdateRule};
use crate::network::{Network, Param};
use crate::rng::{Rng, Stream};
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
struct Progress {
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
struct Evaluation {
    train_loss: Option<Scalar>,
    test_loss: Option<Scalar>,
    train_accuracy: Option<Scalar>,
    test_accuracy: Option<Scalar>,
    dead: Vec<Vec<bool>>,
}

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
        Problem::Classification
            if config.output_activation == crate::network::activation::Activation::Sigmoid =>
        {
            out[0] = if label > 0.0 { 1.0 } else { 0.0 };
        }
        _ => out[0] = label,
    }
}

/// The largest step or epoch count: the largest whole number a JS number holds exactly.
pub const MAX_COUNTER: u64 = (1 << 53) - 1;

#[derive(Clone, Debug)]
pub struct Trainer {
    config: Config,
    pub network: Network,
    /// A copy of the network for heatmaps and finite differences, so they never overwrite the
    /// z, a and δ that the page is showing.
    scratch: Network,
    /// The parameters an evaluation spread over several calls works on (see `evaluate_some`):
    /// its own copy, since training and heatmaps go on in between.
    evaluator: Network,
    /// That evaluation's sums so far.
    progress: Option<Progress>,
    train: Samples,
    test: Samples,
    order: Vec<usize>,
    cursor: usize,
    shuffle_rng: Rng,
    optimizer: Optimizer,
    /// The parameters before the latest update: the last finite ones after a divergence.
    backup: Vec<Scalar>,
    /// The step count the backup was taken at.
    backup_step: u64,
    step: u64,
    epoch: u64,
    diverged_at: Option<u64>,
    batch_loss: Scalar,
    batch_samples: usize,
    /// Bumped whenever a weight or bias changes.
    params_version: u64,
    /// The data came from `set_data`.
    custom_data: bool,
    evaluation: Option<(u64, Evaluation)>,
}

impl Trainer {
    pub fn new(config: Config) -> Trainer {
        let points = dataset::generate(
            config.dataset,
            config.num_points,
            (config.noise / 100.0) as Scalar,
            config.classes,
            config.seed,
        );
        let (train, test) = dataset::split(
            points,
            train_count(config.num_points, config.perc_train_data),
            config.seed,
        );
        let mut network = Network::new(
            &config.layer_sizes(),
            config.activation,
            config.output_activation,
            config.loss,
            config.residual,
        );
        network.initialize(config.init, &mut Rng::new(config.seed, Stream::Init));
        let parameters = network.parameter_count();
        let mut trainer = Trainer {
            scratch: network.clone(),
            evaluator: network.clone(),
            progress: None,
            network,
            train: Samples::default(),
            test: Samples::default(),
            order: Vec::new(),
            cursor: 0,
            shuffle_rng: Rng::new(config.seed, Stream::Shuffle),
            optimizer: Optimizer::new(parameters),
            backup: vec![0.0; parameters],
            backup_step: 0,
            step: 0,
            epoch: 0,
            diverged_at: None,
            batch_loss: 0.0,
            batch_samples: 0,
            params_version: 0,
            custom_data: false,
            evaluation: None,
            config,
        };
        // The configuration's batch fits its own data set: nothing to report here.
        trainer.install_data(train, test);
        trainer.save_backup(0);
        trainer
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Applies a new configuration. The learning rate, regularisation, batch size, optimiser,
    /// shuffling and the display fields take effect at once and keep the network; anything else
    /// rebuilds it.
    /// Returns whether the network was rebuilt.
    pub fn set_config(&mut self, config: Config) -> Result<bool, ConfigError> {
        let mut live = self.config.clone();
        live.learning_rate = config.learning_rate;
        live.regularization = config.regularization;
        live.regularization_rate = config.regularization_rate;
        live.batch_size = config.batch_size;
        live.optimizer = config.optimizer;
        live.shuffle = config.shuffle;
        live.show_test_data = config.show_test_data;
        live.discretize = config.discretize;
        if live == config {
            // The configuration checked the batch against its own data set; data set by
            // `set_data` may be smaller.
            // Only a batch size being changed is checked: any other live setting must work on
            // an empty data set too (its batch size was kept at 1).
            if config.batch_size != self.config.batch_size
                && config.batch_size > self.train.len().max(1)
            {
                return Err(ConfigError {
                    field: "batchSize".into(),
                    message: format!(
                        "{} is larger than the training set ({} points)",
                        config.batch_size,
                        self.train.len()
                    ),
                });
            }
            self.config = config;
            return Ok(false);
        }
        let same_data = self.config.dataset == config.dataset
            && self.config.problem == config.problem
            && self.config.classes == config.classes
            && self.config.num_points == config.num_points
            && self.config.noise == config.noise
            && self.config.perc_train_data == config.perc_train_data
            && self.config.seed == config.seed;
        let custom = (self.custom_data && same_data).then(|| {
            (
                std::mem::take(&mut self.train.points),
                std::mem::take(&mut self.test.points),
            )
        });
        let version = self.params_version;
        *self = Trainer::new(config);
        // Versions never repeat, so caches keyed on them cannot mistake the new network.
        self.params_version = version + 1;
        if let Some((train, test)) = custom {
            // Data the user set survives changes that do not concern the data.
            // A batch size lowered here was the user's new setting: it is shown in the controls.
            self.install_data(train, test);
            self.custom_data = true;
        }
        Ok(true)
    }

    /// Whether the data came from `set_data` rather than the configuration.
    pub fn has_custom_data(&self) -> bool {
        self.custom_data
    }

    /// Swaps the hidden activation and keeps every weight: dead ReLUs switched to leaky ReLU get
    /// a gradient again and can recover. (Choosing an activation in `set_config` rebuilds.)
    pub fn switch_activation(&mut self, activation: Activation) -> Result<(), ConfigError> {
        if !Activation::HIDDEN.contains(&activation) {
            return Err(ConfigError {
                field: "activation".into(),
                message: format!("{:?} is not a hidden activation", activation.name()),
            });
        }
        self.config.activation = activation;
        let hidden = self.network.layers.len() - 1;
        self.progress = None;
        for net in [&mut self.network, &mut self.scratch, &mut self.evaluator] {
            for layer in &mut net.layers[..hidden] {
                layer.activation = activation;
            }
        }
        // The same weights now compute other values: every cache keyed on them is stale.
        self.params_version += 1;
        Ok(())
    }

    /// Installs data; a batch size larger than the training set is lowered to fit, and then
    /// the size it had is returned (so that the caller can say so).
    fn install_data(&mut self, train: Vec<Point>, test: Vec<Point>) -> Option<usize> {
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

    fn rule(&self) -> UpdateRule {
        UpdateRule {
            kind: self.config.optimizer,
            learning_rate: self.config.learning_rate as Scalar,
            regularization: self.config.regularization,
            regularization_rate: self.config.regularization_rate as Scalar,
        }
    }

    /// Runs up to `n` mini-batch updates; stops early at a divergence. Returns the count run.
    /// Without training data nothing runs.
    pub fn step(&mut self, n: usize) -> usize {
        for k in 0..n {
            if self.diverged_at.is_some() || self.train.is_empty() {
                return k;
            }
            self.train_step();
        }
        n
    }

    /// Runs updates until the current pass over the training set is complete.
    pub fn epoch(&mut self) -> usize {
        let mut steps = 0;
        loop {
            if self.diverged_at.is_some() || self.train.is_empty() {
                return steps;
            }
            self.train_step();
            steps += 1;
            if self.cursor == 0 {
                return steps;
            }
        }
    }

    fn train_step(&mut self) {
        let end = (self.cursor + self.config.batch_size).min(self.train.len());
        self.compute_next_batch_gradients();
        self.cursor = if end == self.train.len() { 0 } else { end };
        if self.cursor == 0 {
            self.epoch += 1;
            // Shuffled at the end of an epoch, so that the next batch is known in advance.
            if self.config.shuffle {
                self.shuffle_rng.shuffle(&mut self.order);
            }
        }
        self.apply_gradients();
    }

    /// One optimiser update from the gradient buffers, as its own visible phase. A non-finite
    /// batch loss or parameter stops training (see `restore`).
    pub fn apply_gradients(&mut self) {
        if self.diverged_at.is_some() {
            return; // stopped until `restore`
        }
        self.step += 1;
        if !self.batch_loss.is_finite() {
            // These parameters are finite but already useless: the backup is from before them.
            self.diverged_at = Some(self.step);
            return;
        }
        if !self.network.parameters_finite() {
            // Non-finite parameters that still gave a finite loss (a huge weight times zero).
            self.diverged_at = Some(self.step);
            return;
        }
        // These parameters are finite and gave a finite loss: the ones to come back to.
        self.save_backup(self.step - 1);
        let rule = self.rule();
        self.optimizer.apply(&rule, &mut self.network);
        self.params_version += 1;
        if !self.network.parameters_finite() {
            self.diverged_at = Some(self.step);
        }
    }

    /// After a divergence: brings back the last parameters that gave a finite loss, and the step
    /// count they had, and clears the divergence. The optimiser's state is forgotten (momentum
    /// from a diverging run would diverge again).
    pub fn restore(&mut self) -> bool {
        if self.diverged_at.take().is_none() {
            return false;
        }
        self.network.load_parameters(&self.backup);
        self.optimizer.reset();
        self.step = self.backup_step;
        self.batch_loss = 0.0; // the diverged batch's loss belongs to parameters that are gone
        self.params_version += 1;
        true
    }

    fn save_backup(&mut self, step: u64) {
        self.network.save_parameters(&mut self.backup);
        self.backup_step = step;
    }

    /// The training sample that the next step's mini-batch starts with (none without data).
    pub fn next_sample(&self) -> Option<usize> {
        self.order.get(self.cursor).copied()
    }

    /// The samples of the next step's mini-batch.
    pub fn next_batch(&self) -> &[usize] {
        let end = (self.cursor + self.config.batch_size).min(self.train.len());
        &self.order[self.cursor..end]
    }

    /// The gradients of the next step's mini-batch, without an update: afterwards the gradient
    /// buffers hold exactly what the next step will apply (see `update_preview`).
    pub fn compute_next_batch_gradients(&mut self) -> Scalar {
        let end = (self.cursor + self.config.batch_size).min(self.train.len());
        let (train, network) = (&self.train, &mut self.network);
        let batch = self.order[self.cursor..end]
            .iter()
            .map(|&k| train.sample(k));
        self.batch_loss = network.compute_gradients(batch);
        self.batch_samples = end - self.cursor;
        self.batch_loss
    }

    /// Central-difference ∂L/∂param on training sample `sample` (step `h`), computed on the
    /// scratch network so that nothing the page shows is disturbed.
    pub fn numerical_gradient(&mut self, param: Param, sample: usize, h: Scalar) -> Option<Scalar> {
        if sample >= self.train.len() || !self.network.has(param) {
            return None;
        }
        self.scratch_network();
        let (input, target) = self.train.sample(sample);
        Some(gradient_check::numerical_gradient(
            &mut self.scratch,
            input,
            target,
            param,
            h,
        ))
    }

    /// The change the next update will make to `param`, from the gradient buffers as they are.
    pub fn update_preview(&self, param: Param) -> Option<Scalar> {
        if !self.network.has(param) {
            return None;
        }
        let (w, g, at) = self.network.param(param);
        let regularize = matches!(param, Param::Weight { .. });
        Some(self.optimizer.preview(&self.rule(), at, w, g, regularize))
    }

    /// Forward and backward over given samples without changing a weight; returns the mean loss.
    pub fn compute_gradients(
        &mut self,
        inputs: &[Scalar],
        targets: &[Scalar],
    ) -> Result<Scalar, ConfigError> {
        let sizes = self.network.sizes();
        let (f, o) = (sizes[0], *sizes.last().unwrap());
        let n = inputs.len() / f;
        if n == 0 || inputs.len() != n * f || targets.len() != n * o {
            return Err(ConfigError {
                field: "inputs".into(),
                message: format!(
                    "{} inputs and {} targets do not make whole samples of {f} inputs and {o} targets",
                    inputs.len(),
                    targets.len()
                ),
            });
        }
        if inputs.iter().chain(targets).any(|v| !v.is_finite()) {
            return Err(ConfigError {
                field: "inputs".into(),
                message: "every input and target must be a finite number".into(),
            });
        }
        let samples = inputs.chunks_exact(f).zip(targets.chunks_exact(o));
        let loss = self.network.compute_gradients(samples);
        self.batch_loss = loss;
        self.batch_samples = n;
        Ok(loss)
    }

    /// Forward and backward for one training sample, no update: fills z, a, δ and the gradient
    /// buffers with that sample's values (for the page to animate). Returns the loss.
    pub fn trace(&mut self, index: usize) -> Option<Scalar> {
        if index >= self.train.len() {
            return None;
        }
        let (input, target) = self.train.sample(index);
        let loss = self
            .network
            .compute_gradients(std::iter::once((input, target)));
        self.batch_loss = loss;
        self.batch_samples = 1;
        Some(loss)
    }

    /// Replaces one layer's weights and biases.
    pub fn set_params(
        &mut self,
        layer: usize,
        weights: &[Scalar],
        biases: &[Scalar],
    ) -> Result<(), ConfigError> {
        let bad = |message: String| ConfigError {
            field: "setParams".into(),
            message,
        };
        let count = self.network.layers.len();
        let l = self.network.layers.get_mut(layer).ok_or_else(|| {
            bad(format!(
                "layer {layer} does not exist; layers are 0 to {}",
                count - 1
            ))
        })?;
        if weights.len() != l.weights.len() || biases.len() != l.biases.len() {
            return Err(bad(format!(
                "layer {layer} has {} weights and {} biases, not {} and {}",
                l.weights.len(),
                l.biases.len(),
                weights.len(),
                biases.len()
            )));
        }
        if weights.iter().chain(biases).any(|v| !v.is_finite()) {
            return Err(bad("every weight and bias must be a finite number".into()));
        }
        l.weights.copy_from_slice(weights);
        l.biases.copy_from_slice(biases);
        self.params_version += 1;
        // Edited parameters are the user's: a later restore comes back to them, not to older ones.
        if self.diverged_at.is_none() {
            self.save_backup(self.step);
        }
        Ok(())
    }

    /// Sets the step and epoch counters (a link or model file carries its own). They reach JS as
    /// numbers, exact up to 2⁵³, and `step += 1` must never overflow: larger ones are refused,
    /// naming the counter, and nothing changes.
    pub fn set_counters(&mut self, step: u64, epoch: u64) -> Result<(), ConfigError> {
        for (field, value) in [("step", step), ("epoch", epoch)] {
            if value > MAX_COUNTER {
                return Err(ConfigError {
                    field: field.into(),
                    message: format!(
                        "{value} is not allowed; use a whole number from 0 to {MAX_COUNTER}"
                    ),
                });
            }
        }
        self.step = step;
        self.epoch = epoch;
        self.backup_step = step;
        Ok(())
    }

    /// The step and epoch counters.
    pub fn counters(&self) -> (u64, u64) {
        (self.step, self.epoch)
    }

    /// Bumped whenever a parameter changes: caches (heatmaps, evaluation) key on it.
    pub fn params_version(&self) -> u64 {
        self.params_version
    }

    /// The scratch network (for heatmaps), holding the current parameters, and the configuration.
    pub fn scratch_network(&mut self) -> (&mut Network, &Config) {
        self.scratch.copy_parameters_from(&self.network);
        (&mut self.scratch, &self.config)
    }

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
            let threshold =
                if config.output_activation == crate::network::activation::Activation::Sigmoid {
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
