// Where things go on the network canvas: a pure function of the layer sizes and the canvas size,
// so that it is tested in Node and the drawing stays readable from 1 to 16 × 32 neurons.

/**
 * Node positions for `sizes` = [inputs, hidden…, outputs] in a `width` × `height` box.
 * Returns { columns: [[{x, y}]], size } where `size` is a node's side in pixels: as large as
 * `maxSize`, scaled down so that the fullest column fits with a gap between nodes.
 */
export function networkLayout(sizes, width, height, { maxSize = 40, minSize = 6, margin = 16 } = {}) {
  const tallest = Math.max(...sizes);
  const usableHeight = Math.max(1, height - 2 * margin);
  const usableWidth = Math.max(1, width - 2 * margin);
  // A node and its gap take 1.4 node sizes vertically; columns need room for edges between them.
  const byHeight = usableHeight / (tallest * 1.4);
  const byWidth = usableWidth / (sizes.length * 2.2);
  const size = Math.max(minSize, Math.min(maxSize, byHeight, byWidth));
  const columnGap = sizes.length > 1 ? (usableWidth - size) / (sizes.length - 1) : 0;
  const columns = sizes.map((count, layer) => {
    const x = margin + size / 2 + layer * columnGap + (sizes.length === 1 ? usableWidth / 2 - size / 2 : 0);
    const pitch = Math.min(size * 1.4, usableHeight / count);
    const top = height / 2 - (pitch * (count - 1)) / 2;
    return Array.from({ length: count }, (_, i) => ({ x, y: top + i * pitch }));
  });
  return { columns, size };
}

/** The node under a point, or null: { layer, index }. */
export function nodeAt(layout, x, y) {
  const half = layout.size / 2;
  for (let layer = 0; layer < layout.columns.length; layer++) {
    const column = layout.columns[layer];
    for (let index = 0; index < column.length; index++) {
      const n = column[index];
      if (Math.abs(n.x - x) <= half && Math.abs(n.y - y) <= half) return { layer, index };
    }
  }
  return null;
}

/** Edge width in pixels for a weight: grows with |w|, from a hairline to `max`. */
export function edgeWidth(w, max = 6) {
  return Math.min(max, 0.5 + Math.abs(w) * 2);
}
