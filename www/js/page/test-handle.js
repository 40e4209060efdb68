// The page's documented handle, `window.backpropPlayground`, for end-to-end tests and the curious:
// what is shown, read through the session (copies, never live internals), and a few test hooks.
// Tests use this and the page's own controls; nothing else of the page is an API.
import { pythonScript, pythonSetup } from '../python-export.js';

/** Builds the read-only handle over the page's parts. */
export function testHandle({ Engine, memory, coreCalls, session, scheduler, telling, recovery, trouble, heatmaps, views }) {
  const copy = (value) => (value === null || value === undefined ? value : structuredClone(value));
  return Object.freeze({
    /** The Engine class, to compute reference values on an engine of a test's own. */
    Engine,
    /** Exact statistics of the current parameters: { step, epoch, trainLoss, testLoss, dead, … }. */
    stats: () => session.exactStats(),
    /** The step and epoch now, without an evaluation (cheap enough to read every frame). */
    counters: () => session.counters(),
    /** Training steps in one epoch (the training points over the batch size, rounded up). */
    stepsPerEpoch: () => session.stepsPerEpoch(),
    config: () => copy(session.config),
    sizes: () => session.sizes.slice(),
    /** The data as [x, y, label, …] triples. */
    trainPoints: () => Array.from(session.train),
    testPoints: () => Array.from(session.test),
    /** One layer's weights, row-major [out][in]. */
    weights: (layer) => Array.from(session.view('weights', layer)),
    /** A copy of one per-layer buffer: weights, biases, weightGrads, biasGrads, preActivations,
     *  activations, activationGrads, derivatives or deltas. */
    buffer: (kind, layer) => Array.from(session.view(kind, layer)),
    /** A node's heatmap pixels (RGBA; node −1 is the prediction). */
    heatmap: (node, resolution) => Array.from(session.heatmap(node, resolution)),
    link: (weights = false) => session.link(weights),
    preset: () => session.preset,
    exportCsv: () => session.exportCsv(),
    /** The network as a Python script ('numpy' or 'pytorch'), as Export as NumPy / PyTorch give it. */
    pythonScript: (dialect) => pythonScript(pythonSetup(session), dialect),
    hasCustomData: () => session.hasCustomData(),
    playing: () => session.playing,
    /** 'paced' (at most one epoch per frame) or 'fast' (as many as fit in the frame's budget). */
    speed: () => session.speed,
    /** Milliseconds of training the next frame may take (adapted to the measured frame interval). */
    trainBudget: () => scheduler.trainBudget,
    /** Heatmap refreshes skipped while training because the parameters barely moved. */
    heatmapsSkipped: () => heatmaps.skipped,
    selected: () => copy(session.selected),
    /** The sample the inspector and the tables trace (the next step's first). */
    tracedSample: () => session.sample,
    /**
     * The inspected weight's or bias's full chain (paths.js), as the inspector last showed it:
     * { label, count (a string of digits: it may pass 2⁵³), sum (over every path), grad (backprop's),
     * shownSum, shown: [{ nodes, edges, factors: [{ name, symbol, value, kind }], product }] }, the
     * largest |product| first; null when a neuron or nothing is inspected.
     */
    chainPaths: () => {
      const chain = views.inspector.paths;
      return chain && { ...copy({ ...chain, count: null }), count: chain.count.toString() };
    },
    /** The path lit up on the diagram (one of chainPaths().shown), or null. */
    highlightedPath: () => copy(session.path),
    /** The diagram's layout in CSS pixels: { columns: [[{ x, y }]], size }. */
    layout: () => copy(views.network.layout),
    /** The animated step being told: { timeline, elapsed (ms), sample, loop } or null. */
    story: () => {
      const s = telling.story;
      return s ? { timeline: copy(s.timeline), elapsed: performance.now() - s.startedAt, sample: s.sample, loop: s.loop } : null;
    },
    /** Explain mode's step: { sample, index } or null. */
    explain: () => (telling.explain ? { sample: telling.explain.sample, index: telling.explain.index } : null),
    /** The state a failure of the core would come back to: { hash, step } or null. */
    checkpoint: () => (recovery.checkpoint ? { hash: recovery.checkpoint.hash, step: recovery.checkpoint.step } : null),
    /** The trouble the page told and that is not restored yet: { kind ('diverged', 'exploding' or
     *  'stalled'), step (where it began), loss, bestLoss, bestStep } or null. The lowest training
     *  loss evaluated so far is also in stats() as bestLoss (at bestStep). */
    trouble: () => copy(trouble.trouble),
    comparisonRunning: () => Boolean(views.compare.comparison?.running),
    /** The learning-rate comparison's runs: [{ rate, epochs, losses, verdict }] or null. */
    comparison: () => views.compare.comparison?.describe() ?? null,
    /** The loss landscape: { picks (the two parameters, as selections), n (grid size), window
     *  { a0, a1, b0, b1 }, lo, hi (the map's loss range), path ([[a, b]] recent values) } or null
     *  while fewer than two are picked. */
    landscape: () => {
      const l = views.landscape;
      return l.picks.length === 2 ? copy({ picks: l.picks, ...l.shown, path: l.path }) : null;
    },
    /** The worked-example editor: { open, renders }. Lessons open it with `worked=1` in their link
     *  (or `openWorkedExample()`), and load the published example with `loadWorkedExample()`. */
    workedExample: () => ({ open: views.worked.open, renders: views.worked.renders }),
    /** Opens (or with false closes) the worked-example editor, as its button does. */
    openWorkedExample: (open = true) => views.worked.setOpen(open),
    /** Loads the published example (Mazur's 2-2-2: its points, targets and weights), as the
     *  editor's button does; a session method, `session.loadWorkedExample()`. */
    loadWorkedExample: () => session.loadWorkedExample(),
    /** Calls that crossed into the core so far, by method (to count what one change costs). */
    calls: () => coreCalls(),
    /** How often each view has drawn or filled itself. */
    renders: () => Object.fromEntries(Object.entries(views).filter(([, v]) => 'renders' in v).map(([k, v]) => [k, v.renders])),
    /** The size of the core's wasm memory (bytes): it never shrinks, so hostile input must not grow it. */
    memoryBytes: () => memory().buffer.byteLength,
    /** Moving averages of what each frame job costs (ms). */
    timings: () => ({ ...scheduler.timings }),
    // ---- actions, as the message API's step and trace do them, but at once ----
    /** Runs `count` training steps now; returns how many ran. */
    step(count) {
      const { ran } = session.trainFor(Infinity, count);
      session.changed(true);
      return ran;
    },
    /** Traces one training sample (its z, a, δ and gradients fill the buffers); returns its trace. */
    trace: (index) => session.trace(index),
    // ---- test hooks ----
    /** Holds the animated step at `ms` into its timeline, and draws it (for pictures). */
    holdStory(ms) {
      if (!telling.story) throw new Error('no step is being told');
      telling.story.startedAt = performance.now() - ms;
      views.network.dirty = true;
    },
    /** The core panics now, inside a method (as real panics do). */
    panic: () => session.engine.panicForTests(),
    /** The next call of the engine's `method` panics inside the core. */
    panicOn(method) {
      const engine = session.engine;
      engine[method] = () => engine.panicForTests();
    },
  });
}
