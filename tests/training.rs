//! Training as a whole: losses that fall, divergence that is caught and undone, determinism,
//! settings that apply without a reset, and the data sets.

mod common;
use backprop_playground::data::dataset::{generate, DatasetKind, Point};
use backprop_playground::{Config, FieldValue, Trainer};
use common::{parameters, trainer};

#[test]
fn loss_falls_on_every_data_set() {
    for (dataset, extra) in [
        ("circle", vec![]),
        ("xor", vec![("features", "x,y,xTimesY")]),
        ("gauss", vec![]),
        (
            "spiral",
            vec![
                ("features", "x,y,sinX,sinY"),
                ("networkShape", "8,8,8"),
                ("learningRate", "0.3"),
            ],
        ),
        ("regPlane", vec![]),
        ("regGauss", vec![("networkShape", "8,8")]),
        ("blobs", vec![("classes", "4")]),
        (
            "spiralK",
            vec![
                ("classes", "3"),
                ("networkShape", "8,8,8"),
                ("features", "x,y,sinX,sinY"),
                ("learningRate", "0.3"),
            ],
        ),
    ] {
        let mut pairs = vec![
            ("dataset", dataset),
            ("learningRate", "0.1"),
            ("activation", "tanh"),
        ];
        // Later pairs win, so a data set's own learning rate overrides the common one.
        pairs.extend(extra);
        let mut t = trainer(&pairs);
        let start = t.stats().train_loss.unwrap();
        for _ in 0..100 {
            t.epoch();
        }
        let s = t.stats();
        assert!(
            s.train_loss.unwrap() < 0.6 * start,
            "{dataset}: {start} -> {}",
            s.train_loss.unwrap()
        );
        assert_eq!(s.epoch, 100);
        if let Some(acc) = s.train_accuracy {
            assert!(acc > 0.8, "{dataset}: accuracy {acc}");
        }
    }
}

#[test]
fn every_optimizer_and_regularization_trains() {
    for (optimizer, lr) in [("sgd", "0.3"), ("momentum", "0.03"), ("adam", "0.01")] {
        for regularization in ["none", "L1", "L2"] {
            let mut t = trainer(&[
                ("optimizer", optimizer),
                ("learningRate", lr),
                ("regularization", regularization),
                ("regularizationRate", "0.001"),
                ("activation", "tanh"),
            ]);
            let start = t.stats().train_loss.unwrap();
            for _ in 0..60 {
                t.epoch();
            }
            let end = t.stats().train_loss.unwrap();
            assert!(
                end < 0.5 * start,
                "{optimizer}/{regularization}: {start} -> {end}"
            );
        }
    }
}

#[test]
fn l2_regularization_shrinks_weights() {
    let norm = |rate: &str| {
        let mut t = trainer(&[
            ("regularization", "L2"),
            ("regularizationRate", rate),
            ("seed", "9"),
        ]);
        for _ in 0..40 {
            t.epoch();
        }
        parameters(&t).iter().map(|w| w * w).sum::<f32>()
    };
    assert!(norm("0.3") < 0.5 * norm("0"));
}

#[test]
fn a_huge_learning_rate_diverges_is_reported_and_restore_brings_back_finite_weights() {
    let mut t = trainer(&[
        ("learningRate", "10"),
        ("outputActivation", "linear"),
        ("activation", "relu"),
        ("networkShape", "8,8"),
    ]);
    let ran = t.step(1000);
    let s = t.stats();
    assert!(s.diverged, "learning rate 10 should diverge");
    assert!(ran < 1000);
    let at = s.diverged_at_step.unwrap();
    assert_eq!(at as usize, ran);
    assert!(!t.network.parameters_finite() || !s.batch_loss.is_finite());
    // Training stays stopped until restored.
    assert_eq!(t.step(5), 0);
    assert!(t.restore());
    assert!(t.network.parameters_finite());
    let s = t.stats();
    assert!(!s.diverged && s.diverged_at_step.is_none());
    assert!(s.step < at);
    assert!(s.train_loss.unwrap().is_finite());
    // Training runs again from there.
    let mut config = t.config().clone();
    config.learning_rate = 1e-6;
    assert!(
        !t.set_config(config).unwrap(),
        "changing the learning rate keeps the network"
    );
    assert_eq!(t.step(1), 1);
}

#[test]
fn same_seed_same_run_bit_for_bit_other_seed_other_run() {
    let run = |seed: &str| {
        let mut t = trainer(&[
            ("seed", seed),
            ("optimizer", "adam"),
            ("learningRate", "0.01"),
        ]);
        t.step(200);
        (parameters(&t), t.stats().train_loss.unwrap().to_bits())
    };
    let a = run("17");
    assert_eq!(a, run("17"));
    assert_ne!(a.0, run("18").0);
}

#[test]
fn live_settings_keep_the_network_and_others_rebuild_it() {
    let mut t = trainer(&[]);
    t.step(30);
    let params = parameters(&t);
    let mut c = t.config().clone();
    c.learning_rate = 0.5;
    c.batch_size = 3;
    c.optimizer = backprop_playground::network::optimizer::OptimizerKind::Momentum;
    assert!(!t.set_config(c.clone()).unwrap());
    assert_eq!(parameters(&t), params);
    assert_eq!(t.stats().step, 30);
    c.network_shape = vec![3];
    assert!(t.set_config(c).unwrap());
    assert_eq!(t.stats().step, 0);
    assert_eq!(t.network.sizes(), vec![2, 3, 1]);
}

#[test]
fn step_counts_updates_and_epochs_count_passes() {
    // 500 points, 50 % train = 250, batch 10: 25 updates per epoch.
    let mut t = trainer(&[]);
    assert_eq!(t.epoch(), 25);
    t.step(30);
    let s = t.stats();
    assert_eq!((s.step, s.epoch), (55, 2));
    // A batch that does not divide the set: the last batch of the epoch is smaller.
    let mut t = trainer(&[("batchSize", "100")]);
    assert_eq!(t.epoch(), 3);
}

#[test]
fn datasets_are_seeded_bounded_and_labelled_as_described() {
    for kind in DatasetKind::ALL {
        let a = generate(kind, 300, 0.2, 4, 5);
        assert_eq!(a, generate(kind, 300, 0.2, 4, 5));
        assert_ne!(a, generate(kind, 300, 0.2, 4, 6));
        assert_eq!(a.len(), 300);
        assert!(
            a.iter().all(|p| p.x.abs() <= 6.0 && p.y.abs() <= 6.0),
            "{kind:?} leaves the domain"
        );
    }
    // Without noise the circle's labels are exactly inside (+1) / outside (−1) radius 2.5.
    for p in generate(DatasetKind::Circle, 400, 0.0, 2, 1) {
        assert_eq!(p.label > 0.0, (p.x * p.x + p.y * p.y).sqrt() < 2.5);
    }
    for p in generate(DatasetKind::Xor, 400, 0.0, 2, 1) {
        assert_eq!(p.label > 0.0, p.x * p.y >= 0.0);
    }
    let blobs = generate(DatasetKind::SpiralK, 400, 0.0, 5, 1);
    for class in 0..5 {
        assert_eq!(blobs.iter().filter(|p| p.label == class as f32).count(), 80);
    }
    // The train/test split follows percTrainData.
    let t = trainer(&[("percTrainData", "70"), ("numPoints", "200")]);
    assert_eq!((t.train_samples().len(), t.test_samples().len()), (140, 60));
}

#[test]
fn set_data_replaces_points_and_rejects_bad_ones_by_name() {
    let mut t = trainer(&[]);
    let p = Point::new;
    t.set_data(
        vec![p(1.0, 1.0, 1.0), p(-4.0, 2.0, -1.0)],
        vec![p(0.0, 0.0, 1.0)],
    )
    .unwrap();
    assert_eq!(t.train_samples().len(), 2);
    assert_eq!(
        t.config().batch_size,
        2,
        "the batch is clamped to the training set"
    );
    let e = t.set_data(vec![p(7.0, 0.0, 1.0)], vec![]).unwrap_err();
    assert_eq!(e.field, "trainPoints");
    assert!(e.message.contains("outside"), "{e}");
    let e = t.set_data(vec![p(1.0, 0.0, 0.5)], vec![]).unwrap_err();
    assert_eq!(e.field, "trainLabels");
    assert!(e.message.contains("0.5") && e.message.contains("+1"), "{e}");
    assert_eq!(
        t.train_samples().len(),
        2,
        "a rejected data set changes nothing"
    );
}

#[test]
fn compute_and_apply_are_separate_phases() {
    let mut t = trainer(&[]);
    let before = parameters(&t);
    let loss = t
        .compute_gradients(&[1.0, 2.0, -3.0, 0.5], &[1.0, 0.0])
        .unwrap();
    assert!(loss > 0.0);
    assert_eq!(
        parameters(&t),
        before,
        "computing gradients changes no weight"
    );
    assert_eq!(
        t.network.input,
        vec![-3.0, 0.5],
        "the last sample's values stay in the buffers"
    );
    t.apply_gradients();
    let after = parameters(&t);
    let lr = t.config().learning_rate as f32;
    let g = t.network.layers[0].weight_grads[0];
    assert_eq!(after[0], before[0] - lr * g);
    assert!(t.compute_gradients(&[1.0, 2.0, 3.0], &[1.0]).is_err());
}

#[test]
fn trace_fills_one_samples_signals_without_updating() {
    let mut t = trainer(&[]);
    let before = parameters(&t);
    let loss = t.trace(7).unwrap();
    let (input, _) = t.train_samples().sample(7);
    assert_eq!(t.network.input, input);
    assert!(loss > 0.0);
    assert_eq!(parameters(&t), before);
    assert!(t.trace(10_000).is_none());
}

#[test]
fn from_fields_round_trips_the_normalised_config() {
    let c =
        Config::from_fields([("dataset".to_string(), FieldValue::Text("spiralK".into()))]).unwrap();
    assert_eq!(c.outputs(), 3);
    assert_eq!(Trainer::new(c).network.sizes(), vec![2, 4, 2, 3]);
}

#[test]
fn no_hidden_layer_is_logistic_regression_and_trains() {
    let mut t = trainer(&[
        ("networkShape", ""),
        ("dataset", "gauss"),
        ("learningRate", "0.3"),
    ]);
    assert_eq!(t.network.sizes(), vec![2, 1]);
    let start = t.stats().train_loss.unwrap();
    for _ in 0..30 {
        t.epoch();
    }
    let s = t.stats();
    assert!(s.train_loss.unwrap() < 0.5 * start && s.hidden_count == 0 && s.dead.is_empty());
}

/// Batch losses of `epochs` epochs with a learning rate of 0, so that only the order varies.
fn batch_losses(shuffle: &str, epochs: usize) -> Vec<Vec<u32>> {
    let mut t = trainer(&[
        ("shuffle", shuffle),
        ("learningRate", "0"),
        ("batchSize", "25"),
    ]);
    (0..epochs)
        .map(|_| {
            (0..10)
                .map(|_| {
                    t.step(1);
                    t.stats().batch_loss.to_bits()
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_order_is_reshuffled_every_epoch_unless_shuffle_is_off() {
    let fixed = batch_losses("false", 3);
    assert_eq!(fixed[0], fixed[1]);
    assert_eq!(fixed[1], fixed[2]);
    let shuffled = batch_losses("true", 3);
    assert_ne!(shuffled[0], shuffled[1]);
    assert_ne!(shuffled[1], shuffled[2]);
    // Same points, other batches: the epoch's mean loss is the same up to rounding.
    let mean = |e: &Vec<u32>| e.iter().map(|b| f32::from_bits(*b)).sum::<f32>() / 10.0;
    assert!((mean(&shuffled[0]) - mean(&shuffled[1])).abs() < 1e-5);
}

#[test]
fn restore_brings_back_exactly_the_parameters_with_the_lowest_loss_seen() {
    let mut t = trainer(&[
        ("learningRate", "10"),
        ("outputActivation", "linear"),
        ("networkShape", "8,8"),
    ]);
    let mut history = vec![parameters(&t)];
    let mut losses = vec![t.stats().train_loss.unwrap()];
    while !t.stats().diverged {
        t.step(1);
        history.push(parameters(&t));
        losses.push(t.stats().train_loss.unwrap_or(f32::NAN));
    }
    let lowest = losses.iter().copied().fold(f32::INFINITY, f32::min);
    let at = losses.iter().position(|&l| l == lowest).unwrap();
    assert_eq!(t.stats().best_loss, Some(lowest));
    assert_eq!(t.stats().best_step, at as u64);
    assert!(t.restore());
    let s = t.stats();
    assert_eq!(s.step as usize, at, "the step of the lowest loss");
    assert_eq!(parameters(&t), history[at], "the parameters of step {at}");
    assert_eq!(s.train_loss, Some(lowest), "exactly the lowest loss again");
    assert!(!s.diverged);
}

#[test]
fn nothing_is_applied_after_a_divergence_and_restore_never_brings_back_infinities() {
    let mut t = trainer(&[("networkShape", "2"), ("learningRate", "10")]);
    let before = parameters(&t);
    // A huge bias makes the hidden activations infinite while the input is zero.
    let (w0, w1) = (t.network.layers[0].weights.clone(), vec![0.0, 0.0]);
    t.set_params(0, &w0, &[3e38, 3e38]).unwrap();
    t.set_params(1, &w1, &[0.1]).unwrap();
    t.compute_gradients(&[0.0, 0.0], &[1.0]).unwrap();
    t.apply_gradients();
    t.apply_gradients();
    t.apply_gradients();
    assert!(t.stats().diverged);
    assert_eq!(t.stats().step, 1, "stopped at the first bad step");
    assert!(t.restore());
    assert!(t.network.parameters_finite());
    assert_ne!(
        parameters(&t),
        before,
        "restore returns to the edited parameters, not the initial ones"
    );
}

#[test]
fn custom_data_survives_rebuilds_that_do_not_concern_data_and_bounds_the_batch() {
    let mut t = trainer(&[]);
    let p = Point::new;
    t.set_data(
        vec![p(1.0, 1.0, 1.0), p(-1.0, 2.0, -1.0), p(3.0, -2.0, 1.0)],
        vec![p(0.0, 0.0, 1.0)],
    )
    .unwrap();
    let mut c = t.config().clone();
    c.batch_size = 100;
    let e = t.set_config(c.clone()).unwrap_err();
    assert_eq!(e.field, "batchSize");
    assert!(e.message.contains("3 points"), "{e}");
    c.batch_size = 2;
    c.network_shape = vec![5];
    assert!(t.set_config(c.clone()).unwrap());
    assert_eq!(t.train_samples().len(), 3, "the drawn data is kept");
    assert!(t.has_custom_data());
    c.seed = backprop_playground::config::Seed::Number(99);
    assert!(t.set_config(c).unwrap());
    assert_eq!(t.train_samples().len(), 250, "a new seed means new data");
    assert!(!t.has_custom_data());
}

#[test]
fn with_no_training_data_nothing_trains_and_nothing_panics() {
    let mut t = trainer(&[]);
    t.set_data(vec![], vec![Point::new(0.0, 0.0, 1.0)]).unwrap();
    assert_eq!((t.step(5), t.epoch()), (0, 0));
    assert_eq!(t.next_sample(), None);
    assert!(t.next_batch().is_empty());
    assert!(t.trace(0).is_none());
    assert_eq!(t.compute_next_batch_gradients(), 0.0);
    let s = t.stats();
    assert_eq!((s.train_loss, s.step), (None, 0));
    assert!(s.test_loss.is_some());
    assert_eq!(
        t.import_csv("1,1,1\n-1,-1,-1\n2,2,1\n", None)
            .map(|_| t.train_samples().len()),
        Ok(2)
    );
}

#[test]
fn an_evaluation_spread_over_calls_is_exact_for_the_parameters_it_began_with() {
    let mut t = trainer(&[("networkShape", "6,4"), ("numPoints", "300")]);
    t.step(5);
    // Unchanged parameters: chunks give exactly what one full pass gives.
    let whole = t.clone().stats();
    let mut calls = 1;
    while !t.evaluate_some(37) {
        calls += 1;
    }
    assert!(calls >= 300 / 37, "{calls} calls");
    let spread = t.latest_stats();
    assert_eq!(
        (
            spread.train_loss,
            spread.test_loss,
            spread.train_accuracy,
            spread.dead_count
        ),
        (
            whole.train_loss,
            whole.test_loss,
            whole.train_accuracy,
            whole.dead_count
        )
    );
    assert!(t.evaluate_some(1), "evaluated parameters are done at once");

    // Training (and heatmaps on the scratch copy) between the calls: the result belongs to the
    // parameters of the first call, and the counters are current.
    let snapshot = t.clone();
    t.step(1);
    let began = t.clone();
    assert!(!t.evaluate_some(50));
    t.step(10);
    t.scratch_network();
    while !t.evaluate_some(50) {
        t.step(1);
    }
    let latest = t.latest_stats();
    let exact = began.clone().stats();
    assert_eq!(
        (latest.train_loss, latest.test_loss),
        (exact.train_loss, exact.test_loss)
    );
    assert_ne!(latest.train_loss, snapshot.clone().stats().train_loss);
    assert_eq!(latest.step, t.stats().step);
    assert_ne!(
        t.stats().train_loss,
        latest.train_loss,
        "stats() is of the current parameters"
    );
}

#[test]
fn live_settings_work_on_an_empty_data_set_and_a_lowered_batch_is_said() {
    let mut t = trainer(&[("batchSize", "10")]);
    let notice = t.set_data(vec![], vec![]).unwrap();
    assert_eq!(
        notice.as_deref(),
        Some("batchSize: 10 is more than the 0 training points, so it is now 1")
    );
    // After "clear all points", every live setting still applies (it said "batchSize: 1 is
    // larger than the training set (0 points)").
    for (key, value) in [
        ("learningRate", FieldValue::Number(0.3)),
        ("optimizer", FieldValue::Text("adam".into())),
        ("regularization", FieldValue::Text("L2".into())),
        ("discretize", FieldValue::Bool(true)),
    ] {
        let c = t.config().merged([(key.to_string(), value)]).unwrap();
        assert_eq!(t.set_config(c), Ok(false), "{key}");
    }
    // A batch size that does not fit is still refused by name.
    let c = t
        .config()
        .merged([("batchSize".to_string(), FieldValue::Number(5.0))])
        .unwrap();
    assert_eq!(t.set_config(c).unwrap_err().field, "batchSize");

    let mut t = trainer(&[("batchSize", "10"), ("percTrainData", "70")]);
    let notice = t.import_csv("1,1,1\n-1,-1,-1\n2,2,1\n", None).unwrap();
    assert_eq!(
        notice.as_deref(),
        Some("batchSize: 10 is more than the 2 training points, so it is now 2")
    );
    assert_eq!(t.config().batch_size, 2);
    // Data that fits the batch says nothing.
    assert_eq!(
        t.import_csv("1,1,1\n-1,-1,-1\n2,2,1\n", None).unwrap(),
        None
    );
}
