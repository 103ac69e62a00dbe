import { expect } from 'vitest';

/** Element-wise |a − b| ≤ tolerance · max(1, |b|), with the first offending index in the message. */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance = 1e-5,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const ok = Math.abs(actual[i] - expected[i]) <= tolerance * Math.max(1, Math.abs(expected[i]));
    if (!ok) expect.fail(`index ${i}: expected ${expected[i]}, got ${actual[i]} (tolerance ${tolerance})`);
  }
}
