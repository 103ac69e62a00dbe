import { describe, expect, it } from 'vitest';
import { fullRange, quantile, steadyRange } from '../../src/ui/components/chart-range';

describe('steadyRange', () => {
  it('leaves a start-up spike out, so the steady rate fills the chart', () => {
    // Steps per second: a 5000 spike in the first second, then a steady 900..1100.
    const rate = [5000, 3000, ...Array.from({ length: 38 }, (_, i) => 900 + (i % 5) * 50)];
    const range = steadyRange([rate])!;
    expect(range.max).toBeLessThan(1300);
    expect(range.min).toBeGreaterThan(800);
    expect(range.min).toBeLessThanOrEqual(900);
    expect(range.max).toBeGreaterThanOrEqual(1100);
    expect(range.outside).toBe(2);
  });

  it('ignores a lone outlier later in the run', () => {
    const values = Array.from({ length: 200 }, (_, i) => 10 + (i % 3));
    values[120] = 400;
    const range = steadyRange([values])!;
    expect(range.max).toBeLessThan(20);
    expect(range.outside).toBe(1);
  });

  it('always keeps the newest value on the chart', () => {
    const values = [...Array.from({ length: 50 }, () => 100), 20];
    const range = steadyRange([values])!;
    expect(range.min).toBeLessThan(20);
  });

  it('fits every series of a chart', () => {
    const a = Array.from({ length: 20 }, () => 5);
    const b = Array.from({ length: 20 }, () => 50);
    const range = steadyRange([a, b])!;
    expect(range.min).toBeLessThan(5);
    expect(range.max).toBeGreaterThan(50);
  });

  it('keeps every point of a short series (no warm-up yet)', () => {
    const range = steadyRange([[9000, 10, 11]])!;
    expect(range.max).toBeGreaterThan(9000 * 0.97);
  });

  it('skips NaN and infinities and gives null with no finite values', () => {
    expect(steadyRange([[NaN, Infinity]])).toBeNull();
    expect(steadyRange([])).toBeNull();
    const range = steadyRange([[NaN, 1, 2, NaN, 3]])!;
    expect(range.min).toBeLessThan(1);
    expect(range.max).toBeGreaterThan(3);
  });

  it('gives a flat series some height', () => {
    const range = steadyRange([Array.from({ length: 10 }, () => 7)])!;
    expect(range.min).toBeLessThan(7);
    expect(range.max).toBeGreaterThan(7);
  });
});

describe('fullRange', () => {
  it('includes every value, the spike too', () => {
    const range = fullRange([[5000, 1000, 1000, 1000, 1000, 1000]])!;
    expect(range.max).toBeGreaterThanOrEqual(5000);
    expect(range.min).toBeLessThanOrEqual(1000);
    expect(range.outside).toBe(0);
  });
});

describe('quantile', () => {
  it('interpolates between neighbours', () => {
    expect(quantile([0, 10], 0.5)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4, 5], 1)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
