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

test('a label beside a node never covers a node, and is left out where there is no room', async () => {
  const { besideNode, labelSpot } = await import('../../www/js/layout.js');
  const covers = (layout, spot, w, h) => layout.columns.flat().some((n) => Math.abs(n.x - spot.x) < (layout.size + w) / 2 && Math.abs(n.y - spot.y) < (layout.size + h) / 2);
  // Desktop and phone canvases, from 2-3-3-1 to ten hidden layers and 16 × 32.
  for (const [width, height] of [[560, 400], [342, 340]]) {
    for (const sizes of [[2, 3, 3, 1], [2, ...Array(10).fill(8), 1], [9, ...Array(16).fill(32), 8]]) {
      const layout = networkLayout(sizes, width, height, { margin: 24 });
      let placed = 0;
      let dropped = 0;
      for (const column of layout.columns) {
        for (const node of column) {
          const spot = labelSpot(layout, 44, 12, besideNode(layout, node, 44, 12, ['below', 'right', 'above']), { width, height });
          if (!spot) {
            dropped++;
            continue;
          }
          placed++;
          assert.ok(!covers(layout, spot, 44, 12), `${sizes.length} columns at ${width}: a label covers a node`);
          assert.ok(spot.x - 22 >= 0 && spot.x + 22 <= width && spot.y - 6 >= 0 && spot.y + 6 <= height, 'inside the canvas');
        }
      }
      if (sizes.length === 4 && width > 500) assert.equal(dropped, 0, 'a small network on a desktop labels every node');
      if (sizes[1] === 32) assert.ok(dropped > 0, 'a dense column has no room for every label');
      assert.ok(placed + dropped === sizes.reduce((a, b) => a + b));
    }
  }
  // Taken spots are avoided; with every spot taken, none is left.
  const layout = networkLayout([2, 3, 1], 560, 400);
  const node = layout.columns[1][0];
  const spots = besideNode(layout, node, 40, 12, ['below', 'above']);
  const first = labelSpot(layout, 40, 12, spots, { width: 560, height: 400 });
  assert.deepEqual(first, spots[0]);
  assert.deepEqual(labelSpot(layout, 40, 12, spots, { width: 560, height: 400 }, [{ ...first, w: 40, h: 12 }]), spots[1]);
  assert.equal(labelSpot(layout, 40, 12, spots, { width: 560, height: 400 }, spots.map((s) => ({ ...s, w: 40, h: 12 }))), null);
});

test('on phones a deep network is drawn wider (its box scrolls) and every node is a 44 px tap target', async () => {
  const { diagramWidth } = await import('../../www/js/layout.js');
  const sizes = [2, ...Array(10).fill(8), 1];
  const room = { margin: 24, top: 40 };
  // Squeezed into a phone's 342 px, ten layers leave ~10 px nodes and columns ~26 px apart.
  const squeezed = networkLayout(sizes, 342, 340, room);
  assert.ok(squeezed.columns[1][0].x - squeezed.columns[0][0].x < 44);
  const width = diagramWidth(sizes, 342, 340, room);
  assert.ok(width > 342, `drawn ${width} px wide`);
  assert.equal(diagramWidth([2, 3, 3, 1], 342, 340, room), 342, 'a small network fits as it is');
  const layout = networkLayout(sizes, width, 340, room);
  for (let c = 1; c < layout.columns.length; c++) assert.ok(layout.columns[c][0].x - layout.columns[c - 1][0].x >= 44, 'columns 44 px apart');
  assert.ok(layout.size >= Math.min(22, (340 - 48 - 40) / (8 * 1.4)) - 1e-9, `nodes ${layout.size} px`);
  const n = layout.columns[3][2];
  const off = layout.size / 2 + 4; // outside the drawn node, inside 22 px of its centre
  assert.equal(nodeAt(layout, n.x + off, n.y), null, 'a mouse must hit the node itself');
  assert.deepEqual(nodeAt(layout, n.x + 21, n.y, 44), { layer: 3, index: 2 }, 'a finger 21 px beside it');
  assert.deepEqual(nodeAt(layout, n.x - 21, n.y, 44), { layer: 3, index: 2 });
  // Between two neighbours in a column the nearer one is hit.
  const below = layout.columns[3][3];
  assert.deepEqual(nodeAt(layout, n.x, n.y + (below.y - n.y) * 0.4, 44), { layer: 3, index: 2 });
  assert.deepEqual(nodeAt(layout, n.x, n.y + (below.y - n.y) * 0.6, 44), { layer: 3, index: 3 });
  assert.equal(nodeAt(layout, n.x, n.y - 200, 44), null);
});
