// What a screen reader hears after a step: one sentence per fact, from plain numbers. Pure, so that
// it is tested in Node.
import { formatLoss } from './frame.js';
import { names, num } from './notation.js';

/**
 * The largest |∂L/∂W| of a network: { layer, i, j, value } (W[i][j] of `layer`), or null.
 * `weightGrads[l]` is layer l's ∂L/∂W, row-major [outputs][inputs]; `inputs[l]` its input count.
 */
export function largestGradient(weightGrads, inputs) {
  let best = null;
  weightGrads.forEach((grads, layer) => {
    for (let k = 0; k < grads.length; k++) {
      if (best === null || Math.abs(grads[k]) > Math.abs(best.value)) {
        best = { layer, i: Math.floor(k / inputs[layer]), j: k % inputs[layer], value: grads[k] };
      }
    }
  });
  return best;
}

/** The step's summary: step, loss and its change, the largest gradient, dead neurons. */
export function stepSummary({ step, loss, previousLoss, largest, dead, hidden }) {
  const parts = [`Step ${step}.`];
  if (loss === null || loss === undefined) parts.push('No training loss: there is no training data.');
  else if (!Number.isFinite(loss)) parts.push(`Training loss ${formatLoss(loss)}: training diverged.`);
  else if (previousLoss === null || previousLoss === undefined || !Number.isFinite(previousLoss)) parts.push(`Training loss ${formatLoss(loss)}.`);
  else {
    const change = loss - previousLoss;
    const trend = change < 0 ? `down ${formatLoss(-change)}` : change > 0 ? `up ${formatLoss(change)}` : 'unchanged';
    parts.push(`Training loss ${formatLoss(loss)}, ${trend}.`);
  }
  if (largest) {
    // Numbered as the inspector and the notation number them: W₁[i][j], neurons from 0.
    parts.push(largest.value === 0
      ? 'Every gradient is zero.'
      : `Largest gradient: ∂L/∂${names.W(largest.layer, largest.i, largest.j)} = ${num(largest.value)}.`);
  }
  parts.push(`Dead neurons: ${dead} of ${hidden}.`);
  return parts.join(' ');
}

const REGIONS = [
  ['in the centre', (x, y) => Math.hypot(x, y) < 0.35],
  ['around the edges', (x, y) => Math.hypot(x, y) > 0.5],
  ['on the left', (x) => x < 0],
  ['on the right', (x) => x > 0],
  ['at the top', (x, y) => y > 0],
  ['at the bottom', (x, y) => y < 0],
];

/**
 * A heatmap in words. `pixels` is RGBA, `resolution`² cells, row 0 at the top; `anchors` are
 * [name, [r, g, b]]: each cell counts for the nearest. Says how much of the plane each covers and,
 * when it gathers somewhere, where.
 */
export function describeHeatmap(pixels, resolution, anchors) {
  const counts = anchors.map(() => ({ total: 0, regions: REGIONS.map(() => 0) }));
  const regionSizes = REGIONS.map(() => 0);
  for (let row = 0; row < resolution; row++) {
    for (let col = 0; col < resolution; col++) {
      const k = 4 * (row * resolution + col);
      let best = 0;
      let bestDistance = Infinity;
      anchors.forEach(([, [r, g, b]], a) => {
        const d = (pixels[k] - r) ** 2 + (pixels[k + 1] - g) ** 2 + (pixels[k + 2] - b) ** 2;
        if (d < bestDistance) [best, bestDistance] = [a, d];
      });
      // Cell centres in −1..1, y upwards.
      const x = ((col + 0.5) / resolution) * 2 - 1;
      const y = 1 - ((row + 0.5) / resolution) * 2;
      counts[best].total++;
      REGIONS.forEach(([, inside], r) => {
        if (!inside(x, y)) return;
        regionSizes[r]++;
        counts[best].regions[r]++;
      });
    }
  }
  const cells = resolution * resolution;
  const parts = anchors
    .map(([name], a) => ({ name, share: counts[a].total / cells, regions: counts[a].regions }))
    .filter((p) => p.share >= 0.05)
    .sort((p, q) => q.share - p.share)
    .map((p) => {
      // Where it gathers: the region it fills most densely compared with the rest of the plane.
      const contrast = p.regions.map((n, r) => n / regionSizes[r] - (p.share * cells - n) / (cells - regionSizes[r]));
      const r = contrast.indexOf(Math.max(...contrast));
      const where = contrast[r] >= 0.3 ? `, mostly ${REGIONS[r][0]}` : '';
      return `${p.name} on ${Math.round(p.share * 100)} %${where}`;
    });
  return `${parts.join('; ')}.`;
}
