// Explain mode: one training step as the source text tells it, one phase at a time, each with its
// equation written for the configured activation and loss and with the live numbers substituted.
// Pure functions of a snapshot of the network's buffers, so going back replays without retraining.
import { DERIVATIVES, factor, names, num, point, sub } from './notation.js';

/** The phases for a network of `layers` weight layers. Hidden layers go from the last to the first. */
export function explainPhases(layers) {
  const phases = [];
  for (let l = 0; l < layers; l++) phases.push({ kind: 'forward', layer: l });
  phases.push({ kind: 'loss' }, { kind: 'output' });
  for (let l = layers - 2; l >= 0; l--) phases.push({ kind: 'sum', layer: l }, { kind: 'gate', layer: l });
  phases.push({ kind: 'weights' }, { kind: 'update' });
  return phases;
}

/**
 * Text and highlights of one phase.
 * @param phase  from explainPhases
 * @param ctx    { snap (Engine.snapshot() after trace), after (snapshot after the update, or null),
 *                 trace (Engine.trace() result), config, focus(column) → neuron index }
 * @returns { title, lines: string[], note: string, nodes: [{column, index}], edges: [{layer, i, j}] }
 */
export function explain(phase, ctx) {
  return PHASES[phase.kind](phase, ctx);
}

const L = (ctx) => ctx.snap.layers.length;
const inputsOf = (ctx, l) => (l === 0 ? ctx.snap.inputs : ctx.snap.layers[l - 1].activations);

/** "x" for the input column, "a₁" for a hidden one: the source text's names. */
const ACT_TEXT = {
  relu: (z) => `ReLU(${z})`,
  leakyRelu: (z) => `LeakyReLU(${z})`,
  elu: (z) => `ELU(${z})`,
  tanh: (z) => `tanh(${z})`,
  sigmoid: (z) => `σ(${z})`,
  linear: (z) => z,
  softmax: (z) => `softmax(z)ᵢ at ${z}`,
};

const PHASES = {
  forward({ layer: l }, ctx) {
    const c = l + 1;
    const i = ctx.focus(c);
    const layer = ctx.snap.layers[l];
    const prev = inputsOf(ctx, l);
    const n = prev.length;
    const terms = [];
    for (let j = 0; j < n; j++) terms.push(`${factor(layer.weights[i * n + j])}·${factor(prev[j])}`);
    const output = l === L(ctx) - 1;
    const act = output ? ctx.config.outputActivation : ctx.config.activation;
    const residual = !output && ctx.config.residual && prev.length === layer.activations.length;
    const z = layer.preActivations[i];
    const lines = [
      `${names.z(c, i)} = Σⱼ ${names.W(l, i, 'j')}·${names.a(l, 'j')} + ${names.b(l, i)} = ${terms.join(' + ')} + ${factor(layer.biases[i])} = ${num(z)}`,
      `${names.a(c, i)} = ${ACT_TEXT[act](names.z(c, i))}${residual ? ` + ${names.a(l, i)}` : ''} = ${num(layer.activations[i])}`,
    ];
    return {
      title: output ? `Forward: the output layer` : `Forward: hidden layer ${c}`,
      lines,
      note: output ? 'The prediction ŷ is the output layer’s activation.' : 'Each neuron weighs its inputs, adds its bias and applies the activation.',
      nodes: Array.from({ length: layer.activations.length }, (_, k) => ({ column: c, index: k })),
      edges: range(n).map((j) => ({ layer: l, i, j })),
    };
  },

  loss(_, ctx) {
    const out = ctx.snap.layers[L(ctx) - 1].activations;
    const y = ctx.trace.target;
    const lossName = ctx.config.loss;
    let line;
    if (lossName === 'mse') {
      const parts = Array.from(out, (p, k) => `(${num(p)} − ${num(y[k])})²`);
      line = `L = ½ Σ(ŷ − y)² = ½·${parts.length > 1 ? `[${parts.join(' + ')}]` : parts[0]} = ${num(ctx.trace.loss)}`;
    } else if (ctx.config.outputActivation === 'softmax') {
      const k = y.indexOf(1);
      line = `L = −Σₖ yₖ ln ŷₖ = −ln ŷ${sub(k)} = −ln ${num(out[k])} = ${num(ctx.trace.loss)}`;
    } else {
      line = `L = −[y ln ŷ + (1 − y) ln(1 − ŷ)] with ŷ = ${num(out[0])}, y = ${num(y[0])}: L = ${num(ctx.trace.loss)}`;
    }
    return {
      title: 'The loss',
      lines: [`Sample ${point(ctx.trace.x, ctx.trace.y)}: ŷ = ${Array.from(out, num).join(', ')}, y = ${Array.from(y, num).join(', ')}`, line],
      note: 'How far the prediction is from the target for this sample.',
      nodes: range(out.length).map((k) => ({ column: L(ctx), index: k })),
      edges: [],
    };
  },

  output(_, ctx) {
    const c = L(ctx);
    const i = ctx.focus(c);
    const layer = ctx.snap.layers[c - 1];
    const p = layer.activations[i];
    const y = ctx.trace.target[i];
    const d = layer.deltas[i];
    const dz = names.dz(c, i);
    const act = ctx.config.outputActivation;
    let line;
    let note = 'This is the error signal that enters the network from the right.';
    if (ctx.config.loss === 'crossEntropy') {
      line = `${dz} = ŷ − y = ${num(p)} − ${num(y)} = ${num(d)}`;
      note += ' With cross-entropy the activation’s derivative cancels: what is left is just how wrong.';
    } else if (act === 'sigmoid') {
      line = `${dz} = (ŷ − y) · ŷ · (1 − ŷ) = (${num(p)} − ${num(y)}) · ${num(p)} · ${num(1 - p)} = ${num(d)}`;
      note += ' How wrong (ŷ − y) × how uncertain ŷ(1 − ŷ): large when wrong and unsure, small when nearly correct or saturated.' +
        ' The source text says it is large when the model is wrong and confident: for a sigmoid with squared error that is wrong, since a confident output is saturated and ŷ(1 − ŷ) → 0, so it learns slowly. Cross-entropy (ŷ − y) is the fix.';
    } else if (act === 'tanh') {
      line = `${dz} = (ŷ − y) · (1 − ŷ²) = (${num(p)} − ${num(y)}) · ${num(1 - p * p)} = ${num(d)}`;
      note += ' How wrong (ŷ − y) × how uncertain (1 − ŷ²).';
    } else if (act === 'linear') {
      line = `${dz} = (ŷ − y) · 1 = ${num(p)} − ${num(y)} = ${num(d)}`;
    } else {
      const s = Array.from(layer.activations).reduce((acc, pk, k) => acc + (pk - ctx.trace.target[k]) * pk, 0);
      line = `${dz} = ŷᵢ·((ŷᵢ − yᵢ) − Σₖ(ŷₖ − yₖ)ŷₖ) = ${num(p)}·((${num(p)} − ${num(y)}) − ${factor(s)}) = ${num(d)}`;
      note += ' A softmax output couples every class, so the derivative is a Jacobian.';
    }
    return {
      title: 'Step 1 — output gradient',
      lines: [line],
      note,
      nodes: [{ column: c, index: i }],
      edges: [],
    };
  },

  sum({ layer: l }, ctx) {
    // Hidden column c = l + 1 receives the error signal of column c + 1 through weight layer l + 1.
    const c = l + 1;
    const j = ctx.focus(c);
    const above = ctx.snap.layers[l + 1];
    const width = ctx.snap.layers[l].activations.length;
    const terms = range(above.deltas.length).map((i) => `${factor(above.weights[i * width + j])}·${factor(above.deltas[i])}`);
    const residual = ctx.config.residual && l + 1 < L(ctx) - 1 && above.activations.length === width;
    const value = ctx.snap.layers[l].activationGrads[j];
    const lines = [
      `${names.da(c, j)} = Σᵢ ${names.W(l + 1, 'i', j)} · ${names.dz(c + 1, 'i')} = ${terms.join(' + ')}${residual ? ` + ${factor(above.activationGrads[j])}` : ''} = ${num(value)}`,
    ];
    return {
      title: `Step 2 — hidden layer ${c}: the sum over outgoing edges`,
      lines,
      note: residual
        ? 'Every outgoing edge carries back its weight times the error signal it feeds; the residual connection adds ∂L/∂a of the layer above unchanged.'
        : 'Every outgoing edge carries back its weight times the error signal of the neuron it feeds.',
      nodes: [{ column: c, index: j }],
      edges: range(above.deltas.length).map((i) => ({ layer: l + 1, i, j })),
    };
  },

  gate({ layer: l }, ctx) {
    const c = l + 1;
    const j = ctx.focus(c);
    const layer = ctx.snap.layers[l];
    const act = ctx.config.activation;
    const { name, rule } = DERIVATIVES[act];
    const z = layer.preActivations[j];
    const f = layer.derivatives[j];
    const line = `${names.dz(c, j)} = ${names.da(c, j)} · ${name}(${names.z(c, j)}) = ${factor(layer.activationGrads[j])} · ${factor(f)} = ${num(layer.deltas[j])}`;
    const dead = act === 'relu' && z <= 0;
    return {
      title: `Step 2 — hidden layer ${c}: the gate ${name}`,
      lines: [line, `${rule}; here ${names.z(c, j)} = ${num(z)}`],
      note: dead
        ? 'z ≤ 0, so ReLU′(z) = 0: the gradient is exactly 0 and this neuron’s weights receive no update. If that holds for every point, the neuron is dead and never recovers.'
        : 'The activation’s derivative gates the signal: where it is small, little error gets through.',
      nodes: [{ column: c, index: j }],
      edges: [],
    };
  },

  weights(_, ctx) {
    const last = L(ctx) - 1;
    const lines = [];
    const edges = [];
    for (const l of last === 0 ? [0] : [last, 0]) {
      const c = l + 1;
      const i = ctx.focus(c);
      const j = ctx.focus(l);
      const layer = ctx.snap.layers[l];
      const prev = inputsOf(ctx, l);
      const g = layer.weightGrads[i * prev.length + j];
      lines.push(`∂L/∂${names.W(l, i, j)} = ${names.dz(c, i)} · ${names.a(l, j)} = ${factor(layer.deltas[i])} · ${factor(prev[j])} = ${num(g)}`);
      edges.push({ layer: l, i, j });
    }
    return {
      title: 'Step 3 — weight gradients',
      lines,
      note: 'Every weight’s gradient is the error signal of the neuron it feeds times the input it carries.',
      nodes: [],
      edges,
    };
  },

  update(_, ctx) {
    const l = L(ctx) - 1;
    const i = ctx.focus(l + 1);
    const j = ctx.focus(l);
    const n = inputsOf(ctx, l).length;
    const k = i * n + j;
    const w = ctx.snap.layers[l].weights[k];
    const g = ctx.snap.layers[l].weightGrads[k];
    const eta = ctx.config.learningRate;
    const lines = [`W ← W − η · ∂L/∂W:  ${names.W(l, i, j)} = ${num(w)} − ${num(eta)} · ${factor(g)} = ${num(w - eta * g)}`];
    let note = 'Every weight moves against its gradient, scaled by the learning rate η.';
    if (ctx.after) {
      const actual = ctx.after.layers[l].weights[k];
      lines.push(`After the step: ${names.W(l, i, j)} = ${num(actual)}`);
      const plain = ctx.config.batchSize === 1 && ctx.config.optimizer === 'sgd' && ctx.config.regularization === 'none';
      if (!plain) {
        note += ` The step used ${ctx.config.batchSize > 1 ? `the mean gradient over a mini-batch of ${ctx.config.batchSize} samples (this one among them)` : 'this sample'}${ctx.config.optimizer === 'sgd' ? '' : ` and the ${ctx.config.optimizer} optimiser`}${ctx.config.regularization === 'none' ? '' : ` with ${ctx.config.regularization} regularisation`}, so the actual value differs.`;
      }
    }
    return { title: 'Step 3 — the update', lines, note, nodes: [], edges: [{ layer: l, i, j }] };
  },
};

function range(n) {
  return Array.from({ length: n }, (_, k) => k);
}
