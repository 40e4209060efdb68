// The −/+ buttons over each hidden column of the diagram: a neuron more or fewer in that layer.
const $ = (id) => document.getElementById(id);
/** Where style.css makes every target 44 px (keep the two in step). */
const touchTargets = window.matchMedia('(pointer: coarse), (max-width: 640px)');

export class NeuronControls {
  /** `onHeight()` is told when the buttons' height changes (the diagram keeps its nodes below). */
  constructor(session, { apply, maxNeurons, onHeight }) {
    this.session = session;
    this.apply = apply;
    this.maxNeurons = maxNeurons;
    this.onHeight = onHeight;
    /** Their height, kept by a ResizeObserver: reading offsetHeight while drawing would force a
     *  layout in every frame (on the largest network that doubled the frame interval). */
    this.height = 0;
    this.observer = null;
    session.on('rebuilt', () => this.build());
  }

  /** One −/+ pair per hidden layer. */
  build() {
    const shape = this.session.config.networkShape;
    $('neuron-controls').replaceChildren(
      ...shape.map((width, l) => {
        const group = document.createElement('div');
        group.className = 'neuron-control';
        const make = (text, label, delta, disabled) => {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'small';
          b.textContent = text;
          b.disabled = disabled;
          b.setAttribute('aria-label', label);
          b.addEventListener('click', () => {
            const next = shape.slice();
            next[l] = width + delta;
            this.apply({ networkShape: next });
          });
          return b;
        };
        group.append(
          make('−', `Remove a neuron from hidden layer ${l + 1} (${width} now)`, -1, width <= 1),
          make('+', `Add a neuron to hidden layer ${l + 1} (${width} now)`, 1, width >= this.maxNeurons),
        );
        return group;
      }),
    );
    this.observer?.disconnect();
    const first = $('neuron-controls').firstElementChild;
    this.height = 0;
    if (!first) return;
    this.observer = new ResizeObserver(() => {
      this.height = first.offsetHeight;
      this.onHeight();
    });
    this.observer.observe(first);
  }

  /** Over their columns: side by side while a pair fits between columns, else stacked (smaller,
   *  except on touch screens, where a target stays 44 px); where not even one fits, none. */
  place(layout) {
    const groups = $('neuron-controls').children;
    const touch = touchTargets.matches;
    const spacing = layout.columns.length > 2 ? layout.columns[2][0].x - layout.columns[1][0].x : Infinity;
    const [pair, single] = touch ? [2 * 44 + 8, 44 + 4] : [80, 22 + 4];
    $('neuron-controls').classList.toggle('compact', spacing < pair);
    $('neuron-controls').classList.toggle('crowded', spacing < single);
    for (let l = 0; l < groups.length; l++) {
      const column = layout.columns[l + 1];
      if (column) groups[l].style.left = `${column[0].x}px`;
    }
  }
}
