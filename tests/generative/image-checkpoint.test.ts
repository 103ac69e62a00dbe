import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_AUTOENCODER_CONFIG,
  DEFAULT_IMAGE_GAN_CONFIG,
  DEFAULT_VAE_CONFIG,
  type ImageModelSpec,
} from '../../src/generative/image-config';
import { createImageModel, type ImageModel } from '../../src/generative/image-models';
import { closePlaygroundDB, loadCheckpoint, saveCheckpoint } from '../../src/storage/db';
import {
  captureImageCheckpoint,
  imageSpecOf,
  restoreImageCheckpoint,
} from '../../src/generative/image-checkpoint';
import { CheckpointError } from '../../src/storage/validate';
import { mnistForTests } from './mnist-fixture';
import { useTestBackend } from './tf-setup';

beforeAll(async () => {
  await useTestBackend();
  vi.stubGlobal('indexedDB', new IDBFactory());
});

afterAll(async () => {
  await closePlaygroundDB();
  vi.unstubAllGlobals();
});

const SPECS: ImageModelSpec[] = [
  { kind: 'vae', config: { ...DEFAULT_VAE_CONFIG, hiddenUnits: 32, batchSize: 64 } },
  { kind: 'autoencoder', config: { ...DEFAULT_AUTOENCODER_CONFIG, hiddenUnits: 32, batchSize: 64 } },
  {
    kind: 'gan',
    // Dropout on: its masks come from the training stream, which a resume must continue exactly.
    config: {
      ...DEFAULT_IMAGE_GAN_CONFIG,
      width: 16,
      batchSize: 32,
      conditioning: 'embedding',
      dropout: 0.3,
    },
  },
];

async function allWeights(model: ImageModel): Promise<Float32Array[]> {
  const networks = await model.networkWeights();
  return Object.values(networks).flatMap((list) => list.map((w) => w.data));
}

describe('MNIST model checkpoints', () => {
  const data = mnistForTests();

  for (const spec of SPECS) {
    it(`a ${spec.kind} resumes exactly from IndexedDB: same weights, optimizer, batches and noise`, async () => {
      const original = createImageModel(spec, data.train);
      // Mid-epoch: the resume needs the batch cursor and the epoch's shuffled order (mnist-batches.test.ts
      // covers epoch boundaries).
      await original.train(7);
      const checkpoint = await captureImageCheckpoint(original, {
        name: `${spec.kind} test`,
        appVersion: '0.1.0',
        backend: tf.getBackend(),
      });
      expect(checkpoint.kind).toBe(spec.kind);
      expect(checkpoint.subject).toEqual({
        type: 'dataset',
        datasetId: 'mnist',
        options: { split: 'train-8000' },
      });
      expect(checkpoint.counters.gradientSteps).toBe(7);
      expect(Object.keys(checkpoint.optimizers).sort()).toEqual(
        spec.kind === 'gan' ? ['discriminator', 'generator'] : ['decoder', 'encoder'],
      );
      const { record } = await saveCheckpoint(checkpoint);
      const loaded = await loadCheckpoint(record.id);

      const resumed = createImageModel(imageSpecOf(loaded), data.train);
      await restoreImageCheckpoint(loaded, resumed);
      expect(resumed.iterations).toBe(7);
      expect(await allWeights(resumed)).toEqual(await allWeights(original));

      const next = await original.train(3);
      const nextResumed = await resumed.train(3);
      expect(nextResumed).toEqual(next);
      expect(await allWeights(resumed)).toEqual(await allWeights(original));
      original.dispose();
      resumed.dispose();
    });
  }

  it('refuses a checkpoint of another kind or dataset with a clear message', async () => {
    const vae = createImageModel(SPECS[0], data.train);
    const checkpoint = await captureImageCheckpoint(vae, { name: 'v', appVersion: '0.1.0', backend: 'wasm' });
    const ae = createImageModel(SPECS[1], data.train);
    await expect(restoreImageCheckpoint(checkpoint, ae)).rejects.toThrow(/a vae checkpoint, not autoencoder/);
    const other = {
      ...checkpoint,
      subject: { type: 'dataset' as const, datasetId: 'two-moons', options: {} },
    };
    expect(() => imageSpecOf(other)).toThrow(CheckpointError);
    const badConfig = { ...checkpoint, config: { ...checkpoint.config, latentDim: -1 } };
    expect(() => imageSpecOf(badConfig)).toThrow(/latentDim/);
    vae.dispose();
    ae.dispose();
  });
});
