// The diverging palette under simulated colour-vision deficiencies (Machado, Oliveira & Fernandes
// 2009, severity 1, on linear RGB): negative, zero and positive must stay clearly apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NEGATIVE, POSITIVE, ZERO, diverging } from '../../www/js/colors.js';
import { negativeDash } from '../../www/js/draw-network.js';

const SIMULATIONS = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
};

const toLinear = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** CIE L*a*b* of linear RGB (sRGB primaries, D65). */
function lab([r, g, b]) {
  const xyz = [
    (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
  ].map((t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116));
  return [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])];
}

const seen = (rgb, m) => {
  const lin = rgb.map(toLinear);
  return lab(m.map((row) => Math.min(1, Math.max(0, row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]))));
};
const deltaE = (p, q) => Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);

for (const [name, m] of Object.entries(SIMULATIONS)) {
  test(`the palette's negative, zero and positive stay apart with ${name}`, () => {
    const [neg, zero, pos] = [NEGATIVE, ZERO, POSITIVE].map((c) => seen(c, m));
    assert.ok(deltaE(neg, pos) > 40, `negative vs positive ΔE ${deltaE(neg, pos).toFixed(1)}`);
    assert.ok(deltaE(neg, zero) > 20, `negative vs zero ΔE ${deltaE(neg, zero).toFixed(1)}`);
    assert.ok(deltaE(pos, zero) > 20, `positive vs zero ΔE ${deltaE(pos, zero).toFixed(1)}`);
    // Halfway values too: a weak weight of either sign is not mistaken for the other sign.
    assert.ok(deltaE(seen(diverging(-0.5), m), seen(diverging(0.5), m)) > 20);
  });
}

test('sign is drawn without colour too: negative lines are dashed, positive solid', () => {
  assert.deepEqual(negativeDash(0.3, 2), []);
  assert.deepEqual(negativeDash(0, 2), []);
  assert.ok(negativeDash(-0.3, 2).length === 2 && negativeDash(-0.3, 6)[0] > negativeDash(-0.3, 2)[0]);
});
