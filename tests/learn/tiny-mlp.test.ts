import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../src/learn/activations';
import {
  backward,
  forward,
  gradientCheck,
  lossOf,
  makeTinyMlp,
  sgdUpdate,
  type TinyMlp,
} from '../../src/learn/tiny-mlp';

describe('tiny MLP', () => {
  it('computes z = Σ w·x + b and a = f(z) as by hand', () => {
    const net: TinyMlp = {
      sizes: [2, 1, 1],
      weights: [[[0.5, -1]], [[2]]],
      biases: [[0.25], [-0.5]],
      activation: 'relu',
    };
    // z₁ = 0.5·2 + (−1)·0.5 + 0.25 = 0.75, a₁ = relu(0.75) = 0.75; z₂ = 2·0.75 − 0.5 = 1 (linear output)
    const trace = forward(net, [2, 0.5]);
    expect(trace.z).toEqual([[0.75], [1]]);
    expect(trace.a).toEqual([[2, 0.5], [0.75], [1]]);
    // L = (1 − 0)² = 1; dL/da₂ = 2; dL/dw₂ = 2·0.75 = 1.5; dL/da₁ = 2·2 = 4; dL/dw₁ = 4·[2, 0.5]
    const grads = backward(net, trace, [0]);
    expect(grads.dW[1]).toEqual([[1.5]]);
    expect(grads.dA[0]).toEqual([4]);
    expect(grads.dW[0]).toEqual([[8, 2]]);
  });

  it('analytic gradients agree with central differences for every activation', () => {
    for (const activation of ACTIVATIONS) {
      const net = makeTinyMlp([3, 4, 2], activation, 11);
      const rows = gradientCheck(net, [0.6, -0.4, 1.1], [0.5, -0.3]);
      expect(rows).toHaveLength(3 * 4 + 4 * 2);
      for (const row of rows) {
        const absolute = Math.abs(row.analytic - row.numerical);
        expect(
          row.relativeError < 1e-6 || absolute < 1e-9,
          `${activation} w${row.layer}[${row.to}][${row.from}]`,
        ).toBe(true);
      }
    }
  });

  it('one SGD step with a small learning rate lowers the loss', () => {
    const net = makeTinyMlp([3, 4, 2], 'tanh', 5);
    const input = [1, 0.5, -0.5];
    const target = [1, -1];
    const before = lossOf(net, input, target);
    const next = sgdUpdate(net, backward(net, forward(net, input), target), 0.05);
    expect(lossOf(next, input, target)).toBeLessThan(before);
  });

  it('is seeded', () => {
    expect(makeTinyMlp([3, 4, 2], 'relu', 3)).toEqual(makeTinyMlp([3, 4, 2], 'relu', 3));
    expect(makeTinyMlp([3, 4, 2], 'relu', 3)).not.toEqual(makeTinyMlp([3, 4, 2], 'relu', 4));
  });
});
