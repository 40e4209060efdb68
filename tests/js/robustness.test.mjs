// Nothing breaks the core from JS: panics are contained and recoverable, memory stays flat, every
// optimiser's divergence is caught and restorable, and requests beyond a bound are refused by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, failureMessage, isCoreFailure, resetEngine, wasmMemory } from './wasm.mjs';
import workloads from '../../bench/workloads.json' with { type: 'json' };

const BIG = { ...workloads.common, ...workloads.workloads.big };

test('a panic throws an Error naming it, and a reset gives a fresh instance that trains the same', async () => {
  const ordinary = new Error('networkShape: 40 neurons; at most 32');
  assert.equal(isCoreFailure(ordinary), false, 'bad input is not a failure');
  const before = new Engine({ seed: 5 });
  const link = before.link(true);
  before.step(7);
  const lossBefore = before.stats().trainLoss;
  const weightsBefore = before.view('weights', 0).slice();
  let caught = null;
  try {
    before.panicForTests();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, 'the panic reaches JS as an exception');
  assert.equal(isCoreFailure(caught), true);
  assert.match(failureMessage(caught), /deliberate panic/);
  assert.equal(isCoreFailure(ordinary), true, 'after a failure every error of the instance is one');
  // The panic left the object borrowed: a later call fails, and counts as a failure too.
  assert.throws(() => before.stats(), (e) => isCoreFailure(e));
  before.forget();

  await resetEngine();
  assert.equal(isCoreFailure(ordinary), false, 'a fresh instance starts healthy');
  // The link saved before the panic rebuilds that state in the new instance: the same 7 steps
  // give the same loss and weights as they did in the old one.
  const again = Engine.fromLink(link);
  again.step(7);
  assert.equal(again.stats().trainLoss, lossBefore);
  assert.deepEqual(again.view('weights', 0), weightsBefore);
  again.free();
});

test('wasm memory stays flat over a million training steps on big, with the UI’s reads in between', () => {
  const engine = new Engine(BIG);
  const resolutions = [64, 24];
  const round = () => {
    engine.step(25_000);
    engine.stats();
    for (let node = -1; node < 10; node++) engine.heatmap(node, resolutions[node & 1]);
    engine.trace(engine.nextSample());
    engine.link(true);
  };
  round(); // every buffer and cache has now been allocated once
  const bytes = wasmMemory().buffer.byteLength;
  let steps = 0;
  while (steps < 1_000_000) {
    round();
    steps += 25_000;
  }
  assert.equal(engine.stats().step, 1_025_000);
  assert.equal(wasmMemory().buffer.byteLength, bytes, 'the memory did not grow');
  engine.free();
});

// SGD and momentum at η = 10 overflow; Adam's steps are bounded by η, so it may stay finite. Either
// way no NaN or ∞ may pass silently: a divergence is caught at its step and restorable.
for (const optimizer of ['sgd', 'momentum', 'adam']) {
  test(`a learning rate of 10 with ${optimizer} (and L1 at 10): no silent NaN, divergence caught and restorable`, () => {
    for (const extra of [{}, { regularization: 'L1', regularizationRate: 10 }]) {
      const what = `${optimizer} ${JSON.stringify(extra)}`;
      const engine = new Engine({ optimizer, learningRate: 10, networkShape: [8, 8], outputActivation: 'linear', ...extra });
      const ran = engine.step(5000);
      const s = engine.stats();
      const params = () => engine.sizes.slice(1).flatMap((_, l) => [...engine.view('weights', l), ...engine.view('biases', l)]);
      if (optimizer !== 'adam') assert.equal(s.diverged, true, `${what} diverges`);
      if (!s.diverged) {
        assert.equal(ran, 5000);
        assert.ok(Number.isFinite(s.trainLoss) && params().every(Number.isFinite), `${what}: not diverged means finite`);
        engine.free();
        continue;
      }
      assert.equal(s.divergedAtStep, ran, `${what}: reported at the step it stopped`);
      assert.equal(engine.step(10), 0, 'nothing trains until restore');
      assert.equal(engine.restore(), true);
      const back = engine.stats();
      assert.equal(back.diverged, false);
      assert.ok(Number.isFinite(back.trainLoss), 'restored weights give a finite loss');
      assert.ok(params().every(Number.isFinite));
      engine.free();
    }
  });
}

test('a huge weight typed into the editor is caught at the next step and restorable', () => {
  const engine = new Engine({ networkShape: [4], seed: 9 });
  engine.step(5);
  const weights = engine.view('weights', 0).slice();
  weights[0] = 3e38;
  engine.setParams(0, weights, engine.view('biases', 0).slice());
  engine.step(50);
  const s = engine.stats();
  assert.equal(s.diverged, true);
  assert.ok(s.divergedAtStep > 5);
  assert.equal(engine.restore(), true);
  assert.ok(engine.view('weights', 0).every(Number.isFinite));
  assert.throws(() => engine.setParams(0, weights.map(() => NaN), engine.view('biases', 0)), /finite|number/i, 'NaN is refused outright');
  engine.free();
});

test('softmax with cross-entropy at saturated outputs gives finite losses and gradients', () => {
  const engine = new Engine({ problem: 'multiclass', classes: 3, dataset: 'blobs', outputActivation: 'softmax', loss: 'crossEntropy', networkShape: [4] });
  const weights = engine.view('weights', 1).slice().map((w, k) => (k % 2 ? 1e4 : -1e4));
  engine.setParams(1, weights, engine.view('biases', 1).slice());
  engine.computeNextBatchGradients();
  const s = engine.stats();
  assert.ok(Number.isFinite(s.trainLoss) && s.trainLoss > 0, `loss ${s.trainLoss}`);
  for (const kind of ['deltas', 'weightGrads']) assert.ok(engine.view(kind, 1).every(Number.isFinite), kind);
  engine.free();
});

test('every size beyond its bound is refused with a message naming it', () => {
  const engine = new Engine({});
  const refusals = [
    [{ networkShape: Array(17).fill(2) }, /networkShape/],
    [{ networkShape: [33] }, /networkShape/],
    [{ classes: 9, problem: 'classification' }, /classes/],
    [{ numPoints: 2001 }, /numPoints/],
    [{ numPoints: 9 }, /numPoints/],
    [{ batchSize: 10_000 }, /batchSize/],
    [{ learningRate: 11 }, /learningRate/],
    [{ regularizationRate: 11 }, /regularizationRate/],
  ];
  for (const [changes, name] of refusals) assert.throws(() => engine.setConfig(changes), name, JSON.stringify(changes));
  assert.throws(() => engine.heatmap(-1, 257), /resolution 257/);
  assert.throws(() => engine.heatmap(-1, 0), /resolution 0/);
  assert.throws(() => Engine.featureHeatmap('x', 100_000), /resolution 100000/);
  const tooMany = new Float32Array(2 * 2001);
  assert.throws(() => engine.setData(tooMany, new Float32Array(2001), new Float32Array(0), new Float32Array(0)), /2001 points/);
  engine.free();
});

test('no code of the page can turn text into markup: no HTML sink anywhere in www/', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const root = new URL('../../www/', import.meta.url);
  const files = readdirSync(root, { recursive: true })
    .filter((f) => /\.(m?js|html)$/.test(f) && !f.startsWith('pkg'))
    .map((f) => [f, readFileSync(new URL(f, root), 'utf8')]);
  assert.ok(files.length > 20, `${files.length} files scanned`);
  const sinks = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|srcdoc|new Function)\b|(?<!-)\beval\(|\son[a-z]+\s*=\s*["']/;
  for (const [name, text] of files) assert.doesNotMatch(text, sinks, name);
});
