// The heatmaps: the prediction over the plane, each neuron's output as a thumbnail in the
// diagram, and the neuron under the pointer over the whole plot; painted from the core's RGBA
// pixels (one reused ImageData per resolution), and described in words for screen readers.
// Tells its listeners 'painted' after a refresh and 'hover' when the plot's heatmap changes.
// While training, a refresh is skipped when the parameters barely moved since the maps were painted.
import { HEATMAP_STILL, heatmapResolutions, relativeChange } from '../frame.js';
import { describeHeatmap } from '../summary.js';
import { CLASS_COLOURS, NEGATIVE, POSITIVE, ZERO } from '../colors.js';
import { Emitter } from './emitter.js';

const PLOT_RESOLUTION = 64;
const THUMB_RESOLUTION = 24;

function makeImageCanvas(resolution) {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = resolution;
  return canvas;
}

export class Heatmaps extends Emitter {
  constructor(session) {
    super();
    this.session = session;
    this.plot = null;
    this.thumbnails = [];
    /** The hovered (or selected) neuron's map over the plot, or null: the prediction shows. */
    this.hoverImage = null;
    this.images = new Map();
    /** The parameters the maps show (every layer's weights, then biases), or null: stale. */
    this.shown = null;
    /** Counts changes of the thumbnails (a layer that shows them redraws when this moves). */
    this.paints = 0;
    /** Refreshes skipped because the parameters barely moved (for the test handle). */
    this.skipped = 0;
    const stale = () => (this.shown = null);
    session.on('data', stale);
    session.on('config', ({ keys }) => keys?.includes('discretize') && stale());
    session.on('rebuilt', () => {
      stale();
      this.thumbnails = [];
      this.paints += 1; // the thumbnails changed: they are gone
      if (this.hoverImage) this.paintHover(); // the old network's neuron no longer fills the plot
    });
  }

  resolutions() {
    return heatmapResolutions(this.session.sizes, { plotMax: PLOT_RESOLUTION, thumbMax: THUMB_RESOLUTION });
  }

  /** Copies the core's pixels for `node` into `canvas` (at once: the view is transient). */
  #paint(canvas, node, resolution) {
    let image = this.images.get(resolution);
    if (!image) this.images.set(resolution, (image = new ImageData(resolution, resolution)));
    image.data.set(this.session.heatmap(node, resolution));
    canvas.getContext('2d').putImageData(image, 0, 0);
  }

  /**
   * Every node's thumbnail in one atlas canvas with a single putImageData (hundreds of small
   * canvases cost a call each: 20–40 ms on the largest network). Each tile has a 1-pixel border
   * copied from its edge, so that smoothing when it is drawn enlarged never samples a neighbour.
   * Returns per column the tiles `{ image, sx, sy, size }` that `drawNetwork` draws.
   */
  #paintAtlas(sizes, thumb) {
    const count = sizes.reduce((a, b) => a + b, 0);
    const tile = thumb + 2;
    const across = Math.ceil(Math.sqrt(count));
    const width = across * tile;
    const height = Math.ceil(count / across) * tile;
    if (this.atlas?.width !== width || this.atlas.height !== height) {
      this.atlas = makeImageCanvas(width);
      this.atlas.height = height;
      this.atlasImage = new ImageData(width, height);
    }
    const data = this.atlasImage.data;
    const row = thumb * 4;
    for (let node = 0; node < count; node++) {
      const pixels = this.session.heatmap(node, thumb);
      const x0 = (node % across) * tile;
      const y0 = Math.floor(node / across) * tile;
      for (let y = -1; y <= thumb; y++) {
        const from = Math.min(thumb - 1, Math.max(0, y)) * row;
        const at = ((y0 + 1 + y) * width + x0) * 4;
        data.set(pixels.subarray(from, from + row), at + 4);
        data.copyWithin(at, at + 4, at + 8); // the left border
        data.copyWithin(at + 4 + row, at + row, at + row + 4); // the right border
      }
    }
    this.atlas.getContext('2d').putImageData(this.atlasImage, 0, 0);
    let node = 0;
    return sizes.map((n) =>
      Array.from({ length: n }, () => {
        const k = node++;
        return { image: this.atlas, sx: (k % across) * tile + 1, sy: Math.floor(k / across) * tile + 1, size: thumb };
      }),
    );
  }

  /** The parameters as one vector (a copy: the core's views are transient). */
  #params() {
    const layers = this.session.sizes.length - 1;
    const parts = [];
    for (let l = 0; l < layers; l++) parts.push(this.session.view('weights', l), this.session.view('biases', l));
    const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    return all;
  }

  /** Every map, after the parameters moved; unless `exact`, not when they barely moved. */
  refresh(exact = true) {
    const params = this.#params();
    if (!exact && relativeChange(this.shown, params) < HEATMAP_STILL) {
      this.skipped += 1;
      return;
    }
    this.shown = params;
    const sizes = this.session.sizes;
    const { plot, thumb } = this.resolutions();
    if (this.plot?.width !== plot) this.plot = makeImageCanvas(plot);
    this.#paint(this.plot, -1, plot);
    this.thumbnails = this.#paintAtlas(sizes, thumb);
    if (this.hoverImage || this.hoveredNode() !== null) this.paintHover(); // else nothing to repaint
    this.paints += 1;
    this.emit('painted');
  }

  /** The node shown over the plot: the hovered one, else a selected neuron; its index or null. */
  hoveredNode() {
    const { hover, selected, sizes } = this.session;
    const n = hover ?? (selected && 'column' in selected ? selected : null);
    if (!n || n.column >= sizes.length || n.index >= sizes[n.column]) return null;
    return sizes.slice(0, n.column).reduce((a, b) => a + b, 0) + n.index;
  }

  /** Paints the hovered neuron's map over the plot (or none). */
  paintHover() {
    const node = this.hoveredNode();
    if (node === null) {
      this.hoverImage = null;
    } else {
      const { plot } = this.resolutions();
      const canvas = this.hoverImage?.width === plot ? this.hoverImage : makeImageCanvas(plot);
      this.#paint(canvas, node, plot);
      this.hoverImage = canvas;
    }
    this.emit('hover', node);
  }

  /** A node's map in words (node −1: the prediction). */
  describe(node) {
    const { config } = this.session;
    const anchors = config.problem === 'multiclass' && node === -1
      ? CLASS_COLOURS.slice(0, config.classes).map((c, k) => [`class ${k + 1}`, c])
      : [['negative (orange)', NEGATIVE], ['near zero (grey)', ZERO], ['positive (blue)', POSITIVE]];
    // The thumbnails' resolution: the core has just computed every node's map at it (a cache hit).
    const resolution = this.resolutions().thumb;
    return describeHeatmap(this.session.heatmap(node, resolution).slice(), resolution, anchors);
  }
}
