import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, activate, derivative, erf, sigmoid } from '../../src/learn/activations';

describe('erf', () => {
  it('matches tabulated values to 1e-13', () => {
    // Reference values from scipy.special.erf.
    const table: [number, number][] = [
      [0, 0],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [3, 0.9999779095030014],
      [-1.5, -0.9661051464753108],
    ];
    for (const [x, value] of table) expect(Math.abs(erf(x) - value)).toBeLessThan(1e-13);
  });
});

describe('activations', () => {
  it('give the hand-computed values', () => {
    expect(activate('relu', -1)).toBe(0);
    expect(activate('relu', 2)).toBe(2);
    expect(activate('leaky-relu', -2)).toBeCloseTo(-0.02, 15);
    expect(activate('elu', -1)).toBeCloseTo(Math.exp(-1) - 1, 15); // −0.6321
    expect(activate('elu', 3)).toBe(3);
    // GELU(1) = 1·Φ(1) = ½(1 + erf(1/√2)) = 0.8413447460685429 (torch.nn.functional.gelu(1.) = 0.8413)
    expect(activate('gelu', 1)).toBeCloseTo(0.8413447460685429, 12);
    expect(activate('gelu', -1)).toBeCloseTo(-0.15865525393145707, 12);
    expect(activate('sigmoid', 0)).toBe(0.5);
    expect(activate('sigmoid', 2)).toBeCloseTo(1 / (1 + Math.exp(-2)), 15); // 0.8808
    expect(activate('tanh', 1)).toBeCloseTo(0.7615941559557649, 15);
    expect(activate('softplus', 0)).toBeCloseTo(Math.LN2, 15);
    expect(activate('softplus', 800)).toBe(800); // no overflow
    expect(activate('swish', 1)).toBeCloseTo(0.7310585786300049, 15); // 1·σ(1)
  });

  it('give the hand-computed derivatives', () => {
    expect(derivative('relu', -1)).toBe(0);
    expect(derivative('relu', 0)).toBe(0); // autograd's choice at the kink
    expect(derivative('relu', 2)).toBe(1);
    expect(derivative('leaky-relu', -3)).toBe(0.01);
    expect(derivative('elu', -1)).toBeCloseTo(Math.exp(-1), 15);
    // GELU′(0) = Φ(0) + 0 = 0.5; GELU′(1) = Φ(1) + φ(1) = 0.8413447 + 0.2419707 = 1.0833155
    expect(derivative('gelu', 0)).toBeCloseTo(0.5, 15);
    expect(derivative('gelu', 1)).toBeCloseTo(1.0833154705876864, 12);
    expect(derivative('sigmoid', 0)).toBe(0.25);
    expect(derivative('tanh', 0)).toBe(1);
    expect(derivative('softplus', 0)).toBe(0.5);
    // SiLU′(x) = σ(x)(1 + x(1 − σ(x))); at 0: 0.5
    expect(derivative('swish', 0)).toBe(0.5);
    expect(sigmoid(-800)).toBe(0);
  });

  it('derivatives agree with central differences away from kinks', () => {
    const h = 1e-6;
    for (const name of ACTIVATIONS) {
      for (const x of [-2.3, -0.7, 0.4, 1.9]) {
        const numeric = (activate(name, x + h) - activate(name, x - h)) / (2 * h);
        expect(Math.abs(derivative(name, x) - numeric), `${name} at ${x}`).toBeLessThan(1e-7);
      }
    }
  });
});
