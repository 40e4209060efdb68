// The explanation and the network in one picture: at a laptop's 1280×800 and a projector's 1024×768
// every explain phase shows its equation and the whole diagram together, and a click on an edge
// shows the inspector beside it; on a 390×844 phone the network and the prediction are on the
// first screen after Play, and every target is at least 44 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { clickEdge, open, RESULTS, start } from './browser.mjs';

let env;
before(async () => (env = await start()));
after(() => env.close());

/** Whether the element's box is wholly inside the viewport. */
const inView = (page, selector) =>
  page.evaluate((selector) => {
    const r = document.querySelector(selector).getBoundingClientRect();
    return { inside: r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth, box: [r.left, r.top, r.right, r.bottom].map(Math.round) };
  }, selector);

for (const viewport of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }]) {
  const size = `${viewport.width}×${viewport.height}`;

  test(`${size}: every explain phase shows its equation and the whole diagram together`, async () => {
    const page = await open(env.browser, env.url, viewport);
    await page.click('#explain');
    const phases = Number((await page.textContent('#explain-count')).match(/of (\d+)/)[1]);
    assert.ok(phases >= 9, `${phases} phases`);
    for (let phase = 1; phase <= phases; phase += 1) {
      await page.waitForFunction((n) => document.getElementById('explain-count').textContent.startsWith(`Phase ${n} `), phase);
      await page.waitForTimeout(50); // the stage scrolls on the next frame
      const diagram = await inView(page, '#network');
      const equation = await inView(page, '#explain-lines');
      assert.ok(diagram.inside, `phase ${phase}: the diagram is at ${diagram.box} in ${size}`);
      assert.ok(equation.inside, `phase ${phase}: the equation is at ${equation.box} in ${size}`);
      if (phase === 6) await page.screenshot({ path: `${RESULTS}layout-explain-${viewport.width}.png` });
      if (phase < phases) await page.click('#explain-next');
    }
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test(`${size}: a click on an edge shows the inspector beside it`, async () => {
    const page = await open(env.browser, env.url, viewport);
    await clickEdge(page, 0, 2, 1);
    await page.waitForSelector('#inspector:not([hidden])');
    await page.waitForTimeout(50);
    assert.match(await page.textContent('#inspector-title'), /W₁\[2\]\[1\]/);
    for (const selector of ['#inspector-title', '#inspector-body table', '#network']) {
      const seen = await inView(page, selector);
      assert.ok(seen.inside, `${selector} is at ${seen.box} in ${size}`);
    }
    await page.close();
  });
}

/** Every visible control smaller than 44 × 44 px: [description, width, height]. */
const smallTargets = (page) =>
  page.evaluate(() => {
    const controls = document.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea, summary, [tabindex="0"]:not(canvas)');
    const small = [];
    for (const el of controls) {
      // A file input fills its label, which is the target; an invisible one is not a target.
      const target = el.type === 'file' ? el.closest('label') : el;
      const r = target.getBoundingClientRect();
      if (!r.width || !r.height || getComputedStyle(target).visibility === 'hidden' || target.closest('[hidden], dialog:not([open])')) continue;
      if (r.width < 43.5 || r.height < 43.5) small.push([el.id || el.className || el.textContent.trim().slice(0, 30), Math.round(r.width), Math.round(r.height)]);
    }
    return small;
  });

test('390×844: the network and the prediction are on the first screen after Play; every target is ≥ 44 px', async () => {
  const page = await open(env.browser, env.url, { width: 390, height: 844 });
  await page.click('#play');
  await page.waitForFunction(() => window.backpropPlayground.stats().epoch >= 5);
  for (const selector of ['#network', '#plot']) {
    const seen = await inView(page, selector);
    assert.ok(seen.inside, `${selector} is at ${seen.box} on a phone's first screen`);
  }
  await page.screenshot({ path: `${RESULTS}layout-phone.png` });
  const counted = await page.evaluate(() => document.querySelectorAll('button, input, select').length);
  assert.ok(counted > 40, `${counted} controls looked at`);
  assert.deepEqual(await smallTargets(page), [], 'with the settings closed');
  await page.click('#settings-toggle');
  assert.equal(await page.getAttribute('#settings-toggle', 'aria-expanded'), 'true');
  assert.ok(await page.isVisible('#learning-rate'), 'the drawer shows the settings');
  assert.deepEqual(await smallTargets(page), [], 'with the settings open');
  // Explain mode's card is a sheet: the diagram above it, Next inside it, both on screen.
  await page.click('#settings-toggle');
  await page.click('#explain');
  await page.waitForTimeout(100);
  for (const selector of ['#network', '#explain-next', '#explain-lines']) {
    const seen = await inView(page, selector);
    assert.ok(seen.inside, `${selector} is at ${seen.box} in explain mode on a phone`);
  }
  const sheet = await page.evaluate(() => {
    const net = document.getElementById('network').getBoundingClientRect();
    const card = document.getElementById('stage-card').getBoundingClientRect();
    return { netBottom: net.bottom, cardTop: card.top };
  });
  assert.ok(sheet.netBottom <= sheet.cardTop + 1, `the sheet (top ${sheet.cardTop}) covers the diagram (bottom ${sheet.netBottom})`);
  assert.deepEqual(await smallTargets(page), [], 'in explain mode');
  assert.deepEqual(page.problems, []);
  await page.close();
});
