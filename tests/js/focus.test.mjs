import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFocus, moveFocus } from '../../www/js/focus.js';

const sizes = [2, 4, 3, 1];

test('arrow keys move between neurons, staying inside the network', () => {
  assert.deepEqual(moveFocus(null, 'ArrowDown', false, sizes), { column: 0, index: 1 });
  assert.deepEqual(moveFocus({ column: 0, index: 1 }, 'ArrowDown', false, sizes), { column: 0, index: 1 });
  assert.deepEqual(moveFocus({ column: 1, index: 3 }, 'ArrowRight', false, sizes), { column: 2, index: 2 });
  assert.deepEqual(moveFocus({ column: 3, index: 0 }, 'ArrowRight', false, sizes), { column: 3, index: 0 });
  assert.deepEqual(moveFocus({ column: 0, index: 0 }, 'ArrowLeft', false, sizes), { column: 0, index: 0 });
  assert.equal(moveFocus({ column: 0, index: 0 }, 'x', false, sizes), undefined);
});

test('Shift and the arrows walk along edges, and ← → lead back to their neurons', () => {
  const out = moveFocus({ column: 1, index: 2 }, 'ArrowRight', true, sizes);
  assert.deepEqual(out, { layer: 1, i: 0, j: 2 }, 'the first edge out of neuron 3 of hidden layer 1');
  assert.deepEqual(moveFocus(out, 'ArrowDown', false, sizes), { layer: 1, i: 1, j: 2 }, 'the next edge out of the same neuron');
  assert.deepEqual(moveFocus({ layer: 1, i: 2, j: 2 }, 'ArrowDown', false, sizes), { layer: 1, i: 2, j: 2 }, 'no edge past the last');
  assert.deepEqual(moveFocus(out, 'ArrowDown', true, sizes), { layer: 1, i: 0, j: 3 }, 'the next edge into the same neuron');
  assert.deepEqual(moveFocus(out, 'ArrowRight', false, sizes), { column: 2, index: 0 });
  assert.deepEqual(moveFocus(out, 'ArrowLeft', false, sizes), { column: 1, index: 2 });
  assert.deepEqual(moveFocus({ column: 1, index: 2 }, 'ArrowLeft', true, sizes), { layer: 0, i: 2, j: 0 });
  assert.deepEqual(moveFocus({ column: 0, index: 1 }, 'ArrowLeft', true, sizes), { column: 0, index: 1 }, 'inputs have no incoming edge');
  assert.deepEqual(moveFocus({ layer: 2, i: 0, bias: true }, 'ArrowUp', false, sizes), { column: 3, index: 0 });
});

test('a selection is described in words, numbered as the inspector numbers it', () => {
  assert.equal(describeFocus({ column: 0, index: 1 }, sizes), 'input 1, one of 2');
  assert.equal(describeFocus({ column: 1, index: 0 }, sizes), 'hidden neuron 0 of layer 1, one of 4');
  assert.equal(describeFocus({ layer: 1, i: 0, j: 2 }, sizes), 'the weight W₂[0][2] from hidden neuron 2 of layer 1 to hidden neuron 0 of layer 2');
  assert.equal(describeFocus({ layer: 2, i: 0, bias: true }, sizes), 'the bias of output neuron 0');
});

test('keys other than the arrows are not moves, whatever is selected', () => {
  for (const sel of [null, { column: 1, index: 0 }, { layer: 0, i: 0, j: 0 }, { layer: 0, i: 1, bias: true }]) {
    for (const key of ['Tab', 'Shift', '?', 'r', ' ']) assert.equal(moveFocus(sel, key, false, sizes), undefined, `${key} on ${JSON.stringify(sel)}`);
  }
});
