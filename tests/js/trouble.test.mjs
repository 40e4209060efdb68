// Trouble in training (trouble.js) and the learning rate's other views in Node: the detector on
// made-up readings and on real runs of the core (every preset at its own η: no alarm; η = 10 on
// the default network and the diverging preset: trouble, and restore brings back the best
// weights), the comparison's rates and verdicts, and the landscape's window and grid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from './wasm.mjs';
import { restoreLabel, troubleMessage, TroubleDetector } from '../../www/js/trouble.js';
import { compareRates, rateName, verdict } from '../../www/js/compare.js';
import { band, gridPairs, gridSize, landscapeWindow } from '../../www/js/landscape.js';

const reading = (step, trainLoss, extra = {}) => ({ step, trainLoss, weightGradRms: [0.01, 0.01], dead: [[false]], diverged: false, bestLoss: null, bestStep: 0, ...extra });

/** Feeds readings; returns the first trouble told. */
function feed(readings, batchSize = 10) {
  const d = new TroubleDetector();
  for (const r of readings) {
    const t = d.observe(r, batchSize);
    if (t) return t;
  }
  return null;
}

test('a falling loss is no trouble; a loss rising far above its best is exploding, from where it left the best', () => {
  let best = Infinity;
  const falling = Array.from({ length: 50 }, (_, k) => {
    const loss = 0.5 * 0.9 ** k * (1 + 0.2 * Math.sin(k)); // noisy but falling
    best = Math.min(best, loss);
    return reading(10 * k, loss, { bestLoss: best });
  });
  assert.equal(feed(falling), null);
  const blowUp = [reading(0, 0.5, { bestLoss: 0.5 }), reading(10, 0.2, { bestLoss: 0.2 }), reading(20, 0.3, { bestLoss: 0.2 }), reading(30, 5, { bestLoss: 0.2 }), reading(40, 3e5, { bestLoss: 0.2, bestStep: 10 })];
  const t = feed(blowUp);
  assert.deepEqual(t, { kind: 'exploding', step: 20, loss: 3e5, bestLoss: 0.2, bestStep: 10 });
  assert.match(troubleMessage(t, 3), /exploding since step 20: the loss grew from 0\.200 to 3\.00e\+5/);
  assert.equal(restoreLabel(t), 'Restore the best weights (step 10, loss 0.200)');
  // One spike that falls back is not an explosion.
  assert.equal(feed([reading(0, 0.5, { bestLoss: 0.5 }), reading(10, 0.1, { bestLoss: 0.1 }), reading(20, 0.9, { bestLoss: 0.1 }), reading(30, 0.1, { bestLoss: 0.1 })]), null);
});

test('nearly every sample without a weight gradient, far from a fit, is a stall; not at step 0, nor with a whole layer dead', () => {
  const still = (step, extra = {}) => reading(step, 0.1, { weightGradRms: [1e-9, 0], bestLoss: 0.05, bestStep: 40, ...extra });
  const moving = (step) => reading(step, 0.1, { bestLoss: 0.05 });
  const start = reading(0, 0.13, { weightGradRms: [0, 0] });
  // Batches of 10: half of six readings still means 0.5^(1/10) ≈ 93 % of the samples give nothing.
  const t = feed([start, moving(25), still(50), moving(75), still(100), moving(125), still(150)]);
  assert.equal(t.kind, 'stalled');
  assert.equal(t.step, 50, 'from the first still reading in view');
  assert.match(troubleMessage(t, 10, { deadCount: 1, hiddenCount: 6 }), /stalled at step 50: the loss is 0\.100, yet nearly every training sample .*1 of 6 hidden neurons are dead/);
  assert.equal(feed([start, moving(25), moving(50), still(75), moving(100), moving(125), still(150)]), null, 'two of six: most samples still learn');
  assert.equal(feed([start, still(10), still(20), still(30), still(40), still(50), still(60)]), null, 'too short a stretch (steps)');
  // One sample per batch: a ReLU network often gives one sample no gradient at all.
  const single = Array.from({ length: 80 }, (_, k) => (k % 3 ? still(10 * (k + 1)) : moving(10 * (k + 1))));
  assert.equal(feed([start, ...single], 1), null, 'batches of 1: two in three still is not 90 % of samples');
  assert.equal(feed([start, ...[50, 100, 150, 200, 250, 300].map((s) => still(s, { dead: [[true, true]] }))]), null, 'the dead-neuron callout tells that');
  assert.equal(feed([reading(0, 0.13), ...[50, 100, 150, 200, 250, 300].map((s) => still(s, { trainLoss: 0.001 }))]), null, 'near a fit, ~0 gradients are right');
});

test('a non-finite loss is a divergence at its step; told once until the detector starts over', () => {
  const d = new TroubleDetector();
  const t = d.observe(reading(66, Infinity, { diverged: true, divergedAtStep: 66, bestLoss: 0.19, bestStep: 0 }));
  assert.equal(t.kind, 'diverged');
  assert.equal(t.step, 66);
  assert.match(troubleMessage(t, 3), /^Training diverged at step 66/);
  assert.equal(d.observe(reading(67, Infinity, { diverged: true, divergedAtStep: 66 })), null);
  d.forget();
  assert.equal(d.observe(reading(0, 0.19)), null);
});

/** Trains `config`, reading the statistics every `every` steps; returns { trouble, engine, lowest }. */
function watch(config, { every = 25, steps = 5000 } = {}) {
  const engine = new Engine(config);
  const d = new TroubleDetector();
  const batch = engine.config().batchSize;
  let lowest = engine.stats().trainLoss;
  let trouble = d.observe(engine.stats(), batch);
  while (!trouble && engine.stats().step < steps) {
    engine.step(every);
    const s = engine.stats();
    if (Number.isFinite(s.trainLoss)) lowest = Math.min(lowest, s.trainLoss);
    trouble = d.observe(s, batch);
  }
  return { trouble, engine, lowest };
}

test('every preset trains at its own learning rate without a false alarm (but the diverging one)', () => {
  for (const preset of Engine.presets().map((p) => p.name)) {
    for (const every of [25, 150]) {
      const { trouble, engine } = watch({ preset }, { every, steps: 3000 });
      if (preset === 'learningRateTooLarge') assert.ok(['exploding', 'diverged'].includes(trouble?.kind), `${preset}: ${trouble?.kind}`);
      else assert.equal(trouble, null, `${preset} (a reading every ${every} steps): ${JSON.stringify(trouble)}`);
      engine.free();
    }
  }
});

test('η = 10 on the default network gets into trouble, and restore brings the loss back within 2× of the lowest seen', () => {
  for (const config of [{ learningRate: 10 }, { preset: 'learningRateTooLarge' }]) {
    const { trouble, engine, lowest } = watch(config);
    assert.ok(trouble, `${JSON.stringify(config)}: trouble`);
    const s = engine.stats();
    assert.equal(engine.restore(), true);
    const back = engine.stats();
    assert.equal(back.diverged, false);
    assert.ok(back.trainLoss <= 2 * lowest, `${JSON.stringify(config)}: restored ${back.trainLoss}, lowest ${lowest}`);
    assert.equal(back.step, s.bestStep, 'back at the best step');
    engine.free();
  }
});

test('the comparison runs η/10, η and 10η, shifted inside the slider at its ends, and names what each did', () => {
  const limits = { min: 1e-5, max: 10 };
  assert.deepEqual(compareRates(0.1, limits), [0.01, 0.1, 1]);
  assert.deepEqual(compareRates(10, limits), [0.1, 1, 10]);
  assert.deepEqual(compareRates(1e-5, limits), [1e-5, 1e-4, 1e-3]);
  assert.equal(rateName(1, 0.1), 'yours × 10');
  assert.equal(rateName(0.1, 10), 'yours ÷ 100');
  const history = (train) => ({ history: { train }, trouble: null });
  assert.equal(verdict(history([0.5, 0.4, 0.1])), 'learning');
  assert.equal(verdict(history([0.5, 0.45])), 'barely moving');
  assert.equal(verdict({ ...history([0.5, 9]), trouble: { kind: 'exploding' } }), 'exploding');
});

test('the landscape window holds the path, its grid runs row by row from (a0, b0), and lower loss is a lower band', () => {
  const win = landscapeWindow([1, -2], [[1, -2], [4, -2.5], [0, -1]], 1);
  assert.deepEqual(win, { a0: 1 - 3.75, a1: 1 + 3.75, b0: -3.25, b1: -0.75 });
  const pairs = gridPairs({ a0: 0, a1: 2, b0: 10, b1: 12 }, 3);
  assert.deepEqual(Array.from(pairs.slice(0, 6)), [0, 10, 1, 10, 2, 10]);
  assert.deepEqual(Array.from(pairs.slice(-2)), [2, 12]);
  assert.ok(band(0.01, 0.01, 1) < band(0.5, 0.01, 1));
  assert.equal(band(Infinity, 0.01, 1), band(1, 0.01, 1));
  assert.equal(gridSize(0), 9);
  assert.equal(gridSize(8 / 400), 20);
  assert.equal(gridSize(1e-6), 31);
});

test('the core’s landscape at the current values is exactly the training loss (through the engine)', () => {
  const engine = new Engine({ seed: 4 });
  engine.step(200);
  const a = { layer: 0, index: 3, isBias: false };
  const b = { layer: 2, index: 0, isBias: true };
  const va = engine.view('weights', 0)[3];
  const vb = engine.view('biases', 2)[0];
  const [here] = engine.lossAt(a, b, new Float32Array([va, vb]));
  assert.equal(here, engine.stats().trainLoss);
  assert.throws(() => engine.lossAt(a, a, new Float32Array([0, 0])), /not two parameters/);
  engine.free();
});
