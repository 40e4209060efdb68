// How the source text writes things: W₂[i][j], ∂L/∂z₁[j], numbers with 3 significant digits and a
// true minus sign. Pure functions, shared by the explain mode and the inspector.

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';

export const sub = (n) => String(n).replace(/\d/g, (d) => SUBSCRIPTS[d]);

/**
 * A number as the page prints it: 3 significant digits, scientific when tiny or huge, a true minus
 * sign, and never "−0" (−0 is 0). Every number the page writes goes through here.
 */
export function num(v) {
  if (typeof v === 'bigint') v = Number(v);
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  let text = a >= 1e-3 && a < 1e5 ? String(Number(a.toPrecision(3))) : Number(a.toPrecision(3)).toExponential().replace('e', '·10^').replace('^+', '^');
  text = text.replace(/\^(-?\d+)/, (_, e) => superscript(e));
  return v < 0 ? `−${text}` : text;
}

export function superscript(e) {
  const map = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
  return [...e].map((c) => map[c]).join('');
}

/** A number as a factor in a product: negative ones in parentheses. */
export const factor = (v) => (v < 0 ? `(${num(v)})` : num(v));

/**
 * A parameter as an input field shows it: at most 6 significant digits (not "0.17299753427"),
 * plain digits the field accepts, and 0 for −0. The exact value stays unless the text is edited.
 */
export function editable(v) {
  if (!Number.isFinite(v) || v === 0) return Number.isNaN(v) ? '' : String(v === 0 ? 0 : v);
  return String(Number(v.toPrecision(6)));
}

/**
 * A count and its noun: "1 path", "3 paths", "1 outgoing edge" (nouns with a plain -s plural);
 * `text` writes the count another way (grouped digits).
 */
export function plural(n, noun, text = String(n)) {
  return `${text} ${noun}${n == 1 ? '' : 's'}`; // == also compares a BigInt with 1
}

/**
 * The data's two coordinates, as the source text needs them: y is its target and ŷ the prediction,
 * so a point is (x₁, x₂). The core's feature labels (settings.rs) use the same names: x₁², sin x₂, …
 */
export const COORDINATES = ['x₁', 'x₂'];

/** "(x₁, x₂) = (2.81, 1.4)": a data point by the coordinates' names. */
export const point = (x, y) => `(${COORDINATES.join(', ')}) = (${num(x)}, ${num(y)})`;

/**
 * Names in the source text's numbering: column 0 is the input x, column c ≥ 1 holds z_c and a_c,
 * and weight layer l (0-based) is W_{l+1}, from column l to column l + 1.
 */
export const names = {
  W: (l, i, j) => `W${sub(l + 1)}[${i}][${j}]`,
  b: (l, i) => `b${sub(l + 1)}[${i}]`,
  z: (c, i) => `z${sub(c)}[${i}]`,
  a: (c, i) => (c === 0 ? `x[${i}]` : `a${sub(c)}[${i}]`),
  dz: (c, i) => `∂L/∂z${sub(c)}[${i}]`,
  da: (c, i) => `∂L/∂a${sub(c)}[${i}]`,
};

/** The derivative of an activation as the text writes it, with its rule. */
export const DERIVATIVES = {
  relu: { name: 'ReLU′', rule: 'ReLU′(z) = 1 if z > 0, 0 if z ≤ 0' },
  leakyRelu: { name: 'LeakyReLU′', rule: 'LeakyReLU′(z) = 1 if z > 0, 0.01 if z ≤ 0' },
  elu: { name: 'ELU′', rule: 'ELU′(z) = 1 if z > 0, eᶻ if z ≤ 0' },
  tanh: { name: 'tanh′', rule: 'tanh′(z) = 1 − tanh²(z)' },
  sigmoid: { name: 'σ′', rule: 'σ′(z) = σ(z)·(1 − σ(z))' },
  linear: { name: 'linear′', rule: 'linear′(z) = 1' },
  softmax: { name: 'softmax′', rule: '∂ŷᵢ/∂zᵢ = ŷᵢ·(1 − ŷᵢ)' },
};
