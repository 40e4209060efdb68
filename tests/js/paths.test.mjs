// The full chain rule over paths against the core: the sum of every path's product is backprop's
// ∂L/∂w and the finite difference, the count is exact, and the kept paths really are the largest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from './wasm.mjs';
import { chainPaths, isResidual, combinedOutput } from '../../www/js/paths.js';
import { relativeError } from '../../www/js/chain.js';

const SAMPLE = 4;

function traced(config, steps = 15) {
  const engine = new Engine({ seed: 7, ...config });
  engine.step(steps);
  engine.trace(SAMPLE);
  return { engine, snap: engine.snapshot(), config: engine.config() };
}

/** Every path by brute force: [{ product, key }] where key names its neurons. */
function bruteForce(snap, config, param) {
  const { layers, sizes } = snap;
  const L = layers.length;
  const combined = combinedOutput(config);
  const gate = (c, n) => (c === L && combined ? 1 : layers[c - 1].derivatives[n]);
  const input = param.bias ? 1 : (param.layer === 0 ? snap.inputs : layers[param.layer - 1].activations)[param.j];
  const out = [];
  const walk = (c, m, product, key) => {
    if (c === L) return out.push({ product: product * (combined ? layers[L - 1].deltas[m] : layers[L - 1].activationGrads[m]), key });
    if (isResidual(config, sizes, c)) walk(c + 1, m, product, `${key}>s${m}`);
    for (let n = 0; n < sizes[c + 1]; n++) walk(c + 1, n, product * layers[c].weights[n * sizes[c] + m] * gate(c + 1, n), `${key}>${n}`);
  };
  walk(param.layer + 1, param.i, input * gate(param.layer + 1, param.i), `${param.i}`);
  return out;
}

/** The brute force's key of a found path: the neurons after the parameter's, skips marked. */
const keyOf = (path, param) => [String(param.i), ...path.edges.slice(param.bias ? 0 : 1).map((e) => `${e.skip ? 's' : ''}${e.i}`)].join('>');

const CASES = [
  { name: '2-3-3-1 tanh', config: { networkShape: [3, 3], activation: 'tanh' }, fd: true },
  { name: '2-3-3-1 sigmoid', config: { networkShape: [3, 3], activation: 'sigmoid' }, fd: true },
  // ReLU: the finite difference can straddle a kink, so it is compared more loosely below.
  { name: '2-3-3-1 relu', config: { networkShape: [3, 3], activation: 'relu' }, fd: 'loose' },
  { name: '2-3-3-3-1 residual', config: { networkShape: [3, 3, 3], activation: 'tanh', residual: true }, fd: true },
  { name: '3-3-3-3-1 residual, the first layer skipping too', config: { networkShape: [3, 3, 3], activation: 'tanh', residual: true, features: ['x', 'y', 'xTimesY'] }, fd: true },
  { name: 'softmax, 4 classes', config: { dataset: 'blobs', classes: 4, networkShape: [3, 3], activation: 'tanh' }, fd: true },
  { name: 'cross-entropy sigmoid', config: { networkShape: [3, 3], activation: 'tanh', loss: 'crossEntropy' }, fd: true },
];

test('for a first-layer weight the paths’ products sum to backprop’s ∂L/∂w and the finite difference', () => {
  for (const { name, config, fd } of CASES) {
    const { engine, snap, config: c } = traced(config);
    const inputs = snap.sizes[0];
    for (const param of [{ layer: 0, i: 1, j: 0 }, { layer: 0, i: 2, j: 1 }, { layer: 0, i: 0, bias: true }, { layer: 1, i: 1, j: 2 }, { layer: snap.layers.length - 1, i: 0, j: 1 }, { layer: snap.layers.length - 1, i: 0, bias: true }]) {
      const chain = chainPaths(snap, c, param, 1000);
      const all = bruteForce(snap, c, param);
      // Softmax and cross-entropy end every path at ∂L/∂z of an output (δ), the others at ∂L/∂a.
      assert.equal(chain.combined, /softmax|cross-entropy/.test(name), `${name}: ${c.outputActivation}/${c.loss}`);
      assert.equal(chain.form[0].startsWith('∂L/∂z'), chain.combined);
      assert.equal(chain.count, BigInt(all.length), `${name}: count`);
      assert.equal(chain.shown.length, all.length, `${name}: every path shown when few`);
      const sum = chain.shown.reduce((t, p) => t + p.factors.reduce((q, f) => q * f.value, 1), 0);
      assert.ok(relativeError(sum, chain.grad, 1e-7) < 1e-4, `${name} ${chain.label}: Σ paths ${sum} vs backprop ${chain.grad}`);
      assert.ok(relativeError(chain.sum, chain.grad, 1e-7) < 1e-4, `${name} ${chain.label}: DP sum ${chain.sum} vs ${chain.grad}`);
      if (fd && !param.bias) {
        const index = param.i * (param.layer === 0 ? inputs : snap.sizes[param.layer]) + param.j;
        const numeric = engine.numericalGradient(param.layer, index, false, SAMPLE, 1e-3);
        const tolerance = fd === 'loose' ? 0.2 : 3e-2;
        assert.ok(relativeError(sum, numeric, 1e-3) < tolerance, `${name} ${chain.label}: Σ paths ${sum} vs finite difference ${numeric}`);
      }
    }
    engine.free();
  }
});

test('a 2-3-3-1 network: three paths from a first-layer weight, each a chain of the source’s factors', () => {
  const { engine, snap, config } = traced({ networkShape: [3, 3], activation: 'tanh' });
  const chain = chainPaths(snap, config, { layer: 0, i: 1, j: 0 });
  assert.equal(chain.count, 3n);
  assert.deepEqual(chain.form, ['∂L/∂a₃', '∂a₃/∂z₃', '∂z₃/∂a₂', '∂a₂/∂z₂', '∂z₂/∂a₁', '∂a₁/∂z₁', '∂z₁[1]/∂W₁[1][0]']);
  for (const path of chain.shown) {
    // ∂L/∂a₃ · ∂a₃/∂z₃ · ∂z₃/∂a₂ · ∂a₂/∂z₂ · ∂z₂/∂a₁ · ∂a₁/∂z₁ · ∂z₁/∂W₁
    assert.deepEqual(path.factors.map((f, k) => (k < 6 ? f.name.replace(/\[\d+\]/g, '') : f.name)), chain.form);
    assert.equal(path.factors.length, 7);
    assert.match(path.factors[0].name, /^∂L\/∂a₃\[0\]$/);
    assert.match(path.factors[6].name, /^∂z₁\[1\]\/∂W₁\[1\]\[0\]$/);
    assert.deepEqual(path.nodes.map((n) => n.column), [0, 1, 2, 3]);
    assert.deepEqual(path.edges.map((e) => e.layer), [0, 1, 2]);
    assert.equal(path.factors[6].value, snap.inputs[0]);
  }
  engine.free();
});

test('the kept paths are the largest by |product|, in order, and the count is exact when capped', () => {
  const { engine, snap, config } = traced({ networkShape: [8, 8, 8, 8, 8, 8], activation: 'tanh' }, 5);
  for (const param of [{ layer: 0, i: 3, j: 1 }, { layer: 2, i: 0, j: 5 }]) {
    const chain = chainPaths(snap, config, param, 8);
    const all = bruteForce(snap, config, param);
    assert.equal(chain.count, BigInt(all.length));
    assert.equal(chain.count, 8n ** BigInt(5 - param.layer));
    assert.equal(chain.shown.length, 8);
    const sorted = all.map((p) => Math.abs(p.product)).sort((a, b) => b - a);
    chain.shown.forEach((p, k) => assert.ok(relativeError(Math.abs(p.product), sorted[k], 1e-30) < 1e-9, `#${k}: ${p.product} vs ${sorted[k]}`));
    // Each shown path is a real one, with the product brute force gives it.
    const byKey = new Map(all.map((p) => [p.key, p.product]));
    for (const p of chain.shown) assert.ok(relativeError(byKey.get(keyOf(p, param)), p.product, 1e-30) < 1e-9);
    const total = all.reduce((t, p) => t + p.product, 0);
    assert.ok(relativeError(chain.sum, total, 1e-9) < 1e-6);
    assert.ok(relativeError(chain.sum, chain.grad, 1e-7) < 1e-3, `${chain.sum} vs ${chain.grad}`);
  }
  engine.free();
});

test('residual skips are factor-1 links and are counted', () => {
  const { engine, snap, config } = traced({ networkShape: [3, 3, 3], activation: 'tanh', residual: true, features: ['x', 'y', 'xTimesY'] });
  // Columns 1→2 and 2→3 skip (3 = 3); the first layer 3 inputs → 3 as well.
  const chain = chainPaths(snap, config, { layer: 0, i: 0, j: 0 }, 1000);
  // From a neuron of column 1: (3 + 1) choices into column 2, (3 + 1) into column 3, then 1 output.
  assert.equal(chain.count, 16n);
  const skips = chain.shown.flatMap((p) => p.factors.filter((f) => f.at.skip));
  assert.ok(skips.length > 0 && skips.every((f) => f.value === 1));
  engine.free();
});

test('a 16 × 32 network: the count is exact and huge, the search stays small', () => {
  const { engine, snap, config } = traced({ networkShape: Array(16).fill(32), activation: 'tanh' }, 1);
  const t0 = performance.now();
  const chain = chainPaths(snap, config, { layer: 0, i: 0, j: 0 });
  assert.equal(chain.count, 32n ** 15n);
  assert.equal(chain.shown.length, 8);
  for (let k = 1; k < 8; k++) assert.ok(Math.abs(chain.shown[k - 1].product) >= Math.abs(chain.shown[k].product));
  assert.ok(relativeError(chain.sum, chain.grad, 1e-12) < 1e-3, `${chain.sum} vs ${chain.grad}`);
  assert.ok(performance.now() - t0 < 1000);
  engine.free();
});
