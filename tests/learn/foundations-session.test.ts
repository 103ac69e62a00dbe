import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useTestBackend } from '../generative/tf-setup';
import { nodeDriver } from './node-driver';
import { FitModel } from '../../src/workers/learn/fit-model';
import type { FitUpdate } from '../../src/workers/protocol/learn';
import { foundationsApi } from '../../src/workers/learn/foundations-session';
import { DEFAULT_FIT_CONFIG } from '../../src/learn/fit-config';

beforeAll(useTestBackend);

describe('the regression fit under the session driver', () => {
  it('streams epochs, pauses, resumes where it left off, and reveals the test loss only when finished', async () => {
    const driver = nodeDriver<FitUpdate, FitModel>();
    await driver.load(async () => FitModel.create({ ...DEFAULT_FIT_CONFIG, maxEpochs: 400 }));
    const first = await driver.update();
    expect(first.curve.length).toBeGreaterThan(0);
    expect(first.testLoss).toBeNull();
    const updates: FitUpdate[] = [];
    const paused = await driver.train((update) => {
      updates.push(update);
      if (updates.length === 1) driver.pause();
    });
    expect(paused).toBe('paused');
    const epochs = updates.flatMap((u) => u.epochs);
    expect(epochs[0]).toBe(1);
    expect(epochs).toEqual(epochs.map((_, i) => i + 1)); // no epoch lost or repeated between updates
    const last = updates[updates.length - 1]!;
    expect(last.epoch).toBe(epochs.length);
    expect(last.testLoss).toBeNull();
    expect(last.epoch).toBeLessThan(400);

    const tensors = tf.memory().numTensors;
    const rest: FitUpdate[] = [];
    expect(await driver.train((u) => rest.push(u))).toBe('finished');
    expect(tf.memory().numTensors).toBe(tensors);
    const done = rest[rest.length - 1]!;
    expect(done.status).toBe('finished');
    expect(done.stopReason).toBe('max-epochs');
    expect(done.epoch).toBe(400);
    expect(done.testLoss).toBeGreaterThan(0);
    await driver.dispose();
  });

  it('stops for good when asked: the next step reports it finished with its test loss', async () => {
    const driver = nodeDriver<FitUpdate, FitModel>();
    await driver.load(async () => FitModel.create(DEFAULT_FIT_CONFIG));
    await driver.step(5);
    await driver.exclusive((m) => m.stop());
    const final = await driver.step();
    expect(final.status).toBe('finished');
    expect(final.epoch).toBe(5);
    expect(final.stopReason).toBe('stopped-by-user');
    expect(final.testLoss).toBeGreaterThan(0);
    await driver.dispose();
  });

  it('rolls back to the last finite weights (the driver’s last good copy)', async () => {
    const driver = nodeDriver<FitUpdate, FitModel>();
    const model = await driver.load(async () => FitModel.create(DEFAULT_FIT_CONFIG));
    await driver.step(3);
    const good = (await model.captureGood())!;
    await driver.step(4);
    await model.restoreGood(good);
    expect(model.progress).toBe(3);
    expect((await driver.step()).epoch).toBe(4);
    await driver.dispose();
  });

  it('refuses a bad configuration with a clear message', async () => {
    await expect(
      foundationsApi.foundationsFitStart({ ...DEFAULT_FIT_CONFIG, learningRate: 0 }),
    ).rejects.toThrow(/learning rate in \(0, 1\]/);
  });

  it('computes the deep stack', () => {
    const result = foundationsApi.foundationsDeepStack({
      depth: 4,
      width: 8,
      batch: 16,
      activation: 'tanh',
      init: 'xavier',
      seed: 2,
    });
    expect(result.gradNorms).toHaveLength(4);
    expect(result.gradNorms.every((n) => n > 0 && Number.isFinite(n))).toBe(true);
  });
});
