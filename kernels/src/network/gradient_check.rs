//! Finite differences: the numerical gradient that the analytic one is checked against (by the
//! tests, and beside every factor in the page's chain-rule inspector).

use crate::network::Network;
pub use crate::network::Param;
use crate::Scalar;

fn slot(network: &mut Network, param: Param) -> &mut Scalar {
    match param {
        Param::Weight { layer, index } => &mut network.layers[layer].weights[index],
        Param::Bias { layer, index } => &mut network.layers[layer].biases[index],
    }
}

/// Mean loss over samples (`inputs` n × inputs, `targets` n × outputs), summed in f64.
pub fn mean_loss(network: &mut Network, inputs: &[Scalar], targets: &[Scalar]) -> f64 {
    let (f, o) = (network.input.len(), network.output().len());
    let mut total = 0.0f64;
    let mut n = 0;
    for (input, target) in inputs.chunks_exact(f).zip(targets.chunks_exact(o)) {
        network.forward(input);
        total += network.loss_of(target) as f64;
        n += 1;
    }
    total / n.max(1) as f64
}

/// Central difference (L(p + h) − L(p − h)) / 2h; the parameter is left as it was.
pub fn numerical_gradient(
    network: &mut Network,
    inputs: &[Scalar],
    targets: &[Scalar],
    param: Param,
    h: Scalar,
) -> Scalar {
    let original = *slot(network, param);
    *slot(network, param) = original + h;
    let plus = mean_loss(network, inputs, targets);
    *slot(network, param) = original - h;
    let minus = mean_loss(network, inputs, targets);
    *slot(network, param) = original;
    ((plus - minus) / (2.0 * h as f64)) as Scalar
}

/// |a − b| / max(|a|, |b|, floor): relative error, absolute below `floor`.
pub fn relative_error(a: Scalar, b: Scalar, floor: Scalar) -> Scalar {
    (a - b).abs() / a.abs().max(b.abs()).max(floor)
}
