// The README's pictures, made from the running page so that they stay current: a screenshot of the
// playground training, and an animated capture of the backward pass (docs/images/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { open, start, trainUntil } from './browser.mjs';
import { apng } from './apng.mjs';

const IMAGES = new URL('../../docs/images/', import.meta.url);
mkdirSync(IMAGES, { recursive: true });
const SETUP = '#v=1&dataset=circle&networkShape=4,3&learningRate=0.1&seed=2';

let env;
before(async () => (env = await start()));
after(() => env.close());

test('README pictures: the playground mid-step, and the backward pass animated', async () => {
  const page = await open(env.browser, `${env.url}${SETUP}`, { width: 1280, height: 860 });
  await page.selectOption('#speed', '0');
  await trainUntil(page, 60); // a network that has learned something: the heatmaps show it
  await page.selectOption('#speed', '1');
  await page.click('#step');
  const timeline = await page.evaluate(() => window.backpropPlayground.story().timeline);
  const backward = timeline.filter((p) => p.kind === 'backward' || p.kind === 'update');
  const [from, to] = [backward[0].start, backward.at(-1).end];

  // The animation's frames at fixed story times: the story clock is set, and one frame drawn.
  const clip = await page.evaluate(() => {
    const a = document.getElementById('story-caption').getBoundingClientRect();
    const b = document.getElementById('network').getBoundingClientRect();
    return { x: Math.floor(b.left), y: Math.floor(a.top) + window.scrollY, width: Math.ceil(b.width), height: Math.ceil(b.bottom - a.top) };
  });
  const frames = [];
  const times = [];
  for (let t = from; t < to; t += 110) times.push(t);
  for (const t of times) {
    await page.evaluate((time) => new Promise((resolve) => {
      window.backpropPlayground.holdStory(time);
      requestAnimationFrame(() => requestAnimationFrame(resolve));
    }), t);
    frames.push(await page.screenshot({ clip }));
    if (t === times[Math.floor(times.length / 3)]) {
      await page.screenshot({ path: fileURLToPath(new URL('playground.png', IMAGES)) });
    }
  }
  const distinct = new Set(frames.map((f) => f.toString('base64')));
  assert.ok(distinct.size > frames.length / 2, `${distinct.size} distinct frames of ${frames.length}: the capture moves`);
  const animation = apng(frames, 110);
  assert.equal(animation.toString('latin1', 12, 16), 'IHDR');
  assert.ok(animation.includes(Buffer.from('acTL')) && animation.includes(Buffer.from('fdAT')));
  writeFileSync(new URL('backward-pass.png', IMAGES), animation);
  assert.deepEqual(page.problems, []);
  await page.close();

  // A browser plays it: what the image shows changes over time.
  const viewer = await env.browser.newPage();
  await viewer.setContent(`<img id="a" src="data:image/png;base64,${animation.toString('base64')}">`);
  const width = await viewer.evaluate(async () => {
    const img = document.getElementById('a');
    await img.decode();
    return img.naturalWidth;
  });
  // Screenshots, not canvas reads: drawImage always takes an animated image's first frame.
  const pictures = new Set();
  for (let k = 0; k < 6; k++) {
    pictures.add((await viewer.locator('#a').screenshot()).toString('base64'));
    await viewer.waitForTimeout(300);
  }
  const shown = { width, distinct: pictures.size };
  assert.equal(shown.width, clip.width);
  assert.ok(shown.distinct > 2, `the image showed ${shown.distinct} different pictures in 1.8 s`);
  await viewer.close();
});

test('README pictures: a lesson, explain mode on a projector, and a phone', async () => {
  const shot = (name) => fileURLToPath(new URL(name, IMAGES));
  const lesson = await open(env.browser, `${env.url}#lesson=dead-relu`, { width: 1280, height: 800 });
  await lesson.click('#play');
  await lesson.waitForSelector('#lesson .task[data-task="1"].done', { timeout: 20000 });
  await lesson.click('#play');
  await lesson.screenshot({ path: shot('lesson.png') });
  assert.deepEqual(lesson.problems, []);
  await lesson.close();

  const projector = await open(env.browser, `${env.url}#preset=sourceText`, { width: 1024, height: 768 });
  await projector.click('#explain');
  for (let i = 0; i < 4; i++) await projector.click('#explain-next');
  await projector.waitForTimeout(100);
  await projector.screenshot({ path: shot('explain-projector.png') });
  await projector.close();

  const phone = await open(env.browser, `${env.url}${SETUP}`, { width: 390, height: 844 });
  await trainUntil(phone, 40);
  await phone.screenshot({ path: shot('phone.png') });
  await phone.close();
});

test('README pictures: the network and the plot, as the Save image buttons give them', async () => {
  const page = await open(env.browser, `${env.url}${SETUP}`, { width: 1280, height: 800 });
  await page.selectOption('#speed', '0'); // no step being told: the diagram at rest
  await trainUntil(page, 60);
  for (const kind of ['network', 'plot']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#save-${kind}-image`)]);
    const path = fileURLToPath(new URL(`${kind}.png`, IMAGES));
    await download.saveAs(path);
    assert.equal(readFileSync(path).subarray(1, 4).toString('latin1'), 'PNG');
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});
