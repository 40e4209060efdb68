// Pacing of training inside the animation frame: pure functions, tested in Node.

/**
 * How many steps to run in the next chunk of a frame: enough to fill what is left of the budget
 * at the measured cost per step, at least one, never past what the frame still wants.
 */
export function nextChunk({ msPerStep, remainingMs, wanted }) {
  if (wanted <= 0 || remainingMs <= 0) return 0;
  if (!(msPerStep > 0)) return 1;
  return Math.max(1, Math.min(wanted, Math.floor(remainingMs / msPerStep)));
}

/** Exponential moving average of the cost per step (ms), robust to a first, cold measurement. */
export function updateCost(previous, elapsedMs, steps) {
  if (steps <= 0) return previous;
  const sample = elapsedMs / steps;
  return previous > 0 ? previous * 0.8 + sample * 0.2 : sample;
}

/** Whether a throttled job (e.g. heatmap repaint) may run now. */
export function due(lastMs, nowMs, intervalMs) {
  return nowMs - lastMs >= intervalMs;
}

/** Index of the offered rate (the core's learning-rate steps) closest in log scale to `rate`. */
export function learningRateIndex(rates, rate) {
  let best = 0;
  for (let i = 1; i < rates.length; i++) {
    if (Math.abs(Math.log(rates[i] / rate)) < Math.abs(Math.log(rates[best] / rate))) best = i;
  }
  return best;
}

/** A loss for display: fixed digits, scientific for tiny values, a word for non-finite ones. */
export function formatLoss(v) {
  if (v === null || v === undefined) return '–';
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : '∞';
  if (v !== 0 && (Math.abs(v) < 0.001 || Math.abs(v) >= 1e4)) return v.toExponential(2);
  return v.toFixed(3);
}

/**
 * Heatmap resolutions for a network of `sizes`: every grid point costs one forward pass, so big
 * networks get coarser grids (the plot never below 16², thumbnails never above the plot's).
 */
export function heatmapResolutions(sizes, { plotMax = 64, thumbMax = 24, budget = 4e6 } = {}) {
  let macs = 0;
  for (let l = 0; l + 1 < sizes.length; l++) macs += sizes[l] * sizes[l + 1];
  const plot = Math.max(16, Math.min(plotMax, Math.round(Math.sqrt(budget / Math.max(1, macs)))));
  return { plot, thumb: Math.min(thumbMax, plot) };
}

/** How long to wait before repeating a job that took `costMs`, to spend at most `share` of the time on it. */
export function throttleInterval(costMs, share, minMs = 0) {
  return Math.max(minMs, costMs / share);
}

/**
 * Milliseconds of training for the next frame, adapted to how long the last frame really took
 * (which includes the browser's own drawing, invisible to JS timers): back off when a frame
 * missed 60 Hz, creep back up while frames are on time. With a `share`, when the frame's other
 * work (`otherMs`: drawing, heatmaps, statistics) took over 40 % of a frame, training keeps at least
 * that share of the frame's time: frames are slow anyway, and backing training off to nothing
 * would not make them fast, only stop the training.
 */
export function adaptBudget(previous, lastIntervalMs, { min = 1, max = 8, frameMs = 17.5, share = 0, otherMs = 0, cut = 0.75, creep = 0.25 } = {}) {
  if (!(lastIntervalMs > 0)) return previous;
  const next = lastIntervalMs > frameMs ? previous * cut : previous + creep;
  const slowAnyway = otherMs > frameMs * 0.4;
  const floor = slowAnyway ? Math.max(min, Math.min(max, share * lastIntervalMs)) : min;
  return Math.max(floor, Math.min(max, next));
}

/** The training speeds a page offers (the link's `speed`): Paced is the default. */
export const SPEEDS = ['paced', 'fast'];

/** Epochs a playing frame wants: one at most when Paced (the animations stay readable), as many
 *  as fit in the frame's training budget when Fast. */
export function epochsPerFrame(speed) {
  return speed === 'fast' ? Infinity : 1;
}

/**
 * Bounds of the training budget (ms per frame) for adaptBudget. Fast may take up to 10 ms of a
 * 16.7 ms frame, leaving the rest for input, heatmaps, statistics and drawing; adaptBudget backs it
 * off whenever frames run late, but not below a quarter of the frame's time, so training neither
 * starves the rest nor is starved by it.
 */
export function budgetBounds(speed) {
  // Fast's budget usually binds, so it probes for the frame's limit: it cuts by half and creeps
  // back slowly, or the probing itself would make every fifth frame late.
  return speed === 'fast' ? { min: 1, max: 10, share: 0.25, cut: 0.5, creep: 0.05 } : { min: 1, max: 8 };
}

/**
 * How far `current` moved from `previous` (two parameter vectors of equal length): the L2 norm
 * of the difference over the L2 norm of `previous` (Infinity when the lengths differ or nothing
 * was shown yet; the absolute change when `previous` is all zeros).
 */
export function relativeChange(previous, current) {
  if (!previous || previous.length !== current.length) return Infinity;
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < current.length; i++) {
    const d = current[i] - previous[i];
    diff += d * d;
    norm += previous[i] * previous[i];
  }
  if (!Number.isFinite(diff)) return Infinity; // a NaN or ∞ appeared: always worth showing
  return Math.sqrt(diff) / (norm > 0 ? Math.sqrt(norm) : 1);
}

/** Below this relative change of the parameters (since the maps last showed them) a heatmap
 *  refresh while training is skipped: the maps would barely differ. */
export const HEATMAP_STILL = 1e-3;
