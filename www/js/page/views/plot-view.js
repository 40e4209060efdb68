// The plot: the prediction (or the hovered neuron's output) over the plane with the data points,
// and the drawing tools that add and erase points by click, tap or keyboard cursor.
import { DOMAIN, drawPlot } from '../../draw-plot.js';
import { fromPlot, nearestPoint, unzip, withoutPoint, withPoint } from '../../data-tools.js';
import { css, labelColour } from '../../colors.js';
import { num } from '../../notation.js';
import { fitCanvas } from '../canvas.js';

const $ = (id) => document.getElementById(id);

export class PlotView {
  constructor(session, { heatmaps, linkSync, messages, featureLabels }) {
    this.session = session;
    this.heatmaps = heatmaps;
    this.linkSync = linkSync;
    this.messages = messages;
    this.featureLabels = featureLabels;
    this.dirty = true;
    this.renders = 0;
    /** What a click on the plot does: { kind: 'off' | 'add' | 'erase', label }. */
    this.mode = { kind: 'off', label: 1 };
    /** The keyboard's drawing cursor, in data coordinates (null: none). */
    this.cursor = null;
    const redraw = () => (this.dirty = true);
    session.on('data', redraw);
    session.on('rebuilt', () => this.#fillModes());
    session.on('config', ({ keys }) => {
      if (keys === null || keys.some((k) => ['showTestData', 'discretize', 'problem'].includes(k))) redraw();
    });
    heatmaps.on('painted', redraw);
    heatmaps.on('hover', () => this.#caption());
    linkSync.on('options', redraw);
    session.on('hover', () => heatmaps.paintHover());
    session.on('selected', () => heatmaps.paintHover());
    $('plot').addEventListener('click', (e) => this.#onClick(e));
    $('plot').addEventListener('keydown', (e) => this.#onKey(e));
    // The cursor stays where it was (to switch the drawing mode and come back); it is drawn only
    // while the plot has the focus.
    $('plot').addEventListener('blur', redraw);
    $('plot').addEventListener('focus', redraw);
    $('draw-value').addEventListener('input', (e) => ($('draw-value-out').textContent = e.target.value));
    $('clear-data').addEventListener('click', () => {
      session.setPlaying(false);
      this.#setData(new Float32Array(0), new Float32Array(0));
    });
  }

  #caption() {
    const node = this.heatmaps.hoveredNode();
    let text = 'The prediction over the plane.';
    if (node !== null) {
      const { hover, selected, sizes, config } = this.session;
      const n = hover ?? selected;
      const what = n.column === 0 ? `input ${this.featureLabels[config.features[n.index]]}` : n.column === sizes.length - 1 ? `output neuron ${n.index}` : `neuron ${n.index} of hidden layer ${n.column}`;
      text = `Showing the output of ${what} over the plane.`;
    }
    // Written only when it changes: a write costs the page a layout, and this follows every repaint.
    if ($('plot-caption').textContent !== text) $('plot-caption').textContent = text;
    this.dirty = true;
  }

  /** The draw tools: one chip per class (or a value for regression), erase, and off. */
  #fillModes() {
    const c = this.session.config;
    const modes = [{ kind: 'off', label: 0, text: 'Off' }];
    if (c.problem === 'classification') modes.push({ kind: 'add', label: 1, text: 'Add blue (+1)' }, { kind: 'add', label: -1, text: 'Add orange (−1)' });
    else if (c.problem === 'multiclass') for (let k = 0; k < c.classes; k++) modes.push({ kind: 'add', label: k, text: `Add class ${k}` });
    else modes.push({ kind: 'add', label: NaN, text: 'Add points' });
    modes.push({ kind: 'erase', label: 0, text: 'Erase' });
    const current = this.mode;
    const valid = modes.some((m) => m.kind === current.kind && (m.kind !== 'add' || Object.is(m.label, current.label) || Number.isNaN(m.label)));
    if (!valid) this.mode = { kind: 'off', label: 0 };
    $('draw-modes').replaceChildren(
      ...modes.map((m) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = m.text;
        const active = m.kind === this.mode.kind && (m.kind !== 'add' || Number.isNaN(m.label) || m.label === this.mode.label);
        button.setAttribute('aria-pressed', String(active));
        if (m.kind === 'add' && c.problem !== 'regression') {
          const swatch = document.createElement('span');
          swatch.className = 'swatch';
          swatch.style.background = css(labelColour(c.problem, m.label));
          button.prepend(swatch);
        }
        button.addEventListener('click', () => {
          this.mode = { kind: m.kind, label: m.label };
          this.#fillModes();
        });
        return button;
      }),
    );
    $('draw-value-control').hidden = !(c.problem === 'regression' && this.mode.kind === 'add');
    $('plot').classList.toggle('drawing', this.mode.kind !== 'off');
    this.dirty = true;
  }

  /** A click on the plot adds a point of the chosen class (or value), or erases the nearest. */
  #onClick(event) {
    if (this.mode.kind === 'off') return;
    const rect = $('plot').getBoundingClientRect();
    const size = Math.min(rect.width, rect.height);
    this.#drawAt(...fromPlot(event.clientX - rect.left, event.clientY - rect.top, size));
  }

  /** Adds a point at (x, y), or erases the nearest one, as the drawing mode says. */
  #drawAt(x, y) {
    const { session, mode } = this;
    if (session.config.problem === 'regression' && session.config.outputs > 1) {
      // The plot knows one value a point; the hand editor takes a target per output.
      this.messages.show('With several outputs each point needs a target per output: add, edit and remove points with “Edit weights and points by hand”.');
      return;
    }
    let { train, test } = session;
    if (mode.kind === 'add') {
      const label = session.config.problem === 'regression' ? Number($('draw-value').value) : mode.label;
      train = withPoint(train, x, y, label);
    } else {
      const radius = 0.4;
      const inTrain = nearestPoint(train, x, y, radius);
      if (inTrain >= 0) train = withoutPoint(train, inTrain);
      else if (session.config.showTestData) {
        const inTest = nearestPoint(test, x, y, radius);
        if (inTest < 0) return;
        test = withoutPoint(test, inTest);
      } else return;
    }
    this.#setData(train, test);
  }

  #setData(train, test) {
    try {
      const notice = this.session.setData(unzip(train), unzip(test));
      if (notice) this.messages.show(`${notice}.`);
    } catch (e) {
      this.messages.report(e);
    }
  }

  /**
   * Drawing from the keyboard: with a drawing mode on, the arrow keys move a cursor over the
   * focused plot (half a unit a press, two with Shift) and Enter or Space adds or erases there.
   */
  #onKey(event) {
    if (this.mode.kind === 'off') return;
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const cursor = this.cursor ?? { x: 0, y: 0 };
    if (event.key in moves) {
      const step = event.shiftKey ? 2 : 0.5;
      const clamp = (v) => Math.max(-DOMAIN, Math.min(DOMAIN, v));
      this.cursor = { x: clamp(cursor.x + moves[event.key][0] * step), y: clamp(cursor.y + moves[event.key][1] * step) };
    } else if (event.key === 'Enter' || event.key === ' ') {
      this.#drawAt(cursor.x, cursor.y);
      this.cursor = cursor;
    } else return;
    event.preventDefault();
    event.stopPropagation(); // these keys draw here; they are not the page's shortcuts
    $('plot-cursor').textContent = `Cursor at x ${num(this.cursor.x)}, y ${num(this.cursor.y)}; ${this.session.train.length / 3} training points.`;
    this.dirty = true;
  }

  render() {
    this.dirty = false;
    this.renders += 1;
    const { session } = this;
    const plot = fitCanvas($('plot'));
    drawPlot(plot.ctx, {
      size: Math.min(plot.width, plot.height),
      heatmap: this.heatmaps.hoverImage ?? this.heatmaps.plot,
      train: session.train,
      test: session.config.showTestData ? session.test : null,
      problem: session.config.problem,
      cursor: this.mode.kind === 'off' || document.activeElement !== $('plot') ? null : this.cursor,
    });
  }
}
