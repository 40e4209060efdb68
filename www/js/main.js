// The page: wires the controls to the engine and runs the one animation loop. Training runs inside
// a per-frame time budget; drawing happens only when something changed.
import { Engine, loadEngine } from './engine.js';
import { networkLayout } from './layout.js';
import { drawNetwork } from './draw-network.js';
import { drawPlot } from './draw-plot.js';
import { due, formatLoss, LEARNING_RATES, learningRateIndex, nextChunk, updateCost } from './frame.js';

/** Milliseconds of training per frame: leaves room for drawing inside a 60 Hz frame. */
const TRAIN_BUDGET_MS = 8;
const PLOT_RESOLUTION = 64;
const THUMB_RESOLUTION = 24;
const HEATMAP_INTERVAL_MS = 50;

const FEATURE_LABELS = {
  x: 'x', y: 'y', xSquared: 'x²', ySquared: 'y²', xTimesY: 'xy',
  sinX: 'sin x', sinY: 'sin y', cosX: 'cos x', cosY: 'cos y',
};

const $ = (id) => document.getElementById(id);

const state = {
  engine: null,
  config: null,
  stats: null,
  playing: false,
  msPerStep: 0,
  lastHeatmap: -Infinity,
  needsHeatmaps: true,
  needsDraw: true,
  train: null,
  test: null,
  thumbnails: [],
  plotImage: null,
  /** 'error' or 'notice': what the message bar shows. */
  messageKind: null,
};

// ---- messages -------------------------------------------------------------------------------

/** Shows a message; `action` ({label, run}) adds a button. An error is dismissed by the next good
 *  change; a notice with an action (divergence) stays until acted on or the network is rebuilt. */
function showMessage(text, action) {
  state.messageKind = action ? 'notice' : 'error';
  $('message-text').textContent = text; // text only: nothing a value contains becomes markup
  const button = $('message-action');
  button.hidden = !action;
  if (action) {
    button.textContent = action.label;
    button.onclick = () => {
      hideMessage();
      action.run();
    };
  }
  $('message').hidden = false;
}

function hideMessage() {
  $('message').hidden = true;
}

// ---- canvases ---------------------------------------------------------------------------------

/** Sizes a canvas's backing store to its CSS box × devicePixelRatio; returns its CSS size. */
function fitCanvas(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const { width, height } = canvas.getBoundingClientRect();
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { ctx, width, height };
}

function makeImageCanvas(resolution) {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = resolution;
  return canvas;
}

/** One reusable ImageData per resolution: heatmap pixels are copied into it, never allocated anew. */
const imageData = new Map();

/** Copies the engine's heatmap pixels for `node` into `canvas` (at once: the view is transient). */
function paintHeatmap(canvas, node, resolution) {
  let image = imageData.get(resolution);
  if (!image) imageData.set(resolution, (image = new ImageData(resolution, resolution)));
  image.data.set(state.engine.heatmap(node, resolution));
  canvas.getContext('2d').putImageData(image, 0, 0);
}

function refreshHeatmaps() {
  const sizes = state.engine.sizes;
  state.plotImage ??= makeImageCanvas(PLOT_RESOLUTION);
  paintHeatmap(state.plotImage, -1, PLOT_RESOLUTION);
  let node = 0;
  state.thumbnails = sizes.map((count, layer) =>
    Array.from({ length: count }, (_, i) => {
      const canvas = state.thumbnails[layer]?.[i] ?? makeImageCanvas(THUMB_RESOLUTION);
      paintHeatmap(canvas, node++, THUMB_RESOLUTION);
      return canvas;
    }),
  );
}

function draw() {
  const engine = state.engine;
  const net = fitCanvas($('network'));
  const layout = networkLayout(engine.sizes, net.width, net.height, { margin: 40 });
  const weights = engine.sizes.slice(1).map((_, l) => engine.view('weights', l));
  drawNetwork(net.ctx, {
    width: net.width,
    height: net.height,
    layout,
    weights,
    thumbnails: state.thumbnails,
    dead: state.stats?.dead ?? [],
    inputLabels: state.config.features.map((f) => FEATURE_LABELS[f] ?? f),
  });
  const plot = fitCanvas($('plot'));
  drawPlot(plot.ctx, {
    size: Math.min(plot.width, plot.height),
    heatmap: state.plotImage,
    train: state.train,
    test: null,
    problem: state.config.problem,
  });
}

// ---- state shown in text ------------------------------------------------------------------------

function showStats() {
  const s = (state.stats = state.engine.stats());
  $('epoch').textContent = String(s.epoch);
  $('step-count').textContent = String(s.step);
  $('train-loss').textContent = formatLoss(s.trainLoss);
  $('test-loss').textContent = formatLoss(s.testLoss);
  $('accuracy-row').hidden = s.testAccuracy === null;
  $('test-accuracy').textContent = s.testAccuracy === null ? '–' : `${(s.testAccuracy * 100).toFixed(1)} %`;
  $('dead-count').textContent = `${s.deadCount} of ${s.hiddenCount}`;
  if (s.diverged) onDiverged(s);
}

function onDiverged(s) {
  setPlaying(false);
  showMessage(
    `Training diverged at step ${s.divergedAtStep}: the loss or a weight stopped being a finite number ` +
      `(learning rate ${state.config.learningRate} is too large for this network). Lower it, then restore.`,
    {
      label: 'Restore last finite weights',
      run: () => {
        state.engine.restore();
        changed();
      },
    },
  );
}

function showConfig() {
  const c = (state.config = state.engine.config());
  $('dataset').value = c.dataset;
  $('activation').value = c.activation;
  $('network-shape').value = c.networkShape.join(', ');
  const index = learningRateIndex(c.learningRate);
  $('learning-rate').value = String(index);
  $('learning-rate-value').textContent = String(LEARNING_RATES[index]);
  $('seed').textContent = String(c.seed);
  const sizes = state.engine.sizes;
  $('network-summary').textContent = `· ${sizes.join('–')} · ${c.outputActivation} output · ${c.loss} loss`;
}

/** Something changed the weights or the data: recompute what is shown. */
function changed() {
  showStats();
  state.needsHeatmaps = true;
  state.needsDraw = true;
}

function rebuilt() {
  state.train = state.engine.trainPoints();
  state.test = state.engine.testPoints();
  state.thumbnails = [];
  showConfig();
  changed();
}

/** Applies setting changes; an invalid value is reported by name and the controls snap back. */
function applyConfig(changes) {
  try {
    const wasRebuilt = state.engine.setConfig(changes);
    if (wasRebuilt || state.messageKind === 'error') hideMessage();
    if (wasRebuilt) rebuilt();
    else showConfig();
  } catch (e) {
    showMessage(e.message);
    showConfig();
  }
}

// ---- training ---------------------------------------------------------------------------------

function setPlaying(playing) {
  state.playing = playing;
  $('play').classList.toggle('playing', playing);
  $('play').setAttribute('aria-label', playing ? 'Pause' : 'Play');
}

/** One epoch per frame at most, within the time budget. */
function trainFrame() {
  const c = state.config;
  const stepsPerEpoch = Math.ceil(state.train.length / 3 / c.batchSize);
  let wanted = stepsPerEpoch;
  const start = performance.now();
  while (wanted > 0) {
    const n = nextChunk({ msPerStep: state.msPerStep, remainingMs: TRAIN_BUDGET_MS - (performance.now() - start), wanted });
    if (n === 0) break;
    const t0 = performance.now();
    const ran = state.engine.step(n);
    state.msPerStep = updateCost(state.msPerStep, performance.now() - t0, ran);
    wanted -= n;
    if (ran < n) break; // diverged: showStats reports it
  }
  changed();
}

function frame(now) {
  if (state.playing && !document.hidden) trainFrame();
  if (state.needsHeatmaps && due(state.lastHeatmap, now, HEATMAP_INTERVAL_MS)) {
    refreshHeatmaps();
    state.lastHeatmap = now;
    state.needsHeatmaps = false;
    state.needsDraw = true;
  }
  if (state.needsDraw) {
    draw();
    state.needsDraw = false;
  }
  requestAnimationFrame(frame);
}

function reset() {
  const config = state.engine.config();
  state.engine.free();
  state.engine = new Engine(config);
  hideMessage();
  rebuilt();
}

function stepOnce() {
  setPlaying(false);
  state.engine.step(1);
  changed();
}

// ---- wiring -----------------------------------------------------------------------------------

function wire() {
  $('play').addEventListener('click', () => setPlaying(!state.playing));
  $('step').addEventListener('click', stepOnce);
  $('reset').addEventListener('click', reset);
  $('message-close').addEventListener('click', hideMessage);
  $('dataset').addEventListener('change', (e) => applyConfig({ dataset: e.target.value }));
  $('activation').addEventListener('change', (e) => applyConfig({ activation: e.target.value }));
  $('learning-rate').addEventListener('input', (e) => applyConfig({ learningRate: LEARNING_RATES[Number(e.target.value)] }));
  $('network-shape').addEventListener('change', (e) => applyConfig({ networkShape: e.target.value }));
  $('new-seed').addEventListener('click', () => applyConfig({ seed: Engine.randomSeed() }));
  document.addEventListener('keydown', (e) => {
    if (e.target.closest('input, select, textarea') || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === ' ' && !e.target.closest('button')) {
      e.preventDefault();
      setPlaying(!state.playing);
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      stepOnce();
    } else if (e.key === 'r' || e.key === 'R') {
      reset();
    }
  });
  new ResizeObserver(() => (state.needsDraw = true)).observe(document.body);
  document.addEventListener('visibilitychange', () => (state.needsDraw = true));
}

async function start() {
  try {
    await loadEngine();
    state.engine = new Engine({});
  } catch (e) {
    showMessage(`The playground could not start: ${e.message}`);
    return;
  }
  wire();
  rebuilt();
  document.body.dataset.ready = 'true';
  requestAnimationFrame(frame);
}

start();
