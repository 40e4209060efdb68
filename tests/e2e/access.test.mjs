// Everyone can use it: axe-core (from npm) audits the page, the phone layout, the embed, the dark
// theme, the docs and the tutorial, with no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, RESULTS, start, trainUntil } from './browser.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

let env;
before(async () => (env = await start()));
after(() => env.close());

const AUDITS = [
  { name: 'page', path: '', width: 1280 },
  { name: 'phone', path: '', width: 390 },
  { name: 'embed', path: '#embed=1&controls=play,step,learningRate,explain', width: 600 },
  { name: 'dark', path: '#theme=dark', width: 1280 },
  { name: 'worked-example editor', path: '#worked=1', width: 1280 },
  { name: 'worked-example editor on a phone, dark', path: '#worked=1&theme=dark', width: 390 },
  { name: 'docs', path: 'docs.html', width: 1280 },
  { name: 'docs on a phone', path: 'docs.html', width: 390 },
  { name: 'tutorial', path: 'tutorial.html', width: 1280 },
  { name: 'tutorial on a phone', path: 'tutorial.html', width: 390 },
  // A dark system with no theme in the link: the page, the docs and the tutorial follow it.
  { name: 'page, dark system', path: '', width: 1280, colorScheme: 'dark' },
  { name: 'docs, dark system', path: 'docs.html', width: 1280, colorScheme: 'dark' },
  { name: 'tutorial on a phone, dark system', path: 'tutorial.html', width: 390, colorScheme: 'dark' },
];

for (const { name, path, width, colorScheme = 'light' } of AUDITS) {
  test(`axe-core finds no serious or critical violation: ${name}`, async () => {
    // The audit script is injected, which the pages' own CSP rightly forbids: bypass it here only.
    const context = await env.browser.newContext({ bypassCSP: true, colorScheme, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${env.url}${path}`);
    await page.waitForFunction(() => document.body.dataset.ready || !document.querySelector('script[src$="main.js"]'));
    await page.waitForTimeout(500); // embedded playgrounds (docs, tutorial) start too
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) })));
    const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(blocking, [], JSON.stringify(blocking, null, 1));
    await context.close();
  });
}

test('a step taken from the keyboard is announced, and ? lists the shortcuts', async () => {
  const page = await open(env.browser, env.url);
  await page.selectOption('#speed', '0'); // steps at once, without the animated story
  await page.focus('body');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /^Step 1\./.test(document.getElementById('step-summary').textContent));
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /^Step 2\./.test(document.getElementById('step-summary').textContent));
  const { said, stats } = await page.evaluate(() => ({
    said: document.getElementById('step-summary').textContent,
    stats: window.backpropPlayground.stats(),
  }));
  assert.equal(await page.getAttribute('#step-summary', 'aria-live'), 'polite');
  assert.match(said, new RegExp(`Dead neurons: ${stats.deadCount} of ${stats.hiddenCount}\\.$`));
  assert.match(said, /Training loss [\d.e-]+, (down|up) [\d.e-]+\./);
  assert.match(said, /Largest gradient: ∂L\/∂W[₀-₉]+\[\d+\]\[\d+\] = −?[\d.]+(·10[⁻⁰-⁹]+)?\./);
  await page.keyboard.press('?');
  assert.equal(await page.isVisible('#shortcuts'), true);
  assert.match(await page.textContent('#shortcuts'), /Play or pause training/);
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#shortcuts'), false);
  assert.deepEqual(page.problems, []);
  await page.close();
});

/** Presses Tab until `selector` has the focus (at most `limit` times); returns the presses. */
async function tabTo(page, selector, limit = 80) {
  for (let n = 1; n <= limit; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return n;
  }
  throw new Error(`${selector} is not reachable with Tab`);
}

test('keyboard only: a training step, then the inspector reached along an edge, and a weight set', async () => {
  const page = await open(env.browser, `${env.url}#v=1&networkShape=3&seed=6`);
  await page.selectOption('#speed', '0');
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, '#step');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.backpropPlayground.stats().step === 1);
  // Every control on the way is visibly focused: the outline is drawn, not suppressed.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');

  await tabTo(page, '#network');
  await page.keyboard.press('ArrowDown'); // input y
  await page.keyboard.press('Shift+ArrowRight'); // its first outgoing edge: W[0][1] of layer 0
  await page.keyboard.press('ArrowDown'); // the next edge out of y: W[1][1]
  const selected = await page.evaluate(() => window.backpropPlayground.selected());
  assert.deepEqual(selected, { layer: 0, i: 1, j: 1 });
  assert.match(await page.textContent('#network-focus'), /the weight W₁\[1\]\[1\] from input 1 to hidden neuron 1 of layer 1/);
  assert.equal(await page.isVisible('#inspector'), true);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'inspector');
  await tabTo(page, '#param-value', 20);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0.625');
  await page.keyboard.press('Enter');
  const weight = await page.evaluate(() => window.backpropPlayground.weights(0)[1 * 2 + 1]);
  assert.equal(weight, 0.625, 'the weight was set through the core');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the table view shows the core’s z, a, δ, W and ∂L/∂W, layer by layer', async () => {
  const page = await open(env.browser, `${env.url}#v=1&networkShape=3,2&seed=8`);
  await page.selectOption('#speed', '0');
  await page.click('#table-toggle');
  assert.equal(await page.getAttribute('#table-toggle', 'aria-expanded'), 'true');
  await page.selectOption('#table-layer', '1');
  await page.waitForFunction(() => /Hidden layer 2/.test(document.querySelector('#table-body caption')?.textContent));
  const { shown, core } = await page.evaluate(() => {
    const h = window.backpropPlayground;
    h.trace(h.tracedSample());
    const cells = (k) => [...document.querySelectorAll('#table-body table')[k].querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.dataset.value)));
    return {
      shown: { neurons: cells(0), weights: cells(1) },
      core: ['preActivations', 'activations', 'deltas', 'weights', 'weightGrads'].map((k) => h.buffer(k, 1)),
    };
  });
  const [z, a, delta, w, grads] = core;
  assert.equal(shown.neurons.length, 2);
  assert.equal(shown.weights.length, 6, '3 inputs × 2 neurons');
  shown.neurons.forEach(([zz, aa, dd], i) => assert.deepEqual([zz, aa, dd], [z[i], a[i], delta[i]]));
  shown.weights.forEach(([ww, gg], k) => assert.deepEqual([ww, gg], [w[k], grads[k]]));
  // It follows training.
  const before = await page.textContent('#table-body');
  await page.click('#step');
  await page.waitForFunction((b) => document.getElementById('table-body').textContent !== b, before);
  // And after an animated step, once the story is over.
  await page.selectOption('#speed', '2');
  const told = await page.textContent('#table-body');
  await page.click('#step');
  await page.waitForFunction((b) => document.getElementById('table-body').textContent !== b && !window.backpropPlayground.story(), told, { timeout: 15000 });
  await page.screenshot({ path: `${RESULTS}table-view.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the heatmaps are described in words: the prediction, and the selected neuron', async () => {
  const page = await open(env.browser, `${env.url}#v=1&dataset=circle&networkShape=6,4&learningRate=0.1&seed=1`);
  await page.selectOption('#speed', '0');
  await trainUntil(page, 150);
  await page.waitForFunction(() => /mostly in the centre/.test(document.getElementById('plot-description').textContent), null, { timeout: 10000 });
  const plot = await page.textContent('#plot-description');
  assert.match(plot, /^The prediction over the plane: .*(positive \(blue\)|negative \(orange\)) on \d+ %, mostly in the centre/);
  assert.match(await page.getAttribute('#plot', 'aria-describedby'), /\bplot-description\b/);
  await page.focus('#network');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('#node-description'), /^Its output over the plane: .+ on \d+ %/);
  await page.close();
});

test('with reduced motion an autoplay link waits for Play, and says why', async () => {
  const context = await env.browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.url}#v=1&autoplay=1`);
  await page.waitForSelector('body[data-ready]');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.backpropPlayground.playing()), false);
  assert.match(await page.textContent('#message-text'), /reduced motion/);
  await page.click('#message-action');
  assert.equal(await page.evaluate(() => window.backpropPlayground.playing()), true);
  await context.close();
});

test('training pauses while the tab is hidden and goes on when it is back', async () => {
  const page = await open(env.browser, env.url);
  await page.selectOption('#speed', '0');
  await page.click('#play');
  await page.waitForFunction(() => window.backpropPlayground.stats().step > 10);
  const hide = (hidden) => page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await hide(true);
  await page.waitForTimeout(100);
  const at = await page.evaluate(() => window.backpropPlayground.stats().step);
  await page.waitForTimeout(600);
  assert.equal(await page.evaluate(() => window.backpropPlayground.stats().step), at, 'no training while hidden');
  await hide(false);
  await page.waitForFunction((s) => window.backpropPlayground.stats().step > s, at);
  await page.close();
});

/** Interactive elements smaller than 44 × 44 px (a checkbox counts with its label). */
function smallTargets(page) {
  return page.evaluate(() => [...document.querySelectorAll('button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])')]
    .filter((e) => e.getClientRects().length && !e.closest('[hidden], dialog:not([open])'))
    .map((e) => {
      const box = (e.type === 'checkbox' && e.closest('label') ? e.closest('label') : e).getBoundingClientRect();
      return { what: e.id || e.textContent.trim().slice(0, 20) || e.tagName, width: Math.round(box.width), height: Math.round(box.height) };
    })
    .filter((t) => t.width > 0 && (t.width < 44 || t.height < 44)));
}

test('on a touch phone: targets of 44 px, a tap does what hover does, canvases sharp at 3× pixels', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${env.url}#v=1&networkShape=4,4,4,3`);
  await page.waitForSelector('body[data-ready]');
  await page.waitForTimeout(300);
  assert.deepEqual(await smallTargets(page), []);
  for (const id of ['network', 'plot', 'loss-chart']) {
    const { width, clientWidth } = await page.$eval(`#${id}`, (c) => ({ width: c.width, clientWidth: c.getBoundingClientRect().width }));
    assert.equal(width, Math.round(clientWidth * 3), `#${id} has a backing pixel per device pixel`);
  }
  // The network stacks above the plot in portrait.
  const [net, plot] = await Promise.all(['#network', '#plot'].map((s) => page.locator(s).boundingBox()));
  assert.ok(plot.y > net.y + net.height, 'the plot is below the network');
  // The nodes sit below the −/+ buttons drawn over the canvas.
  const { buttonsBottom, topNode } = await page.evaluate(() => {
    const canvas = document.getElementById('network').getBoundingClientRect();
    const buttons = Math.max(...[...document.querySelectorAll('#neuron-controls button')].map((b) => b.getBoundingClientRect().bottom));
    const { columns, size } = window.backpropPlayground.layout();
    return { buttonsBottom: buttons - canvas.top, topNode: Math.min(...columns.flat().map((n) => n.y)) - size / 2 };
  });
  assert.ok(topNode >= buttonsBottom, `nodes start at ${topNode}, buttons end at ${buttonsBottom}`);
  // A tap on a neuron selects it and shows its heatmap, as hover does with a mouse.
  await page.locator('#network').scrollIntoViewIfNeeded();
  const point = await page.evaluate(() => window.backpropPlayground.layout().columns[1][2]);
  const box = await page.locator('#network').boundingBox();
  await page.touchscreen.tap(box.x + point.x, box.y + point.y);
  await page.waitForSelector('#inspector:not([hidden])');
  assert.equal(await page.textContent('#inspector-title'), 'Hidden neuron 2 of layer 1');
  assert.match(await page.textContent('#node-description'), /Its output over the plane/);
  await page.screenshot({ path: `${RESULTS}phone-touch.png`, fullPage: true });
  await context.close();
});

test('the dark theme is a button away, and a shared link keeps it', async () => {
  const page = await open(env.browser, env.url);
  await page.click('#theme-toggle');
  assert.equal(await page.getAttribute('#theme-toggle', 'aria-pressed'), 'true');
  const colours = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.documentElement).backgroundColor]);
  assert.ok(colours.every((c) => /rgb\((\d+), (\d+), (\d+)\)/.test(c) && c.match(/\d+/g).slice(0, 3).every((v) => Number(v) < 60)), colours.join(' '));
  await page.waitForFunction(() => location.hash.includes('theme=dark'));
  await page.click('#theme-toggle');
  await page.waitForFunction(() => !location.hash.includes('theme=dark'));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the loss chart reads out by keyboard and by tap, not only by hover', async () => {
  const page = await open(env.browser, env.url);
  await page.selectOption('#speed', '0');
  await trainUntil(page, 8);
  await page.focus('#loss-chart');
  await page.keyboard.press('End');
  const last = await page.textContent('#loss-readout');
  assert.match(last, /^Epoch \d+: training loss [\d.e-]+, test loss [\d.e-]+$/);
  await page.keyboard.press('ArrowLeft');
  const before = await page.textContent('#loss-readout');
  assert.notEqual(before, last);
  assert.equal(Number(before.match(/^Epoch (\d+)/)[1]) < Number(last.match(/^Epoch (\d+)/)[1]), true);
  await page.keyboard.press('Home');
  assert.match(await page.textContent('#loss-readout'), /^Epoch [01]:/);
  await page.close();

  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  await phone.goto(env.url);
  await phone.waitForSelector('body[data-ready]');
  await phone.click('#settings-toggle'); // a phone keeps the settings in a drawer
  await phone.selectOption('#speed', '0');
  await phone.click('#settings-toggle');
  await trainUntil(phone, 8);
  await phone.locator('#loss-chart').scrollIntoViewIfNeeded();
  const box = await phone.locator('#loss-chart').boundingBox();
  await phone.touchscreen.tap(box.x + box.width * 0.6, box.y + box.height / 2);
  await phone.waitForTimeout(200);
  assert.match(await phone.textContent('#loss-readout'), /^Epoch [\d.]+: training loss/, 'the readout stays after the finger lifts');
  await context.close();
});

test('drawing data from the keyboard: a cursor on the plot adds and erases points', async () => {
  const page = await open(env.browser, env.url);
  const count = () => page.evaluate(() => window.backpropPlayground.trainPoints().length / 3);
  const before = await count();
  await page.focus('#draw-modes button:nth-child(2)'); // Add blue (+1)
  await page.keyboard.press('Enter');
  await page.focus('#plot');
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowUp', 'ArrowUp', 'Enter']) await page.keyboard.press(key);
  assert.equal(await count(), before + 1);
  const last = await page.evaluate(() => Array.from(window.backpropPlayground.trainPoints().slice(-3)));
  assert.deepEqual(last, [2, 1, 1], 'a blue point at (2, 1)');
  assert.match(await page.textContent('#plot-cursor'), /Cursor at x 2, y 1/);
  // The cursor stays at (2, 1) while the mode changes: Erase removes exactly that point.
  await page.focus('#draw-modes button:nth-child(4)'); // Erase
  await page.keyboard.press('Enter');
  await page.focus('#plot');
  await page.keyboard.press('Enter');
  assert.equal(await count(), before, 'erased again');
  const left = await page.evaluate(() => {
    const t = window.backpropPlayground.trainPoints();
    for (let k = 0; k < t.length; k += 3) if (t[k] === 2 && t[k + 1] === 1) return true;
    return false;
  });
  assert.equal(left, false, 'the point at (2, 1) is the one erased');
  assert.deepEqual(page.problems, []);
  await page.close();
});
