// Animated PNG from same-sized PNG screenshots, without decoding them: APNG keeps each frame's
// compressed image data (IDAT, renamed fdAT after the first frame) and adds frame-control chunks.

// PNG's CRC-32 (ISO 3309, reflected polynomial 0xEDB88320), here so that no Node newer than 20.10
// is needed (node:zlib's crc32 arrived in 20.15).
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** The CRC-32 of `bytes` (a Buffer or Uint8Array), as an unsigned 32-bit number. */
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function chunks(png) {
  const out = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    out.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const u32 = (...values) => Buffer.concat(values.map((v) => { const b = Buffer.alloc(4); b.writeUInt32BE(v, 0); return b; }));
const u16 = (v) => { const b = Buffer.alloc(2); b.writeUInt16BE(v, 0); return b; };

/** One APNG of `frames` (PNG buffers of one size and colour type), each shown `delayMs`, looping. */
export function apng(frames, delayMs) {
  const header = chunks(frames[0]).find((c) => c.type === 'IHDR');
  const width = header.data.readUInt32BE(0);
  const height = header.data.readUInt32BE(4);
  let sequence = 0;
  const parts = [SIGNATURE, chunk('IHDR', header.data), chunk('acTL', u32(frames.length, 0))];
  frames.forEach((png, k) => {
    const own = chunks(png);
    const ihdr = own.find((c) => c.type === 'IHDR').data;
    if (!ihdr.equals(header.data)) throw new Error(`frame ${k} differs in size or colour type from the first`);
    // fcTL: sequence, size, offset (0, 0), delay as a fraction of a second, dispose none, blend source.
    parts.push(chunk('fcTL', Buffer.concat([u32(sequence++, width, height, 0, 0), u16(delayMs), u16(1000), Buffer.from([0, 0])])));
    for (const { type, data } of own) {
      // Screenshots are truecolour; a palette (and its transparency) would need carrying over.
      if (type === 'PLTE' || type === 'tRNS') throw new Error(`frame ${k} has a ${type} chunk, which this assembler does not carry`);
      if (type !== 'IDAT') continue;
      parts.push(k === 0 ? chunk('IDAT', data) : chunk('fdAT', Buffer.concat([u32(sequence++), data])));
    }
  });
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}
