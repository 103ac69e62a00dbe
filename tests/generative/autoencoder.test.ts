import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/envs/rng';
import { Autoencoder, corruptDigits, extremes } from '../../src/generative/autoencoder';
import { DEFAULT_AUTOENCODER_CONFIG } from '../../src/generative/image-config';
import { MNIST_PIXELS } from '../../src/generative/mnist-asset';
import { mnistForTests } from './mnist-fixture';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

describe('denoising corruption', () => {
  const data = mnistForTests();
  const digits = data.test.pixels.subarray(0, 20 * MNIST_PIXELS);

  it('is seeded: the same seed gives the same noisy digits, another seed others', () => {
    const a = corruptDigits(digits, 0.5, new Rng(7));
    const b = corruptDigits(digits, 0.5, new Rng(7));
    const c = corruptDigits(digits, 0.5, new Rng(8));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('stays in [0, 1], really adds noise, and σ = 0 changes nothing', () => {
    const noisy = corruptDigits(digits, 0.8, new Rng(1));
    let changed = 0;
    for (let i = 0; i < noisy.length; i++) {
      expect(noisy[i]).toBeGreaterThanOrEqual(0);
      expect(noisy[i]).toBeLessThanOrEqual(1);
      if (noisy[i] !== digits[i]) changed++;
    }
    expect(changed).toBeGreaterThan(noisy.length / 3);
    expect(corruptDigits(digits, 0, new Rng(1))).toEqual(Float32Array.from(digits));
  });
});

describe('autoencoder', () => {
  const data = mnistForTests();

  it('a denoising autoencoder learns: its test loss falls, and odd digits score higher than typical ones', async () => {
    const ae = new Autoencoder({ ...DEFAULT_AUTOENCODER_CONFIG, hiddenUnits: 64, batchSize: 50 }, data.train);
    const before = await ae.evaluate(data.test, 300);
    await ae.train(60);
    const after = await ae.evaluate(data.test, 300);
    expect(after.loss).toBeLessThan(0.8 * before.loss);
    const { highest, lowest } = extremes(after.scores, 5);
    expect(after.scores[highest[0]]).toBeGreaterThan(after.scores[lowest[0]]);
    expect(highest).toHaveLength(5);
    ae.dispose();
  });

  it('changes the noise level live and validates it', async () => {
    const ae = new Autoencoder({ ...DEFAULT_AUTOENCODER_CONFIG, hiddenUnits: 16 }, data.train);
    const clean = data.test.pixels.subarray(0, MNIST_PIXELS);
    ae.setNoiseLevel(0);
    expect(ae.viewInput(clean)).toEqual(Float32Array.from(clean));
    ae.setNoiseLevel(0.5);
    expect(ae.viewInput(clean)).not.toEqual(Float32Array.from(clean));
    expect(() => ae.setNoiseLevel(2)).toThrow(/noise level/);
    await ae.train(1); // the optimizers' flat θ exists from the first step on
    const before = tf.memory().numTensors;
    await ae.train(2);
    expect(tf.memory().numTensors).toBe(before);
    ae.dispose();
  });
});
