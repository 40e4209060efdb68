// Draws the learning-rate comparison: each run's training loss against epochs on one chart (log
// scale), each in its own colour and dash so that colour is never the only cue. Pure.
import { lossScales } from './history.js';
import { LIGHT_CANVAS } from './colors.js';
import { drawLossGrid } from './draw-loss.js';

export const COMPARE_AREA = { left: 58, top: 8, right: 8, bottom: 20 };

/**
 * @param scene { width, height, epochs (the x axis's end), runs: [{ colour, dash: number[],
 *                history: { epochs, train } }], palette }
 */
export function drawCompareChart(ctx, { width, height, epochs, runs, palette = LIGHT_CANVAS }) {
  ctx.clearRect(0, 0, width, height);
  const area = { left: COMPARE_AREA.left, top: COMPARE_AREA.top };
  area.width = width - COMPARE_AREA.left - COMPARE_AREA.right;
  area.height = height - COMPARE_AREA.top - COMPARE_AREA.bottom;
  // One scale for all runs: their losses together, from epoch 0 to the last epoch; a run that blows
  // up leaves through the top (beyond 1000× the starting losses) rather than flattening the rest.
  const cap = 1000 * Math.max(...runs.map((r) => r.history.train[0]).filter(Number.isFinite), 1e-9);
  const all = { epochs: [0, epochs], train: runs.flatMap((r) => r.history.train).filter((v) => v <= cap), test: [] };
  const s = lossScales(all, { ...area, log: true });
  drawLossGrid(ctx, area, s, true, palette);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText('epoch 0', area.left + 24, area.top + area.height + 4);
  ctx.fillText(String(epochs), area.left + area.width - 10, area.top + area.height + 4);
  ctx.save();
  ctx.beginPath();
  ctx.rect(area.left, area.top - 1, area.width, area.height + 2);
  ctx.clip();
  for (const run of runs) {
    ctx.strokeStyle = run.colour;
    ctx.lineWidth = 2;
    ctx.setLineDash(run.dash);
    ctx.beginPath();
    let pen = false;
    run.history.train.forEach((v, k) => {
      const y = s.y(v);
      if (y === null) return void (pen = false);
      const x = s.x(run.history.epochs[k]);
      if (pen) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      pen = true;
    });
    ctx.stroke();
  }
  ctx.restore();
  return s;
}
