// Draws the output plot: the network's prediction over [−6, 6]² with the data points on top.
// A pure function of what it is given.
import { css, labelColour } from './colors.js';

export const DOMAIN = 6;

/** Plot coordinates (CSS pixels) of a data point. */
export function toPlot(x, y, size) {
  return [((x + DOMAIN) / (2 * DOMAIN)) * size, ((DOMAIN - y) / (2 * DOMAIN)) * size];
}

/**
 * @param scene { size, heatmap: CanvasImageSource|null, train: Float32Array (x, y, label triples),
 *                test: Float32Array|null (drawn with a dark ring), problem,
 *                cursor: { x, y }|null (the keyboard's drawing cursor) }
 */
export function drawPlot(ctx, scene) {
  const { size, heatmap, train, test, problem, cursor = null } = scene;
  ctx.clearRect(0, 0, size, size);
  if (heatmap) {
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(heatmap, 0, 0, size, size);
  }
  // Axes through the origin, and ticks every 2 units.
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.25)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(size / 2, 0);
  ctx.lineTo(size / 2, size);
  ctx.moveTo(0, size / 2);
  ctx.lineTo(size, size / 2);
  ctx.stroke();
  ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let v = -4; v <= 4; v += 2) {
    if (v === 0) continue;
    const [px] = toPlot(v, 0, size);
    ctx.fillText(String(v), px, size / 2 + 3);
    const [, py] = toPlot(0, v, size);
    ctx.textAlign = 'left';
    ctx.fillText(String(v), size / 2 + 3, py - 5);
    ctx.textAlign = 'center';
  }
  const radius = Math.max(3, size / 90);
  const drawPoints = (points, ring) => {
    for (let k = 0; k + 2 < points.length; k += 3) {
      const [px, py] = toPlot(points[k], points[k + 1], size);
      ctx.fillStyle = css(labelColour(problem, points[k + 2]));
      ctx.strokeStyle = ring;
      ctx.lineWidth = 1;
      ctx.beginPath();
      // Two classes differ in shape too (not colour alone): the negative one is a square.
      if (problem === 'classification' && points[k + 2] < 0) ctx.rect(px - radius * 0.9, py - radius * 0.9, radius * 1.8, radius * 1.8);
      else ctx.arc(px, py, radius, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  };
  drawPoints(train, '#fff');
  if (test) drawPoints(test, '#111');
  if (cursor) {
    // A crosshair, dark inside light, visible on either end of the palette.
    const [cx, cy] = toPlot(cursor.x, cursor.y, size);
    for (const [colour, width] of [['#fff', 4], ['#1d2327', 2]]) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.beginPath();
      ctx.moveTo(cx - 10, cy);
      ctx.lineTo(cx + 10, cy);
      ctx.moveTo(cx, cy - 10);
      ctx.lineTo(cx, cy + 10);
      ctx.stroke();
    }
  }
}
