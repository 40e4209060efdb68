// Exports that leave the page: Export as NumPy / PyTorch download the generated script (the one the
// test handle gives), and the NumPy one run by Python prints the page's losses; Save image downloads
// PNGs of the diagram and the plot whose pixels show something. The new buttons are 44 px on phones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RESULTS, open, start, trainUntil } from './browser.mjs';

const SETUP = '#v=1&dataset=xor&networkShape=4,4&residual=true&features=x,y,sinX&seed=4';
const PYTHON = process.env.NUMPY_PYTHON ?? fileURLToPath(new URL('../../.venv-numpy/bin/python', import.meta.url));

let env;
before(async () => (env = await start()));
after(() => env.close());

/** Clicks `selector` and returns the download's file name and bytes. */
async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = `${RESULTS}${download.suggestedFilename()}`;
  await download.saveAs(path);
  return { name: download.suggestedFilename(), bytes: await readFile(path), path };
}

test('Export as NumPy and as PyTorch download the generated script; Python prints the page\'s losses', async () => {
  const page = await open(env.browser, `${env.url}${SETUP}`, { width: 1280, height: 800 });
  await trainUntil(page, 5);
  for (const dialect of ['numpy', 'pytorch']) {
    const file = await downloaded(page, `#export-${dialect}`);
    assert.equal(file.name, `backprop-playground-${dialect}.py`);
    const want = await page.evaluate((d) => window.backpropPlayground.pythonScript(d), dialect);
    assert.equal(file.bytes.toString('utf8'), want, `${dialect}: the file is the generated script`);
    assert.match(want, dialect === 'numpy' ? /^import numpy as np$/m : /^import torch$/m);
    if (dialect === 'numpy') {
      assert.ok(existsSync(PYTHON), `no ${PYTHON}: make python-env makes it (make test-e2e does)`);
      const out = spawnSync(PYTHON, [file.path], { encoding: 'utf8' });
      assert.equal(out.status, 0, out.stderr);
      const stats = await page.evaluate(() => window.backpropPlayground.stats());
      const train = Number(out.stdout.match(/^training loss: (\S+)/m)[1]);
      assert.ok(Math.abs(train - stats.trainLoss) <= 1e-5 * stats.trainLoss, `${train} vs ${stats.trainLoss}`);
    }
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('Save image downloads PNGs of the diagram and the plot that are not blank', async () => {
  const page = await open(env.browser, `${env.url}${SETUP}`, { width: 1280, height: 800 });
  await trainUntil(page, 3);
  for (const kind of ['network', 'plot']) {
    const file = await downloaded(page, `#save-${kind}-image`);
    assert.equal(file.name, `backprop-playground-${kind}.png`);
    assert.equal(file.bytes.subarray(1, 4).toString('latin1'), 'PNG');
    const seen = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      [c.width, c.height] = [img.naturalWidth, img.naturalHeight];
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set();
      let opaque = 0;
      for (let i = 0; i < data.length; i += 4) {
        colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        opaque += data[i + 3] === 255;
      }
      return { width: c.width, height: c.height, colours: colours.size, opaque: opaque / (data.length / 4) };
    }, file.bytes.toString('base64'));
    assert.ok(seen.width >= 200 && seen.height >= 200, `${kind}: ${seen.width} × ${seen.height} px`);
    assert.equal(seen.opaque, 1, `${kind}: on an opaque background`);
    assert.ok(seen.colours > 50, `${kind}: ${seen.colours} colours`);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the export buttons are 44 px targets on a phone, and fit its width', async () => {
  const page = await open(env.browser, `${env.url}${SETUP}`, { width: 390, height: 844 });
  await page.click('#settings-toggle'); // the settings drawer holds Export model and the scripts
  for (const id of ['export-numpy', 'export-pytorch', 'save-network-image', 'save-plot-image']) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    const box = await page.locator(`#${id}`).boundingBox();
    assert.ok(box && box.height >= 44 && box.width >= 44, `${id}: ${JSON.stringify(box)}`);
    assert.ok(box.x >= 0 && box.x + box.width <= 390, `${id} inside the screen: ${JSON.stringify(box)}`);
  }
  await page.locator('#export-numpy').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${RESULTS}exports-phone.png` });
  await page.locator('#save-plot-image').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${RESULTS}exports-phone-plot.png` });
  assert.deepEqual(page.problems, []);
  await page.close();
});
