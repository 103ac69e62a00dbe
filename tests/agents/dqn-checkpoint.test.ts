import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DqnAgent } from '../../src/agents/dqn';
import type { DqnConfig } from '../../src/agents/dqn-config';
import { DqnLearner, type DqnStepResult } from '../../src/agents/dqn-learner';
import type { DqnCheckpoint } from '../../src/storage/checkpoint';
import { closePlaygroundDB, loadCheckpoint, saveCheckpoint } from '../../src/storage/db';
import { captureDqnCheckpoint, restoreDqnCheckpoint } from '../../src/agents/dqn-checkpoint';
import { decodeShareLink, encodeShareLink } from '../../src/storage/share-link';
import { CheckpointError } from '../../src/storage/validate';
import { CARTPOLE_CONFIG } from '../storage/fixtures';
import { WalkEnv } from './walk-env';

const CONFIG: DqnConfig = {
  ...CARTPOLE_CONFIG,
  hiddenSizes: [16, 16],
  bufferSize: 400,
  batchSize: 16,
  learningStarts: 40,
  targetUpdate: { kind: 'hard', interval: 25 },
  totalSteps: 600,
  seed: 5,
};

async function run(learner: DqnLearner, steps: number): Promise<Omit<DqnStepResult, 'epsilon'>[]> {
  const results = [];
  for (let i = 0; i < steps; i++) {
    const { epsilon: _epsilon, ...result } = await learner.step();
    results.push(result);
  }
  return results;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  vi.stubGlobal('indexedDB', new IDBFactory());
});

afterAll(async () => {
  await closePlaygroundDB();
  vi.unstubAllGlobals();
});

/** Trains 120 steps, checkpoints through IndexedDB, and restores into a fresh agent, learner and env. */
async function resumeThroughDb(config: DqnConfig) {
  const envA = new WalkEnv();
  const agentA = new DqnAgent(config, 4, 2);
  const learnerA = new DqnLearner(agentA, envA);
  await run(learnerA, 120);
  const captured = await captureDqnCheckpoint(agentA, learnerA, {
    name: 'Walk',
    appVersion: '0.1.0',
    backend: tf.getBackend(),
    gameId: 'Walk-v0',
    includeReplay: true,
    envState: envA.getState() as unknown as Record<string, never>,
    latestMetrics: { 'losses/td': 0.5 },
  });
  expect(captured.counters).toEqual({
    envSteps: 120,
    episodes: learnerA.counters.episodes,
    gradientSteps: agentA.gradientSteps,
  });
  expect(Object.keys(captured.networks)).toEqual(['online', 'target']);
  expect(captured.optimizers.online[0].name).toBe('optimizer/iter');
  // n-step returns: the steps whose window is still open are in the learner's state, not yet in the replay.
  const pending = learnerA.getState().pending ?? [];
  expect(captured.replay?.size).toBe(120 - pending.length);

  const { record } = await saveCheckpoint(captured);
  const loaded = (await loadCheckpoint(record.id)) as DqnCheckpoint;
  expect(loaded).toEqual(captured);

  const envB = new WalkEnv();
  envB.setState(loaded.state.env as unknown as ReturnType<WalkEnv['getState']>);
  const agentB = new DqnAgent(loaded.config, 4, 2);
  const learnerB = new DqnLearner(agentB, envB);
  await restoreDqnCheckpoint(loaded, agentB, learnerB);

  // Everything the checkpoint holds is back, exactly.
  expect(await agentB.getWeights()).toEqual(await agentA.getWeights());
  expect(await agentB.getOptimizerState()).toEqual(await agentA.getOptimizerState());
  expect(agentB.getState()).toEqual(agentA.getState());
  expect(agentB.replay.exportData()).toEqual(agentA.replay.exportData());
  expect(learnerB.getState()).toEqual(learnerA.getState());
  return { agentA, agentB, learnerA, learnerB };
}

describe('DQN checkpoints', () => {
  const exact: [string, DqnConfig][] = [
    ['sgd, uniform replay', { ...CONFIG, optimizer: 'sgd' }],
    [
      'rmsprop, dueling head, prioritized replay, soft target',
      {
        ...CONFIG,
        optimizer: 'rmsprop',
        dueling: true,
        prioritized: true,
        targetUpdate: { kind: 'soft', tau: 0.05 },
      },
    ],
  ];
  it('resumes exactly mid-episode with n-step returns (the open window is saved with the learner)', async () => {
    const config: DqnConfig = { ...CONFIG, nStep: 4, prioritized: true, doubleDqn: true };
    const { agentA, agentB, learnerA, learnerB } = await resumeThroughDb(config);
    expect(learnerA.getState().pending?.length).toBeGreaterThan(0);
    expect(await run(learnerB, 80)).toEqual(await run(learnerA, 80));
    expect(await agentB.getWeights()).toEqual(await agentA.getWeights());
    expect(agentB.replay.exportData()).toEqual(agentA.replay.exportData());
    agentA.dispose();
    agentB.dispose();
  });

  for (const [name, config] of exact) {
    it(`resumes exactly through IndexedDB (${name})`, async () => {
      const { agentA, agentB, learnerA, learnerB } = await resumeThroughDb(config);
      // The same future, step for step and bit for bit: actions, rewards, losses, weights, optimizer.
      expect(await run(learnerB, 80)).toEqual(await run(learnerA, 80));
      expect(await agentB.getWeights()).toEqual(await agentA.getWeights());
      expect(await agentB.getOptimizerState()).toEqual(await agentA.getOptimizerState());
      agentA.dispose();
      agentB.dispose();
    });
  }

  it('resumes Adam exactly too (its running β products are saved with the moments)', async () => {
    const { agentA, agentB, learnerA, learnerB } = await resumeThroughDb({
      ...CONFIG,
      dueling: true,
      prioritized: true,
    });
    expect(await run(learnerB, 80)).toEqual(await run(learnerA, 80));
    expect(await agentB.getWeights()).toEqual(await agentA.getWeights());
    expect(await agentB.getOptimizerState()).toEqual(await agentA.getOptimizerState());
    agentA.dispose();
    agentB.dispose();
  });

  it('plays a shared agent from a link (no optimizer, target or replay in it)', async () => {
    const agentA = new DqnAgent(CONFIG, 4, 2);
    const learnerA = new DqnLearner(agentA, new WalkEnv());
    await run(learnerA, 60);
    const cp = await captureDqnCheckpoint(agentA, learnerA, {
      name: 'Walk',
      appVersion: '0.1.0',
      backend: 'cpu',
      gameId: 'Walk-v0',
    });
    const { checkpoint } = decodeShareLink(encodeShareLink(cp, { quantization: 'float32' }).hash);
    const agentB = new DqnAgent(checkpoint.config as DqnConfig, 4, 2);
    await restoreDqnCheckpoint(checkpoint as DqnCheckpoint, agentB);
    const observation = [0.25, 0.5, -0.1, 1];
    expect(await agentB.qValues(observation)).toEqual(await agentA.qValues(observation));
    expect(await agentB.targetQValues(observation)).toEqual(await agentA.qValues(observation)); // target = online copy

    const wrongSize = new DqnAgent(CONFIG, 3, 2);
    await expect(restoreDqnCheckpoint(checkpoint as DqnCheckpoint, wrongSize)).rejects.toThrow(
      CheckpointError,
    );
    await expect(restoreDqnCheckpoint(checkpoint as DqnCheckpoint, wrongSize)).rejects.toThrow(/3 inputs/);
    for (const agent of [agentA, agentB, wrongSize]) agent.dispose();
  });
});
