/**
 * Pausing learning while the agent wins (config.pauseLearningAtReturn): the weights are held exactly while the
 * mean of the latest training returns reaches the threshold, learning comes back when it falls, and a resumed
 * run pauses where the original did (the pause is a function of the saved episode returns).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DQN_CONFIG, type DqnConfig, type OptimizerName } from '../../src/agents/dqn-config';
import type { DqnAgentBase } from '../../src/agents/dqn-agent-base';
import { createDqnAgent, type DqnEngine } from '../../src/agents/dqn-engine';
import { DqnLearner } from '../../src/agents/dqn-learner';
import { learningRateAt } from '../../src/agents/schedules';
import { useTestBackend } from './tf-setup';
import { WalkEnv } from './walk-env';

beforeAll(useTestBackend);

const EPISODES = 3;
const STEPS = 600;

const CONFIG: DqnConfig = {
  ...DEFAULT_DQN_CONFIG,
  hiddenSizes: [16, 16],
  learningRate: 1e-2,
  bufferSize: 1_000,
  batchSize: 16,
  learningStarts: 50,
  trainFreq: 1,
  totalSteps: STEPS,
  pauseLearningEpisodes: EPISODES,
  seed: 7,
};

/** Online weights as one flat copy, to compare step to step. */
async function onlineWeights(agent: DqnAgentBase): Promise<Float32Array> {
  const parts = (await agent.getWeights()).filter((w) => w.name.startsWith('online/'));
  return Float32Array.from(parts.flatMap((w) => Array.from(w.data)));
}

const meanOfLast = (values: readonly number[], n: number): number =>
  values.slice(-n).reduce((a, b) => a + b, 0) / n;

/** The median of the rolling EPISODES-episode means of an unpaused run: a threshold that is met about half the time. */
async function typicalRecentReturn(config: DqnConfig, engine: DqnEngine): Promise<number> {
  const agent = createDqnAgent(config, 4, 2, engine);
  const learner = new DqnLearner(agent, new WalkEnv());
  for (let i = 0; i < STEPS; i++) await learner.step();
  agent.dispose();
  const returns = learner.episodeReturns;
  const means = returns
    .slice(EPISODES - 1)
    .map((_, i) => meanOfLast(returns.slice(0, i + EPISODES), EPISODES));
  return means.sort((a, b) => a - b)[means.length >> 1]!;
}

const CASES: [DqnEngine, OptimizerName][] = [
  ['js', 'adam'],
  ['tfjs', 'adam'],
  ['tfjs', 'rmsprop'],
  ['tfjs', 'sgd'],
];

describe.each(CASES)('pausing learning on the %s engine with %s', (engine, optimizer) => {
  it('holds the weights exactly while the recent returns reach the threshold, and learns when they fall', async () => {
    const base: DqnConfig = { ...CONFIG, optimizer };
    const config: DqnConfig = { ...base, pauseLearningAtReturn: await typicalRecentReturn(base, engine) };
    const agent = createDqnAgent(config, 4, 2, engine);
    const learner = new DqnLearner(agent, new WalkEnv());
    const trainedSteps = { paused: 0, learning: 0 };
    let pauses = 0;
    let wasPaused = false;
    let before = await onlineWeights(agent);
    for (let i = 0; i < STEPS; i++) {
      const result = await learner.step();
      const after = await onlineWeights(agent);
      const { episodeReturns } = learner;
      const expected =
        episodeReturns.length >= EPISODES &&
        meanOfLast(episodeReturns, EPISODES) >= config.pauseLearningAtReturn!;
      expect(learner.learningPaused).toBe(expected);
      expect(learner.learningRate).toBe(expected ? 0 : learningRateAt(config, learner.counters.envSteps));
      if (result.train) {
        if (learner.learningPaused) {
          trainedSteps.paused++;
          expect(after).toEqual(before);
        } else {
          trainedSteps.learning++;
          expect(after).not.toEqual(before);
        }
      }
      if (learner.learningPaused && !wasPaused) pauses++;
      wasPaused = learner.learningPaused;
      before = after;
    }
    // Both states happened, and learning resumed after a pause at least once.
    expect(trainedSteps.paused).toBeGreaterThan(20);
    expect(trainedSteps.learning).toBeGreaterThan(20);
    expect(pauses).toBeGreaterThan(1);
    agent.dispose();
  });
});

describe('a resumed run', () => {
  it('is paused exactly when the run it was saved from was', async () => {
    const config: DqnConfig = { ...CONFIG, pauseLearningAtReturn: await typicalRecentReturn(CONFIG, 'js') };
    const [agent, copyAgent] = [createDqnAgent(config, 4, 2, 'js'), createDqnAgent(config, 4, 2, 'js')];
    const learner = new DqnLearner(agent, new WalkEnv());
    const seen = new Set<boolean>();
    for (let i = 0; i < STEPS && seen.size < 2; i++) {
      await learner.step();
      // A fresh learner given the saved state (the pause lives only in the learner, not the agent).
      const copy = new DqnLearner(copyAgent, new WalkEnv());
      copy.setState(learner.getState());
      expect(copy.learningPaused).toBe(learner.learningPaused);
      if (learner.counters.episodes >= EPISODES) seen.add(learner.learningPaused);
    }
    expect(seen.size).toBe(2);
    agent.dispose();
    copyAgent.dispose();
  });

  it('never pauses without a threshold', async () => {
    const agent = createDqnAgent(CONFIG, 4, 2, 'js');
    const learner = new DqnLearner(agent, new WalkEnv());
    for (let i = 0; i < 300; i++) {
      await learner.step();
      expect(learner.learningPaused).toBe(false);
    }
    agent.dispose();
  });
});
