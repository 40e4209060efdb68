// The message API's handlers: what an embedding page's commands do, through the session like any
// other entry point, and the events it hears. Long `step` commands run a frame's budget at a time.
import { isCoreFailure } from '../engine.js';
import { installMessageApi } from '../../embed/protocol.js';
import { due } from '../frame.js';

/** Step events at most this often. */
const STEP_EVENT_MS = 100;

export class Api {
  /** `telling` ends a told step before API steps; `recovery` handles failures; `budget()` is the
   *  frame's training budget; `link(weights)` is the page's whole address (settings and options). */
  constructor(session, { telling, recovery, budget, link }) {
    this.session = session;
    this.telling = telling;
    this.budget = budget;
    /** An API `step` command is training (the statistics are then spread over frames too). */
    this.stepping = false;
    /** The API's step commands, one after another. */
    this.steps = Promise.resolve();
    this.lastStepEvent = -Infinity;
    const handlers = {
      play: () => session.setPlaying(true),
      pause: () => session.setPlaying(false),
      step: ({ count }) => {
        session.setPlaying(false);
        telling.end(); // a step being told is taken now, not in the middle of these
        return this.stepAcrossFrames(count);
      },
      reset: () => session.reset(),
      getState: ({ weights }) => this.state(weights),
      // Validated like a link: a bad field is an error reply and nothing changes.
      setConfig: ({ config }) => ({ rebuilt: session.setConfig(config), config: session.config }),
      setSpeed: ({ speed }) => {
        session.setSpeed(speed);
        return session.speed;
      },
      trace: ({ index }) => session.trace(index),
      // The fragment that reopens this state (with `weights`, the trained parameters and step too):
      // what the custom element keeps to restore itself after a move reloads its iframe.
      link: ({ weights }) => link(weights).replace(/^#/, ''),
    };
    const guarded = Object.fromEntries(Object.entries(handlers).map(([name, run]) => [name, (args) => {
      if (session.crashed) throw new Error(`${name}: the playground is stopped after an internal error; reset it in the page first`);
      return run(args);
    }]));
    // A new subscriber to `resize` learns the height at once, not at the next change.
    guarded.subscribed = (events) => events.includes('resize') && setTimeout(() => this.emitResize());
    guarded.failed = (e) => isCoreFailure(e) && recovery.failed(e);
    this.emit = installMessageApi(guarded);
    session.on('config', ({ config }) => this.emit('configChanged', config));
    session.on('diverged', (s) => this.emit('diverged', { step: s.divergedAtStep }));
    session.on('stats', (s) => {
      const now = performance.now();
      if (!due(this.lastStepEvent, now, STEP_EVENT_MS)) return;
      this.lastStepEvent = now;
      this.emit('step', { step: s.step, epoch: s.epoch, trainLoss: s.trainLoss, testLoss: s.testLoss });
    });
    recovery.on('failed', (data) => this.emit('error', data));
    new ResizeObserver(() => this.emitResize()).observe(document.body);
  }

  /** With `weights`, also the layer sizes and each layer's weights (row-major [out][in]) and biases. */
  state(weights = false) {
    const session = this.session;
    const s = session.exactStats();
    const state = { step: s.step, epoch: s.epoch, trainLoss: s.trainLoss, testLoss: s.testLoss, diverged: s.diverged, speed: session.speed, config: session.config };
    if (!weights) return state;
    const layers = session.sizes.slice(1).map((_, l) => l);
    return {
      ...state,
      sizes: session.sizes.slice(),
      weights: layers.map((l) => Array.from(session.view('weights', l))),
      biases: layers.map((l) => Array.from(session.view('biases', l))),
    };
  }

  emitResize() {
    // From the document's top to the body's bottom: a first child's margin that collapses through
    // the body moves the body down, and its height alone would leave that much cut off.
    const style = getComputedStyle(document.body);
    const height = document.body.getBoundingClientRect().bottom + window.scrollY + parseFloat(style.marginBottom);
    this.emit('resize', { height: Math.ceil(height) });
  }

  /**
   * `count` steps, a frame's training budget at a time, so that even 100 000 steps of the largest
   * network never freeze the page. One API step at a time: a second waits for the first.
   */
  stepAcrossFrames(count) {
    const run = this.steps.then(() => this.#stepRun(count));
    this.steps = run.catch(() => {});
    return run;
  }

  async #stepRun(count) {
    this.stepping = true;
    try {
      return await this.#stepLoop(count);
    } finally {
      this.stepping = false;
    }
  }

  async #stepLoop(count) {
    const session = this.session;
    const network = session.network; // a rebuild (reset, setConfig, a link) ends the run
    let ran = 0;
    for (;;) {
      if (session.crashed) throw new Error('step: the playground stopped after an internal error');
      if (session.network !== network) return { ran, interrupted: true, ...this.state() };
      // Hidden, nobody watches frames: train in longer slices (timers there run about once a second).
      const chunk = session.trainFor(document.hidden ? 200 : this.budget(), count - ran);
      ran += chunk.ran;
      const finished = chunk.stopped || ran >= count;
      session.changed(finished); // the statistics (a pass over every point) once, at the end
      if (finished) return { ran, ...this.state() };
      // A task boundary lets the page draw; unlike requestAnimationFrame it also fires in a hidden
      // tab or an off-screen iframe, where a host may well be stepping.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
}
