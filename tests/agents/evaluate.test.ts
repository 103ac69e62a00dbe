import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateGreedy } from '../../src/agents/evaluate';
import type { NamedWeight } from '../../src/agents/weights';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A hand-made CartPole controller: push towards the side the pole leans to (θ + θ̇ > 0 → right). */
function leanController(): NamedWeight[] {
  // obs [x, ẋ, θ, θ̇] → q = [-(θ+θ̇), θ+θ̇]
  return [
    { name: 'online/q_values/kernel', shape: [4, 2], data: Float32Array.from([0, 0, 0, 0, -1, 1, -1, 1]) },
    { name: 'online/q_values/bias', shape: [2], data: new Float32Array(2) },
  ];
}

describe('evaluateGreedy', () => {
  it('plays the greedy policy of the weights: a sensible controller balances, its opposite falls at once', async () => {
    const good = await evaluateGreedy(leanController(), 'relu', 'CartPole-v1', {}, 3);
    expect(good.returns).toHaveLength(3);
    expect(good.mean).toBeGreaterThan(100);
    const flipped = leanController().map((w) => ({ ...w, data: w.data.map((x) => -x) }));
    const bad = await evaluateGreedy(flipped, 'relu', 'CartPole-v1', {}, 3);
    expect(bad.mean).toBeLessThan(20);
  });

  it('is deterministic for a seed', async () => {
    const a = await evaluateGreedy(leanController(), 'relu', 'CartPole-v1', {}, 2, 7);
    const b = await evaluateGreedy(leanController(), 'relu', 'CartPole-v1', {}, 2, 7);
    expect(a.returns).toEqual(b.returns);
  });
});
