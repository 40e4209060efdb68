// The training step told as a story: the animated step (forward, loss, backward layer by layer,
// update) and explain mode (the same step, phase by phase, with its equations). Both trace the
// sample the next step starts with and keep snapshots of the engine's buffers, so the step can be
// replayed while the live network moves on. Tells its listeners 'story' (a story began, moved to
// another phase or ended) and 'explain' (explain mode entered, moved or left).
import { buildTimeline, phaseAt, strongestEdges } from '../timeline.js';
import { explain, explainPhases } from '../explain.js';
import { num } from '../notation.js';
import { Emitter } from './emitter.js';

/** A big layer animates only its strongest signals: thousands of moving pulses are noise. */
const PULSES_PER_LAYER = 64;
/** One phase of the animated step at normal speed. */
const PHASE_MS = 650;

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

/** The caption of a story's phase. */
export function caption(phase, story) {
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

export class Telling extends Emitter {
  constructor(session, { reducedMotion }) {
    super();
    this.session = session;
    this.reducedMotion = reducedMotion;
    /** Playback speed of the animated step (0: no animation). */
    this.speed = 1;
    /** The animated step: { timeline, startedAt, sample, trace, snap, after, applied, loop, … }. */
    this.story = null;
    /** Explain mode: { phases, index, sample, trace, snap, after, applied, maxSignal, … }. */
    this.explain = null;
  }

  /** Traces the sample that the next step starts with: the one the story tells. */
  #traceNext() {
    const session = this.session;
    const sample = session.nextSample();
    if (sample === undefined) return null; // no training data: nothing to tell
    const trace = session.trace(sample);
    const snap = session.snapshot();
    session.sample = sample;
    const edges = { forward: strongestEdges(snap, 'forward', PULSES_PER_LAYER), backward: strongestEdges(snap, 'backward', PULSES_PER_LAYER) };
    // The configuration of the step being told: its text must not follow later changes.
    return { sample, trace, snap, config: session.config, edges, maxSignal: maxSignals(snap), after: null, applied: false };
  }

  /** Takes the training step that a story (or an explanation) tells, once. */
  #applyStep(told) {
    if (told.applied || told.loop) return;
    this.session.stepOnce();
    told.applied = true;
    told.after = this.session.snapshot();
  }

  // ---- the animated step ----------------------------------------------------------------------

  /** Plays one training step as a story; `loop` tells only the backward pass (while playing). */
  start(loop = false) {
    const told = this.#traceNext();
    if (!told) return;
    const layers = this.session.sizes.length - 1;
    const phaseMs = PHASE_MS / (this.speed || 1);
    let timeline = buildTimeline(layers, phaseMs);
    if (loop) {
      timeline = timeline
        .filter((p) => p.kind === 'backward')
        .map((p, k) => ({ ...p, start: (k * phaseMs) / 2, end: ((k + 1) * phaseMs) / 2 }));
    }
    this.story = { ...told, timeline, startedAt: performance.now(), loop, caption: '' };
    this.emit('story', this.story);
  }

  /** The story's current phase and progress, or null. */
  phase(now = performance.now()) {
    const s = this.story;
    return s ? phaseAt(s.timeline, now - s.startedAt) : null;
  }

  /** A story being told step by step (not the looped backward pass that plays along training). */
  get telling() {
    return this.story !== null && !this.story.loop;
  }

  /**
   * Ends the story: first its step (once, unless `apply` is false: a looped story or an abandoned
   * one takes none); what showed the told step then shows the network as it is.
   */
  end(apply = true) {
    if (!this.story) return;
    if (apply) this.#applyStep(this.story);
    this.story = null;
    this.emit('story', null);
  }

  /** Each frame: the story's step is taken when its update begins; it ends after the timeline. */
  advance(now) {
    const story = this.story;
    if (!story) return;
    const at = this.phase(now);
    if (!at) return this.end();
    if (at.phase.kind === 'update') this.#applyStep(story);
    story.caption = caption(at.phase, story);
    this.emit('story', story);
  }

  /** A press of Step: explain mode's next phase, or a story (a second press ends the first). */
  stepOnce() {
    if (this.explain) return this.move(1);
    this.session.setPlaying(false);
    if (this.telling) this.end();
    if (this.speed === 0) this.session.stepOnce();
    else this.start(false);
  }

  setSpeed(speed) {
    this.speed = speed;
    if (speed === 0 && this.story?.loop) this.end(false);
  }

  /** The weights to draw: the step's own before/after values while it is told, else null (live). */
  weightsTold(now = performance.now()) {
    const told = this.explain ?? (this.telling ? this.story : null);
    if (!told) return null;
    const phase = this.explain ? this.explain.phases[this.explain.index] : this.phase(now)?.phase;
    if (phase?.kind !== 'update' || !told.after) return told.snap.layers.map((x) => x.weights);
    if (this.explain) return told.after.layers.map((x) => x.weights);
    // The update, animated: every edge moves from its old weight to its new one (with reduced
    // motion it changes at once, a staged step like the pulses).
    const t = this.reducedMotion.matches ? 1 : this.phase(now).progress;
    return told.snap.layers.map((x, l) => x.weights.map((w, k) => w + (told.after.layers[l].weights[k] - w) * t));
  }

  // ---- explain mode ---------------------------------------------------------------------------

  /** The neuron of a column that explain mode writes out: the inspected one, else the one with the
   *  largest error signal (for the inputs: the largest input), so that the numbers are telling. */
  #focusOf(column) {
    const s = this.session.selected;
    if (s && 'column' in s && s.column === column) return s.index;
    if (s && 'i' in s && s.layer + 1 === column) return s.i;
    if (s && 'j' in s && s.layer === column) return s.j;
    const snap = this.explain.snap;
    const values = column === 0 ? snap.inputs : snap.layers[column - 1].deltas;
    let best = 0;
    values.forEach((v, k) => Math.abs(v) > Math.abs(values[best]) && (best = k));
    return best;
  }

  /** The current phase's explanation: { title, lines, note, nodes, edges }. */
  explanation() {
    const e = this.explain;
    return explain(e.phases[e.index], { snap: e.snap, after: e.after, trace: e.trace, config: e.config, focus: (c) => this.#focusOf(c) });
  }

  /** Enters explain mode on the next step; returns false when there is no data to explain on. */
  enterExplain() {
    this.session.setPlaying(false);
    this.end(false); // explain mode tells that same step, phase by phase
    const told = this.#traceNext();
    if (!told) return false;
    this.explain = { ...told, phases: explainPhases(this.session.sizes.length - 1), index: 0 };
    this.emit('explain', this.explain);
    return true;
  }

  leaveExplain() {
    if (!this.explain) return;
    this.explain = null;
    this.emit('explain', null);
  }

  /** The next (1) or previous (−1) phase; past the last, the next step's explanation. */
  move(delta) {
    const e = this.explain;
    const next = e.index + delta;
    if (next < 0) return;
    if (next >= e.phases.length) {
      this.enterExplain();
      return;
    }
    e.index = next;
    if (e.phases[next].kind === 'update') this.#applyStep(e); // the step an explanation tells, once
    this.emit('explain', e);
  }

  /** The network was rebuilt: whatever was told belonged to the one before. */
  forget() {
    this.end(false);
    this.leaveExplain();
  }
}
