// Draws the network: edges coloured by the sign of their weight and sized by its magnitude, nodes
// showing their heatmap thumbnails. A pure function of what it is given: no hidden state.
import { css, diverging } from './colors.js';
import { edgeWidth } from './layout.js';

/**
 * @param ctx      2-D context, already scaled so that units are CSS pixels
 * @param scene    { width, height, layout, weights: Float32Array[] ([out][in] per layer),
 *                   thumbnails: (CanvasImageSource|null)[][] per column, dead: boolean[][] per hidden
 *                   layer, inputLabels: string[], selected: {layer, index}|null }
 */
export function drawNetwork(ctx, scene) {
  const { width, height, layout, weights, thumbnails, dead = [], inputLabels = [] } = scene;
  const { columns, size } = layout;
  const half = size / 2;
  ctx.clearRect(0, 0, width, height);

  // Edges first, so that nodes sit on top of them.
  ctx.lineCap = 'round';
  for (let l = 0; l + 1 < columns.length; l++) {
    const from = columns[l];
    const to = columns[l + 1];
    const w = weights[l];
    for (let i = 0; i < to.length; i++) {
      for (let j = 0; j < from.length; j++) {
        const value = w[i * from.length + j];
        const a = from[j];
        const b = to[i];
        const mid = (a.x + b.x) / 2;
        ctx.strokeStyle = css(diverging(value * 2), 0.85);
        ctx.lineWidth = edgeWidth(value);
        ctx.beginPath();
        ctx.moveTo(a.x + half, a.y);
        ctx.bezierCurveTo(mid, a.y, mid, b.y, b.x - half, b.y);
        ctx.stroke();
      }
    }
  }

  // Nodes: the heatmap of each neuron's output over the input plane.
  for (let l = 0; l < columns.length; l++) {
    for (let i = 0; i < columns[l].length; i++) {
      const { x, y } = columns[l][i];
      const left = x - half;
      const top = y - half;
      const image = thumbnails?.[l]?.[i];
      if (image) {
        ctx.imageSmoothingEnabled = true;
        ctx.drawImage(image, left, top, size, size);
      } else {
        ctx.fillStyle = css([232, 234, 235]);
        ctx.fillRect(left, top, size, size);
      }
      const isDead = l > 0 && dead[l - 1]?.[i];
      if (isDead) {
        // Dead ReLU: greyed out and crossed, unmistakably not learning.
        ctx.fillStyle = 'rgba(120, 120, 120, 0.65)';
        ctx.fillRect(left, top, size, size);
        ctx.strokeStyle = '#333';
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(left + 3, top + 3);
        ctx.lineTo(left + size - 3, top + size - 3);
        ctx.moveTo(left + size - 3, top + 3);
        ctx.lineTo(left + 3, top + size - 3);
        ctx.stroke();
      }
      const selected = scene.selected && scene.selected.layer === l && scene.selected.index === i;
      ctx.strokeStyle = selected ? '#111' : '#555';
      ctx.lineWidth = selected ? 3 : 1;
      ctx.setLineDash(isDead ? [3, 2] : []);
      ctx.strokeRect(left, top, size, size);
      ctx.setLineDash([]);
    }
  }

  // Input feature names to the left of the first column.
  if (inputLabels.length && columns.length) {
    ctx.fillStyle = '#333';
    ctx.font = `${Math.max(10, Math.min(14, size * 0.45))}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    columns[0].forEach(({ x, y }, i) => ctx.fillText(inputLabels[i] ?? '', x - half - 4, y));
  }
}
