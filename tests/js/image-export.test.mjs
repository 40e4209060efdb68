// Save image's pure parts: the crop to what is drawn, the caption's lines, and the frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captionLines, contentBounds, imageFrame } from '../../www/js/image-export.js';

test('the crop is the box around the pixels that are not transparent', () => {
  const [w, h] = [7, 5];
  const rgba = new Uint8ClampedArray(w * h * 4);
  assert.equal(contentBounds(rgba, w, h), null, 'nothing drawn');
  for (const [x, y] of [[2, 1], [5, 3], [3, 2]]) rgba[(y * w + x) * 4 + 3] = 200;
  assert.deepEqual(contentBounds(rgba, w, h), { x: 2, y: 1, width: 4, height: 3 });
  rgba[(4 * w + 0) * 4 + 3] = 1;
  assert.deepEqual(contentBounds(rgba, w, h), { x: 0, y: 1, width: 6, height: 4 });
});

test('caption parts share a line while they fit, and a long one gets its own', () => {
  const measure = (t) => t.length * 10;
  assert.deepEqual(captionLines(['Network 2-4-1', 'step 12', 'training loss 0.1'], 250, measure),
    ['Network 2-4-1 · step 12', 'training loss 0.1']);
  assert.deepEqual(captionLines(['a', 'b'], 1000, measure), ['a · b']);
  assert.deepEqual(captionLines(['a very long part indeed'], 50, measure), ['a very long part indeed']);
  assert.deepEqual(captionLines([], 50, measure), []);
});

test('the frame holds the picture with a margin and a line per caption line', () => {
  const plain = imageFrame({ width: 300, height: 200 }, 0);
  const two = imageFrame({ width: 300, height: 200 }, 2);
  assert.ok(plain.width > 300 && plain.height > 200);
  assert.equal(two.width, plain.width);
  assert.ok(two.lineY(0) > plain.picture.y + 200 && two.lineY(1) > two.lineY(0) && two.lineY(1) < two.height);
});
