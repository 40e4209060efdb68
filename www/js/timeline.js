// The story of one training step as a timeline: forward layer by layer, the loss, the error
// signal backward from the output layer to the first, then the update. Pure functions of time.

/** Phases of one animated step for `layers` weight layers, each `phaseMs` long. */
export function buildTimeline(layers, phaseMs) {
  const phases = [];
  for (let l = 0; l < layers; l++) phases.push({ kind: 'forward', layer: l });
  phases.push({ kind: 'loss', layer: layers - 1 });
  for (let l = layers - 1; l >= 0; l--) phases.push({ kind: 'backward', layer: l });
  phases.push({ kind: 'update', layer: -1 });
  return phases.map((p, k) => ({ ...p, start: k * phaseMs, end: (k + 1) * phaseMs }));
}

export const duration = (timeline) => (timeline.length ? timeline[timeline.length - 1].end : 0);

/** The phase at time `t` (ms from the start) and how far through it (0..1); null once done. */
export function phaseAt(timeline, t) {
  for (let index = 0; index < timeline.length; index++) {
    const p = timeline[index];
    if (t < p.end) return { index, phase: p, progress: Math.max(0, (t - p.start) / (p.end - p.start)) };
  }
  return null;
}

/** Eased progress, so that pulses leave and arrive gently. */
export const ease = (x) => (x < 0.5 ? 2 * x * x : 1 - 2 * (1 - x) * (1 - x));

/**
 * Pulse radius for a signal of size |v| in a step whose largest signal is `max`: square-root scaled
 * (so that small signals stay visible) up to `maxRadius`; exactly 0 for a zero signal.
 */
export function pulseRadius(v, max, maxRadius) {
  if (!(max > 0) || v === 0 || !Number.isFinite(v)) return 0;
  return maxRadius * Math.sqrt(Math.min(1, Math.abs(v) / max));
}

/** Point at parameter t on the edge curve drawn by draw-network.js (a cubic Bézier). */
export function edgePoint(a, b, half, t) {
  const x0 = a.x + half;
  const x3 = b.x - half;
  const mid = (a.x + b.x) / 2;
  const u = 1 - t;
  const x = u * u * u * x0 + 3 * u * u * t * mid + 3 * u * t * t * mid + t * t * t * x3;
  const y = u * u * u * a.y + 3 * u * u * t * a.y + 3 * u * t * t * b.y + t * t * t * b.y;
  return { x, y };
}

/**
 * Per weight layer, the edges (as flat indices i·inputs + j) that carry the `limit` largest
 * signals: |W[i][j]·a[j]| forward, |W[i][j]·δ[i]| backward. A big layer shows its strongest
 * pulses only; a small one shows them all.
 */
export function strongestEdges(snap, kind, limit) {
  return snap.layers.map((layer, l) => {
    const prev = l === 0 ? snap.inputs : snap.layers[l - 1].activations;
    const n = prev.length;
    const count = layer.weights.length;
    const all = Array.from({ length: count }, (_, k) => k);
    if (count <= limit) return all;
    const signal = (k) => Math.abs(layer.weights[k] * (kind === 'forward' ? prev[k % n] : layer.deltas[Math.floor(k / n)]));
    return all.sort((a, b) => signal(b) - signal(a)).slice(0, limit);
  });
}
