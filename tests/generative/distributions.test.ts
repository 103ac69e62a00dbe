import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/envs/rng';
import {
  createDistribution,
  customDistribution,
  DEFAULT_CLUSTERS,
  DEFAULT_GRID,
  DEFAULT_LINE,
  DEFAULT_RING,
  DEFAULT_SPIRAL,
  DEFAULT_TWO_MOONS,
  disjointClusters,
  gridOfGaussians,
  ringOfGaussians,
  type DistributionSpec,
} from '../../src/generative/distributions';

const SPECS: DistributionSpec[] = [
  DEFAULT_RING,
  DEFAULT_GRID,
  DEFAULT_TWO_MOONS,
  DEFAULT_SPIRAL,
  DEFAULT_LINE,
  DEFAULT_CLUSTERS,
  { kind: 'custom', points: [0, 0, 1, 1, -1, 2], jitter: 0.05 },
];

function mean(values: Float32Array, offset: number): number {
  let s = 0;
  for (let i = offset; i < values.length; i += 2) s += values[i];
  return s / (values.length / 2);
}

describe('every distribution', () => {
  it.each(SPECS.map((s) => [s.kind, s] as const))('%s: shape, seeded determinism, bounds', (_, spec) => {
    const d = createDistribution(spec);
    expect(d.spec).toEqual(spec);
    const a = d.sample(500, new Rng(3));
    expect(a).toBeInstanceOf(Float32Array);
    expect(a.length).toBe(1000);
    expect(d.sample(500, new Rng(3))).toEqual(a);
    expect(d.sample(500, new Rng(4))).not.toEqual(a);
    expect(d.sample(0, new Rng(3)).length).toBe(0);
    // The bounds hold (nearly) all samples and are square.
    const { xMin, xMax, yMin, yMax } = d.bounds;
    expect(xMax - xMin).toBeCloseTo(yMax - yMin, 9);
    let inside = 0;
    for (let i = 0; i < a.length; i += 2)
      if (a[i] > xMin && a[i] < xMax && a[i + 1] > yMin && a[i + 1] < yMax) inside++;
    expect(inside).toBe(500);
  });

  it('rejects a bad sample count and unknown kinds', () => {
    expect(() => ringOfGaussians().sample(-1, new Rng(1))).toThrow(
      'Expected a non-negative integer sample count, got -1',
    );
    expect(() => createDistribution({ kind: 'blob' } as unknown as DistributionSpec)).toThrow(
      'Expected a distribution kind in ring|grid|two-moons|spiral|line|clusters|custom, got "blob"',
    );
  });
});

describe('ring of Gaussians', () => {
  it('states its modes: 8 centres on the circle of radius 2 with σ 0.02, equal weights', () => {
    const ring = ringOfGaussians(8, 2, 0.02);
    expect(ring.modes).toHaveLength(8);
    for (const m of ring.modes ?? []) {
      expect(Math.hypot(m.x, m.y)).toBeCloseTo(2, 12);
      expect(m.sigma).toBe(0.02);
      expect(m.weight).toBeCloseTo(1 / 8, 12);
    }
    expect(ring.modes?.[2].x).toBeCloseTo(0, 12);
    expect(ring.modes?.[2].y).toBeCloseTo(2, 12);
  });

  it('puts every sample within 5σ of a centre, with the right spread and balanced modes', () => {
    const ring = ringOfGaussians(8, 2, 0.02);
    const modes = ring.modes ?? [];
    const xs = ring.sample(8000, new Rng(1));
    const counts = modes.map(() => 0);
    let sq = 0;
    for (let i = 0; i < xs.length; i += 2) {
      const distances = modes.map((m) => Math.hypot(xs[i] - m.x, xs[i + 1] - m.y));
      const nearest = distances.indexOf(Math.min(...distances));
      expect(distances[nearest]).toBeLessThan(5 * 0.02);
      counts[nearest]++;
      sq += (xs[i] - modes[nearest].x) ** 2 + (xs[i + 1] - modes[nearest].y) ** 2;
    }
    // Per-coordinate standard deviation around the centre ≈ σ.
    expect(Math.sqrt(sq / 8000 / 2)).toBeCloseTo(0.02, 3);
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(120);
    expect(Math.abs(mean(xs, 0))).toBeLessThan(0.05);
    expect(Math.abs(mean(xs, 1))).toBeLessThan(0.05);
  });
});

describe('mixtures', () => {
  it('grid: 25 centres on a lattice with spacing 1 centred on 0', () => {
    const grid = gridOfGaussians(5, 1, 0.02);
    const xs = new Set(grid.modes?.map((m) => m.x));
    expect([...xs].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
    expect(grid.modes).toHaveLength(25);
  });

  it('clusters: mixing weights are respected', () => {
    const d = disjointClusters([
      { x: -1, y: 0, sigma: 0.01, weight: 3 },
      { x: 1, y: 0, sigma: 0.01, weight: 1 },
    ]);
    expect(d.modes?.map((m) => m.weight)).toEqual([0.75, 0.25]);
    const xs = d.sample(4000, new Rng(2));
    let left = 0;
    for (let i = 0; i < xs.length; i += 2) if (xs[i] < 0) left++;
    expect(left / 4000).toBeGreaterThan(0.72);
    expect(left / 4000).toBeLessThan(0.78);
  });

  it('continuous shapes have no modes', () => {
    for (const spec of [DEFAULT_TWO_MOONS, DEFAULT_SPIRAL, DEFAULT_LINE])
      expect(createDistribution(spec).modes).toBeNull();
  });

  it('line: samples lie near the segment', () => {
    const d = createDistribution({ kind: 'line', from: [-2, 0], to: [2, 0], noise: 0.01 });
    const xs = d.sample(1000, new Rng(1));
    for (let i = 0; i < xs.length; i += 2) {
      expect(Math.abs(xs[i + 1])).toBeLessThan(0.06);
      expect(Math.abs(xs[i])).toBeLessThan(2.06);
    }
    expect(Math.abs(mean(xs, 0))).toBeLessThan(0.15);
  });
});

describe('customDistribution', () => {
  it('samples the given points, picked uniformly, with the given jitter', () => {
    const points = [0, 0, 10, 0, 0, 10];
    const d = customDistribution(points, 0.1);
    expect(d.modes).toBeNull();
    expect(d.label).toBe('Your 3 points');
    const xs = d.sample(3000, new Rng(7));
    const counts = [0, 0, 0];
    for (let i = 0; i < xs.length; i += 2) {
      const k = [0, 1, 2].find((j) => Math.hypot(xs[i] - points[2 * j], xs[i + 1] - points[2 * j + 1]) < 0.6);
      expect(k).toBeDefined();
      counts[k as number]++;
    }
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(100);
    // Zero jitter returns the points exactly.
    const exact = customDistribution([1.5, -2.5], 0).sample(3, new Rng(1));
    expect(Array.from(exact)).toEqual([1.5, -2.5, 1.5, -2.5, 1.5, -2.5]);
  });

  it('keeps its own copy of the points and checks them', () => {
    const points = [0, 0, 1, 1];
    const d = customDistribution(points);
    points[0] = 100;
    expect(d.spec).toEqual({ kind: 'custom', points: [0, 0, 1, 1], jitter: 0.02 });
    expect(() => customDistribution([])).toThrow(
      'Expected a flat list of x, y pairs with at least one point, got 0 numbers',
    );
    expect(() => customDistribution([1, 2, 3])).toThrow('got 3 numbers');
    expect(() => customDistribution([1, NaN])).toThrow('Expected finite coordinates, got NaN in point 0');
    expect(() => customDistribution([1, 2], -1)).toThrow('Expected jitter ≥ 0, got -1');
  });
});
