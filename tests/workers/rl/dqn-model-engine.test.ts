/** The arena's DQN adapter on the typed-array engine: exact resume, and checkpoints the tfjs path reads. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DQN_CONFIG, type DqnConfig } from '../../../src/agents/dqn-config';
import { dqnLayersTopologies } from '../../../src/agents/dqn-checkpoint';
import { SessionDriver } from '../../../src/workers/core/session-driver';
import { DqnModel, RL_TIMING } from '../../../src/workers/rl/dqn-model';
import type { RlRunSpec, RlUpdate } from '../../../src/workers/protocol';
import { exportCheckpointFile } from '../../../src/storage/export-file';
import { useTestBackend } from '../../agents/tf-setup';

beforeAll(useTestBackend);

const config: DqnConfig = {
  ...DEFAULT_DQN_CONFIG,
  hiddenSizes: [16, 16],
  bufferSize: 500,
  batchSize: 16,
  learningRate: 1e-3,
  learningStarts: 32,
  trainFreq: 1,
  gradientSteps: 2,
  doubleDqn: true,
  dueling: true,
  huberDelta: 1,
  maxGradNorm: 10,
  targetUpdate: { kind: 'soft', tau: 0.01 },
  totalSteps: 2000,
  seed: 4,
};
const spec: RlRunSpec = { envId: 'CartPole-v1', config };

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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

async function stepTrace(d: SessionDriver<RlUpdate, DqnModel>, n: number): Promise<number[]> {
  const trace: number[] = [];
  for (let i = 0; i < n; i++) {
    const update = await d.step();
    if (update.train) trace.push(update.train.loss, update.train.gradNorm);
    for (const e of update.newEpisodes) trace.push(1e6 + e.return, e.envStep);
  }
  return trace;
}

describe('DqnModel on the typed-array engine', () => {
  it('resumes exactly from its checkpoint, which records the engine as its backend', async () => {
    const original = driver();
    const model = await original.load(async () => DqnModel.create(spec, 'js'));
    expect(model.agent.engine).toBe('js');
    await stepTrace(original, 150);
    const checkpoint = await original.exclusive((m) =>
      m.checkpointAtEpisodeEnd({ name: 'engine resume', includeReplay: true }, yieldToEvents),
    );
    expect(checkpoint.backend).toBe('js');
    const resumed = driver();
    const copy = await resumed.load(() => DqnModel.restore(structuredClone(checkpoint), 'js'));
    expect(copy.progress).toBe(model.progress);
    await original.update();
    const expected = await stepTrace(original, 250);
    expect(expected.length).toBeGreaterThan(250);
    expect(await stepTrace(resumed, 250)).toEqual(expected);
    await original.dispose();
    await resumed.dispose();
  });

  it('writes checkpoints with the tfjs path’s weight and optimizer names, so they export as Layers models', async () => {
    const checkpoints = [];
    for (const engine of ['tfjs', 'js'] as const) {
      const d = driver();
      await d.load(async () => DqnModel.create(spec, engine));
      await stepTrace(d, 60);
      checkpoints.push(
        await d.exclusive((m) =>
          m.checkpointAtEpisodeEnd({ name: engine, includeReplay: false }, yieldToEvents),
        ),
      );
      await d.dispose();
    }
    const [tfjs, js] = checkpoints as [(typeof checkpoints)[0], (typeof checkpoints)[0]];
    const layout = (c: typeof js) => ({
      networks: Object.fromEntries(
        Object.entries(c.networks).map(([net, { weights }]) => [net, weights.map((w) => [w.name, w.shape])]),
      ),
      optimizer: c.optimizers.online!.map((w) => [w.name, w.shape]),
    });
    expect(layout(js)).toEqual(layout(tfjs));
    const file = exportCheckpointFile(js, await dqnLayersTopologies(js));
    expect(file.byteLength).toBeGreaterThan(1000);
  });

  it('continues a tfjs run on the engine', async () => {
    const d = driver();
    await d.load(async () => DqnModel.create(spec, 'tfjs'));
    await stepTrace(d, 120);
    const checkpoint = await d.exclusive((m) =>
      m.checkpointAtEpisodeEnd({ name: 'tfjs', includeReplay: true }, yieldToEvents),
    );
    await d.dispose();
    const onJs = driver();
    const model = await onJs.load(() => DqnModel.restore(structuredClone(checkpoint), 'js'));
    expect(model.agent.engine).toBe('js');
    expect(model.progress).toBe(checkpoint.counters.envSteps);
    const trace = await stepTrace(onJs, 100);
    expect(trace.every(Number.isFinite)).toBe(true);
    expect(model.agent.gradientSteps).toBe(checkpoint.counters.gradientSteps + 200);
    await onJs.dispose();
  });
});
