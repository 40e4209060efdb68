// The pacing of training and of heatmap refreshes (frame.js): pure functions, with made-up numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adaptBudget, budgetBounds, epochsPerFrame, HEATMAP_STILL, nextChunk, relativeChange } from '../../www/js/frame.js';

test('Paced wants one epoch a frame, Fast as many as the budget holds', () => {
  assert.equal(epochsPerFrame('paced'), 1);
  assert.equal(epochsPerFrame('fast'), Infinity);
  // Fast: the chunk is what the remaining budget holds at the measured cost, not one epoch's worth.
  const wanted = epochsPerFrame('fast') * 25;
  assert.equal(nextChunk({ msPerStep: 0.01, remainingMs: 9, wanted }), 900);
  assert.equal(nextChunk({ msPerStep: 0.01, remainingMs: 9, wanted: epochsPerFrame('paced') * 25 }), 25);
});

test('Fast may take more of a frame, and backs off just the same when frames run late', () => {
  const fast = budgetBounds('fast');
  const paced = budgetBounds('paced');
  assert.ok(fast.max > paced.max && fast.max <= 10, 'at most 10 ms of a 16.7 ms frame');
  let budget = 8;
  for (let k = 0; k < 200; k++) budget = adaptBudget(budget, 16.7, fast);
  assert.equal(budget, fast.max, 'creeps up to its bound on time');
  // Probing for the limit makes few frames late: after a late frame, many on time.
  let late = 0;
  budget = 4;
  for (let k = 0; k < 1000; k++) {
    const interval = budget > 4 ? 33.4 : 16.7; // more than 4 ms of training misses a frame
    if (interval > 17.5) late++;
    budget = adaptBudget(budget, interval, fast);
  }
  assert.ok(late < 50, `${late} of 1000 frames late`);
  for (let k = 0; k < 40; k++) budget = adaptBudget(budget, 16.7, paced);
  assert.equal(budget, paced.max, 'back to Paced: its bound');
  const onTime = budget;
  budget = adaptBudget(10, 20, fast);
  assert.ok(budget < 10 && budget >= fast.min, 'a late frame cuts the budget');
  for (let k = 0; k < 100; k++) budget = adaptBudget(budget, 33.4, { ...fast, otherMs: 4 });
  assert.equal(budget, fast.min, 'training makes frames late: it backs off to the floor');
  const slow = { ...fast, otherMs: 25 };
  for (let k = 0; k < 100; k++) budget = adaptBudget(budget, 33.4, slow);
  assert.ok(Math.abs(budget - 33.4 * fast.share) < 1e-9, 'frames slow for other reasons: training keeps its share');
  for (let k = 0; k < 100; k++) budget = adaptBudget(budget, 200, slow);
  assert.equal(budget, fast.max, 'and never more than its bound');
  for (let k = 0; k < 100; k++) budget = adaptBudget(budget, 50, paced);
  assert.equal(budget, paced.min, 'Paced backs off to its floor');
  assert.ok(onTime > paced.min);
});

test('relative change of the parameters: small moves are still, big ones and NaN are not', () => {
  const a = Float32Array.from([1, -2, 3, 0.5]);
  assert.equal(relativeChange(a, a), 0);
  const nudged = a.map((v, i) => (i === 0 ? v + 1e-4 : v));
  assert.ok(relativeChange(a, nudged) < HEATMAP_STILL);
  const moved = a.map((v) => v * 1.05);
  const r = relativeChange(a, moved);
  assert.ok(Math.abs(r - 0.05) < 1e-6, `5 % bigger is 0.05 (${r})`);
  assert.ok(r > HEATMAP_STILL);
  assert.equal(relativeChange(null, a), Infinity, 'nothing shown yet');
  assert.equal(relativeChange(a, a.subarray(1)), Infinity, 'another network');
  assert.equal(relativeChange(a, a.map((v, i) => (i === 2 ? NaN : v))), Infinity);
  assert.equal(relativeChange(new Float32Array(2), Float32Array.from([3, 4])), 5, 'from zeros: the absolute change');
});
