/** The Snake reference policies the preset measurement compares against (bench/node/snake-baselines.ts). */
import { describe, expect, it } from 'vitest';
import { randomSnakePolicy, snakeFruitPerEpisode, towardFoodPolicy } from '../../bench/node/snake-baselines';
import { SNAKE_ACTIONS } from '../../src/envs/snake/sim';

/** [danger straight, left, right, heading up, right, down, left, food up, right, down, left] */
function features(danger: number[], heading: number, food: number[]): number[] {
  const h = [0, 0, 0, 0];
  h[heading] = 1;
  return [...danger, ...h, ...food];
}

describe('towardFoodPolicy', () => {
  it('turns toward food that lies to the side', () => {
    // Heading up, food to the right: a right turn.
    expect(towardFoodPolicy(features([0, 0, 0], 0, [0, 1, 0, 0]))).toBe(SNAKE_ACTIONS.right);
    // Heading right, food above: a left turn.
    expect(towardFoodPolicy(features([0, 0, 0], 1, [1, 0, 0, 0]))).toBe(SNAKE_ACTIONS.left);
  });

  it('never steps toward food into danger when a safe move exists', () => {
    // Heading up, food ahead but a wall ahead and on the left: only right is safe.
    expect(towardFoodPolicy(features([1, 1, 0], 0, [1, 0, 0, 0]))).toBe(SNAKE_ACTIONS.right);
  });

  it('eats far more than random play', () => {
    const random = snakeFruitPerEpisode(randomSnakePolicy(3), 50, 500);
    const toward = snakeFruitPerEpisode(towardFoodPolicy, 50, 500);
    expect(random).toBeLessThan(1);
    expect(toward).toBeGreaterThan(5);
  });
});
