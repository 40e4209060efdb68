// The stage: the diagram with a card beside it (explain mode, the inspector), so that what is
// explained or inspected and the network it belongs to are on screen together; and, on phones,
// the settings drawer that keeps the network and the prediction on the first screen.
const $ = (id) => document.getElementById(id);

/**
 * Where to scroll so that `top`…`bottom` (page coordinates of what must be seen together) is in a
 * viewport of `height` scrolled to `scrollY`: unchanged when it already is, else its top at the
 * viewport's top (or its bottom at the bottom when scrolling up would be enough). Pure.
 */
export function scrollToShow({ top, bottom }, scrollY, height, margin = 8) {
  if (top >= scrollY && bottom <= scrollY + height) return scrollY;
  if (bottom - top + 2 * margin > height || top < scrollY) return Math.max(0, top - margin);
  return Math.max(0, bottom - height + margin);
}

export class Stage {
  constructor(session, { telling }) {
    this.session = session;
    telling.on('explain', (e) => e && this.show()); // every phase: Next must never scroll it away
    session.on('selected', (selection) => selection && this.show());
    $('settings-toggle').addEventListener('click', () => this.toggleSettings());
  }

  /** Brings the diagram and its card into view (instantly: a smooth scroll would fight the animation). */
  show() {
    requestAnimationFrame(() => {
      const canvas = $('network').getBoundingClientRect();
      const card = $('stage-card').getBoundingClientRect();
      let height = window.innerHeight;
      let top = Math.min(canvas.top, card.top) + window.scrollY;
      // The card scrolls inside itself (sticky, at most a viewport tall): its top must show.
      let bottom = Math.max(canvas.bottom, Math.min(card.bottom, card.top + 120)) + window.scrollY;
      if (getComputedStyle($('stage-card')).position === 'fixed') {
        // A phone's sheet covers the viewport's lower part: the diagram goes above it.
        height -= card.height;
        top = canvas.top + window.scrollY;
        bottom = canvas.bottom + window.scrollY;
      }
      const y = scrollToShow({ top, bottom }, window.scrollY, height);
      if (y !== window.scrollY) window.scrollTo({ top: y, behavior: 'instant' });
    });
  }

  toggleSettings(open = !document.body.classList.contains('settings-open')) {
    document.body.classList.toggle('settings-open', open);
    $('settings-toggle').setAttribute('aria-expanded', String(open));
    $('settings-toggle').setAttribute('aria-pressed', String(open));
  }
}
