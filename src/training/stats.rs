//! The statistics after a step: the counters and gradient sizes of now, with the losses,
//! accuracies and dead neurons of the latest finished evaluation.

use super::evaluation::{Evaluation, Stats};
use super::Trainer;

impl Trainer {
    /// An evaluation spread over calls, at most `max_points` points each, so that a big network's
    /// 2000 points never stall a frame: it evaluates the parameters as they were when it began
    /// (exactly, on its own copy), while training goes on. Returns true once an evaluation is
    /// finished; `latest_stats` then reports it. Already evaluated parameters return true at once.
    pub fn evaluate_some(&mut self, max_points: usize) -> bool {
        let done = self.evaluator.evaluate_some(
            &self.network,
            (self.params_version, self.step),
            &self.config,
            &self.train,
            &self.test,
            max_points,
        );
        if done {
            self.keep_best();
        }
        done
    }

    /// The statistics of the current parameters (evaluating every point if they are new).
    pub fn stats(&mut self) -> Stats {
        // One evaluation mechanism: an evaluation under way of older parameters is dropped, one
        // of these parameters is finished, and then everything left is done at once.
        self.evaluator.abandon_older(self.params_version);
        self.evaluate_some(usize::MAX);
        self.latest_stats()
    }

    /// The statistics with the losses, accuracies and dead neurons of the last finished
    /// evaluation, which may be of parameters a few steps old (see `evaluate_some`); the counters
    /// and gradient sizes are current.
    pub fn latest_stats(&mut self) -> Stats {
        if self.evaluator.finished().is_none() {
            self.evaluate_some(usize::MAX);
        }
        let evaluation = self
            .evaluator
            .finished()
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
            stuck_count: evaluation.stuck,
            best_loss: self.best_loss.is_finite().then_some(self.best_loss),
            best_step: self.best_step,
        }
    }
}
