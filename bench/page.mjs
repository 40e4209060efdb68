// Page metrics for the benchmark, in headless Chromium (playwright-core driving Debian's Chromium).
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function link(config) {
  return Object.entries(config).map(([k, v]) => `${k}=${v}`).join('&');
}

async function frameIntervals(page, seconds) {
  const frames = await page.evaluate(
    (ms) =>
      new Promise((done) => {
        const t = [];
        const tick = (x) => {
          t.push(x);
          if (x - t[0] < ms) requestAnimationFrame(tick);
          else done(t);
        };
        requestAnimationFrame(tick);
      }),
    seconds * 1000,
  );
  const iv = frames.slice(1).map((t, k) => t - frames[k]).sort((a, b) => a - b);
  return { p95: iv[Math.floor(iv.length * 0.95)], median: iv[Math.floor(iv.length / 2)] };
}

export async function measurePage({ common, big }) {
  const server = await serve({ port: 0 });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const t0 = Date.now();
    await page.goto(`${url}#v=1&${link({ ...common, ...big })}&autoplay=1`);
    await page.waitForFunction(() => Number(document.getElementById('step-count')?.textContent) > 0, null, { polling: 'raf' });
    const firstTrainedMs = Date.now() - t0;
    const bigFrames = await frameIntervals(page, 10);
    await page.goto(`${url}#v=1&networkShape=${Array(16).fill(32).join(',')}&features=x,y,xSquared,ySquared,xTimesY,sinX,sinY,cosX,cosY&numPoints=2000&autoplay=1`);
    await page.waitForFunction(() => Number(document.getElementById('step-count')?.textContent) > 0);
    const largest = await frameIntervals(page, 5);
    return { firstTrainedMs, bigP95: bigFrames.p95, bigMedian: bigFrames.median, largestP95: largest.p95, largestMedian: largest.median };
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }
}
