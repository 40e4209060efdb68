// The full chain rule for one weight or bias, as the source text writes it:
//   ∂L/∂w₁ = (∂L/∂a₃) × (∂a₃/∂a₂) × (∂a₂/∂w₁),
// expanded over the network: ∂L/∂w is the sum, over every path from w to an output, of the product
// of the local derivatives along the path. Pure, from a snapshot taken after a trace.
//
// A path's factors, from the loss back to the weight:
//   ∂L/∂a_out[n]        ∂L/∂ŷ at the output it ends in; with cross-entropy or a softmax output the
//                       loss and the output activation combine into ∂L/∂z_out[n] = δ (softmax's
//                       Jacobian couples the outputs, so the path ends at z_out[n], not a_out[n])
//   ∂a[n]/∂z[n]         f′(z) of each neuron it passes
//   ∂z[n]/∂a_prev[m]    the weight W[n][m] of each edge it takes
//   ∂a[m]/∂a_prev[m]    1 on a residual skip (a = a_prev + f(z))
//   ∂z[i]/∂w            the input a_prev[j] the weight carries (1 for a bias)
// Paths multiply: 16 layers of 32 neurons have 32¹⁵ of them. So the count and the sum come from
// dynamic programming over neurons, and only the K largest products are found, by a best-first
// search whose bound (the largest |product| still reachable from a neuron) is exact.
import { DERIVATIVES, names, sub } from './notation.js';

/** Paths kept and shown by default. */
export const SHOWN_PATHS = 8;

/** Whether weight layer l adds a skip connection (the core's rule: hidden, and widths match). */
export function isResidual(config, sizes, l) {
  return Boolean(config.residual) && l < sizes.length - 2 && sizes[l] === sizes[l + 1];
}

/** Whether the output's δ is the last factor (cross-entropy or softmax) rather than ∂L/∂ŷ · f′(z). */
export function combinedOutput(config) {
  return config.loss === 'crossEntropy' || config.outputActivation === 'softmax';
}

/**
 * @param snap    Engine.snapshot() after a trace
 * @param config  the normalised config
 * @param param   { layer, i, j } for W[i][j] of weight layer `layer`, or { layer, i, bias: true }
 * @param keep    how many of the largest paths to return
 * @returns { label, form (the factors' names without indices), count (BigInt, exact), sum (over every path), grad (the core's), shownSum,
 *   combined, shown: [{ nodes: [{ column, index }], edges: [{ layer, i, j } | { layer, i, j, skip }],
 *   factors: [{ name, symbol, value, at, kind }], product }] } with `shown` largest |product| first and
 *   factors in the source's order (the loss first, ∂z/∂w last).
 */
export function chainPaths(snap, config, param, keep = SHOWN_PATHS) {
  const { layers, sizes } = snap;
  const L = layers.length; // the output column
  const combined = combinedOutput(config);
  const start = param.layer + 1; // the column of the neuron the parameter feeds
  const gate = (c, n) => (c === L && combined ? null : layers[c - 1].derivatives[n]);
  const end = (n) => (combined ? layers[L - 1].deltas[n] : layers[L - 1].activationGrads[n]);
  const weight = (c, n, m) => layers[c].weights[n * sizes[c] + m]; // W of the edge column c → c + 1
  const step = (c, n, m) => weight(c, n, m) * (gate(c + 1, n) ?? 1);

  // Per neuron of columns start…L: the number of paths to the loss, their sum (∂L/∂a, or δ at a
  // combined output) and the largest |product|; from the output back, as backprop goes.
  const count = [];
  const tail = [];
  const best = [];
  count[L] = Array.from({ length: sizes[L] }, () => 1n);
  tail[L] = Array.from({ length: sizes[L] }, (_, n) => end(n));
  best[L] = tail[L].map(magnitude);
  for (let c = L - 1; c >= start; c--) {
    const skip = isResidual(config, sizes, c);
    count[c] = [];
    tail[c] = [];
    best[c] = [];
    for (let m = 0; m < sizes[c]; m++) {
      let n = skip ? count[c + 1][m] : 0n;
      let t = skip ? tail[c + 1][m] : 0;
      let b = skip ? best[c + 1][m] : 0;
      for (let k = 0; k < sizes[c + 1]; k++) {
        const s = step(c, k, m);
        n += count[c + 1][k];
        t += s * tail[c + 1][k];
        b = Math.max(b, magnitude(s) * best[c + 1][k]);
      }
      count[c].push(n);
      tail[c].push(t);
      best[c].push(b);
    }
  }

  const { i } = param;
  const input = param.bias ? 1 : (param.layer === 0 ? snap.inputs : layers[param.layer - 1].activations)[param.j];
  const first = input * (gate(start, i) ?? 1);
  const label = param.bias ? names.b(param.layer, i) : names.W(param.layer, i, param.j);
  const grad = param.bias ? layers[param.layer].biasGrads[i] : layers[param.layer].weightGrads[i * sizes[param.layer] + param.j];

  // Best-first: a state is a partial path ending at a neuron, ranked by the largest |product| any
  // completion can reach; with an exact bound, paths complete in order of |product|.
  const heap = new Heap();
  heap.push({ c: start, m: i, product: first, parent: null, move: null, bound: magnitude(first) * best[start][i] });
  const found = [];
  let pops = 0;
  while (found.length < keep && heap.size && pops++ < 100000) {
    const s = heap.pop();
    if (s.c === L) {
      found.push(s);
      continue;
    }
    const next = s.c + 1;
    const add = (n, factor, skip) => {
      const product = s.product * factor;
      heap.push({ c: next, m: n, product, parent: s, move: { skip }, bound: magnitude(product) * best[next][n] });
    };
    if (isResidual(config, sizes, s.c)) add(s.m, 1, true);
    for (let n = 0; n < sizes[next]; n++) add(n, step(s.c, n, s.m), false);
  }

  const shown = found.map((s) => describe(s, { snap, config, param, input, gate, end, weight, label }));
  // The form of a path through weights, as the source writes it (a skip replaces ∂a/∂z · ∂z/∂a by 1).
  const form = [combined ? `∂L/∂z${sub(L)}` : `∂L/∂a${sub(L)}`];
  for (let c = L; c >= start; c--) {
    if (!(c === L && combined)) form.push(`∂a${sub(c)}/∂z${sub(c)}`);
    form.push(c > start ? `∂z${sub(c)}/∂a${sub(c - 1)}` : `∂${names.z(start, i)}/∂${label}`);
  }
  return {
    label,
    form,
    count: count[start][i],
    sum: first * tail[start][i],
    grad,
    shownSum: shown.reduce((t, p) => t + p.product, 0),
    combined,
    shown,
  };
}

/** A found path's neurons, edges and factors (in the source's order), and its product. */
function describe(state, { snap, config, param, input, gate, end, weight, label }) {
  const L = snap.layers.length;
  const states = [];
  for (let s = state; s; s = s.parent) states.unshift(s);
  const nodes = states.map((s) => ({ column: s.c, index: s.m }));
  const edges = [];
  const factors = [];
  const f = (name, symbol, value, at, kind) => factors.push({ name, symbol, value, at, kind });
  const gateFactor = (c, n) => {
    const value = gate(c, n);
    if (value === null) return;
    const act = c === L ? config.outputActivation : config.activation;
    f(`∂${names.a(c, n)}/∂${names.z(c, n)}`, `${DERIVATIVES[act].name}(${names.z(c, n)})`, value, { column: c, index: n }, 'gate');
  };
  // Forward from the parameter, then reversed into the source's order.
  const { i } = param;
  if (param.bias) {
    f(`∂${names.z(param.layer + 1, i)}/∂${label}`, '1', input, { column: param.layer + 1, index: i }, 'bias');
  } else {
    const edge = { layer: param.layer, i, j: param.j };
    edges.push(edge);
    nodes.unshift({ column: param.layer, index: param.j });
    f(`∂${names.z(param.layer + 1, i)}/∂${label}`, names.a(param.layer, param.j), input, edge, 'input');
  }
  gateFactor(param.layer + 1, i);
  for (let k = 1; k < states.length; k++) {
    const { c: from, m } = states[k - 1];
    const { c: to, m: n, move } = states[k];
    if (move.skip) {
      const edge = { layer: from, i: n, j: m, skip: true };
      edges.push(edge);
      f(`∂${names.a(to, n)}/∂${names.a(from, m)}`, '1 (skip)', 1, edge, 'skip');
      continue;
    }
    const edge = { layer: from, i: n, j: m };
    edges.push(edge);
    f(`∂${names.z(to, n)}/∂${names.a(from, m)}`, names.W(from, n, m), weight(from, n, m), edge, 'weight');
    gateFactor(to, n);
  }
  const n = states[states.length - 1].m;
  const combined = gate(L, n) === null;
  f(combined ? names.dz(L, n) : `∂L/∂${names.a(L, n)}`, combined ? `δ[${n}]` : `∂L/∂ŷ[${n}]`, end(n), { column: L, index: n }, 'loss');
  factors.reverse();
  return { nodes, edges, factors, product: factors.reduce((p, x) => p * x.value, 1) };
}

function magnitude(v) {
  const a = Math.abs(v);
  return a === a ? a : 0; // NaN ranks last instead of breaking the order
}

/** A binary max-heap on `bound`; ties go to the longer partial path (it completes sooner). */
class Heap {
  constructor() {
    this.items = [];
  }
  get size() {
    return this.items.length;
  }
  #above(a, b) {
    return a.bound > b.bound || (a.bound === b.bound && a.c > b.c);
  }
  push(item) {
    const items = this.items;
    items.push(item);
    let k = items.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.#above(items[k], items[parent])) break;
      [items[k], items[parent]] = [items[parent], items[k]];
      k = parent;
    }
  }
  pop() {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length) {
      items[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < items.length && this.#above(items[l], items[m])) m = l;
        if (r < items.length && this.#above(items[r], items[m])) m = r;
        if (m === k) break;
        [items[k], items[m]] = [items[m], items[k]];
        k = m;
      }
    }
    return top;
  }
}
