// The message line under the title: errors (dismissed by the next good change) and notices with
// an action (a divergence's "Restore", which stays until acted on or the network is rebuilt).
// Text only: nothing a value contains becomes markup.
import { isCoreFailure } from '../engine.js';

const $ = (id) => document.getElementById(id);

export class Messages {
  /** `onCoreFailure(error)` takes over when an error means the core itself failed. */
  constructor(session, { onCoreFailure }) {
    this.kind = null;
    this.onCoreFailure = onCoreFailure;
    $('message-close').addEventListener('click', () => this.hide());
    session.on('rebuilt', () => this.hide()); // whatever it said was about the network before
    // A change that took (from a control or the message API): an error about a setting is past.
    session.on('config', ({ keys }) => keys?.length && this.clearError());
  }

  /** Shows `text`; `action` ({ label, run }) makes it a notice with a button. */
  show(text, action) {
    this.kind = action ? 'notice' : 'error';
    $('message-text').textContent = text;
    const button = $('message-action');
    button.hidden = !action;
    if (action) {
      button.textContent = action.label;
      button.onclick = () => {
        this.hide();
        action.run();
      };
    }
    $('message').hidden = false;
  }

  /** An error from the engine: a failure of the core goes to the crash dialog, the rest is shown. */
  report(error, before = '') {
    if (isCoreFailure(error)) this.onCoreFailure(error);
    else this.show(`${before}${error.message}`);
  }

  hide() {
    $('message').hidden = true;
    this.kind = null;
  }

  /** A good change: an error about the setting before is no longer true. */
  clearError() {
    if (this.kind === 'error') this.hide();
  }
}
