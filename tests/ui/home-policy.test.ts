import { describe, expect, it } from 'vitest';
import { decodeWeights, loadHomePolicy } from '../../src/ui/home/home-policy';
import { encodeBase64Url } from '../../src/storage/binary';
import { JsQPolicy } from '../../src/agents/js-q-policy';
import { jsBatchPolicy, playGreedyEpisodes } from '../../src/agents/greedy-episodes';

const encode = (values: number[]): string =>
  encodeBase64Url(new Uint8Array(Float32Array.from(values).buffer));

describe('the home preview policy', () => {
  it('decodes float32 weights with their shapes, and refuses a size that does not match', () => {
    const [w] = decodeWeights([
      { name: 'online/q_values/kernel', shape: [2, 2], data: encode([1, -2, 0.5, 3]) },
    ]);
    expect(w!.shape).toEqual([2, 2]);
    expect([...w!.data]).toEqual([1, -2, 0.5, 3]);
    expect(() => decodeWeights([{ name: 'x', shape: [3], data: encode([1, 2]) }])).toThrow(
      'Weight x: expected 12 bytes for shape [3], got 8',
    );
  });

  it('is the trained agent it says it is: its greedy policy balances CartPole', async () => {
    const policy = await loadHomePolicy();
    expect(new JsQPolicy(policy.weights, policy.activation).obsSize).toBe(4);
    // Other seeds than the one it was measured on: a solved agent averages well over 400 of 500.
    const policyOf = jsBatchPolicy(policy.weights, policy.activation);
    const result = playGreedyEpisodes('CartPole-v1', {}, 20, 99, policyOf);
    expect(result.mean).toBeGreaterThan(400);
    expect(policy.evaluationMean).toBeGreaterThanOrEqual(475);
  });
});
