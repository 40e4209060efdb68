// The page: wires the controls to the engine and runs the one animation loop. Training runs inside
// a per-frame time budget; drawing happens only when something changed. The animated step, explain
// mode and the inspector read snapshots of the engine's buffers, so they can replay a step.
import { Engine, failureMessage, isCoreFailure, limits, loadEngine, resetEngine } from './engine.js';
import { embedSnippets } from './snippets.js';
import { edgeAt, networkLayout, nodeAt } from './layout.js';
import { BUCKETED_EDGES, drawEdgeLayer, drawNetwork, edgeCount } from './draw-network.js';
import { DOMAIN, drawPlot } from './draw-plot.js';
import { drawGradientChart } from './draw-chart.js';
import { decadesSpanned } from './chart.js';
import { due, formatLoss, heatmapResolutions, LEARNING_RATES, learningRateIndex, nextChunk, throttleInterval, adaptBudget, updateCost } from './frame.js';
import { buildTimeline, phaseAt, strongestEdges } from './timeline.js';
import { explain, explainPhases } from './explain.js';
import { renderInspector } from './inspector.js';
import { Comparison } from './compare.js';
import { num, sub } from './notation.js';
import { LossHistory, lossScales } from './history.js';
import { drawLossChart, lossArea } from './draw-loss.js';
import { chosenText, download, fromPlot, nearestPoint, unzip, withoutPoint, withPoint } from './data-tools.js';
import { canvasPalette, css, labelColour, CLASS_COLOURS, NEGATIVE, POSITIVE, ZERO } from './colors.js';
import { installMessageApi } from './embed-api.js';
import { describeHeatmap, largestGradient, stepSummary } from './summary.js';
import { describeFocus, moveFocus } from './focus.js';
import { layerName, layerRows, renderLayerTables } from './table-view.js';

const PLOT_RESOLUTION = 64;
const THUMB_RESOLUTION = 24;
const HEATMAP_INTERVAL_MS = 50;
const INSPECTOR_INTERVAL_MS = 100;
const HISTORY_INTERVAL_MS = 150;
const HISTORY_LENGTH = 30;
/** How often the state to come back to after a failure of the core is saved. */
const CHECKPOINT_INTERVAL_MS = 1000;
/** While training plays, a screen reader hears the summary this often (after a single step: at once). */
const SUMMARY_INTERVAL_MS = 10000;
const TABLE_INTERVAL_MS = 500;
const DESCRIPTION_INTERVAL_MS = 1000;
/** How long one frame's share of an evaluation over every data point may take. */
const EVALUATION_SLICE_MS = 3;
/** A big layer animates only its strongest signals: thousands of moving pulses are noise. */
const PULSES_PER_LAYER = 64;
/** One phase of the animated step at normal speed. */
const PHASE_MS = 650;

const FEATURE_LABELS = {
  x: 'x', y: 'y', xSquared: 'x²', ySquared: 'y²', xTimesY: 'xy',
  sinX: 'sin x', sinY: 'sin y', cosX: 'cos x', cosY: 'cos y',
};

const $ = (id) => document.getElementById(id);
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
/** Where style.css makes every target 44 px (keep the two in step). */
const touchTargets = window.matchMedia('(pointer: coarse), (max-width: 640px)');

const state = {
  engine: null,
  config: null,
  stats: null,
  presets: [],
  /** The theme's canvas colours (colors.canvasPalette), read when the theme is applied. */
  palette: null,
  preset: '',
  playing: false,
  msPerStep: 0,
  speed: 1,
  /** The animated step: { timeline, startedAt, sample, trace, snap, after, applied, loop, maxSignal }. */
  story: null,
  /** Explain mode: { phases, index, sample, trace, snap, after, applied, maxSignal }. */
  explain: null,
  /** What the inspector shows: { column, index } | { layer, i, j } | { layer, i, bias: true }. */
  selected: null,
  /** The training sample the inspector traces. */
  sample: 0,
  lastInspector: -Infinity,
  needsInspector: false,
  history: [],
  lastHistory: -Infinity,
  lastHeatmap: -Infinity,
  needsHeatmaps: true,
  needsDraw: true,
  layout: null,
  train: null,
  thumbnails: [],
  plotImage: null,
  messageKind: null,
  comparison: null,
  /** After a failure of the core: nothing may call the dead engine until `recover`. */
  crashed: false,
  /** The last state known good: { hash, step } (a link with weights), saved once a second. */
  checkpoint: null,
  lastCheckpoint: -Infinity,
  /** Something changed since the last checkpoint (a paused page saves none). */
  needsCheckpoint: true,
  /** An API `step` command is training (the statistics are then spread over frames too). */
  apiStepping: false,
  /** What the aria-live summary last said (step and loss) and when. */
  announcedStep: -1,
  announcedLoss: null,
  lastSummary: -Infinity,
  /** The table view: open or not, and when it was last filled. */
  tableOpen: false,
  needsTable: false,
  lastTable: -Infinity,
  lastDescription: -Infinity,
  needsDescription: false,
  /** The keyboard's drawing cursor on the plot, in data coordinates (null: none). */
  plotCursor: null,
  /** The −/+ buttons' height over the network canvas, kept by a ResizeObserver. */
  controlsHeight: 0,
  controlsObserver: null,
  /** The evaluation spread over frames: points per frame, and the time spent so far. */
  evaluationPoints: 256,
  evaluationMs: 0,
  /** Counts rebuilds: a long API step stops when the network it began on is gone. */
  network: 0,
  /** The API's step commands, one after another. */
  apiSteps: Promise.resolve(),
  /** A dense network's edges, drawn on their own canvas: { canvas, key, drawnAt, cost }. */
  edgeLayer: null,
  test: null,
  /** The neuron under the pointer (its heatmap fills the plot): { column, index } or null. */
  hover: null,
  hoverImage: null,
  /** What a click on the plot does: { kind: 'off' | 'add' | 'erase', label }. */
  drawMode: { kind: 'off', label: 1 },
  losses: new LossHistory(500),
  lossLog: false,
  lossCursor: null,
  lastRecorded: -1,
  needsStats: false,
  statsCost: 0,
  lastStats: -Infinity,
  heatmapCost: 0,
  /** Moving averages of what a frame spends its time on (ms), for measuring. */
  timings: {},
  /** Milliseconds of training per frame, adapted to the measured frame interval. */
  trainBudget: 8,
  lastFrame: 0,
  /** The link options in force (embed, controls, theme, hidden controls). */
  options: { embed: false, controls: null, hide: [], theme: 'light', hideText: false },
  /** The fragment this page last wrote, to tell its own changes from a pasted link. */
  writtenHash: null,
  linkTimer: 0,
  emit: () => {},
  lastStepEvent: -Infinity,
};

/** What an embed shows when its link names no controls. */
const DEFAULT_EMBED_CONTROLS = ['play', 'step', 'reset', 'learningRate'];

const DATASET_NAMES = {
  circle: 'Circle', xor: 'Exclusive or', gauss: 'Two Gaussians', spiral: 'Spiral',
  regPlane: 'Plane', regGauss: 'Multi-Gaussian', blobs: 'Blobs', spiralK: 'Spiral arms',
};
const FEATURES = ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY', 'cosX', 'cosY'];
const ACTIVATION_NAMES = { sigmoid: 'Sigmoid', tanh: 'Tanh', linear: 'Linear', softmax: 'Softmax' };
const LOSS_NAMES = { mse: 'Squared error (MSE)', crossEntropy: 'Cross-entropy' };

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

/** An error from the engine: a failure of the core goes to the crash dialog, the rest is shown. */
function reportError(e, before = '') {
  if (isCoreFailure(e)) coreFailed(e);
  else showMessage(`${before}${e.message}`);
}

function hideMessage() {
  $('message').hidden = true;
  state.messageKind = null;
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
  const { plot, thumb } = heatmapResolutions(sizes, { plotMax: PLOT_RESOLUTION, thumbMax: THUMB_RESOLUTION });
  if (state.plotImage?.width !== plot) state.plotImage = makeImageCanvas(plot);
  paintHeatmap(state.plotImage, -1, plot);
  let node = 0;
  state.thumbnails = sizes.map((count, layer) =>
    Array.from({ length: count }, (_, i) => {
      let canvas = state.thumbnails[layer]?.[i];
      if (canvas?.width !== thumb) canvas = makeImageCanvas(thumb);
      paintHeatmap(canvas, node++, thumb);
      return canvas;
    }),
  );
}

/** The weights to draw: the step's own before/after values while it is being told, else live. */
function weightsToDraw() {
  const engine = state.engine;
  const live = () => engine.sizes.slice(1).map((_, l) => engine.view('weights', l));
  const told = state.explain ?? (state.story && !state.story.loop ? state.story : null);
  if (!told) return live();
  const phase = state.explain ? state.explain.phases[state.explain.index] : currentStoryPhase()?.phase;
  if (phase?.kind !== 'update' || !told.after) return told.snap.layers.map((x) => x.weights);
  if (state.explain) return told.after.layers.map((x) => x.weights);
  // The update, animated: every edge moves from its old weight to its new one (with reduced
  // motion it changes at once, a staged step like the pulses).
  const t = reducedMotion.matches ? 1 : currentStoryPhase().progress;
  return told.snap.layers.map((x, l) => x.weights.map((w, k) => w + (told.after.layers[l].weights[k] - w) * t));
}

function currentStoryPhase() {
  const s = state.story;
  return s ? phaseAt(s.timeline, performance.now() - s.startedAt) : null;
}

/**
 * A dense network's edges on their own canvas, redrawn when the canvas or the highlighting
 * changes and otherwise at most as often as their measured cost allows (15 % of the time, and
 * never more than 10 times a second): weights move little between redraws.
 */
function edgeLayer(scene) {
  const ratio = window.devicePixelRatio || 1;
  const first = scene.layout.columns[0][0];
  const key = `${scene.width}x${scene.height}@${ratio}:${scene.highlight ? 'dim' : ''}:${scene.layout.columns.map((c) => c.length)}:${first.x},${first.y}`;
  const now = performance.now();
  const layer = state.edgeLayer;
  if (layer && layer.key === key && !edgeLayerDue(layer, now)) {
    layer.behind = true; // the weights may have moved since: frameWork draws once more when due
    return layer.canvas;
  }
  const canvas = layer?.canvas ?? document.createElement('canvas');
  canvas.width = Math.round(scene.width * ratio);
  canvas.height = Math.round(scene.height * ratio);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  const t0 = performance.now();
  drawEdgeLayer(ctx, scene);
  state.edgeLayer = { canvas, key, drawnAt: now, behind: false, cost: updateCost(layer?.cost ?? 0, performance.now() - t0, 1) };
  return canvas;
}

const edgeLayerDue = (layer, now) => due(layer.drawnAt, now, throttleInterval(layer.cost, 0.15, 100));

function residualLayers() {
  const sizes = state.engine.sizes;
  return sizes.slice(1).map((n, l) => state.config.residual && l < sizes.length - 2 && sizes[l] === n);
}

function draw() {
  const engine = state.engine;
  const net = fitCanvas($('network'));
  const margin = net.width < 500 ? 24 : 40;
  // The −/+ buttons sit over the top of the canvas: keep the nodes below them (on a phone they
  // are 44 px targets, stacked).
  // The inputs' labels sit left of the first column: keep room for the longest (at its largest font).
  net.ctx.font = '14px system-ui, sans-serif';
  const labels = Math.max(0, ...state.config.features.map((f) => net.ctx.measureText(FEATURE_LABELS[f] ?? f).width));
  const layout = networkLayout(engine.sizes, net.width, net.height, {
    margin,
    top: Math.max(0, state.controlsHeight + 6 - margin),
    left: Math.max(0, labels + 8 - margin),
  });
  state.layout = layout;
  const storyPhase = currentStoryPhase();
  const story = storyPhase && state.story
    ? { ...storyPhase.phase, progress: storyPhase.progress, snap: state.story.snap, reduced: reducedMotion.matches, maxSignal: state.story.maxSignal, edges: state.story.edges, loss: state.story.trace.loss, target: state.story.trace.target }
    : null;
  let highlight = null;
  if (state.explain) {
    const { nodes, edges } = currentExplanation();
    highlight = { nodes, edges };
  }
  const scene = {
    width: net.width,
    height: net.height,
    layout,
    weights: weightsToDraw(),
    thumbnails: state.thumbnails,
    dead: state.stats?.dead ?? [],
    residual: residualLayers(),
    inputLabels: state.config.features.map((f) => FEATURE_LABELS[f] ?? f),
    palette: state.palette,
    selected: state.selected,
    highlight,
    story,
    edgeImage: null,
  };
  if (edgeCount(engine.sizes) > BUCKETED_EDGES) scene.edgeImage = edgeLayer(scene);
  timed('drawNetwork', () => drawNetwork(net.ctx, scene));
  const plot = fitCanvas($('plot'));
  const hovered = hoveredNode();
  timed('drawPlot', () => drawPlot(plot.ctx, {
    size: Math.min(plot.width, plot.height),
    heatmap: hovered === null ? state.plotImage : state.hoverImage,
    train: state.train,
    test: state.config.showTestData ? state.test : null,
    problem: state.config.problem,
    cursor: state.drawMode.kind === 'off' || document.activeElement !== $('plot') ? null : state.plotCursor,
  }));
  const loss = fitCanvas($('loss-chart'));
  drawLossChart(loss.ctx, { width: loss.width, height: loss.height, history: state.losses, log: state.lossLog, cursorEpoch: state.lossCursor, palette: state.palette });
  placeNeuronControls(layout);
  const chart = fitCanvas($('gradient-chart'));
  drawGradientChart(chart.ctx, {
    width: chart.width,
    height: chart.height,
    values: state.stats?.weightGradRms ?? [],
    history: state.history,
    palette: state.palette,
  });
}

// ---- state shown in text ------------------------------------------------------------------------

function refreshStats() {
  const t0 = performance.now();
  showStats();
  const now = performance.now();
  state.statsCost = updateCost(state.statsCost, now - t0, 1);
  state.lastStats = now;
  state.needsStats = false;
}

/** One frame's share of an evaluation; the statistics are shown when it is complete. */
function evaluateSlice() {
  const t0 = performance.now();
  const done = state.engine.evaluateSome(state.evaluationPoints);
  const ms = performance.now() - t0;
  state.evaluationMs += ms;
  if (!done) {
    // A full slice ran: size the next one to EVALUATION_SLICE_MS.
    state.evaluationPoints = Math.max(32, Math.round((state.evaluationPoints * EVALUATION_SLICE_MS) / Math.max(ms, 0.01)));
    return;
  }
  showStats(true);
  const now = performance.now();
  state.statsCost = updateCost(state.statsCost, state.evaluationMs + (now - t0 - ms), 1);
  state.evaluationMs = 0;
  state.lastStats = now;
  state.needsStats = false;
}

/** Shows the statistics: exact for the current parameters, or (`latest`) the last evaluation's. */
function showStats(latest = false) {
  const s = (state.stats = latest ? state.engine.latestStats() : state.engine.stats());
  $('epoch').textContent = String(s.epoch);
  $('step-count').textContent = String(s.step);
  $('train-loss').textContent = formatLoss(s.trainLoss);
  $('test-loss').textContent = formatLoss(s.testLoss);
  const percent = (v) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
  $('accuracy-row').hidden = s.testAccuracy === null && s.trainAccuracy === null;
  $('train-accuracy-row').hidden = s.trainAccuracy === null && s.testAccuracy === null;
  $('test-accuracy').textContent = percent(s.testAccuracy);
  $('train-accuracy').textContent = percent(s.trainAccuracy);
  recordLoss(s);
  const now = performance.now();
  if (due(state.lastStepEvent, now, 100)) {
    state.lastStepEvent = now;
    state.emit('step', { step: s.step, epoch: s.epoch, trainLoss: s.trainLoss, testLoss: s.testLoss });
  }
  showDead(s);
  showGradients(s);
  if (s.diverged) onDiverged(s);
  announce(s, now);
}

/** The aria-live summary: after every step taken by hand, and now and then while playing. */
function announce(s, now) {
  if (s.step === state.announcedStep || (state.playing && !due(state.lastSummary, now, SUMMARY_INTERVAL_MS))) return;
  if (s.step === 0) {
    // A new network says nothing until it has taken a step; its loss is the baseline.
    state.announcedStep = 0;
    state.announcedLoss = s.trainLoss;
    return;
  }
  const layers = state.engine.sizes.length - 1;
  const grads = Array.from({ length: layers }, (_, l) => state.engine.view('weightGrads', l));
  $('step-summary').textContent = stepSummary({
    step: s.step,
    loss: s.trainLoss,
    previousLoss: state.announcedLoss,
    largest: largestGradient(grads, state.engine.sizes),
    dead: s.deadCount,
    hidden: s.hiddenCount,
  });
  state.announcedStep = s.step;
  state.announcedLoss = s.trainLoss;
  state.lastSummary = now;
}

function showDead(s) {
  $('dead-count').textContent = `${s.deadCount} of ${s.hiddenCount}`;
  $('dead').dataset.count = String(s.deadCount);
  const relu = state.config.activation === 'relu';
  $('dead-explained').textContent = s.deadCount
    ? ': z ≤ 0 on every training point, so ReLU′(z) = 0 and they receive exactly zero gradient. They will never recover.'
    : relu
      ? '. A ReLU dies when z ≤ 0 on every training point.'
      : `. Only ReLU neurons can die; ${state.config.activation} keeps a slope everywhere.`;
  $('revive').hidden = !(s.deadCount > 0 && relu);
}

function showGradients(s) {
  const values = s.weightGradRms;
  const list = $('gradient-values');
  // Reuse the list items (this runs every frame while training): no DOM garbage per frame.
  while (list.children.length > values.length) list.lastElementChild.remove();
  while (list.children.length < values.length) list.append(document.createElement('li'));
  values.forEach((v, l) => {
    const item = list.children[l];
    item.textContent = `W${sub(l + 1)}: ${num(v)}`;
    item.dataset.value = String(v);
  });
  const decades = decadesSpanned(values);
  const first = values[0];
  const last = values[values.length - 1];
  $('gradient-summary').textContent =
    values.length > 1 && first > 0 && last > 0
      ? `First layer ÷ last layer: ${num(first / last)} (${decades.toFixed(1)} orders of magnitude between the smallest and the largest).`
      : '';
  const now = performance.now();
  if (due(state.lastHistory, now, HISTORY_INTERVAL_MS) && values.some((v) => v > 0)) {
    state.history.push(values.slice());
    if (state.history.length > HISTORY_LENGTH) state.history.shift();
    state.lastHistory = now;
  }
}

/** One point of the loss chart per frame at most, and only when training moved on. */
function recordLoss(s) {
  if (s.step === state.lastRecorded || s.trainLoss === null) return;
  state.lastRecorded = s.step;
  state.losses.push(s.epoch + fractionOfEpoch(s), s.trainLoss, s.testLoss);
}

/** Where in the current epoch the step count is, so that steps within an epoch spread out. */
function fractionOfEpoch(s) {
  const perEpoch = Math.ceil(state.train.length / 3 / state.config.batchSize) || 1;
  return (s.step % perEpoch) / perEpoch;
}

function onDiverged(s) {
  if (state.playing || state.messageKind !== 'notice') state.emit('diverged', { step: s.divergedAtStep });
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
  $('activation').value = c.activation;
  $('network-shape').value = c.networkShape.join(', ');
  $('residual').checked = c.residual;
  const index = learningRateIndex(c.learningRate);
  $('learning-rate').value = String(index);
  $('learning-rate').setAttribute('aria-valuetext', `η = ${LEARNING_RATES[index]}`); // not the slider's index
  $('learning-rate-value').textContent = String(c.learningRate);
  $('seed').textContent = String(c.seed);
  $('preset').value = state.preset;
  const preset = state.presets.find((p) => p.name === state.preset);
  $('preset-teaches').hidden = !preset;
  $('preset-teaches').textContent = preset?.teaches ?? '';
  const sizes = state.engine.sizes;
  $('network-summary').textContent = `· ${sizes.join('–')} · ${c.outputActivation} output · ${c.loss} loss`;
  $('problem').value = c.problem;
  $('regularization').value = c.regularization;
  $('regularization-rate').value = String(c.regularizationRate);
  $('init').value = c.init;
  $('optimizer').value = c.optimizer;
  fillOutputChoices(c);
  setRange('classes', c.classes, String(c.classes));
  $('classes-control').hidden = c.problem !== 'multiclass';
  setRange('noise', c.noise, `${c.noise} %`);
  setRange('num-points', c.numPoints, String(c.numPoints));
  setRange('train-ratio', c.percTrainData, `${c.percTrainData} %`);
  const trainCount = state.train ? state.train.length / 3 : 0;
  $('batch-size').max = String(Math.max(1, Math.min(50, trainCount)));
  setRange('batch-size', c.batchSize, String(c.batchSize));
  $('show-test').checked = c.showTestData;
  $('discretize').checked = c.discretize;
  for (const button of $('feature-toggles').children) button.setAttribute('aria-pressed', String(c.features.includes(button.dataset.feature)));
  for (const button of $('dataset-picker').children) button.setAttribute('aria-pressed', String(button.dataset.dataset === c.dataset && !state.engine.hasCustomData()));
  scheduleLinkUpdate();
  state.emit('configChanged', c);
  $('layer-count').textContent = String(c.networkShape.length);
  $('remove-layer').disabled = c.networkShape.length === 0;
  $('add-layer').disabled = c.networkShape.length >= 16;
  fillDrawModes(c);
}

function setRange(id, value, text) {
  $(id).value = String(value);
  $(`${id}-value`).textContent = text;
}

/** Only the output activations and losses that go together for this problem are offered. */
function fillOutputChoices(c) {
  const pairs = Engine.outputChoices(c.problem);
  const fill = (select, values, names, current) => {
    select.replaceChildren(
      ...values.map((v) => {
        const option = document.createElement('option');
        option.value = v;
        option.textContent = names[v] ?? v;
        return option;
      }),
    );
    select.value = current;
  };
  fill($('output-activation'), [...new Set(pairs.map((p) => p.outputActivation))], ACTIVATION_NAMES, c.outputActivation);
  fill($('loss'), pairs.filter((p) => p.outputActivation === c.outputActivation).map((p) => p.loss), LOSS_NAMES, c.loss);
}

/** The draw tools: one chip per class (or a value for regression), erase, and off. */
function fillDrawModes(c) {
  const modes = [{ kind: 'off', label: 0, text: 'Off' }];
  if (c.problem === 'classification') modes.push({ kind: 'add', label: 1, text: 'Add blue (+1)' }, { kind: 'add', label: -1, text: 'Add orange (−1)' });
  else if (c.problem === 'multiclass') for (let k = 0; k < c.classes; k++) modes.push({ kind: 'add', label: k, text: `Add class ${k}` });
  else modes.push({ kind: 'add', label: NaN, text: 'Add points' });
  modes.push({ kind: 'erase', label: 0, text: 'Erase' });
  const current = state.drawMode;
  const valid = modes.some((m) => m.kind === current.kind && (m.kind !== 'add' || Object.is(m.label, current.label) || Number.isNaN(m.label)));
  if (!valid) state.drawMode = { kind: 'off', label: 0 };
  $('draw-modes').replaceChildren(
    ...modes.map((m) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = m.text;
      const active = m.kind === state.drawMode.kind && (m.kind !== 'add' || Number.isNaN(m.label) || m.label === state.drawMode.label);
      button.setAttribute('aria-pressed', String(active));
      if (m.kind === 'add' && c.problem !== 'regression') {
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.background = css(labelColour(c.problem, m.label));
        button.prepend(swatch);
      }
      button.addEventListener('click', () => {
        state.drawMode = { kind: m.kind, label: m.label };
        fillDrawModes(state.config);
      });
      return button;
    }),
  );
  $('draw-value-control').hidden = !(c.problem === 'regression' && state.drawMode.kind === 'add');
  $('plot').classList.toggle('drawing', state.drawMode.kind !== 'off');
}

/** Something changed the weights or the data: recompute what is shown. While training plays,
 *  the statistics (a pass over all the data) are refreshed at a rate their cost allows. */
/** The parameters changed: everything that shows them is due; `now` refreshes the statistics at once. */
function changed(now = !state.playing) {
  // The inspector and the tables trace the sample the next step starts with: after a step it is another.
  state.sample = state.engine.nextSample() ?? 0;
  state.needsStats = true;
  state.needsCheckpoint = true;
  state.needsTable = true;
  state.needsDescription = true;
  if (now) refreshStats();
  state.needsHeatmaps = true;
  state.needsDraw = true;
  state.needsInspector = true;
}

function rebuilt() {
  hideMessage(); // whatever it said (a divergence, a bad setting) was about the network before
  state.network += 1;
  state.msPerStep = 0; // another network: measure its cost afresh before sizing a chunk
  state.announcedLoss = null; // "down 0.1" would compare with another network
  endStory(false); // its step belonged to the network before
  state.explain = null;
  state.selected = null; // the old network's neurons may not exist in the new one
  $('network-focus').textContent = '';
  $('node-description').textContent = '';
  $('inspector').hidden = true;
  state.history = [];
  state.losses.clear();
  state.lastRecorded = -1;
  state.hover = null;
  state.thumbnails = [];
  dataChanged();
  showConfig();
  buildNeuronControls();
  fillTableLayers();
  showExplain();
  changed();
}

/** The data changed (rebuild, drawing, import): refresh the points and the traced sample. */
function dataChanged() {
  state.train = state.engine.trainPoints();
  state.test = state.engine.testPoints();
  state.sample = state.engine.nextSample() ?? 0;
  // Trace one sample so that every gradient view has numbers before the first step.
  if (state.train.length) state.engine.trace(state.sample);
}

/** Applies setting changes; an invalid value is reported by name and the controls snap back. */
/**
 * Applies setting changes and shows their effect (a rebuild, or live settings redrawn); throws an
 * Error naming a bad field, and then nothing changes. The page's controls and the message API
 * both come through here. Returns whether the network was rebuilt.
 */
function setConfig(changes) {
  const wasRebuilt = state.engine.setConfig(changes);
  if (wasRebuilt) {
    state.preset = '';
    rebuilt();
  } else {
    if (state.messageKind === 'error') hideMessage(); // the setting it was about is fine now
    showConfig();
    state.needsHeatmaps = true; // discretize, for one, changes the colours
    state.needsDraw = true;
  }
  return wasRebuilt;
}

/** A control's change: applied, or its error shown and the controls snapped back. */
function applyConfig(changes) {
  try {
    setConfig(changes);
  } catch (e) {
    if (isCoreFailure(e)) return coreFailed(e);
    showMessage(e.message);
    showConfig();
  }
}

function replaceEngine(config, preset = '') {
  useEngine(new Engine(config), preset); // throws on a bad config: the old engine stays
}

function useEngine(engine, preset = '') {
  state.engine?.free();
  state.engine = engine;
  state.preset = preset;
  setPlaying(false);
  rebuilt();
}

// ---- links, embedding and the message API -------------------------------------------------------

/** The link options without the settings: what an "open in full playground" or embed link adds. */
function optionsFragment(options) {
  const parts = [];
  if (options.embed) parts.push('embed=1');
  if (options.controls) parts.push(`controls=${options.controls.join(',')}`);
  if (options.theme === 'dark') parts.push('theme=dark');
  for (const h of options.hide) parts.push(`${h}_hide=true`);
  if (options.hideText) parts.push('hideText=true');
  return parts.join('&');
}

/** Keeps the address bar's fragment in step with the settings (replacing, not adding, history). */
function scheduleLinkUpdate() {
  // The way out of an embed must be right from the first frame, not after the debounce.
  if (state.options.embed) $('open-full').href = `./#${state.engine.link(false, state.preset)}`;
  clearTimeout(state.linkTimer);
  state.linkTimer = setTimeout(() => {
    const extra = optionsFragment(state.options);
    const hash = `#${state.engine.link(false, state.preset)}${extra ? `&${extra}` : ''}`;
    if (hash !== location.hash) {
      state.writtenHash = hash;
      history.replaceState(null, '', hash);
    }
  }, 250);
}

/** Opens a link: a new engine from its fragment, its problems reported, its page options applied. */
function openLink(hash) {
  const engine = Engine.fromLink(hash);
  const report = engine.linkReport();
  applyOptions(report.options);
  useEngine(engine, report.options.preset ?? '');
  const problems = [
    ...report.errors,
    ...report.notices.map((n) => `Ignored: ${n}.`),
  ];
  if (problems.length) showMessage(`This link could not be read in full. ${problems.map((p) => p.replace(/\.?$/, '.')).join(' ')}`);
  if (report.options.autoplay && reducedMotion.matches) {
    showMessage('This playground would start training on its own, but your system asks for reduced motion.', { label: 'Play', run: () => setPlaying(true) });
  } else if (report.options.autoplay) setPlaying(true);
}

/** Embed mode, shown and hidden controls, theme and hidden text, from a link. */
function applyOptions(options) {
  state.options = { ...options, controls: options.controls ?? null };
  document.body.classList.toggle('embed', options.embed);
  document.body.classList.toggle('dark', options.theme === 'dark');
  document.documentElement.classList.toggle('dark', options.theme === 'dark'); // below the body too
  $('theme-toggle').setAttribute('aria-pressed', String(options.theme === 'dark'));
  document.body.classList.toggle('hide-text', options.hideText);
  // The canvases draw in the theme's colours (read once per theme, not every frame).
  state.palette = canvasPalette(getComputedStyle(document.body));
  const shown = options.embed ? new Set(options.controls ?? DEFAULT_EMBED_CONTROLS) : null;
  for (const el of document.querySelectorAll('[data-control]')) {
    const name = el.dataset.control;
    el.classList.toggle('control-hidden', options.hide.includes(name) || (shown !== null && !shown.has(name)));
  }
  $('open-full').hidden = !options.embed;
  for (const panel of document.querySelectorAll('.side-column .side-panel')) {
    // A panel with nothing left to show goes too.
    const visible = [...panel.querySelectorAll('[data-control]')].some((el) => !el.classList.contains('control-hidden'));
    panel.classList.toggle('control-hidden', options.embed && !visible);
  }
  state.needsDraw = true;
}

function stateForApi() {
  const s = state.engine.stats();
  return { step: s.step, epoch: s.epoch, trainLoss: s.trainLoss, testLoss: s.testLoss, diverged: s.diverged, config: state.engine.config() };
}

function emitResize() {
  const style = getComputedStyle(document.body);
  const height = document.body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
  state.emit('resize', { height: Math.ceil(height) });
}

/**
 * `count` steps for the message API, a frame's training budget at a time, so that even 100 000
 * steps of the largest network never freeze the page. Resolves with what `step` replies.
 */
function stepAcrossFrames(count) {
  // One API step at a time: a second waits for the first instead of interleaving with it.
  const run = state.apiSteps.then(() => stepRun(count));
  state.apiSteps = run.catch(() => {});
  return run;
}

async function stepRun(count) {
  state.apiStepping = true;
  try {
    return await stepLoop(count);
  } finally {
    state.apiStepping = false;
  }
}

async function stepLoop(count) {
  const network = state.network; // a rebuild (reset, setConfig, a link) ends the run
  let ran = 0;
  for (;;) {
    if (state.crashed) throw new Error('step: the playground stopped after an internal error');
    if (state.network !== network) return { ran, interrupted: true, ...stateForApi() };
    // Hidden, nobody watches frames: train in longer slices (timers there run about once a second).
    const chunk = trainWithin(document.hidden ? 200 : state.trainBudget, count - ran);
    ran += chunk.ran;
    const finished = chunk.stopped || ran >= count;
    changed(finished); // the statistics (a pass over every point) once, at the end
    if (finished) return { ran, ...stateForApi() };
    // A task boundary lets the page draw; unlike requestAnimationFrame it also fires in a hidden
    // tab or an off-screen iframe, where a host may well be stepping.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** The API's handlers, refusing while the core is down, and reporting a failure of the core. */
function whileAlive(handlers) {
  const guarded = Object.fromEntries(Object.entries(handlers).map(([name, run]) => [name, name === 'subscribed' ? run : (args) => {
    if (state.crashed) throw new Error(`${name}: the playground is stopped after an internal error; reset it in the page first`);
    return run(args);
  }]));
  guarded.failed = (e) => isCoreFailure(e) && coreFailed(e);
  return guarded;
}

function installApi() {
  state.emit = installMessageApi(whileAlive({
    play: () => setPlaying(true),
    pause: () => setPlaying(false),
    step: ({ count }) => {
      setPlaying(false);
      endStory(); // a step being told is taken now, not in the middle of these
      return stepAcrossFrames(count);
    },
    reset: () => reset(),
    getState: () => stateForApi(),
    // Validated like a link: a bad field is an error reply and nothing changes.
    setConfig: ({ config }) => ({ rebuilt: setConfig(config), config: state.engine.config() }),
    trace: ({ index }) => state.engine.trace(index),
    // A new subscriber to `resize` learns the height at once, not at the next change.
    subscribed: (events) => events.includes('resize') && setTimeout(emitResize),
  }));
  new ResizeObserver(emitResize).observe(document.body);
}

// ---- the share dialog ----------------------------------------------------------------------------

const EMBED_CHOICES = ['play', 'step', 'reset', 'learningRate', 'activation', 'dataset', 'networkShape', 'features', 'explain', 'speed', 'lossChart', 'gradients'];

function showShare() {
  const chosen = new Set(state.options.controls ?? DEFAULT_EMBED_CONTROLS);
  $('embed-controls').replaceChildren(
    ...EMBED_CHOICES.map((name) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = name;
      b.setAttribute('aria-pressed', String(chosen.has(name)));
      b.addEventListener('click', () => {
        b.setAttribute('aria-pressed', String(b.getAttribute('aria-pressed') !== 'true'));
        updateShare();
      });
      return b;
    }),
  );
  updateShare();
  $('share-dialog').showModal();
}

function updateShare() {
  const base = new URL('./', location.href).href;
  const fragment = state.engine.link($('share-weights').checked, state.preset);
  $('share-link').value = `${base}#${fragment}`;
  $('share-copied').textContent = '';
  const controls = [...$('embed-controls').children].filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.textContent);
  const snippets = embedSnippets({ base, fragment: state.engine.link(false, state.preset), controls, preset: state.preset });
  $('embed-iframe').value = snippets.iframe;
  $('embed-element').value = snippets.element;
}

// ---- training and the animated step -------------------------------------------------------------

function setPlaying(playing) {
  if (playing && state.story && !state.story.loop) endStory(); // its step first, then training runs on
  state.playing = playing;
  $('play').classList.toggle('playing', playing);
  $('play').setAttribute('aria-label', playing ? 'Pause' : 'Play');
  if (playing && state.explain) leaveExplain();
}

/**
 * Up to `wanted` steps within `budgetMs`, in chunks sized by the measured cost per step. Returns
 * { ran, stopped }: `stopped` when training cannot go on (diverged, or no training data).
 */
function trainWithin(budgetMs, wanted) {
  const start = performance.now();
  let ran = 0;
  while (ran < wanted) {
    const n = nextChunk({ msPerStep: state.msPerStep, remainingMs: budgetMs - (performance.now() - start), wanted: wanted - ran });
    if (n === 0) break;
    const t0 = performance.now();
    const stepped = state.engine.step(n);
    state.msPerStep = updateCost(state.msPerStep, performance.now() - t0, stepped);
    ran += stepped;
    if (stepped < n) return { ran, stopped: true };
  }
  return { ran, stopped: false };
}

/** One epoch per frame at most, within the time budget. */
function trainFrame() {
  if (!state.train.length) return;
  const stepsPerEpoch = Math.ceil(state.train.length / 3 / state.config.batchSize);
  const { stopped } = trainWithin(state.trainBudget, stepsPerEpoch);
  changed();
  if (stopped) refreshStats(); // diverged: report it at once
}

/** Largest signals of a traced step, so that pulse sizes compare across layers. */
function maxSignals(snap) {
  let forward = 0;
  let backward = 0;
  let delta = 0;
  snap.layers.forEach((layer, l) => {
    const prev = l === 0 ? snap.inputs : snap.layers[l - 1].activations;
    const n = prev.length;
    for (let i = 0; i < layer.deltas.length; i++) {
      delta = Math.max(delta, Math.abs(layer.deltas[i]));
      for (let j = 0; j < n; j++) {
        const w = layer.weights[i * n + j];
        forward = Math.max(forward, Math.abs(w * prev[j]));
        backward = Math.max(backward, Math.abs(w * layer.deltas[i]));
      }
    }
  });
  return { forward, backward, delta };
}

/** Traces the sample that the next step starts with: the one the story tells. */
function traceNext() {
  const sample = state.engine.nextSample();
  if (sample === undefined) return null; // no training data: nothing to tell
  const trace = state.engine.trace(sample);
  const snap = state.engine.snapshot();
  state.sample = sample;
  // The configuration of the step being told: its text must not follow later changes.
  const config = state.engine.config();
  const edges = { forward: strongestEdges(snap, 'forward', PULSES_PER_LAYER), backward: strongestEdges(snap, 'backward', PULSES_PER_LAYER) };
  return { sample, trace, snap, config, edges, maxSignal: maxSignals(snap), after: null, applied: false };
}

/** Plays one training step as a story; `loop` tells only the backward pass (while playing). */
function startStory(loop = false) {
  const told = traceNext();
  if (!told) return;
  const layers = state.engine.sizes.length - 1;
  const phaseMs = PHASE_MS / (state.speed || 1);
  let timeline = buildTimeline(layers, phaseMs);
  if (loop) {
    timeline = timeline
      .filter((p) => p.kind === 'backward')
      .map((p, k) => ({ ...p, start: (k * phaseMs) / 2, end: ((k + 1) * phaseMs) / 2 }));
  }
  state.story = { ...told, timeline, startedAt: performance.now(), loop };
  state.needsDraw = true;
}

/** Applies the story's step (once) and records the weights after it. */
/**
 * Ends the story being told: first its step (once, unless `apply` is false: a looped story or an
 * abandoned one takes none), then the caption goes, and what showed the told step shows the
 * network as it is.
 */
function endStory(apply = true) {
  if (!state.story) return;
  if (apply) applyStoryStep(state.story);
  state.story = null;
  $('story-caption').textContent = '';
  state.needsDraw = true;
  state.needsInspector = true;
  state.needsTable = true;
}

/** Takes the training step that a story (or an explanation) tells, once. */
function applyStoryStep(story) {
  if (story.applied || story.loop) return;
  state.engine.step(1);
  story.applied = true;
  story.after = state.engine.snapshot();
  changed();
}

function updateStory(now) {
  const story = state.story;
  if (!story) return;
  const at = phaseAt(story.timeline, now - story.startedAt);
  if (!at) {
    endStory();
    return;
  }
  if (at.phase.kind === 'update') applyStoryStep(story);
  const text = caption(at.phase, story);
  // Written only when it changes: it is a live region, and a write each frame would re-announce it.
  if ($('story-caption').textContent !== text) $('story-caption').textContent = text;
  state.needsDraw = true;
}

function caption(phase, story) {
  const L = story.snap.layers.length;
  const column = (c) => (c === 0 ? 'the inputs' : c === L ? 'the output' : `hidden layer ${c}`);
  switch (phase.kind) {
    case 'forward':
      return `Forward: values flow from ${column(phase.layer)} to ${column(phase.layer + 1)}.`;
    case 'loss':
      return `Loss: ŷ = ${Array.from(story.trace.output, num).join(', ')} against y = ${Array.from(story.trace.target, num).join(', ')}, L = ${num(story.trace.loss)}.`;
    case 'backward':
      return `Backward: the error signal flows from ${column(phase.layer + 1)} to ${column(phase.layer)}; each pulse is W·δ.`;
    default:
      return `Update: every weight moves against its gradient, W ← W − η·∂L/∂W (η = ${story.config.learningRate}).`;
  }
}

function stepOnce() {
  if (state.explain) {
    explainMove(1);
    return;
  }
  setPlaying(false);
  if (state.story && !state.story.loop) endStory(); // a second press finishes the running story at once
  if (state.speed === 0) {
    state.engine.step(1);
    changed();
  } else {
    startStory(false);
  }
}

// ---- explain mode -------------------------------------------------------------------------------

/** The neuron of a column that explain mode writes out: the inspected one, else the one with the
 *  largest error signal (for the inputs: the largest input), so that the numbers are telling. */
function focusOf(column) {
  const s = state.selected;
  if (s && 'column' in s && s.column === column) return s.index;
  if (s && 'i' in s && s.layer + 1 === column) return s.i;
  if (s && 'j' in s && s.layer === column) return s.j;
  const snap = state.explain.snap;
  const values = column === 0 ? snap.inputs : snap.layers[column - 1].deltas;
  let best = 0;
  values.forEach((v, k) => Math.abs(v) > Math.abs(values[best]) && (best = k));
  return best;
}

function currentExplanation() {
  const e = state.explain;
  return explain(e.phases[e.index], { snap: e.snap, after: e.after, trace: e.trace, config: e.config, focus: focusOf });
}

function enterExplain() {
  setPlaying(false);
  endStory(false); // explain mode tells that same step, phase by phase
  const told = traceNext();
  if (!told) {
    showMessage('There is no training data to explain a step on: draw some points or choose a data set.');
    return;
  }
  state.explain = { ...told, phases: explainPhases(state.engine.sizes.length - 1), index: 0 };
  showExplain();
  state.needsDraw = true;
  state.needsInspector = true;
}

function leaveExplain() {
  state.explain = null;
  showExplain();
  state.needsDraw = true;
}

function explainMove(delta) {
  const e = state.explain;
  const next = e.index + delta;
  if (next < 0) return;
  if (next >= e.phases.length) {
    enterExplain(); // the next step's story
    return;
  }
  e.index = next;
  if (e.phases[next].kind === 'update') applyStoryStep(e); // the step an explanation tells, once
  showExplain();
  state.needsDraw = true;
}

function showExplain() {
  const e = state.explain;
  $('explain').setAttribute('aria-pressed', String(Boolean(e)));
  $('explain-panel').hidden = !e;
  if (!e) return;
  const text = currentExplanation();
  $('explain-title').textContent = text.title;
  $('explain-count').textContent = `Phase ${e.index + 1} of ${e.phases.length} · sample ${e.sample}`;
  $('explain-lines').replaceChildren(
    ...text.lines.map((line) => {
      const p = document.createElement('p');
      p.textContent = line;
      return p;
    }),
  );
  $('explain-note').textContent = text.note;
  $('explain-prev').disabled = e.index === 0;
  $('explain-next').textContent = e.index === e.phases.length - 1 ? 'Next step →' : 'Next →';
}

// ---- the inspector ------------------------------------------------------------------------------

function select(selection) {
  state.selected = selection;
  $('network-focus').textContent = selection ? `Selected: ${describeFocus(selection, state.engine.sizes)}.` : '';
  describePlanes();
  $('inspector').hidden = !selection;
  refreshInspector();
  state.lastInspector = performance.now();
  state.needsDraw = true;
  showHover();
  if (state.explain) showExplain();
}

function refreshInspector() {
  const sel = state.selected;
  if (!sel) return;
  // Someone is typing a new value: leave the panel alone until they are done.
  if ($('inspector-body').contains(document.activeElement) && document.activeElement.tagName === 'INPUT') return;
  let snap;
  let trace;
  let numeric = null;
  let update = null;
  if (state.story && !state.story.loop) {
    ({ snap, trace } = state.story); // the step being told, as it was
  } else if (!state.train.length) {
    $('inspector-title').textContent = 'No training data';
    $('inspector-sample').textContent = 'Draw some points or choose a data set to inspect gradients.';
    $('inspector-body').replaceChildren();
    return;
  } else {
    trace = state.engine.trace(state.sample);
    snap = state.engine.snapshot();
    if ('j' in sel || sel.bias) {
      const index = sel.bias ? sel.i : sel.i * snap.sizes[sel.layer] + sel.j;
      numeric = state.engine.numericalGradient(sel.layer, index, Boolean(sel.bias), state.sample);
      // The next step averages over its mini-batch: preview exactly that change.
      state.engine.computeNextBatchGradients();
      update = state.engine.updatePreview(sel.layer, index, Boolean(sel.bias));
    }
  }
  renderInspector(
    { title: $('inspector-title'), sample: $('inspector-sample'), body: $('inspector-body') },
    { snap, trace, config: state.config, selected: sel, numeric, update, dead: state.stats?.dead, onSelect: select, sample: state.sample, onEdit: editParameter },
  );
}

function canvasPoint(event) {
  const rect = $('network').getBoundingClientRect();
  return [event.clientX - rect.left, event.clientY - rect.top];
}

function onNetworkClick(event) {
  if (!state.layout) return;
  const [x, y] = canvasPoint(event);
  const node = nodeAt(state.layout, x, y);
  if (node) return select({ column: node.layer, index: node.index });
  const edge = edgeAt(state.layout, x, y);
  select(edge ? { layer: edge.layer, i: edge.i, j: edge.j } : null);
}

/** The diagram's roving focus (see focus.js); Enter takes the keyboard into the inspector, Escape closes it. */
function onNetworkKey(event) {
  if (event.key === 'Escape') return select(null);
  if (event.key === 'Enter') {
    if (!state.selected) select({ column: 0, index: 0 });
    event.preventDefault();
    $('inspector').focus();
    return;
  }
  const next = moveFocus(state.selected, event.key, event.shiftKey, state.engine.sizes);
  if (next === undefined) return;
  event.preventDefault();
  event.stopPropagation();
  select(next);
}

/** Sets one weight or bias (from the inspector); the drawing and heatmaps follow at once. */
function editParameter(sel, value) {
  if (!Number.isFinite(value)) {
    showMessage(`The new value of the parameter must be a number; ${JSON.stringify(String(value))} is not.`);
    return;
  }
  const l = sel.layer;
  const weights = state.engine.view('weights', l).slice();
  const biases = state.engine.view('biases', l).slice();
  if (sel.bias) biases[sel.i] = value;
  else weights[sel.i * state.engine.sizes[l] + sel.j] = value;
  try {
    state.engine.setParams(l, weights, biases);
  } catch (e) {
    reportError(e);
    return;
  }
  changed();
  refreshInspector();
}

// ---- the diagram's own controls, hover and the plot's drawing tools ------------------------------

function hoveredNode() {
  const n = state.hover ?? (state.selected && 'column' in state.selected ? state.selected : null);
  if (!n) return null;
  const sizes = state.engine.sizes;
  if (n.column >= sizes.length || n.index >= sizes[n.column]) return null;
  return sizes.slice(0, n.column).reduce((a, b) => a + b, 0) + n.index;
}

function showHover() {
  const node = hoveredNode();
  if (node === null) {
    $('plot-caption').textContent = 'The prediction over the plane.';
  } else {
    const { plot } = heatmapResolutions(state.engine.sizes, { plotMax: PLOT_RESOLUTION, thumbMax: THUMB_RESOLUTION });
    if (state.hoverImage?.width !== plot) state.hoverImage = makeImageCanvas(plot);
    paintHeatmap(state.hoverImage, node, plot);
    const n = state.hover ?? state.selected;
    const sizes = state.engine.sizes;
    const what = n.column === 0 ? `input ${FEATURE_LABELS[state.config.features[n.index]]}` : n.column === sizes.length - 1 ? `output neuron ${n.index}` : `neuron ${n.index} of hidden layer ${n.column}`;
    $('plot-caption').textContent = `Showing the output of ${what} over the plane.`;
  }
  state.needsDraw = true;
}

/** One +/− pair above each hidden column of the diagram. */
function buildNeuronControls() {
  const shape = state.config.networkShape;
  $('neuron-controls').replaceChildren(
    ...shape.map((width, l) => {
      const group = document.createElement('div');
      group.className = 'neuron-control';
      const make = (text, label, delta, disabled) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'small';
        b.textContent = text;
        b.disabled = disabled;
        b.setAttribute('aria-label', label);
        b.addEventListener('click', () => {
          const next = shape.slice();
          next[l] = width + delta;
          applyConfig({ networkShape: next });
        });
        return b;
      };
      group.append(
        make('−', `Remove a neuron from hidden layer ${l + 1} (${width} now)`, -1, width <= 1),
        make('+', `Add a neuron to hidden layer ${l + 1} (${width} now)`, 1, width >= 32),
      );
      return group;
    }),
  );
  // Their height, from a ResizeObserver: reading offsetHeight while drawing would force a layout
  // in every frame (on the largest network that doubled the frame interval).
  state.controlsObserver?.disconnect();
  const first = $('neuron-controls').firstElementChild;
  state.controlsHeight = 0;
  if (!first) return;
  state.controlsObserver = new ResizeObserver(() => {
    state.controlsHeight = first.offsetHeight;
    state.needsDraw = true;
  });
  state.controlsObserver.observe(first);
}

function placeNeuronControls(layout) {
  const groups = $('neuron-controls').children;
  // Side by side while a pair fits between columns, else stacked (smaller, except on touch
  // screens, where a target stays 44 px); where not even one fits, the columns get none: the
  // shape is then edited in the settings (networkShape) and with the layer buttons.
  const touch = touchTargets.matches;
  const spacing = layout.columns.length > 2 ? layout.columns[2][0].x - layout.columns[1][0].x : Infinity;
  const [pair, single] = touch ? [2 * 44 + 8, 44 + 4] : [80, 22 + 4];
  $('neuron-controls').classList.toggle('compact', spacing < pair);
  $('neuron-controls').classList.toggle('crowded', spacing < single);
  for (let l = 0; l < groups.length; l++) {
    const column = layout.columns[l + 1];
    if (!column) continue;
    groups[l].style.left = `${column[0].x}px`;
  }
}

function onNetworkHover(event) {
  if (!state.layout) return;
  const [x, y] = canvasPoint(event);
  const node = nodeAt(state.layout, x, y);
  const hover = node ? { column: node.layer, index: node.index } : null;
  if (JSON.stringify(hover) === JSON.stringify(state.hover)) return;
  state.hover = hover;
  showHover();
}

/** A click on the plot adds a point of the chosen class (or value), or erases the nearest. */
function onPlotClick(event) {
  if (state.drawMode.kind === 'off') return;
  const rect = $('plot').getBoundingClientRect();
  const size = Math.min(rect.width, rect.height);
  const [x, y] = fromPlot(event.clientX - rect.left, event.clientY - rect.top, size);
  drawAt(x, y);
}

/** Adds a point at (x, y), or erases the nearest one, as the drawing mode says. */
function drawAt(x, y) {
  const mode = state.drawMode;
  let train = state.train;
  let test = state.test;
  if (mode.kind === 'add') {
    const label = state.config.problem === 'regression' ? Number($('draw-value').value) : mode.label;
    train = withPoint(train, x, y, label);
  } else {
    const radius = 0.4;
    const inTrain = nearestPoint(train, x, y, radius);
    if (inTrain >= 0) train = withoutPoint(train, inTrain);
    else if (state.config.showTestData) {
      const inTest = nearestPoint(test, x, y, radius);
      if (inTest < 0) return;
      test = withoutPoint(test, inTest);
    } else return;
  }
  setData(train, test);
}

/**
 * Drawing from the keyboard: with a drawing mode on, the arrow keys move a cursor over the focused
 * plot (half a unit a press, two with Shift) and Enter or Space adds or erases there.
 */
function onPlotKey(event) {
  if (state.drawMode.kind === 'off') return;
  const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
  const cursor = state.plotCursor ?? { x: 0, y: 0 };
  if (event.key in moves) {
    const step = event.shiftKey ? 2 : 0.5;
    const clamp = (v) => Math.max(-DOMAIN, Math.min(DOMAIN, v));
    state.plotCursor = { x: clamp(cursor.x + moves[event.key][0] * step), y: clamp(cursor.y + moves[event.key][1] * step) };
  } else if (event.key === 'Enter' || event.key === ' ') {
    drawAt(cursor.x, cursor.y);
    state.plotCursor = cursor;
  } else return;
  event.preventDefault();
  event.stopPropagation(); // these keys draw here; they are not the page's shortcuts
  $('plot-cursor').textContent = `Cursor at x ${num(state.plotCursor.x)}, y ${num(state.plotCursor.y)}; ${state.train.length / 3} training points.`;
  state.needsDraw = true;
}

function setData(train, test) {
  const a = unzip(train);
  const b = unzip(test);
  let notice;
  try {
    notice = state.engine.setData(a.points, a.labels, b.points, b.labels);
  } catch (e) {
    reportError(e);
    return;
  }
  dataReplaced();
  if (notice) showMessage(`${notice}.`);
}

/** The data set was replaced (drawn, imported, restored): no preset describes it any more. */
function dataReplaced() {
  state.preset = '';
  dataChanged();
  showConfig();
  changed();
}

function onLossPointer(event) {
  const canvas = $('loss-chart');
  const rect = canvas.getBoundingClientRect();
  if (!state.losses.length) return;
  // The chart's own scales (as drawn) map the pointer to an epoch.
  const scales = lossScales(state.losses, { ...lossArea(rect.width, rect.height), log: state.lossLog });
  showLossAt(state.losses.nearest(scales.epochAt(event.clientX - rect.left)));
}

/** ← → on the focused loss chart walk the readout along the history (Home and End jump). */
function onLossKey(event) {
  if (!state.losses.length) return;
  const at = state.lossCursor ?? state.losses.epochs[state.losses.length - 1];
  const moves = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity };
  if (!(event.key in moves)) return;
  event.preventDefault();
  event.stopPropagation(); // → here moves the readout, not a training step
  showLossAt(state.losses.beside(at, moves[event.key]));
}

function showLossAt(entry) {
  state.lossCursor = entry.epoch;
  // An entry's epoch may be a fraction (a point within an epoch): two decimals, never rounded to 3 digits.
  $('loss-readout').textContent = `Epoch ${Math.round(entry.epoch * 100) / 100}: training loss ${formatLoss(entry.train)}, test loss ${formatLoss(entry.test)}`;
  state.needsDraw = true;
}

function buildPickers() {
  // Data sets, each with a thumbnail of its points.
  for (const name of Object.keys(DATASET_NAMES)) {
    const engine = new Engine({ dataset: name, numPoints: 200, classes: 3 });
    const points = engine.trainPoints();
    const problem = engine.config().problem;
    engine.free();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 48;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#f4f6f7';
    ctx.fillRect(0, 0, 48, 48);
    for (let k = 0; k < points.length; k += 3) {
      ctx.fillStyle = css(labelColour(problem, points[k + 2]));
      ctx.fillRect(((points[k] + 6) / 12) * 46, ((6 - points[k + 1]) / 12) * 46, 2, 2);
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'dataset';
    button.dataset.dataset = name;
    const label = document.createElement('span');
    label.textContent = DATASET_NAMES[name];
    button.append(canvas, label);
    button.addEventListener('click', () => applyConfig({ dataset: name }));
    $('dataset-picker').append(button);
  }
  // Input features, each with a thumbnail of its value over the plane.
  for (const name of FEATURES) {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 32;
    const image = new ImageData(32, 32);
    image.data.set(Engine.featureHeatmap(name, 32));
    canvas.getContext('2d').putImageData(image, 0, 0);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'feature';
    button.dataset.feature = name;
    button.title = `Use ${FEATURE_LABELS[name]} as an input`;
    const label = document.createElement('span');
    label.textContent = FEATURE_LABELS[name];
    button.append(canvas, label);
    button.addEventListener('click', () => {
      const current = state.config.features;
      const next = current.includes(name) ? current.filter((f) => f !== name) : FEATURES.filter((f) => current.includes(f) || f === name);
      applyConfig({ features: next });
    });
    $('feature-toggles').append(button);
  }
}

// ---- frame loop ---------------------------------------------------------------------------------

/** Runs `job` and keeps a moving average of its cost in state.timings[name] (ms). */
function timed(name, job) {
  const t0 = performance.now();
  const result = job();
  state.timings[name] = updateCost(state.timings[name] ?? 0, performance.now() - t0, 1);
  return result;
}

function frame(now) {
  requestAnimationFrame(frame); // first, so that nothing below can stop the loop
  if (state.crashed) return;
  try {
    frameWork(now);
  } catch (e) {
    if (!isCoreFailure(e)) throw e;
    coreFailed(e);
  }
}

function frameWork(now) {
  // Train for what the frame's other work, the browser's included, leaves of a 60 Hz frame.
  state.trainBudget = adaptBudget(state.trainBudget, now - state.lastFrame);
  state.lastFrame = now;
  if (state.playing && !document.hidden) {
    timed('train', trainFrame);
    if (!state.story && state.speed > 0) timed('story', () => startStory(true));
  }
  updateStory(now);
  state.comparison?.frame();
  if (state.needsStats && due(state.lastStats, now, throttleInterval(state.statsCost, 0.1))) {
    // While training runs (playing, or an API step), the evaluation over every point is spread
    // over frames, a few ms each.
    timed('stats', state.playing || state.apiStepping ? evaluateSlice : refreshStats);
  }
  if (state.needsHeatmaps && due(state.lastHeatmap, now, throttleInterval(state.heatmapCost, 0.15, HEATMAP_INTERVAL_MS))) {
    const t0 = performance.now();
    refreshHeatmaps();
    if (hoveredNode() !== null) showHover();
    state.heatmapCost = updateCost(state.heatmapCost, performance.now() - t0, 1);
    state.timings.heatmaps = state.heatmapCost;
    state.lastHeatmap = now;
    state.needsHeatmaps = false;

    state.needsDraw = true;
  }
  if (state.needsInspector && state.selected && due(state.lastInspector, now, INSPECTOR_INTERVAL_MS)) {
    timed('inspector', refreshInspector);
    state.lastInspector = now;
    state.needsInspector = false;
  }
  // The last draw of a burst may have shown the edge layer from before it: redraw once it is due.
  if (state.edgeLayer?.behind && edgeLayerDue(state.edgeLayer, now)) state.needsDraw = true;
  if (state.needsDraw) {
    timed('draw', draw);
    state.needsDraw = false;
  }
  if (state.needsDescription && !state.needsHeatmaps && due(state.lastDescription, now, DESCRIPTION_INTERVAL_MS)) {
    timed('describe', describePlanes);
    state.lastDescription = now;
    state.needsDescription = false;
  }
  if (state.tableOpen && state.needsTable && !$('network-table').contains(document.activeElement) && due(state.lastTable, now, TABLE_INTERVAL_MS)) {
    timed('table', refreshTable);
    state.lastTable = now;
    state.needsTable = false;
  }
  if (state.needsCheckpoint && due(state.lastCheckpoint, now, CHECKPOINT_INTERVAL_MS)) {
    timed('checkpoint', saveCheckpoint);
    state.lastCheckpoint = now;
    state.needsCheckpoint = false;
  }
}

// ---- heatmaps in words -----------------------------------------------------------------------------

/** A node's heatmap in words (node −1: the prediction). */
function describePlane(node) {
  const anchors = state.config.problem === 'multiclass' && node === -1
    ? CLASS_COLOURS.slice(0, state.config.classes).map((c, k) => [`class ${k + 1}`, c])
    : [['negative (orange)', NEGATIVE], ['near zero (grey)', ZERO], ['positive (blue)', POSITIVE]];
  // The thumbnails' resolution: the core has just computed every node's map at it (a cache hit).
  const resolution = heatmapResolutions(state.engine.sizes, { plotMax: PLOT_RESOLUTION, thumbMax: THUMB_RESOLUTION }).thumb;
  return describeHeatmap(state.engine.heatmap(node, resolution).slice(), resolution, anchors);
}

/** The plot's and the selected neuron's descriptions, for screen readers. */
function describePlanes() {
  $('plot-description').textContent = `The prediction over the plane: ${describePlane(-1)}`;
  const node = hoveredNode();
  $('node-description').textContent = node === null ? '' : `Its output over the plane: ${describePlane(node)}`;
}

// ---- the network as tables ---------------------------------------------------------------------

/** Offers every weight layer in the table view's picker (after a rebuild). */
function fillTableLayers() {
  const layers = state.engine.sizes.length - 1;
  const select = $('table-layer');
  const keep = Math.min(Number(select.value) || 0, layers - 1);
  select.replaceChildren(...Array.from({ length: layers }, (_, l) => {
    const option = document.createElement('option');
    option.value = String(l);
    option.textContent = layerName(l, layers);
    return option;
  }));
  select.value = String(keep);
}

/** The table view's numbers: the traced sample's z, a and δ, and every W and ∂L/∂W of a layer. */
function refreshTable() {
  const telling = state.story && !state.story.loop;
  if (!telling && state.train.length) state.engine.trace(state.sample);
  const snap = telling ? state.story.snap : state.engine.snapshot();
  const l = Math.min(Number($('table-layer').value) || 0, snap.sizes.length - 2);
  renderLayerTables($('table-body'), {
    rows: layerRows(snap, l),
    name: layerName(l, snap.sizes.length - 1),
    from: l === 0 ? 'input' : `hidden layer ${l}'s`,
    sample: telling ? state.story.sample : state.sample,
    layerNumber: l + 1,
  });
}

function toggleTable() {
  state.tableOpen = !state.tableOpen;
  $('table-toggle').setAttribute('aria-expanded', String(state.tableOpen));
  $('network-table').hidden = !state.tableOpen;
  if (state.tableOpen) refreshTable();
}

// ---- failures of the core -----------------------------------------------------------------------

/** Saves this state as a link with its weights: what a failure of the core falls back to. */
function saveCheckpoint() {
  const extra = optionsFragment(state.options);
  const fragment = state.engine.link(true, state.preset);
  state.checkpoint = {
    hash: `#${fragment}${extra ? `&${extra}` : ''}`,
    step: Number(/(?:^|&)step=(\d+)/.exec(fragment)?.[1] ?? 0),
    // A link carries no drawn or imported points: keep them as CSV (only then, it is not free).
    csv: state.engine.hasCustomData() ? state.engine.exportCsv() : null,
  };
}

/** A panic or trap in the core: stop calling it, say so, and offer the last saved state back. */
function coreFailed(error) {
  if (state.crashed) return;
  state.crashed = true;
  state.playing = false;
  clearTimeout(state.linkTimer);
  // Every engine died with the instance: let go of them without calling into it.
  state.engine?.forget();
  for (const run of state.comparison?.runs ?? []) run.engine.forget();
  state.comparison = null;
  $('compare-results').hidden = true;
  $('compare').textContent = 'Run the comparison';
  $('crash-message').textContent = failureMessage(error); // text only
  const saved = state.checkpoint;
  $('crash-saved').hidden = !saved;
  if (saved) {
    $('crash-step').textContent = String(saved.step);
    $('crash-link').href = saved.hash;
  }
  $('crash-reset').textContent = saved ? 'Reset the playground to that state' : 'Reset the playground';
  $('crash').showModal();
  $('crash-reset').focus(); // here, not by autofocus: a hidden dialog's autofocus warns in an embedding page
  state.emit?.('error', { message: failureMessage(error), restoredStep: saved?.step ?? 0 });
}

/** A fresh wasm instance, opened at the saved state. */
async function recover() {
  $('crash-reset').disabled = true;
  try {
    await resetEngine();
    state.engine = null; // dead with the old instance: never free it
    const saved = state.checkpoint;
    openLink(saved?.hash ?? location.hash);
    // Drawn or imported data is not in a link: it comes back from the saved CSV.
    if (saved?.csv) {
      state.engine.importCsv(saved.csv);
      dataReplaced();
    }
    state.crashed = false; // only now: a failed reset leaves the page stopped, not half alive
    $('crash').close();
  } catch (e) {
    $('crash-message').textContent = `the reset failed too (${failureMessage(e)}); reload the page.`;
  } finally {
    $('crash-reset').disabled = false;
  }
}

function watchForFailures() {
  // Failures in event handlers and promises (the frame loop catches its own).
  window.addEventListener('error', (event) => isCoreFailure(event.error) && coreFailed(event.error));
  window.addEventListener('unhandledrejection', (event) => isCoreFailure(event.reason) && coreFailed(event.reason));
  $('crash-reset').addEventListener('click', recover);
  // The page behind is dead until the reset: Escape must not uncover it (and should the browser
  // close the dialog anyway, it opens again).
  $('crash').addEventListener('cancel', (event) => event.preventDefault());
  $('crash').addEventListener('close', () => state.crashed && $('crash').showModal());
}

function reset() {
  replaceEngine(state.engine.config(), state.preset);
}

// ---- wiring -----------------------------------------------------------------------------------

function fillPresets() {
  state.presets = Engine.presets();
  const select = $('preset');
  for (const p of state.presets) {
    const option = document.createElement('option');
    option.value = p.name;
    option.textContent = p.title;
    select.append(option);
  }
}

function wire() {
  $('play').addEventListener('click', () => setPlaying(!state.playing));
  $('step').addEventListener('click', stepOnce);
  $('reset').addEventListener('click', reset);
  $('message-close').addEventListener('click', hideMessage);
  $('activation').addEventListener('change', (e) => applyConfig({ activation: e.target.value }));
  $('learning-rate').addEventListener('input', (e) => applyConfig({ learningRate: LEARNING_RATES[Number(e.target.value)] }));
  $('network-shape').addEventListener('change', (e) => applyConfig({ networkShape: e.target.value }));
  $('residual').addEventListener('change', (e) => applyConfig({ residual: e.target.checked }));
  $('new-seed').addEventListener('click', () => applyConfig({ seed: Engine.randomSeed() }));
  $('preset').addEventListener('change', (e) => {
    if (e.target.value) replaceEngine({ preset: e.target.value }, e.target.value);
    else {
      state.preset = '';
      showConfig();
    }
  });
  $('speed').addEventListener('change', (e) => {
    state.speed = Number(e.target.value);
    if (state.speed === 0 && state.story?.loop) endStory(false);
  });
  $('explain').addEventListener('click', () => (state.explain ? leaveExplain() : enterExplain()));
  $('explain-prev').addEventListener('click', () => explainMove(-1));
  $('explain-next').addEventListener('click', () => explainMove(1));
  $('explain-close').addEventListener('click', leaveExplain);
  $('inspector-close').addEventListener('click', () => select(null));
  $('revive').addEventListener('click', () => {
    state.engine.switchActivation('leakyRelu');
    state.preset = '';
    showConfig();
    changed();
  });
  $('share').addEventListener('click', showShare);
  $('share-weights').addEventListener('change', updateShare);
  $('share-close').addEventListener('click', () => $('share-dialog').close());
  $('share-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('share-link').value);
      $('share-copied').textContent = 'Copied.';
    } catch {
      $('share-link').select();
      $('share-copied').textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  });
  $('compare').addEventListener('click', () => {
    if (state.comparison) {
      state.comparison.close();
      state.comparison = null;
      $('compare-results').hidden = true;
      $('compare').textContent = 'Run the comparison';
      return;
    }
    $('compare-results').hidden = false;
    state.comparison = new Comparison($('compare-results'), state.config.seed);
    $('compare').textContent = 'Close the comparison';
  });
  $('problem').addEventListener('change', (e) => applyConfig({ problem: e.target.value }));
  $('regularization').addEventListener('change', (e) => applyConfig({ regularization: e.target.value }));
  $('regularization-rate').addEventListener('change', (e) => applyConfig({ regularizationRate: Number(e.target.value) }));
  $('init').addEventListener('change', (e) => applyConfig({ init: e.target.value }));
  $('optimizer').addEventListener('change', (e) => applyConfig({ optimizer: e.target.value }));
  $('output-activation').addEventListener('change', (e) => applyConfig({ outputActivation: e.target.value }));
  $('loss').addEventListener('change', (e) => applyConfig({ loss: e.target.value }));
  $('classes').addEventListener('change', (e) => applyConfig({ classes: Number(e.target.value) }));
  $('noise').addEventListener('change', (e) => applyConfig({ noise: Number(e.target.value) }));
  $('num-points').addEventListener('change', (e) => applyConfig({ numPoints: Number(e.target.value) }));
  $('train-ratio').addEventListener('change', (e) => applyConfig({ percTrainData: Number(e.target.value) }));
  $('batch-size').addEventListener('input', (e) => applyConfig({ batchSize: Number(e.target.value) }));
  for (const id of ['classes', 'noise', 'train-ratio', 'num-points']) {
    // Show the value while dragging; apply (which rebuilds) on release.
    const unit = id === 'noise' || id === 'train-ratio' ? ' %' : '';
    $(id).addEventListener('input', (e) => ($(`${id}-value`).textContent = `${e.target.value}${unit}`));
  }
  $('regenerate').addEventListener('click', () => applyConfig({ seed: Engine.randomSeed() }));
  $('show-test').addEventListener('change', (e) => applyConfig({ showTestData: e.target.checked }));
  $('discretize').addEventListener('change', (e) => applyConfig({ discretize: e.target.checked }));
  $('draw-value').addEventListener('input', (e) => ($('draw-value-out').textContent = e.target.value));
  $('clear-data').addEventListener('click', () => {
    setPlaying(false);
    setData(new Float32Array(0), new Float32Array(0));
  });
  $('export-csv').addEventListener('click', () => download('backprop-playground-data.csv', state.engine.exportCsv(), 'text/csv'));
  $('import-csv').addEventListener('change', async (e) => {
    let notice;
    try {
      const text = await chosenText(e.target, limits().csvBytes, 'The CSV file');
      if (text === null) return;
      notice = state.engine.importCsv(text);
    } catch (err) {
      reportError(err, 'The CSV file was not loaded, and the data is unchanged. ');
      return;
    }
    hideMessage();
    dataReplaced();
    if (notice) showMessage(`The CSV file was loaded. ${notice}.`);
  });
  $('export-model').addEventListener('click', () => download('backprop-playground-model.json', state.engine.exportModel(), 'application/json'));
  $('import-model').addEventListener('change', async (e) => {
    let engine;
    try {
      const text = await chosenText(e.target, limits().modelBytes, 'The model file');
      if (text === null) return;
      engine = Engine.fromModel(text);
    } catch (err) {
      reportError(err, 'The model file was not loaded, and the current model is unchanged. ');
      return;
    }
    useEngine(engine);
  });
  $('add-layer').addEventListener('click', () => applyConfig({ networkShape: [...state.config.networkShape, 2] }));
  $('remove-layer').addEventListener('click', () => applyConfig({ networkShape: state.config.networkShape.slice(0, -1) }));
  $('loss-log').addEventListener('change', (e) => {
    state.lossLog = e.target.checked;
    state.needsDraw = true;
  });
  // A tap shows the readout as hovering does; it stays until the next tap (a finger "leaves" at once).
  $('loss-chart').addEventListener('pointermove', onLossPointer);
  $('loss-chart').addEventListener('pointerdown', onLossPointer);
  $('loss-chart').addEventListener('keydown', onLossKey);
  $('loss-chart').addEventListener('pointerleave', (e) => {
    if (e.pointerType !== 'mouse') return;
    state.lossCursor = null;
    state.needsDraw = true;
  });
  $('plot').addEventListener('click', onPlotClick);
  $('plot').addEventListener('keydown', onPlotKey);
  // The cursor stays where it was (to switch the drawing mode and come back); it is drawn only
  // while the plot has the focus.
  $('plot').addEventListener('blur', () => (state.needsDraw = true));
  $('plot').addEventListener('focus', () => (state.needsDraw = true));
  const canvas = $('network');
  canvas.addEventListener('pointermove', onNetworkHover);
  canvas.addEventListener('pointerleave', () => {
    state.hover = null;
    showHover();
  });
  canvas.addEventListener('click', onNetworkClick);
  canvas.addEventListener('keydown', onNetworkKey);
  document.addEventListener('keydown', (e) => {
    // Not while typing, not behind an open dialog, and never into a failed core.
    if (state.crashed || e.target.closest('input, select, textarea, dialog') || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === ' ' && !e.target.closest('button')) {
      e.preventDefault();
      setPlaying(!state.playing);
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      stepOnce();
    } else if (e.key === 'ArrowLeft' && state.explain) {
      e.preventDefault();
      explainMove(-1);
    } else if (e.key === 'r' || e.key === 'R') {
      reset();
    } else if (e.key === 'e' || e.key === 'E') {
      state.explain ? leaveExplain() : enterExplain();
    } else if (e.key === '?') {
      $('shortcuts').showModal();
    }
  });
  $('shortcuts-open').addEventListener('click', () => $('shortcuts').showModal());
  $('table-toggle').addEventListener('click', toggleTable);
  $('theme-toggle').addEventListener('click', () => {
    // A page option like any other: it goes into the link, so a shared link keeps the theme.
    applyOptions({ ...state.options, theme: state.options.theme === 'dark' ? 'light' : 'dark' });
    scheduleLinkUpdate();
  });
  $('table-layer').addEventListener('change', refreshTable);
  $('shortcuts-close').addEventListener('click', () => $('shortcuts').close());
  new ResizeObserver(() => (state.needsDraw = true)).observe(document.body);
  document.addEventListener('visibilitychange', () => (state.needsDraw = true));
}

async function start() {
  try {
    await loadEngine();
  } catch (e) {
    showMessage(`The playground could not start: ${e.message}`);
    return;
  }
  watchForFailures();
  fillPresets();
  buildPickers();
  wire();
  installApi();
  openLink(location.hash);
  window.addEventListener('hashchange', () => {
    // A link pasted or followed in this tab (not our own replaceState) opens as a new setup.
    if (location.hash !== state.writtenHash && !state.crashed) openLink(location.hash);
  });
  // A read-only handle for the end-to-end tests and the curious: the engine and what is shown.
  window.backpropPlayground = { Engine, state };
  document.body.dataset.ready = 'true';
  state.emit('ready', { version: 1 });
  requestAnimationFrame(frame);
}

start();
