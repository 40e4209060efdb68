// Share and embed: links round-trip exactly, TensorFlow Playground links open, the message API
// works across origins, the packed npm package's custom element embeds, mangled links are safe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { open, RESULTS, start, text, trainUntil } from './browser.mjs';
import { lcg } from '../lcg.mjs';
import { tensorflowRun } from '../js/tensorflow-reference.mjs';
import { formatLoss } from '../../www/js/frame.js';

let env;
before(async () => (env = await start()));
after(async () => env?.close());

const engineState = (page) => page.evaluate(() => {
  const h = window.backpropPlayground;
  return { config: h.config(), stats: h.stats() };
});

test('a link reproduces the setup, and training from it follows a bit-identical trajectory', async () => {
  const a = await open(env.browser, env.url);
  const entries = await a.evaluate(() => history.length);
  await a.click('.dataset[data-dataset="xor"]');
  await a.fill('#network-shape', '6, 3');
  await a.press('#network-shape', 'Enter');
  await a.selectOption('#optimizer', 'adam');
  await a.waitForFunction(() => location.hash.includes('networkShape=6,3') && location.hash.includes('optimizer=adam'));
  const link = await a.evaluate(() => location.href);
  const b = await open(env.browser, link);
  assert.deepEqual((await engineState(b)).config, (await engineState(a)).config);
  const losses = async (page) =>
    page.evaluate(() => {
      const h = window.backpropPlayground;
      const out = [];
      for (let k = 0; k < 20; k++) {
        h.step(10);
        out.push(h.stats().trainLoss);
      }
      return out;
    });
  assert.deepEqual(await losses(b), await losses(a), 'bit for bit');
  assert.equal(await a.evaluate(() => history.length), entries, 'changes replace the fragment, not flood history');
  assert.deepEqual(a.problems.concat(b.problems), []);
  await a.close();
  await b.close();
});

test('a link with weights restores the trained state exactly', async () => {
  const a = await open(env.browser, env.url);
  await a.selectOption('#speed', '0');
  await a.click('#play');
  await a.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 15);
  await a.click('#play');
  await a.click('#share');
  await a.check('#share-weights');
  const link = await a.inputValue('#share-link');
  assert.match(link, /&w=[A-Za-z0-9_-]+$/);
  const b = await open(env.browser, link);
  const [sa, sb] = [await engineState(a), await engineState(b)];
  assert.equal(sb.stats.trainLoss, sa.stats.trainLoss, 'the trained loss, exactly');
  assert.equal(sb.stats.step, sa.stats.step);
  // Written as HTML attributes, escaped: `&` is `&amp;` there.
  assert.match(await a.inputValue('#embed-iframe'), /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#v=1.*embed=1&amp;controls=play,step,reset,learningRate"/);
  assert.match(await a.inputValue('#embed-element'), /<backprop-playground controls="play,step,reset,learningRate" config="v=1&amp;/);
  await a.screenshot({ path: `${RESULTS}share-dialog.png` });
  await a.close();
  await b.close();
});

test('TensorFlow Playground links open with the matching configuration and hidden controls', async () => {
  const tf =
    '#activation=sigmoid&batchSize=25&dataset=spiral&regDataset=reg-gauss&learningRate=0.3&regularizationRate=0.003&noise=15&networkShape=5,4,3&seed=0.12345&showTestData=true&discretize=true&percTrainData=70&x=true&y=false&xTimesY=true&xSquared=true&ySquared=false&cosX=false&sinX=true&cosY=true&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=true&regularization=L2&activation_hide=true&noise_hide=true';
  const page = await open(env.browser, `${env.url}${tf}`);
  const { config } = await engineState(page);
  assert.deepEqual(
    [config.activation, config.batchSize, config.dataset, config.learningRate, config.regularizationRate, config.noise, config.networkShape, config.showTestData, config.discretize, config.percTrainData, config.problem, config.regularization, config.init, config.outputActivation],
    ['sigmoid', 25, 'spiral', 0.3, 0.003, 15, [5, 4, 3], true, true, 70, 'classification', 'L2', 'uniform', 'tanh'],
  );
  // Its network never had cos inputs: cosY is left out, and the page says so.
  assert.deepEqual(config.features, ['x', 'xSquared', 'xTimesY', 'sinX']);
  assert.match(await text(page, '#message'), /cosY: TensorFlow Playground's network has no such input/);
  assert.equal(await page.isHidden('#activation'), true, 'activation_hide');
  assert.equal(await page.isHidden('#noise'), true, 'noise_hide');
  assert.equal(await page.isHidden('.masthead p'), true, 'hideText');
  const regression = await open(env.browser, `${env.url}#problem=regression&dataset=circle&regDataset=reg-plane&initZero=true&seed=0.5`);
  const r = (await engineState(regression)).config;
  assert.deepEqual([r.problem, r.dataset, r.init, r.outputActivation], ['regression', 'regPlane', 'zero', 'linear']);
  assert.deepEqual(page.problems.concat(regression.problems), []);
  await page.close();
  await regression.close();
});

test('a TensorFlow Playground link replays its run: its weights, its losses, and a line that says so', async () => {
  const setup = { seed: '0.59704', dataset: 'circle', learningRate: 0.03 };
  const tf = '#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.59704&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false';
  const page = await open(env.browser, `${env.url}${tf}`);
  assert.equal(await text(page, '#tensorflow-line'), 'Same data, weights and training as TensorFlow Playground: this run matches it step for step.');
  assert.equal(await page.inputValue('#rules'), 'tensorflow');
  assert.equal(await page.isHidden('.dataset[data-dataset="blobs"]'), true, 'only its data sets are offered');
  const first = tensorflowRun(setup, [1]);
  const weights = await page.evaluate(() => [0, 1, 2].flatMap((l) => [...window.backpropPlayground.weights(l), ...window.backpropPlayground.buffer('biases', l)]));
  assert.deepEqual(weights, first.params.map(Math.fround), 'its initial weights, in the page');
  await trainUntil(page, 12);
  const stats = await page.evaluate(() => window.backpropPlayground.stats());
  assert.equal(stats.step, stats.epoch * 25, 'paused at the end of a pass: 25 updates of 10 points each');
  const theirs = tensorflowRun(setup, [stats.epoch]).losses[0];
  for (const set of ['train', 'test']) {
    const [a, b] = [stats[`${set}Loss`], theirs[set]];
    assert.ok(Math.abs(a - b) / b < 1e-4, `${set} loss after ${stats.epoch} epochs: ${a}, TensorFlow Playground's ${b}`);
  }
  // The loss shown is its own (½ mean squared error), once the readout has the paused parameters.
  await page.waitForFunction((v) => document.getElementById('train-loss').textContent === v, formatLoss(theirs.train));
  // Its Reset: the next weights from its running stream, as TensorFlow Playground's Reset draws.
  const params = () => page.evaluate(() => [0, 1, 2].flatMap((l) => [...window.backpropPlayground.weights(l), ...window.backpropPlayground.buffer('biases', l)]));
  for (const resets of [1, 2]) {
    await page.click('#reset');
    await page.waitForFunction(() => window.backpropPlayground.stats().step === 0);
    assert.deepEqual(await params(), tensorflowRun(setup, [1], { resets }).params.map(Math.fround), `after Reset ${resets}`);
  }
  await page.selectOption('#optimizer', 'adam');
  await page.waitForFunction(() => document.getElementById('tensorflow-line').textContent.includes('adam'));
  assert.match(await text(page, '#tensorflow-line'), /^TensorFlow Playground's data, weights and training order, but not its run: the optimizer is adam\.$/);
  await page.selectOption('#rules', 'playground');
  await page.waitForFunction(() => document.getElementById('tensorflow-line').hidden);
  // Its text seed becomes a whole number of ours in the address.
  await page.waitForFunction(() => /rules=playground&seed=\d+&/.test(location.hash));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('every API method and event works from a page of another origin', async (t) => {
  const fixtures = await serve({ root: fileURLToPath(new URL('./fixtures/', import.meta.url)), port: 0 });
  t.after(() => new Promise((ok) => fixtures.close(ok))); // even when an assertion fails
  const hostUrl = `http://127.0.0.1:${fixtures.address().port}/host.html?src=${encodeURIComponent(`${env.url}#embed=1&seed=3`)}`;
  const page = await env.browser.newPage();
  await page.goto(hostUrl);
  await page.waitForFunction(() => window.host.received.some((m) => m.data?.event === 'ready'));
  const call = (method, args) => page.evaluate(([m, a]) => window.host.call(m, a), [method, args]);
  const playgroundOrigin = new URL(env.url).origin;
  const sub = await call('subscribe', { events: ['step', 'diverged', 'configChanged', 'resize'] });
  assert.equal(sub.origin, playgroundOrigin, 'replies come from the playground');
  assert.deepEqual(sub.data.result.sort(), ['configChanged', 'diverged', 'resize', 'step']);
  const stepped = await call('step', { count: 30 });
  assert.equal(stepped.data.result.step, 30);
  const state = (await call('getState')).data.result;
  assert.deepEqual(Object.keys(state).sort(), ['config', 'diverged', 'epoch', 'speed', 'step', 'testLoss', 'trainLoss']);
  assert.equal(state.step, 30);
  assert.equal(state.speed, 'paced', 'a page opened without speed= trains Paced');
  // With `weights`, the parameters too: the same numbers the page's handle shows, per layer.
  const full = (await call('getState', { weights: true })).data.result;
  const shape = state.config.networkShape;
  assert.deepEqual(full.sizes, [state.config.features.length, ...shape, full.sizes.at(-1)]);
  assert.deepEqual(full.biases.map((b) => b.length), full.sizes.slice(1));
  const frame = page.frames().find((f) => f.url().startsWith(env.url));
  assert.deepEqual(full.weights, await frame.evaluate((n) => Array.from({ length: n }, (_, l) => window.backpropPlayground.weights(l)), full.sizes.length - 1));
  assert.match((await call('getState', { weights: 'yes' })).data.error, /args.weights must be true or false/);
  const set = await call('setConfig', { config: { learningRate: 0.3 } });
  assert.equal(set.data.result.rebuilt, false);
  assert.equal(set.data.result.config.learningRate, 0.3);
  const bad = await call('setConfig', { config: { activation: 'swish' } });
  assert.match(bad.data.error, /^activation: "swish" is not allowed/);
  assert.match((await call('fly')).data.error, /unknown method "fly"/);
  assert.match((await call('step', { count: 0 })).data.error, /args.count/);
  const trace = (await call('trace', { index: 2 })).data.result;
  assert.equal(trace.index, 2);
  assert.equal((await call('play')).data.result, null);
  await page.waitForFunction(() => window.host.received.filter((m) => m.data?.event === 'step').length >= 3);
  assert.equal((await call('pause')).data.result, null);
  await call('reset');
  assert.equal((await call('getState')).data.result.step, 0);
  await call('setConfig', { config: { learningRate: 10, dataset: 'regPlane' } });
  await call('play');
  await page.waitForFunction(() => window.host.received.some((m) => m.data?.event === 'diverged'), null, { timeout: 15000 });
  const events = new Set(await page.evaluate(() => window.host.received.map((m) => m.data?.event).filter(Boolean)));
  for (const e of ['ready', 'step', 'configChanged', 'resize', 'diverged']) assert.ok(events.has(e), `event ${e}`);
  const unsub = await call('unsubscribe', { events: ['step'] });
  assert.ok(!unsub.data.result.includes('step'));
  // Messages of other shapes are ignored: no reply at all.
  const before = await page.evaluate(() => window.host.received.length);
  await page.evaluate(() => {
    window.host.send({ type: 'other', id: 'x', method: 'play' });
    window.host.send('play');
    window.host.send({ type: 'backprop-playground', method: 'play' });
  });
  await page.waitForTimeout(300);
  const replies = await page.evaluate((from) => window.host.received.slice(from).filter((m) => m.data && typeof m.data === 'object' && 'id' in m.data), before);
  assert.deepEqual(replies, [], 'no reply to messages of other shapes');
  await page.close();
});

test('the custom element from the packed npm tarball embeds and answers', async (t) => {
  const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
  const tarball = readdirSync(dist).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'make dist packs the npm package');
  const scratch = mkdtempSync(join(tmpdir(), 'bp-scratch-'));
  mkdirSync(join(scratch, 'node_modules', 'backprop-playground'), { recursive: true });
  execFileSync('tar', ['-xzf', join(dist, tarball), '-C', join(scratch, 'node_modules', 'backprop-playground'), '--strip-components=1']);
  writeFileSync(
    join(scratch, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>scratch</title>
<script type="module" src="node_modules/backprop-playground/backprop-playground.js"></script></head>
<body><backprop-playground id="p" preset="deadRelu" controls="play,step"></backprop-playground>
<div style="height:4000px"></div>
<backprop-playground id="q" preset="spiral" autoplay></backprop-playground></body></html>`,
  );
  const server = await serve({ root: scratch, port: 0 });
  t.after(() => new Promise((ok) => server.close(ok)));
  const page = await env.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const state = await page.evaluate(async () => {
    const p = document.getElementById('p');
    await p.step(12);
    return p.getState();
  });
  assert.equal(state.step, 12);
  assert.equal(state.config.learningRate, 1, 'the deadRelu preset');
  await page.waitForFunction(() => parseFloat(document.querySelector('backprop-playground').shadowRoot.querySelector('iframe').style.height) > 300);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: `${RESULTS}custom-element.png` });
  // An autoplaying element loads when scrolled to, and trains only while it is on screen.
  const step = () => page.evaluate(() => document.getElementById('q').getState().then((s) => s.step));
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => document.getElementById('q').shadowRoot.querySelector('iframe').getAttribute('src')), null, 'off screen: not loaded');
  await page.evaluate(() => document.getElementById('q').scrollIntoView());
  await page.evaluate(() => document.getElementById('q').ready);
  await page.waitForFunction(() => document.getElementById('q').getState().then((s) => s.step > 20), null, { polling: 200 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  const paused = await step();
  await page.waitForTimeout(500);
  assert.equal(await step(), paused, 'scrolled away: paused again');
  await page.close();
});

test('the example tutorial page drives its embedded playground from buttons in the text', async () => {
  const page = await env.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.url}tutorial.html`);
  await page.evaluate(() => document.getElementById('tutorial-playground').ready);
  await page.click('#good');
  await page.waitForFunction(() => document.getElementById('tutorial-readout').textContent.startsWith('Step 500'));
  await page.click('#huge');
  await page.waitForFunction(() => /Diverged/.test(document.getElementById('tutorial-readout').textContent), null, { timeout: 15000 });
  await page.click('#again');
  await page.waitForFunction(() => document.getElementById('tutorial-readout').textContent.startsWith('Step 0'));
  await page.goto(`${env.url}docs.html`);
  await page.waitForFunction(() => document.querySelectorAll('backprop-playground').length === 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('embed mode shows only the named controls, links back to the full page, and themes dark', async () => {
  for (const [name, viewport] of [
    ['desktop', { width: 900, height: 700 }],
    ['phone', { width: 320, height: 640 }],
  ]) {
    const page = await open(env.browser, `${env.url}#preset=deadRelu&embed=1&controls=play,activation&theme=dark`, viewport);
    for (const shown of ['#play', '#activation', '#network', '#plot', '#open-full']) assert.equal(await page.isVisible(shown), true, `${name}: ${shown} shown`);
    for (const hidden of ['#step', '#learning-rate', '#share', '#dataset-picker', '#gradient-chart']) {
      assert.equal(await page.isHidden(hidden), true, `${name}: ${hidden} hidden`);
    }
    // The masthead is out of sight but still there for screen readers (the page's heading).
    const masthead = await page.locator('.masthead').boundingBox();
    assert.ok(masthead.width <= 1 && masthead.height <= 1, `${name}: masthead takes no room`);
    assert.equal(await page.locator('h1').count(), 1);
    const full = await page.getAttribute('#open-full', 'href');
    assert.match(full, /^\.\/#v=1&preset=deadRelu&.*activation=relu/);
    assert.doesNotMatch(full, /embed=1/, 'the full playground has no embed chrome');
    const [page_, text_] = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.getElementById('train-loss')).color]);
    assert.equal(page_, 'rgb(18, 22, 25)', 'a dark page');
    assert.equal(text_, 'rgb(230, 233, 235)', 'light text on it');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: no horizontal scrolling`);
    await page.screenshot({ path: `${RESULTS}embed-dark-${name}.png`, fullPage: true });
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

test('200 mangled links: no crash, no freeze, no markup, and the page still trains', async () => {
  const page = await open(env.browser, `${env.url}#v=1&preset=deadRelu`);
  const good = await page.evaluate(() => window.backpropPlayground.link(true));
  const mangled = [];
  const rand = lcg(7);
  const junk = ['<img src=x onerror=alert(1)>', '%', '%%', '&&', '==', '#', '\u0000', '\u{1f600}', 'NaN', '-1e309', '99999999999999999999', '<script>', '"', "'", ','];
  for (let k = 0; k < 200; k++) {
    let s = good;
    for (let e = 0; e < 1 + (k % 6); e++) {
      const at = rand(s.length);
      const piece = junk[rand(junk.length)];
      s = k % 3 === 0 ? s.slice(0, at) + piece + s.slice(at) : k % 3 === 1 ? s.slice(0, at) + s.slice(at + 1 + rand(20)) : s.slice(0, at) + encodeURIComponent(piece) + s.slice(at + 5);
    }
    mangled.push(s);
  }
  mangled.push('x'.repeat(300_000), 'networkShape=' + '32,'.repeat(40), 'numPoints=1e12', 'w=' + 'A'.repeat(100));
  const { slowest, reported } = await page.evaluate(async (links) => {
    let worst = 0;
    let reported = 0;
    for (const link of links) {
      const t0 = performance.now();
      // Registered after the page's own listener: resolves once the page has read the link.
      const read = new Promise((r) => addEventListener('hashchange', r, { once: true }));
      location.hash = link;
      await read;
      worst = Math.max(worst, performance.now() - t0);
      const message = document.getElementById('message');
      if (message.querySelector('img, script')) throw new Error(`markup injected by ${link}`);
      if (!message.hidden) reported++;
    }
    return { slowest: worst, reported };
  }, mangled);
  assert.ok(slowest < 1000, `the slowest link took ${slowest} ms`);
  assert.ok(reported > 100, `${reported} of ${mangled.length} mangled links were reported: the page read them`);
  assert.deepEqual(page.problems, []);
  await page.selectOption('#speed', '0');
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('step-count').textContent) > 10);
  await page.close();
});
