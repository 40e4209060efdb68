// `make bench`: the playground's speed, measured side by side in one run.
//  1. Epochs per second on three workloads: the wasm module (Node, the same V8 as Chromium), the
//     same core natively, and a plain-JavaScript reference trainer; and the loss each reaches
//     after 100 epochs from the same initial weights (without shuffling, so the order agrees).
//  2. The compute of one UI frame on *big*: an epoch, every neuron's heatmap at the page's
//     resolution and the diagnostics, against one epoch of the JavaScript reference.
//  3. Page metrics in headless Chromium: first trained frame after navigation, frame intervals
//     while *big* trains and animates, and on the largest network; the wasm file's gzipped size.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { Engine, loadEngineSync } from '../www/js/engine.js';
import { heatmapResolutions } from '../www/js/frame.js';
import { ReferenceTrainer } from './reference.mjs';

const WASM = new URL('../www/pkg/backprop_playground_bg.wasm', import.meta.url);
loadEngineSync(readFileSync(WASM));
const { common, workloads } = JSON.parse(readFileSync(new URL('./workloads.json', import.meta.url), 'utf8'));
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median of 7 timed runs of at least 200 ms, after 20 warm-up runs of `epoch`. */
function perSecond(epoch) {
  for (let i = 0; i < 20; i++) epoch();
  const rates = [];
  for (let run = 0; run < 7; run++) {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < 200) {
      epoch();
      n++;
    }
    rates.push((n * 1000) / (performance.now() - start));
  }
  return median(rates);
}

function native(config, mode) {
  const args = Object.entries(config).map(([k, v]) => `${k}=${v}`);
  return Number(execFileSync('target/native/examples/bench', [...args, `mode=${mode}`], { encoding: 'utf8' }).trim());
}

/** A JavaScript reference trainer with the engine's initial weights and training data. */
function reference(engine, config) {
  const sizes = engine.sizes;
  const params = [];
  for (let l = 0; l + 1 < sizes.length; l++) params.push(...engine.view('weights', l), ...engine.view('biases', l));
  const points = engine.trainPoints();
  const inputs = [];
  const targets = [];
  for (let k = 0; k < points.length; k += 3) inputs.push(points[k], points[k + 1]), targets.push(points[k + 2]);
  return new ReferenceTrainer({
    sizes, hidden: config.activation, params: Float64Array.from(params), inputs, targets,
    batchSize: Number(config.batchSize), learningRate: Number(config.learningRate), shuffle: config.shuffle !== 'false',
  });
}

const rows = [];
const losses = [];
let bigReferenceEpochMs = 0;
for (const [name, extra] of Object.entries(workloads)) {
  const config = { ...common, ...extra };
  const engine = new Engine(config);
  const js = reference(engine, config);
  const wasmRate = perSecond(() => engine.epoch());
  const jsRate = perSecond(() => js.epoch());
  const nativeRate = native(config, 'speed');
  engine.free();
  if (name === 'big') bigReferenceEpochMs = 1000 / jsRate;
  rows.push({ name, shape: `2-${String(config.networkShape).replaceAll(',', '-')}-1 ${config.activation}`, wasmRate, nativeRate, jsRate });
  // The same loss after 100 epochs from the same initial weights, in the same order.
  const fixed = { ...config, shuffle: 'false' };
  const e2 = new Engine(fixed);
  const j2 = reference(e2, fixed);
  for (let i = 0; i < 100; i++) e2.epoch(), j2.epoch();
  losses.push({ name, wasm: e2.stats().trainLoss, native: native(fixed, 'loss'), js: j2.loss() });
  e2.free();
}

// One UI frame of compute on *big*: an epoch, every neuron's heatmap, the diagnostics.
const big = new Engine({ ...common, ...workloads.big });
const { plot, thumb } = heatmapResolutions(big.sizes);
const nodes = big.sizes.reduce((a, b) => a + b, 0);
const frameMs = median(
  Array.from({ length: 15 }, () => {
    const t0 = performance.now();
    big.epoch();
    big.heatmap(-1, plot);
    for (let n = 0; n < nodes; n++) big.heatmap(n, thumb);
    big.stats();
    return performance.now() - t0;
  }),
);
big.free();

const page = process.argv.includes('--no-browser') ? null : await (await import('./page.mjs')).measurePage({ common, big: workloads.big });
const gzipKb = gzipSync(readFileSync(WASM)).length / 1024;

const f = (x, d = 0) => x.toFixed(d);
console.log(`\nBackprop Playground benchmark — ${cpus()[0].model.trim()}, ${cpus().length} cores, Node ${process.version}\n`);
console.log('Epochs per second (500-point circle, 250 training points, batch 10, SGD η = 0.03, MSE, tanh output), median of 7 runs:\n');
console.log('| workload | network | wasm | native | plain JS | wasm ÷ JS (target) | native ÷ wasm (target ≤ 1.5) |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const target = r.name === 'default' ? '≥ 2' : '≥ 3';
  console.log(`| ${r.name} | ${r.shape} | ${f(r.wasmRate)} | ${f(r.nativeRate)} | ${f(r.jsRate)} | ${f(r.wasmRate / r.jsRate, 2)}× (${target}) | ${f(r.nativeRate / r.wasmRate, 2)}× |`);
}
console.log('\nTraining loss after 100 epochs from the same initial weights (no shuffling):\n');
console.log('| workload | wasm | native | plain JS |');
console.log('|---|---:|---:|---:|');
for (const l of losses) console.log(`| ${l.name} | ${l.wasm.toFixed(6)} | ${l.native.toFixed(6)} | ${l.js.toFixed(6)} |`);
console.log('\n| measurement | value | target |');
console.log('|---|---:|---|');
console.log(`| one *big* UI frame of compute (epoch + ${nodes} heatmaps at ${thumb}² and the plot at ${plot}² + diagnostics) | ${f(frameMs, 2)} ms = ${f(frameMs / bigReferenceEpochMs, 1)}× a JS *big* epoch | ≤ 6× |`);
if (page) {
  console.log(`| first trained frame after navigation (*big*, autoplay) | ${f(page.firstTrainedMs)} ms | ≤ 1000 ms |`);
  console.log(`| frame interval while *big* trains and animates, p95 (median) | ${f(page.bigP95, 1)} ms (${f(page.bigMedian, 1)}) | ≤ 20 ms |`);
  console.log(`| frame interval on the largest network (16 × 32, 2000 points), p95 (median) | ${f(page.largestP95, 1)} ms (${f(page.largestMedian, 1)}) | ≤ 50 ms |`);
}
console.log(`| wasm file, gzipped | ${f(gzipKb, 1)} KB | < 150 KB |`);
for (const l of losses) {
  const spread = Math.max(l.wasm, l.native, l.js) / Math.min(l.wasm, l.native, l.js) - 1;
  if (!(spread < 0.01)) {
    console.error(`\n${l.name}: the implementations disagree after 100 epochs (${(spread * 100).toFixed(2)} %)`);
    process.exitCode = 1;
  }
}
