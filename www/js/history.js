// The loss history: bounded however long training runs. When full, the older half is thinned to
// every other entry, so recent epochs stay sharp and the whole run stays visible.

export class LossHistory {
  constructor(capacity = 500) {
    this.capacity = capacity;
    this.epochs = [];
    this.train = [];
    this.test = [];
  }

  get length() {
    return this.epochs.length;
  }

  /** Records one point; a repeated epoch replaces the last entry. */
  push(epoch, train, test) {
    const n = this.epochs.length;
    if (n && this.epochs[n - 1] === epoch) {
      this.train[n - 1] = train;
      this.test[n - 1] = test;
      return;
    }
    this.epochs.push(epoch);
    this.train.push(train);
    this.test.push(test);
    if (this.epochs.length > this.capacity) this.thin();
  }

  thin() {
    const half = Math.floor(this.epochs.length / 2);
    for (const key of ['epochs', 'train', 'test']) {
      const a = this[key];
      const older = a.slice(0, half).filter((_, k) => k % 2 === 0);
      this[key] = older.concat(a.slice(half));
    }
  }

  clear() {
    this.epochs = [];
    this.train = [];
    this.test = [];
  }

  /** The entry nearest to `epoch`: { epoch, train, test } or null when empty. */
  nearest(epoch) {
    if (!this.epochs.length) return null;
    const best = this.nearestIndex(epoch);
    return { epoch: this.epochs[best], train: this.train[best], test: this.test[best] };
  }

  nearestIndex(epoch) {
    let best = 0;
    for (let k = 1; k < this.epochs.length; k++) {
      if (Math.abs(this.epochs[k] - epoch) < Math.abs(this.epochs[best] - epoch)) best = k;
    }
    return best;
  }

  /** The entry `steps` entries after (or before, if negative) the one nearest `epoch`. */
  beside(epoch, steps) {
    if (!this.epochs.length) return null;
    const here = this.nearestIndex(epoch);
    const k = Math.max(0, Math.min(this.epochs.length - 1, here + steps)); // ±Infinity: an end
    return { epoch: this.epochs[k], train: this.train[k], test: this.test[k] };
  }
}

/** The plot's scales: x over the epochs, y over the losses (log or linear). Pure. */
export function lossScales(history, { left, top, width, height, log }) {
  const finite = (v) => Number.isFinite(v) && (!log || v > 0);
  const values = history.train.concat(history.test).filter(finite);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (log) {
    lo = Math.log10(lo || 1e-6);
    hi = Math.log10(hi || 1);
  } else {
    lo = 0;
  }
  if (hi - lo < 1e-9) hi = lo + 1;
  const first = history.epochs[0] ?? 0;
  const last = Math.max(first + 1, history.epochs[history.epochs.length - 1] ?? 1);
  return {
    x: (epoch) => left + ((epoch - first) / (last - first)) * width,
    y: (v) => (finite(v) ? top + height - (((log ? Math.log10(v) : v) - lo) / (hi - lo)) * height : null),
    epochAt: (x) => first + ((x - left) / width) * (last - first),
    lo,
    hi,
    log,
  };
}
