// Lessons in the link and their tasks' progress (pure: www/js/lessons/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LESSONS, lessonById } from '../../www/js/lessons/catalog.js';
import { currentTask, lessonFragment, markDone, neighbours, splitLessonLink } from '../../www/js/lessons/progress.js';

test('six lessons, one per idea of the source text, and a worked example; each with a setup and 1–3 tasks', () => {
  assert.deepEqual(LESSONS.map((l) => l.id), ['chain-rule', 'output-gradient', 'hidden-gradient', 'dead-relu', 'learning-rate', 'vanishing-gradients', 'worked-example']);
  for (const lesson of LESSONS) {
    assert.ok(lesson.tasks.length >= 1 && lesson.tasks.length <= 3, lesson.id);
    assert.ok(lesson.narrative.length >= 2 && lesson.setup, lesson.id);
    for (const task of lesson.tasks) assert.ok(task.look.length && typeof task.done === 'function', `${lesson.id}: ${task.text}`);
  }
});

test('a lesson link is split from the settings; alone it opens the setup, with settings the link’s state', () => {
  const alone = splitLessonLink('#lesson=dead-relu&done=2&embed=1');
  assert.equal(alone.lesson.id, 'dead-relu');
  assert.deepEqual([...alone.done], [1]);
  assert.equal(alone.settings, false, 'embed=1 is a page option');
  assert.equal(alone.rest, '#embed=1');
  const withState = splitLessonLink('#v=1&learningRate=0.3&lesson=dead-relu');
  assert.equal(withState.settings, true);
  assert.equal(withState.rest, '#v=1&learningRate=0.3');
  assert.equal(splitLessonLink('#v=1&seed=3').lesson, null);
});

test('a bad lesson or progress is named, never trusted', () => {
  const bad = splitLessonLink('#lesson=%3Cscript%3E&done=1');
  assert.equal(bad.lesson, null);
  assert.match(bad.error, /lesson: "<script>" is not a lesson; the lessons are chain-rule, /);
  const long = splitLessonLink(`#lesson=${'x'.repeat(5000)}`);
  assert.ok(long.error.length < 300, 'a long value is cut short');
  const progress = splitLessonLink('#lesson=chain-rule&done=1,7,x,0');
  assert.deepEqual([...progress.done], [0]);
  assert.match(progress.error, /done: "7" is not a task of this lesson; use 1 to 3/);
  assert.match(splitLessonLink('#lesson=chain-rule&done=%E0%A4%A').error, /is not a task/);
});

test('the fragment round-trips, with tasks numbered from 1 in order', () => {
  const lesson = lessonById('chain-rule');
  assert.equal(lessonFragment(lesson, new Set([2, 0])), 'lesson=chain-rule&done=1,3');
  assert.equal(lessonFragment(lesson, new Set()), 'lesson=chain-rule');
  assert.equal(lessonFragment(null, new Set([1])), '');
  const back = splitLessonLink(`#${lessonFragment(lesson, new Set([2, 0]))}`);
  assert.deepEqual([...back.done].sort(), [0, 2]);
});

test('tasks are marked done from what the page shows, stay done, and a throwing context is "not yet"', () => {
  const lesson = lessonById('vanishing-gradients');
  const done = new Set();
  const memo = {};
  const base = { config: { residual: false }, sizes: [2, 8, 1], counts: {} };
  assert.deepEqual(markDone(lesson, { ...base, stats: { epoch: 1, weightGradRms: [1e-9, 1e-2] } }, done, memo), [], 'too early');
  assert.deepEqual(markDone(lesson, { ...base, stats: { epoch: 5, weightGradRms: [1e-9, 1e-2] } }, done, memo), [0]);
  assert.equal(currentTask(lesson, done), 1);
  // Residual on, but the first layer's gradient has not grown 100×: not yet.
  assert.deepEqual(markDone(lesson, { ...base, config: { residual: true }, stats: { epoch: 6, weightGradRms: [5e-9, 1e-2] } }, done, memo), []);
  assert.deepEqual(markDone(lesson, { ...base, config: { residual: true }, stats: { epoch: 7, weightGradRms: [1e-3, 1e-2] } }, done, memo), [1]);
  assert.equal(currentTask(lesson, done), -1);
  assert.deepEqual(markDone(lessonById('dead-relu'), { config: null }, new Set(), {}), []);
});

test('next and previous walk the lessons in order', () => {
  const first = neighbours(LESSONS[0]);
  assert.equal(first.previous, null);
  assert.equal(first.next.id, 'output-gradient');
  assert.equal(neighbours(LESSONS.at(-1)).next, null);
});
