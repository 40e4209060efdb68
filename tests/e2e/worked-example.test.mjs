// The worked-example editor in the page: open it, load Matt Mazur's published 2-2-2 example
// ("A Step by Step Backpropagation Example", 2015), read the forward pass and a gradient from the
// page's numbers-as-tables, take one step with the editor's button (the animated step), and read
// the updated weights from the editor. The published numbers are restated here (the reference).
// f32 tolerance: half a unit of the last published digit plus 4 f32 ulps of the value.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, start } from './browser.mjs';

let env;
before(async () => (env = await start()));
after(async () => env?.close());

function close(name, ours, text) {
  const published = Number(text);
  const decimals = text.split('.')[1]?.length ?? 0;
  const tolerance = 0.5 * 10 ** -decimals + 4 * 2 ** -23 * Math.abs(published);
  assert.ok(Math.abs(ours - published) <= tolerance, `${name}: the page shows ${ours}, published ${text}`);
}

/** The exact number behind a cell of the tables view (its data-value). */
const cell = (page, table, row, column) => page.evaluate(([t, r, c]) => Number(document.querySelectorAll('#table-body table')[t].tBodies[0].rows[r].cells[c].dataset.value), [table, row, column]);
/** The exact value behind an editor field, by its label. */
const field = (page, label) => page.evaluate((l) => Number(document.querySelector(`#worked-example input[aria-label^="${l}"]`).dataset.value), label);

test("Mazur's example entered through the editor reproduces its published numbers in the page", async () => {
  const page = await open(env.browser, env.url);
  assert.equal(await page.isVisible('#worked-example'), false);
  await page.click('#worked-toggle');
  await page.waitForSelector('#worked-example:not([hidden])');
  await page.click('#worked-load');
  await page.waitForFunction(() => window.backpropPlayground.config().outputs === 2);
  assert.deepEqual(await page.evaluate(() => window.backpropPlayground.sizes()), [2, 2, 2]);

  // Before the step: the traced sample's forward pass and gradients, as the tables show them.
  await page.click('#table-toggle');
  await page.selectOption('#table-layer', '0');
  close('net_h1', await cell(page, 0, 0, 1), '0.3775');
  close('out_h1', await cell(page, 0, 0, 2), '0.593269992');
  close('out_h2', await cell(page, 0, 1, 2), '0.596884378');
  await page.selectOption('#table-layer', '1');
  close('out_o1', await cell(page, 0, 0, 2), '0.75136507');
  close('out_o2', await cell(page, 0, 1, 2), '0.772928465');
  close('∂E/∂w5', await cell(page, 1, 0, 2), '0.082167041'); // W2[0][0]'s ∂L/∂W
  close('E_total', await page.evaluate(() => window.backpropPlayground.stats().trainLoss), '0.298371109');

  // One step through the editor's button: the animated step, then the editor shows the update.
  await page.click('#worked-step');
  await page.waitForFunction(() => window.backpropPlayground.stats().step === 1 && !window.backpropPlayground.story());
  const published = {
    'W1[0][0]': '0.149780716', 'W1[0][1]': '0.19956143', 'W1[1][0]': '0.24975114', 'W1[1][1]': '0.29950229',
    'W2[0][0]': '0.35891648', 'W2[0][1]': '0.408666186', 'W2[1][0]': '0.511301270', 'W2[1][1]': '0.561370121',
  };
  await page.waitForFunction(() => Number(document.querySelector('#worked-example input[aria-label^="W2[0][0]"]').dataset.value) !== 0.4);
  for (const [label, text] of Object.entries(published)) close(label, await field(page, label), text);
  // Shown rounded to 6 significant digits; the model keeps every bit.
  assert.equal(await page.inputValue('#worked-example input[aria-label^="W2[0][0]"]'), '0.358916');

  // The link keeps the editor, the points with both targets and the stepped weights.
  await page.waitForFunction(() => location.hash.includes('worked=1') && location.hash.includes('step=1'));
  const link = await page.evaluate(() => location.href);
  assert.match(link, /&train=1&data=x,y,t0,t1%0A0\.05,0\.1,0\.01,0\.99%0A/);
  const again = await open(env.browser, link);
  await again.waitForSelector('#worked-example:not([hidden])');
  for (const [label, text] of Object.entries(published)) close(label, await field(again, label), text);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(again.problems, []);
  await again.close();
  await page.close();
});

test('typed values are checked, named when wrong, and change the model only when right', async () => {
  const page = await open(env.browser, `${env.url}#worked=1`);
  await page.waitForSelector('#worked-example:not([hidden])');
  await page.click('#worked-load');
  await page.waitForFunction(() => window.backpropPlayground.config().outputs === 2);
  const csv = () => page.evaluate(() => window.backpropPlayground.exportCsv());
  const before = await csv();
  await page.fill('#worked-example input[aria-label="Point 0, t1"]', '<b>abc</b>');
  await page.press('#worked-example input[aria-label="Point 0, t1"]', 'Enter');
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await page.textContent('#message-text'), /Point 0, t1: "<b>abc<\/b>" is not a number/);
  assert.equal(await page.locator('#message-text b').count(), 0, 'never inserted as HTML');
  assert.equal(await csv(), before);
  await page.fill('#worked-example input[aria-label="Point 0, x₁"]', '9');
  await page.press('#worked-example input[aria-label="Point 0, x₁"]', 'Enter');
  await page.waitForFunction(() => /outside/.test(document.getElementById('message-text').textContent));
  assert.equal(await csv(), before);
  await page.fill('#worked-example input[aria-label="Point 0, t1"]', '-2.5');
  await page.press('#worked-example input[aria-label="Point 0, t1"]', 'Enter');
  await page.waitForFunction(() => window.backpropPlayground.exportCsv().endsWith('0.05,0.1,0.01,-2.5\n'));
  await page.click('#worked-add-point');
  await page.waitForFunction(() => window.backpropPlayground.exportCsv().endsWith('0,0,0,0\n'));
  await page.fill('#worked-example input[aria-label^="W1[1][0]"]', '1e7');
  await page.press('#worked-example input[aria-label^="W1[1][0]"]', 'Enter');
  await page.waitForFunction(() => /too large/.test(document.getElementById('message-text').textContent));
  assert.equal(await page.evaluate(() => window.backpropPlayground.weights(0)[2]), Math.fround(0.25));
  await page.fill('#worked-example input[aria-label^="W1[1][0]"]', '-0.125');
  await page.press('#worked-example input[aria-label^="W1[1][0]"]', 'Enter');
  await page.waitForFunction(() => window.backpropPlayground.weights(0)[2] === -0.125);
  assert.deepEqual(page.problems, []);
  await page.close();
});
