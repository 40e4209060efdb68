// The complete playground: every control TensorFlow Playground has, and what its users asked for.
// Each test checks an effect (the data, the loss, the weights, the pixels), not just presence.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { RESULTS, canvasHash, number, open, start, text, trainUntil } from './browser.mjs';

let env;
before(async () => (env = await start()));
after(async () => env?.close());

const config = (page) => page.evaluate(() => window.backpropPlayground.config());
const sizes = (page) => page.evaluate(() => window.backpropPlayground.sizes());
const trainCount = (page) => page.evaluate(() => window.backpropPlayground.trainPoints().length / 3);
const stats = (page) => page.evaluate(() => window.backpropPlayground.stats());

/** Sets a range or select and fires the events a person's change would. */
async function setValue(page, selector, value) {
  await page.$eval(
    selector,
    (el, v) => {
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    },
    String(value),
  );
}

/** Clicks the plot at plane coordinates (x, y). */
async function clickPlot(page, x, y) {
  await page.locator('#plot').scrollIntoViewIfNeeded();
  const box = await page.locator('#plot').boundingBox();
  const size = Math.min(box.width, box.height);
  await page.mouse.click(box.x + ((x + 6) / 12) * size, box.y + ((6 - y) / 12) * size);
}

test('the data set picker, classes, points, noise, split, regenerate, show test data and discretize', async () => {
  const page = await open(env.browser, env.url);
  const thumbnails = await page.$$eval('.dataset canvas', (cs) => cs.map((c) => c.getContext('2d').getImageData(0, 0, 48, 48).data.some((v, i) => i % 4 === 2 && v < 200)));
  assert.deepEqual(thumbnails, Array(8).fill(true), 'every thumbnail shows points');
  for (const [name, problem] of [['xor', 'classification'], ['regGauss', 'regression'], ['spiralK', 'multiclass'], ['circle', 'classification']]) {
    await page.click(`.dataset[data-dataset="${name}"]`);
    const c = await config(page);
    assert.deepEqual([c.dataset, c.problem], [name, problem]);
    assert.equal(await page.inputValue('#problem'), problem);
  }
  await page.click('.dataset[data-dataset="blobs"]');
  assert.equal(await page.isVisible('#classes'), true);
  await setValue(page, '#classes', 5);
  assert.equal((await sizes(page)).at(-1), 5, 'five output neurons');
  await page.click('.dataset[data-dataset="circle"]');
  assert.equal(await page.isHidden('#classes-control'), true);
  await setValue(page, '#num-points', 400);
  await setValue(page, '#train-ratio', 70);
  assert.equal(await trainCount(page), 280);
  const labels = () => page.evaluate(() => window.backpropPlayground.trainPoints().filter((_, k) => k % 3 === 2).join(''));
  const clean = await labels();
  await setValue(page, '#noise', 30);
  assert.equal((await config(page)).noise, 30);
  assert.notEqual(await labels(), clean, 'noise flips labels near the boundary');
  const before = await page.evaluate(() => Array.from(window.backpropPlayground.trainPoints().slice(0, 6)));
  const seed = (await config(page)).seed;
  await page.click('#regenerate');
  assert.notEqual((await config(page)).seed, seed);
  assert.notDeepEqual(await page.evaluate(() => Array.from(window.backpropPlayground.trainPoints().slice(0, 6))), before, 'new data');
  await page.waitForTimeout(100);
  const plain = await canvasHash(page, 'plot');
  await page.check('#show-test');
  await page.waitForTimeout(100);
  assert.notEqual(await canvasHash(page, 'plot'), plain, 'test points drawn');
  await trainUntil(page, 20);
  await page.check('#discretize');
  const colours = await page.evaluate(() => {
    const pixels = window.backpropPlayground.heatmap(-1, 32);
    const seen = new Set();
    for (let i = 0; i < pixels.length; i += 4) seen.add(`${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`);
    return seen.size;
  });
  assert.ok(colours <= 3, `a discretized prediction has two colours (and grey at 0), not ${colours}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('drawing points changes the data and the loss; erase and clear work; nothing trains without data', async () => {
  const page = await open(env.browser, env.url);
  const n = await trainCount(page);
  const loss = (await stats(page)).trainLoss;
  await page.click('#draw-modes button:has-text("Add orange")');
  await clickPlot(page, 0.5, 0.5); // an orange point in the blue centre
  assert.equal(await trainCount(page), n + 1);
  const added = await page.evaluate(() => Array.from(window.backpropPlayground.trainPoints().slice(-3)));
  assert.ok(Math.abs(added[0] - 0.5) < 0.1 && Math.abs(added[1] - 0.5) < 0.1 && added[2] === -1, JSON.stringify(added));
  assert.notEqual((await stats(page)).trainLoss, loss, 'the loss is over the new data');
  await page.click('#draw-modes button:has-text("Erase")');
  await clickPlot(page, 0.5, 0.5);
  assert.equal(await trainCount(page), n);
  await page.click('#clear-data');
  assert.equal(await trainCount(page), 0);
  assert.equal(await text(page, '#train-loss'), '–');
  await page.click('#play');
  await page.waitForTimeout(300);
  assert.equal(await number(page, '#step-count'), 0, 'no data, no steps');
  await page.click('#play');
  await page.click('#draw-modes button:has-text("Add blue")');
  await clickPlot(page, 2, 2);
  await clickPlot(page, 3, 1);
  await page.click('#draw-modes button:has-text("Add orange")');
  await clickPlot(page, -2, -3);
  assert.equal(await trainCount(page), 3);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('step-count').textContent) > 20);
  await page.click('#play');
  await page.screenshot({ path: `${RESULTS}drawn-data-desktop.png` });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a CSV round-trips exactly, and a malformed one names its line and changes nothing', async () => {
  const page = await open(env.browser, env.url);
  await page.click('.dataset[data-dataset="spiral"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const path = `${RESULTS}exported.csv`;
  await download.saveAs(path);
  const exported = await readFile(path, 'utf8');
  assert.match(exported, /^x,y,label\n/);
  assert.equal(exported.trim().split('\n').length, 501);
  await page.click('.dataset[data-dataset="circle"]');
  await page.setInputFiles('#import-csv', path);
  await page.waitForFunction(() => window.backpropPlayground.hasCustomData());
  assert.equal(await page.evaluate(() => window.backpropPlayground.exportCsv()), exported, 'byte for byte');
  const bad = `${RESULTS}bad.csv`;
  await writeFile(bad, 'x,y,label\n1,2,1\n3,oops,-1\n');
  await page.setInputFiles('#import-csv', bad);
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await text(page, '#message-text'), /data is unchanged\. csv: line 3: y "oops" is not a number/);
  assert.equal(await page.evaluate(() => window.backpropPlayground.exportCsv()), exported);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('features toggle by their nodes; layers and neurons are added and removed on the diagram', async () => {
  const page = await open(env.browser, env.url);
  await page.click('.feature[data-feature="xSquared"]');
  await page.click('.feature[data-feature="sinY"]');
  assert.deepEqual((await config(page)).features, ['x', 'y', 'xSquared', 'sinY']);
  assert.equal((await sizes(page))[0], 4);
  for (const f of ['x', 'y', 'xSquared']) await page.click(`.feature[data-feature="${f}"]`);
  await page.click('.feature[data-feature="sinY"]');
  assert.match(await text(page, '#message-text'), /^features: no input feature given/);
  assert.deepEqual((await config(page)).features, ['sinY'], 'the last feature stays');
  await page.click('#add-layer');
  assert.deepEqual((await config(page)).networkShape, [4, 2, 2]);
  await page.click('.neuron-control:nth-child(1) button:has-text("+")');
  assert.deepEqual((await config(page)).networkShape, [5, 2, 2]);
  await page.click('.neuron-control:nth-child(3) button:has-text("−")');
  assert.deepEqual((await config(page)).networkShape, [5, 2, 1]);
  await page.click('#remove-layer');
  assert.deepEqual((await config(page)).networkShape, [5, 2]);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('settings: only valid output/loss pairs, live settings keep training, the rest rebuild', async () => {
  const page = await open(env.browser, env.url);
  const options = (id) => page.$$eval(`#${id} option`, (os) => os.map((o) => o.value));
  assert.deepEqual(await options('output-activation'), ['sigmoid', 'tanh', 'linear']);
  assert.deepEqual(await options('loss'), ['mse', 'crossEntropy']);
  await page.selectOption('#output-activation', 'tanh');
  assert.deepEqual(await options('loss'), ['mse'], 'cross-entropy needs a sigmoid output');
  await page.selectOption('#problem', 'multiclass');
  assert.deepEqual(await options('output-activation'), ['softmax', 'sigmoid', 'tanh', 'linear']);
  await page.selectOption('#problem', 'classification');
  await page.selectOption('#speed', '0');
  await trainUntil(page, 3);
  // Paused: the counter shows the last evaluation, which may land a frame after the pause.
  await page.waitForFunction(() => {
    const shown = Number(document.getElementById('epoch').textContent);
    return !window.backpropPlayground.playing() && shown === Math.floor(window.backpropPlayground.stats().epoch);
  });
  await page.waitForTimeout(200);
  const epoch = await number(page, '#epoch');
  for (const [id, value] of [['#optimizer', 'adam'], ['#regularization', 'L2'], ['#regularization-rate', '0.01']]) {
    await page.selectOption(id, value);
    assert.equal(await number(page, '#epoch'), epoch, `${id} applies without a reset`);
  }
  await setValue(page, '#batch-size', 25);
  assert.equal(await number(page, '#epoch'), epoch, 'batch size applies without a reset');
  await page.fill('#learning-rate', '4');
  assert.equal(await number(page, '#epoch'), epoch, 'learning rate applies without a reset');
  const c = await config(page);
  assert.deepEqual([c.optimizer, c.regularization, c.regularizationRate, c.batchSize, c.learningRate], ['adam', 'L2', 0.01, 25, 0.01]);
  await page.selectOption('#init', 'xavier');
  assert.equal(await number(page, '#epoch'), 0, 'a new initialisation rebuilds');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('editing a weight changes weights(l), the drawing and the heatmaps at once', async () => {
  const page = await open(env.browser, env.url);
  const point = await page.evaluate(async () => {
    const { edgePoint } = await import('/js/timeline.js');
    const { columns, size } = window.backpropPlayground.layout();
    return edgePoint(columns[0][1], columns[1][3], size / 2, 0.3);
  });
  const box = await page.locator('#network').boundingBox();
  await page.mouse.click(box.x + point.x, box.y + point.y);
  assert.equal(await text(page, '#inspector-title'), '∂L/∂W₁[3][1] by the chain rule');
  await page.waitForTimeout(100);
  const network = await canvasHash(page, 'network');
  const thumbs = await page.evaluate(() => Array.from(window.backpropPlayground.heatmap(5, 8)));
  await page.fill('#param-value', '2.5');
  await page.press('#param-value', 'Enter');
  assert.equal(await page.evaluate(() => window.backpropPlayground.weights(0)[3 * 2 + 1]), 2.5);
  await page.waitForTimeout(150);
  assert.notEqual(await canvasHash(page, 'network'), network, 'the edge is redrawn');
  assert.notDeepEqual(await page.evaluate(() => Array.from(window.backpropPlayground.heatmap(5, 8))), thumbs, 'neuron 3 of layer 1 computes something else');
  await page.fill('#param-value', '');
  await page.click('#param-set');
  assert.match(await text(page, '#message-text'), /must be a number/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('hovering a neuron shows its heatmap in the plot; the loss chart has a log scale and a readout', async () => {
  const page = await open(env.browser, env.url);
  await page.selectOption('#speed', '0');
  await trainUntil(page, 40);
  await page.waitForTimeout(100);
  const plot = await canvasHash(page, 'plot');
  const node = await page.evaluate(() => window.backpropPlayground.layout().columns[1][2]);
  const box = await page.locator('#network').boundingBox();
  await page.mouse.move(box.x + node.x, box.y + node.y);
  assert.match(await text(page, '#plot-caption'), /neuron 2 of hidden layer 1/);
  await page.waitForTimeout(100);
  assert.notEqual(await canvasHash(page, 'plot'), plot);
  await page.mouse.move(box.x + 2, box.y + 2);
  assert.equal(await text(page, '#plot-caption'), 'The prediction over the plane.');
  // Focusing a neuron from the keyboard shows it too.
  await page.focus('#network');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await text(page, '#plot-caption'), /neuron 0 of hidden layer 2/);
  await page.keyboard.press('Escape');
  assert.equal(await text(page, '#plot-caption'), 'The prediction over the plane.');
  const linear = await canvasHash(page, 'loss-chart');
  await page.check('#loss-log');
  await page.waitForTimeout(100);
  assert.notEqual(await canvasHash(page, 'loss-chart'), linear);
  await page.locator('#loss-chart').scrollIntoViewIfNeeded();
  const chart = await page.locator('#loss-chart').boundingBox();
  await page.mouse.move(chart.x + chart.width * 0.6, chart.y + chart.height / 2);
  assert.match(await text(page, '#loss-readout'), /^Epoch \d+(\.\d+)?: training loss \d/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a model exports and imports exactly; a bad model file is reported and changes nothing', async () => {
  const page = await open(env.browser, env.url);
  await page.selectOption('#speed', '0');
  await trainUntil(page, 10);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-model')]);
  const path = `${RESULTS}model.json`;
  await download.saveAs(path);
  const weights = await page.evaluate(() => Array.from(window.backpropPlayground.weights(1)));
  const step = await number(page, '#step-count');
  await page.click('#reset');
  assert.equal(await number(page, '#step-count'), 0);
  await page.setInputFiles('#import-model', path);
  await page.waitForFunction((s) => Number(document.getElementById('step-count').textContent) === s, step);
  assert.deepEqual(await page.evaluate(() => Array.from(window.backpropPlayground.weights(1))), weights);
  const bad = `${RESULTS}bad-model.json`;
  const model = JSON.parse(await readFile(path, 'utf8'));
  model.layers[0].weights.pop();
  await writeFile(bad, JSON.stringify(model));
  await page.setInputFiles('#import-model', bad);
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await text(page, '#message-text'), /model is unchanged\. model: layers\[0\]\.weights: 7 values, but a 2 → 4 layer has 8/);
  assert.deepEqual(await page.evaluate(() => Array.from(window.backpropPlayground.weights(1))), weights);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the largest network (16 × 32, every feature, 2000 points) stays readable and trains; frame times', async () => {
  for (const [name, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ]) {
    const page = await open(env.browser, env.url, viewport);
    if (name === 'phone') await page.click('#settings-toggle'); // a phone keeps the settings in a drawer
    await page.fill('#network-shape', Array(16).fill(32).join(','));
    await page.press('#network-shape', 'Enter');
    for (const f of ['xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY', 'cosX', 'cosY']) await page.click(`.feature[data-feature="${f}"]`);
    await setValue(page, '#num-points', 2000);
    assert.deepEqual(await sizes(page), [9, ...Array(16).fill(32), 1]);
    if (name === 'phone') await page.click('#settings-toggle');
    const fits = await page.evaluate(() => {
      const layout = window.backpropPlayground.layout();
      const rect = document.getElementById('network').getBoundingClientRect();
      return layout.columns.flat().every((n) => n.x - layout.size / 2 >= 0 && n.x + layout.size / 2 <= rect.width && n.y - layout.size / 2 >= 0 && n.y + layout.size / 2 <= rect.height);
    });
    assert.ok(fits, `${name}: every node inside the canvas`);
    await page.click('#play');
    const frames = await page.evaluate(
      () =>
        new Promise((done) => {
          const times = [];
          const tick = (t) => {
            times.push(t);
            if (times.length < 240) requestAnimationFrame(tick);
            else done(times);
          };
          requestAnimationFrame(tick);
        }),
    );
    await page.click('#play');
    const intervals = frames.slice(1).map((t, k) => t - frames[k]).sort((a, b) => a - b);
    const pct = (p) => intervals[Math.min(intervals.length - 1, Math.floor(p * intervals.length))];
    const report = { viewport: name, frames: intervals.length, medianMs: pct(0.5), p95Ms: pct(0.95), maxMs: intervals.at(-1) };
    console.log(`frame intervals on the largest network: ${JSON.stringify(report)}`);
    await writeFile(`${RESULTS}frame-times-${name}.json`, JSON.stringify(report, null, 2));
    assert.ok((await number(page, '#step-count')) > 0, 'it trained');
    await page.screenshot({ path: `${RESULTS}largest-${name}.png`, fullPage: name === 'phone' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: no horizontal scrolling (${overflow}px)`);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});
