/**
 * When an arena game counts as solved, and how often the worker checks: rl-baselines3-zoo's EvalCallback
 * plays greedy episodes on a separate env every N steps; "solved" is the greedy mean of those episodes
 * reaching the game's threshold (Gymnasium's reward_threshold where it has one). Plain data: the page shows
 * the rule, the worker applies it, checkpoints and recipe links carry the settings.
 */

/** How a run is evaluated while it trains. */
export interface EvaluationSettings {
  /** Env steps between two evaluations; 0 turns evaluation off. */
  every: number;
  /** Greedy episodes per evaluation, each on its own fixed seed (the same seeds every time). */
  episodes: number;
  /** Stop training the first time the greedy mean reaches the threshold. */
  stopWhenSolved: boolean;
}

import { MAX_EVAL_EPISODES, MAX_EVAL_EVERY } from '../storage/dqn-evaluation';
import type { EpisodeScore } from './greedy-episodes';

export { MAX_EVAL_EPISODES, MAX_EVAL_EVERY } from '../storage/dqn-evaluation';

/**
 * Evaluation episode i starts from seed EVAL_SEED_BASE + i: far from the training seeds users type, so the
 * agent is checked on starts it did not train from.
 */
export const EVAL_SEED_BASE = 1_000_003;

interface GameRule {
  every: number;
  episodes: number;
  /** What the score counts, in a user's words. */
  score: string;
  /** How an episode is scored (the return unless the game counts something else). */
  counts?: EpisodeScore;
  /** Where the threshold comes from. */
  source: string;
}

/**
 * Per game. 100 episodes where an episode is cheap enough (the zoo's and Gymnasium's convention for
 * CartPole and MountainCar); evaluation stays under ~10% of training time at these intervals (bench dqn-eval).
 */
const RULES: Readonly<Record<string, GameRule>> = {
  'CartPole-v1': {
    every: 1000,
    episodes: 100,
    score: 'greedy mean return',
    source: "Gymnasium's reward_threshold for CartPole-v1",
  },
  'MountainCar-v0': {
    every: 2000,
    episodes: 100,
    score: 'greedy mean return',
    source: "Gymnasium's reward_threshold for MountainCar-v0",
  },
  'FrozenLake-v1': {
    every: 1000,
    episodes: 100,
    score: 'greedy success rate',
    source: "Gymnasium's reward_threshold for FrozenLake 4x4 (the slippery optimum is about 0.74)",
  },
  'Catch-v0': {
    every: 500,
    episodes: 20,
    score: 'greedy mean return (caught − missed)',
    source: '90% of the balls caught',
  },
  'Snake-v0': {
    every: 5000,
    episodes: 20,
    score: 'greedy mean fruit eaten',
    counts: 'positiveRewards',
    source: 'a fruit for every five cells of the board',
  },
};

const FALLBACK: GameRule = { every: 2000, episodes: 20, score: 'greedy mean return', source: 'the game' };

function ruleOf(envId: string): GameRule {
  return Object.hasOwn(RULES, envId) ? RULES[envId]! : FALLBACK;
}

/** How an evaluation episode of the game is scored: Snake counts fruit, every other game its return. */
export function episodeScoreOf(envId: string): EpisodeScore {
  return ruleOf(envId).counts ?? 'return';
}

/** The default settings for a game: stop when solved wherever there is a threshold. */
export function evaluationDefaults(envId: string, threshold: number | null): EvaluationSettings {
  const rule = ruleOf(envId);
  return { every: rule.every, episodes: rule.episodes, stopWhenSolved: threshold !== null };
}

/** The rule in words, e.g. "Solved when the greedy mean return over 100 episodes reaches 475 (...)". */
export function solveRuleText(envId: string, threshold: number | null, settings: EvaluationSettings): string {
  const rule = ruleOf(envId);
  const cadence =
    settings.every > 0
      ? `checked every ${settings.every.toLocaleString('en-US')} env steps`
      : 'evaluation is off for this run';
  if (threshold === null)
    return `No solve threshold for this variant; the ${rule.score} over ${settings.episodes} episodes is ${cadence}.`;
  return (
    `Solved when the ${rule.score} over ${settings.episodes} episodes reaches ${threshold} ` +
    `(${rule.source}), ${cadence}.`
  );
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Settings from outside (a link, a file, an old checkpoint), checked; throws saying what was expected. */
export function checkEvaluationSettings(untrusted: unknown): EvaluationSettings {
  if (typeof untrusted !== 'object' || untrusted === null || Array.isArray(untrusted))
    throw new Error(
      `Expected evaluation settings { every, episodes, stopWhenSolved }, got ${String(untrusted)}`,
    );
  const { every, episodes, stopWhenSolved } = untrusted as Record<string, unknown>;
  if (!isInt(every) || every < 0 || every > MAX_EVAL_EVERY)
    throw new Error(
      `Expected evaluation.every to be an integer in [0, ${MAX_EVAL_EVERY}], got ${String(every)}`,
    );
  if (!isInt(episodes) || episodes < 1 || episodes > MAX_EVAL_EPISODES)
    throw new Error(
      `Expected evaluation.episodes to be an integer in [1, ${MAX_EVAL_EPISODES}], got ${String(episodes)}`,
    );
  if (typeof stopWhenSolved !== 'boolean')
    throw new Error(`Expected evaluation.stopWhenSolved to be a boolean, got ${String(stopWhenSolved)}`);
  return { every, episodes, stopWhenSolved };
}
