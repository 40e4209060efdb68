import { edgePoint } from './timeline.js';

// Where things go on the network canvas: a pure function of the layer sizes and the canvas size,
// so that it is tested in Node and the drawing stays readable from 1 to 16 × 32 neurons.

/**
 * Node positions for `sizes` = [inputs, hidden…, outputs] in a `width` × `height` box.
 * Returns { columns: [[{x, y}]], size } where `size` is a node's side in pixels: as large as
 * `maxSize`, scaled down so that the fullest column fits with a gap between nodes. `top` and `left`
 * are extra room kept free inside the margin (for controls drawn over the canvas, input labels).
 */
export function networkLayout(sizes, width, height, { maxSize = 40, minSize = 6, margin = 16, top = 0, left = 0 } = {}) {
  const tallest = Math.max(...sizes);
  const usableHeight = Math.max(1, height - 2 * margin - top);
  const usableWidth = Math.max(1, width - 2 * margin - left);
  // A node and its gap take 1.4 node sizes vertically; columns need room for edges between them.
  const byHeight = usableHeight / (tallest * 1.4);
  const byWidth = usableWidth / (sizes.length * 2.2);
  const size = Math.max(minSize, Math.min(maxSize, byHeight, byWidth));
  const columnGap = sizes.length > 1 ? (usableWidth - size) / (sizes.length - 1) : 0;
  const columns = sizes.map((count, layer) => {
    const x = margin + left + size / 2 + layer * columnGap + (sizes.length === 1 ? usableWidth / 2 - size / 2 : 0);
    const pitch = Math.min(size * 1.4, usableHeight / count);
    const first = top + (height - top) / 2 - (pitch * (count - 1)) / 2;
    return Array.from({ length: count }, (_, i) => ({ x, y: first + i * pitch }));
  });
  return { columns, size };
}

/**
 * How wide to draw the diagram on a touch screen: wide enough that its columns stand at least
 * `target` px apart and no node shrinks below target / 2 for want of width (its box then scrolls
 * sideways), and never narrower than `available`. Heights are as networkLayout takes them.
 */
export function diagramWidth(sizes, available, height, { target = 44, maxSize = 40, margin = 16, top = 0, left = 0 } = {}) {
  const byHeight = Math.max(1, height - 2 * margin - top) / (Math.max(...sizes) * 1.4);
  const size = Math.min(maxSize, target / 2, byHeight);
  return Math.max(available, Math.ceil(2 * margin + left + sizes.length * Math.max(target, size * 2.2)));
}

/**
 * The node under a point, or null: { layer, index }. `target` is the smallest tap target (44 on
 * phones): a node smaller than that is hit within target / 2 of its centre, the nearest one
 * winning where such areas meet (a column of 32 in a short canvas cannot give each 44 px).
 */
export function nodeAt(layout, x, y, target = 0) {
  const reach = Math.max(layout.size, target) / 2;
  let best = null;
  let bestDistance = Infinity;
  for (let layer = 0; layer < layout.columns.length; layer++) {
    const column = layout.columns[layer];
    for (let index = 0; index < column.length; index++) {
      const n = column[index];
      const d = Math.max(Math.abs(n.x - x), Math.abs(n.y - y));
      if (d <= reach && d < bestDistance) {
        best = { layer, index };
        bestDistance = d;
      }
    }
  }
  return best;
}

/**
 * Where a w × h label centred at one of `candidates` ({ x, y }, in order of preference) covers no
 * node and no label already `taken` ({ x, y, w, h }), and stays inside the `width` × `height`
 * canvas: the first such centre, or null when there is no room (then no label is drawn; labels
 * never cover a node's heatmap).
 */
export function labelSpot(layout, w, h, candidates, { width, height }, taken = []) {
  const half = layout.size / 2 + 1;
  const free = ({ x, y }) => {
    const left = x - w / 2;
    const top = y - h / 2;
    if (left < 0 || top < 0 || left + w > width || top + h > height) return false;
    if (taken.some((b) => Math.abs(b.x - x) < (b.w + w) / 2 && Math.abs(b.y - y) < (b.h + h) / 2)) return false;
    for (const column of layout.columns) {
      if (!column.length || column[0].x + half <= left || column[0].x - half >= left + w) continue;
      for (const n of column) if (n.y + half > top && n.y - half < top + h) return false;
    }
    return true;
  };
  return candidates.find(free) ?? null;
}

/** Centres for a w × h label beside a node: below, above, right and left of it, in `order`. */
export function besideNode(layout, node, w, h, order = ['below', 'above', 'right', 'left']) {
  const half = layout.size / 2;
  const at = {
    below: { x: node.x, y: node.y + half + h / 2 + 2 },
    above: { x: node.x, y: node.y - half - h / 2 - 2 },
    right: { x: node.x + half + w / 2 + 3, y: node.y },
    left: { x: node.x - half - w / 2 - 3, y: node.y },
    // A neuron's index: small, at its top left corner, outside it.
    corner: { x: node.x - half - w / 2 - 4, y: node.y - half + h / 2 },
  };
  return order.map((k) => at[k]);
}

/**
 * The edge (weight) under a point, or null: { layer, i, j } for W[i][j] of weight layer `layer`,
 * the nearest within `tolerance` pixels of the drawn curve.
 */
export function edgeAt(layout, x, y, tolerance = 6) {
  const { columns, size } = layout;
  let best = null;
  let bestDistance = tolerance;
  for (let l = 0; l + 1 < columns.length; l++) {
    const from = columns[l];
    const to = columns[l + 1];
    if (x < from[0].x + size / 2 - tolerance || x > to[0].x - size / 2 + tolerance) continue;
    for (let i = 0; i < to.length; i++) {
      for (let j = 0; j < from.length; j++) {
        for (let k = 0; k <= 24; k++) {
          const p = edgePoint(from[j], to[i], size / 2, k / 24);
          const d = Math.hypot(p.x - x, p.y - y);
          if (d < bestDistance) {
            bestDistance = d;
            best = { layer: l, i, j };
          }
        }
      }
    }
  }
  return best;
}

/** Edge width in pixels for a weight: grows with |w|, from a hairline to `max`. */
export function edgeWidth(w, max = 6) {
  return Math.min(max, 0.5 + Math.abs(w) * 2);
}
