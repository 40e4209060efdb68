// The one frame loop's table of jobs. Each job runs when it was requested (or on every frame),
// when its condition holds, and when its interval has passed since it last finished; intervals may
// follow the job's measured cost (a job that takes long runs less often). The training budget
// adapts to the measured frame interval. No DOM: tested in Node with made-up clocks.
import { adaptBudget, budgetBounds, updateCost } from '../frame.js';

/**
 * A job: { name, run(now) → false while unfinished, everyFrame?, when?(now) → bool,
 * interval?(costMs) → ms }. `run` returning false keeps the job requested and adds its time to
 * the cost of the run in progress (an evaluation spread over frames costs all its slices).
 */
export class Scheduler {
  constructor() {
    this.jobs = [];
    this.byName = new Map();
    /** Moving averages of what each job costs per frame it runs (ms), for measuring. */
    this.timings = {};
    /** Milliseconds of training per frame, adapted to the measured frame interval. */
    this.trainBudget = 8;
    /** The budget's bounds, by the training speed (frame.js, budgetBounds). */
    this.bounds = budgetBounds('paced');
    this.lastFrame = 0;
    this.otherMs = 0;
  }

  /** Paced or Fast: how much of a frame training may take. */
  setSpeed(speed) {
    this.bounds = budgetBounds(speed);
  }

  add(job) {
    const entry = { everyFrame: false, when: () => true, interval: () => 0, ...job, requested: false, last: -Infinity, cost: 0, pending: 0 };
    this.jobs.push(entry);
    this.byName.set(entry.name, entry);
    return this;
  }

  job(name) {
    const job = this.byName.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    return job;
  }

  /** The job should run when it next may. */
  request(name) {
    this.job(name).requested = true;
  }

  requested(name) {
    return this.job(name).requested;
  }

  /** Runs a job at once, and whole (a step taken by hand shows its numbers without waiting):
   *  its `run(now, true)` is told so. */
  runNow(name, now = performance.now()) {
    this.#run(this.job(name), now, true);
  }

  /** One animation frame: the training budget, then every job that is due, in table order. */
  frame(now) {
    this.trainBudget = adaptBudget(this.trainBudget, now - this.lastFrame, { ...this.bounds, otherMs: this.otherMs });
    this.lastFrame = now;
    const t0 = performance.now();
    let training = 0;
    for (const job of this.jobs) {
      if (job.everyFrame || (job.requested && job.when(now) && now - job.last >= job.interval(job.cost))) {
        const ms = this.#run(job, now, false);
        if (job.name === 'train') training = ms;
      }
    }
    /** What the last frame's jobs took besides training (ms): whether training is what makes frames late. */
    this.otherMs = performance.now() - t0 - training;
  }

  #run(job, now, forced) {
    const t0 = performance.now();
    const finished = job.run(now, forced) !== false;
    const ms = performance.now() - t0;
    this.timings[job.name] = updateCost(this.timings[job.name] ?? 0, ms, 1);
    if (!finished) {
      job.pending += ms;
      return ms;
    }
    job.cost = updateCost(job.cost, job.pending + ms, 1);
    job.pending = 0;
    job.requested = false;
    job.last = now;
    return ms;
  }
}
