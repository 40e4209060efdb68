//! A trainer under TensorFlow Playground's rules: how it starts, and what the page says about it.

use super::Trainer;
use crate::config::Config;
use crate::data::dataset::Point;
use crate::network::optimizer::Optimizer;
use crate::network::{Init, Network};
use crate::tensorflow::{self, random::SeedRandom, Rules};

/// Its start, from one stream keyed by the seed's text: its data set, shuffled in place and split,
/// then its initial weights. Returns the stream as it runs on, and the training and test points.
pub(super) fn start(
    config: &Config,
    network: &mut Network,
) -> (SeedRandom, (Vec<Point>, Vec<Point>)) {
    let mut rng = SeedRandom::new(&config.seed.text());
    let noise = config.noise / 100.0;
    let mut train = tensorflow::data::generate(config.dataset, config.num_points, noise, &mut rng);
    tensorflow::data::shuffle(&mut train, &mut rng);
    let test = train.split_off(config.train_points().min(train.len()));
    tensorflow::initialize(network, &mut rng, config.init == Init::Zero);
    (rng, (train, test))
}

impl Trainer {
    /// Its Reset: the same data, and the next weights from its running stream (so pressing Reset
    /// here gives the weights its Reset gives), with training started over. Returns false, and
    /// changes nothing, under our rules (whose reset is a rebuild from the seed).
    pub fn reset_tensorflow(&mut self) -> bool {
        let Some(rng) = self.tensorflow_stream.as_mut() else {
            return false;
        };
        tensorflow::initialize(&mut self.network, rng, self.config.init == Init::Zero);
        self.optimizer = Optimizer::new(self.network.parameter_count());
        (self.step, self.epoch, self.cursor) = (0, 0, 0);
        self.tail_counted = false;
        self.diverged_at = None;
        self.batch_loss = 0.0;
        self.params_version += 1;
        self.evaluator.abandon();
        self.forget_best();
        true
    }

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

#[cfg(test)]
mod tests {
    use crate::io::link;
    use crate::tensorflow::{self, random::SeedRandom};

    #[test]
    fn its_reset_draws_the_next_weights_from_its_running_stream() {
        let (mut t, _) = link::open("#dataset=xor&seed=0.25&x=true&networkShape=3");
        let mut rng = SeedRandom::new("0.25");
        let mut points = tensorflow::data::generate(t.config().dataset, 500, 0.0, &mut rng);
        tensorflow::data::shuffle(&mut points, &mut rng);
        let mut expected = t.network.clone();
        for _ in 0..3 {
            tensorflow::initialize(&mut expected, &mut rng, false);
        }
        let first = t.train_samples().points.clone();
        t.epoch();
        assert!(t.reset_tensorflow() && t.reset_tensorflow());
        assert_eq!(t.counters(), (0, 0));
        assert_eq!(t.train_samples().points, first, "the same data");
        for (ours, theirs) in t.network.layers.iter().zip(&expected.layers) {
            assert_eq!(ours.weights, theirs.weights, "the third weights drawn");
            assert_eq!(ours.biases, theirs.biases);
        }
        let (mut ours, _) = link::open("#v=1&seed=3");
        assert!(
            !ours.reset_tensorflow(),
            "ours rebuilds from the seed instead"
        );
    }
}
