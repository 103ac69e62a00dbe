import { describe, expect, it } from 'vitest';
import { deepStackGradients } from '../../src/learn/deep-stack';

const base = { width: 16, batch: 32, seed: 1 } as const;

describe('deep stack gradient norms', () => {
  it('shrink towards the input with sigmoid, more so the deeper the stack', () => {
    const shallow = deepStackGradients({ ...base, depth: 5, activation: 'sigmoid', init: 'xavier' });
    const deep = deepStackGradients({ ...base, depth: 30, activation: 'sigmoid', init: 'xavier' });
    const ratio = (norms: number[]): number => norms[0]! / norms.at(-1)!;
    expect(ratio(shallow.gradNorms)).toBeLessThan(0.1);
    expect(ratio(deep.gradNorms)).toBeLessThan(1e-6);
    expect(ratio(deep.gradNorms)).toBeLessThan(ratio(shallow.gradNorms));
    expect(deep.gradNorms[0]!).toBeLessThan(shallow.gradNorms[0]!);
  });

  it('stay within a few orders of magnitude with ReLU and He initialisation', () => {
    const { gradNorms } = deepStackGradients({ ...base, depth: 30, activation: 'relu', init: 'he' });
    const ratio = gradNorms[0]! / gradNorms.at(-1)!;
    expect(ratio).toBeGreaterThan(1e-3);
    expect(ratio).toBeLessThan(1e3);
  });

  it('explode with ReLU and a too-large initialisation (σ = 1): every layer gets an astronomically large gradient', () => {
    const { gradNorms } = deepStackGradients({ ...base, depth: 30, activation: 'relu', init: 'large' });
    const he = deepStackGradients({ ...base, depth: 30, activation: 'relu', init: 'he' }).gradNorms;
    // Each layer multiplies the signal by about √(width/2) = 2.8 instead of 1: 30 layers give ~10¹³ more.
    expect(Math.min(...gradNorms)).toBeGreaterThan(1e10 * Math.max(...he));
  });

  it('rejects a bad depth', () => {
    expect(() => deepStackGradients({ ...base, depth: 0, activation: 'relu', init: 'he' })).toThrow(
      /depth in 1..200/,
    );
  });
});
