// The loss landscape over two parameters: the window a map shows (around the current values, wide
// enough for the recent path), the grid of (a, b) pairs the core evaluates, and the drawing: the
// loss as banded colours (so equal-loss bands read as contours), the path gradient descent took as
// a polyline with dots, and where the parameters are now. Pure.
import { LIGHT_CANVAS } from './colors.js';
import { num } from './notation.js';

/** The window { a0, a1, b0, b1 }: centred on `now` ([a, b]), spanning the path with a margin. */
export function landscapeWindow(now, path, minSpan = 1) {
  const half = (k) => Math.max(minSpan, 1.25 * Math.max(0, ...path.map((p) => Math.abs(p[k] - now[k]))));
  const [ha, hb] = [half(0), half(1)];
  return { a0: now[0] - ha, a1: now[0] + ha, b0: now[1] - hb, b1: now[1] + hb };
}

/** The n × n grid's (a, b) pairs, row by row (b from b0 up to b1), a from a0 to a1 along a row. */
export function gridPairs(win, n) {
  const pairs = new Float32Array(2 * n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      pairs[2 * (r * n + c)] = win.a0 + ((win.a1 - win.a0) * c) / (n - 1);
      pairs[2 * (r * n + c) + 1] = win.b0 + ((win.b1 - win.b0) * r) / (n - 1);
    }
  }
  return pairs;
}

/** The grid size whose evaluation takes about `budgetMs`, given the cost of one pair. */
export function gridSize(msPerPair, budgetMs = 8, { min = 9, max = 31 } = {}) {
  if (!(msPerPair > 0)) return min;
  return Math.max(min, Math.min(max, Math.floor(Math.sqrt(budgetMs / msPerPair))));
}

const BANDS = 12;
const RASTER = 128;
// Valleys dark, ridges light: the lowest band is the deepest blue.
const LOW = [8, 48, 107];
const HIGH = [247, 251, 255];

/** Band 0 (lowest) … BANDS − 1 of a loss, on a log scale between the grid's finite extremes. */
export function band(loss, lo, hi) {
  if (!Number.isFinite(loss)) return BANDS - 1;
  const t = hi > lo ? (Math.log(loss) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : 0;
  return Math.max(0, Math.min(BANDS - 1, Math.floor(t * BANDS)));
}

/**
 * @param scene { width, height, grid (n × n losses, row 0 at b0), n, win, path: [[a, b]], names:
 *                [a's, b's], palette }
 * @returns the map's area (for tests and hit-testing)
 */
export function drawLandscape(ctx, { width, height, grid, n, win, path, names, palette = LIGHT_CANVAS }) {
  ctx.clearRect(0, 0, width, height);
  const area = { left: 44, top: 6, width: width - 52, height: height - 34 };
  const finite = Array.from(grid).filter((v) => Number.isFinite(v) && v > 0);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  // The grid interpolated bilinearly onto a raster of at most RASTER² pixels, then banded (smooth
  // contour bands), and scaled onto the map: cheap at any canvas size.
  const w = Math.max(2, Math.min(RASTER, Math.round(area.width)));
  const h = Math.max(2, Math.min(RASTER, Math.round(area.height)));
  const raster = new OffscreenCanvas(w, h);
  const image = new ImageData(w, h);
  for (let py = 0; py < h; py++) {
    const gy = (1 - py / (h - 1)) * (n - 1); // row 0 (b0) at the bottom
    const r0 = Math.min(n - 2, Math.floor(gy));
    const fy = gy - r0;
    for (let px = 0; px < w; px++) {
      const gx = (px / (w - 1)) * (n - 1);
      const c0 = Math.min(n - 2, Math.floor(gx));
      const fx = gx - c0;
      const k0 = r0 * n + c0;
      const v = (1 - fy) * ((1 - fx) * grid[k0] + fx * grid[k0 + 1]) + fy * ((1 - fx) * grid[k0 + n] + fx * grid[k0 + n + 1]);
      const t = band(v, lo, hi) / (BANDS - 1);
      const k = 4 * (py * w + px);
      for (let ch = 0; ch < 3; ch++) image.data[k + ch] = Math.round(LOW[ch] + (HIGH[ch] - LOW[ch]) * t);
      image.data[k + 3] = 255;
    }
  }
  raster.getContext('2d').putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(raster, area.left, area.top, area.width, area.height);
  const x = (a) => area.left + ((a - win.a0) / (win.a1 - win.a0)) * area.width;
  const y = (b) => area.top + area.height - ((b - win.b0) / (win.b1 - win.b0)) * area.height;
  // The path: older dots fainter, the line orange (it crosses the blue bands), now a ringed dot.
  ctx.strokeStyle = '#e07b00';
  ctx.lineWidth = 2;
  ctx.beginPath();
  path.forEach(([a, b], k) => (k ? ctx.lineTo(x(a), y(b)) : ctx.moveTo(x(a), y(b))));
  ctx.stroke();
  path.forEach(([a, b], k) => {
    ctx.fillStyle = `rgba(224, 123, 0, ${0.3 + (0.7 * (k + 1)) / path.length})`;
    ctx.beginPath();
    ctx.arc(x(a), y(b), k === path.length - 1 ? 5 : 2.5, 0, 2 * Math.PI);
    ctx.fill();
  });
  if (path.length) {
    const [a, b] = path[path.length - 1];
    ctx.strokeStyle = palette.ink;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(x(a), y(b), 7, 0, 2 * Math.PI);
    ctx.stroke();
  }
  ctx.fillStyle = palette.muted;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(num(win.a0), area.left, area.top + area.height + 3);
  ctx.textAlign = 'right';
  ctx.fillText(num(win.a1), area.left + area.width, area.top + area.height + 3);
  ctx.textAlign = 'center';
  ctx.fillText(names[0], area.left + area.width / 2, area.top + area.height + 16);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText(num(win.b1), area.left - 3, area.top + 6);
  ctx.fillText(num(win.b0), area.left - 3, area.top + area.height - 6);
  ctx.save();
  ctx.translate(12, area.top + area.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(names[1], 0, 0);
  ctx.restore();
  return { area, lo, hi };
}
