// Gradient size per layer: the RMS of ∂L/∂W of each weight layer as a list, a summary (first ÷
// last layer, orders of magnitude) and a chart with a short history, to see gradients vanish.
import { decadesSpanned } from '../../chart.js';
import { drawGradientChart } from '../../draw-chart.js';
import { due } from '../../frame.js';
import { num, sub } from '../../notation.js';
import { fitCanvas } from '../canvas.js';

const $ = (id) => document.getElementById(id);
const HISTORY_INTERVAL_MS = 150;
const HISTORY_LENGTH = 30;

export class GradientsView {
  constructor(session, { linkSync }) {
    this.session = session;
    this.linkSync = linkSync;
    this.dirty = true;
    this.renders = 0;
    this.history = [];
    this.lastHistory = -Infinity;
    session.on('stats', (s) => this.#show(s.weightGradRms));
    session.on('rebuilt', () => {
      this.history = [];
      this.dirty = true;
    });
    linkSync.on('options', () => (this.dirty = true));
  }

  #show(values) {
    const list = $('gradient-values');
    // Reuse the list items (this runs every frame while training): no DOM garbage per frame.
    while (list.children.length > values.length) list.lastElementChild.remove();
    while (list.children.length < values.length) list.append(document.createElement('li'));
    values.forEach((v, l) => {
      const item = list.children[l];
      item.textContent = `W${sub(l + 1)}: ${num(v)}`;
      item.dataset.value = String(v);
    });
    const decades = decadesSpanned(values);
    const first = values[0];
    const last = values[values.length - 1];
    $('gradient-summary').textContent =
      values.length > 1 && first > 0 && last > 0
        ? `First layer ÷ last layer: ${num(first / last)} (${decades.toFixed(1)} orders of magnitude between the smallest and the largest).`
        : '';
    const now = performance.now();
    if (due(this.lastHistory, now, HISTORY_INTERVAL_MS) && values.some((v) => v > 0)) {
      this.history.push(values.slice());
      if (this.history.length > HISTORY_LENGTH) this.history.shift();
      this.lastHistory = now;
    }
    this.dirty = true;
  }

  render() {
    this.dirty = false;
    this.renders += 1;
    const chart = fitCanvas($('gradient-chart'));
    drawGradientChart(chart.ctx, {
      width: chart.width,
      height: chart.height,
      values: this.session.stats?.weightGradRms ?? [],
      history: this.history,
      palette: this.linkSync.palette,
    });
  }
}
