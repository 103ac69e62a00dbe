/**
 * The arena's tfjs DQN reads every number back with `await tensor.data()`: WebGPU loses its device after a few
 * synchronous reads (dataSync/arraySync), so one anywhere in a run would rule WebGPU out for the arena.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DQN_CONFIG, type DqnConfig } from '../../../src/agents/dqn-config';
import { DqnModel } from '../../../src/workers/rl/dqn-model';
import { dqnBackendJob } from '../../../src/workers/rl/dqn-backend-job';
import { useTestBackend } from '../../agents/tf-setup';

beforeAll(useTestBackend);
afterEach(() => vi.restoreAllMocks());

/** Every option that adds a read or an op: prioritized replay (priorities), Double DQN, dueling, soft target. */
const everyOption: DqnConfig = {
  ...DEFAULT_DQN_CONFIG,
  hiddenSizes: [16],
  bufferSize: 500,
  batchSize: 16,
  learningStarts: 32,
  trainFreq: 1,
  gradientSteps: 2,
  prioritized: true,
  doubleDqn: true,
  dueling: true,
  maxGradNorm: 10,
  targetUpdate: { kind: 'soft', tau: 0.01 },
  totalSteps: 2000,
  seed: 4,
};

describe('the tfjs DQN in the arena worker', () => {
  it('trains, evaluates, updates and checkpoints without one synchronous read-back', async () => {
    const syncReads = [
      vi.spyOn(tf.Tensor.prototype, 'dataSync'),
      vi.spyOn(tf.Tensor.prototype, 'arraySync'),
      vi.spyOn(tf.Tensor.prototype, 'bufferSync'),
    ];
    const model = DqnModel.create({
      envId: 'CartPole-v1',
      config: everyOption,
      evaluation: { every: 100, episodes: 3, stopWhenSolved: false },
    });
    try {
      model.budget = 200;
      let outcome = await model.trainChunk(64);
      while (!outcome.finished) {
        expect(outcome.problem).toBeUndefined();
        outcome = await model.trainChunk(64);
      }
      const update = await model.update({ status: 'paused', unitsPerSec: 0, heavy: true });
      const good = await model.captureGood();
      model.budget = Infinity;
      const checkpoint = await model.checkpointAtEpisodeEnd(
        { name: 'async reads', includeReplay: false },
        async () => {},
      );

      // The run really did all of it: gradient steps, two evaluations, weights streamed and captured.
      expect(model.learner.counters.gradientSteps).toBeGreaterThan(300);
      expect(model.evaluator.record().best).not.toBeNull();
      expect(update.weights?.length).toBeGreaterThan(0);
      expect(good).not.toBeNull();
      expect(checkpoint.networks.online).toBeDefined();
      for (const read of syncReads) expect(read).not.toHaveBeenCalled();
    } finally {
      model.dispose();
    }
  });

  it('asks the backend choice for its network size and rules out no backend, WebGPU included', () => {
    const job = dqnBackendJob({ envId: 'CartPole-v1', config: everyOption }, { preference: 'auto' });
    expect(job.profile.key).toBe('mlp-4-16-2-b16');
    expect(job.unsupported ?? {}).toEqual({});
    expect(job.jsEngine).toBe(true);
  });
});
