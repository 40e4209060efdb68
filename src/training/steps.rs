//! The step loop: mini-batches in order, one optimiser update each, stopped at a divergence and
//! brought back by `restore`.

use super::Trainer;
use crate::network::optimizer::{L1AtZero, UpdateRule};
use crate::tensorflow::Rules;
use crate::Scalar;

impl Trainer {
    pub(super) fn rule(&self) -> UpdateRule {
        UpdateRule {
            kind: self.config.optimizer,
            learning_rate: self.config.learning_rate as Scalar,
            regularization: self.config.regularization,
            regularization_rate: self.config.regularization_rate as Scalar,
            l1_at_zero: match self.config.rules {
                Rules::Playground => L1AtZero::Stop,
                Rules::Tensorflow => L1AtZero::Freeze,
            },
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

    /// Runs updates until the current pass over the training set is complete. Under TensorFlow
    /// Playground's rules a pass whose last points are fewer than a batch ends without updating
    /// on them: they join the next pass's first batch.
    pub fn epoch(&mut self) -> usize {
        let mut steps = 0;
        loop {
            if self.diverged_at.is_some() || self.train.is_empty() {
                return steps;
            }
            if self.config.rules == Rules::Tensorflow
                && !self.tail_counted
                && self.batch_end() > self.train.len()
            {
                self.tail_counted = true;
                self.epoch += 1;
                return steps;
            }
            self.train_step();
            steps += 1;
            if self.cursor == 0 {
                return steps;
            }
        }
    }

    /// Where the next batch ends in `order`: a full batch, or (ours) the pass's short last one,
    /// or (TensorFlow Playground's) the pass's last points and the next pass's first batch.
    pub(super) fn batch_end(&self) -> usize {
        let (n, size) = (self.train.len(), self.config.batch_size);
        match self.config.rules {
            Rules::Playground => (self.cursor + size).min(n),
            Rules::Tensorflow if self.cursor + size <= n => self.cursor + size,
            Rules::Tensorflow => n + size,
        }
    }

    fn train_step(&mut self) {
        let n = self.train.len();
        let end = self.batch_end();
        self.compute_next_batch_gradients();
        if end > n {
            // TensorFlow Playground's batch across two passes: the first is over (counted
            // already if `epoch` stopped at its end).
            if !self.tail_counted {
                self.epoch += 1;
            }
            self.tail_counted = false;
            self.cursor = end - n;
        } else {
            self.cursor = end;
        }
        if self.cursor == n {
            self.cursor = 0;
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
