// A measured wasm SIMD peak for the benchmark: a tiny wasm module, its bytes written here by hand
// (no assembler dependency), whose one function runs an f32x4 multiply-add loop over 8 independent
// accumulators. wasm has no fused multiply-add, so each step is f32x4.mul then f32x4.add: 8 FLOP
// per pair (4 lanes × 2). Eight chains hide the mul→add latency on a 2-port core.
//
//   (func (export "peak") (param $n i32) (param $a f32) (param $b f32) (result f32)
//     acc_k = splat(k) for k = 0..7;  va = splat($a);  vb = splat($b)
//     repeat $n times (none if $n = 0):  acc_k = acc_k * va + vb   (k = 0..7)
//     s = ((acc0 + acc1) + (acc2 + acc3)) + ((acc4 + acc5) + (acc6 + acc7))   (f32x4 adds)
//     return ((s[0] + s[1]) + s[2]) + s[3])
//
// `emulatePeak` computes the same in JavaScript with Math.fround, so a test (and every benchmark
// run) checks that the bytes do what this comment says.

export const ACCUMULATORS = 8;
/** FLOP of one loop iteration: per accumulator a 4-lane multiply and a 4-lane add. */
export const FLOP_PER_ITERATION = ACCUMULATORS * 4 * 2;

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;
const OP = {
  block: 0x02, loop: 0x03, end: 0x0b, brIf: 0x0d, localGet: 0x20, localSet: 0x21, localTee: 0x22,
  i32Const: 0x41, i32Eqz: 0x45, i32Sub: 0x6b, f32Const: 0x43, f32Add: 0x92, void: 0x40,
};
// SIMD instructions: the 0xfd prefix, then the opcode as unsigned LEB128.
const SIMD = { f32x4Splat: 0x13, f32x4ExtractLane: 0x1f, f32x4Add: 0xe4, f32x4Mul: 0xe6 };

/** Unsigned LEB128 (wasm's encoding of counts, sizes, indices and opcodes after a prefix). */
export function uleb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

const simd = (op) => [0xfd, ...uleb(op)];
const f32Bytes = (x) => [...new Uint8Array(new Float32Array([x]).buffer)];
const vec = (items) => [...uleb(items.length), ...items.flat()];
const section = (id, body) => [id, ...uleb(body.length), ...body];
const name = (s) => vec([...new TextEncoder().encode(s)]);

/** The module's bytes. */
export function peakModuleBytes() {
  const [n, a, b] = [0, 1, 2]; // parameters
  const acc = (k) => 3 + k; // locals after the parameters
  const va = 3 + ACCUMULATORS;
  const vb = va + 1;
  const get = (i) => [OP.localGet, ...uleb(i)];
  const set = (i) => [OP.localSet, ...uleb(i)];
  const code = [
    ...get(a), ...simd(SIMD.f32x4Splat), ...set(va),
    ...get(b), ...simd(SIMD.f32x4Splat), ...set(vb),
  ];
  for (let k = 0; k < ACCUMULATORS; k++) code.push(OP.f32Const, ...f32Bytes(k), ...simd(SIMD.f32x4Splat), ...set(acc(k)));
  code.push(OP.block, OP.void, ...get(n), OP.i32Eqz, OP.brIf, 0, OP.loop, OP.void);
  for (let k = 0; k < ACCUMULATORS; k++) {
    code.push(...get(acc(k)), ...get(va), ...simd(SIMD.f32x4Mul), ...get(vb), ...simd(SIMD.f32x4Add), ...set(acc(k)));
  }
  code.push(...get(n), OP.i32Const, 1, OP.i32Sub, OP.localTee, ...uleb(n), OP.brIf, 0, OP.end, OP.end);
  // The pairwise tree of vector sums, then the lanes in order.
  const tree = (lo, hi) => (hi - lo === 1 ? get(acc(lo)) : [...tree(lo, (lo + hi) / 2), ...tree((lo + hi) / 2, hi), ...simd(SIMD.f32x4Add)]);
  code.push(...tree(0, ACCUMULATORS), ...set(acc(0)));
  code.push(...get(acc(0)), ...simd(SIMD.f32x4ExtractLane), 0);
  for (let lane = 1; lane < 4; lane++) code.push(...get(acc(0)), ...simd(SIMD.f32x4ExtractLane), lane, OP.f32Add);
  code.push(OP.end);
  const locals = vec([[...uleb(ACCUMULATORS + 2), V128]]);
  const body = [...locals, ...code];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, vec([[0x60, ...vec([I32, F32, F32]), ...vec([F32])]])), // type 0: (i32 f32 f32) → f32
    ...section(3, vec([uleb(0)])), // function 0 has type 0
    ...section(7, vec([[...name('peak'), 0x00, ...uleb(0)]])), // export "peak" = function 0
    ...section(10, vec([[...uleb(body.length), ...body]])), // its code
  ]);
}

/** What `peak(n, a, b)` returns, computed in JavaScript (f32 rounding after every operation). */
export function emulatePeak(n, a, b) {
  const f = Math.fround;
  const acc = Array.from({ length: ACCUMULATORS }, (_, k) => f(k));
  for (let i = 0; i < n; i++) for (let k = 0; k < ACCUMULATORS; k++) acc[k] = f(f(acc[k] * f(a)) + f(b));
  const tree = (lo, hi) => (hi - lo === 1 ? acc[lo] : f(tree(lo, (lo + hi) / 2) + tree((lo + hi) / 2, hi)));
  const s = tree(0, ACCUMULATORS);
  return f(f(f(s + s) + s) + s); // the four lanes are equal
}

/** The module's `peak` function, after checking its result against `emulatePeak`. */
export function loadPeak() {
  const peak = new WebAssembly.Instance(new WebAssembly.Module(peakModuleBytes())).exports.peak;
  for (const [n, a, b] of [[0, 2, 1], [3, 1.5, 0.25], [1000, 0.5, 1]]) {
    const want = emulatePeak(n, a, b);
    if (peak(n, a, b) !== want) throw new Error(`the SIMD peak module computes ${peak(n, a, b)} for (${n}, ${a}, ${b}), not ${want}`);
  }
  return peak;
}

/**
 * GFLOP/s of the loop over about `ms` milliseconds. a = 0.5, b = 1 keeps every accumulator near 2
 * (no overflow, no subnormals), and the result is used so nothing can be skipped.
 */
export function measurePeak(peak, ms) {
  const chunk = 1 << 18; // ~1 ms of iterations per call
  let iterations = 0;
  let sink = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    sink += peak(chunk, 0.5, 1);
    iterations += chunk;
  }
  const seconds = (performance.now() - start) / 1000;
  if (!Number.isFinite(sink)) throw new Error('the SIMD peak loop went non-finite');
  return (iterations * FLOP_PER_ITERATION) / seconds / 1e9;
}
