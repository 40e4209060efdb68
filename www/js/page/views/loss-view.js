// The loss over epochs: a point per frame at most while training moves on, a log-scale switch,
// and a readout by pointer, tap or keyboard (← → Home End on the focused chart).
import { formatLoss } from '../../frame.js';
import { LossHistory, lossScales } from '../../history.js';
import { drawLossChart, lossArea } from '../../draw-loss.js';
import { fitCanvas } from '../canvas.js';

const $ = (id) => document.getElementById(id);

export class LossView {
  constructor(session, { linkSync }) {
    this.session = session;
    this.linkSync = linkSync;
    this.dirty = true;
    this.renders = 0;
    this.losses = new LossHistory(500);
    this.log = false;
    this.cursor = null;
    this.lastRecorded = -1;
    session.on('stats', (s) => this.#record(s));
    session.on('rebuilt', () => {
      this.losses.clear();
      this.lastRecorded = -1;
      this.dirty = true;
    });
    linkSync.on('options', () => (this.dirty = true));
    const chart = $('loss-chart');
    $('loss-log').addEventListener('change', (e) => {
      this.log = e.target.checked;
      this.dirty = true;
    });
    // A tap shows the readout as hovering does; it stays until the next tap (a finger "leaves" at once).
    chart.addEventListener('pointermove', (e) => this.#onPointer(e));
    chart.addEventListener('pointerdown', (e) => this.#onPointer(e));
    chart.addEventListener('keydown', (e) => this.#onKey(e));
    chart.addEventListener('pointerleave', (e) => {
      if (e.pointerType !== 'mouse') return;
      this.cursor = null;
      this.dirty = true;
    });
  }

  /** One point of the chart per new step, placed within its epoch so that steps spread out. */
  #record(s) {
    if (s.step === this.lastRecorded || s.trainLoss === null) return;
    this.lastRecorded = s.step;
    const perEpoch = this.session.stepsPerEpoch() || 1;
    this.losses.push(s.epoch + (s.step % perEpoch) / perEpoch, s.trainLoss, s.testLoss);
    this.dirty = true;
  }

  #onPointer(event) {
    const rect = $('loss-chart').getBoundingClientRect();
    if (!this.losses.length) return;
    // The chart's own scales (as drawn) map the pointer to an epoch.
    const scales = lossScales(this.losses, { ...lossArea(rect.width, rect.height), log: this.log });
    this.#showAt(this.losses.nearest(scales.epochAt(event.clientX - rect.left)));
  }

  #onKey(event) {
    if (!this.losses.length) return;
    const at = this.cursor ?? this.losses.epochs[this.losses.length - 1];
    const moves = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity };
    if (!(event.key in moves)) return;
    event.preventDefault();
    event.stopPropagation(); // → here moves the readout, not a training step
    this.#showAt(this.losses.beside(at, moves[event.key]));
  }

  #showAt(entry) {
    this.cursor = entry.epoch;
    // An entry's epoch may be a fraction (a point within an epoch): two decimals, never rounded to 3 digits.
    $('loss-readout').textContent = `Epoch ${Math.round(entry.epoch * 100) / 100}: training loss ${formatLoss(entry.train)}, test loss ${formatLoss(entry.test)}`;
    this.dirty = true;
  }

  render() {
    this.dirty = false;
    this.renders += 1;
    const loss = fitCanvas($('loss-chart'));
    drawLossChart(loss.ctx, { width: loss.width, height: loss.height, history: this.losses, log: this.log, cursorEpoch: this.cursor, palette: this.linkSync.palette });
  }
}
