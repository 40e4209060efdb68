// The chain-rule inspector's model: ∂L/∂w of one weight or bias as the product of the factors along
// its path, with the sum over downstream neurons where there is one. Pure, from a snapshot.
import { DERIVATIVES, names, num } from './notation.js';

/**
 * @param snap     Engine.snapshot() taken after a trace
 * @param config   the normalised config
 * @param target   the traced sample's target vector
 * @param param    { layer, i, j } for W[i][j] of weight layer `layer`, or { layer, i, bias: true }
 * @param featureLabels  the features' display names (x₁, x₂, …), for the first layer's input
 * @returns { label, factors: [{ name, value, note }], sum: { terms: [{ name, weight, delta, value }],
 *           residual } | null, product, grad (the core's value) }
 */
export function chainOf(snap, config, target, param, featureLabels = {}) {
  const { layer: l, i } = param;
  const layers = snap.layers;
  const last = l === layers.length - 1;
  const layer = layers[l];
  const c = l + 1;
  const prev = l === 0 ? snap.inputs : layers[l - 1].activations;
  const factors = [];
  let sum = null;

  if (last && (config.loss === 'crossEntropy' || config.outputActivation === 'softmax')) {
    // The loss and the output activation combine into one factor: δ itself.
    const how = config.loss === 'crossEntropy' ? 'ŷ − y: cross-entropy cancels the activation’s derivative' : 'through the softmax Jacobian';
    factors.push({ name: names.dz(c, i), value: layer.deltas[i], note: how });
  } else {
    if (last) {
      factors.push({ name: `∂L/∂ŷ[${i}]`, value: layer.activationGrads[i], note: `ŷ − y = ${num(layer.activations[i])} − ${num(target[i])}` });
    } else {
      const above = layers[l + 1];
      const width = layer.activations.length;
      const terms = Array.from(above.deltas, (delta, k) => {
        const weight = above.weights[k * width + i];
        return { name: `${names.W(l + 1, k, i)}·${names.dz(c + 1, k)}`, weight, delta, value: weight * delta };
      });
      const residual = config.residual && l + 1 < layers.length - 1 && above.activations.length === width ? above.activationGrads[i] : null;
      sum = { terms, residual };
      factors.push({ name: names.da(c, i), value: layer.activationGrads[i], note: 'the sum over outgoing edges' });
    }
    const act = last ? config.outputActivation : config.activation;
    factors.push({
      name: `${DERIVATIVES[act].name}(${names.z(c, i)})`,
      value: layer.derivatives[i],
      note: `${names.z(c, i)} = ${num(layer.preActivations[i])}`,
    });
  }

  let label;
  let grad;
  if (param.bias) {
    label = names.b(l, i);
    factors.push({ name: '∂z/∂b', value: 1, note: 'a bias adds 1 × itself' });
    grad = layer.biasGrads[i];
  } else {
    label = names.W(l, i, param.j);
    // In the first layer the input is a feature: say which, in the diagram's names (x[1] is x₂).
    const feature = l === 0 ? config.features?.[param.j] : null;
    const note = feature ? `the input this weight carries: ${featureLabels[feature] ?? feature}` : 'the input this weight carries';
    factors.push({ name: names.a(l, param.j), value: prev[param.j], note });
    grad = layer.weightGrads[i * prev.length + param.j];
  }
  const product = factors.reduce((p, f) => p * f.value, 1);
  return { label, factors, sum, product, grad };
}

/** |a − b| / max(|a|, |b|, floor): the relative error shown beside the finite difference. */
export function relativeError(a, b, floor = 1e-6) {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor);
}
