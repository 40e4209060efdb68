// Links through the wasm engine (the core's own tests cover parsing natively).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from './wasm.mjs';

test('fromLink never throws and reports what it could not read', () => {
  for (const fragment of ['', '#', '#v=1']) {
    const engine = Engine.fromLink(fragment);
    const report = engine.linkReport();
    assert.deepEqual([report.errors, report.notices], [[], []], `${fragment}: nothing to report`);
    engine.free();
  }
  for (const fragment of ['#&&&bogus', '#%', '#activation', '#v=2&x=1', `#${'a'.repeat(300000)}`]) {
    const engine = Engine.fromLink(fragment);
    const report = engine.linkReport();
    assert.ok(report.errors.length + report.notices.length > 0, `${fragment.slice(0, 20)}: something is reported`);
    engine.free();
  }
  const long = Engine.fromLink(`#${'a'.repeat(300000)}`);
  assert.match(long.linkReport().errors[0], /300000 characters long; at most 262144 are read/);
  long.free();
  const engine = Engine.fromLink('#v=1&activation=swish&embed=1&controls=play,nope&theme=dark&autoplay=1');
  const report = engine.linkReport();
  assert.match(report.errors[0], /^activation: "swish" is not allowed/);
  assert.deepEqual(report.options.controls, ['play']);
  assert.match(report.notices[0], /"nope" is not a control/);
  assert.deepEqual([report.options.embed, report.options.theme, report.options.autoplay], [true, 'dark', true]);
  engine.free();
});

test('link(true) carries the trained weights exactly', () => {
  const a = new Engine({ preset: 'spiral' });
  a.step(40);
  const b = Engine.fromLink(a.link(true, 'spiral'));
  assert.deepEqual(b.view('weights', 1), a.view('weights', 1));
  assert.equal(b.stats().trainLoss, a.stats().trainLoss);
  assert.equal(b.linkReport().weights, true);
  a.free();
  b.free();
});
