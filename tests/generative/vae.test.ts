import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VAE_CONFIG, parseVaeConfig } from '../../src/generative/image-config';
import { bernoulliNll, gaussianKl } from '../../src/generative/image-losses';
import { MNIST_PIXELS } from '../../src/generative/mnist-asset';
import { DenseDecoder } from '../../src/generative/dense-decode';
import { latentGridPoints, Vae } from '../../src/generative/vae';
import { expectAllClose } from './close';
import { mnistForTests } from './mnist-fixture';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

describe('VAE loss terms (Kingma & Welling 2014)', () => {
  it('KL(N(μ, σ²) ‖ N(0, 1)) matches the closed form on hand-checked values', async () => {
    // Row 1: μ = 0, σ² = 1 → 0. Row 2: μ = (1, −2), log σ² = (0, 0) → ½(1 + 4) = 2.5.
    // Row 3: μ = 0.5, log σ² = ln 4 → −½(1 + ln 4 − 0.25 − 4) = 1.625 − ln 2 ≈ 0.931853.
    const mu = tf.tensor2d([
      [0, 0],
      [1, -2],
      [0.5, 0],
    ]);
    const logVar = tf.tensor2d([
      [0, 0],
      [0, 0],
      [Math.log(4), 0],
    ]);
    const kl = gaussianKl(mu, logVar);
    expectAllClose(await kl.data(), [0, 2.5, 1.625 - Math.log(2)], 1e-5);
    tf.dispose([mu, logVar, kl]);
  });

  it('the Bernoulli reconstruction term is the binary cross-entropy summed over pixels, finite when saturated', async () => {
    const logits = tf.tensor2d([
      [0, Math.log(3), -Math.log(3)],
      [100, -100, 0],
    ]);
    const x = tf.tensor2d([
      [1, 1, 0.5],
      [1, 0, 0],
    ]);
    // σ(0) = ½, σ(ln 3) = ¾, σ(−ln 3) = ¼: −[ln ½ + ln ¾ + ½ ln ¼ + ½ ln ¾].
    const row1 = -(Math.log(0.5) + Math.log(0.75) + 0.5 * Math.log(0.25) + 0.5 * Math.log(0.75));
    // Saturated but right: ≈ 0 for the first two pixels, ln 2 for the last.
    const row2 = Math.log(2);
    const nll = bernoulliNll(logits, x);
    expectAllClose(await nll.data(), [row1, row2], 1e-5);
    tf.dispose([logits, x, nll]);
  });
});

describe('VAE on MNIST', () => {
  const data = mnistForTests();

  it('its loss (−ELBO per digit) falls when training on a small batch', async () => {
    const vae = new Vae({ ...DEFAULT_VAE_CONFIG, hiddenUnits: 64, batchSize: 32 }, data.train);
    const first = await vae.train(1);
    // After the first step: the optimizers keep θ as one flat tensor from then on (a cache, not a leak).
    const before = tf.memory().numTensors;
    const rows = await vae.train(60);
    const last = rows.slice(-10).reduce((s, r) => s + r['losses/negativeElbo'], 0) / 10;
    expect(first[0]['losses/negativeElbo']).toBeGreaterThan(400); // untrained: ~784 ln 2 ≈ 543 nats
    expect(last).toBeLessThan(0.6 * first[0]['losses/negativeElbo']);
    for (const row of rows) {
      expect(row['losses/negativeElbo']).toBeCloseTo(row['losses/reconstruction'] + row['losses/kl'], 3);
      expect(row['losses/kl']).toBeGreaterThanOrEqual(0);
    }
    expect(tf.memory().numTensors).toBe(before); // nothing leaks per step
    vae.dispose();
  });

  it('evaluates the test ELBO reproducibly and decodes as the plain-TS decoder does', async () => {
    const vae = new Vae({ ...DEFAULT_VAE_CONFIG, hiddenUnits: 32 }, data.train);
    await vae.train(5);
    const a = await vae.evaluate(data.test, 300);
    const b = await vae.evaluate(data.test, 300);
    expect(a).toEqual(b);
    expect(a.negativeElbo).toBeCloseTo(a.reconstruction + a.kl, 6);
    const z = latentGridPoints(3, 3, 2);
    const decoded = await vae.decode(z);
    const page = new DenseDecoder(await vae.decoder.getWeights());
    for (let k = 0; k < 9; k++)
      expectAllClose(
        page.decode(z.subarray(2 * k, 2 * k + 2)),
        decoded.subarray(k * MNIST_PIXELS, (k + 1) * MNIST_PIXELS),
        1e-4,
      );
    vae.dispose();
  });

  it('lays the latent grid out row-major with the top row at z₂ = +extent', () => {
    const z = latentGridPoints(3, 3, 2);
    expect(Array.from(z)).toEqual([-3, 3, 0, 3, 3, 3, -3, 0, 0, 0, 3, 0, -3, -3, 0, -3, 3, -3]);
  });

  it('rejects a bad config with a message naming the field', () => {
    expect(() => parseVaeConfig({ ...DEFAULT_VAE_CONFIG, latentDim: 0 })).toThrow(/latentDim/);
  });
});
