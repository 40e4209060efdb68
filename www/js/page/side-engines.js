// The session's engines besides the page's own: the learning-rate comparison's runs and the
// throwaway engines that draw a data set's thumbnail. Owned by the session (the only code that
// calls an engine); after a failure of the core they are let go without a call.
import { Engine } from '../engine.js';

export class SideEngines {
  constructor() {
    this.live = new Set();
    /** After a failure of the core: engines are dead with their instance, not to be freed. */
    this.dead = false;
  }

  /** An engine of its own for a side view (the comparison); `release` frees it. */
  spawn(config) {
    const engine = new Engine(config);
    this.live.add(engine);
    return engine;
  }

  release(engine) {
    if (!this.live.delete(engine)) return;
    if (!this.dead) engine.free();
  }

  /** A data set's points and problem (for its thumbnail), from a throwaway engine. */
  preview(config) {
    const engine = new Engine(config);
    try {
      return { points: engine.trainPoints(), problem: engine.config().problem };
    } finally {
      engine.free();
    }
  }

  /** The core failed: every engine died with its instance; let go of them without a call. */
  forgetAll() {
    this.dead = true;
    for (const engine of this.live) engine.forget();
    this.live.clear();
  }
}
