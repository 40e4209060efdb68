// Watches training for trouble (trouble.js: diverged, exploding, stalled), pauses it when trouble
// begins and tells its listeners 'trouble' (the trouble); `restore` brings back the best weights
// the core kept. A new network or data starts over; a changed setting or a restore starts the
// watch afresh (the learner lowered η: what comes next is a new run).
import { TroubleDetector } from '../trouble.js';
import { Emitter } from './emitter.js';

export class TroubleWatch extends Emitter {
  constructor(session) {
    super();
    this.session = session;
    this.detector = new TroubleDetector();
    session.on('rebuilt', () => this.detector.reset());
    session.on('data', () => this.detector.reset());
    session.on('config', ({ keys }) => keys?.length && this.detector.forget());
    session.on('stats', (s) => !s.diverged && this.#tell(this.detector.observe(s, session.config.batchSize)));
    // A divergence is told when it happens and again whenever play is pressed anyway (the session
    // decides when); the core itself stops training.
    session.on('diverged', (s) => {
      if (this.detector.trouble?.kind !== 'diverged') this.detector.forget();
      this.#tell(this.detector.observe(s) ?? this.detector.trouble);
    });
  }

  /** The trouble told and not yet restored or started over from, or null. */
  get trouble() {
    return this.detector.trouble;
  }

  #tell(trouble) {
    if (!trouble) return;
    this.session.setPlaying(false);
    this.emit('trouble', trouble);
  }

  /** The best weights back (the lowest training loss the core evaluated), and a fresh watch. */
  restore() {
    this.session.restore();
    this.detector.forget();
  }
}
