// The network diagram: nodes with their heatmaps, edges coloured by weight, the told step's
// pulses, explain mode's highlight, dead neurons and the selection; a click or the keyboard's
// roving focus selects a neuron or a weight. Redrawn only when something it shows changed.
import { diagramWidth, edgeAt, networkLayout, nodeAt } from '../../layout.js';
import { BUCKETED_EDGES, dimmed, drawEdgeLayer, drawNetwork, drawNodeLayer, edgeCount, LAYERED_NODES } from '../../draw-network.js';
import { due, throttleInterval, updateCost } from '../../frame.js';
import { describeFocus, moveFocus } from '../../focus.js';
import { fitCanvas } from '../canvas.js';
import { NeuronControls } from './neuron-controls.js';

const $ = (id) => document.getElementById(id);
/** On touch screens and phones a node is a tap target of at least 44 px, however small it is drawn. */
const touch = window.matchMedia('(pointer: coarse), (max-width: 640px)');
const tapTarget = () => (touch.matches ? 44 : 0);

/** What a layer of the diagram depends on besides its content: the canvas, the dimming, the layout. */
function layerKey(scene) {
  const first = scene.layout.columns[0][0];
  return `${scene.width}x${scene.height}@${window.devicePixelRatio || 1}:${dimmed(scene) ? 'dim' : ''}:${scene.layout.columns.map((c) => c.length)}:${first.x},${first.y}`;
}

/** `canvas` (or a new one) sized for the scene at the screen's pixel ratio, its context in CSS px. */
function layerCanvas(canvas = document.createElement('canvas'), scene) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(scene.width * ratio);
  canvas.height = Math.round(scene.height * ratio);
  // Read back once per redraw (see #edgeLayer): a CPU canvas, as the browser advises.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { canvas, ctx };
}

export class NetworkView {
  constructor(session, { telling, heatmaps, linkSync, schema, featureLabels, apply, reducedMotion }) {
    this.session = session;
    this.telling = telling;
    this.heatmaps = heatmaps;
    this.linkSync = linkSync;
    this.featureLabels = featureLabels;
    this.reducedMotion = reducedMotion;
    this.dirty = true;
    this.renders = 0;
    this.layout = null;
    /** A dense network's edges, drawn on their own canvas: { canvas, key, drawnAt, cost, behind }. */
    this.edges = null;
    /** A big network's nodes, drawn on their own canvas when what they show changed: { canvas, key }. */
    this.nodes = null;
    const shape = schema.settings.find((s) => s.name === 'networkShape');
    this.controls = new NeuronControls(session, { apply, maxNeurons: shape.maxNeurons, onHeight: () => (this.dirty = true) });
    const redraw = () => (this.dirty = true);
    for (const event of ['rebuilt', 'params', 'stats', 'path']) session.on(event, redraw);
    session.on('selected', (selection) => {
      $('network-focus').textContent = selection ? `Selected: ${describeFocus(selection, session.sizes)}.` : '';
      redraw();
    });
    session.on('rebuilt', () => ($('network-focus').textContent = ''));
    heatmaps.on('painted', redraw);
    telling.on('story', redraw);
    telling.on('explain', redraw);
    linkSync.on('options', redraw);
    const canvas = $('network');
    canvas.addEventListener('pointermove', (e) => this.#onHover(e));
    canvas.addEventListener('pointerleave', () => session.setHover(null));
    canvas.addEventListener('click', (e) => this.#onClick(e));
    canvas.addEventListener('keydown', (e) => this.#onKey(e));
  }

  #point(event) {
    const rect = $('network').getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  }

  #onClick(event) {
    if (!this.layout) return;
    const [x, y] = this.#point(event);
    const node = nodeAt(this.layout, x, y, tapTarget());
    if (node) return this.session.select({ column: node.layer, index: node.index });
    const edge = edgeAt(this.layout, x, y);
    this.session.select(edge ? { layer: edge.layer, i: edge.i, j: edge.j } : null);
  }

  #onHover(event) {
    if (!this.layout) return;
    const node = nodeAt(this.layout, ...this.#point(event), tapTarget());
    this.session.setHover(node ? { column: node.layer, index: node.index } : null);
  }

  /** The diagram's roving focus (see focus.js); Enter takes the keyboard into the inspector, Escape closes it. */
  #onKey(event) {
    const session = this.session;
    if (event.key === 'Escape') return session.select(null);
    if (event.key === 'Enter') {
      if (!session.selected) session.select({ column: 0, index: 0 });
      event.preventDefault();
      $('inspector').focus();
      return;
    }
    const next = moveFocus(session.selected, event.key, event.shiftKey, session.sizes);
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    session.select(next);
  }

  #residualLayers() {
    const { sizes, config } = this.session;
    return sizes.slice(1).map((n, l) => config.residual && l < sizes.length - 2 && sizes[l] === n);
  }

  /** The last draw of a burst may have shown the edge layer from before it: once due, again. */
  get behind() {
    return Boolean(this.edges?.behind && this.#edgesDue(this.edges, performance.now()));
  }

  #edgesDue(layer, now) {
    // A redraw that alone takes most of a frame (tens of thousands of edges) costs a dropped frame
    // each time: rarer, at most 4 % of the time; cheaper ones up to 15 %.
    return due(layer.drawnAt, now, throttleInterval(layer.cost, layer.cost > 12 ? 0.04 : 0.15, 100));
  }

  /**
   * A dense network's edges on their own canvas, redrawn when the canvas or the highlighting
   * changes and otherwise at most as often as their measured cost allows (15 % of the time, 4 %
   * when one redraw drops a frame, and never more than 10 times a second): weights move little
   * between redraws.
   */
  #edgeLayer(scene) {
    const key = layerKey(scene);
    const now = performance.now();
    const layer = this.edges;
    if (layer && layer.key === key && !this.#edgesDue(layer, now)) {
      layer.behind = true; // the weights may have moved since
      return layer.canvas;
    }
    const { canvas, ctx } = layerCanvas(layer?.canvas, scene);
    const t0 = performance.now();
    drawEdgeLayer(ctx, scene);
    // Canvas drawing is deferred until the pixels are used: rasterise now, inside the timing, or
    // the cost lands on the blit and the throttle would think thousands of lines are free.
    ctx.getImageData(0, 0, 1, 1);
    this.edges = { canvas, key, drawnAt: now, behind: false, cost: updateCost(layer?.cost ?? 0, performance.now() - t0, 1) };
    return canvas;
  }

  /** A big network's nodes on their own canvas, redrawn only when their heatmaps, the dead
   *  neurons, the colours or the canvas changed. */
  #nodeLayer(scene) {
    const key = `${layerKey(scene)}:${this.heatmaps.paints}:${scene.palette?.ink},${scene.palette?.muted}:${scene.dead.map((l) => l.map(Number).join('')).join('/')}`;
    if (this.nodes?.key === key) return this.nodes.canvas;
    const { canvas, ctx } = layerCanvas(this.nodes?.canvas, scene);
    drawNodeLayer(ctx, scene);
    this.nodes = { canvas, key };
    return canvas;
  }

  render() {
    this.dirty = false;
    this.renders += 1;
    const { session, telling } = this;
    const canvas = $('network');
    const box = canvas.parentElement;
    const margin = box.clientWidth < 500 ? 24 : 40;
    // The inputs' labels sit left of the first column: keep room for the longest (at its largest font).
    const measure = canvas.getContext('2d');
    measure.font = '14px system-ui, sans-serif';
    const labels = session.config.features.map((f) => this.featureLabels[f] ?? f);
    const widest = Math.max(0, ...labels.map((l) => measure.measureText(l).width));
    // The −/+ buttons sit over the top of the canvas: keep the nodes below them.
    const room = { margin, top: Math.max(0, this.controls.height + 6 - margin), left: Math.max(0, widest + 8 - margin) };
    // On a touch screen a deep network is drawn wider than its box, which scrolls sideways: every
    // node stays a target one can tap.
    // (Not from room.top: the −/+ buttons' height follows the columns' spacing, which follows this.)
    const wide = touch.matches ? diagramWidth(session.sizes, box.clientWidth, box.clientHeight, { ...room, top: 0 }) : box.clientWidth;
    canvas.style.width = wide > box.clientWidth ? `${wide}px` : '';
    const net = fitCanvas(canvas);
    this.layout = networkLayout(session.sizes, net.width, net.height, room);
    const at = telling.phase();
    const s = telling.story;
    const story = at && s
      ? { ...at.phase, progress: at.progress, snap: s.snap, reduced: this.reducedMotion.matches, maxSignal: s.maxSignal, edges: s.edges, loss: s.trace.loss, target: s.trace.target }
      : null;
    let highlight = null;
    if (telling.explain) {
      const { nodes, edges } = telling.explanation();
      highlight = { nodes, edges };
    }
    const scene = {
      width: net.width,
      height: net.height,
      layout: this.layout,
      weights: telling.weightsTold() ?? session.sizes.slice(1).map((_, l) => session.view('weights', l)),
      thumbnails: this.heatmaps.thumbnails,
      dead: session.stats?.dead ?? [],
      residual: this.#residualLayers(),
      inputLabels: labels,
      palette: this.linkSync.palette,
      selected: session.selected,
      highlight,
      path: session.path,
      story,
      edgeImage: null,
      nodeImage: null,
    };
    if (edgeCount(session.sizes) > BUCKETED_EDGES) scene.edgeImage = this.#edgeLayer(scene);
    if (session.sizes.reduce((a, b) => a + b, 0) > LAYERED_NODES) scene.nodeImage = this.#nodeLayer(scene);
    drawNetwork(net.ctx, scene);
    this.controls.place(this.layout);
  }
}
