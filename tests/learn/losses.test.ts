import { describe, expect, it } from 'vitest';
import {
  LOSSES,
  bce,
  crossEntropy,
  evaluateLoss,
  hinge,
  huber,
  mae,
  mse,
  softmax,
} from '../../src/learn/losses';

describe('losses', () => {
  it('MSE, MAE and Huber give the hand-computed value and gradient', () => {
    // (3 − 1)² = 4, d/dŷ = 2·2 = 4
    expect(mse(3, 1)).toEqual({ value: 4, gradient: 4 });
    expect(mae(-1, 1)).toEqual({ value: 2, gradient: -1 });
    // |d| = 0.5 < δ = 1: ½·0.25 = 0.125, gradient d = 0.5
    expect(huber(1.5, 1, 1)).toEqual({ value: 0.125, gradient: 0.5 });
    // |d| = 3 ≥ δ = 1: 1·(3 − 0.5) = 2.5, gradient δ·sign(d) = −1
    expect(huber(-2, 1, 1)).toEqual({ value: 2.5, gradient: -1 });
    expect(() => huber(0, 0, 0)).toThrow(/positive Huber delta/);
  });

  it('BCE gives −log p for a positive target and its gradient (p − y)/(p(1 − p))', () => {
    const { value, gradient } = bce(0.8, 1);
    expect(value).toBeCloseTo(-Math.log(0.8), 14); // 0.2231
    expect(gradient).toBeCloseTo(-1 / 0.8, 12); // −1.25
    expect(bce(0, 1).value).toBe(100); // log clamped at −100, as PyTorch
  });

  it('cross-entropy on logits gives logsumexp − z_c and softmax − onehot', () => {
    // z = [2, 1, 0]: softmax = [0.6652, 0.2447, 0.0900]; L(class 0) = −log 0.6652 = 0.4076
    const p = softmax([2, 1, 0]);
    expect(p[0]).toBeCloseTo(0.6652409557748219, 12);
    const { value, gradients } = crossEntropy([2, 1, 0], 0);
    expect(value).toBeCloseTo(0.407605964444381, 12);
    expect(gradients[0]).toBeCloseTo(p[0]! - 1, 14);
    expect(gradients[2]).toBeCloseTo(p[2]!, 14);
    expect(crossEntropy([1000, 0, 0], 0).value).toBeCloseTo(0, 12); // stable for large logits
  });

  it('hinge is 1 − y·s inside the margin and 0 outside', () => {
    expect(hinge(0.3, 1)).toEqual({ value: 0.7, gradient: -1 });
    expect(hinge(-2, -1)).toEqual({ value: 0, gradient: 0 });
    expect(() => hinge(0, 0)).toThrow(/−1 or \+1/);
  });

  it('every gradient agrees with a central difference', () => {
    const h = 1e-6;
    const cases: [number, number][] = [
      [0.37, 0.9],
      [0.62, 0],
    ];
    for (const name of LOSSES) {
      for (const [pred, target0] of cases) {
        const target = name === 'hinge' ? (target0 > 0.5 ? 1 : -1) : name === 'cce' ? 1 : target0;
        const prediction = name === 'hinge' ? pred * 3 : pred;
        const { gradient } = evaluateLoss(name, prediction, target);
        const numeric =
          (evaluateLoss(name, prediction + h, target).value -
            evaluateLoss(name, prediction - h, target).value) /
          (2 * h);
        expect(Math.abs(gradient - numeric), `${name} at ${prediction}`).toBeLessThan(1e-6);
      }
    }
  });
});
