// How the page writes numbers and names: one formatter (never "−0"), rounded parameter fields,
// plurals, and the source text's names (inputs x₁, x₂; y the target) shared with the core's labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from './wasm.mjs';
import { COORDINATES, editable, factor, num, plural, point } from '../../www/js/notation.js';
import { countText } from '../../www/js/inspector-paths.js';

test('−0 prints as 0 everywhere a number is written', () => {
  assert.equal(num(-0), '0');
  assert.equal(factor(-0), '0');
  assert.equal(editable(-0), '0');
  assert.equal(num(-0.5), '−0.5');
  assert.equal(factor(-0.5), '(−0.5)');
  assert.equal(num(-1e-7), '−1·10⁻⁷');
  assert.equal(num(10n), '10');
});

test('a parameter field shows at most 6 significant digits that read back as a number', () => {
  assert.equal(editable(0.17299753427), '0.172998');
  assert.equal(editable(-1234.56789), '-1234.57');
  assert.equal(editable(3e-9), '3e-9');
  assert.equal(editable(0.5), '0.5');
  for (const v of [0.17299753427, -1234.56789, 3e-9, 12345678, -0.000123456789]) {
    const shown = editable(v);
    assert.equal(Number(Number(shown).toPrecision(6)), Number(shown), `${shown}: at most 6 significant digits`);
    assert.ok(Math.abs(Number(shown) - v) <= 1e-5 * Math.abs(v), `${shown} reads back near ${v}`);
  }
});

test('counts take the right noun', () => {
  assert.equal(plural(1, 'outgoing edge'), '1 outgoing edge');
  assert.equal(plural(3, 'outgoing edge'), '3 outgoing edges');
  assert.equal(plural(0, 'path'), '0 paths');
  assert.equal(plural(1n, 'path'), '1 path');
  assert.equal(plural(2n ** 75n, 'path', countText(2n ** 75n)), '≈ 3.77·10²² paths');
  assert.equal(countText(1234567n), '1 234 567');
});

test('inputs are x₁, x₂ (y is the target): the point text and the core’s feature labels agree', () => {
  assert.equal(point(2.81, -1.4), '(x₁, x₂) = (2.81, −1.4)');
  const labels = Object.fromEntries(Engine.schema().settings.find((s) => s.name === 'features').choices.map((c) => [c.value, c.label]));
  assert.deepEqual([labels.x, labels.y], COORDINATES);
  assert.deepEqual(labels, { x: 'x₁', y: 'x₂', xSquared: 'x₁²', ySquared: 'x₂²', xTimesY: 'x₁x₂', sinX: 'sin x₁', sinY: 'sin x₂', cosX: 'cos x₁', cosY: 'cos x₂' });
  // No display name is a bare "y": in the source text y is the target.
  assert.ok(!Object.values(labels).some((l) => /(^|[^\w₁₂])y/.test(l)));
});
