// The page's keyboard shortcuts: Space play/pause, → step (or explain's next phase), ← explain's
// previous phase, R reset, E explain mode, F Fast or Paced training, ? the list. Not while typing, not behind an open
// dialog, and never into a failed core.
const $ = (id) => document.getElementById(id);

export function installShortcuts(session, { telling, explainPanel, messages }) {
  document.addEventListener('keydown', (e) => {
    if (session.crashed || e.target.closest('input, select, textarea, dialog') || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === ' ' && !e.target.closest('button')) {
      e.preventDefault();
      session.setPlaying(!session.playing);
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      telling.stepOnce();
    } else if (e.key === 'ArrowLeft' && telling.explain) {
      e.preventDefault();
      telling.move(-1);
    } else if (e.key === 'r' || e.key === 'R') {
      session.reset();
    } else if (e.key === 'e' || e.key === 'E') {
      explainPanel.toggle(messages);
    } else if (e.key === 'f' || e.key === 'F') {
      session.setSpeed(session.speed === 'fast' ? 'paced' : 'fast');
    } else if (e.key === '?') {
      $('shortcuts').showModal();
    }
  });
  $('shortcuts-open').addEventListener('click', () => $('shortcuts').showModal());
  $('shortcuts-close').addEventListener('click', () => $('shortcuts').close());
}
