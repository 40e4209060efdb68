// The benchmark's arithmetic, kept pure so that tests/js/bench.test.mjs can check it: medians, the
// per-round ratios and their spread, the FLOP count of an epoch, the rotating order of the peers.

/** The median (the mean of the middle two for an even count); NaN for none. */
export function median(xs) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The ratio a ÷ b of two peers measured in the same rounds, round by round (a load that hits a
 * round hits both alike, so each round's ratio is fairer than a ratio of medians): its median and
 * its spread (min–max). Rounds where either side is missing are left out.
 */
export function ratioSummary(a, b) {
  const ratios = [];
  for (let r = 0; r < Math.min(a.length, b.length); r++) {
    const x = a[r] / b[r];
    if (Number.isFinite(x)) ratios.push(x);
  }
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), rounds: ratios.length };
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
