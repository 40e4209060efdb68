// The page's session: the only code that calls the engine. It owns the engine, the JS copy of the
// configuration, the layer sizes, the data, the preset and whether training plays, and tells its
// listeners what changed:
//   rebuilt  a new network (every view starts over)        config  settings changed ({ config, keys })
//   data     the data points were replaced                  params  the parameters moved ({ now })
//   stats    new statistics (the stats object)              diverged  training stopped at a NaN/∞
//   restored the best weights are back (after trouble: see trouble-watch.js)
//   playing  play or pause (bool)                           selected / hover  the neuron or weight shown
//   speed    Paced or Fast training ('paced' | 'fast')
//   path     the chain-rule path lit up on the diagram (a path of paths.js, or null)
// Every entry point (controls, links, the message API, keys) comes through its methods.
import { Engine, limits } from '../engine.js';
import { epochsPerFrame, nextChunk, SPEEDS, updateCost } from '../frame.js';
import { show } from '../checks.js';
import { Emitter } from './emitter.js';
import { SideEngines } from './side-engines.js';
import { MAZUR, splitRows } from '../worked-examples.js';

export class Session extends Emitter {
  constructor() {
    super();
    this.engine = null;
    this.config = null;
    this.sizes = [];
    /** The data as x, y, label triples (copies). */
    this.train = new Float32Array(0);
    this.test = new Float32Array(0);
    this.preset = '';
    /** Under TensorFlow Playground's rules, whether this run is its run (engine.tensorflowStatus). */
    this.tensorflowLine = null;
    /** This setup as a link fragment without weights (kept in step with the configuration). */
    this.fragment = '';
    this.playing = false;
    /** How training is paced while playing: 'paced' or 'fast' (frame.js, SPEEDS). */
    this.speed = 'paced';
    /** After a failure of the core: nothing may call the dead engine until a new one is opened. */
    this.crashed = false;
    /** Counts rebuilds: a long API step stops when the network it began on is gone. */
    this.network = 0;
    this.stats = null;
    /** The training sample the next step starts with: the one the inspector and tables trace. */
    this.sample = 0;
    /** What the inspector shows: { column, index } | { layer, i, j } | { layer, i, bias: true }. */
    this.selected = null;
    /** The neuron under the pointer: { column, index } or null. */
    this.hover = null;
    /** The inspector's chosen path from the selected parameter to an output (paths.js), or null. */
    this.path = null;
    this.msPerStep = 0;
    /** Engines besides the page's (the comparison, data set thumbnails), forgotten with it on a failure. */
    this.sideEngines = new SideEngines();
    this.evaluationPoints = 256;
    /** The step a divergence was reported at (reported once). */
    this.divergedAt = null;
  }

  // ---- opening a network --------------------------------------------------------------------

  /** Makes `engine` the page's (the old one is freed) and starts every view over. */
  open(engine, preset = '') {
    if (this.engine && !this.crashed) this.engine.free(); // a dead one is only let go (crash)
    this.engine = engine;
    this.preset = preset;
    this.setPlaying(false);
    this.#rebuilt();
  }

  /** A new engine from a link's fragment; returns what reading it found. */
  openLink(hash) {
    const engine = Engine.fromLink(hash);
    const report = engine.linkReport();
    this.open(engine, report.options.preset ?? '');
    return report;
  }

  /** A model file; throws an Error naming what is wrong, and then nothing changes. */
  openModel(text) {
    this.open(Engine.fromModel(text));
  }

  /** A preset, fresh. */
  openPreset(name) {
    this.open(new Engine({ preset: name }), name);
  }

  /** A worked example (see worked-examples.js) in a new engine: its configuration, points with
   *  their targets, and every weight and bias. Throws an Error naming a bad value; then nothing changes. */
  openWorked({ config, points, layers }, none = new Float32Array(0)) {
    const engine = new Engine(config);
    try {
      const rows = splitRows(points);
      engine.setData(rows.points, rows.labels, none, none);
      layers.forEach(({ weights, biases }, l) => engine.setParams(l, Float32Array.from(weights), Float32Array.from(biases)));
    } catch (e) {
      engine.free();
      throw e;
    }
    this.open(engine);
  }

  /** The published example the editor offers (Mazur's 2-2-2), for the editor and lessons. */
  loadWorkedExample() {
    this.openWorked(MAZUR);
  }

  /** The same setup, untrained: rebuilt from the seed, or under TensorFlow Playground's rules
   *  with the next weights from its running stream, as its Reset does. */
  reset() {
    if (this.config.rules === 'tensorflow' && this.engine.resetTensorflow()) {
      this.setPlaying(false);
      this.#rebuilt();
      return;
    }
    this.open(new Engine(this.config), this.preset);
  }

  /** A new network; `known` ({ config, link }) when the call that built it returned them. */
  #rebuilt(known = null) {
    this.network += 1;
    this.msPerStep = 0; // another network: measure its cost afresh before sizing a chunk
    this.sizes = this.engine.sizes;
    this.config = known?.config ?? this.engine.config();
    this.fragment = known?.link ?? this.engine.link(false, this.preset);
    this.tensorflowLine = known ? known.tensorflowStatus ?? null : this.engine.tensorflowStatus();
    this.selected = null; // the old network's neurons may not exist in the new one
    this.hover = null;
    this.path = null;
    this.stats = null;
    this.divergedAt = null;
    this.#readData();
    this.emit('rebuilt');
    this.emit('config', { config: this.config, keys: null });
    this.changed();
  }

  // ---- settings -----------------------------------------------------------------------------

  /**
   * Applies setting changes in one call into the core; throws an Error naming a bad field, and
   * then nothing changes. Returns whether the network was rebuilt.
   */
  setConfig(changes) {
    const { rebuilt, config, link, tensorflowStatus } = this.engine.setConfig(changes, this.preset);
    if (rebuilt) {
      this.preset = ''; // a rebuilt network is no preset's any more (its link names none)
      this.#rebuilt({ config, link, tensorflowStatus });
      return true;
    }
    this.tensorflowLine = tensorflowStatus ?? null;
    const keys = Object.keys(config).filter((k) => JSON.stringify(config[k]) !== JSON.stringify(this.config[k]));
    this.config = config;
    this.fragment = link;
    this.emit('config', { config, keys });
    return false;
  }

  /** Shows the configuration again as it is (a refused change snaps every control back). */
  reshow() {
    this.emit('config', { config: this.config, keys: [] });
  }

  /** Forgets the preset's name (its settings stay): the setup is now the user's own. */
  dropPreset() {
    if (!this.preset) return;
    this.preset = '';
    this.fragment = this.engine.link(false, '');
    this.emit('config', { config: this.config, keys: ['preset'] });
  }

  /** Swaps the hidden activation and keeps every weight (dead ReLUs get a gradient again). */
  switchActivation(name) {
    this.engine.switchActivation(name);
    this.config = { ...this.config, activation: name };
    this.preset = '';
    this.fragment = this.engine.link(false, '');
    this.emit('config', { config: this.config, keys: ['activation', 'preset'] });
    this.changed();
  }

  // ---- data ---------------------------------------------------------------------------------

  #readData() {
    this.train = this.engine.trainPoints();
    this.test = this.engine.testPoints();
    this.sample = this.engine.nextSample() ?? 0;
    // Trace one sample so that every gradient view has numbers before the first step.
    if (this.train.length) this.engine.trace(this.sample);
  }

  /** Replaces the points (drawn or erased); returns a notice when the batch size was lowered. */
  setData(train, test) {
    return this.#replaceData(() => this.engine.setData(train.points, train.labels, test.points, test.labels));
  }

  /** Replaces the points from CSV text; throws an Error naming the bad line. */
  importCsv(text) {
    return this.#replaceData(() => this.engine.importCsv(text));
  }

  #replaceData(replace) {
    const notice = replace();
    this.preset = ''; // no preset describes these points
    this.config = this.engine.config(); // the batch size may have been lowered to fit
    this.fragment = this.engine.link(false, '');
    this.tensorflowLine = this.engine.tensorflowStatus(); // one's own points make it another run
    this.#readData();
    this.emit('data');
    this.emit('config', { config: this.config, keys: ['batchSize', 'preset'] });
    this.changed();
    return notice;
  }

  // ---- training -----------------------------------------------------------------------------

  setPlaying(playing) {
    if (this.playing === playing) return;
    this.playing = playing;
    this.emit('playing', playing);
  }

  /**
   * Up to `wanted` steps within `budgetMs`, in chunks sized by the measured cost per step. Returns
   * { ran, stopped }: `stopped` when training cannot go on (diverged, or no training data).
   */
  trainFor(budgetMs, wanted) {
    const start = performance.now();
    let ran = 0;
    while (ran < wanted) {
      const n = nextChunk({ msPerStep: this.msPerStep, remainingMs: budgetMs - (performance.now() - start), wanted: wanted - ran });
      if (n === 0) break;
      const t0 = performance.now();
      const stepped = this.engine.step(n);
      this.msPerStep = updateCost(this.msPerStep, performance.now() - t0, stepped);
      ran += stepped;
      if (stepped < n) return { ran, stopped: true };
    }
    return { ran, stopped: false };
  }

  /** Paced (at most one epoch per frame) or Fast (a frame's budget); throws an Error naming a bad one. */
  setSpeed(speed) {
    if (!SPEEDS.includes(speed)) throw new Error(`speed: ${show(speed)} is not allowed; use paced or fast`);
    if (this.speed === speed) return;
    this.speed = speed;
    this.emit('speed', speed);
  }

  /** What a playing page does each frame: `epochs` at most (by the speed), within the budget. */
  trainEpoch(budgetMs, epochs = epochsPerFrame(this.speed)) {
    if (!this.train.length) return;
    const { stopped } = this.trainFor(budgetMs, epochs * this.stepsPerEpoch());
    this.changed(stopped); // diverged: report it at once
  }

  stepsPerEpoch() {
    return Math.ceil(this.train.length / 3 / this.config.batchSize);
  }

  /** Exactly one step (the animated step and explain mode take theirs here). */
  stepOnce() {
    this.engine.step(1);
    this.changed();
    this.emit('stepped'); // a step by hand (the step button, a told story's update, explain mode)
  }

  /** The best weights back (the lowest training loss evaluated): after a divergence, an explosion
   *  or a stall (see trouble-watch.js). */
  restore() {
    this.engine.restore();
    this.divergedAt = null;
    this.changed();
    this.emit('restored');
  }

  /** Sets one weight or bias (from the inspector); throws an Error naming a bad value. */
  setParam(sel, value) {
    if (!Number.isFinite(value)) throw new Error(`The new value of the parameter must be a number; ${JSON.stringify(String(value))} is not.`);
    const l = sel.layer;
    const weights = this.engine.view('weights', l).slice();
    const biases = this.engine.view('biases', l).slice();
    if (sel.bias) biases[sel.i] = value;
    else weights[sel.i * this.sizes[l] + sel.j] = value;
    this.engine.setParams(l, weights, biases);
    this.changed();
  }

  /** The parameters moved: the traced sample moves on, and whatever shows them is due. */
  changed(now = !this.playing) {
    this.sample = this.engine.nextSample() ?? 0;
    this.emit('params', now); // `now`: the statistics are wanted at once, exactly
  }

  // ---- statistics ---------------------------------------------------------------------------

  /** Exact statistics for the current parameters, shown. */
  refreshStats() {
    this.#showStats(this.engine.stats());
  }

  /** The step and epoch now, cheaply (the losses may be a few steps old): { step, epoch }. */
  counters() {
    const { step, epoch } = this.engine.latestStats();
    return { step, epoch };
  }

  /** Exact statistics for the current parameters, only read (for an API reply). */
  exactStats() {
    return this.engine.stats();
  }

  /**
   * One share of an evaluation spread over frames (about `sliceMs`); returns true once it is
   * complete, and then the statistics are shown.
   */
  evaluateSlice(sliceMs) {
    const t0 = performance.now();
    const done = this.engine.evaluateSome(this.evaluationPoints);
    const ms = performance.now() - t0;
    if (!done) {
      // A full slice ran: size the next one to the wanted time.
      this.evaluationPoints = Math.max(32, Math.round((this.evaluationPoints * sliceMs) / Math.max(ms, 0.01)));
      return false;
    }
    this.#showStats(this.engine.latestStats());
    return true;
  }

  #showStats(s) {
    this.stats = s;
    // Said when it happens, and again whenever someone tries to train on (play pressed anyway);
    // not on every later look at the same statistics. Training stops before the statistics are
    // told, so that what they say (the screen reader's summary) is not held back as while playing.
    const again = s.diverged && (this.playing || this.divergedAt !== s.divergedAtStep);
    if (s.diverged) {
      this.divergedAt = s.divergedAtStep;
      this.setPlaying(false);
    }
    this.emit('stats', s);
    if (again) this.emit('diverged', s);
  }

  // ---- what the views read ------------------------------------------------------------------

  view(kind, layer) {
    return this.engine.view(kind, layer);
  }
  snapshot() {
    return this.engine.snapshot();
  }
  trace(index) {
    return this.engine.trace(index);
  }
  nextSample() {
    return this.engine.nextSample();
  }
  heatmap(node, resolution) {
    return this.engine.heatmap(node, resolution);
  }
  numericalGradient(layer, index, isBias, sample) {
    return this.engine.numericalGradient(layer, index, isBias, sample);
  }
  /** The training loss with parameters a and b ({ layer, index, isBias }) set to each (a, b) pair. */
  lossAt(a, b, pairs) {
    return this.engine.lossAt(a, b, pairs);
  }
  /** The next step's mini-batch gradients and the change it will make to one parameter. */
  updatePreview(layer, index, isBias) {
    this.engine.computeNextBatchGradients();
    return this.engine.updatePreview(layer, index, isBias);
  }
  link(weights) {
    return weights ? this.engine.link(true, this.preset) : this.fragment;
  }
  exportCsv() {
    return this.engine.exportCsv();
  }
  exportModel() {
    return this.engine.exportModel();
  }
  hasCustomData() {
    return this.engine.hasCustomData();
  }

  /** Under TensorFlow Playground's rules, one line on whether this run is its run; else null. */
  get tensorflowStatus() {
    return this.tensorflowLine;
  }

  // ---- what is shown ------------------------------------------------------------------------

  select(selection) {
    this.selected = selection;
    this.path = null; // a path belongs to the parameter it starts from
    this.emit('selected', selection);
  }

  /** Lights up one path of the selected parameter's chain (its live numbers), or none. */
  showPath(path) {
    if (JSON.stringify(path) === JSON.stringify(this.path)) return;
    this.path = path;
    this.emit('path', path);
  }

  setHover(hover) {
    if (JSON.stringify(hover) === JSON.stringify(this.hover)) return;
    this.hover = hover;
    this.emit('hover', hover);
  }

  // ---- what the core describes ------------------------------------------------------------

  /** Every setting, its choices, labels, limits and defaults; presets, controls and limits. */
  schema() {
    return Engine.schema();
  }
  /** The sizes every input is checked against before it reaches the core. */
  limits() {
    return limits();
  }
  outputChoices(problem) {
    return Engine.outputChoices(problem);
  }
  featureHeatmap(name, resolution) {
    return Engine.featureHeatmap(name, resolution);
  }
  randomSeed() {
    // Under its rules a new seed is one TensorFlow Playground could draw: five decimals as text.
    if (this.config.rules === 'tensorflow') return Math.random().toFixed(5);
    return Engine.randomSeed();
  }

  // ---- the core's failures ---------------------------------------------------------------------

  /** The core failed: every engine died with its instance; let go of them without a call. */
  crash() {
    this.crashed = true;
    this.setPlaying(false);
    this.engine?.forget();
    this.sideEngines.forgetAll();
  }
}
