// The README's animated pictures: tests/e2e/apng.mjs's own CRC-32 (no node:zlib crc32, which needs
// Node 20.15) and the chunks it writes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as zlib from 'node:zlib';
import { apng, crc32 } from '../e2e/apng.mjs';

test('crc32 gives the standard check value and agrees with zlib where Node has it', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926); // CRC-32/ISO-HDLC's published check
  assert.equal(crc32(Buffer.alloc(0)), 0);
  if (typeof zlib.crc32 !== 'function') return;
  let seed = 7;
  for (const length of [1, 3, 64, 1000, 65537]) {
    const bytes = Buffer.from(Array.from({ length }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
    assert.equal(crc32(bytes), zlib.crc32(bytes), `length ${length}`);
  }
});

/** A w×h greyscale PNG of one shade. */
function png(w, h, shade) {
  const rows = Buffer.concat(Array.from({ length: h }, () => Buffer.from([0, ...Array(w).fill(shade)])));
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth; colour type 0 (grey)
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

test("an APNG of three frames: every chunk's CRC checks, one fcTL per frame, the frames' data kept", () => {
  const frames = [png(4, 3, 0), png(4, 3, 128), png(4, 3, 255)];
  const out = apng(frames, 100);
  const types = [];
  for (let at = 8; at < out.length; ) {
    const length = out.readUInt32BE(at);
    const type = out.toString('latin1', at + 4, at + 8);
    assert.equal(out.readUInt32BE(at + 8 + length), crc32(out.subarray(at + 4, at + 8 + length)), `${type}'s CRC`);
    types.push(type);
    at += 12 + length;
  }
  assert.equal(types[0], 'IHDR');
  assert.equal(types.at(-1), 'IEND');
  assert.equal(types.filter((t) => t === 'fcTL').length, 3);
  assert.equal(types.filter((t) => t === 'IDAT').length + types.filter((t) => t === 'fdAT').length, 3);
  assert.throws(() => apng([png(4, 3, 0), png(5, 3, 0)], 100), /differs in size/);
});
