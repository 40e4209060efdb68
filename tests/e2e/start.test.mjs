// The page's start: it takes the system's light or dark theme unless its link or the toggle chose
// one (and follows the system live), and opened from disk it says it needs a web server instead of
// showing a dead page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { canvasHash, open, RESULTS, start } from './browser.mjs';

let env;
before(async () => (env = await start()));
after(async () => env?.close());

const isDark = (page) => page.evaluate(() => [document.body.classList.contains('dark'), document.documentElement.classList.contains('dark')]);
const darkPaper = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor.match(/\d+/g).slice(0, 3).every((v) => Number(v) < 60));

test('with no theme in the link the page follows the system, live; a link or the toggle wins', async () => {
  const page = await open(env.browser, env.url);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.body.classList.contains('dark'));
  assert.deepEqual(await isDark(page), [true, true]);
  assert.ok(await darkPaper(page));
  assert.equal(await page.getAttribute('#theme-toggle', 'aria-pressed'), 'true');
  const darkNetwork = await canvasHash(page, 'network');
  await page.screenshot({ path: `${RESULTS}system-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => !document.body.classList.contains('dark'));
  assert.notEqual(await canvasHash(page, 'network'), darkNetwork, 'the canvases are redrawn in the light colours');
  await page.waitForTimeout(400); // past the link's debounce
  assert.doesNotMatch(await page.evaluate(() => location.hash), /theme=/, "the system's choice is not written into the link");
  // The toggle is a choice: it goes into the link and the system no longer moves the page.
  await page.click('#theme-toggle');
  await page.waitForFunction(() => location.hash.includes('theme=dark'));
  await page.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual(await isDark(page), [true, true]);
  await page.click('#theme-toggle');
  await page.waitForFunction(() => location.hash.includes('theme=light'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(100);
  assert.deepEqual(await isDark(page), [false, false]);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a dark system opens the page, the embed, the docs and the tutorial dark, unless the link says light', async () => {
  const context = await env.browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
  for (const [path, dark] of [['', true], ['#theme=light', false], ['#embed=1&controls=play,step', true], ['#preset=deadRelu&theme=dark', true], ['docs.html', true], ['tutorial.html', true]]) {
    const page = await context.newPage();
    await page.goto(env.url + path);
    if (!path.endsWith('.html')) await page.waitForSelector('body[data-ready]');
    await page.waitForFunction((want) => document.body.classList.contains('dark') === want, dark);
    assert.equal(await darkPaper(page), dark, path);
    if (path.endsWith('.html')) await page.screenshot({ path: `${RESULTS}system-dark-${path.replace('.html', '')}.png` });
    await page.close();
  }
  // The light system and no theme: light, as before.
  const light = await open(env.browser, `${env.url}#preset=deadRelu`);
  assert.deepEqual(await isDark(light), [false, false]);
  await light.close();
  await context.close();
});

test('opened from disk (file://), each page says it needs a web server and how to start one', async () => {
  for (const [file, width] of [['index.html', 1280], ['index.html', 390], ['docs.html', 1280], ['tutorial.html', 390]]) {
    const page = await env.browser.newPage({ viewport: { width, height: 844 } });
    await page.goto(pathToFileURL(new URL(`../../www/${file}`, import.meta.url).pathname).href);
    await page.waitForSelector('#needs-server', { state: 'visible', timeout: 5000 });
    const notice = await page.textContent('#needs-server');
    assert.match(notice, /needs a web server/, file);
    assert.match(notice, /make serve/, file);
    assert.match(notice, /python3 -m http\.server/, file);
    const box = await page.locator('#needs-server').boundingBox();
    assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.height < 400, `${file} at ${width}: in view ${JSON.stringify(box)}`);
    await page.screenshot({ path: `${RESULTS}file-${file.replace('.html', '')}-${width}.png` });
    await page.close();
  }
});

test('served, the notice never shows: not while starting, not once up', async () => {
  for (const path of ['', 'docs.html', 'tutorial.html']) {
    const page = await env.browser.newPage();
    let shown = false;
    await page.exposeFunction('noticeShown', () => (shown = true));
    await page.addInitScript(() => {
      // Watch the notice from the first frame until the page has settled.
      const watch = () => {
        const el = document.getElementById('needs-server');
        if (el && el.checkVisibility({ visibilityProperty: true })) window.noticeShown();
        if (performance.now() < 4000) requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
    await page.goto(env.url + path);
    await page.waitForTimeout(2500);
    assert.equal(shown, false, path || 'index.html');
    assert.equal(await page.isVisible('#needs-server'), false);
    await page.close();
  }
});
