// A small client for a playground in an iframe, like a video player's: every method returns a
// Promise that settles (its result, its error reply, a timeout, or the iframe's removal), events
// arrive through on()/off(), and only messages from that iframe's window and origin are heard.
//   import { connect } from 'backprop-playground/client';
//   const playground = connect(document.querySelector('iframe'));
//   playground.on('step', (s) => console.log(s.trainLoss));
//   await playground.step(100);
// The custom element drives its own iframe with this client.

import { EVENTS, TYPE } from './protocol.js';

/** The default time a command may take, in ms; `step(n)` adds 1 ms a step. */
export const DEFAULT_TIMEOUT = 10_000;
/** How often pending commands check that their iframe is still there. */
const WATCH_MS = 200;

/**
 * Why a Promise was rejected, by `name`: 'TimeoutError' (no reply in time), 'DetachedError' (the
 * iframe was removed, moved or navigated, or the client was closed), 'CommandError' (the
 * playground's error reply; `message` is its text), 'SourceError' (the element has no page to load).
 */
export class PlaygroundError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

let nextId = 1;

/** Connects to a playground iframe (loaded or not yet). `origin` defaults to that of its `src`. */
export function connect(iframe, { timeout = DEFAULT_TIMEOUT, origin } = {}) {
  return new PlaygroundClient(iframe, { timeout, origin });
}

export class PlaygroundClient {
  constructor(iframe, { timeout = DEFAULT_TIMEOUT, origin } = {}) {
    if (iframe?.tagName !== 'IFRAME') throw new TypeError('connect: the first argument must be an <iframe> element');
    this.iframe = iframe;
    this.timeout = timeout;
    this.fixedOrigin = origin;
    /** id → { resolve, reject, timer, window } for commands sent and not yet answered. */
    this.pending = new Map();
    /** Commands waiting for the playground to be ready: [message, entry]. */
    this.queue = [];
    /** The window whose `ready` was heard: commands go out directly while it is still the iframe's. */
    this.readyWindow = null;
    this.listeners = new Map(EVENTS.map((e) => [e, new Set()]));
    this.closed = false;
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.readyTimer = setTimeout(() => reject(new PlaygroundError('TimeoutError', `the playground did not load within ${timeout} ms (${this.describe()})`)), timeout);
    });
    this.ready.catch(() => {}); // whoever awaits it sees the rejection; nobody else has to
    this.onMessage = this.onMessage.bind(this);
    window.addEventListener('message', this.onMessage);
    this.watch = setInterval(() => this.checkAttached(), WATCH_MS);
    // The page may have loaded before this client existed (its `ready` then went unheard): a
    // subscribe it answers counts as ready. Unanswered (still loading), the real `ready` follows.
    this.subscribe().then((r) => r && this.becameReady(this.iframe.contentWindow, true), () => {});
  }

  /** The origin replies must come from and commands go to ('*' for a sandboxed, origin-less frame). */
  origin() {
    if (this.fixedOrigin) return this.fixedOrigin;
    try {
      const o = new URL(this.iframe.src, document.baseURI).origin;
      return o === 'null' ? '*' : o;
    } catch {
      return '*';
    }
  }

  describe() {
    return this.iframe.src ? `src ${this.iframe.src}` : 'the iframe has no src';
  }

  onMessage(event) {
    const data = event.data;
    if (this.closed || !event.source || event.source !== this.iframe.contentWindow || data?.type !== TYPE) return;
    const origin = this.origin();
    if (origin !== '*' && event.origin !== origin) return;
    if (typeof data.event === 'string') {
      if (data.event === 'ready') this.becameReady(event.source);
      for (const fn of this.listeners.get(data.event) ?? []) {
        try {
          fn(data.data);
        } catch (e) {
          setTimeout(() => { throw e; }); // a listener's error is reported, and the others still run
        }
      }
      return;
    }
    const waiting = this.pending.get(data.id);
    if (!waiting) return;
    this.settle(data.id);
    if ('error' in data) waiting.reject(new PlaygroundError('CommandError', String(data.error)));
    else waiting.resolve(data.result);
  }

  becameReady(win, subscribed = false) {
    if (this.readyWindow === win) return;
    this.readyWindow = win;
    clearTimeout(this.readyTimer);
    this.resolveReady();
    // A new document has no subscribers: subscribe (again), then send what waited.
    if (!subscribed) this.subscribe().catch(() => {});
    const queued = this.queue.splice(0);
    for (const [message, entry] of queued) this.send(message, entry);
  }

  /** Every event, so that on() needs no round trip; a refusal (a sandboxed frame) is no failure. */
  subscribe() {
    const sent = this.command('subscribe', { events: EVENTS.filter((e) => e !== 'ready') }, this.timeout, true);
    return sent.catch((e) => (e.name === 'CommandError' ? null : Promise.reject(e)));
  }

  send(message, entry) {
    entry.window = this.iframe.contentWindow;
    this.pending.set(message.id, entry);
    entry.window.postMessage(message, this.origin());
  }

  settle(id) {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
  }

  /** Rejects what can no longer be answered: the iframe left the document or was reloaded by a move. */
  checkAttached() {
    const win = this.iframe.isConnected ? this.iframe.contentWindow : null;
    if (!win && (this.pending.size || this.queue.length)) {
      return this.rejectAll(new PlaygroundError('DetachedError', 'the playground iframe was removed from the document'));
    }
    for (const [id, entry] of this.pending) {
      if (entry.window !== win) {
        this.settle(id);
        entry.reject(new PlaygroundError('DetachedError', 'the playground iframe was moved or reloaded before it answered'));
      }
    }
    if (this.readyWindow && this.readyWindow !== win) this.readyWindow = null; // a new document: wait for its ready
  }

  rejectAll(error) {
    for (const [id, entry] of [...this.pending]) {
      this.settle(id);
      entry.reject(error);
    }
    for (const [, entry] of this.queue.splice(0)) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
  }

  /** Sends one command (queued until ready); settles within `timeout` ms whatever happens. */
  command(method, args = {}, timeout = this.timeout, direct = false) {
    if (this.closed) return Promise.reject(new PlaygroundError('DetachedError', `${method}: the client is closed`));
    return new Promise((resolve, reject) => {
      const message = { type: TYPE, id: `bpc-${nextId++}`, method, args };
      const entry = { resolve, reject };
      entry.timer = setTimeout(() => {
        this.pending.delete(message.id);
        this.queue = this.queue.filter(([m]) => m !== message);
        const why = this.readyWindow ? 'no reply' : `the playground never became ready (${this.describe()})`;
        reject(new PlaygroundError('TimeoutError', `${method}: ${why} within ${timeout} ms`));
      }, timeout);
      const win = this.iframe.contentWindow;
      if (direct && win) this.send(message, entry);
      else if (win && this.readyWindow === win) this.send(message, entry);
      else this.queue.push([message, entry]);
    });
  }

  play() {
    return this.command('play');
  }
  pause() {
    return this.command('pause');
  }
  step(count = 1, { timeout } = {}) {
    return this.command('step', { count }, timeout ?? this.timeout + count);
  }
  reset() {
    return this.command('reset');
  }
  getState() {
    return this.command('getState');
  }
  setConfig(config) {
    return this.command('setConfig', { config });
  }
  /** 'paced' (at most one epoch per frame) or 'fast' (as many as fit in a frame's budget). */
  setSpeed(speed) {
    return this.command('setSpeed', { speed });
  }
  trace(index = 0) {
    return this.command('trace', { index });
  }
  link({ weights = false } = {}) {
    return this.command('link', { weights });
  }

  /** Calls `fn(data)` on each `event` (ready, step, diverged, configChanged, resize, error); returns off. */
  on(event, fn) {
    const set = this.listeners.get(event);
    if (!set) throw new TypeError(`on: unknown event ${JSON.stringify(event)}; the events are ${EVENTS.join(', ')}`);
    set.add(fn);
    return () => this.off(event, fn);
  }

  off(event, fn) {
    this.listeners.get(event)?.delete(fn);
  }

  /** Stops listening; what is pending rejects with a DetachedError. */
  close(reason = 'the client was closed') {
    if (this.closed) return;
    this.rejectAll(new PlaygroundError('DetachedError', reason));
    this.closed = true;
    clearInterval(this.watch);
    clearTimeout(this.readyTimer);
    window.removeEventListener('message', this.onMessage);
  }
}
