import { describe, expect, it } from 'vitest';
import { jsBatchPolicy, playGreedyEpisodes } from '../../src/agents/greedy-episodes';
import type { NamedWeight } from '../../src/agents/weights';

/** A hand-made CartPole controller: push towards the side the pole leans to (θ + θ̇ > 0 → right). */
function leanController(sign = 1): NamedWeight[] {
  // obs [x, ẋ, θ, θ̇] → q = [-(θ+θ̇), θ+θ̇]
  const kernel = [0, 0, 0, 0, -1, 1, -1, 1].map((x) => sign * x);
  return [
    { name: 'online/q_values/kernel', shape: [4, 2], data: Float32Array.from(kernel) },
    { name: 'online/q_values/bias', shape: [2], data: new Float32Array(2) },
  ];
}

describe('playGreedyEpisodes with the weights of a network (no tfjs)', () => {
  it('plays the greedy policy: a sensible controller balances, its opposite falls at once', () => {
    const good = playGreedyEpisodes('CartPole-v1', {}, 3, 1, jsBatchPolicy(leanController(), 'relu'));
    expect(good.returns).toHaveLength(3);
    expect(good.mean).toBeGreaterThan(100);
    const bad = playGreedyEpisodes('CartPole-v1', {}, 3, 1, jsBatchPolicy(leanController(-1), 'relu'));
    expect(bad.mean).toBeLessThan(20);
    // Every step played is counted, and no episode outlasts the time limit.
    expect(bad.steps).toBe(bad.returns.reduce((a, b) => a + b, 0));
    expect(Math.max(...good.returns)).toBeLessThanOrEqual(500);
  });

  it('is deterministic for a seed base, and other seeds give other starts', () => {
    const policy = jsBatchPolicy(leanController(), 'relu');
    const a = playGreedyEpisodes('CartPole-v1', {}, 4, 7, policy);
    const b = playGreedyEpisodes('CartPole-v1', {}, 4, 7, policy);
    const c = playGreedyEpisodes('CartPole-v1', {}, 4, 8, policy);
    expect(a.returns).toEqual(b.returns);
    // Episode i of base 8 is episode i + 1 of base 7.
    expect(c.returns.slice(0, 3)).toEqual(a.returns.slice(1));
  });
});

describe('scoring Snake by its fruit', () => {
  it('counts the fruit and leaves out what dying costs', () => {
    // Always straight on: the snake eats what lies in its way, then hits the wall (−1).
    const straight = (_: Float32Array, count: number) => new Int32Array(count);
    const byReturn = playGreedyEpisodes('Snake-v0', {}, 20, 3, straight);
    const byFruit = playGreedyEpisodes('Snake-v0', {}, 20, 3, straight, 'positiveRewards');
    expect(byFruit.returns).toEqual(byReturn.returns.map((r) => r + 1));
    expect(byFruit.returns.every((fruit) => fruit >= 0)).toBe(true);
  });
});
