// The palette, shared with the Rust heatmaps (src/heatmap.rs): colour-blind-safe orange for
// negative, grey at zero, blue for positive; Okabe–Ito colours for classes.
export const NEGATIVE = [245, 147, 34];
export const ZERO = [232, 234, 235];
export const POSITIVE = [8, 119, 189];
export const CLASS_COLOURS = [
  [230, 159, 0],
  [86, 180, 233],
  [0, 158, 115],
  [240, 228, 66],
  [0, 114, 178],
  [213, 94, 0],
  [204, 121, 167],
  [110, 110, 110],
];

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));

/** [r, g, b] of a value in −1..1 (clamped) on the diverging palette. */
export function diverging(v) {
  const t = Math.max(-1, Math.min(1, v));
  return t >= 0 ? mix(ZERO, POSITIVE, t) : mix(ZERO, NEGATIVE, -t);
}

export const css = ([r, g, b], alpha = 1) => `rgba(${r}, ${g}, ${b}, ${alpha})`;

/** Fill colour of a data point's label for a problem type. */
export function labelColour(problem, label) {
  if (problem === 'multiclass') return CLASS_COLOURS[label % CLASS_COLOURS.length];
  if (problem === 'regression') return diverging(label);
  return label > 0 ? POSITIVE : NEGATIVE;
}

/** The canvases' own colours in the light theme (the CSS variables of the same names say them). */
export const LIGHT_CANVAS = { ink: '#1d2327', muted: '#5b6670', grid: 'rgba(0, 0, 0, 0.12)', test: '#e07b00' };

/**
 * The canvases' colours for the theme in force, from the page's CSS variables (--ink, --muted,
 * --grid), so that the dark theme reaches everything drawn, not only the HTML.
 */
export function canvasPalette(style) {
  const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return {
    ink: read('--ink', LIGHT_CANVAS.ink),
    muted: read('--muted', LIGHT_CANVAS.muted),
    grid: read('--grid', LIGHT_CANVAS.grid),
    test: read('--test-line', LIGHT_CANVAS.test),
  };
}
