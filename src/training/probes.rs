//! Probes for the teaching views: one sample traced, the next batch's gradients and the update
//! they will make, finite differences. None of them changes a weight.

use super::Trainer;
use crate::config::ConfigError;
use crate::network::gradient_check;
use crate::network::Param;
use crate::Scalar;

impl Trainer {
    /// The training sample that the next step's mini-batch starts with (none without data).
    pub fn next_sample(&self) -> Option<usize> {
        self.order.get(self.cursor).copied()
    }

    /// The samples of the next step's mini-batch.
    pub fn next_batch(&self) -> &[usize] {
        &self.order[self.cursor..self.batch_end()]
    }

    /// The gradients of the next step's mini-batch, without an update: afterwards the gradient
    /// buffers hold exactly what the next step will apply (see `update_preview`).
    pub fn compute_next_batch_gradients(&mut self) -> Scalar {
        let end = self.batch_end();
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
}
