// The learning-rate comparison: the learner's own network and data, trained from the current seed
// side by side with η/10, η and 10η (within the slider's range: shifted tenfold at its ends),
// drawn as three loss curves on one chart. Its engines are its own (handed out by the page's session, which lets go of them should
// the core fail), so the page's run is not disturbed; training shares a budget per frame. Each run
// is judged as the page judges its own (trouble.js), or as learning or barely moving.
import { formatLoss, nextChunk, updateCost } from './frame.js';
import { plural } from './notation.js';
import { LossHistory } from './history.js';
import { TroubleDetector } from './trouble.js';
import { drawCompareChart } from './draw-compare.js';
import { unzip } from './data-tools.js';

export const EPOCHS = 300;
// Smallest to largest η; colour and dash, so that colour is never the only cue.
const STYLES = [
  { colour: '#5b6670', dash: [6, 4], line: 'dashed' },
  { colour: '#0877bd', dash: [], line: 'solid' },
  { colour: '#e07b00', dash: [2, 3], line: 'dotted' },
];

/** What a rate is to the learner's: "yours", "yours ÷ 10", "yours × 100". */
export function rateName(rate, yours) {
  if (rate === yours) return 'yours';
  return rate < yours ? `yours ÷ ${Math.round(yours / rate)}` : `yours × ${Math.round(rate / yours)}`;
}

/** η/10, η and 10η, kept within [min, max] by moving all three (the learner's stays one of them). */
export function compareRates(rate, { min, max }) {
  const shift = rate * 10 > max ? 1 / 10 : rate / 10 < min ? 10 : 1;
  return [rate / 10, rate, rate * 10].map((r) => Number((r * shift).toPrecision(6)));
}

/** What a run did: its trouble's kind, or learning / barely moving. */
export function verdict(run) {
  if (run.trouble) return run.trouble.kind;
  const train = run.history.train;
  return train.length > 1 && train[train.length - 1] < 0.5 * train[0] ? 'learning' : 'barely moving';
}

export class Comparison {
  /**
   * Builds the chart and legend in `root` and starts training. `config` is the learner's (with
   * its seed), `data` their points when they drew or imported them ({ train, test } triples, or
   * null), `limits` the learning rate's { min, max }, `palette()` the theme's canvas colours;
   * `spawn(config)` makes an engine and
   * `release(engine)` frees it.
   */
  constructor(root, { config, data, limits, spawn, release, palette }) {
    this.root = root;
    this.release = release;
    this.palette = palette;
    const rates = compareRates(config.learningRate, limits);
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'compare-chart';
    this.canvas.setAttribute('role', 'img');
    const legend = document.createElement('ul');
    legend.className = 'compare-legend';
    this.runs = rates.map((rate, k) => {
      const engine = spawn({ ...config, learningRate: rate });
      if (data) {
        const [train, test] = [unzip(data.train), unzip(data.test)];
        engine.setData(train.points, train.labels, test.points, test.labels);
      }
      const item = document.createElement('li');
      item.className = 'compare-run';
      item.dataset.rate = String(rate);
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.borderTop = `3px ${STYLES[k].line} ${STYLES[k].colour}`;
      const status = document.createElement('span');
      item.append(swatch, `η = ${rate} (${rateName(rate, config.learningRate)}): `, status);
      legend.append(item);
      const history = new LossHistory(300);
      history.push(0, engine.stats().trainLoss, null);
      const { batchSize } = engine.config(); // after setData, which may have lowered it
      const perEpoch = Math.max(1, Math.ceil(engine.trainPoints().length / 3 / batchSize));
      const detector = new TroubleDetector();
      const state = { steps: 0, msPerStep: 0, readAt: -Infinity, readMs: 0, trouble: null, diverged: false, done: false };
      return { rate, engine, item, status, history, batchSize, perEpoch, detector, ...state, ...STYLES[k] };
    });
    const caption = document.createElement('p');
    caption.className = 'help';
    caption.textContent = `Your network (${config.networkShape.join(', ') || 'no hidden layer'}, ${config.activation}) on your data, three fresh copies from seed ${config.seed}, ${EPOCHS} epochs each.`;
    root.replaceChildren(caption, this.canvas, legend);
    this.running = true;
    this.render();
  }

  /**
   * Trains the runs still going within `budgetMs` in all and redraws. A run's loss (an evaluation
   * over every point) is read at most a tenth of the time, so a big network's evaluation never
   * takes over the frame.
   */
  frame(budgetMs) {
    if (!this.running) return;
    const active = this.runs.filter((r) => !r.done);
    for (const run of active) {
      const start = performance.now();
      const steps = EPOCHS * run.perEpoch;
      const n = nextChunk({ msPerStep: run.msPerStep, remainingMs: budgetMs / active.length, wanted: steps - run.steps });
      const ran = run.engine.step(n);
      run.steps += ran;
      run.msPerStep = updateCost(run.msPerStep, performance.now() - start, ran);
      const finished = ran < n || run.steps >= steps; // fewer than asked: the core stopped it (diverged)
      if (finished || performance.now() - run.readAt >= 10 * run.readMs) this.#read(run);
      run.done = finished || run.diverged;
    }
    this.render();
    if (this.runs.every((r) => r.done)) this.running = false;
  }

  #read(run) {
    const t0 = performance.now();
    const s = run.engine.stats();
    run.readMs = performance.now() - t0;
    run.readAt = performance.now();
    run.history.push(s.step / run.perEpoch, s.trainLoss, null);
    run.trouble ??= run.detector.observe(s, run.batchSize);
    run.diverged = s.diverged;
  }

  render() {
    for (const run of this.runs) {
      const s = run.history;
      const last = s.train[s.train.length - 1];
      const said = verdict(run);
      run.status.textContent = `loss ${formatLoss(s.train[0])} → ${formatLoss(last)} after ${plural(Math.floor(s.epochs[s.epochs.length - 1]), 'epoch')}, ${said}${run.trouble ? ` at step ${run.trouble.step}` : ''}.`;
      run.item.dataset.verdict = said;
      run.item.dataset.loss = String(last);
    }
    this.canvas.setAttribute('aria-label', `Training loss against epochs, log scale: ${this.runs.map((r) => `η = ${r.rate} ${verdict(r)}`).join('; ')}.`);
    const { width, height } = this.canvas.getBoundingClientRect();
    if (!width) return;
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawCompareChart(ctx, { width, height, epochs: EPOCHS, runs: this.runs, palette: this.palette?.() ?? undefined });
  }

  /** The runs as plain data (for the test handle): rate, epochs, losses and verdict each. */
  describe() {
    return this.runs.map((r) => ({ rate: r.rate, epochs: r.history.epochs.slice(), losses: r.history.train.slice(), verdict: verdict(r) }));
  }

  /** Frees the engines. */
  close() {
    this.running = false;
    for (const run of this.runs) this.release(run.engine);
    this.root.replaceChildren();
  }
}
