// The page's session (page/session.js) in Node: the only caller of the engine. A live setting
// crosses into the core once and tells only what changed; a rebuild starts the views over; a bad
// setting changes nothing; drawn data comes back with its notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coreCalls } from './wasm.mjs';
import { Session } from '../../www/js/page/session.js';

/** A session on a fresh engine, with a log of the events it told. */
function session(hash = '#v=1&seed=3') {
  const s = new Session();
  const told = [];
  for (const event of ['rebuilt', 'config', 'data', 'params', 'stats', 'diverged', 'playing']) s.on(event, (data) => told.push([event, data]));
  s.openLink(hash);
  told.length = 0;
  return { s, told };
}

/** The calls that crossed into the core while `run` ran, by method. */
const callsDuring = (run) => {
  const before = coreCalls();
  run();
  const after = coreCalls();
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => v !== (before[k] ?? 0)).map(([k, v]) => [k, v - (before[k] ?? 0)]));
};

test('a live setting crosses into the core once and tells only its own key', () => {
  const { s, told } = session();
  const calls = callsDuring(() => assert.equal(s.setConfig({ learningRate: 0.3 }), false));
  assert.deepEqual(calls, { setConfig: 1 }, 'one call: the config and the link come back with it');
  assert.equal(s.config.learningRate, 0.3);
  assert.match(s.link(false), /learningRate=0\.3/);
  assert.deepEqual(told.map(([e]) => e), ['config']);
  assert.deepEqual(told[0][1].keys, ['learningRate']);
});

test('a structural setting rebuilds: the views are told to start over, with the new sizes', () => {
  const { s, told } = session('#v=1&preset=deadRelu');
  assert.equal(s.preset, 'deadRelu');
  const network = s.network;
  assert.equal(s.setConfig({ networkShape: [5, 3] }), true);
  assert.deepEqual(s.sizes, [2, 5, 3, 1]);
  assert.equal(s.network, network + 1);
  assert.equal(s.preset, '', 'a rebuilt network is no preset\'s');
  assert.doesNotMatch(s.link(false), /preset=/);
  assert.deepEqual(told.map(([e]) => e).slice(0, 3), ['rebuilt', 'config', 'params']);
});

test('a bad setting throws by name and changes nothing', () => {
  const { s, told } = session();
  const before = structuredClone(s.config);
  assert.throws(() => s.setConfig({ learningRate: -1 }), /learningRate: -1 is not allowed/);
  assert.throws(() => s.setConfig({ networkShape: [[1]] }), /nested too deeply or cyclic/);
  assert.deepEqual(s.config, before);
  assert.deepEqual(told, []);
});

test('training moves the parameters; statistics and a divergence are told once', () => {
  const { s, told } = session('#v=1&preset=learningRateTooLarge');
  s.setPlaying(true);
  for (let k = 0; k < 200 && !s.stats?.diverged; k++) {
    s.trainEpoch(50);
    s.refreshStats();
  }
  assert.equal(s.stats.diverged, true);
  assert.equal(s.playing, false, 'a divergence stops training');
  s.refreshStats();
  assert.equal(told.filter(([e]) => e === 'diverged').length, 1, 'not again on a later look');
  // Play pressed anyway: training cannot go on, so it stops again and says so again.
  s.setPlaying(true);
  s.trainEpoch(50);
  s.refreshStats();
  assert.equal(s.playing, false);
  assert.equal(told.filter(([e]) => e === 'diverged').length, 2);
  s.restore();
  s.refreshStats();
  assert.equal(s.stats.diverged, false);
});

test('drawn data replaces the points, drops the preset and says when the batch was lowered', () => {
  const { s, told } = session('#v=1&preset=deadRelu&batchSize=10');
  const notice = s.setData({ points: new Float32Array([1, 1, -1, -1]), labels: new Float32Array([1, -1]) }, { points: new Float32Array(0), labels: new Float32Array(0) });
  assert.equal(notice, 'batchSize: 10 is more than the 2 training points, so it is now 2');
  assert.equal(s.train.length, 6);
  assert.equal(s.config.batchSize, 2);
  assert.equal(s.preset, '');
  assert.ok(told.some(([e]) => e === 'data'));
});

test('Paced trains one epoch per frame at most; Fast fills the budget; a bad speed is named', () => {
  const { s } = session('#v=1&seed=3');
  const perEpoch = s.stepsPerEpoch();
  const stepNow = () => s.engine.stats().step;
  s.trainEpoch(50);
  assert.equal(stepNow(), perEpoch, 'Paced: one epoch, although the budget held many');
  const speeds = [];
  s.on('speed', (v) => speeds.push(v));
  s.setSpeed('fast');
  s.setSpeed('fast');
  assert.deepEqual(speeds, ['fast'], 'told once');
  const t0 = performance.now();
  s.trainEpoch(20);
  const ms = performance.now() - t0;
  assert.ok(stepNow() - perEpoch > 5 * perEpoch, `Fast: many epochs in 20 ms (${stepNow() - perEpoch} steps)`);
  // Fast wants unboundedly many epochs: only the budget ends the call (the margin is for a loaded
  // machine's pauses; without the budget the call would not return at all).
  assert.ok(ms < 20 + 200, `stopped at the budget (took ${ms.toFixed(1)} ms)`);
  assert.throws(() => s.setSpeed('turbo'), /speed: "turbo" is not allowed; use paced or fast/);
  assert.equal(s.speed, 'fast');
});
