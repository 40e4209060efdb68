// A reference for TensorFlow Playground's run, in float64 as it computes, written from its
// published algorithm (src/dataset.ts, src/nn.ts and src/playground.ts of tensorflow/playground)
// and driven by the `seedrandom` library it uses (a test-only dev dependency). Deliberately plain
// and node-by-node like the original, and sharing nothing with the core, so that agreeing with it
// means something. Used by tensorflow-run.test.mjs.
import { createRequire } from 'node:module';

const seedrandom = createRequire(import.meta.url)('seedrandom');

// ---- data ------------------------------------------------------------------------------------

const uniform = (random, a, b) => random() * (b - a) + a;
const dist = (x, y) => Math.sqrt(x * x + y * y);
// d3 v3's linear scale: t from the domain, then a·(1 − t) + b·t.
const scale = ([d0, d1], [r0, r1], clamp = false) => (v) => {
  let t = (v - d0) / (d1 - d0);
  if (clamp) t = Math.max(0, Math.min(1, t));
  return r0 * (1 - t) + r1 * t;
};

function normal(random, mean, variance) {
  let v1, v2, s;
  do {
    v1 = 2 * random() - 1;
    v2 = 2 * random() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1);
  return mean + Math.sqrt(variance) * Math.sqrt(-2 * Math.log(s) / s) * v1;
}

/** The noisy point of the plane and the regression data sets: x, y, then their noise. */
function noisy(random, r, noise) {
  const x = uniform(random, -r, r), y = uniform(random, -r, r);
  return [x, y, uniform(random, -r, r) * noise, uniform(random, -r, r) * noise];
}

const GENERATORS = {
  gauss(random, n, noise) {
    const variance = scale([0, 0.5], [0.5, 4])(noise), points = [];
    for (const [c, label] of [[2, 1], [-2, -1]]) {
      for (let i = 0; i < n / 2; i++) points.push({ x: normal(random, c, variance), y: normal(random, c, variance), label });
    }
    return points;
  },
  regPlane(random, n, noise) {
    const label = scale([-10, 10], [-1, 1]), points = [];
    for (let i = 0; i < n; i++) {
      const [x, y, nx, ny] = noisy(random, 6, noise);
      points.push({ x, y, label: label(x + nx + y + ny) });
    }
    return points;
  },
  regGauss(random, n, noise) {
    const bumps = [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]];
    const fall = scale([0, 2], [1, 0], true), points = [];
    for (let i = 0; i < n; i++) {
      const [x, y, nx, ny] = noisy(random, 6, noise);
      let label = 0;
      for (const [cx, cy, sign] of bumps) {
        const v = sign * fall(dist(x + nx - cx, y + ny - cy));
        if (Math.abs(v) > Math.abs(label)) label = v;
      }
      points.push({ x, y, label });
    }
    return points;
  },
  spiral(random, n, noise) {
    const half = n / 2, points = [];
    for (const [delta, label] of [[0, 1], [Math.PI, -1]]) {
      for (let i = 0; i < half; i++) {
        const r = i / half * 5, t = 1.75 * i / half * 2 * Math.PI + delta;
        const x = r * Math.sin(t) + uniform(random, -1, 1) * noise;
        const y = r * Math.cos(t) + uniform(random, -1, 1) * noise;
        points.push({ x, y, label });
      }
    }
    return points;
  },
  circle(random, n, noise) {
    const R = 5, points = [];
    for (const [lo, hi] of [[0, R * 0.5], [R * 0.7, R]]) {
      for (let i = 0; i < n / 2; i++) {
        const r = uniform(random, lo, hi), angle = uniform(random, 0, 2 * Math.PI);
        const x = r * Math.sin(angle), y = r * Math.cos(angle);
        const nx = uniform(random, -R, R) * noise, ny = uniform(random, -R, R) * noise;
        points.push({ x, y, label: dist(x + nx, y + ny) < R * 0.5 ? 1 : -1 });
      }
    }
    return points;
  },
  xor(random, n, noise) {
    const points = [];
    for (let i = 0; i < n; i++) {
      let x = uniform(random, -5, 5);
      x += x > 0 ? 0.3 : -0.3;
      let y = uniform(random, -5, 5);
      y += y > 0 ? 0.3 : -0.3;
      const nx = uniform(random, -5, 5) * noise, ny = uniform(random, -5, 5) * noise;
      points.push({ x, y, label: (x + nx) * (y + ny) >= 0 ? 1 : -1 });
    }
    return points;
  },
};

const INPUTS = {
  x: (x) => x, y: (x, y) => y, xSquared: (x) => x * x, ySquared: (x, y) => y * y,
  xTimesY: (x, y) => x * y, sinX: (x) => Math.sin(x), sinY: (x, y) => Math.sin(y),
};

// ---- the network, node by node ---------------------------------------------------------------

const ACTIVATIONS = {
  tanh: { f: Math.tanh, d: (z) => 1 - Math.tanh(z) ** 2 },
  relu: { f: (z) => Math.max(0, z), d: (z) => (z <= 0 ? 0 : 1) },
  sigmoid: { f: (z) => 1 / (1 + Math.exp(-z)), d: (z) => { const s = 1 / (1 + Math.exp(-z)); return s * (1 - s); } },
  linear: { f: (z) => z, d: () => 1 },
};
const REGULARIZERS = { L1: (w) => (w < 0 ? -1 : w > 0 ? 1 : 0), L2: (w) => w };

function build(sizes, hidden, output, random, initZero) {
  const layers = [];
  for (let l = 1; l < sizes.length; l++) {
    const nodes = [];
    for (let i = 0; i < sizes[l]; i++) {
      const links = [];
      for (let j = 0; j < sizes[l - 1]; j++) {
        const drawn = random() - 0.5; // drawn for every link, even with initZero
        links.push({ w: initZero ? 0 : drawn, dead: false, acc: 0, n: 0 });
      }
      nodes.push({ links, b: initZero ? 0 : 0.1, acc: 0, n: 0, z: 0, a: 0, outDer: 0, inDer: 0, act: l === sizes.length - 1 ? output : hidden });
    }
    layers.push(nodes);
  }
  return layers;
}

function forward(layers, input) {
  let prev = input;
  for (const nodes of layers) {
    for (const node of nodes) {
      node.z = node.b;
      node.links.forEach((link, j) => { node.z += link.w * prev[j]; });
      node.a = node.act.f(node.z);
    }
    prev = nodes.map((n) => n.a);
  }
  return layers.at(-1)[0].a;
}

function backward(layers, input, label) {
  const out = layers.at(-1)[0];
  out.outDer = out.a - label;
  for (let l = layers.length - 1; l >= 0; l--) {
    const prev = l > 0 ? layers[l - 1].map((n) => n.a) : input;
    for (const node of layers[l]) {
      node.inDer = node.outDer * node.act.d(node.z);
      node.acc += node.inDer;
      node.n += 1;
      node.links.forEach((link, j) => {
        if (link.dead) return;
        link.acc += node.inDer * prev[j];
        link.n += 1;
      });
    }
    if (l === 0) continue;
    layers[l - 1].forEach((node, j) => {
      node.outDer = 0;
      for (const next of layers[l]) node.outDer += next.links[j].w * next.inDer;
    });
  }
}

function update(layers, rate, regularization, regRate) {
  for (const nodes of layers) {
    for (const node of nodes) {
      if (node.n > 0) {
        node.b -= rate * node.acc / node.n;
        node.acc = 0;
        node.n = 0;
      }
      for (const link of node.links) {
        if (link.dead || link.n === 0) continue;
        const slope = regularization ? REGULARIZERS[regularization](link.w) : 0;
        link.w -= (rate / link.n) * link.acc;
        const next = link.w - rate * regRate * slope;
        if (regularization === 'L1' && link.w * next < 0) {
          link.w = 0;
          link.dead = true;
        } else link.w = next;
        link.acc = 0;
        link.n = 0;
      }
    }
  }
}

/** Parameters as the core lays them out: per layer, W row by row (neuron by neuron), then b. */
const parameters = (layers) => layers.flatMap((nodes) => [...nodes.flatMap((n) => n.links.map((k) => k.w)), ...nodes.map((n) => n.b)]);

/**
 * TensorFlow Playground's run for a setup (its link's settings, parsed): its points, its initial
 * parameters, and its training and test loss after each of `epochs` (ascending), after `resets`
 * presses of its Reset. The triples and parameters returned are the unrounded ones unless `round32`.
 */
export function tensorflowRun(setup, epochs, { round32 = false, resets = 0 } = {}) {
  const { seed, problem = 'classification', dataset, noise = 0, percTrainData = 50, networkShape = [4, 2], activation = 'tanh',
    features = ['x', 'y'], learningRate = 0.03, regularization = null, regularizationRate = 0, batchSize = 10, initZero = false } = setup;
  const random = seedrandom(seed);
  const data = GENERATORS[dataset](random, problem === 'regression' ? 1200 : 500, noise / 100);
  for (let counter = data.length; counter > 0;) { // its in-place Fisher–Yates
    const index = Math.floor(random() * counter);
    counter--;
    [data[counter], data[index]] = [data[index], data[counter]];
  }
  const split = Math.floor(data.length * percTrainData / 100);
  // round32: the same run from its points and weights rounded to float32, as the core holds
  // them. How far that moves the run measures how chaotic it is.
  const round = (v) => (round32 ? Math.fround(v) : v);
  for (const p of data) [p.x, p.y, p.label] = [round(p.x), round(p.y), round(p.label)];
  const [train, test] = [data.slice(0, split), data.slice(split)];
  const inputs = Object.keys(INPUTS).filter((k) => features.includes(k));
  const encode = (p) => inputs.map((k) => INPUTS[k](p.x, p.y));
  const output = problem === 'regression' ? ACTIVATIONS.linear : ACTIVATIONS.tanh;
  // Its Reset builds the network again from the running stream: `resets` presses after opening.
  let layers;
  for (let k = 0; k <= resets; k++) layers = build([inputs.length, ...networkShape, 1], ACTIVATIONS[activation], output, random, initZero);
  for (const node of layers.flat()) for (const link of node.links) link.w = round(link.w);
  const initial = parameters(layers);
  const loss = (set) => set.reduce((sum, p) => sum + 0.5 * (forward(layers, encode(p)) - p.label) ** 2, 0) / set.length;
  const losses = [];
  for (let epoch = 1; epoch <= Math.max(...epochs); epoch++) {
    train.forEach((p, i) => {
      const input = encode(p);
      forward(layers, input);
      backward(layers, input, p.label);
      if ((i + 1) % batchSize === 0) update(layers, learningRate, regularization, regularizationRate);
    });
    if (epochs.includes(epoch)) losses.push({ epoch, train: loss(train), test: loss(test) });
  }
  const triples = (set) => set.map((p) => [p.x, p.y, p.label]);
  return { train: triples(train), test: triples(test), params: initial, losses, features: inputs, last: parameters(layers) };
}
