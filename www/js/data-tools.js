// Editing a data set by hand and moving files in and out: pure point-list functions (tested in
// Node) and two small DOM helpers.
import { DOMAIN } from './draw-plot.js';
import { checkFileSize } from './checks.js';

/** Plot coordinates (CSS pixels in a `size` square) back to the plane, clamped to [−6, 6]. */
export function fromPlot(px, py, size) {
  const clamp = (v) => Math.max(-DOMAIN, Math.min(DOMAIN, v));
  return [clamp((px / size) * 2 * DOMAIN - DOMAIN), clamp(DOMAIN - (py / size) * 2 * DOMAIN)];
}

/** Splits x, y, label triples into the (points, labels) arrays that `setData` takes. */
export function unzip(triples) {
  const n = triples.length / 3;
  const points = new Float32Array(2 * n);
  const labels = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    points[2 * k] = triples[3 * k];
    points[2 * k + 1] = triples[3 * k + 1];
    labels[k] = triples[3 * k + 2];
  }
  return { points, labels };
}

/** The triples with one point added. */
export function withPoint(triples, x, y, label) {
  const out = new Float32Array(triples.length + 3);
  out.set(triples);
  out.set([x, y, label], triples.length);
  return out;
}

/** Index (in points) of the point nearest to (x, y) within `radius`, or −1. */
export function nearestPoint(triples, x, y, radius) {
  let best = -1;
  let bestDistance = radius;
  for (let k = 0; k < triples.length / 3; k++) {
    const d = Math.hypot(triples[3 * k] - x, triples[3 * k + 1] - y);
    if (d <= bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/** The triples without point `k`. */
export function withoutPoint(triples, k) {
  const out = new Float32Array(triples.length - 3);
  out.set(triples.subarray(0, 3 * k));
  out.set(triples.subarray(3 * k + 3), 3 * k);
  return out;
}

/** Offers `text` as a file download. */
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The text of the file chosen in a file input (and resets it, so the same file can be chosen
 * again); a file over `maxBytes` is refused by its size, unread, with an Error naming `what`.
 */
export async function chosenText(input, maxBytes, what) {
  const file = input.files?.[0];
  input.value = '';
  if (!file) return null;
  checkFileSize(file.size, maxBytes, what);
  return file.text();
}
