// The benchmark's arithmetic, kept pure so that tests/js/bench.test.mjs can check it: medians, the
// per-round ratios and their spread, the FLOP count of an epoch, the rotating order of the peers.

/** The q-quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics; NaN for none. */
export function quantile(xs, q) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return lo + 1 < s.length ? s[lo] + (s[lo + 1] - s[lo]) * (at - lo) : s[lo];
}

/** The median (the mean of the middle two for an even count); NaN for none. */
export function median(xs) {
  return quantile(xs, 0.5);
}

/**
 * The ratio a ÷ b of two peers measured in the same rounds, round by round (a load that hits a
 * round hits both alike, so each round's ratio is fairer than a ratio of medians): its median, its
 * interquartile range (q1–q3: the middle half of the rounds) and its extremes. Rounds where either
 * side is missing are left out.
 */
export function ratioSummary(a, b) {
  const ratios = [];
  for (let r = 0; r < Math.min(a.length, b.length); r++) {
    const x = a[r] / b[r];
    if (Number.isFinite(x)) ratios.push(x);
  }
  return {
    median: median(ratios), q1: quantile(ratios, 0.25), q3: quantile(ratios, 0.75),
    min: Math.min(...ratios), max: Math.max(...ratios), rounds: ratios.length,
  };
}

/**
 * FLOP of training one sample on a network of layer `sizes` ([inputs, hidden…, outputs]): per
 * weight layer of `n` inputs and `m` outputs, 2·n·m for the forward product W·a, 2·n·m for
 * ∂L/∂W = δ·aᵀ, and 2·n·m for ∂L/∂a_prev = Wᵀ·δ on every layer but the first (nothing needs the
 * inputs' gradient). Activations, biases, the loss and the updates are not counted: they grow with
 * the neurons, not the weights, and this is the count matrix-product speeds are quoted in.
 */
export function flopsPerSample(sizes) {
  let flops = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const weights = sizes[l] * sizes[l + 1];
    flops += (l === 0 ? 4 : 6) * weights;
  }
  return flops;
}

/** FLOP of one epoch: every training sample once. */
export function flopsPerEpoch(sizes, samples) {
  return flopsPerSample(sizes) * samples;
}

/** GFLOP/s from epochs per second. */
export function gflops(epochsPerSecond, flopsEpoch) {
  return (epochsPerSecond * flopsEpoch) / 1e9;
}

/** The peers in round `round`'s order: rotated by one each round, so none is always first. */
export function rotation(peers, round) {
  const k = ((round % peers.length) + peers.length) % peers.length;
  return [...peers.slice(k), ...peers.slice(0, k)];
}

/** Calls per second of `fn` over about `ms` milliseconds (the loop every in-process peer runs). */
export function rate(fn, ms) {
  const start = performance.now();
  let n = 0;
  let elapsed = 0;
  do {
    fn();
    n++;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (n * 1000) / elapsed;
}
