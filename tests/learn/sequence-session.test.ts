import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useTestBackend } from './tf-setup';
import type { BackendReport } from '../../src/workers/protocol';

// The session picks a backend through initBackend (browser-only .wasm URLs); in Node the test pins WASM.
vi.mock('../../src/workers/backend', () => ({
  initBackend: async (): Promise<BackendReport> => ({
    preference: 'wasm',
    active: 'wasm',
    probes: [],
    why: 'pinned by the test',
  }),
}));

const { sequenceApi } = await import('../../src/workers/learn/sequence-session');
import type { AttnUpdate, RnnUpdate } from '../../src/workers/learn/sequence-session';
import { DEFAULT_TRANSFORMER, type AttentionInspection } from '../../src/learn/transformer-trainer';

beforeAll(useTestBackend);

const rnnConfig = {
  task: { kind: 'sine' as const, length: 12, frequency: 0.05, noise: 0.1 },
  hiddenSize: 8,
  learningRate: 0.01,
  keepBias: 2,
  seed: 1,
  backend: 'wasm' as const,
};

describe('sequence session (the Learn worker jobs, run in Node)', () => {
  it('races the three cells, streams points, stops when paused and leaks no tensors', async () => {
    const { inspections } = await sequenceApi.sequenceRnnSetup(rnnConfig);
    expect(inspections.map((i) => i.cell)).toEqual(['rnn', 'lstm', 'gru']);
    // Pause from the update stream (Node starves timers while the loop yields through a MessageChannel).
    const train = async (updateCount: number): Promise<RnnUpdate[]> => {
      const updates: RnnUpdate[] = [];
      const status = await sequenceApi.sequenceRnnTrain((u) => {
        updates.push(u);
        if (updates.length === updateCount) sequenceApi.sequenceRnnPause();
      });
      expect(status).toBe('paused');
      return updates;
    };
    await train(1); // Adam makes its moment tensors on the first step
    const before = tf.memory().numTensors;
    const updates = await train(6);
    expect(tf.memory().numTensors).toBe(before);
    const last = updates[updates.length - 1]!;
    expect(last.status).toBe('paused');
    expect(last.steps).toBeGreaterThan(updates[0]!.steps);
    expect(updates.some((u) => u.points.lstm && Number.isFinite(u.points.lstm.loss))).toBe(true);
    expect(last.inspections?.length).toBe(3);
  });

  it('stops with a message when the loss stops being a number', async () => {
    // An absurd learning rate sends the weights to ±Infinity within a few steps: the loss becomes NaN.
    await sequenceApi.sequenceRnnSetup({ ...rnnConfig, learningRate: 1e38 });
    const updates: RnnUpdate[] = [];
    const status = await sequenceApi.sequenceRnnTrain((u) => updates.push(u));
    expect(status).toBe('diverged');
    const last = updates[updates.length - 1]!;
    expect(last.status).toBe('diverged');
    expect(last.message).toMatch(/loss became (NaN|Infinity).*training stopped/);
  });

  it('trains the transformer and answers typed input while it trains', async () => {
    const { inspection } = await sequenceApi.sequenceAttnSetup(
      { ...DEFAULT_TRANSFORMER, batchSize: 16 },
      [1, 2, 3, 4, 5, 6],
      'wasm',
    );
    expect(inspection.output.length).toBe(6);
    const updates: AttnUpdate[] = [];
    let typed: Promise<AttentionInspection> | null = null;
    const run = sequenceApi.sequenceAttnTrain((u) => {
      updates.push(u);
      // Typed while training: answered between two chunks, then the run is paused.
      typed ??= sequenceApi
        .sequenceAttnInspect([9, 9, 0, 0, 1, 1])
        .finally(() => sequenceApi.sequenceAttnPause());
    });
    expect(await run).toBe('paused');
    expect((await typed!).input).toEqual([9, 9, 0, 0, 1, 1]);
    // Inspections during and after training follow the typed input.
    expect(updates[updates.length - 1]!.inspection?.input).toEqual([9, 9, 0, 0, 1, 1]);
    await expect(sequenceApi.sequenceAttnInspect([1, 2, 3])).rejects.toThrow(/Expected 6 digits/);
  });
});
