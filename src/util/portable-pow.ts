/**
 * x^y that gives the same bits in every JavaScript engine: fdlibm's e_pow.c (log2(x) in extra precision,
 * y split in head + tail, then 2^(y·log2 x) with a final scaling), written with IEEE-754 basic operations
 * and bit reinterpretation only. Error below 1 ulp in fdlibm's analysis (we test ≤ 2 against Math.pow).
 *
 * Covers every input Math.pow takes, with its special cases: y = ±0 → 1 (even for NaN x); NaN otherwise in
 * → NaN; (±1)^±∞ → NaN (JavaScript's rule, which is also fdlibm's); 0 and ∞ bases by the sign of y and
 * whether y is an odd integer; negative x with a non-integer y → NaN; overflow → ±∞, underflow → ±0.
 */
import { clearLowWord, fromWords, highWord, lowWord, scaleByPowerOfTwo, withHighWord } from './portable-bits';
import { expKernel, INV_LN2 } from './portable-exp';

const BP = [1, 1.5];
const DP_H = [0, 5.84962487220764160156e-1]; // log2(1.5), head
const DP_L = [0, 1.35003920212974897128e-8]; // log2(1.5), tail
const TWO_53 = 9007199254740992;
const HUGE = 1e300;
const TINY = 1e-300;
// Polynomial for log((1+s)/(1−s)) (e_pow.c).
const L1 = 5.99999999999994648725e-1;
const L2 = 4.28571428578550184252e-1;
const L3 = 3.33333329818377432918e-1;
const L4 = 2.72728123808534006489e-1;
const L5 = 2.30660745775561754067e-1;
const L6 = 2.06975017800338417784e-1;
const LG2 = 6.93147180559945286227e-1;
const LG2_H = 6.93147182464599609375e-1;
const LG2_L = -1.90465429995776804525e-9;
const OVT = 8.008566259537294e-17; // −(1024 − log2(largest double + ½ulp))
const CP = 9.61796693925975554329e-1; // 2/(3·ln2)
const CP_H = 9.61796700954437255859e-1;
const CP_L = -7.02846165095275826516e-9;
const IVLN2_H = 1.44269502162933349609;
const IVLN2_L = 1.92596299112661746887e-8;

/** 0: y is not an integer, 1: an odd integer, 2: an even integer (every |y| ≥ 2^53 is even). */
function integerKind(y: number): number {
  if (!Number.isInteger(y)) return 0;
  return y % 2 === 0 ? 2 : 1;
}

/** x raised to the power y (see the file comment for the special cases). */
export function pow(x: number, y: number): number {
  const hx = highWord(x);
  const lx = lowWord(x);
  const hy = highWord(y);
  const ly = lowWord(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1; // y = ±0
  if (x !== x || y !== y) return NaN;

  const yKind = hx < 0 ? integerKind(y) : 0; // only matters for negative x

  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = ±∞
      if (((ix - 0x3ff00000) | lx) === 0) return NaN; // (±1)^±∞
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // |x| > 1
      return hy < 0 ? -y : 0; // |x| < 1
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y = ±1
    if (hy === 0x40000000) return x * x; // y = 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y = 0.5, x ≥ +0 (sqrt is IEEE-exact)
  }

  let ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    // x = ±0, ±∞, ±1
    let z = hy < 0 ? 1 / ax : ax;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yKind) === 0)
        z = NaN; // (−1)^non-integer
      else if (yKind === 1) z = -z; // odd integer power of a negative base
    }
    return z;
  }

  if (hx < 0 && yKind === 0) return NaN; // negative base, non-integer power
  const sn = hx < 0 && yKind === 1 ? -1 : 1; // sign of the result

  // t1 + t2 = log2(|x|) in extra precision.
  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: overflow or underflow unless |x| = 1 (handled above)
      if (ix <= 0x3fefffff) return hy < 0 ? HUGE * HUGE : TINY * TINY;
      return hy > 0 ? HUGE * HUGE : TINY * TINY;
    }
    if (ix < 0x3fefffff) return hy < 0 ? sn * HUGE * HUGE : sn * TINY * TINY;
    if (ix > 0x3ff00000) return hy > 0 ? sn * HUGE * HUGE : sn * TINY * TINY;
    // |1 − x| ≤ 2^-20: log2(x) from the series of log(1 + t)
    const t = ax - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * INV_LN2;
    t1 = clearLowWord(u + v);
    t2 = v - (t1 - u);
  } else {
    let n = 0;
    if (ix < 0x00100000) {
      // subnormal x
      ax *= TWO_53;
      n -= 53;
      ix = highWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    // |x| = 2^n · ax with ax in [1, 2), taken relative to 1 or 1.5 (k) so that the series converges fast.
    ix = j | 0x3ff00000;
    let k: number;
    if (j <= 0x3988e)
      k = 0; // ax < √(3/2)
    else if (j < 0xbb67a)
      k = 1; // ax < √3
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = withHighWord(ax, ix);
    const bp = BP[k]!;
    // s = (ax − bp)/(ax + bp) in head s_h + tail s_l.
    let u = ax - bp;
    let v = 1 / (ax + bp);
    const ss = u * v;
    const sH = clearLowWord(ss);
    let tH = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0); // ≈ ax + bp
    let tL = ax - (tH - bp);
    const sL = v * (u - sH * tH - sH * tL);
    // log((1+s)/(1−s)) = 2s + 2/3·s³ + ...: its polynomial part r, then 3 + s² + r in head + tail
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = clearLowWord(3 + s2 + r);
    tL = r - (tH - 3 - s2);
    // s·(3 + s² + r) in head + tail
    u = sH * tH;
    v = sL * tH + tL * ss;
    const pH = clearLowWord(u + v);
    const pL = v - (pH - u);
    // 2/(3 ln2)·p + log2(bp) + n
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + DP_L[k]!;
    const tn = n;
    t1 = clearLowWord(zH + zL + DP_H[k]! + tn);
    t2 = zL - (t1 - tn - DP_H[k]! - zH);
  }

  // y·log2|x| = pH + pL, with y split so that y1·t1 is exact.
  const y1 = clearLowWord(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  let j = highWord(z);
  let i = lowWord(z) | 0;
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i) !== 0) return sn * HUGE * HUGE;
    if (pL + OVT > z - pH) return sn * HUGE * HUGE;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (((j - (0xc090cc00 | 0)) | i) !== 0) return sn * TINY * TINY;
    if (pL <= z - pH) return sn * TINY * TINY;
  }
  // z = n + f with |f| ≤ 1/2; n's part is taken off pH exactly.
  i = j & 0x7fffffff;
  let k = (i >> 20) - 0x3ff;
  let n = 0;
  if (i > 0x3fe00000) {
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  // 2^f = e^(f·ln2), f·ln2 in z + w, then the exp polynomial.
  const t = clearLowWord(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2 + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const t1e = expKernel(z);
  const r = (z * t1e) / (t1e - 2) - (w + z * w);
  z = 1 - (r - z);
  j = highWord(z) + (n << 20);
  if (j >> 20 <= 0)
    z = scaleByPowerOfTwo(z, n); // subnormal result
  else z = withHighWord(z, j);
  return sn * z;
}
