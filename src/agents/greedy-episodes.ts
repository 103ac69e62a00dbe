/**
 * Plays a greedy policy for K seeded episodes in lockstep: K copies of the game, one batched action query per
 * step for the episodes still running. The games are fresh copies with their own seeds, so playing them
 * touches neither the training env nor the agent's random stream (training stays bit-identical).
 * Bounded: at most K × maxEpisodeSteps env steps (synchronous, or one awaited query per step for tfjs).
 */
import { boxSize } from '../envs/core';
import { makeEnvFromConfig } from '../envs/registry';
import type { Activation } from './dqn-config';
import type { Computed } from './dqn-agent-base';
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

/** K seeded copies of a game played in lockstep: the rows still running, then their actions, until all end. */
class LockstepEpisodes {
  private readonly envs: ReturnType<typeof makeEnvFromConfig>[];
  private readonly obsSize: number;
  private readonly observations: Float32Array[];
  private readonly returns: number[];
  private readonly batch: Float32Array;
  private running: number[];
  private steps = 0;

  constructor(
    envId: string,
    envOptions: Record<string, unknown>,
    episodes: number,
    seedBase: number,
    private readonly score: EpisodeScore,
  ) {
    this.envs = Array.from({ length: episodes }, () => makeEnvFromConfig(envId, envOptions));
    this.obsSize = boxSize(this.envs[0]!.spec.observationSpace);
    this.observations = this.envs.map((env, i) =>
      Float32Array.from(env.reset({ seed: seedBase + i }).observation),
    );
    this.returns = new Array<number>(episodes).fill(0);
    this.running = this.envs.map((_, i) => i);
    this.batch = new Float32Array(episodes * this.obsSize);
  }

  get done(): boolean {
    return this.running.length === 0;
  }

  get count(): number {
    return this.running.length;
  }

  /** The observations of the episodes still running, row by row. */
  query(): Float32Array {
    this.running.forEach((i, row) => this.batch.set(this.observations[i]!, row * this.obsSize));
    return this.batch.subarray(0, this.running.length * this.obsSize);
  }

  /** Plays one action per running episode (in query() order). */
  play(actions: ArrayLike<number>): void {
    const still: number[] = [];
    this.running.forEach((i, row) => {
      const result = this.envs[i]!.step(actions[row]!);
      this.returns[i]! += this.score === 'return' ? result.reward : result.reward > 0 ? 1 : 0;
      this.steps++;
      if (result.terminated || result.truncated) return;
      this.observations[i]!.set(result.observation);
      still.push(i);
    });
    this.running = still;
  }

  result(): GreedyEpisodes {
    const { returns, steps } = this;
    return { returns, mean: returns.reduce((a, b) => a + b, 0) / returns.length, steps };
  }
}

export function playGreedyEpisodes(
  envId: string,
  envOptions: Record<string, unknown>,
  episodes: number,
  seedBase: number,
  policy: BatchPolicy,
  score: EpisodeScore = 'return',
): GreedyEpisodes {
  const games = new LockstepEpisodes(envId, envOptions, episodes, seedBase, score);
  while (!games.done) games.play(policy(games.query(), games.count));
  return games.result();
}

/** The same with a policy that may read its actions back asynchronously (a tfjs agent on any backend). */
export async function playGreedyEpisodesAsync(
  envId: string,
  envOptions: Record<string, unknown>,
  episodes: number,
  seedBase: number,
  policy: (observations: Float32Array, count: number) => Computed<ArrayLike<number>>,
  score: EpisodeScore = 'return',
): Promise<GreedyEpisodes> {
  const games = new LockstepEpisodes(envId, envOptions, episodes, seedBase, score);
  while (!games.done) games.play(await policy(games.query(), games.count));
  return games.result();
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
