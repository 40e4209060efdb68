// Paced and Fast training: a `speed=fast` link trains many epochs per frame, the toolbar's toggle
// switches and the link follows, Paced keeps to one epoch per frame, an embedder sets the speed
// through the element and the client, a bad speed is named and the page still trains; while Fast
// trains, the heatmaps skip refreshes once the parameters barely move, and a pause shows them exact.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, RESULTS, start, text } from './browser.mjs';

let env;
before(async () => (env = await start()));
after(async () => env?.close());

/** Over `ms`, the frames drawn and the epochs trained (steps over the steps of one epoch). */
const trainWindow = (page, ms) =>
  page.evaluate(
    (ms) =>
      new Promise((done) => {
        const h = window.backpropPlayground;
        const perEpoch = Math.ceil(h.trainPoints().length / 3 / h.config().batchSize);
        const step0 = h.stats().step;
        const frames = [];
        const tick = (t) => {
          frames.push(t);
          if (t - frames[0] < ms) return requestAnimationFrame(tick);
          const intervals = frames.slice(1).map((x, k) => x - frames[k]);
          done({ frames: intervals.length, epochs: (h.stats().step - step0) / perEpoch, maxInterval: Math.max(...intervals) });
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );

test('a speed=fast link opens in Fast and trains many epochs per frame on the default network', async () => {
  const page = await open(env.browser, `${env.url}#v=1&speed=fast`);
  assert.equal(await page.evaluate(() => window.backpropPlayground.speed()), 'fast');
  assert.equal(await page.getAttribute('#speed-mode', 'aria-pressed'), 'true');
  await page.click('#play');
  await page.waitForTimeout(500); // the budget settles
  const drawn = () => page.evaluate(() => ({ ...window.backpropPlayground.renders(), skipped: window.backpropPlayground.heatmapsSkipped() }));
  const r0 = await drawn();
  const w = await trainWindow(page, 2000);
  const r1 = await drawn();
  assert.ok(w.epochs > 5 * w.frames, `${w.epochs.toFixed(0)} epochs in ${w.frames} frames`);
  // Training does not starve the rest: the diagram still redraws on most frames, and the heatmaps
  // job still runs: it repaints the plot, or skips a refresh because a run that has converged
  // barely moves its parameters (which one depends on how fast this machine trains).
  assert.ok(r1.network - r0.network > w.frames / 2, `the diagram drew ${r1.network - r0.network} times in ${w.frames} frames`);
  const heatmapRuns = r1.plot - r0.plot + (r1.skipped - r0.skipped);
  assert.ok(heatmapRuns > 5, `the plot drew ${r1.plot - r0.plot} times and ${r1.skipped - r0.skipped} refreshes were skipped`);
  // Refreshes may have been skipped while the parameters barely moved; a pause paints the maps again.
  const skipped = await page.evaluate(() => window.backpropPlayground.heatmapsSkipped());
  const before = await page.evaluate(() => window.backpropPlayground.renders().plot);
  await page.click('#play');
  await page.waitForFunction((n) => window.backpropPlayground.renders().plot > n, before);
  await page.screenshot({ path: `${RESULTS}speed-fast-desktop.png` });
  assert.deepEqual(page.problems, []);
  console.log(`fast: ${w.epochs.toFixed(0)} epochs in ${w.frames} frames (longest frame ${w.maxInterval.toFixed(0)} ms), heatmap refreshes skipped ${skipped}`);
  await page.close();
});

test('Paced trains at most one epoch per frame; the toggle switches to Fast and the link follows', async () => {
  const page = await open(env.browser, `${env.url}#v=1`);
  assert.equal(await page.getAttribute('#speed-mode', 'aria-pressed'), 'false');
  await page.click('#play');
  await page.waitForTimeout(300);
  const paced = await trainWindow(page, 1500);
  assert.ok(paced.epochs <= paced.frames + 1, `Paced: ${paced.epochs} epochs in ${paced.frames} frames`);
  assert.ok(paced.epochs > 0);
  assert.doesNotMatch(await page.evaluate(() => location.hash), /speed=/, 'Paced, the default, is left out of the link');
  await page.click('#speed-mode');
  assert.equal(await page.getAttribute('#speed-mode', 'aria-pressed'), 'true');
  await page.waitForFunction(() => location.hash.includes('speed=fast'));
  await page.waitForTimeout(300);
  const fast = await trainWindow(page, 1500);
  assert.ok(fast.epochs > 5 * fast.frames, `Fast: ${fast.epochs} epochs in ${fast.frames} frames`);
  // The keyboard: F switches back, and the link drops the key.
  await page.focus('#speed-mode');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => window.backpropPlayground.speed()), 'paced');
  await page.waitForFunction(() => !location.hash.includes('speed='));
  await page.keyboard.press('f');
  assert.equal(await page.evaluate(() => window.backpropPlayground.speed()), 'fast');
  const box = await page.locator('#speed-mode').boundingBox();
  assert.ok(box.height >= 44, `the toggle is ${box.height} px high`);
  assert.match(await page.getAttribute('#speed-mode', 'title'), /epochs/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a bad speed is named in a notice and the page still trains, Paced', async () => {
  const page = await open(env.browser, `${env.url}#v=1&speed=turbo`);
  assert.match(await text(page, '#message-text'), /speed: "turbo" is not allowed; use paced or fast/);
  assert.equal(await page.evaluate(() => window.backpropPlayground.speed()), 'paced');
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 3);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('an embedder sets the speed through the element (attribute, property, method) and the client', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const url = `${env.url}__speed-host.html`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>
<script type="module" src="backprop-playground.js"></script></head><body style="margin:0">
<backprop-playground speed="fast" controls="play,speed"></backprop-playground><iframe id="plain" src="index.html#v=1&embed=1" style="width:800px;height:600px"></iframe></body></html>` }));
  await page.goto(url);
  const result = await page.evaluate(async () => {
    await customElements.whenDefined('backprop-playground');
    const el = document.querySelector('backprop-playground');
    await el.ready;
    const first = (await el.getState()).speed;
    await el.step(3);
    const stepped = (await el.getState()).step;
    el.speed = 'paced'; // the attribute: applied live, the training kept
    let later;
    for (let k = 0; k < 50 && (later = await el.getState()).speed !== 'paced'; k++) await new Promise((r) => setTimeout(r, 50));
    const viaMethod = await el.setSpeed('fast');
    const bad = await el.setSpeed('turbo').then(() => 'resolved', (e) => e.message);
    const { connect } = await import('./embed/client.js');
    const client = connect(document.getElementById('plain'));
    await client.ready;
    const clientFirst = (await client.getState()).speed;
    const clientSet = await client.setSpeed('fast');
    const link = await client.link();
    return { first, stepped, later: later.speed, laterStep: later.step, viaMethod, attribute: el.getAttribute('speed'), bad, clientFirst, clientSet, link };
  });
  assert.equal(result.first, 'fast', 'the attribute goes into the link');
  assert.equal(result.later, 'paced');
  assert.equal(result.laterStep, result.stepped, 'a live change: no new setup');
  assert.equal(result.viaMethod, 'fast');
  assert.equal(result.attribute, 'fast', 'the method sets the attribute too');
  assert.match(result.bad, /setSpeed: args.speed must be paced or fast, not "turbo"/);
  assert.equal(result.clientFirst, 'paced');
  assert.equal(result.clientSet, 'fast');
  assert.match(result.link, /(^|&)speed=fast(&|$)/, 'the link keeps it');
  await page.close();
});

test('the toolbar in both modes, mid-training, at desktop and phone width', async () => {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
    for (const speed of ['paced', 'fast']) {
      const page = await open(env.browser, `${env.url}#v=1&speed=${speed}`, viewport);
      await page.click('#play');
      await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 20);
      const box = await page.locator('#speed-mode').boundingBox();
      assert.ok(box.width >= 44 && box.height >= 44, `${name}: ${box.width}×${box.height}`);
      assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `${name}: within the width`);
      await page.screenshot({ path: `${RESULTS}speed-${speed}-${name}.png` });
      await page.close();
    }
  }
});
