import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../generative/tf-setup';
import { foundationsApi, type FitUpdate } from '../../src/workers/learn/foundations-session';
import { DEFAULT_FIT_CONFIG } from '../../src/learn/fit-config';

beforeAll(useTestBackend);
afterAll(() => foundationsApi.foundationsFitDispose());

describe('foundations session (the Learn worker API, called directly)', () => {
  it('streams epochs, pauses on request, resumes where it left off, and reveals the test loss only when stopped', async () => {
    const setup = await foundationsApi.foundationsFitSetup({ ...DEFAULT_FIT_CONFIG, maxEpochs: 400 });
    expect(setup.data.train.x).toHaveLength(16);
    expect(setup.curve).toHaveLength(setup.curveX.length);

    const updates: FitUpdate[] = [];
    const run = foundationsApi.foundationsFitRun((update) => {
      updates.push(update);
      if (updates.length === 1) foundationsApi.foundationsFitPause();
    });
    const paused = await run;
    expect(paused.status).toBe('paused');
    expect(paused.testLoss).toBeNull();
    const epochs = [...updates.flatMap((u) => u.epochs), ...paused.epochs];
    expect(epochs[0]).toBe(1);
    expect(epochs).toEqual(epochs.map((_, i) => i + 1)); // no epoch lost or repeated between updates
    expect(paused.epoch).toBe(epochs.length);
    expect(paused.epoch).toBeLessThan(400);

    const finished = await foundationsApi.foundationsFitRun(() => {});
    expect(finished.status).toBe('stopped');
    expect(finished.stopReason).toBe('max-epochs');
    expect(finished.epoch).toBe(400);
    expect(finished.testLoss).toBeGreaterThan(0);
  });

  it('refuses a bad configuration with a clear message', async () => {
    await expect(
      foundationsApi.foundationsFitSetup({ ...DEFAULT_FIT_CONFIG, learningRate: 0 }),
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
