// The lesson rail: a guided lesson beside the network (its narrative, its "try this" tasks marked
// ✓ as the page sees them done, what to look at highlighted on screen), the lesson index, and
// next / previous. The lesson and its progress live in the link (lessons/progress.js).
import { el } from '../../dom.js';
import { LESSONS } from '../../lessons/catalog.js';
import { currentTask, lessonFragment, markDone, neighbours, splitLessonLink } from '../../lessons/progress.js';
import { optionsFragment } from '../link-sync.js';

const $ = (id) => document.getElementById(id);
const LOOK = 'lesson-look';
/** Paragraphs of a lesson's narrative shown before its tasks. */
const LEAD = 2;

export class LessonRail {
  constructor(session, { telling, linkSync, context }) {
    this.session = session;
    this.linkSync = linkSync;
    /** () => what the tasks read besides the counts (see lessons/progress.js). */
    this.context = context;
    this.lesson = null;
    this.done = new Set();
    this.memo = {};
    this.counts = { step: 0, restore: 0, compare: 0, load: 0 };
    this.hiddenRail = false;
    this.showingIndex = false;
    /** Each lesson's done tasks in this visit (the link holds the current lesson's). */
    this.progress = new Map();
    linkSync.addPart({ strip: (hash) => this.#strip(hash), fragment: () => lessonFragment(this.lesson, this.done) });

    // What tasks read changes with these (not 'params': that is every frame while training, and
    // the statistics that follow it are throttled).
    const check = () => this.check();
    for (const event of ['config', 'stats', 'selected', 'rebuilt', 'path']) session.on(event, check);
    telling.on('explain', check);
    session.on('stepped', () => this.count('step')); // when its update is applied, not when its story starts
    session.on('restored', () => this.count('restore'));
    $('compare').addEventListener('click', () => this.count('compare'));
    // The worked-example editor rebuilds its buttons: one listener on the document sees them all.
    document.addEventListener('click', (e) => e.target.closest?.('#worked-load') && requestAnimationFrame(() => this.count('load')));
    $('table-toggle').addEventListener('click', () => requestAnimationFrame(check));
    $('lessons-open').addEventListener('click', () => this.toggleRail());
  }

  count(what) {
    this.counts[what] += 1;
    this.check();
  }

  /** Takes the lesson out of an opened link; a link with nothing but the lesson opens its setup. */
  #strip(hash) {
    const { rest, lesson, done, settings, error } = splitLessonLink(hash);
    const problems = error ? [error] : [];
    this.#start(lesson, done);
    if (!lesson || settings) return { hash: rest, problems };
    const options = rest.length > 1 ? rest.slice(1) : '';
    return { hash: `#${lesson.setup}${options ? `&${options}` : ''}`, problems };
  }

  #start(lesson, done = new Set()) {
    // Progress of the lessons met in this visit: back from the next lesson, its ticks are still there.
    if (lesson && !done.size) done = new Set(this.progress.get(lesson.id) ?? []);
    if (lesson) this.progress.set(lesson.id, done);
    this.lesson = lesson;
    this.done = done;
    this.memo = {};
    this.counts = { step: 0, restore: 0, compare: 0, load: 0 };
    this.showingIndex = false;
    this.hiddenRail = false;
    this.linkSync.showForLesson(lesson ? lesson.tasks.flatMap((t) => t.look) : []);
    requestAnimationFrame(() => this.check()); // after the setup's network is built
    this.render();
  }

  /** Opens a lesson fresh from its setup (the page's own options, like embed mode, are kept). */
  open(id) {
    const options = optionsFragment(this.linkSync.options);
    this.linkSync.open(`#lesson=${id}${options ? `&${options}` : ''}`);
    this.linkSync.schedule();
    $('lesson').focus({ preventScroll: true });
  }

  leave() {
    this.#start(null);
    this.linkSync.schedule();
  }

  /** The Lessons button: the index when no lesson is open, else the rail shown or hidden. */
  toggleRail() {
    if (!this.lesson) this.showingIndex = !this.showingIndex;
    else this.hiddenRail = !this.hiddenRail;
    this.render();
  }

  /** Re-reads what the page shows; marks tasks done, moves the highlight. */
  check() {
    if (!this.lesson || !this.session.config) return;
    const context = { ...this.context(), counts: this.counts };
    const newly = markDone(this.lesson, context, this.done, this.memo);
    if (newly.length) {
      this.linkSync.schedule();
      this.render();
    }
    this.#highlight();
  }

  #highlight() {
    for (const node of document.querySelectorAll(`.${LOOK}`)) node.classList.remove(LOOK);
    if (!this.lesson || this.hiddenRail) return;
    const task = this.lesson.tasks[currentTask(this.lesson, this.done)];
    for (const name of task?.look ?? []) {
      // A control by its data-control name (with its label), else an element by its id.
      const controls = [...document.querySelectorAll(`[data-control="${name}"]`)];
      const nodes = controls.length ? controls : [document.getElementById(name)].filter(Boolean);
      // Only what is on screen: a control kept in a closed drawer or hidden by an embed is skipped.
      for (const node of nodes) if (node.getClientRects().length) node.classList.add(LOOK);
    }
  }

  render() {
    const rail = $('lesson');
    const open = Boolean(this.lesson) || this.showingIndex;
    rail.hidden = !open;
    document.body.classList.toggle('lesson-open', open && !this.hiddenRail);
    $('lessons-open').setAttribute('aria-pressed', String(open && !this.hiddenRail));
    if (!open) return this.#highlight();
    if (this.hiddenRail) {
      rail.replaceChildren(el('button', { type: 'button', class: 'link lesson-show', text: `Show the lesson: ${this.lesson.title}`, onclick: () => this.toggleRail() }));
      rail.classList.add('collapsed');
      return this.#highlight();
    }
    rail.classList.remove('collapsed');
    rail.replaceChildren(...(this.lesson ? this.#lessonNodes() : this.#indexNodes()));
    this.#highlight();
  }

  #indexNodes() {
    return [
      this.#head('Lessons', 'Close the lessons', () => this.toggleRail()),
      el('p', { class: 'lesson-intro', text: 'Six short lessons, one for each idea of backpropagation, and a worked example by hand. Each sets up its own network and gives you things to try.' }),
      el('ol', { class: 'lesson-index' }, LESSONS.map((lesson) => el('li', {}, [
        el('button', { type: 'button', class: 'lesson-link', 'data-lesson': lesson.id, text: `${lesson.title}${this.progress.get(lesson.id)?.size === lesson.tasks.length ? ' ✓' : ''}`, onclick: () => this.open(lesson.id) }),
      ]))),
    ];
  }

  #head(title, closeLabel, close, count = '') {
    return el('div', { class: 'lesson-head' }, [
      el('div', {}, [count ? el('p', { class: 'lesson-count', text: count }) : '', el('h2', { id: 'lesson-title', text: title })]),
      el('button', { type: 'button', class: 'icon', 'aria-label': closeLabel, title: closeLabel, text: '×', onclick: close }),
    ]);
  }

  #lessonNodes() {
    const lesson = this.lesson;
    const { previous, next, index, count } = neighbours(lesson);
    const current = currentTask(lesson, this.done);
    const tasks = lesson.tasks.map((task, i) => {
      const done = this.done.has(i);
      return el('li', { class: `task${done ? ' done' : ''}${i === current ? ' current' : ''}`, 'data-task': String(i + 1) }, [
        el('span', { class: 'tick', 'aria-hidden': 'true', text: done ? '✓' : String(i + 1) }),
        el('span', { class: 'task-text', text: task.text }),
        el('span', { class: 'visually-hidden', text: done ? ' (done)' : ' (to do)' }),
      ]);
    });
    const complete = current === -1;
    const go = (text, target, id, primary = false) => {
      const button = el('button', { type: 'button', id, class: `button${primary ? ' primary' : ''}`, text, onclick: () => this.open(target.id) });
      button.disabled = !target;
      if (target) button.title = target.title;
      return button;
    };
    return [
      this.#head(lesson.title, 'Leave the lesson', () => this.leave(), `Lesson ${index + 1} of ${count}`),
      // The lead (the idea and its equations), then the tasks while they are still on screen, then the rest.
      el('div', { class: 'lesson-text' }, lesson.narrative.slice(0, LEAD).map((text) => el('p', { text }))),
      el('h3', { class: 'lesson-try', text: `Try this (${this.done.size} of ${lesson.tasks.length} done)` }),
      el('ol', { class: 'lesson-tasks', 'aria-live': 'polite' }, tasks),
      complete ? el('p', { class: 'lesson-complete', role: 'status', text: next ? `✓ Lesson complete. Next: ${next.title}.` : '✓ Lesson complete: that was the last one.' }) : '',
      el('div', { class: 'lesson-nav' }, [
        go('← Previous', previous, 'lesson-previous'),
        el('button', { type: 'button', class: 'button', id: 'lesson-restart', text: 'Start over', title: 'This lesson’s setup again, fresh, its tasks not done', onclick: () => (this.progress.delete(lesson.id), this.open(lesson.id)) }),
        go('Next →', next, 'lesson-next', complete),
      ]),
      lesson.narrative.length > LEAD
        ? el('details', { class: 'lesson-more' }, [
            el('summary', { text: 'More on this idea' }),
            el('div', { class: 'lesson-text' }, lesson.narrative.slice(LEAD).map((text) => el('p', { text }))),
          ])
        : '',
      el('button', { type: 'button', class: 'link', text: 'Hide the lesson', onclick: () => this.toggleRail() }),
    ];
  }
}
