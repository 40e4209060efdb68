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
    'Step 12. Training loss 0.250, down 0.050. Largest gradient: ∂L/∂W₁[2][1] = −0.0312. Dead neurons: 1 of 6.',
  );
  assert.match(stepSummary({ step: 3, loss: 0.4, previousLoss: 0.3, largest, dead: 0, hidden: 4 }), /0\.400, up 0\.100/);
  assert.match(stepSummary({ step: 1, loss: 0.4, previousLoss: null, largest: null, dead: 0, hidden: 4 }), /^Step 1\. Training loss 0\.400\. Dead/);
  assert.match(stepSummary({ step: 9, loss: Infinity, previousLoss: 1, largest, dead: 0, hidden: 4 }), /∞: training diverged/);
  assert.match(stepSummary({ step: 0, loss: null, largest: null, dead: 0, hidden: 4 }), /no training data/);
  assert.match(stepSummary({ step: 2, loss: 0.1, previousLoss: 0.1, largest: { layer: 0, i: 0, j: 0, value: 0 }, dead: 4, hidden: 4 }), /unchanged\. Every gradient is zero\./);
});

test('a heatmap is described by how much each colour covers and where it gathers', async () => {
  const { describeHeatmap } = await import('../../www/js/summary.js');
  const anchors = [['negative (orange)', [245, 147, 34]], ['near zero (grey)', [232, 234, 235]], ['positive (blue)', [8, 119, 189]]];
  const res = 20;
  const paint = (f) => {
    const px = new Uint8ClampedArray(res * res * 4);
    for (let row = 0; row < res; row++) for (let col = 0; col < res; col++) {
      const x = ((col + 0.5) / res) * 2 - 1;
      const y = 1 - ((row + 0.5) / res) * 2;
      px.set([...anchors[f(x, y)][1], 255], 4 * (row * res + col));
    }
    return px;
  };
  const circle = describeHeatmap(paint((x, y) => (Math.hypot(x, y) < 0.45 ? 2 : 0)), res, anchors);
  assert.match(circle, /^negative \(orange\) on \d+ %, mostly around the edges; positive \(blue\) on \d+ %, mostly in the centre\.$/);
  const halves = describeHeatmap(paint((x) => (x > 0 ? 2 : 0)), res, anchors);
  assert.match(halves, /negative \(orange\) on 50 %, mostly on the left; positive \(blue\) on 50 %, mostly on the right/);
  assert.equal(describeHeatmap(paint(() => 1), res, anchors), 'near zero (grey) on 100 %.');
});
