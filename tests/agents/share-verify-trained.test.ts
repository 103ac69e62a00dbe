/**
 * A trained agent (the home page's CartPole policy, trained with the arena's preset) through the share-link path: each
 * precision's verified score must be the score of the same weights quantized tensor by tensor, so the
 * link's encoding and decoding add nothing to what quantization itself costs.
 */
import { describe, expect, it } from 'vitest';
import { verifySharePrecisions } from '../../src/agents/share-verify';
import { jsBatchPolicy, playGreedyEpisodes } from '../../src/agents/greedy-episodes';
import { dqnPreset } from '../../src/agents/presets';
import { EVAL_SEED_BASE } from '../../src/agents/solve-rules';
import type { NamedWeight } from '../../src/agents/weights';
import { dequantize, quantize } from '../../src/storage/quantize';
import { validateCheckpoint } from '../../src/storage/validate';
import { HOME_POLICY } from '../../src/ui/home/cartpole-policy-data';
import { decodeWeights } from '../../src/ui/home/home-policy';
import { makeDqnCheckpoint } from '../storage/fixtures';

const EPISODES = 30;
const trained = decodeWeights(HOME_POLICY.layers);

function score(weights: readonly NamedWeight[]): number {
  const policy = jsBatchPolicy(weights, 'relu');
  return playGreedyEpisodes('CartPole-v1', {}, EPISODES, EVAL_SEED_BASE, policy).mean;
}

describe('share precisions of a trained agent', () => {
  it('verifies each precision at the score of its directly quantized weights', () => {
    const base = makeDqnCheckpoint({ config: dqnPreset('CartPole-v1') });
    const online = base.networks.online!.weights.map((w) => {
      const t = trained.find((candidate) => candidate.name === `online/${w.name}`)!;
      expect(t.shape).toEqual(w.shape);
      return { ...w, data: Float32Array.from(t.data) };
    });
    expect(online).toHaveLength(trained.length);
    const checkpoint = validateCheckpoint(
      { ...base, networks: { ...base.networks, online: { weights: online } } },
      'test',
    );
    const result = verifySharePrecisions(checkpoint, EPISODES, 475);
    expect(result.fullMean).toBeGreaterThanOrEqual(475);
    for (const check of result.checks) {
      const direct = trained.map((w) => {
        const q = quantize(w.data, check.quantization, w.name, w.shape);
        const data = dequantize(q.bytes.slice().buffer, check.quantization, w.data.length, q.scale, w.shape);
        if (typeof data === 'string') throw new Error(data);
        return { ...w, data };
      });
      expect(check.mean, check.quantization).toBe(score(direct));
    }
  });
});
