// `make bench`: epochs per second on the benchmark workloads, natively and in wasm (Node, the same
// V8 as Chromium), in one run so that the ratios are side by side. Prints a Markdown table.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Engine, loadEngineSync } from '../www/js/engine.js';

loadEngineSync(readFileSync(new URL('../www/pkg/backprop_playground_bg.wasm', import.meta.url)));
const { common, workloads } = JSON.parse(readFileSync(new URL('./workloads.json', import.meta.url), 'utf8'));

/** Median of 7 timed runs of at least 200 ms, after 20 warm-up epochs. */
function wasmEpochsPerSecond(config) {
  const engine = new Engine(config);
  for (let i = 0; i < 20; i++) engine.epoch();
  const rates = [];
  for (let run = 0; run < 7; run++) {
    const start = performance.now();
    let epochs = 0;
    while (performance.now() - start < 200) {
      engine.epoch();
      epochs++;
    }
    rates.push((epochs * 1000) / (performance.now() - start));
  }
  engine.free();
  return rates.sort((a, b) => a - b)[3];
}

function nativeEpochsPerSecond(config) {
  const args = Object.entries(config).map(([k, v]) => `${k}=${v}`);
  return Number(execFileSync('target/release/examples/bench', args, { encoding: 'utf8' }).trim());
}

const rows = [];
for (const [name, extra] of Object.entries(workloads)) {
  const config = { ...common, ...extra };
  const native = nativeEpochsPerSecond(config);
  const wasm = wasmEpochsPerSecond(config);
  rows.push(`| ${name} | 2-${config.networkShape.replaceAll(',', '-')}-1 ${config.activation} | ${native.toFixed(0)} | ${wasm.toFixed(0)} | ${(native / wasm).toFixed(2)}× |`);
}
console.log(`Epochs per second (250 training points, batch 10), median of 7 runs; ${cpus()[0].model.trim()}, Node ${process.version}:\n`);
console.log('| workload | network | native | wasm (Node) | native ÷ wasm |');
console.log('|---|---|---:|---:|---:|');
for (const row of rows) console.log(row);
