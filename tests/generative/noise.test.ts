import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/envs/rng';
import { drawNoise, inverseNormalCdf, noiseGrid, noiseQuantile } from '../../src/generative/noise';

describe('drawNoise', () => {
  it('uniform noise lies in [−1, 1) with mean 0 and variance 1/3; seeded', () => {
    const z = drawNoise(5000, 2, 'uniform', new Rng(1));
    expect(z.length).toBe(10_000);
    expect(Math.min(...z)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...z)).toBeLessThan(1);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(variance).toBeCloseTo(1 / 3, 1);
    expect(drawNoise(5000, 2, 'uniform', new Rng(1))).toEqual(z);
  });

  it('gaussian noise has mean 0 and variance 1', () => {
    const z = drawNoise(10_000, 1, 'gaussian', new Rng(2));
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

describe('noise grid', () => {
  it('Φ⁻¹ matches known quantiles', () => {
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 9);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormalCdf(0.01)).toBeCloseTo(-2.326348, 5);
    expect(() => inverseNormalCdf(1)).toThrow('Expected a probability in (0, 1), got 1');
  });

  it('places points at equal-probability quantiles: 1-D a line, 2-D a row-major mesh, extra dims at 0', () => {
    expect(noiseQuantile(0.25, 'uniform')).toBe(-0.5);
    const line = noiseGrid(4, 1, 'uniform');
    expect(line.count).toBe(4);
    expect(Array.from(line.noise)).toEqual([-0.75, -0.25, 0.25, 0.75]);
    const mesh = noiseGrid(3, 3, 'gaussian');
    expect(mesh.count).toBe(9);
    const q = inverseNormalCdf(5 / 6);
    // Point 5 is column 2, row 1: (z₁, z₂, z₃) = (Φ⁻¹(5/6), 0, 0).
    expect(mesh.noise[15]).toBeCloseTo(q, 6);
    expect(mesh.noise[16]).toBeCloseTo(0, 9);
    expect(mesh.noise[17]).toBe(0);
    expect(() => noiseGrid(1, 2, 'uniform')).toThrow('Expected an integer grid size ≥ 2, got 1');
  });
});
