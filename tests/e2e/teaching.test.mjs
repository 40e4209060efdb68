// The teaching views in a real browser: the animated step, explain mode, the inspector, dead
// ReLUs, the gradient chart, presets and the learning-rate comparison. Numbers on the page are
// checked against an independent engine run in the same page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { RESULTS, open, start, text, trainUntil } from './browser.mjs';

let env;
before(async () => (env = await start()));
after(async () => env?.close());

/** Records, on every animation frame for `ms`, the story's time and a hash of each region. */
function recordRegions(page, regions, ms) {
  return page.evaluate(
    ({ regions, ms }) =>
      new Promise((done) => {
        const canvas = document.getElementById('network');
        const ctx = canvas.getContext('2d');
        const ratio = canvas.width / canvas.getBoundingClientRect().width;
        const hash = ({ x0, x1 }) => {
          const data = ctx.getImageData(Math.round(x0 * ratio), 0, Math.max(1, Math.round((x1 - x0) * ratio)), canvas.height).data;
          let h = 0;
          for (let i = 0; i < data.length; i += 3) h = (h * 31 + data[i]) | 0;
          return h;
        };
        const frames = [];
        const t0 = performance.now();
        const tick = () => {
          const story = window.backpropPlayground.story();
          frames.push({ t: story ? story.elapsed : null, hashes: regions.map(hash) });
          if (performance.now() - t0 < ms) requestAnimationFrame(tick);
          else done(frames);
        };
        requestAnimationFrame(tick);
      }),
    { regions, ms },
  );
}

/** x-ranges strictly between the node columns of weight layer 0 and of the last weight layer. */
async function edgeRegions(page) {
  const { columns, size } = await page.evaluate(() => window.backpropPlayground.layout());
  // Node rings and value labels (the error signal arriving) reach out from a node: keep clear.
  const between = (l) => ({ x0: columns[l][0].x + size * 1.1, x1: columns[l + 1][0].x - size * 1.1 });
  return [between(0), between(columns.length - 2)];
}

/** First story time at or after `from` at which a region differs from its state just before. */
function firstChange(frames, region, from) {
  const before = frames.filter((f) => f.t !== null && f.t < from).at(-1);
  const changed = frames.find((f) => f.t !== null && f.t >= from && f.hashes[region] !== before.hashes[region]);
  return changed?.t ?? Infinity;
}

test('the error signal reaches the output layer’s edges before the first layer’s', async () => {
  const page = await open(env.browser, env.url);
  const regions = await edgeRegions(page);
  await page.click('#step');
  const frames = await recordRegions(page, regions, 5600);
  // 2-4-2-1: three forward phases and the loss (4 × 650 ms), then backward from the output.
  const backwardStart = 4 * 650;
  const output = firstChange(frames, 1, backwardStart);
  const first = firstChange(frames, 0, backwardStart);
  // Both must change (firstChange is Infinity for a region that never does), each in its phase:
  // the output layer's in the first backward phase, the first layer's in the third.
  assert.ok(output >= backwardStart && output < backwardStart + 650, `output edges change at ${output} ms`);
  assert.ok(first >= backwardStart + 2 * 650 - 50 && first < backwardStart + 3 * 650, `first-layer edges change at ${first} ms`);
  // The update then applied one real step.
  await page.waitForFunction(() => document.getElementById('step-count').textContent === '1');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('mid-animation screenshots at desktop and phone widths', async () => {
  for (const [name, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ]) {
    const page = await open(env.browser, env.url, viewport);
    await page.click('#step');
    await page.waitForTimeout(650 * 4 + 400); // inside the first backward phase
    await page.screenshot({ path: `${RESULTS}story-backward-${name}.png`, fullPage: name === 'phone' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: no horizontal scrolling (${overflow}px)`);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

test('with reduced motion the pulses become staged highlights that do not move', async () => {
  const context = await env.browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(env.url);
  await page.waitForSelector('body[data-ready]');
  const regions = await edgeRegions(page);
  await page.click('#step');
  const frames = await recordRegions(page, regions, 8 * 650 + 300);
  // The update (after 3 forward phases, the loss and 3 backward phases): the edges change to
  // their new weights at once, without sliding there.
  const update = frames.filter((f) => f.t !== null && f.t > 7 * 650 + 60 && f.t < 8 * 650 - 60).map((f) => f.hashes.join());
  assert.ok(update.length > 5);
  assert.equal(new Set(update).size, 1, 'the update is a staged change, not motion');
  // Inside the first backward phase (the output layer's edges), nothing moves.
  const inPhase = frames.filter((f) => f.t !== null && f.t > 4 * 650 + 60 && f.t < 5 * 650 - 60).map((f) => f.hashes[1]);
  assert.ok(inPhase.length > 5);
  assert.equal(new Set(inPhase).size, 1, 'a staged highlight, not motion');
  // ...but it is highlighted: different from the loss phase before it.
  const lossPhase = frames.filter((f) => f.t !== null && f.t > 3 * 650 + 60 && f.t < 4 * 650 - 60).at(-1).hashes[1];
  assert.notEqual(inPhase[0], lossPhase);
  await context.close();

  // Without reduced motion the same phase moves.
  const moving = await open(env.browser, env.url);
  await moving.click('#step');
  const frames2 = await recordRegions(moving, regions, 4 * 650 + 600);
  const hashes = frames2.filter((f) => f.t !== null && f.t > 4 * 650 + 60 && f.t < 5 * 650 - 60).map((f) => f.hashes[1]);
  assert.ok(new Set(hashes).size > 3, 'pulses move');
  await moving.close();
});

test('the inspector’s chain-rule product equals the core’s gradient and the finite difference', async () => {
  const page = await open(env.browser, env.url);
  // Click the edge W₂[1][2] (weight layer 1, neuron 1, input 2).
  const point = await page.evaluate(async () => {
    const { edgePoint } = await import('/js/timeline.js');
    const { columns, size } = window.backpropPlayground.layout();
    return edgePoint(columns[1][2], columns[2][1], size / 2, 0.3);
  });
  const box = await page.locator('#network').boundingBox();
  await page.mouse.click(box.x + point.x, box.y + point.y);
  await page.waitForSelector('#inspector:not([hidden])');
  assert.equal(await text(page, '#inspector-title'), '∂L/∂W₂[1][2] by the chain rule');
  const value = (id) => page.getAttribute(`#${id} dd`, 'data-value').then(Number);
  await page.waitForSelector('#inspector-product');
  const product = await value('inspector-product');
  const grad = await value('inspector-grad');
  const numeric = await value('inspector-numeric');
  assert.ok(Math.abs(product - grad) <= 1e-4 * Math.max(Math.abs(grad), 1e-7), `${product} vs ${grad}`);
  assert.ok(Math.abs(numeric - grad) <= 2e-2 * Math.max(Math.abs(grad), 1e-3), `${numeric} vs ${grad}`);
  // An independent engine with the same configuration, tracing the same sample, agrees.
  const independent = await page.evaluate(() => {
    const h = window.backpropPlayground;
    const engine = new h.Engine(h.config());
    engine.trace(h.tracedSample());
    const value = engine.view('weightGrads', 1)[1 * 4 + 2];
    engine.free();
    return value;
  });
  assert.equal(grad, independent);
  assert.match(await text(page, '#inspector-body'), /∂L\/∂a₂\[1\] = Σ over the 1 outgoing edge:/);
  // The previewed update is exactly what the next step does to this weight.
  const update = await value('inspector-update');
  const [before, after] = await page.evaluate(() => {
    const h = window.backpropPlayground;
    const before = h.weights(1)[1 * 4 + 2];
    h.step(1);
    return [before, h.weights(1)[1 * 4 + 2]];
  });
  assert.equal(after, Math.fround(before + update), 'W after the step = W + the previewed update');
  // A neuron, chosen from the keyboard: → follows the selected edge W₂[1][2] to its neuron.
  await page.focus('#network');
  await page.keyboard.press('ArrowRight');
  assert.equal(await text(page, '#inspector-title'), 'Hidden neuron 1 of layer 2');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  assert.equal(await text(page, '#inspector-title'), 'Hidden neuron 0 of layer 1');
  await page.keyboard.press('ArrowDown');
  assert.equal(await text(page, '#inspector-title'), 'Hidden neuron 1 of layer 1');
  await page.click('#inspector-body .chips button:nth-child(2)');
  assert.equal(await text(page, '#inspector-title'), '∂L/∂W₁[1][0] by the chain rule');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('dead ReLUs: the count matches the core, they look dead, and leaky ReLU revives training', async () => {
  const page = await open(env.browser, env.url);
  await page.selectOption('#preset', 'deadRelu');
  assert.match(await text(page, '#preset-teaches'), /Leaky ReLU/);
  await page.selectOption('#speed', '0');
  await trainUntil(page, 20);
  const shown = await page.evaluate(() => document.getElementById('dead').dataset.count).then(Number);
  const independent = await page.evaluate(() => {
    const h = window.backpropPlayground;
    const engine = new h.Engine({ preset: 'deadRelu' });
    engine.step(h.stats().step);
    const s = engine.stats();
    engine.free();
    return { dead: s.deadCount, flags: s.dead };
  });
  assert.equal(shown, independent.dead);
  assert.ok(shown >= 4, `${shown} dead`);
  assert.match(await text(page, '#dead'), /ReLU′\(z\) = 0/);
  // A dead node is drawn crossed out: its centre, where the two strokes of the cross meet, is dark.
  const grey = await page.evaluate((flags) => {
    const layout = window.backpropPlayground.layout();
    const layer = flags.findIndex((f) => f.includes(true));
    const node = layout.columns[layer + 1][flags[layer].indexOf(true)];
    const canvas = document.getElementById('network');
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const [r, g, b] = canvas.getContext('2d').getImageData(Math.round(node.x * ratio), Math.round(node.y * ratio), 1, 1).data;
    return Math.max(r, g, b) < 90;
  }, independent.flags);
  assert.ok(grey, 'a dead neuron is crossed out');
  await page.screenshot({ path: `${RESULTS}dead-relu-desktop.png` });
  const lossBefore = Number(await text(page, '#train-loss'));
  const parameters = () => page.evaluate(() => {
    const h = window.backpropPlayground;
    return { step: h.stats().step, weights: h.sizes().slice(1).map((_, l) => h.weights(l)) };
  });
  const kept = await parameters();
  await page.click('#revive');
  assert.deepEqual(await parameters(), kept, 'the same weights and step: switched, not rebuilt');
  assert.equal(await page.inputValue('#activation'), 'leakyRelu');
  assert.equal(await page.evaluate(() => document.getElementById('dead').dataset.count), '0');
  await page.click('#play');
  await page.waitForFunction((target) => Number(document.getElementById('train-loss').textContent) < target, lossBefore / 2, { timeout: 20000 });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the gradient chart shows the orders of magnitude the core reports, and residuals even them out', async () => {
  const page = await open(env.browser, env.url);
  await page.selectOption('#preset', 'vanishingGradients');
  await page.selectOption('#speed', '0');
  await page.click('#step');
  const shown = await page.$$eval('#gradient-values li', (items) => items.map((li) => Number(li.dataset.value)));
  const core = await page.evaluate(() => {
    const engine = new window.backpropPlayground.Engine({ preset: 'vanishingGradients' });
    engine.step(1);
    const rms = engine.stats().weightGradRms;
    engine.free();
    return rms;
  });
  assert.equal(shown.length, 11);
  assert.deepEqual(shown, core);
  const plain = shown[0] / shown[10];
  assert.ok(plain < 1e-3, `first/last ${plain}`);
  // The bars: the first layer's is lower than the last's by the same decades on the log scale.
  const heights = await page.evaluate(async (values) => {
    const { gradientBars } = await import('/js/chart.js');
    const canvas = document.getElementById('gradient-chart');
    const { width, height } = canvas.getBoundingClientRect();
    const ratio = canvas.width / width;
    const bars = gradientBars(values, { left: 44, top: 8, width: width - 52, height: height - 30 });
    const ctx = canvas.getContext('2d');
    // Measure each bar's drawn top: scan down its centre column for the bar colour.
    return bars.map((b) => {
      const x = Math.round((b.x + b.w / 2) * ratio);
      for (let y = 0; y < canvas.height; y++) {
        const [r, g, bl] = ctx.getImageData(x, y, 1, 1).data;
        if (r === 8 && g === 119 && bl === 189) return { drawn: (canvas.height - y) / ratio, expected: b.h + 22 };
      }
      return { drawn: 0, expected: b.h + 22 };
    });
  }, shown);
  for (const h of heights) assert.ok(Math.abs(h.drawn - h.expected) < 2, JSON.stringify(h));
  assert.ok(heights[10].drawn - heights[0].drawn > 20);
  await page.screenshot({ path: `${RESULTS}vanishing-desktop.png` });
  await page.check('#residual');
  await page.click('#step');
  const residual = await page.$$eval('#gradient-values li', (items) => items.map((li) => Number(li.dataset.value)));
  assert.ok(residual[0] / residual[10] / plain > 1e3, `residual ${residual[0] / residual[10]} vs plain ${plain}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('explain mode steps through the source text’s phases with live numbers, and back', async () => {
  const page = await open(env.browser, env.url);
  await page.selectOption('#preset', 'sourceText');
  await page.click('#explain');
  const titles = [];
  for (let k = 0; k < 8; k++) {
    titles.push(await text(page, '#explain-title'));
    if (titles.at(-1).startsWith('Step 1')) {
      const line = await text(page, '#explain-lines');
      assert.match(line, /^∂L\/∂z₂\[0\] = \(ŷ − y\) · ŷ · \(1 − ŷ\) = \(/);
      const expected = await page.evaluate(async () => {
        const { num } = await import('/js/notation.js');
        const h = window.backpropPlayground;
        const engine = new h.Engine({ preset: 'sourceText' });
        engine.trace(h.explain().sample);
        const delta = engine.view('deltas', 1)[0];
        engine.free();
        return num(delta);
      });
      assert.ok(line.endsWith(`= ${expected}`), `${line} should end with ${expected}`);
    }
    if (k < 7) await page.keyboard.press('ArrowRight');
  }
  assert.deepEqual(titles, [
    'Forward: hidden layer 1',
    'Forward: the output layer',
    'The loss',
    'Step 1 — output gradient',
    'Step 2 — hidden layer 1: the sum over outgoing edges',
    'Step 2 — hidden layer 1: the gate ReLU′',
    'Step 3 — weight gradients',
    'Step 3 — the update',
  ]);
  assert.equal(await text(page, '#step-count'), '1', 'the update phase applied one step');
  await page.screenshot({ path: `${RESULTS}explain-desktop.png` });
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await text(page, '#explain-title'), 'Step 2 — hidden layer 1: the gate ReLU′');
  assert.equal(await text(page, '#step-count'), '1', 'going back replays without retraining');
  await page.click('#explain-close');
  assert.equal(await page.isHidden('#explain-panel'), true);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('presets say what they teach; the learning-rate comparison shows learning and a blow-up', async () => {
  const page = await open(env.browser, env.url);
  const presets = await page.evaluate(() => window.backpropPlayground.Engine.presets());
  assert.ok(presets.length >= 7);
  for (const p of presets) {
    await page.selectOption('#preset', p.name);
    assert.equal(await text(page, '#preset-teaches'), p.teaches);
  }
  // The comparison of the learning rates on a network that diverges at ten times its η.
  await page.selectOption('#preset', 'learningRateTooLarge');
  await page.fill('#learning-rate', '7'); // 0.3
  await page.click('#compare');
  await page.waitForFunction(() => !window.backpropPlayground.comparisonRunning(), null, { timeout: 30000 });
  const runs = await page.$$eval('.compare-run', (items) => items.map((i) => ({ verdict: i.dataset.verdict, text: i.textContent })));
  assert.equal(runs.length, 3);
  assert.match(runs[0].text, /^η = 0\.03 \(yours ÷ 10\)/);
  assert.equal(runs[1].verdict, 'learning');
  assert.ok(['diverged', 'exploding'].includes(runs[2].verdict), runs[2].text);
  assert.match(runs[2].text, /at step \d+/);
  await page.screenshot({ path: `${RESULTS}compare-desktop.png`, fullPage: true });
  await page.click('#compare');
  assert.equal(await page.isHidden('#compare-results'), true);
  assert.deepEqual(page.problems, []);
  await page.close();
});
