// Explain mode's panel: the current phase's title, its equations with live numbers and a note;
// Back and Next walk the phases (Next past the last explains the next step).
const $ = (id) => document.getElementById(id);

export class ExplainPanel {
  constructor(session, { telling, messages }) {
    this.telling = telling;
    this.renders = 0;
    telling.on('explain', () => this.render());
    session.on('selected', () => telling.explain && this.render()); // its focus follows the selection
    session.on('rebuilt', () => this.render());
    $('explain').addEventListener('click', () => this.toggle(messages));
    $('explain-prev').addEventListener('click', () => telling.move(-1));
    $('explain-next').addEventListener('click', () => telling.move(1));
    $('explain-close').addEventListener('click', () => telling.leaveExplain());
  }

  /** In or out of explain mode (E, or the button). */
  toggle(messages) {
    if (this.telling.explain) return this.telling.leaveExplain();
    if (!this.telling.enterExplain()) messages.show('There is no training data to explain a step on: draw some points or choose a data set.');
  }

  render() {
    this.renders += 1;
    const e = this.telling.explain;
    $('explain').setAttribute('aria-pressed', String(Boolean(e)));
    $('explain-panel').hidden = !e;
    if (!e) return;
    const text = this.telling.explanation();
    $('explain-title').textContent = text.title;
    $('explain-count').textContent = `Phase ${e.index + 1} of ${e.phases.length} · sample ${e.sample}`;
    $('explain-lines').replaceChildren(
      ...text.lines.map((line) => {
        const p = document.createElement('p');
        p.textContent = line;
        return p;
      }),
    );
    $('explain-note').textContent = text.note;
    $('explain-prev').disabled = e.index === 0;
    $('explain-next').textContent = e.index === e.phases.length - 1 ? 'Next step →' : 'Next →';
  }
}
