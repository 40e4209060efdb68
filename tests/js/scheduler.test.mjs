// The frame loop's job table (page/scheduler.js), with a made-up clock: jobs run when requested,
// when their condition holds and their interval has passed; unfinished runs keep them requested
// and add to their cost; the training budget follows the frame interval.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../www/js/page/scheduler.js';

test('a requested job runs once, then waits for its interval and the next request', () => {
  const ran = [];
  const s = new Scheduler().add({ name: 'a', interval: () => 100, run: (now) => ran.push(now) });
  s.frame(0);
  assert.deepEqual(ran, [], 'not requested: not run');
  s.request('a');
  s.frame(10);
  s.frame(20);
  assert.deepEqual(ran, [10], 'once per request');
  s.request('a');
  s.frame(60);
  assert.deepEqual(ran, [10], 'within its interval it waits');
  s.frame(110);
  assert.deepEqual(ran, [10, 110]);
  assert.equal(s.requested('a'), false);
});

test('every-frame jobs run every frame, in table order; conditions hold a job back', () => {
  const order = [];
  let open = false;
  const s = new Scheduler()
    .add({ name: 'first', everyFrame: true, run: () => order.push('first') })
    .add({ name: 'gated', when: () => open, run: () => order.push('gated') })
    .add({ name: 'last', everyFrame: true, run: () => order.push('last') });
  s.request('gated');
  s.frame(0);
  open = true;
  s.frame(16);
  assert.deepEqual(order, ['first', 'last', 'first', 'gated', 'last']);
  assert.throws(() => s.request('nope'), /no job named nope/);
});

test('an unfinished run stays requested and its slices add up to one cost', () => {
  let slices = 0;
  const s = new Scheduler().add({ name: 'eval', interval: (cost) => cost * 1000, run: () => ++slices % 3 === 0 });
  s.request('eval');
  for (let t = 0; t < 3; t++) s.frame(t);
  assert.equal(slices, 3);
  assert.equal(s.requested('eval'), false, 'finished on the third slice');
  const job = s.job('eval');
  assert.ok(job.cost >= 0 && job.pending === 0);
  s.runNow('eval', 5);
  assert.equal(slices, 4, 'runNow ignores the interval');
});

test('the training budget backs off after a slow frame and creeps back', () => {
  const s = new Scheduler();
  s.frame(0);
  s.frame(16);
  const steady = s.trainBudget;
  s.frame(66); // a 50 ms frame
  assert.ok(s.trainBudget < steady);
  for (let t = 82; t < 2000; t += 16) s.frame(t);
  assert.equal(s.trainBudget, 8);
});

test('Fast lets the training budget grow past Paced\'s bound; back to Paced, it shrinks to it', () => {
  const s = new Scheduler();
  s.setSpeed('fast');
  for (let t = 0; t < 5000; t += 16) s.frame(t);
  assert.equal(s.trainBudget, 10);
  s.setSpeed('paced');
  s.frame(5008); // on time
  assert.equal(s.trainBudget, 8);
});
