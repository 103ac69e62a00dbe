import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  gradientTimesInput,
  integratedGradients,
  vanillaGradient,
  type ScalarFn,
} from '../../src/learn/attribution';
import { Rng } from '../../src/envs/rng';
import { useTestBackend } from './tf-setup';

describe('attribution', () => {
  beforeAll(useTestBackend);

  it('saliency of a linear model equals its weights (and gradient × input is w ⊙ x)', async () => {
    const w = Float32Array.from([0.5, -2, 3, 0, 1.25]);
    const f: ScalarFn = (x) =>
      tf.add(tf.squeeze(tf.matMul(x, tf.tensor2d(w, [5, 1])), [1]), 0.7) as tf.Tensor1D;
    const x = Float32Array.from([1, 2, -1, 4, 0.5]);
    expect(Array.from(await vanillaGradient(f, x))).toEqual(Array.from(w));
    const gxi = await gradientTimesInput(f, x);
    expect(Array.from(gxi)).toEqual(Array.from(w, (wi, i) => wi * x[i]!));
  });

  it('integrated gradients are complete: Σ IG ≈ F(x) − F(baseline) on a small nonlinear model', async () => {
    const rng = new Rng(11);
    const w1 = tf.tensor2d(
      Float32Array.from({ length: 6 * 8 }, () => rng.normal()),
      [6, 8],
    );
    const w2 = tf.tensor2d(
      Float32Array.from({ length: 8 * 3 }, () => rng.normal()),
      [8, 3],
    );
    // F = softmax probability of class 1, as the MNIST panel uses it.
    const f: ScalarFn = (x) =>
      tf.squeeze(
        tf.slice(tf.softmax(tf.matMul(tf.tanh(tf.matMul(x, w1)), w2)), [0, 1], [-1, 1]),
        [1],
      ) as tf.Tensor1D;
    const x = Float32Array.from({ length: 6 }, () => rng.nextFloat());
    const baseline = new Float32Array(6);
    const ig = await integratedGradients(f, x, baseline, 300);
    const delta = ig.output - ig.baselineOutput;
    expect(Math.abs(delta)).toBeGreaterThan(0.01); // the check is not trivially 0 ≈ 0
    expect(Math.abs(ig.sum - delta)).toBeLessThan(0.01 * Math.max(Math.abs(delta), 0.05));
    expect(ig.sum).toBeCloseTo(
      Array.from(ig.attributions).reduce((a, b) => a + b, 0),
      5,
    );
    // Fewer steps give a worse (but finite) approximation: the residual shrinks as m grows.
    const coarse = await integratedGradients(f, x, baseline, 4);
    expect(Math.abs(coarse.sum - delta)).toBeGreaterThan(Math.abs(ig.sum - delta));
    tf.dispose([w1, w2]);
  });

  it('gives zero attribution where the input equals the baseline', async () => {
    const f: ScalarFn = (x) => tf.sum(tf.square(x), 1);
    const ig = await integratedGradients(f, Float32Array.from([1, 0, 2]), new Float32Array(3), 50);
    expect(ig.attributions[1]).toBe(0);
    // The paper's right Riemann sum on F = Σx²: IGᵢ = xᵢ² (m + 1)/m, so Σ = 5 · 51/50.
    expect(ig.sum).toBeCloseTo((5 * 51) / 50, 4);
  });

  it('batches path points without leaking tensors', async () => {
    const f: ScalarFn = (x) => tf.sum(tf.sin(x), 1);
    const before = tf.memory().numTensors;
    const ig = await integratedGradients(f, Float32Array.from([1, 2]), Float32Array.from([0, 0]), 150, 32);
    expect(tf.memory().numTensors).toBe(before);
    expect(Math.abs(ig.sum - (Math.sin(1) + Math.sin(2)))).toBeLessThan(0.02); // O(1/m) residual
  });
});
