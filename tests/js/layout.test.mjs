import { test } from 'node:test';
import assert from 'node:assert/strict';
import { edgeWidth, networkLayout, nodeAt } from '../../www/js/layout.js';
import { due, formatLoss, learningRateIndex, nextChunk, updateCost } from '../../www/js/frame.js';
import { diverging, labelColour, NEGATIVE, POSITIVE, ZERO } from '../../www/js/colors.js';

function assertReadable(sizes, width, height) {
  const { columns, size } = networkLayout(sizes, width, height);
  assert.equal(columns.length, sizes.length);
  columns.forEach((col, l) => assert.equal(col.length, sizes[l]));
  for (const col of columns) {
    for (const n of col) {
      assert.ok(n.x - size / 2 >= 0 && n.x + size / 2 <= width, `x inside: ${n.x}`);
      assert.ok(n.y - size / 2 >= 0 && n.y + size / 2 <= height, `y inside: ${n.y}`);
    }
    for (let i = 1; i < col.length; i++) assert.ok(col[i].y - col[i - 1].y >= size, 'nodes do not overlap');
  }
  for (let l = 1; l < columns.length; l++) assert.ok(columns[l][0].x - columns[l - 1][0].x > size, 'columns apart');
  return size;
}

test('the layout fits every network from the smallest to 16 × 32 without overlap', () => {
  assert.equal(assertReadable([2, 1], 600, 400), 40);
  assertReadable([2, 4, 2, 1], 600, 400);
  const big = assertReadable([9, ...Array(16).fill(32), 8], 900, 420);
  assert.ok(big < 40, 'scaled down, not overflowing');
  assertReadable([9, ...Array(16).fill(32), 8], 340, 280);
});

test('nodeAt finds the node under a point', () => {
  const layout = networkLayout([2, 3, 1], 600, 400);
  const n = layout.columns[1][2];
  assert.deepEqual(nodeAt(layout, n.x + 1, n.y - 1), { layer: 1, index: 2 });
  assert.equal(nodeAt(layout, 1, 1), null);
});

test('edge width grows with |w| and is capped', () => {
  assert.ok(edgeWidth(0) > 0);
  assert.ok(edgeWidth(-1) > edgeWidth(0.1));
  assert.equal(edgeWidth(1e6), 6);
});

test('the frame budget decides how many steps run', () => {
  assert.equal(nextChunk({ msPerStep: 0, remainingMs: 8, wanted: 25 }), 1, 'first measure one');
  assert.equal(nextChunk({ msPerStep: 0.1, remainingMs: 8, wanted: 25 }), 25);
  assert.equal(nextChunk({ msPerStep: 1, remainingMs: 8, wanted: 25 }), 8);
  assert.equal(nextChunk({ msPerStep: 100, remainingMs: 8, wanted: 25 }), 1, 'always progress');
  assert.equal(nextChunk({ msPerStep: 1, remainingMs: -1, wanted: 25 }), 0);
  assert.equal(updateCost(0, 10, 5), 2);
  assert.equal(updateCost(2, 20, 5), 2 * 0.8 + 4 * 0.2);
  assert.ok(due(0, 50, 50) && !due(0, 49, 50));
});

test('learning rates map to the log slider and losses format for reading', () => {
  const rates = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
  assert.equal(rates[learningRateIndex(rates, 0.1)], 0.1);
  assert.equal(rates[learningRateIndex(rates, 0.04)], 0.03);
  assert.equal(rates[learningRateIndex(rates, 50)], 10);
  assert.equal(formatLoss(0.12345), '0.123');
  assert.equal(formatLoss(0.0001234), '1.23e-4');
  assert.equal(formatLoss(Infinity), '∞');
  assert.equal(formatLoss(1.3e38), '1.30e+38');
  assert.equal(formatLoss(NaN), 'NaN');
  assert.equal(formatLoss(null), '–');
});

test('the palette matches the core: grey at zero, blue positive, orange negative', () => {
  assert.deepEqual(diverging(0), ZERO);
  assert.deepEqual(diverging(3), POSITIVE);
  assert.deepEqual(diverging(-1), NEGATIVE);
  assert.deepEqual(labelColour('classification', -1), NEGATIVE);
  assert.notDeepEqual(labelColour('multiclass', 0), labelColour('multiclass', 1));
});

test('big networks get coarser heatmaps, throttled jobs and an adaptive training budget', async () => {
  const { heatmapResolutions, throttleInterval, adaptBudget } = await import('../../www/js/frame.js');
  assert.deepEqual(heatmapResolutions([2, 4, 2, 1]), { plot: 64, thumb: 24 });
  const big = heatmapResolutions([9, ...Array(16).fill(32), 1]);
  assert.equal(big.plot, 16, 'never below 16²');
  assert.ok(big.thumb <= big.plot);
  assert.equal(throttleInterval(10, 0.1), 100);
  assert.equal(throttleInterval(1, 0.1, 50), 50);
  assert.equal(adaptBudget(8, 33), 6, 'a missed frame backs off');
  assert.equal(adaptBudget(6, 16.7), 6.25, 'an on-time frame creeps back up');
  assert.equal(adaptBudget(1, 100), 1, 'never below the minimum');
  assert.equal(adaptBudget(8, 10), 8, 'never above the maximum');
});

test('a big layer animates its strongest signals only', async () => {
  const { strongestEdges } = await import('../../www/js/timeline.js');
  const snap = {
    inputs: Float32Array.from([1, 2]),
    layers: [{ weights: Float32Array.from([0.1, -3, 2, 0.5, 0, 1]), deltas: Float32Array.from([1, 1, 10]), activations: Float32Array.from([0, 0, 0]) }],
  };
  assert.deepEqual(strongestEdges(snap, 'forward', 2)[0], [1, 2], '|W·a|: −3·2 and 2·1');
  assert.deepEqual(strongestEdges(snap, 'backward', 2)[0], [5, 1], '|W·δ|: 1·10 and −3·1');
  assert.equal(strongestEdges(snap, 'backward', 10)[0].length, 6, 'small layers show every edge');
});
