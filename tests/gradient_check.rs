//! Backpropagation against central finite differences, for every hidden activation with every
//! valid output activation and loss, with and without residual connections, multiclass included.

use backprop_playground::network::activation::Activation;
use backprop_playground::network::gradient_check::{numerical_gradient, relative_error, Param};
use backprop_playground::network::loss::Loss;
use backprop_playground::network::{Init, Network};
use backprop_playground::rng::{Rng, Stream};

const H: f32 = 1e-2;

/// (output activation, loss, outputs)
const OUTPUTS: [(Activation, Loss, usize); 9] = [
    (Activation::Sigmoid, Loss::Mse, 1),
    (Activation::Tanh, Loss::Mse, 1),
    (Activation::Linear, Loss::Mse, 1),
    (Activation::Sigmoid, Loss::CrossEntropy, 1),
    (Activation::Softmax, Loss::CrossEntropy, 3),
    (Activation::Softmax, Loss::Mse, 3),
    (Activation::Sigmoid, Loss::Mse, 3),
    (Activation::Tanh, Loss::Mse, 3),
    (Activation::Linear, Loss::Mse, 3),
];

/// True when no pre-activation of any sample is within `margin` times the largest input or
/// activation (at least 1) of a kink at 0: a step of H in a weight moves z by H times the value it
/// multiplies, so larger values (a residual layer's sums) need more room. ReLU-family derivatives
/// jump at 0, and ELU's second derivative does.
fn clear_of_kinks(net: &mut Network, inputs: &[f32], margin: f32) -> bool {
    let f = net.input.len();
    inputs.chunks_exact(f).all(|x| {
        net.forward(x);
        let values = x
            .iter()
            .chain(net.layers.iter().flat_map(|l| &l.activations));
        let scale = values.fold(1.0f32, |m, v| m.max(v.abs()));
        net.layers
            .iter()
            .all(|l| l.pre_activations.iter().all(|z| z.abs() > margin * scale))
    })
}

fn check(
    hidden: Activation,
    output: Activation,
    loss: Loss,
    outputs: usize,
    residual: bool,
) -> usize {
    // 3 inputs -> 3 -> 3 -> 4 -> outputs: the first two hidden layers are residual when enabled.
    let sizes = [3, 3, 3, 4, outputs];
    // 5: a full group of four lanes and a part-filled one, whose padding lanes must add nothing.
    let samples = 5;
    for attempt in 0..5000u64 {
        let mut rng = Rng::new(attempt, Stream::Init);
        let mut net = Network::new(&sizes, hidden, output, loss, residual);
        net.initialize(Init::Uniform, &mut rng);
        for l in &mut net.layers {
            for b in &mut l.biases {
                *b = rng.uniform(-0.3, 0.3);
            }
            for w in &mut l.weights {
                *w *= 2.0;
            }
        }
        let inputs: Vec<f32> = (0..samples * 3).map(|_| rng.uniform(-1.5, 1.5)).collect();
        let mut targets = vec![0.0; samples * outputs];
        for t in targets.chunks_exact_mut(outputs) {
            if outputs > 1 && (output == Activation::Softmax || loss == Loss::CrossEntropy) {
                t[rng.below(outputs)] = 1.0; // one-hot
            } else if loss == Loss::CrossEntropy {
                t[0] = rng.below(2) as f32;
            } else {
                for v in t.iter_mut() {
                    *v = rng.uniform(-1.0, 1.0);
                }
            }
        }
        if !clear_of_kinks(&mut net, &inputs, 0.04) {
            continue;
        }
        if residual {
            assert!(net.layers[0].residual && net.layers[1].residual && !net.layers[2].residual);
        }
        net.compute_gradients(inputs.chunks_exact(3).zip(targets.chunks_exact(outputs)));
        let mut checked = 0;
        for layer in 0..net.layers.len() {
            let (nw, nb) = (
                net.layers[layer].weights.len(),
                net.layers[layer].biases.len(),
            );
            let params = (0..nw)
                .map(|index| {
                    (
                        Param::Weight { layer, index },
                        net.layers[layer].weight_grads[index],
                    )
                })
                .chain((0..nb).map(|index| {
                    (
                        Param::Bias { layer, index },
                        net.layers[layer].bias_grads[index],
                    )
                }))
                .collect::<Vec<_>>();
            for (param, analytic) in params {
                let numeric = numerical_gradient(&mut net, &inputs, &targets, param, H);
                let err = relative_error(analytic, numeric, 1e-2);
                assert!(
                    err < 2e-2,
                    "{} hidden, {} output, {} loss, residual {residual}: {param:?} analytic {analytic} numeric {numeric} (error {err})",
                    hidden.name(),
                    output.name(),
                    loss.name()
                );
                checked += 1;
            }
        }
        return checked;
    }
    panic!("no kink-free network found for {}", hidden.name());
}

#[test]
fn backprop_matches_finite_differences_for_every_combination() {
    let mut combinations = 0;
    for hidden in Activation::HIDDEN {
        for (output, loss, outputs) in OUTPUTS {
            for residual in [false, true] {
                let checked = check(hidden, output, loss, outputs, residual);
                assert!(checked > 40);
                combinations += 1;
            }
        }
    }
    assert_eq!(combinations, 6 * 9 * 2);
}

#[test]
fn the_check_catches_a_wrong_gradient() {
    // The same comparison must fail if backprop were off: perturb one analytic value.
    let mut net = Network::new(
        &[2, 3, 1],
        Activation::Tanh,
        Activation::Sigmoid,
        Loss::Mse,
        false,
    );
    net.initialize(Init::Uniform, &mut Rng::new(5, Stream::Init));
    let (inputs, targets) = ([0.3, -0.8, 1.1, 0.4], [1.0, 0.0]);
    net.compute_gradients(inputs.chunks_exact(2).zip(targets.chunks_exact(1)));
    let param = Param::Weight { layer: 0, index: 1 };
    let numeric = numerical_gradient(&mut net, &inputs, &targets, param, H);
    let analytic = net.layers[0].weight_grads[1];
    assert!(relative_error(analytic, numeric, 1e-2) < 2e-2);
    assert!(relative_error(analytic * 1.1, numeric, 1e-2) > 2e-2);
}

#[test]
fn regression_with_several_outputs_matches_finite_differences_through_the_trainer() {
    // Through the configuration and `set_data`, so that each output learns its own target.
    use backprop_playground::data::dataset::Point;
    use backprop_playground::network::Param;
    use backprop_playground::{Config, FieldValue, Trainer};
    for (output, scale) in [
        (Activation::Sigmoid, 1.0),
        (Activation::Tanh, 1.0),
        (Activation::Linear, 50.0),
    ] {
        let fields = [
            ("problem", "regression"),
            ("outputs", "3"),
            ("outputActivation", output.name()),
            ("activation", "tanh"),
            ("networkShape", "3"),
        ];
        let config =
            Config::from_fields(fields.map(|(k, v)| (k.to_string(), FieldValue::Text(v.into()))))
                .unwrap();
        let mut t = Trainer::new(config);
        // Targets outside the output's range too: the loss is defined for any finite target.
        let point = Point::with_targets(0.7, -1.2, &[0.2 * scale, -0.9 * scale, 1.5 * scale]);
        t.set_data(vec![point], vec![]).unwrap();
        t.trace(0).unwrap();
        let target: Vec<f32> = t.train_samples().sample(0).1.to_vec();
        assert_eq!(target, vec![0.2 * scale, -0.9 * scale, 1.5 * scale]);
        for layer in 0..2 {
            for index in 0..t.network.layers[layer].weights.len() {
                let analytic = t.network.layers[layer].weight_grads[index];
                let numeric = t
                    .numerical_gradient(Param::Weight { layer, index }, 0, H)
                    .unwrap();
                let err = relative_error(analytic, numeric, 1e-2);
                assert!(
                    err < 2e-2,
                    "{}: W{layer}[{index}] analytic {analytic} numeric {numeric}",
                    output.name()
                );
            }
        }
    }
}
