// The learning-rate comparison's button: three side runs (compare.js) on engines the session
// hands out, closed again by the button, a rebuild of the core, or its failure.
import { Comparison } from '../../compare.js';

const $ = (id) => document.getElementById(id);

export class CompareView {
  constructor(session, { recovery }) {
    this.session = session;
    this.comparison = null;
    $('compare').addEventListener('click', () => (this.comparison ? this.close() : this.open()));
    recovery.on('failed', () => this.close(true));
  }

  open() {
    $('compare-results').hidden = false;
    this.comparison = new Comparison($('compare-results'), this.session.config.seed, {
      spawn: (config) => this.session.spawn(config),
      release: (engine) => this.session.release(engine),
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
    this.comparison?.frame();
  }
}
