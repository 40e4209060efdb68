// Shared set-up for the end-to-end tests: serve www/ on a free loopback port and drive Debian's
// Chromium through playwright-core (which never downloads a browser of its own).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const RESULTS = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(RESULTS, { recursive: true });

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts the server and the browser; returns { url, browser, close }. */
export async function start() {
  const server = await serve({ port: 0 });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
  return {
    url,
    browser,
    close: async () => {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * Opens the page at `url` in a new page of `viewport` size and waits until it is ready.
 * `page.problems` collects console errors, page errors and failed requests.
 */
export async function open(browser, url, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  page.problems = [];
  page.on('console', (m) => m.type() === 'error' && page.problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => page.problems.push(`request failed: ${r.url()}`));
  await page.goto(url);
  await page.waitForSelector('body[data-ready]', { timeout: 15000 });
  return page;
}

export const text = (page, selector) => page.textContent(selector).then((t) => t.trim());
export const number = async (page, selector) => Number(await text(page, selector));

/** A fingerprint of a canvas's pixels, to see that a drawing changed. */
export function canvasHash(page, id) {
  return page.evaluate((id) => {
    const c = document.getElementById(id);
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < data.length; i += 7) h = (h * 31 + data[i]) | 0;
    return h;
  }, id);
}

/** Trains by pressing play until the epoch counter reaches `epochs`, then pauses. */
export async function trainUntil(page, epochs) {
  await page.click('#play');
  await page.waitForFunction((n) => Number(document.getElementById('epoch').textContent) >= n, epochs);
  await page.click('#play');
}

/** Scrolls the diagram into view, as a reader would, and clicks where `where(arg)` (run in the page)
 *  puts it, in CSS px of the canvas. */
async function clickDiagram(page, where, arg) {
  await page.locator('#network').scrollIntoViewIfNeeded();
  const p = await page.evaluate(where, arg);
  const box = await page.locator('#network').boundingBox();
  await page.mouse.click(box.x + p.x, box.y + p.y);
}

/** Clicks the edge W[layer][i][j], `along` of its way from its input (the diagram's own layout). */
export const clickEdge = (page, layer, i, j, along = 0.45) =>
  clickDiagram(page, async ([layer, i, j, along]) => {
    const { edgePoint } = await import('/js/timeline.js');
    const { columns, size } = window.backpropPlayground.layout();
    return edgePoint(columns[layer][j], columns[layer + 1][i], size / 2, along);
  }, [layer, i, j, along]);

/** Clicks neuron `index` of diagram column `column` (0: the inputs). */
export const clickNeuron = (page, column, index) =>
  clickDiagram(page, ([column, index]) => window.backpropPlayground.layout().columns[column][index], [column, index]);
