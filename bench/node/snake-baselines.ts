/**
 * Two reference policies for Snake's 'features' observation, to say what a mean fruit count is worth:
 * uniform random actions, and a greedy "step toward the food" rule that a trained agent should beat.
 */
import { Rng } from '../../src/envs/rng';
import { HEADINGS, SNAKE_ACTIONS, turn, type SnakeAction } from '../../src/envs/snake/sim';
import { makeEnvFromConfig } from '../../src/envs/registry';

export type SnakePolicy = (observation: ArrayLike<number>) => number;

/** Relative actions in the order of the observation's danger flags [straight, left, right]. */
const RELATIVE: readonly SnakeAction[] = [SNAKE_ACTIONS.straight, SNAKE_ACTIONS.left, SNAKE_ACTIONS.right];

export function randomSnakePolicy(seed: number): SnakePolicy {
  const rng = new Rng(seed);
  return () => rng.nextInt(RELATIVE.length);
}

/**
 * Turns (or goes straight) toward the food when that move is safe; otherwise takes any safe move, straight
 * first; with no safe move it goes straight. It looks one cell ahead only, so it can trap itself in its body.
 */
export const towardFoodPolicy: SnakePolicy = (observation) => {
  const heading = HEADINGS[[3, 4, 5, 6].findIndex((i) => observation[i] === 1)] ?? 'up';
  const safe = RELATIVE.filter((_, i) => observation[i] === 0);
  const towardFood = safe.find((action) => observation[7 + HEADINGS.indexOf(turn(heading, action))] === 1);
  return towardFood ?? safe[0] ?? SNAKE_ACTIONS.straight;
};

/** Mean fruit per episode of `policy` over `episodes` seeded episodes of the default 10×10 board. */
export function snakeFruitPerEpisode(policy: SnakePolicy, episodes: number, seed: number): number {
  const env = makeEnvFromConfig('Snake-v0', {});
  let fruit = 0;
  for (let episode = 0; episode < episodes; episode++) {
    let { observation } = env.reset({ seed: seed + episode });
    for (;;) {
      const result = env.step(policy(observation));
      if (result.reward > 0) fruit++;
      observation = result.observation;
      if (result.terminated || result.truncated) break;
    }
  }
  return fruit / episodes;
}
