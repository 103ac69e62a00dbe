import { describe, expect, it } from 'vitest';
import { FROZEN_LAKE_MAPS, FrozenLakeSim } from '../../src/envs/gridworld/sim';
import { frozenLakeOptimum, frozenLakeTransitions } from '../../src/envs/gridworld/transition-model';

const MAP = FROZEN_LAKE_MAPS['4x4'];
const position = (observation: Float32Array) => observation.indexOf(1);

describe("FrozenLake's transition model", () => {
  it('holds every step the simulation takes, with its reward and termination', () => {
    const P = frozenLakeTransitions(MAP, true);
    const env = new FrozenLakeSim({ map: '4x4', isSlippery: true });
    const counts = new Map<string, number>();
    let state = position(env.reset({ seed: 5 }).observation);
    for (let i = 0; i < 20_000; i++) {
      const action = i % 4;
      const result = env.step(action);
      const next = position(result.observation);
      const outcome = P[state]![action]!.find((t) => t.next === next);
      expect(outcome, `state ${state} action ${action} → ${next}`).toBeDefined();
      expect(result.reward).toBe(outcome!.reward);
      expect(result.terminated).toBe(outcome!.terminated);
      const key = `${state}/${action}/${next}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      state = result.terminated ? position(env.reset().observation) : next;
    }
    // From the start, action "down" slips left (stays), down or right, a third each, as Gymnasium's model says.
    const fromStart = [0, 4, 1].map((next) => counts.get(`0/1/${next}`) ?? 0);
    const total = fromStart.reduce((a, b) => a + b, 0);
    expect(P[0]![1]!.map((t) => [t.next, t.probability])).toEqual([
      [0, 1 / 3],
      [4, 1 / 3],
      [1, 1 / 3],
    ]);
    for (const n of fromStart) expect(Math.abs(n / total - 1 / 3)).toBeLessThan(0.05);
  });
});

describe('the best success rate on FrozenLake 4×4', () => {
  it('is certain without slipping, and about 0.74 within 100 steps on slippery ice', () => {
    expect(frozenLakeOptimum(MAP, false, 100).successRate).toBeCloseTo(1, 12);
    // Six moves are the shortest path: with five steps left, nothing reaches the goal.
    expect(frozenLakeOptimum(MAP, false, 5).successRate).toBe(0);
    const slippery = frozenLakeOptimum(MAP, true, 100).successRate;
    expect(slippery).toBeGreaterThan(0.73);
    expect(slippery).toBeLessThan(0.75);
  });

  it('is what its policy reaches when played in the simulation', () => {
    const { successRate, policy } = frozenLakeOptimum(MAP, true, 100);
    const env = new FrozenLakeSim({ map: '4x4', isSlippery: true });
    const episodes = 5000;
    let successes = 0;
    for (let episode = 0; episode < episodes; episode++) {
      let state = position(env.reset({ seed: 100 + episode }).observation);
      for (let t = 0; t < 100; t++) {
        const result = env.step(policy[state]!);
        if (result.reward > 0) successes++;
        if (result.terminated) break;
        state = position(result.observation);
      }
    }
    // Binomial standard error at p ≈ 0.74 over 5,000 episodes is about 0.006.
    expect(Math.abs(successes / episodes - successRate)).toBeLessThan(0.025);
  });
});
