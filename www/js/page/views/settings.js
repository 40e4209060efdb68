// The settings panels: every control is built from the core's schema (its choices, labels and
// limits), shows the session's configuration, and sends a change through the session. A change
// that fails is reported by name and the controls snap back.
import { learningRateIndex } from '../../frame.js';

const $ = (id) => document.getElementById(id);
/** The batch-size slider's reach: more is possible (typed into a link), but not worth a slider. */
const BATCH_SLIDER_MAX = 50;

/** The choice setting each <select> shows (the rest of the selects are filled elsewhere). */
const SELECTS = { activation: 'activation', regularization: 'regularization', 'regularization-rate': 'regularizationRate', problem: 'problem', init: 'init', optimizer: 'optimizer', rules: 'rules' };
/** The number setting each slider shows, and how its value reads. */
const RANGES = {
  classes: ['classes', (v) => String(v)],
  noise: ['noise', (v) => `${v} %`],
  'num-points': ['numPoints', (v) => String(v)],
  'train-ratio': ['percTrainData', (v) => `${v} %`],
  'batch-size': ['batchSize', (v) => String(v)],
};

function option(value, label) {
  const element = document.createElement('option');
  element.value = String(value);
  element.textContent = label;
  return element;
}

export class Settings {
  constructor(session, { schema, messages }) {
    this.session = session;
    this.messages = messages;
    this.renders = 0;
    this.settings = Object.fromEntries(schema.settings.map((s) => [s.name, s]));
    this.labels = Object.fromEntries(['outputActivation', 'loss'].map((n) => [n, Object.fromEntries(this.settings[n].choices.map((c) => [c.value, c.label]))]));
    this.rates = this.settings.learningRate.steps;
    this.maxLayers = this.settings.networkShape.maxLayers;
    this.#build();
    this.#wire();
    session.on('config', ({ config }) => this.render(config));
    session.on('data', () => this.#rulesLine()); // one's own points make it another run
  }

  /** Option lists and slider bounds from the schema: nothing copied from the core by hand. */
  #build() {
    for (const [id, name] of Object.entries(SELECTS)) {
      const s = this.settings[name];
      $(id).replaceChildren(...(s.choices ?? s.steps.map((v) => ({ value: v, label: String(v) }))).map((c) => option(c.value, c.label)));
    }
    for (const [id, [name]] of Object.entries(RANGES)) {
      const { min, max, step } = this.settings[name];
      $(id).step = String(step);
      $(id).min = String(Math.ceil(min / step) * step); // a slider starts on its own grid
      $(id).max = String(max);
    }
    $('learning-rate').max = String(this.rates.length - 1);
    $('network-shape-help').textContent = `Neurons per hidden layer, comma-separated (0 to ${this.maxLayers} layers of 1 to ${this.settings.networkShape.maxNeurons}), then Enter; or use the + and − buttons on the diagram.`;
  }

  /** A control's change: applied, or its error shown and the controls snapped back. */
  apply(changes) {
    try {
      this.session.setConfig(changes);
    } catch (e) {
      this.messages.report(e); // a failure of the core goes to the crash dialog instead
      if (!this.session.crashed) this.session.reshow(); // every control snaps back
    }
  }

  #wire() {
    const on = (id, event, changes) => $(id).addEventListener(event, (e) => this.apply(changes(e.target)));
    on('activation', 'change', (t) => ({ activation: t.value }));
    on('learning-rate', 'input', (t) => ({ learningRate: this.rates[Number(t.value)] }));
    on('network-shape', 'change', (t) => ({ networkShape: t.value }));
    on('residual', 'change', (t) => ({ residual: t.checked }));
    on('problem', 'change', (t) => ({ problem: t.value }));
    on('regularization', 'change', (t) => ({ regularization: t.value }));
    on('regularization-rate', 'change', (t) => ({ regularizationRate: Number(t.value) }));
    on('init', 'change', (t) => ({ init: t.value }));
    on('rules', 'change', (t) => ({ rules: t.value }));
    on('optimizer', 'change', (t) => ({ optimizer: t.value }));
    on('output-activation', 'change', (t) => ({ outputActivation: t.value }));
    on('loss', 'change', (t) => ({ loss: t.value }));
    on('show-test', 'change', (t) => ({ showTestData: t.checked }));
    on('discretize', 'change', (t) => ({ discretize: t.checked }));
    on('batch-size', 'input', (t) => ({ batchSize: Number(t.value) }));
    for (const [id, [name, shown]] of Object.entries(RANGES)) {
      if (id === 'batch-size') continue;
      // Show the value while dragging; apply (which rebuilds) on release.
      $(id).addEventListener('input', (e) => ($(`${id}-value`).textContent = shown(e.target.value)));
      on(id, 'change', (t) => ({ [name]: Number(t.value) }));
    }
    const newSeed = () => this.apply({ seed: this.session.randomSeed() });
    $('new-seed').addEventListener('click', newSeed);
    $('regenerate').addEventListener('click', newSeed);
    $('add-layer').addEventListener('click', () => this.apply({ networkShape: [...this.session.config.networkShape, 2] }));
    $('remove-layer').addEventListener('click', () => this.apply({ networkShape: this.session.config.networkShape.slice(0, -1) }));
  }

  #range(id, value) {
    $(id).value = String(value);
    $(`${id}-value`).textContent = RANGES[id][1](value);
  }

  /** Under TensorFlow Playground's rules: whether this is its run, and if not, why not. */
  #rulesLine() {
    const line = this.session.tensorflowStatus;
    $('tensorflow-line').hidden = !line;
    $('tensorflow-line').textContent = line ?? '';
  }

  /** Only the output activations and losses that go together for this problem are offered. */
  #outputChoices(c) {
    const pairs = this.session.outputChoices(c.problem);
    const fill = (select, values, labels, current) => {
      select.replaceChildren(...values.map((v) => option(v, labels[v] ?? v)));
      select.value = current;
    };
    fill($('output-activation'), [...new Set(pairs.map((p) => p.outputActivation))], this.labels.outputActivation, c.outputActivation);
    fill($('loss'), pairs.filter((p) => p.outputActivation === c.outputActivation).map((p) => p.loss), this.labels.loss, c.loss);
  }

  /** Shows a configuration in every control of the panels. */
  render(c) {
    this.renders += 1;
    const { session } = this;
    for (const [id, name] of Object.entries(SELECTS)) $(id).value = String(c[name]);
    $('network-shape').value = c.networkShape.join(', ');
    $('residual').checked = c.residual;
    const index = learningRateIndex(this.rates, c.learningRate);
    $('learning-rate').value = String(index);
    $('learning-rate').setAttribute('aria-valuetext', `η = ${this.rates[index]}`); // not the slider's index
    $('learning-rate-value').textContent = String(c.learningRate);
    $('seed').textContent = String(c.seed);
    this.#rulesLine();
    $('network-summary').textContent = `· ${session.sizes.join('–')} · ${c.outputActivation} output · ${c.loss} loss`;
    this.#outputChoices(c);
    for (const id of Object.keys(RANGES)) this.#range(id, c[RANGES[id][0]]);
    $('classes-control').hidden = c.problem !== 'multiclass';
    $('batch-size').max = String(Math.max(1, Math.min(BATCH_SLIDER_MAX, session.train.length / 3)));
    $('batch-size').value = String(c.batchSize); // again: the bound may have moved under it
    $('show-test').checked = c.showTestData;
    $('discretize').checked = c.discretize;
    $('layer-count').textContent = String(c.networkShape.length);
    $('remove-layer').disabled = c.networkShape.length === 0;
    $('add-layer').disabled = c.networkShape.length >= this.maxLayers;
  }
}
