/**
 * Plays a greedy policy for K seeded episodes in lockstep: K copies of the game, one batched action query per
 * step for the episodes still running. The games are fresh copies with their own seeds, so playing them
 * touches neither the training env nor the agent's random stream (training stays bit-identical).
 * Synchronous and bounded: at most K × maxEpisodeSteps env steps.
 */
import { boxSize } from '../envs/core';
import { makeEnvFromConfig } from '../envs/registry';
import type { Activation } from './dqn-config';
import { JsQPolicy } from './js-q-policy';
import type { NamedWeight } from './weights';

/** Greedy actions for `count` observations laid out row by row (DqnAgent.greedyActions has this shape). */
export type BatchPolicy = (observations: Float32Array, count: number) => ArrayLike<number>;

/** What an episode scores: its return, or its count of rewarding steps (Snake's fruit, whatever the death costs). */
export type EpisodeScore = 'return' | 'positiveRewards';

export interface GreedyEpisodes {
  /** Score of each episode (its return unless asked otherwise), in seed order. */
  returns: number[];
  mean: number;
  /** Env steps played in all. */
  steps: number;
}

export function playGreedyEpisodes(
  envId: string,
  envOptions: Record<string, unknown>,
  episodes: number,
  seedBase: number,
  policy: BatchPolicy,
  score: EpisodeScore = 'return',
): GreedyEpisodes {
  const envs = Array.from({ length: episodes }, () => makeEnvFromConfig(envId, envOptions));
  const obsSize = boxSize(envs[0]!.spec.observationSpace);
  const observations = envs.map((env, i) => Float32Array.from(env.reset({ seed: seedBase + i }).observation));
  const returns = new Array<number>(episodes).fill(0);
  let running = envs.map((_, i) => i);
  let steps = 0;
  const batch = new Float32Array(episodes * obsSize);
  while (running.length > 0) {
    running.forEach((i, row) => batch.set(observations[i]!, row * obsSize));
    const actions = policy(batch.subarray(0, running.length * obsSize), running.length);
    const still: number[] = [];
    running.forEach((i, row) => {
      const result = envs[i]!.step(actions[row]!);
      returns[i]! += score === 'return' ? result.reward : result.reward > 0 ? 1 : 0;
      steps++;
      if (result.terminated || result.truncated) return;
      observations[i]!.set(result.observation);
      still.push(i);
    });
    running = still;
  }
  return { returns, mean: returns.reduce((a, b) => a + b, 0) / episodes, steps };
}

/** The greedy policy of exported online weights in plain TypeScript, as a BatchPolicy (no tfjs). */
export function jsBatchPolicy(weights: readonly NamedWeight[], activation: Activation): BatchPolicy {
  const policy = new JsQPolicy(weights, activation);
  return (observations, count) => {
    const size = observations.length / count;
    const actions = new Int32Array(count);
    for (let row = 0; row < count; row++)
      actions[row] = policy.act(observations.subarray(row * size, (row + 1) * size));
    return actions;
  };
}
