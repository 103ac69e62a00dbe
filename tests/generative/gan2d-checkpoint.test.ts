import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDistribution, DEFAULT_RING, type DistributionSpec } from '../../src/generative/distributions';
import { Gan2d } from '../../src/generative/gan';
import { ganConfig, type GanConfig } from '../../src/generative/gan-config';
import { createGan2d } from '../../src/generative/gan-engine';
import type { Gan2dTrainer } from '../../src/generative/gan-types';
import type { GenerativeCheckpoint } from '../../src/storage/checkpoint';
import { closePlaygroundDB, loadCheckpoint, saveCheckpoint } from '../../src/storage/db';
import { exportCheckpointFile, importCheckpointFile } from '../../src/storage/export-file';
import {
  captureGanCheckpoint,
  ganLayersTopologies,
  restoreGanCheckpoint,
} from '../../src/generative/gan2d-checkpoint';
import { decodeShareLink, encodeShareLink } from '../../src/storage/share-link';
import { CheckpointError, validateCheckpoint } from '../../src/storage/validate';
import { useTestBackend } from './tf-setup';
import { clone } from '../storage/fixtures';
import { loadWithStockTfjs } from '../storage/stock-tfjs';

beforeAll(useTestBackend);
afterAll(closePlaygroundDB);

const small = (overrides: Partial<GanConfig> = {}): GanConfig =>
  ganConfig({
    generator: { hiddenLayers: 2, hiddenUnits: 8, activation: 'relu' },
    discriminator: { hiddenLayers: 1, hiddenUnits: 8, activation: 'leakyRelu' },
    batchSize: 16,
    seed: 11,
    ...overrides,
  });

async function weightsOf(gan: Gan2dTrainer): Promise<Float32Array[]> {
  return (await gan.getWeights()).map((w) => w.data);
}

async function capture(gan: Gan2dTrainer): Promise<GenerativeCheckpoint> {
  return captureGanCheckpoint(gan, { name: 'ring run', appVersion: '0.1.0', backend: tf.getBackend() });
}

function rejection(mutate: (cp: GenerativeCheckpoint) => void, base: GenerativeCheckpoint): CheckpointError {
  const cp = clone(base);
  mutate(cp);
  try {
    validateCheckpoint(cp);
  } catch (error) {
    if (error instanceof CheckpointError) return error;
    throw error;
  }
  throw new Error('expected the checkpoint to be rejected');
}

describe('2-D GAN checkpoints', () => {
  it.each([
    ['adam, non-saturating, 2-D noise', small()],
    [
      'rmsprop/sgd, WGAN-GP, 1-D uniform noise',
      small({
        loss: 'wasserstein-gp',
        discriminatorSteps: 2,
        noiseDim: 1,
        noise: 'uniform',
        generatorOptimizer: { name: 'rmsprop', learningRate: 1e-3, beta1: 0.9, beta2: 0.999 },
        discriminatorOptimizer: { name: 'sgd', learningRate: 0.05, beta1: 0.9, beta2: 0.999 },
      }),
    ],
  ])('resumes exactly through IndexedDB (%s)', async (_, config) => {
    const original = new Gan2d(config, createDistribution(DEFAULT_RING));
    await resumesExactly(original, 'tfjs');
  });

  it.each([
    ['adam, non-saturating, R1', small()],
    [
      'rmsprop, WGAN-GP, tanh',
      small({
        loss: 'wasserstein-gp',
        discriminatorSteps: 2,
        discriminator: { hiddenLayers: 1, hiddenUnits: 8, activation: 'tanh' },
        generatorOptimizer: { name: 'rmsprop', learningRate: 1e-3, beta1: 0.9, beta2: 0.999 },
      }),
    ],
  ])('resumes a typed-array run exactly through IndexedDB (%s)', async (_, config) => {
    await resumesExactly(createGan2d(config, createDistribution(DEFAULT_RING), 'js'), 'js');
  });

  async function resumesExactly(original: Gan2dTrainer, engine: 'tfjs' | 'js'): Promise<void> {
    await original.train(30);
    await original.sample(50); // view draws move the view RNG, never the training one
    const checkpoint = await capture(original);
    expect(checkpoint.counters.gradientSteps).toBe(30);
    expect(checkpoint.subject).toEqual({ type: 'dataset', datasetId: 'ring', options: DEFAULT_RING });

    const { record } = await saveCheckpoint(checkpoint);
    const loaded = await loadCheckpoint(record.id);
    const { gan: resumed } = await restoreGanCheckpoint(loaded, engine);
    expect(resumed.engine).toBe(engine);
    expect(resumed.iterations).toBe(30);
    expect(await weightsOf(resumed)).toEqual(await weightsOf(original));

    const a = await original.train(25);
    const b = await resumed.train(25);
    expect(b).toEqual(a); // the same losses, iteration by iteration
    expect(await weightsOf(resumed)).toEqual(await weightsOf(original));
    expect(await resumed.sample(20)).toEqual(await original.sample(20));
    original.dispose();
    resumed.dispose();
  }

  it('continues training from a share link (generator only) with a fresh discriminator', async () => {
    const gan = new Gan2d(small(), createDistribution(DEFAULT_RING));
    await gan.train(10);
    const checkpoint = await capture(gan);
    const link = encodeShareLink(checkpoint, { quantization: 'float32' });
    const { checkpoint: shared } = decodeShareLink(link.hash);
    expect(Object.keys(shared.networks)).toEqual(['generator']);
    const { gan: resumed } = await restoreGanCheckpoint(shared);
    const noise = Float32Array.from({ length: 40 }, (_, i) => Math.sin(i));
    expect(await resumed.generate(noise)).toEqual(await gan.generate(noise));
    expect(resumed.iterations).toBe(10);
    const [stats] = await resumed.train(1);
    expect(Number.isFinite(stats.gLoss)).toBe(true);
    gan.dispose();
    resumed.dispose();
  });

  it.each(['tfjs', 'js'] as const)(
    'exports a %s run as Layers models that stock tfjs loads and runs the same',
    async (engine) => {
      const config = small({ noiseDim: 3 });
      const gan = createGan2d(config, createDistribution(DEFAULT_RING), engine);
      await gan.train(5);
      const checkpoint = await capture(gan);
      const file = exportCheckpointFile(checkpoint, await ganLayersTopologies(checkpoint));
      expect(importCheckpointFile(file)).toEqual(checkpoint);

      const model = await loadWithStockTfjs(file, 'generator');
      const noise = Float32Array.from({ length: 15 }, (_, i) => Math.cos(i) * 1.5);
      const stock = tf.tidy(() => (model.predict(tf.tensor2d(noise, [5, 3])) as tf.Tensor).dataSync());
      const ours = await gan.generate(noise);
      Array.from(stock).forEach((value, i) => expect(value).toBeCloseTo(ours[i], 5));
      model.dispose();
      gan.dispose();
    },
  );

  it('rejects tampering with a clear message naming the field', async () => {
    const gan = new Gan2d(small(), createDistribution(DEFAULT_RING));
    const base = await capture(gan);
    gan.dispose();
    expect(
      rejection((cp) => ((cp.config.generator as { hiddenUnits: number }).hiddenUnits = 9), base).message,
    ).toMatch(/networks\.generator\[0\]: expected shape \[2,9\] for dense_0\/kernel, got \[2,8\]/);
    expect(rejection((cp) => (cp.config.loss = 'hinge'), base).message).toContain(
      'config: Expected loss in minimax|non-saturating|least-squares|wasserstein-gp, got "hinge"',
    );
    expect(rejection((cp) => (cp.config.extra = 1), base).message).toContain(
      'config: extra: unexpected field',
    );
    expect(
      rejection((cp) => ((cp.subject as { options: Record<string, unknown> }).options.count = 1e9), base)
        .message,
    ).toContain('subject.options: count: Invalid value: Expected <=64');
    expect(
      rejection((cp) => {
        cp.subject = {
          type: 'dataset',
          datasetId: 'ring',
          options: { kind: 'grid', size: 3, spacing: 1, sigma: 0 },
        };
      }, base).message,
    ).toContain('options describe grid');
    expect(rejection((cp) => (cp.optimizers.generator[1].data = new Float32Array(3)), base).message).toMatch(
      /optimizers\.generator/,
    );
    expect(rejection((cp) => (cp.state = { iterations: 5 }), base).message).toContain('state.iterations');
    const custom: DistributionSpec = { kind: 'custom', points: [1, 2, 3], jitter: 0.1 };
    expect(
      rejection((cp) => {
        cp.subject = { type: 'dataset', datasetId: 'custom', options: { ...custom } };
      }, base).message,
    ).toContain('even number of coordinates');
  });
});
