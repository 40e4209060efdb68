// The loss landscape: two weights or biases picked in the inspector ("Use for the loss landscape"),
// the training loss over a grid of their values around where they are now (every other parameter
// as it is; the core evaluates the grid), and the path training moved them along. Refreshed at a
// rate bounded by its cost, never every frame.
import { el } from '../../dom.js';
import { names, plural } from '../../notation.js';
import { drawLandscape, gridPairs, gridSize, landscapeWindow } from '../../landscape.js';
import { fitCanvas } from '../canvas.js';

/** How many of the latest positions the path keeps (one per frame while playing, or per step). */
const PATH_LENGTH = 60;
/** Milliseconds of grid evaluation per frame, and per whole map (which sets the grid's size). */
const SLICE_MS = 4;
const MAP_MS = 24;

const isParam = (sel) => Boolean(sel) && ('j' in sel || Boolean(sel.bias));
const key = (p) => (p.bias ? `b${p.layer}:${p.i}` : `W${p.layer}:${p.i}:${p.j}`);
const nameOf = (p) => (p.bias ? names.b(p.layer, p.i) : names.W(p.layer, p.i, p.j));

export class LandscapeView {
  constructor(session, { request, linkSync }) {
    this.session = session;
    this.linkSync = linkSync;
    this.request = request;
    this.renders = 0;
    /** Up to two parameters: { layer, i, j } for a weight, { layer, i, bias: true } for a bias. */
    this.picks = [];
    this.path = [];
    this.shown = null; // { n, win, lo, hi } of the map drawn last
    this.msPerPair = 0;
    this.job = null; // the map being evaluated, a few rows per frame
    this.root = document.getElementById('landscape');
    this.title = el('h3', { id: 'landscape-title' });
    this.canvas = el('canvas', { id: 'landscape-map', role: 'img' });
    this.caption = el('p', { class: 'summary' });
    const clear = el('button', { type: 'button', class: 'link', text: 'Clear the landscape', onclick: () => this.clear() });
    this.root.replaceChildren(this.title, this.canvas, this.caption, clear);
    this.button = el('button', { type: 'button', class: 'landscape-pick', onclick: () => this.toggle(session.selected) });
    session.on('selected', () => this.#label());
    session.on('rebuilt', () => this.clear()); // the old network's parameters are gone
    session.on('params', () => {
      if (this.picks.length < 2) return;
      this.#record();
      request();
    });
  }

  /** Puts the pick control into the inspector's section (called once by the inspector view). */
  mount(section) {
    section.append(this.button);
    this.#label();
  }

  get due() {
    return this.picks.length === 2;
  }

  /** Picks or unpicks a parameter; a third pick replaces the older of the two. */
  toggle(sel) {
    if (!isParam(sel)) return;
    const here = this.picks.findIndex((p) => key(p) === key(sel));
    if (here >= 0) this.picks.splice(here, 1);
    else this.picks = [...this.picks, { ...sel }].slice(-2);
    this.path = [];
    this.job = null;
    this.#show();
  }

  clear() {
    this.job = null;
    this.picks = [];
    this.path = [];
    this.#show();
  }

  #show() {
    this.root.hidden = this.picks.length < 2;
    this.shown = null;
    this.#label();
    if (this.picks.length === 2) {
      this.title.textContent = `Loss landscape over ${nameOf(this.picks[0])} and ${nameOf(this.picks[1])}`;
      this.#record();
      this.request();
    }
  }

  #label() {
    const sel = this.session.selected;
    this.button.hidden = !isParam(sel);
    if (!isParam(sel)) return;
    const picked = this.picks.some((p) => key(p) === key(sel));
    this.button.textContent = picked
      ? 'Remove from the loss landscape'
      : this.picks.length < 2
        ? `Use for the loss landscape (${this.picks.length + 1} of 2)`
        : `Use for the loss landscape (instead of ${nameOf(this.picks[0])})`;
  }

  #values() {
    const { session } = this;
    return this.picks.map((p) => (p.bias ? session.view('biases', p.layer)[p.i] : session.view('weights', p.layer)[p.i * session.sizes[p.layer] + p.j]));
  }

  #record() {
    this.path.push(this.#values());
    if (this.path.length > PATH_LENGTH) this.path.shift();
  }

  /**
   * Evaluates the map a few rows per call (within SLICE_MS) and draws it once whole; returns false
   * while rows are left (the scheduler calls again next frame). Training may move the other
   * parameters between slices: each row is exact for the moment it was computed.
   */
  render() {
    if (this.picks.length < 2 || !this.session.train.length) return true;
    const job = (this.job ??= this.#begin());
    const t0 = performance.now();
    while (job.row < job.n && performance.now() - t0 < SLICE_MS) {
      const pairs = job.pairs.subarray(2 * job.row * job.n, 2 * (job.row + 1) * job.n);
      job.grid.set(this.session.lossAt(job.a, job.b, pairs), job.row * job.n);
      job.row += 1;
    }
    job.ms += performance.now() - t0;
    if (job.row < job.n) return false;
    this.job = null;
    this.msPerPair = job.ms / (job.n * job.n);
    this.#draw(job);
    return true;
  }

  #begin() {
    const now = this.#values();
    const win = landscapeWindow(now, this.path, Math.max(1, 0.25 * Math.max(...now.map(Math.abs))));
    const n = gridSize(this.msPerPair, MAP_MS);
    const [a, b] = this.picks.map((p) => ({ layer: p.layer, index: p.bias ? p.i : p.i * this.session.sizes[p.layer] + p.j, isBias: Boolean(p.bias) }));
    return { a, b, n, win, pairs: gridPairs(win, n), grid: new Float32Array(n * n), row: 0, ms: 0 };
  }

  #draw({ grid, n, win }) {
    this.renders += 1;
    const { ctx, width, height } = fitCanvas(this.canvas);
    const labels = this.picks.map(nameOf);
    const { lo, hi } = drawLandscape(ctx, { width, height, grid, n, win, path: this.path, names: labels, palette: this.linkSync.palette ?? undefined });
    this.shown = { n, win, lo, hi };
    const text =
      `The training loss over ${labels[0]} (across) and ${labels[1]} (up), every other weight and bias as it is now, ` +
      `from ${lo.toPrecision(3)} (darkest) to ${hi.toPrecision(3)}. The orange line is the path of the last ${plural(this.path.length, 'update')}; the ringed dot is now.`;
    this.caption.textContent = text;
    this.canvas.setAttribute('aria-label', text);
  }
}
