// Files in and out: the data set as CSV and the model (configuration, counters, weights) as JSON.
// A file is refused by its size before it is read; a bad one is named and changes nothing.
import { chosenText, download } from '../../data-tools.js';

const $ = (id) => document.getElementById(id);

export class Files {
  constructor(session, { messages }) {
    $('export-csv').addEventListener('click', () => download('backprop-playground-data.csv', session.exportCsv(), 'text/csv'));
    $('export-model').addEventListener('click', () => download('backprop-playground-model.json', session.exportModel(), 'application/json'));
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
}
