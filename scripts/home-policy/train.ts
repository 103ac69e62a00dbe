/**
 * Trains the CartPole agent that the home page's preview plays, with the arena's own DQN and CartPole preset,
 * until its greedy policy averages ≥ 475 over 100 evaluation episodes (rl-baselines3-zoo's bar, its
 * "solved" threshold of CartPole-v1), then keeps the online network's weights. Run by train-home-policy.mjs.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { DqnLearner, type EnvLike } from '../../src/agents/dqn-learner';
import { jsBatchPolicy, playGreedyEpisodes } from '../../src/agents/greedy-episodes';
import { JsDqnAgent } from '../../src/agents/js-dqn';
import { dqnPreset } from '../../src/agents/presets';
import { initialQNetworkWeights } from '../../src/agents/q-network';
import { makeEnv } from '../../src/envs/registry';
import type { NamedWeight } from '../../src/agents/weights';

export interface TrainedPolicy {
  seed: number;
  envSteps: number;
  /** Greedy returns over 100 episodes from evaluation seed 2026. */
  evaluationMean: number;
  weights: NamedWeight[];
}

const SOLVED = 475;
const EVALUATION_SEED = 2026;

export async function trainHomePolicy(seed: number, maxSteps = 60_000): Promise<TrainedPolicy> {
  // Only the seeded initial weights come from tfjs; the typed-array engine trains, as in the arena's worker.
  await tf.setBackend('wasm');
  await tf.ready();
  const config = { ...dqnPreset('CartPole-v1'), seed };
  const agent = new JsDqnAgent(config, 4, 2, initialQNetworkWeights);
  const learner = new DqnLearner(agent, makeEnv('CartPole-v1') as unknown as EnvLike);
  for (let step = 1; step <= maxSteps; step++) {
    learner.step();
    if (step % 1000 !== 0 || step < 5000) continue;
    // The plain network on raw observations (any observation scale folded in), as the preview runs it.
    const weights = agent.getWeights().filter((w) => w.name.startsWith('online/'));
    const policy = jsBatchPolicy(weights, config.activation);
    // A quick look at 20 episodes first; only a policy that passes it gets the full 100.
    const quick = playGreedyEpisodes('CartPole-v1', {}, 20, EVALUATION_SEED, policy);
    console.log(`env step ${step}: greedy mean ${quick.mean.toFixed(1)} over 20 episodes`);
    if (quick.mean < SOLVED) continue;
    const full = playGreedyEpisodes('CartPole-v1', {}, 100, EVALUATION_SEED, policy);
    console.log(`  over 100 episodes: ${full.mean.toFixed(1)}`);
    if (full.mean >= SOLVED) return { seed, envSteps: step, evaluationMean: full.mean, weights };
  }
  throw new Error(`Seed ${seed} did not reach a greedy mean of ${SOLVED} within ${maxSteps} env steps`);
}
