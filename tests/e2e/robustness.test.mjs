// Nothing breaks the page: a panic in the core is contained and offered back, 500 malformed API
// messages leave it answering and training, and no page asks any other host for anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { open, start } from './browser.mjs';

let env;
before(async () => (env = await start()));
after(() => env.close());

/** The crash dialog's state once it shows. */
async function crashDialog(page) {
  await page.waitForSelector('#crash[open]', { timeout: 5000 });
  return page.evaluate(() => ({
    message: document.getElementById('crash-message').textContent,
    step: Number(document.getElementById('crash-step').textContent),
    link: document.getElementById('crash-link').getAttribute('href'),
    markup: document.querySelector('#crash img, #crash script') !== null,
  }));
}

test('a panic in the core shows what happened, keeps the setup, and a reset brings it back', async () => {
  const page = await open(env.browser, `${env.url}#v=1&networkShape=5,3&learningRate=0.1&seed=4`);
  await page.selectOption('#speed', '0');
  await page.click('#play');
  await page.waitForFunction(() => window.backpropPlayground.checkpoint()?.step > 20, null, { timeout: 10000 });
  // A panic inside a training step, as the frame loop meets it.
  await page.evaluate(() => window.backpropPlayground.panicOn('step'));
  const shown = await crashDialog(page);
  assert.match(shown.message, /deliberate panic/);
  assert.equal(shown.markup, false);
  assert.match(shown.link, /networkShape=5%2C3|networkShape=5,3/);
  assert.match(shown.link, /[#&]w=/, 'the saved state carries its weights');
  assert.ok(shown.step > 20);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'crash-reset', 'the reset has the focus');

  // The message API says the playground is stopped rather than touching the dead instance.
  const reply = await page.evaluate(() => new Promise((resolve) => {
    addEventListener('message', (e) => e.data?.id === 'while-down' && 'error' in e.data && resolve(e.data.error));
    postMessage({ type: 'backprop-playground', id: 'while-down', method: 'getState' }, '*');
  }));
  assert.match(reply, /stopped after an internal error/);
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#crash'), true, 'Escape does not uncover the dead page');

  await page.click('#crash-reset');
  await page.waitForFunction(() => !document.getElementById('crash').open);
  const after = await page.evaluate(() => {
    const h = window.backpropPlayground;
    return { config: h.config(), step: h.stats().step };
  });
  assert.equal(after.step, shown.step, 'back at the saved step');
  assert.deepEqual(after.config.networkShape, [5, 3]);
  assert.equal(after.config.learningRate, 0.1);
  await page.click('#play');
  await page.waitForFunction((s) => window.backpropPlayground.stats().step > s + 20, shown.step);
  await page.click('#play');

  // A panic in an event handler (outside the frame loop) is caught too, and recovered again.
  await page.evaluate(() => setTimeout(() => window.backpropPlayground.panic()));
  const again = await crashDialog(page);
  assert.match(again.message, /deliberate panic/);
  await page.click('#crash-reset');
  await page.waitForFunction(() => !document.getElementById('crash').open);
  await page.click('#step');
  assert.ok((await page.evaluate(() => window.backpropPlayground.stats().step)) > again.step);

  // A panic inside a method that an ordinary try/catch guards (a setting changed in the page):
  // it is still a failure of the core, not a message about the setting.
  await page.evaluate(() => window.backpropPlayground.panicOn('setConfig'));
  await page.selectOption('#activation', 'tanh');
  const third = await crashDialog(page);
  assert.match(third.message, /deliberate panic/);
  // Escape twice: the dead page stays covered.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.getElementById('crash').open), true);
  // Shortcuts do not reach the dead instance either: no engine call while it is down.
  const callsBefore = await page.evaluate(() => window.backpropPlayground.calls());
  // (Not Space or Enter: on the focused Reset button they press it, as they should.)
  for (const key of ['r', 'ArrowRight', 'e', '?']) await page.keyboard.press(key);
  await page.waitForTimeout(300); // a frame or two, and the link debounce
  assert.deepEqual(await page.evaluate(() => window.backpropPlayground.calls()), callsBefore, 'nothing called the failed core');
  assert.equal(await page.evaluate(() => document.getElementById('crash').open), true);
  await page.click('#crash-reset');
  await page.waitForFunction(() => !document.getElementById('crash').open);
  await page.click('#step');
  assert.ok((await page.evaluate(() => window.backpropPlayground.stats().step)) > third.step);
  // The deliberate panics are the only errors the page reported.
  assert.deepEqual(page.problems.filter((p) => !/deliberate panic/.test(p)), []);
  await page.close();
});

test('500 malformed API messages: one reply each of ours, no exception, no freeze, and it still trains', async (t) => {
  const fixtures = await serve({ root: fileURLToPath(new URL('./fixtures/', import.meta.url)), port: 0 });
  t.after(() => new Promise((ok) => fixtures.close(ok)));
  const page = await env.browser.newPage();
  const hostUrl = `http://127.0.0.1:${fixtures.address().port}/host.html?src=${encodeURIComponent(`${env.url}#embed=1&seed=2`)}`;
  await page.goto(hostUrl);
  await page.waitForFunction(() => window.host.received.some((m) => m.data?.event === 'ready'));
  const frame = page.frames().find((f) => f.url().startsWith(env.url));
  // Inside the playground: every uncaught error, and the longest gap between animation frames.
  await frame.evaluate(() => {
    window.__watch = { errors: [], longestFrameMs: 0 };
    addEventListener('error', (e) => window.__watch.errors.push(String(e.message)));
    addEventListener('unhandledrejection', (e) => window.__watch.errors.push(String(e.reason?.message ?? e.reason)));
    let last = performance.now();
    const tick = (now) => {
      window.__watch.longestFrameMs = Math.max(window.__watch.longestFrameMs, now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

  const sent = await page.evaluate(async () => {
    let seed = 11;
    // tests/lcg.mjs, inline: this runs in the page, and what it makes (BigInt, Map…) cannot be passed in.
    const rand = (n) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
    const pick = (xs) => xs[rand(xs.length)];
    const deep = (n) => (n === 0 ? {} : { a: deep(n - 1) });
    const junk = [
      undefined, null, true, 0, -1, 1.5, NaN, Infinity, -Infinity, 1e308, 2 ** 53, 10n, '', 'x'.repeat(100_000),
      '<img src=x onerror=alert(1)>', [], [1, 2], {}, deep(200), new Date(0), new Map([[1, 2]]), new Set([1]),
      new Float32Array(4), new ArrayBuffer(8), /re/, { toString: 'x' }, Object.create(null),
    ];
    const settings = ['networkShape', 'learningRate', 'numPoints', 'batchSize', 'activation', 'dataset', 'features', 'classes', 'problem', 'seed', 'noise', 'w', 'preset', 'bogus'];
    const methods = ['play', 'pause', 'step', 'reset', 'getState', 'setConfig', 'trace', 'subscribe', 'unsubscribe', 'nope', '', '__proto__', 'constructor', 'toString'];
    const messages = [];
    for (let k = 0; k < 500; k++) {
      const kind = k % 5;
      if (kind === 0) messages.push(pick(junk)); // not ours at all: ignored
      else if (kind === 1) messages.push({ type: 'backprop-playground', id: pick(junk), method: pick(methods), args: pick(junk) });
      else if (kind === 2) messages.push({ type: 'backprop-playground', id: `m${k}`, method: pick(methods), args: pick(junk) });
      else if (kind === 3) {
        const config = {};
        for (let f = 0; f < 1 + rand(3); f++) config[pick(settings)] = pick(junk);
        messages.push({ type: 'backprop-playground', id: `m${k}`, method: 'setConfig', args: { config } });
      } else {
        const method = pick(['step', 'trace', 'subscribe']);
        const args = { step: { count: pick(junk) }, trace: { index: pick(junk) }, subscribe: { events: pick([junk, ['nope'], 'step', [1]]) } }[method];
        messages.push({ type: 'backprop-playground', id: `m${k}`, method, args });
      }
    }
    let posted = 0;
    for (const m of messages) {
      try {
        window.host.send(m);
        posted++;
      } catch {
        // Not every value can be posted at all (structured clone refuses some): nothing reached the page.
      }
    }
    return { posted, ours: messages.filter((m) => typeof m?.id === 'string' && m.id.startsWith('m')).map((m) => m.id) };
  });
  assert.ok(sent.posted >= 480, `${sent.posted} messages posted`);
  // Every message of ours with a usable id gets exactly one reply.
  await page.waitForFunction((ids) => {
    const replied = new Set(window.host.received.map((m) => m.data?.id));
    return ids.every((id) => replied.has(id));
  }, sent.ours, { timeout: 30000 });
  const replies = await page.evaluate((ids) => ids.map((id) => window.host.received.filter((m) => m.data?.id === id).length), sent.ours);
  assert.ok(replies.every((n) => n === 1), 'exactly one reply each');

  // A heavy but valid request: 100 000 steps of the largest network run across frames, not in one.
  await page.evaluate(() => window.host.send({ type: 'backprop-playground', id: 'heavy-config', method: 'setConfig', args: { config: { networkShape: Array(16).fill(32), numPoints: 2000 } } }));
  await page.evaluate(() => window.host.send({ type: 'backprop-playground', id: 'heavy', method: 'step', args: { count: 100000 } }));
  await new Promise((r) => setTimeout(r, 2000));
  const smallAgain = await page.evaluate(() => window.host.call('setConfig', { config: { networkShape: [4, 2], numPoints: 200 } }));
  assert.ok(smallAgain.data.result, 'a command is answered while the long step runs');
  await page.waitForFunction(() => window.host.received.some((m) => m.data?.id === 'heavy'), null, { timeout: 30000 });
  const heavy = await page.evaluate(() => window.host.received.find((m) => m.data?.id === 'heavy').data.result);
  assert.equal(heavy.interrupted, true, 'the rebuild ended the long step');
  assert.ok(heavy.ran > 0 && heavy.ran < 100000, `${heavy.ran} steps ran before it`);

  const watch = await frame.evaluate(() => window.__watch);
  assert.deepEqual(watch.errors, []);
  assert.ok(watch.longestFrameMs < 1000, `longest frame gap ${watch.longestFrameMs} ms`);
  const state = await page.evaluate(() => window.host.call('getState'));
  const stepped = await page.evaluate(() => window.host.call('step', { count: 20 }));
  assert.equal(stepped.data.result.ran, 20);
  assert.equal(stepped.data.result.step, state.data.result.step + 20, 'it still trains');

  // A failure of the core reaches the embedding page as an `error` event, and commands are refused.
  await page.evaluate(() => window.host.call('subscribe', { events: ['error'] }));
  await frame.evaluate(() => setTimeout(() => window.backpropPlayground.panic()));
  await page.waitForFunction(() => window.host.received.some((m) => m.data?.event === 'error'));
  const failure = await page.evaluate(() => window.host.received.find((m) => m.data?.event === 'error').data.data);
  assert.match(failure.message, /deliberate panic/);
  assert.ok(Number.isInteger(failure.restoredStep));
  const refused = await page.evaluate(() => window.host.call('getState'));
  assert.match(refused.data.error, /stopped after an internal error/);
  await page.close();
});

test('no page asks any other host for anything, and every page has a strict CSP', async () => {
  const pages = ['', '#embed=1&controls=play,step', 'docs.html', 'tutorial.html'];
  for (const path of pages) {
    const page = await env.browser.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${env.url}${path}`);
    await page.waitForLoadState('networkidle');
    // Let embedded playgrounds (docs, tutorial) start and train a little.
    await page.waitForTimeout(500);
    const foreign = requests.filter((u) => !u.startsWith(env.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(foreign, [], `${path || 'index'} asked other hosts`);
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '');
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
    assert.deepEqual(directives['default-src'], ["'self'"], path);
    assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"], `${path}: only our scripts and the wasm`);
    assert.deepEqual(directives['connect-src'], ["'self'"], path);
    // The policy really applies: an inline script injected now does not run.
    const ran = await page.evaluate(() => {
      window.__inline = false;
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.head.append(s);
      return window.__inline;
    });
    assert.equal(ran, false, `${path}: inline script ran`);
    await page.close();
  }
});
