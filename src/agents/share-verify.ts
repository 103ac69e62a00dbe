/**
 * Which precision a share link of an arena agent should use: every precision is encoded, decoded as a
 * recipient would get it and played for the evaluation episodes (the same seeds as the worker's evaluations);
 * the default is the smallest link that fits and keeps the verified score. Plain TypeScript, no tfjs.
 */
import { joinNetworkWeights, type Checkpoint } from '../storage/checkpoint';
import {
  encodeShareLink,
  quantizeCheckpoint,
  QUANTIZATIONS,
  SHARE_LINK_MAX_CHARS,
  SHARE_LINK_ORIGIN_ALLOWANCE,
  type Quantization,
} from '../storage/share-link';
import { validateCheckpoint } from '../storage/validate';
import { jsBatchPolicy, playGreedyEpisodes } from './greedy-episodes';
import { EVAL_SEED_BASE, episodeScoreOf } from './solve-rules';

export interface PrecisionCheck {
  quantization: Quantization;
  /** Greedy mean of the weights as the link carries them. */
  mean: number;
  /** Characters of the `#/share/...` fragment (the page adds its own address). */
  hashLength: number;
  fits: boolean;
  /** Keeps the score of the full-precision weights (see keepsScore). */
  keeps: boolean;
}

export interface ShareVerification {
  episodes: number;
  /** Greedy mean of the weights before quantization. */
  fullMean: number;
  threshold: number | null;
  /** Smallest first: int8, int8-channel, float16, float32. */
  checks: PrecisionCheck[];
  /** The smallest precision that fits and keeps the score; null when none does. */
  chosen: Quantization | null;
}

/** Smallest link first. */
const BY_SIZE: readonly Quantization[] = ['int8', 'int8-channel', 'float16', 'float32'];

/**
 * A solved agent must still meet the threshold; any other keeps its score within 5% (rounding may also
 * help a little, which is fine).
 */
export function keepsScore(mean: number, fullMean: number, threshold: number | null): boolean {
  if (threshold !== null && fullMean >= threshold) return mean >= threshold;
  return mean >= fullMean - 0.05 * Math.abs(fullMean);
}

function greedyMean(checkpoint: Checkpoint, episodes: number): number {
  if (checkpoint.kind !== 'dqn' || checkpoint.subject.type !== 'game')
    throw new Error('Only arena agents can be verified by playing them');
  const online = checkpoint.networks.online;
  if (!online) throw new Error('The checkpoint has no online network');
  const policy = jsBatchPolicy(joinNetworkWeights({ online }), checkpoint.config.activation);
  const { gameId, envOptions } = checkpoint.subject;
  const options = envOptions as Record<string, unknown>;
  return playGreedyEpisodes(gameId, options, episodes, EVAL_SEED_BASE, policy, episodeScoreOf(gameId)).mean;
}

/** Plays the checkpoint's agent at every precision. `untrusted` is validated (it may come from storage). */
export function verifySharePrecisions(
  untrusted: unknown,
  episodes: number,
  threshold: number | null,
  originLength: number = SHARE_LINK_ORIGIN_ALLOWANCE,
): ShareVerification {
  if (!Number.isInteger(episodes) || episodes < 1 || episodes > 200)
    throw new Error(`Expected 1 to 200 verification episodes, got ${episodes}`);
  const checkpoint = validateCheckpoint(untrusted, 'Cannot verify this agent');
  const fullMean = greedyMean(checkpoint, episodes);
  const checks = BY_SIZE.filter((q) => QUANTIZATIONS.includes(q)).map((quantization): PrecisionCheck => {
    const link = encodeShareLink(checkpoint, { quantization });
    const mean = greedyMean(quantizeCheckpoint(checkpoint, { quantization }), episodes);
    return {
      quantization,
      mean,
      hashLength: link.length,
      fits: link.length + originLength <= SHARE_LINK_MAX_CHARS,
      keeps: keepsScore(mean, fullMean, threshold),
    };
  });
  const chosen = checks.find((c) => c.fits && c.keeps)?.quantization ?? null;
  return { episodes, fullMean, threshold, checks, chosen };
}
