// Draws the per-layer gradient-size chart (log scale): one bar per weight layer, input side on the
// left, with the recent history as faint marks. A pure function of what it is given.
import { CHART_MAX, CHART_MIN, gradientBars, logHeight } from './chart.js';
import { LIGHT_CANVAS } from './colors.js';
import { sub, superscript } from './notation.js';

/**
 * @param scene { width, height, values: number[] (RMS of ∂L/∂W per layer), history: number[][] }
 * @returns the bars drawn (their geometry), for tests and hit-testing
 */
export function drawGradientChart(ctx, { width, height, values, history = [], palette = LIGHT_CANVAS }) {
  ctx.clearRect(0, 0, width, height);
  const area = { left: 44, top: 8, width: width - 52, height: height - 30 };
  // Decade grid lines and labels.
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let e = Math.log10(CHART_MIN); e <= Math.log10(CHART_MAX); e += 3) {
    const y = area.top + area.height - logHeight(10 ** e, area.height);
    ctx.strokeStyle = palette.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(area.left, y);
    ctx.lineTo(area.left + area.width, y);
    ctx.stroke();
    ctx.fillStyle = palette.muted;
    ctx.fillText(e === 0 ? '1' : `10${superscript(String(e))}`, area.left - 4, y);
  }
  const bars = gradientBars(values, area);
  // History: faint ticks of earlier values, so that the trend is visible.
  ctx.fillStyle = 'rgba(8, 119, 189, 0.18)';
  for (const past of history) {
    gradientBars(past, area).forEach((b) => ctx.fillRect(b.x, b.y - 1, b.w, 2));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const b of bars) {
    ctx.fillStyle = '#0877bd';
    ctx.fillRect(b.x, b.y, b.w, b.h);
    ctx.fillStyle = palette.muted;
    if (bars.length <= 12 || b.layer % 2 === 0) ctx.fillText(`W${sub(b.layer + 1)}`, b.x + b.w / 2, area.top + area.height + 4);
  }
  return bars;
}
