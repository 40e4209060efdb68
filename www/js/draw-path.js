// The inspector's chosen chain-rule path on the diagram, with each factor's number beside its edge
// or node; and the small shapes the network drawing shares. Pure functions of what they are given.
import { css, diverging, LIGHT_CANVAS } from './colors.js';
import { besideNode, edgeWidth, labelSpot } from './layout.js';
import { num } from './notation.js';
import { edgePoint } from './timeline.js';

/** The cubic curve an edge is drawn as, from a's right side to b's left side. */
export function curve(ctx, a, b, half) {
  const mid = (a.x + b.x) / 2;
  ctx.beginPath();
  ctx.moveTo(a.x + half, a.y);
  ctx.bezierCurveTo(mid, a.y, mid, b.y, b.x - half, b.y);
}

/** A residual skip's arc, node j of one column to node j of the next, above the edges. */
export function skipArc(ctx, a, b, size) {
  ctx.beginPath();
  ctx.moveTo(a.x + size / 2, a.y - size * 0.3);
  ctx.quadraticCurveTo((a.x + b.x) / 2, a.y - size * 0.95, b.x - size / 2, b.y - size * 0.3);
}

/** Small text on its own white box, centred on (x, y). */
export function label(ctx, x, y, text, weight = 'normal') {
  ctx.font = `${weight} 10px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const w = ctx.measureText(text).width + 6;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.fillRect(x - w / 2, y - 6, w, 12);
  ctx.fillStyle = LIGHT_CANVAS.ink; // on its own white box, in either theme
  ctx.fillText(text, x, y);
}

/**
 * A label where it covers no node (layout.labelSpot): `spots(w, h)` lists the centres to try.
 * Returns whether there was room; without room nothing is drawn.
 */
export function placeLabel(ctx, scene, spots, text, weight = 'normal', taken = []) {
  // A label may come in a long and a short form: the first that fits is drawn.
  for (const t of Array.isArray(text) ? text : [text]) {
    const spot = findLabel(ctx, scene, spots, t, weight, taken);
    if (spot) {
      label(ctx, spot.x, spot.y, t, weight);
      return true;
    }
  }
  return false;
}

/** Where placeLabel would put the label, or null; a found spot is added to `taken`. */
export function findLabel(ctx, scene, spots, text, weight = 'normal', taken = []) {
  ctx.font = `${weight} 10px system-ui, sans-serif`;
  const w = ctx.measureText(text).width + 6;
  const spot = labelSpot(scene.layout, w, 12, spots(w, 12), scene, taken);
  if (spot) taken.push({ ...spot, w, h: 12 });
  return spot;
}

/** Spots beside a node, trying its sides in `order` (see layout.besideNode). */
export const beside = (layout, node, order) => (w, h) => besideNode(layout, node, w, h, order);

/** A label beside a node. */
export const labelBeside = (ctx, scene, node, text, order, weight, taken) => placeLabel(ctx, scene, beside(scene.layout, node, order), text, weight, taken);

const SHORT = { weight: 'W', input: '', gate: 'f′', skip: '×', bias: '∂z/∂b', loss: '' };

/**
 * scene.path: { nodes: [{ column, index }], edges: [{ layer, i, j, skip? }], factors: [{ symbol,
 * value, at, kind }] } (paths.js). Its edges thick in ink under their weight's colour, its
 * neurons boxed, and every factor's number: an edge's along it, a neuron's f′ below it, the
 * loss's above it, a bias's left of it; wherever it would cover a neuron, it is left out.
 */
export function drawPath(ctx, scene) {
  const { layout, weights, path, palette = LIGHT_CANVAS } = scene;
  const { columns, size } = layout;
  const half = size / 2;
  ctx.lineCap = 'round';
  for (const e of path.edges) {
    const from = columns[e.layer][e.j];
    const to = columns[e.layer + 1][e.i];
    const value = e.skip ? 1 : weights[e.layer][e.i * columns[e.layer].length + e.j];
    const shape = () => (e.skip ? skipArc(ctx, from, to, size) : curve(ctx, from, to, half));
    ctx.strokeStyle = palette.ink;
    ctx.lineWidth = edgeWidth(value) + 6;
    shape();
    ctx.stroke();
    ctx.strokeStyle = e.skip ? palette.muted : css(diverging(value * 2));
    ctx.lineWidth = edgeWidth(value) + 2;
    shape();
    ctx.stroke();
  }
  ctx.strokeStyle = palette.ink;
  ctx.lineWidth = 3;
  for (const { column, index } of path.nodes) {
    const { x, y } = columns[column][index];
    ctx.strokeRect(x - half - 3, y - half - 3, size + 6, size + 6);
  }
  // Each factor's number, the edges' first (the weights), then the neurons'; none covers another.
  const taken = [];
  const byPlace = [...path.factors].sort((a, b) => ('column' in a.at) - ('column' in b.at));
  for (const f of byPlace) {
    const text = [`${SHORT[f.kind] ?? ''}${f.kind === 'input' || f.kind === 'loss' ? f.symbol : ''} ${num(f.value)}`.trim(), num(f.value)];
    if ('column' in f.at) {
      // f′ below its neuron, the loss's factor and a bias's above (they may share one neuron).
      const order = f.kind === 'gate' ? ['below', 'right', 'above', 'left'] : f.kind === 'loss' ? ['above', 'right', 'left'] : ['left', 'above'];
      labelBeside(ctx, scene, columns[f.at.column][f.at.index], text, order, 'bold', taken);
    } else {
      const from = columns[f.at.layer][f.at.j];
      const to = columns[f.at.layer + 1][f.at.i];
      const spots = f.at.skip ? [{ x: (from.x + to.x) / 2, y: from.y - size * 0.62 }] : [0.5, 0.35, 0.65, 0.2, 0.8].map((t) => edgePoint(from, to, half, t));
      placeLabel(ctx, scene, () => spots, text, 'bold', taken);
    }
  }
}
