// Draws the network. Weights and gradients use different channels: an edge's colour and width are
// its weight; pulses and node rings are the error signal. A pure function of what it is given.
import { css, diverging, LIGHT_CANVAS } from './colors.js';
import { besideNode, edgeWidth, labelSpot } from './layout.js';
import { num } from './notation.js';
import { edgePoint, ease, pulseRadius } from './timeline.js';
import { beside, curve, drawPath, findLabel, label, labelBeside, skipArc } from './draw-path.js';

const GREY = [232, 234, 235];

/**
 * @param ctx    2-D context scaled to CSS pixels
 * @param scene  {
 *   width, height, layout, weights: Float32Array[] ([out][in] per weight layer),
 *   thumbnails: ({ image, sx, sy, size }|null)[][] per column (a tile of an atlas image), dead: boolean[][] per hidden layer,
 *   residual: boolean[] per weight layer, inputLabels: string[],
 *   palette: { ink, muted, grid } (the theme's canvas colours; see colors.canvasPalette),
 *   selected: { column, index } | { layer, i, j } | { layer, i, bias } | null,
 *   highlight: { nodes: [{column, index}], edges: [{layer, i, j}] } | null   (explain mode)
 *   path: the inspector's chosen chain-rule path (paths.js; see drawPath) | null
 *   story: { kind, layer, progress, snap, reduced } | null                    (the animated step)
 *   edgeImage: CanvasImageSource | null   (the edges, drawn by drawEdgeLayer; else drawn here)
 *   nodeImage: CanvasImageSource | null   (the nodes, drawn by drawNodeLayer; else drawn here)
 * }
 */
export function drawNetwork(ctx, scene) {
  const { width, height } = scene;
  ctx.clearRect(0, 0, width, height);
  const dim = dimmed(scene) ? 0.25 : 1;
  // A dense network's edges may come drawn already (see drawEdgeLayer): one blit per frame.
  if (scene.edgeImage) ctx.drawImage(scene.edgeImage, 0, 0, width, height);
  else drawEdges(ctx, scene, dim);
  drawResidualEdges(ctx, scene);
  if (scene.highlight) drawHighlightedEdges(ctx, scene);
  if (scene.story) drawStorySignals(ctx, scene);
  if (scene.nodeImage) ctx.drawImage(scene.nodeImage, 0, 0, width, height);
  else {
    drawNodes(ctx, scene, dim);
    drawIndices(ctx, scene);
  }
  if (scene.highlight) drawHighlightedNodes(ctx, scene);
  if (scene.story) drawStoryNodes(ctx, scene);
  drawInputLabels(ctx, scene);
  drawSelection(ctx, scene);
  if (scene.path) drawPath(ctx, scene);
}

/** Whatever is not highlighted (explain mode's phase, the chosen path) fades. */
export const dimmed = (scene) => Boolean(scene.highlight || scene.path);

function drawHighlightedNodes(ctx, { layout, highlight, palette = LIGHT_CANVAS }) {
  const { columns, size } = layout;
  ctx.strokeStyle = palette.ink;
  ctx.lineWidth = 3;
  for (const { column, index } of highlight.nodes) {
    const { x, y } = columns[column][index];
    ctx.strokeRect(x - size / 2 - 2, y - size / 2 - 2, size + 4, size + 4);
  }
}

/** Above this many edges, edges of similar weight are stroked together (one path per bucket). */
export const BUCKETED_EDGES = 400;

/** Above this many neurons, the nodes (each a heatmap) come drawn on a layer of their own. */
export const LAYERED_NODES = 64;

/**
 * The nodes alone (heatmaps, frames, dead marks, indices), onto their own canvas: hundreds of
 * heatmap blits and placed labels take longer than a frame, and they change only when the
 * heatmaps or the dead count do.
 */
export function drawNodeLayer(ctx, scene) {
  ctx.clearRect(0, 0, scene.width, scene.height);
  drawNodes(ctx, scene, dimmed(scene) ? 0.25 : 1);
  drawIndices(ctx, scene);
}

/** Edges in a network of `sizes`. */
export function edgeCount(sizes) {
  let edges = 0;
  for (let l = 0; l + 1 < sizes.length; l++) edges += sizes[l] * sizes[l + 1];
  return edges;
}

/**
 * The edges alone, onto their own canvas (`ctx` scaled to CSS pixels): a dense network's
 * thousands of lines take longer to rasterise than a frame, so the page redraws them a few times
 * a second and blits them in between (scene.edgeImage).
 */
export function drawEdgeLayer(ctx, scene) {
  ctx.clearRect(0, 0, scene.width, scene.height);
  drawEdges(ctx, scene, dimmed(scene) ? 0.25 : 1);
}
const BUCKETS = 12;
const BUCKET_RANGE = 3;

function drawEdges(ctx, { layout, weights }, alpha) {
  const { columns, size } = layout;
  ctx.lineCap = 'round';
  if (edgeCount(columns.map((c) => c.length)) <= BUCKETED_EDGES) {
    forEachEdge(columns, weights, (from, to, value) => {
      // A weight of exactly 0 (L1 drives weights there) is drawn as absent: no signal uses it.
      if (value === 0) return;
      ctx.strokeStyle = css(diverging(value * 2), 0.85 * alpha);
      ctx.lineWidth = edgeWidth(value);
      ctx.setLineDash(negativeDash(value, ctx.lineWidth));
      curve(ctx, from, to, size / 2);
      ctx.stroke();
    });
    ctx.setLineDash([]);
    return;
  }
  // A big network: thousands of thick curves cost more than a frame to rasterise; thin straight
  // lines, one path per weight bucket built in a single pass, do not. Strength shows as colour.
  const paths = Array.from({ length: 2 * BUCKETS }, () => new Path2D());
  const half = size / 2;
  for (let l = 0; l + 1 < columns.length; l++) {
    const from = columns[l];
    const to = columns[l + 1];
    const w = weights[l];
    const n = from.length;
    for (let i = 0; i < to.length; i++) {
      const b = to[i];
      for (let j = 0; j < n; j++) {
        const v = w[i * n + j];
        if (v === 0) continue; // absent: nothing flows along a zero weight
        const level = Math.min(BUCKETS - 1, Math.floor((Math.abs(v) / BUCKET_RANGE) * BUCKETS));
        if (!(level >= 0)) continue; // NaN
        const path = paths[(v < 0 ? 0 : BUCKETS) + level];
        path.moveTo(from[j].x + half, from[j].y);
        path.lineTo(b.x - half, b.y);
      }
    }
  }
  ctx.lineCap = 'butt';
  ctx.lineWidth = 1;
  paths.forEach((path, k) => {
    const level = k % BUCKETS;
    const value = (k < BUCKETS ? -1 : 1) * ((level + 0.5) / BUCKETS) * BUCKET_RANGE;
    ctx.strokeStyle = css(diverging(value * 2), 0.85 * alpha);
    ctx.setLineDash(negativeDash(value, 1));
    ctx.stroke(path);
  });
  ctx.setLineDash([]);
}

/**
 * Sign is never shown by colour alone: a negative weight or signal is dashed, a positive one solid.
 * The dash grows with the line so that thick lines still read as dashed.
 */
export function negativeDash(value, width) {
  return value < 0 ? [2 * width + 3, width + 3] : [];
}

function forEachEdge(columns, weights, visit) {
  for (let l = 0; l + 1 < columns.length; l++) {
    const from = columns[l];
    const to = columns[l + 1];
    const w = weights[l];
    for (let i = 0; i < to.length; i++) {
      for (let j = 0; j < from.length; j++) visit(from[j], to[i], w[i * from.length + j]);
    }
  }
}

/** Skip connections, a = a_prev + f(z): dashed arcs above the edges, node j to node j. */
function drawResidualEdges(ctx, { layout, residual = [], palette = LIGHT_CANVAS }) {
  const { columns, size } = layout;
  ctx.save();
  ctx.setLineDash([5, 4]);
  ctx.strokeStyle = palette.muted;
  ctx.lineWidth = 1.5;
  residual.forEach((on, l) => {
    if (!on) return;
    columns[l].forEach((a, j) => {
      skipArc(ctx, a, columns[l + 1][j], size);
      ctx.stroke();
    });
  });
  ctx.restore();
}

function drawHighlightedEdges(ctx, { layout, weights, highlight, palette = LIGHT_CANVAS }) {
  const { columns, size } = layout;
  for (const { layer: l, i, j } of highlight.edges) {
    const from = columns[l];
    const value = weights[l][i * from.length + j];
    ctx.strokeStyle = palette.ink;
    ctx.lineWidth = edgeWidth(value) + 4;
    curve(ctx, from[j], columns[l + 1][i], size / 2);
    ctx.stroke();
    ctx.strokeStyle = css(diverging(value * 2));
    ctx.lineWidth = edgeWidth(value) + 1;
    curve(ctx, from[j], columns[l + 1][i], size / 2);
    ctx.stroke();
  }
}

/** Signals of the animated step: activations flowing forward, error signals flowing backward. */
function drawStorySignals(ctx, { layout, story, weights }) {
  const { kind, layer: l, progress, snap, reduced } = story;
  if (kind !== 'forward' && kind !== 'backward') return;
  const { columns, size } = layout;
  const from = columns[l];
  const to = columns[l + 1];
  const w = weights[l];
  const source = kind === 'forward' ? (l === 0 ? snap.inputs : snap.layers[l - 1].activations) : snap.layers[l].deltas;
  // Signal on edge (i, j): forward W[i][j]·a[j], backward W[i][j]·δ[i].
  const signal = (i, j) => w[i * from.length + j] * (kind === 'forward' ? source[j] : source[i]);
  const max = story.maxSignal?.[kind] ?? 1;
  const maxRadius = Math.max(3, Math.min(9, size * 0.28));
  const t = ease(Math.min(1, progress));
  // A big layer shows only its strongest signals (story.edges); a small one shows every edge.
  const edges = story.edges?.[kind]?.[l];
  const count = edges ? edges.length : to.length * from.length;
  for (let e = 0; e < count; e++) {
    const k = edges ? edges[e] : e;
    const i = Math.floor(k / from.length);
    const j = k % from.length;
    const v = signal(i, j);
    const r = pulseRadius(v, max, maxRadius);
    if (r === 0) continue; // a zero error signal (a dead ReLU) sends no pulse
    const colour = css(diverging(Math.sign(v)), 0.95);
    if (reduced) {
      // Staged highlight instead of motion: the whole edge lights up for the phase.
      ctx.strokeStyle = colour;
      ctx.lineWidth = Math.max(1.5, r * 0.8);
      ctx.setLineDash(negativeDash(v, ctx.lineWidth));
      curve(ctx, from[j], to[i], size / 2);
      ctx.stroke();
      ctx.setLineDash([]);
      continue;
    }
    const p = edgePoint(from[j], to[i], size / 2, kind === 'forward' ? t : 1 - t);
    ctx.fillStyle = colour;
    ctx.strokeStyle = 'rgba(29, 35, 39, 0.9)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    // A negative signal travels as a square, a positive one as a circle (not colour alone).
    if (v < 0) ctx.rect(p.x - r * 0.9, p.y - r * 0.9, r * 1.8, r * 1.8);
    else ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
}

function drawNodes(ctx, { layout, thumbnails, dead = [], palette = LIGHT_CANVAS }, alpha) {
  const { columns, size } = layout;
  const half = size / 2;
  for (let c = 0; c < columns.length; c++) {
    for (let i = 0; i < columns[c].length; i++) {
      const { x, y } = columns[c][i];
      const left = x - half;
      const top = y - half;
      const image = thumbnails?.[c]?.[i];
      ctx.globalAlpha = alpha < 1 ? 0.55 : 1;
      if (image) {
        ctx.imageSmoothingEnabled = true;
        ctx.drawImage(image.image, image.sx, image.sy, image.size, image.size, left, top, size, size);
      } else {
        ctx.fillStyle = css(GREY);
        ctx.fillRect(left, top, size, size);
      }
      ctx.globalAlpha = 1;
      const isDead = c > 0 && dead[c - 1]?.[i];
      if (isDead) {
        // A dead ReLU: greyed out and crossed, unmistakably not learning.
        ctx.fillStyle = 'rgba(110, 110, 110, 0.7)';
        ctx.fillRect(left, top, size, size);
        ctx.strokeStyle = palette.ink;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(left + 3, top + 3);
        ctx.lineTo(left + size - 3, top + size - 3);
        ctx.moveTo(left + size - 3, top + 3);
        ctx.lineTo(left + 3, top + size - 3);
        ctx.stroke();
      }
      ctx.strokeStyle = palette.muted;
      ctx.lineWidth = 1;
      ctx.setLineDash(isDead ? [3, 2] : []);
      ctx.strokeRect(left, top, size, size);
      ctx.setLineDash([]);
    }
  }
}

/** Each neuron's index, as W₁[i][j] counts them: small, beside its top left corner, where there is room. */
function drawIndices(ctx, scene) {
  const { layout, palette = LIGHT_CANVAS } = scene;
  ctx.font = '9px system-ui, sans-serif';
  ctx.fillStyle = palette.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  layout.columns.forEach((column, c) => {
    if (c === 0) return; // the inputs are named (x₁, x₂, …) beside them
    column.forEach((node, i) => {
      const w = ctx.measureText(String(i)).width + 2;
      const spot = labelSpot(layout, w, 10, besideNode(layout, node, w, 10, ['corner']), scene);
      if (spot) ctx.fillText(String(i), spot.x, spot.y);
    });
  });
}

/**
 * Node values during the story: a after the forward pass reaches a layer, δ rings backward. The
 * numbers go beside a node where they cover none (below it, else right of it); without room the
 * ring alone shows the value, dashed when negative.
 */
function drawStoryNodes(ctx, scene) {
  const { layout, story, palette = LIGHT_CANVAS } = scene;
  const { kind, layer: l, progress, snap } = story;
  const { columns, size } = layout;
  const L = snap.layers.length;
  const ORDER = ['below', 'right'];
  const ring = (c, i, value, max) => {
    const node = columns[c][i];
    const { x, y } = node;
    const text = `δ ${num(value)}`;
    const spot = findLabel(ctx, scene, beside(layout, node, ORDER), text);
    const r = pulseRadius(value, max, size * 0.22);
    ctx.strokeStyle = css(diverging(Math.sign(value)));
    ctx.lineWidth = Math.max(2, r);
    // The label carries δ's sign when there is room for it; without a label, a negative ring is dashed.
    ctx.setLineDash(spot ? [] : negativeDash(value, ctx.lineWidth));
    ctx.strokeRect(x - size / 2 - ctx.lineWidth / 2, y - size / 2 - ctx.lineWidth / 2, size + ctx.lineWidth, size + ctx.lineWidth);
    ctx.setLineDash([]);
    if (spot) label(ctx, spot.x, spot.y, text);
  };
  const value = (c, i, v) => {
    const node = columns[c][i];
    ctx.strokeStyle = palette.ink;
    ctx.lineWidth = 2;
    ctx.strokeRect(node.x - size / 2 - 1, node.y - size / 2 - 1, size + 2, size + 2);
    labelBeside(ctx, scene, node, `a ${num(v)}`, ORDER);
  };
  const maxDelta = story.maxSignal?.delta ?? 1;
  // Columns whose forward values are known by now.
  const forwardDone = kind === 'forward' ? (progress > 0.85 ? l + 1 : l) : L;
  if (kind === 'forward' || kind === 'loss') {
    for (let c = 1; c <= forwardDone; c++) snap.layers[c - 1].activations.forEach((v, i) => value(c, i, v));
  }
  if (kind === 'loss') {
    const { x, y } = columns[L][0];
    const out = snap.layers[L - 1].activations;
    const target = Array.from(story.target, num).join(', ');
    labelBeside(ctx, scene, columns[L][0], `ŷ ${Array.from(out, num).join(', ')} · y ${target} · L ${num(story.loss)}`, ['above', 'left', 'below'], 'bold');
  }
  if (kind === 'backward') {
    // δ of every column the error signal has reached: from the output down to column l + 1,
    // and column l itself once the pulses arrive.
    const lowest = progress > 0.85 && l > 0 ? l : l + 1;
    for (let c = L; c >= lowest; c--) snap.layers[c - 1].deltas.forEach((d, i) => ring(c, i, d, maxDelta));
  }
}

function drawInputLabels(ctx, { layout, inputLabels = [], palette = LIGHT_CANVAS }) {
  const { columns, size } = layout;
  if (!inputLabels.length || !columns.length) return;
  ctx.fillStyle = palette.ink;
  ctx.font = `${Math.max(10, Math.min(14, size * 0.45))}px system-ui, sans-serif`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  columns[0].forEach(({ x, y }, i) => ctx.fillText(inputLabels[i] ?? '', x - size / 2 - 4, y));
}

/** The inspected neuron (or the neuron a bias belongs to) boxed, the inspected weight traced. */
function drawSelection(ctx, { layout, selected, weights, palette = LIGHT_CANVAS }) {
  if (!selected) return;
  const { columns, size } = layout;
  ctx.strokeStyle = palette.ink;
  if ('j' in selected) {
    const from = columns[selected.layer];
    const value = weights[selected.layer][selected.i * from.length + selected.j];
    ctx.setLineDash([6, 3]);
    ctx.lineWidth = edgeWidth(value) + 3;
    curve(ctx, from[selected.j], columns[selected.layer + 1][selected.i], size / 2);
    ctx.stroke();
    ctx.setLineDash([]);
    return;
  }
  const node = 'column' in selected ? columns[selected.column][selected.index] : columns[selected.layer + 1][selected.i];
  ctx.lineWidth = 3;
  ctx.strokeRect(node.x - size / 2 - 4, node.y - size / 2 - 4, size + 8, size + 8);
}
