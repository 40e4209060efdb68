// Each lesson driven as a student would: opened from its link, its tasks done through the page's
// own controls (clicks on the diagram, buttons, selects), and each task's ✓ seen in the rail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { clickEdge, clickNeuron, open, RESULTS, start } from './browser.mjs';

let env;
before(async () => (env = await start()));
after(() => env.close());

const VIEWPORT = { width: 1280, height: 800 };

async function openLesson(id) {
  const page = await open(env.browser, `${env.url}#lesson=${id}`, VIEWPORT);
  await page.waitForSelector('#lesson .lesson-tasks');
  return page;
}

/** Waits until task n (1-based) of the rail shows its ✓. */
async function ticked(page, n, timeout = 15000) {
  await page.waitForSelector(`#lesson .task[data-task="${n}"].done`, { timeout });
  assert.equal((await page.textContent(`#lesson .task[data-task="${n}"] .tick`)).trim(), '✓');
}

async function notTicked(page, n) {
  assert.equal(await page.$(`#lesson .task[data-task="${n}"].done`), null, `task ${n} is not done yet`);
}

/** Explain mode, then Next until the phase title matches. */
async function explainUntil(page, title) {
  if ((await page.getAttribute('#explain', 'aria-pressed')) !== 'true') await page.click('#explain');
  for (let i = 0; i < 20; i++) {
    if (title.test(await page.textContent('#explain-title'))) return;
    await page.click('#explain-next');
  }
  assert.fail(`no explain phase matches ${title}`);
}

test('the lessons index opens from the Lessons button and lists every lesson', async () => {
  const page = await open(env.browser, env.url, VIEWPORT);
  await page.click('#lessons-open');
  const lessons = await page.$$eval('#lesson [data-lesson]', (b) => b.map((x) => x.dataset.lesson));
  assert.deepEqual(lessons, ['chain-rule', 'output-gradient', 'hidden-gradient', 'dead-relu', 'learning-rate', 'vanishing-gradients', 'worked-example']);
  await page.click('#lesson [data-lesson="hidden-gradient"]');
  await page.waitForSelector('#lesson .lesson-tasks');
  assert.match(await page.textContent('#lesson-title'), /hidden gradient/);
  await page.waitForFunction(() => location.hash.includes('lesson=hidden-gradient'));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('lesson: the chain rule', async () => {
  const page = await openLesson('chain-rule');
  assert.deepEqual(await page.evaluate(() => window.backpropPlayground.sizes()), [1, 1, 1]);
  await clickEdge(page, 0, 0, 0);
  await ticked(page, 1);
  // The full chain of a 1-1-1 network is one path: choosing it lights it up and ticks task 2.
  await page.click('#chain-expand');
  assert.match(await page.textContent('#chain-count'), /^1 path,/);
  await page.click('#chain-path-list button.path');
  await ticked(page, 2);
  await page.click('#add-layer');
  await clickEdge(page, 0, 0, 0);
  await ticked(page, 3);
  await page.close();
});

test('lesson: the output gradient, and the switch to cross-entropy', async () => {
  const page = await openLesson('output-gradient');
  await notTicked(page, 1);
  await explainUntil(page, /output gradient/i);
  await ticked(page, 1);
  await page.click('#explain-close');
  await page.selectOption('#loss', 'crossEntropy');
  await ticked(page, 2);
  await notTicked(page, 3);
  await explainUntil(page, /output gradient/i);
  assert.match(await page.textContent('#explain-lines'), /= ŷ − y =/, 'cross-entropy’s δ has no sigmoid slope');
  await ticked(page, 3);
  await page.waitForSelector('#lesson .lesson-complete');
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('done') === '1,2,3'); // the progress is in the link
  await page.screenshot({ path: `${RESULTS}lesson-output-gradient.png` });
  await page.close();
});

test('lesson: the hidden gradient', async () => {
  const page = await openLesson('hidden-gradient');
  await page.click('#step');
  await ticked(page, 1);
  await page.waitForFunction(() => !window.backpropPlayground.story(), null, { timeout: 15000 });
  await clickEdge(page, 0, 0, 0);
  await ticked(page, 2);
  assert.match(await page.textContent('#inspector-body'), /Σ over the \d outgoing edges?/);
  await page.click('#inspector-close');
  await explainUntil(page, /gate/i);
  await ticked(page, 3);
  await page.close();
});

test('lesson: dead ReLU, found and revived', async () => {
  const page = await openLesson('dead-relu');
  await page.click('#play');
  await ticked(page, 1);
  await page.click('#play');
  const dead = await page.evaluate(() => {
    const d = window.backpropPlayground.stats().dead;
    for (let l = 0; l < d.length; l++) for (let i = 0; i < d[l].length; i++) if (d[l][i]) return { column: l + 1, index: i };
    return null;
  });
  assert.ok(dead, 'a dead neuron');
  await clickNeuron(page, dead.column, dead.index);
  await ticked(page, 2);
  await page.click('#revive');
  await page.click('#play');
  await ticked(page, 3, 30000);
  await page.screenshot({ path: `${RESULTS}lesson-dead-relu.png` });
  await page.close();
});

test('lesson: vanishing gradients, and residual connections', async () => {
  const page = await openLesson('vanishing-gradients');
  await page.click('#play');
  await ticked(page, 1);
  await notTicked(page, 2);
  await page.click('#residual');
  await ticked(page, 2);
  await page.close();
});

test('lesson: the learning rate, too large, restored, compared', async () => {
  const page = await openLesson('learning-rate');
  await page.fill('#learning-rate', await page.getAttribute('#learning-rate', 'max')); // η = 10
  await page.click('#play');
  await ticked(page, 1, 30000);
  await page.waitForSelector('#message-action:not([hidden])');
  await notTicked(page, 2);
  await page.click('#message-action'); // Restore the best weights
  await page.fill('#learning-rate', '3'); // a much smaller η
  await ticked(page, 2);
  await page.click('#compare');
  await ticked(page, 3);
  await page.waitForSelector('#lesson .lesson-complete');
  await page.close();
});

test('lesson: the worked example, to its published digits', async () => {
  const page = await openLesson('worked-example');
  assert.equal((await page.evaluate(() => window.backpropPlayground.workedExample())).open, true, 'the editor is open');
  await page.locator('#worked-load').scrollIntoViewIfNeeded();
  await page.click('#worked-load');
  await ticked(page, 1);
  await page.click('#step');
  await ticked(page, 2, 20000);
  await page.waitForFunction(() => !window.backpropPlayground.story(), null, { timeout: 15000 });
  // Mazur's w5 after one step, 0.35891648, and the learner finds it on the diagram.
  const w5 = await page.evaluate(() => window.backpropPlayground.weights(1)[0]);
  assert.ok(Math.abs(w5 - 0.35891648) < 5e-8, `w5 = ${w5}`);
  await clickEdge(page, 1, 0, 0);
  await ticked(page, 3);
  await page.close();
});

test('a lesson link keeps its progress, and works embedded', async () => {
  const page = await open(env.browser, `${env.url}#embed=1&lesson=vanishing-gradients&done=1`, { width: 900, height: 800 });
  await page.waitForSelector('#lesson .lesson-tasks');
  await ticked(page, 1);
  await notTicked(page, 2);
  assert.ok(await page.evaluate(() => document.body.classList.contains('embed')));
  assert.equal(await page.evaluate(() => window.backpropPlayground.config().residual), false);
  await page.click('#lesson-next');
  await page.waitForFunction(() => location.hash.includes('lesson=worked-example'));
  assert.match(await page.evaluate(() => location.hash), /embed=1/, 'still embedded');
  // Back to the lesson before: its tick is still there; Start over clears it.
  await page.click('#lesson-previous');
  await ticked(page, 1);
  await page.click('#lesson-restart');
  await page.waitForSelector('#lesson .task[data-task="1"]:not(.done)');
  await page.close();
});

test('a hidden lesson rail gives the page back its usual columns, and shows again', async () => {
  const page = await openLesson('chain-rule');
  const before = await page.evaluate(() => document.getElementById('network').getBoundingClientRect().width);
  await page.click('#lesson .link:text("Hide the lesson")');
  const layout = await page.evaluate(() => {
    const box = (sel) => document.querySelector(sel).getBoundingClientRect();
    return { rail: box('#lesson').height, network: box('#network').width, output: box('.output-panel').left, side: box('.side-column').left };
  });
  assert.ok(layout.rail < 80, `the hidden rail is a line (${layout.rail} px)`);
  assert.ok(layout.network >= before * 0.9, `the diagram keeps its width (${layout.network} vs ${before})`);
  assert.ok(layout.side < 100 && layout.output > 800, 'settings on the left, output on the right');
  assert.equal(await page.$('.lesson-look'), null, 'nothing highlighted while hidden');
  await page.click('#lesson .lesson-show');
  await page.waitForSelector('#lesson .lesson-tasks');
  await page.close();
});

test('a link naming no lesson or a bad one says so and the page works', async () => {
  const page = await open(env.browser, `${env.url}#lesson=%3Cimg%20src=x%3E&done=9`, VIEWPORT);
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await page.textContent('#message-text'), /lesson: "<img src=x>" is not a lesson/);
  assert.equal(await page.$('#message img'), null);
  await page.click('#step');
  await page.waitForFunction(() => window.backpropPlayground.stats().step >= 1);
  await page.close();
});
