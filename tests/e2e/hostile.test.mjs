// Hostile inputs from every side (issue 12): an embedder on another origin sending cyclic,
// malformed and oversized commands; a sandboxed frame trying to subscribe; a link that tries to
// put a script into the embed snippet; files and links far over the limits. After each, the page
// still trains, its wasm memory stays under 32 MB, and nothing it shows became markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { open, RESULTS, start, text } from './browser.mjs';

let env;
before(async () => (env = await start()));
after(() => env.close());

const MB = 1 << 20;
/** The wasm memory of the playground in `frame` (its own engine module), in bytes. */
const wasmBytes = (frame) => frame.evaluate(() => window.backpropPlayground.memoryBytes());

/** Serves the fixtures (a host page) on another origin; returns its URL for `src`. */
async function hostPage(t, src) {
  const fixtures = await serve({ root: fileURLToPath(new URL('./fixtures/', import.meta.url)), port: 0 });
  t.after(() => new Promise((ok) => fixtures.close(ok)));
  return `http://127.0.0.1:${fixtures.address().port}/host.html?src=${encodeURIComponent(src)}`;
}

test('a hostile embedder: a cyclic setConfig, 20 other malformed shapes and oversized values leave it training', async (t) => {
  const page = await env.browser.newPage();
  // Everything the browser says, including its own warnings (a blocked autofocus, say).
  const logs = [];
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Log.entryAdded', ({ entry }) => logs.push(entry.text));
  cdp.on('Runtime.consoleAPICalled', (e) => e.type === 'error' && logs.push(e.args.map((a) => a.value).join(' ')));
  await cdp.send('Log.enable');
  await cdp.send('Runtime.enable');
  await page.goto(await hostPage(t, `${env.url}#embed=1&seed=2`));
  await page.waitForFunction(() => window.host.received.some((m) => m.data?.event === 'ready'));
  const frame = page.frames().find((f) => f.url().startsWith(env.url));
  await frame.evaluate(() => {
    window.__errors = [];
    addEventListener('error', (e) => window.__errors.push(String(e.message)));
    addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason?.message ?? e.reason)));
  });

  // The message from the report, word for word: it used to leave the core borrowed for good.
  const cyclic = await page.evaluate(() => {
    const a = [];
    a.push(a);
    return window.host.call('setConfig', { config: { networkShape: a } }).then((m) => m.data);
  });
  assert.match(cyclic.error, /^config\.networkShape: a list inside a list is nested too deeply or cyclic/);

  const replies = await page.evaluate(async (MB) => {
    const deep = (n) => (n === 0 ? 1 : [deep(n - 1)]);
    const shapes = [
      ['setConfig', { config: { networkShape: deep(500) } }],
      ['setConfig', { config: { features: [['x']] } }],
      ['setConfig', { config: { networkShape: [{ a: 1 }] } }],
      ['setConfig', { config: new Map([['learningRate', 0.1]]) }],
      ['setConfig', { config: new Set([1]) }],
      ['setConfig', { config: [1, 2] }],
      ['setConfig', { config: new Date(0) }],
      ['setConfig', { config: { learningRate: 10n } }],
      ['setConfig', { config: { learningRate: 1e308 } }],
      ['setConfig', { config: { networkShape: Array(65).fill(2) } }],
      ['setConfig', { config: Object.fromEntries(Array.from({ length: 500 }, (_, k) => [`k${k}`, k])) }],
      ['setConfig', { config: { ['k'.repeat(100_000)]: 1 } }],
      ['setConfig', { config: { learningRate: new Float32Array(4) } }],
      ['setConfig', { config: { learningRate: /re/ } }],
      ['setConfig', { config: Object.create(null) }], // a plain object without a prototype: valid, no change
      ['trace', { index: 2 ** 32 + 3 }],
      ['trace', { index: 1e300 }],
      ['step', { count: 2 ** 53 }],
      ['step', new Map()],
      ['subscribe', { events: [['step']] }],
      // Oversized: 50 MB strings, as a value and as a list item.
      ['setConfig', { config: { dataset: 'x'.repeat(50 * MB) } }],
      ['setConfig', { config: { features: ['y'.repeat(50 * MB)] } }],
    ];
    const out = [];
    for (const [method, args] of shapes) out.push((await window.host.call(method, args)).data);
    return out;
  }, MB);
  assert.equal(replies.length, 22);
  for (const [k, reply] of replies.entries()) {
    assert.ok(JSON.stringify(reply).length < 600, `reply ${k} is short: ${JSON.stringify(reply).length} characters`);
    if (k === 14) assert.equal(reply.result.rebuilt, false, 'a null-prototype object is still a plain object');
    else assert.equal(typeof reply.error, 'string', `reply ${k}: ${JSON.stringify(reply)}`);
  }
  const errors = replies.map((r) => r.error);
  assert.match(errors[0], /nested too deeply or cyclic/);
  assert.match(errors[3], /args.config must be a plain object/);
  assert.match(errors[8], /^learningRate: 1e308 is not allowed/);
  assert.match(errors[9], /a list of 65 items is too long; no setting takes more than 64/);
  assert.match(errors[10], /500 settings given; there are at most 64/);
  assert.match(errors[15], /sample 4294967299 does not exist; there are \d+ training samples/);
  assert.match(errors[20], /config\.dataset: a text of 52428800 characters is too long/);

  // Still alive: it trains, answers, and its wasm memory never took the 50 MB in.
  const state = (await page.evaluate(() => window.host.call('getState'))).data.result;
  const stepped = (await page.evaluate(() => window.host.call('step', { count: 25 }))).data.result;
  assert.equal(stepped.step, state.step + 25);
  const memory = await wasmBytes(frame);
  assert.ok(memory < 32 * MB, `wasm memory ${memory / MB} MB`);
  // The page's own controls work too (they went through the same core).
  await frame.click('#step');
  await frame.waitForFunction((s) => Number(document.getElementById('step-count').textContent) > s, stepped.step);
  assert.deepEqual(await frame.evaluate(() => window.__errors), []);
  assert.equal(await frame.evaluate(() => document.getElementById('crash').open), false, 'no failure was needed');
  assert.deepEqual(logs.filter((l) => /autofocus|Uncaught|recursive use/i.test(l)), [], 'the host console stays clean');
  await page.close();
});

test('a sandboxed (null-origin) frame may ask, but may not subscribe: events never go to "*"', async (t) => {
  const page = await env.browser.newPage();
  await page.goto(await hostPage(t, `${env.url}#embed=1&seed=2`));
  await page.waitForFunction(() => window.host.received.some((m) => m.data?.event === 'ready'));
  // A sandboxed sibling frame (no allow-same-origin: its origin is "null") finds the playground
  // through its parent and talks to it.
  await page.evaluate(() => {
    const box = document.createElement('iframe');
    box.id = 'box';
    box.sandbox = 'allow-scripts';
    box.srcdoc = `<script>
      window.got = [];
      addEventListener('message', (e) => window.got.push(e.data));
      window.ask = (method, args) => parent.frames[0].postMessage({ type: 'backprop-playground', id: method, method, args }, '*');
    </script>`;
    document.body.append(box);
  });
  const box = await (await page.waitForSelector('#box')).contentFrame();
  await box.waitForFunction(() => typeof window.ask === 'function');
  await box.evaluate(() => window.ask('subscribe', { events: ['step', 'configChanged'] }));
  await box.waitForFunction(() => window.got.some((m) => m.id === 'subscribe'));
  const refused = await box.evaluate(() => window.got.find((m) => m.id === 'subscribe'));
  assert.match(refused.error, /^subscribe: a sandboxed frame \(origin "null"\) cannot subscribe/);
  // A direct request still gets its reply.
  await box.evaluate(() => window.ask('getState', {}));
  await box.waitForFunction(() => window.got.some((m) => m.id === 'getState'));
  assert.equal(typeof (await box.evaluate(() => window.got.find((m) => m.id === 'getState').result.step)), 'number');
  // Training and a settings change send no event to it.
  await page.evaluate(() => window.host.call('step', { count: 30 }));
  await page.evaluate(() => window.host.call('setConfig', { config: { learningRate: 0.1 } }));
  await page.waitForTimeout(300);
  assert.deepEqual(await box.evaluate(() => window.got.filter((m) => 'event' in m).map((m) => m.event)), []);
  await page.close();
});

test('a link that smuggles markup in the preset: named, dropped, and every snippet stays inert', async () => {
  const evil = '%22%3E%3C%2Fbackprop-playground%3E%3Cscript%20src%3D%22https%3A%2F%2Fevil.example%2Fx.js%22%3E%3C%2Fscript%3E%3Cbackprop-playground%20x%3D%22';
  const page = await open(env.browser, `${env.url}#v=1&preset=${evil}&learningRate=0.3`);
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await text(page, '#message-text'), /preset: "\\">.*is not a preset and was left out/);
  await page.click('#share');
  const snippets = { iframe: await page.inputValue('#embed-iframe'), element: await page.inputValue('#embed-element') };
  await page.check('#share-weights');
  const withWeights = await page.inputValue('#share-link');
  // What an author pasting them would get: parsed as HTML, exactly the elements meant.
  const parsed = await page.evaluate(({ iframe, element }) => {
    const read = (html) => {
      const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
      return [...doc.body.querySelectorAll('*')].map((el) => ({ tag: el.localName, attributes: el.getAttributeNames() }));
    };
    return { iframe: read(iframe), element: read(element), scripts: read(element).filter((e) => e.tag === 'script').length };
  }, snippets);
  assert.deepEqual(parsed.iframe.map((e) => e.tag), ['iframe']);
  assert.deepEqual(parsed.element.map((e) => e.tag), ['script', 'backprop-playground']);
  assert.deepEqual(parsed.element[1].attributes, ['controls', 'config'], 'no preset attribute: it was dropped');
  for (const s of [snippets.iframe, snippets.element, withWeights, await page.evaluate(() => location.hash)]) {
    assert.ok(!/evil\.example|preset=/.test(s), s.slice(0, 200));
  }
  await page.waitForFunction(() => /learningRate=0\.3/.test(location.hash));
  await page.close();
});

test('after clearing the points every live setting applies, and the lowered batch size is said', async () => {
  const page = await open(env.browser, `${env.url}#v=1&batchSize=10&seed=3`);
  await page.click('#clear-data');
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await text(page, '#message-text'), /batchSize: 10 is more than the 0 training points, so it is now 1/);
  await page.click('#message-close');
  // The learning-rate slider and the optimiser, on an empty data set: no error.
  await page.focus('#learning-rate');
  await page.keyboard.press('ArrowRight');
  await page.selectOption('#optimizer', 'adam');
  await page.waitForTimeout(100);
  assert.equal(await page.isHidden('#message'), true, await text(page, '#message-text'));
  assert.equal(await page.evaluate(() => window.backpropPlayground.config().optimizer), 'adam');

  await page.close();
});

test('a lowered batch size is said; oversized files and links are refused unread', async () => {
  // A 4-point CSV (2 for training) under batch size 10: loaded, and the lowered batch size is said.
  const page = await open(env.browser, `${env.url}#v=1&batchSize=10&seed=3`);
  const small = `${RESULTS}three-points.csv`;
  await writeFile(small, 'x,y,label\n1,1,1\n-1,-1,-1\n2,2,1\n-2,2,-1\n');
  await page.setInputFiles('#import-csv', small);
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await text(page, '#message-text'), /The CSV file was loaded\. batchSize: 10 is more than the 2 training points, so it is now 2\./);

  // 50 MB: one valid line and padding. Refused by its size before it is read.
  const memoryBefore = await wasmBytes(page.mainFrame());
  const huge = `${RESULTS}padded.csv`;
  await writeFile(huge, `x,y,label\n1,1,1\n${' '.repeat(50 * MB)}`);
  await page.setInputFiles('#import-csv', huge);
  await page.waitForFunction(() => /at most/.test(document.getElementById('message-text').textContent));
  assert.match(await text(page, '#message-text'), /The CSV file was not loaded, and the data is unchanged\. The CSV file has 52428816 bytes; at most 1048576 are read/);
  assert.equal(await page.evaluate(() => window.backpropPlayground.trainPoints().length / 3), 2, 'the data is unchanged');
  // A model file of 10 MB, likewise.
  const model = `${RESULTS}huge-model.json`;
  await writeFile(model, `{${' '.repeat(10 * MB)}}`);
  await page.setInputFiles('#import-model', model);
  await page.waitForFunction(() => /model file has/.test(document.getElementById('message-text').textContent));
  // A link of almost 2 MB (about Chromium's limit): not read, and said so; the defaults open.
  await page.evaluate(() => (location.hash = `#v=1&seed=${'7'.repeat(1_900_000)}`));
  await page.waitForFunction(() => /characters long; at most 262144 are read/.test(document.getElementById('message-text').textContent));
  const memory = await wasmBytes(page.mainFrame());
  assert.ok(memory - memoryBefore < 4 * MB && memory < 32 * MB, `wasm memory ${memoryBefore / MB} → ${memory / MB} MB`);
  await page.click('#step');
  await page.waitForFunction(() => Number(document.getElementById('step-count').textContent) >= 1);
  assert.deepEqual(page.problems, []);
  await page.close();
});
