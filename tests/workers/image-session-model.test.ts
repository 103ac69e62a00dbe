import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_AUTOENCODER_CONFIG,
  DEFAULT_IMAGE_GAN_CONFIG,
  DEFAULT_VAE_CONFIG,
  type ImageModelSpec,
} from '../../src/generative/image-config';
import { MNIST_PIXELS } from '../../src/generative/mnist-asset';
import { SessionDriver } from '../../src/workers/core/session-driver';
import type { ImageUpdate, VaeViews } from '../../src/workers/protocol/images';
import { IMAGE_TIMING, ImageSessionModel } from '../../src/workers/images/image-session-model';
import { viewBuffers } from '../../src/workers/images/image-views';
import { mnistForTests } from '../generative/mnist-fixture';
import { useTestBackend } from '../generative/tf-setup';

beforeAll(useTestBackend);

const VAE: ImageModelSpec = {
  kind: 'vae',
  config: { ...DEFAULT_VAE_CONFIG, hiddenUnits: 32, batchSize: 32 },
};
const AUTOENCODER: ImageModelSpec = {
  kind: 'autoencoder',
  config: { ...DEFAULT_AUTOENCODER_CONFIG, hiddenUnits: 32, batchSize: 32 },
};
const GAN: ImageModelSpec = {
  kind: 'gan',
  config: { ...DEFAULT_IMAGE_GAN_CONFIG, width: 16, noiseDim: 8, batchSize: 16 },
};

/** The image worker's driver, with Node's clock and yield. */
function driver(): SessionDriver<ImageUpdate, ImageSessionModel> {
  return new SessionDriver(
    {
      yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
      now: () => performance.now(),
      sleep: (ms, wake) => Promise.race([new Promise<void>((r) => setTimeout(r, ms)), wake]),
    },
    IMAGE_TIMING,
  );
}

describe('a Studio MNIST model under the session driver', () => {
  const data = mnistForTests();

  it('trains, streaming averaged train metrics, and ends paused with every view and held-out metrics', async () => {
    const d = driver();
    const model = await d.load(async () => ImageSessionModel.create(VAE, data));
    expect(model.info).toMatchObject({
      kind: 'vae',
      trainCount: data.train.count,
      testCount: data.test.count,
    });
    expect(model.info.batchesPerEpoch).toBe(Math.floor(data.train.count / 32));
    const first = await d.update();
    expect(first).toMatchObject({ status: 'paused', iteration: 0, train: null });
    expect(first.test?.values['test/negativeElbo']).toBeGreaterThan(0);

    const updates: ImageUpdate[] = [];
    expect(await d.train((u) => updates.push(u), 30)).toBe('paused');
    const last = updates.at(-1)!;
    expect(last).toMatchObject({ status: 'paused', iteration: 30, itersPerSec: 0 });
    expect(last.epoch).toBeCloseTo((30 * 32) / data.train.count, 5);
    const trained = updates.flatMap((u) => (u.train ? [u.train] : []));
    expect(trained.at(-1)?.iteration).toBe(30);
    for (const p of trained) expect(Number.isFinite(p.values['losses/negativeElbo'])).toBe(true);
    const views = last.views as VaeViews;
    expect(views.originals.length).toBe(10 * MNIST_PIXELS);
    expect(views.reconstruction.length).toBe(10 * MNIST_PIXELS);
    expect(views.latent?.points.length).toBe(2000);
    expect(views.grid?.pixels.length).toBe(15 * 15 * MNIST_PIXELS);
    expect(views.decoder?.length).toBeGreaterThan(0);
    expect(last.test?.iteration).toBe(30);
    // Every image goes over as its own buffer, none twice.
    const buffers = viewBuffers(views);
    expect(new Set(buffers).size).toBe(buffers.length);
    await d.dispose();
  });

  it('pauses at once, steps exactly one iteration, and keeps the tensor count flat', async () => {
    const d = driver();
    await d.load(async () => ImageSessionModel.create(AUTOENCODER, data));
    await d.step();
    await d.update();
    const tensors = tf.memory().numTensors;
    let updates = 0;
    const training = d.train(() => {
      if (++updates === 2) d.pause();
    });
    expect(d.status).toBe('training');
    await expect(d.step()).rejects.toThrow(/Pause the run/);
    expect(await training).toBe('paused');
    const stoppedAt = d.model.progress;
    const one = await d.step();
    expect(one.iteration).toBe(stoppedAt + 1);
    expect(one.train?.iteration).toBe(stoppedAt + 1);
    expect(one.views?.type).toBe('autoencoder');
    for (let i = 0; i < 3; i++) await d.step();
    expect(tf.memory().numTensors).toBe(tensors);
    await d.dispose();
  });

  it('on a NaN loss puts the last finite weights back and says so', async () => {
    const d = driver();
    await d.load(async () => ImageSessionModel.create(VAE, data));
    await d.step(5);
    // Poison a weight, as a learning rate far too high would.
    await d.exclusive((m) => {
      if (m.model.kind !== 'vae') throw new Error('Expected a VAE');
      const kernel = m.model.encoder.variables[0];
      kernel.assign(tf.fill(kernel.shape, NaN));
    });
    const update = await d.step();
    expect(update.status).toBe('diverged');
    expect(update.message).toMatch(/Training diverged at iteration 6: a loss \(losses\/\w+\) became NaN/);
    expect(update.message).toMatch(/last finite weights \(iteration 0\) were restored/);
    expect(d.model.progress).toBe(0); // the copy the driver kept when the model was loaded
    expect(await d.exclusive((m) => m.captureGood())).not.toBeNull(); // finite again
    const next = await d.step();
    expect(next).toMatchObject({ status: 'paused', iteration: 1 });
    expect(next.message).toBeUndefined();
    await d.dispose();
  });

  it('resumes exactly from its checkpoint: the same losses and weights as the run that went on', async () => {
    const d = driver();
    await d.load(async () => ImageSessionModel.create(AUTOENCODER, data));
    await d.step(12);
    const checkpoint = await d.exclusive((m) =>
      m.checkpoint({ name: 'ae', appVersion: 'test', backend: 'wasm' }),
    );
    expect(checkpoint.metrics.latest['losses/reconstruction']).toBeGreaterThan(0);
    const goneOn = await d.step(8);
    const weights = await d.exclusive((m) => m.model.networkWeights());

    const e = driver();
    const resumed = await e.load(() => ImageSessionModel.restore(checkpoint, data));
    expect(resumed.progress).toBe(12);
    const again = await e.step(8);
    expect(again.iteration).toBe(20);
    expect(again.train?.values).toEqual(goneOn.train?.values);
    expect(await e.exclusive((m) => m.model.networkWeights())).toEqual(weights);
    await d.dispose();
    await e.dispose();
  });

  it('interpolates the digit GAN between grid cells, and only the autoencoder takes a noise level', async () => {
    const d = driver();
    await d.load(async () => ImageSessionModel.create(GAN, data));
    const first = await d.update();
    expect(first.views?.type).toBe('gan');
    const walk = await d.exclusive((m) => m.interpolate(0, 99, 6));
    expect(walk.length).toBe(6 * MNIST_PIXELS);
    await expect(d.exclusive((m) => m.interpolate(0, 100, 6))).rejects.toThrow(/grid cell/);
    expect((await d.exclusive((m) => m.interpolate(null, null, 3))).length).toBe(3 * MNIST_PIXELS);
    await expect(d.exclusive((m) => m.setNoiseLevel(0.1))).rejects.toThrow(/noise level/);
    await d.dispose();
  });
});
