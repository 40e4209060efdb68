// The learning-rate comparison: one network and seed trained side by side with η too small, about
// right and too large. Uses three engines of its own while it runs (handed out by the page's
// session, which lets go of them should the core fail); draws into cards it builds (text only).
import { formatLoss } from './frame.js';
import { plural } from './notation.js';

export const RATES = [
  { rate: 0.0001, verdict: 'too small' },
  { rate: 0.03, verdict: 'about right' },
  { rate: 3, verdict: 'too large' },
];
const BASE = { preset: 'learningRateTooLarge' };
export const EPOCHS = 300;
const RESOLUTION = 32;

export class Comparison {
  /**
   * Builds the cards in `root` and starts training; `seed` is shared by all three runs;
   * `spawn(config)` makes an engine and `release(engine)` frees it.
   */
  constructor(root, seed, { spawn, release }) {
    this.root = root;
    this.release = release;
    this.runs = RATES.map(({ rate, verdict }) => {
      const engine = spawn({ ...BASE, learningRate: rate, seed });
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = RESOLUTION;
      const loss = document.createElement('p');
      const status = document.createElement('p');
      status.className = 'status';
      const title = document.createElement('h3');
      const note = document.createElement('span');
      note.textContent = verdict;
      title.append(`η = ${rate}`, note);
      const card = document.createElement('figure');
      card.className = 'compare-card';
      card.dataset.rate = String(rate);
      card.append(title, canvas, loss, status);
      return { engine, canvas, loss, status, card, start: engine.stats().trainLoss };
    });
    root.replaceChildren(...this.runs.map((r) => r.card));
    this.image = new ImageData(RESOLUTION, RESOLUTION);
    this.running = true;
    this.render();
  }

  /** Trains each run one epoch (until EPOCHS, or divergence) and redraws. */
  frame() {
    if (!this.running) return;
    let active = false;
    for (const run of this.runs) {
      const s = run.engine.stats();
      if (s.diverged || s.epoch >= EPOCHS) continue;
      run.engine.epoch();
      active = true;
    }
    this.render();
    if (!active) this.running = false;
  }

  render() {
    for (const run of this.runs) {
      const s = run.engine.stats();
      run.loss.textContent = `Loss ${formatLoss(s.trainLoss)} after ${plural(s.epoch, 'epoch')} (from ${formatLoss(run.start)})`;
      run.status.textContent = s.diverged
        ? `Diverged at step ${s.divergedAtStep}: the weights overshot until the loss was no longer finite.`
        : s.trainLoss < 0.5 * run.start
          ? 'Learning.'
          : 'Barely moving.';
      run.card.dataset.diverged = String(s.diverged);
      run.card.dataset.loss = String(s.trainLoss);
      this.image.data.set(run.engine.heatmap(-1, RESOLUTION));
      run.canvas.getContext('2d').putImageData(this.image, 0, 0);
    }
  }

  /** Frees the engines. */
  close() {
    this.running = false;
    for (const run of this.runs) this.release(run.engine);
    this.root.replaceChildren();
  }
}
