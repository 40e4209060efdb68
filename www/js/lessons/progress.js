// A lesson in the link, and its tasks' progress. Pure: the lesson rail feeds it what the page shows.
//
// The link carries `lesson=<id>` and `done=<task numbers, 1-based, comma-separated>` beside the
// settings; the core never sees them (they are the page's, like its other options, but lessons
// live here and not in the core).
import { LESSONS, lessonById } from './catalog.js';

const LESSON_KEYS = ['lesson', 'done'];
const MAX_ECHO = 40;
const echo = (text) => JSON.stringify(text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text);

/**
 * Splits a fragment into what the core reads and the lesson's part.
 * @returns {{ rest: string, lesson: object|null, done: Set<number>, settings: boolean, error: string|null }}
 *   `rest` is the fragment without the lesson keys (with its '#'), `settings` whether anything but
 *   the lesson and page options is in it (then the link's own state is opened, not the lesson's
 *   setup), `error` names a lesson that does not exist or progress that cannot be read.
 */
export function splitLessonLink(hash) {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const parts = body ? body.split('&') : [];
  const kept = [];
  let id = null;
  let doneText = null;
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    if (key === 'lesson') id = value;
    else if (key === 'done') doneText = value;
    else kept.push(part);
  }
  const errors = [];
  let lesson = null;
  if (id !== null) {
    lesson = lessonById(id) ?? null;
    if (!lesson) errors.push(`lesson: ${echo(id)} is not a lesson; the lessons are ${LESSONS.map((l) => l.id).join(', ')}`);
  }
  const done = new Set();
  if (doneText !== null && lesson) {
    for (const piece of doneText.split(',').filter(Boolean)) {
      const n = Number(piece);
      if (Number.isInteger(n) && n >= 1 && n <= lesson.tasks.length) done.add(n - 1);
      else errors.push(`done: ${echo(piece)} is not a task of this lesson; use 1 to ${lesson.tasks.length}`);
    }
  }
  const settings = kept.some((p) => !PAGE_OPTION.test(p));
  return { rest: `#${kept.join('&')}`, lesson, done, settings, error: errors.length ? errors.join('; ') : null };
}

/** Keys that are the page's options, not settings: a link of only these opens a lesson's setup. */
const PAGE_OPTION = /^(embed|controls|theme|speed|hideText|autoplay|[A-Za-z]+_hide)(=|$)/;

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The lesson's part of a link: 'lesson=…&done=…' ('' without a lesson). */
export function lessonFragment(lesson, done) {
  if (!lesson) return '';
  const numbers = [...done].sort((a, b) => a - b).map((i) => i + 1);
  return `lesson=${lesson.id}${numbers.length ? `&done=${numbers.join(',')}` : ''}`;
}

/**
 * Marks the tasks that the page now shows done (a task once done stays done). `memo` is the
 * lesson's own memory between calls (for tasks like "the gradient grew 100×"). Returns the indices
 * newly done.
 */
export function markDone(lesson, context, done, memo) {
  const newly = [];
  lesson.tasks.forEach((task, index) => {
    if (done.has(index)) return;
    let ok = false;
    try {
      ok = Boolean(task.done(context, memo));
    } catch {
      ok = false; // a context without what a task reads (a network being rebuilt) is "not yet"
    }
    if (ok) {
      done.add(index);
      newly.push(index);
    }
  });
  return newly;
}

/** The first task not done (what to look at now), or -1 when the lesson is complete. */
export const currentTask = (lesson, done) => lesson.tasks.findIndex((_, i) => !done.has(i));

/** The lesson before and after this one (null at the ends). */
export function neighbours(lesson) {
  const i = LESSONS.indexOf(lesson);
  return { previous: LESSONS[i - 1] ?? null, next: LESSONS[i + 1] ?? null, index: i, count: LESSONS.length };
}
