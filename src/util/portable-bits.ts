/**
 * The 32-bit halves of a float64, as fdlibm reads and writes them (its GET_HIGH_WORD / SET_LOW_WORD ...).
 * One shared Float64Array with a Uint32Array over the same bytes; which element holds the high word
 * depends on the platform's byte order, so it is detected once (every engine we know is little-endian).
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = LITTLE_ENDIAN ? 0 : 1;

/** The high word (sign, exponent, top 20 mantissa bits) as a signed 32-bit integer, as fdlibm's int. */
export function highWord(x: number): number {
  f64[0] = x;
  return u32[HI]! | 0;
}

/** The low word (bottom 32 mantissa bits), unsigned. */
export function lowWord(x: number): number {
  f64[0] = x;
  return u32[LO]!;
}

/** The double with these words (each taken modulo 2^32, so a signed high word works too). */
export function fromWords(high: number, low: number): number {
  u32[HI] = high;
  u32[LO] = low;
  return f64[0]!;
}

/** `x` with its high word replaced. */
export function withHighWord(x: number, high: number): number {
  f64[0] = x;
  u32[HI] = high;
  return f64[0]!;
}

/** `x` with its low 32 mantissa bits cleared: the head of a head + tail split. */
export function clearLowWord(x: number): number {
  f64[0] = x;
  u32[LO] = 0;
  return f64[0]!;
}

/** x · 2^n with one rounding (fdlibm's scalbn), for x finite and non-zero and n an integer. */
export function scaleByPowerOfTwo(x: number, n: number): number {
  let high = highWord(x);
  let k = (high >> 20) & 0x7ff;
  if (k === 0) {
    // Subnormal x: normalize first.
    x *= 18014398509481984; // 2^54
    high = highWord(x);
    k = ((high >> 20) & 0x7ff) - 54;
  }
  k += n;
  if (k > 0x7fe) return x > 0 ? Infinity : -Infinity;
  if (k > 0) return withHighWord(x, (high & 0x800fffff) | (k << 20));
  if (k <= -54) return x > 0 ? 0 : -0;
  // Subnormal result: build it 2^54 too large, then one multiplication rounds it once.
  return withHighWord(x, (high & 0x800fffff) | ((k + 54) << 20)) * 5.551115123125783e-17; // 2^-54
}
