// The inspector: the selected neuron's z, a, δ, or the selected weight's chain-rule product with
// the live number of every factor, checked against a finite difference, and the change the next
// update will make; a weight or bias can be typed in.
import { renderInspector } from '../../inspector.js';
import { chainPaths } from '../../paths.js';
import { pathKey } from '../../inspector-paths.js';

const $ = (id) => document.getElementById(id);

export class InspectorView {
  constructor(session, { telling, messages, request, mount = [], featureLabels }) {
    this.session = session;
    this.telling = telling;
    this.messages = messages;
    this.featureLabels = featureLabels;
    this.renders = 0;
    /** The full chain (paths.js) of the selected parameter as last shown, whether it is expanded,
     *  and the chosen path's key (it stays chosen while it is among the shown paths). */
    this.paths = null;
    this.expanded = false;
    this.chosen = null;
    for (const event of ['params', 'data']) session.on(event, request);
    telling.on('story', (story) => story === null && request()); // it showed the told step
    session.on('rebuilt', () => ($('inspector').hidden = true));
    session.on('selected', (selection) => {
      $('inspector').hidden = !selection;
      this.chosen = null;
      this.render();
    });
    $('inspector-close').addEventListener('click', () => session.select(null));
    for (const other of mount) other.mount($('inspector')); // controls of other views (the landscape's pick)
  }

  get open() {
    return this.session.selected !== null;
  }

  render() {
    const { session, telling } = this;
    const sel = session.selected;
    if (!sel) return;
    // Someone is typing a new value: leave the panel alone until they are done.
    if ($('inspector-body').contains(document.activeElement) && document.activeElement.tagName === 'INPUT') return;
    this.renders += 1;
    let snap;
    let trace;
    let numeric = null;
    let update = null;
    if (telling.telling) {
      ({ snap, trace } = telling.story); // the step being told, as it was
    } else if (!session.train.length) {
      $('inspector-title').textContent = 'No training data';
      $('inspector-sample').textContent = 'Draw some points or choose a data set to inspect gradients.';
      $('inspector-body').replaceChildren();
      this.paths = null;
      session.showPath(null);
      return;
    } else {
      trace = session.trace(session.sample);
      snap = session.snapshot();
      if ('j' in sel || sel.bias) {
        const index = sel.bias ? sel.i : sel.i * snap.sizes[sel.layer] + sel.j;
        numeric = session.numericalGradient(sel.layer, index, Boolean(sel.bias), session.sample);
        // The next step averages over its mini-batch: preview exactly that change.
        update = session.updatePreview(sel.layer, index, Boolean(sel.bias));
      }
    }
    const paths = this.#paths(snap, sel);
    // The panel is rebuilt: keep the keyboard where it was (a path's button, the toggle).
    const focused = $('inspector-body').contains(document.activeElement) ? document.activeElement.dataset.focusKey : undefined;
    renderInspector(
      { title: $('inspector-title'), sample: $('inspector-sample'), body: $('inspector-body') },
      {
        snap, trace, config: session.config, selected: sel, numeric, update, dead: session.stats?.dead, sample: session.sample,
        featureLabels: this.featureLabels, paths,
        onSelect: (selection) => session.select(selection),
        onEdit: (selection, value) => this.#edit(selection, value),
      },
    );
    if (focused) $('inspector-body').querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
  }

  /** The selected parameter's paths to the output; the chosen one lit up on the diagram, live. */
  #paths(snap, sel) {
    const session = this.session;
    this.paths = 'j' in sel || sel.bias ? chainPaths(snap, session.config, sel) : null;
    const chosen = this.paths && this.expanded ? this.paths.shown.find((p) => pathKey(p) === this.chosen) ?? null : null;
    session.showPath(chosen);
    if (!this.paths) return null;
    return {
      chain: this.paths,
      expanded: this.expanded,
      chosen: chosen && this.chosen,
      onToggle: () => {
        this.expanded = !this.expanded;
        this.render();
      },
      onChoose: (path) => {
        this.chosen = path && pathKey(path);
        this.render();
      },
    };
  }

  /** Sets one weight or bias; the drawing and heatmaps follow at once. */
  #edit(selection, value) {
    try {
      this.session.setParam(selection, value);
    } catch (e) {
      this.messages.report(e);
      return;
    }
    this.render();
  }
}
