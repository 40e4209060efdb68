// The vanishing-gradient chart's geometry: one bar per weight layer, input side to output side,
// its height the gradient's RMS on a log scale. Pure, so that tests can check where bars are.

export const CHART_MIN = 1e-9;
export const CHART_MAX = 1;

/** Height (0..height) of a value on the log scale from CHART_MIN to CHART_MAX. */
export function logHeight(value, height) {
  if (!(value > 0)) return 0;
  const t = (Math.log10(value) - Math.log10(CHART_MIN)) / (Math.log10(CHART_MAX) - Math.log10(CHART_MIN));
  return Math.max(0, Math.min(1, t)) * height;
}

/** Bars for `values` in a plot area of `width` × `height` starting at (left, top). */
export function gradientBars(values, { left, top, width, height }) {
  const n = values.length;
  const slot = width / Math.max(1, n);
  const barWidth = Math.max(2, slot * 0.6);
  return values.map((value, l) => {
    const h = logHeight(value, height);
    return { layer: l, value, x: left + l * slot + (slot - barWidth) / 2, y: top + height - h, w: barWidth, h };
  });
}

/** Decades spanned between the smallest and largest positive values (the orders of magnitude). */
export function decadesSpanned(values) {
  const positive = values.filter((v) => v > 0);
  if (positive.length < 2) return 0;
  return Math.log10(Math.max(...positive) / Math.min(...positive));
}
