// TensorFlow Playground's random stream (src/tensorflow/random.rs) against the library TensorFlow
// Playground itself uses: seedrandom 2.x, a test-only dev dependency. The core's numbers come from
// a small native example program, so that no byte of this is in the wasm until the page uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const seedrandom = createRequire(import.meta.url)('seedrandom');
const ROOT = new URL('../../', import.meta.url).pathname;

// Seeds as TensorFlow Playground writes them (Math.random().toFixed(5)), and the awkward ones: empty,
// one character, digits only, a key longer than RC4's 256 bytes, and UTF-16 surrogate pairs.
const SEEDS = ['0.59704', '0.00000', '0.99999', '', 'a', '1234567890', 'x'.repeat(300) + 'y', 'σ′ ≤ 0.25 🙂', 'seed=0.1&x=1'];

test('the core draws exactly the numbers seedrandom draws, seed by seed', () => {
  const out = execFileSync('cargo', ['run', '--release', '--quiet', '--example', 'tensorflow_rng', '--', ...SEEDS], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines = out.trim().split('\n');
  assert.equal(lines.length, SEEDS.length);
  SEEDS.forEach((seed, k) => {
    const ours = JSON.parse(lines[k]);
    const random = seedrandom(seed);
    const theirs = ours.map(() => random());
    assert.equal(ours.length, 2000);
    const first = ours.findIndex((v, i) => v !== theirs[i]);
    assert.equal(first, -1, `seed ${JSON.stringify(seed.slice(0, 20))}: number ${first} is ${ours[first]}, seedrandom's ${theirs[first]}`);
  });
});
