/**
 * x − n·π/2 for huge |x| (≥ 2^20·π/2), where a few-piece π/2 would cancel away every correct bit: fdlibm's
 * Payne–Hanek reduction (k_rem_pio2.c with the caller's split from e_rem_pio2.c), in IEEE basic operations.
 * x is written as three 24-bit integer chunks times a power of two and multiplied by just the bits of 2/π
 * that matter at its exponent (the integer part of the product only matters mod 4, so the leading bits are
 * skipped); the fraction, in 24-bit integer chunks, goes back through π/2 in 24-bit pieces.
 */
import { highWord, lowWord, fromWords, scaleByPowerOfTwo } from './portable-bits';

/** 2/π in 24-bit chunks: 1,584 bits, enough for any double (computed with BigInt from Machin's formula). */
// prettier-ignore
const TWO_OVER_PI = [
  0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163, 0xabdebb, 0xc561b7,
  0x246e3a, 0x424dd2, 0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129, 0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c,
  0x7026b4, 0x5f7e41, 0x3991d6, 0x398353, 0x39f49c, 0x845f8b, 0xbdf928, 0x3b1ff8, 0x97ffde, 0x05980f, 0xef2f11,
  0x8b5a0a, 0x6d1f6d, 0x367ecf, 0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d, 0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7,
  0x8a5292, 0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b, 0x6babf0, 0xcfbc20, 0x9af436, 0x1da9e3, 0x91615e,
  0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880, 0x4d7327, 0x310606, 0x1556ca, 0x73a8c9, 0x60e27b, 0xc08c6b,
];

/** π/2 in 24-bit pieces (each exact in a double, so a piece times a 24-bit chunk is exact). */
const PIO2 = [
  1.570796251296997, 7.549789415861596e-8, 5.390302529957765e-15, 3.282003415807913e-22,
  1.270655753080676e-29, 1.2293330898111133e-36, 2.7337005381646456e-44, 2.1674168387780482e-51,
];
const TWO_24 = 16777216;
const TWO_M24 = 5.9604644775390625e-8;
/** Terms of 2/π beyond the leading one that double precision needs (fdlibm's jk for prec = 2). */
const JK = 4;

const scale = (x: number, n: number): number => (x === 0 ? x : scaleByPowerOfTwo(x, n));

/** Sets `out` to [y0, y1] with y0 + y1 ≈ x − n·π/2, |y0 + y1| ≤ π/4, and returns n mod 8 (signed as x). */
export function remPio2Large(x: number, out: [number, number]): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  // |x| = z · 2^e0 with z in [2^23, 2^24): three 24-bit chunks of z.
  const e0 = (ix >> 20) - 1046;
  let z = fromWords(ix - (e0 << 20), lowWord(x));
  const tx = [0, 0, 0];
  for (let i = 0; i < 2; i++) {
    tx[i] = z | 0;
    z = (z - tx[i]!) * TWO_24;
  }
  tx[2] = z;
  let nx = 3;
  while (tx[nx - 1] === 0) nx--;
  const n = reduceChunks(tx, nx, e0, out);
  if (hx < 0) {
    out[0] = -out[0];
    out[1] = -out[1];
    return -n;
  }
  return n;
}

/** fdlibm's __kernel_rem_pio2 for prec = 2: x = Σ tx[i]·2^(e0 − 24i), nx chunks. */
function reduceChunks(tx: number[], nx: number, e0: number, out: [number, number]): number {
  const jx = nx - 1;
  const jv = Math.max(0, ((e0 - 3) / 24) | 0); // chunks of 2/π whose product with x is a multiple of 8
  let q0 = e0 - 24 * (jv + 1);
  const f: number[] = [];
  for (let i = 0, j = jv - jx; i <= jx + JK; i++, j++) f[i] = j < 0 ? 0 : TWO_OVER_PI[j]!;
  const q: number[] = [];
  const product = (i: number): number => {
    let fw = 0;
    for (let j = 0; j <= jx; j++) fw += tx[j]! * f[jx + i - j]!;
    return fw;
  };
  for (let i = 0; i <= JK; i++) q[i] = product(i);

  let jz = JK;
  let z: number;
  const iq: number[] = [];
  let n: number;
  let ih: number;
  for (;;) {
    // Distill q[] into 24-bit integers iq[], last first.
    let i = 0;
    z = q[jz]!;
    for (let j = jz; j > 0; i++, j--) {
      const fw = (TWO_M24 * z) | 0;
      iq[i] = (z - TWO_24 * fw) | 0;
      z = q[j - 1]! + fw;
    }
    // n = the integer part mod 8; z = what is left of the leading chunk.
    z = scale(z, q0);
    z -= 8 * Math.floor(z * 0.125);
    n = z | 0;
    z -= n;
    ih = 0;
    if (q0 > 0) {
      const k = iq[jz - 1]! >> (24 - q0);
      n += k;
      iq[jz - 1] = iq[jz - 1]! - (k << (24 - q0));
      ih = iq[jz - 1]! >> (23 - q0);
    } else if (q0 === 0) ih = iq[jz - 1]! >> 23;
    else if (z >= 0.5) ih = 2;

    if (ih > 0) {
      // Fraction ≥ 1/2: take n + 1 and the fraction 1 − q instead.
      n += 1;
      let carry = 0;
      for (let k = 0; k < jz; k++) {
        const j = iq[k]!;
        if (carry === 0) {
          if (j !== 0) {
            carry = 1;
            iq[k] = 0x1000000 - j;
          }
        } else iq[k] = 0xffffff - j;
      }
      if (q0 === 1) iq[jz - 1] = iq[jz - 1]! & 0x7fffff;
      else if (q0 === 2) iq[jz - 1] = iq[jz - 1]! & 0x3fffff;
      if (ih === 2) {
        z = 1 - z;
        if (carry !== 0) z -= scale(1, q0);
      }
    }
    // All the fraction's chunks cancelled: bring in more bits of 2/π and go again.
    if (z !== 0) break;
    let any = 0;
    for (let k = jz - 1; k >= JK; k--) any |= iq[k]!;
    if (any !== 0) break;
    let more = 1;
    while (iq[JK - more] === 0) more++;
    for (let k = jz + 1; k <= jz + more; k++) {
      f[jx + k] = TWO_OVER_PI[jv + k]!;
      q[k] = product(k);
    }
    jz += more;
  }

  // Drop zero chunks at the end, or split z into 24-bit chunks.
  if (z === 0) {
    jz -= 1;
    q0 -= 24;
    while (iq[jz] === 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    z = scale(z, -q0);
    if (z >= TWO_24) {
      const fw = (TWO_M24 * z) | 0;
      iq[jz] = (z - TWO_24 * fw) | 0;
      jz += 1;
      q0 += 24;
      iq[jz] = fw;
    } else iq[jz] = z | 0;
  }
  // The fraction as doubles, then times π/2.
  let fw = scale(1, q0);
  for (let i = jz; i >= 0; i--) {
    q[i] = fw * iq[i]!;
    fw *= TWO_M24;
  }
  const fq: number[] = [];
  for (let i = jz; i >= 0; i--) {
    let sum = 0;
    for (let k = 0; k <= JK && k <= jz - i; k++) sum += PIO2[k]! * q[i + k]!;
    fq[jz - i] = sum;
  }
  // Head and tail.
  fw = 0;
  for (let i = jz; i >= 0; i--) fw += fq[i]!;
  out[0] = ih === 0 ? fw : -fw;
  fw = fq[0]! - fw;
  for (let i = 1; i <= jz; i++) fw += fq[i]!;
  out[1] = ih === 0 ? fw : -fw;
  return n & 7;
}
