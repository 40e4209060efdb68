// `make bench`: the playground's speed, measured side by side in one run.
//  1. Epochs per second on three workloads, in interleaved rounds: in each round every peer (the
//     wasm module in Node, the baseline wasm of commit 146a3fc, the same core natively, a
//     plain-JavaScript reference trainer) trains each workload for the same short time, in slices
//     of ≤ 100 ms taken in turn, in an order that rotates, so that load on a shared machine hits
//     all alike.
//     Reported: each peer's median epochs/s, the median of the per-round ratios with their spread,
//     achieved GFLOP/s (FLOP count: bench/stats.mjs) and the share of a wasm SIMD peak measured in
//     slices among the workload's own (bench/simd-peak.mjs).
//  2. The loss each reaches after 100 epochs from the same initial weights (without shuffling, so
//     the order agrees): wasm, native and JavaScript must agree within 1 %.
//  3. The compute of one UI frame on *big*: an epoch, every neuron's heatmap at the page's
//     resolution and the diagnostics, against one epoch of the JavaScript reference.
//  4. Page metrics in headless Chromium (bench/page.mjs; `--no-browser` skips them), the wasm
//     file's gzipped size, and issue 17's targets, each with its value and ✓ / ✗.
// Options: --no-browser, --rounds=N (default 9), --ms=N per peer and round (default 400).
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { Engine, loadEngineSync } from '../www/js/engine.js';
import { heatmapResolutions } from '../www/js/frame.js';
import { startNative } from './native.mjs';
import { ReferenceTrainer } from './reference.mjs';
import { lossTable, speedTables, summarize, targets, targetTable } from './report.mjs';
import { loadPeak, measurePeak } from './simd-peak.mjs';
import { median, rate, rotation } from './stats.mjs';

const option = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ROUNDS = option('rounds', 9);
const MS = option('ms', 400);
const WARM_UP_MS = 300;
const noBrowser = process.argv.includes('--no-browser');

const WASM = new URL('../www/pkg/backprop_playground_bg.wasm', import.meta.url);
loadEngineSync(readFileSync(WASM));
const { common, workloads } = JSON.parse(readFileSync(new URL('./workloads.json', import.meta.url), 'utf8'));

let baselineCommit = '';
/** The baseline's Engine class (bench/baseline.sh builds it), or null when it was not built. */
async function baselineEngine() {
  const dir = new URL('../target/bench-baseline/', import.meta.url);
  const wasm = new URL('www/pkg/backprop_playground_bg.wasm', dir);
  if (!existsSync(new URL('commit', dir)) || !existsSync(wasm)) {
    console.error('bench: no baseline build (bench/baseline.sh); no baseline column');
    return null;
  }
  const module = await import(new URL('www/js/engine.js', dir).href);
  module.loadEngineSync(readFileSync(wasm));
  baselineCommit = readFileSync(new URL('commit', dir), 'utf8').slice(0, 7);
  return module.Engine;
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

const BaselineEngine = await baselineEngine();
const peak = loadPeak(); // throws if the module's result is not what it should be
const native = startNative();

// Every peer of every workload: run(ms) → epochs/s. In-process peers use stats.rate's loop, the
// native process the same loop in Rust.
const jobs = [];
for (const [name, extra] of Object.entries(workloads)) {
  const config = { ...common, ...extra };
  const engine = new Engine(config);
  const js = reference(engine, config);
  const peers = { wasm: async (ms) => rate(() => engine.epoch(), ms), js: async (ms) => rate(() => js.epoch(), ms) };
  if (BaselineEngine) {
    const base = new BaselineEngine(config);
    peers.baseline = async (ms) => rate(() => base.epoch(), ms);
  }
  if (native) {
    await native.configure(name, config);
    peers.native = (ms) => native.run(name, ms);
  }
  const shape = `${engine.sizes.join('-')} ${config.activation}`;
  jobs.push({ name, config, shape, sizes: engine.sizes, samples: engine.trainPoints().length / 3, peers, rates: {} });
}
const peerNames = Object.keys(jobs[0].peers);

for (const job of jobs) for (const run of Object.values(job.peers)) await run(WARM_UP_MS);
// The peaks are measured among each workload's slices, as more tasks in its rotation, so that a
// workload's share of the peak compares slices under the same load.
const peakTasks = { wasm: async (ms) => measurePeak(peak, ms), ...(native ? { native: (ms) => native.peak(ms) } : {}) };
const tasks = [...peerNames, ...Object.keys(peakTasks).map((side) => `peak:${side}`)];
// Each task's time in a round comes in slices of ≤ 100 ms taken in turn (ABCD ABCD …), so a burst
// of load lands on all of them; its value in the round is the mean over its slices.
const slices = Math.max(1, Math.ceil(MS / 100));
for (let round = 0; round < ROUNDS; round++) {
  process.stderr.write(`bench: round ${round + 1} of ${ROUNDS}\r`);
  for (const [w, job] of jobs.entries()) {
    const sum = Object.fromEntries(tasks.map((t) => [t, 0]));
    for (let s = 0; s < slices; s++) {
      for (const task of rotation(tasks, round + w + s)) {
        const [kind, side] = task.split(':');
        sum[task] += await (kind === 'peak' ? peakTasks[side] : job.peers[task])(MS / slices);
      }
    }
    for (const task of tasks) {
      const [kind, side] = task.split(':');
      const into = kind === 'peak' ? (job.peaks ??= {}) : job.rates;
      (into[side ?? task] ??= []).push(sum[task] / slices);
    }
  }
}
process.stderr.write('\n');

// The same loss after 100 epochs from the same initial weights, in the same order.
const losses = [];
for (const job of jobs) {
  const fixed = { ...job.config, shuffle: 'false' };
  const e = new Engine(fixed);
  const j = reference(e, fixed);
  for (let i = 0; i < 100; i++) e.epoch(), j.epoch();
  const loss = { name: job.name, wasm: e.stats().trainLoss, js: j.loss() };
  e.free();
  if (native) loss.native = await native.loss(fixed);
  if (BaselineEngine) {
    const b = new BaselineEngine(fixed);
    for (let i = 0; i < 100; i++) b.epoch();
    loss.baseline = b.stats().trainLoss;
    b.free();
  }
  losses.push(loss);
}
native?.close();

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
const bigJs = jobs.find((j) => j.name === 'big');
const bigReferenceEpochMs = 1000 / median(bigJs.rates.js);

const page = noBrowser ? null : await (await import('./page.mjs')).measurePage({ common, big: workloads.big });
const gzipKb = gzipSync(readFileSync(WASM)).length / 1024;

const summaries = jobs.map((job) => summarize(job, job.peaks));
const peaks = Object.fromEntries(Object.keys(peakTasks).map((side) => [side, jobs.flatMap((job) => job.peaks[side])]));
const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'not measured');
console.log(`\nBackprop Playground benchmark — ${cpus()[0].model.trim()}, ${cpus().length} cores, Node ${process.version}`);
console.log('Workloads: 500-point circle, 250 training points, batch 10, SGD η = 0.03, MSE, tanh output, inputs x and y.\n');
console.log([...speedTables(summaries, peaks, ROUNDS, MS), '', ...lossTable(losses)].join('\n'));
console.log('\n| measurement | value | target |');
console.log('|---|---:|---|');
console.log(`| one *big* UI frame of compute (epoch + ${nodes} heatmaps at ${thumb}² and the plot at ${plot}² + diagnostics) | ${f(frameMs, 2)} ms = ${f(frameMs / bigReferenceEpochMs, 1)}× a JS *big* epoch | ≤ 6× |`);
if (page) {
  console.log(`| frame interval while *big* trains and animates, p95 (median) | ${f(page.bigP95, 1)} ms (${f(page.bigMedian, 1)}) | ≤ 20 ms |`);
  console.log(`| frame interval on the largest network (16 × 32, 2000 points), p95 (median) | ${f(page.largestP95, 1)} ms (${f(page.largestMedian, 1)}) | ≤ 50 ms |`);
  for (const mode of ['paced', 'fast']) {
    for (const [network, m] of Object.entries(page[mode] ?? {})) {
      console.log(`| page ${mode}, ${network}: epochs/s, frame interval p95 (median) | ${f(m.epochsPerSecond, 1)}, ${f(m.p95, 1)} ms (${f(m.median, 1)}) | |`);
    }
  }
}
console.log(`| wasm file, gzipped | ${f(gzipKb, 1)} KB | < 150 KB |`);
console.log();
console.log(targetTable(targets(summaries, page, gzipKb, { pageSkipped: noBrowser, baseline: baselineCommit })).join('\n'));

for (const l of losses) {
  const values = [l.wasm, l.native, l.js].filter((x) => x !== undefined);
  const spread = Math.max(...values) / Math.min(...values) - 1;
  if (!(spread < 0.01)) {
    console.error(`\n${l.name}: the implementations disagree after 100 epochs (${(spread * 100).toFixed(2)} %)`);
    process.exitCode = 1;
  }
}
