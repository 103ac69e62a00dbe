import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeMnistAsset } from '../../scripts/mnist-asset.mjs';
import { decodeMnistAsset, splitMnist, type MnistData } from '../../src/generative/mnist-asset';
import {
  accuracyOn,
  Cnn,
  ClassifierTrainer,
  conv2dValid,
  DEFAULT_CLASSIFIER_CONFIG,
  featureMapsOf,
  firstLayerFilters,
  predictProbabilities,
} from '../../src/learn/classifier';
import { Rng } from '../../src/envs/rng';
import { useTestBackend } from './tf-setup';

describe('MNIST CNN classifier', () => {
  let mnist: MnistData;
  beforeAll(async () => {
    await useTestBackend();
    mnist = splitMnist(decodeMnistAsset(encodeMnistAsset()));
  }, 60_000);

  it('learns: test accuracy above 85% after 150 Adam steps, with a finite falling loss', async () => {
    const trainer = new ClassifierTrainer(DEFAULT_CLASSIFIER_CONFIG, mnist.train);
    const start = performance.now();
    const losses: number[] = [];
    losses.push((await trainer.trainStep()).loss); // the optimizer makes its slots on the first step
    const tensors = tf.memory().numTensors;
    for (let i = 1; i < 150; i++) losses.push((await trainer.trainStep()).loss);
    expect(tf.memory().numTensors).toBe(tensors);
    const ms = performance.now() - start;
    const accuracy = await accuracyOn(trainer.model, mnist.test);
    console.log(`150 steps in ${ms.toFixed(0)} ms; test accuracy ${(accuracy * 100).toFixed(1)}%`);
    expect(losses.every(Number.isFinite)).toBe(true);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-20))).toBeLessThan(mean(losses.slice(0, 20)) / 3);
    expect(accuracy).toBeGreaterThan(0.85);
    trainer.dispose();
  });

  it('conv2dValid: forward and input gradient equal tf.conv2d, kernel gradient equals the hand-written sum', async () => {
    const rng = new Rng(3);
    const [n, h, ci, k, co] = [2, 7, 2, 3, 3];
    const oh = h - k + 1;
    const xv = Float32Array.from({ length: n * h * h * ci }, () => rng.normal());
    const kv = Float32Array.from({ length: k * k * ci * co }, () => rng.normal());
    const rv = Float32Array.from({ length: n * oh * oh * co }, () => rng.normal());
    const x = tf.tensor4d(xv, [n, h, h, ci]);
    const kernel = tf.tensor4d(kv, [k, k, ci, co]);
    const r = tf.tensor4d(rv, [n, oh, oh, co]);
    const ours = conv2dValid(x, kernel);
    const reference = tf.conv2d(x, kernel, 1, 'valid');
    const [a, b] = [await ours.data(), await reference.data()];
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 4);
    // L = Σ conv(x, k) ⊙ R: ∂L/∂x by tf.conv2d's own gradient, ∂L/∂k[a,b,c,o] = Σ_{n,i,j} x[n,i+a,j+b,c]·R[n,i,j,o].
    const loss = (conv: (x: tf.Tensor4D, k: tf.Tensor4D) => tf.Tensor4D) => (xs: tf.Tensor, ks: tf.Tensor) =>
      tf.sum(tf.mul(conv(xs as tf.Tensor4D, ks as tf.Tensor4D), r));
    const [dx, dk] = tf.grads(loss(conv2dValid))([x, kernel]);
    const dxRef = tf.grad((xs: tf.Tensor) => loss((p, q) => tf.conv2d(p, q, 1, 'valid'))(xs, kernel))(x);
    const [g, gRef, gk] = [await dx!.data(), await dxRef.data(), await dk!.data()];
    for (let i = 0; i < g.length; i++) expect(g[i]).toBeCloseTo(gRef[i]!, 4);
    const at = (v: ArrayLike<number>, dims: number[], idx: number[]) =>
      v[idx.reduce((offset, value, d) => offset * dims[d]! + value, 0)]!;
    for (let p = 0; p < k; p++)
      for (let q = 0; q < k; q++)
        for (let c = 0; c < ci; c++)
          for (let o = 0; o < co; o++) {
            let sum = 0;
            for (let m = 0; m < n; m++)
              for (let i = 0; i < oh; i++)
                for (let j = 0; j < oh; j++)
                  sum += at(xv, [n, h, h, ci], [m, i + p, j + q, c]) * at(rv, [n, oh, oh, co], [m, i, j, o]);
            expect(at(gk, [k, k, ci, co], [p, q, c, o])).toBeCloseTo(sum, 3);
          }
    tf.dispose([x, kernel, r, ours, reference, dx!, dk!, dxRef]);
  });

  it('round-trips its weights, and the same seed gives the same network', async () => {
    const [a, b, c] = [new Cnn(7), new Cnn(7), new Cnn(8)];
    const wa = await a.getWeights();
    expect(wa.map((w) => [w.name, w.shape])).toEqual([
      ['conv_1/kernel', [5, 5, 1, 8]],
      ['conv_1/bias', [8]],
      ['conv_2/kernel', [5, 5, 8, 16]],
      ['conv_2/bias', [16]],
      ['logits/kernel', [256, 10]],
      ['logits/bias', [10]],
    ]);
    expect(Array.from((await b.getWeights())[2]!.data)).toEqual(Array.from(wa[2]!.data));
    expect(Array.from((await c.getWeights())[2]!.data)).not.toEqual(Array.from(wa[2]!.data));
    c.setWeights(wa);
    const digits = mnist.test.pixels.subarray(0, 784 * 3);
    expect(Array.from(await predictProbabilities(c, digits))).toEqual(
      Array.from(await predictProbabilities(a, digits)),
    );
    expect(() => c.setWeights(wa.slice(1))).toThrow(/conv_1\/kernel/);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('exposes feature maps at each layer and its first-layer filters', async () => {
    const model = new Cnn(1);
    const before = tf.memory().numTensors;
    const maps = await featureMapsOf(model, mnist.test.pixels.subarray(0, 784));
    expect(maps.map((m) => [m.layer, m.channels, m.rows, m.cols])).toEqual([
      ['conv_1', 8, 24, 24],
      ['pool_1', 8, 12, 12],
      ['conv_2', 16, 8, 8],
      ['pool_2', 16, 4, 4],
    ]);
    // ReLU then max-pool: pool_1 channel 0 cell (0,0) is the max of conv_1's top-left 2×2, and nothing is < 0.
    const c = maps[0]!.values;
    expect(maps[1]!.values[0]).toBeCloseTo(Math.max(c[0]!, c[1]!, c[24]!, c[25]!), 6);
    expect(Math.min(...c)).toBeGreaterThanOrEqual(0);
    expect(tf.memory().numTensors).toBe(before);
    const weights = await model.getWeights();
    const filters = firstLayerFilters(weights);
    expect([filters.count, filters.size, filters.values.length]).toEqual([8, 5, 200]);
    // Filter 3, row 1, col 2 is kernel[1][2][0][3].
    expect(filters.values[3 * 25 + 1 * 5 + 2]).toBe(weights[0]!.data[(1 * 5 + 2) * 8 + 3]);
    model.dispose();
  });
});
