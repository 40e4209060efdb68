//! The step loop: mini-batches in order, one optimiser update each, stopped at a divergence and
//! brought back by `restore`.

use super::Trainer;
use crate::network::optimizer::UpdateRule;
use crate::Scalar;

impl Trainer {
    pub(super) fn rule(&self) -> UpdateRule {
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
            // These parameters are finite but already useless.
            self.diverged_at = Some(self.step);
            return;
        }
        if !self.network.parameters_finite() {
            // Non-finite parameters that still gave a finite loss (a huge weight times zero).
            self.diverged_at = Some(self.step);
            return;
        }
        let rule = self.rule();
        self.optimizer.apply(&rule, &mut self.network);
        self.params_version += 1;
        if !self.network.parameters_finite() {
            self.diverged_at = Some(self.step);
        }
    }

    /// After a divergence, an explosion or a stall: brings back the parameters with the lowest
    /// training loss evaluated (see `best`), and the step count they had, and clears the
    /// divergence. The optimiser's state is forgotten (momentum from a diverging run would diverge
    /// again). Returns whether anything changed.
    pub fn restore(&mut self) -> bool {
        if self.diverged_at.take().is_none() && self.best_step == self.step {
            return false;
        }
        self.network.load_parameters(&self.best);
        self.optimizer.reset();
        self.step = self.best_step;
        self.batch_loss = 0.0; // the latest batch's loss belongs to parameters that are gone
        self.params_version += 1;
        true
    }

    /// The current parameters become the best known, their loss not yet evaluated.
    pub(super) fn forget_best(&mut self) {
        self.network.save_parameters(&mut self.best);
        self.best_loss = Scalar::INFINITY;
        self.best_step = self.step;
    }

    /// After an evaluation: its parameters become the best if their training loss is the lowest.
    pub(super) fn keep_best(&mut self) {
        let Some(e) = self.evaluator.finished() else {
            return;
        };
        let loss = e.train_loss.unwrap_or(Scalar::NAN);
        // A finite loss can come from infinite weights (a huge weight times zero): never those.
        if loss < self.best_loss && self.evaluator.network().parameters_finite() {
            self.best_loss = loss;
            self.best_step = e.step;
            self.evaluator.network().save_parameters(&mut self.best);
        }
    }
}
