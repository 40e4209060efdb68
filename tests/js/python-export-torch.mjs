// The PyTorch export, run by a Python that has PyTorch (`make test-pytorch` passes it as
// PYTORCH_PYTHON, and says it skipped when there is none): the same setups and the same 1e-5 as
// the NumPy export's test. Not named *.test.mjs, so that `node --test tests/js/` leaves it out.
import { test } from 'node:test';
import './wasm.mjs';
import { checkDialect } from './python-setups.mjs';

const PYTHON = process.env.PYTORCH_PYTHON;

test('the PyTorch export prints the page\'s training and test loss to 1e-5', { skip: !PYTHON && 'PYTORCH_PYTHON is not set (make test-pytorch sets it)' }, () => {
  checkDialect(PYTHON, 'pytorch');
});
