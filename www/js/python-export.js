// The network as a Python script a learner can take away: NumPy or PyTorch, with the current
// weights and biases and the data embedded, printing its predictions and the training and test loss
// as the page defines them (kernels/src/network/loss.rs: a mean over points of each point's loss;
// targets encoded as src/training/samples.rs encode_target does). Pure: it reads what the session
// gives and returns plain text (never HTML). Both dialects share the tables, the features, the
// targets and the report; only the forward pass and the losses are said in each library's words.

/** What a script is made of, read from the session: the setup, the parameters and the data. */
export function pythonSetup(session) {
  const c = session.config;
  const sizes = session.sizes.slice();
  const layers = sizes.slice(1).map((_, l) => ({
    weights: Array.from(session.view('weights', l)),
    biases: Array.from(session.view('biases', l)),
  }));
  // The CSV has every target of every point (trainPoints has output 0's only): training first.
  const rows = session.exportCsv().trim().split('\n').slice(1).filter(Boolean)
    .map((line) => line.split(',').map(Number));
  const trainCount = session.train.length / 3;
  return {
    sizes,
    features: c.features.slice(),
    hidden: c.activation,
    output: c.outputActivation,
    loss: c.loss,
    problem: c.problem,
    residual: c.residual,
    step: session.stats?.step ?? null,
    layers,
    train: rows.slice(0, trainCount),
    test: rows.slice(trainCount),
  };
}

/** The shortest decimal that reads back as the same float32 (the page computes in float32). */
export function pyNumber(v) {
  if (!Number.isFinite(v)) throw new Error(`${v} cannot be written into a script`);
  if (Number.isInteger(v) && Math.abs(v) < 2 ** 24) return String(v);
  const f = Math.fround(v);
  for (let p = 1; p < 9; p++) {
    const shorter = Number(f.toPrecision(p));
    if (Math.fround(shorter) === f) return String(shorter);
  }
  return String(Number(f.toPrecision(9)));
}

const FEATURES = {
  x: ['x', () => 'x'],
  y: ['y', () => 'y'],
  xSquared: ['x²', () => 'x ** 2'],
  ySquared: ['y²', () => 'y ** 2'],
  xTimesY: ['xy', () => 'x * y'],
  sinX: ['sin x', (lib) => `${lib}.sin(x)`],
  sinY: ['sin y', (lib) => `${lib}.sin(y)`],
  cosX: ['cos x', (lib) => `${lib}.cos(x)`],
  cosY: ['cos y', (lib) => `${lib}.cos(y)`],
};

const LOSS_WORDS = {
  mse: 'the mean over points of ½ Σ (ŷ − y)² (the page\'s mean squared error)',
  binary: 'the mean over points of −[y ln ŷ + (1 − y) ln(1 − ŷ)], computed from z (binary cross-entropy)',
  softmax: 'the mean over points of −Σ y ln ŷ = ln Σ e^z − Σ z·y (cross-entropy of the softmax)',
};

// Each library's words: its module, the array constructor, the activations, a layer and the loss.
const DIALECTS = {
  numpy: {
    title: 'NumPy',
    file: 'backprop-playground-numpy.py',
    needs: 'NumPy (pip install numpy)',
    imports: ['import numpy as np'],
    lib: 'np',
    array: (rows) => `np.array(${rows}, dtype=float)`,
    stack: (cols) => `np.stack([${cols}], axis=1)`,
    toInt: (e) => `${e}.astype(int)`,
    eye: (k) => `np.eye(${k})`,
    // Helper functions, defined only when used; `apply` is how a layer's activation is written.
    helpers: {
      relu: ['def relu(z):', '    return np.maximum(z, 0)'],
      leakyRelu: ['def leaky_relu(z):', '    return np.where(z > 0, z, 0.01 * z)'],
      elu: ['def elu(z):', '    return np.where(z > 0, z, np.expm1(np.minimum(z, 0)))'],
      sigmoid: ['def sigmoid(z):', '    # 1 / (1 + e^−z), written so that no e^−z overflows', '    return 0.5 * (1 + np.tanh(z / 2))'],
      softmax: ['def softmax(z):', '    e = np.exp(z - z.max(axis=1, keepdims=True))', '    return e / e.sum(axis=1, keepdims=True)'],
    },
    apply: { relu: 'relu', leakyRelu: 'leaky_relu', elu: 'elu', tanh: 'np.tanh', sigmoid: 'sigmoid', softmax: 'softmax' },
    layer: (l) => `a @ W${l + 1}.T + b${l + 1}`,
    losses: {
      binary: 'return (np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))).sum(1).mean()',
      softmax: [
        'm = z.max(axis=1, keepdims=True)',
        'log_sum_exp = m[:, 0] + np.log(np.exp(z - m).sum(1))',
        'return (log_sum_exp - (z * y).sum(1)).mean()',
      ],
    },
  },
  pytorch: {
    title: 'PyTorch',
    file: 'backprop-playground-pytorch.py',
    needs: 'PyTorch (pip install torch)',
    imports: ['import torch', 'import torch.nn.functional as F', 'from torch import nn', '',
      '# float64 throughout: the page computes in float32, so the losses agree to many digits.',
      'torch.set_default_dtype(torch.float64)'],
    lib: 'torch',
    array: (rows) => `torch.tensor(${rows}, dtype=torch.float64)`,
    stack: (cols) => `torch.stack([${cols}], dim=1)`,
    toInt: (e) => `${e}.long()`,
    eye: (k) => `torch.eye(${k})`,
    helpers: {},
    apply: { relu: 'torch.relu', leakyRelu: 'F.leaky_relu', elu: 'F.elu', tanh: 'torch.tanh', sigmoid: 'torch.sigmoid' },
    layer: (l) => `self.layers[${l}](a)`,
    losses: {
      binary: 'return F.binary_cross_entropy_with_logits(z, y, reduction="none").sum(1).mean()',
      softmax: ['# the same as F.cross_entropy(z, y) with the one-hot y as probabilities',
        'return (torch.logsumexp(z, 1) - (z * y).sum(1)).mean()'],
    },
  },
};

/** The file name a dialect's script is saved under. */
export const pythonFileName = (dialect) => DIALECTS[dialect].file;

const lossKind = (s) => (s.loss === 'mse' ? 'mse' : s.output === 'softmax' ? 'softmax' : 'binary');

/** Each weight layer: its activation and whether a residual connection adds its input. */
function layerPlan(s) {
  const last = s.sizes.length - 2;
  return s.sizes.slice(1).map((n, l) => ({
    l,
    inputs: s.sizes[l],
    outputs: n,
    activation: l === last ? s.output : s.hidden,
    residual: s.residual && l < last && s.sizes[l] === n,
  }));
}

/** `f(expr)` in the dialect's words (softmax over each row, linear as it is). */
function activate(d, name, expr) {
  if (name === 'linear') return expr;
  if (d === DIALECTS.pytorch && name === 'softmax') return `torch.softmax(${expr}, dim=1)`;
  return `${d.apply[name]}(${expr})`;
}

/** A table of rows as Python source, one row a line. */
function pyRows(rows, indent = '    ') {
  if (!rows.length) return '[]';
  return `[\n${rows.map((r) => `${indent}[${r.map(pyNumber).join(', ')}],`).join('\n')}\n]`;
}

/** The targets as the core encodes them (samples.rs encode_target), from the label columns. */
function targetLines(d, s) {
  const classes = s.sizes.at(-1);
  if (s.problem === 'multiclass') {
    return ['# Class k -> the one-hot vector with a 1 at k.',
      `return ${d.eye(classes)}[${d.toInt('labels[:, 0]')}]`];
  }
  if (s.problem === 'classification' && s.output === 'sigmoid') {
    return ['# A sigmoid output learns 1 for the class +1 and 0 for the class −1.', 'return (labels > 0) * 1.0'];
  }
  if (s.problem === 'classification') return ['# The output learns the class itself, +1 or −1.', 'return labels'];
  return [`# The point's own target${classes > 1 ? 's, one per output' : ''}.`, 'return labels'];
}

function forwardLines(d, s) {
  const plan = layerPlan(s);
  const lines = [];
  for (const p of plan) {
    const z = d.layer(p.l);
    if (p.l === plan.length - 1) {
      lines.push(`z = ${z}`, `return z, ${activate(d, p.activation, 'z')}`);
    } else if (p.residual) {
      lines.push(`a = a + ${activate(d, p.activation, z)}  # residual: the layer adds its input`);
    } else {
      lines.push(`a = ${activate(d, p.activation, z)}`);
    }
  }
  return lines;
}

function lossLines(d, s) {
  const kind = lossKind(s);
  const body = kind === 'mse' ? 'return (0.5 * ((yhat - y) ** 2).sum(1)).mean()' : d.losses[kind];
  const words = LOSS_WORDS[kind];
  return [`"""${words[0].toUpperCase()}${words.slice(1)}."""`, ...[body].flat()];
}

const indent = (lines, n = 1) => lines.map((l) => (l ? '    '.repeat(n) + l : l));

function describe(s) {
  const names = s.features.map((f) => FEATURES[f][0]).join(', ');
  const parts = [`${s.sizes[0]} inputs (${names})`];
  for (const p of layerPlan(s)) parts.push(`${p.outputs} ${p.activation}${p.residual ? ' (residual)' : ''}`);
  return parts.join(' -> ');
}

/** The network under `setup` (pythonSetup's) as a script in `dialect` ('numpy' or 'pytorch'). */
export function pythonScript(setup, dialect) {
  const d = DIALECTS[dialect];
  if (!d) throw new Error(`no Python dialect named ${dialect}; use numpy or pytorch`);
  const s = setup;
  const plan = layerPlan(s);
  const width = s.train[0]?.length ?? s.test[0]?.length ?? 3;
  const classify = s.problem !== 'regression';
  const threshold = s.output === 'sigmoid' ? '0.5' : '0';
  const out = [
    '"""Backprop Playground\'s network, exported as a ' + d.title + ' script.',
    '',
    `Network: ${describe(s)}.`,
    `Loss: ${LOSS_WORDS[lossKind(s)]}.`,
    `${s.step === null ? 'Its' : `At step ${s.step}, its`} weights and biases and its data are below.`,
    'Run it with python3: it prints its training and test loss (the page\'s numbers) and a few',
    `predictions. Needs ${d.needs}.`,
    '"""',
    ...d.imports,
    '',
    '# Weights and biases: W[i][j] joins input j to neuron i; a layer computes z = W a + b.',
  ];
  s.layers.forEach((layer, l) => {
    const p = plan[l];
    const rows = [];
    for (let i = 0; i < p.outputs; i++) rows.push(layer.weights.slice(i * p.inputs, (i + 1) * p.inputs));
    out.push(`W${l + 1} = ${d.array(pyRows(rows))}  # ${p.inputs} -> ${p.outputs}`);
    out.push(`b${l + 1} = ${d.array(`[${layer.biases.map(pyNumber).join(', ')}]`)}`);
  });
  const cols = s.features.map((f) => FEATURES[f][1](d.lib)).join(', ');
  out.push('', '',
    `def features(x, y):`,
    `    """What the network sees of each point: ${s.features.map((f) => FEATURES[f][0]).join(', ')}."""`,
    `    return ${d.stack(cols)}`,
    '', '',
    'def targets(labels):',
    `    """What the output learns for each point, from its label${width > 3 ? 's' : ''}."""`,
    ...indent(targetLines(d, s)),
    '', '');
  const used = new Set(plan.map((p) => p.activation));
  for (const [name, lines] of Object.entries(d.helpers)) if (used.has(name)) out.push(...lines, '', '');
  const forward = forwardLines(d, s);
  if (dialect === 'numpy') {
    out.push('def forward(a):', '    """The output layer\'s z and the prediction ŷ = f(z), one row per point."""',
      ...indent(forward));
  } else {
    out.push('class Net(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      `        self.layers = nn.ModuleList([${plan.map((p) => `nn.Linear(${p.inputs}, ${p.outputs})`).join(', ')}])`,
      '        with torch.no_grad():',
      `            for layer, W, b in zip(self.layers, [${plan.map((p) => `W${p.l + 1}`).join(', ')}], [${plan.map((p) => `b${p.l + 1}`).join(', ')}]):`,
      '                layer.weight.copy_(W)',
      '                layer.bias.copy_(b)',
      '',
      '    def forward(self, a):',
      '        """The output layer\'s z and the prediction ŷ = f(z), one row per point."""',
      ...indent(forward, 2),
      '', '',
      '# Only evaluated here: requires_grad_(True) (and an optimiser) would train it on.',
      'forward = Net().requires_grad_(False)');
  }
  out.push('', '', 'def loss(z, yhat, y):', ...indent(lossLines(d, s)), '', '',
    'def report(name, data):',
    '    """Prints the loss (and accuracy) over one set of points, and a few predictions."""',
    '    if len(data) == 0:',
    '        print(f"{name} loss: none (no points)")',
    '        return',
    '    z, yhat = forward(features(data[:, 0], data[:, 1]))',
    '    print(f"{name} loss: {float(loss(z, yhat, targets(data[:, 2:]))):.8g}")');
  if (classify) {
    out.push(s.problem === 'multiclass'
      ? '    right = yhat.argmax(1) == data[:, 2]'
      : `    right = (yhat[:, 0] > ${threshold}) == (data[:, 2] > 0)`);
    out.push('    print(f"{name} accuracy: {float(right.sum()) / len(data):.1%}")');
  }
  out.push(
    '    for row, prediction in zip(data[:3].tolist(), yhat[:3].tolist()):',
    '        print(f"  ({row[0]:.3f}, {row[1]:.3f}) -> {numbers(prediction)}, label {numbers(row[2:])}")',
    '', '',
    'def numbers(values):',
    '    return ", ".join(f"{v:.4g}" for v in values)',
    '', '',
    '# The data: x, y, then the label (the class, or the targets), one point a row.',
    `TRAIN = ${d.array(pyRows(s.train))}.reshape(-1, ${width})`,
    `TEST = ${d.array(pyRows(s.test))}.reshape(-1, ${width})`,
    '',
    'if __name__ == "__main__":',
    '    report("training", TRAIN)',
    '    report("test", TEST)',
    '');
  return out.join('\n');
}
