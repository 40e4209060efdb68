// The pickers: presets (with what each teaches), data sets (each with a thumbnail of its points)
// and input features (each with a thumbnail of its value over the plane), from the core's schema.
import { css, labelColour } from '../../colors.js';

const $ = (id) => document.getElementById(id);

export class Pickers {
  constructor(session, { schema, apply }) {
    this.session = session;
    this.presets = schema.presets;
    this.tensorflow = schema.tensorflow;
    this.renders = 0;
    const settings = Object.fromEntries(schema.settings.map((s) => [s.name, s]));
    this.features = settings.features.choices;
    this.#presets();
    this.#datasets(settings.dataset.choices, apply);
    this.#featureToggles(apply);
    const shown = ['preset', 'dataset', 'features'];
    session.on('config', ({ keys }) => (keys === null || keys.some((k) => shown.includes(k))) && this.render());
    session.on('data', () => this.render());
  }

  #presets() {
    const select = $('preset');
    for (const p of this.presets) {
      const option = document.createElement('option');
      option.value = p.name;
      option.textContent = p.title;
      select.append(option);
    }
    select.addEventListener('change', (e) => {
      if (e.target.value) this.session.openPreset(e.target.value);
      else this.session.dropPreset();
    });
  }

  #datasets(choices, apply) {
    for (const { value: name, label: text } of choices) {
      const { points, problem } = this.session.sideEngines.preview({ dataset: name, numPoints: 200, classes: 3 });
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 48;
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#f4f6f7';
      ctx.fillRect(0, 0, 48, 48);
      for (let k = 0; k < points.length; k += 3) {
        ctx.fillStyle = css(labelColour(problem, points[k + 2]));
        ctx.fillRect(((points[k] + 6) / 12) * 46, ((6 - points[k + 1]) / 12) * 46, 2, 2);
      }
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'dataset';
      button.dataset.dataset = name;
      const label = document.createElement('span');
      label.textContent = text;
      button.append(canvas, label);
      button.addEventListener('click', () => apply({ dataset: name }));
      $('dataset-picker').append(button);
    }
  }

  #featureToggles(apply) {
    const names = this.features.map((f) => f.value);
    for (const { value: name, label: text } of this.features) {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 32;
      const image = new ImageData(32, 32);
      image.data.set(this.session.featureHeatmap(name, 32));
      canvas.getContext('2d').putImageData(image, 0, 0);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'feature';
      button.dataset.feature = name;
      button.title = `Use ${text} as an input`;
      const label = document.createElement('span');
      label.textContent = text;
      button.append(canvas, label);
      button.addEventListener('click', () => {
        const current = this.session.config.features;
        const next = current.includes(name) ? current.filter((f) => f !== name) : names.filter((f) => current.includes(f) || f === name);
        apply({ features: next });
      });
      $('feature-toggles').append(button);
    }
  }

  render() {
    this.renders += 1;
    const { config: c, preset } = this.session;
    $('preset').value = preset;
    const chosen = this.presets.find((p) => p.name === preset);
    $('preset-teaches').hidden = !chosen;
    $('preset-teaches').textContent = chosen?.teaches ?? '';
    // Under TensorFlow Playground's rules only what it has is offered (the rest would be refused).
    const tensorflow = c.rules === 'tensorflow' ? this.tensorflow : null;
    for (const button of $('feature-toggles').children) {
      button.setAttribute('aria-pressed', String(c.features.includes(button.dataset.feature)));
      button.hidden = tensorflow !== null && !tensorflow.features.includes(button.dataset.feature);
    }
    const custom = this.session.hasCustomData();
    for (const button of $('dataset-picker').children) {
      button.setAttribute('aria-pressed', String(button.dataset.dataset === c.dataset && !custom));
      button.hidden = tensorflow !== null && !tensorflow.datasets.includes(button.dataset.dataset);
    }
  }
}
