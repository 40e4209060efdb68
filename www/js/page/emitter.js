// A minimal event emitter: the session and the page's small stores tell their listeners what
// changed, so that views never poll and never reach into each other.
export class Emitter {
  #listeners = new Map();

  /** Calls `listener(data)` on every `event`; returns a function that stops it. */
  on(event, listener) {
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event).add(listener);
    return () => this.#listeners.get(event).delete(listener);
  }

  emit(event, data) {
    for (const listener of this.#listeners.get(event) ?? []) listener(data);
  }
}
