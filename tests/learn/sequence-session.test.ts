import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useTestBackend } from './tf-setup';
import { nodeDriver } from './node-driver';
import { RnnRaceModel } from '../../src/workers/learn/rnn-race-model';
import { TransformerModel } from '../../src/workers/learn/transformer-model';
import type { AttnUpdate, RnnRaceSpec, RnnUpdate } from '../../src/workers/protocol/learn';
import { DEFAULT_TRANSFORMER, type AttentionInspection } from '../../src/learn/transformer-trainer';

beforeAll(useTestBackend);

const rnnSpec: RnnRaceSpec = {
  task: { kind: 'sine', length: 12, frequency: 0.05, noise: 0.1 },
  hiddenSize: 8,
  learningRate: 0.01,
  keepBias: 2,
  seed: 1,
};

/** Trains until `count` updates came in (paused from the stream: Node starves timers while the loop yields). */
async function trainFor<U>(
  driver: { train(on: (u: U) => void): Promise<string>; pause(): void },
  count: number,
): Promise<{ status: string; updates: U[] }> {
  const updates: U[] = [];
  const status = await driver.train((u) => {
    updates.push(u);
    if (updates.length === count) driver.pause();
  });
  return { status, updates };
}

describe('the RNN race under the session driver', () => {
  it('races the three cells, streams points, pauses, steps and leaks no tensors', async () => {
    const driver = nodeDriver<RnnUpdate, RnnRaceModel>();
    await driver.load(async () => RnnRaceModel.create(rnnSpec));
    const first = await driver.update();
    expect(first.inspections?.map((i) => i.cell)).toEqual(['rnn', 'lstm', 'gru']);
    await trainFor(driver, 1); // Adam makes its moment tensors on the first step
    const before = tf.memory().numTensors;
    const { status, updates } = await trainFor(driver, 6);
    expect(status).toBe('paused');
    expect(tf.memory().numTensors).toBe(before);
    const last = updates[updates.length - 1]!;
    expect(last.status).toBe('paused');
    expect(last.steps).toBeGreaterThan(updates[0]!.steps);
    expect(updates.some((u) => u.points.lstm && Number.isFinite(u.points.lstm.loss))).toBe(true);
    expect(last.inspections?.length).toBe(3);
    const stepped = await driver.step();
    expect(stepped.steps).toBe(last.steps + 1);
    expect(stepped.points.gru?.step).toBe(last.steps + 1);
    expect(tf.memory().numTensors).toBe(before);
    await driver.dispose();
  });

  it('stops on a non-finite loss with a message and puts the last finite weights back', async () => {
    const driver = nodeDriver<RnnUpdate, RnnRaceModel>();
    // An absurd learning rate sends the weights to ±Infinity within a few steps: the loss becomes NaN.
    await driver.load(async () => RnnRaceModel.create({ ...rnnSpec, learningRate: 1e38 }));
    const updates: RnnUpdate[] = [];
    expect(await driver.train((u) => updates.push(u))).toBe('diverged');
    const last = updates[updates.length - 1]!;
    expect(last.status).toBe('diverged');
    expect(last.message).toMatch(
      /Training diverged at step \d+: the (RNN|LSTM|GRU)'s loss became (NaN|-?Infinity)\. The last finite weights \(step 0\) were restored/,
    );
    expect(last.steps).toBe(0);
    expect(await driver.model.captureGood()).not.toBeNull();
    await driver.dispose();
  });

  it('saves a checkpoint that resumes at its step with the same weights and config', async () => {
    const driver = nodeDriver<RnnUpdate, RnnRaceModel>();
    await driver.load(async () => RnnRaceModel.create(rnnSpec));
    await driver.step(3);
    const checkpoint = await driver.exclusive((m) =>
      m.checkpoint({ name: 'race', appVersion: 't', backend: 'wasm' }),
    );
    expect(checkpoint.kind).toBe('sequence-rnn');
    expect(checkpoint.counters.gradientSteps).toBe(3);
    const resumed = nodeDriver<RnnUpdate, RnnRaceModel>();
    const model = await resumed.load(() => RnnRaceModel.restore(checkpoint));
    expect(model.spec).toEqual(rnnSpec);
    expect(model.progress).toBe(3);
    expect((await resumed.step()).steps).toBe(4);
    await expect(
      resumed.load(() => RnnRaceModel.restore({ ...checkpoint, kind: 'transformer' })),
    ).rejects.toThrow(/not one this RNN panel trains/);
    expect(resumed.model.progress).toBe(4); // a refused checkpoint changes nothing
    await driver.dispose();
    await resumed.dispose();
  });
});

describe('the transformer under the session driver', () => {
  it('trains, answers typed input between two chunks, and follows it in later updates', async () => {
    const driver = nodeDriver<AttnUpdate, TransformerModel>();
    await driver.load(async () =>
      TransformerModel.create({
        config: { ...DEFAULT_TRANSFORMER, batchSize: 16 },
        probe: [1, 2, 3, 4, 5, 6],
      }),
    );
    expect((await driver.update()).inspection?.output.length).toBe(6);
    const updates: AttnUpdate[] = [];
    let typed: Promise<AttentionInspection> | null = null;
    const run = driver.train((u) => {
      updates.push(u);
      typed ??= driver.exclusive((m) => m.inspect([9, 9, 0, 0, 1, 1])).finally(() => driver.pause());
    });
    expect(await run).toBe('paused');
    expect((await typed!).input).toEqual([9, 9, 0, 0, 1, 1]);
    expect(updates[updates.length - 1]!.inspection?.input).toEqual([9, 9, 0, 0, 1, 1]);
    expect(updates.some((u) => u.point !== null && Number.isFinite(u.point.loss))).toBe(true);
    await expect(driver.exclusive((m) => m.inspect([1, 2, 3]))).rejects.toThrow(/Expected 6 digits/);
    await driver.dispose();
  });

  it('resumes a checkpoint with its step count and input', async () => {
    const driver = nodeDriver<AttnUpdate, TransformerModel>();
    await driver.load(async () =>
      TransformerModel.create({
        config: { ...DEFAULT_TRANSFORMER, batchSize: 8 },
        probe: [3, 1, 4, 1, 5, 9],
      }),
    );
    await driver.step(2);
    const checkpoint = await driver.exclusive((m) =>
      m.checkpoint({ name: 'tf', appVersion: 't', backend: 'wasm' }),
    );
    const model = await driver.load(() => TransformerModel.restore(checkpoint));
    expect(model.progress).toBe(2);
    expect(model.spec.probe).toEqual([3, 1, 4, 1, 5, 9]);
    const bad = { ...checkpoint, state: { probe: [1, 2] } };
    await expect(TransformerModel.restore(bad)).rejects.toThrow(/state.probe: Expected 6 digits/);
    await driver.dispose();
  });
});
