// scripts/setup.sh names what it cannot install itself, before anything else fails: an old Node,
// and a missing C compiler when wasm-bindgen-cli has to be built.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const SETUP = new URL('../../scripts/setup.sh', import.meta.url).pathname;
const which = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();

/** Runs setup.sh with a PATH of only these tools (name → path, or a script's text). */
function setupWith(tools) {
  const bin = mkdtempSync(join(tmpdir(), 'setup-'));
  try {
    for (const [name, what] of Object.entries(tools)) {
      if (what.startsWith('#!')) writeFileSync(join(bin, name), what, { mode: 0o755 });
      else symlinkSync(what, join(bin, name));
    }
    return spawnSync(which('bash'), [SETUP], { encoding: 'utf8', env: { HOME: process.env.HOME, PATH: bin } });
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

const BASE = Object.fromEntries(['dirname', 'sed', 'head', 'grep', 'awk', 'rustup', 'node'].map((n) => [n, which(n)]));

test('a Node older than 20.19 (or a 21, or a 22 before 22.12) is named, with where to get a newer one', () => {
  for (const [version, parts] of [['v18.19.0', '18 19'], ['v20.18.1', '20 18'], ['v21.7.3', '21 7'], ['v22.11.0', '22 11']]) {
    const run = setupWith({ ...BASE, node: `#!/bin/sh\ncase "$1" in -p) echo "${parts}";; *) echo ${version};; esac\n` });
    assert.equal(run.status, 1, version);
    assert.match(run.stderr, new RegExp(`Node 20\\.19 or newer \\(22\\.12 or newer on 22\\) is needed \\(found: ${version.replaceAll('.', '\\.')}\\)`), version);
  }
});

test('without a C compiler, installing wasm-bindgen-cli stops at once and says what to install', () => {
  // No wasm-bindgen on this PATH, so setup wants to build it; no cc either.
  const run = setupWith(BASE);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stderr, /needs a C compiler \(cc\).*apt-get install build-essential/s);
  assert.doesNotMatch(run.stdout, /installing wasm-bindgen-cli/);
});
