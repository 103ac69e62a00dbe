import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DQN_CONFIG, type DqnConfig } from '../../../src/agents/dqn-config';
import { SessionDriver } from '../../../src/workers/core/session-driver';
import { DqnModel, RL_TIMING } from '../../../src/workers/rl/dqn-model';
import type { RlRunSpec, RlUpdate } from '../../../src/workers/protocol';
import { useTestBackend } from '../../agents/tf-setup';

beforeAll(useTestBackend);

const small: DqnConfig = {
  ...DEFAULT_DQN_CONFIG,
  hiddenSizes: [16],
  bufferSize: 500,
  batchSize: 16,
  learningRate: 1e-3,
  learningStarts: 32,
  trainFreq: 1,
  targetUpdate: { kind: 'hard', interval: 50 },
  totalSteps: 2000,
  seed: 3,
};

const spec = (config: Partial<DqnConfig> = {}): RlRunSpec => ({
  envId: 'CartPole-v1',
  config: { ...small, ...config },
});

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The DQN under the session driver, as the arena worker runs it (with Node's clock and yield). */
function driver(): SessionDriver<RlUpdate, DqnModel> {
  return new SessionDriver<RlUpdate, DqnModel>(
    {
      yieldToEvents,
      now: () => performance.now(),
      sleep: (ms, wake) => Promise.race([new Promise<void>((r) => setTimeout(r, ms)), wake]),
    },
    RL_TIMING,
  );
}

/** Losses and finished episodes of `n` single steps, as a user stepping by hand sees them. */
async function stepTrace(d: SessionDriver<RlUpdate, DqnModel>, n: number): Promise<number[]> {
  const trace: number[] = [];
  for (let i = 0; i < n; i++) {
    const update = await d.step();
    if (update.train) trace.push(update.train.loss);
    for (const e of update.newEpisodes) trace.push(1e6 + e.return, e.envStep);
  }
  return trace;
}

describe('DqnModel under the session driver', () => {
  it('trains to a step budget (finished), streams episodes and weights, pauses at once and steps by one', async () => {
    const d = driver();
    const model = await d.load(async () => DqnModel.create(spec()));
    const first = await d.update();
    expect(first).toMatchObject({ status: 'paused', envSteps: 0, episodes: 0, newEpisodes: [] });
    expect(first.weights?.every((w) => w.name.startsWith('online/'))).toBe(true);

    model.budget = 400;
    const updates: RlUpdate[] = [];
    expect(await d.train((u) => updates.push(u))).toBe('finished');
    expect(model.progress).toBe(400);
    const last = updates[updates.length - 1]!;
    expect(last).toMatchObject({ status: 'finished', envSteps: 400 });
    expect(last.weights).toBeDefined();
    const episodes = updates.flatMap((u) => u.newEpisodes);
    expect(episodes.length).toBe(last.episodes);
    expect(episodes.length).toBeGreaterThan(5);
    expect(updates.some((u) => u.train !== null && Number.isFinite(u.train.loss))).toBe(true);

    model.budget = Infinity;
    const paused = d.train(() => d.pause());
    expect(await paused).toBe('paused');
    const at = model.progress;
    const stepped = await d.step();
    expect(stepped.envSteps).toBe(at + 1);
    await d.dispose();
  });

  it('restores the last finite weights when the TD loss diverges, and says so', async () => {
    const d = driver();
    const model = await d.load(async () =>
      DqnModel.create(
        spec({
          learningRate: 1e12,
          optimizer: 'sgd',
          maxGradNorm: null,
          huberDelta: null,
          learningStarts: 16,
        }),
      ),
    );
    const updates: RlUpdate[] = [];
    expect(await d.train((u) => updates.push(u))).toBe('diverged');
    const last = updates[updates.length - 1]!;
    expect(last.status).toBe('diverged');
    expect(last.message).toMatch(
      /^Training diverged at env step [\d,]+: the (TD loss|mean max Q) became .*The last finite weights \(env step [\d,]+\) were restored/,
    );
    expect((await model.agent.getWeights()).every((w) => w.data.every(Number.isFinite))).toBe(true);
    await d.dispose();
  });

  it('keeps the tensor count flat over many chunks', async () => {
    const d = driver();
    const model = await d.load(async () => DqnModel.create(spec()));
    model.budget = 100;
    await d.train(() => {});
    const before = tf.memory().numTensors;
    model.budget = 800;
    await d.train(() => {});
    expect(model.progress).toBe(800);
    expect(tf.memory().numTensors).toBe(before);
    await d.dispose();
  });

  it('resumes exactly: a restored checkpoint gives the same losses and returns as the run continuing', async () => {
    const original = driver();
    const model = await original.load(async () => DqnModel.create(spec()));
    await stepTrace(original, 150);
    const checkpoint = await original.exclusive((m) =>
      m.checkpointAtEpisodeEnd({ name: 'resume test', includeReplay: true }, yieldToEvents),
    );
    expect(model.atEpisodeBoundary).toBe(true);
    expect(checkpoint.counters.envSteps).toBe(model.progress);
    expect(checkpoint.counters.envSteps).toBeGreaterThan(150);

    const resumed = driver();
    const copy = await resumed.load(() => DqnModel.restore(structuredClone(checkpoint)));
    expect(copy.progress).toBe(model.progress);
    await original.update(); // the steps played to the episode end, not part of what follows
    const expected = await stepTrace(original, 250);
    const got = await stepTrace(resumed, 250);
    expect(expected.length).toBeGreaterThan(250);
    expect(got).toEqual(expected);
    await original.dispose();
    await resumed.dispose();
  });

  it('takes a checkpoint asked for while training at the next episode end, and finishes the episode when paused first', async () => {
    const d = driver();
    const model = await d.load(async () => DqnModel.create(spec()));
    const episodeEnds: number[] = [];
    const training = d.train((u) => episodeEnds.push(...u.newEpisodes.map((e) => e.envStep)));
    await yieldToEvents();
    const taken = model.requestCheckpoint({ name: 'while training', includeReplay: false });
    const checkpoint = await taken;
    d.pause();
    await training;
    expect(episodeEnds).toContain(checkpoint.counters.envSteps);

    // Asked for and paused at once: the episode is played to its end by settleRequest.
    const again = d.train(() => {});
    const request = model.requestCheckpoint({ name: 'paused at once', includeReplay: false });
    d.pause();
    await again;
    await d.exclusive((m) => m.settleRequest(yieldToEvents, undefined));
    const late = await request;
    expect(model.atEpisodeBoundary).toBe(true);
    expect(late.counters.envSteps).toBe(model.progress);
    expect(late.counters.episodes).toBeGreaterThan(checkpoint.counters.episodes);
    await d.dispose();
  });
});
