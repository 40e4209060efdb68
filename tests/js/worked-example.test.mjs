// The published hand-worked example through the wasm API, as the page drives it: configuration,
// setData with interleaved targets, setParams, step(1), and the buffers read back.
// Matt Mazur, "A Step by Step Backpropagation Example" (2015); the numbers are restated here from
// the article (the reference), not read from the page's copy. Mazur's w1…w8 → W[layer][i][j]:
// layer 0 = [w1, w2, w3, w4], layer 1 = [w5, w6, w7, w8] (w5: h1→o1, w6: h2→o1, w7: h1→o2).
// The core is f32: a number matches when within half a unit of its last published digit plus
// 4 f32 ulps of its size. Mazur does not update biases (we do), so the weights are compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from './wasm.mjs';
import { MAZUR, splitRows } from '../../www/js/worked-examples.js';

const F32_EPSILON = 2 ** -23;

function close(name, ours, text) {
  const published = Number(text);
  const decimals = text.split('.')[1]?.length ?? 0;
  const tolerance = 0.5 * 10 ** -decimals + 4 * F32_EPSILON * Math.abs(published);
  assert.ok(Math.abs(ours - published) <= tolerance, `${name}: ours ${ours}, published ${text}`);
}

function mazurEngine() {
  const engine = new Engine(MAZUR.config);
  assert.deepEqual(engine.sizes, [2, 2, 2]);
  const { points, labels } = splitRows(MAZUR.points);
  engine.setData(points, labels, new Float32Array(0), new Float32Array(0));
  MAZUR.layers.forEach(({ weights, biases }, l) => engine.setParams(l, weights, biases));
  return engine;
}

test("Mazur's 2-2-2 example reproduces its published numbers through the wasm API", () => {
  const engine = mazurEngine();
  assert.equal(engine.step(1), 1);
  // The network's inputs are the example's own (identity features x, y).
  assert.deepEqual(Array.from(engine.inputs()), [Math.fround(0.05), Math.fround(0.1)]);
  const hidden = engine.view('activations', 0);
  const out = engine.view('activations', 1);
  close('net_h1', engine.view('preActivations', 0)[0], '0.3775');
  close('out_h1', hidden[0], '0.593269992');
  close('out_h2', hidden[1], '0.596884378');
  close('out_o1', out[0], '0.75136507');
  close('out_o2', out[1], '0.772928465');
  close('∂E/∂w5', engine.view('weightGrads', 1)[0], '0.082167041');
  close('E_total', engine.stats().batchLoss, '0.298371109');
  const published = [
    ['0.149780716', '0.19956143', '0.24975114', '0.29950229'],
    ['0.35891648', '0.408666186', '0.511301270', '0.561370121'],
  ];
  published.forEach((row, l) => row.forEach((text, k) => close(`w${4 * l + k + 1}+`, engine.view('weights', l)[k], text)));
  engine.free();
});

test('the example survives its own link and CSV, with both targets of every point', () => {
  const engine = mazurEngine();
  assert.match(engine.exportCsv(), /^x,y,t0,t1\n0\.05,0\.1,0\.01,0\.99\n$/);
  const link = engine.link(true);
  assert.match(link, /&outputs=2&/);
  assert.match(link, /&train=1&data=x,y,t0,t1%0A0\.05,0\.1,0\.01,0\.99%0A/);
  const back = Engine.fromLink(link);
  assert.deepEqual(back.linkReport().errors, []);
  assert.equal(back.exportCsv(), engine.exportCsv());
  for (const l of [0, 1]) assert.deepEqual(back.view('weights', l), engine.view('weights', l));
  // Stepping the opened link gives the same step.
  engine.step(1);
  back.step(1);
  for (const l of [0, 1]) assert.deepEqual(back.view('weights', l), engine.view('weights', l));
  engine.free();
  back.free();
});

test('setData takes a target per output, interleaved, and names a bad shape or value', () => {
  const engine = new Engine({ ...MAZUR.config, outputs: 3 });
  const xy = Float32Array.from([0, 0, 1, 1]);
  assert.throws(() => engine.setData(xy, Float32Array.from([1, 2]), new Float32Array(0), new Float32Array(0)), /3 labels, interleaved/);
  assert.throws(() => engine.setData(xy, Float32Array.from([1, 2, 3, 4, 5, 2e7]), new Float32Array(0), new Float32Array(0)), /point 1: label 20000000 \(output 2\)/);
  engine.setData(xy, Float32Array.from([1, 2, 3, -4, -5, 600]), new Float32Array(0), new Float32Array(0));
  assert.equal(engine.exportCsv(), 'x,y,t0,t1,t2\n0,0,1,2,3\n1,1,-4,-5,600\n');
  // One output keeps the old shape: a label a point.
  const one = new Engine({ problem: 'regression' });
  one.setData(xy, Float32Array.from([0.5, -0.5]), new Float32Array(0), new Float32Array(0));
  assert.equal(one.exportCsv(), 'x,y,label\n0,0,0.5\n1,1,-0.5\n');
  engine.free();
  one.free();
});
