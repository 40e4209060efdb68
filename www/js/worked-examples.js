// Published hand-worked examples that the worked-example editor loads: each is a configuration,
// the points with a target per output, and every weight and bias, layer by layer (W[i][j] from
// input j to neuron i, row-major). The tests restate the published numbers on their own: they
// are the reference, this file is only the page's copy of the inputs.

/**
 * Matt Mazur, "A Step by Step Backpropagation Example" (2015): 2 inputs, 2 sigmoid hidden
 * neurons, 2 sigmoid outputs, E = Σ ½(target − out)², η = 0.5. His w1…w8 are, in our W[i][j]:
 * layer 0 = [w1, w2, w3, w4] (w1: i1→h1, w2: i2→h1, w3: i1→h2, w4: i2→h2), biases b1;
 * layer 1 = [w5, w6, w7, w8] (w5: h1→o1, w6: h2→o1, w7: h1→o2, w8: h2→o2), biases b2.
 */
export const MAZUR = Object.freeze({
  name: 'mazur',
  label: "Load Mazur's 2-2-2 example",
  source: 'Matt Mazur, “A Step by Step Backpropagation Example” (2015)',
  url: 'https://mattmazur.com/2015/03/17/a-step-by-step-backpropagation-example/',
  config: {
    problem: 'regression',
    outputs: 2,
    outputActivation: 'sigmoid',
    activation: 'sigmoid',
    loss: 'mse',
    networkShape: [2],
    features: ['x', 'y'],
    learningRate: 0.5,
    batchSize: 1,
    optimizer: 'sgd',
    regularization: 'none',
    residual: false,
  },
  /** [x₁, x₂, t₀, t₁] per point. */
  points: [[0.05, 0.1, 0.01, 0.99]],
  layers: [
    { weights: [0.15, 0.2, 0.25, 0.3], biases: [0.35, 0.35] },
    { weights: [0.4, 0.45, 0.5, 0.55], biases: [0.6, 0.6] },
  ],
});

/** Splits [x, y, t…] rows into the (points, labels) arrays that `setData` takes (labels interleaved). */
export function splitRows(rows) {
  return {
    points: Float32Array.from(rows.flatMap((r) => r.slice(0, 2))),
    labels: Float32Array.from(rows.flatMap((r) => r.slice(2))),
  };
}
