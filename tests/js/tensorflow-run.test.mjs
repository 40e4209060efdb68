// TensorFlow Playground links replay TensorFlow Playground's own run: the same points, the same
// initial weights, the same losses epoch by epoch. The core opens each link as the page does (a
// small native example program; native and wasm are bit-identical, see trajectory.test.mjs) and is
// held against a float64 reference that follows its rules with its own random library
// (tensorflow-reference.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { tensorflowRun } from './tensorflow-reference.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const EPOCHS = [1, 10, 100];
const FEATURES = ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'];

/** The link TensorFlow Playground itself writes for a setup: every key of its state, in its order. */
function link(s) {
  const regression = s.problem === 'regression';
  const features = s.features ?? ['x', 'y'];
  const parts = [
    `activation=${s.activation ?? 'tanh'}`, `batchSize=${s.batchSize ?? 10}`,
    `dataset=${regression ? 'circle' : s.dataset}`, `regDataset=${regression ? { regPlane: 'reg-plane', regGauss: 'reg-gauss' }[s.dataset] : 'reg-plane'}`,
    `learningRate=${s.learningRate ?? 0.03}`, `regularizationRate=${s.regularizationRate ?? 0}`, `noise=${s.noise ?? 0}`,
    `networkShape=${(s.networkShape ?? [4, 2]).join(',')}`, `seed=${s.seed}`, 'showTestData=false', 'discretize=false',
    `percTrainData=${s.percTrainData ?? 50}`,
    ...FEATURES.map((f) => `${f}=${features.includes(f)}`), 'cosX=false', 'cosY=false',
    'collectStats=false', `problem=${s.problem ?? 'classification'}`, `initZero=${s.initZero ?? false}`, 'hideText=false',
  ];
  if (s.regularization) parts.push(`regularization=${s.regularization}`);
  return `#${parts.join('&')}`;
}

function core(setups) {
  const out = execFileSync('cargo', ['run', '--release', '--quiet', '--example', 'tensorflow_run', '--', ...EPOCHS.map(String)], {
    cwd: ROOT, encoding: 'utf8', input: setups.map(link).join('\n') + '\n', maxBuffer: 256 << 20,
  });
  return out.trim().split('\n').map((line) => JSON.parse(line));
}

const relative = (a, b) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
const f32 = Math.fround;

// Every data set with and without noise, then each rule that differs from ours: initZero, L1, L2,
// a batch size that does not divide the training set, other inputs, activations and splits.
const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'regPlane', 'regGauss'];
const SETUPS = [
  ...DATASETS.flatMap((dataset, k) => [0, 35].map((noise) => ({
    seed: ['0.59704', '0.13337', '0.84210', '0.00042', '0.5', 'course'][k] + (noise ? 'n' : ''),
    dataset, noise, problem: dataset.startsWith('reg') ? 'regression' : 'classification',
  }))),
  { seed: '0.31416', dataset: 'circle', initZero: true, learningRate: 0.1 },
  { seed: '0.27183', dataset: 'xor', regularization: 'L1', regularizationRate: 0.003, learningRate: 0.1, networkShape: [8, 4] },
  { seed: '0.27183', dataset: 'spiral', regularization: 'L1', regularizationRate: 0.03, learningRate: 0.03, features: FEATURES },
  { seed: '0.16180', dataset: 'gauss', regularization: 'L2', regularizationRate: 0.01, learningRate: 0.1, activation: 'relu' },
  { seed: '0.70711', dataset: 'circle', batchSize: 30, learningRate: 0.3, activation: 'sigmoid', networkShape: [6] },
  { seed: '0.70711', dataset: 'xor', batchSize: 7, percTrainData: 30, features: ['xTimesY', 'x'], networkShape: [] },
  { seed: '0.44444', dataset: 'regGauss', problem: 'regression', batchSize: 13, percTrainData: 70, activation: 'relu', learningRate: 0.01, networkShape: [8, 8, 4] },
  // Chaotic runs: TensorFlow Playground's own run, started from its points and weights rounded to
  // float32, is another run within 20–30 epochs (a mini-batch of one; η = 0.3 on this seed), or
  // within the first epoch (η = 3).
  { seed: '0.12345', dataset: 'spiral', noise: 10, batchSize: 1, learningRate: 0.03, features: ['x', 'y', 'sinX', 'sinY'], networkShape: [8, 8], chaotic: true },
  { seed: '0.59704', dataset: 'circle', learningRate: 0.3, chaotic: true },
  { seed: '0.59704', dataset: 'circle', learningRate: 3, chaotic: true },
];

const results = core(SETUPS);

SETUPS.forEach((setup, k) => {
  const name = link(setup).slice(1).split('&').filter((p) => /^(dataset|regDataset|noise|seed|initZero|regularization|batchSize|activation|percTrainData)=/.test(p) && !p.endsWith('=false')).join(' ');
  test(`${name}: its points, its initial weights, and its losses after ${EPOCHS.join(', ')} epochs`, () => {
    const ours = results[k];
    const theirs = tensorflowRun(setup, EPOCHS);
    assert.ok(ours.tensorflow, 'read as a TensorFlow Playground link');
    assert.deepEqual(ours.errors, []);
    assert.deepEqual(ours.features, theirs.features);
    for (const set of ['train', 'test']) {
      assert.equal(ours[set].length, theirs[set].length, `${set} points`);
      ours[set].forEach((p, i) => assert.deepEqual(p, theirs[set][i].map(f32), `${set} point ${i}`));
    }
    assert.deepEqual(ours.params, theirs.params.map(f32), 'initial parameters');
    // How chaotic the run is: how far TensorFlow Playground's own run moves when its start is
    // rounded to float32. A loss is held to the bound wherever that moves it by under a tenth of
    // the bound; past that no float32 program can follow it, and the setup must say `chaotic`.
    const rounded = tensorflowRun(setup, EPOCHS, { round32: true });
    for (const [i, epoch] of EPOCHS.entries()) {
      const bound = epoch === 1 ? 1e-5 : epoch === 10 ? 1e-4 : 1e-3;
      for (const set of ['train', 'test']) {
        const [a, b] = [ours.losses[i][set], theirs.losses[i][set]];
        const sensitivity = relative(rounded.losses[i][set], b);
        if (epoch === 1 && !setup.chaotic) assert.ok(sensitivity < bound / 10, `epoch 1 is not chaotic (${sensitivity})`);
        if (epoch === 100 && set === 'train') assert.equal(sensitivity >= bound / 10, !!setup.chaotic, `chaotic: its own run moves by ${sensitivity.toExponential(2)}`);
        if (sensitivity >= bound / 10) continue;
        assert.ok(relative(a, b) <= bound, `${set} loss after epoch ${epoch}: ${a}, TensorFlow Playground's ${b} (relative ${relative(a, b).toExponential(2)} > ${bound})`);
      }
    }
    if (!setup.chaotic) {
      // The same links dead (L1 sets them to exactly 0 and freezes them), the rest close.
      const zeros = (params) => params.flatMap((v, i) => (v === 0 ? [i] : []));
      assert.deepEqual(zeros(ours.last), zeros(theirs.last), 'weights at exactly zero after 100 epochs');
      if (setup.regularization === 'L1') assert.ok(zeros(theirs.last).length > 0, 'L1 killed links');
    }
  });
});
