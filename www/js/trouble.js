// Trouble in training, recognised from the statistics as they arrive: a divergence (the loss or a
// weight is no longer a finite number), an explosion (the loss far above the lowest seen and still
// rising: each step overshoots by more than it corrects) and a stall (the loss far from zero while
// nearly every sample gives every weight a gradient of ~0: the error the network still makes
// reaches no weight, as with saturated outputs or dead neurons). Pure: fed readings, tested in Node.
import { formatLoss } from './frame.js';

export const LIMITS = {
  /** Exploding: the loss above this many times the lowest seen, and above `explodeFloor` of the
   *  untrained network's (training undid most of its progress), */
  explodeFactor: 3,
  explodeFloor: 0.2,
  /** on this many readings in a row, each higher than the one before. */
  risingReadings: 2,
  /** Stalled: among the latest readings (2 × stallReadings, and enough to hold 2 × stallSamples
   *  samples), spanning stallSteps steps or more, so many batches had every weight gradient ~0
   *  that at least `stuckShare` of the samples give none, */
  stallReadings: 3,
  stallSteps: 100,
  stallSamples: 30,
  stuckShare: 0.9,
  /** every layer's weight-gradient RMS is below this, */
  zeroGradient: 1e-5,
  /** and the loss is above this fraction of the untrained network's (far from a fit). A hidden
   *  layer whose every neuron is dead is not a stall of this kind: the dead-neuron callout tells
   *  it (and offers leaky ReLU), as the dead-ReLU preset teaches. */
  farFromZero: 0.05,
};

/**
 * A reading: { step, trainLoss, weightGradRms, dead, diverged, divergedAtStep, bestLoss, bestStep }
 * (the core's statistics). `observe` returns a trouble when one begins:
 * { kind: 'diverged' | 'exploding' | 'stalled', step (where it began), loss, bestLoss, bestStep }.
 */
export class TroubleDetector {
  constructor(limits = LIMITS) {
    this.limits = limits;
    this.reset();
  }

  /** A new network or data: nothing seen. */
  reset() {
    this.start = null; // the untrained network's loss, the scale "far from zero" is measured on
    this.forget();
  }

  /** Training starts over from here (restored, or a setting changed): streaks and trouble go. */
  forget() {
    this.trouble = null;
    this.previous = null;
    this.rising = 0;
    this.calmStep = null; // the last reading's step with the loss within 2× of the best
    this.recent = []; // the latest readings: { step, still (every weight gradient ~0) }
  }

  /** `batchSize`: the samples each reading's gradients are of. */
  observe(s, batchSize = 1) {
    if (this.trouble) return null; // told once, until training starts over
    if (s.diverged) return this.#begin('diverged', s.divergedAtStep, s, s.trainLoss);
    const loss = s.trainLoss;
    if (loss === null || loss === undefined || !Number.isFinite(loss)) return null;
    if (s.step === this.previous?.step) return null; // the same parameters, looked at again
    this.start ??= loss;
    const best = s.bestLoss ?? loss;
    return this.#exploding(s, loss, best) ?? this.#stalled(s, loss, batchSize);
  }

  #exploding(s, loss, best) {
    const { explodeFactor, risingReadings, explodeFloor } = this.limits;
    const high = loss > explodeFactor * best && loss > explodeFloor * this.start;
    this.rising = high && this.previous && loss > this.previous.loss ? this.rising + 1 : 0;
    this.previous = { step: s.step, loss };
    if (loss <= 2 * best || this.calmStep === null) this.calmStep = s.step;
    if (this.rising >= risingReadings) {
      return this.#begin('exploding', this.calmStep, s, loss);
    }
    return null;
  }

  #stalled(s, loss, batchSize) {
    const { zeroGradient, farFromZero, stallReadings, stallSteps, stallSamples, stuckShare } = this.limits;
    const cut = s.dead?.some((layer) => layer.length > 0 && layer.every(Boolean));
    // At step 0 no batch has run, so there are no gradients to speak of.
    const still = s.step > 0 && !cut && s.weightGradRms.every((g) => g < zeroGradient);
    this.recent.push({ step: s.step, still });
    const size = Math.max(2 * stallReadings, Math.ceil((2 * stallSamples) / batchSize));
    if (this.recent.length > size) this.recent.shift();
    // A batch's gradient is ~0 only if each of its samples' is: from the share of still batches,
    // the share of samples that give no gradient is share^(1 / batch size).
    const stills = this.recent.filter((r) => r.still);
    const stuck = (stills.length / size) ** (1 / batchSize) >= stuckShare;
    const long = this.recent.length === size && s.step - this.recent[0].step >= stallSteps;
    return stuck && long && loss > farFromZero * this.start ? this.#begin('stalled', stills[0].step, s, loss) : null;
  }

  #begin(kind, step, s, loss) {
    this.trouble = { kind, step, loss, bestLoss: s.bestLoss ?? null, bestStep: s.bestStep };
    return this.trouble;
  }
}

/**
 * What the page says about a trouble, given the learning rate and the statistics now
 * (`s`: { deadCount, hiddenCount, stuckCount }).
 */
export function troubleMessage(t, learningRate, s = {}) {
  const lower = `Training paused: lower η (now ${learningRate}), then restore.`;
  if (t.kind === 'diverged') {
    const from = t.bestLoss === null ? '' : ` (from ${formatLoss(t.bestLoss)} at best)`;
    return (
      `Training diverged at step ${t.step}: the loss or a weight stopped being a finite number${from} ` +
      `(learning rate ${learningRate} is too large for this network). Lower it, then restore.`
    );
  }
  if (t.kind === 'exploding') {
    return (
      `Training is exploding since step ${t.step}: the loss grew from ${formatLoss(t.bestLoss)} to ` +
      `${formatLoss(t.loss)}. Each step overshoots the minimum by more than it corrects. ${lower}`
    );
  }
  const causes = [];
  const points = (n) => `${n} training point${n === 1 ? '' : 's'}`;
  if (s.stuckCount) causes.push(`the output is saturated and confidently wrong on ${points(s.stuckCount)}, where (ŷ − y)·f′(z) ≈ 0`);
  if (s.deadCount) causes.push(`${s.deadCount} of ${s.hiddenCount} hidden neurons are dead`);
  const why = causes.length ? ` (${causes.join('; ')})` : '';
  const inside = t.bestStep >= t.step ? ' The best weights are from inside the stall: after restoring, ⟲ starts over.' : '';
  return (
    `Training stalled at step ${t.step}: the loss is ${formatLoss(t.loss)}, yet nearly every training sample gives ` +
    `every weight a gradient of ~0${why}, so the error left reaches no weight. A step too large pushed the network there. ${lower}${inside}`
  );
}

/** The label of the notice's action. */
export function restoreLabel(t) {
  return t.bestLoss === null
    ? `Restore the weights of step ${t.bestStep}`
    : `Restore the best weights (step ${t.bestStep}, loss ${formatLoss(t.bestLoss)})`;
}
