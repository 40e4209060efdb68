// Draws the loss chart: training loss (dark) and test loss (orange dashes) against epochs, on a
// linear or log scale. A pure function of what it is given.
import { lossScales } from './history.js';
import { LIGHT_CANVAS } from './colors.js';
import { num } from './notation.js';

export const LOSS_AREA = { left: 46, top: 8, right: 8, bottom: 20 };

export function lossArea(width, height) {
  return { left: LOSS_AREA.left, top: LOSS_AREA.top, width: width - LOSS_AREA.left - LOSS_AREA.right, height: height - LOSS_AREA.top - LOSS_AREA.bottom };
}

/** The loss axis: four grid lines with their losses (`s` from lossScales), in the muted colour. */
export function drawLossGrid(ctx, area, s, log, palette) {
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillStyle = palette.muted;
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let k = 0; k <= 3; k++) {
    const t = s.lo + ((s.hi - s.lo) * k) / 3;
    const y = area.top + area.height - (area.height * k) / 3;
    ctx.beginPath();
    ctx.moveTo(area.left, y);
    ctx.lineTo(area.left + area.width, y);
    ctx.stroke();
    ctx.fillText(num(log ? 10 ** t : t), area.left - 4, y);
  }
}

/**
 * @param scene { width, height, history: LossHistory, log: boolean, cursorEpoch: number|null,
 *                palette: { ink, muted, grid } (see colors.canvasPalette) }
 */
export function drawLossChart(ctx, { width, height, history, log, cursorEpoch = null, palette = LIGHT_CANVAS }) {
  ctx.clearRect(0, 0, width, height);
  const area = lossArea(width, height);
  const s = lossScales(history, { ...area, log });
  drawLossGrid(ctx, area, s, log, palette);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const first = history.epochs[0] ?? 0;
  const last = history.epochs[history.epochs.length - 1] ?? 0;
  // Points fall between epochs (a fraction of an epoch each): the axis names whole epochs.
  ctx.fillText(`epoch ${Math.floor(first)}`, area.left + 24, area.top + area.height + 4);
  ctx.fillText(`${Math.floor(last)}`, area.left + area.width - 10, area.top + area.height + 4);
  const line = (values, colour, dash) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.8;
    ctx.setLineDash(dash);
    ctx.beginPath();
    let pen = false;
    for (let k = 0; k < values.length; k++) {
      const y = s.y(values[k]);
      if (y === null) {
        pen = false;
        continue;
      }
      const x = s.x(history.epochs[k]);
      if (pen) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      pen = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
  };
  line(history.test, palette.test ?? LIGHT_CANVAS.test, [5, 3]);
  line(history.train, palette.ink, []);
  if (cursorEpoch !== null && history.length) {
    const x = s.x(cursorEpoch);
    ctx.strokeStyle = palette.muted;
    ctx.beginPath();
    ctx.moveTo(x, area.top);
    ctx.lineTo(x, area.top + area.height);
    ctx.stroke();
  }
  return s;
}
