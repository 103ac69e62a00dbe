/**
 * Trains the CartPole agent that the home page's preview plays, with the arena's own DQN and CartPole preset,
 * until its greedy policy averages ≥ 475 over 100 evaluation episodes (rl-baselines3-zoo's bar, its
 * "solved" threshold of CartPole-v1), then keeps the online network's weights. Run by train-home-policy.mjs.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { DqnAgent } from '../../src/agents/dqn';
import { DqnLearner } from '../../src/agents/dqn-learner';
import { dqnPreset } from '../../src/agents/presets';
import { evaluateGreedy } from '../../src/agents/evaluate';
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

export async function trainHomePolicy(seed: number, maxSteps = 60_000): Promise<TrainedPolicy> {
  await tf.setBackend('wasm');
  await tf.ready();
  const config = { ...dqnPreset('CartPole-v1'), seed };
  const agent = new DqnAgent(config, 4, 2);
  const learner = new DqnLearner(agent, makeEnv('CartPole-v1'));
  for (let step = 1; step <= maxSteps; step++) {
    learner.step();
    if (step % 1000 !== 0 || step < 5000) continue;
    const weights = agent.getWeights().filter((w) => w.name.startsWith('online/'));
    // A quick look at 20 episodes first; only a policy that passes it gets the full 100.
    const quick = await evaluateGreedy(weights, config.activation, 'CartPole-v1', {}, 20, 2026);
    console.log(`env step ${step}: greedy mean ${quick.mean.toFixed(1)} over 20 episodes`);
    if (quick.mean < SOLVED) continue;
    const full = await evaluateGreedy(weights, config.activation, 'CartPole-v1', {}, 100, 2026);
    console.log(`  over 100 episodes: ${full.mean.toFixed(1)}`);
    if (full.mean >= SOLVED) {
      agent.dispose();
      return { seed, envSteps: step, evaluationMean: full.mean, weights };
    }
  }
  agent.dispose();
  throw new Error(`Seed ${seed} did not reach a greedy mean of ${SOLVED} within ${maxSteps} env steps`);
}
