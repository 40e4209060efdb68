import { test } from 'node:test';
import assert from 'node:assert/strict';
import { largestGradient, stepSummary } from '../../www/js/summary.js';

test('the largest gradient is found by magnitude, with its layer, row and column', () => {
  const grads = [Float32Array.from([0.1, -0.2, 0.05, 0]), Float32Array.from([0.3, -0.7])];
  assert.deepEqual({ ...largestGradient(grads, [2, 2]), value: undefined }, { layer: 1, i: 0, j: 1, value: undefined });
  assert.ok(Math.abs(largestGradient(grads, [2, 2]).value + 0.7) < 1e-6);
  assert.equal(largestGradient([], []), null);
});

test('the summary says the step, the loss and which way it moved, the largest gradient and the dead', () => {
  const largest = { layer: 0, i: 2, j: 1, value: -0.0312 };
  assert.equal(
    stepSummary({ step: 12, loss: 0.25, previousLoss: 0.3, largest, dead: 1, hidden: 6 }),
    'Step 12. Training loss 0.250, down 0.050. Largest gradient: weight 2 into neuron 3 of layer 1, ∂L/∂W = -0.0312. Dead neurons: 1 of 6.',
  );
  assert.match(stepSummary({ step: 3, loss: 0.4, previousLoss: 0.3, largest, dead: 0, hidden: 4 }), /0\.400, up 0\.100/);
  assert.match(stepSummary({ step: 1, loss: 0.4, previousLoss: null, largest: null, dead: 0, hidden: 4 }), /^Step 1\. Training loss 0\.400\. Dead/);
  assert.match(stepSummary({ step: 9, loss: Infinity, previousLoss: 1, largest, dead: 0, hidden: 4 }), /∞: training diverged/);
  assert.match(stepSummary({ step: 0, loss: null, largest: null, dead: 0, hidden: 4 }), /no training data/);
});
