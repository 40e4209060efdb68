// Failures of the core: the state to come back to is saved as a link with its weights (once a
// second while something changes); a panic or trap anywhere stops every call into the core, shows
// what happened and offers that state back in a fresh wasm instance. Tells its listeners 'failed'
// ({ message, restoredStep }).
import { failureMessage, isCoreFailure, resetEngine } from '../engine.js';
import { Emitter } from './emitter.js';

const $ = (id) => document.getElementById(id);

export class Recovery extends Emitter {
  constructor(session, linkSync) {
    super();
    this.session = session;
    this.linkSync = linkSync;
    /** The last state known good: { hash, step, csv }. */
    this.checkpoint = null;
    // Failures in event handlers and promises (the frame loop reports its own).
    window.addEventListener('error', (event) => isCoreFailure(event.error) && this.failed(event.error));
    window.addEventListener('unhandledrejection', (event) => isCoreFailure(event.reason) && this.failed(event.reason));
    $('crash-reset').addEventListener('click', () => this.recover());
    // The page behind is dead until the reset: Escape must not uncover it (and should the browser
    // close the dialog anyway, it opens again).
    $('crash').addEventListener('cancel', (event) => event.preventDefault());
    $('crash').addEventListener('close', () => session.crashed && $('crash').showModal());
  }

  /** Saves this state as a link with its weights (and drawn or imported points as CSV). */
  save() {
    const hash = this.linkSync.hash(true);
    this.checkpoint = {
      hash,
      step: Number(/(?:^|&)step=(\d+)/.exec(hash)?.[1] ?? 0),
      // A link carries no drawn or imported points: keep them as CSV (only then, it is not free).
      csv: this.session.hasCustomData() ? this.session.exportCsv() : null,
    };
  }

  /** A panic or trap in the core: stop calling it, say so, and offer the last saved state back. */
  failed(error) {
    if (this.session.crashed) return;
    this.session.crash();
    this.linkSync.cancel();
    $('crash-message').textContent = failureMessage(error); // text only
    const saved = this.checkpoint;
    $('crash-saved').hidden = !saved;
    if (saved) {
      $('crash-step').textContent = String(saved.step);
      $('crash-link').href = saved.hash;
    }
    $('crash-reset').textContent = saved ? 'Reset the playground to that state' : 'Reset the playground';
    $('crash').showModal();
    $('crash-reset').focus(); // here, not by autofocus: a hidden dialog's autofocus warns in an embedding page
    this.emit('failed', { message: failureMessage(error), restoredStep: saved?.step ?? 0 });
  }

  /** A fresh wasm instance, opened at the saved state. */
  async recover() {
    $('crash-reset').disabled = true;
    try {
      await resetEngine();
      const saved = this.checkpoint;
      this.linkSync.open(saved?.hash ?? location.hash);
      // Drawn or imported data is not in a link: it comes back from the saved CSV.
      if (saved?.csv) this.session.importCsv(saved.csv);
      this.session.crashed = false; // only now: a failed reset leaves the page stopped, not half alive
      $('crash').close();
    } catch (e) {
      $('crash-message').textContent = `the reset failed too (${failureMessage(e)}); reload the page.`;
    } finally {
      $('crash-reset').disabled = false;
    }
  }
}
