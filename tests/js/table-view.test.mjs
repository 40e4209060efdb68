import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layerName, layerRows } from '../../www/js/table-view.js';

test('the table view has a row per neuron and per weight, W[i][j] from input j to neuron i', () => {
  const snap = {
    sizes: [2, 3, 1],
    layers: [
      { preActivations: [1, 2, 3], activations: [4, 5, 6], deltas: [7, 8, 9], biases: [0.1, 0.2, 0.3], biasGrads: [1, 1, 1], weights: [11, 12, 21, 22, 31, 32], weightGrads: [-11, -12, -21, -22, -31, -32] },
      { preActivations: [1], activations: [1], deltas: [1], biases: [0], biasGrads: [0], weights: [1, 2, 3], weightGrads: [0, 0, 0] },
    ],
  };
  const { neurons, weights } = layerRows(snap, 0);
  assert.deepEqual(neurons[2], { neuron: 2, z: 3, a: 6, delta: 9, bias: 0.3, biasGrad: 1 });
  assert.equal(weights.length, 6);
  assert.deepEqual(weights[3], { from: 1, to: 1, w: 22, grad: -22 });
  assert.deepEqual(weights[4], { from: 0, to: 2, w: 31, grad: -31 });
  assert.equal(layerName(0, 2), 'Hidden layer 1');
  assert.equal(layerName(1, 2), 'Output layer');
});

