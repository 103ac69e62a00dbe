import { describe, expect, it } from 'vitest';
import { keepsScore, verifySharePrecisions } from '../../src/agents/share-verify';
import { checkpointWithAgent } from '../../src/storage/dqn-evaluation';
import { decodeShareLink, encodeShareLink } from '../../src/storage/share-link';
import { validateCheckpoint } from '../../src/storage/validate';
import { makeDqnCheckpoint } from '../storage/fixtures';

describe('choosing a share precision', () => {
  it('plays every precision and picks the smallest link that fits and keeps the score', () => {
    const checkpoint = makeDqnCheckpoint();
    const result = verifySharePrecisions(checkpoint, 10, 475);
    expect(result.checks.map((c) => c.quantization)).toEqual(['int8', 'int8-channel', 'float16', 'float32']);
    // float32 is exact: it plays exactly as the original.
    expect(result.checks[3]!.mean).toBe(result.fullMean);
    expect(result.checks[3]!.keeps).toBe(true);
    const lengths = result.checks.map((c) => c.hashLength);
    expect(lengths[0]).toBeLessThan(lengths[1]!);
    expect(lengths[1]).toBeLessThan(lengths[2]!);
    expect(lengths[2]).toBeLessThan(lengths[3]!);
    const first = result.checks.find((c) => c.fits && c.keeps);
    expect(result.chosen).toBe(first?.quantization ?? null);
  });

  it('a solved agent must stay solved; any other keeps its score within 5%', () => {
    expect(keepsScore(476, 500, 475)).toBe(true);
    expect(keepsScore(474, 500, 475)).toBe(false);
    expect(keepsScore(96, 100, 475)).toBe(true);
    expect(keepsScore(94, 100, 475)).toBe(false);
    expect(keepsScore(-104, -100, -110)).toBe(true); // -100 ≥ -110: solved, and -104 still is
    expect(keepsScore(-112, -100, -110)).toBe(false);
  });

  it('shares the best weights by default: the link carries them and the stated score', () => {
    const latest = makeDqnCheckpoint({ seed: 1 });
    const best = makeDqnCheckpoint({ seed: 2 }).networks.online!;
    const checkpoint = validateCheckpoint({ ...latest, networks: { ...latest.networks, best } }, 'test');
    const shared = checkpointWithAgent(checkpoint, 'best');
    const link = encodeShareLink(shared, {
      quantization: 'float32',
      extraMetrics: { 'share/verifiedMeanReturn': 123.5, 'share/verifiedEpisodes': 100 },
    });
    const decoded = decodeShareLink(link.payload).checkpoint;
    expect(decoded.networks.online!.weights.map((w) => Array.from(w.data))).toEqual(
      best.weights.map((w) => Array.from(w.data)),
    );
    expect(decoded.metrics.latest['share/verifiedMeanReturn']).toBe(123.5);
    expect(decoded.metrics.latest['share/verifiedEpisodes']).toBe(100);
    expect(checkpointWithAgent(checkpoint, 'latest')).toBe(checkpoint);
  });

  it('bounds the work: refuses more than 200 episodes', () => {
    expect(() => verifySharePrecisions(makeDqnCheckpoint(), 10_000, 475)).toThrow(/1 to 200/);
  });
});
