// The full chain in a real browser: click a first-layer edge of a 2-3-3-1 network, expand the
// chain, and the path products shown sum to the gradient shown; choosing a path lights it up.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { RESULTS, canvasHash, open, start, text } from './browser.mjs';

let env;
before(async () => (env = await start()));
after(async () => env?.close());

/** Reads a number as the page prints it (true minus, ·10⁻ⁿ). */
function parse(printed) {
  const sup = { '⁻': '-', '⁰': 0, '¹': 1, '²': 2, '³': 3, '⁴': 4, '⁵': 5, '⁶': 6, '⁷': 7, '⁸': 8, '⁹': 9 };
  const [mantissa, power] = printed.trim().replace('−', '-').split('·10');
  return Number(mantissa) * (power ? 10 ** Number([...power].map((c) => sup[c]).join('')) : 1);
}

async function clickEdge(page, layer, i, j) {
  const point = await page.evaluate(async ({ layer, i, j }) => {
    const { edgePoint } = await import('/js/timeline.js');
    const { columns, size } = window.backpropPlayground.layout();
    return edgePoint(columns[layer][j], columns[layer + 1][i], size / 2, 0.2); // clear of crossings
  }, { layer, i, j });
  await page.locator('#network').scrollIntoViewIfNeeded();
  const box = await page.locator('#network').boundingBox();
  await page.mouse.click(box.x + point.x, box.y + point.y);
}

for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test(`the paths of a first-layer weight sum to its gradient, and one lights up (${viewport.width} px)`, async () => {
    const page = await open(env.browser, `${env.url}#v=1&networkShape=3,3&activation=tanh&seed=5`, viewport);
    assert.deepEqual(await page.evaluate(() => window.backpropPlayground.sizes()), [2, 3, 3, 1]);
    await page.evaluate(() => window.backpropPlayground.step(30));
    await clickEdge(page, 0, 1, 0);
    await page.waitForSelector('#inspector:not([hidden])');
    assert.equal(await text(page, '#inspector-title'), '∂L/∂W₁[1][0] by the chain rule');
    // The weight's field shows it rounded (≤ 6 significant digits); Set without an edit keeps it exact.
    const exactWeight = await page.evaluate(() => window.backpropPlayground.weights(0)[1 * 2 + 0]);
    const field = await page.inputValue('#param-value');
    assert.equal(Number(field), Number(exactWeight.toPrecision(6)));
    await page.click('#param-set');
    assert.equal(await page.evaluate(() => window.backpropPlayground.weights(0)[1 * 2 + 0]), exactWeight);
    await page.click('#chain-expand');
    await page.waitForSelector('#chain-path-list button.path');
    assert.match(await text(page, '#chain-count'), /^3 paths/);
    const rows = page.locator('#chain-path-list button.path');
    assert.equal(await rows.count(), 3);
    // The numbers as printed (3 significant digits) add up to the gradient as printed…
    const printed = await page.$$eval('#chain-path-list .product', (spans) => spans.map((s) => s.textContent));
    const shownGrad = parse((await text(page, '#paths-grad dd')).split(' — ')[0]);
    const printedSum = printed.map(parse).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(printedSum - shownGrad) <= 0.01 * Math.abs(shownGrad) + 3e-3 * Math.max(...printed.map((p) => Math.abs(parse(p)))), `${printed} vs ${shownGrad}`);
    // …and exactly: the products sum to backprop's gradient and agree with the finite difference.
    const exact = await page.$$eval('#chain-path-list .product', (spans) => spans.map((s) => Number(s.dataset.value)));
    const grad = Number(await page.getAttribute('#paths-grad dd', 'data-value'));
    const numeric = Number(await page.getAttribute('#paths-numeric dd', 'data-value'));
    const sum = exact.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - grad) <= 1e-4 * Math.max(Math.abs(grad), 1e-7), `${sum} vs ${grad}`);
    assert.ok(Math.abs(numeric - grad) <= 3e-2 * Math.max(Math.abs(grad), 1e-3), `${numeric} vs ${grad}`);
    const handle = await page.evaluate(() => window.backpropPlayground.chainPaths());
    assert.equal(handle.count, '3');
    assert.deepEqual(handle.shown.map((p) => p.product), exact);
    // On a phone every path is a target of at least 44 px.
    if (viewport.width < 500) {
      for (const box of await rows.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) assert.ok(box >= 44, `row ${box} px`);
    }
    // Choosing a path draws it on the diagram; choosing it again takes it away.
    const before = await canvasHash(page, 'network');
    await rows.nth(1).click();
    await page.waitForFunction(() => window.backpropPlayground.highlightedPath() !== null);
    const path = await page.evaluate(() => window.backpropPlayground.highlightedPath());
    assert.deepEqual(path.nodes.map((n) => n.column), [0, 1, 2, 3]);
    assert.deepEqual(path.nodes.slice(0, 2), [{ column: 0, index: 0 }, { column: 1, index: 1 }]);
    assert.equal(path.product, exact[1]);
    await page.waitForFunction((h) => {
      const c = document.getElementById('network');
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let x = 0;
      for (let i = 0; i < data.length; i += 7) x = (x * 31 + data[i]) | 0;
      return x !== h;
    }, before);
    assert.equal(await rows.nth(1).getAttribute('aria-pressed'), 'true');
    await page.screenshot({ path: `${RESULTS}paths-${viewport.width}.png` });
    await page.locator('#network').screenshot({ path: `${RESULTS}paths-network-${viewport.width}.png` });
    // From the keyboard: the focused row is a button; Enter un-chooses it.
    await rows.nth(1).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.backpropPlayground.highlightedPath() === null);
    assert.notEqual(await canvasHash(page, 'network'), null);
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

test('on a phone a ten-layer network is drawn wider and scrolls, and a tap beside a small node selects it', async () => {
  const page = await open(env.browser, `${env.url}#v=1&preset=vanishingGradients`, { width: 390, height: 844 });
  const sizes = await page.evaluate(() => window.backpropPlayground.sizes());
  assert.ok(sizes.length >= 11, `${sizes.length} columns`);
  const widths = await page.evaluate(() => {
    const canvas = document.getElementById('network');
    return { canvas: canvas.getBoundingClientRect().width, box: canvas.parentElement.clientWidth, page: document.documentElement.scrollWidth };
  });
  assert.ok(widths.canvas > widths.box, `the diagram (${widths.canvas} px) is wider than its box (${widths.box} px)`);
  assert.ok(widths.page <= 390, 'the page itself does not scroll sideways');
  const { columns, size } = await page.evaluate(() => window.backpropPlayground.layout());
  for (let c = 1; c < columns.length; c++) assert.ok(columns[c][0].x - columns[c - 1][0].x >= 44, 'columns 44 px apart');
  // A neuron far right: scroll it into the box, then tap 20 px to its left, outside what is drawn.
  const column = columns.length - 3;
  const node = columns[column][3];
  assert.ok(size / 2 < 20, `nodes are small (${size} px)`);
  await page.locator('#network').scrollIntoViewIfNeeded();
  await page.evaluate((x) => (document.getElementById('network').parentElement.scrollLeft = x - 150), node.x);
  const box = await page.locator('#network').boundingBox();
  await page.mouse.click(box.x + node.x - 20, box.y + node.y);
  await page.waitForFunction(() => window.backpropPlayground.selected() !== null);
  assert.deepEqual(await page.evaluate(() => window.backpropPlayground.selected()), { column, index: 3 });
  await page.locator('.network-box').screenshot({ path: `${RESULTS}paths-deep-390.png` });
  assert.deepEqual(page.problems, []);
  await page.close();
});
