// Trouble in training, recognised from the statistics as they arrive: a divergence (the loss or a
// weight is no longer a finite number), an explosion (the loss far above the lowest seen and still
// rising: each step overshoots by more than it corrects) and a stall (the loss flat and far from
// zero while every weight gradient is ~0: the error the network still makes reaches no weight,
// as with saturated outputs or dead neurons). Pure: fed readings, tested in Node.

export const LIMITS = {
  /** Exploding: the loss above this many times the lowest seen and above its starting value, */
  explodeFactor: 10,
  /** on this many readings in a row, each higher than the one before. */
  risingReadings: 2,
  /** Stalled: this many readings in a row, spanning at least `stallSteps` steps, on which */
  stallReadings: 3,
  stallSteps: 100,
  /** every layer's weight-gradient RMS is below this, */
  zeroGradient: 1e-5,
  /** the loss stays within this fraction of the streak's first, */
  flatChange: 0.01,
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
    this.stall = null; // { step, loss, count } of the streak of flat, gradient-free readings
  }

  observe(s) {
    if (this.trouble) return null; // told once, until training starts over
    if (s.diverged) return this.#begin('diverged', s.divergedAtStep, s, s.trainLoss);
    const loss = s.trainLoss;
    if (loss === null || loss === undefined || !Number.isFinite(loss)) return null;
    if (s.step === this.previous?.step) return null; // the same parameters, looked at again
    this.start ??= loss;
    const best = s.bestLoss ?? loss;
    return this.#exploding(s, loss, best) ?? this.#stalled(s, loss);
  }

  #exploding(s, loss, best) {
    const { explodeFactor, risingReadings } = this.limits;
    this.rising = this.previous && loss > this.previous.loss ? this.rising + 1 : 0;
    this.previous = { step: s.step, loss };
    if (loss <= 2 * best || this.calmStep === null) this.calmStep = s.step;
    if (loss > explodeFactor * best && loss > this.start && this.rising >= risingReadings) {
      return this.#begin('exploding', this.calmStep, s, loss);
    }
    return null;
  }

  #stalled(s, loss) {
    const { zeroGradient, flatChange, farFromZero, stallReadings, stallSteps } = this.limits;
    const cut = s.dead?.some((layer) => layer.length > 0 && layer.every(Boolean));
    const still = !cut && s.weightGradRms.every((g) => g < zeroGradient) && loss > farFromZero * this.start;
    const flat = this.stall && Math.abs(loss - this.stall.loss) <= flatChange * this.stall.loss;
    if (!still) this.stall = null;
    else if (flat) this.stall.count += 1;
    else this.stall = { step: s.step, loss, count: 1 };
    const long = this.stall?.count >= stallReadings && s.step - this.stall.step >= stallSteps;
    return long ? this.#begin('stalled', this.stall.step, s, loss) : null;
  }

  #begin(kind, step, s, loss) {
    this.trouble = { kind, step, loss, bestLoss: s.bestLoss ?? null, bestStep: s.bestStep };
    return this.trouble;
  }
}
