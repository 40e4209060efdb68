// The heatmaps in words for screen readers: the prediction over the plane, and the selected
// neuron's output; refreshed at most once a second while training, at once on a selection.
const $ = (id) => document.getElementById(id);

export class Descriptions {
  constructor(session, { heatmaps, request }) {
    this.heatmaps = heatmaps;
    this.renders = 0;
    for (const event of ['params', 'data']) session.on(event, request);
    session.on('selected', () => this.render());
    session.on('rebuilt', () => ($('node-description').textContent = ''));
  }

  render() {
    this.renders += 1;
    $('plot-description').textContent = `The prediction over the plane: ${this.heatmaps.describe(-1)}`;
    const node = this.heatmaps.hoveredNode();
    $('node-description').textContent = node === null ? '' : `Its output over the plane: ${this.heatmaps.describe(node)}`;
  }
}
