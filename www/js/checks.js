// The gate in front of the core: everything that comes from outside (a link, a file, a message,
// an embedder's call) is checked here, in JavaScript, before any of it is copied into wasm memory.
// A value that is too large, of the wrong type, nested, cyclic or behind a throwing getter is
// refused with an Error naming it, and the core is never called. Pure (no DOM), tested in Node.
// The limits are the core's own (`Playground.limits()`), passed in.

/** How much of a value a message quotes: never the input back whole. */
const ECHO_CHARS = 40;

/** A value for an error message: never throws (a BigInt defeats JSON.stringify) and stays short. */
export function show(value) {
  let text;
  try {
    text = typeof value === 'number' && Math.abs(value) >= 1e15 ? value.toExponential() : (JSON.stringify(value) ?? String(value));
  } catch {
    text = typeof value;
  }
  return text.length > ECHO_CHARS + 2 ? `${text.slice(0, ECHO_CHARS)}… (${text.length} characters)` : text;
}

/** Whether `value` is a plain object (not a list, Map, Date, class instance…); never throws. */
export function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  try {
    const proto = Object.getPrototypeOf(value);
    // Another realm's Object.prototype (an object made in another frame) counts too.
    return proto === null || Object.getPrototypeOf(proto) === null;
  } catch {
    return false; // a revoked Proxy
  }
}

/** What this module refuses, told apart from whatever a hostile getter throws. */
class Refusal extends Error {}

/** A setting's one value: a number, true/false or a short text. */
function scalar(value, name, limits) {
  if (typeof value === 'string') {
    if (value.length > limits.textChars) throw new Refusal(`${name}: a text of ${value.length} characters is too long; no setting is longer than ${limits.textChars}`);
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const kind = typeof value === 'object' ? Object.prototype.toString.call(value).slice(8, -1) : typeof value;
  throw new Refusal(`${name}: a ${kind} is not a number, text, true/false or list of those`);
}

/**
 * A plain copy of a settings object from outside, every value read exactly once; throws an Error
 * naming the first thing wrong (`where` starts the message). The copy is what goes to the core:
 * a getter cannot answer differently the second time.
 */
export function cleanSettings(config, limits, where = 'config') {
  if (config === undefined || config === null) return {};
  if (!isPlainObject(config)) throw new Error(`${where}: expected a plain object of settings (not a list, Map or other object)`);
  try {
    const keys = Object.keys(config);
    if (keys.length > limits.keys) throw new Refusal(`${where}: ${keys.length} settings given; there are at most ${limits.keys}`);
    const clean = {};
    for (const key of keys) {
      if (key.length > limits.textChars) throw new Refusal(`${where}: a setting name of ${key.length} characters is not a setting`);
      const name = `${where}.${key.length > ECHO_CHARS ? show(key) : key}`;
      const value = config[key];
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) {
        if (value.length > limits.listItems) throw new Refusal(`${name}: a list of ${value.length} items is too long; no setting takes more than ${limits.listItems}`);
        clean[key] = Array.from(value, (item) => {
          if (item !== null && typeof item === 'object') throw new Refusal(`${name}: a list inside a list is nested too deeply or cyclic; a setting is a flat list`);
          return scalar(item, name, limits);
        });
      } else {
        clean[key] = scalar(value, name, limits);
      }
    }
    return clean;
  } catch (e) {
    // A getter or a Proxy trap that throws: named, not passed on as whatever it threw.
    if (e instanceof Refusal) throw e;
    throw new Error(`${where}: could not be read (${show(e?.message ?? e)})`);
  }
}

/** A text from outside (a link, a file's contents), refused unread when longer than `max`. */
export function checkLength(text, max, what) {
  if (typeof text !== 'string') throw new Error(`${what}: expected text, not ${typeof text}`);
  if (text.length > max) throw new Error(`${what} has ${text.length} characters; at most ${max} are read`);
  return text;
}

/** A file chosen by the user, refused by its size before it is read. */
export function checkFileSize(size, max, what) {
  if (size > max) throw new Error(`${what} has ${size} bytes; at most ${max} are read, so it was not opened`);
}
