// The page builds its controls from the core's schema; the few names the HTML must still carry
// (the `data-control` marks that links and embeds show or hide) are tied to it here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Engine } from './wasm.mjs';

const html = readFileSync(new URL('../../www/index.html', import.meta.url), 'utf8');
const schema = Engine.schema();

test('every data-control mark in the page is a control the core knows, and every embed choice is marked', () => {
  const marked = new Set([...html.matchAll(/data-control="([^"]+)"/g)].map((m) => m[1]));
  const known = new Set(schema.controls.map((c) => c.name));
  assert.deepEqual([...marked].filter((m) => !known.has(m)), [], 'marks the core does not know');
  const offered = schema.controls.filter((c) => c.embed).map((c) => c.name);
  assert.deepEqual(offered.filter((c) => !marked.has(c)), [], 'embed choices with nothing to show');
  assert.deepEqual(schema.controls.filter((c) => c.embedDefault).map((c) => c.name), ['play', 'step', 'reset', 'learningRate']);
});

test('no option list or setting limit is written into the page by hand', () => {
  // The selects the schema fills are empty in the HTML (the speed select is the page's own).
  for (const id of ['activation', 'regularization', 'regularization-rate', 'problem', 'init', 'optimizer', 'output-activation', 'loss']) {
    assert.match(html, new RegExp(`<select id="${id}"></select>`), id);
  }
  const settings = Object.fromEntries(schema.settings.map((s) => [s.name, s]));
  assert.deepEqual(settings.learningRate.steps, [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]);
  for (const s of schema.settings) {
    if (s.choices) assert.ok(s.choices.every((c) => typeof c.label === 'string' && c.label.length > 0), s.name);
    if ('min' in s) assert.ok(s.min <= s.default && s.default <= s.max, s.name);
  }
});
