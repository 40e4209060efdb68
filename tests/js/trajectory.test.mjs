// Native and wasm must train bit-identically: the same configuration runs natively (the
// `trajectory` example) and here in wasm, and every loss must have the same f32 bits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Engine } from './wasm.mjs';

const bits = (v) => {
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, v);
  return b.getUint32(0).toString(16).padStart(8, '0');
};

const CASES = [
  { seed: '7' },
  { seed: '8', activation: 'tanh', optimizer: 'adam', learningRate: '0.01', networkShape: '8,8' },
  { seed: '9', dataset: 'spiralK', classes: '4', activation: 'elu', optimizer: 'momentum', features: 'x,y,sinX,cosY' },
  { seed: '10', dataset: 'regGauss', activation: 'sigmoid', regularization: 'L2', regularizationRate: '0.01', init: 'he', residual: 'true', networkShape: '6,6,6' },
  { seed: '11', dataset: 'xor', noise: '30', activation: 'leakyRelu', loss: 'crossEntropy', init: 'xavier', batchSize: '1' },
];

for (const config of CASES) {
  test(`native and wasm agree bit for bit: ${JSON.stringify(config)}`, () => {
    const steps = 300;
    const args = Object.entries(config).map(([k, v]) => `${k}=${v}`);
    const native = execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'trajectory', '--', ...args, `steps=${steps}`], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    const engine = new Engine(config);
    const wasm = [];
    for (let i = 0; i < steps; i++) {
      engine.step(1);
      const s = engine.stats();
      wasm.push(`${s.step} ${bits(s.batchLoss)} ${s.trainLoss} ${bits(s.trainLoss)}`);
    }
    engine.free();
    assert.equal(native.length, steps);
    for (let i = 0; i < steps; i++) {
      const [step, batch, , train] = native[i].split(' ');
      const [wStep, wBatch, , wTrain] = wasm[i].split(' ');
      assert.deepEqual([wStep, wBatch, wTrain], [step, batch, train], `step ${i + 1}`);
    }
  });
}
