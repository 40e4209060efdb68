// The network as tables, for screen readers and for reading exact numbers: the traced sample's z,
// a and δ per neuron and every W and ∂L/∂W of one weight layer.
import { layerName, layerRows, renderLayerTables } from '../../table-view.js';

const $ = (id) => document.getElementById(id);

export class TablesView {
  constructor(session, { telling, request }) {
    this.session = session;
    this.telling = telling;
    this.open = false;
    this.renders = 0;
    for (const event of ['params', 'data']) session.on(event, request);
    telling.on('story', (story) => story === null && request()); // it showed the told step
    session.on('rebuilt', () => this.#fillLayers());
    $('table-toggle').addEventListener('click', () => this.toggle());
    $('table-layer').addEventListener('change', () => this.render());
  }

  /** Not while a reader is inside the table: it must not change under them. */
  get due() {
    return this.open && !$('network-table').contains(document.activeElement);
  }

  /** Offers every weight layer in the picker (after a rebuild). */
  #fillLayers() {
    const layers = this.session.sizes.length - 1;
    const select = $('table-layer');
    const keep = Math.min(Number(select.value) || 0, layers - 1);
    select.replaceChildren(...Array.from({ length: layers }, (_, l) => {
      const option = document.createElement('option');
      option.value = String(l);
      option.textContent = layerName(l, layers);
      return option;
    }));
    select.value = String(keep);
  }

  toggle() {
    this.open = !this.open;
    $('table-toggle').setAttribute('aria-expanded', String(this.open));
    $('network-table').hidden = !this.open;
    if (this.open) this.render();
  }

  render() {
    this.renders += 1;
    const { session, telling } = this;
    if (!telling.telling && session.train.length) session.trace(session.sample);
    const snap = telling.telling ? telling.story.snap : session.snapshot();
    const l = Math.min(Number($('table-layer').value) || 0, snap.sizes.length - 2);
    renderLayerTables($('table-body'), {
      rows: layerRows(snap, l),
      name: layerName(l, snap.sizes.length - 1),
      from: l === 0 ? 'input' : `hidden layer ${l}'s`,
      sample: telling.telling ? telling.story.sample : session.sample,
      layerNumber: l + 1,
    });
  }
}
