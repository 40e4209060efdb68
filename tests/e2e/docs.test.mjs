// The embedding guide and the example tutorial, as an author and a reader meet them: the guide's
// live iframe runs exactly the code it shows and is never cut off, and the tutorial's buttons each
// start from the same fresh weights, so that their runs compare fairly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './browser.mjs';

let env;
before(async () => (env = await start()));
after(() => env.close());

for (const width of [1280, 390]) {
  test(`docs at ${width} px: the live iframe is the code shown, and all of it is in view`, async () => {
    const page = await env.browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${env.url}docs.html`);
    const frame = page.locator('iframe.example');
    const src = await frame.getAttribute('src');
    const code = await page.textContent('#iframe-code');
    assert.ok(code.includes(src.replace('./', 'https://your.site/playground/')), `the code shows ${src}`);
    assert.ok(code.includes(`title="${await frame.getAttribute('title')}"`));
    // It sizes itself from its resize event: content and frame agree (to a pixel's rounding).
    await page.waitForFunction(() => {
      const f = document.querySelector('iframe.example');
      const d = f.contentDocument;
      return d?.body?.dataset.ready && Math.abs(d.documentElement.scrollHeight - f.clientHeight) <= 1;
    }, null, { timeout: 15000 });
    // What it demonstrates, the gradient chart and the residual switch, is inside the frame.
    const inside = await page.evaluate(() => {
      const f = document.querySelector('iframe.example');
      const d = f.contentDocument;
      return ['gradient-chart', 'residual'].map((id) => d.getElementById(id).getBoundingClientRect().bottom <= f.clientHeight);
    });
    assert.deepEqual(inside, [true, true]);
    await page.close();
  });
}

test('the tutorial: each button starts from the same fresh weights', async () => {
  const page = await env.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.url}tutorial.html`);
  await page.evaluate(() => document.getElementById('tutorial-playground').ready);
  const readout = () => page.textContent('#tutorial-readout');
  const run = async (id) => {
    await page.evaluate(() => (document.getElementById('tutorial-readout').textContent = ''));
    await page.click(`#${id}`);
    await page.waitForFunction(() => /^Step \d+/.test(document.getElementById('tutorial-readout').textContent), null, { timeout: 20000 });
    return readout();
  };
  const first = await run('good');
  assert.match(first, /^Step 500, /, 'from step 0 to 500, not on from the run before');
  await run('tiny');
  assert.equal(await run('good'), first, 'the same run again, to the last digit');
  assert.deepEqual(errors, []);
  await page.close();
});
