import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/envs/rng';
import { DEFAULT_IMAGE_GAN_CONFIG, type ImageGanConfig } from '../../src/generative/image-config';
import { ImageGan, interpolatePoints, REAL_TARGET } from '../../src/generative/image-gan';
import { MNIST_PIXELS, type MnistSet } from '../../src/generative/mnist-asset';
import { drawNoise } from '../../src/generative/noise';
import { oneHot } from '../../src/generative/image-nets';
import { mnistForTests } from './mnist-fixture';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

// No dropout: the D-loss check below recomputes D's loss deterministically (dropout is covered by the resume test).
const SMALL: ImageGanConfig = {
  ...DEFAULT_IMAGE_GAN_CONFIG,
  width: 32,
  batchSize: 16,
  noiseDim: 8,
  dropout: 0,
};

/** D's loss on a fixed real batch and G's samples from fixed noise. */
async function discriminatorLoss(gan: ImageGan, real: Float32Array, labels: Uint8Array, noise: Float32Array) {
  const n = labels.length;
  const loss = tf.tidy(() => {
    const y = tf.tensor2d(
      Float32Array.from({ length: n * 10 }, (_, k) => (k % 10 === labels[Math.floor(k / 10)] ? 1 : 0)),
      [n, 10],
    );
    const fake = gan.generate(tf.tensor2d(noise, [n, SMALL.noiseDim]), y);
    const realLogits = gan.discriminate(tf.tensor2d(real, [n, MNIST_PIXELS]), y);
    const fakeLogits = gan.discriminate(fake, y);
    // One-sided label smoothing: real digits' target is 0.9, so −[0.9 log σ(l) + 0.1 log(1 − σ(l))] = softplus(l) − 0.9 l.
    const realLoss = tf.mean(tf.sub(tf.softplus(realLogits), tf.mul(REAL_TARGET, realLogits)));
    return tf.add(realLoss, tf.mean(tf.softplus(fakeLogits)));
  });
  const value = (await loss.data())[0];
  loss.dispose();
  return value;
}

describe('digit GAN', () => {
  const data = mnistForTests();

  it("one step lowers D's loss on a separable case (real digits vs an untrained G's grey noise)", async () => {
    for (const architecture of ['mlp', 'dcgan'] as const) {
      const gan = new ImageGan(
        { ...SMALL, architecture, width: architecture === 'mlp' ? 32 : 8 },
        data.train,
      );
      const n = SMALL.batchSize;
      const real = data.train.pixels.subarray(0, n * MNIST_PIXELS);
      const labels = data.train.labels.subarray(0, n);
      const rng = new Rng(3);
      const noise = drawNoise(n, SMALL.noiseDim, 'gaussian', rng);
      const before = await discriminatorLoss(gan, real, labels, noise);
      const row = gan.stepOn(
        real,
        labels,
        noise,
        labels,
        drawNoise(n, SMALL.noiseDim, 'gaussian', rng),
        labels,
      );
      const [dLoss, gLoss, dReal, dFake] = await row.data();
      row.dispose();
      const after = await discriminatorLoss(gan, real, labels, noise);
      expect(dLoss).toBeCloseTo(before, 4); // the reported loss is D's loss before its update
      expect(after).toBeLessThan(before);
      expect(Number.isFinite(gLoss)).toBe(true);
      expect(dReal).toBeGreaterThan(0);
      expect(dFake).toBeLessThan(1);
      gan.dispose();
    }
  });

  it('samples the fixed-noise grid identically at every snapshot, one row per digit, without leaking tensors', async () => {
    const gan = new ImageGan(SMALL, data.train);
    const points = gan.gridPoints();
    expect(points).toHaveLength(100);
    // Conditional: row r is the digit r; column c shares its z across rows.
    expect(points[23].label[2]).toBe(1);
    expect(points[23].z).toEqual(points[93].z);
    const a = await gan.sample(points);
    const b = await gan.sample(gan.gridPoints());
    expect(a).toEqual(b);
    expect(a.length).toBe(100 * MNIST_PIXELS);
    expect(a.every((v) => v >= 0 && v <= 1)).toBe(true);
    await gan.train(1); // the optimizers' flat θ exists from the first step on
    const before = tf.memory().numTensors;
    await gan.train(3);
    expect(tf.memory().numTensors).toBe(before);
    expect(await gan.sample(points)).not.toEqual(a); // training moved G
    gan.dispose();
  });

  it('a conditional GAN uses its label: D and G depend on it at the start, and after training rows differ by digit', async () => {
    const gan = new ImageGan({ ...SMALL, width: 64, batchSize: 32, noiseDim: 16 }, data.train);
    const n = 64;
    const real = data.train.pixels.subarray(0, n * MNIST_PIXELS);
    const labels = data.train.labels.subarray(0, n);
    const wrong = labels.map((l) => (l + 1) % 10);
    /** Mean of D(x, true label) − D(x, another label) over real digits (logits, no dropout). */
    const labelPreference = async () => {
      const diff = tf.tidy(() => {
        const x = tf.tensor2d(real, [n, MNIST_PIXELS]);
        const logit = (l: Uint8Array) => gan.discriminate(x, tf.tensor2d(oneHot(l), [n, 10]));
        return tf.mean(tf.sub(logit(labels), logit(wrong)));
      });
      const value = (await diff.data())[0];
      diff.dispose();
      return value;
    };
    /** Spread of the grid's images across rows (labels, same z) and across columns (noise, same label). */
    const gridSpread = async () => {
      const px = await gan.sample(gan.gridPoints());
      const at = (r: number, c: number, p: number) => px[(r * 10 + c) * MNIST_PIXELS + p];
      let acrossLabels = 0;
      let acrossNoise = 0;
      for (let p = 0; p < MNIST_PIXELS; p++)
        for (let i = 0; i < 10; i++)
          for (let j = 0; j < 10; j++) {
            acrossLabels += Math.abs(at(i, j, p) - at((i + 1) % 10, j, p));
            acrossNoise += Math.abs(at(j, i, p) - at(j, (i + 1) % 10, p));
          }
      return { acrossLabels, acrossNoise };
    };
    // Untrained: the label already changes D's logit and G's image (a label input cut off would give exactly 0).
    expect(Math.abs(await labelPreference())).toBeGreaterThan(0);
    expect((await gridSpread()).acrossLabels).toBeGreaterThan(0);
    await gan.train(300);
    // Trained: D prefers each real digit's own label, and G's rows differ by digit at least as much as its
    // columns differ by noise (a G that ignored the label would give identical rows: acrossLabels = 0).
    expect(await labelPreference()).toBeGreaterThan(0.5);
    const { acrossLabels, acrossNoise } = await gridSpread();
    expect(acrossLabels).toBeGreaterThan(0.5 * acrossNoise);
    gan.dispose();
  }, 120_000);

  it("an MLP G starts at the mean training digit: its output bias is the logit of each pixel's mean", async () => {
    const gan = new ImageGan(SMALL, data.train);
    try {
      const weights = await gan.generator.getWeights();
      const bias = weights.filter((w) => w.name.endsWith('/bias')).at(-1)!.data;
      // The reference: float32 sums over every training digit in order, clipped to [0.01, 0.99].
      const { count, pixels } = data.train;
      const sums = new Float32Array(MNIST_PIXELS);
      for (let i = 0; i < count * MNIST_PIXELS; i++) sums[i % MNIST_PIXELS] += pixels[i]!;
      const expected = Float32Array.from(sums, (total) => {
        const p = Math.min(Math.max(total / count, 0.01), 0.99);
        return Math.log(p / (1 - p));
      });
      expect(Array.from(bias)).toEqual(Array.from(expected));
      expect(bias[0]).toBeCloseTo(Math.log(0.01 / 0.99), 5); // a corner pixel is always background
    } finally {
      gan.dispose();
    }
  });

  it('interpolates noise and label weights linearly, ends included', () => {
    const a = {
      z: Float32Array.of(0, 2),
      label: Float32Array.from({ length: 10 }, (_, i) => (i === 3 ? 1 : 0)),
    };
    const b = {
      z: Float32Array.of(1, 0),
      label: Float32Array.from({ length: 10 }, (_, i) => (i === 8 ? 1 : 0)),
    };
    const walk = interpolatePoints(a, b, 5);
    expect(walk).toHaveLength(5);
    expect(Array.from(walk[0].z)).toEqual([0, 2]);
    expect(Array.from(walk[4].z)).toEqual([1, 0]);
    expect(walk[2].z[0]).toBeCloseTo(0.5);
    expect(walk[1].label[3]).toBeCloseTo(0.75);
    expect(walk[1].label[8]).toBeCloseTo(0.25);
  });

  it('an unconditional GAN ignores labels and draws 100 distinct noise vectors', async () => {
    const set: MnistSet = data.train;
    const gan = new ImageGan({ ...SMALL, conditioning: 'none' }, set);
    const points = gan.gridPoints();
    expect(points[3].z).not.toEqual(points[13].z);
    await gan.train(1);
    gan.dispose();
  });
});
