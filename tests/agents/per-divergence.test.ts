/**
 * A diverging run with prioritized replay reports the divergence instead of crashing: the non-finite TD errors
 * of the step that blew up never reach the sum tree (whose guard would throw), and the learner stops its
 * gradient steps at the first non-finite loss, so the worker can roll back and say "diverged".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DQN_CONFIG, type DqnConfig } from '../../src/agents/dqn-config';
import { createDqnAgent, type DqnEngine } from '../../src/agents/dqn-engine';
import { DqnLearner, type DqnStepResult } from '../../src/agents/dqn-learner';
import { PrioritizedReplayBuffer } from '../../src/agents/prioritized-replay';
import { useTestBackend } from './tf-setup';
import { WalkEnv } from './walk-env';

beforeAll(useTestBackend);

// What the arena's divergence e2e sets: a huge SGD step with no clipping, on squared error, three gradient
// steps per env step.
const EXPLODING: DqnConfig = {
  ...DEFAULT_DQN_CONFIG,
  hiddenSizes: [16, 16],
  dueling: true,
  prioritized: true,
  optimizer: 'sgd',
  learningRate: 1e12,
  maxGradNorm: null,
  huberDelta: null,
  bufferSize: 500,
  batchSize: 32,
  learningStarts: 40,
  trainFreq: 1,
  gradientSteps: 3,
  totalSteps: 1_000,
  seed: 3,
};

describe.each<DqnEngine>(['js', 'tfjs'])('a diverging PER run on the %s engine', (engine) => {
  it('returns a non-finite loss, leaves the priorities finite, and stops its gradient steps there', async () => {
    const agent = createDqnAgent(EXPLODING, 4, 2, engine);
    const learner = new DqnLearner(agent, new WalkEnv());
    let result: DqnStepResult | null = null;
    for (let i = 0; i < 400; i++) {
      result = await learner.step();
      if (result.train && !Number.isFinite(result.train.loss)) break;
    }
    expect(Number.isFinite(result!.train!.loss)).toBe(false);
    const replay = agent.replay as PrioritizedReplayBuffer;
    for (let slot = 0; slot < replay.size; slot++)
      expect(Number.isFinite(replay.priorityOf(slot))).toBe(true);
    // The gradient steps stopped at the bad one: fewer than the three per env step since learning started.
    const envSteps = learner.counters.envSteps;
    expect(agent.gradientSteps).toBeLessThan((envSteps - EXPLODING.learningStarts + 1) * 3);
    agent.dispose();
  });
});
