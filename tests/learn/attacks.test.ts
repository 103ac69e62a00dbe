import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fgsm, perExampleLoss, pgd, type LogitsFn } from '../../src/learn/attacks';
import { Rng } from '../../src/envs/rng';
import { useTestBackend } from './tf-setup';

/** A fixed random 2-layer tanh network: 16 inputs → 3 classes. */
function smallModel(seed: number): LogitsFn {
  const rng = new Rng(seed);
  const w1 = tf.tensor2d(
    Float32Array.from({ length: 16 * 12 }, () => rng.normal()),
    [16, 12],
  );
  const w2 = tf.tensor2d(
    Float32Array.from({ length: 12 * 3 }, () => rng.normal()),
    [12, 3],
  );
  return (x) => tf.matMul(tf.tanh(tf.matMul(x, w1)), w2);
}

function inputs(seed: number, n: number): { x: tf.Tensor2D; y: tf.Tensor1D } {
  const rng = new Rng(seed);
  // Some pixels at exactly 0 and 1, as in MNIST, so the [0, 1] clip is exercised.
  const values = Float32Array.from({ length: n * 16 }, () => {
    const u = rng.nextFloat();
    return u < 0.3 ? 0 : u > 0.8 ? 1 : u;
  });
  return {
    x: tf.tensor2d(values, [n, 16]),
    y: tf.tensor1d(
      Int32Array.from({ length: n }, () => rng.nextInt(3)),
      'int32',
    ),
  };
}

describe('adversarial attacks', () => {
  let logits: LogitsFn;
  beforeAll(async () => {
    await useTestBackend();
    logits = smallModel(3);
  });

  it('FGSM raises the loss of every example, stays in the ε ball and in [0, 1]', async () => {
    const { x, y } = inputs(4, 32);
    const epsilon = 0.05;
    const adv = fgsm(logits, x, y, epsilon);
    const before = await perExampleLoss(logits, x, y).data();
    const after = await perExampleLoss(logits, adv, y).data();
    const [xs, advs] = [await x.data(), await adv.data()];
    for (let i = 0; i < xs.length; i++) {
      expect(Math.abs(advs[i]! - xs[i]!)).toBeLessThanOrEqual(epsilon + 1e-6);
      expect(advs[i]).toBeGreaterThanOrEqual(0);
      expect(advs[i]).toBeLessThanOrEqual(1);
    }
    let raised = 0;
    for (let i = 0; i < before.length; i++) if (after[i]! > before[i]!) raised++;
    expect(raised).toBe(before.length); // a small signed step along the gradient raises a smooth loss
    // Pixels not pinned by the clip move by exactly ε.
    const moved = Array.from(advs).filter((v, i) => Math.abs(v - xs[i]!) > 1e-7);
    expect(moved.length).toBeGreaterThan(xs.length / 3);
    tf.dispose([x, y, adv]);
  });

  it('FGSM with ε = 0 changes nothing', async () => {
    const { x, y } = inputs(5, 4);
    const adv = fgsm(logits, x, y, 0);
    expect(Array.from(await adv.data())).toEqual(Array.from(await x.data()));
    tf.dispose([x, y, adv]);
  });

  it('PGD stays within the ε ball and [0, 1], and beats FGSM on the loss', async () => {
    const { x, y } = inputs(6, 32);
    const epsilon = 0.1;
    const adv = pgd(logits, x, y, { epsilon, alpha: 0.04, steps: 10 });
    const [xs, advs] = [await x.data(), await adv.data()];
    for (let i = 0; i < xs.length; i++) {
      expect(Math.abs(advs[i]! - xs[i]!)).toBeLessThanOrEqual(epsilon + 1e-6);
      expect(advs[i]).toBeGreaterThanOrEqual(0);
      expect(advs[i]).toBeLessThanOrEqual(1);
    }
    const one = fgsm(logits, x, y, epsilon);
    const sum = async (t: tf.Tensor2D) =>
      Array.from(await perExampleLoss(logits, t, y).data()).reduce((a, b) => a + b, 0);
    expect(await sum(adv)).toBeGreaterThan(await sum(one));
    tf.dispose([x, y, adv, one]);
  });

  it('keeps the tensor count flat', () => {
    const { x, y } = inputs(7, 8);
    const before = tf.memory().numTensors;
    tf.dispose([fgsm(logits, x, y, 0.1), pgd(logits, x, y, { epsilon: 0.1, alpha: 0.02, steps: 3 })]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
  });

  it('rejects a negative ε and a zero step count', () => {
    const { x, y } = inputs(8, 1);
    expect(() => fgsm(logits, x, y, -0.1)).toThrow(/ε ≥ 0/);
    expect(() => pgd(logits, x, y, { epsilon: 0.1, alpha: 0.1, steps: 0 })).toThrow(/at least one/);
    tf.dispose([x, y]);
  });
});
