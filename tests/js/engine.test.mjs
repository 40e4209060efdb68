import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUFFERS, Engine, wasmMemory } from './wasm.mjs';

test('views equal the values written through setParams and follow training', () => {
  const engine = new Engine({ networkShape: [3], seed: 2 });
  assert.deepEqual(engine.sizes, [2, 3, 1]);
  const weights = Float32Array.from([0.5, -0.25, 0.75, 1, -1, 0.125]);
  engine.setParams(0, weights, [0.1, 0.2, 0.3]);
  assert.deepEqual(engine.view('weights', 0), weights);
  const live = engine.view('weights', 0);
  const copy = live.slice();
  engine.step(3);
  assert.notDeepEqual(live, copy, 'a view is the memory itself, so it shows the update');
  engine.free();
});

test('stale views are re-created after memory growth', () => {
  const engine = new Engine({ seed: 3 });
  const view = engine.view('deltas', 1);
  engine.step(1);
  const copy = view.slice();
  wasmMemory().grow(2);
  assert.equal(view.byteLength, 0, 'growth detaches the old view');
  const fresh = engine.view('deltas', 1);
  assert.notEqual(fresh, view);
  assert.equal(fresh.buffer, wasmMemory().buffer);
  assert.deepEqual(fresh, copy);
  assert.equal(engine.view('deltas', 1), fresh, 'a valid view is reused');
  engine.free();
});

test('a rebuild drops every cached view and layer size', () => {
  const engine = new Engine({});
  const before = engine.view('weights', 0);
  assert.equal(engine.setConfig({ learningRate: 0.3 }).rebuilt, false);
  assert.equal(engine.view('weights', 0), before, 'a live setting keeps the network and its views');
  assert.equal(engine.setConfig({ networkShape: '5,5,5' }).rebuilt, true);
  assert.deepEqual(engine.sizes, [2, 5, 5, 5, 1]);
  assert.equal(engine.view('weights', 0).length, 10);
  for (const kind of BUFFERS) assert.ok(engine.view(kind, 3).length > 0, kind);
  engine.free();
});

test('invalid settings throw Errors that name the field, and change nothing', () => {
  assert.throws(() => new Engine({ networkShape: [40] }), /^Error: networkShape: \[40\].*1 to 32/);
  assert.throws(() => new Engine({ colour: 'red' }), /colour: unknown field/);
  const engine = new Engine({});
  assert.throws(() => engine.setConfig({ learningRate: -1 }), /learningRate: -1 is not allowed; use a number from 0 to 10/);
  assert.equal(engine.config().learningRate, 0.1);
  assert.throws(() => engine.setConfig({ activation: '<b>x</b>' }), /activation: "<b>x<\/b>" is not allowed/);
  assert.throws(() => engine.view('nonsense', 0), /no buffer named nonsense/);
  assert.throws(() => engine.view('weights', 9), /layer 9 does not exist/);
  engine.free();
});

test('computeGradients and applyGradients are separate visible phases', () => {
  const engine = new Engine({ networkShape: [2] });
  const before = engine.view('weights', 0).slice();
  const loss = engine.computeGradients([1, 2, -1, 0.5], [1, 0]);
  assert.ok(loss > 0);
  assert.deepEqual(engine.view('weights', 0), before);
  assert.deepEqual(Array.from(engine.inputs()), [-1, 0.5], 'the last sample stays in the buffers');
  const grads = engine.view('weightGrads', 0).slice();
  engine.applyGradients();
  const lr = Math.fround(engine.config().learningRate);
  engine.view('weights', 0).forEach((w, i) => assert.equal(w, Math.fround(before[i] - Math.fround(lr * grads[i]))));
  engine.free();
});

test('setData replaces the data and rejects bad points by name', () => {
  const engine = new Engine({});
  engine.setData([1, 1, -2, 3], [1, -1], [0, 0], [1]);
  assert.deepEqual(Array.from(engine.trainPoints()), [1, 1, 1, -2, 3, -1]);
  assert.throws(() => engine.setData([9, 0], [1], [], []), /trainPoints: point 0: x = 9 is outside \[−6, 6\]/);
  assert.throws(() => engine.setData([1, 0], [2], [], []), /trainLabels/);
  assert.throws(() => engine.setData([1, 0, 2], [1], [], []), /trainPoints: 3 coordinates for 1 labels/);
  engine.free();
});

test('a learning rate of 10 diverges, is reported, and restore brings finite weights back', () => {
  const engine = new Engine({ learningRate: 10, networkShape: [8, 8], outputActivation: 'linear' });
  const ran = engine.step(1000);
  const s = engine.stats();
  assert.equal(s.diverged, true);
  assert.equal(s.divergedAtStep, ran);
  assert.equal(engine.restore(), true);
  assert.ok(engine.view('weights', 1).every(Number.isFinite));
  assert.equal(engine.stats().diverged, false);
  engine.free();
});

test('trace and heatmap describe one sample and the whole plane', () => {
  const engine = new Engine({ dataset: 'blobs', classes: 4 });
  const t = engine.trace(5);
  assert.equal(t.index, 5);
  assert.equal(t.target.length, 4);
  assert.equal(t.target.reduce((a, b) => a + b), 1, 'one-hot target');
  assert.ok(Math.abs(t.output.reduce((a, b) => a + b) - 1) < 1e-6, 'softmax outputs sum to 1');
  assert.deepEqual(Array.from(engine.view('activations', 2)), t.output);
  const pixels = engine.heatmap(-1, 10);
  assert.equal(pixels.length, 400);
  assert.ok(pixels.every((v, i) => i % 4 !== 3 || v === 255), 'opaque');
  assert.throws(() => engine.heatmap(99, 10), /node 99 does not exist/);
  assert.throws(() => engine.heatmap(0, 1000), /resolution 1000 is not allowed/);
  engine.free();
});

test('random seeds are whole numbers a link can carry', () => {
  const a = Engine.randomSeed();
  assert.ok(Number.isSafeInteger(a) && a >= 0);
  assert.notEqual(a, Engine.randomSeed());
});

test('the page’s palette is the core’s (the JS copy colours points and edges)', async () => {
  const { diverging } = await import('../../www/js/colors.js');
  // Feature x over a 4-cell row spans −0.75..0.75 of its scale: the core's pixels for it must be
  // the JS palette's colours for the same values.
  const pixels = Engine.featureHeatmap('x', 4);
  [-0.75, -0.25, 0.25, 0.75].forEach((v, c) => {
    assert.deepEqual(Array.from(pixels.slice(4 * c, 4 * c + 3)), diverging(v), `x = ${v}`);
  });
});
