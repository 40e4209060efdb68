// The custom element as web-component conventions expect it (styling hooks, reflected properties,
// namespaced events out of shadow roots, lazy loading, state kept across moves, Promises that always
// settle) and the iframe client driving a playground on another origin through every method and event.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { RESULTS, start } from './browser.mjs';

const WWW = fileURLToPath(new URL('../../www/', import.meta.url));
let env;
before(async () => (env = await start()));
after(async () => env?.close());

/** A page of the playground's origin (so that it loads the element's module) with `body`. */
async function host(body, { viewport = { width: 1280, height: 800 }, script = true, onPage = () => {} } = {}) {
  const page = await env.browser.newPage({ viewport });
  onPage(page);
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  const url = `${env.url}__host.html`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>
${script ? '<script type="module" src="backprop-playground.js"></script>' : ''}</head><body style="margin:0">${body}</body></html>` }));
  await page.goto(url);
  if (script) await page.waitForFunction(() => customElements.get('backprop-playground'));
  return page;
}

test('styling hooks, reflected properties, every attribute observed, namespaced events that leave shadow roots', async () => {
  const page = await host('<div id="outer"></div>');
  const manifest = JSON.parse(readFileSync(join(WWW, 'custom-elements.json'), 'utf8'));
  const declared = manifest.modules[0].declarations[0];
  const result = await page.evaluate(async (attributes) => {
    // Inside another component's shadow root: the events must still reach the document.
    const outer = document.getElementById('outer').attachShadow({ mode: 'open' });
    const el = document.createElement('backprop-playground');
    const seen = [];
    for (const name of ['ready', 'step', 'configChanged', 'resize']) document.addEventListener(`backprop-playground:${name}`, (e) => seen.push([name, e.composedPath()[0] === el]));
    el.preset = 'deadRelu';
    el.setAttribute('controls', 'play,step');
    outer.append(el);
    const reflected = {};
    for (const { name, fieldName, type } of attributes) {
      const value = type.text === 'boolean' ? true : type.text.startsWith('number') ? 1234 : 'x-value';
      const had = el.getAttribute(name);
      el[fieldName] = value;
      reflected[name] = [el.getAttribute(name), el[fieldName]];
      if (had === null) el.removeAttribute(name);
      else el.setAttribute(name, had);
    }
    await el.ready;
    const display = getComputedStyle(el).display;
    const frame = el.shadowRoot.querySelector('iframe');
    // learning-rate and an unlisted link parameter, set after the element started: both applied.
    el.learningRate = 0.3;
    el.setAttribute('activation', 'tanh');
    const start = performance.now();
    let config;
    while (performance.now() - start < 5000) {
      config = (await el.getState()).config;
      if (config.learningRate === 0.3 && config.activation === 'tanh') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await el.step(40);
    await new Promise((r) => setTimeout(r, 300));
    return { reflected, display, part: frame.part.value, loading: frame.getAttribute('loading'), config, seen };
  }, declared.attributes);
  for (const { name, type } of declared.attributes) {
    const [attribute, property] = result.reflected[name];
    if (type.text === 'boolean') assert.deepEqual([attribute, property], ['', true], name);
    else if (type.text.startsWith('number')) assert.deepEqual([attribute, property], ['1234', 1234], name);
    else assert.deepEqual([attribute, property], ['x-value', 'x-value'], name);
  }
  assert.equal(result.display, 'block');
  assert.equal(result.part, 'frame');
  assert.equal(result.config.learningRate, 0.3, 'learning-rate set after creation');
  assert.equal(result.config.activation, 'tanh', 'an attribute outside the observed list');
  for (const name of ['ready', 'step', 'configChanged', 'resize']) assert.ok(result.seen.some(([n, own]) => n === name && own), `backprop-playground:${name} reached the document`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('two elements: the one below the fold loads when scrolled to, and a moved element keeps its training', async () => {
  const pages = [];
  const page = await host(`<backprop-playground id="a" preset="deadRelu" height="500"></backprop-playground>
<div style="height:4000px"></div><backprop-playground id="b" preset="spiral" height="500"></backprop-playground><div id="elsewhere"></div>`, {
    onPage: (p) => p.on('request', (r) => r.url().endsWith('/index.html') && pages.push(r.url())),
  });
  await page.evaluate(() => document.getElementById('a').ready);
  await page.waitForTimeout(500);
  const loaded = () => page.evaluate(() => ['a', 'b'].map((id) => document.getElementById(id).shadowRoot.querySelector('iframe').contentWindow.location.href !== 'about:blank'));
  assert.deepEqual(await loaded(), [true, false], 'below the fold: no page loaded');
  assert.equal(pages.length, 1, `one page requested: ${pages}`);
  await page.evaluate(() => document.getElementById('b').scrollIntoView());
  await page.evaluate(() => document.getElementById('b').ready);
  assert.deepEqual(await loaded(), [true, true], 'scrolled to: loaded');
  await page.screenshot({ path: `${RESULTS}embed-two-elements.png` });

  // A remove-and-insert (what frameworks do when they reorder) reloads the iframe: the element
  // reopens it from the link with the weights it kept, at the same step and loss.
  const moved = await page.evaluate(async () => {
    const a = document.getElementById('a');
    const before = await a.step(25);
    const win = a.shadowRoot.querySelector('iframe').contentWindow;
    document.getElementById('elsewhere').append(a);
    const reloaded = a.shadowRoot.querySelector('iframe').contentWindow !== win;
    await a.ready;
    const after = await a.getState();
    // moveBefore() keeps the iframe's document itself: the same window, nothing reloaded.
    const b = document.getElementById('b');
    await b.step(7);
    const bWin = b.shadowRoot.querySelector('iframe').contentWindow;
    document.body.moveBefore(b, document.body.firstChild);
    const bState = await b.getState();
    return { before, after, reloaded, sameWindow: b.shadowRoot.querySelector('iframe').contentWindow === bWin, bStep: bState.step };
  });
  assert.ok(moved.reloaded, 'the browser reloaded the moved iframe');
  assert.equal(moved.after.step, 25, 'the step count survives the move');
  assert.equal(moved.after.trainLoss, moved.before.trainLoss, 'and the trained loss, exactly');
  assert.deepEqual([moved.sameWindow, moved.bStep], [true, 7]);
  // Removed for good: pending and later Promises reject with a named error.
  const removed = await page.evaluate(async () => {
    const a = document.getElementById('a');
    const pending = a.step(100000).catch((e) => e.name);
    await new Promise((r) => setTimeout(r, 50));
    a.remove();
    const t0 = performance.now();
    const name = await pending;
    return { name, ms: performance.now() - t0, later: await a.getState().catch((e) => e.name) };
  });
  assert.equal(removed.name, 'DetachedError');
  assert.ok(removed.ms < 1000, `settled ${removed.ms} ms after the removal`);
  assert.equal(removed.later, 'DetachedError');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a broken src rejects pending Promises with a TimeoutError within the timeout, and says so in an error event', async () => {
  const page = await host('<backprop-playground id="p" src="no-such-folder/index.html" timeout="1500"></backprop-playground>');
  const result = await page.evaluate(async () => {
    const p = document.getElementById('p');
    const events = [];
    p.addEventListener('backprop-playground:error', (e) => events.push(e.detail));
    const t0 = performance.now();
    const outcomes = await Promise.allSettled([p.step(30), p.getState(), p.ready]);
    return { ms: performance.now() - t0, outcomes: outcomes.map((o) => [o.status, o.reason?.name, o.reason?.message]), events };
  });
  assert.ok(result.ms < 1500 + 30 + 500, `settled after ${result.ms} ms`);
  for (const [status, name] of result.outcomes) assert.deepEqual([status, name], ['rejected', 'TimeoutError']);
  assert.match(result.outcomes[0][2], /^step: the playground never became ready \(src http:\/\/.*no-such-folder\/index\.html/);
  assert.equal(result.events[0].name, 'TimeoutError');
  await page.close();
});

test('loaded from a blob: URL, the element asks for src by a named error instead of failing, then works with it', async () => {
  const page = await host('', { script: false }); // the playground's origin, without the element defined
  const result = await page.evaluate(async (base) => {
    // The modules as a notebook widget bundles them: blob: URLs, the imports rewritten.
    const blob = async (path, rewrite = (s) => s) => URL.createObjectURL(new Blob([rewrite(await (await fetch(base + path)).text())], { type: 'text/javascript' }));
    const checks = await blob('js/checks.js');
    const protocol = await blob('embed/protocol.js', (s) => s.replace("'../js/checks.js'", `'${checks}'`));
    const client = await blob('embed/client.js', (s) => s.replace("'./protocol.js'", `'${protocol}'`));
    const element = await blob('embed/element.js', (s) => s.replace("'./client.js'", `'${client}'`).replace("'./protocol.js'", `'${protocol}'`));
    await import(element);
    const el = document.createElement('backprop-playground');
    const events = [];
    el.addEventListener('backprop-playground:error', (e) => events.push(e.detail.name));
    document.documentElement.append(el);
    const failed = await Promise.allSettled([el.ready, el.step(5)]);
    await new Promise((r) => setTimeout(r, 50));
    el.src = `${base}index.html`;
    const state = await el.step(5);
    return { failed: failed.map((o) => o.reason?.name), events, step: state.step };
  }, env.url);
  assert.deepEqual(result.failed, ['SourceError', 'SourceError']);
  assert.deepEqual(result.events, ['SourceError']);
  assert.equal(result.step, 5, 'with src, it trains');
  await page.close();
});

test('the iframe client drives a playground on another origin through every method and event', async (t) => {
  // The host's origin: another port, with its own copy of the client (as an author would ship it).
  const root = mkdtempSync(join(tmpdir(), 'bp-client-host-'));
  cpSync(join(WWW, 'embed'), join(root, 'embed'), { recursive: true });
  cpSync(join(WWW, 'js', 'checks.js'), join(root, 'js', 'checks.js'));
  cpSync(fileURLToPath(new URL('./fixtures/client-host.html', import.meta.url)), join(root, 'index.html'));
  const server = await serve({ root, port: 0 });
  t.after(() => new Promise((ok) => server.close(ok)));
  const page = await env.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/?src=${encodeURIComponent(`${env.url}#embed=1&seed=3`)}`);
  const run = (code) => page.evaluate(code);
  await run(() => window.playground.ready);
  assert.notEqual(new URL(page.url()).origin, new URL(env.url).origin, 'two origins');
  const result = await run(async () => {
    const p = window.playground;
    const out = {};
    out.stepped = await p.step(30);
    out.state = await p.getState();
    out.set = await p.setConfig({ learningRate: 0.3 });
    out.bad = await p.setConfig({ activation: 'swish' }).catch((e) => [e.name, e.message]);
    out.trace = await p.trace(2);
    out.link = await p.link({ weights: true });
    out.play = await p.play();
    await new Promise((r) => setTimeout(r, 600));
    out.pause = await p.pause();
    out.reset = await p.reset();
    out.afterReset = (await p.getState()).step;
    // A forged message from another window (the host's own) is not the playground's: ignored.
    window.postMessage({ type: 'backprop-playground', event: 'step', data: { step: -1 } }, '*');
    await new Promise((r) => setTimeout(r, 100));
    out.forged = window.heard.step.some((s) => s.step === -1);
    out.timeout = await p.step(100000, { timeout: 100 }).catch((e) => e.name);
    return out;
  });
  assert.equal(result.stepped.step, 30);
  assert.equal(result.state.step, 30);
  assert.deepEqual([result.set.rebuilt, result.set.config.learningRate], [false, 0.3]);
  assert.equal(result.bad[0], 'CommandError');
  assert.match(result.bad[1], /^activation: "swish" is not allowed/);
  assert.equal(result.trace.index, 2);
  assert.match(result.link, /^v=1&.*&w=[A-Za-z0-9_-]+/);
  assert.deepEqual([result.play, result.pause, result.reset, result.afterReset], [null, null, null, 0]);
  assert.equal(result.forged, false);
  assert.equal(result.timeout, 'TimeoutError');
  // The remaining events: diverged (η = 10 on a plane), and error (the core fails inside the frame).
  await run(async () => {
    await window.playground.reset();
    await window.playground.setConfig({ learningRate: 10, dataset: 'regPlane' });
    await window.playground.play();
  });
  await page.waitForFunction(() => window.heard.diverged.length > 0, null, { timeout: 15000 });
  const frame = page.frames().find((f) => f.url().startsWith(env.url));
  await frame.evaluate(() => setTimeout(() => window.backpropPlayground.panic()));
  await page.waitForFunction(() => window.heard.error.length > 0, null, { timeout: 15000 });
  const heard = await run(() => Object.fromEntries(Object.entries(window.heard).map(([k, v]) => [k, v.length])));
  for (const [event, count] of Object.entries(heard)) assert.ok(count > 0, `event ${event}: ${count}`);
  // The core stopped: commands are refused with its reason.
  const refused = await run(() => window.playground.getState().catch((e) => [e.name, e.message]));
  assert.equal(refused[0], 'CommandError');
  assert.match(refused[1], /stopped after an internal error/);
  // An iframe removed: a pending command rejects at once, not after its timeout.
  const detached = await run(async () => {
    const frame = document.createElement('iframe');
    frame.src = document.getElementById('frame').src;
    document.body.append(frame);
    const client = window.connect(frame);
    await client.ready;
    const pending = client.step(100000, { timeout: 60000 }).catch((e) => e.name);
    await new Promise((r) => setTimeout(r, 50));
    frame.remove();
    const t0 = performance.now();
    return [await pending, performance.now() - t0];
  });
  assert.equal(detached[0], 'DetachedError');
  assert.ok(detached[1] < 1000);
  assert.deepEqual(errors.filter((e) => !e.includes('a deliberate panic')), [], 'nothing else failed');
  await page.close();
});
