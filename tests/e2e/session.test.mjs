// The page as a session and its views (issue 13): a setting changed from the slider, a link or
// the message API crosses into the core once and redraws only the views that show it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, start } from './browser.mjs';

let env;
before(async () => (env = await start()));
after(() => env.close());

/** What `action` costs: engine calls by method and redraws by view, over it and two frames after. */
async function cost(page, action) {
  const before = await page.evaluate(() => ({ calls: window.backpropPlayground.calls(), renders: window.backpropPlayground.renders() }));
  await action();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const after = await page.evaluate(() => ({ calls: window.backpropPlayground.calls(), renders: window.backpropPlayground.renders() }));
  const diff = (a, b) => Object.fromEntries(Object.entries(b).filter(([k, v]) => v !== (a[k] ?? 0)).map(([k, v]) => [k, v - (a[k] ?? 0)]));
  return { calls: diff(before.calls, after.calls), renders: diff(before.renders, after.renders) };
}

test('one slider change: one call into the core, and only the settings redraw', async () => {
  const page = await open(env.browser, `${env.url}#v=1&seed=5`);
  await page.waitForTimeout(300); // the first frames: statistics, heatmaps, descriptions
  const slider = await cost(page, async () => {
    await page.focus('#learning-rate');
    await page.keyboard.press('ArrowRight');
  });
  assert.deepEqual(slider.calls, { setConfig: 1 }, JSON.stringify(slider));
  assert.deepEqual(slider.renders, { settings: 1 }, 'the diagram, the plot and the charts show no learning rate');
  assert.equal(await page.textContent('#learning-rate-value'), '0.3');
  await page.waitForFunction(() => /learningRate=0\.3/.test(location.hash), null, { timeout: 2000 });

  // The same change from the message API: one call too (its reply carries the new config).
  const api = await cost(page, () => page.evaluate(() => new Promise((resolve) => {
    addEventListener('message', (e) => e.data?.id === 'lr' && resolve(e.data));
    postMessage({ type: 'backprop-playground', id: 'lr', method: 'setConfig', args: { config: { learningRate: 0.03 } } }, '*');
  })));
  assert.deepEqual(api.calls, { setConfig: 1 }, JSON.stringify(api));
  assert.equal(await page.textContent('#learning-rate-value'), '0.03');

  // Discretize shows in the plot and its heatmap: those redraw, the diagram does not.
  const discretize = await cost(page, () => page.click('#discretize'));
  assert.equal(discretize.calls.setConfig, 1);
  assert.ok(discretize.renders.plot >= 1, JSON.stringify(discretize));
  assert.equal(discretize.renders.loss, undefined);
  assert.equal(discretize.renders.gradients, undefined);

  // A structural change rebuilds, and then every view starts over.
  const shape = await cost(page, async () => {
    await page.fill('#network-shape', '3');
    await page.press('#network-shape', 'Enter');
  });
  assert.equal(shape.calls.setConfig, 1);
  assert.equal(shape.calls.config, undefined, 'the rebuilt configuration came back with the call');
  for (const view of ['network', 'plot', 'settings']) assert.ok(shape.renders[view] >= 1, `${view}: ${JSON.stringify(shape.renders)}`);
  assert.deepEqual(await page.evaluate(() => window.backpropPlayground.sizes()), [2, 3, 1]);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a pasted link opens as a new setup through the same session', async () => {
  const page = await open(env.browser, `${env.url}#v=1&seed=5`);
  // The wasm preloaded while the modules loaded is the one the engine used: fetched once.
  const fetches = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).map((r) => [r.initiatorType, r.startTime]));
  assert.equal(fetches.length, 1, JSON.stringify(fetches));
  assert.equal(fetches[0][0], 'link', 'started by the preload, before the modules ran');
  await page.evaluate(() => (location.hash = '#v=1&networkShape=5&learningRate=0.01&seed=9'));
  await page.waitForFunction(() => window.backpropPlayground.sizes().join() === '2,5,1');
  assert.equal(await page.textContent('#learning-rate-value'), '0.01');
  assert.equal(await page.textContent('#seed'), '9');
  await page.close();
});

test('an API step replies with the numbers the page shows, its last step event first', async () => {
  const page = await open(env.browser, `${env.url}#v=1&seed=5`);
  const order = await page.evaluate(() => new Promise((resolve) => {
    const seen = [];
    addEventListener('message', (e) => {
      if (e.data?.event === 'step') seen.push(`event ${e.data.data.step}`);
      if (e.data?.id === 'go' && 'result' in e.data) {
        seen.push(`reply ${e.data.result.step}`);
        resolve({ seen, shown: Number(document.getElementById('step-count').textContent), loss: document.getElementById('train-loss').textContent, reply: e.data.result });
      }
      if (e.data?.id === 'sub' && 'result' in e.data) postMessage({ type: 'backprop-playground', id: 'go', method: 'step', args: { count: 7 } }, '*');
    });
    postMessage({ type: 'backprop-playground', id: 'sub', method: 'subscribe', args: { events: ['step'] } }, '*');
  }));
  assert.equal(order.shown, order.reply.step, 'the page shows the step the reply names');
  assert.equal(order.loss, order.reply.trainLoss.toFixed(3), 'and its exact loss');
  assert.deepEqual(order.seen.slice(-2), [`event ${order.reply.step}`, `reply ${order.reply.step}`]);
  await page.close();
});

test('a blow-up while playing stops training and the screen reader hears it; an API change clears an old error', async () => {
  const page = await open(env.browser, `${env.url}#v=1&preset=learningRateTooLarge`);
  await page.selectOption('#speed', '0');
  await page.click('#step');
  await page.waitForFunction(() => /^Step 1\./.test(document.getElementById('step-summary').textContent));
  await page.click('#play');
  // Told as exploding or as diverged, whichever the readings catch first.
  await page.waitForFunction(() => /diverged at step|exploding since step/.test(document.getElementById('message-text').textContent), null, { timeout: 15000 });
  assert.equal(await page.evaluate(() => window.backpropPlayground.playing()), false);
  // The summary follows training to where it stopped (it used to stay at "Step 1.").
  const shown = Number(await page.textContent('#step-count'));
  assert.ok(shown > 1);
  assert.match(await page.textContent('#step-summary'), new RegExp(`^Step ${shown}\\. Training loss`));

  // An error about a setting, then a good change from the message API: the error is past.
  await page.fill('#network-shape', '99');
  await page.press('#network-shape', 'Enter');
  await page.waitForFunction(() => /networkShape/.test(document.getElementById('message-text').textContent));
  await page.evaluate(() => new Promise((resolve) => {
    addEventListener('message', (e) => e.data?.id === 'ok' && resolve());
    postMessage({ type: 'backprop-playground', id: 'ok', method: 'setConfig', args: { config: { learningRate: 0.01 } } }, '*');
  }));
  assert.equal(await page.isHidden('#message'), true);
  assert.equal(await page.inputValue('#network-shape'), '4, 2', 'the refused shape snapped back');
  await page.close();
});
