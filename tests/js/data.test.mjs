import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LossHistory, lossScales } from '../../www/js/history.js';
import { fromPlot, nearestPoint, unzip, withoutPoint, withPoint } from '../../www/js/data-tools.js';
import { toPlot } from '../../www/js/draw-plot.js';

test('the loss history stays bounded however long training runs, keeping the whole run', () => {
  const h = new LossHistory(100);
  for (let epoch = 0; epoch < 100_000; epoch++) h.push(epoch, 1 / (epoch + 1), 2 / (epoch + 1));
  assert.ok(h.length <= 100, `${h.length} entries`);
  assert.equal(h.epochs[0], 0, 'the start is kept');
  assert.equal(h.epochs.at(-1), 99_999, 'the latest is kept');
  for (let k = 1; k < h.length; k++) assert.ok(h.epochs[k] > h.epochs[k - 1], 'in order');
  // Recent epochs are denser than old ones.
  assert.ok(h.epochs.at(-1) - h.epochs.at(-2) < h.epochs[1] - h.epochs[0]);
  assert.deepEqual(h.nearest(99_998.6), { epoch: 99_999, train: 1 / 100_000, test: 2 / 100_000 });
  h.push(99_999, 5, 6);
  assert.equal(h.train.at(-1), 5, 'a repeated epoch replaces the last entry');
});

test('loss scales map epochs and losses, linear and log', () => {
  const h = new LossHistory();
  h.push(0, 1, 1);
  h.push(10, 0.01, null);
  const lin = lossScales(h, { left: 0, top: 0, width: 100, height: 100, log: false });
  assert.equal(lin.x(0), 0);
  assert.equal(lin.x(10), 100);
  assert.equal(lin.y(1), 0);
  assert.equal(lin.y(null), null, 'a missing test loss leaves a gap');
  const log = lossScales(h, { left: 0, top: 0, width: 100, height: 100, log: true });
  assert.equal(log.y(0.1), 50, 'one decade of two is halfway');
});

test('plot coordinates invert, and points are added, found and removed', () => {
  for (const [x, y] of [[0, 0], [-6, 6], [3.5, -2.25]]) {
    const [px, py] = toPlot(x, y, 360);
    const [bx, by] = fromPlot(px, py, 360);
    assert.ok(Math.abs(bx - x) < 1e-9 && Math.abs(by - y) < 1e-9);
  }
  assert.deepEqual(fromPlot(-50, 999, 360), [-6, -6], 'clamped to the plane');
  let t = new Float32Array([1, 1, 1, -2, 3, -1]);
  t = withPoint(t, 4, -4, 1);
  assert.equal(t.length, 9);
  assert.equal(nearestPoint(t, -1.9, 3.1, 0.5), 1);
  assert.equal(nearestPoint(t, 0, 0, 0.5), -1);
  t = withoutPoint(t, 1);
  assert.deepEqual(Array.from(t), [1, 1, 1, 4, -4, 1]);
  const { points, labels } = unzip(t);
  assert.deepEqual(Array.from(points), [1, 1, 4, -4]);
  assert.deepEqual(Array.from(labels), [1, 1]);
});

test('the loss history walks entry by entry for the keyboard readout', () => {
  const h = new LossHistory(100);
  for (let e = 1; e <= 5; e++) h.push(e, 1 / e, 2 / e);
  assert.equal(h.beside(3, 1).epoch, 4);
  assert.equal(h.beside(3, -1).epoch, 2);
  assert.equal(h.beside(5, 1).epoch, 5, 'stays at the end');
  assert.equal(h.beside(2.2, -10).epoch, 1);
  assert.equal(new LossHistory().beside(1, 1), null);
});
