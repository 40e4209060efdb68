// The teaching views' models against the core: the inspector's product of factors equals the core's
// gradient, explain mode's equations carry the core's numbers, the story runs backward in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from './wasm.mjs';
import { chainOf, relativeError } from '../../www/js/chain.js';
import { explain, explainPhases } from '../../www/js/explain.js';
import { buildTimeline, duration, edgePoint, phaseAt, pulseRadius } from '../../www/js/timeline.js';
import { decadesSpanned, gradientBars, logHeight } from '../../www/js/chart.js';
import { factor, num } from '../../www/js/notation.js';

const CONFIGS = [
  { preset: 'sourceText' },
  { networkShape: [5, 5, 5], activation: 'tanh', residual: true, features: ['x', 'y', 'sinX', 'cosY', 'xTimesY'] },
  { dataset: 'blobs', classes: 4, activation: 'elu' },
  { dataset: 'spiralK', outputActivation: 'sigmoid', loss: 'mse', activation: 'sigmoid' },
  { loss: 'crossEntropy', activation: 'leakyRelu' },
  { dataset: 'regGauss', activation: 'relu', networkShape: [6, 6] },
];

function traced(config, sample = 3) {
  const engine = new Engine(config);
  engine.step(20);
  const trace = engine.trace(sample);
  return { engine, trace, snap: engine.snapshot(), config: engine.config() };
}

test('the inspector’s product of factors is the core’s gradient for every parameter', () => {
  for (const config of CONFIGS) {
    const { engine, trace, snap, config: c } = traced(config);
    let checked = 0;
    snap.layers.forEach((layer, l) => {
      const inputs = snap.sizes[l];
      for (let i = 0; i < layer.biases.length; i++) {
        for (const param of [{ layer: l, i, bias: true }, ...Array.from({ length: inputs }, (_, j) => ({ layer: l, i, j }))]) {
          const chain = chainOf(snap, c, trace.target, param);
          assert.ok(relativeError(chain.product, chain.grad, 1e-7) < 1e-4, `${JSON.stringify(config)} ${chain.label}: ${chain.product} vs ${chain.grad}`);
          checked++;
        }
      }
    });
    assert.ok(checked > 10);
    engine.free();
  }
});

test('the inspector’s product agrees with the core’s finite difference (the maths, not the indexing)', () => {
  // Smooth activations only, so that a finite step never crosses a ReLU kink.
  for (const config of [CONFIGS[1], CONFIGS[2], CONFIGS[3], { loss: 'crossEntropy', activation: 'tanh' }]) {
    const { engine, trace, snap, config: c } = traced(config, 5);
    let checked = 0;
    snap.layers.forEach((layer, l) => {
      const inputs = snap.sizes[l];
      for (let i = 0; i < layer.biases.length; i++) {
        for (let j = 0; j < inputs; j++) {
          const chain = chainOf(snap, c, trace.target, { layer: l, i, j });
          const numeric = engine.numericalGradient(l, i * inputs + j, false, 5);
          assert.ok(relativeError(chain.product, numeric, 1e-2) < 3e-2, `${JSON.stringify(config)} ${chain.label}: ${chain.product} vs ${numeric}`);
          checked++;
        }
      }
    });
    assert.ok(checked > 5);
    engine.free();
  }
});

test('the update preview is exactly the next step’s change, for every optimiser and penalty', () => {
  for (const optimizer of ['sgd', 'momentum', 'adam']) {
    for (const regularization of ['none', 'L1', 'L2']) {
      const engine = new Engine({ optimizer, regularization, regularizationRate: 0.01, learningRate: 0.05, activation: 'tanh' });
      engine.step(7);
      engine.computeNextBatchGradients();
      const previews = [0, 3, 5].map((k) => engine.updatePreview(0, k, false)).concat(engine.updatePreview(1, 1, true));
      const before = [0, 3, 5].map((k) => engine.view('weights', 0)[k]).concat(engine.view('biases', 1)[1]);
      engine.step(1);
      const after = [0, 3, 5].map((k) => engine.view('weights', 0)[k]).concat(engine.view('biases', 1)[1]);
      after.forEach((w, k) => assert.equal(w, Math.fround(before[k] + previews[k]), `${optimizer}/${regularization} #${k}`));
      engine.free();
    }
  }
});

test('the hidden sum is Σ W·δ over outgoing edges, with the residual term when there is one', () => {
  const { engine, trace, snap, config } = traced(CONFIGS[1]);
  const chain = chainOf(snap, config, trace.target, { layer: 1, i: 2, j: 0 });
  const total = chain.sum.terms.reduce((s, t) => s + t.value, 0) + (chain.sum.residual ?? 0);
  assert.notEqual(chain.sum.residual, null, 'a 5 → 5 hidden layer is residual');
  assert.ok(Math.abs(total - chain.factors[0].value) < 1e-6);
  engine.free();
});

test('the finite difference from the core agrees with backprop', () => {
  const { engine, snap, config, trace } = traced({ activation: 'tanh', networkShape: [4, 3] }, 11);
  for (const [l, index] of [[0, 3], [1, 5], [2, 1]]) {
    const numeric = engine.numericalGradient(l, index, false, 11);
    const grad = snap.layers[l].weightGrads[index];
    assert.ok(relativeError(grad, numeric, 1e-3) < 2e-2, `${grad} vs ${numeric}`);
  }
  const update = engine.updatePreview(2, 1, false);
  assert.equal(update, Math.fround(-Math.fround(config.learningRate) * snap.layers[2].weightGrads[1]));
  void trace;
  engine.free();
});

test('explain mode walks the source text’s steps with the core’s numbers', () => {
  const { engine, trace, snap, config } = traced({ preset: 'sourceText' }, 0);
  const phases = explainPhases(snap.layers.length);
  assert.deepEqual(
    phases.map((p) => p.kind),
    ['forward', 'forward', 'loss', 'output', 'sum', 'gate', 'weights', 'update'],
  );
  const ctx = { snap, trace, config, after: null, focus: () => 0 };
  const out = snap.layers[1];
  const step1 = explain({ kind: 'output' }, ctx);
  // ∂L/∂z₂ = (ŷ − y)·ŷ·(1 − ŷ) with the numbers substituted and the core's δ as the result.
  const y = trace.target[0];
  const p = out.activations[0];
  assert.equal(step1.lines[0], `∂L/∂z₂[0] = (ŷ − y) · ŷ · (1 − ŷ) = (${num(p)} − ${num(y)}) · ${num(p)} · ${num(1 - p)} = ${num(out.deltas[0])}`);
  assert.ok(Math.abs((p - y) * p * (1 - p) - out.deltas[0]) < 1e-7);
  const sum = explain({ kind: 'sum', layer: 0 }, ctx);
  assert.match(sum.lines[0], /^∂L\/∂a₁\[0\] = Σᵢ W₂\[i\]\[0\] · ∂L\/∂z₂\[i\] = /);
  assert.ok(sum.lines[0].endsWith(`= ${num(snap.layers[0].activationGrads[0])}`));
  const gate = explain({ kind: 'gate', layer: 0 }, ctx);
  assert.match(gate.lines[0], /ReLU′\(z₁\[0\]\)/);
  assert.match(gate.lines[1], /ReLU′\(z\) = 1 if z > 0, 0 if z ≤ 0/);
  const weights = explain({ kind: 'weights' }, ctx);
  assert.match(weights.lines[0], /^∂L\/∂W₂\[0\]\[0\] = ∂L\/∂z₂\[0\] · a₁\[0\]/);
  assert.match(weights.lines[1], /^∂L\/∂W₁\[0\]\[0\] = ∂L\/∂z₁\[0\] · x\[0\]/);
  const update = explain({ kind: 'update' }, ctx);
  assert.match(update.lines[0], /^W ← W − η · ∂L\/∂W: {2}W₂\[0\]\[0\] = /);
  for (const phase of phases) assert.ok(explain(phase, ctx).title.length > 5);
  engine.free();
});

test('a dead neuron’s gate says the gradient stops, and its error signal is zero', () => {
  const engine = new Engine({ networkShape: [2], seed: 3 });
  engine.setParams(0, [0.1, 0.1, 0.2, -0.3], [-50, 0.1]); // neuron 0 dead everywhere
  const trace = engine.trace(0);
  const snap = engine.snapshot();
  const ctx = { snap, trace, config: engine.config(), after: null, focus: () => 0 };
  const gate = explain({ kind: 'gate', layer: 0 }, ctx);
  assert.match(gate.note, /ReLU′\(z\) = 0/);
  assert.ok(gate.lines[0].endsWith('= 0'));
  assert.equal(snap.layers[0].deltas[0], 0);
  assert.equal(engine.stats().deadCount, 1);
  engine.free();
});

test('every explanation works for every activation and loss', () => {
  for (const config of CONFIGS) {
    const { engine, trace, snap, config: c } = traced(config);
    for (const phase of explainPhases(snap.layers.length)) {
      const text = explain(phase, { snap, trace, config: c, after: snap, focus: (col) => (snap.sizes[col] > 1 ? 1 : 0) });
      for (const line of text.lines) assert.doesNotMatch(line, /undefined|NaN/, `${phase.kind}: ${line}`);
    }
    engine.free();
  }
});

test('the story runs forward, then the loss, then backward from the output layer to the first', () => {
  const timeline = buildTimeline(3, 100);
  assert.deepEqual(
    timeline.map((p) => `${p.kind}${p.layer}`),
    ['forward0', 'forward1', 'forward2', 'loss2', 'backward2', 'backward1', 'backward0', 'update-1'],
  );
  assert.equal(duration(timeline), 800);
  assert.deepEqual(phaseAt(timeline, 450), { index: 4, phase: timeline[4], progress: 0.5 });
  assert.equal(phaseAt(timeline, 800), null);
  assert.equal(pulseRadius(0, 1, 8), 0, 'a zero signal (a dead ReLU) sends no pulse');
  assert.equal(pulseRadius(1, 1, 8), 8);
  assert.ok(pulseRadius(0.01, 1, 8) > 0 && pulseRadius(0.01, 1, 8) < pulseRadius(0.1, 1, 8));
  const a = { x: 0, y: 0 };
  const b = { x: 100, y: 50 };
  assert.deepEqual(edgePoint(a, b, 10, 0), { x: 10, y: 0 });
  assert.deepEqual(edgePoint(a, b, 10, 1), { x: 90, y: 50 });
});

test('the gradient chart is a log scale whose bars differ as the values do', () => {
  assert.equal(logHeight(1, 90), 90);
  assert.equal(logHeight(1e-9, 90), 0);
  assert.equal(logHeight(1e-6, 90), 30);
  assert.equal(logHeight(0, 90), 0);
  const bars = gradientBars([1e-7, 1e-4, 1e-1], { left: 0, top: 0, width: 300, height: 90 });
  assert.deepEqual(bars.map((b) => Math.round(b.h)), [20, 50, 80]);
  assert.ok(bars[0].x < bars[1].x && bars[1].x < bars[2].x, 'input side on the left');
  assert.equal(decadesSpanned([1e-7, 1e-4, 1e-1]), 6);
  assert.equal(num(-0.0243), '−0.0243');
  assert.equal(factor(-2), '(−2)');
  assert.equal(num(3.2e-7), '3.2·10⁻⁷');
});
