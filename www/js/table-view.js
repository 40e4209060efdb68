// The network as tables, the alternative to the canvas for screen readers and for reading exact
// numbers: per neuron z, a and δ, per weight W and ∂L/∂W, for one weight layer at a time.
import { el } from './dom.js';
import { names, num } from './notation.js';

/** The rows of weight layer `l` from an engine snapshot (see Engine.snapshot). */
export function layerRows(snap, l) {
  const layer = snap.layers[l];
  const inputs = snap.sizes[l];
  // Numbered from 0, as the inspector and the notation (W₁[i][j]) number them.
  const neurons = Array.from(layer.preActivations, (z, i) => ({
    neuron: i, z, a: layer.activations[i], delta: layer.deltas[i], bias: layer.biases[i], biasGrad: layer.biasGrads[i],
  }));
  const weights = [];
  for (let i = 0; i < layer.preActivations.length; i++) {
    for (let j = 0; j < inputs; j++) {
      weights.push({ from: j, to: i, w: layer.weights[i * inputs + j], grad: layer.weightGrads[i * inputs + j] });
    }
  }
  return { neurons, weights };
}

/** The name of weight layer `l`'s neurons (its output column). */
export function layerName(l, layers) {
  return l === layers - 1 ? 'Output layer' : `Hidden layer ${l + 1}`;
}

function table(caption, headers, rows) {
  return el('table', { class: 'numbers' }, [
    el('caption', { text: caption }),
    el('thead', {}, [el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))]),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map(([text, value], k) => (k === 0 ? el('th', { scope: 'row', text }) : el('td', { text, value })))))),
  ]);
}

/** Fills `root` with a weight layer's two tables; `from` names its inputs' column, `layerNumber` is l + 1. */
export function renderLayerTables(root, { rows, name, from, sample, layerNumber }) {
  const { neurons, weights } = rows;
  root.replaceChildren(
    table(`${name}: each neuron for training sample ${sample}`, ['Neuron', 'z', 'a', 'δ = ∂L/∂z', 'b', '∂L/∂b'],
      neurons.map((n) => [[String(n.neuron)], [num(n.z), n.z], [num(n.a), n.a], [num(n.delta), n.delta], [num(n.bias), n.bias], [num(n.biasGrad), n.biasGrad]])),
    table(`${name}: each weight W[i][j] from ${from} neuron j to neuron i`, ['Weight', 'W', '∂L/∂W'],
      weights.map((w) => [[names.W(layerNumber - 1, w.to, w.from)], [num(w.w), w.w], [num(w.grad), w.grad]])),
  );
}
