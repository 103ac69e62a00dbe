import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/envs/rng';
import { ringOfGaussians } from '../../src/generative/distributions';
import { gridDivergence, gridHistogram, modeCoverage } from '../../src/generative/metrics';

const ring = ringOfGaussians(8, 2, 0.02);
const modes = ring.modes ?? [];

describe('modeCoverage', () => {
  it('real samples from the ring cover 8/8 modes with high quality near 1', () => {
    const c = modeCoverage(ring.sample(2000, new Rng(1)), modes);
    expect(c.covered).toBe(8);
    expect(c.total).toBe(8);
    // Within 3σ of a 2-D Gaussian: 1 − e^(−4.5) ≈ 98.9%.
    expect(c.highQualityShare).toBeGreaterThan(0.98);
    expect(c.counts.reduce((a, b) => a + b, 0)).toBe(Math.round(c.highQualityShare * 2000));
    expect(c.minShare).toBe(0.01);
    expect(c.radiusSigmas).toBe(3);
  });

  it('samples from one mode cover 1/8', () => {
    const rng = new Rng(2);
    const one = new Float32Array(2 * 2000);
    for (let i = 0; i < one.length; i += 2) {
      one[i] = modes[3].x + 0.02 * rng.normal();
      one[i + 1] = modes[3].y + 0.02 * rng.normal();
    }
    const c = modeCoverage(one, modes);
    expect(c.covered).toBe(1);
    expect(c.counts[3]).toBeGreaterThan(1950);
  });

  it('applies the 1% threshold and the 3σ radius exactly', () => {
    // 100 samples: 1 exactly at mode 0 (1% → covered), 99 far away; then a point just outside 3σ.
    const xs = new Float32Array(200).fill(50);
    xs[0] = 2;
    xs[1] = 0;
    expect(modeCoverage(xs, modes).covered).toBe(1);
    expect(modeCoverage(xs, modes, { minShare: 0.02 }).covered).toBe(0);
    xs[0] = 2 + 3 * 0.02 + 1e-4;
    expect(modeCoverage(xs, modes).covered).toBe(0);
    expect(modeCoverage(xs, modes, { radiusSigmas: 4 }).covered).toBe(1);
    expect(modeCoverage(xs, modes).highQualityShare).toBe(0);
  });
});

describe('gridDivergence', () => {
  it('real vs real is small; real vs shifted is large; JS stays within [0, ln 2]', () => {
    const a = ring.sample(2000, new Rng(1));
    const b = ring.sample(2000, new Rng(2));
    const same = gridDivergence(a, b, ring.bounds);
    expect(same.kl).toBeLessThan(0.05);
    expect(same.js).toBeLessThan(0.02);
    const shifted = b.map((v, i) => (i % 2 === 0 ? v + 0.5 : v));
    const far = gridDivergence(a, shifted, ring.bounds);
    expect(far.kl).toBeGreaterThan(2);
    expect(far.js).toBeGreaterThan(0.5);
    expect(far.js).toBeLessThanOrEqual(Math.LN2);
  });

  it('grows as modes are dropped', () => {
    const real = ring.sample(2000, new Rng(1));
    const rng = new Rng(3);
    const withModes = (k: number) => {
      const xs = new Float32Array(4000);
      for (let i = 0; i < xs.length; i += 2) {
        const m = modes[rng.nextInt(k)];
        xs[i] = m.x + 0.02 * rng.normal();
        xs[i + 1] = m.y + 0.02 * rng.normal();
      }
      return gridDivergence(real, xs, ring.bounds).js;
    };
    const js = [8, 4, 1].map(withModes);
    expect(js[0]).toBeLessThan(js[1]);
    expect(js[1]).toBeLessThan(js[2]);
  });

  it('bins points outside the box into the border cells', () => {
    const h = gridHistogram(
      Float32Array.of(-100, -100, 100, 100, 0.5, 0.5, NaN, 0),
      { xMin: 0, xMax: 1, yMin: 0, yMax: 1 },
      2,
    );
    expect(Array.from(h)).toEqual([1, 0, 0, 2]);
  });
});
