// The NumPy export, run by Python: it rebuilds the network with its weights and data and prints
// the training and test loss the page's core computes, to 1e-5, for every kind of setup. Python
// with NumPy comes from the project's .venv-numpy (`make python-env`, which `make test-js` runs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import './wasm.mjs';
import { pythonScript, pyNumber } from '../../www/js/python-export.js';
import { SETUPS, checkDialect, trained } from './python-setups.mjs';

const VENV = fileURLToPath(new URL('../../.venv-numpy/bin/python', import.meta.url));
const PYTHON = process.env.NUMPY_PYTHON ?? VENV;

test('numbers are written as the shortest decimals that read back as the same float32', () => {
  for (const v of [0.1, -1.5, 1e-7, 3.4e38, 0.11771496, Math.PI, 1 / 3, 2 ** -20, 123456789]) {
    const text = pyNumber(Math.fround(v));
    assert.equal(Math.fround(Number(text)), Math.fround(v), `${v} → ${text}`);
    assert.ok(text.replace(/^-|e.*$|\./g, '').length <= 9, text);
  }
  assert.equal(pyNumber(Math.fround(0.1)), '0.1');
  assert.equal(pyNumber(-2), '-2');
  assert.throws(() => pyNumber(NaN), /cannot be written/);
});

test('the script is plain Python naming the setup, its layers and its loss', () => {
  const { setup } = trained(SETUPS[1][1]);
  const script = pythonScript(setup, 'numpy');
  assert.match(script, /^import numpy as np$/m);
  assert.match(script, /Network: 2 inputs \(x, y\) -> 4 relu -> 4 relu \(residual\) -> 4 relu \(residual\) -> 1 sigmoid/);
  assert.match(script, /binary cross-entropy/);
  assert.match(script, /a = a \+ relu\(a @ W2\.T \+ b2\)/);
  assert.equal((script.match(/^W\d = /gm) ?? []).length, 4);
  assert.doesNotMatch(script, /<[a-z]/i, 'no markup');
});

test('the NumPy export prints the page\'s training and test loss to 1e-5', () => {
  assert.ok(existsSync(PYTHON), `no ${PYTHON}: make python-env makes it (make test-js does)`);
  checkDialect(PYTHON, 'numpy');
});
