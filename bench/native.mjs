// The native peer: examples/bench.rs (built with `--profile native`) as one long-lived process,
// asked one line at a time (see its protocol there), so its runs interleave with the others'.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

const BINARY = new URL('../target/native/examples/bench', import.meta.url);

const fields = (config) => Object.entries(config).map(([k, v]) => `${k}=${v}`).join(' ');

/** The native peer, or null (with a note on stderr) when its binary is not built. */
export function startNative() {
  if (!existsSync(BINARY)) {
    console.error('bench: target/native/examples/bench is missing (cargo build --profile native --example bench); no native column');
    return null;
  }
  const child = spawn(BINARY.pathname, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(line));
  child.on('exit', (code) => {
    for (const done of waiting.splice(0)) done(`error the native bench exited (${code})`);
  });
  const ask = (line) =>
    new Promise((done, fail) => {
      waiting.push((reply) => (reply.startsWith('error') ? fail(new Error(`native bench: ${reply}`)) : done(reply)));
      child.stdin.write(`${line}\n`);
    });
  return {
    /** Makes the trainer `name` from a config object. */
    configure: (name, config) => ask(`config ${name} ${fields(config)}`),
    /** Epochs per second of trainer `name` over about `ms` milliseconds. */
    run: async (name, ms) => Number(await ask(`run ${name} ${ms}`)),
    /** The training loss after 100 epochs of a fresh trainer. */
    loss: async (config) => Number(await ask(`loss ${fields(config)}`)),
    /** GFLOP/s of the native multiply-add loop. */
    peak: async (ms) => Number(await ask(`peak ${ms}`)),
    close: () => child.stdin.end(),
  };
}
