// The benchmark's summaries and tables: pure functions of the measurements (tests/js/bench.test.mjs
// checks them), printed by bench/run.mjs.
import { flopsPerEpoch, gflops, median, quantile, ratioSummary } from './stats.mjs';

export const PEERS = { wasm: 'wasm', baseline: 'baseline wasm', native: 'native', js: 'plain JS' };

/**
 * One workload's numbers from its per-round rates (`rates[peer][round]`, epochs/s) and the
 * per-round SIMD peaks (`peaks.wasm[round]`, GFLOP/s; `peaks.native` too if measured).
 */
export function summarize({ name, shape, sizes, samples, rates }, peaks) {
  const flops = flopsPerEpoch(sizes, samples);
  const eps = {};
  const gf = {};
  for (const peer of Object.keys(rates)) {
    eps[peer] = median(rates[peer]);
    gf[peer] = gflops(eps[peer], flops);
  }
  const perRound = (peer) => (rates[peer] ?? []).map((r) => gflops(r, flops));
  const none = [];
  return {
    name, shape, flops, eps, gflops: gf,
    ratios: {
      wasmJs: ratioSummary(rates.wasm ?? none, rates.js ?? none),
      wasmBaseline: ratioSummary(rates.wasm ?? none, rates.baseline ?? none),
      nativeWasm: ratioSummary(rates.native ?? none, rates.wasm ?? none),
    },
    // The share of the peak measured in the same round.
    wasmPeak: ratioSummary(perRound('wasm'), peaks.wasm ?? none),
    nativePeak: ratioSummary(perRound('native'), peaks.native ?? none),
  };
}

const fixed = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');
/** "2.31× (2.10–2.52)": a ratio summary's median and interquartile range. */
export function formatRatio(s, unit = '×', scale = 1, d = 2) {
  if (!(s.rounds > 0)) return '–';
  return `${fixed(s.median * scale, d)}${unit} (${fixed(s.q1 * scale, d)}–${fixed(s.q3 * scale, d)})`;
}

const has = (page, mode, network, field) => Number.isFinite(page?.[mode]?.[network]?.[field]);

/**
 * Every target of issue 17 with its measured value: [{ target, value, met }], `met` true, false or
 * null (not measured).
 */
export function targets(summaries, page, gzipKb, { pageSkipped = false, baseline = '146a3fc' } = {}) {
  const by = Object.fromEntries(summaries.map((s) => [s.name, s]));
  const rows = [];
  const notMeasured = pageSkipped ? 'not measured (--no-browser)' : 'not measured';
  const ratioRow = (target, s, goal, unit = '×', scale = 1) => {
    const ok = s?.rounds > 0;
    rows.push({ target, value: ok ? formatRatio(s, unit, scale, scale === 1 ? 2 : 1) : 'not measured', met: ok ? s.median * scale >= goal : null });
  };
  for (const w of ['big', 'deep']) {
    ratioRow(`core ${w}: wasm ≥ 2× the baseline wasm (${baseline || 'not built'})`, by[w]?.ratios.wasmBaseline, 2);
    ratioRow(`core ${w}: wasm ≥ 8× plain JS`, by[w]?.ratios.wasmJs, 8);
    ratioRow(`core ${w}: wasm ≥ 25 % of the measured wasm SIMD peak`, by[w]?.wasmPeak, 25, ' %', 100);
  }
  ratioRow('core default: wasm ≥ 3× plain JS', by.default?.ratios.wasmJs, 3);
  const rateRow = (target, network, minRate, maxP95) => {
    const ok = has(page, 'fast', network, 'epochsPerSecond') && has(page, 'fast', network, 'p95');
    const m = page?.fast?.[network];
    rows.push({
      target,
      value: ok ? `${fixed(m.epochsPerSecond, 1)} epochs/s, p95 ${fixed(m.p95, 1)} ms (median ${fixed(m.median, 1)})` : notMeasured,
      met: ok ? m.epochsPerSecond >= minRate && m.p95 <= maxP95 : null,
    });
  };
  rateRow('page Fast, default: ≥ 100 epochs/s with p95 frame interval ≤ 20 ms', 'default', 100, 20);
  {
    const ok = has(page, 'fast', 'seven', 'epochsPerSecond') && has(page, 'paced', 'seven', 'epochsPerSecond');
    const x = ok ? page.fast.seven.epochsPerSecond / page.paced.seven.epochsPerSecond : NaN;
    rows.push({
      target: 'page Fast, 2-[8×6]-1 with seven features: ≥ 10× Paced',
      value: ok ? `${fixed(x, 1)}× (${fixed(page.fast.seven.epochsPerSecond, 1)} against ${fixed(page.paced.seven.epochsPerSecond, 1)} epochs/s)` : notMeasured,
      met: ok ? x >= 10 : null,
    });
  }
  rateRow('page Fast, largest (16 × 32): ≥ 5 epochs/s with p95 ≤ 33 ms', 'largest', 5, 33);
  const first = page?.firstTrainedMs;
  rows.push({ target: 'first trained frame after navigation < 1000 ms', value: Number.isFinite(first) ? `${fixed(first)} ms` : notMeasured, met: Number.isFinite(first) ? first < 1000 : null });
  rows.push({ target: 'wasm < 150 KB gzipped', value: `${fixed(gzipKb, 1)} KB`, met: gzipKb < 150 });
  return rows;
}

/** Markdown tables of the speeds, the per-round ratios and the peaks, as lines. */
export function speedTables(summaries, peaks, rounds, ms) {
  const present = peersIn(summaries);
  const out = [];
  out.push(`Epochs per second, median of ${rounds} interleaved rounds of ${ms} ms per peer and workload; GFLOP/s from the FLOP count per epoch:\n`);
  out.push(`| workload | network | MFLOP/epoch | ${present.map((p) => PEERS[p]).join(' | ')} |`);
  out.push(`|---|---|---:|${present.map(() => '---:').join('|')}|`);
  for (const s of summaries) {
    const cells = present.map((p) => `${fixed(s.eps[p])} (${fixed(s.gflops[p], 2)} GFLOP/s)`);
    out.push(`| ${s.name} | ${s.shape} | ${fixed(s.flops / 1e6, 3)} | ${cells.join(' | ')} |`);
  }
  out.push('\nMedian of the per-round ratios (interquartile range over the rounds):\n');
  out.push('| workload | wasm ÷ JS | wasm ÷ baseline | native ÷ wasm | wasm, % of the wasm SIMD peak | native, % of the native peak |');
  out.push('|---|---:|---:|---:|---:|---:|');
  for (const s of summaries) {
    const r = s.ratios;
    out.push(`| ${s.name} | ${formatRatio(r.wasmJs)} | ${formatRatio(r.wasmBaseline)} | ${formatRatio(r.nativeWasm)} | ${formatRatio(s.wasmPeak, ' %', 100, 1)} | ${formatRatio(s.nativePeak, ' %', 100, 1)} |`);
  }
  const peakLine = (xs) => (xs?.length ? `${fixed(median(xs), 1)} GFLOP/s (${fixed(quantile(xs, 0.25), 1)}–${fixed(quantile(xs, 0.75), 1)})` : 'not measured');
  out.push(`\nMeasured peaks, 8 chains of f32x4 multiply then add, median over every round and workload (interquartile range): wasm SIMD ${peakLine(peaks.wasm)}; native ${peakLine(peaks.native)}.`);
  return out;
}

const peersIn = (rows) => Object.keys(PEERS).filter((p) => rows.some((r) => Number.isFinite(r.eps ? r.eps[p] : r[p])));

/** The losses after 100 epochs, as lines. */
export function lossTable(losses) {
  const present = peersIn(losses);
  const out = ['Training loss after 100 epochs from the same initial weights (no shuffling):\n'];
  out.push(`| workload | ${present.map((p) => PEERS[p]).join(' | ')} |`);
  out.push(`|---|${present.map(() => '---:').join('|')}|`);
  for (const l of losses) out.push(`| ${l.name} | ${present.map((p) => (Number.isFinite(l[p]) ? l[p].toFixed(6) : '–')).join(' | ')} |`);
  return out;
}

/** The targets with ✓ / ✗ (– when not measured) and a count, as lines. */
export function targetTable(rows) {
  const out = ["Issue 17's targets:\n", '| target | measured | met |', '|---|---|:---:|'];
  for (const t of rows) out.push(`| ${t.target} | ${t.value} | ${t.met === null ? '–' : t.met ? '✓' : '✗'} |`);
  const met = rows.filter((t) => t.met).length;
  const unknown = rows.filter((t) => t.met === null).length;
  out.push(`\n${met} of ${rows.length} targets met${unknown ? `, ${unknown} not measured` : ''}.`);
  return out;
}
