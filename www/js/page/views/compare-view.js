// The learning-rate comparison's button: three side runs (compare.js) of the learner's network
// and data on engines the session hands out, closed again by the button or a failure of the core.
import { Comparison } from '../../compare.js';

const $ = (id) => document.getElementById(id);
/** Milliseconds per frame the three runs may train in all. */
const BUDGET_MS = 6;

export class CompareView {
  constructor(session, { recovery, linkSync }) {
    this.session = session;
    this.linkSync = linkSync;
    this.comparison = null;
    $('compare').addEventListener('click', () => (this.comparison ? this.close() : this.open()));
    recovery.on('failed', () => this.close(true));
  }

  open() {
    const session = this.session;
    const steps = session.schema().settings.find((s) => s.name === 'learningRate').steps;
    $('compare-results').hidden = false;
    this.comparison = new Comparison($('compare-results'), {
      config: session.config,
      data: session.hasCustomData() ? { train: session.train, test: session.test } : null,
      limits: { min: steps[0], max: steps[steps.length - 1] },
      spawn: (config) => session.sideEngines.spawn(config),
      release: (engine) => session.sideEngines.release(engine),
      palette: () => this.linkSync.palette,
    });
    $('compare').textContent = 'Close the comparison';
  }

  /** `dead`: the core failed, and the runs' engines died with it (the session let them go). */
  close(dead = false) {
    if (this.comparison && !dead) this.comparison.close();
    this.comparison = null;
    $('compare-results').hidden = true;
    $('compare').textContent = 'Run the comparison';
  }

  frame() {
    this.comparison?.frame(BUDGET_MS);
  }
}
