// Shared by the NumPy and PyTorch export tests: setups that cover every part of the generated
// scripts, each trained a little so its weights are its own, and a runner that reads back the
// losses a script prints.
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { Session } from '../../www/js/page/session.js';
import { pythonScript, pythonSetup } from '../../www/js/python-export.js';

const TRIG = ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY', 'cosX', 'cosY'];

export const SETUPS = [
  ['tanh hidden, tanh output, mse, every feature', { activation: 'tanh', outputActivation: 'tanh', features: TRIG }],
  ['relu hidden, sigmoid output, cross-entropy, residual', { networkShape: [4, 4, 4], activation: 'relu', outputActivation: 'sigmoid', loss: 'crossEntropy', residual: true }],
  ['residual from the inputs, sigmoid hidden, linear output', { networkShape: [2, 2], activation: 'sigmoid', outputActivation: 'linear', residual: true }],
  ['sigmoid output with mse, leaky relu, sin and cos', { activation: 'leakyRelu', outputActivation: 'sigmoid', features: ['sinX', 'cosY', 'x'] }],
  ['regression with two outputs of their own', { problem: 'regression', dataset: 'regGauss', outputs: 2, outputActivation: 'linear', activation: 'tanh' }, secondTarget],
  ['multiclass, softmax, cross-entropy', { problem: 'multiclass', dataset: 'blobs', classes: 4, outputActivation: 'softmax', loss: 'crossEntropy', activation: 'elu' }],
  ['multiclass, sigmoid outputs, mse, no hidden layer', { problem: 'multiclass', dataset: 'blobs', classes: 3, loss: 'mse', outputActivation: 'sigmoid', networkShape: [] }],
  ['no test points', { activation: 'relu' }, noTestPoints],
];

/** The data set's points again, each with a second target of its own (0.3 sin x). */
function secondTarget(s) {
  const rows = s.exportCsv().trim().split('\n');
  s.importCsv([rows[0], ...rows.slice(1).map((r) => {
    const [x, y, t0] = r.split(',').map(Number);
    return `${x},${y},${t0},${Math.fround(0.3 * Math.sin(x))}`;
  })].join('\n'));
}

/** Only the training points, as x, y, label triples. */
function noTestPoints(s) {
  const t = s.train;
  const points = new Float32Array(t.length / 3 * 2);
  const labels = new Float32Array(t.length / 3);
  for (let k = 0; k < labels.length; k++) [points[2 * k], points[2 * k + 1], labels[k]] = t.slice(3 * k, 3 * k + 3);
  s.setData({ points, labels }, { points: new Float32Array(0), labels: new Float32Array(0) });
}

/** A session on `changes`, trained `steps` steps; returns its exact stats and its setup. */
export function trained(changes, data = () => {}, steps = 150) {
  const s = new Session();
  s.openLink('#v=1&seed=5');
  s.setConfig(changes);
  data(s);
  s.trainFor(Infinity, steps);
  return { session: s, stats: s.exactStats(), setup: pythonSetup(s) };
}

/** Runs a script with `python`; returns what it printed (and fails on a Python error). */
export function run(python, script) {
  const result = spawnSync(python, ['-'], { input: script, encoding: 'utf8' });
  if (result.error) throw result.error;
  assert.equal(result.status, 0, `python failed:\n${result.stderr}`);
  assert.equal(result.stderr, '', 'no warning either');
  return result.stdout;
}

/** A printed loss ("training loss: 0.12"), or null for "none". */
export function printedLoss(output, name) {
  const m = output.match(new RegExp(`^${name} loss: (\\S+)`, 'm'));
  assert.ok(m, `no ${name} loss in:\n${output}`);
  return m[1] === 'none' ? null : Number(m[1]);
}

/** The script's losses equal the page's to 1e-5 relative, for every setup. */
export function checkDialect(python, dialect) {
  for (const [name, changes, data] of SETUPS) {
    const { stats, setup } = trained(changes, data);
    const output = run(python, pythonScript(setup, dialect));
    for (const [set, want] of [['training', stats.trainLoss], ['test', stats.testLoss]]) {
      const got = printedLoss(output, set);
      if (want === null) {
        assert.equal(got, null, `${name}: the ${set} set is empty`);
        continue;
      }
      assert.ok(Number.isFinite(got) && got > 0, `${name}: ${set} loss ${got}`);
      const rel = Math.abs(got - want) / Math.abs(want);
      assert.ok(rel <= 1e-5, `${name}: ${set} loss ${got} vs the page's ${want} (relative ${rel.toExponential(2)})`);
    }
  }
}
