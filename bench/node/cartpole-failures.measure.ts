/**
 * Why a trained CartPole agent drops the pole: trains one seed of the preset (typed-array engine) and, at every
 * check from FROM env steps on, plays 100 greedy episodes and reports how they ended (the cart past ±2.4 or
 * the pole past 12°) and the mean greedy Q-value against the most any policy can earn, 1 / (1 − γ) (100 at
 * γ 0.99): a mean above it is overestimation.
 *   SEED=19 FROM=30000 STEPS=50000 OVERRIDES='{"dueling":false}' OUT=docs/cartpole-failures.json \
 *     nice -n 10 npx vitest run --config bench/node/vitest.config.ts bench/node/cartpole-failures.measure.ts
 */
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { DqnLearner, type EnvLike } from '../../src/agents/dqn-learner';
import { JsDqnAgent } from '../../src/agents/js-dqn';
import { dqnPreset } from '../../src/agents/presets';
import { initialQNetworkWeights } from '../../src/agents/q-network';
import { CARTPOLE } from '../../src/envs/cartpole/sim';
import { makeEnvFromConfig } from '../../src/envs/registry';
import { freshEvalSeed } from './measure';

const EPISODES = 100;
const CHECK_EVERY = 1000; // env steps, as in the preset measurements

interface Check {
  envStep: number;
  meanReturn: number;
  cartOutOfBounds: number;
  poleFell: number;
  meanGreedyQ: number;
  medianLargestAbsX: number;
}

/** 100 greedy episodes on the seeds dqn-games.measure.ts's check at this env step plays. */
function playGreedy(agent: JsDqnAgent, envStep: number, seed: number): Check {
  const firstSeed = freshEvalSeed(seed, envStep / CHECK_EVERY, EPISODES);
  let steps = 0;
  let cartOutOfBounds = 0;
  let poleFell = 0;
  let qSum = 0;
  const largestAbsX: number[] = [];
  for (let e = 0; e < EPISODES; e++) {
    const env = makeEnvFromConfig('CartPole-v1', {});
    let observation = env.reset({ seed: firstSeed + e }).observation;
    let largest = 0;
    for (;;) {
      const q = agent.qValues(observation);
      qSum += Math.max(...q);
      const result = env.step(q[1]! > q[0]! ? 1 : 0);
      steps++;
      observation = result.observation;
      largest = Math.max(largest, Math.abs(observation[0]!));
      if (result.terminated) {
        if (Math.abs(observation[0]!) > CARTPOLE.xThreshold) cartOutOfBounds++;
        else poleFell++;
      }
      if (result.terminated || result.truncated) break;
    }
    largestAbsX.push(largest);
  }
  largestAbsX.sort((a, b) => a - b);
  return {
    envStep,
    meanReturn: steps / EPISODES,
    cartOutOfBounds,
    poleFell,
    meanGreedyQ: qSum / steps,
    medianLargestAbsX: largestAbsX[EPISODES / 2]!,
  };
}

it('says how the greedy episodes end', async () => {
  await tf.setBackend('wasm'); // only the seeded initial weights come from tfjs
  const seed = Number(process.env.SEED ?? 19);
  const from = Number(process.env.FROM ?? 30_000);
  const maxSteps = Number(process.env.STEPS ?? 50_000);
  const overrides: Record<string, unknown> = process.env.OVERRIDES ? JSON.parse(process.env.OVERRIDES) : {};
  const config = dqnPreset('CartPole-v1', overrides);
  const env = makeEnvFromConfig('CartPole-v1', {});
  const agent = new JsDqnAgent({ ...config, seed }, 4, 2, initialQNetworkWeights);
  const learner = new DqnLearner(agent, env as EnvLike);
  const checks: Check[] = [];
  for (let envStep = CHECK_EVERY; envStep <= maxSteps; envStep += CHECK_EVERY) {
    while (learner.counters.envSteps < envStep) learner.step();
    if (envStep < from) continue;
    const check = playGreedy(agent, envStep, seed);
    checks.push(check);
    console.log(JSON.stringify(check));
  }
  const report = { seed, overrides, valueBound: 1 / (1 - config.gamma), checks };
  if (process.env.OUT) writeFileSync(process.env.OUT, JSON.stringify(report, null, 1) + '\n');
});
