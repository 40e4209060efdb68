// The chain-rule inspector's DOM: builds the panel from a model with text nodes only (nothing is
// ever parsed as HTML). Exact values ride along in data-value attributes for tests.
import { chainOf, relativeError } from './chain.js';
import { DERIVATIVES, editable, factor, names, num, plural, point } from './notation.js';
import { el } from './dom.js';
import { renderPaths } from './inspector-paths.js';

/**
 * Fills the inspector for a selection.
 * @param parts  { title, sample, body } elements
 * @param data   { snap, trace, config, selected, numeric (finite difference or null),
 *                 update (the coming change or null), onSelect(selection), featureLabels,
 *                 paths (the full chain's options for renderPaths, with `chain`) | null }
 */
export function renderInspector(parts, data) {
  const { trace, selected } = data;
  parts.sample.textContent = `Sample ${point(trace.x, trace.y)}, target y = ${Array.from(trace.target, num).join(', ')}`;
  parts.body.replaceChildren();
  if ('j' in selected || selected.bias) renderParameter(parts, data);
  else renderNeuron(parts, data);
}

function renderParameter(parts, { snap, trace, config, selected, numeric, update, sample, onEdit, paths, featureLabels = {} }) {
  const chain = chainOf(snap, config, trace.target, selected, featureLabels);
  parts.title.textContent = `∂L/∂${chain.label} by the chain rule`;
  const body = parts.body;
  body.append(
    el('p', { class: 'equation', text: `∂L/∂${chain.label} = ${chain.factors.map((f) => f.name).join(' × ')}` }),
  );
  const table = el('table', { class: 'factors' }, [
    el('thead', {}, [el('tr', {}, [el('th', { text: 'factor' }), el('th', { text: 'value' }), el('th', { text: 'what it is' })])]),
  ]);
  const tbody = el('tbody');
  for (const f of chain.factors) {
    tbody.append(el('tr', { class: f.value === 0 ? 'zero' : '' }, [el('td', { text: f.name }), el('td', { text: num(f.value), value: f.value }), el('td', { text: zeroNote(f) })]));
  }
  table.append(tbody);
  body.append(table);
  if (chain.sum) {
    const c = selected.layer + 1;
    const list = el('ul', { class: 'terms' });
    for (const t of chain.sum.terms) list.append(el('li', { text: `${t.name} = ${factor(t.weight)} × ${factor(t.delta)} = ${num(t.value)}` }));
    if (chain.sum.residual !== null) list.append(el('li', { text: `+ ${num(chain.sum.residual)} through the residual connection` }));
    body.append(el('p', { class: 'sub', text: `${names.da(c, selected.i)} = Σ over the ${plural(chain.sum.terms.length, 'outgoing edge')}:` }), list);
  }
  const results = el('dl', { class: 'results' });
  const row = (name, v, extra = '', id = '') =>
    results.append(el('div', id ? { id } : {}, [el('dt', { text: name }), el('dd', { text: `${num(v)}${extra}`, value: v })]));
  row('Product of the factors', chain.product, '', 'inspector-product');
  row('Backprop’s gradient (core)', chain.grad, '', 'inspector-grad');
  if (numeric !== null) row('Finite difference (core)', numeric, ` — relative error ${num(relativeError(chain.grad, numeric, 1e-4))}`, 'inspector-numeric');
  if (update !== null) {
    const batch = config.batchSize > 1 ? `, mean over the next mini-batch of ${config.batchSize}` : '';
    row(`Next update (η = ${num(config.learningRate)}${batch})`, update, ` → ${num(currentValue(snap, selected) + update)}`, 'inspector-update');
  }
  body.append(el('p', { class: 'note', text: `These factors are for training sample ${sample}, the first of the next mini-batch.` }));
  // Edit the value directly: applies at once, to the drawing and the heatmaps.
  const input = el('input', { type: 'number', step: 'any', id: 'param-value' });
  const exact = currentValue(snap, selected);
  input.value = editable(exact); // rounded for reading; the exact value stays unless edited
  const shown = input.value;
  const apply = () => onEdit(selected, input.value === shown ? exact : Number(input.value === '' ? NaN : input.value));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') apply();
    e.stopPropagation(); // typing a number is not a shortcut
  });
  body.append(el('div', { class: 'edit' }, [el('label', { for: 'param-value', text: `Set ${chain.label} to` }), input, el('button', { type: 'button', text: 'Set', onclick: apply, id: 'param-set' })]));
  body.append(results);
  if (paths) body.append(renderPaths(paths.chain, { ...paths, numeric }));
}

function zeroNote(f) {
  return f.value === 0 && f.name.startsWith('ReLU′') ? 'z ≤ 0: ReLU′ = 0 stops the gradient here' : f.note;
}

function currentValue(snap, sel) {
  const layer = snap.layers[sel.layer];
  return sel.bias ? layer.biases[sel.i] : layer.weights[sel.i * (layer.weights.length / layer.biases.length) + sel.j];
}

function renderNeuron(parts, { snap, config, selected, onSelect, dead, featureLabels = {} }) {
  const { column: c, index: i } = selected;
  const body = parts.body;
  if (c === 0) {
    parts.title.textContent = `Input ${names.a(0, i)} (${featureLabels[config.features[i]] ?? config.features[i]})`;
    body.append(el('p', { text: `${names.a(0, i)} = ${num(snap.inputs[i])} for this sample.` }));
    return;
  }
  const l = c - 1;
  const layer = snap.layers[l];
  const output = l === snap.layers.length - 1;
  const act = output ? config.outputActivation : config.activation;
  parts.title.textContent = output ? `Output neuron ${i}` : `Hidden neuron ${i} of layer ${c}`;
  const results = el('dl', { class: 'results' });
  const row = (name, v) => results.append(el('div', {}, [el('dt', { text: name }), el('dd', { text: num(v), value: v })]));
  row(names.z(c, i), layer.preActivations[i]);
  row(names.a(c, i), layer.activations[i]);
  row(`${DERIVATIVES[act].name}(${names.z(c, i)})`, layer.derivatives[i]);
  row(names.da(c, i), layer.activationGrads[i]);
  row(`δ = ${names.dz(c, i)}`, layer.deltas[i]);
  body.append(results);
  const isDead = !output && dead?.[l]?.[i];
  if (isDead) {
    body.append(el('p', { class: 'dead-note', text: 'Dead: z ≤ 0 on every training point, so ReLU′(z) = 0 everywhere. This neuron receives exactly zero gradient and can never recover.' }));
  } else if (!output && act === 'relu' && layer.preActivations[i] <= 0) {
    body.append(el('p', { class: 'dead-note', text: 'For this sample z ≤ 0, so ReLU′(z) = 0 and no gradient passes; other samples may still reach it.' }));
  }
  const n = l === 0 ? snap.inputs.length : snap.layers[l - 1].activations.length;
  const buttons = el('div', { class: 'chips' });
  buttons.append(el('button', { type: 'button', text: `∂L/∂${names.b(l, i)}`, onclick: () => onSelect({ layer: l, i, bias: true }) }));
  for (let j = 0; j < Math.min(n, 32); j++) {
    buttons.append(el('button', { type: 'button', text: `∂L/∂${names.W(l, i, j)}`, onclick: () => onSelect({ layer: l, i, j }) }));
  }
  body.append(el('p', { class: 'sub', text: 'Inspect a parameter of this neuron:' }), buttons);
}
