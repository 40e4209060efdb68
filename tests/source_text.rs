//! The source text's three steps, computed by hand here for a 2-2-1 ReLU / sigmoid / MSE network,
//! against what the core leaves in its buffers; and its claims about dead ReLUs and vanishing
//! gradients.

// Indices follow the math (W[j][k], x[k]), so index loops read like the source text.
#![allow(clippy::needless_range_loop)]

mod common;
use backprop_playground::network::activation::Activation;
use backprop_playground::network::loss::Loss;
use backprop_playground::network::optimizer::{
    L1AtZero, Optimizer, OptimizerKind, Regularization, UpdateRule,
};
use backprop_playground::network::Network;

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn close(a: f32, b: f64) -> bool {
    (a as f64 - b).abs() < 1e-6
}

#[test]
fn the_three_steps_by_hand_on_a_2_2_1_network() {
    let x = [0.5f64, -1.5];
    let y = 1.0f64;
    // Hidden neuron 0 is alive (z > 0); neuron 1 is dead (z ≤ 0).
    let w1 = [[0.8f64, -0.4], [0.3, 0.6]];
    let b1 = [0.1f64, 0.2];
    let w2 = [0.7f64, -1.2];
    let b2 = -0.3f64;
    let eta = 0.5f64;

    let mut net = Network::new(
        &[2, 2, 1],
        Activation::Relu,
        Activation::Sigmoid,
        Loss::Mse,
        false,
    );
    net.layers[0].weights = w1.iter().flatten().map(|&v| v as f32).collect();
    net.layers[0].biases = b1.iter().map(|&v| v as f32).collect();
    net.layers[1].weights = w2.iter().map(|&v| v as f32).collect();
    net.layers[1].biases = vec![b2 as f32];
    let loss = net.compute_gradients(std::iter::once((
        &[x[0] as f32, x[1] as f32][..],
        &[y as f32][..],
    )));

    // Forward.
    let z1: Vec<f64> = (0..2)
        .map(|j| w1[j][0] * x[0] + w1[j][1] * x[1] + b1[j])
        .collect();
    assert!(z1[0] > 0.0 && z1[1] <= 0.0);
    let a1: Vec<f64> = z1.iter().map(|&z| z.max(0.0)).collect();
    let z2 = w2[0] * a1[0] + w2[1] * a1[1] + b2;
    let y_hat = sigmoid(z2);
    // L = ½(ŷ − y)²
    let l = 0.5 * (y_hat - y).powi(2);
    assert!(close(loss, l), "loss {loss} vs {l}");

    // Step 1: ∂L/∂z₂ = (ŷ − y) · ŷ · (1 − ŷ)
    let d2 = (y_hat - y) * y_hat * (1.0 - y_hat);
    assert!(close(net.layers[1].deltas[0], d2));

    // Step 2: ∂L/∂a₁[j] = Σᵢ W₂[i][j] · ∂L/∂z₂[i]; ∂L/∂z₁[j] = ∂L/∂a₁[j] · ReLU′(z₁[j])
    for j in 0..2 {
        let da1 = w2[j] * d2;
        assert!(close(net.layers[0].activation_grads[j], da1));
        let relu_prime = if z1[j] > 0.0 { 1.0 } else { 0.0 };
        assert!(close(net.layers[0].deltas[j], da1 * relu_prime));
    }
    assert_eq!(
        net.layers[0].deltas[1], 0.0,
        "a dead neuron's error signal is exactly zero"
    );

    // Step 3: ∂L/∂W₂[i][j] = ∂L/∂z₂[i] · a₁[j]; ∂L/∂W₁[j][k] = ∂L/∂z₁[j] · x[k]
    for j in 0..2 {
        assert!(close(net.layers[1].weight_grads[j], d2 * a1[j]));
        let d1 = w2[j] * d2 * if z1[j] > 0.0 { 1.0 } else { 0.0 };
        for k in 0..2 {
            assert!(close(net.layers[0].weight_grads[j * 2 + k], d1 * x[k]));
        }
    }
    assert!(close(net.layers[1].bias_grads[0], d2));

    // W ← W − η · ∂L/∂W
    let rule = UpdateRule {
        kind: OptimizerKind::Sgd,
        learning_rate: eta as f32,
        regularization: Regularization::None,
        regularization_rate: 0.0,
        l1_at_zero: L1AtZero::Stop,
    };
    Optimizer::new(net.parameter_count()).apply(&rule, &mut net);
    for j in 0..2 {
        assert!(close(net.layers[1].weights[j], w2[j] - eta * d2 * a1[j]));
    }
    assert!(close(
        net.layers[0].weights[0],
        w1[0][0] - eta * w2[0] * d2 * x[0]
    ));
    // The dead neuron's incoming weights did not move at all.
    assert_eq!(net.layers[0].weights[2], w1[1][0] as f32);
    assert_eq!(net.layers[0].weights[3], w1[1][1] as f32);
}

#[test]
fn a_dead_relu_gets_exactly_zero_gradient_and_never_changes() {
    let mut t = common::trainer(&[
        ("networkShape", "4"),
        ("learningRate", "0.1"),
        ("seed", "3"),
    ]);
    // Kill hidden neuron 2: its bias so negative that z ≤ 0 on every point of [−6, 6]².
    let mut w = t.network.layers[0].weights.clone();
    let mut b = t.network.layers[0].biases.clone();
    w[4] = 0.1;
    w[5] = 0.1;
    b[2] = -5.0;
    t.set_params(0, &w, &b).unwrap();
    let before = (
        t.network.layers[0].weights[4..6].to_vec(),
        t.network.layers[0].biases[2],
    );
    let s = t.stats();
    assert_eq!(s.dead[0], vec![false, false, true, false]);
    assert_eq!(s.dead_count, 1);
    for _ in 0..50 {
        t.step(10);
        let l = &t.network.layers[0];
        assert_eq!(&l.weight_grads[4..6], &[0.0, 0.0]);
        assert_eq!(l.bias_grads[2], 0.0);
    }
    let l = &t.network.layers[0];
    assert_eq!(
        (l.weights[4..6].to_vec(), l.biases[2]),
        before,
        "a dead neuron never recovers"
    );
    assert!(t.stats().dead[0][2]);
}

#[test]
fn leaky_relu_neurons_are_never_dead() {
    let mut t = common::trainer(&[("networkShape", "4"), ("activation", "leakyRelu")]);
    let mut b = t.network.layers[0].biases.clone();
    b[2] = -50.0;
    let w = t.network.layers[0].weights.clone();
    t.set_params(0, &w, &b).unwrap();
    assert_eq!(t.stats().dead_count, 0);
    t.step(1);
    assert!(
        t.network.layers[0].bias_grads[2] != 0.0,
        "leaky ReLU still passes a gradient"
    );
}

/// RMS of ∂L/∂W of the first layer over that of the last, averaged over a few batches.
fn first_to_last_gradient_ratio(residual: &str) -> f32 {
    let mut t = common::trainer(&[
        ("networkShape", "8,8,8,8,8,8,8,8,8,8"),
        ("activation", "sigmoid"),
        ("residual", residual),
        ("learningRate", "0"),
    ]);
    let mut ratio = 0.0;
    for _ in 0..5 {
        t.step(1);
        let s = t.stats();
        ratio += s.weight_grad_rms[0] / s.weight_grad_rms[s.weight_grad_rms.len() - 1] / 5.0;
    }
    ratio
}

#[test]
fn gradients_vanish_in_a_deep_sigmoid_net_and_residuals_fix_it() {
    let plain = first_to_last_gradient_ratio("false");
    let residual = first_to_last_gradient_ratio("true");
    assert!(plain < 1e-3, "first/last gradient RMS {plain}");
    assert!(
        residual / plain > 1e3,
        "residual ratio {residual} vs plain {plain}"
    );
}

#[test]
fn switching_dead_relus_to_leaky_relu_keeps_the_weights_and_revives_them() {
    let mut t = common::trainer(&[("networkShape", "4"), ("seed", "3")]);
    let mut w = t.network.layers[0].weights.clone();
    let mut b = t.network.layers[0].biases.clone();
    (w[4], w[5], b[2]) = (0.1, 0.1, -5.0);
    t.set_params(0, &w, &b).unwrap();
    assert!(t.stats().dead[0][2]);
    t.switch_activation(Activation::LeakyRelu).unwrap();
    assert_eq!(t.network.layers[0].weights, w, "the weights are kept");
    assert_eq!(t.stats().dead_count, 0);
    t.step(50);
    assert_ne!(
        t.network.layers[0].biases[2], -5.0,
        "the neuron learns again"
    );
    assert!(t.switch_activation(Activation::Softmax).is_err());
}
