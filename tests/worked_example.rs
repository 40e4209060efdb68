//! A published hand-worked example, reproduced to its published digits: Matt Mazur, "A Step by
//! Step Backpropagation Example" (2015), a 2-2-2 network with sigmoid hidden and output neurons,
//! E = Σ ½(target − out)², η = 0.5, one point (0.05, 0.10) with targets (0.01, 0.99).
//!
//! The numbers below are restated from the article (checked beforehand with a float64 script);
//! they are the reference, so they are written here and not read from the page's copy.
//!
//! Mazur's weights → ours (`W[i][j]` from input j to neuron i, stored at `i * inputs + j`):
//!   layer 0 = [w1, w2, w3, w4] (w1: i1→h1, w2: i2→h1, w3: i1→h2, w4: i2→h2), biases [b1, b1];
//!   layer 1 = [w5, w6, w7, w8] (w5: h1→o1, w6: h2→o1, w7: h1→o2, w8: h2→o2), biases [b2, b2].
//! The features are x and y themselves, so the inputs are exactly i1 and i2. One point and batch
//! size 1: the batch mean is that point's E, and the gradient its own.
//!
//! The core computes in f32. Tolerance: half a unit of the last published digit (the article
//! rounds) plus 4 f32 ulps of the value (about 5e-7 relative; the largest difference seen is 2.3e-8).
//! The article does not update the biases; our step does, so the weights are compared.

use backprop_playground::data::dataset::Point;
use backprop_playground::{Config, FieldValue, Trainer};

const WEIGHTS: [[f32; 4]; 2] = [[0.15, 0.20, 0.25, 0.30], [0.40, 0.45, 0.50, 0.55]];
const BIASES: [f32; 2] = [0.35, 0.60];

/// Is `ours` the published `text` to its digits (see the tolerance above)?
fn close(name: &str, ours: f32, text: &str) {
    let published: f64 = text.parse().unwrap();
    let decimals = text.split('.').nth(1).map_or(0, str::len) as i32;
    let tolerance = 0.5 * 10f64.powi(-decimals) + 4.0 * f32::EPSILON as f64 * published.abs();
    let delta = (ours as f64 - published).abs();
    println!("{name}: |Δ| = {delta:.1e} (tolerance {tolerance:.1e})");
    assert!(
        delta <= tolerance,
        "{name}: ours {ours} vs published {text} (|Δ| {delta:e} > {tolerance:e})"
    );
}

/// The worked example's network, point and weights, as the page's editor sets them.
fn mazur() -> Trainer {
    let text = |s: &str| FieldValue::Text(s.into());
    let config = Config::from_fields(
        [
            ("problem", text("regression")),
            ("outputs", text("2")),
            ("outputActivation", text("sigmoid")),
            ("activation", text("sigmoid")),
            ("loss", text("mse")),
            ("networkShape", text("2")),
            ("features", text("x,y")),
            ("learningRate", text("0.5")),
            ("batchSize", text("1")),
        ]
        .map(|(k, v)| (k.to_string(), v)),
    )
    .unwrap();
    assert_eq!(config.layer_sizes(), vec![2, 2, 2]);
    let mut t = Trainer::new(config);
    t.set_data(vec![Point::with_targets(0.05, 0.10, &[0.01, 0.99])], vec![])
        .unwrap();
    for l in 0..2 {
        t.set_params(l, &WEIGHTS[l], &[BIASES[l]; 2]).unwrap();
    }
    t
}

#[test]
fn mazur_s_example_to_its_published_digits() {
    let mut t = mazur();
    assert_eq!(t.step(1), 1);
    let (hidden, out) = (&t.network.layers[0], &t.network.layers[1]);
    // The forward pass of the step (z and a stay from before the update).
    close("net_h1", hidden.pre_activations[0], "0.3775");
    close("out_h1", hidden.activations[0], "0.593269992");
    close("out_h2", hidden.activations[1], "0.596884378");
    close("out_o1", out.activations[0], "0.75136507");
    close("out_o2", out.activations[1], "0.772928465");
    close("∂E/∂w5", out.weight_grads[0], "0.082167041");
    let published = [
        ["0.149780716", "0.19956143", "0.24975114", "0.29950229"],
        ["0.35891648", "0.408666186", "0.511301270", "0.561370121"],
    ];
    for (l, row) in published.iter().enumerate() {
        for (k, text) in row.iter().enumerate() {
            let name = format!("w{}+", 4 * l + k + 1);
            close(&name, t.network.layers[l].weights[k], text);
        }
    }
    close("E_total", t.stats().batch_loss, "0.298371109");
}

#[test]
fn the_example_s_model_file_keeps_both_outputs_and_every_weight() {
    let t = mazur();
    let back = backprop_playground::io::model::import(&backprop_playground::io::model::export(&t))
        .unwrap();
    assert_eq!(back.config(), t.config());
    assert_eq!(back.network.sizes(), vec![2, 2, 2]);
    for (layer, weights) in back.network.layers.iter().zip(WEIGHTS) {
        assert_eq!(layer.weights, weights);
    }
}

#[test]
fn the_tolerance_tells_a_wrong_number() {
    // A weight one millionth off is caught, so the comparison above can fail.
    let mut t = mazur();
    t.step(1);
    let w5 = t.network.layers[1].weights[0];
    close("w5+", w5, "0.35891648");
    assert!(std::panic::catch_unwind(|| close("w5+", w5 + 1e-6, "0.35891648")).is_err());
}
