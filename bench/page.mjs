// Page metrics for the benchmark, in headless Chromium (playwright-core driving Debian's Chromium):
// the first trained frame, frame intervals of the big and the largest network, and epochs per
// second with frame intervals in both training speeds (the link's `speed`: paced and fast).
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The largest network the page offers: 16 × 32, nine features, 2,000 points. */
const LARGEST = `networkShape=${Array(16).fill(32).join(',')}&features=x,y,xSquared,ySquared,xTimesY,sinX,sinY,cosX,cosY&numPoints=2000`;
/** TensorFlow Playground's seven features. */
const SEVEN = 'x,y,xSquared,ySquared,xTimesY,sinX,sinY';
/** Seconds of training before a window is measured (the budget settles), and the window. */
const WARM_S = 1;
const WINDOW_S = 4;

function link(config) {
  return Object.entries(config).map(([k, v]) => `${k}=${v}`).join('&');
}

/** The 95th percentile and the median of frame intervals (ms). */
function spread(intervals) {
  const iv = intervals.slice().sort((a, b) => a - b);
  return { p95: iv[Math.floor(iv.length * 0.95)], median: iv[Math.floor(iv.length / 2)] };
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
  return spread(frames.slice(1).map((t, k) => t - frames[k]));
}

/**
 * Epochs per second (from the page's step counter, in epochs) and the frame intervals over the
 * same window, on a fresh page that opens `fragment` at `speed` and plays.
 */
async function training(browser, url, fragment, speed) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${url}#v=1&${fragment}${speed === 'fast' ? '&speed=fast' : ''}&autoplay=1`);
    await page.waitForFunction(() => window.backpropPlayground?.counters().step > 0, null, { polling: 100, timeout: 30000 });
    await page.waitForTimeout(WARM_S * 1000);
    const w = await page.evaluate(
      (ms) =>
        new Promise((done) => {
          const h = window.backpropPlayground;
          const perEpoch = h.stepsPerEpoch();
          const t = [];
          let step0 = 0;
          const tick = (x) => {
            if (!t.length) step0 = h.counters().step;
            t.push(x);
            // The page may pause training itself (a stall the trouble watch tells): the window ends there.
            const stopped = !h.playing();
            if (x - t[0] < ms && !stopped) return requestAnimationFrame(tick);
            done({ t, stopped, epochs: (h.counters().step - step0) / perEpoch, timings: h.timings(), budget: h.trainBudget() });
          };
          requestAnimationFrame(tick);
        }),
      WINDOW_S * 1000,
    );
    const seconds = (w.t[w.t.length - 1] - w.t[0]) / 1000;
    const result = { epochsPerSecond: w.epochs / seconds, ...spread(w.t.slice(1).map((x, k) => x - w.t[k])), jobs: w.timings, budget: w.budget };
    return w.stopped ? { ...result, stoppedAfterSeconds: seconds } : result;
  } finally {
    await page.close();
  }
}

/**
 * { firstTrainedMs, bigP95, bigMedian, largestP95, largestMedian, fast, paced }, where fast and
 * paced are { default, seven, largest }, each { epochsPerSecond, p95, median, jobs (the frame
 * jobs' moving-average costs, ms), budget (the training budget at the end, ms), and
 * stoppedAfterSeconds when the page paused training itself within the window (the largest network
 * at η 0.1 stalls after a few thousand steps, and the trouble watch pauses it) }.
 */
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
    await page.goto(`${url}#v=1&${LARGEST}&autoplay=1`);
    await page.waitForFunction(() => Number(document.getElementById('step-count')?.textContent) > 0);
    const largest = await frameIntervals(page, 5);
    await page.close();
    const setups = {
      default: link({ ...common, networkShape: '4,2', activation: 'tanh' }),
      seven: link({ ...common, networkShape: '8,8,8,8,8,8', activation: 'tanh', features: SEVEN }),
      largest: LARGEST,
    };
    const speeds = {};
    for (const speed of ['fast', 'paced']) {
      speeds[speed] = {};
      for (const [name, fragment] of Object.entries(setups)) speeds[speed][name] = await training(browser, url, fragment, speed);
    }
    return { firstTrainedMs, bigP95: bigFrames.p95, bigMedian: bigFrames.median, largestP95: largest.p95, largestMedian: largest.median, ...speeds };
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }
}
