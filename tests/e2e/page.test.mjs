import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasHash, number, open, RESULTS, start, text } from './browser.mjs';

let env;
before(async () => (env = await start()));
after(async () => env?.close());

/** The training loss as a number (the page shows 3 digits or scientific notation). */
const loss = async (page) => Number(await text(page, '#train-loss'));

test('the page trains visibly: loss falls, epochs count, the plot changes, no errors', async () => {
  const page = await open(env.browser, env.url);
  const startLoss = await loss(page);
  assert.ok(startLoss > 0.05, `initial loss ${startLoss}`);
  assert.equal(await number(page, '#epoch'), 0);
  const plotBefore = await canvasHash(page, 'plot');
  const networkBefore = await canvasHash(page, 'network');
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 100);
  await page.screenshot({ path: `${RESULTS}page-training-desktop.png` });
  await page.click('#play'); // pause
  const endLoss = await loss(page);
  assert.ok(endLoss < startLoss / 2, `loss ${startLoss} -> ${endLoss}`);
  await page.waitForTimeout(150); // heatmaps repaint at a bounded rate
  assert.notEqual(await canvasHash(page, 'plot'), plotBefore, 'the prediction heatmap changed');
  assert.notEqual(await canvasHash(page, 'network'), networkBefore, 'the network drawing changed');
  assert.match(await text(page, '#test-accuracy'), /%$/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('step, keyboard and reset act on the same run', async () => {
  const page = await open(env.browser, env.url);
  await page.selectOption('#speed', '0'); // steps without the animation
  await page.click('#step');
  assert.equal(await number(page, '#step-count'), 1);
  await page.keyboard.press('ArrowRight');
  assert.equal(await number(page, '#step-count'), 2);
  // Space on a focused button presses that button (as everywhere); elsewhere it plays and pauses.
  await page.click('h1');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => Number(document.getElementById('step-count').textContent) > 50);
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('#play', 'aria-label'), 'Play');
  await page.keyboard.press('r');
  assert.equal(await number(page, '#step-count'), 0);
  // A reset replays the same run exactly: the same seed, the same weights, the same steps.
  await page.selectOption('#speed', '0');
  const run = () => page.evaluate(() => {
    const h = window.backpropPlayground;
    h.step(5);
    return { weights: h.weights(0), loss: h.stats().trainLoss };
  });
  const once = await run();
  await page.click('h1');
  await page.keyboard.press('r');
  assert.deepEqual(await run(), once);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('controls: the learning rate applies live, activation and data set rebuild', async () => {
  const page = await open(env.browser, env.url);
  await page.selectOption('#speed', '0');
  await page.click('#step');
  await page.fill('#learning-rate', '5'); // 0.03 on the log slider
  assert.equal(await text(page, '#learning-rate-value'), '0.03');
  assert.equal(await number(page, '#step-count'), 1, 'the learning rate does not reset training');
  await page.selectOption('#activation', 'tanh');
  assert.equal(await number(page, '#step-count'), 0, 'a new activation rebuilds the network');
  await page.click('.dataset[data-dataset="regPlane"]');
  assert.match(await text(page, '#network-summary'), /linear output/);
  assert.equal(await page.isHidden('#accuracy-row'), true, 'no accuracy for regression');
  await page.fill('#network-shape', '8, 8, 8');
  await page.press('#network-shape', 'Enter');
  assert.match(await text(page, '#network-summary'), /2–8–8–8–1/);
  await page.click('.dataset[data-dataset="blobs"]');
  assert.match(await text(page, '#network-summary'), /2–8–8–8–3 · softmax output · crossEntropy loss/);
  await page.screenshot({ path: `${RESULTS}page-blobs-desktop.png` });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a bad network shape is named in a message, shown as text, and the page keeps working', async () => {
  const page = await open(env.browser, env.url);
  await page.fill('#network-shape', '4, 99, <img src=x onerror=alert(1)>');
  await page.press('#network-shape', 'Enter');
  const message = await text(page, '#message-text');
  assert.match(message, /^networkShape: /);
  assert.match(message, /1 to 32 neurons/);
  assert.equal(await page.locator('#message img').count(), 0, 'nothing became markup');
  assert.equal(await page.inputValue('#network-shape'), '4, 2', 'the control shows the shape in force');
  await page.click('#message-close');
  assert.equal(await page.isHidden('#message'), true);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 3);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a blow-up from a huge learning rate is reported and the best weights come back', async () => {
  const page = await open(env.browser, env.url);
  // A linear output (regression) lets the loss grow without bound.
  await page.click('.dataset[data-dataset="regPlane"]');
  await page.fill('#learning-rate', '10'); // 10
  await page.click('#play');
  await page.waitForSelector('#message:not([hidden])', { timeout: 10000 });
  assert.match(await text(page, '#message-text'), /Training (diverged at|is exploding since) step \d+/);
  assert.equal(await page.getAttribute('#play', 'aria-label'), 'Play', 'training paused');
  await page.screenshot({ path: `${RESULTS}page-diverged-desktop.png` });
  const { bestLoss, bestStep } = await page.evaluate(() => window.backpropPlayground.trouble());
  await page.fill('#learning-rate', '2'); // 0.001
  await page.click('#message-action');
  // Restored, not reset: back at the step with the lowest loss evaluated, and training goes on.
  assert.equal(await page.evaluate(() => window.backpropPlayground.stats().trainLoss), bestLoss, 'the lowest loss again');
  assert.ok(Number.isFinite(await loss(page)), 'a finite loss shown');
  const restoredAt = await number(page, '#step-count');
  assert.equal(restoredAt, bestStep);
  await page.selectOption('#speed', '0');
  await page.click('#step');
  assert.equal(await number(page, '#step-count'), restoredAt + 1);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('on a phone the page stacks and still trains', async () => {
  const page = await open(env.browser, env.url, { width: 390, height: 844 });
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 10);
  await page.screenshot({ path: `${RESULTS}page-phone.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`);
  assert.deepEqual(page.problems, []);
  await page.close();
});
