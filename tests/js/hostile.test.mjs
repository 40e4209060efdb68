// Hostile callers (issue 12): what comes from outside is checked before it reaches the core, the
// core stays usable after every refusal, anything that still escapes a core call counts as a
// failure of the core, and no snippet or message carries a value back whole or as markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, isCoreFailure, limits, resetEngine, wasmMemory } from './wasm.mjs';
import * as glue from '../../www/pkg/backprop_playground.js';
import { cleanSettings, show } from '../../www/js/checks.js';
import { parseCommand } from '../../www/embed/protocol.js';
import { embedSnippets, escapeAttribute } from '../../www/js/snippets.js';

const MB = 1 << 20;
const cyclic = () => {
  const a = [];
  a.push(a);
  return a;
};

/** The engine still answers and trains: nothing was left borrowed. */
function stillWorks(engine) {
  const before = engine.stats().step;
  assert.equal(engine.step(3), 3);
  assert.equal(engine.stats().step, before + 3);
  assert.ok(engine.config().learningRate > 0);
}

test('a cyclic or nested setting is refused by name and the core keeps working', () => {
  const engine = new Engine({ seed: 3 });
  for (const networkShape of [cyclic(), [[4]], [1, [2, [3]]], [{ a: 1 }]]) {
    assert.throws(() => engine.setConfig({ networkShape }), (e) => {
      assert.match(e.message, /^config\.networkShape: .*nested too deeply or cyclic/);
      assert.equal(isCoreFailure(e), false, 'a refusal, not a failure');
      return true;
    });
    stillWorks(engine);
  }
  // The same object built by the message API's path: a named reply, not a stack overflow.
  assert.throws(() => new Engine({ features: cyclic() }), /config\.features: .*cyclic/);
  engine.free();
});

test('the binding itself refuses cyclic, nested and oversized values before converting them', () => {
  // The raw wasm-bindgen class, without the JS gate: a stack overflow here used to leave the
  // object borrowed ("recursive use of an object detected") for every later call.
  const raw = new glue.Playground({ seed: 1 });
  for (const [changes, pattern] of [
    [{ networkShape: cyclic() }, /networkShape: a list inside a list is nested too deeply or cyclic/],
    [{ networkShape: Array(65).fill(1) }, /networkShape: a list of 65 items is too long; no setting takes more than 64/],
    [new Map([['learningRate', 0.1]]), /config: expected a plain object/],
    [{ dataset: 'x'.repeat(5000) }, /dataset: a text of 5000 characters is too long/],
    [{ learningRate: 1e308 }, /^learningRate: 1e308 is not allowed/],
    [{ learningRate: {} }, /learningRate: not a number, text/],
    [{ get learningRate() { throw new Error('gotcha'); } }, /learningRate: could not be read/],
  ]) {
    assert.throws(() => raw.setConfig(changes), (e) => pattern.test(e.message) && e.message.length < 400, String(pattern));
    assert.equal(raw.step(2), 2, 'the object is not left borrowed');
  }
  raw.free();
});

test('every kind of bad setting gets a message naming it, short, and nothing reaches the core', () => {
  const bounds = limits();
  const cases = [
    [new Map([[1, 2]]), /config: expected a plain object/],
    [[1, 2], /config: expected a plain object/],
    [new Date(0), /config: expected a plain object/],
    [{ networkShape: Array(65).fill(2) }, /config\.networkShape: a list of 65 items is too long; no setting takes more than 64/],
    [{ dataset: 'y'.repeat(50 * MB) }, /config\.dataset: a text of 52428800 characters is too long/],
    [{ ['k'.repeat(5000)]: 1 }, /config: a setting name of 5000 characters/],
    [Object.fromEntries(Array.from({ length: 100 }, (_, k) => [`k${k}`, k])), /config: 100 settings given; there are at most 64/],
    [{ learningRate: 10n }, /config\.learningRate: a bigint is not a number/],
    [{ learningRate: () => 1 }, /config\.learningRate: a function is not a number/],
    [{ learningRate: new Map() }, /config\.learningRate: a Map is not a number/],
    [{ get learningRate() { throw new Error('gotcha'); } }, /config: could not be read \("gotcha"\)/],
    [new Proxy({}, { ownKeys() { throw new RangeError('trap'); } }), /config: could not be read/],
  ];
  for (const [config, pattern] of cases) {
    assert.throws(() => cleanSettings(config, bounds), (e) => pattern.test(e.message) && e.message.length < 300, String(pattern));
  }
  // What passes is a plain copy, each value read once.
  let reads = 0;
  const clean = cleanSettings({ get learningRate() { reads += 1; return 0.1; }, networkShape: [3, 2], skipped: undefined }, bounds);
  assert.deepEqual(clean, { learningRate: 0.1, networkShape: [3, 2] });
  assert.equal(reads, 1);
  // Through the engine, a huge value leaves wasm memory as it was.
  const engine = new Engine();
  const memory = wasmMemory().buffer.byteLength;
  assert.throws(() => engine.setConfig({ dataset: 'z'.repeat(50 * MB) }), /too long/);
  assert.throws(() => engine.setConfig({ learningRate: 1e308 }), (e) => e.message === 'learningRate: 1e308 is not allowed; use a number from 0 to 10');
  assert.equal(wasmMemory().buffer.byteLength, memory);
  stillWorks(engine);
  engine.free();
});

test('oversized links, CSVs and model files are refused before wasm memory grows', () => {
  const engine = new Engine();
  const memory = () => wasmMemory().buffer.byteLength;
  const start = memory();
  const link = Engine.fromLink(`#v=1&seed=${'9'.repeat(10 * MB)}`);
  assert.match(link.linkReport().errors[0], /^the link is 10485769 characters long; at most 262144 are read/);
  link.free();
  const padded = `x,y,label\n1,1,1\n${' '.repeat(50 * MB)}`;
  assert.throws(() => engine.importCsv(padded), /the CSV file has 52428816 characters; at most 1048576 are read/);
  assert.throws(() => Engine.fromModel(' '.repeat(5 * MB)), /the model file has 5242880 characters; at most 4194304/);
  assert.ok(memory() - start < 2 * MB, `wasm memory grew by ${(memory() - start) / MB} MB`);
  assert.ok(memory() < 32 * MB);
  stillWorks(engine);
  engine.free();
});

test('trace takes its index whole: 2³² + 3 is not sample 3', () => {
  const engine = new Engine({ numPoints: 100 });
  assert.throws(() => engine.trace(2 ** 32 + 3), /sample 4294967299 does not exist; there are 50 training samples \(0 to 49\)/);
  for (const bad of [-1, 1.5, NaN, 50]) assert.throws(() => engine.trace(bad), /does not exist/);
  assert.equal(engine.trace(3).index, 3);
  stillWorks(engine);
  engine.free();
});

test('an exception that escapes a core call, other than a refusal, is a failure of the core', async () => {
  const engine = new Engine();
  // Past the JS gate, straight into the binding: a list whose items throw when the core reads
  // them (a Proxy) escapes from inside a method that holds the object.
  const list = new Proxy([1, 2], { get: (t, k) => (k === '0' ? (() => { throw new RangeError('Maximum call stack size exceeded'); })() : t[k]) });
  const hostile = { networkShape: list };
  let caught = null;
  try {
    engine.playground.setConfig(hostile);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof RangeError);
  assert.equal(isCoreFailure(caught), true, 'the page takes its one recovery path');
  assert.throws(() => engine.stats(), (e) => isCoreFailure(e), 'what follows fails as a failure too');
  engine.forget();
  await resetEngine();
  stillWorks(new Engine());
});

test('the message API refuses bad shapes by name: Map configs, long lists, huge numbers echoed short', () => {
  const T = 'backprop-playground';
  const reply = (method, args) => parseCommand({ type: T, id: 1, method, args });
  assert.match(reply('setConfig', { config: new Map([['learningRate', 1]]) }).error, /setConfig: args.config must be a plain object/);
  assert.match(reply('step', new Map()).error, /step: args must be a plain object/);
  assert.match(reply('step', { count: 1e308 }).error, /not 1e\+308$/);
  assert.ok(show('x'.repeat(10 * MB)).length < 80);
});

test('snippets escape every value: nothing from a link breaks out of its attribute', () => {
  const hostile = [
    '"></backprop-playground><script src="https://evil.example/x.js"></script><backprop-playground x="',
    "' onload='alert(1)",
    '<img src=x onerror=alert(1)>',
    '&quot;&#34;&lt;',
    'a"b<c>d&e\'f',
  ];
  for (const h of hostile) {
    const { iframe, element } = embedSnippets({ base: `https://site.example/p${h}/`, fragment: `v=1&preset=${h}`, controls: ['play', h], preset: h });
    // The tags are exactly the ones meant, and each attribute reads back as the value given.
    assert.deepEqual(iframe.match(/<\/?[a-z-]+/g), ['<iframe', '</iframe']);
    assert.deepEqual(element.match(/<\/?[a-z-]+/g), ['<script', '</script', '<backprop-playground', '</backprop-playground']);
    for (const snippet of [iframe, element]) {
      for (const tag of snippet.match(/<[a-z-]+ [^>]*>/g)) {
        const inside = tag.slice(tag.indexOf(' ') + 1, -1);
        assert.match(inside, /^([a-z]+="[^"<>]*"( |$))+$/, tag);
      }
    }
    const unescape = (v) => v.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.equal(unescape(/ preset="([^"]*)"/.exec(element)[1]), h);
    assert.equal(unescape(/ config="([^"]*)"/.exec(element)[1]), `v=1&preset=${h}`);
  }
  assert.equal(escapeAttribute(`"'<>&`), '&quot;&#39;&lt;&gt;&amp;');
});

test('links: a course link of _hide flags is TensorFlow Playground\'s, parts past the 200th are named', () => {
  const course = Engine.fromLink('#dataset=gauss&networkShape=&showTestData_hide=true&percTrainData_hide=true&batchSize_hide=true&dataset_hide=false&activation_hide=true&problem=classification&problem_hide=true&regularization_hide=true&regularizationRate_hide=true&learningRate_hide=true&discretize_hide=true');
  assert.equal(course.linkReport().tensorflow, true);
  assert.equal(course.config().outputActivation, 'tanh', "TensorFlow Playground's output, not ours");
  assert.deepEqual(course.linkReport().options.hide.sort(), ['activation', 'batchSize', 'discretize', 'learningRate', 'percTrainData', 'problem', 'regularization', 'regularizationRate', 'showTestData']);
  course.free();
  const many = Engine.fromLink(`#v=1&${Array.from({ length: 230 }, (_, k) => `learningRate=0.0${(k % 9) + 1}`).join('&')}`);
  assert.ok(many.linkReport().notices.some((n) => n === 'the link has 231 parts; only the first 200 were read'), JSON.stringify(many.linkReport().notices));
  many.free();
});
