//! The loss landscape over two parameters, and the best weights that a restore brings back.

mod common;
use backprop_playground::network::Param;
use common::trainer;

const A: Param = Param::Weight { layer: 0, index: 1 };
const B: Param = Param::Bias { layer: 1, index: 0 };

#[test]
fn the_landscape_at_the_current_values_is_the_training_loss() {
    let mut t = trainer(&[("seed", "3")]);
    t.step(40);
    let (a, _, _) = t.network.param(A);
    let (b, _, _) = t.network.param(B);
    let before: Vec<f32> = t.network.layers[0].weights.clone();
    let grid = t.loss_at(A, B, &[a, b, a + 1.0, b, a, b - 1.0]).unwrap();
    assert_eq!(grid.len(), 3);
    assert_eq!(
        Some(grid[0]),
        t.stats().train_loss,
        "exactly the evaluated loss"
    );
    assert_ne!(grid[1], grid[0], "another value of a gives another loss");
    assert_ne!(grid[2], grid[0], "another value of b gives another loss");
    assert_eq!(
        t.network.layers[0].weights, before,
        "the network shown is untouched"
    );
    assert!(
        t.loss_at(A, A, &[0.0, 0.0]).is_none(),
        "two different parameters"
    );
    assert!(t
        .loss_at(Param::Weight { layer: 9, index: 0 }, B, &[0.0, 0.0])
        .is_none());
}

#[test]
fn the_landscape_falls_against_the_full_batch_gradient() {
    let mut t = trainer(&[("seed", "5"), ("networkShape", "4,2")]);
    t.step(30);
    let (inputs, targets) = {
        let s = t.train_samples();
        (s.inputs.clone(), s.targets.clone())
    };
    // The full-batch gradient: the gradient of exactly the loss the landscape shows.
    t.compute_gradients(&inputs, &targets).unwrap();
    for p in [A, B, Param::Weight { layer: 2, index: 0 }] {
        let other = if p == B { A } else { B };
        let (v, g, _) = t.network.param(p);
        let (w, _, _) = t.network.param(other);
        assert!(g.abs() > 1e-6, "{p:?} has a gradient to follow");
        let h = 1e-2 / g.abs().max(1.0);
        let grid = t
            .loss_at(p, other, &[v - h * g.signum(), w, v + h * g.signum(), w])
            .unwrap();
        assert!(
            grid[0] < grid[1],
            "{p:?}: downhill is against the gradient's sign ({grid:?})"
        );
    }
}

#[test]
fn restore_after_a_stall_or_explosion_brings_back_the_best_weights_seen() {
    let mut t = trainer(&[("preset", "learningRateTooLarge")]);
    let start = t.stats().train_loss.unwrap();
    let mut lowest = start;
    for _ in 0..30 {
        t.step(1);
        if let Some(l) = t.stats().train_loss.filter(|l| l.is_finite()) {
            lowest = lowest.min(l);
        }
    }
    let s = t.stats();
    assert!(
        s.train_loss.unwrap() > 100.0 * lowest,
        "the preset blows up"
    );
    assert_eq!(s.best_loss, Some(lowest));
    assert!(t.restore());
    let back = t.stats();
    assert_eq!(back.train_loss, Some(lowest));
    assert_eq!(back.step, s.best_step);
    assert!(!t.restore(), "nothing more to restore");
}
