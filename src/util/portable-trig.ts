/**
 * sin and cos that give the same bits in every JavaScript engine: fdlibm's algorithms (s_sin.c, s_cos.c,
 * k_sin.c, k_cos.c and the "medium" Cody–Waite path of e_rem_pio2.c) written with IEEE-754 basic
 * operations only, whose results the standard fixes exactly. Math.sin/cos are left to each engine's libm
 * and do differ between Node and Chromium.
 *
 * Every finite x: up to 2^20·π/2 (about 1.6e6) the reduction subtracts π/2 in three pieces; beyond, it uses
 * the bits of 2/π (Payne–Hanek, portable-rem-pio2.ts). Our environments stay within a few radians.
 */
import { fromWords, highWord } from './portable-bits';
import { remPio2Large } from './portable-rem-pio2';

// Taylor-like minimax coefficients of sin on [-π/4, π/4] (fdlibm k_sin.c).
const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

// Coefficients of cos on [-π/4, π/4] (fdlibm k_cos.c).
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.0875723212981748279e-9;
const C6 = -1.13596475577881948265e-11;

// π/2 in three 33-bit pieces, each with the tail left over (e_rem_pio2.c): n·piece is exact for n < 2^20.
const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417;
const PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.0771005063039659766e-11;
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.0222662487111664558e-21;
const PIO2_3T = 8.47842766036889956997e-32;
/** 1.5·2^52: adding then subtracting it rounds a double of magnitude < 2^51 to the nearest integer. */
const ROUNDER = 6755399441055744;

/** sin(x + y) for |x + y| ≤ π/4, y the tail of x (ignored when `hasTail` is false). */
function kernelSin(x: number, y: number, hasTail: boolean): number {
  if ((highWord(x) & 0x7fffffff) < 0x3e400000) return x; // |x| < 2^-27: sin x = x to double precision
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (!hasTail) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** cos(x + y) for |x + y| ≤ π/4, y the tail of x. */
function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return 1; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  // cos = 1 - (z/2 - z·r): take a round qx ≈ z/2 out of both terms so that 1 - qx is exact.
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0); // x²/4 rounded down
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

/** Largest |x| (high word) that the three-piece reduction handles: about 2^20·π/2. */
const MEDIUM_LIMIT = 0x413921fb;
let y0 = 0;
let y1 = 0;
const large: [number, number] = [0, 0];

/** Sets y0 + y1 = x − n·π/2 (|y0 + y1| ≤ π/4 or so) and returns n; `ix` is |x|'s high word. */
function reduce(x: number, ix: number): number {
  if (ix >= MEDIUM_LIMIT) {
    const n = remPio2Large(x, large);
    [y0, y1] = large;
    return n;
  }
  const fn = x * INV_PIO2 + ROUNDER - ROUNDER;
  const n = fn | 0;
  let r = x - fn * PIO2_1;
  let w = fn * PIO2_1T; // first round: good to 85 bits
  const j = ix >> 20;
  y0 = r - w;
  // Lost bits by cancellation: more than 16 → subtract the next piece of π/2 as well, and the third after 49.
  if (j - ((highWord(y0) >> 20) & 0x7ff) > 16) {
    let t = r;
    w = fn * PIO2_2;
    r = t - w;
    w = fn * PIO2_2T - (t - r - w);
    y0 = r - w;
    if (j - ((highWord(y0) >> 20) & 0x7ff) > 49) {
      t = r;
      w = fn * PIO2_3;
      r = t - w;
      w = fn * PIO2_3T - (t - r - w);
      y0 = r - w;
    }
  }
  y1 = r - y0 - w;
  return n;
}

/** sin(x), the same bits in every engine for every x (see the file comment). */
export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, false); // |x| ≤ π/4
  if (ix >= 0x7ff00000) return NaN; // ±Infinity, NaN
  const n = reduce(x, ix) & 3;
  if (n === 0) return kernelSin(y0, y1, true);
  if (n === 1) return kernelCos(y0, y1);
  if (n === 2) return -kernelSin(y0, y1, true);
  return -kernelCos(y0, y1);
}

/** cos(x), the same bits in every engine for every x (see the file comment). */
export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0);
  if (ix >= 0x7ff00000) return NaN;
  const n = reduce(x, ix) & 3;
  if (n === 0) return kernelCos(y0, y1);
  if (n === 1) return -kernelSin(y0, y1, true);
  if (n === 2) return -kernelCos(y0, y1);
  return kernelSin(y0, y1, true);
}
