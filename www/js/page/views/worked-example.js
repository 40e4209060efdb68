// The worked-example editor: every weight and bias, and a few points with a target per output, in
// small tables to type into, so that a textbook's hand calculation can be entered exactly and
// stepped once with the animated step. The numbers shown are rounded to 6 significant digits, but
// only a value typed in changes the model, so it stays exact. Open with `worked=1` in the link (a
// part of the link the page reads, see LinkSync.addPart; while open the link keeps the weights
// too) or with the button it adds to Network settings.
import { el } from '../../dom.js';
import { MAZUR } from '../../worked-examples.js';

const $ = (id) => document.getElementById(id);
/** More than this many points or parameters are not for typing in by hand. */
const MAX_ROWS = 20;
const MAX_PARAMS = 120;
/** Weights, biases and targets typed in are at most this large (a larger one is a typo). */
const MAX_VALUE = 1e6;

/** A number as the tables show it: at most 6 significant digits, no trailing zeros. */
export function shown(v) {
  return String(Number(v.toPrecision(6)));
}

/** The rows [x, y, t…] of a data set's CSV text (its header says the columns). */
export function csvRows(text) {
  const [header, ...lines] = text.trim().split('\n');
  return { columns: header.split(','), rows: lines.filter(Boolean).map((l) => l.split(',').map(Number)) };
}

/** A typed number, checked: finite and within `limit`; the error names `what`. */
export function parseValue(text, what, limit = MAX_VALUE) {
  const v = Number(String(text).trim());
  if (String(text).trim() === '' || !Number.isFinite(v)) throw new Error(`${what}: ${JSON.stringify(String(text))} is not a number.`);
  if (Math.abs(v) > limit) throw new Error(`${what}: ${text} is too large; use a number from −${limit} to ${limit}.`);
  return v;
}

export class WorkedExample {
  constructor(session, { telling, linkSync, messages, apply, request }) {
    this.session = session;
    this.telling = telling;
    this.linkSync = linkSync;
    this.messages = messages;
    this.apply = apply;
    this.renders = 0;
    this.request = request;
    this.root = $('worked-example');
    this.root.tabIndex = -1; // focused when opened
    this.root.replaceChildren(el('h2', { id: 'worked-example-title', text: 'Worked example by hand' }));
    this.toggle = el('button', { id: 'worked-toggle', type: 'button', class: 'button', 'aria-controls': 'worked-example', 'aria-expanded': 'false', text: 'Edit weights and points by hand' });
    this.toggle.addEventListener('click', () => this.setOpen(!this.open));
    // Made here, not in index.html: the editor owns its way in, at the end of Network settings.
    const wrap = el('p', { class: 'worked-open' }, [this.toggle]);
    const settings = $('settings-title')?.closest('section');
    if (settings) settings.append(wrap);
    else this.root.before(wrap);
    for (const event of ['params', 'data', 'rebuilt']) session.on(event, request);
    session.on('config', request);
    telling.on('story', (story) => story === null && request()); // after the told step
    linkSync.addPart({
      strip: (hash) => {
        const parts = String(hash).replace(/^#/, '').split('&');
        this.#show(parts.some((p) => /^worked=(1|true)$/.test(p)));
        return { hash: `#${parts.filter((p) => !p.startsWith('worked=')).join('&')}`, problems: [] };
      },
      fragment: () => (this.open ? 'worked=1' : ''),
      weights: () => this.open,
    });
  }

  get open() {
    return !this.root.hidden;
  }

  /** Not while someone is typing in it: the table must not change under them. */
  get due() {
    return this.open && !(this.root.contains(document.activeElement) && document.activeElement.tagName === 'INPUT');
  }

  /** Opens or closes the editor; the link says so (`worked=1`) and then keeps the weights. */
  setOpen(open) {
    this.#show(open);
    this.linkSync.schedule();
    if (open) this.root.focus();
  }

  #show(open) {
    this.root.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    this.toggle.textContent = open ? 'Close the hand editor' : 'Edit weights and points by hand';
    if (open) this.request(); // drawn when the frame loop next may (the engine may be new)
  }

  /** Loads the published example (the lesson's way in too). */
  load() {
    this.#try(() => this.session.loadWorkedExample());
  }

  #try(change) {
    try {
      change();
      this.messages.clearError();
    } catch (e) {
      this.messages.report(e);
      this.render(); // the field shows the model's value again
    }
  }

  render() {
    if (!this.open) return;
    this.renders += 1;
    const { session } = this;
    const c = session.config;
    const regression = c.problem === 'regression';
    this.root.replaceChildren(
      el('h2', { id: 'worked-example-title', text: 'Worked example by hand' }),
      el('p', { class: 'note', text: 'Type every weight, bias, point and target of a hand calculation, then take one step: the tables below the diagram show z, a, δ and every gradient, and the weights here show the update.' }),
      el('div', { class: 'row worked-actions' }, [
        el('button', { type: 'button', class: 'button', id: 'worked-load', text: MAZUR.label, title: MAZUR.source, onclick: () => this.load() }),
        el('button', { type: 'button', class: 'button', id: 'worked-step', text: 'One step', onclick: () => this.telling.stepOnce() }),
      ]),
      el('p', { class: 'help', text: `η = ${c.learningRate}, batch size ${c.batchSize}, ${c.loss === 'mse' ? 'L = ½ Σ (ŷ − y)² per point' : 'cross-entropy'}; ${c.activation} hidden, ${c.outputActivation} output.` }),
      regression ? this.#outputs(c) : el('p', { class: 'help', text: 'For a target per output, choose the regression problem.' }),
      this.#points(),
      ...this.#weights(),
    );
  }

  #outputs(c) {
    const input = el('input', { id: 'worked-outputs', type: 'number', min: '1', max: '8', step: '1', inputmode: 'numeric' });
    input.value = String(c.outputs);
    input.addEventListener('change', () => this.#try(() => this.apply({ outputs: Number(input.value) })));
    return el('label', { class: 'control' }, ['Outputs (1–8; changing it starts a new network)', input]);
  }

  /** The points with their targets; their edits replace the data (all of it for training). */
  #points() {
    const { session } = this;
    const { columns, rows } = csvRows(session.exportCsv());
    const box = el('div', { class: 'worked-points' });
    const all = (session.train.length + session.test.length) / 3;
    if (all > MAX_ROWS || session.test.length) {
      box.append(
        el('p', { class: 'note', text: `This data set has ${all} points (${session.test.length / 3} for testing); the table edits up to ${MAX_ROWS}, all for training.` }),
        el('button', { type: 'button', class: 'button', text: 'Start from one point', onclick: () => this.#setRows([new Array(columns.length).fill(0)]) }),
      );
      return box;
    }
    const names = columns.map((n, k) => (k === 0 ? 'x₁' : k === 1 ? 'x₂' : n === 'label' ? 'target' : n));
    // The row's remove button stands where its number would: the side panel is narrow.
    const body = rows.map((row, r) => el('tr', {}, [
      el('th', { scope: 'row' }, [el('button', { type: 'button', class: 'small', 'aria-label': `Remove point ${r}`, title: `Remove point ${r}`, text: '−', onclick: () => this.#setRows(rows.filter((_, k) => k !== r)) })]),
      ...row.map((v, k) => el('td', {}, [this.#field(v, `Point ${r}, ${names[k]}`, (value) => {
        const next = rows.map((p) => p.slice());
        next[r][k] = value;
        this.#setRows(next);
      })])),
    ]));
    box.append(
      el('table', { class: 'numbers worked-table' }, [
        el('caption', { text: 'Points: inputs x₁ = x, x₂ = y, and targets t' }),
        el('thead', {}, [el('tr', {}, ['', ...names].map((h) => el('th', { scope: 'col', text: h })))]),
        el('tbody', {}, body),
      ]),
      el('button', { type: 'button', class: 'button', id: 'worked-add-point', text: 'Add a point', onclick: () => this.#setRows([...rows, new Array(columns.length).fill(0)]) }),
    );
    box.lastChild.disabled = rows.length >= MAX_ROWS;
    return box;
  }

  #setRows(rows) {
    const width = rows[0]?.length ?? 0;
    const points = Float32Array.from(rows.flatMap((r) => r.slice(0, 2)));
    const labels = Float32Array.from(rows.flatMap((r) => r.slice(2, width)));
    const none = new Float32Array(0);
    this.#try(() => this.session.setData({ points, labels }, { points: none, labels: none }));
  }

  /** Per weight layer, a table: per neuron its bias and the weight from each input. */
  #weights() {
    const { session } = this;
    const sizes = session.sizes;
    const count = sizes.slice(1).reduce((sum, n, l) => sum + n * (sizes[l] + 1), 0);
    if (count > MAX_PARAMS) return [el('p', { class: 'note', text: `This network has ${count} weights and biases; the editor takes networks of up to ${MAX_PARAMS}.` })];
    return sizes.slice(1).map((outputs, l) => {
      const inputs = sizes[l];
      const weights = session.view('weights', l);
      const biases = session.view('biases', l);
      const from = l === 0 ? 'input' : `h${l}`;
      const rows = Array.from({ length: outputs }, (_, i) => el('tr', {}, [
        el('th', { scope: 'row', text: String(i) }),
        el('td', {}, [this.#field(biases[i], `Layer ${l + 1}, b[${i}]`, (v) => session.setParam({ layer: l, i, bias: true }, v))]),
        ...Array.from({ length: inputs }, (_, j) => el('td', {}, [
          this.#field(weights[i * inputs + j], `W${l + 1}[${i}][${j}], from ${from} ${j} to neuron ${i}`, (v) => session.setParam({ layer: l, i, j }, v)),
        ])),
      ]));
      const name = l === sizes.length - 2 ? 'Output layer' : `Hidden layer ${l + 1}`;
      return el('table', { class: 'numbers worked-table' }, [
        el('caption', { text: `${name}: b[i], and W${l + 1}[i][j] from ${from} j to neuron i` }),
        el('thead', {}, [el('tr', {}, ['i', 'b[i]', ...Array.from({ length: inputs }, (_, j) => `j = ${j}`)].map((h) => el('th', { scope: 'col', text: h })))]),
        el('tbody', {}, rows),
      ]);
    });
  }

  /** A number field: shows `value` rounded, and only a value typed in is applied (checked). */
  #field(value, label, apply) {
    const input = el('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', 'aria-label': label, value }); // value: exact, as data-value
    input.value = shown(value);
    input.addEventListener('change', () => this.#try(() => apply(parseValue(input.value, label))));
    return input;
  }
}
