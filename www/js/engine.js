// The one module that touches the wasm module and its memory. It hands out zero-copy typed-array
// views over wasm memory and re-creates them when they go stale: memory growth detaches a view
// (byteLength 0, or a buffer that is no longer memory.buffer), and rebuilding the network frees
// the buffers behind every view. Writes go through methods, never through views.
//
// A panic in the core throws an Error whose message starts with the core's panic prefix; the
// instance is unusable after it (a Rust object may be left mid-change), so `resetEngine` builds a
// fresh instance from the same compiled module, through a fresh copy of the wasm-bindgen glue
// (whose module-level state belongs to one instance).
//
// What comes from outside is checked by checks.js before it reaches the core; an exception that
// still escapes a call into the core, other than the core's own named refusal (a plain Error),
// marks the instance failed: a method that did not return may have left its object borrowed.
import * as firstGlue from '../pkg/backprop_playground.js';
import { checkLength, cleanSettings } from './checks.js';

const WASM_URL = new URL('../pkg/backprop_playground_bg.wasm', import.meta.url);

let glue = firstGlue;
let wasm = null;
/** The compiled WebAssembly.Module, instantiated again by `resetEngine`. */
let compiled = null;
let instances = 1;
let panicPrefix = null;
/** This instance has failed (see isCoreFailure). */
let failed = false;
/** The core's size limits (`Playground.limits()`), read once it is loaded. */
let bounds = null;
/** Calls into core objects, by method, since the module loaded: what crosses the boundary. */
const crossings = new Map();
/** wasm-bindgen's words when a method is called on an object another call left borrowed. */
const BORROWED = /^recursive use of an object detected/;

function contain() {
  glue.containPanics();
  panicPrefix = glue.panicPrefix();
  bounds = glue.Playground.limits();
}

/** The core's size limits: { linkChars, modelBytes, csvBytes, textChars, listItems, keys, points }. */
export function limits() {
  if (!bounds) throw new Error('the engine is not loaded yet: call loadEngine() first');
  return bounds;
}

/**
 * An exception from a call into the core: its own refusals (plain Errors naming a field) pass as
 * they are; anything else (a panic, a trap, a stack overflow, a borrowed object) marks the
 * instance failed, so that the page's one recovery mechanism takes over.
 */
function escaped(error) {
  const refusal = error instanceof Error && error.constructor === Error
    && !(panicPrefix !== null && error.message.startsWith(panicPrefix)) && !BORROWED.test(error.message);
  if (refusal) return error;
  failed = true;
  return error instanceof Error ? error : new Error(`the core failed: ${String(error)}`);
}

/** Every method of a core object, counted (`coreCalls`) and with its exceptions sorted by
 *  `escaped` (one wrapper per method, made once: no allocation per call). */
function guarded(playground) {
  const wrappers = new Map();
  return new Proxy(playground, {
    get(target, name) {
      const member = target[name];
      if (typeof member !== 'function') return member;
      let wrapper = wrappers.get(name);
      if (wrapper?.member !== member) {
        // Fixed arity (no core method takes more than five): no arguments array per call.
        wrapper = (a, b, c, d, e) => {
          crossings.set(name, (crossings.get(name) ?? 0) + 1);
          try {
            return member.call(target, a, b, c, d, e);
          } catch (error) {
            throw escaped(error);
          }
        };
        wrapper.member = member;
        wrappers.set(name, wrapper);
      }
      return wrapper;
    },
  });
}

/** Compiles the wasm file: streaming when the server says application/wasm, else from its bytes. */
async function compile() {
  const response = await fetch(WASM_URL);
  if (!response.ok) throw new Error(`${WASM_URL.pathname} could not be loaded (HTTP ${response.status})`);
  try {
    return await WebAssembly.compileStreaming(response.clone());
  } catch (e) {
    if (!(e instanceof TypeError)) throw e; // a wrong Content-Type: compile the bytes instead
    return WebAssembly.compile(await response.arrayBuffer());
  }
}

/** Loads the wasm module in a page (fetches pkg/backprop_playground_bg.wasm). */
export async function loadEngine() {
  if (wasm) return;
  compiled ??= await compile();
  wasm = await glue.default({ module_or_path: compiled });
  contain();
}

/** Loads the wasm module from its bytes (Node tests, benchmarks). */
export function loadEngineSync(bytes) {
  if (wasm) return;
  compiled = new WebAssembly.Module(bytes);
  wasm = glue.initSync({ module: compiled });
  contain();
}

/**
 * A new wasm instance after a panic: every Engine made before is dead (never call it again, not
 * even free); make new ones.
 */
export async function resetEngine() {
  if (!compiled) throw new Error('the engine is not loaded yet: call loadEngine() first');
  failed = false;
  const url = new URL(`../pkg/backprop_playground.js?instance=${++instances}`, import.meta.url);
  glue = await import(url.href);
  wasm = await glue.default({ module_or_path: compiled });
  contain();
}

/**
 * Whether `error` means the core itself failed (a panic, or a trap such as running out of
 * memory), rather than an ordinary rejection of bad input.
 */
export function isCoreFailure(error) {
  const failure = error instanceof WebAssembly.RuntimeError
    || (error instanceof Error && panicPrefix !== null && error.message.startsWith(panicPrefix))
    || (error instanceof Error && BORROWED.test(error.message));
  // After one failure every error of this instance is one: a panic inside a method leaves its
  // object borrowed, and later calls fail with "recursive use of an object…".
  if (failure) failed = true;
  return failure || (failed && error instanceof Error);
}

/** The panic's own message, without the prefix. */
export function failureMessage(error) {
  const message = String(error?.message ?? error);
  return panicPrefix && message.startsWith(panicPrefix) ? message.slice(panicPrefix.length) : message;
}


/** How many calls have crossed into core objects, by method (a copy). */
export function coreCalls() {
  return Object.fromEntries(crossings);
}

/** The wasm linear memory (for tests that grow it). */
export function wasmMemory() {
  return wasm.memory;
}

/** The per-layer buffers a view can be taken of. */
export const BUFFERS = [
  'weights',
  'biases',
  'weightGrads',
  'biasGrads',
  'preActivations',
  'activations',
  'activationGrads',
  'derivatives',
  'deltas',
];

/** Builds a core object; an exception while building is sorted like any other call's. */
function make(build) {
  try {
    return build();
  } catch (e) {
    throw escaped(e);
  }
}

export class Engine {
  /** `config`: a plain object of settings; an invalid one throws an Error naming the field. */
  constructor(config = {}) {
    if (!wasm) throw new Error('the engine is not loaded yet: call loadEngine() first');
    const clean = cleanSettings(config, limits());
    this.playground = guarded(make(() => new glue.Playground(clean)));
    this.views = new Map();
    this.sizes = this.playground.layerSizes();
  }

  /** Frees the wasm side; the engine is unusable afterwards. */
  free() {
    this.views.clear();
    this.playground.free();
  }

  /**
   * Lets go of an engine whose instance failed, without calling into it: its glue will not try
   * to free it later either (which would call the dead instance).
   */
  forget() {
    this.views.clear();
    this.playground.__destroy_into_raw?.();
  }

  /** A live view of one layer's buffer (`kind` from BUFFERS), re-created when stale. */
  view(kind, layer) {
    const key = `${kind}:${layer}`;
    let view = this.views.get(key);
    if (!view || view.byteLength === 0 || view.buffer !== wasm.memory.buffer) {
      if (kind === 'inputs') view = this.playground.inputs();
      else if (BUFFERS.includes(kind)) view = this.playground[kind](layer);
      else throw new Error(`no buffer named ${kind}; use inputs or one of ${BUFFERS.join(', ')}`);
      this.views.set(key, view);
    }
    return view;
  }

  /** The network inputs (feature values) of the last sample passed forward. */
  inputs() {
    return this.view('inputs', 0);
  }

  config() {
    return this.playground.config();
  }

  /**
   * Changes some settings in one call into the core; returns { rebuilt, config, link }: whether
   * the network was rebuilt (then every view, layer size and weight is new), the whole new
   * configuration, and the setup's link fragment without weights (naming `preset` unless the
   * network was rebuilt). Throws an Error naming the field when a value is invalid, and then
   * nothing changes.
   */
  setConfig(changes, preset = '') {
    const result = this.playground.setConfig(cleanSettings(changes, limits()), preset || undefined);
    if (result.rebuilt) {
      this.views.clear();
      this.sizes = this.playground.layerSizes();
    }
    return result;
  }

  step(n = 1) {
    return this.playground.step(n);
  }
  epoch() {
    return this.playground.epoch();
  }
  stats() {
    return this.playground.stats();
  }
  /** Panics inside the core on purpose (for the tests of recovery). */
  panicForTests() {
    this.playground.panicForTests();
  }
  /** Up to `maxPoints` more points of an evaluation spread over frames; true once one is done. */
  evaluateSome(maxPoints) {
    return this.playground.evaluateSome(maxPoints);
  }
  /** stats() with the last finished evaluation's losses (of parameters perhaps a few steps old). */
  latestStats() {
    return this.playground.latestStats();
  }
  restore() {
    return this.playground.restore();
  }
  trace(index) {
    return this.playground.trace(index);
  }
  setParams(layer, weights, biases) {
    this.playground.setParams(layer, weights, biases);
  }
  computeGradients(inputs, targets) {
    return this.playground.computeGradients(inputs, targets);
  }
  applyGradients() {
    this.playground.applyGradients();
  }
  /**
   * (x, y) pairs and their labels: one a point, or for regression with `outputs` > 1 a target per
   * output, interleaved per point (t₀, t₁, … of point 0, then point 1's). Returns a notice (or
   * undefined) when the batch size had to be lowered to fit the data.
   */
  setData(trainPoints, trainLabels, testPoints, testLabels) {
    return this.playground.setData(trainPoints, trainLabels, testPoints, testLabels);
  }
  /** x, y, label triples (copies; with several outputs the label is output 0's target, and
   *  exportCsv has them all). */
  trainPoints() {
    return this.playground.trainPoints();
  }
  testPoints() {
    return this.playground.testPoints();
  }

  /**
   * RGBA pixels of a node's heatmap (node −1: the prediction). The array is a view that is only
   * valid until the next heatmap call: copy it (new ImageData(...)) at once.
   */
  heatmap(node, resolution) {
    return this.playground.heatmap(node, resolution);
  }

  /** Copies of every per-layer buffer and the inputs, as they are now (to replay a step). */
  snapshot() {
    const layers = this.sizes.slice(1).map((_, l) => Object.fromEntries(BUFFERS.map((k) => [k, this.view(k, l).slice()])));
    return { sizes: this.sizes.slice(), inputs: this.inputs().slice(), layers };
  }

  nextSample() {
    return this.playground.nextSample();
  }
  /** Central-difference ∂L/∂parameter on training sample `sample`. */
  numericalGradient(layer, index, isBias, sample, h = 1e-2) {
    return this.playground.numericalGradient(layer, index, isBias, sample, h);
  }
  /** The next step's mini-batch gradients, without an update; returns the batch's mean loss. */
  computeNextBatchGradients() {
    return this.playground.computeNextBatchGradients();
  }
  /** The change the next update will make to a parameter, from the gradient buffers. */
  updatePreview(layer, index, isBias) {
    return this.playground.updatePreview(layer, index, isBias);
  }
  /** The training loss for each (a, b) pair of `pairs` (flat) set into parameters a and b. */
  lossAt(a, b, pairs) {
    const params = new Uint32Array([a.layer, a.index, Number(a.isBias), b.layer, b.index, Number(b.isBias)]);
    return this.playground.lossAt(params, pairs);
  }
  /** Swaps the hidden activation, keeping the weights. */
  switchActivation(name) {
    this.playground.switchActivation(name);
  }

  /** The data set as CSV; `importCsv` replaces it (an Error names the bad line). */
  exportCsv() {
    return this.playground.exportCsv();
  }
  /** Returns a notice (or undefined) when the batch size had to be lowered to fit the data. */
  importCsv(text) {
    return this.playground.importCsv(checkLength(text, limits().csvBytes, 'the CSV file'));
  }
  hasCustomData() {
    return this.playground.hasCustomData();
  }
  /** Under TensorFlow Playground's rules, its Reset (the next weights from its running stream);
   *  false under ours. */
  resetTensorflow() {
    return this.playground.resetTensorflow();
  }
  /** Under TensorFlow Playground's rules, one line on whether this run is its run; else null. */
  tensorflowStatus() {
    return this.playground.tensorflowStatus() ?? null;
  }
  /** The configuration, counters, weights and biases as JSON. */
  exportModel() {
    return this.playground.exportModel();
  }

  /** An engine around a Playground built some other way. */
  static wrap(build) {
    if (!wasm) throw new Error('the engine is not loaded yet: call loadEngine() first');
    const engine = Object.create(Engine.prototype);
    engine.playground = guarded(make(build));
    engine.views = new Map();
    engine.sizes = engine.playground.layerSizes();
    return engine;
  }

  /** An engine from a model file; throws an Error naming what is wrong with a bad one. */
  static fromModel(text) {
    checkLength(text, limits().modelBytes, 'the model file');
    return Engine.wrap(() => glue.Playground.fromModel(text));
  }

  /** An engine from a link's fragment; never throws (see linkReport). */
  static fromLink(fragment) {
    // Too long a link is not copied into wasm memory (which never shrinks): it opens the defaults.
    const body = String(fragment ?? '').replace(/^#/, '');
    const max = limits().linkChars;
    const refused = body.length > max ? `the link is ${body.length} characters long; at most ${max} are read, so it was ignored` : null;
    const engine = Engine.wrap(() => glue.Playground.fromLink(refused ? '' : fragment));
    engine.refusedLink = refused;
    return engine;
  }

  /** What reading the link found: { notices, errors, options, weights, tensorflow }. */
  linkReport() {
    const report = this.playground.linkReport();
    if (this.refusedLink) report.errors.unshift(this.refusedLink);
    return report;
  }

  /** This state as a link fragment (without '#'); with `weights` the trained parameters too. */
  link(weights = false, preset = undefined) {
    return this.playground.link(weights, preset || undefined);
  }

  static presets() {
    return glue.Playground.presets();
  }

  /** Every setting (name, kind, default, choices with labels, limits), presets, controls, limits. */
  static schema() {
    return glue.Playground.schema();
  }

  /** The valid { outputActivation, loss } pairs of a problem. */
  static outputChoices(problem) {
    return glue.Playground.outputChoices(problem);
  }

  /** RGBA pixels of an input feature over the plane. */
  static featureHeatmap(name, resolution) {
    return glue.Playground.featureHeatmap(name, resolution);
  }

  static randomSeed() {
    return glue.Playground.randomSeed();
  }
}
