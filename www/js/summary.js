// What a screen reader hears after a step: one sentence per fact, from plain numbers. Pure, so that
// it is tested in Node.
import { formatLoss } from './frame.js';

/**
 * The largest |∂L/∂W| of a network: { layer, i, j, value } (W[i][j] of `layer`), or null.
 * `weightGrads[l]` is layer l's ∂L/∂W, row-major [outputs][inputs]; `inputs[l]` its input count.
 */
export function largestGradient(weightGrads, inputs) {
  let best = null;
  weightGrads.forEach((grads, layer) => {
    for (let k = 0; k < grads.length; k++) {
      if (best === null || Math.abs(grads[k]) > Math.abs(best.value)) {
        best = { layer, i: Math.floor(k / inputs[layer]), j: k % inputs[layer], value: grads[k] };
      }
    }
  });
  return best;
}

/** The step's summary: step, loss and its change, the largest gradient, dead neurons. */
export function stepSummary({ step, loss, previousLoss, largest, dead, hidden }) {
  const parts = [`Step ${step}.`];
  if (loss === null || loss === undefined) parts.push('No training loss: there is no training data.');
  else if (!Number.isFinite(loss)) parts.push(`Training loss ${formatLoss(loss)}: training diverged.`);
  else if (previousLoss === null || previousLoss === undefined || !Number.isFinite(previousLoss)) parts.push(`Training loss ${formatLoss(loss)}.`);
  else {
    const change = loss - previousLoss;
    const trend = change < 0 ? `down ${formatLoss(-change)}` : change > 0 ? `up ${formatLoss(change)}` : 'unchanged';
    parts.push(`Training loss ${formatLoss(loss)}, ${trend}.`);
  }
  if (largest) {
    parts.push(`Largest gradient: weight ${largest.j + 1} into neuron ${largest.i + 1} of layer ${largest.layer + 1}, ∂L/∂W = ${largest.value.toPrecision(3)}.`);
  }
  parts.push(`Dead neurons: ${dead} of ${hidden}.`);
  return parts.join(' ');
}
