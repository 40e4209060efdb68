//! Each preset does what its sentence says it teaches.

mod common;
use backprop_playground::presets::{find, PRESETS};
use backprop_playground::{FieldValue, Trainer};

fn preset(name: &str, overrides: &[(&str, &str)]) -> Trainer {
    let fields = find(name)
        .unwrap()
        .fields
        .iter()
        .chain(overrides)
        .map(|(k, v)| (k.to_string(), FieldValue::Text(v.to_string())));
    Trainer::new(backprop_playground::Config::from_fields(fields).unwrap())
}

fn epochs(t: &mut Trainer, n: usize) {
    for _ in 0..n {
        t.epoch();
    }
}

#[test]
fn every_preset_says_what_it_teaches() {
    for p in PRESETS {
        assert!(p.teaches.len() > 40 && p.title.len() > 5, "{}", p.name);
    }
}

#[test]
fn dead_relu_neurons_die_and_stay_dead_and_leaky_relu_fixes_it() {
    let mut t = preset("deadRelu", &[]);
    epochs(&mut t, 2);
    let dead = t.stats().dead;
    let count = t.stats().dead_count;
    assert!(count >= 4, "only {count} dead");
    epochs(&mut t, 60);
    let s = t.stats();
    for (layer, flags) in dead.iter().enumerate() {
        for (i, was_dead) in flags.iter().enumerate() {
            assert!(
                !was_dead || s.dead[layer][i],
                "neuron {layer}/{i} came back to life"
            );
        }
    }
    let mut leaky = preset("deadRelu", &[("activation", "leakyRelu")]);
    epochs(&mut leaky, 62);
    let l = leaky.stats();
    assert_eq!(l.dead_count, 0);
    assert!(
        l.train_loss.unwrap() < 0.5 * s.train_loss.unwrap(),
        "leaky {} vs relu {}",
        l.train_loss.unwrap(),
        s.train_loss.unwrap()
    );
}

#[test]
fn too_large_diverges_too_small_crawls_and_the_default_learns() {
    let mut large = preset("learningRateTooLarge", &[]);
    large.step(10_000);
    assert!(large.stats().diverged);

    let mut small = preset("learningRateTooSmall", &[]);
    let mut right = preset("learningRateTooSmall", &[("learningRate", "0.1")]);
    let (s0, r0) = (
        small.stats().train_loss.unwrap(),
        right.stats().train_loss.unwrap(),
    );
    epochs(&mut small, 100);
    epochs(&mut right, 100);
    assert!(
        small.stats().train_loss.unwrap() > 0.98 * s0,
        "η = 0.0001 should crawl"
    );
    assert!(
        right.stats().train_loss.unwrap() < 0.2 * r0,
        "η = 0.1 should learn"
    );
}

#[test]
fn vanishing_gradients_and_the_residual_fix() {
    let ratio = |name: &str| {
        let mut t = preset(name, &[]);
        t.step(5);
        let g = t.stats().weight_grad_rms;
        g[0] / g[g.len() - 1]
    };
    let plain = ratio("vanishingGradients");
    let residual = ratio("residualFix");
    assert!(plain < 1e-3, "{plain}");
    assert!(
        residual / plain > 1e3,
        "residual {residual} vs plain {plain}"
    );
}

#[test]
fn the_spiral_is_a_challenge_for_the_small_network() {
    let mut t = preset("spiral", &[]);
    epochs(&mut t, 50);
    assert!(t.stats().train_accuracy.unwrap() < 0.9);
}
