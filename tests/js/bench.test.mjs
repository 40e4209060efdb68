// The benchmark's pure helpers (bench/stats.mjs, bench/report.mjs) and its hand-built wasm SIMD
// peak module (bench/simd-peak.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarize, targets, targetTable } from '../../bench/report.mjs';
import { emulatePeak, FLOP_PER_ITERATION, loadPeak, measurePeak, peakModuleBytes, uleb } from '../../bench/simd-peak.mjs';
import { flopsPerEpoch, flopsPerSample, median, quantile, rate, ratioSummary, rotation } from '../../bench/stats.mjs';

test('median: the middle value, the mean of the middle two, non-numbers left out', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([NaN, 7, undefined, 9]), 8);
  assert.ok(Number.isNaN(median([])));
  // Quartiles between order statistics: of 1..5, q1 = 2 and q3 = 4; of 1..4, 1.75 and 3.25.
  assert.deepEqual([quantile([5, 4, 3, 2, 1], 0.25), quantile([5, 4, 3, 2, 1], 0.75)], [2, 4]);
  assert.deepEqual([quantile([4, 1, 3, 2], 0.25), quantile([4, 1, 3, 2], 0.75)], [1.75, 3.25]);
  assert.deepEqual([quantile([7], 0), quantile([7], 1)], [7, 7]);
});

test('ratioSummary: the median of per-round ratios, not the ratio of medians, with its spread', () => {
  // Round 2 is loaded for both sides alike: per round the ratio is 2 every time.
  const a = [200, 40, 210, 190];
  const b = [100, 20, 105, 95];
  const s = ratioSummary(a, b);
  assert.equal(s.median, 2);
  assert.deepEqual([s.min, s.max, s.rounds], [2, 2, 4]);
  const uneven = ratioSummary([3, 10, 1], [1, 2, NaN]); // the third round is missing on one side
  assert.deepEqual([uneven.median, uneven.min, uneven.max, uneven.rounds], [4, 3, 5, 2]);
  const spread = ratioSummary([1, 2, 3, 4, 50], [1, 1, 1, 1, 1]); // one wild round moves q3 little
  assert.deepEqual([spread.median, spread.q1, spread.q3, spread.max], [3, 2, 4, 50]);
  assert.notEqual(median([300, 10, 30]) / median([100, 1, 20]), ratioSummary([300, 10, 30], [100, 1, 20]).median);
});

/** Counts the multiplications and additions of a straightforward per-sample forward and backward. */
function countedFlops(sizes) {
  let flops = 0;
  const mulAdd = () => (flops += 2);
  for (let l = 0; l + 1 < sizes.length; l++) for (let i = 0; i < sizes[l + 1]; i++) for (let j = 0; j < sizes[l]; j++) mulAdd(); // z += w·a
  for (let l = sizes.length - 2; l >= 0; l--) {
    for (let i = 0; i < sizes[l + 1]; i++) for (let j = 0; j < sizes[l]; j++) mulAdd(); // ∂L/∂W += δ·a
    if (l > 0) for (let j = 0; j < sizes[l]; j++) for (let i = 0; i < sizes[l + 1]; i++) mulAdd(); // ∂L/∂a += w·δ
  }
  return flops;
}

test('flopsPerSample: the multiply-adds of the forward product, ∂L/∂W and ∂L/∂a_prev (not the inputs\')', () => {
  for (const sizes of [[2, 1], [2, 4, 2, 1], [2, 8, 8, 8, 8, 8, 8, 1], [9, ...Array(16).fill(32), 1]]) {
    assert.equal(flopsPerSample(sizes), countedFlops(sizes), sizes.join('-'));
  }
  assert.equal(flopsPerEpoch([2, 4, 2, 1], 250), 250 * countedFlops([2, 4, 2, 1]));
});

test('rotation: every round a permutation, every peer first once in as many rounds', () => {
  const peers = ['wasm', 'js', 'baseline', 'native'];
  const firsts = new Set();
  for (let round = 0; round < peers.length; round++) {
    const order = rotation(peers, round);
    assert.deepEqual([...order].sort(), [...peers].sort());
    firsts.add(order[0]);
  }
  assert.equal(firsts.size, peers.length);
});

test('rate: calls per second of a function that takes a known time', () => {
  const busy = () => {
    const t = performance.now();
    while (performance.now() - t < 2);
  };
  const r = rate(busy, 60);
  assert.ok(r > 100 && r <= 500, `${r} calls/s for 2 ms calls`);
});

test('the SIMD peak module is valid wasm and computes what its comment says', () => {
  assert.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26]); // the LEB128 example of the DWARF spec
  assert.deepEqual(uleb(127), [0x7f]);
  const bytes = peakModuleBytes();
  assert.ok(WebAssembly.validate(bytes));
  // The emulation itself, by hand: a = b = 1 makes accumulator k equal k + n, exactly.
  for (const n of [0, 1, 5, 1000]) assert.equal(emulatePeak(n, 1, 1), 4 * (28 + 8 * n));
  const peak = loadPeak();
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let k = 0; k < 20; k++) {
    const [n, a, b] = [Math.floor(random() * 50), random() * 2 - 1, random() * 4 - 2];
    assert.equal(peak(n, a, b), emulatePeak(n, a, b), `peak(${n}, ${a}, ${b})`);
  }
  assert.equal(FLOP_PER_ITERATION, 64);
  const g = measurePeak(peak, 30);
  assert.ok(g > 0.1 && g < 1000, `${g} GFLOP/s`);
});

const job = (name, wasm, js, baseline) => ({
  name, shape: '', sizes: [2, 8, 8, 1], samples: 250, rates: { wasm, js, baseline },
});

test('targets: met, missed and not measured, from the per-round ratios and the page', () => {
  const flops = flopsPerEpoch([2, 8, 8, 1], 250);
  const peakFor = (share, eps) => (eps * flops) / 1e9 / share; // a peak that makes `eps` that share
  const big = job('big', [9000, 9100, 9200], [1000, 1000, 1000], [4000, 4000, 4000]);
  const deep = job('deep', [5000, 5000, 5000], [1000, 1000, 1000], [4000, 4000, 4000]);
  const def = job('default', [2000, 2000, 2000], [1000, 1000, 1000], [1000, 1000, 1000]);
  const peaks = { wasm: [9000, 9100, 9200].map((e) => peakFor(0.3, e)) };
  const summaries = [def, big, deep].map((j) => summarize(j, peaks));
  const noPage = targets(summaries, null, 140, { pageSkipped: true });
  const row = (rows, start) => rows.find((r) => r.target.startsWith(start));
  assert.equal(row(noPage, 'core big: wasm ≥ 2×').met, true); // 2.25–2.3×
  assert.equal(row(noPage, 'core big: wasm ≥ 8×').met, true); // 9–9.2×
  assert.equal(row(noPage, 'core big: wasm ≥ 25 %').met, true); // 30 %
  assert.equal(row(noPage, 'core deep: wasm ≥ 2×').met, false); // 1.25×
  assert.equal(row(noPage, 'core default').met, false); // 2×
  assert.equal(row(noPage, 'page Fast, default').met, null);
  assert.match(row(noPage, 'page Fast, default').value, /not measured/);
  assert.equal(row(noPage, 'wasm < 150').met, true);
  const page = {
    firstTrainedMs: 900,
    fast: { default: { epochsPerSecond: 120, p95: 25, median: 16.7 }, seven: { epochsPerSecond: 300, p95: 17, median: 16.7 } },
    paced: { seven: { epochsPerSecond: 25, p95: 17, median: 16.7 } },
  };
  const withPage = targets(summaries, page, 151);
  assert.equal(row(withPage, 'page Fast, default').met, false); // p95 25 > 20
  assert.equal(row(withPage, 'page Fast, 2-[8×6]-1').met, true); // 12×
  assert.equal(row(withPage, 'page Fast, largest').met, null); // the page did not measure it
  assert.equal(row(withPage, 'first trained').met, true);
  assert.equal(row(withPage, 'wasm < 150').met, false);
  const lines = targetTable(withPage);
  assert.ok(lines.some((l) => l.includes('2-[8×6]-1') && l.endsWith('| ✓ |')));
  assert.ok(lines.some((l) => l.includes('largest') && l.endsWith('| – |')));
  const met = withPage.filter((r) => r.met).length;
  assert.equal(lines.at(-1), `\n${met} of ${withPage.length} targets met, 1 not measured.`);
});

test('summarize: median epochs/s and GFLOP/s from the same FLOP count', () => {
  const s = summarize(job('big', [100, 300, 200], [10, 20, 30], [50, 50, 50]), { wasm: [1, 1, 1] });
  assert.equal(s.eps.wasm, 200);
  assert.equal(s.gflops.wasm, (200 * flopsPerEpoch([2, 8, 8, 1], 250)) / 1e9);
  assert.equal(s.ratios.wasmJs.median, 10);
  assert.equal(s.ratios.nativeWasm.rounds, 0);
});
