// The numbers in words: epoch, step, losses and accuracy, the dead-neuron callout (with its
// revive button), and the aria-live summary a screen reader hears after each step.
import { due, formatLoss } from '../../frame.js';
import { largestGradient, stepSummary } from '../../summary.js';
import { restoreLabel, troubleMessage } from '../../trouble.js';

const $ = (id) => document.getElementById(id);
/** An activation's name as the page shows it (its select's label, from the core's schema). */
const activationLabel = (value) => [...$('activation').options].find((o) => o.value === value)?.textContent ?? value;
/** While training plays, a screen reader hears the summary this often (after a single step: at once). */
const SUMMARY_INTERVAL_MS = 10000;

export class Readouts {
  constructor(session, { messages, trouble }) {
    this.session = session;
    /** What the aria-live summary last said (step and loss) and when. */
    this.announcedStep = -1;
    this.announcedLoss = null;
    this.lastSummary = -Infinity;
    session.on('stats', (s) => this.#show(s));
    session.on('rebuilt', () => (this.announcedLoss = null)); // "down 0.1" would compare with another network
    trouble.on('trouble', (t) => {
      messages.show(troubleMessage(t, session.config.learningRate, session.stats ?? {}), {
        label: restoreLabel(t),
        run: () => trouble.restore(),
      });
    });
    $('revive').addEventListener('click', () => session.switchActivation('leakyRelu'));
  }

  #show(s) {
    $('epoch').textContent = String(s.epoch);
    $('step-count').textContent = String(s.step);
    $('train-loss').textContent = formatLoss(s.trainLoss);
    $('test-loss').textContent = formatLoss(s.testLoss);
    const percent = (v) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
    $('accuracy-row').hidden = s.testAccuracy === null && s.trainAccuracy === null;
    $('train-accuracy-row').hidden = s.trainAccuracy === null && s.testAccuracy === null;
    $('test-accuracy').textContent = percent(s.testAccuracy);
    $('train-accuracy').textContent = percent(s.trainAccuracy);
    this.#showDead(s);
    this.#announce(s, performance.now());
  }

  #showDead(s) {
    $('dead-count').textContent = `${s.deadCount} of ${s.hiddenCount}`;
    $('dead').dataset.count = String(s.deadCount);
    const activation = this.session.config.activation;
    const relu = activation === 'relu';
    $('dead-explained').textContent = s.deadCount
      ? ': z ≤ 0 on every training point, so ReLU′(z) = 0 and they receive exactly zero gradient. They will never recover.'
      : relu
        ? '. A ReLU dies when z ≤ 0 on every training point.'
        : `. Only ReLU neurons can die; ${activationLabel(activation)} keeps a slope everywhere.`;
    $('revive').hidden = !(s.deadCount > 0 && relu);
  }

  /** The aria-live summary: after every step taken by hand, and now and then while playing. */
  #announce(s, now) {
    const session = this.session;
    if (s.step === this.announcedStep || (session.playing && !due(this.lastSummary, now, SUMMARY_INTERVAL_MS))) return;
    if (s.step === 0) {
      // A new network says nothing until it has taken a step; its loss is the baseline.
      this.announcedStep = 0;
      this.announcedLoss = s.trainLoss;
      return;
    }
    const grads = session.sizes.slice(1).map((_, l) => session.view('weightGrads', l));
    $('step-summary').textContent = stepSummary({
      step: s.step,
      loss: s.trainLoss,
      previousLoss: this.announcedLoss,
      largest: largestGradient(grads, session.sizes),
      dead: s.deadCount,
      hidden: s.hiddenCount,
    });
    this.announcedStep = s.step;
    this.announcedLoss = s.trainLoss;
    this.lastSummary = now;
  }
}
