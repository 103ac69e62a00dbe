/**
 * exp, expm1, log and tanh that give the same bits in every JavaScript engine: fdlibm's algorithms
 * (e_exp.c, s_expm1.c, e_log.c, s_tanh.c) with their published coefficients, written with IEEE-754 basic
 * operations and bit reinterpretation only. Special values follow Math.*: NaN in → NaN, exp(−∞) = 0,
 * log(0) = −∞, log(x < 0) = NaN, expm1(−∞) = −1, tanh(±∞) = ±1, and ±0 keep their sign where Math.* does.
 * Accuracy: under 1 ulp (fdlibm's bound), so they agree with a correctly rounded libm almost always.
 */
import { fromWords, highWord, lowWord, withHighWord } from './portable-bits';

const LN2_HI = 6.9314718036912381649e-1; // ln 2 to 32 bits: k·LN2_HI is exact for |k| < 2^11
const LN2_LO = 1.90821492927058770002e-10;
export const INV_LN2 = 1.442695040888963387;
const EXP_OVERFLOW = 7.09782712893383973096e2; // ln(largest double)
const EXP_UNDERFLOW = -7.4513321910194110842e2; // ln(smallest subnormal / 2)
const TWO_M1000 = 9.3326361850321887899e-302; // 2^-1000
const TWO_1023 = 8.98846567431158e307; // 2^1023

// Remez polynomial for R(r²) with r·(e^r + 1)/(e^r − 1) ≈ 2 + R on [0, 0.347²] (e_exp.c).
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;

/**
 * r − r²·R(r²): the term e_exp.c (and e_pow.c's final 2^f) builds e^r from, as e^r = 1 + 2r/(2 − c), for
 * |r| ≤ ln2/2.
 */
export function expKernel(r: number): number {
  const t = r * r;
  return r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
}

/** x · 2^k for y ≈ 1 (a normal double) and −1021 ≤ k ≤ 1024: add k to the exponent field. */
function scaleNear1(y: number, k: number): number {
  if (k === 1024) return y * 2 * TWO_1023;
  return withHighWord(y, highWord(y) + (k << 20));
}

// The two parts of the reduced argument reduceByLn2 leaves (module scratch: no allocation per call).
let reducedHi = 0;
let reducedLo = 0;

/**
 * For |x| > ln2/2 (ax its high word without the sign): k with x = k·ln2 + r, r left as reducedHi − reducedLo
 * and |r| ≤ ln2/2, ln2 taken in two parts so that k·LN2_HI is exact (e_exp.c's and s_expm1.c's reduction).
 */
function reduceByLn2(x: number, ax: number, negative: boolean): number {
  if (ax < 0x3ff0a2b2) {
    // |x| < 1.5·ln2: k = ±1
    reducedHi = negative ? x + LN2_HI : x - LN2_HI;
    reducedLo = negative ? -LN2_LO : LN2_LO;
    return negative ? -1 : 1;
  }
  const k = (INV_LN2 * x + (negative ? -0.5 : 0.5)) | 0; // round half away from zero
  reducedHi = x - k * LN2_HI;
  reducedLo = k * LN2_LO;
  return k;
}

/** e^x. */
export function exp(x: number): number {
  const hx = highWord(x);
  const negative = hx < 0;
  const ax = hx & 0x7fffffff;
  if (ax >= 0x40862e42) {
    // |x| ≥ 709.78
    if (ax >= 0x7ff00000) {
      if (((ax & 0xfffff) | lowWord(x)) !== 0) return NaN;
      return negative ? 0 : Infinity;
    }
    if (x > EXP_OVERFLOW) return Infinity;
    if (x < EXP_UNDERFLOW) return 0;
  }
  // x = k·ln2 + r with |r| ≤ ln2/2, r carried as hi − lo.
  let k = 0;
  let hi = 0;
  let lo = 0;
  if (ax > 0x3fd62e42) {
    // |x| > ln2/2
    k = reduceByLn2(x, ax, negative);
    hi = reducedHi;
    lo = reducedLo;
    x = hi - lo;
  } else if (ax < 0x3e300000) {
    return 1 + x; // |x| < 2^-28
  }
  const c = expKernel(x);
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) return scaleNear1(y, k);
  return withHighWord(y, highWord(y) + ((k + 1000) << 20)) * TWO_M1000; // subnormal result: one rounding
}

// Polynomial for expm1 on [−ln2/2, ln2/2] (s_expm1.c).
const Q1 = -3.33333333333331316428e-2;
const Q2 = 1.58730158725481460165e-3;
const Q3 = -7.9365075786748794247e-5;
const Q4 = 4.00821782732936239552e-6;
const Q5 = -2.01099218183624371326e-7;

/** e^x − 1, accurate near 0 where exp(x) − 1 would cancel. */
export function expm1(x: number): number {
  const hx = highWord(x);
  const negative = hx < 0;
  const ax = hx & 0x7fffffff;
  if (ax >= 0x4043687a) {
    // |x| ≥ 56·ln2
    if (ax >= 0x40862e42) {
      if (ax >= 0x7ff00000) {
        if (((ax & 0xfffff) | lowWord(x)) !== 0) return NaN;
        return negative ? -1 : Infinity;
      }
      if (x > EXP_OVERFLOW) return Infinity;
    }
    if (negative) return -1; // e^x < 2^-56: −1 to double precision
  }
  let k = 0;
  let c = 0;
  if (ax > 0x3fd62e42) {
    // |x| > ln2/2: reduce as exp does, and keep the rounding error of hi − lo in c
    k = reduceByLn2(x, ax, negative);
    const hi = reducedHi;
    const lo = reducedLo;
    x = hi - lo;
    c = hi - x - lo;
  } else if (ax < 0x3c900000) {
    return x; // |x| < 2^-54 (keeps −0)
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) return scaleNear1(1 - (e - x), k) - 1; // the −1 hardly matters here
  if (k < 20) {
    const oneMinus = fromWords(0x3ff00000 - (0x200000 >> k), 0); // 1 − 2^−k
    return scaleNear1(oneMinus - (e - x), k);
  }
  const twoMinusK = fromWords((0x3ff - k) << 20, 0); // 2^−k
  return scaleNear1(x - (e + twoMinusK) + 1, k);
}

// Polynomial for log(1+f) via s = f/(2+f) (e_log.c).
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;
const TWO_54 = 1.8014398509481984e16;

/** Natural logarithm. */
export function log(x: number): number {
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative, NaN with the sign bit, or subnormal
    if (((hx & 0x7fffffff) | lowWord(x)) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO_54; // normalize a subnormal
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // +Infinity or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // x = 2^k·(1 + f) with √2/2 ≤ 1 + f < √2.
  const i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    // 1 + f far from 1: subtract f²/2 explicitly for accuracy
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - r) : dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

/** Hyperbolic tangent, through expm1 so that small |x| keep their relative accuracy. */
export function tanh(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  if (ax >= 0x7ff00000) return x !== x ? NaN : hx < 0 ? -1 : 1;
  let z: number;
  if (ax < 0x40360000) {
    // |x| < 22
    if (ax < 0x3e300000) return x; // |x| < 2^-28: x − x³/3 rounds to x (FreeBSD's bound; keeps −0)
    const a = Math.abs(x);
    if (ax >= 0x3ff00000)
      z = 1 - 2 / (expm1(2 * a) + 2); // |x| ≥ 1
    else {
      const t = expm1(-2 * a);
      z = -t / (t + 2);
    }
  } else z = 1; // tanh(22) rounds to 1
  return hx < 0 ? -z : z;
}
