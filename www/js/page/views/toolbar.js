// The training toolbar: play/pause, one animated step, reset, Fast or Paced training, the animation's speed, and the
// caption that tells the animated step phase by phase.
const $ = (id) => document.getElementById(id);

export class Toolbar {
  constructor(session, { telling }) {
    $('play').addEventListener('click', () => session.setPlaying(!session.playing));
    $('step').addEventListener('click', () => telling.stepOnce());
    $('reset').addEventListener('click', () => session.reset());
    $('speed').addEventListener('change', (e) => telling.setSpeed(Number(e.target.value)));
    $('speed-mode').addEventListener('click', () => session.setSpeed(session.speed === 'fast' ? 'paced' : 'fast'));
    session.on('speed', (speed) => $('speed-mode').setAttribute('aria-pressed', String(speed === 'fast')));
    session.on('playing', (playing) => {
      $('play').classList.toggle('playing', playing);
      $('play').setAttribute('aria-label', playing ? 'Pause' : 'Play');
      if (!playing) return;
      if (telling.telling) telling.end(); // its step first, then training runs on
      telling.leaveExplain();
    });
    telling.on('story', (story) => {
      const text = story?.caption ?? '';
      // Written only when it changes: it is a live region, and a write each frame would re-announce it.
      if ($('story-caption').textContent !== text) $('story-caption').textContent = text;
    });
    session.on('rebuilt', () => telling.forget()); // its step belonged to the network before
  }
}
