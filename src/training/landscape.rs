//! The loss landscape: the training loss with two parameters set to given values and the rest
//! fixed, for the page's contour map of those two and the path gradient descent took over it.

use super::Trainer;
use crate::network::gradient_check::{mean_loss, Param};
use crate::Scalar;

impl Trainer {
    /// The mean training loss for each (a, b) pair in `pairs` (flat: a₀, b₀, a₁, b₁, …), with
    /// parameter `a` set to the pair's first value and `b` to its second, on the scratch network
    /// (what the page shows is not disturbed). `None` when a parameter does not exist or `a` is `b`.
    pub fn loss_at(&mut self, a: Param, b: Param, pairs: &[Scalar]) -> Option<Vec<Scalar>> {
        if !self.network.has(a) || !self.network.has(b) || a == b {
            return None;
        }
        let (_, _, at_a) = self.network.param(a);
        let (_, _, at_b) = self.network.param(b);
        self.scratch_network();
        let mut params = vec![0.0; self.network.parameter_count()];
        self.network.save_parameters(&mut params);
        let train = &self.train;
        let scratch = &mut self.scratch;
        Some(
            pairs
                .chunks_exact(2)
                .map(|ab| {
                    params[at_a] = ab[0];
                    params[at_b] = ab[1];
                    scratch.load_parameters(&params);
                    mean_loss(scratch, &train.inputs, &train.targets) as Scalar
                })
                .collect(),
        )
    }
}
