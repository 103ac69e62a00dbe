/**
 * Fingerprints (FNV-1a over the float64 bytes, little-endian) of the portable math functions over ~100k
 * inputs each, of seeded normal draws, and of a seeded CartPole trace. e2e/portable-math.spec.ts runs this
 * same module in Node and, bundled, in Chromium: equal fingerprints mean equal bits in both engines.
 * `mathSin` fingerprints Math.sin over the sin inputs, the control that shows the check can fail.
 */
import { CartPoleSim } from '../../src/envs/cartpole/sim';
import { Rng } from '../../src/envs/rng';
import { cos, exp, expm1, log, pow, sin, tanh } from '../../src/util/portable-math';

const bytes = new DataView(new ArrayBuffer(8));

class Fnv1a {
  private h = 0x811c9dc5;
  add(x: number): void {
    bytes.setFloat64(0, x, true);
    for (let i = 0; i < 8; i++) this.h = Math.imul(this.h ^ bytes.getUint8(i), 0x01000193) >>> 0;
  }
  hex(): string {
    return this.h.toString(16).padStart(8, '0');
  }
}

/** Uniform draws in [0, 1) from an LCG: integer and basic float operations only, so the same everywhere. */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

const COUNT = 100_000;
/** 2^0 .. 2^1000 by exact doubling, for huge arguments of sin. */
const POWERS_OF_TWO_TO_1000 = Array.from({ length: 1001 }, (_, i) => {
  let p = 1;
  for (let k = 0; k < i; k++) p *= 2;
  return p;
});
/** 2^-30 .. 2^30 by exact doubling: inputs must not depend on the engine's own ** either. */
const POWERS_OF_TWO = Array.from({ length: 61 }, (_, i) => {
  let p = 1 / 1073741824;
  for (let k = 0; k < i; k++) p *= 2;
  return p;
});

function hashOf(f: (u: () => number) => number, seed = 1): string {
  const u = uniform(seed);
  const h = new Fnv1a();
  for (let i = 0; i < COUNT; i++) h.add(f(u));
  return h.hex();
}

/** 2,000 CartPole steps from seed 42 with a fixed action pattern (resetting at each episode end). */
function cartPoleTrace(): string {
  const env = new CartPoleSim();
  const pattern = [0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0];
  const h = new Fnv1a();
  let observation = env.reset({ seed: 42 }).observation;
  for (let step = 0; step < 2000; step++) {
    for (const v of observation) h.add(v);
    const s = env.getState();
    for (const v of [s.x, s.xDot, s.theta, s.thetaDot]) h.add(v);
    const result = env.step(pattern[step % pattern.length]!);
    observation = result.terminated ? env.reset().observation : result.observation;
  }
  return h.hex();
}

export function fingerprints(): Record<string, string> {
  const angle = (u: () => number) => 20 * u() - 10;
  return {
    sin: hashOf((u) => sin(angle(u))),
    cos: hashOf((u) => cos(angle(u))),
    sinHuge: hashOf((u) => sin((u() - 0.5) * POWERS_OF_TWO_TO_1000[Math.floor(1001 * u())]!)),
    exp: hashOf((u) => exp(40 * u() - 20)),
    expm1: hashOf((u) => expm1(10 * u() - 5)),
    log: hashOf((u) => log((u() + 1e-300) * POWERS_OF_TWO[Math.floor(61 * u())]!)),
    tanh: hashOf((u) => tanh(10 * u() - 5)),
    pow: hashOf((u) => pow(1e4 * u() + 1e-6, 2 * u() - 1)),
    powInteger: hashOf((u) => pow(0.9 + 0.0999 * u(), Math.floor(1e4 * u()))),
    normal: (() => {
      const rng = new Rng(7);
      const h = new Fnv1a();
      for (let i = 0; i < COUNT; i++) h.add(rng.normal());
      return h.hex();
    })(),
    cartPole: cartPoleTrace(),
    mathSin: hashOf((u) => Math.sin(angle(u))),
  };
}
