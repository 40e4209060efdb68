// The network diagram's roving focus: which neuron or edge the arrow keys move to. Pure, so that
// it is tested in Node. A selection is a neuron { column, index } or a weight { layer, i, j }
// (W[i][j] of weight layer `layer`: from neuron j of column `layer` to neuron i of the next column).
//
//   on a neuron:  ↑ ↓ the neuron above or below · ← → the neuron of the same index (or the last)
//                 in the column before or after
//                 Shift+→ its first outgoing edge · Shift+← its first incoming edge
//   on an edge:   ↑ ↓ the next edge out of the same source · Shift+↑ ↓ the next edge into the same
//                 target · → the neuron it leads to · ← the neuron it comes from

import { names } from './notation.js';

const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

/** The selection after `key` (with `shift`), or undefined when the key is not a move. */
export function moveFocus(selection, key, shift, sizes) {
  const last = sizes.length - 1;
  const sel = selection ?? { column: 0, index: 0 };
  const arrows = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];
  if (!arrows.includes(key)) return undefined; // every other key keeps its own meaning (Tab!)
  if ('bias' in sel) return { column: sel.layer + 1, index: sel.i };
  if ('column' in sel) {
    const { column, index } = sel;
    if (shift && key === 'ArrowRight') return column < last ? { layer: column, i: 0, j: index } : sel;
    if (shift && key === 'ArrowLeft') return column > 0 ? { layer: column - 1, i: index, j: 0 } : sel;
    const moves = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    if (!(key in moves)) return undefined;
    const c = clamp(column + moves[key][0], 0, last);
    return { column: c, index: clamp(index + moves[key][1], 0, sizes[c] - 1) };
  }
  const { layer, i, j } = sel;
  const step = key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : 0;
  if (step && !shift) return { layer, i: clamp(i + step, 0, sizes[layer + 1] - 1), j };
  if (step && shift) return { layer, i, j: clamp(j + step, 0, sizes[layer] - 1) };
  if (key === 'ArrowRight') return { column: layer + 1, index: i };
  if (key === 'ArrowLeft') return { column: layer, index: j };
  return undefined;
}

/**
 * Words for a selection, for the canvas's accessible description. Neurons are numbered from 0,
 * as in the inspector and the notation (W₁[i][j]); layers from 1.
 */
export function describeFocus(sel, sizes) {
  if (!sel) return 'nothing selected';
  const last = sizes.length - 1;
  const neuron = (c, i) => (c === 0 ? `input ${i}` : c === last ? `output neuron ${i}` : `hidden neuron ${i} of layer ${c}`);
  if ('column' in sel) return `${neuron(sel.column, sel.index)}, one of ${sizes[sel.column]}`;
  if ('bias' in sel) return `the bias of ${neuron(sel.layer + 1, sel.i)}`;
  return `the weight ${names.W(sel.layer, sel.i, sel.j)} from ${neuron(sel.layer, sel.j)} to ${neuron(sel.layer + 1, sel.i)}`;
}
