import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/envs/rng';
import { ringOfGaussians, twoMoons } from '../../src/generative/distributions';
import { Gan2d } from '../../src/generative/gan';
import { GAN_LOSSES, ganConfig, type GanConfig } from '../../src/generative/gan-config';
import { modeCoverage } from '../../src/generative/metrics';
import { drawNoise } from '../../src/generative/noise';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

const ring = ringOfGaussians(8, 2, 0.02);
const small = (overrides: Partial<GanConfig> = {}): GanConfig =>
  ganConfig({
    generator: { hiddenLayers: 1, hiddenUnits: 8, activation: 'relu' },
    discriminator: { hiddenLayers: 1, hiddenUnits: 8, activation: 'relu' },
    batchSize: 16,
    ...overrides,
  });

describe('Gan2d training', () => {
  it.each(GAN_LOSSES.map((l) => [l]))('%s: one iteration gives finite losses', async (loss) => {
    // Eager R1, so that the last of WGAN-GP's 5 D steps applies it too (lazy R1 has its own tests).
    const gan = new Gan2d(
      small({ loss, discriminatorSteps: loss === 'wasserstein-gp' ? 5 : 1, r1Weight: 0.1 }),
      ring,
      { r1Interval: 1 },
    );
    const stats = await gan.trainIteration();
    expect(stats.iteration).toBe(1);
    for (const key of ['dLoss', 'gLoss', 'dReal', 'dFake', 'gradientPenalty', 'r1Penalty'] as const)
      expect(Number.isFinite(stats[key])).toBe(true);
    if (loss === 'wasserstein-gp') expect(stats.gradientPenalty).toBeGreaterThan(0);
    else expect(stats.gradientPenalty).toBe(0);
    expect(stats.r1Penalty).toBeGreaterThan(0);
    if (loss === 'minimax' || loss === 'non-saturating') {
      // At initialisation D is undecided: D(x) ≈ ½ and the loss ≈ 2 ln 2.
      expect(stats.dLoss).toBeGreaterThan(0.5);
      expect(stats.dReal).toBeGreaterThan(0);
      expect(stats.dReal).toBeLessThan(1);
    }
    expect(gan.iterations).toBe(1);
    gan.dispose();
  });

  it('keeps the tensor count flat over 200 iterations, views and checkpoints', async () => {
    for (const loss of ['non-saturating', 'wasserstein-gp'] as const) {
      const gan = new Gan2d(small({ loss }), ring);
      await gan.train(5);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) await gan.train(10);
      await gan.sample(50);
      await gan.discriminatorGrid(8);
      await gan.manifold(5);
      await gan.generatorGradients(20);
      gan.setWeights(await gan.getWeights());
      gan.setOptimizerState(await gan.getOptimizerState());
      expect(tf.memory().numTensors).toBe(before);
      gan.dispose();
      // Disposing frees everything the GAN made.
      expect(tf.memory().numTensors).toBeLessThan(before);
    }
  });

  it('is deterministic for a seed, and drawing views does not change the training trajectory', async () => {
    const a = new Gan2d(small({ seed: 3 }), ring);
    const b = new Gan2d(small({ seed: 3 }), ring);
    const c = new Gan2d(small({ seed: 4 }), ring);
    const statsA = await a.train(30);
    await b.sample(100);
    await b.generatorGradients(10);
    const statsB = await b.train(30);
    const statsC = await c.train(30);
    expect(statsB).toEqual(statsA);
    expect(statsC).not.toEqual(statsA);
    [a, b, c].forEach((g) => g.dispose());
  });

  it('D learns to separate real data from a generator that cannot move', async () => {
    // G's learning rate is ~0, so its samples stay near the origin while the data lie on the ring.
    const gan = new Gan2d(
      small({
        generatorOptimizer: { name: 'sgd', learningRate: 1e-12, beta1: 0.9, beta2: 0.999 },
        discriminatorOptimizer: { name: 'adam', learningRate: 0.01, beta1: 0.5, beta2: 0.999 },
        discriminator: { hiddenLayers: 1, hiddenUnits: 16, activation: 'relu' },
        batchSize: 64,
        r1Weight: 0,
      }),
      ring,
    );
    const first = await gan.trainIteration();
    const stats = await gan.train(300);
    const last = stats[stats.length - 1];
    expect(last.dLoss).toBeLessThan(first.dLoss / 4);
    expect(last.dReal).toBeGreaterThan(0.8);
    expect(last.dFake).toBeLessThan(0.2);
    const grid = await gan.discriminatorGrid(9, { xMin: -3, xMax: 3, yMin: -3, yMax: 3 });
    // Centre cell (where G's samples are) looks fake; the cell over the ring's mode at (2, 0) looks real.
    expect(grid.values[4 * 9 + 4]).toBeLessThan(0.2);
    expect(grid.values[4 * 9 + 7]).toBeGreaterThan(0.5);
    gan.dispose();
  });

  it('the default config covers at least 6 of the 8 modes after 3,000 iterations (seed 1)', async () => {
    const gan = new Gan2d(ganConfig({ seed: 1 }), ring);
    for (let i = 0; i < 30; i++) await gan.train(100);
    const coverage = modeCoverage(await gan.sample(2000), ring.modes ?? []);
    expect(coverage.covered).toBeGreaterThanOrEqual(6);
    expect(coverage.highQualityShare).toBeGreaterThan(0.2);
    gan.dispose();
  });
});

describe('Gan2d views', () => {
  it('discriminatorGrid: row-major over the bounds, probabilities or scores by loss', async () => {
    const gan = new Gan2d(small(), ring);
    const grid = await gan.discriminatorGrid(6);
    expect(grid.values.length).toBe(36);
    expect(grid.bounds).toEqual(ring.bounds);
    expect(grid.kind).toBe('probability');
    for (const v of grid.values) expect(v >= 0 && v <= 1).toBe(true);
    const ls = new Gan2d(small({ loss: 'least-squares' }), ring);
    expect((await ls.discriminatorGrid(3)).kind).toBe('score');
    await expect(gan.discriminatorGrid(4, { xMin: 1, xMax: 0, yMin: 0, yMax: 1 })).rejects.toThrow(
      'Expected finite bounds with xMin < xMax and yMin < yMax',
    );
    gan.dispose();
    ls.dispose();
  });

  it('manifold: G over a regular noise grid, a curve for 1-D noise and a mesh for 2-D', async () => {
    const two = new Gan2d(small({ noiseDim: 2, noise: 'uniform' }), ring);
    const mesh = await two.manifold(5);
    expect(mesh).toMatchObject({ gridSize: 5, dims: 2, count: 25 });
    expect(mesh.points.length).toBe(50);
    // The mesh's centre point is G(0, 0).
    expect(Array.from(await two.generate(new Float32Array(2)))).toEqual(
      Array.from(mesh.points.slice(24, 26)),
    );
    const one = new Gan2d(small({ noiseDim: 1, noise: 'gaussian' }), ring);
    expect(await one.manifold(7)).toMatchObject({ dims: 1, count: 7 });
    two.dispose();
    one.dispose();
  });

  it('generatorGradients: arrows point where D rates samples as more real', async () => {
    const gan = new Gan2d(small({ batchSize: 64 }), ring);
    await gan.train(100);
    const { points, directions } = await gan.generatorGradients(200);
    expect(points.length).toBe(400);
    expect(directions.length).toBe(400);
    // Step each sample a little along its arrow: D's output must go up (non-saturating G loss = −log D).
    const step = new Float32Array(400);
    let moved = 0;
    for (let i = 0; i < 200; i++) {
      const norm = Math.hypot(directions[2 * i], directions[2 * i + 1]);
      if (norm > 0) moved++;
      const scale = norm > 0 ? 1e-3 / norm : 0;
      step[2 * i] = points[2 * i] + directions[2 * i] * scale;
      step[2 * i + 1] = points[2 * i + 1] + directions[2 * i + 1] * scale;
    }
    const d = async (xs: Float32Array) => {
      const t = tf.tidy(() => tf.sigmoid(gan['discriminator'].apply(tf.tensor2d(xs, [200, 2]))));
      const v = await t.data();
      t.dispose();
      return v;
    };
    const [before, after] = [await d(points), await d(step)];
    let up = 0;
    for (let i = 0; i < 200; i++) if (after[i] >= before[i]) up++;
    expect(moved).toBeGreaterThan(150);
    expect(up).toBeGreaterThan(195);
    gan.dispose();
  });
});

describe('Gan2d checkpoints', () => {
  it('weights round-trip: a fresh GAN given the weights makes the same samples from the same noise', async () => {
    const a = new Gan2d(small({ seed: 1 }), ring);
    await a.train(20);
    const weights = await a.getWeights();
    expect(weights.map((w) => w.name)).toEqual([
      'generator/dense_0/kernel',
      'generator/dense_0/bias',
      'generator/dense_1/kernel',
      'generator/dense_1/bias',
      'discriminator/dense_0/kernel',
      'discriminator/dense_0/bias',
      'discriminator/dense_1/kernel',
      'discriminator/dense_1/bias',
    ]);
    const b = new Gan2d(small({ seed: 2 }), ring);
    const noise = drawNoise(100, 2, 'gaussian', new Rng(5));
    expect(await b.generate(noise)).not.toEqual(await a.generate(noise));
    b.setWeights(weights);
    expect(await b.generate(noise)).toEqual(await a.generate(noise));
    expect((await b.discriminatorGrid(5)).values).toEqual((await a.discriminatorGrid(5)).values);
    a.dispose();
    b.dispose();
  });

  it.each([['adam'], ['rmsprop'], ['sgd']] as const)(
    '%s: weights + optimizer state + RNG state resume the exact same run',
    async (name) => {
      const optimizer = { name, learningRate: 1e-3, beta1: 0.5, beta2: 0.999 };
      const config = small({ generatorOptimizer: optimizer, discriminatorOptimizer: optimizer });
      const a = new Gan2d(config, ring);
      await a.train(15);
      const b = new Gan2d({ ...config, seed: 99 }, ring);
      b.setWeights(await a.getWeights());
      b.setOptimizerState(await a.getOptimizerState());
      b.setState(a.getState());
      expect(b.iterations).toBe(15);
      expect(await b.train(5)).toEqual(await a.train(5));
      a.dispose();
      b.dispose();
    },
  );

  it('rejects a checkpoint of another shape without changing anything', async () => {
    const a = new Gan2d(small(), ring);
    const wide = new Gan2d(
      small({ discriminator: { hiddenLayers: 1, hiddenUnits: 9, activation: 'relu' } }),
      ring,
    );
    const before = await a.getWeights();
    const weights = await wide.getWeights();
    expect(() => a.setWeights(weights)).toThrow(
      'Expected discriminator/dense_0/kernel of shape [2,8], got [2,9]',
    );
    expect(await a.getWeights()).toEqual(before);
    expect(() => a.setState({ ...a.getState(), iterations: -1 })).toThrow(
      'Expected a non-negative integer iterations, got -1',
    );
    a.dispose();
    wide.dispose();
    await expect(a.sample(3)).rejects.toThrow('This GAN was disposed');
  });

  it('switches the target distribution and keeps training', async () => {
    const gan = new Gan2d(small(), ring);
    await gan.train(5);
    gan.setDistribution(twoMoons());
    expect(gan.distribution.spec.kind).toBe('two-moons');
    const [stats] = await gan.train(1);
    expect(Number.isFinite(stats.dLoss)).toBe(true);
    expect((await gan.discriminatorGrid(2)).bounds).toEqual(twoMoons().bounds);
    gan.dispose();
  });
});
