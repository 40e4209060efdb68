// The message API for a page that embeds the playground in an iframe. Commands arrive as
// { type: "backprop-playground", id, method, args }; each gets exactly one reply, { type, id,
// result } or { type, id, error }, sent to the sender's window and origin only. Events go to the
// windows that subscribed to them. Messages of any other shape are ignored.

import { isPlainObject, show } from '../js/checks.js';

export const TYPE = 'backprop-playground';
export const EVENTS = ['ready', 'step', 'diverged', 'configChanged', 'resize', 'error'];
export const METHODS = ['play', 'pause', 'step', 'reset', 'getState', 'setConfig', 'setSpeed', 'trace', 'link', 'subscribe', 'unsubscribe'];
/** Training speeds: at most one epoch per frame, or as many as fit in a frame's budget. */
export const SPEEDS = ['paced', 'fast'];
const MAX_STEPS = 100_000;

/**
 * Checks a message. Returns null for messages that are not ours (to be ignored), or
 * { id, method, args } for a well-formed command, or { id, error } for a malformed one of ours.
 * Pure, so that it is tested in Node.
 */
export function parseCommand(data) {
  if (data === null || typeof data !== 'object' || Array.isArray(data) || data.type !== TYPE) return null;
  if (!('id' in data) || 'event' in data || 'result' in data || 'error' in data) return null; // not a command
  const id = data.id;
  if (!(typeof id === 'string' && id.length <= 200) && !Number.isFinite(id)) return null; // no way to reply
  const { method } = data;
  if (typeof method !== 'string' || !METHODS.includes(method)) {
    return { id, error: `unknown method ${show(typeof method === 'string' ? method : typeof method)}; the methods are ${METHODS.join(', ')}` };
  }
  const args = data.args ?? {};
  if (!isPlainObject(args)) return { id, error: `${method}: args must be a plain object` };
  if (method === 'step') {
    const count = args.count ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > MAX_STEPS) {
      return { id, error: `step: args.count must be a whole number from 1 to ${MAX_STEPS}, not ${show(count)}` };
    }
    return { id, method, args: { count } };
  }
  if (method === 'setConfig') {
    // Its settings are checked (types, sizes, nesting) by the engine's gate, before the core.
    if (!isPlainObject(args.config)) return { id, error: 'setConfig: args.config must be a plain object of settings' };
    return { id, method, args: { config: args.config } };
  }
  if (method === 'setSpeed') {
    if (!SPEEDS.includes(args.speed)) return { id, error: `setSpeed: args.speed must be ${SPEEDS.join(' or ')}, not ${show(args.speed)}` };
    return { id, method, args: { speed: args.speed } };
  }
  if (method === 'getState') {
    const weights = args.weights ?? false;
    if (typeof weights !== 'boolean') return { id, error: `getState: args.weights must be true or false, not ${show(weights)}` };
    return { id, method, args: { weights } };
  }
  if (method === 'trace') {
    const index = args.index ?? 0;
    if (!Number.isInteger(index) || index < 0) return { id, error: `trace: args.index must be a whole number ≥ 0, not ${show(index)}` };
    return { id, method, args: { index } };
  }
  if (method === 'link') {
    const weights = args.weights ?? false;
    if (typeof weights !== 'boolean') return { id, error: `link: args.weights must be true or false, not ${show(weights)}` };
    return { id, method, args: { weights } };
  }
  if (method === 'subscribe' || method === 'unsubscribe') {
    const events = args.events ?? EVENTS;
    if (!Array.isArray(events) || events.some((e) => !EVENTS.includes(e))) {
      return { id, error: `${method}: args.events must be a list of ${EVENTS.join(', ')}` };
    }
    return { id, method, args: { events } };
  }
  return { id, method, args: {} };
}

/**
 * Listens for commands. `handlers[method](args)` returns the result or a Promise of it (or throws
 * an Error whose message is the reply's error; `handlers.failed(error)` sees it first). Returns
 * `emit(event, data)` for the page's events.
 */
export function installMessageApi(handlers) {
  /** Subscribers: window → { origin, events: Set }; never a sandboxed (null-origin) one. */
  const subscribers = new Map();
  window.addEventListener('message', (event) => {
    const command = parseCommand(event.data);
    if (!command || !event.source) return;
    // A sandboxed frame has no origin to name: its reply goes to '*', to the window that asked
    // just now. Events are another matter (below).
    const origin = event.origin === 'null' ? '*' : event.origin;
    const reply = (body) => event.source.postMessage({ type: TYPE, id: command.id, ...body }, origin);
    if (command.error) return reply({ error: command.error });
    if (command.method === 'subscribe' && origin === '*') {
      // Events would have to go to '*' for as long as the window lives, and a window survives
      // navigation: whatever document it shows next would receive them.
      return reply({ error: 'subscribe: a sandboxed frame (origin "null") cannot subscribe, because events would go to any origin; allow-same-origin in its sandbox gives it one, or poll getState' });
    }
    // A handler may return a Promise (a long `step` runs across frames); either way, one reply.
    new Promise((resolve) => {
      if (command.method !== 'subscribe' && command.method !== 'unsubscribe') return resolve(handlers[command.method](command.args));
      const entry = subscribers.get(event.source) ?? { origin: event.origin, events: new Set() };
      for (const e of command.args.events) entry.events[command.method === 'subscribe' ? 'add' : 'delete'](e);
      subscribers.set(event.source, entry);
      if (command.method === 'subscribe') handlers.subscribed?.(command.args.events);
      resolve([...entry.events]);
    }).then(
      (result) => {
        try {
          reply({ result: result === undefined ? null : result });
        } catch (e) {
          reply({ error: `${command.method}: the result could not be sent (${e.message})` });
        }
      },
      (e) => {
        handlers.failed?.(e); // the page decides whether this was the core itself failing
        reply({ error: e instanceof Error ? e.message : String(e) });
      },
    );
  });
  const emit = (name, data) => {
    const message = { type: TYPE, event: name, data };
    for (const [source, { origin, events }] of subscribers) {
      if (events.has(name)) source.postMessage(message, origin);
    }
    // The embedding page learns that the playground is ready without subscribing first (to '*':
    // the playground cannot know its parent's origin; `ready` carries no state, only a version).
    if (name === 'ready' && window.parent !== window) window.parent.postMessage(message, '*');
  };
  return emit;
}
