// A small seeded generator for the tests' mangled inputs: a 32-bit LCG (Math.imul keeps it exact),
// read from its high bits, since the low ones cycle.
export function lcg(seed) {
  return (n) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
}
