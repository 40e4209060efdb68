// Files in and out: the data set as CSV, the model (configuration, counters, weights) as JSON, the
// network as a NumPy or PyTorch script (python-export.js), and the diagram and the plot as PNGs.
// A file is refused by its size before it is read; a bad one is named and changes nothing.
import { chosenText, download } from '../../data-tools.js';
import { pythonFileName, pythonScript, pythonSetup } from '../../python-export.js';
import { composeImage, pngBlob } from '../../image-export.js';
import { num } from '../../notation.js';

const $ = (id) => document.getElementById(id);

export class Files {
  constructor(session, { messages }) {
    this.session = session;
    $('export-csv').addEventListener('click', () => download('backprop-playground-data.csv', session.exportCsv(), 'text/csv'));
    $('export-model').addEventListener('click', () => download('backprop-playground-model.json', session.exportModel(), 'application/json'));
    for (const dialect of ['numpy', 'pytorch']) {
      $(`export-${dialect}`).addEventListener('click', () => {
        let script;
        try {
          script = pythonScript(pythonSetup(session), dialect);
        } catch (err) {
          // Only a number that is not finite stops it (the core keeps parameters finite).
          messages.report(err, 'The script was not made. ');
          return;
        }
        download(pythonFileName(dialect), script, 'text/x-python');
      });
    }
    for (const kind of ['network', 'plot']) {
      $(`save-${kind}-image`).addEventListener('click', () => {
        this.saveImage(kind).catch((err) => messages.report(err, 'The image was not saved. '));
      });
    }
    $('import-csv').addEventListener('change', async (e) => {
      let notice;
      try {
        const text = await chosenText(e.target, session.limits().csvBytes, 'The CSV file');
        if (text === null) return;
        notice = session.importCsv(text);
      } catch (err) {
        messages.report(err, 'The CSV file was not loaded, and the data is unchanged. ');
        return;
      }
      messages.hide();
      if (notice) messages.show(`The CSV file was loaded. ${notice}.`);
    });
    $('import-model').addEventListener('change', async (e) => {
      try {
        const text = await chosenText(e.target, session.limits().modelBytes, 'The model file');
        if (text === null) return;
        session.openModel(text);
      } catch (err) {
        messages.report(err, 'The model file was not loaded, and the current model is unchanged. ');
      }
    });
  }

  /** The network diagram or the output plot as a PNG download, on its panel's background. */
  async saveImage(kind) {
    const canvas = $(kind);
    const style = getComputedStyle(canvas.closest('.panel'));
    const image = composeImage(canvas, {
      background: style.backgroundColor,
      ink: style.color,
      caption: this.caption(kind),
      ratio: canvas.width / Math.max(1, canvas.getBoundingClientRect().width),
      font: style.fontFamily,
    });
    download(`backprop-playground-${kind}.png`, await pngBlob(image), 'image/png');
  }

  /** The caption's parts: what the picture shows, at which step, with which loss. */
  caption(kind) {
    const { config, sizes, stats } = this.session;
    const losses = [['training', stats?.trainLoss], ['test', stats?.testLoss]]
      .filter(([, v]) => typeof v === 'number').map(([set, v]) => `${set} loss ${num(v)}`).join(', ');
    const what = kind === 'network'
      ? `Network ${sizes.join('-')}, ${config.activation} hidden, ${config.outputActivation} output`
      : 'The prediction over the plane';
    return [what, stats ? `step ${stats.step}` : '', losses].filter(Boolean);
  }
}
