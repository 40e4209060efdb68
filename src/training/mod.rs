//! Training: the trainer, its configuration and data changes and parameter edits. Its other
//! parts live in their own files: sample encoding, the step loop with divergence handling, the
//! evaluation spread over frames and the statistics built from it, the probes that the
//! teaching views use, and the loss landscape over two parameters.

mod evaluation;
mod landscape;
mod probes;
mod samples;
mod stats;
mod steps;
mod tensorflow;

pub use evaluation::{predicted_class, Stats};
pub use samples::{encode_target, Samples};

use crate::config::settings::{ACTIVATION, BATCH_SIZE};
use crate::config::{Config, ConfigError, MAX_POINTS};
use crate::data::dataset::{self, Point};
use crate::network::activation::Activation;
use crate::network::optimizer::Optimizer;
use crate::network::Network;
use crate::rng::{Rng, Stream};
use crate::tensorflow::Rules;
use crate::Scalar;
use evaluation::Evaluator;

/// The largest step or epoch count: the largest whole number a JS number holds exactly.
pub const MAX_COUNTER: u64 = (1 << 53) - 1;

#[derive(Clone, Debug)]
pub struct Trainer {
    config: Config,
    pub network: Network,
    /// A copy of the network for heatmaps and finite differences, so they never overwrite the
    /// z, a and δ that the page is showing.
    scratch: Network,
    /// The evaluation spread over several calls (see `evaluate_some`), on its own copy of the
    /// parameters, since training and heatmaps go on in between.
    evaluator: Evaluator,
    train: Samples,
    test: Samples,
    /// The training points' order. Under TensorFlow Playground's rules it never changes and is
    /// written out twice, so that a batch running on into the next pass is one slice of it.
    order: Vec<usize>,
    cursor: usize,
    /// Under TensorFlow Playground's rules: the pass has ended, counted, with its last points
    /// (from `cursor`) waiting for the next pass's first update, as its batch rule has them.
    tail_counted: bool,
    shuffle_rng: Rng,
    optimizer: Optimizer,
    /// The parameters with the lowest training loss evaluated (or the initial or edited ones
    /// before any evaluation): what `restore` brings back after a divergence, an explosion or a
    /// stall. Copied only when an evaluation finds a lower loss, so training pays nothing.
    best: Vec<Scalar>,
    best_loss: Scalar,
    /// The step count of the best parameters.
    best_step: u64,
    step: u64,
    epoch: u64,
    diverged_at: Option<u64>,
    batch_loss: Scalar,
    batch_samples: usize,
    /// Bumped whenever a weight or bias changes.
    params_version: u64,
    /// The data came from `set_data`.
    custom_data: bool,
    /// Under TensorFlow Playground's rules: its random stream as it runs on after the start, for
    /// its Reset (see `reset_tensorflow`).
    tensorflow_stream: Option<crate::tensorflow::random::SeedRandom>,
}

impl Trainer {
    pub fn new(config: Config) -> Trainer {
        let mut network = Network::new(
            &config.layer_sizes(),
            config.activation,
            config.output_activation,
            config.loss,
            config.residual,
        );
        let seed = config.seed.number();
        let mut tensorflow_stream = None;
        let (train, test) = match config.rules {
            Rules::Playground => {
                let points = dataset::generate(
                    config.dataset,
                    config.num_points,
                    (config.noise / 100.0) as Scalar,
                    config.classes,
                    seed,
                );
                network.initialize(config.init, &mut Rng::new(seed, Stream::Init));
                dataset::split(points, config.train_points(), seed)
            }
            Rules::Tensorflow => {
                let (rng, data) = tensorflow::start(&config, &mut network);
                tensorflow_stream = Some(rng);
                data
            }
        };
        let parameters = network.parameter_count();
        let mut trainer = Trainer {
            scratch: network.clone(),
            evaluator: Evaluator::new(network.clone()),
            network,
            train: Samples::default(),
            test: Samples::default(),
            order: Vec::new(),
            cursor: 0,
            tail_counted: false,
            shuffle_rng: Rng::new(seed, Stream::Shuffle),
            optimizer: Optimizer::new(parameters),
            best: vec![0.0; parameters],
            best_loss: Scalar::INFINITY,
            best_step: 0,
            step: 0,
            epoch: 0,
            diverged_at: None,
            batch_loss: 0.0,
            batch_samples: 0,
            params_version: 0,
            custom_data: false,
            tensorflow_stream,
            config,
        };
        // The configuration's batch fits its own data set: nothing to report here.
        trainer.install_data(train, test);
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
                    field: BATCH_SIZE.name.into(),
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
            && self.config.rules == config.rules
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
                field: ACTIVATION.name.into(),
                message: format!("{:?} is not a hidden activation", activation.name()),
            });
        }
        self.config.activation = activation;
        let hidden = self.network.layers.len() - 1;
        self.evaluator.abandon();
        for net in [
            &mut self.network,
            &mut self.scratch,
            self.evaluator.network_mut(),
        ] {
            for layer in &mut net.layers[..hidden] {
                layer.activation = activation;
            }
        }
        // The same weights now compute other values: every cache keyed on them is stale.
        self.params_version += 1;
        self.forget_best();
        Ok(())
    }

    /// Installs data; a batch size larger than the training set is lowered to fit, and then
    /// the size it had is returned (so that the caller can say so).
    fn install_data(&mut self, train: Vec<Point>, test: Vec<Point>) -> Option<usize> {
        self.train = Samples::new(train, &self.config);
        self.test = Samples::new(test, &self.config);
        let n = self.train.len();
        self.order = (0..n).collect();
        if self.config.rules == Rules::Tensorflow {
            self.order.extend(0..n);
        } else if self.config.shuffle {
            self.shuffle_rng.shuffle(&mut self.order);
        }
        self.cursor = 0;
        self.tail_counted = false;
        self.forget_best(); // losses on other data do not compare
        let before = self.config.batch_size;
        self.config.batch_size = before.clamp(1, self.train.len().max(1));
        self.evaluator.clear();
        (self.config.batch_size != before).then_some(before)
    }

    /// Replaces the data set (keeping the network), checking every point and label. Returns a
    /// notice when the batch size had to be lowered to fit the new training set. (Out of line: it
    /// is called from the binding, CSV and links, and one copy keeps the wasm file small.)
    #[inline(never)]
    pub fn set_data(
        &mut self,
        train: Vec<Point>,
        test: Vec<Point>,
    ) -> Result<Option<String>, ConfigError> {
        let bad = |field: &str, message: String| ConfigError {
            field: field.to_string(),
            message,
        };
        if train.len() + test.len() > MAX_POINTS {
            return Err(bad(
                "trainPoints",
                format!(
                    "{} points in all; at most {} are allowed",
                    train.len() + test.len(),
                    MAX_POINTS
                ),
            ));
        }
        for (field, set) in [("train", &train), ("test", &test)] {
            for (k, p) in set.iter().enumerate() {
                dataset::check_point(
                    p,
                    self.config.problem,
                    self.config.classes,
                    self.config.labels_per_point(),
                )
                .map_err(|m| {
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
            self.forget_best();
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
        self.best_step = step;
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
}
