//! A trainer under TensorFlow Playground's rules: how it starts, and what the page says about it.

use super::Trainer;
use crate::config::Config;
use crate::data::dataset::Point;
use crate::network::{Init, Network};
use crate::tensorflow::{self, random::SeedRandom, Rules};

/// Its start, from one stream keyed by the seed's text: its data set, shuffled in place and split,
/// then its initial weights.
pub(super) fn start(config: &Config, network: &mut Network) -> (Vec<Point>, Vec<Point>) {
    let mut rng = SeedRandom::new(&config.seed.text());
    let noise = config.noise / 100.0;
    let mut train = tensorflow::data::generate(config.dataset, config.num_points, noise, &mut rng);
    tensorflow::data::shuffle(&mut train, &mut rng);
    let test = train.split_off(config.train_points().min(train.len()));
    tensorflow::initialize(network, &mut rng, config.init == Init::Zero);
    (train, test)
}

impl Trainer {
    /// Under TensorFlow Playground's rules, one line for the page: whether this run is its run,
    /// and if not, why not. None under ours.
    pub fn tensorflow_status(&self) -> Option<String> {
        if self.config.rules != Rules::Tensorflow {
            return None;
        }
        let mut differences: Vec<String> =
            self.config.tensorflow_difference().into_iter().collect();
        if self.custom_data {
            differences.push("the data points are your own".into());
        }
        Some(if differences.is_empty() {
            "Same data, weights and training as TensorFlow Playground: this run matches it step for step.".into()
        } else {
            format!(
                "TensorFlow Playground's data, weights and training order, but not its run: {}.",
                differences.join("; ")
            )
        })
    }
}
