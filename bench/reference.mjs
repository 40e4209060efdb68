// A plain-JavaScript reference trainer for the benchmark: flat Float64Arrays and the same math as
// the core (MSE, tanh or sigmoid layers, SGD on mini-batch means), written as a good JavaScript
// programmer would: preallocated buffers, no allocation per step, straight loops.

const ACT = {
  tanh: { f: Math.tanh, d: (a) => 1 - a * a },
  sigmoid: { f: (z) => 1 / (1 + Math.exp(-z)), d: (a) => a * (1 - a) },
};

export class ReferenceTrainer {
  /**
   * @param sizes        [inputs, hidden…, 1]
   * @param hidden       'tanh' | 'sigmoid'
   * @param params       initial weights and biases, layer by layer (weights [out][in], then biases)
   * @param inputs       n × sizes[0] training inputs; targets n values
   */
  constructor({ sizes, hidden, params, inputs, targets, batchSize, learningRate, shuffle }) {
    this.sizes = sizes;
    this.hidden = ACT[hidden];
    this.output = ACT.tanh;
    this.layers = [];
    let at = 0;
    for (let l = 0; l + 1 < sizes.length; l++) {
      const n = sizes[l];
      const m = sizes[l + 1];
      const w = Float64Array.from(params.subarray(at, at + n * m));
      at += n * m;
      const b = Float64Array.from(params.subarray(at, at + m));
      at += m;
      this.layers.push({ n, m, w, b, a: new Float64Array(m), d: new Float64Array(m), gw: new Float64Array(n * m), gb: new Float64Array(m) });
    }
    this.x = Float64Array.from(inputs);
    this.y = Float64Array.from(targets);
    this.count = targets.length;
    this.order = Int32Array.from({ length: this.count }, (_, k) => k);
    this.batchSize = batchSize;
    this.learningRate = learningRate;
    this.shuffle = shuffle;
    this.seed = 1;
  }

  forward(k) {
    let prev = this.x;
    let offset = k * this.sizes[0];
    const last = this.layers.length - 1;
    for (let l = 0; l <= last; l++) {
      const { n, m, w, b, a } = this.layers[l];
      const act = l === last ? this.output : this.hidden;
      for (let i = 0; i < m; i++) {
        let z = b[i];
        const row = i * n;
        for (let j = 0; j < n; j++) z += w[row + j] * prev[offset + j];
        a[i] = act.f(z);
      }
      prev = a;
      offset = 0;
    }
    return this.layers[last].a[0];
  }

  /** Forward and backward for sample k, adding to the gradient accumulators. */
  accumulate(k) {
    const out = this.forward(k);
    const last = this.layers.length - 1;
    const L = this.layers[last];
    L.d[0] = (out - this.y[k]) * this.output.d(out);
    for (let l = last; l >= 0; l--) {
      const { n, m, w, d, gw, gb } = this.layers[l];
      const prev = l === 0 ? this.x : this.layers[l - 1].a;
      const offset = l === 0 ? k * this.sizes[0] : 0;
      for (let i = 0; i < m; i++) {
        const di = d[i];
        const row = i * n;
        for (let j = 0; j < n; j++) gw[row + j] += di * prev[offset + j];
        gb[i] += di;
      }
      if (l > 0) {
        const below = this.layers[l - 1];
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let i = 0; i < m; i++) s += w[i * n + j] * d[i];
          below.d[j] = s * this.hidden.d(below.a[j]);
        }
      }
    }
  }

  epoch() {
    if (this.shuffle) {
      for (let i = this.count - 1; i > 0; i--) {
        this.seed = (this.seed * 1103515245 + 12345) & 0x7fffffff;
        const j = this.seed % (i + 1);
        const t = this.order[i];
        this.order[i] = this.order[j];
        this.order[j] = t;
      }
    }
    for (let start = 0; start < this.count; start += this.batchSize) {
      const end = Math.min(this.count, start + this.batchSize);
      for (const layer of this.layers) {
        layer.gw.fill(0);
        layer.gb.fill(0);
      }
      for (let s = start; s < end; s++) this.accumulate(this.order[s]);
      const scale = this.learningRate / (end - start);
      for (const { w, b, gw, gb } of this.layers) {
        for (let k = 0; k < w.length; k++) w[k] -= scale * gw[k];
        for (let k = 0; k < b.length; k++) b[k] -= scale * gb[k];
      }
    }
  }

  /** Mean ½(ŷ − y)² over the training set. */
  loss() {
    let total = 0;
    for (let k = 0; k < this.count; k++) {
      const e = this.forward(k) - this.y[k];
      total += 0.5 * e * e;
    }
    return total / this.count;
  }
}
