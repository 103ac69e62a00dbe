/**
 * The portable math functions against the engine's Math.*: within 1 ulp (sin, cos, exp, expm1, log, tanh)
 * or 2 ulp (pow) over random and edge inputs, and every special value exactly as Math.* gives it. Node's V8
 * uses fdlibm for the first six, so there they agree bit for bit; the cross-engine check is
 * e2e/portable-math.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { cos, exp, expm1, log, pow, sin, tanh } from '../../src/util/portable-math';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** Position of a double on a line where adjacent doubles are 1 apart (−0 and +0 both at 0). */
function ordinal(x: number): bigint {
  f64[0] = x;
  const bits = u64[0]!;
  return bits >= 1n << 63n ? (1n << 63n) - bits : bits;
}

/** Doubles between a and b (0 for equal values, NaN and NaN, and −0 and +0; Infinity for NaN against a number). */
function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}

/** A seeded uniform draw in [0, 1) (an LCG: the test needs spread, not quality). */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

/** The largest ulp distance between `mine` and `reference` over `count` inputs drawn by `draw`. */
function worstUlp(
  mine: (x: number) => number,
  reference: (x: number) => number,
  draw: (u: () => number) => number,
  count = 20_000,
): { ulp: number; at: number } {
  const u = uniform(7);
  let worst = { ulp: 0, at: NaN };
  for (let i = 0; i < count; i++) {
    const x = draw(u);
    const d = ulpDistance(mine(x), reference(x));
    if (d > worst.ulp) worst = { ulp: d, at: x };
  }
  return worst;
}

const span = (low: number, high: number) => (u: () => number) => low + (high - low) * u();
/** Log-uniform magnitude in [2^lo, 2^hi), random sign when `signed`. */
const wide = (lo: number, hi: number, signed: boolean) => (u: () => number) =>
  (signed && u() < 0.5 ? -1 : 1) * 2 ** (lo + (hi - lo) * u()) * (1 + u());

/** sin and cos are checked on the same ranges. */
const TRIG_RANGES: [string, (u: () => number) => number][] = [
  ['[-10, 10]', span(-10, 10)],
  ['[-1e6, 1e6]', span(-1e6, 1e6)],
  ['tiny and wide', wide(-60, 19, true)],
  ['huge (Payne–Hanek)', wide(20, 1022, true)],
];

const ONE_ULP: [
  string,
  (x: number) => number,
  (x: number) => number,
  [string, (u: () => number) => number][],
][] = [
  ['sin', sin, Math.sin, TRIG_RANGES],
  ['cos', cos, Math.cos, TRIG_RANGES],
  [
    'exp',
    exp,
    Math.exp,
    [
      ['[-20, 20]', span(-20, 20)],
      ['[-750, 710]', span(-750, 710)],
      ['tiny', wide(-60, 0, true)],
    ],
  ],
  [
    'expm1',
    expm1,
    Math.expm1,
    [
      ['[-2, 2]', span(-2, 2)],
      ['[-60, 710]', span(-60, 710)],
      ['tiny', wide(-60, 0, true)],
    ],
  ],
  [
    'log',
    log,
    Math.log,
    [
      ['(0, 10]', span(1e-9, 10)],
      ['near 1', span(0.999, 1.001)],
      ['all magnitudes', wide(-1074, 1023, false)],
    ],
  ],
  [
    'tanh',
    tanh,
    Math.tanh,
    [
      ['[-5, 5]', span(-5, 5)],
      ['[-30, 30]', span(-30, 30)],
      ['tiny', wide(-60, 0, true)],
    ],
  ],
];

describe('portable math against Math.*', () => {
  it('measures ulps on bit patterns', () => {
    expect(ulpDistance(1, 1 + 2 ** -52)).toBe(1);
    expect(ulpDistance(-0, 5e-324)).toBe(1);
    expect(ulpDistance(-5e-324, 5e-324)).toBe(2);
    expect(ulpDistance(NaN, 1)).toBe(Infinity);
  });

  for (const [name, mine, reference, ranges] of ONE_ULP)
    for (const [label, draw] of ranges)
      it(`${name} is within 1 ulp on ${label}`, () => {
        expect(worstUlp(mine, reference, draw).ulp).toBeLessThanOrEqual(1);
      });

  const powCases: [string, (u: () => number) => [number, number]][] = [
    ['x in (0, 100], y in [-3, 3]', (u) => [100 * u() + 1e-9, 6 * u() - 3]],
    ['PER: (p·n)^-β and p^α', (u) => [1e4 * u() + 1e-6, -u()]],
    ['γ^m, m ≤ 20', (u) => [0.9 + 0.0999 * u(), Math.floor(21 * u())]],
    ['β^t for Adam, t ≤ 1e6', (u) => [u() < 0.5 ? 0.9 : 0.999, Math.floor(1e6 * u()) + 1]],
    ['large |y·log x|', (u) => [0.5 + u(), 1400 * u() - 700]],
    ['x near 1, huge y', (u) => [1 + (u() - 0.5) * 2e-7, (u() - 0.5) * 1e10]],
    ['negative x, integer y', (u) => [-10 * u(), Math.floor(60 * u()) - 30]],
    ['subnormal x and results', (u) => [2 ** (-1070 * u()), (u() - 0.3) * 3]],
  ];
  for (const [label, draw] of powCases)
    it(`pow is within 2 ulp for ${label}`, () => {
      const u = uniform(11);
      let worst = 0;
      for (let i = 0; i < 20_000; i++) {
        const [x, y] = draw(u);
        worst = Math.max(worst, ulpDistance(pow(x, y), Math.pow(x, y)));
      }
      expect(worst).toBeLessThanOrEqual(2);
    });
});

describe('special values as Math.* gives them', () => {
  const specials = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 5e-324, -5e-324];
  specials.push(
    2.2250738585072014e-308,
    1.7976931348623157e308,
    -1.7976931348623157e308,
    710,
    -746,
    709.7,
    -745.1,
  );
  specials.push(1e-20, -1e-20, 22, -22, Math.PI / 4, Math.PI / 2, Math.PI, 1e6 * Math.PI, 0.1, 1.5, 1e300);
  const unary: [string, (x: number) => number, (x: number) => number][] = [
    ['sin', sin, Math.sin],
    ['cos', cos, Math.cos],
    ['exp', exp, Math.exp],
    ['expm1', expm1, Math.expm1],
    ['log', log, Math.log],
    ['tanh', tanh, Math.tanh],
  ];
  for (const [name, mine, reference] of unary)
    it(`${name}: NaN, ±0, ±Infinity, subnormals, limits`, () => {
      for (const x of specials) {
        const [a, b] = [mine(x), reference(x)];
        const exact = !Number.isFinite(b) || b === 0 || Math.abs(b) === 1 || Math.abs(x) < 1e-6;
        if (exact) expect(Object.is(a, b), `${name}(${x}) = ${a}, Math.${name} gives ${b}`).toBe(true);
        else expect(ulpDistance(a, b), `${name}(${x})`).toBeLessThanOrEqual(1);
      }
    });

  it('pow: every pair of special values', () => {
    for (const x of specials)
      for (const y of specials) {
        const [a, b] = [pow(x, y), Math.pow(x, y)];
        const exact = !Number.isFinite(b) || b === 0 || Math.abs(b) === 1;
        if (exact) expect(Object.is(a, b), `pow(${x}, ${y}) = ${a}, Math.pow gives ${b}`).toBe(true);
        else expect(ulpDistance(a, b), `pow(${x}, ${y})`).toBeLessThanOrEqual(2);
      }
  });

  it('log of negatives is NaN, of 0 is -Infinity; exp and expm1 saturate', () => {
    expect(log(-1)).toBeNaN();
    expect(log(-0)).toBe(-Infinity);
    expect(exp(-1000)).toBe(0);
    expect(exp(1000)).toBe(Infinity);
    expect(expm1(-1000)).toBe(-1);
    expect(Object.is(expm1(-0), -0)).toBe(true);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(Object.is(sin(-0), -0)).toBe(true);
  });
});
